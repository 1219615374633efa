"""Los rótulos fijos de las fichas y del glosario, en español y en inglés: una sola tabla para el
texto y el Markdown de una ficha (``grafo.fichas.texto``) y para la página y el Markdown del glosario
(``grafo.paginas.glosario``). Un mismo rótulo se escribe igual en todas partes; donde va como título
de una columna o de un campo, con mayúscula inicial (``mayuscula``).
"""

from __future__ import annotations

from grafo.fichas.modelo import YA_REGIA, Idioma

__all__ = ["ETIQUETAS", "etiqueta", "mayuscula"]

#: Rótulo -> (español, inglés).
ETIQUETAS: dict[str, tuple[str, str]] = {
    "tambien": ("también llamado", "also called"),
    "otro_idioma": ("en inglés", "in Spanish"),
    "tipo": ("tipo", "type"),
    "categoria": ("categoría", "category"),
    "caracter": ("carácter", "binding force"),
    "rector": ("ente rector hoy", "governing body today"),
    "aprobacion": ("se aprueba mediante", "approved by"),
    "definicion": ("Definición", "Definition"),
    "ya_no_rige": ("Esta definición ya no rige", "This definition no longer applies"),
    "sin_definicion": (
        "(sin definición normativa en las fuentes consultadas)",
        "(no normative definition in the sources consulted)",
    ),
    "fuente": ("Fuente", "Source"),
    "confianza": ("confianza", "confidence"),
    "def_otro_idioma": ("EN", "ES"),
    "ensenar": ("Para enseñar", "For teaching"),
    "historia": ("Qué cambió después de 2013", "What changed after 2013"),
    "notas": ("Notas y vacíos", "Notes and gaps"),
    "vacio": ("Vacío", "Gap"),
    "jerarquia": ("Jerarquía", "Hierarchy"),
    "mas_amplio": ("más amplio", "broader"),
    "mas_especificos": ("más específicos", "narrower"),
    "competencias_nivel": ("Competencias por nivel", "Competencies by level"),
    "competencias_instrumento": ("Competencias por instrumento", "Competencies by instrument"),
    "ninguna": ("(ninguna registrada)", "(none recorded)"),
    "relacionados": ("Instrumentos relacionados", "Related instruments"),
    "ninguno": ("(ninguno registrado)", "(none recorded)"),
    "base_legal": ("base legal", "legal basis"),
    "sin_fecha": ("vigencia: fecha no hallada", "validity: date not found"),
    "desde": ("desde", "from"),
    "hasta": ("hasta", "until"),
    "vigente": ("(vigente)", "(in force)"),
    "ya_regia": (YA_REGIA, "already in force in "),
    "no_registrado": ("(no registrado)", "(not recorded)"),
    "nivel": ("nivel de gobierno", "level of government"),
    "sector": ("sector", "sector"),
    "pertenece": ("pertenece a", "part of"),
    "unidades": ("unidades y miembros", "units and members"),
    "cargo": ("cargo", "post"),
    "descripcion": ("Descripción", "Description"),
    "foro": ("Menciones en el foro", "Mentions at the forum"),
    "dichos": ("Lo que dijo en el foro", "What they said at the forum"),
    "ninguno_foro": ("(ningún enunciado lo menciona)", "(no statement mentions it)"),
    "afirma": ("afirma", "claims"),
    "subdivision_de": ("subdivisión de", "subdivision of"),
    "subdivisiones": ("subdivisiones", "subdivisions"),
    "entidades": ("Entidades de este nivel", "Bodies at this level"),
    "titulo": ("título", "title"),
    "publicacion": ("fecha de publicación", "publication date"),
    "vigente_desde": ("vigente desde", "in force from"),
    "vigente_hasta": ("vigente hasta", "in force until"),
    "derogada_por": ("derogada por", "repealed by"),
    "emitida_por": ("emitida por", "issued by"),
    "en_la_web": ("en la web", "on the web"),
    "identificador": ("identificador", "identifier"),
    "deroga": ("Deroga o sustituye", "Repeals or replaces"),
    "cambios": ("Derogada o sustituida en parte", "Repealed or replaced in part"),
    "articulos": ("Artículos citados en el grafo", "Articles cited in the graph"),
    "sin_articulo": ("Citada sin artículo", "Cited without an article"),
    "texto": ("texto", "text"),
    "sin_citas": (
        "Otros artículos suyos en el grafo, que nada cita",
        "Other articles of it in the graph, cited by nothing",
    ),
    "cita_definicion": ("definición de", "definition of"),
    "cita_caracter": ("carácter de", "binding force of"),
    "cita_fuente": ("fuente de", "source of"),
    "cita_descripcion": ("descripción de", "description of"),
    "cita_competencia": ("competencia", "competency"),
    "cita_relacion": ("relación", "relation"),
    "cita_otro": ("citado por", "cited by"),
    "marca_es": (
        "[en] = el grafo no tiene este texto en español; se muestra en inglés.",
        "[en] = the graph has no Spanish text here; shown in English.",
    ),
    "marca_en": (
        "[es] = el grafo no tiene este texto en inglés; se muestra en español.",
        "[es] = the graph has no English text here; shown in Spanish.",
    ),
    # --- la página y el Markdown del glosario
    "titulo_glosario": ("Glosario territorial", "Territorial planning glossary"),
    "terminos": ("términos", "terms"),
    "indice_az": ("Índice A–Z", "A–Z index"),
    "indice_cat": ("Por categoría", "By category"),
    "sin_categoria": ("sin categoría", "no category"),
    "siglas": ("Siglas", "Acronyms"),
    "columna_nivel": ("Nivel", "Level"),
    "titular": ("Titular", "Holder"),
    "funcion": ("Función", "Function"),
    "vigencia": ("Vigencia", "In force"),
    "mas_citas": ("Ver {n} enunciados más", "Show {n} more statements"),
    "otros_enunciados": ("Otros enunciados que lo mencionan", "Other statements that mention it"),
    "en_espanol": ("", "(in Spanish)"),
    "ver_red": ("ver en la red", "see in the network"),
}


def etiqueta(clave: str, idioma: Idioma | str = "es") -> str:
    """El rótulo ``clave`` en ``idioma`` (es, en)."""
    es, en = ETIQUETAS[clave]
    return en if idioma == "en" else es


def mayuscula(texto: str) -> str:
    """``texto`` con su primera letra en mayúscula (y las demás como están)."""
    return texto[:1].upper() + texto[1:]

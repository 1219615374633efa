"""Texto de las fichas: ``texto_ficha`` escribe cualquier ficha en español o inglés (``idioma``),
como texto o Markdown (``formato``), en líneas de a lo sumo ``ANCHO`` columnas.

Cada ficha se escribe primero como un ``Doc`` en su idioma (rótulos fijos de
``grafo.fichas.etiquetas``; lo demás, del grafo) y ``grafo.fichas.formato`` le da formato. En
inglés, lo que el grafo no tiene en inglés se muestra en español marcado «[es]» (y al revés,
«[en]»), y el pie de la ficha lo explica: nunca en silencio. Un dato que falta dice «(no registrado)».
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from grafo.fichas.etiquetas import etiqueta
from grafo.fichas.formato import ANCHO, Doc, Linea, texto_md, texto_plano
from grafo.fichas.modelo import (
    YA_REGIA,
    Cita,
    EnunciadoCitado,
    Ficha,
    FichaActor,
    FichaDeEntidad,
    FichaNivel,
    FichaNorma,
    FilaCompetencia,
    Formato,
    FuenteCitada,
    Idioma,
    Texto,
    texto_derogado,
)

__all__ = ["doc_ficha", "ficha_texto", "texto_ficha"]


class _Escritor:
    """Elige el idioma de cada texto y recuerda si tuvo que mostrar alguno en el otro idioma."""

    def __init__(self, idioma: Idioma) -> None:
        self.idioma: Idioma = idioma
        self.marcas: set[str] = set()

    def r(self, clave: str) -> str:
        """Un rótulo fijo (``grafo.fichas.etiquetas``) en el idioma de la ficha."""
        return etiqueta(clave, self.idioma)

    def t(self, texto: Texto) -> str:
        """``texto`` en el idioma de la ficha; si falta, en el otro, marcado «[es]» o «[en]»."""
        propio, otro, marca = (
            (texto.en, texto.es, "es") if self.idioma == "en" else (texto.es, texto.en, "en")
        )
        if propio or not otro:
            return propio
        self.marcas.add(marca)
        return f"[{marca}] {otro}"

    def lista(self, textos: Iterable[Texto], separador: str = ", ") -> str:
        """Los ``textos`` en el idioma de la ficha, unidos."""
        return separador.join(self.t(t) for t in textos)

    def o_nada(self, valor: str) -> str:
        """``valor``, o «(no registrado)» si está vacío."""
        return valor or self.r("no_registrado")

    def pie(self) -> list[str]:
        """La explicación de las marcas usadas."""
        return [self.r(f"marca_{'en' if m == 'es' else 'es'}") for m in sorted(self.marcas)]

    def fuentes(self, fuentes: Iterable[FuenteCitada]) -> str:
        """Artículos o normas separados por '; ', cada uno con su derogación si la hay."""
        return "; ".join(
            f.etiqueta
            + (
                f" ({texto_derogado(f.derogado_el, f.derogado_por, self.idioma, f.sustituido)})"
                if f.derogado_el
                else ""
            )
            for f in fuentes
        )

    def periodo(self, desde: str, hasta: str) -> str:
        """«desde X hasta Y», «desde X (vigente)» o «vigencia: fecha no hallada»."""
        if not desde and not hasta:
            return self.r("sin_fecha")
        if desde.startswith(YA_REGIA):
            desde = self.r("ya_regia") + desde[len(YA_REGIA) :]
        return f"{self.r('desde')} {desde or '¿?'}" + (
            f" {self.r('hasta')} {hasta}" if hasta else f" {self.r('vigente')}"
        )

    def competencia(
        self, k: FilaCompetencia, *, titular: bool = True, base: bool = True, base_texto: str | None = None
    ) -> str:
        """Una competencia en una línea: titular, función, tipo, base legal (``base_texto`` si se da)
        y vigencia."""
        texto = f"{self.t(k.funcion)} ({self.t(k.tipo)})" if k.tipo.es or k.tipo.en else self.t(k.funcion)
        if titular:
            texto = f"{self.t(k.titular)}: {texto}"
        if base:
            fuentes = self.fuentes(k.base_legal) if base_texto is None else base_texto
            texto += f"; {self.r('base_legal')}: {self.o_nada(fuentes)}"
        return f"{texto}; {self.periodo(k.desde, k.hasta)}"

    def enunciado(self, e: EnunciadoCitado, *, autor: bool = True) -> str:
        """«E073 (Efraín Arana, p. 4): «texto»» (las palabras exactas, que están en español)."""
        donde = [self.t(e.autor)] if autor and (e.autor.es or e.autor.en) else []
        donde += [f"p. {e.pagina}"] if e.pagina else []
        foro = f"{e.foro}, " if e.foro else ""
        return f"{foro}{e.ident} ({', '.join(donde)}): «{self.t(Texto(e.texto))}»"


def _con_siglas(nombre: str, siglas: Sequence[str]) -> str:
    return nombre + (f" ({', '.join(siglas)})" if siglas else "")


def _doc_concepto(f: Ficha, e: _Escritor) -> Doc:
    en = e.idioma == "en"
    d = Doc(_con_siglas(e.t(f.termino), f.siglas))
    otros = f.otros_nombres_en if en else f.otros_nombres
    if otros:
        d.cabecera.append((e.r("tambien"), "; ".join(otros)))
    d.cabecera.append((e.r("otro_idioma"), e.o_nada(f.termino.solo("es" if en else "en"))))
    tipo = e.t(f.clase)
    if f.categoria.es:
        tipo += f" · {e.r('categoria')}: {e.t(f.categoria)}"
    if f.caracter.es:
        tipo += f" · {e.r('caracter')}: {e.t(f.caracter)}"
    d.cabecera.append((e.r("tipo"), tipo))
    if f.rector:
        d.cabecera.append((e.r("rector"), e.lista(f.rector)))
    if f.aprobacion:
        d.cabecera.append((e.r("aprobacion"), e.lista(f.aprobacion)))
    definicion = d.seccion(e.r("definicion"))
    if f.definicion:
        definicion.append(Linea("parrafo", e.t(f.definicion)))
        confianza = f" ({e.r('confianza')}: {e.t(f.confianza)})" if f.confianza.es else ""
        fuente = e.o_nada(f.fuente.en_idioma(e.idioma))
        definicion.append(Linea("parrafo", f"{e.r('fuente')}: {fuente}{confianza}"))
        if f.ya_no_rige:
            definicion.append(Linea("parrafo", e.t(f.ya_no_rige)))
        otra = f.definicion.solo("es" if en else "en")
        if otra:
            definicion.append(Linea("parrafo", f"{e.r('def_otro_idioma')}: {otra}"))
    else:
        definicion.append(Linea("parrafo", e.r("sin_definicion")))
    for clave, texto in (("ensenar", f.nota_alcance), ("historia", f.nota_historica)):
        if texto:
            seccion = d.seccion(e.r(clave), [Linea("parrafo", e.t(texto))])
            otra = texto.solo("es" if en else "en") if clave == "ensenar" and texto.solo(e.idioma) else ""
            if otra:
                seccion.append(Linea("parrafo", f"{e.r('def_otro_idioma')}: {otra}"))
    _notas(d, e, [*f.notas, *f.notas_editoriales], f.vacios)
    if f.mas_amplio or f.mas_especificos:
        jerarquia = d.seccion(e.r("jerarquia"))
        for clave, terminos in (("mas_amplio", f.mas_amplio), ("mas_especificos", f.mas_especificos)):
            if terminos:
                linea = f"{e.r(clave)}: {e.lista(terminos)}"
                jerarquia.append(Linea("parrafo", linea, enlaces=_enlaces(e, terminos)))
    competencias = d.seccion(e.r("competencias_nivel"))
    if not f.competencias:
        competencias.append(Linea("parrafo", e.r("ninguna")))
    nivel_actual = None
    for c in f.competencias:
        if c.nivel.es != nivel_actual:
            competencias.append(Linea("grupo", e.t(c.nivel)))
            nivel_actual = c.nivel.es
        fila = FilaCompetencia("", Texto(""), c.titular, c.nivel, c.funcion, c.tipo, (), c.desde, c.hasta)
        base = c.base_legal.en_idioma(e.idioma)
        competencias.append(Linea("vineta", e.competencia(fila, base_texto=base), 1))
    relaciones = d.seccion(e.r("relacionados"))
    if not f.relaciones:
        relaciones.append(Linea("parrafo", e.r("ninguno")))
    for r in f.relaciones:
        unidos = [x for x in r.terminos if x.iri != f.iri]
        linea = f"{e.t(r.texto)} [{r.fuente.en_idioma(e.idioma)}]"
        relaciones.append(Linea("vineta", linea, enlaces=_enlaces(e, unidos)))
    return d


def _enlaces(e: _Escritor, terminos: Iterable[Texto]) -> tuple[tuple[str, str], ...]:
    """Los enlaces de una línea que nombra ``terminos``: su nombre en el idioma de la ficha."""
    return tuple((e.t(x), x.iri) for x in terminos if x.iri)


def _competencias_por_instrumento(
    d: Doc, e: _Escritor, competencias: Sequence[FilaCompetencia], *, nivel: Texto | None = None
) -> None:
    """Las competencias agrupadas por instrumento; con ``nivel`` (ficha de un nivel), con su titular
    y, si es de un tipo de municipalidad, cuál."""
    lineas = d.seccion(e.r("competencias_instrumento"))
    if not competencias:
        lineas.append(Linea("parrafo", e.r("ninguna")))
    actual: Texto | None = None
    for k in competencias:
        if k.instrumento != actual:
            lineas.append(Linea("grupo", e.t(k.instrumento)))
            actual = k.instrumento
        texto = e.competencia(k, titular=nivel is not None)
        if nivel is not None and k.nivel != nivel:
            titular = e.t(k.titular)
            texto = f"{titular} ({e.t(k.nivel)}){texto[len(titular) :]}"
        lineas.append(Linea("vineta", texto, 1))


def _foro(d: Doc, e: _Escritor, enunciados: Sequence[EnunciadoCitado]) -> None:
    lineas = d.seccion(e.r("foro"))
    if not enunciados:
        lineas.append(Linea("parrafo", e.r("ninguno_foro")))
    for en in enunciados:
        donde = f"{en.foro}, {en.ident}" if en.foro else en.ident
        lineas.append(Linea("vineta", e.enunciado(en), enlaces=((donde, en.iri),)))
        lineas += [Linea("vineta", f"{e.r('afirma')}: {e.t(a)}", 1) for a in en.afirmaciones]


def _notas(d: Doc, e: _Escritor, notas: Sequence[Texto], vacios: Sequence[Texto]) -> None:
    if notas or vacios:
        lineas = d.seccion(e.r("notas"))
        lineas += [Linea("vineta", f"{e.r('vacio')}: {e.t(v)}") for v in vacios]
        lineas += [Linea("vineta", e.t(n)) for n in notas]


def _doc_actor(f: FichaActor, e: _Escritor) -> Doc:
    en = e.idioma == "en"
    d = Doc(_con_siglas(e.t(f.nombre), f.siglas))
    otros = f.otros_nombres_en if en else f.otros_nombres
    if otros:
        d.cabecera.append((e.r("tambien"), "; ".join(otros)))
    d.cabecera.append((e.r("otro_idioma"), e.o_nada(f.nombre.es if en else f.nombre.en)))
    d.cabecera.append((e.r("tipo"), e.o_nada(e.t(f.clase))))
    d.cabecera.append((e.r("nivel"), e.o_nada(e.t(f.nivel))))
    d.cabecera.append((e.r("sector"), e.o_nada(e.lista(f.sector))))
    d.cabecera.append((e.r("pertenece"), e.o_nada(e.lista(f.pertenece_a))))
    if f.cargos:
        d.cabecera.append((e.r("cargo"), e.lista(f.cargos)))
    if f.unidades:
        d.cabecera.append((e.r("unidades"), e.lista(f.unidades, "; ")))
    descripcion = d.seccion(e.r("descripcion"))
    descripcion.append(Linea("parrafo", e.o_nada(e.t(f.descripcion))))
    if f.fuente:
        descripcion.append(Linea("parrafo", f"{e.r('fuente')}: {e.fuentes(f.fuente)}"))
    _notas(d, e, f.notas, f.vacios)
    _competencias_por_instrumento(d, e, f.competencias)
    _foro(d, e, f.en_el_foro)
    if f.dichos:
        dichos = d.seccion(e.r("dichos"))
        dichos += [Linea("vineta", e.enunciado(x, autor=False)) for x in f.dichos]
    return d


def _doc_nivel(f: FichaNivel, e: _Escritor) -> Doc:
    en = e.idioma == "en"
    d = Doc(e.t(f.nombre))
    d.cabecera.append((e.r("otro_idioma"), e.o_nada(f.nombre.es if en else f.nombre.en)))
    d.cabecera.append((e.r("tipo"), e.o_nada(e.t(f.clase))))
    if f.subdivision_de:
        d.cabecera.append((e.r("subdivision_de"), e.lista(f.subdivision_de)))
    if f.subdivisiones:
        d.cabecera.append((e.r("subdivisiones"), e.lista(f.subdivisiones)))
    d.seccion(e.r("definicion"), [Linea("parrafo", e.o_nada(e.t(f.definicion)))])
    entidades = d.seccion(e.r("entidades"))
    entidades += [Linea("vineta", e.t(x)) for x in f.entidades] or [Linea("parrafo", e.r("ninguna"))]
    _competencias_por_instrumento(d, e, f.competencias, nivel=f.nombre)
    _foro(d, e, f.en_el_foro)
    return d


def _cita(e: _Escritor, c: Cita) -> str:
    rotulo = e.r(f"cita_{c.que}")
    if c.competencia is not None:
        k = c.competencia
        return f"{rotulo}: {e.t(k.instrumento)} — {e.competencia(k, base=False)}"
    if c.que == "relacion" and (c.desde or c.hasta):
        return f"{rotulo}: {e.t(c.nombre)}; {e.periodo(c.desde, c.hasta)}"
    return f"{rotulo}: {e.t(c.nombre)}"


def _doc_norma(f: FichaNorma, e: _Escritor) -> Doc:
    d = Doc(f.nombre)
    if f.identificador and f.identificador != f.nombre:
        d.cabecera.append((e.r("identificador"), f.identificador))
    d.cabecera.append((e.r("titulo"), e.o_nada(e.t(f.titulo))))
    d.cabecera.append((e.r("tipo"), e.o_nada(e.t(f.tipo) or e.t(f.clase))))
    d.cabecera.append((e.r("publicacion"), e.o_nada(f.fecha_publicacion)))
    d.cabecera.append((e.r("vigente_desde"), e.o_nada(f.vigente_desde)))
    d.cabecera.append((e.r("vigente_hasta"), e.o_nada(f.vigente_hasta)))
    d.cabecera.append((e.r("derogada_por"), e.o_nada(", ".join(f.derogada_por))))
    d.cabecera.append((e.r("emitida_por"), e.o_nada(e.lista(f.emitida_por))))
    if f.confianza.es or f.confianza.en:
        d.cabecera.append((e.r("confianza"), e.t(f.confianza)))
    for pagina in f.paginas:
        d.cabecera.append((e.r("en_la_web"), pagina))
    _notas(d, e, f.notas, f.vacios)
    if f.deroga:
        deroga = d.seccion(e.r("deroga"))
        deroga += [
            Linea(
                "vineta",
                x.etiqueta
                + (f" ({texto_derogado(x.derogado_el, '', e.idioma, x.sustituido)})" * bool(x.derogado_el)),
            )
            for x in f.deroga
        ]
    if f.cambios:
        cambios = d.seccion(e.r("cambios"))
        cambios += [
            Linea(
                "vineta",
                f"{x.etiqueta} ({texto_derogado(x.derogado_el, x.derogado_por, e.idioma, x.sustituido)})",
            )
            for x in f.cambios
        ]
    articulos = d.seccion(e.r("articulos"))
    citados = [a for a in f.articulos if a.citado_por]
    if not citados:
        articulos.append(Linea("parrafo", e.r("ninguno")))
    for a in citados:
        derogado = (
            f" ({texto_derogado(a.derogado_el, a.derogado_por, e.idioma, a.sustituido)})"
            if a.derogado_el
            else ""
        )
        articulos.append(Linea("vineta", f"{a.etiqueta}{derogado}"))
        if a.texto_literal:
            articulos.append(Linea("vineta", f"{e.r('texto')}: «{e.t(Texto(a.texto_literal))}»", 1))
        articulos += [Linea("vineta", _cita(e, c), 1) for c in a.citado_por]
    sin_citas = [
        a.etiqueta.removeprefix(f"{f.nombre}, ")
        + (
            f" ({texto_derogado(a.derogado_el, a.derogado_por, e.idioma, a.sustituido)})"
            if a.derogado_el
            else ""
        )
        for a in f.articulos
        if not a.citado_por
    ]
    if sin_citas:
        articulos.append(Linea("parrafo", f"{e.r('sin_citas')}: {'; '.join(sin_citas)}"))
    if f.citada_sin_articulo:
        sin = d.seccion(e.r("sin_articulo"))
        sin += [Linea("vineta", _cita(e, c)) for c in f.citada_sin_articulo]
    return d


def doc_ficha(
    f: FichaDeEntidad, idioma: Idioma = "es", *, en_el_foro: Sequence[EnunciadoCitado] | None = None
) -> Doc:
    """Cualquier ficha escrita en ``idioma``, antes de darle formato (``grafo.fichas.formato``).

    ``en_el_foro`` añade a la ficha de un concepto sus menciones en el foro (el glosario las muestra;
    ``grafo definir`` no): las de un actor o un nivel ya están en su modelo."""
    e = _Escritor(idioma)
    if isinstance(f, FichaActor):
        d = _doc_actor(f, e)
    elif isinstance(f, FichaNivel):
        d = _doc_nivel(f, e)
    elif isinstance(f, FichaNorma):
        d = _doc_norma(f, e)
    else:
        d = _doc_concepto(f, e)
        if en_el_foro is not None:
            _foro(d, e, en_el_foro)
    d.pie = e.pie()
    return d


def texto_ficha(
    f: FichaDeEntidad, *, idioma: Idioma = "es", formato: Formato = "texto", ancho: int = ANCHO
) -> str:
    """El texto de cualquier ficha, en ``idioma`` (es, en) y ``formato`` (texto, md), en líneas de a lo
    sumo ``ancho`` columnas. Lo que falta en el idioma pedido se muestra en el otro, marcado «[es]» o
    «[en]», y el pie lo explica; lo que el grafo no tiene dice «(no registrado)»."""
    d = doc_ficha(f, idioma)
    return texto_md(d, ancho) if formato == "md" else texto_plano(d, ancho)


def ficha_texto(f: Ficha) -> str:
    """La ficha de un concepto como texto para la terminal (en español, líneas de 80 columnas)."""
    return texto_ficha(f)

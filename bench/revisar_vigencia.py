"""Revisión de la vigencia de cada artículo citado, contra las notas SPIJ de las copias de las normas.

Uso (a mano, desde la raíz del clon; nunca lo llaman las pruebas):

    python bench/revisar_vigencia.py ../shared/referencias/normas > informe.md

Lee cada copia (Markdown de SPIJ, LP u otra fuente) y reconstruye su estructura: títulos, capítulos,
subcapítulos, secciones y artículos, y las notas que dicen qué cambió cada uno («(*) Título I DEROGADO
por …», «(*) Artículo modificado por …, cuyo texto es el siguiente», «(*) Numeral incorporado por …»).
Luego, para cada artículo que el grafo cita (``gt:Articulo`` de ``ontologia/normas.ttl``), busca su
lugar en la copia y las notas suyas y de lo que lo contiene, y lo compara con la vigencia que el
grafo deriva (``gt:vigenteHasta``, ``gt:derogadoPor``, ``gt:sustituidoPor``). Escribe:

1. por norma, las divisiones que una nota dice derogadas, sustituidas, modificadas o incorporadas;
2. por artículo citado, lo que dicen las notas y lo que dice el grafo, marcando lo que no coincide:
   ``FALTA`` (la copia lo deroga y el grafo lo da por vigente), ``TEXTO`` (la copia dice que su texto
   cambió: la cita puede ser del texto nuevo o del viejo, hay que mirarla; una nota de numeral o
   literal cuenta si va tras la numeración del citado, «tras «5.2»») y ``NO HALLADO`` (el artículo
   no está en la copia).

Lo que el informe marca se corrige a mano en ``grafo/ontologia/vigencia.ttl`` (estructura y cambios)
o en las citas; el informe no escribe el grafo.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from grafo.base.espacios import GRAFO_GLOSARIO, GT, RDF, RDFS
from grafo.construccion.tripletas import construir_base

_NIVELES = {"titulo": 1, "capitulo": 2, "subcapitulo": 3, "seccion": 4}
_ENCABEZADO = re.compile(
    r"^[\s*#_]*(?P<tipo>T[IÍ]TULO|CAP[IÍ]TULO|SUB\s?CAP[IÍ]TULO|SECCI[OÓ]N)\s+"
    r"(?P<num>[IVXLC]+\b|[ÚU]NICO|PRELIMINAR|\d+)",
)
#: «Artículo 4.- …», «ARTÍCULO 79.- …», «Artículo 14. …», «### Artículo 35. …».
_ARTICULO = re.compile(
    r"^[\s*#_\"“”]*(?i:art[ií]culo)\s+(?P<num>\d+[A-Z]?(?:-[A-Z])?)\s*[°º]?\s*(?:\.?\s*-|\.\s|\.\**$)"
)
_NOTA = re.compile(
    r"\(\\?\*+\)\**\s*(?P<que>[A-ZÁÉÍÓÚa-záéíóúñ]+(?:\s+[IVXLC\d.)]+)?)\s+(?:de\s+la\s+\S+\s+)?"
    r"(?P<accion>DEROGAD[OA]|[Dd]erogad[oa]|[Mm]odificad[oa]|[Ss]ustituid[oa]|[Ii]ncorporad[oa]|"
    r"DEJAD[OA] SIN EFECTO|[Dd]ejad[oa] sin efecto)\b(?P<resto>.*)"
)
#: El comienzo de un numeral, literal o inciso dentro de un artículo: «99.1 …», «5.2. …», «a) …».
_PARTE = re.compile(r"^[\s*_\"“”]*(?P<p>\d+(?:\.\d+)+\.?|\d+\.|[a-zñ]\))\s")
_FECHA = re.compile(
    r"publicad[oa] el\**\s*(?P<f>\d{1,2}(?:\s+de)?\s+\w+\s+(?:de\s+)?\d{4}|\d{2}-\d{2}-\d{4})"
)
_NORMA = re.compile(
    r"(?P<n>(?:Ley|Decreto Supremo|Decreto Legislativo|Resoluci[oó]n Ministerial|Decreto de Urgencia)"
    r"\s+N[°º.]*\s*[\w-]+)"
)


@dataclass
class Nota:
    que: str  # «Título I», «Artículo», «Numeral»…
    accion: str  # derogado, modificado, sustituido, incorporado, sin efecto
    fecha: str
    norma: str
    linea: int
    parte: str = ""  # la última numeración vista antes de la nota dentro del artículo («5.2», «a)»)


@dataclass
class Division:
    tipo: str
    numero: str
    linea: int
    padre: Division | None
    notas: list[Nota] = field(default_factory=list)

    def nombre(self) -> str:
        return f"{self.tipo} {self.numero}"

    def ruta(self) -> list[Division]:
        r: list[Division] = []
        d: Division | None = self
        while d is not None:
            r.append(d)
            d = d.padre
        return r


def _tipo(texto: str) -> str:
    t = texto.lower().replace("í", "i").replace("ó", "o").replace(" ", "")
    return "subcapitulo" if t.startswith("sub") else t


def _accion(texto: str) -> str:
    t = texto.lower()
    for clave in ("derogad", "modificad", "sustituid", "incorporad", "sin efecto"):
        if clave in t:
            return {"derogad": "derogado", "modificad": "modificado", "sustituid": "sustituido"}.get(
                clave, "incorporado" if clave == "incorporad" else "sin efecto"
            )
    return t


def leer_copia(ruta: Path) -> tuple[list[Division], dict[str, Division]]:
    """Las divisiones de la copia (en orden) y sus artículos por número (el primero que aparece)."""
    divisiones: list[Division] = []
    articulos: dict[str, Division] = {}
    pila: dict[int, Division] = {}
    actual: Division | None = None
    parte = ""
    for i, linea in enumerate(ruta.read_text(encoding="utf-8").splitlines(), 1):
        m = _ENCABEZADO.match(linea)
        if (m and "(*)" not in linea.replace("\\", "")) or (
            m and linea.lstrip("*# ").upper().startswith(m["tipo"])
        ):
            tipo = _tipo(m["tipo"])
            nivel = _NIVELES[tipo]
            padre = next((pila[n] for n in sorted(pila, reverse=True) if n < nivel), None)
            d = Division(tipo, m["num"].upper(), i, padre)
            parte = ""
            pila = {n: v for n, v in pila.items() if n < nivel}
            pila[nivel] = d
            divisiones.append(d)
            actual = d
            continue
        m = _ARTICULO.match(linea)
        if m:
            num = m["num"]
            parte = ""
            if num in articulos:  # el texto nuevo de un artículo modificado repite su encabezado
                actual = articulos[num]
                continue
            padre = next((pila[n] for n in sorted(pila, reverse=True)), None)
            d = Division("artículo", num, i, padre)
            articulos[num] = d
            divisiones.append(d)
            actual = d
            continue
        p = _PARTE.match(linea)
        if p:
            parte = p["p"].rstrip(".")
            continue
        m = _NOTA.search(linea.replace("**", ""))
        if m:
            texto = linea.replace("**", "")
            fecha = _FECHA.search(texto)
            norma = _NORMA.search(re.sub(r"\]\([^)]*\)|\[", "", texto))
            nota = Nota(
                m["que"].strip(),
                _accion(m["accion"]),
                fecha["f"] if fecha else "?",
                norma["n"] if norma else "?",
                i,
                parte if not m["que"].lower().startswith(("art", "t", "cap", "sub", "sec")) else "",
            )
            destino = _destino(nota, pila, actual)
            repetida = destino is not None and any(
                (n.que, n.accion, n.fecha, n.norma) == (nota.que, nota.accion, nota.fecha, nota.norma)
                for n in destino.notas
            )
            if destino is not None and not repetida:  # SPIJ repite la nota al final de la división
                destino.notas.append(nota)
    return divisiones, articulos


def _destino(nota: Nota, pila: dict[int, Division], actual: Division | None) -> Division | None:
    """A qué división se refiere la nota: la última de su tipo, o el artículo en curso."""
    que = _tipo(nota.que.split()[0])
    if que in _NIVELES:
        return pila.get(_NIVELES[que])
    return actual


_ARCHIVO_A_NORMA = [
    (re.compile(r"^LEY-ORGANICA-(\d+)-\d{4}$"), "ley-{0}"),
    (re.compile(r"^LEY-(\d+)-\d{4}$"), "ley-{0}"),
    (re.compile(r"^DLEG-(\d+)-\d{4}$"), "dleg-{0}"),
    (re.compile(r"^(DS|RM)-(\d+-\d{4}-[A-Z]+)$"), "{0}-{1}"),
]


def norma_de_archivo(nombre: str) -> str | None:
    for patron, plantilla in _ARCHIVO_A_NORMA:
        m = patron.match(nombre)
        if m:
            return plantilla.format(*(g.lower() for g in m.groups()))
    return None


def _nota(n: Nota) -> str:
    tras = f" (tras «{n.parte}»)" if n.parte else ""
    return f"{n.que}{tras} {n.accion} ({n.fecha}, {n.norma})"


def _toca(parte: str, numero: str) -> bool:
    """¿La numeración ``parte`` («5.2», «a)», «1») es la del artículo citado ``numero`` («5.2», «53 a)»)?"""
    fin = re.split(r"[\s.]", numero.strip())[-1]
    return parte == numero.strip() or parte == fin or numero.strip().endswith(parte)


def _numero_de_articulo(numero: str) -> str:
    """«99.1» -> «99»; «53 a)» -> «53»; «4-A» -> «4-A»."""
    m = re.match(r"(\d+(?:-[A-Z])?)", numero.strip())
    return m.group(1) if m else numero


def main() -> None:
    carpeta = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/referencias/normas")
    g = construir_base().graph(GRAFO_GLOSARIO)
    citados: dict[str, list[tuple[str, str, str]]] = {}
    for a in g.subjects(RDF.type, GT.Articulo):
        norma = g.value(a, GT.articuloDe)
        numero = g.value(a, GT.numero)
        if norma is None or numero is None:
            continue
        estado = ""
        hasta = g.value(a, GT.vigenteHasta)
        if hasta is not None:
            por = g.value(a, GT.derogadoPor) or g.value(a, GT.sustituidoPor)
            tipo = "sustituido" if (a, GT.sustituidoPor, None) in g else "derogado"
            estado = f"{tipo} el {str(hasta)[:10]}" + (f" por {g.value(por, RDFS.label)}" if por else "")
        local = str(norma).rsplit("/", 1)[-1]
        citados.setdefault(local, []).append((str(g.value(a, RDFS.label)), str(numero), estado))
    print("# Revisión de la vigencia de los artículos citados\n")
    print(f"Copias leídas de `{carpeta}`. Generado por `bench/revisar_vigencia.py`.\n")
    totales = {"FALTA": 0, "TEXTO": 0, "NO HALLADO": 0, "ok": 0}
    for ruta in sorted(carpeta.glob("*.md")):
        local = norma_de_archivo(ruta.stem)
        divisiones, articulos = leer_copia(ruta)
        con_notas = [d for d in divisiones if d.notas]
        print(f"## {ruta.name} → `gtn:{local}`\n")
        if con_notas:
            print("Divisiones con notas de cambio:\n")
            for d in con_notas:
                ruta_txt = " › ".join(x.nombre() for x in reversed(d.ruta()))
                for n in d.notas:
                    print(
                        f"- {ruta_txt} (línea {n.linea}): {n.que} {n.accion} por {n.norma}, publ. {n.fecha}"
                    )
            print()
        else:
            print("Sin notas de cambio.\n")
        filas = citados.get(local or "", [])
        if not filas:
            continue
        print(
            "| artículo citado | dónde está en la copia | notas suyas o de lo que lo contiene "
            "| el grafo | revisión |"
        )
        print("|---|---|---|---|---|")
        for etiqueta, numero, estado in sorted(filas):
            d = articulos.get(_numero_de_articulo(numero))
            if d is None:
                print(f"| {etiqueta} | (no está en la copia) | | {estado or 'vigente'} | NO HALLADO |")
                totales["NO HALLADO"] += 1
                continue
            ruta_d = d.ruta()
            notas = [(x, n) for x in ruta_d for n in x.notas]
            donde = " › ".join(x.nombre() for x in reversed(ruta_d))
            texto_notas = "; ".join(f"{x.nombre()}: {_nota(n)}" for x, n in notas)
            derogado_en_copia = any(
                n.accion in ("derogado", "sin efecto") and x is not d for x, n in notas
            ) or any(
                n.accion in ("derogado", "sin efecto") and n.que.lower().startswith("art")
                for x, n in notas
                if x is d
            )
            # un numeral o literal modificado toca al citado si va tras su numeración (o no se sabe cuál)
            cambio_de_texto = any(
                n.accion in ("modificado", "sustituido") and (not n.parte or _toca(n.parte, numero))
                for x, n in notas
            )
            if derogado_en_copia and not estado:
                revision = "FALTA"
            elif cambio_de_texto and not estado:
                revision = "TEXTO"
            else:
                revision = "ok"
            totales[revision] += 1
            print(f"| {etiqueta} | {donde} | {texto_notas} | {estado or 'vigente'} | {revision} |")
        print()
    print("## Totales\n")
    for clave, n in totales.items():
        print(f"- {clave}: {n}")


if __name__ == "__main__":
    main()

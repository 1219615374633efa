"""Un endpoint SPARQL 1.1 remoto como fuente de consultas (``--endpoint URL``).

Entrada: la URL de un endpoint que habla el protocolo SPARQL 1.1
(https://www.w3.org/TR/sparql11-protocol/#query-operation) y una consulta ya comprobada. Salida:
un ``Resultado`` con las mismas celdas que daría el almacén local.

La consulta va por POST (``application/x-www-form-urlencoded``, parámetro ``query``); los
resultados se piden como JSON (SELECT, ASK, https://www.w3.org/TR/sparql11-results-json/) o
N-Triples (CONSTRUCT, DESCRIBE). El endpoint debe tomar como grafo por defecto la unión de todos
los grafos, como el almacén local: Oxigraph con ``--union-default-graph``, Fuseki con
``unionDefaultGraph``; GraphDB y Virtuoso lo hacen sin más. Solo se usa la biblioteca estándar.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from grafo.base.errores import AlmacenError, ConsultaDetenidaError, ConsultaInvalidaError
from grafo.base.espacios import prologo
from grafo.consultas.motores import Resultado, celda_oxigraph, texto_de_termino, valor_oxigraph
from grafo.consultas.valores import Celdas, valor_python

__all__ = ["Endpoint"]

_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"


class Endpoint:
    """Un endpoint SPARQL 1.1 remoto (solo consultas)."""

    def __init__(self, url: str, *, tiempo_maximo: float = 60.0) -> None:
        partes = urllib.parse.urlsplit(url)
        if partes.scheme not in ("http", "https") or not partes.netloc:
            raise AlmacenError(
                f"'{url}' no es una URL http(s) de un endpoint SPARQL. Ejemplo: http://127.0.0.1:7878/query"
            )
        self.url = url
        self.tiempo_maximo = tiempo_maximo
        self.descripcion = f"el endpoint {url}"
        self.avisos: list[str] = []

    def _pedir(self, texto: str, acepta: str, nombre: str) -> bytes:
        datos = urllib.parse.urlencode({"query": texto}).encode("utf-8")
        peticion = urllib.request.Request(
            self.url,
            data=datos,
            headers={"Accept": acepta, "Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(peticion, timeout=self.tiempo_maximo) as r:
                cuerpo: bytes = r.read()
                return cuerpo
        except urllib.error.HTTPError as e:
            detalle = e.read().decode("utf-8", "replace").strip()[:300]
            if 400 <= e.code < 500:
                raise ConsultaInvalidaError(
                    f"consulta '{nombre}': el endpoint {self.url} la rechazó (HTTP {e.code}): {detalle}"
                ) from e
            raise AlmacenError(
                f"el endpoint {self.url} respondió con un error (HTTP {e.code}): {detalle}"
            ) from e
        except (urllib.error.URLError, OSError) as e:
            motivo = getattr(e, "reason", e)
            if isinstance(e, TimeoutError) or isinstance(motivo, TimeoutError):
                raise ConsultaDetenidaError(
                    f"consulta '{nombre}': el endpoint {self.url} no respondió en {self.tiempo_maximo:g} s. "
                    "Acótela o dé más tiempo con --tiempo-maximo."
                ) from e
            raise AlmacenError(
                f"no se pudo contactar el endpoint {self.url}: {motivo}. "
                "Compruebe la URL y que el servidor está en marcha."
            ) from e

    def ejecutar(
        self, texto: str, forma: str, nombre: str = "consulta", celdas: Celdas = "texto"
    ) -> Resultado:
        """Evalúa ``texto`` (ya comprobado, con prefijos) en el endpoint; celdas de texto o, con
        ``celdas="python"``, valores de Python."""
        python = celdas == "python"

        if forma in ("CONSTRUCT", "DESCRIBE"):
            import pyoxigraph as ox

            cuerpo = self._pedir(texto, _NTRIPLES, nombre)
            try:
                triples = list(ox.parse(cuerpo, format=ox.RdfFormat.N_TRIPLES))
            except SyntaxError as e:
                raise AlmacenError(f"el endpoint {self.url} devolvió N-Triples ilegibles: {e}") from e
            celda = valor_oxigraph if python else celda_oxigraph
            tripletas = [[celda(t) for t in (tr.subject, tr.predicate, tr.object)] for tr in triples]
            return Resultado(["sujeto", "predicado", "objeto"], sorted(tripletas, key=_orden))
        cuerpo = self._pedir(texto, _JSON, nombre)
        try:
            datos: dict[str, Any] = json.loads(cuerpo)
        except ValueError as e:
            raise AlmacenError(f"el endpoint {self.url} no devolvió JSON de resultados SPARQL: {e}") from e
        if "boolean" in datos:
            b = bool(datos["boolean"])
            return Resultado(["resultado"], [["true" if b else "false"]], b)
        columnas = [str(v) for v in datos.get("head", {}).get("vars", [])]
        filas: list[list[Any]] = []
        for sol in datos.get("results", {}).get("bindings", []):
            fila = []
            for c in columnas:
                t = sol.get(c)
                if python:
                    fila.append(
                        None if t is None else valor_python(t.get("value"), t.get("type"), t.get("datatype"))
                    )
                else:
                    fila.append("" if t is None else texto_de_termino(t.get("value"), t.get("datatype")))
            filas.append(fila)
        return Resultado(columnas, filas)

    def seleccionar(self, consulta: str) -> list[dict[str, str]]:
        """Filas de un SELECT (con los prefijos del proyecto): variable -> valor léxico."""
        cuerpo = self._pedir(f"{prologo()} {consulta}", _JSON, "búsqueda")
        datos = json.loads(cuerpo)
        return [
            {k: str(v["value"]) for k, v in sol.items()}
            for sol in datos.get("results", {}).get("bindings", [])
        ]


def _orden(fila: list[Any]) -> list[str]:
    return [str(c) for c in fila]

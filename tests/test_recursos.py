"""Los archivos empaquetados están y se pueden leer desde importlib.resources."""

from __future__ import annotations

import re

from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from grafo.base import recursos
from grafo.base.espacios import PREFIJOS
from grafo.consultas.politica import asegurar

ESPERADOS_TTL = {
    "nucleo.ttl",
    "vocabularios.ttl",
    "normas.ttl",
    "glosario.ttl",
    "actores.ttl",
    "competencias.ttl",
    "relaciones.ttl",
    "traducciones.ttl",
    "vigencia.ttl",
}
ESPERADAS_RQ = {
    "glosario",
    "instrumentos",
    "niveles_de_gobierno",
    "actores",
    "competencias",
    "relaciones_entre_instrumentos",
}


def test_turtle_empaquetados_presentes_y_validos() -> None:
    nombres = {f.name for f in recursos.archivos_ontologia()}
    assert nombres >= ESPERADOS_TTL
    for f in [*recursos.archivos_ontologia(), recursos.formas()]:
        g = Graph().parse(data=f.read_text(encoding="utf-8"), format="turtle")
        assert len(g) > 0, f.name


def test_formas_no_se_mezclan_con_la_ontologia() -> None:
    assert "formas.ttl" not in {f.name for f in recursos.archivos_ontologia()}
    assert recursos.formas().name == "formas.ttl"


def test_consultas_empaquetadas_se_preparan() -> None:
    """Cada .rq, con los prefijos del proyecto delante (como lo evalúan los motores), es SPARQL válido."""
    nombres = {f.name.removesuffix(".rq") for f in recursos.archivos_consultas()}
    assert nombres >= ESPERADAS_RQ
    for f in recursos.archivos_consultas():
        texto = f.read_text(encoding="utf-8")
        segura = asegurar(texto, f.name)
        assert segura.forma == "SELECT", f.name
        assert segura.texto.endswith(texto), f.name
        # cada prefijo del proyecto declarado una sola vez: los que el .rq ya declara no se repiten
        for prefijo in PREFIJOS:
            assert len(re.findall(rf"PREFIX\s+{prefijo}:", segura.texto)) == 1, (f.name, prefijo)
        prepareQuery(segura.texto)


def test_archivo_consulta_inexistente() -> None:
    assert recursos.archivo_consulta("no_existe") is None
    assert recursos.archivo_consulta("glosario") is not None

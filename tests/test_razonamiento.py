"""Etapa razonamiento: HermiT infiere los miembros de las clases definidas."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef

from grafo import razonamiento
from grafo.errores import OntologiaInconsistenteError, RazonadorNoDisponibleError
from grafo.espacios import GT, GTA, GTC, GTV, OWL, RDF


@pytest.fixture(scope="module")
def resultado(ds: Dataset, java: None) -> razonamiento.Resultado:
    return razonamiento.razonar(ds)


def test_consistente_e_infiere_clases_definidas(resultado: razonamiento.Resultado) -> None:
    assert resultado.consistente
    pares = {(i.individuo, i.clase) for i in resultado.inferencias}
    assert (str(GTA.minam), str(GT.ActorDelNivelNacional)) in pares
    assert (str(GTA["gobiernos-regionales"]), str(GT.ActorDelNivelRegional)) in pares
    assert (str(GTC.zee), str(GT.InstrumentoAprobadoPorOrdenanza)) in pares
    assert (str(GTC.pat), str(GT.InstrumentoAprobadoPorOrdenanza)) in pares
    # no infiere lo que no se sigue: la ZEE no es un actor nacional
    assert (str(GTC.zee), str(GT.ActorDelNivelNacional)) not in pares


@pytest.mark.usefixtures("java")
def test_un_cuarto_nivel_distinto_es_inconsistente(ds: Dataset) -> None:
    extra = Graph()
    comunal = URIRef("https://w3id.org/grafo-territorial/nivel/comunal")
    extra.add((comunal, RDF.type, GT.NivelDeGobierno))
    for n in (GTV.nacional, GTV.regional, GTV.local):
        extra.add((comunal, OWL.differentFrom, n))
    with pytest.raises(OntologiaInconsistenteError, match="inconsistente"):
        razonamiento.razonar(ds, extra=extra)


def test_sin_java_error_claro(ds: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(razonamiento.shutil, "which", lambda _n: None)
    with pytest.raises(RazonadorNoDisponibleError, match="java"):
        razonamiento.razonar(ds)

"""Etapa razonamiento: HermiT infiere los miembros de las clases definidas y nombra los conflictos."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef

from grafo.base.errores import FuenteInvalidaError, OntologiaInconsistenteError, RazonadorNoDisponibleError
from grafo.base.espacios import BASE, GRAFO_GLOSARIO, GRAFO_ONTOLOGIA, GT, GTA, GTC, GTV, OWL, RDF
from grafo.razonamiento import depuracion, hermit
from grafo.razonamiento import razonar as razonamiento
from grafo.razonamiento.resultado import ResultadoRazonamiento

DATOS = Path(__file__).parent / "datos"
INCONSISTENTE = DATOS / "razonar-inconsistente.ttl"
CONSISTENTE = DATOS / "razonar-consistente.ttl"


@pytest.fixture(scope="module")
def resultado(java: None) -> ResultadoRazonamiento:
    """El grafo empaquetado más el archivo consistente, clasificado una vez por módulo: lo que se
    infiere del grafo empaquetado se sigue infiriendo con él (la lógica es monótona). El grafo
    empaquetado solo, sin archivos, lo clasifica 'grafo razonar' en test_cli.py."""
    return razonamiento.razonar_fuentes([CONSISTENTE])


def test_consistente_e_infiere_clases_definidas(resultado: ResultadoRazonamiento) -> None:
    pares = {(i.individuo, i.clase) for i in resultado.inferencias}
    assert (str(GTA.minam), str(GT.ActorDelNivelNacional)) in pares
    assert (str(GTA["gobiernos-regionales"]), str(GT.ActorDelNivelRegional)) in pares
    assert (str(GTC.zee), str(GT.InstrumentoAprobadoPorOrdenanza)) in pares
    assert (str(GTC.pat), str(GT.InstrumentoAprobadoPorOrdenanza)) in pares
    # no infiere lo que no se sigue: la ZEE no es un actor nacional
    assert (str(GTC.zee), str(GT.ActorDelNivelNacional)) not in pares
    assert resultado.individuos > 0


@pytest.fixture(scope="module")
def inconsistente(java: None) -> OntologiaInconsistenteError:
    """El error de HermiT con el archivo inconsistente, una vez por módulo: buscar el conflicto mínimo
    lanza Java decenas de veces."""
    with pytest.raises(OntologiaInconsistenteError) as e:
        razonamiento.razonar_fuentes([INCONSISTENTE])
    return e.value


def test_archivo_inconsistente_nombra_el_conflicto(inconsistente: OntologiaInconsistenteError) -> None:
    mensaje = str(inconsistente)
    assert mensaje.startswith("HermiT encontró la ontología inconsistente")
    assert "razonar-inconsistente.ttl" in mensaje
    # el conjunto mínimo: el tipo y las tres diferencias, nada más
    for linea in (
        "gtv:comunal a gt:NivelDeGobierno .",
        "gtv:comunal owl:differentFrom gtv:nacional .",
        "gtv:comunal owl:differentFrom gtv:regional .",
        "gtv:comunal owl:differentFrom gtv:local .",
    ):
        assert f"\n  {linea}\n" in mensaje + "\n", mensaje
    assert "rdfs:label" not in mensaje and "comunidad-campesina-de-prueba" not in mensaje
    assert "Individuos implicados: gtv:comunal, gtv:local, gtv:nacional y gtv:regional." in mensaje
    assert "gt:NivelDeGobierno es la enumeración cerrada {gtv:nacional, gtv:regional, gtv:local}" in mensaje


def test_archivo_consistente_no_falla_e_infiere(resultado: ResultadoRazonamiento) -> None:
    pares = {(i.individuo, i.clase) for i in resultado.inferencias}
    assert (str(GTA["municipalidad-distrital-de-prueba"]), str(GT.ActorDelNivelLocal)) in pares


def test_cuenta_los_individuos_con_nombre(resultado: ResultadoRazonamiento, ds: Dataset) -> None:
    """Los individuos son lo que tiene un tipo que no es de OWL: no cuenta la ontología misma, ni
    clases ni propiedades."""
    g = Graph()
    for nombre in (GRAFO_ONTOLOGIA, GRAFO_GLOSARIO):
        g += ds.graph(nombre)
    g.parse(CONSISTENTE)
    meta = {o for o in g.objects(None, RDF.type) if str(o).startswith(str(OWL)) and o != OWL.NamedIndividual}
    esperados = {s for s, o in g.subject_objects(RDF.type) if str(s).startswith(BASE) and o not in meta}
    assert URIRef(BASE + "ontologia") not in esperados
    assert resultado.individuos == len(esperados)


@pytest.mark.usefixtures("java")
def test_error_de_java_se_dice_sin_traza(monkeypatch: pytest.MonkeyPatch) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "false")  # termina con 1 sin decir nada
    with pytest.raises(RazonadorNoDisponibleError, match="HermiT terminó con un error de Java: sin mensaje"):
        hermit.consistente([(GTA.minam, RDF.type, GT.Actor)])


@pytest.mark.usefixtures("java")
def test_grafo_extra_choca_con_un_hecho_del_glosario(ds: Dataset) -> None:
    # gt:nivel es funcional y el MINAM ya es del nivel nacional
    extra = Graph()
    extra.add((GTA.minam, GT.nivel, GTV.regional))
    with pytest.raises(OntologiaInconsistenteError) as e:
        razonamiento.razonar(ds, extra=extra)
    mensaje = str(e.value)
    assert "esta tripleta del grafo extra" in mensaje
    assert "\n  gta:minam gt:nivel gtv:regional .\n" in mensaje
    assert "gt:nivel es funcional" in mensaje and "gta:minam gt:nivel gtv:nacional" in mensaje


def test_minimizar_halla_un_conflicto_minimo(monkeypatch: pytest.MonkeyPatch) -> None:
    # sin Java: un oráculo falso declara inconsistente todo conjunto que contenga a 7 y a 23
    def tripleta(i: int) -> tuple[URIRef, URIRef, URIRef]:
        return (GTA[f"x{i}"], RDF.type, GT.Actor)

    conflicto = {tripleta(7), tripleta(23)}
    monkeypatch.setattr(depuracion, "consistente", lambda ts: not conflicto <= set(ts))
    unidades = [frozenset({tripleta(i)}) for i in range(40)]
    sonda = depuracion.Sonda(30)
    minimo, completo = depuracion.minimizar(unidades, sonda)
    assert completo
    assert set().union(*minimo) == conflicto
    assert sonda.ejecuciones <= 20

    tope = depuracion.Sonda(3)
    acotado, completo = depuracion.minimizar(unidades, tope)
    assert not completo and tope.ejecuciones == 3
    assert conflicto <= set().union(*acotado)


def test_sin_java_error_claro(ds: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hermit.shutil, "which", lambda _n: None)
    with pytest.raises(RazonadorNoDisponibleError, match="java"):
        razonamiento.razonar(ds)


def test_archivo_extra_inexistente() -> None:
    with pytest.raises(FuenteInvalidaError, match=r"no-existe\.ttl"):
        razonamiento.razonar_fuentes([DATOS / "no-existe.ttl"])


def test_cli_razonar_archivo_inconsistente(
    inconsistente: OntologiaInconsistenteError, monkeypatch: pytest.MonkeyPatch
) -> None:
    """La CLI con lo que da HermiT para el archivo inconsistente (el error de la fixture, ya calculado:
    'grafo razonar' de verdad, con Java, está en test_cli.py): código 1 y el mensaje entero."""
    from grafo.cli import cli

    def razonar_fuentes(archivos: tuple[Path, ...]) -> None:
        assert [Path(a) for a in archivos] == [INCONSISTENTE]
        raise inconsistente

    monkeypatch.setattr(razonamiento, "razonar_fuentes", razonar_fuentes)
    r = CliRunner().invoke(cli, ["razonar", str(INCONSISTENTE)])
    assert r.exit_code == 1, r.output
    assert "Error: HermiT encontró la ontología inconsistente" in r.output
    assert "gtv:comunal owl:differentFrom gtv:nacional ." in r.output

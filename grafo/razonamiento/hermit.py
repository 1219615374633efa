"""HermiT, por owlready2 y Java: clasificar un grafo (los tipos inferidos) o solo comprobar si es
consistente.

owlready2 no lee Turtle: el grafo se serializa con rdflib a N-Triples y se carga en un ``World``
nuevo en cada llamada. HermiT necesita ``java`` en el PATH.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Graph, URIRef

from grafo.base.errores import OntologiaInconsistenteError, RazonadorNoDisponibleError
from grafo.base.espacios import BASE, RDF
from grafo.razonamiento.piezas import Tripleta, copia
from grafo.razonamiento.resultado import Inferencia, ResultadoRazonamiento

__all__ = ["clasificar", "comprobar_java", "consistente"]

_IRI_ONTOLOGIA = BASE + "ontologia"
#: Opciones de la JVM para las sondas de consistencia (procesos de menos de dos segundos).
_JVM_CORTA = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def comprobar_java() -> None:
    """``RazonadorNoDisponibleError`` si no hay ``java`` en el PATH."""
    if shutil.which("java") is None:
        raise RazonadorNoDisponibleError(
            "no se encontró 'java' en el PATH; HermiT lo necesita. "
            "Instale Java 11 o superior (p. ej. 'apt-get install -y default-jre-headless')."
        )


def clasificar(g: Graph, diagnostico: Callable[[], str]) -> ResultadoRazonamiento:
    """Clasifica ``g`` con HermiT: los tipos que infiere para cada individuo y cuántos individuos hay.

    Si ``g`` es inconsistente lanza ``OntologiaInconsistenteError`` con el mensaje que da
    ``diagnostico``; si falta Java o falla, ``RazonadorNoDisponibleError``.
    """
    comprobar_java()
    import owlready2

    afirmados: dict[str, set[str]] = {}
    for s, o in g.subject_objects(RDF.type):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            afirmados.setdefault(str(s), set()).add(str(o))

    mundo = owlready2.World()
    try:
        onto = mundo.get_ontology(_IRI_ONTOLOGIA).load(
            fileobj=io.BytesIO(g.serialize(format="nt", encoding="utf-8")),
            # explícito: owlready2 adivina el formato por los primeros 1000 bytes y, si la primera
            # tripleta es un literal largo (una definición), cree que es RDF/XML
            format="ntriples",
        )
        try:
            with onto:
                owlready2.sync_reasoner_hermit(mundo, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as e:
            # La salida de HermiT (en e.__context__) solo dice «Inconsistent ontology»: se depura.
            raise OntologiaInconsistenteError(diagnostico()) from e
        except owlready2.OwlReadyJavaError as e:
            raise RazonadorNoDisponibleError(
                f"HermiT terminó con un error de Java: {_primera_linea(str(e))}. "
                "Compruebe la instalación de Java (11 o superior) y la memoria disponible."
            ) from e
        except FileNotFoundError as e:  # java desapareció entre la comprobación y la llamada
            raise RazonadorNoDisponibleError(f"no se pudo ejecutar Java: {e}") from e

        inferencias: set[Inferencia] = set()
        individuos = 0
        for ind in mundo.search(iri=BASE + "*"):
            if not isinstance(ind, owlready2.Thing):
                continue
            iri = ind.iri
            individuos += 1
            for clase in ind.is_a:
                c_iri = getattr(clase, "iri", None)
                if isinstance(c_iri, str) and c_iri not in afirmados.get(iri, set()):
                    inferencias.add(Inferencia(iri, c_iri))
    finally:
        mundo.close()
    return ResultadoRazonamiento(sorted(inferencias, key=lambda i: (i.clase, i.individuo)), individuos)


def _primera_linea(texto: str) -> str:
    lineas = [linea.strip() for linea in texto.splitlines() if linea.strip()]
    return " ".join(lineas[:2]) if lineas else "sin mensaje"


def consistente(tripletas: Iterable[Tripleta]) -> bool:
    """¿Es consistente el grafo? Solo la comprobación de HermiT (``-k``), sin clasificar."""
    import owlready2
    import owlready2.reasoning

    g = copia(tripletas)
    # owlready2 no ofrece una comprobación de consistencia sola (``-k`` tarda la mitad que la
    # clasificación completa); se llama a su HermiT empaquetado si su classpath está a la vista.
    ruta_clases = getattr(owlready2.reasoning, "_HERMIT_CLASSPATH", None)
    if not isinstance(ruta_clases, str):  # otra versión de owlready2: clasificación completa
        return _consistente_clasificando(g)
    memoria = getattr(owlready2.reasoning, "JAVA_MEMORY", 2000)
    with tempfile.TemporaryDirectory(prefix="grafo-razonar-") as tmp:
        ruta = Path(tmp) / "sonda.nt"
        g.serialize(destination=str(ruta), format="nt", encoding="utf-8")
        # cada sonda es una JVM corta: sin el compilador C2 ni el recolector paralelo arranca y
        # termina antes (~30 % menos por sonda, medido en bench/RESULTADOS.md)
        orden = [owlready2.JAVA_EXE, f"-Xmx{memoria}M", *_JVM_CORTA, "-cp", ruta_clases]
        orden += ["org.semanticweb.HermiT.cli.CommandLine", "-k", ruta.as_uri()]
        try:
            proc = subprocess.run(orden, capture_output=True, text=True, check=False)
        except FileNotFoundError as e:
            raise RazonadorNoDisponibleError(f"no se pudo ejecutar Java: {e}") from e
    if proc.returncode == 0:
        return True
    if "InconsistentOntologyException" in proc.stdout + proc.stderr:
        return False
    raise RazonadorNoDisponibleError(
        "HermiT falló al buscar el conflicto de la ontología inconsistente: "
        f"{_primera_linea(proc.stderr or proc.stdout)}. "
        "Compruebe la instalación de Java (11 o superior) y la memoria disponible."
    )


def _consistente_clasificando(g: Graph) -> bool:
    import owlready2

    mundo = owlready2.World()
    try:
        onto = mundo.get_ontology(_IRI_ONTOLOGIA).load(
            fileobj=io.BytesIO(g.serialize(format="nt", encoding="utf-8")),
            # explícito: owlready2 adivina el formato por los primeros 1000 bytes y, si la primera
            # tripleta es un literal largo (una definición), cree que es RDF/XML
            format="ntriples",
        )
        with onto:
            owlready2.sync_reasoner_hermit(mundo, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    finally:
        mundo.close()
    return True

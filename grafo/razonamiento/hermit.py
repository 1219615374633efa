"""HermiT, por Java: clasificar un grafo (los tipos inferidos de cada individuo) o solo comprobar si es
consistente.

Se llama directamente a la línea de órdenes de HermiT que trae owlready2 (``-I``: los tipos de cada
individuo con nombre; ``-k``: solo la consistencia), con el grafo en N-Triples en un archivo
temporal. HermiT necesita ``java`` en el PATH.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Graph, URIRef

from grafo.base.errores import OntologiaInconsistenteError, RazonadorNoDisponibleError
from grafo.base.espacios import BASE, OWL, RDF
from grafo.razonamiento.piezas import Tripleta, copia
from grafo.razonamiento.resultado import Inferencia, ResultadoRazonamiento

__all__ = ["clasificar", "comprobar_java", "consistente"]

#: Opciones de la JVM: HermiT corre segundos, no minutos; sin el compilador C2 ni el recolector
#: paralelo arranca y termina antes (medido en bench/RESULTADOS.md).
_JVM_CORTA = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
#: Una línea de la salida de ``-I``: ``Type( <individuo> <clase> )``.
_TIPO = re.compile(r"^Type\( <([^>]+)> <([^>]+)> \)$", re.MULTILINE)


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
    salida = _hermit(g, "-I")
    if salida is None:
        # HermiT solo dice «Inconsistent ontology»: se depura para nombrar el conflicto.
        raise OntologiaInconsistenteError(diagnostico())
    afirmados = {(str(s), str(o)) for s, o in g.subject_objects(RDF.type) if isinstance(o, URIRef)}
    inferencias: set[Inferencia] = set()
    individuos: set[str] = set()
    for individuo, clase in _TIPO.findall(salida):
        if not individuo.startswith(BASE):
            continue
        individuos.add(individuo)
        if not clase.startswith(str(OWL)) and (individuo, clase) not in afirmados:
            inferencias.add(Inferencia(individuo, clase))
    return ResultadoRazonamiento(sorted(inferencias, key=lambda i: (i.clase, i.individuo)), len(individuos))


def consistente(tripletas: Iterable[Tripleta]) -> bool:
    """¿Es consistente el grafo? Solo la comprobación de HermiT (``-k``), sin clasificar."""
    return _hermit(copia(tripletas), "-k") is not None


def _hermit(g: Graph, opcion: str) -> str | None:
    """La salida de HermiT con ``opcion`` sobre ``g``, o ``None`` si ``g`` es inconsistente."""
    import owlready2
    import owlready2.reasoning

    ruta_clases = getattr(owlready2.reasoning, "_HERMIT_CLASSPATH", None)
    if not isinstance(ruta_clases, str):
        raise RazonadorNoDisponibleError(
            f"esta versión de owlready2 ({getattr(owlready2, 'VERSION', '?')}) no dice dónde está "
            "HermiT. Instale la que pide el proyecto: pip install 'owlready2>=0.46'."
        )
    memoria = getattr(owlready2.reasoning, "JAVA_MEMORY", 2000)
    with tempfile.TemporaryDirectory(prefix="grafo-razonar-") as tmp:
        ruta = Path(tmp) / "grafo.nt"
        g.serialize(destination=str(ruta), format="nt", encoding="utf-8")
        orden = [owlready2.JAVA_EXE, f"-Xmx{memoria}M", *_JVM_CORTA, "-cp", ruta_clases]
        orden += ["org.semanticweb.HermiT.cli.CommandLine", opcion, ruta.as_uri()]
        try:
            proc = subprocess.run(orden, capture_output=True, text=True, check=False)
        except OSError as e:  # java desapareció entre la comprobación y la llamada
            raise RazonadorNoDisponibleError(f"no se pudo ejecutar Java: {e}") from e
    if proc.returncode == 0:
        return proc.stdout
    if "InconsistentOntologyException" in proc.stdout + proc.stderr:
        return None
    raise RazonadorNoDisponibleError(
        f"HermiT terminó con un error de Java: {_primera_linea(proc.stderr or proc.stdout)}. "
        "Compruebe la instalación de Java (11 o superior) y la memoria disponible."
    )


def _primera_linea(texto: str) -> str:
    lineas = [linea.strip() for linea in texto.splitlines() if linea.strip()]
    return " ".join(lineas[:2]) if lineas else "sin mensaje"

"""API de Python para cuadernos y scripts: abrir el grafo construido y consultarlo.

```python
import grafo
g = grafo.abrir()                       # ./salida si hay una construcción; si no, el grafo incluido
g = grafo.abrir("salida")               # un directorio de 'grafo construir'
g = grafo.abrir(endpoint="http://127.0.0.1:7878/query")   # un endpoint SPARQL 1.1
filas = g.consulta("competencias", nivel="Regional")    # lista de dicts, columnas en orden
filas.df                                # el mismo resultado como DataFrame (si pandas está instalado)
g.sparql("SELECT ?s WHERE { ?s a gt:Foro }")            # consulta propia, de solo lectura
g = grafo.abrir(tiempo_maximo=5)        # cada consulta se detiene a los 5 s (por defecto 30 s)
g = grafo.abrir(celdas="python")        # celdas como int, Decimal, date, datetime, IRI… (no texto)
with grafo.abrir() as g: ...            # se cierra al salir (o g.cerrar())
print(g.ficha("ZEE"))                   # la ficha, como 'grafo definir ZEE' (también MINAM, Ley 27795)
g.almacen                               # el pyoxigraph.Store (None con un endpoint)
```

Usa las mismas funciones que la orden ``grafo``: mismas filas, mismos errores (``GrafoError``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from grafo.almacen.almacen import Almacen
from grafo.base.errores import GrafoError
from grafo.construccion.cache import abrir as abrir_cache
from grafo.consultas.catalogo import cargar_consulta, consulta_de_texto
from grafo.consultas.ejecucion import ejecutar
from grafo.consultas.motores import Resultado
from grafo.consultas.pedido import TIEMPO_MAXIMO
from grafo.consultas.valores import IRI, Celdas

if TYPE_CHECKING:
    import pyoxigraph as ox

    from grafo.consultas.remoto import Endpoint
    from grafo.fichas.imprimible import FichaImprimible

__all__ = ["IRI", "Filas", "Grafo", "RedHTML", "abrir"]


class Filas(list[dict[str, Any]]):
    """Filas de una consulta: una lista de dicts (columnas en orden), con ``.columnas`` y ``.df``.

    Las celdas son texto, como en la CLI; con ``grafo.abrir(celdas="python")``, valores de Python
    (``int``, ``Decimal``, ``float``, ``bool``, ``date``, ``datetime``, ``IRI``, ``str``; ``None``
    donde la fila no tiene valor)."""

    def __init__(self, resultado: Resultado) -> None:
        super().__init__(resultado.como_dicts())
        self.columnas = list(resultado.columnas)
        self.booleano = resultado.booleano

    @property
    def df(self) -> Any:
        """Un ``pandas.DataFrame`` con estas filas (requiere pandas, que no es dependencia)."""
        try:
            import pandas as pd
        except ImportError as e:
            raise GrafoError("'.df' necesita pandas: instálelo con 'pip install pandas'.") from e
        return pd.DataFrame(list(self), columns=self.columnas)


class Grafo:
    """Un grafo abierto para leer: un almacén construido o un endpoint SPARQL."""

    def __init__(
        self, fuente: Almacen | Endpoint, *, tiempo_maximo: float = TIEMPO_MAXIMO, celdas: Celdas = "texto"
    ) -> None:
        if celdas not in ("texto", "python"):
            raise GrafoError(f"celdas='{celdas}' no existe: use 'texto' (por defecto) o 'python'.")
        self.fuente = fuente
        #: Segundos que puede durar una consulta (``consulta``, ``sparql``): se evalúa en un proceso
        #: aparte que se detiene al pasar el plazo (``ConsultaDetenidaError``).
        self.tiempo_maximo = tiempo_maximo
        #: ``"texto"`` (como la CLI) o ``"python"`` (valores tipados) en las filas de las consultas.
        self.celdas: Celdas = celdas

    def cerrar(self) -> None:
        """Termina los procesos que evalúan las consultas de este grafo (se puede volver a consultar:
        se arrancan de nuevo al pedirlos)."""
        if isinstance(self.fuente, Almacen):
            self.fuente.cerrar()

    def __enter__(self) -> Grafo:
        return self

    def __exit__(self, *_: object) -> None:
        self.cerrar()

    @property
    def descripcion(self) -> str:
        """Qué grafo es, en palabras."""
        return self.fuente.descripcion

    @property
    def avisos(self) -> list[str]:
        """Avisos al abrir (p. ej. fuentes cambiadas después de construir)."""
        return list(self.fuente.avisos)

    @property
    def almacen(self) -> ox.Store | None:
        """El ``pyoxigraph.Store`` de solo lectura (``None`` si el grafo es un endpoint remoto)."""
        return self.fuente.store if isinstance(self.fuente, Almacen) else None

    def consulta(self, nombre: str, **params: str) -> Filas:
        """Ejecuta la consulta con nombre ``nombre`` con sus parámetros (``nivel="Regional"``)."""
        pares = {k: str(v) for k, v in params.items()}
        q = cargar_consulta(nombre)
        return Filas(ejecutar(self.fuente, q, pares, tiempo_maximo=self.tiempo_maximo, celdas=self.celdas))

    def sparql(self, texto: str) -> Filas:
        """Ejecuta una consulta propia (SELECT, ASK, CONSTRUCT, DESCRIBE), de solo lectura."""
        q = consulta_de_texto(texto, "sparql")
        return Filas(ejecutar(self.fuente, q, tiempo_maximo=self.tiempo_maximo, celdas=self.celdas))

    def ficha(self, termino: str) -> FichaImprimible:
        """La ficha de lo que nombra ``termino``, como ``grafo definir``: un concepto del glosario, un
        actor («MINAM»), un nivel de gobierno («Regional») o una norma («Ley 27795»); sigla o nombre,
        sin importar tildes ni mayúsculas. ``str(ficha)`` es el texto que imprime ``grafo definir``;
        ``ficha.markdown(idioma="en")``, el de ``--formato md``; ``ficha.modelo``, sus datos (que
        también se leen en ella: ``ficha.definicion.es``)."""
        from grafo.fichas.definir import buscar
        from grafo.fichas.imprimible import FichaImprimible

        return FichaImprimible(buscar(self.fuente, termino)[1])

    def red(
        self,
        *,
        vista: str = "vocabulario",
        centro: str | None = None,
        radio: int = 1,
        tipos: tuple[str, ...] = (),
    ) -> RedHTML:
        """La red interactiva (ver ``grafo visualizar``): se ve en Jupyter y se guarda con ``.guardar``."""
        from grafo.paginas.red import construir_red, html_de_red

        red = construir_red(self.fuente, vista=vista, centro=centro, radio=radio, tipos=tipos)
        return RedHTML(html_de_red(red), len(red.nodos), len(red.aristas))

    def __repr__(self) -> str:
        return f"<Grafo: {self.descripcion}>"


class RedHTML:
    """Una página de red autocontenida: ``_repr_html_`` la muestra en un iframe aislado."""

    def __init__(self, html: str, nodos: int, aristas: int) -> None:
        self.html = html
        self.nodos = nodos
        self.aristas = aristas

    def guardar(self, ruta: str | Path) -> Path:
        """Escribe la página en ``ruta`` (de forma atómica) y devuelve la ruta."""
        from grafo.base.escritura import escribir_texto_atomico

        destino = Path(ruta)
        escribir_texto_atomico(destino, self.html)
        return destino

    def _repr_html_(self) -> str:
        import html as _html

        return (
            f'<iframe srcdoc="{_html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            'style="width:100%;height:640px;border:1px solid #ccc"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<RedHTML: {self.nodos} nodos, {self.aristas} aristas>"


def abrir(
    ruta: str | Path | None = None,
    *,
    endpoint: str | None = None,
    tiempo_maximo: float = TIEMPO_MAXIMO,
    celdas: Celdas = "texto",
) -> Grafo:
    """Abre el grafo: ``ruta`` (un directorio de ``grafo construir``), ``endpoint`` o el de por defecto.

    ``tiempo_maximo``: segundos que puede durar cada consulta (local: se detiene; remota: se deja de
    esperar). ``celdas``: ``"texto"`` como la CLI, o ``"python"`` para valores tipados."""
    if endpoint is not None:
        from grafo.consultas.remoto import Endpoint

        remoto = Endpoint(endpoint, tiempo_maximo=tiempo_maximo)
        return Grafo(remoto, tiempo_maximo=tiempo_maximo, celdas=celdas)
    almacen = abrir_cache(Path(ruta) if ruta is not None else None)
    return Grafo(almacen, tiempo_maximo=tiempo_maximo, celdas=celdas)

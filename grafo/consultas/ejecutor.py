"""Las consultas se evalúan en procesos aparte: con tiempo máximo y tope de tamaño, sin bloquear a nadie.

Entrada: el directorio de un almacén Oxigraph y consultas ya comprobadas por ``politica.asegurar``
(solo lectura, sin ``SERVICE``, ``LOAD`` ni ``FROM`` fuera del almacén). Salida: las filas
(``Resultado``) o los resultados serializados (JSON, XML, CSV, TSV, N-Triples…), o un error claro.

Por qué procesos y no hilos: una evaluación de Oxigraph no se puede interrumpir desde Python
(``Store.query`` no tiene plazo ni cancelación) y una expresión regular catastrófica en rdflib
retiene el GIL. Cada ``Trabajador`` es un proceso nuevo (``python -c``, no ``multiprocessing``: su
arranque *spawn* vuelve a ejecutar el script del usuario que llama a la API, y *fork* no es seguro
con los hilos del servidor ni de RocksDB) que abre el almacén en solo lectura y evalúa una consulta a
la vez; se habla con él por un par de sockets con los mensajes de ``multiprocessing.connection``. Si
no responde a tiempo, el padre lo mata y arranca otro: la consulta se detiene de verdad y las demás
siguen. El proceso también se detiene solo al pasar el plazo o el tope de tamaño mientras produce
filas (lo que evita matarlo en las consultas que devuelven muchas filas). Ctrl-C lo atiende el
padre: los trabajadores van en su propia sesión (no reciben la señal de la terminal) y terminan
cuando el padre cierra su conexión o muere.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grafo.almacen.manifiesto import DIR_ALMACEN
from grafo.base.errores import AlmacenError, ConsultaDetenidaError, GrafoError
from grafo.consultas.formato_protocolo import serializar
from grafo.consultas.motores import evaluar_oxigraph, evaluar_rdflib
from grafo.consultas.pedido import Pedido

if TYPE_CHECKING:
    import queue

    import pyoxigraph as ox

    from grafo.almacen.almacen import Almacen

# socket, subprocess, queue y multiprocessing.connection se importan al usarse: la CLI (que evalúa en
# su propio proceso) y `import grafo` no los pagan.

__all__ = ["Evaluador", "Trabajador", "evaluador_de", "evaluar_aqui", "principal"]

_MARGEN = 0.5  # lo que el padre espera de más antes de matar: el trabajador suele detenerse solo


#: Lo que ejecuta el proceso trabajador al arrancar.
_ARRANQUE = "from grafo.consultas.ejecutor import principal; principal()"


class _VencidoError(Exception):
    """El trabajador no respondió a tiempo."""


class Trabajador:
    """Un proceso que evalúa consultas sobre un almacén en solo lectura, una a la vez."""

    def __init__(self, directorio: str) -> None:
        import socket
        import subprocess
        from multiprocessing.connection import Connection

        directorio = str(Path(directorio).resolve())  # el proceso arranca en él: la ruta debe ser absoluta
        self.directorio = directorio
        propio, ajeno = socket.socketpair()
        raiz = str(Path(__file__).resolve().parents[2])  # donde está el paquete grafo
        entorno = dict(os.environ)
        entorno["PYTHONPATH"] = os.pathsep.join(p for p in (raiz, entorno.get("PYTHONPATH", "")) if p)
        try:
            self._proceso = subprocess.Popen(
                [sys.executable, "-c", _ARRANQUE, directorio, str(ajeno.fileno())],
                pass_fds=(ajeno.fileno(),),
                stdin=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # sin trazas en la terminal: los errores vuelven por el socket
                env=entorno,
                cwd=directorio,  # 'python -c' pone el directorio actual en sys.path: aquí no hay código
                start_new_session=True,
            )  # fmt: skip
        except OSError as e:
            propio.close()
            raise AlmacenError(f"no se pudo arrancar el proceso que evalúa las consultas: {e}") from e
        finally:
            ajeno.close()
        self._conexion = Connection(propio.detach())

    def pedir(self, pedido: Pedido) -> Any:
        """Envía ``pedido`` y espera la respuesta; ``_VencidoError`` si no llega a tiempo."""
        try:
            self._conexion.send(pedido)
            if not self._conexion.poll(pedido.tiempo_maximo + _MARGEN):
                raise _VencidoError
            tipo, valor = self._conexion.recv()
        except (EOFError, OSError) as e:
            raise AlmacenError(
                f"consulta '{pedido.nombre}': el proceso que la evaluaba terminó de forma inesperada "
                f"({e or 'sin respuesta'}). Vuelva a intentarlo; si se repite, acote la consulta."
            ) from e
        if tipo == "error":
            raise valor
        return valor

    def vivo(self) -> bool:
        """Si el proceso sigue en marcha."""
        return self._proceso.poll() is None

    def cerrar(self, matar: bool = False) -> None:
        """Termina el proceso: cerrando su conexión (se va solo) o, con ``matar``, de inmediato."""
        with contextlib.suppress(OSError):
            self._conexion.close()
        if matar:
            with contextlib.suppress(OSError):
                self._proceso.kill()
        import subprocess

        try:
            self._proceso.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proceso.kill()
            self._proceso.wait(timeout=5)


class Evaluador:
    """Un grupo de ``procesos`` trabajadores sobre el mismo almacén (seguro entre hilos)."""

    def __init__(self, directorio: str, procesos: int = 1) -> None:
        if procesos < 1:
            raise AlmacenError(f"el número de procesos debe ser al menos 1 (se pidió {procesos}).")
        self.directorio = directorio
        import queue

        self._libres: queue.Queue[Trabajador] = queue.Queue()
        self._todos: list[Trabajador] = []
        self._cerrado = False
        self._cerrojo = threading.Lock()
        for _ in range(procesos):
            self._agregar(Trabajador(directorio))

    def _agregar(self, t: Trabajador) -> None:
        with self._cerrojo:
            self._todos.append(t)
        self._libres.put(t)

    def evaluar(self, pedido: Pedido) -> Any:
        """Evalúa ``pedido`` en un trabajador libre (espera a que haya uno)."""
        if self._cerrado:
            raise AlmacenError("el evaluador de consultas ya está cerrado.")
        t = self._libres.get()
        try:
            resultado = t.pedir(pedido)
        except _VencidoError:
            self._reemplazar(t)
            raise _detenida(pedido, "tiempo") from None
        except AlmacenError:
            self._reemplazar(t)
            raise
        except BaseException:
            self._libres.put(t)
            raise
        self._libres.put(t)
        return resultado

    def _reemplazar(self, viejo: Trabajador) -> None:
        with self._cerrojo:
            if viejo in self._todos:
                self._todos.remove(viejo)
        viejo.cerrar(matar=True)
        if not self._cerrado:
            self._agregar(Trabajador(self.directorio))

    def cerrar(self) -> None:
        """Termina todos los trabajadores."""
        self._cerrado = True
        with self._cerrojo:
            todos, self._todos = self._todos, []
        for t in todos:
            t.cerrar()

    def __enter__(self) -> Evaluador:
        return self

    def __exit__(self, *_: object) -> None:
        self.cerrar()


def evaluar_aqui(store: ox.Store, pedido: Pedido, al_vencer: Callable[[str], None]) -> Any:
    """Evalúa ``pedido`` (Oxigraph, filas) en este proceso; si pasa el plazo, llama a ``al_vencer``.

    Para la CLI, cuyo proceso es desechable: no arranca otro proceso (unos 100 ms menos por consulta).
    Oxigraph suelta el GIL mientras evalúa, así que un hilo vigía despierta a tiempo y llama a
    ``al_vencer`` con el mismo mensaje que ``ConsultaDetenidaError`` (la CLI lo escribe y termina su
    proceso: solo ella lo hace). El tope de tamaño y el plazo entre filas se comprueban como en el
    trabajador. No sirve para rdflib (una expresión regular retiene el GIL) ni para la API.
    """
    cerrojo = threading.Lock()
    terminado = False

    def vencer() -> None:
        with cerrojo:
            if terminado:
                return
            al_vencer(str(_detenida(pedido, "tiempo")))

    reloj = threading.Timer(pedido.tiempo_maximo + _MARGEN, vencer)
    reloj.daemon = True
    reloj.start()
    vigia = _Vigia(pedido)
    try:
        return evaluar_oxigraph(store, pedido, vigia.sumar)
    except _ExcedidoError:
        raise _detenida(pedido, vigia.motivo) from None
    finally:
        with cerrojo:
            terminado = True
        reloj.cancel()


# --- el proceso trabajador --------------------------------------------------------------------


class _ExcedidoError(Exception):
    """El trabajador pasó el plazo o el tope mientras producía el resultado."""


def principal() -> None:
    """El cuerpo del proceso trabajador (``sys.argv``: directorio del almacén, descriptor del socket)."""
    import signal
    from multiprocessing.connection import Connection

    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    conexion = Connection(int(sys.argv[2]))
    store: ox.Store | None = None
    fallo: AlmacenError | None = None
    try:
        store = ox.Store.read_only(sys.argv[1])
    except (OSError, RuntimeError, ValueError) as e:  # se dice en cada respuesta, sin traza
        fallo = AlmacenError(
            f"{sys.argv[1]}: no se puede abrir el almacén ({e}). Vuelva a ejecutar 'grafo construir'."
        )
    while True:
        try:
            pedido = conexion.recv()
        except (EOFError, OSError):
            return
        try:
            if fallo is not None or store is None:
                raise fallo or AlmacenError("sin almacén")
            respuesta: tuple[str, Any] = ("ok", _atender(store, pedido))
        except GrafoError as e:
            respuesta = ("error", e)
        except Exception as e:  # un fallo del motor: se informa, el trabajador sigue
            respuesta = ("error", AlmacenError(f"consulta '{pedido.nombre}': error del motor: {e}"))
        try:
            conexion.send(respuesta)
        except (EOFError, OSError):
            return


def _detenida(pedido: Pedido, motivo: str) -> ConsultaDetenidaError:
    if motivo == "tiempo":
        return ConsultaDetenidaError(
            f"consulta '{pedido.nombre}': pasó de {pedido.tiempo_maximo:g} s y se detuvo. "
            "Acótela (LIMIT, filtros, menos patrones sin unir) o dé más tiempo con --tiempo-maximo."
        )
    return ConsultaDetenidaError(
        f"consulta '{pedido.nombre}': el resultado pasó de {pedido.tope_bytes // (1024 * 1024)} MB y se "
        "detuvo. Acótela con LIMIT o use 'grafo exportar' para llevarse el grafo entero."
    )


class _Vigia:
    """Cuenta bytes y mira el reloj mientras se produce un resultado."""

    def __init__(self, pedido: Pedido) -> None:
        self.pedido = pedido
        self.limite = time.monotonic() + pedido.tiempo_maximo
        self.bytes = 0
        self.motivo = ""

    def sumar(self, n: int) -> None:
        self.bytes += n
        if self.bytes > self.pedido.tope_bytes:
            self.motivo = "tamaño"
            raise _ExcedidoError
        if time.monotonic() > self.limite:
            self.motivo = "tiempo"
            raise _ExcedidoError


class _Escritor:
    """Un archivo en memoria que vigila el tamaño y el plazo (para los serializadores de Oxigraph)."""

    def __init__(self, vigia: _Vigia) -> None:
        self.vigia = vigia
        self.partes: list[bytes] = []

    def write(self, datos: bytes) -> int:
        self.vigia.sumar(len(datos))
        self.partes.append(bytes(datos))
        return len(datos)

    def flush(self) -> None:
        pass


def _atender(store: ox.Store, pedido: Pedido) -> Any:

    vigia = _Vigia(pedido)
    try:
        if pedido.motor == "rdflib":
            return evaluar_rdflib(store, pedido, vigia.sumar)
        if pedido.salida == "filas":
            return evaluar_oxigraph(store, pedido, vigia.sumar)
        escritor = _Escritor(vigia)
        serializar(store, pedido, escritor)
        return b"".join(escritor.partes)
    except _ExcedidoError:
        raise _detenida(pedido, vigia.motivo) from None
    except OSError as e:  # el serializador de Oxigraph envuelve la excepción de write()
        if vigia.motivo:
            raise _detenida(pedido, vigia.motivo) from None
        raise AlmacenError(f"consulta '{pedido.nombre}': {e}") from e


# --- un evaluador por almacén abierto ------------------------------------------------------------


def evaluador_de(almacen: Almacen) -> Evaluador:
    """El ``Evaluador`` (un proceso aparte, creado al pedirlo) que evalúa consultas sobre ``almacen``.

    Se crea uno por almacén abierto y se cierra con ``almacen.cerrar()`` o cuando el almacén deja de
    usarse (no queda un proceso por cada ``abrir()``).
    """
    ev = _EVALUADORES.get(almacen)
    if ev is None or ev._cerrado:  # cerrado con el almacén: se arranca otro
        ev = Evaluador(str(almacen.directorio / DIR_ALMACEN))
        _EVALUADORES[almacen] = ev
        almacen.al_cerrar(ev.cerrar)
        weakref.finalize(almacen, ev.cerrar)
    return ev


_EVALUADORES: weakref.WeakKeyDictionary[Almacen, Evaluador] = weakref.WeakKeyDictionary()

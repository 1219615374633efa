"""El manifiesto de una construcción: qué fuentes la formaron (con su SHA-256), conteos y fecha.

Entrada: ``DIR/manifiesto.json`` (lo escribe ``grafo construir``). Salida: un ``Manifiesto`` y, con
``cambios``, las fuentes que cambiaron desde entonces (para avisar al lector).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from grafo.base.errores import AlmacenError
from grafo.base.recursos import PAQUETE, fuentes_incluidas, huella

__all__ = ["DIR_ALMACEN", "MANIFIESTO", "FuenteHuella", "Manifiesto", "cambios"]

#: Dentro de un directorio construido: el almacén Oxigraph y el manifiesto.
DIR_ALMACEN = "almacen"
MANIFIESTO = "manifiesto.json"


@dataclass(frozen=True)
class FuenteHuella:
    """Una fuente del grafo: nombre legible, dónde está y su SHA-256."""

    nombre: str
    ruta: str  # 'paquete:grafo.ontologia/glosario.ttl' o ruta absoluta de un foro del usuario
    sha256: str


@dataclass
class Manifiesto:
    """Lo que describe una construcción."""

    version: str
    construido: str
    fuentes: list[FuenteHuella] = field(default_factory=list)
    conteos: dict[str, int] = field(default_factory=dict)
    archivos: list[str] = field(default_factory=list)
    violaciones: int = 0
    duracion_s: float = 0.0  # cuánto tardó la construcción

    def a_json(self) -> str:
        """El manifiesto como JSON legible."""
        datos = {
            "version": self.version,
            "construido": self.construido,
            "fuentes": [f.__dict__ for f in self.fuentes],
            "conteos": self.conteos,
            "violaciones": self.violaciones,
            "duracion_s": self.duracion_s,
            "archivos": self.archivos,
        }
        return json.dumps(datos, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def leer(cls, ruta: Path) -> Manifiesto:
        """Lee ``ruta``; un manifiesto ilegible es un ``AlmacenError``."""
        try:
            datos = json.loads(ruta.read_text(encoding="utf-8"))
            return cls(
                version=str(datos["version"]),
                construido=str(datos["construido"]),
                fuentes=[FuenteHuella(**f) for f in datos["fuentes"]],
                conteos={str(k): int(v) for k, v in datos["conteos"].items()},
                archivos=[str(a) for a in datos.get("archivos", [])],
                violaciones=int(datos.get("violaciones", 0)),
                duracion_s=float(datos.get("duracion_s", 0.0)),
            )
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise AlmacenError(
                f"{ruta}: manifiesto ilegible ({e}). Vuelva a ejecutar 'grafo construir'."
            ) from e


def _contenido_actual(fuente: FuenteHuella, incluidas: dict[str, bytes]) -> bytes | None:
    if fuente.ruta.startswith(PAQUETE):
        return incluidas.get(fuente.ruta)
    try:
        return Path(fuente.ruta).read_bytes()
    except OSError:
        return None


def cambios(manifiesto: Manifiesto) -> list[str]:
    """Las fuentes de ``manifiesto`` que cambiaron, faltan o son nuevas desde la construcción."""
    incluidas = {ruta: datos for _n, ruta, datos in fuentes_incluidas()}
    lista = []
    for f in manifiesto.fuentes:
        actual = _contenido_actual(f, incluidas)
        if actual is None:
            lista.append(f"{f.nombre} (ya no existe)")
        elif huella(actual) != f.sha256:
            lista.append(f.nombre)
    registradas = {f.ruta for f in manifiesto.fuentes}
    lista += [f"{ruta.rsplit('/', 1)[-1]} (nueva)" for ruta in incluidas if ruta not in registradas]
    return lista

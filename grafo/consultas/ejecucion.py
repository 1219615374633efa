"""Etapa *consultas*: una consulta (con nombre, archivo o texto) + parámetros -> filas exactas.

Entrada: una ``Consulta`` del catálogo, los parámetros del usuario y dónde evaluarla: el almacén
construido (motor ``oxigraph``, por defecto), el mismo almacén leído por rdflib (motor ``rdflib``) o
un endpoint SPARQL 1.1 remoto. Salida: un ``Resultado`` con columnas en orden y celdas de texto.

Pasos, cada uno en su módulo: ``politica.asegurar`` (solo lectura, sin red ni archivos, prefijos del
proyecto), ``parametros`` (valores como términos RDF en un bloque ``VALUES``), ``ejecutor`` (el
motor, en otro proceso con plazo), ``motores`` (celdas legibles). Las celdas de las columnas
``Lista:`` (``GROUP_CONCAT``) se ordenan por partes: la salida es la misma byte a byte de una
ejecución a otra y entre motores, salvo las etiquetas de nodos anónimos, que cada motor (y cada
ejecución de rdflib) elige a su manera; ninguna consulta del catálogo los devuelve.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from grafo.almacen.almacen import Almacen
from grafo.base.errores import ConsultaInvalidaError
from grafo.consultas.catalogo import SEPARADOR_LISTA, Consulta
from grafo.consultas.ejecutor import evaluador_de, evaluar_aqui
from grafo.consultas.motores import MOTORES, Motor, Resultado, evaluar_oxigraph, evaluar_rdflib
from grafo.consultas.parametros import aplicar_valores, resolver_parametros
from grafo.consultas.pedido import TIEMPO_MAXIMO, Pedido
from grafo.consultas.politica import ConsultaSegura, asegurar
from grafo.consultas.valores import Celdas

if TYPE_CHECKING:
    from grafo.consultas.remoto import Endpoint

__all__ = ["ejecutar", "pedido_de", "preparar"]

_OCULTAS = "param_"


def _ordenar_listas(consulta: Consulta, res: Resultado) -> Resultado:
    indices = [i for i, c in enumerate(res.columnas) if c in consulta.listas]
    if not indices:
        return res
    for fila in res.filas:
        for i in indices:
            if fila[i]:
                fila[i] = SEPARADOR_LISTA.join(sorted(fila[i].split(SEPARADOR_LISTA)))
    return res


def ejecutar(
    fuente: Almacen | Endpoint,
    consulta: Consulta,
    params: dict[str, str] | None = None,
    motor: Motor = "oxigraph",
    *,
    tiempo_maximo: float | None = TIEMPO_MAXIMO,
    al_vencer: Callable[[str], None] | None = None,
    celdas: Celdas = "texto",
) -> Resultado:
    """Ejecuta ``consulta`` con ``params`` sobre ``fuente`` (almacén local o endpoint remoto).

    Con ``tiempo_maximo`` (segundos; por defecto ``pedido.TIEMPO_MAXIMO``) la consulta se evalúa
    en un proceso aparte que se detiene al pasar el plazo o el tope de tamaño
    (``ConsultaDetenidaError``); con ``None``, en este proceso y sin plazo. Con ``al_vencer`` (la
    CLI, con Oxigraph) se evalúa en este proceso, sin arrancar otro, y si el plazo vence se llama a
    ``al_vencer(mensaje)`` desde otro hilo: quien llama decide qué hacer (la CLI termina su proceso).
    ``celdas="python"`` da valores de Python en lugar de texto (``grafo.consultas.valores``).
    """
    if motor not in MOTORES:
        raise ConsultaInvalidaError(f"motor desconocido '{motor}'. Motores: {', '.join(MOTORES)}.")
    if tiempo_maximo is not None and not tiempo_maximo > 0:
        raise ConsultaInvalidaError(
            f"el tiempo máximo debe ser un número de segundos mayor que 0 (se dio {tiempo_maximo})."
        )
    segura = preparar(fuente, consulta, params or {})
    if not isinstance(fuente, Almacen):
        res = fuente.ejecutar(segura.texto, segura.forma, consulta.nombre, celdas=celdas)
        return _ordenar_listas(consulta, _sin_ocultas(res))
    plazo = TIEMPO_MAXIMO if tiempo_maximo is None else tiempo_maximo
    pedido = pedido_de(segura, consulta.nombre, motor=motor, tiempo_maximo=plazo, celdas=celdas)
    if tiempo_maximo is None:
        evaluar = evaluar_rdflib if motor == "rdflib" else evaluar_oxigraph
        res = evaluar(fuente.store, pedido)
    elif al_vencer is not None and motor == "oxigraph":  # rdflib retiene el GIL: en otro proceso
        res = evaluar_aqui(fuente.store, pedido, al_vencer)
    else:
        res = evaluador_de(fuente).evaluar(pedido)
    return _ordenar_listas(consulta, res)


def preparar(fuente: Almacen | Endpoint, consulta: Consulta, params: dict[str, str]) -> ConsultaSegura:
    """La consulta comprobada, con los parámetros enlazados (``VALUES``) y los prefijos del proyecto.

    El texto de la consulta se comprueba antes de resolver los parámetros en ``fuente`` (nada se lee
    para una consulta prohibida) y otra vez con los valores puestos.
    """
    grafos = (lambda: fuente.grafos) if isinstance(fuente, Almacen) else None
    asegurar(consulta.texto, consulta.nombre, grafos)
    valores = resolver_parametros(fuente, consulta, params)
    return asegurar(aplicar_valores(consulta, valores), consulta.nombre, grafos)


def pedido_de(segura: ConsultaSegura, nombre: str, **otros: Any) -> Pedido:
    """El ``Pedido`` de una consulta comprobada: texto, dónde informar errores y su conjunto de datos."""
    return Pedido(
        segura.texto,
        nombre=nombre,
        desplazamiento=segura.desplazamiento,
        grafos_por_defecto=segura.desde,
        grafos_con_nombre=segura.desde_con_nombre,
        **otros,
    )


def _sin_ocultas(res: Resultado) -> Resultado:
    visibles = [i for i, c in enumerate(res.columnas) if not c.startswith(_OCULTAS)]
    if len(visibles) == len(res.columnas):
        return res
    return Resultado(
        [res.columnas[i] for i in visibles], [[f[i] for i in visibles] for f in res.filas], res.booleano
    )

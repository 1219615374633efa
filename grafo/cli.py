"""La orden ``grafo``: analiza argumentos, llama a una función de la biblioteca e imprime.

Códigos de salida: 0 bien, 1 error esperado (entrada inválida, consulta inválida, ontología
inconsistente, validación fallida, salida no escribible), 2 error de uso (opción desconocida,
archivo inexistente). Los mensajes de click también salen en español.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from grafo.base.errores import GrafoError
from grafo.consultas.pedido import TIEMPO_MAXIMO

__all__ = ["cli", "main"]

# --- mensajes de click en español ---------------------------------------------------------------

_ES = {
    "Usage:": "Uso:",
    "Options": "Opciones",
    "Commands": "Órdenes",
    "Positional arguments": "Argumentos",
    "Show this message and exit.": "Muestra esta ayuda y sale.",
    "Show the version and exit.": "Muestra la versión y sale.",
    "Error: {message}": "Error: {message}",
    "Try '{command} {option}' for help.": "Pruebe '{command} {option}' para ver la ayuda.",
    "No such option {name!r}.": "No existe la opción {name!r}.",
    "No such command {name!r}.": "No existe la orden {name!r}.",
    "Missing argument": "Falta el argumento",
    "Missing option": "Falta la opción",
    "Missing parameter": "Falta el parámetro",
    "Missing parameter: {param_name}": "Falta el parámetro: {param_name}",
    "Missing command.": "Falta la orden.",
    "Invalid value for {param_hint}: {message}": "Valor inválido para {param_hint}: {message}",
    "Invalid value: {message}": "Valor inválido: {message}",
    "Option {name!r} does not take a value.": "La opción {name!r} no admite un valor.",
    "Got unexpected extra argument ({args})": "Argumento de más inesperado ({args})",
    "Got unexpected extra arguments ({args})": "Argumentos de más inesperados ({args})",
    "Option {name!r} requires an argument.": "La opción {name!r} necesita un valor.",
    "Did you mean {possibility}?": "¿Quiso decir {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(¿Quiso decir una de: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} no es {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} no es una de {choices}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} no existe.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} es un directorio.",
    "{name} {filename!r} is a file.": "{name} {filename!r} es un archivo.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} no se puede leer.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} no se puede escribir.",
    "{value!r} is not a valid {number_type}.": "{value!r} no es un {number_type} válido.",
    "file": "El archivo",
    "directory": "El directorio",
    "path": "La ruta",
    "default: {default}": "por defecto: {default}",
    "Aborted!": "¡Interrumpido!",
    "required": "obligatoria",
    "{value} is not in the range {range}.": "{value} no está en el intervalo {range}.",
}


def _traducir(mensaje: str) -> str:
    return _ES.get(mensaje, mensaje)


def _ntraducir(singular: str, plural: str, n: int) -> str:
    return _traducir(singular if n == 1 else plural)


def _instalar_traduccion() -> None:
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for modulo in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        if hasattr(modulo, "_"):
            modulo._ = _traducir  # type: ignore[attr-defined]
        if hasattr(modulo, "ngettext"):
            modulo.ngettext = _ntraducir  # type: ignore[attr-defined]


# --- opciones comunes ----------------------------------------------------------------------------


class _OpcionAlmacen(click.Option):
    """``--almacen``: su ayuda dice qué grafo se usa ahora por defecto."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        from grafo.construccion.cache import origen_por_defecto

        self.help = (
            "Directorio de 'grafo construir' que se lee. Por defecto: ./salida si contiene una "
            "construcción; si no, el grafo incluido (vocabulario + foro de Cajamarca 2013), en la "
            f"caché del usuario. Ahora: {origen_por_defecto()}."
        )
        return super().get_help_record(ctx)


def _opcion_almacen(f: Any) -> Any:
    return click.option(
        "--almacen",
        cls=_OpcionAlmacen,
        type=_ruta(exists=True, file_okay=False, path_type=Path),
        default=None,
        metavar="DIR",
    )(f)


def _opcion_tiempo_maximo(ayuda: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--tiempo-maximo S``: segundos (> 0) que puede durar una consulta."""
    return click.option(
        "--tiempo-maximo",
        type=click.FloatRange(min=0, min_open=True),
        default=TIEMPO_MAXIMO,
        show_default=True,
        metavar="S",
        help=ayuda,
    )


def _abrir(almacen: Path | None) -> Any:
    from grafo.construccion.cache import abrir

    a = abrir(almacen)
    for aviso in a.avisos:
        click.echo(aviso, err=True)
    return a


class _Orden(click.Command):
    """Orden con el marcador de opciones en español en la línea de uso."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPCIONES]")
        super().__init__(*args, **kwargs)


def _ruta(**kwargs: Any) -> click.Path:
    """Un ``click.Path`` cuyo nombre en los errores está en español."""
    tipo = click.Path(**kwargs)
    tipo.name = (
        "directorio"
        if not kwargs.get("file_okay", True)
        else ("archivo" if not kwargs.get("dir_okay", True) else "ruta")
    )
    return tipo


class _Grupo(click.Group):
    """Grupo que convierte los ``GrafoError`` en ``Error: ...`` con código 1, sin traza, y que
    habla español también en los mensajes de uso de click."""

    command_class = _Orden

    def main(self, *args: Any, **kwargs: Any) -> Any:
        _instalar_traduccion()
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GrafoError as e:
            raise click.ClickException(str(e)) from e


def _version(ctx: click.Context, _param: click.Parameter, valor: bool) -> None:
    if not valor or ctx.resilient_parsing:
        return
    from grafo.base.recursos import version_paquete

    click.echo(f"grafo {version_paquete()}")
    ctx.exit()


@click.group(
    cls=_Grupo,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[OPCIONES]",
    subcommand_metavar="ORDEN [ARGUMENTOS]...",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Muestra la versión y sale.",
)
def cli() -> None:
    """Grafo territorial: ontología, glosario y foro de la gobernanza territorial del Perú.

    'grafo construir' escribe el grafo (un almacén Oxigraph y sus exportaciones); las demás
    órdenes lo leen con --almacen DIR (por defecto ./salida si existe; si no, el grafo incluido).
    """


# --- construir, validar, razonar ----------------------------------------------------------------------


@cli.command()
@click.option(
    "--salida",
    type=_ruta(file_okay=False, path_type=Path),
    default=Path("salida"),
    show_default=True,
    help="Directorio donde escribir la construcción (se reemplaza entera, de una vez).",
)
@click.option(
    "--foro",
    "foros",
    multiple=True,
    type=_ruta(exists=True, dir_okay=False, path_type=Path),
    help="Archivo YAML de otro foro que se añade al incluido (repetible).",
)
def construir(salida: Path, foros: tuple[Path, ...]) -> None:
    """Valida y construye el grafo: almacén Oxigraph, manifiesto, grafo.trig, grafo.ttl, grafo.jsonld."""
    from grafo.construccion.proceso import construir as _construir

    resumen = _construir(salida, foros)
    click.echo(f"Grafo construido en {salida}/")
    for clave, valor in resumen.conteos.items():
        click.echo(f"  {clave:<14}{valor:>7}")
    click.echo(f"  validación SHACL: {resumen.violaciones} violaciones")
    click.echo(f"  almacén: {salida / 'almacen'}/")
    for ruta in resumen.archivos:
        click.echo(f"  escrito: {ruta}")


@cli.command()
@click.argument("archivos", nargs=-1, type=_ruta(exists=True, dir_okay=False, path_type=Path))
@_opcion_almacen
def validar(archivos: tuple[Path, ...], almacen: Path | None) -> None:
    """Valida con las formas SHACL el grafo construido.

    Con ARCHIVOS .yaml, valida cada foro por sí solo (esquema, referencias y formas) frente al
    vocabulario del grafo; con ARCHIVOS .ttl, los añade al grafo antes de validar.
    """
    from grafo.construccion.validacion import validar_almacen

    informe = validar_almacen(_abrir(almacen), archivos)
    click.echo(informe.texto())
    if not informe.conforme:
        raise click.ClickException(f"{len(informe.violaciones)} violaciones SHACL.")


@cli.command()
@click.argument("archivos", nargs=-1, type=_ruta(exists=True, dir_okay=False, path_type=Path))
def razonar(archivos: tuple[Path, ...]) -> None:
    """Comprueba la consistencia con HermiT y lista los tipos inferidos (requiere Java).

    ARCHIVOS .ttl se añaden al glosario antes de razonar.
    """
    from grafo.razonamiento.razonar import razonar_fuentes

    click.echo(razonar_fuentes(archivos).texto())


# --- lectores -------------------------------------------------------------------------------------


@cli.command()
@click.argument("termino")
@click.option(
    "--idioma",
    type=click.Choice(["es", "en"]),
    default="es",
    show_default=True,
    help="Idioma de la ficha; lo que el grafo no tiene en ese idioma se muestra en el otro, marcado.",
)
@click.option(
    "--formato",
    type=click.Choice(["texto", "md"]),
    default="texto",
    show_default=True,
    help="texto: para la terminal; md: Markdown. Líneas de a lo sumo 80 columnas.",
)
@_opcion_almacen
def definir(termino: str, idioma: str, formato: str, almacen: Path | None) -> None:
    """Muestra la ficha de TERMINO: un concepto del glosario, un actor (MINAM, 'gobiernos
    regionales'), un nivel de gobierno ('Regional', 'nivel local') o una norma ('Ley 27795').

    Sigla o nombre, sin importar tildes, mayúsculas ni los puntos de una sigla ('Z.E.E.'); una
    sola palabra con la que empieza el nombre de una sola entidad también vale ('regalia').
    'grafo terminos' lista lo que se puede buscar.
    """
    from grafo.fichas.definir import definir as _definir

    d = _definir(_abrir(almacen), termino, idioma=idioma, formato=formato)  # type: ignore[arg-type]
    if d.entidad.aviso:
        click.echo(d.entidad.aviso, err=True)
    _emitir(d.texto)


@cli.command()
@click.option(
    "--tipo",
    type=click.Choice(["concepto", "actor", "nivel", "norma"]),
    default=None,
    help="Solo las entidades de este tipo.",
)
@_opcion_almacen
def terminos(tipo: str | None, almacen: Path | None) -> None:
    """Lista lo que 'grafo definir' puede mostrar: una línea por concepto, actor, nivel de gobierno
    o norma, con su tipo, su nombre y sus siglas, ordenadas por tipo y nombre."""
    from grafo.busqueda.resolucion import entidades
    from grafo.fichas.definir import texto_terminos

    _emitir(texto_terminos(entidades(_abrir(almacen), tipo)))  # type: ignore[arg-type]


@cli.command("consultas")
@_opcion_almacen
def listar_consultas(almacen: Path | None) -> None:
    """Lista las consultas con nombre, su descripción y sus parámetros."""
    from grafo.construccion.cache import abrir, origen_por_defecto
    from grafo.consultas.catalogo import consultas_disponibles

    lineas = []
    for c in consultas_disponibles():
        lineas.append(f"{c.nombre}: {c.titulo}")
        if c.descripcion:
            lineas.append(f"    {c.descripcion}")
        for p in c.parametros:
            ob = ", obligatorio" if p.obligatorio else ""
            lineas.append(f"    --param {p.nombre}=VALOR  ({p.tipo}{ob}) {p.descripcion}")
        if c.ejemplo:
            lineas.append(f"    ejemplo: {c.ejemplo}")
    grafo = abrir(almacen).descripcion if almacen else origen_por_defecto()
    lineas.append(f"(grafo: {grafo})")
    _emitir("\n".join(lineas))


def _parametros(valores: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for v in valores:
        clave, sep, valor = v.partition("=")
        if not sep or not clave.strip():
            raise click.BadParameter(f"'{v}' no tiene la forma clave=valor.", param_hint="--param")
        params[clave.strip()] = valor.strip()
    return params


def _leer_consulta(consulta: str) -> Any:
    from grafo.consultas.catalogo import cargar_consulta, consulta_de_texto

    if consulta == "-":
        return consulta_de_texto(sys.stdin.read(), "entrada estándar")
    if consulta.endswith(".rq"):
        ruta = Path(consulta)
        if not ruta.is_file():
            raise click.BadParameter(f"el archivo de consulta '{ruta}' no existe.", param_hint="CONSULTA")
        try:
            return consulta_de_texto(ruta.read_text(encoding="utf-8"), ruta.name)
        except (OSError, UnicodeDecodeError) as e:
            from grafo.base.errores import ConsultaInvalidaError

            raise ConsultaInvalidaError(f"no se puede leer el archivo de consulta '{ruta}': {e}") from e
    return cargar_consulta(consulta)


@cli.command()
@click.argument("consulta")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="CLAVE=VALOR",
    help="Parámetro de la consulta (repetible).",
)
@click.option(
    "--formato",
    "-f",
    type=click.Choice(["tabla", "csv", "json", "md"]),
    default="tabla",
    show_default=True,
    help="Formato de salida.",
)
@click.option(
    "--motor",
    type=click.Choice(["oxigraph", "rdflib"]),
    default="oxigraph",
    show_default=True,
    help="Motor SPARQL local (ambos leen el mismo almacén).",
)
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Endpoint SPARQL 1.1 remoto (su grafo por defecto debe ser la unión de los grafos).",
)
@_opcion_tiempo_maximo("Segundos que puede durar la consulta; pasado ese tiempo se detiene.")
@_opcion_almacen
def consulta(
    consulta: str,
    params: tuple[str, ...],
    formato: str,
    motor: str,
    endpoint: str | None,
    tiempo_maximo: float,
    almacen: Path | None,
) -> None:
    """Ejecuta CONSULTA: un nombre (ver 'grafo consultas'), un archivo .rq o '-' (entrada estándar)."""
    from grafo.consultas.ejecucion import ejecutar
    from grafo.consultas.formato_filas import formatear

    q = _leer_consulta(consulta)
    pares = _parametros(params)
    if endpoint is not None:
        from grafo.consultas.remoto import Endpoint

        fuente: Any = Endpoint(endpoint, tiempo_maximo=tiempo_maximo)
    else:
        fuente = _abrir(almacen)
    res = ejecutar(
        fuente,
        q,
        pares,
        motor=motor,  # type: ignore[arg-type]
        tiempo_maximo=tiempo_maximo,
        al_vencer=_terminar_por_plazo,
    )
    ancho = shutil.get_terminal_size((100, 24)).columns
    pie = f"{len(res.filas)} filas · grafo: {fuente.descripcion}"
    _emitir(formatear(res, formato, ancho=ancho, pie=pie))


def _terminar_por_plazo(mensaje: str) -> None:
    """El plazo de una consulta venció mientras se evaluaba en este proceso: se dice y se sale con 1
    sin haber escrito nada en la salida estándar (Oxigraph no se puede interrumpir de otro modo)."""
    sys.stdout.flush()
    sys.stderr.write(f"Error: {mensaje}\n")
    sys.stderr.flush()
    os._exit(1)


@cli.command()
@click.option(
    "-o",
    "--salida",
    "archivo",
    type=_ruta(dir_okay=False, path_type=Path),
    default=Path("grafo.html"),
    show_default=True,
    help="Archivo HTML que se escribe (autocontenido, funciona sin conexión).",
)
@click.option(
    "--vista",
    type=click.Choice(["vocabulario", "foro", "completa"]),
    default="vocabulario",
    show_default=True,
    help="vocabulario: instrumentos, actores, niveles y normas (los enunciados, en las fichas); "
    "foro: sesiones, oradores y enunciados; completa: todo.",
)
@click.option(
    "--centro", metavar="TERMINO", default=None, help="Solo la vecindad de TERMINO (sigla o nombre)."
)
@click.option("--radio", type=int, default=1, show_default=True, help="Saltos desde --centro.")
@click.option(
    "--tipo",
    "tipos",
    multiple=True,
    type=click.Choice(
        ["instrumento", "concepto", "actor", "nivel", "norma", "sesion", "orador", "enunciado"]
    ),
    help="Solo estos tipos de nodo (repetible).",
)
@_opcion_almacen
def visualizar(
    archivo: Path, vista: str, centro: str | None, radio: int, tipos: tuple[str, ...], almacen: Path | None
) -> None:
    """Escribe la red interactiva: un solo archivo HTML, sin conexión, con búsqueda, filtros y fichas."""
    from grafo.paginas.red import construir_red, guardar_red

    red = construir_red(_abrir(almacen), vista=vista, centro=centro, radio=radio, tipos=tipos)
    guardar_red(red, archivo)
    click.echo(f"Red escrita en {archivo}: {len(red.nodos)} nodos, {len(red.aristas)} aristas.")
    if red.aviso:
        click.echo(red.aviso, err=True)


@cli.command()
@click.option("--preguntas", "-n", type=int, default=10, show_default=True, help="Número de preguntas.")
@click.option(
    "--semilla",
    type=int,
    default=None,
    help="La misma semilla da la misma prueba. Por defecto, una al azar (se muestra para repetirla).",
)
@click.option(
    "--tema",
    metavar="CATEGORIA",
    default=None,
    help="Solo preguntas sobre términos de esa categoría del glosario (p. ej. planificación, fiscal).",
)
@click.option(
    "--no-interactivo",
    is_flag=True,
    help="Imprime la prueba y después su clave de respuestas (con explicaciones y fuentes), para repartir.",
)
@_opcion_almacen
def practicar(
    preguntas: int, semilla: int | None, tema: str | None, no_interactivo: bool, almacen: Path | None
) -> None:
    """Practica con preguntas de opción múltiple sacadas del grafo: términos y definiciones, quién
    aprueba cada instrumento y con qué norma, qué nivel de gobierno hace qué (en 2013 y hoy) y las
    relaciones entre instrumentos. Cada respuesta se explica citando la norma."""
    from grafo.ensenanza.practica import generar_practica
    from grafo.ensenanza.sesion import Sesion, letras
    from grafo.ensenanza.textos import texto_practica, texto_pregunta

    practica = generar_practica(_abrir(almacen), preguntas, semilla, tema)
    if practica.aviso:
        click.echo(practica.aviso, err=True)
    if no_interactivo:
        _emitir(texto_practica(practica).rstrip("\n"))
        return
    sesion = Sesion(practica)
    click.echo(sesion.encabezado())
    for numero, p in enumerate(practica.preguntas, 1):
        click.echo(f"\n{texto_pregunta(p, numero)}")
        letra = click.prompt("Respuesta", type=click.Choice(letras(p), case_sensitive=False))
        click.echo(sesion.responder(letra))
    click.echo(f"\n{sesion.resultado()}")


@cli.command()
@click.option(
    "-o",
    "--salida",
    "archivo",
    type=_ruta(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Archivo que se escribe (por defecto glosario.html, o glosario.md con --formato md); "
    "'-' escribe en la salida estándar.",
)
@click.option(
    "--formato",
    type=click.Choice(["html", "md"]),
    default="html",
    show_default=True,
    help="html: página autocontenida e imprimible, con índices e interruptor es/en; md: Markdown.",
)
@_opcion_almacen
def glosario(archivo: Path | None, formato: str, almacen: Path | None) -> None:
    """Escribe el glosario: una ficha por término, con índice A–Z y por categoría.

    Las citas del foro enlazan a su enunciado en grafo.html si esa página está junto al archivo.
    """
    from grafo.paginas.glosario import guardar_glosario, leer_glosario, texto_glosario

    g = leer_glosario(_abrir(almacen))
    if archivo is not None and str(archivo) == "-":
        _emitir(texto_glosario(g, formato, red=None).rstrip("\n"))
        return
    ruta = archivo or Path(f"glosario.{formato}")
    guardar_glosario(g, ruta, formato)
    click.echo(f"Glosario escrito en {ruta}: {len(g.entradas)} términos.")


# --- salida -----------------------------------------------------------------------------------------


@cli.command()
@click.option(
    "--formato",
    "-f",
    type=click.Choice(["trig", "nq", "ttl", "nt", "jsonld", "rdfxml", "graphml", "csv"]),
    required=True,
    help="trig y nq: todo, con grafos con nombre; ttl, nt, rdfxml: la unión; jsonld: con @context y "
    "grafos con nombre; graphml: red para networkx o Gephi; csv: zip con nodos.csv y aristas.csv.",
)
@click.option(
    "-o",
    "archivo",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Archivo de salida (por defecto grafo.EXT; «-» para la salida estándar).",
)
@_opcion_almacen
def exportar(formato: str, archivo: Path | None, almacen: Path | None) -> None:
    """Exporta el grafo construido para otras herramientas (triple stores, Gephi, hojas de cálculo)."""
    import sys

    from grafo.compartir.exportacion import FORMATOS
    from grafo.compartir.exportacion import exportar as exportar_grafo

    fuente = _abrir(almacen)
    if str(archivo) == "-":
        exportar_grafo(fuente, formato, sys.stdout.buffer)
        return
    destino = archivo or Path(f"grafo.{FORMATOS[formato]}")
    exportar_grafo(fuente, formato, destino)
    click.echo(f"Exportado en {destino} ({formato}).", err=True)


@cli.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="URL del Graph Store (SPARQL 1.1 Graph Store HTTP Protocol), p. ej. http://127.0.0.1:7878/store "
    "(Oxigraph) o http://localhost:3030/grafo/data (Fuseki).",
)
@click.option("--grafo", "iri", metavar="IRI", default=None, help="Envía solo este grafo con nombre.")
@click.option(
    "--reemplazar",
    is_flag=True,
    help="PUT: reemplaza cada grafo en el servidor (por defecto POST: añade a lo que haya).",
)
@click.option(
    "--usuario",
    metavar="U",
    default=None,
    help="Usuario para HTTP Basic; la clave se toma de la variable GRAFO_CLAVE o se pide en la terminal.",
)
@_opcion_almacen
def publicar(
    endpoint: str, iri: str | None, reemplazar: bool, usuario: str | None, almacen: Path | None
) -> None:
    """Envía el grafo construido, con sus grafos con nombre, a un triple store (Oxigraph, Fuseki,
    GraphDB, Virtuoso): una petición por grafo, en N-Triples leído del almacén."""
    from grafo.compartir.publicacion import publicar as publicar_grafo

    credenciales = None
    if usuario is not None:
        clave = os.environ.get("GRAFO_CLAVE")
        if clave is None:
            if not sys.stdin.isatty():
                from grafo.base.errores import PublicacionError

                raise PublicacionError(
                    f"falta la clave del usuario '{usuario}': defínala en la variable de entorno "
                    "GRAFO_CLAVE (o ejecute la orden en una terminal para que se pida)."
                )
            clave = click.prompt(f"Clave de {usuario}", hide_input=True, err=True)
        credenciales = (usuario, clave)
    res = publicar_grafo(
        _abrir(almacen),
        endpoint,
        grafo=iri,
        reemplazar=reemplazar,
        credenciales=credenciales,
        al_publicar=lambda g: click.echo(f"{g.nombre}: {g.tripletas} {_tripletas(g.tripletas)}"),
    )
    accion = "reemplazados (PUT)" if reemplazar else "añadidos (POST)"
    grafos = f"{len(res.grafos)} grafo{'' if len(res.grafos) == 1 else 's'}"
    click.echo(f"Total: {grafos}, {res.tripletas} {_tripletas(res.tripletas)}, {accion} en {res.endpoint}")


def _tripletas(n: int) -> str:
    return "tripleta" if n == 1 else "tripletas"


@cli.command()
@click.option(
    "--puerto",
    type=click.IntRange(0, 65535),
    metavar="P",
    default=7879,
    show_default=True,
    help="Puerto TCP (0: uno libre).",
)
@click.option(
    "--host",
    metavar="H",
    default="127.0.0.1",
    show_default=True,
    help="Dirección donde escuchar. Fuera de 127.0.0.1, cualquiera que alcance la máquina puede consultar.",
)
@_opcion_tiempo_maximo("Segundos que puede durar cada consulta; pasado ese tiempo se detiene (503).")
@click.option(
    "--procesos",
    type=click.IntRange(1, 64),
    metavar="N",
    default=4,
    show_default=True,
    help="Procesos que evalúan consultas a la vez (más que núcleos: una consulta que agota su tiempo "
    "no deja a las demás sin proceso).",
)
@_opcion_almacen
def servir(puerto: int, host: str, tiempo_maximo: float, procesos: int, almacen: Path | None) -> None:
    """Sirve el grafo como endpoint SPARQL 1.1 de solo lectura, con una página de consultas en /."""
    from grafo.compartir.servidor import es_loopback
    from grafo.compartir.servidor import servir as servir_almacen

    fuente = _abrir(almacen)

    def al_escuchar(url: str) -> None:
        click.echo(f"Sirviendo {fuente.descripcion}")
        click.echo(f"  página de consultas: {url}")
        click.echo(f"  endpoint SPARQL:     {url}sparql")
        click.echo(f"  tiempo máximo por consulta: {tiempo_maximo:g} s. Ctrl-C para parar.")
        if not es_loopback(host):
            click.echo(
                f"Aviso: escucha en {host}: cualquiera que alcance esta máquina puede hacer consultas.",
                err=True,
            )

    servir_almacen(fuente, host=host, puerto=puerto, tiempo_maximo=tiempo_maximo, procesos=procesos,
                   al_escuchar=al_escuchar)  # fmt: skip
    click.echo("Servidor detenido.")


def _emitir(texto: str) -> None:
    click.echo(texto)


def _sin_salida() -> None:
    """Redirige la salida estándar a /dev/null para que el cierre del intérprete no falle."""
    try:
        nulo = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nulo, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Punto de entrada de la orden ``grafo``."""
    try:
        cli(prog_name="grafo", standalone_mode=False)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.Abort:
        click.echo("¡Interrumpido!", err=True)
        sys.exit(1)
    except BrokenPipeError:
        _sin_salida()  # el lector cerró la tubería (p. ej. '| head -1'): no es un error
        sys.exit(0)
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
            _sin_salida()
            click.echo(f"Error: no se pudo escribir la salida: {e.strerror}.", err=True)
            sys.exit(1)
        raise
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _sin_salida()
    except OSError as e:
        _sin_salida()
        click.echo(f"Error: no se pudo escribir la salida: {e.strerror}.", err=True)
        sys.exit(1)

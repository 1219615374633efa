"""El glosario: grafo construido -> el glosario entero, como página HTML o como Markdown.

Entrada: un ``Lector`` (el almacén abierto). Salida: un ``Glosario`` (una ``Entrada`` por concepto del
esquema ``gtesq:glosario``) y su texto: una página HTML autocontenida o Markdown con el mismo
contenido. Cada paso, en su módulo:

- ``modelo``: ``Glosario``, ``Entrada`` y sus partes (solo datos);
- ``lectura``: el almacén -> un ``Glosario``, con unas pocas consultas SPARQL más una ficha por
  término (``grafo.fichas.conceptos.ficha_de_concepto``); no importa rdflib;
- ``comun``: rótulos, orden alfabético, títulos, vigencias y enlaces, comunes a los dos formatos;
- ``pagina``: la página HTML (lo que las plantillas necesitan ya agrupado y ordenado);
  ``markdown``: el Markdown;
- ``salida``: el glosario en un formato, o escrito en un archivo.

- **Términos**: los conceptos con ``skos:inScheme gtesq:glosario``, todos, en orden alfabético de su
  etiqueta española sin tildes ni mayúsculas («Índice de Desarrollo Humano» va con la I).
- **Anclas**: la última parte del IRI (``…/concepto/zee`` -> ``id="zee"``, ``glosario.html#zee``);
  un carácter fuera de ``[A-Za-z0-9_-]`` pasa a «-», y si dos términos dan la misma, el segundo lleva
  ``-2``. Los ids propios de la página empiezan por «_» (``_indice``), así que nunca chocan.
- **Ficha**: etiquetas; siglas aparte de los otros nombres; la definición con su fuente y confianza
  (si no hay: «(sin definición normativa en las fuentes consultadas)», nunca se inventa); la explicación para
  enseñar (``skos:scopeNote``); lo que cambió después de 2013 (``skos:historyNote``); notas y vacíos;
  las competencias por nivel con base legal y fechas; los instrumentos relacionados (relaciones
  citadas y ``skos:broader``/``narrower``) como enlaces dentro de la página; y lo que dijo el foro:
  cada enunciado con ``gt:menciona`` al término, con su autor (orador o grupo) y, si se da ``red``,
  un enlace al enunciado en la red (``grafo.html#nodo=<IRI codificado>``).
- **Idiomas**: etiquetas, definición, explicación, categoría, carácter, funciones y niveles van en
  español y en inglés; la página muestra uno u otro (clases ``l-es``/``l-en`` y atributos ``lang``)
  con un interruptor que es un guion en línea, sin servidor. Lo que solo existe en español (notas,
  historia, citas, titulares) se marca ``lang="es"`` y, en la vista inglesa, «(in Spanish)».
- **Seguridad**: la página sale de plantillas Jinja2 con autoescape (``grafo.paginas.entorno``,
  ``grafo/paginas/plantillas/glosario*.j2``): todo texto del grafo se escapa solo, también en
  atributos; en Markdown, se escapa con ``html.escape`` y se anteponen barras a los caracteres de
  marcado. Una política CSP en la página prohíbe todo
  recurso remoto; no hay fuentes web.
"""

from grafo.paginas.glosario.lectura import leer_comparacion, leer_glosario
from grafo.paginas.glosario.markdown import markdown_de_glosario
from grafo.paginas.glosario.modelo import SIN_DEFINICION, Categoria, Cita, Entrada, Glosario, Relacionado
from grafo.paginas.glosario.pagina import html_de_glosario
from grafo.paginas.glosario.salida import FORMATOS, guardar_glosario, texto_glosario

__all__ = [
    "FORMATOS",
    "SIN_DEFINICION",
    "Categoria",
    "Cita",
    "Entrada",
    "Glosario",
    "Relacionado",
    "guardar_glosario",
    "html_de_glosario",
    "leer_comparacion",
    "leer_glosario",
    "markdown_de_glosario",
    "texto_glosario",
]

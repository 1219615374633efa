"""Generador determinista de un corpus sintético de foros (para benchmarks de escala, no es una prueba).

Uso:
    python bench/generar_corpus.py N DIR [--semilla S]

Escribe en DIR los archivos ``foro-sintetico-0001.yaml`` ... ``foro-sintetico-NNNN.yaml``, todos
derivados del foro incluido (``grafo/datos/foro-cajamarca-2013.yaml``) y con el formato de la
sección «Formato de un foro (YAML)» del README. Cada foro tiene su propio ``foro.id``, título,
fecha, lugar y ciudad, y varía con un ``random.Random`` sembrado:

- quita una fracción de «unidades» (un enunciado raíz con los elementos de su lista y, si es una
  pregunta, sus respuestas) y duplica otra fracción con ids nuevos, así ninguna referencia
  (``parte_de``, ``responde_a``) queda colgando;
- cambia el orden de las exposiciones, reparte el trabajo de grupos entre 2 a 6 grupos (por grupo
  y pregunta orientadora de origen, de forma coherente) y a veces separa una plenaria;
- varía algunos textos combinando oraciones del foro de origen (con el mismo tipo de enunciado);
- conserva ``afirmaciones``, ``menciona``, ``dirigida_a`` y ``personas`` (ids de actores globales:
  son las mismas personas).

Los ids de enunciados se renumeran (E0001, ...) en el orden final del documento; los encabezados de
lista quedan antes de sus elementos. El foro k depende solo de (semilla, k): el corpus de 10 es el
prefijo del de 100. Mismos N y semilla: archivos idénticos byte a byte.

Compruebe un archivo con ``grafo validar DIR/foro-sintetico-0001.yaml``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

#: Foro de origen (el incluido en el paquete).
ORIGEN = Path(__file__).resolve().parent.parent / "grafo" / "datos" / "foro-cajamarca-2013.yaml"

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

#: (ciudad, región) para variar título y lugar.
_CIUDADES: tuple[tuple[str, str], ...] = (
    ("Cajamarca", "Cajamarca"),
    ("Piura", "Piura"),
    ("Cusco", "Cusco"),
    ("Arequipa", "Arequipa"),
    ("Puno", "Puno"),
    ("Iquitos", "Loreto"),
    ("Tarapoto", "San Martín"),
    ("Huancayo", "Junín"),
    ("Ayacucho", "Ayacucho"),
    ("Huánuco", "Huánuco"),
    ("Chachapoyas", "Amazonas"),
    ("Abancay", "Apurímac"),
    ("Chiclayo", "Lambayeque"),
    ("Trujillo", "La Libertad"),
    ("Huaraz", "Áncash"),
    ("Puerto Maldonado", "Madre de Dios"),
    ("Moquegua", "Moquegua"),
    ("Tacna", "Tacna"),
    ("Ica", "Ica"),
    ("Huancavelica", "Huancavelica"),
    ("Cerro de Pasco", "Pasco"),
    ("Tumbes", "Tumbes"),
    ("Pucallpa", "Ucayali"),
)
_LUGARES = (
    "Auditorio de la Municipalidad Provincial de {ciudad}",
    "Salón de actos del Gobierno Regional de {region}",
    "Auditorio de la Universidad Nacional de {region}",
    "Centro de convenciones de {ciudad}",
    "Auditorio del Colegio de Ingenieros, sede {ciudad}",
)
_TIPOS = ("Foro-Taller", "Foro", "Taller", "Encuentro regional", "Seminario-Taller")
_TEMAS = (
    "desafíos y alternativas para un nuevo modelo de desarrollo desde el ordenamiento territorial",
    "la zonificación ecológica y económica como base de la gestión del territorio",
    "gobernanza territorial y articulación entre niveles de gobierno",
    "ordenamiento territorial, recursos naturales y conflictos socioambientales",
    "planificación del desarrollo concertado y gestión territorial",
    "hacia una política nacional de ordenamiento territorial",
)

_SEPARADOR_ORACIONES = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class _Instancia:
    """Un enunciado del foro de origen en una copia (0 = el original, 1.. = duplicados)."""

    origen: dict[str, Any]
    copia: int


def cargar_origen(ruta: Path = ORIGEN) -> dict[str, Any]:
    """Lee el foro de origen con ``yaml.CSafeLoader`` (las fechas llegan como ``date``)."""
    datos: dict[str, Any] = yaml.load(ruta.read_text(encoding="utf-8"), Loader=_LOADER)
    return datos


def _raices(enunciados: list[dict[str, Any]]) -> dict[str, str]:
    """Id de cada enunciado -> id de la raíz de su unidad (sigue ``parte_de`` y ``responde_a``)."""
    por_id = {e["id"]: e for e in enunciados}
    raiz: dict[str, str] = {}

    def buscar(eid: str) -> str:
        if eid not in raiz:
            e = por_id[eid]
            padre = e.get("parte_de") or e.get("responde_a")
            raiz[eid] = buscar(padre) if padre else eid
        return raiz[eid]

    for e in enunciados:
        buscar(e["id"])
    return raiz


def _variar_texto(rng: random.Random, texto: str, otras: list[str]) -> str:
    """Cambia un poco un texto: añade una oración de otro enunciado, quita una o las reordena."""
    oraciones = [o for o in _SEPARADOR_ORACIONES.split(texto.strip()) if o]
    accion = rng.random()
    if len(oraciones) > 1 and accion < 0.3:
        oraciones.pop(rng.randrange(len(oraciones)))
    elif len(oraciones) > 1 and accion < 0.5:
        rng.shuffle(oraciones)
    elif otras:
        extra = rng.choice(otras)
        oraciones.insert(rng.randrange(len(oraciones) + 1), extra)
    return " ".join(oraciones)


def generar_foro(origen: dict[str, Any], k: int, semilla: int) -> dict[str, Any]:
    """El foro sintético número ``k`` (1..N): depende solo de ``origen``, ``k`` y ``semilla``."""
    rng = random.Random(semilla * 1_000_003 + k)
    ciudad, region = rng.choice(_CIUDADES)
    fecha = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(13 * 365))
    tipo = rng.choice(_TIPOS)
    foro: dict[str, Any] = {
        "id": f"foro-sintetico-{k:04d}",
        "titulo": f"{ciudad}: {rng.choice(_TEMAS)} ({k})",
        "tipo": tipo,
        "fecha": fecha,
        "lugar": {"nombre": rng.choice(_LUGARES).format(ciudad=ciudad, region=region), "ciudad": ciudad},
        "organizadores": [],
        "vacios": [
            "Foro sintético generado por bench/generar_corpus.py a partir del foro de Cajamarca 2013; "
            "no corresponde a ningún evento real."
        ],
    }
    personas = [dict(p) for p in origen.get("personas", [])]
    preguntas = [dict(q) for q in origen.get("preguntas_orientadoras", [])]

    # --- sesiones: se permutan las exposiciones y a veces se separa una plenaria -------------------
    sesiones_o: list[dict[str, Any]] = [dict(s) for s in origen["sesiones"]]
    pos_expo = [i for i, s in enumerate(sesiones_o) if s["tipo"] == "exposicion"]
    horas = [sesiones_o[i].get("hora") for i in pos_expo]
    expos = [sesiones_o[i] for i in pos_expo]
    rng.shuffle(expos)
    for i, s, h in zip(pos_expo, expos, horas, strict=True):
        if h is not None:
            s["hora"] = h
        sesiones_o[i] = s
    # clave de sesión (id de origen o id de origen + '#plenaria') -> sesión
    sesiones: list[tuple[str, dict[str, Any]]] = []
    plenaria_de: dict[str, str] = {}  # id de sesión de trabajo grupal -> pregunta que pasa a plenaria
    for s in sesiones_o:
        sesiones.append((s["id"], s))
        if s["tipo"] == "trabajo_grupal" and preguntas and rng.random() < 0.5:
            q = preguntas[-1]["id"]
            plenaria_de[s["id"]] = q
            pl = {
                "id": "",
                "bloque": s.get("bloque", "Plenaria"),
                "tipo": "plenaria",
                "titulo": "Plenaria: presentación de los grupos",
                "ponentes": [],
            }
            if "hora" in s:
                hh, mm = map(int, s["hora"].split(":"))
                minutos = min(hh * 60 + mm + 60, 23 * 60 + 59)
                pl["hora"] = f"{minutos // 60:02d}:{minutos % 60:02d}"
            if "pagina" in s:
                pl["pagina"] = s["pagina"]
            sesiones.append((s["id"] + "#plenaria", pl))
    orden_sesion = {clave: i for i, (clave, _s) in enumerate(sesiones)}
    nuevo_id_sesion = {clave: f"S{i + 1}" for i, (clave, _s) in enumerate(sesiones)}

    # --- grupos: 2..6, asignados por (grupo de origen, pregunta orientadora) ------------------------
    grupos_o = [g["id"] for g in origen.get("grupos", [])]
    n_grupos = rng.randint(2, 6) if grupos_o else 0
    grupos = [{"id": f"G{i + 1}", "nombre": f"Grupo {i + 1}"} for i in range(n_grupos)]
    grupo_de: dict[tuple[str, str], str] = {}

    # --- unidades: quitar y duplicar ------------------------------------------------------------------
    enunciados_o: list[dict[str, Any]] = origen["enunciados"]
    raiz = _raices(enunciados_o)
    raices = list(dict.fromkeys(raiz[e["id"]] for e in enunciados_o))
    p_quitar = rng.uniform(0.0, 0.25)
    p_duplicar = rng.uniform(0.0, 0.4)
    quitadas = {r for r in raices if rng.random() < p_quitar}
    if len(quitadas) == len(raices):
        quitadas.discard(raices[0])
    copias: dict[str, int] = {}
    for r in raices:
        n = 0
        while r not in quitadas and rng.random() < p_duplicar and n < 3:
            n += 1
        copias[r] = n
    ultimo = {raiz[e["id"]]: i for i, e in enumerate(enunciados_o)}  # último miembro de cada unidad
    miembros: dict[str, list[dict[str, Any]]] = {}
    for e in enunciados_o:
        miembros.setdefault(raiz[e["id"]], []).append(e)
    instancias: list[_Instancia] = []
    for i, e in enumerate(enunciados_o):
        r = raiz[e["id"]]
        if r in quitadas:
            continue
        instancias.append(_Instancia(e, 0))
        if ultimo[r] == i:
            for c in range(1, copias[r] + 1):
                instancias.extend(_Instancia(m, c) for m in miembros[r])

    # --- sesión de cada instancia y orden final (estable por sesión) ---------------------------------
    def clave_sesion(e: dict[str, Any]) -> str:
        s = e["sesion"]
        if s in plenaria_de and e.get("pregunta") == plenaria_de[s]:
            return s + "#plenaria"
        return s

    instancias.sort(key=lambda ins: orden_sesion[clave_sesion(ins.origen)])
    nuevo_id = {(ins.origen["id"], ins.copia): f"E{j + 1:04d}" for j, ins in enumerate(instancias)}

    # Oraciones de origen por tipo de enunciado, para combinar textos.
    oraciones_por_tipo: dict[str, list[str]] = {}
    for e in enunciados_o:
        if e["tipo"] in ("pregunta", "respuesta") or e["texto"].rstrip().endswith(":"):
            continue
        for o in _SEPARADOR_ORACIONES.split(e["texto"].strip()):
            if o.endswith("."):
                oraciones_por_tipo.setdefault(e["tipo"], []).append(o)
    p_variar = rng.uniform(0.1, 0.4)

    enunciados: list[dict[str, Any]] = []
    grupos_ids = {g["id"] for g in grupos}
    for ins in instancias:
        e = ins.origen
        nuevo: dict[str, Any] = {}
        for campo, valor in e.items():
            if campo == "id":
                nuevo[campo] = nuevo_id[(e["id"], ins.copia)]
            elif campo == "sesion":
                nuevo[campo] = nuevo_id_sesion[clave_sesion(e)]
            elif campo in ("parte_de", "responde_a"):
                nuevo[campo] = nuevo_id[(valor, ins.copia)]
            elif campo == "autor" and valor in grupos_o:
                clave = (valor, e.get("pregunta", ""))
                if clave not in grupo_de:
                    grupo_de[clave] = rng.choice(grupos)["id"]
                nuevo[campo] = grupo_de[clave]
            elif campo == "texto":
                texto = " ".join(str(valor).split())
                variable = e["tipo"] not in ("pregunta",) and not texto.endswith(":")
                if variable and rng.random() < p_variar:
                    texto = _variar_texto(rng, texto, oraciones_por_tipo.get(e["tipo"], []))
                nuevo[campo] = texto
            elif isinstance(valor, list):
                nuevo[campo] = [dict(v) if isinstance(v, dict) else v for v in valor]
            else:
                nuevo[campo] = valor
        assert nuevo["autor"] not in grupos_o or nuevo["autor"] in grupos_ids
        enunciados.append(nuevo)

    sesiones_final = []
    for clave, s in sesiones:
        s2 = dict(s)
        s2["id"] = nuevo_id_sesion[clave]
        sesiones_final.append(s2)

    salida: dict[str, Any] = {"foro": foro}
    if personas:
        salida["personas"] = personas
    if grupos:
        salida["grupos"] = grupos
    if preguntas:
        salida["preguntas_orientadoras"] = preguntas
    salida["sesiones"] = sesiones_final
    salida["enunciados"] = enunciados
    return salida


def texto_yaml(foro: dict[str, Any], k: int, semilla: int) -> str:
    """El YAML de un foro, con una cabecera que dice cómo se generó (sin ordenar claves)."""
    cuerpo: str = yaml.dump(
        foro, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    cabecera = (
        f"# Foro sintético {k} (semilla {semilla}), generado por bench/generar_corpus.py a partir de\n"
        "# grafo/datos/foro-cajamarca-2013.yaml. Solo para benchmarks: no es un evento real.\n\n"
    )
    return cabecera + cuerpo


def generar_corpus(n: int, directorio: Path, semilla: int = 0) -> list[Path]:
    """Escribe ``n`` foros sintéticos en ``directorio`` y devuelve sus rutas, en orden."""
    directorio.mkdir(parents=True, exist_ok=True)
    origen = cargar_origen()
    rutas = []
    for k in range(1, n + 1):
        ruta = directorio / f"foro-sintetico-{k:04d}.yaml"
        texto = texto_yaml(generar_foro(origen, k, semilla), k, semilla)
        ruta.write_bytes(texto.encode("utf-8"))
        rutas.append(ruta)
    return rutas


def main() -> None:
    ap = argparse.ArgumentParser(description="Genera N foros sintéticos deterministas en DIR.")
    ap.add_argument("n", type=int, metavar="N", help="número de foros")
    ap.add_argument("directorio", type=Path, metavar="DIR", help="directorio de salida")
    ap.add_argument("--semilla", type=int, default=0, help="semilla (por defecto 0)")
    args = ap.parse_args()
    if args.n < 0:
        ap.error("N debe ser >= 0")
    rutas = generar_corpus(args.n, args.directorio, args.semilla)
    total = sum(len(yaml.load(r.read_bytes(), Loader=_LOADER)["enunciados"]) for r in rutas)
    print(f"{len(rutas)} foros escritos en {args.directorio} ({total} enunciados).")


if __name__ == "__main__":
    main()

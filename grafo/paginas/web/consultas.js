// Página de consultas de `grafo servir`: catálogo, editor, resultados y descargas.
// Regla de la página: todo dato que llega del servidor entra con textContent (o como valor de un
// atributo), nunca como HTML. Las rutas son relativas a la página (servida en "/").
"use strict";

(function () {
  // Prefijos del proyecto (grafo/espacios.py), solo para mostrar IRIs abreviados.
  const PREFIJOS = Object.entries({
    gt: "https://w3id.org/grafo-territorial/ontologia#",
    gtc: "https://w3id.org/grafo-territorial/concepto/",
    gta: "https://w3id.org/grafo-territorial/actor/",
    gtn: "https://w3id.org/grafo-territorial/norma/",
    gtart: "https://w3id.org/grafo-territorial/articulo/",
    gtk: "https://w3id.org/grafo-territorial/competencia/",
    gtr: "https://w3id.org/grafo-territorial/relacion/",
    gtv: "https://w3id.org/grafo-territorial/nivel/",
    gtf: "https://w3id.org/grafo-territorial/funcion/",
    gtcat: "https://w3id.org/grafo-territorial/categoria/",
    gtcar: "https://w3id.org/grafo-territorial/caracter/",
    gtconf: "https://w3id.org/grafo-territorial/confianza/",
    gttc: "https://w3id.org/grafo-territorial/tipo-competencia/",
    gttn: "https://w3id.org/grafo-territorial/tipo-norma/",
    gtrel: "https://w3id.org/grafo-territorial/tipo-relacion/",
    gtesq: "https://w3id.org/grafo-territorial/esquema/",
    gtg: "https://w3id.org/grafo-territorial/grafo/",
    gtforo: "https://w3id.org/grafo-territorial/foro/",
    gtte: "https://w3id.org/grafo-territorial/tipo-enunciado/",
    gtmod: "https://w3id.org/grafo-territorial/modalidad/",
    gtts: "https://w3id.org/grafo-territorial/tipo-sesion/",
    skos: "http://www.w3.org/2004/02/skos/core#",
    dct: "http://purl.org/dc/terms/",
    prov: "http://www.w3.org/ns/prov#",
    org: "http://www.w3.org/ns/org#",
    foaf: "http://xmlns.com/foaf/0.1/",
    schema: "https://schema.org/",
    owl: "http://www.w3.org/2002/07/owl#",
    rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    rdfs: "http://www.w3.org/2000/01/rdf-schema#",
    xsd: "http://www.w3.org/2001/XMLSchema#",
  }).sort((a, b) => b[1].length - a[1].length); // el espacio más largo que encaje

  const TIPO = {
    json: "application/sparql-results+json",
    nt: "application/n-triples",
    csv: "text/csv",
    tsv: "text/tab-separated-values",
  };
  const EXTENSION = { csv: "csv", tsv: "tsv", nt: "nt" };
  const MAX_FILAS = 2000; // filas que se dibujan; la descarga lleva todas
  const NUMERICOS = /#(integer|decimal|double|float|long|int|short|nonNegativeInteger|positiveInteger)$/;

  const TEXTO_INICIAL = [
    "# Consulta SPARQL de solo lectura. Los prefijos del proyecto ya están declarados.",
    "# Ctrl+Enter (Cmd+Enter en Mac) la ejecuta.",
    "SELECT ?clase ?etiqueta WHERE {",
    "  ?clase a owl:Class ;",
    "         rdfs:label ?etiqueta .",
    '  FILTER(LANG(?etiqueta) = "es")',
    "}",
    "ORDER BY ?etiqueta",
    "LIMIT 50",
    "",
  ].join("\n");

  const $ = (id) => document.getElementById(id);
  const nf = new Intl.NumberFormat("es");

  // Un elemento con clase y texto (siempre textContent).
  function el(etiqueta, clase, texto) {
    const e = document.createElement(etiqueta);
    if (clase) e.className = clase;
    if (texto !== undefined && texto !== null) e.textContent = String(texto);
    return e;
  }

  let catalogo = [];
  let seleccionada = null; // objeto del catálogo
  let editor = null;
  let ultima = null; // { ruta, cuerpo, forma, archivo } de la última ejecución con éxito
  let enCurso = null; // AbortController de la ejecución en curso

  // ---- Errores ---------------------------------------------------------------------------------

  class ErrorServidor extends Error {
    constructor(estado, textoEstado, mensaje) {
      super(mensaje);
      this.estado = estado;
      this.textoEstado = textoEstado;
    }
  }

  // Nombre en español de los códigos de estado que puede devolver el servidor.
  const ESTADOS = {
    400: "consulta no válida",
    403: "no permitido",
    404: "no encontrado",
    405: "método no permitido",
    406: "formato no disponible",
    413: "consulta demasiado grande",
    415: "tipo de contenido no admitido",
    429: "demasiadas consultas",
    500: "error interno del servidor",
    503: "servicio no disponible",
  };

  function mostrarError(e) {
    const caja = $("error");
    caja.replaceChildren();
    if (e instanceof ErrorServidor) {
      const nombre = ESTADOS[e.estado] || e.textoEstado;
      const cabeza = "Error " + e.estado + (nombre ? " (" + nombre + ")" : "");
      caja.append(el("strong", null, cabeza), el("span", "mensaje", e.message || "sin mensaje"));
    } else if (e instanceof TypeError) {
      caja.append(el("strong", null, "Sin conexión"),
        el("span", "mensaje", "No se pudo hablar con el servidor: " + e.message));
    } else {
      caja.append(el("strong", null, "Error"), el("span", "mensaje", (e && e.message) || String(e)));
    }
  }

  function limpiarError() {
    $("error").replaceChildren();
  }

  // ---- Peticiones ------------------------------------------------------------------------------

  // POST de formulario (application/x-www-form-urlencoded) a una ruta de la misma página.
  async function pedir(ruta, cuerpo, aceptar, senal) {
    const resp = await fetch(ruta, {
      method: "POST",
      headers: { Accept: aceptar },
      body: new URLSearchParams(cuerpo),
      signal: senal,
      credentials: "same-origin",
      cache: "no-store",
      redirect: "error",
    });
    if (!resp.ok) {
      const texto = (await resp.text()).trim();
      throw new ErrorServidor(resp.status, resp.statusText, texto);
    }
    return resp;
  }

  // "tabla" (SELECT/ASK) o "grafo" (CONSTRUCT/DESCRIBE): la primera palabra clave de forma que no
  // esté en un comentario, una cadena o un IRI.
  function formaDeConsulta(texto) {
    const re = /"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*|\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/gi;
    let m;
    while ((m = re.exec(texto)) !== null) {
      if (m[1]) return /^(CONSTRUCT|DESCRIBE)$/i.test(m[1]) ? "grafo" : "tabla";
    }
    return "tabla";
  }

  function duracion(ms) {
    return ms < 1000 ? Math.round(ms) + " ms" : nf.format(Math.round(ms / 100) / 10) + " s";
  }

  function plural(n, uno, varios) {
    return nf.format(n) + " " + (n === 1 ? uno : varios);
  }

  // ---- Ejecutar --------------------------------------------------------------------------------

  // Ejecuta una petición y dibuja el resultado. descripcion: de dónde viene (texto para #origen).
  async function ejecutar(ruta, cuerpo, forma, archivo, descripcion) {
    if (enCurso) enCurso.abort();
    const control = new AbortController();
    enCurso = control;
    limpiarError();
    ponerDescargas(null);
    const resultado = $("resultado");
    resultado.setAttribute("aria-busy", "true");
    $("estado").textContent = "Ejecutando…";
    $("origen").textContent = descripcion;
    const inicio = performance.now();
    try {
      const resp = await pedir(ruta, cuerpo, forma === "grafo" ? TIPO.nt : TIPO.json, control.signal);
      const esJson = (resp.headers.get("Content-Type") || "").toLowerCase().includes("json");
      const datos = esJson ? await resp.json() : await resp.text();
      if (control.signal.aborted) return;
      const estado = esJson ? dibujarJson(datos) : dibujarTexto(datos);
      if (!esJson) forma = "grafo";
      else if (typeof datos.boolean === "boolean") forma = "ask"; // sí/no: nada que descargar
      $("estado").textContent = estado + " · " + duracion(performance.now() - inicio);
      ultima = { ruta, cuerpo, forma, archivo };
      ponerDescargas(forma);
      verResultado();
    } catch (e) {
      if (control.signal.aborted) return;
      resultado.replaceChildren();
      $("estado").textContent = "La consulta no se completó · " + duracion(performance.now() - inicio);
      mostrarError(e);
      verResultado();
    } finally {
      if (enCurso === control) {
        enCurso = null;
        resultado.removeAttribute("aria-busy");
      }
    }
  }

  // En una pantalla baja, el resultado queda por debajo de lo visible: se lleva a la vista.
  function verResultado() {
    const seccion = $("seccion-resultado");
    if (seccion && seccion.scrollIntoView) seccion.scrollIntoView({ block: "nearest" });
  }

  function ejecutarEditor() {
    const texto = editor.texto();
    if (!texto.trim()) {
      mostrarError(new Error("El editor está vacío: escriba una consulta."));
      editor.enfocar();
      return;
    }
    ejecutar("sparql", { query: texto }, formaDeConsulta(texto), "consulta", "Consulta del editor");
  }

  function ejecutarSeleccionada() {
    if (!seleccionada) return;
    const cuerpo = {};
    const partes = [];
    for (const p of seleccionada.parametros || []) {
      const campo = $("parametros").elements.namedItem(p.nombre);
      const valor = campo ? campo.value.trim() : "";
      if (valor) {
        cuerpo[p.nombre] = valor;
        partes.push(p.nombre + " = " + valor);
      } else if (p.obligatorio) {
        mostrarError(new Error("Falta el parámetro obligatorio «" + p.nombre + "»."));
        if (campo) campo.focus();
        return;
      }
    }
    const nombre = seleccionada.nombre;
    const descripcion = (seleccionada.titulo || nombre) + (partes.length ? " — " + partes.join(", ") : "");
    ejecutar("consulta/" + encodeURIComponent(nombre), cuerpo, formaDeConsulta(seleccionada.texto || ""),
      nombre, descripcion);
  }

  // ---- Dibujar resultados ----------------------------------------------------------------------

  function acortar(iri) {
    for (const [prefijo, espacio] of PREFIJOS) {
      if (iri.startsWith(espacio) && iri.length > espacio.length) return prefijo + ":" + iri.slice(espacio.length);
    }
    return "<" + iri + ">";
  }

  // Texto de un término de SPARQL JSON (y clase CSS y descripción para el title).
  function termino(t) {
    switch (t.type) {
      case "uri":
        return { texto: acortar(t.value), clase: "iri", titulo: t.value };
      case "bnode":
        return { texto: "_:" + t.value, clase: "nodo-blanco", titulo: "nodo en blanco" };
      case "triple": {
        const v = t.value || {};
        const partes = [v.subject, v.predicate, v.object].map((x) => (x ? termino(x).texto : "?"));
        return { texto: "<< " + partes.join(" ") + " >>", clase: "tripleta", titulo: "tripleta citada" };
      }
      default: {
        const tipoDato = t.datatype || "";
        const titulo = t["xml:lang"] ? "idioma: " + t["xml:lang"] : tipoDato ? acortar(tipoDato) : "";
        return { texto: t.value, clase: NUMERICOS.test(tipoDato) ? "literal numero" : "literal", titulo };
      }
    }
  }

  function dibujarJson(datos) {
    const resultado = $("resultado");
    if (typeof datos.boolean === "boolean") {
      const p = el("p", "booleano", datos.boolean ? "sí" : "no");
      p.dataset.valor = String(datos.boolean);
      resultado.replaceChildren(p);
      return "Respuesta ASK";
    }
    const vars = (datos.head && datos.head.vars) || [];
    const filas = (datos.results && datos.results.bindings) || [];
    const tabla = el("table");
    tabla.append(el("caption", "oculto", "Resultado de la consulta"));
    const cabecera = el("tr");
    cabecera.append(el("th", "num", "#"));
    for (const v of vars) {
      const th = el("th", null, v);
      th.scope = "col";
      cabecera.append(th);
    }
    const thead = el("thead");
    thead.append(cabecera);
    tabla.append(thead);
    const cuerpo = el("tbody");
    const fragmento = document.createDocumentFragment();
    filas.slice(0, MAX_FILAS).forEach((fila, i) => {
      const tr = el("tr");
      tr.append(el("td", "num", i + 1));
      for (const v of vars) {
        const td = el("td");
        const t = fila[v];
        if (t) {
          const d = termino(t);
          td.textContent = d.texto;
          td.className = d.clase;
          if (d.titulo) td.title = d.titulo;
        } else {
          td.className = "sin-valor";
        }
        tr.append(td);
      }
      fragmento.append(tr);
    });
    cuerpo.append(fragmento);
    tabla.append(cuerpo);
    resultado.replaceChildren(tabla);
    if (filas.length === 0) resultado.append(el("p", "tenue vacio", "La consulta no devolvió filas."));
    let estado = plural(filas.length, "fila", "filas");
    if (filas.length > MAX_FILAS) {
      estado += " (se muestran las primeras " + nf.format(MAX_FILAS) + "; la descarga las lleva todas)";
    }
    return estado;
  }

  function dibujarTexto(texto) {
    $("resultado").replaceChildren(el("pre", "tripletas", texto));
    const n = texto.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#")).length;
    return plural(n, "tripleta", "tripletas");
  }

  // ---- Descargas -------------------------------------------------------------------------------

  // forma: "tabla" habilita CSV y TSV; "grafo", N-Triples; "ask" o null, nada.
  function ponerDescargas(forma) {
    $("descargar-csv").disabled = forma !== "tabla";
    $("descargar-tsv").disabled = forma !== "tabla";
    $("descargar-nt").disabled = forma !== "grafo";
    $("descargar-nt").hidden = forma !== "grafo";
  }

  // La misma petición otra vez, con otro Accept; el cuerpo se guarda como Blob y se descarga con
  // un enlace local (blob:), sin salir de la página.
  async function descargar(formato, boton) {
    if (!ultima) return;
    boton.disabled = true;
    limpiarError();
    try {
      const resp = await pedir(ultima.ruta, ultima.cuerpo, TIPO[formato]);
      const blob = await resp.blob();
      const url = URL.createObjectURL(blob);
      const a = el("a");
      a.href = url;
      a.download = ultima.archivo + "." + EXTENSION[formato];
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      mostrarError(e);
    } finally {
      boton.disabled = false;
    }
  }

  // ---- Catálogo --------------------------------------------------------------------------------

  // Las descripciones siguen a «Responde:» en la cabecera del .rq y empiezan en minúscula.
  function mayuscula(texto) {
    return texto ? texto.charAt(0).toUpperCase() + texto.slice(1) : "";
  }

  function ejemploDe(c) {
    return c.ejemplo && typeof c.ejemplo === "object" ? c.ejemplo : {};
  }

  function dibujarCatalogo() {
    const lista = $("catalogo");
    lista.replaceChildren();
    for (const c of catalogo) {
      const boton = el("button");
      boton.type = "button";
      boton.dataset.nombre = c.nombre;
      boton.setAttribute("aria-controls", "ficha");
      boton.append(el("span", "titulo", c.titulo || c.nombre), el("span", "nombre", c.nombre));
      if (c.descripcion) boton.title = mayuscula(c.descripcion);
      const li = el("li");
      li.append(boton);
      lista.append(li);
    }
    $("catalogo-estado").textContent = plural(catalogo.length, "consulta", "consultas");
  }

  function seleccionar(nombre, enfocar) {
    const c = catalogo.find((x) => x.nombre === nombre);
    if (!c) return;
    seleccionada = c;
    for (const b of $("catalogo").querySelectorAll("button")) {
      if (b.dataset.nombre === nombre) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    }
    $("ficha-titulo").textContent = c.titulo || c.nombre;
    $("ficha-nombre").replaceChildren("Consulta ", el("code", null, c.nombre));
    $("ficha-nombre").hidden = false;
    $("ficha-descripcion").textContent = mayuscula(c.descripcion) || "Sin descripción.";
    $("ficha-descripcion").className = "";
    dibujarParametros(c);
    $("parametros").hidden = false;
    if (location.hash.slice(1) !== encodeURIComponent(nombre)) {
      history.replaceState(null, "", "#" + encodeURIComponent(nombre));
    }
    if (enfocar) $("ficha-titulo").focus();
  }

  function dibujarParametros(c) {
    const campos = $("campos");
    campos.replaceChildren();
    const ejemplo = ejemploDe(c);
    const parametros = c.parametros || [];
    if (!parametros.length) {
      campos.append(el("p", "tenue", "Esta consulta no tiene parámetros."));
      return;
    }
    for (const p of parametros) {
      const id = "param-" + p.nombre;
      const caja = el("div", "campo");
      const etiqueta = el("label", null, p.descripcion || p.nombre);
      etiqueta.htmlFor = id;
      const detalle = el("span", "detalle", p.nombre + " · " + p.tipo + (p.obligatorio ? " · obligatorio" : " · opcional"));
      const entrada = el("input");
      entrada.type = "text";
      entrada.id = id;
      entrada.name = p.nombre;
      entrada.autocomplete = "off";
      entrada.spellcheck = false;
      if (p.tipo === "entero") entrada.inputMode = "numeric";
      if (p.obligatorio) entrada.setAttribute("aria-required", "true");
      const valor = ejemplo[p.nombre];
      if (valor !== undefined && valor !== null) {
        entrada.placeholder = String(valor);
        entrada.value = String(valor);
      }
      caja.append(etiqueta, detalle, entrada);
      campos.append(caja);
    }
  }

  // La consulta nombrada en el fragmento de la dirección (#competencias), o "".
  function nombreDelFragmento() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return "";
    }
  }

  async function cargarCatalogo() {
    try {
      const resp = await fetch("catalogo.json", {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        redirect: "error",
      });
      if (!resp.ok) throw new ErrorServidor(resp.status, resp.statusText, (await resp.text()).trim());
      const datos = await resp.json();
      catalogo = Array.isArray(datos) ? datos.filter((c) => c && typeof c.nombre === "string") : [];
      dibujarCatalogo();
      const pedido = nombreDelFragmento();
      if (pedido) seleccionar(pedido, false);
    } catch (e) {
      $("catalogo-estado").textContent = "No se pudo cargar el catálogo.";
      mostrarError(e);
    }
  }

  // ---- Editor ----------------------------------------------------------------------------------

  // El editor de editor.js; si no cargó, un área de texto con la misma interfaz.
  function crearEditor() {
    const contenedor = $("editor");
    const opciones = { alEjecutar: ejecutarEditor, etiqueta: "Consulta SPARQL" };
    if (window.GrafoEditor) return window.GrafoEditor.crear(contenedor, TEXTO_INICIAL, opciones);
    const area = el("textarea", "grafo-editor-reserva");
    area.value = TEXTO_INICIAL;
    area.spellcheck = false;
    area.setAttribute("aria-label", opciones.etiqueta);
    area.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        ejecutarEditor();
      }
    });
    contenedor.append(area);
    return { texto: () => area.value, poner: (t) => { area.value = t || ""; }, enfocar: () => area.focus() };
  }

  // ---- Arranque --------------------------------------------------------------------------------

  function iniciar() {
    editor = crearEditor();
    if (/Mac|iPhone|iPad/.test(navigator.platform || "")) $("atajo").firstElementChild.textContent = "Cmd";
    $("ejecutar").addEventListener("click", ejecutarEditor);
    $("parametros").addEventListener("submit", (ev) => {
      ev.preventDefault(); // la CSP prohíbe enviar formularios: todo va por fetch
      ejecutarSeleccionada();
    });
    $("abrir-en-editor").addEventListener("click", () => {
      if (!seleccionada) return;
      editor.poner(seleccionada.texto || "");
      $("seccion-editor").scrollIntoView({ block: "start" });
      editor.enfocar();
    });
    $("catalogo").addEventListener("click", (ev) => {
      const boton = ev.target.closest("button[data-nombre]");
      if (boton) seleccionar(boton.dataset.nombre, ev.detail === 0); // detail 0: teclado
    });
    $("descargar-csv").addEventListener("click", (ev) => descargar("csv", ev.currentTarget));
    $("descargar-tsv").addEventListener("click", (ev) => descargar("tsv", ev.currentTarget));
    $("descargar-nt").addEventListener("click", (ev) => descargar("nt", ev.currentTarget));
    window.addEventListener("hashchange", () => seleccionar(nombreDelFragmento(), false));
    cargarCatalogo();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", iniciar);
  else iniciar();
})();

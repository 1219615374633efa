// Escribe grafo/web/VERSION-editor.txt y grafo/web/editor.LICENSE.txt a partir de los módulos
// que esbuild metió de verdad en el paquete (meta.json, --metafile) y de package-lock.json.
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const WEB = path.join(__dirname, "..", "..", "grafo", "web");
const meta = JSON.parse(fs.readFileSync(path.join(__dirname, "meta.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(__dirname, "package-lock.json"), "utf8"));

// Paquetes con al menos un archivo dentro del paquete final
const paquetes = new Set();
for (const entrada of Object.keys(meta.outputs["../../grafo/web/editor.js"].inputs)) {
  const m = entrada.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) paquetes.add(m[1]);
}
const nombres = [...paquetes].sort();

const salida = fs.readFileSync(path.join(WEB, "editor.js"));
const sha256 = crypto.createHash("sha256").update(salida).digest("hex");
const esbuild = require("esbuild/package.json").version;

const versiones = [
  "Editor SPARQL de grafo servir (grafo/web/editor.js), vendorizado",
  "",
  "Construido con:  sh web-src/editor/construir.sh  (npm ci + esbuild " + esbuild + ", IIFE minificado)",
  "Fuente:          web-src/editor/index.js; versiones fijadas en package.json y package-lock.json",
  "Tamaño:          " + salida.length + " bytes",
  "sha256:          " + sha256,
  "Licencias:       grafo/web/editor.LICENSE.txt",
  "",
  "Expone window.GrafoEditor.crear(elemento, texto, {alEjecutar, etiqueta, marcador}) -> {texto(),",
  "poner(texto), enfocar(), vista}; el objeto queda también en elemento.grafoEditor.",
  "",
  "CSP (style-src 'self'): style-mod pondría los estilos de CodeMirror en un <style> del documento,",
  "que la CSP bloquea; index.js le hace usar hojas construidas (document.adoptedStyleSheets), que",
  "la CSP permite. Ningún paquete se modifica.",
  "",
  "Red: el archivo no hace peticiones (sin fetch, XMLHttpRequest, import() ni url() remotas). La",
  "única URL es el espacio de nombres SVG dentro de una imagen data: del tema base de CodeMirror.",
  "",
  "Paquetes empaquetados (paquete@versión, licencia, integridad del registro npm):",
];
const licencias = [
  "Licencias de los paquetes incluidos en grafo/web/editor.js",
  "(generado por web-src/editor/licencias.js; no editar a mano)",
];
for (const nombre of nombres) {
  const dir = path.join(__dirname, "node_modules", nombre);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const bloqueo = lock.packages["node_modules/" + nombre];
  if (pkg.license !== "MIT") throw new Error("licencia no revisada: " + nombre + " " + pkg.license);
  versiones.push("  " + nombre + "@" + pkg.version + "  " + pkg.license + "  " + bloqueo.integrity);
  const archivo = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (!archivo) throw new Error("sin archivo de licencia: " + nombre);
  licencias.push("", "=".repeat(72), nombre + "@" + pkg.version + " (" + pkg.license + ")", "=".repeat(72), "");
  licencias.push(fs.readFileSync(path.join(dir, archivo), "utf8").trim());
}
fs.writeFileSync(path.join(WEB, "VERSION-editor.txt"), versiones.join("\n") + "\n");
fs.writeFileSync(path.join(WEB, "editor.LICENSE.txt"), licencias.join("\n") + "\n");
console.log(nombres.length + " paquetes; editor.js " + salida.length + " bytes, sha256 " + sha256);

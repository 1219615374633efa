// Editor SPARQL de la página de consultas de `grafo servir`.
// Se empaqueta con esbuild (construir.sh) en grafo/web/editor.js, un IIFE que expone
// window.GrafoEditor.crear(elemento, texto, opciones).
import { EditorState, Prec } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, placeholder,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import {
  StreamLanguage, HighlightStyle, syntaxHighlighting, bracketMatching, indentOnInput,
} from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";
import { StyleModule } from "style-mod";

// La CSP de `grafo servir` (style-src 'self') bloquea el <style> que style-mod pone en el
// documento para los estilos de CodeMirror. Las hojas construidas (adoptedStyleSheets) no son
// estilo en línea y la CSP las permite, pero style-mod solo las usa en raíces sin <head> (shadow
// roots). Para el documento le damos una raíz sin <head> que reenvía adoptedStyleSheets a document.
// Consecuencia: esas reglas van después de las hojas de la página; editor.css gana con
// selectores más específicos (.grafo-editor ...).
if (typeof document !== "undefined" && "adoptedStyleSheets" in document) {
  const raizDocumento = {
    ownerDocument: document,
    get adoptedStyleSheets() { return document.adoptedStyleSheets; },
    set adoptedStyleSheets(hojas) { document.adoptedStyleSheets = hojas; },
  };
  const montar = StyleModule.mount;
  StyleModule.mount = (raiz, modulos, opciones) =>
    montar(raiz === document ? raizDocumento : raiz, modulos, opciones);
}

// Colores de SPARQL (los nombres del modo sparql: keyword, variableName.local para ?x, atom para
// IRIs y nombres con prefijo, variableName.standard para funciones, meta para @es). Contraste
// >= 4,5:1 sobre blanco.
const resaltado = HighlightStyle.define([
  { tag: tags.keyword, color: "#7d1a7b", fontWeight: "600" },
  { tag: tags.local(tags.variableName), color: "#1d5fbf" },
  { tag: tags.atom, color: "#0b6b3a" },
  { tag: tags.string, color: "#a3160f" },
  { tag: tags.standard(tags.variableName), color: "#8a4b00" },
  { tag: tags.meta, color: "#5d6573" },
  { tag: tags.comment, color: "#5d6573", fontStyle: "italic" },
]);

/**
 * Crea un editor dentro de `elemento`.
 * opciones.alEjecutar: función que se llama con Ctrl-Enter / Cmd-Enter (recibe el texto).
 * opciones.etiqueta: nombre accesible del área de texto (aria-label).
 * opciones.marcador: texto de ayuda cuando el editor está vacío.
 * Devuelve { texto(), poner(texto), enfocar(), vista }.
 */
function crear(elemento, texto, opciones) {
  const op = opciones || {};
  const ejecutar = (vista) => {
    if (op.alEjecutar) op.alEjecutar(vista.state.doc.toString());
    return true;
  };
  elemento.classList.add("grafo-editor");  // gancho de editor.css
  const vista = new EditorView({
    parent: elemento,
    state: EditorState.create({
      doc: texto || "",
      extensions: [
        // Ctrl-Enter ejecuta; va antes que el mapa por defecto (que lo usa para insertar una línea)
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: ejecutar }])),
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        StreamLanguage.define(sparql),
        syntaxHighlighting(resaltado),
        placeholder(op.marcador || ""),
        // Sin indentWithTab: Tab sigue moviendo el foco (accesible con teclado)
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({
          "aria-label": op.etiqueta || "Consulta SPARQL",
          "aria-multiline": "true",
          spellcheck: "false",
        }),
      ],
    }),
  });
  const api = {
    vista,
    texto: () => vista.state.doc.toString(),
    poner(nuevo) {
      vista.dispatch({
        changes: { from: 0, to: vista.state.doc.length, insert: nuevo || "" },
        selection: { anchor: 0 },
        scrollIntoView: true,
      });
    },
    enfocar: () => vista.focus(),
  };
  elemento.grafoEditor = api;  // para pruebas: document.getElementById("editor").grafoEditor
  return api;
}

window.GrafoEditor = { crear };

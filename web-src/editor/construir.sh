#!/bin/sh
# Construye grafo/web/editor.js con las versiones fijadas en package-lock.json y regenera
# grafo/web/VERSION-editor.txt y grafo/web/editor.LICENSE.txt.
# Uso: sh web-src/editor/construir.sh   (necesita node >= 18 y npm; solo el registro npm)
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npx --no-install esbuild index.js \
  --bundle --minify --format=iife --target=es2020 \
  --legal-comments=none --charset=utf8 \
  --metafile=meta.json --outfile=../../grafo/web/editor.js
node licencias.js
rm -f meta.json

import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { methodNames } from './shared/contract';

/**
 * The preload's allowlist, derived from the contract at build time: `virtual:contract-method-names`
 * is `Object.keys(contract)` as a plain array (electron/preload/method-names.ts), so the sandboxed
 * preload bundles neither zod nor a schema, and a new contract section needs no second edit.
 */
export function contractMethodNames(): Plugin {
  const id = 'virtual:contract-method-names';
  return {
    name: 'civicdesk:contract-method-names',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(methodNames)};` : undefined),
  };
}

import type { Plugin as PostcssPlugin } from 'postcss';

/**
 * The bundled font's CSS (@fontsource) offers each slice as woff2 and woff. Every Chromium the app
 * runs in (Electron, the preview's browser) takes woff2, so the woff copies would only add ~9 MB of
 * never-loaded files to out/renderer and app.asar: keep the woff2 source only.
 */
const woff2Only: PostcssPlugin = {
  postcssPlugin: 'civicdesk-woff2-only',
  AtRule: {
    'font-face': (rule) => {
      rule.walkDecls('src', (decl) => {
        const sources = decl.value.split(/,\s*(?=url\()/);
        const woff2 = sources.filter((s) => /format\(\s*['"]?woff2['"]?\s*\)/.test(s));
        if (woff2.length > 0 && woff2.length < sources.length) decl.value = woff2.join(', ');
      });
    },
  },
};

// Entries live in this project's own folders (see ARCHITECTURE.md), not electron-vite's defaults.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The core host runs in a worker thread: its own bundle beside main.
          'core-worker': resolve(__dirname, 'electron/core/worker.ts'),
          // The background database check's thread, started by the core (core/system/database-check.ts finds it beside core-worker.js).
          'db-check-worker': resolve(__dirname, 'electron/core/system/check-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [contractMethodNames()],
    build: {
      // Sandboxed preloads cannot require node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    resolve: { alias: { '@shared': resolve(__dirname, 'shared') } },
    plugins: [react()],
    css: { postcss: { plugins: [woff2Only] } },
    build: {
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
      // Fonts stay files, never data: URLs (the smallest slices are under Vite's 4 KiB inline
      // limit): the CSP's font-src is 'self' only.
      assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
    },
  },
});

import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { DEVELOPMENT_CSP, withCspMeta } from './electron/main/csp';

const root = import.meta.dirname;

/**
 * The dev server only: swaps index.html's strict CSP for the development one (React's inline
 * fast-refresh preamble, the HMR websocket). Builds keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'beatline-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => withCspMeta(html, DEVELOPMENT_CSP),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // Story imports run in a worker thread (issue 13): its own entry beside index.js.
          'import-worker': resolve(root, 'electron/core/formats/import-worker.ts'),
          // Whole story checks too (issue 14).
          'check-worker': resolve(root, 'electron/core/logic/check-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one CommonJS file that requires only `electron`.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});

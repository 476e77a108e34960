/**
 * Builds the UI Kit resources (manifest `render: native`, e.g. `work-type-view`) for the sandbox. On Forge the
 * CLI bundles these from their source files at deploy; locally the bridge host needs a bundle to run, so
 * `npm run build:static` makes one per resource: `dist/uikit/<resource key>.js`, an ES module that runs the real
 * `@forge/react` against whatever `globalThis.__bridge` the page provides.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { parse } from 'yaml';
import { REPO_ROOT, UIKIT_BUILD_DIR, uiKitResources } from '../scripts/uikit-resources';

const resources = uiKitResources(parse(readFileSync(path.join(REPO_ROOT, 'manifest.yml'), 'utf8')));
if (resources.length === 0) throw new Error('manifest.yml declares no UI Kit resource (render: native) to build');

export default defineConfig({
  root: __dirname,
  // Chunks are imported relative to the entry, wherever the host serves it from.
  base: './',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: UIKIT_BUILD_DIR,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Forge makes its own bundle from the source; this one is only for the sandbox, so its size is not a budget.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: Object.fromEntries(resources.map((resource) => [resource.key, path.join(REPO_ROOT, resource.source)])),
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
      // A UI Kit entry runs for its side effect (ForgeReconciler.render); it exports nothing.
      preserveEntrySignatures: false,
    },
  },
  logLevel: 'warn',
});

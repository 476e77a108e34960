/**
 * Builds the sandbox's UI Kit renderer (frame.tsx: the forge-doc renderer with Atlaskit) into
 * dist/uikit-renderer/renderer.js, which the bridge host serves in every UI Kit frame. Part of
 * `npm run build:static`, so `npm test` and `npm start` have it. Not part of the app: Jira has its own.
 */
import path from 'node:path';
import { defineConfig } from 'vite';
import { REPO_ROOT, UIKIT_RENDERER_BUILD_DIR } from '../../../../scripts/uikit-resources';

export default defineConfig({
  root: __dirname,
  base: './',
  publicDir: false,
  // No React plugin: Vite's esbuild compiles the JSX with tsconfig.json's `react-jsx`, and there is no dev server.
  resolve: {
    alias: [
      // As in the app's build (static/vite.config.ts): feature gates are never initialised here either.
      {
        find: /^@atlaskit\/feature-gate-js-client(\/feature-gates)?$/,
        replacement: path.join(REPO_ROOT, 'static/src/vendor/feature-gates-off.ts'),
      },
    ],
  },
  build: {
    outDir: UIKIT_RENDERER_BUILD_DIR,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    // Atlaskit's extracted styles in one file the host can link: a JS entry gets no <link> from Vite itself.
    cssCodeSplit: false,
    rollupOptions: {
      input: { renderer: path.join(__dirname, 'frame.tsx') },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: (asset) => (asset.names.some((name) => name.endsWith('.css')) ? 'renderer.css' : 'assets/[name]-[hash][extname]'),
      },
      preserveEntrySignatures: false,
    },
  },
  logLevel: 'warn',
});

/**
 * Builds the one Custom UI resource (manifest `resources: main → static/build`) that serves every surface.
 * `base: './'` because Forge serves the resource from a CDN path it chooses: absolute asset URLs would 403.
 * `publicDir` copies icon.svg to the build root, where the manifest's `resource:main;icon.svg` points.
 */
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const staticRoot = __dirname;
const nodeModules = path.resolve(staticRoot, '../node_modules');

export default defineConfig({
  root: staticRoot,
  base: './',
  publicDir: path.join(staticRoot, 'public'),
  plugins: [react()],
  resolve: {
    alias: [
      // Only the bridge modules the app calls (see src/vendor/forge-bridge.ts); `out/*` is not in the
      // package's export map, so those paths are resolved to files here.
      { find: /^@forge\/bridge$/, replacement: path.join(staticRoot, 'src/vendor/forge-bridge.ts') },
      { find: /^@forge\/bridge\/out\/(.*)$/, replacement: path.join(nodeModules, '@forge/bridge/out/$1.js') },
      // view.getContext needs only ensureLocale from @forge/i18n; its root entry drags in lodash.
      { find: /^@forge\/i18n$/, replacement: path.join(nodeModules, '@forge/i18n/out/ensureLocale.js') },
      // Feature gates are never initialised in a Forge iframe (see src/vendor/feature-gates-off.ts).
      {
        find: /^@atlaskit\/feature-gate-js-client(\/feature-gates)?$/,
        replacement: path.join(staticRoot, 'src/vendor/feature-gates-off.ts'),
      },
    ],
  },
  build: {
    outDir: path.join(staticRoot, 'build'),
    emptyOutDir: true,
    target: 'es2022',
    // Source maps make the Forge upload larger and are not served to people; keep the bundle lean.
    sourcemap: false,
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships `@__PURE__` comments in positions Rollup cannot use; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  logLevel: 'warn',
});

/**
 * What the app uses of `@forge/bridge`, taken from the package's own modules. The package is CommonJS, so a
 * bundler cannot tree-shake its root entry: importing `@forge/bridge` would ship realtime, object-store,
 * feature flags, i18n (with lodash) and more to every surface. vite.config.ts points `@forge/bridge` here;
 * the code that runs is still the real bridge's.
 */
export { view } from '@forge/bridge/out/view/view';
export { invoke } from '@forge/bridge/out/invoke/invoke';
export { router } from '@forge/bridge/out/router/router';
export { events } from '@forge/bridge/out/events/events';
export { Modal } from '@forge/bridge/out/modal/modal';

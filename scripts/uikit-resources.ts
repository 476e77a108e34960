/**
 * Which of manifest.yml's resources are UI Kit (`@forge/react`) sources, and where the sandbox keeps its builds
 * of them. Forge bundles a UI Kit resource itself from the source file the manifest names; the sandbox has no
 * Forge, so `npm run build:static` bundles the same files (static/vite.uikit.config.ts) for the bridge host.
 * The build config, the host and the lint all read the manifest through this one function.
 */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
/** The sandbox's builds of the UI Kit resources, one `<resource key>.js` each (gitignored, as dist/ is). */
export const UIKIT_BUILD_DIR = path.join(REPO_ROOT, 'dist/uikit');
/** The sandbox's stand-in for Jira's UI Kit renderer (test/sandbox/host/uikit/), built beside them. */
export const UIKIT_RENDERER_BUILD_DIR = path.join(REPO_ROOT, 'dist/uikit-renderer');

export interface UiKitResource {
  key: string;
  /** The source file, relative to the repository root, as the manifest writes it. */
  source: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where a module can name a resource: the module itself and its entry points (`view`, `edit`, …). */
function resourceReferences(entry: Record<string, unknown>): Array<{ resource: string; native: boolean }> {
  const holders = [entry, ...Object.values(entry).filter(isRecord)];
  return holders.flatMap((holder) =>
    typeof holder.resource === 'string' ? [{ resource: holder.resource, native: holder.render === 'native' }] : [],
  );
}

/** The resources some module renders with `render: native`, in manifest order. */
export function uiKitResources(manifest: unknown): UiKitResource[] {
  if (!isRecord(manifest)) return [];
  const native = new Set<string>();
  const modules = isRecord(manifest.modules) ? manifest.modules : {};
  for (const entries of Object.values(modules)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries.filter(isRecord)) {
      for (const reference of resourceReferences(entry)) {
        // `key/entry` references name an entry of a multi-entry resource; the resource key is before the slash.
        if (reference.native) native.add(reference.resource.split('/')[0] ?? reference.resource);
      }
    }
  }
  const resources = Array.isArray(manifest.resources) ? manifest.resources.filter(isRecord) : [];
  return resources.flatMap((resource) =>
    typeof resource.key === 'string' && typeof resource.path === 'string' && native.has(resource.key)
      ? [{ key: resource.key, source: resource.path }]
      : [],
  );
}

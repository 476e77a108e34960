/**
 * Which export of src/index.ts a module runs, read from manifest.yml the way Forge reads it: a `consumer` names a
 * queue and a `function` key, a `scheduledTrigger` names a `function` key, and the function's `handler` is
 * `index.<export>`. The sandbox resolves these at run time, so a renamed handler breaks here as it would on deploy.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const manifestSchema = z.object({
  modules: z
    .object({
      consumer: z.array(z.object({ key: z.string(), queue: z.string(), function: z.string() })).optional(),
      scheduledTrigger: z.array(z.object({ key: z.string(), function: z.string(), interval: z.string().optional() })).optional(),
      function: z.array(z.object({ key: z.string(), handler: z.string(), timeoutSeconds: z.number().optional() })).default([]),
    })
    .passthrough(),
});

export interface ResolvedFunction {
  /** The module's key (consumer or scheduled trigger). */
  moduleKey: string;
  functionKey: string;
  /** The export of src/index.ts (`index.signalWorkHandler` → `signalWorkHandler`). */
  exportName: string;
}

export interface ManifestFunctions {
  /** Queue name → the consumer that reads it. */
  consumers: Map<string, ResolvedFunction>;
  /** Scheduled trigger key → what it runs. */
  scheduledTriggers: Map<string, ResolvedFunction & { interval?: string }>;
}

function exportOf(functions: ReadonlyArray<{ key: string; handler: string }>, functionKey: string, moduleKey: string): string {
  const fn = functions.find((f) => f.key === functionKey);
  if (!fn) throw new Error(`manifest.yml: module ${moduleKey} names function ${functionKey}, which is not declared`);
  const match = /^index\.([A-Za-z_$][\w$]*)$/.exec(fn.handler);
  if (!match) throw new Error(`manifest.yml: function ${functionKey} has handler ${fn.handler}; the sandbox loads only index.<export>`);
  return match[1]!;
}

export function manifestFunctions(manifestYamlText: string): ManifestFunctions {
  const manifest = manifestSchema.parse(parseYaml(manifestYamlText));
  const functions = manifest.modules.function;
  const consumers = new Map<string, ResolvedFunction>();
  for (const c of manifest.modules.consumer ?? []) {
    consumers.set(c.queue, { moduleKey: c.key, functionKey: c.function, exportName: exportOf(functions, c.function, c.key) });
  }
  const scheduledTriggers = new Map<string, ResolvedFunction & { interval?: string }>();
  for (const t of manifest.modules.scheduledTrigger ?? []) {
    scheduledTriggers.set(t.key, {
      moduleKey: t.key,
      functionKey: t.function,
      exportName: exportOf(functions, t.function, t.key),
      ...(t.interval ? { interval: t.interval } : {}),
    });
  }
  return { consumers, scheduledTriggers };
}

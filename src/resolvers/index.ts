import Resolver from '@forge/resolver';
import { RESOLVER_KEYS, type ResolverKey, type Result } from '../contract';
import { runResolver, type ResolverImplementation, type ResolverImplementations } from './define';
import { viewerResolvers } from './viewer';
import { panelResolvers } from './panel';
import { workTypeResolvers } from './work-type';
import { originResolvers } from './origin';
import { triageResolvers } from './triage';
import { sprintShapeResolvers } from './sprint-shape';
import { settingsResolvers } from './settings';
import { signalsResolvers } from './signals';
import { discoveryResolvers } from './discovery';
import { walkthroughResolvers } from './walkthrough';
import { mySignalsResolvers } from './my-signals';

const implementations: ResolverImplementations = {
  ...viewerResolvers,
  ...panelResolvers,
  ...workTypeResolvers,
  ...originResolvers,
  ...triageResolvers,
  ...sprintShapeResolvers,
  ...settingsResolvers,
  ...signalsResolvers,
  ...discoveryResolvers,
  ...walkthroughResolvers,
  ...mySignalsResolvers,
};

function define<K extends ResolverKey>(resolver: Resolver, key: K): void {
  const implementation = implementations[key] as ResolverImplementation<K>;
  resolver.define(key, runResolver(key, implementation));
}

/** Every key in the contract is defined, and nothing else: the type above fails to compile if one is missing. */
export function buildResolver(): Resolver {
  const resolver = new Resolver();
  for (const key of RESOLVER_KEYS) define(resolver, key);
  return resolver;
}

type Definitions = ReturnType<Resolver['getDefinitions']>;

/**
 * The function handler the manifest names. `@forge/resolver` looks a key up with `in`, so a key every object
 * inherits (`constructor`, `toString`, `__proto__`) would run Object's own function — `constructor` hands the
 * caller's context straight back — and an unknown key throws, which the platform answers with an HTTP 500.
 * Only the contract's own keys reach it; anything else gets the envelope's `not-found`.
 */
export function buildResolverHandler(): Definitions {
  const definitions = buildResolver().getDefinitions();
  const known = new Set<string>(RESOLVER_KEYS);
  return async (request, backendRuntimePayload) => {
    const functionKey: unknown = (request as { call?: { functionKey?: unknown } } | undefined)?.call?.functionKey;
    if (typeof functionKey !== 'string' || !known.has(functionKey)) {
      const name = typeof functionKey === 'string' ? `“${functionKey.slice(0, 60)}”` : 'without a name';
      const refusal: Result<never> = {
        ok: false,
        error: {
          code: 'not-found',
          message: `Upstream has no action ${name}. This page may be older than the app: reload it, and if it persists tell your Jira admin.`,
        },
      };
      return refusal;
    }
    return definitions(request, backendRuntimePayload);
  };
}

import Resolver from '@forge/resolver';
import { RESOLVER_KEYS, type ResolverKey } from '../contract';
import { runResolver, type ResolverImplementation, type ResolverImplementations } from './define';
import { contextPanelResolvers } from './context-panel';
import { workTypeFieldResolvers } from './work-type-field';
import { triageQueueResolvers } from './triage';
import { sprintShapeResolvers } from './sprint-shape';
import { settingsResolvers } from './settings';
import { viewerResolvers } from './viewer';
import { workTypeResolvers } from './work-type';
import { originResolvers } from './origin';
import { settingsRulesResolvers } from './settings-rules';

const implementations: ResolverImplementations = {
  ...viewerResolvers,
  ...contextPanelResolvers,
  ...workTypeFieldResolvers,
  ...triageQueueResolvers,
  ...sprintShapeResolvers,
  ...settingsResolvers,
  ...workTypeResolvers,
  ...originResolvers,
  ...settingsRulesResolvers,
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

/**
 * One input and one output schema per resolver key, composed from one file per practice (the key's namespace
 * names the file). `src/resolvers/` parses inputs with these and `static/` parses outputs with them, so the two
 * sides of the bridge cannot drift apart. This file only composes.
 */
import type { z } from 'zod';
import { viewerContract } from './viewer';
import { panelContract } from './panel';
import { workTypeContract } from './work-type';
import { originContract } from './origin';
import { triageContract } from './triage';
import { sprintShapeContract } from './sprint-shape';
import { settingsContract } from './settings';
import { signalsContract } from './signals';
import { discoveryContract } from './discovery';
import { walkthroughContract } from './walkthrough';
import { settingsSlackContract } from './settings-slack';
import { settingsTriageContract } from './settings-triage';
import { mySignalsContract } from './my-signals';

export * from './envelope';
export * from './schemas';
export * from './viewer';
export * from './panel';
export * from './work-type';
export * from './origin';
export * from './triage';
export * from './sprint-shape';
export * from './settings';
export * from './signals';
export * from './discovery';
export * from './walkthrough';
export * from './settings-slack';
export * from './settings-triage';
export * from './my-signals';

export const contract = {
  ...viewerContract,
  ...panelContract,
  ...workTypeContract,
  ...originContract,
  ...triageContract,
  ...sprintShapeContract,
  ...settingsContract,
  ...signalsContract,
  ...discoveryContract,
  ...walkthroughContract,
  ...settingsSlackContract,
  ...settingsTriageContract,
  ...mySignalsContract,
} as const;

export type Contract = typeof contract;
export type ResolverKey = keyof Contract;
export type ResolverInput<K extends ResolverKey> = z.input<Contract[K]['input']>;
export type ResolverOutput<K extends ResolverKey> = z.infer<Contract[K]['output']>;
export const RESOLVER_KEYS = Object.keys(contract) as ResolverKey[];
/** The keys of one practice's namespace, e.g. `KeysOf<'triage'>` is `'triage.overview' | 'triage.unclassified'`. */
export type KeysOf<P extends string> = Extract<ResolverKey, `${P}.${string}`>;

/**
 * Entity-property search aliases (`jira:entityProperty` in the manifest): `originCustomer = acme` means
 * `issue.property[upstream-origin].customers = acme`, searched with the declared type.
 */
import { parse } from 'yaml';
import { isRecord } from './input';

export type PropertyAliasType = 'number' | 'string' | 'text' | 'user' | 'date';

export interface PropertyAlias {
  propertyKey: string;
  /** Dotted path into the property's JSON value, e.g. `customers` or `label.color`. */
  path: string;
  type: PropertyAliasType;
  searchAlias: string;
}

const ALIAS_TYPES: readonly PropertyAliasType[] = ['number', 'string', 'text', 'user', 'date'];
const isAliasType = (value: unknown): value is PropertyAliasType =>
  typeof value === 'string' && (ALIAS_TYPES as readonly string[]).includes(value);

/** The aliases declared by a manifest's issue `jira:entityProperty` modules (values without searchAlias are skipped). */
export function propertyAliasesFromManifest(manifestYamlText: string): PropertyAlias[] {
  const manifest: unknown = parse(manifestYamlText);
  const modules = isRecord(manifest) && isRecord(manifest.modules) ? manifest.modules['jira:entityProperty'] : undefined;
  if (!Array.isArray(modules)) return [];
  const aliases: PropertyAlias[] = [];
  for (const entry of modules) {
    if (!isRecord(entry) || typeof entry.propertyKey !== 'string') continue;
    if (entry.entityType !== undefined && entry.entityType !== 'issue') continue;
    const values = Array.isArray(entry.values) ? entry.values : [];
    for (const value of values) {
      if (!isRecord(value) || typeof value.path !== 'string' || typeof value.searchAlias !== 'string') continue;
      if (!isAliasType(value.type)) continue;
      aliases.push({ propertyKey: entry.propertyKey, path: value.path, type: value.type, searchAlias: value.searchAlias });
    }
  }
  return aliases;
}

/** The values at a dotted path; arrays along the way fan out, so `a.b` over `{a:[{b:1},{b:2}]}` gives [1, 2]. */
export function valuesAtPath(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path.split('.').filter((part) => part.length > 0)) {
    const next: unknown[] = [];
    for (const value of current) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (isRecord(item) && segment in item) next.push(item[segment]);
      }
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value])).filter((value) => value !== null && value !== undefined);
}

/**
 * The custom entities the manifest declares (`app.storage.entities`), and what a declaration implies: which
 * values are valid, and where a value sits in each index.
 */
import { parse as parseYaml } from 'yaml';
import { Chosen, Documented, KvsError, badRequest } from './errors';
import { isObject, type JsonObject } from './validation';

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface EntityIndexDeclaration {
  name: string;
  partition?: string[];
  /** Exactly one attribute: the one results are ordered by. */
  range: string[];
}

export interface EntityDeclaration {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes: EntityIndexDeclaration[];
}

/** Every entity can be listed by key through this index; the manifest may not declare one of this name. */
export const BY_KEY_INDEX = 'by-key';

export type IndexableValue = string | number | boolean;

export interface ResolvedIndex {
  name: string;
  partition: string[];
  /** Undefined for `by-key`, which orders by the key itself. */
  rangeAttribute: string | undefined;
}

/** Where one entity value sits in one declared index. */
export interface IndexPlacement {
  indexName: string;
  partitionKey: string;
  rangeValue: IndexableValue;
}

const ATTRIBUTE_TYPES: readonly string[] = ['string', 'integer', 'float', 'boolean', 'any'];
const isAttributeType = (value: unknown): value is AttributeType =>
  typeof value === 'string' && ATTRIBUTE_TYPES.includes(value);

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function fitsType(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'any':
      return value !== undefined;
  }
}

/** Partition values are matched exactly, so they are compared as canonical JSON text. */
export const partitionKeyOf = (values: readonly unknown[]): string => JSON.stringify(values);

export class EntitySchema {
  private readonly byName = new Map<string, EntityDeclaration>();

  constructor(declarations: readonly EntityDeclaration[]) {
    for (const declaration of declarations) {
      checkDeclaration(declaration);
      this.byName.set(declaration.name, declaration);
    }
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** The platform's error for an entity the manifest does not declare. */
  entity(name: unknown): EntityDeclaration {
    const declaration = typeof name === 'string' ? this.byName.get(name) : undefined;
    if (!declaration) {
      throw badRequest(Documented.invalidEntityType, `Entity ${JSON.stringify(name)} is not declared in the manifest.`);
    }
    return declaration;
  }

  index(entity: EntityDeclaration, indexName: unknown): ResolvedIndex {
    if (indexName === BY_KEY_INDEX) return { name: BY_KEY_INDEX, partition: [], rangeAttribute: undefined };
    const declared = entity.indexes.find((index) => index.name === indexName);
    if (!declared) {
      throw badRequest(
        Documented.invalidEntityIndex,
        `Index ${JSON.stringify(indexName)} is not declared for entity ${entity.name}.`,
      );
    }
    return { name: declared.name, partition: declared.partition ?? [], rangeAttribute: declared.range[0] };
  }

  /**
   * The platform documents INVALID_ENTITY_VALUE for values that do not match the declared types. Undeclared
   * attributes and `null` attribute values are refused too: whether the platform accepts them is not
   * documented, and refusing keeps an app from relying on something that may not hold in production.
   */
  validateValue(entity: EntityDeclaration, value: unknown): JsonObject {
    if (!isObject(value)) {
      throw badRequest(Documented.invalidEntityValue, `A value of entity ${entity.name} must be an object.`);
    }
    for (const [attribute, attributeValue] of Object.entries(value)) {
      const declared = entity.attributes[attribute];
      if (!declared) {
        throw badRequest(
          Documented.invalidEntityValue,
          `Attribute ${attribute} is not declared for entity ${entity.name}.`,
        );
      }
      if (!fitsType(declared.type, attributeValue) || attributeValue === null) {
        throw badRequest(
          Documented.invalidEntityValue,
          `Attribute ${entity.name}.${attribute} must be of type ${declared.type}; ` +
            `got ${JSON.stringify(attributeValue)}.`,
        );
      }
    }
    return value;
  }

  /** A value whose partition or range attribute is missing is simply absent from that index. */
  placements(entity: EntityDeclaration, value: JsonObject): IndexPlacement[] {
    const placements: IndexPlacement[] = [];
    for (const index of entity.indexes) {
      const partitionValues = (index.partition ?? []).map((attribute) => value[attribute]);
      const rangeValue = value[index.range[0]];
      if (partitionValues.some((part) => part === undefined) || !isIndexable(rangeValue)) continue;
      placements.push({ indexName: index.name, partitionKey: partitionKeyOf(partitionValues), rangeValue });
    }
    return placements;
  }

  /** Where and filter clauses may only name declared, non-`any` attributes. */
  queryableAttribute(entity: EntityDeclaration, attribute: unknown): AttributeType {
    const declared = typeof attribute === 'string' ? entity.attributes[attribute] : undefined;
    if (!declared) {
      throw badRequest(
        Documented.invalidEntityAttribute,
        `Attribute ${JSON.stringify(attribute)} is not declared for entity ${entity.name}.`,
      );
    }
    if (declared.type === 'any') {
      throw new KvsError(
        422,
        Chosen.unsupportedAttributeType,
        `Attribute ${entity.name}.${String(attribute)} has type any and cannot be used in a where or filter clause.`,
      );
    }
    return declared.type;
  }

  static fromManifest(manifestYaml: string): EntityDeclaration[] {
    const manifest: unknown = parseYaml(manifestYaml);
    const app = isObject(manifest) ? manifest.app : undefined;
    const storage = isObject(app) ? app.storage : undefined;
    const entities = isObject(storage) ? storage.entities : undefined;
    if (entities === undefined) return [];
    if (!Array.isArray(entities)) throw new Error('manifest: app.storage.entities must be a list');
    return entities.map(declarationFromManifest);
  }
}

const isIndexable = (value: unknown): value is IndexableValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function stringList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new Error(`manifest: ${where} must be a list of attribute names`);
  }
  return value;
}

function declarationFromManifest(raw: unknown, position: number): EntityDeclaration {
  if (!isObject(raw) || typeof raw.name !== 'string') throw new Error(`manifest: entity #${position} has no name`);
  const name = raw.name;
  const attributes: Record<string, { type: AttributeType }> = {};
  if (!isObject(raw.attributes)) throw new Error(`manifest: entity ${name} declares no attributes`);
  for (const [attribute, spec] of Object.entries(raw.attributes)) {
    const type = isObject(spec) ? spec.type : undefined;
    if (!isAttributeType(type)) throw new Error(`manifest: ${name}.${attribute} has an unknown type ${String(type)}`);
    attributes[attribute] = { type };
  }
  const rawIndexes = raw.indexes === undefined ? [] : raw.indexes;
  if (!Array.isArray(rawIndexes)) throw new Error(`manifest: ${name}.indexes must be a list`);
  const indexes = rawIndexes.map((index): EntityIndexDeclaration => {
    // Shorthand: a bare attribute name is a range-only index named after the attribute.
    if (typeof index === 'string') return { name: index, partition: [], range: [index] };
    if (!isObject(index) || typeof index.name !== 'string') throw new Error(`manifest: ${name} has an unnamed index`);
    return {
      name: index.name,
      partition: stringList(index.partition, `${name}.${index.name}.partition`),
      range: stringList(index.range, `${name}.${index.name}.range`),
    };
  });
  return { name, attributes, indexes };
}

/** A declaration the platform's manifest validator would refuse is a sandbox set-up error, not a request error. */
function checkDeclaration(entity: EntityDeclaration): void {
  for (const index of entity.indexes) {
    const where = `entity ${entity.name}, index ${index.name}`;
    if (index.name === BY_KEY_INDEX) throw new Error(`${where}: the name ${BY_KEY_INDEX} is reserved`);
    if (index.range.length !== 1) throw new Error(`${where}: needs exactly one range attribute`);
    for (const attribute of [...(index.partition ?? []), ...index.range]) {
      const declared = entity.attributes[attribute];
      if (!declared) throw new Error(`${where}: names undeclared attribute ${attribute}`);
      if (declared.type === 'any') throw new Error(`${where}: cannot use any-typed attribute ${attribute}`);
    }
  }
}

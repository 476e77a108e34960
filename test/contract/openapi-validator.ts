/**
 * Validates emulator responses against Atlassian's published OpenAPI 3 specs with ajv. OpenAPI 3.0 schemas are
 * JSON Schema with extras: `nullable` is rewritten into a null type; unknown keywords (`xml`, `example`,
 * `readOnly`…) are ignored; `int32`/`int64` become integer formats. Operations with no response schema but an
 * example (some agile ones) are checked against a schema inferred from that example.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';

export type SpecName = 'jira-platform' | 'jira-software';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `nullable: true` → `type: [T, 'null']`, or `anyOf` with null when the schema has no plain type. */
export function convertOpenApiSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertOpenApiSchema);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') continue;
    out[key] = convertOpenApiSchema(value);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** A JSON Schema accepting values shaped like `example`: same types, no keys the example lacks. */
export function schemaFromExample(example: unknown): Record<string, unknown> {
  if (Array.isArray(example)) {
    const merged = example.reduce<Record<string, unknown>>((acc, item) => mergeExample(acc, item), {});
    return { type: 'array', items: example.length > 0 ? schemaFromExample(merged) : {} };
  }
  if (isObject(example)) {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(example)) properties[key] = schemaFromExample(value);
    return { type: 'object', properties, additionalProperties: false };
  }
  if (typeof example === 'number') return { type: Number.isInteger(example) ? 'integer' : 'number' };
  if (typeof example === 'string') return { type: 'string' };
  if (typeof example === 'boolean') return { type: 'boolean' };
  return {};
}

function mergeExample(acc: Record<string, unknown>, item: unknown): Record<string, unknown> {
  return isObject(item) ? { ...acc, ...item } : acc;
}

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export interface ResponseCheck {
  valid: boolean;
  errors: string;
}

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly specs = new Map<SpecName, Record<string, unknown>>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(specDir: string) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    for (const name of ['jira-platform', 'jira-software'] as const) {
      const raw: unknown = JSON.parse(fs.readFileSync(path.join(specDir, `${name}.v3.json`), 'utf8'));
      if (!isObject(raw)) throw new Error(`${name}.v3.json is not an OpenAPI document`);
      const converted = convertOpenApiSchema({ paths: raw.paths, components: raw.components });
      if (!isObject(converted)) throw new Error('unreachable');
      this.specs.set(name, raw);
      this.ajv.addSchema({ ...converted, $id: name });
    }
  }

  static specFor(template: string): SpecName {
    return template.startsWith('/rest/agile/') ? 'jira-software' : 'jira-platform';
  }

  private operation(method: string, template: string): Record<string, unknown> | undefined {
    const paths = this.specs.get(OpenApiValidator.specFor(template))?.paths;
    const item = isObject(paths) ? paths[template] : undefined;
    const operation = isObject(item) ? item[method.toLowerCase()] : undefined;
    return isObject(operation) ? operation : undefined;
  }

  hasOperation(method: string, template: string): boolean {
    return this.operation(method, template) !== undefined;
  }

  documentedStatuses(method: string, template: string): string[] {
    const responses = this.operation(method, template)?.responses;
    return isObject(responses) ? Object.keys(responses) : [];
  }

  /** The response JSON schema for a status, a schema inferred from its example, or null when none is documented. */
  private validatorFor(method: string, template: string, status: number): ValidateFunction | null {
    const cacheKey = `${method} ${template} ${status}`;
    const cached = this.compiled.get(cacheKey);
    if (cached) return cached;
    const spec = OpenApiValidator.specFor(template);
    const responses = this.operation(method, template)?.responses;
    const response = isObject(responses) ? responses[String(status)] : undefined;
    const content = isObject(response) && isObject(response.content) ? response.content['application/json'] : undefined;
    if (!isObject(content)) return null;
    let validate: ValidateFunction;
    if (isObject(content.schema) && Object.keys(content.schema).length > 0) {
      const pointer = ['paths', template, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema']
        .map(escapePointer).join('/');
      validate = this.ajv.compile({ $ref: `${spec}#/${pointer}` });
    } else if (typeof content.example === 'string') {
      validate = this.ajv.compile(schemaFromExample(JSON.parse(content.example)));
    } else {
      return null;
    }
    this.compiled.set(cacheKey, validate);
    return validate;
  }

  /** Validates a body against any component schema (e.g. `ErrorCollection`, `StatusDetails`). */
  checkComponent(spec: SpecName, component: string, body: unknown): ResponseCheck {
    const cacheKey = `component ${spec} ${component}`;
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${spec}#/components/schemas/${component}` });
      this.compiled.set(cacheKey, validate);
    }
    return this.result(validate, body);
  }

  checkResponse(method: string, template: string, status: number, body: unknown): ResponseCheck & { schemaFound: boolean } {
    const validate = this.validatorFor(method, template, status);
    if (!validate) return { valid: true, errors: '', schemaFound: false };
    return { ...this.result(validate, body), schemaFound: true };
  }

  private result(validate: ValidateFunction, body: unknown): ResponseCheck {
    const valid = validate(body) === true;
    return { valid, errors: valid ? '' : this.ajv.errorsText(validate.errors, { separator: '\n' }) };
  }
}

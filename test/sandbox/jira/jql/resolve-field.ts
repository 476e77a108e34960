/** From a JQL field reference (a name, `cf[N]`, `issue.property[key].path`, an alias) to what the evaluator needs. */
import type { Field } from '@atlaskit/jql-ast';
import type { EmulatorContext } from '../context';
import { badRequest } from '../errors';
import { customFieldByReference, issuePropertyField, propertyAliasField } from './custom-fields';
import type { JqlField } from './jql-field';
import { systemField } from './system-fields';

export const fieldDoesNotExist = (name: string): Error =>
  badRequest(`Field '${name}' does not exist or you do not have permission to view it.`);

export function resolveJqlField(ctx: EmulatorContext, field: Field): JqlField {
  const name = field.value;
  const properties = field.properties ?? [];
  if (name.toLowerCase() === 'issue.property') {
    const property = properties[0];
    const key = property?.key?.value;
    if (!property || !key) throw badRequest("Error in the JQL Query: 'issue.property' needs a property key, e.g. issue.property[key].path.");
    const path = (property.path ?? []).map((part) => part.value).join('').replace(/^\./, '');
    return issuePropertyField(ctx, `issue.property[${key}]${path ? `.${path}` : ''}`, key, path, 'any');
  }
  if (properties.length > 0) {
    throw badRequest(`The sandbox's Jira emulator does not search property paths on field '${name}'.`);
  }
  const resolved =
    systemField(ctx, name.toLowerCase(), name) ?? customFieldByReference(ctx, name) ?? propertyAliasField(ctx, name);
  if (!resolved) throw fieldDoesNotExist(name);
  return resolved;
}

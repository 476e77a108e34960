/** ORDER BY: a comparator from the query's order fields, with id as the final tie-break so paging is stable. */
import type { OrderBy } from '@atlaskit/jql-ast';
import type { EmulatorContext } from '../context';
import { badRequest } from '../errors';
import type { JiraIssue } from '../model';
import type { JqlValue } from './jql-field';
import { resolveJqlField } from './resolve-field';

export type IssueComparator = (a: JiraIssue, b: JiraIssue) => number;

const MAX_ORDER_FIELDS = 7;

function compareKeys(a: JqlValue | null, b: JqlValue | null): number {
  // Empty values sort last ascending (and so first descending).
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a).toLowerCase();
  const right = String(b).toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

const byIdAscending: IssueComparator = (a, b) => Number(a.id) - Number(b.id);

/** Without ORDER BY, newest first (Jira's navigator default). */
const defaultOrder: IssueComparator = (a, b) => Date.parse(b.created) - Date.parse(a.created) || Number(b.id) - Number(a.id);

export function compileOrderBy(ctx: EmulatorContext, orderBy: OrderBy | void): IssueComparator {
  if (!orderBy || orderBy.fields.length === 0) return defaultOrder;
  if (orderBy.fields.length > MAX_ORDER_FIELDS) {
    throw badRequest(`The ORDER BY clause can name at most ${MAX_ORDER_FIELDS} fields.`);
  }
  const keys = orderBy.fields.map((orderField) => {
    const field = resolveJqlField(ctx, orderField.field);
    const sortKeyOf = field.sortKeyOf;
    if (!sortKeyOf) throw badRequest(`Field '${field.name}' does not support sorting.`);
    const direction = orderField.direction?.value === 'DESC' ? -1 : 1;
    return { sortKeyOf, direction };
  });
  return (a, b) => {
    for (const { sortKeyOf, direction } of keys) {
      const result = compareKeys(sortKeyOf(a), sortKeyOf(b));
      if (result !== 0) return result * direction;
    }
    return byIdAscending(a, b);
  };
}

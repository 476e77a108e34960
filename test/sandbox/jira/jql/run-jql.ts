/**
 * Runs JQL for the calling user: parse, reject unbounded queries, filter visible issues, order. It searches the
 * search index's view of the issues (see search-index.ts), with `reconciled` issue ids read as they are now.
 */
import type { EmulatorContext } from '../context';
import { badRequest } from '../errors';
import type { JiraIssue } from '../model';
import { canBrowseIssue } from '../permissions';
import { compileClause } from './compile';
import { compileOrderBy } from './order';
import { parseJql } from './parse';

export const UNBOUNDED_JQL =
  'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

export function runJql(ctx: EmulatorContext, jql: string, reconciled?: ReadonlySet<string>): JiraIssue[] {
  const query = parseJql(jql);
  if (!query.where) throw badRequest(UNBOUNDED_JQL);
  const matches = compileClause(ctx, query.where);
  const order = compileOrderBy(ctx, query.orderBy);
  return ctx.searchableIssues(reconciled).filter((issue) => canBrowseIssue(ctx.site, ctx.caller, issue) && matches(issue)).sort(order);
}

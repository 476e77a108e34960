/** Parses JQL with Atlassian's own grammar (`@atlaskit/jql-ast` over `@atlaskit/jql-parser`). */
import type { Query } from '@atlaskit/jql-ast';
import { JQLSyntaxError, JastBuilder } from '@atlaskit/jql-ast';
import { badRequest } from '../errors';

export function parseJql(jql: string): Query {
  const ast = new JastBuilder().build(jql);
  const firstError = ast.errors[0];
  if (firstError) {
    const where = firstError instanceof JQLSyntaxError
      ? ` (line ${firstError.line}, character ${firstError.charPositionInLine + 1})`
      : '';
    throw badRequest(`Error in the JQL Query: ${firstError.description || firstError.message}${where}`);
  }
  if (!ast.query) throw badRequest('Error in the JQL Query: the query could not be parsed.');
  return ast.query;
}

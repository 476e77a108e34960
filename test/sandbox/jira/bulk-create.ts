/**
 * `POST /rest/api/3/issue/bulk`: up to 50 issues, each created as `POST /rest/api/3/issue` would (same checks,
 * same fields and properties). Jira answers 201 with the created issues and, for the others, `errors` naming
 * each by its position (`failedElementNumber`) with its own status and `elementErrors`; 400 in the same shape
 * when none was created.
 */
import { json } from '../http';
import { badRequest, JiraApiError } from './errors';
import { isRecord, requireObjectBody } from './input';
import { createIssue } from './issues';
import type { RouteHandler } from './router';

const MAX_BULK_CREATE = 50;

export const bulkCreateIssues: RouteHandler = async (ctx, req) => {
  const body = requireObjectBody(req.body);
  const updates = body.issueUpdates;
  if (!Array.isArray(updates)) throw badRequest("'issueUpdates' must be a list.");
  if (updates.length > MAX_BULK_CREATE) throw badRequest(`You can create at most ${MAX_BULK_CREATE} issues in one request.`);
  const issues: unknown[] = [];
  const errors: unknown[] = [];
  for (const [index, update] of updates.entries()) {
    try {
      if (!isRecord(update)) throw badRequest('Each issue update must be an object.');
      const answer = await createIssue(ctx, { ...req, body: update, rawBody: JSON.stringify(update) });
      issues.push(answer.body);
    } catch (error: unknown) {
      if (!(error instanceof JiraApiError)) throw error;
      errors.push({ status: error.status, elementErrors: { errorMessages: error.errorMessages, errors: error.fieldErrors }, failedElementNumber: index });
    }
  }
  return json(issues.length > 0 || updates.length === 0 ? 201 : 400, { issues, errors });
};

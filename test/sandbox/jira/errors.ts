/**
 * Jira's error shape, `{ errorMessages: string[], errors: { field: message } }`, raised from any handler and
 * turned into a response by the router.
 */
import type { SandboxResponse } from '../http';

export interface JiraErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

export class JiraApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(`${status}: ${[...errorMessages, ...Object.values(fieldErrors)].join('; ')}`);
    this.name = 'JiraApiError';
  }

  toResponse(): SandboxResponse {
    const body: JiraErrorBody = { errorMessages: this.errorMessages, errors: this.fieldErrors };
    return { status: this.status, body, headers: { 'content-type': 'application/json' } };
  }
}

export const badRequest = (message: string): JiraApiError => new JiraApiError(400, [message]);
export const fieldError = (field: string, message: string, status = 400): JiraApiError =>
  new JiraApiError(status, [], { [field]: message });
export const forbidden = (message: string): JiraApiError => new JiraApiError(403, [message]);
export const notFound = (message: string): JiraApiError => new JiraApiError(404, [message]);

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

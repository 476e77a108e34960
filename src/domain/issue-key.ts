/**
 * Jira project keys are 2–10 characters, an uppercase letter first; issue numbers are positive. Checking the
 * shape before any request keeps user text out of REST paths (`route` does not encode path parameters).
 */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}$/;
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,9}$/;

export const projectKeyOf = (issueKey: string): string => issueKey.slice(0, issueKey.lastIndexOf('-'));

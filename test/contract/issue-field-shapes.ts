/**
 * IssueBean's `fields` is free-form in the spec, so the contract suite checks the system fields it renders
 * against the component schemas Jira uses for them.
 */
import type { OpenApiValidator } from './openapi-validator';

const FIELD_COMPONENTS: Record<string, string> = {
  status: 'StatusDetails',
  issuetype: 'IssueTypeDetails',
  project: 'ProjectDetails',
  priority: 'Priority',
  assignee: 'UserDetails',
  reporter: 'UserDetails',
  parent: 'LinkedIssue',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Problems found in one issue's fields; empty when every known field has its component's shape. */
export function issueFieldProblems(validator: OpenApiValidator, issue: unknown): string[] {
  if (!isObject(issue) || !isObject(issue.fields)) return [];
  const problems: string[] = [];
  for (const [fieldId, value] of Object.entries(issue.fields)) {
    const component = FIELD_COMPONENTS[fieldId];
    if (component && value !== null) {
      const check = validator.checkComponent('jira-platform', component, value);
      if (!check.valid) problems.push(`fields.${fieldId} is not ${component}: ${check.errors}`);
    }
    if (fieldId === 'issuelinks') {
      if (!Array.isArray(value)) {
        problems.push('fields.issuelinks is not a list');
        continue;
      }
      for (const link of value) {
        if (!isObject(link)) continue;
        const type = validator.checkComponent('jira-platform', 'IssueLinkType', link.type);
        if (!type.valid) problems.push(`issuelinks type: ${type.errors}`);
        const sides = ['inwardIssue', 'outwardIssue'].filter((side) => side in link);
        if (sides.length !== 1) problems.push('an issue link shows exactly one other issue');
        for (const side of sides) {
          const check = validator.checkComponent('jira-platform', 'LinkedIssue', link[side]);
          if (!check.valid) problems.push(`issuelinks ${side}: ${check.errors}`);
        }
      }
    }
  }
  return problems;
}

/** The issues inside a response body: GET issue, search and bulkfetch. */
export function issuesIn(body: unknown): unknown[] {
  if (!isObject(body)) return [];
  if (Array.isArray(body.issues)) return body.issues;
  return 'fields' in body ? [body] : [];
}

/**
 * JQL string literals. Values that reach JQL are validated first (project keys by pattern); quoting is the
 * second line of defence, so no input can close the literal and add clauses.
 */
export const jqlString = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** `cf[10050]` for `customfield_10050`: the form JQL accepts for any custom field id. */
export function jqlCustomField(fieldId: string): string {
  const match = /^customfield_(\d+)$/.exec(fieldId);
  if (!match) throw new Error(`Not a custom field id: ${fieldId}`);
  return `cf[${match[1]}]`;
}

/**
 * A sprint as people write it in JQL, by its name: `"PAY Sprint 14"`. By id when the name cannot stand for it:
 * an empty name, or one of digits only, which Jira reads as a sprint id.
 */
export function jqlSprint(sprint: { id: number; name: string }): string {
  const name = sprint.name.trim();
  return name === '' || /^\d+$/.test(name) ? String(sprint.id) : jqlString(name);
}

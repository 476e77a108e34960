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

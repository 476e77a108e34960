/**
 * The rules editor's model: the contract's records as editable rows, and validation that mirrors the contract
 * (the same zod schemas the resolver parses with), so a person sees what is wrong before saving, beside the
 * rule that is wrong.
 */
import type { z } from 'zod';
import { suggestionRulesSchema, type SuggestionRulesDto } from '../../../src/contract';
import { isWorkType, type WorkType } from '../../../src/domain/work-type';

export type RuleTableKey = 'issueTypes' | 'labels' | 'keywords';
export const RULE_TABLES: readonly RuleTableKey[] = ['issueTypes', 'labels', 'keywords'];

export interface RuleRow {
  /** Stable across edits, so React keeps focus in the field being typed in. */
  id: number;
  key: string;
  workType: WorkType | '';
}
export type RuleRows = Record<RuleTableKey, RuleRow[]>;

/** Per table, per row id: what is wrong with the key or the work type. */
export type RowErrors = Partial<Record<RuleTableKey, Record<number, { key?: string; workType?: string }>>>;

/** What one rule of each table is about, as the page names it ("Remove rule for label tech-debt"). */
export const RULE_NOUNS: Record<RuleTableKey, string> = { issueTypes: 'issue type', labels: 'label', keywords: 'keyword' };

const quotedIfSpaced = (key: string): string => (/\s/.test(key) ? `“${key}”` : key);

/** The Remove button's accessible name: which rule it removes, or that the rule is still blank. */
export function removeRuleLabel(table: RuleTableKey, key: string): string {
  const name = key.trim();
  return name ? `Remove rule for ${RULE_NOUNS[table]} ${quotedIfSpaced(name)}` : `Remove new ${RULE_NOUNS[table]} rule`;
}

/** The work-type picker's accessible name, tied to the rule beside it. */
export function workTypeLabel(table: RuleTableKey, key: string): string {
  const name = key.trim();
  return name ? `Work type for ${RULE_NOUNS[table]} ${quotedIfSpaced(name)}` : `Work type for the new ${RULE_NOUNS[table]} rule`;
}

/** Whether two sets of rows say the same rules in the same order: the page's "unsaved changes" test. */
export function sameRules(a: RuleRows, b: RuleRows): boolean {
  return RULE_TABLES.every(
    (t) => a[t].length === b[t].length && a[t].every((row, i) => row.key === b[t][i]?.key && row.workType === b[t][i]?.workType),
  );
}

let nextId = 1;
export const newRow = (): RuleRow => ({ id: nextId++, key: '', workType: '' });

export function rowsFrom(rules: SuggestionRulesDto): RuleRows {
  const table = (record: Record<string, WorkType>): RuleRow[] =>
    Object.entries(record).map(([key, workType]) => ({ id: nextId++, key, workType }));
  return { issueTypes: table(rules.issueTypes), labels: table(rules.labels), keywords: table(rules.keywords) };
}

/** Zod's words made plain: "Too small: expected string to have >=2 characters" → "At least 2 characters." */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return Number(issue.minimum) <= 1 ? 'Enter a value.' : `At least ${String(issue.minimum)} characters.`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return `At most ${String(issue.maximum)} characters.`;
  return issue.message;
}

const keySchemaOf = (table: RuleTableKey) => suggestionRulesSchema.shape[table].keyType;

export interface Validation {
  rules: SuggestionRulesDto | null;
  rowErrors: RowErrors;
  /** Problems with the rules as a whole (e.g. too many), shown above the tables. */
  formErrors: string[];
  count: number;
}

/** Checks every row as the contract would, plus what a record cannot say: a rule given twice. */
export function validate(rows: RuleRows): Validation {
  const rowErrors: RowErrors = {};
  const record = (table: RuleTableKey, id: number, error: { key?: string; workType?: string }) => {
    const errors = (rowErrors[table] ??= {});
    errors[id] = { ...errors[id], ...error };
  };
  const draft: Record<RuleTableKey, Record<string, WorkType>> = { issueTypes: {}, labels: {}, keywords: {} };
  for (const table of RULE_TABLES) {
    const seen = new Map<string, string>();
    for (const row of rows[table]) {
      const parsed = keySchemaOf(table).safeParse(row.key);
      if (!parsed.success) {
        record(table, row.id, { key: plainMessage(parsed.error.issues[0]!) });
      } else {
        // Upstream matches every rule case-insensitively, so "Bug" and "bug" are the same rule.
        const folded = parsed.data.toLowerCase();
        const earlier = seen.get(folded);
        if (earlier !== undefined) record(table, row.id, { key: `Already listed as “${earlier}”.` });
        else seen.set(folded, parsed.data);
        if (isWorkType(row.workType)) draft[table][parsed.data] = row.workType;
      }
      if (!isWorkType(row.workType)) record(table, row.id, { workType: 'Choose a work type.' });
    }
  }
  const count = RULE_TABLES.reduce((sum, table) => sum + rows[table].length, 0);
  const whole = suggestionRulesSchema.safeParse(draft);
  const formErrors = whole.success ? [] : [...new Set(whole.error.issues.filter((i) => i.path.length <= 1).map(plainMessage))];
  const clean = Object.keys(rowErrors).length === 0 && formErrors.length === 0 && whole.success;
  return { rules: clean ? whole.data : null, rowErrors, formErrors, count };
}

/**
 * The resolver's `fields` ("rules.labels.a b": "Invalid key in record") mapped back onto the rows, for the rare
 * rule the browser passed but the resolver refused.
 */
export function rowErrorsFromServer(rows: RuleRows, fields: Readonly<Record<string, string>> | undefined): RowErrors {
  const errors: RowErrors = {};
  for (const [path, message] of Object.entries(fields ?? {})) {
    const [, table, ...rest] = path.split('.');
    if (!table || !(RULE_TABLES as readonly string[]).includes(table)) continue;
    const key = rest.join('.');
    const row = rows[table as RuleTableKey].find((r) => r.key.trim() === key);
    if (row) (errors[table as RuleTableKey] ??= {})[row.id] = { key: message };
  }
  return errors;
}

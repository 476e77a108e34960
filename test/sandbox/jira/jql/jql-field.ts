/** What a JQL field is to the evaluator: which operators it takes, and how issue values and literals compare. */
import type { JiraIssue } from '../model';

/** A comparable value: strings compare case-insensitively, numbers (also dates as epoch ms) numerically. */
export type JqlValue = string | number;

export type OperatorName = '=' | '!=' | 'in' | 'not in' | 'is' | 'is not' | '~' | '!~' | '>' | '>=' | '<' | '<=';

export const EQUALITY: readonly OperatorName[] = ['=', '!=', 'in', 'not in', 'is', 'is not'];
export const RANGE: readonly OperatorName[] = ['>', '>=', '<', '<='];
export const TEXT: readonly OperatorName[] = ['~', '!~', 'is', 'is not'];

export interface JqlField {
  /** The name as the query wrote it, for error messages. */
  name: string;
  operators: ReadonlySet<OperatorName>;
  /** The issue's values; an empty list is EMPTY. */
  valuesOf(issue: JiraIssue): readonly JqlValue[];
  /** The values one literal stands for (a sprint name can name several sprints); throws 400 for unknown values. */
  resolveLiteral(literal: string): readonly JqlValue[];
  /** The values a function operand stands for; undefined when the function does not apply to this field. */
  resolveFunction?(name: string, args: readonly string[]): readonly JqlValue[] | undefined;
  /** The text `~` searches. */
  textOf?(issue: JiraIssue): string;
  /** ORDER BY key; absent when the field cannot be sorted on. */
  sortKeyOf?(issue: JiraIssue): JqlValue | null;
}

export const valueKey = (value: JqlValue): string =>
  typeof value === 'number' ? `n:${value}` : `s:${value.toLowerCase()}`;

export const operators = (...groups: ReadonlyArray<readonly OperatorName[]>): ReadonlySet<OperatorName> =>
  new Set(groups.flat());

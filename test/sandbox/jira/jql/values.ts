/** JQL literal values: dates (absolute, relative, date functions) and text matching for `~`. */
import { badRequest } from '../errors';

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { w: 7 * 24 * 60 * MINUTE, d: 24 * 60 * MINUTE, h: 60 * MINUTE, m: MINUTE };

/** `-7d`, `4w 2d`, `+1h` → a signed duration in ms; undefined when it is not a period. */
export function parsePeriod(text: string): number | undefined {
  const trimmed = text.trim();
  const match = /^([+-])?\s*((?:\d+\s*[wdhm]\s*)+)$/.exec(trimmed);
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  let total = 0;
  for (const part of match[2].matchAll(/(\d+)\s*([wdhm])/g)) total += Number(part[1]) * UNIT_MS[part[2]];
  return sign * total;
}

const INVALID_DATE = (value: string, field: string): string =>
  `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`;

/** A JQL date literal as epoch ms (UTC; the emulator's users all search in UTC). */
export function parseJqlDate(value: string, field: string, now: Date): number {
  const period = parsePeriod(value);
  if (period !== undefined) return now.getTime() + period;
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (!match) throw badRequest(INVALID_DATE(value, field));
  const [, year, month, day, hour, minute] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0));
  if (Number.isNaN(ms) || Number(month) > 12 || Number(day) > 31) throw badRequest(INVALID_DATE(value, field));
  return ms;
}

const DAY = UNIT_MS.d;

function startOf(unit: 'day' | 'week' | 'month' | 'year', at: Date): Date {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (unit === 'week') start.setUTCDate(start.getUTCDate() - start.getUTCDay());
  if (unit === 'month') start.setUTCDate(1);
  if (unit === 'year') start.setUTCMonth(0, 1);
  return start;
}

function shift(unit: 'day' | 'week' | 'month' | 'year', at: Date, amount: number): Date {
  const shifted = new Date(at.getTime());
  if (unit === 'day') shifted.setUTCDate(shifted.getUTCDate() + amount);
  if (unit === 'week') shifted.setUTCDate(shifted.getUTCDate() + 7 * amount);
  if (unit === 'month') shifted.setUTCMonth(shifted.getUTCMonth() + amount);
  if (unit === 'year') shifted.setUTCFullYear(shifted.getUTCFullYear() + amount);
  return shifted;
}

export const DATE_FUNCTIONS = [
  'now', 'startofday', 'endofday', 'startofweek', 'endofweek', 'startofmonth', 'endofmonth', 'startofyear', 'endofyear',
] as const;

/** `startOfDay("-1")`, `endOfWeek()`, `now()` → epoch ms; undefined when `name` is not a date function. */
export function evaluateDateFunction(name: string, args: readonly string[], now: Date): number | undefined {
  const lower = name.toLowerCase();
  if (lower === 'now') return now.getTime();
  const match = /^(start|end)of(day|week|month|year)$/.exec(lower);
  if (!match) return undefined;
  const edge = match[1];
  const unit = match[2] as 'day' | 'week' | 'month' | 'year';
  let base = startOf(unit, now);
  const increment = args[0]?.trim();
  if (increment) {
    const period = parsePeriod(increment);
    if (period !== undefined && /[wdhm]$/.test(increment)) base = new Date(base.getTime() + period);
    else if (/^[+-]?\d+$/.test(increment)) base = shift(unit, base, Number(increment));
    else throw badRequest(`The increment '${increment}' given to JQL function '${name}' is invalid.`);
  }
  return edge === 'start' ? base.getTime() : shift(unit, base, 1).getTime() - 1;
}

export const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

const words = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);

/**
 * Jira's `~`: every term of the query must occur as a word (a trailing `*` makes it a prefix); a query wrapped in
 * its own double quotes is a phrase whose words must be consecutive.
 */
export function textMatches(haystack: string, query: string): boolean {
  const target = words(haystack);
  const trimmed = query.trim();
  if (trimmed.length > 1 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    const phrase = words(trimmed.slice(1, -1));
    if (phrase.length === 0) return false;
    for (let i = 0; i + phrase.length <= target.length; i++) {
      if (phrase.every((word, j) => target[i + j] === word)) return true;
    }
    return false;
  }
  const terms = trimmed.split(/\s+/).filter((term) => term.length > 0);
  if (terms.length === 0) return false;
  return terms.every((term) => {
    const prefix = term.endsWith('*');
    const termWords = words(prefix ? term.slice(0, -1) : term);
    return termWords.every((termWord, index) =>
      target.some((word) => (prefix && index === termWords.length - 1 ? word.startsWith(termWord) : word === termWord)),
    );
  });
}

/** The plain text of an ADF document, for `description ~` and `text ~`. */
export function adfText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const record = node as Record<string, unknown>;
  const own = typeof record.text === 'string' ? record.text : '';
  const children = Array.isArray(record.content) ? record.content.map(adfText).join(' ') : '';
  return `${own} ${children}`.trim();
}

/**
 * Words and numbers as a person reads them: money, dates, "3 days ago", and how sure a suggestion is. Plain Intl,
 * no date library: every surface carries this file.
 */

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** ARR as money ("$412,500"). The seed and the CRM bridge record ARR in US dollars. */
export const formatMoney = (amount: number): string => money.format(amount);

const parse = (iso: string): Date | null => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** "12 Oct 2026"; the text as given when it is not a date. */
export function formatDate(iso: string): string {
  const date = parse(iso);
  return date ? date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }) : iso;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 days ago", "yesterday", "just now". */
export function timeAgo(iso: string, now: Date = new Date()): string {
  const date = parse(iso);
  if (!date) return iso;
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** A suggestion's confidence (0–1) in words, so nobody has to guess what 0.81 means. */
export function confidenceInWords(confidence: number): { words: string; level: 'high' | 'medium' | 'low' } {
  if (confidence >= 0.8) return { words: 'High confidence: the rules agree', level: 'high' };
  if (confidence >= 0.55) return { words: 'Medium confidence: most rules agree', level: 'medium' };
  return { words: 'Low confidence: the rules disagree, check before accepting', level: 'low' };
}

/** "1 issue", "3 issues". */
export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

/**
 * Cell values as people write them in spreadsheets — ARR with currency and thousands separators, dates in a
 * dozen forms — read into what the contract takes. Kept apart from csv-file.ts (which brings papaparse) so the
 * "Share a signal" form can read its ARR field the same way without loading a CSV parser.
 */

/** How dates written with slashes are read: 03/04/2026 is 3 April (day first) or 4 March (month first). */
export type DateOrder = 'day-first' | 'month-first';

// ——— ARR ———

const CURRENCY = /^(?:usd|eur|gbp|aud|cad|chf|sek|nok|dkk|jpy|inr|us\$|a\$|c\$|[$€£¥₹])|(?:usd|eur|gbp|aud|cad|chf|sek|nok|dkk|jpy|inr|[$€£¥₹])$/i;
const SCALE: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };

/** "1,234.5", "1.234,5", "1 234", "12,000" and "12,5" as numbers; null when the separators make no number. */
function readSeparatedNumber(text: string): number | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let normalised: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the later one is the decimal separator.
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [whole, fraction] = [text.slice(0, text.lastIndexOf(decimal)), text.slice(text.lastIndexOf(decimal) + 1)];
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})*$`).test(whole) || !/^\d+$/.test(fraction)) return null;
    normalised = `${whole.split(group).join('')}.${fraction}`;
  } else if (lastComma >= 0) {
    if (/^\d{1,3}(,\d{3})+$/.test(text)) normalised = text.replace(/,/g, '');
    else if (/^\d+,\d{1,2}$/.test(text)) normalised = text.replace(',', '.');
    else return null;
  } else if (/^\d{1,3}(\.\d{3})+$/.test(text)) {
    // "48.000" is forty-eight thousand: nobody writes an ARR to a tenth of a cent.
    normalised = text.replace(/\./g, '');
  } else {
    normalised = text;
  }
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

/**
 * An ARR cell as a number: "$12,000", "12k", "1.2M", "€ 48.000,00", "(5,000)" (negative, which the contract then
 * refuses with its own sentence). Empty is no ARR; anything else is an error naming the cell.
 */
export function parseArr(cell: string): { ok: true; value: number | undefined } | { ok: false; error: string } {
  let text = cell.normalize('NFKC').trim();
  if (text === '' || text === '-' || text === '—') return { ok: true, value: undefined };
  let sign = 1;
  if (/^\(.*\)$/.test(text)) {
    sign = -1;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith('-')) {
    sign = -1;
    text = text.slice(1).trim();
  }
  text = text.replace(CURRENCY, '').trim().replace(CURRENCY, '').trim();
  if (text.startsWith('-')) {
    sign = -1;
    text = text.slice(1).trim();
  }
  text = text.replace(/[\s\u00a0\u202f']/g, '');
  const scaled = /^(.*?)(k|mm|mn|m|bn|b)$/i.exec(text);
  const scale = scaled ? SCALE[scaled[2]!.toLowerCase()]! : 1;
  const number = readSeparatedNumber(scaled ? scaled[1]! : text);
  if (number === null || !Number.isFinite(number)) {
    return { ok: false, error: `The ARR “${cell.trim()}” is not a number Upstream can read: write it as 120000, $120,000 or 120k.` };
  }
  // Cents at most: the table keeps two decimals.
  return { ok: true, value: sign * Math.round(number * scale * 100) / 100 };
}

// ——— Dates ———

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const fullYear = (year: string): number => (year.length === 2 ? 2000 + Number(year) : Number(year));

/** A time after the date, "09:30", "9:30:15", "09:30 PM", with an optional zone ("Z", "+02:00"); absent: UTC. */
function readTime(text: string): { ok: true; time: string | null } | { ok: false } {
  const rest = text.trim().replace(/^t/i, '');
  if (rest === '') return { ok: true, time: null };
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?$/i.exec(rest);
  if (!match) return { ok: false };
  let hours = Number(match[1]);
  const meridiem = match[4]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return { ok: false };
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  const minutes = Number(match[2]);
  const seconds = Number(match[3] ?? 0);
  if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false };
  const zoneText = match[5]?.toUpperCase();
  const zone = !zoneText || zoneText === 'Z' || zoneText === 'UTC' || zoneText === 'GMT' ? 'Z' : zoneText.includes(':') ? zoneText : `${zoneText.slice(0, 3)}:${zoneText.slice(3)}`;
  return { ok: true, time: `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${zone}` };
}

/**
 * A date cell as ISO 8601 — `2026-03-14`, or `2026-03-14T09:30:00Z` when it has a time. Reads ISO, 2026/03/14,
 * 14/03/2026 or 03/14/2026 (by `order`, chosen for the whole column), 14.03.2026, "14 Mar 2026", "March 14,
 * 2026". A time without a zone is taken as UTC, so colleagues in other time zones importing the same file make
 * the same signals. Empty is no date (the time of import).
 */
export function parseDate(cell: string, order: DateOrder = 'day-first'): { ok: true; value: string | undefined } | { ok: false; error: string } {
  const text = cell.normalize('NFKC').trim();
  if (text === '') return { ok: true, value: undefined };
  const refuse = {
    ok: false as const,
    error: `The date “${text}” is not one Upstream can read: write it as 2026-03-14 (or 14/03/2026), with a time if you like.`,
  };
  let year: number;
  let month: number;
  let day: number;
  let rest: string;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(.*)$/.exec(text))) {
    [year, month, day, rest] = [Number(match[1]), Number(match[2]), Number(match[3]), match[4]!];
  } else if ((match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(.*)$/.exec(text))) {
    const [a, b] = [Number(match[1]), Number(match[3])];
    // Dots are day first everywhere they are used (14.03.2026); slashes follow the column's order.
    const dayFirst = match[2] === '.' || order === 'day-first';
    [day, month] = dayFirst ? [a, b] : [b, a];
    [year, rest] = [fullYear(match[4]!), match[5]!];
  } else if ((match = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{4})(.*)$/i.exec(text))) {
    [day, month, year, rest] = [Number(match[1]), MONTHS.indexOf(match[2]!.slice(0, 3).toLowerCase()) + 1, Number(match[3]), match[4]!];
  } else if ((match = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(.*)$/i.exec(text))) {
    [month, day, year, rest] = [MONTHS.indexOf(match[1]!.slice(0, 3).toLowerCase()) + 1, Number(match[2]), Number(match[3]), match[4]!];
  } else {
    return refuse;
  }
  if (year < 1900 || year > 2999 || !validDate(year, month, day)) return refuse;
  const time = readTime(rest.replace(/^,/, ''));
  if (!time.ok) return refuse;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  return { ok: true, value: time.time ? `${date}T${time.time}` : date };
}

/**
 * The order the column's slash dates use: month first when some value can only be month first (a second
 * number over 12), day first otherwise. `ambiguous` when no value decides it (the dialog then asks).
 */
export function guessDateOrder(cells: readonly string[]): { order: DateOrder; ambiguous: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let slashDates = false;
  for (const cell of cells) {
    const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/.exec(cell);
    if (!match) continue;
    slashDates = true;
    if (Number(match[1]) > 12) dayFirst = true;
    if (Number(match[2]) > 12) monthFirst = true;
  }
  if (monthFirst && !dayFirst) return { order: 'month-first', ambiguous: false };
  return { order: 'day-first', ambiguous: slashDates && !dayFirst };
}

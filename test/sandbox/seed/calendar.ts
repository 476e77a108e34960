/** Date arithmetic for the seed. Every date is derived from the `today` the caller passes in. */
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export const startOfUtcDay = (date: Date): Date =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

export const addMs = (date: Date, milliseconds: number): Date => new Date(date.getTime() + milliseconds);
export const addDays = (date: Date, days: number): Date => addMs(date, days * DAY_MS);

/** Whole minutes, as people's edits land: a seeded timestamp with milliseconds looks machine-made. */
export const toMinute = (date: Date): Date => new Date(Math.floor(date.getTime() / 60000) * 60000);

export const earliest = (...dates: Date[]): Date => new Date(Math.min(...dates.map((date) => date.getTime())));
export const latest = (...dates: Date[]): Date => new Date(Math.max(...dates.map((date) => date.getTime())));

/** A moment between two others, to the minute; the lower bound when the range is empty. */
export const momentBetween = (next: () => number, from: Date, to: Date): Date => {
  const span = to.getTime() - from.getTime();
  if (span <= 0) return from;
  return toMinute(addMs(from, next() * span));
};

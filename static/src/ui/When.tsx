/** A time as people read it ("3 days ago"), with the exact time behind it for hover and screen readers. */
import { timeAgo } from './format';

/** "2 Dec 2026, 14:05": the exact time behind a relative one, for the title (hover) and screen readers. */
export const exactTime = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

export function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {timeAgo(iso)}
    </time>
  );
}

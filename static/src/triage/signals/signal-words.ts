/** A signal named in a sentence, as the routing dialog's title and the Inbox's announcements quote it. Pure. */
import type { InboxSignal } from '../../../../src/contract/signals';

/** "the signal from Acme: “Can the export include…”", its words cut at `max` characters. */
export function signalInWords(signal: Pick<InboxSignal, 'customer' | 'text'>, max = 80): string {
  const text = signal.text.replace(/\s+/g, ' ').trim();
  const quoted = text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
  return `the signal from ${signal.customer}: “${quoted}”`;
}

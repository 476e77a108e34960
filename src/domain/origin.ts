/**
 * The origin of an issue: which signals and which discovery note it came from, or an explicit "none". It is
 * kept as the issue property `upstream-origin`, indexed for JQL (`upstreamArr > 50000`), so its customers and
 * ARR are stored alongside the ids rather than looked up at search time.
 */

export const ORIGIN_PROPERTY_KEY = 'upstream-origin';

export interface OriginProperty {
  kind: 'linked' | 'none';
  signalIds: string[];
  discoveryNoteId: string | null;
  /** Customers of the linked signals, each once, in the order first linked. */
  customers: string[];
  /** Summed ARR of those customers, each counted once however many of their signals are linked. */
  arr: number;
  linkedAt: string;
  linkedBy: string;
}

/** What the origin needs to know about a linked signal. */
export interface SignalForOrigin {
  id: string;
  customer: string;
  arr: number | null;
}

/**
 * Customers and summed ARR over the signals that still exist. A customer's ARR is the largest any of its
 * signals reports: signals are snapshots, and a later one may carry an updated figure while an older one has none.
 */
export function customersAndArr(signals: readonly SignalForOrigin[]): { customers: string[]; arr: number } {
  const arrByCustomer = new Map<string, number>();
  for (const signal of signals) {
    const previous = arrByCustomer.get(signal.customer) ?? 0;
    arrByCustomer.set(signal.customer, Math.max(previous, signal.arr ?? 0));
  }
  const arr = [...arrByCustomer.values()].reduce((sum, value) => sum + value, 0);
  return { customers: [...arrByCustomer.keys()], arr: Math.round(arr * 100) / 100 };
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/**
 * Adds signals and (optionally) a discovery note to an origin. Linking to an issue marked "none" replaces the
 * "none": a person has now found where the work came from. A new discovery note replaces the old one (an
 * issue comes from one note).
 */
export function linkOrigin(
  current: OriginProperty | null,
  add: { signalIds: readonly string[]; discoveryNoteId: string | null },
  known: readonly SignalForOrigin[],
  by: string,
  at: string,
): OriginProperty {
  const base = current?.kind === 'linked' ? current : null;
  const signalIds = unique([...(base?.signalIds ?? []), ...add.signalIds]);
  const discoveryNoteId = add.discoveryNoteId ?? base?.discoveryNoteId ?? null;
  const present = known.filter((s) => signalIds.includes(s.id));
  return { kind: 'linked', signalIds, discoveryNoteId, ...customersAndArr(present), linkedAt: at, linkedBy: by };
}

/** Removes one signal or the discovery note; null when nothing is left (the origin is unknown again). */
export function unlinkOrigin(
  current: OriginProperty,
  remove: { signalId: string } | { discoveryNote: true },
  known: readonly SignalForOrigin[],
  by: string,
  at: string,
): OriginProperty | null {
  const signalIds = 'signalId' in remove ? current.signalIds.filter((id) => id !== remove.signalId) : current.signalIds;
  const discoveryNoteId = 'discoveryNote' in remove ? null : current.discoveryNoteId;
  if (signalIds.length === 0 && discoveryNoteId === null) return null;
  const present = known.filter((s) => signalIds.includes(s.id));
  return { kind: 'linked', signalIds, discoveryNoteId, ...customersAndArr(present), linkedAt: at, linkedBy: by };
}

export const noOrigin = (by: string, at: string): OriginProperty => ({
  kind: 'none',
  signalIds: [],
  discoveryNoteId: null,
  customers: [],
  arr: 0,
  linkedAt: at,
  linkedBy: by,
});

/** True when the origin names something (a person would lose it if it were replaced by "none"). */
export const hasLinks = (origin: OriginProperty | null): boolean =>
  origin !== null && origin.kind === 'linked' && (origin.signalIds.length > 0 || origin.discoveryNoteId !== null);

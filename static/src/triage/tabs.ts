/** The triage page's tabs, for the page and for the tabs it shows (kept apart so neither imports the other). */
/**
 * The page's tabs: the signal Inbox first (where triage starts), the places a routed cluster goes (Parking lot,
 * Routed, Declined), discovery notes, then issues without a work type.
 */
export const TABS = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'parking', label: 'Parking lot' },
  { id: 'routed', label: 'Routed' },
  { id: 'declined', label: 'Declined' },
  { id: 'discovery', label: 'Discovery' },
  { id: 'unclassified', label: 'Unclassified' },
] as const;
export type TabId = (typeof TABS)[number]['id'];
/** The tabs that list clusters of signals, one per place a cluster can be. */
export type SignalTabId = Extract<TabId, 'inbox' | 'parking' | 'routed' | 'declined'>;
export const isSignalTab = (tab: TabId): tab is SignalTabId => tab === 'inbox' || tab === 'parking' || tab === 'routed' || tab === 'declined';

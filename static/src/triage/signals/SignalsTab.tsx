import type { TabCounts } from '../../../../src/contract/signals';
import type { SignalTabId } from '../tabs';
import InboxTab from './InboxTab';

/**
 * One tab of clusters: the Inbox, the Parking lot, Routed or Declined — one list, keyboard and dialogs for all
 * four, each showing the clusters in its state with their decision; routing keys where clusters are undecided.
 */
export default function SignalsTab({ projectKey, tab, onCounts }: { projectKey: string; tab: SignalTabId; onCounts?: (counts: TabCounts) => void }) {
  return <InboxTab projectKey={projectKey} tab={tab} {...(onCounts ? { onCounts } : {})} />;
}

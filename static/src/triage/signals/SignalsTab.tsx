import type { SignalTabId } from '../TriagePage';
import { Empty } from '../../ui/Empty';
import InboxTab from './InboxTab';

/** One tab of clusters: the Inbox, the Parking lot, Routed or Declined. */
export default function SignalsTab({ projectKey, tab }: { projectKey: string; tab: SignalTabId }) {
  if (tab === 'inbox') return <InboxTab projectKey={projectKey} />;
  return <Empty title="Not listed yet">This tab is being built.</Empty>;
}

import { requireSignalReader } from '../services/signals/access';
import { importCsvRows } from '../services/signals/csv-import';
import { signalsCluster, signalsInbox } from '../services/signals/inbox';
import { markInboxNotSame, mergeInboxClusters, moveInboxSignals, renameInboxCluster, setInboxCategory, undoInboxChange } from '../services/signals/inbox-changes';
import { retryRoute, routeClusters } from '../services/signals/routing';
import { epicsToRouteTo, projectsToRouteTo } from '../services/signals/route-targets';
import { shareSignal, signalCustomers } from '../services/signals/share';
import type { PracticeResolvers } from './define';

/** The signal Inbox, sharing a signal and CSV import; who may read and who may change is decided in services/signals/access.ts. */
export const signalsResolvers: PracticeResolvers<'signals'> = {
  'signals.inbox': (input, { accountId }) => signalsInbox(input, accountId),
  'signals.cluster': (input) => signalsCluster(input),
  'signals.move': (input, { accountId }) => moveInboxSignals(input, accountId),
  'signals.merge': (input, { accountId }) => mergeInboxClusters(input, accountId),
  'signals.undo': (input, { accountId }) => undoInboxChange(input, accountId),
  'signals.notSame': (input, { accountId }) => markInboxNotSame(input, accountId),
  'signals.setCategory': (input, { accountId }) => setInboxCategory(input, accountId),
  'signals.renameCluster': (input) => renameInboxCluster(input),
  // A read: the customer list is fetched while Jira answers whether the caller may see it.
  'signals.customers': async (input) => (await Promise.all([requireSignalReader(input.projectKey), signalCustomers(input.query)]))[1],
  // Writes: the caller must browse the project before anything is stored.
  'signals.share': async (input, { accountId }) => {
    await requireSignalReader(input.projectKey);
    return shareSignal(input, accountId);
  },
  'signals.importCsv': async (input, { accountId }) => {
    await requireSignalReader(input.projectKey);
    return importCsvRows({ fileName: input.fileName, rows: input.rows }, accountId);
  },
  // Who may route (triage the project, create issues where the Jira side goes) is asked of Jira in the service, first.
  'signals.route': (input, { accountId }) => routeClusters(input, accountId),
  'signals.retryRoute': (input, { accountId }) => retryRoute(input, accountId),
  // Reads asked of Jira as the lead, after Jira says they may triage the project.
  'signals.routeProjects': (input) => projectsToRouteTo(input.projectKey),
  'signals.epics': (input) => epicsToRouteTo(input.projectKey, input.inProject, input.query),
};

import { Suspense, lazy } from 'react';
import { plural } from '../../ui/format';

// The two dialogs are their own chunks (another engineer's files), fetched when first opened.
const ShareSignalDialog = lazy(() => import('./ShareSignalDialog'));
const CsvImportDialog = lazy(() => import('./CsvImportDialog'));

export type InboxDialog = 'share' | 'import' | null;

/** "Share a signal" or "Import CSV"; when either brought signals in, `onIntake` says so (and the list refreshes). */
export function InboxDialogs({
  dialog,
  projectKey,
  onClose,
  onIntake,
}: {
  dialog: InboxDialog;
  projectKey: string;
  onClose: () => void;
  onIntake: (message: string) => void;
}) {
  return (
    <Suspense fallback={null}>
      {dialog === 'share' && (
        <ShareSignalDialog
          projectKey={projectKey}
          onClose={onClose}
          onShared={() => onIntake('Signal shared. Upstream is grouping it with similar signals; it appears here in a moment.')}
        />
      )}
      {dialog === 'import' && (
        <CsvImportDialog
          projectKey={projectKey}
          onClose={onClose}
          onImported={({ created, duplicate, refused }) =>
            onIntake(`Imported: ${plural(created, 'new signal')}, ${duplicate} already there, ${refused} refused. New signals are being grouped.`)
          }
        />
      )}
    </Suspense>
  );
}

import { Suspense, lazy, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Loading } from '../ui/Loading';
import { formatMoney, plural, timeAgo } from '../ui/format';
import type { Origin } from '../panel/types';
import { OriginNoteItem, OriginSignalItem } from './OriginItems';
import { UndoUnlink, type UnlinkedOrigin } from './UndoUnlink';

// The search over signals and notes is loaded when someone links an origin, not on every visit.
const OriginLinker = lazy(() => import('./OriginLinker'));

export type OriginChange =
  | { kind: 'unlink-signal'; signalId: string; label: string }
  | { kind: 'unlink-note'; noteId: string; label: string }
  | { kind: 'mark-none' };

export function OriginSection({
  origin,
  issueKey,
  canEdit,
  pending,
  unlinked,
  onChange,
  onUndo,
  onDismissUndo,
  onLinked,
}: {
  origin: Origin;
  issueKey: string;
  canEdit: boolean;
  pending: string | null;
  /** The last unlink, while it can still be undone. */
  unlinked: UnlinkedOrigin | null;
  onChange: (change: OriginChange) => Promise<boolean>;
  onUndo: () => void;
  onDismissUndo: () => void;
  onLinked: (origin: Origin, what: string) => void;
}) {
  const [linking, setLinking] = useState(false);
  const busy = pending !== null;
  const hasLinks = origin.signals.length > 0 || origin.discoveryNote !== null;

  return (
    <section className="up-section" aria-labelledby="panel-origin-heading" data-testid="panel-origin">
      <h3 id="panel-origin-heading">Origin</h3>
      {unlinked && canEdit && (
        <UndoUnlink unlinked={unlinked} undoing={pending === 'undo-unlink'} disabled={busy} onUndo={onUndo} onDismiss={onDismissUndo} />
      )}
      {origin.kind === 'unknown' && !hasLinks && (
        <p className="up-p up-muted">
          Nobody has recorded where this came from yet.
          {canEdit ? ' Link the signal or discovery note behind it, or mark that it has none.' : ''}
        </p>
      )}
      {origin.kind === 'none' && (
        <p className="up-p" data-testid="panel-origin-none">
          No origin: {origin.linkedBy ? `${origin.linkedBy.displayName} said` : 'someone said'} this issue did not come from a
          signal or a discovery note{origin.linkedAt ? `, ${timeAgo(origin.linkedAt)}` : ''}.
        </p>
      )}
      {hasLinks && (
        <>
          {origin.customers.length > 0 && (
            <p className="up-p up-muted" style={{ marginBottom: 8 }} data-testid="panel-origin-summary">
              {plural(origin.customers.length, 'customer')} · {formatMoney(origin.arr)} ARR
            </p>
          )}
          <ul className="up-trail" aria-label="Origin trail">
            {origin.signals.map((signal) => (
              <OriginSignalItem
                key={signal.id}
                signal={signal}
                busy={busy}
                unlinking={pending === `unlink:${signal.id}`}
                onUnlink={
                  canEdit ? () => void onChange({ kind: 'unlink-signal', signalId: signal.id, label: `${signal.customer}'s signal` }) : null
                }
              />
            ))}
            {origin.discoveryNote && (
              <OriginNoteItem
                note={origin.discoveryNote}
                busy={busy}
                unlinking={pending === 'unlink:note'}
                onUnlink={
                  canEdit
                    ? () =>
                        void onChange({
                          kind: 'unlink-note',
                          noteId: origin.discoveryNote!.id,
                          label: `the discovery note “${origin.discoveryNote!.title}”`,
                        })
                    : null
                }
              />
            )}
          </ul>
        </>
      )}
      {origin.missing.length > 0 && (
        <p className="up-p up-subtlest" role="note" data-testid="panel-origin-missing">
          {plural(origin.missing.length, 'linked record')} no longer {origin.missing.length === 1 ? 'exists' : 'exist'} (
          {origin.missing.join(', ')}); it may have been deleted.
        </p>
      )}
      {canEdit && !linking && (
        <div className="up-row" style={{ marginTop: 8 }}>
          <Button onClick={() => setLinking(true)} isDisabled={busy} testId="panel-link-origin">
            {hasLinks ? 'Link another' : 'Link a signal or note'}
          </Button>
          {origin.kind === 'unknown' && !hasLinks && (
            <Button
              appearance="subtle"
              onClick={() => void onChange({ kind: 'mark-none' })}
              isDisabled={busy}
              isLoading={pending === 'mark-none'}
              testId="panel-mark-no-origin"
            >
              It has no origin
            </Button>
          )}
        </div>
      )}
      {linking && (
        <div style={{ marginTop: 8 }}>
          <Suspense fallback={<Loading what="the search" />}>
            <OriginLinker issueKey={issueKey} onLinked={onLinked} onClose={() => setLinking(false)} />
          </Suspense>
        </div>
      )}
    </section>
  );
}

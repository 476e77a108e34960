import { Suspense, lazy, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Loading } from '../ui/Loading';
import { formatDate, formatMoney, plural, timeAgo } from '../ui/format';
import { openTriage } from '../panel/navigation';
import type { Origin } from '../panel/types';

// The search over signals and notes is loaded when someone links an origin, not on every visit.
const OriginLinker = lazy(() => import('./OriginLinker'));

const INPUT_KINDS: Record<string, string> = {
  constraint: 'Constraint',
  question: 'Question',
  risk: 'Risk',
  'technical-shape': 'Technical shape',
};
const kindLabel = (kind: string): string => INPUT_KINDS[kind] ?? kind.replace(/-/g, ' ');

/** A quote or a problem in brief: the panel is narrow, and the full text lives on the record's page. */
const brief = (text: string, max = 220): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

export type OriginChange =
  | { kind: 'unlink-signal'; signalId: string; label: string }
  | { kind: 'unlink-note'; label: string }
  | { kind: 'mark-none' };

/** Under each linked record: open it in triage, and (for people who may edit the issue) unlink it. */
function OriginItemActions(props: {
  openLabel: string;
  unlinkLabel: string;
  onOpen: () => void;
  /** null when the person may not edit the issue. */
  onUnlink: (() => void) | null;
  busy: boolean;
  unlinking: boolean;
}) {
  return (
    <div className="up-row">
      <button type="button" className="up-link" onClick={props.onOpen} aria-label={props.openLabel}>
        Open in triage
      </button>
      {props.onUnlink && (
        <Button
          appearance="subtle"
          spacing="compact"
          isDisabled={props.busy}
          isLoading={props.unlinking}
          aria-label={props.unlinkLabel}
          onClick={props.onUnlink}
        >
          Unlink
        </Button>
      )}
    </div>
  );
}

export function OriginSection({
  origin,
  issueKey,
  projectKey,
  canEdit,
  pending,
  onChange,
  onLinked,
}: {
  origin: Origin;
  issueKey: string;
  projectKey: string;
  canEdit: boolean;
  pending: string | null;
  onChange: (change: OriginChange) => Promise<boolean>;
  onLinked: (origin: Origin, what: string) => void;
}) {
  const [linking, setLinking] = useState(false);
  const busy = pending !== null;
  const hasLinks = origin.signals.length > 0 || origin.discoveryNote !== null;

  return (
    <section className="up-section" aria-labelledby="panel-origin-heading" data-testid="panel-origin">
      <h3 id="panel-origin-heading">Origin</h3>
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
              <li key={signal.id} data-testid="panel-origin-signal">
                <div className="up-head">
                  <span className="up-title">{signal.customer}</span>
                  {signal.arr !== null && <span className="up-money">{formatMoney(signal.arr)} ARR</span>}
                  <span className="up-subtlest">
                    Signal · {formatDate(signal.receivedAt)} · via {signal.source} · raised by {signal.raisedBy}
                  </span>
                </div>
                <blockquote title={signal.quote}>{brief(signal.quote)}</blockquote>
                <OriginItemActions
                  openLabel={`Open ${signal.customer}'s signal in ${projectKey} triage`}
                  unlinkLabel={`Unlink ${signal.customer}'s signal`}
                  onOpen={() => openTriage(projectKey)}
                  onUnlink={canEdit ? () => void onChange({ kind: 'unlink-signal', signalId: signal.id, label: `${signal.customer}'s signal` }) : null}
                  busy={busy}
                  unlinking={pending === `unlink:${signal.id}`}
                />
              </li>
            ))}
            {origin.discoveryNote && (
              <li data-testid="panel-origin-note">
                <div className="up-head">
                  <span className="up-title">{origin.discoveryNote.title}</span>
                  <span className="up-subtlest">Discovery note · {origin.discoveryNote.status}</span>
                </div>
                <p className="up-p">{brief(origin.discoveryNote.problem)}</p>
                {origin.discoveryNote.engineeringInput.length > 0 ? (
                  <ul className="up-input" aria-label="Engineering input">
                    {origin.discoveryNote.engineeringInput.map((input, index) => (
                      <li key={index}>
                        <span className="up-kind">{kindLabel(input.kind)}</span> {brief(input.text, 160)}{' '}
                        <span className="up-subtlest">— {input.author}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="up-p up-subtlest">No engineering input yet.</p>
                )}
                <OriginItemActions
                  openLabel={`Open the discovery note “${origin.discoveryNote.title}” in ${projectKey} triage`}
                  unlinkLabel="Unlink the discovery note"
                  onOpen={() => openTriage(projectKey)}
                  onUnlink={canEdit ? () => void onChange({ kind: 'unlink-note', label: 'the discovery note' }) : null}
                  busy={busy}
                  unlinking={pending === 'unlink:note'}
                />
              </li>
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

import { useId, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { formatDate, formatMoney } from '../ui/format';
import type { Origin } from '../panel/types';

type Signal = Origin['signals'][number];
type DiscoveryNote = NonNullable<Origin['discoveryNote']>;

const INPUT_KINDS: Record<string, string> = {
  constraint: 'Constraint',
  question: 'Question',
  risk: 'Risk',
  'technical-shape': 'Technical shape',
};
const kindLabel = (kind: string): string => INPUT_KINDS[kind] ?? kind.replace(/-/g, ' ');

/** A quote or a problem in brief: the panel is narrow, and "Details" shows the whole of it. */
const brief = (text: string, max = 220): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/**
 * Under each linked record: its details, opened in place (signals and notes have no page of their own yet, so
 * there is nowhere better to send anyone), and, for people who may edit the issue, Unlink.
 */
function ItemActions(props: {
  what: string;
  detailsId: string;
  open: boolean;
  onToggle: () => void;
  /** null when the person may not edit the issue. */
  onUnlink: (() => void) | null;
  busy: boolean;
  unlinking: boolean;
}) {
  return (
    <div className="up-row">
      <button
        type="button"
        className="up-link"
        aria-expanded={props.open}
        aria-controls={props.detailsId}
        aria-label={`${props.open ? 'Hide' : 'Show'} details of ${props.what}`}
        onClick={props.onToggle}
      >
        {props.open ? 'Hide details' : 'Details'}
      </button>
      {props.onUnlink && (
        <Button
          appearance="subtle"
          spacing="compact"
          isDisabled={props.busy}
          isLoading={props.unlinking}
          aria-label={`Unlink ${props.what}`}
          onClick={props.onUnlink}
        >
          Unlink
        </Button>
      )}
    </div>
  );
}

function Details({ id, testId, children }: { id: string; testId: string; children: ReactNode }) {
  return (
    <dl className="up-details" id={id} data-testid={testId}>
      {children}
    </dl>
  );
}

export function OriginSignalItem({
  signal,
  onUnlink,
  busy,
  unlinking,
}: {
  signal: Signal;
  onUnlink: (() => void) | null;
  busy: boolean;
  unlinking: boolean;
}) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const what = `${signal.customer}'s signal`;
  return (
    <li data-testid="panel-origin-signal">
      <div className="up-head">
        <span className="up-title">{signal.customer}</span>
        {signal.arr !== null && <span className="up-money">{formatMoney(signal.arr)} ARR</span>}
        <span className="up-subtlest">
          Signal · {formatDate(signal.receivedAt)} · via {signal.source} · raised by {signal.raisedBy}
        </span>
      </div>
      {!open && <blockquote>{brief(signal.quote)}</blockquote>}
      {open && (
        <Details id={detailsId} testId="panel-origin-signal-details">
          <dt>In their words</dt>
          <dd>
            <blockquote>{signal.quote}</blockquote>
          </dd>
          <dt>What became of it</dt>
          <dd>{signal.state}</dd>
          <dt>Received</dt>
          <dd>
            {formatDate(signal.receivedAt)}, via {signal.source}, raised by {signal.raisedBy}
          </dd>
          <dt>Customer</dt>
          <dd>
            {signal.customer}
            {signal.arr !== null ? `, ${formatMoney(signal.arr)} ARR` : ', ARR not known'}
          </dd>
        </Details>
      )}
      <ItemActions what={what} detailsId={detailsId} open={open} onToggle={() => setOpen((o) => !o)} onUnlink={onUnlink} busy={busy} unlinking={unlinking} />
    </li>
  );
}

export function OriginNoteItem({
  note,
  onUnlink,
  busy,
  unlinking,
}: {
  note: DiscoveryNote;
  onUnlink: (() => void) | null;
  busy: boolean;
  unlinking: boolean;
}) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <li data-testid="panel-origin-note">
      <div className="up-head">
        <span className="up-title">{note.title}</span>
        <span className="up-subtlest">Discovery note · {note.status}</span>
      </div>
      {open ? (
        <Details id={detailsId} testId="panel-origin-note-details">
          <dt>The problem</dt>
          <dd>{note.problem}</dd>
          <dt>Status</dt>
          <dd>{note.status}</dd>
        </Details>
      ) : (
        <p className="up-p">{brief(note.problem)}</p>
      )}
      {note.engineeringInput.length > 0 ? (
        <ul className="up-input" aria-label="Engineering input">
          {note.engineeringInput.map((input, index) => (
            <li key={index}>
              <span className="up-kind">{kindLabel(input.kind)}</span> {open ? input.text : brief(input.text, 160)}{' '}
              <span className="up-subtlest">— {input.author}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="up-p up-subtlest">No engineering input yet.</p>
      )}
      <ItemActions
        what="the discovery note"
        detailsId={detailsId}
        open={open}
        onToggle={() => setOpen((o) => !o)}
        onUnlink={onUnlink}
        busy={busy}
        unlinking={unlinking}
      />
    </li>
  );
}

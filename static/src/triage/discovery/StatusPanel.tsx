import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import type { DiscoveryNoteView } from '../../../../src/contract';
import type { DiscoveryNoteStatus } from '../../../../src/domain/discovery';
import type { ResolverCallError } from '../../api';
import { When } from '../../ui/When';
import { ChangeRefusal } from './ChangeRefusal';
import type { NoteState } from './use-note';
import { STATUS_APPEARANCE, isNoteStatus, moveWords, statusWords } from './words';

/** Before ready: the rule applies to the next move, so what holds it back is shown before anyone clicks. */
const beforeReady = (status: string): boolean => status === 'exploring' || status === 'shaped';

/** A lead's reason for marking ready without what the rule asks; it stays on the note for everyone to read. */
function WaiverDialog({ view, note, onClose }: { view: DiscoveryNoteView; note: NoteState; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<ResolverCallError | null>(null);
  const fieldId = useId();
  const submit = async () => {
    const refused = await note.change('discovery.setStatus', { version: view.note.version, status: 'ready', waiverReason: reason });
    if (refused) setRefusal(refused);
    else onClose();
  };
  return (
    <Modal onClose={onClose} width="medium" testId="discovery-waiver-dialog" label="Waive the ready rule">
      <ModalHeader>
        <ModalTitle>Mark ready without it</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <p className="dn-dialog-text">
          “{view.note.title}” is not ready by the rule: {view.ready.reasons.map((r) => r.message).join(' ')} Say why it is ready anyway. Your reason and your name stay on the note, for
          everyone who reads it.
        </p>
        <label htmlFor={fieldId} className="dn-label">
          Why it is ready anyway
        </label>
        <textarea
          id={fieldId}
          className="dn-textarea"
          rows={4}
          value={reason}
          autoFocus
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void submit();
            }
          }}
          aria-invalid={refusal?.code === 'invalid-input' || undefined}
          data-testid="discovery-waiver-reason"
        />
        <ChangeRefusal error={refusal} field="waiverReason" testId="discovery-waiver-refusal" />
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
        <Button appearance="warning" onClick={() => void submit()} isLoading={note.pending === 'discovery.setStatus'} testId="discovery-waiver-confirm">
          Waive and mark ready
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/**
 * The note's status, what holds it back from ready (in words, before anyone clicks), a waiver when one was
 * given, and the moves a product lead may make from here. "Mark ready" is disabled while the rule does not hold,
 * with the reason beside it; a lead may waive the rule with a reason instead.
 */
export function StatusPanel({ view, note, projectKey }: { view: DiscoveryNoteView; note: NoteState; projectKey: string }) {
  const [waiving, setWaiving] = useState(false);
  const [refusal, setRefusal] = useState<ResolverCallError | null>(null);
  const { status } = view.note;
  const { ready } = view;
  const blocked = !ready.ok;
  const move = async (to: DiscoveryNoteStatus) => setRefusal(await note.change('discovery.setStatus', { version: view.note.version, status: to }));
  return (
    <section className="dn-status" aria-label="Status" data-testid="discovery-status-panel">
      <div className="dn-status-line">
        <span className="dn-label">Status</span>
        <Lozenge appearance={isNoteStatus(status) ? STATUS_APPEARANCE[status] : 'default'} isBold testId="discovery-note-status">
          {statusWords(status)}
        </Lozenge>
      </div>
      {beforeReady(status) &&
        (blocked ? (
          <div className="dn-blocked" data-testid="discovery-blocked">
            <strong>Blocked from ready:</strong>
            <ul>
              {ready.reasons.map((r) => (
                <li key={r.reason}>{r.message}</li>
              ))}
            </ul>
          </div>
        ) : (
          !ready.waived && (
            <p className="dn-ready-ok" data-testid="discovery-ready-ok">
              Ready by the rule: an engineer has added input and no engineering question is open.
            </p>
          )
        ))}
      {view.note.waiver && (
        <div className="dn-waiver" data-testid="discovery-waiver">
          <strong>Ready rule waived</strong> by {view.note.waiver.by.displayName}, <When iso={view.note.waiver.at} />:
          <blockquote className="dn-waiver-reason">{view.note.waiver.reason}</blockquote>
          {ready.waived && ready.reasons.length > 0 && <span className="dn-meta">Without the waiver: {ready.reasons.map((r) => r.message).join(' ')}</span>}
        </div>
      )}
      {view.can.edit ? (
        <div className="dn-moves" role="group" aria-label="Move the note">
          {view.nextStatuses.map((to) => {
            const toReady = to === 'ready' && beforeReady(status);
            const disabled = toReady && blocked;
            return (
              <Button
                key={to}
                appearance={toReady ? 'primary' : 'default'}
                spacing="compact"
                isDisabled={disabled || note.pending !== null}
                isLoading={note.pending === 'discovery.setStatus' && !waiving}
                onClick={() => void move(to)}
                aria-describedby={disabled ? 'discovery-ready-why' : undefined}
                testId={`discovery-move-${to}`}
              >
                {moveWords(status, to)}
              </Button>
            );
          })}
          {blocked && view.nextStatuses.includes('ready') && beforeReady(status) && view.can.waive && (
            <Button appearance="subtle" spacing="compact" onClick={() => setWaiving(true)} testId="discovery-waive">
              Waive the rule…
            </Button>
          )}
          {blocked && view.nextStatuses.includes('ready') && beforeReady(status) && (
            <p id="discovery-ready-why" className="dn-meta" data-testid="discovery-ready-why">
              Mark ready is unavailable until {ready.reasons.length === 1 ? 'this is' : 'these are'} settled{view.can.waive ? ', or you waive the rule with a reason' : ''}.
            </p>
          )}
          {blocked && status === 'exploring' && (
            <p className="dn-meta">Shape the note first; ready comes after shaped.</p>
          )}
        </div>
      ) : (
        <p className="dn-meta" data-testid="discovery-read-only">
          Only project admins of {projectKey} (such as its product lead) move notes. You can add engineering input below.
        </p>
      )}
      <ChangeRefusal error={refusal} field="status" testId="discovery-status-refusal" />
      {waiving && <WaiverDialog view={view} note={note} onClose={() => setWaiving(false)} />}
    </section>
  );
}

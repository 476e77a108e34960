import { useId, useState, type FormEvent } from 'react';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import Button from '@atlaskit/button/new';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { FieldMessage } from '../../sprint-shape/FieldMessage';
import { ChangeRefusal } from './ChangeRefusal';

type Field = 'title' | 'problem' | 'desiredOutcome';

/**
 * "New note": a title, the problem, and optionally the desired outcome. The resolver checks every field; its
 * message for each lands under that field, and the draft stays as typed on any refusal.
 */
export function NewNoteDialog({ projectKey, onClose, onCreated }: { projectKey: string; onClose: () => void; onCreated: (noteId: string) => void }) {
  const [draft, setDraft] = useState<Record<Field, string>>({ title: '', problem: '', desiredOutcome: '' });
  const [refusal, setRefusal] = useState<ResolverCallError | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { title: useId(), problem: useId(), desiredOutcome: useId() };
  const problemOf = (field: Field): string | undefined => (refusal?.code === 'invalid-input' ? refusal.fields?.[field] : undefined);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      const view = await callResolver('discovery.create', {
        projectKey,
        title: draft.title,
        problem: draft.problem,
        ...(draft.desiredOutcome.trim() ? { desiredOutcome: draft.desiredOutcome } : {}),
      });
      onCreated(view.note.id);
    } catch (cause: unknown) {
      setRefusal(asResolverCallError(cause));
    } finally {
      setSaving(false);
    }
  };
  const set = (field: Field) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: event.target.value }));
  const fieldFailed = refusal?.code === 'invalid-input' && refusal.fields && Object.keys(refusal.fields).some((f) => f in draft);

  return (
    <Modal onClose={onClose} width="medium" testId="discovery-new-dialog" label="New discovery note">
      <form
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit();
          }
        }}
      >
        <ModalHeader>
          <ModalTitle>New discovery note</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <p className="dn-dialog-text">Start with the problem, in the customer’s terms — not the solution. Engineers add their input on the note while it is still being shaped.</p>
          <label htmlFor={ids.title} className="dn-label">
            Title
          </label>
          <input id={ids.title} className="dn-input" value={draft.title} onChange={set('title')} autoFocus aria-describedby={`${ids.title}-msg`} aria-invalid={Boolean(problemOf('title')) || undefined} data-testid="discovery-new-title" />
          <FieldMessage id={`${ids.title}-msg`} error={problemOf('title')} />
          <label htmlFor={ids.problem} className="dn-label">
            The problem
          </label>
          <textarea id={ids.problem} className="dn-textarea" rows={4} value={draft.problem} onChange={set('problem')} aria-describedby={`${ids.problem}-msg`} aria-invalid={Boolean(problemOf('problem')) || undefined} data-testid="discovery-new-problem" />
          <FieldMessage id={`${ids.problem}-msg`} error={problemOf('problem')} hint="Who has it, and what it costs them." />
          <label htmlFor={ids.desiredOutcome} className="dn-label">
            Desired outcome (optional)
          </label>
          <textarea id={ids.desiredOutcome} className="dn-textarea" rows={2} value={draft.desiredOutcome} onChange={set('desiredOutcome')} aria-describedby={`${ids.desiredOutcome}-msg`} aria-invalid={Boolean(problemOf('desiredOutcome')) || undefined} data-testid="discovery-new-outcome" />
          <FieldMessage id={`${ids.desiredOutcome}-msg`} error={problemOf('desiredOutcome')} />
          {refusal && !fieldFailed && <ChangeRefusal error={refusal} testId="discovery-new-refusal" />}
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" appearance="primary" isLoading={saving} testId="discovery-new-create">
            Start note
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}

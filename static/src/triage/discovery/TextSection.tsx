import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import Button from '@atlaskit/button/new';
import type { ResolverCallError } from '../../api';
import { ChangeRefusal } from './ChangeRefusal';

export interface TextSectionProps {
  title: string;
  /** The text as the note has it (null: not written yet). */
  value: string | null;
  /** What an empty section says, and what to write. */
  emptyText: string;
  canEdit: boolean;
  /** Whether the text may be emptied (the problem may not). */
  required?: boolean;
  /** Saves the text; answers the refusal, or null when saved. */
  onSave: (text: string) => Promise<ResolverCallError | null>;
  /** The resolver's field name for this text, for its own message (`changes.problem`). */
  field: string;
  testId: string;
  multiline?: boolean;
}

/**
 * A part of the note that a product lead edits in place: Edit, then Save (Ctrl+Enter) or Cancel (Esc). While
 * editing, the text is the person's own: a reload after someone else saved first does not replace it.
 */
export function TextSection({ title, value, emptyText, canEdit, required, onSave, field, testId, multiline = true }: TextSectionProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<ResolverCallError | null>(null);
  const fieldRef = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const editing = draft !== null;

  useEffect(() => {
    if (editing) fieldRef.current?.focus();
  }, [editing]);

  const stop = () => {
    setDraft(null);
    setRefusal(null);
    requestAnimationFrame(() => editRef.current?.focus());
  };
  const save = async () => {
    if (draft === null || saving) return;
    setSaving(true);
    const refused = await onSave(draft);
    setSaving(false);
    if (refused) setRefusal(refused);
    else stop();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      stop();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey || !multiline)) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <section className="dn-section" aria-labelledby={headingId} data-testid={testId}>
      <div className="dn-section-head">
        <h3 id={headingId} className="dn-h3">
          {title}
        </h3>
        {canEdit && !editing && (
          <Button ref={editRef} spacing="compact" appearance="subtle" onClick={() => setDraft(value ?? '')} testId={`${testId}-edit`}>
            Edit
          </Button>
        )}
      </div>
      {editing ? (
        <div className="dn-edit">
          {multiline ? (
            <textarea
              ref={fieldRef}
              className="dn-textarea"
              aria-labelledby={headingId}
              value={draft}
              rows={5}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
              aria-invalid={refusal?.code === 'invalid-input' || undefined}
              data-testid={`${testId}-field`}
            />
          ) : (
            <input
              ref={fieldRef}
              className="dn-input"
              aria-labelledby={headingId}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
              aria-invalid={refusal?.code === 'invalid-input' || undefined}
              data-testid={`${testId}-field`}
            />
          )}
          <ChangeRefusal error={refusal} field={field} testId={`${testId}-refusal`} />
          <div className="dn-buttons">
            <Button appearance="primary" spacing="compact" onClick={() => void save()} isLoading={saving} testId={`${testId}-save`}>
              Save
            </Button>
            <Button appearance="subtle" spacing="compact" onClick={stop}>
              Cancel
            </Button>
            <span className="dn-hint">
              {multiline ? 'Ctrl+Enter saves, Esc cancels' : 'Enter saves, Esc cancels'}
              {required ? '' : '; empty clears it'}
            </span>
          </div>
        </div>
      ) : value ? (
        <p className="dn-text" data-testid={`${testId}-text`}>
          {value}
        </p>
      ) : (
        <p className="dn-empty-text">{emptyText}</p>
      )}
    </section>
  );
}

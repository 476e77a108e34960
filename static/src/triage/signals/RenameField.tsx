import { useEffect, useId, useRef, useState } from 'react';

const MAX_TITLE = 255;

/** Why a title cannot be saved, said before anything is sent (the contract's own limits). */
export function titleProblem(title: string): string | null {
  const trimmed = title.trim();
  if (trimmed.length === 0) return 'A cluster needs a title.';
  if (trimmed.length > MAX_TITLE) return `A title is at most ${MAX_TITLE} characters (this one has ${trimmed.length}).`;
  return null;
}

/**
 * A cluster's title, edited in place: Enter saves, Escape cancels. A refused save keeps what the person typed,
 * with the reason under it.
 */
export function RenameField({ initial, onSave, onCancel }: { initial: string; onSave: (title: string) => Promise<string | null>; onCancel: () => void }) {
  const [title, setTitle] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const save = async () => {
    const local = titleProblem(title);
    if (local) return setProblem(local);
    if (title.trim() === initial) return onCancel();
    setSaving(true);
    const refused = await onSave(title.trim());
    setSaving(false);
    setProblem(refused);
    if (refused) input.current?.focus();
  };

  return (
    <span className="si-rename" onClick={(event) => event.stopPropagation()}>
      <input
        ref={input}
        type="text"
        value={title}
        aria-label="Cluster title"
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        disabled={saving}
        data-testid="inbox-rename-input"
        onChange={(event) => setTitle(event.currentTarget.value)}
        onKeyDown={(event) => {
          // The Inbox's own keys must not see typing here.
          event.stopPropagation();
          if (event.key === 'Enter') {
            event.preventDefault();
            void save();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          }
        }}
      />
      <button type="button" className="si-inline-button" disabled={saving} onClick={() => void save()}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="si-inline-button" disabled={saving} onClick={onCancel}>
        Cancel
      </button>
      {problem && (
        <span className="si-field-error" id={errorId} role="alert" data-testid="inbox-rename-error">
          {problem}
        </span>
      )}
    </span>
  );
}

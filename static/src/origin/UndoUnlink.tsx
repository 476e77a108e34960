import { useEffect, useRef } from 'react';
import Button from '@atlaskit/button/new';

/** What was unlinked, and how to link it again. */
export interface UnlinkedOrigin {
  /** "Harbor & Pine Logistics's signal", "the discovery note". */
  label: string;
  relink: { signalId: string } | { discoveryNoteId: string };
}

/**
 * Unlinking takes effect at once; this puts it back. It takes the focus when it appears, because the Unlink
 * button that was pressed has gone with its record, and stays until the next change to the origin or until
 * it is dismissed.
 */
export function UndoUnlink({
  unlinked,
  undoing,
  disabled,
  onUndo,
  onDismiss,
}: {
  unlinked: UnlinkedOrigin;
  undoing: boolean;
  disabled: boolean;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    undoRef.current?.focus();
  }, [unlinked]);
  return (
    // Not a live region: the panel's announcer says "Unlinked …", and the focus lands on Undo.
    <div className="up-undo" data-testid="panel-origin-undo">
      <span>Unlinked {unlinked.label}.</span>
      <span className="up-row">
        <Button
          ref={undoRef}
          spacing="compact"
          onClick={onUndo}
          isLoading={undoing}
          isDisabled={disabled}
          aria-label={`Undo: link ${unlinked.label} again`}
          testId="panel-origin-undo-button"
        >
          Undo
        </Button>
        <Button spacing="compact" appearance="subtle" onClick={onDismiss} isDisabled={undoing} aria-label={`Dismiss: unlinked ${unlinked.label}`}>
          Dismiss
        </Button>
      </span>
    </div>
  );
}

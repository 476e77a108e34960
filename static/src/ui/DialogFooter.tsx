/**
 * The footer every form dialog ends with: Cancel, then the one button that submits the form (the dialog's
 * `<form>` must enclose the footer, so Enter and the button both submit through its `onSubmit`), showing that it
 * is sending. What went wrong is said in the dialog's body, beside what the person typed, not here.
 */
import { ModalFooter } from '@atlaskit/modal-dialog';
import Button from '@atlaskit/button/new';

export interface DialogFooterProps {
  onCancel: () => void;
  /** "Share signal", "Route to Quick fix" … */
  submitLabel: string;
  submitting: boolean;
  submitTestId: string;
}

export function DialogFooter({ onCancel, submitLabel, submitting, submitTestId }: DialogFooterProps) {
  return (
    <ModalFooter>
      <Button appearance="subtle" onClick={onCancel}>
        Cancel
      </Button>
      <Button appearance="primary" type="submit" isLoading={submitting} testId={submitTestId}>
        {submitLabel}
      </Button>
    </ModalFooter>
  );
}

import { useState, type FormEvent, type KeyboardEvent } from 'react';
import Button from '@atlaskit/button/new';
import type { WorkType } from '../../../src/domain/work-type';
import { WorkTypeRadios, type WorkTypeChoiceValue } from '../ui/WorkTypeRadios';

/** Loaded only when someone chooses "Change": the radios and their save. Enter saves, Escape cancels. */
export default function WorkTypeChanger({
  current,
  suggested,
  saving,
  onSave,
  onCancel,
}: {
  current: WorkType | null;
  suggested: WorkType | null;
  saving: boolean;
  onSave: (value: WorkType | null) => void;
  onCancel: () => void;
}) {
  const [choice, setChoice] = useState<WorkTypeChoiceValue>(current ?? '');
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    onSave(choice === '' ? null : choice);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'radio') {
      submit(event);
    }
  };
  const unchanged = choice === (current ?? '');
  return (
    <form className="up-box" onSubmit={submit} onKeyDown={onKeyDown} data-testid="panel-work-type-change">
      <WorkTypeRadios value={choice} onChange={setChoice} legend="Choose the work type" suggested={suggested} disabled={saving} autoFocus />
      <div className="up-row">
        <Button appearance="primary" type="submit" isLoading={saving} isDisabled={unchanged}>
          Save work type
        </Button>
        <Button onClick={onCancel} isDisabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

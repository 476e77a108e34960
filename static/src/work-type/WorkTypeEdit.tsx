import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { view } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import type { SurfaceProps } from '../surface';
import { callResolver } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { WorkTypeLozenge } from '../ui/WorkTypeLozenge';

/** '' is "no work type": the issue is not triaged. */
type Choice = WorkType | '';
interface ChoiceOption {
  value: Choice;
  label: string;
}

// Names only, one line each: the field's edit sits in Jira's narrow details column. The panel explains the types.
const OPTIONS: ChoiceOption[] = [
  ...WORK_TYPES.map((type) => ({ value: type as Choice, label: type })),
  { value: '', label: 'None (not triaged)' },
];
const optionFor = (value: Choice): ChoiceOption => OPTIONS.find((option) => option.value === value) ?? OPTIONS[OPTIONS.length - 1]!;

const NEXT_STEP_FOR_ACCESS = 'Ask a project admin for the Edit issues permission if you need to change it.';

// Closing is Jira's to do; if the bridge refuses, the frame simply stays open with nothing lost.
const cancel = () => void view.close().catch((error: unknown) => console.warn('Upstream: could not close the edit', error));

type Failure = 'forbidden' | 'not-saved';

/**
 * The field's inline edit: a compact select with the three work types and "None". Jira checks the value with
 * the manifest's validation and saves it when the frame calls `view.submit`, so the choice never goes through
 * a resolver. Choosing an option saves it; arrow keys move through the options, Enter saves, Esc cancels.
 */
function Editor({ issueKey, initial }: { issueKey: string; initial: WorkType | null }) {
  const [choice, setChoice] = useState<Choice>(initial ?? '');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const save = async (value: Choice) => {
    if (saving) return;
    setSaving(true);
    setFailure(null);
    try {
      await view.submit(value === '' ? null : value);
    } catch (error: unknown) {
      console.error('Upstream: saving the work type failed', error);
      // Jira's refusal does not say why. Asking whether this person may edit the issue tells a refusal for
      // access (which trying again will not fix) from one that may pass on a second try.
      const canEdit = await callResolver('workType.get', { issueKey }).then(
        (answer) => answer.canEdit,
        () => undefined,
      );
      // The choice stays as the person left it, so trying again is one keystroke.
      setFailure(canEdit === false ? 'forbidden' : 'not-saved');
      setSaving(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(choice);
  };
  const onChange = (option: ChoiceOption | null) => {
    if (!option) return;
    setChoice(option.value);
    // Picking an option is the decision, as in Jira's own select fields: it saves at once.
    void save(option.value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // The select has seen the key first: with its menu open it only closes the menu on Esc, and takes Enter to
    // pick the highlighted option (which saves, above). Here Esc leaves the edit whatever the menu was doing,
    // and Enter on the closed select saves what it shows.
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    } else if (event.key === 'Enter' && !event.defaultPrevented && (event.target as HTMLElement).id === 'work-type-select') {
      event.preventDefault();
      void save(choice);
    }
  };

  return (
    <form onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label="Edit work type" data-testid="work-type-edit">
      <Stack space="space.100">
        {/* Jira shows the field's name beside the inline editor; the select's label is for screen readers. */}
        <Select<ChoiceOption>
          inputId="work-type-select"
          aria-label="Work type"
          options={OPTIONS}
          value={optionFor(choice)}
          onChange={onChange}
          isSearchable={false}
          isDisabled={saving}
          isLoading={saving}
          spacing="compact"
          autoFocus
          openMenuOnFocus
          testId="work-type-select"
        />
        {failure === 'forbidden' && (
          <Stack space="space.050" testId="work-type-edit-forbidden">
            <Text color="color.text.danger" weight="medium" role="alert">
              You don't have permission to edit this issue
            </Text>
            <Text size="small" color="color.text.subtle">
              The work type was not changed. {NEXT_STEP_FOR_ACCESS}
            </Text>
          </Stack>
        )}
        {failure === 'not-saved' && (
          <Text color="color.text.danger" role="alert" testId="work-type-edit-failed">
            Jira did not save the work type. Try again; if it keeps failing, reload the issue.
          </Text>
        )}
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Button appearance="primary" type="submit" spacing="compact" isLoading={saving} isDisabled={failure === 'forbidden'}>
            Save
          </Button>
          <Button spacing="compact" onClick={cancel} isDisabled={saving}>
            {failure === 'forbidden' ? 'Close' : 'Cancel'}
          </Button>
          <Text size="small" color="color.text.subtlest">
            ↑↓ choose · Enter saves · Esc cancels
          </Text>
        </Inline>
      </Stack>
    </form>
  );
}

/** For someone who may browse the issue but not edit it: the value and why there is nothing to change it with. */
function ReadOnly({ issueKey, value }: { issueKey: string; value: WorkType | null }) {
  return (
    <Stack space="space.100" testId="work-type-edit-read-only">
      <div>
        <WorkTypeLozenge value={value} />
      </div>
      <Text as="p" size="small" color="color.text.subtle">
        You can see {issueKey} but not edit it, so you can't change its work type. {NEXT_STEP_FOR_ACCESS}
      </Text>
      <div onKeyDown={(event) => event.key === 'Escape' && cancel()}>
        <Button spacing="compact" onClick={cancel} autoFocus>
          Close
        </Button>
      </div>
    </Stack>
  );
}

function EditFor({ issueKey }: { issueKey: string }) {
  // Who may edit is asked before a control is offered, so a person who may only browse is told so up front
  // rather than after their choice is refused.
  const answer = useResolver('workType.get', { issueKey });
  return (
    <Resolved result={answer} what="the work type">
      {/* An answer without canEdit (an older backend) offers the control and lets Jira's answer decide. */}
      {(data) => (data.canEdit === false ? <ReadOnly issueKey={issueKey} value={data.value} /> : <Editor issueKey={issueKey} initial={data.value} />)}
    </Resolved>
  );
}

export default function WorkTypeEdit({ context }: SurfaceProps) {
  return (
    <Box padding="space.050">
      {context.issueKey ? (
        <EditFor issueKey={context.issueKey} />
      ) : (
        <Text as="p" color="color.text.subtle">
          Upstream can edit the Work type only on an issue. Close this and open the issue.
        </Text>
      )}
    </Box>
  );
}

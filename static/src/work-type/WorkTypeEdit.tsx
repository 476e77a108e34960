import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { view } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import type { SurfaceProps } from '../main';
import { WorkTypeRadios, type WorkTypeChoiceValue } from '../ui/WorkTypeRadios';

/**
 * The field's inline edit: the three work types and "clear" as a radio group. Jira validates the value with the
 * manifest's expression and saves it when the frame calls `view.submit`, so the choice never goes through a
 * resolver. Keyboard: arrows choose, Enter saves, Escape cancels.
 */
export default function WorkTypeEdit({ context }: SurfaceProps) {
  const [choice, setChoice] = useState<WorkTypeChoiceValue>(context.fieldValue ?? '');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    setSaving(true);
    setFailure(null);
    try {
      await view.submit(choice === '' ? null : choice);
    } catch (error: unknown) {
      console.error('Upstream: saving the work type failed', error);
      // The choice stays as the person left it, so trying again is one keystroke.
      setFailure('Jira did not save the work type. Try again; if it keeps failing, reload the issue.');
      setSaving(false);
    }
  };
  const cancel = () => void view.close().catch(() => undefined);

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'radio') {
      void save(event);
    }
  };

  return (
    <Box padding="space.050">
      <form onSubmit={save} onKeyDown={onKeyDown} aria-label="Edit work type" data-testid="work-type-edit">
        <Stack space="space.100">
          {/* Jira shows the field's name beside the inline editor; the legend is for screen readers only. */}
          <WorkTypeRadios value={choice} onChange={setChoice} legend="Work type" hideLegend disabled={saving} autoFocus />
          {failure && (
            <Text color="color.text.danger" role="alert">
              {failure}
            </Text>
          )}
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Button appearance="primary" type="submit" isLoading={saving}>
              Save
            </Button>
            <Button onClick={cancel} isDisabled={saving}>
              Cancel
            </Button>
            <Text size="small" color="color.text.subtlest">
              Enter saves · Esc cancels
            </Text>
          </Inline>
        </Stack>
      </form>
    </Box>
  );
}

import { useState } from 'react';
import { view } from '@forge/bridge';
import Select from '@atlaskit/select';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import type { SurfaceProps } from '../main';

interface WorkTypeOption {
  label: string;
  value: WorkType | null;
}

const DESCRIPTIONS: Record<WorkType, string> = {
  Innovative: 'Innovative: new value for customers',
  Corrective: 'Corrective: fixes something that is wrong',
  Enabling: 'Enabling: makes future work possible or cheaper',
};
const OPTIONS: WorkTypeOption[] = [
  ...WORK_TYPES.map((type) => ({ label: DESCRIPTIONS[type], value: type })),
  { label: 'Clear (not triaged yet)', value: null },
];

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/**
 * The field's inline edit: Jira validates the value with the manifest's expression and saves it when the
 * frame calls `view.submit`, so the choice never goes through a resolver.
 */
export default function WorkTypeEdit({ context }: SurfaceProps) {
  const [selected, setSelected] = useState<WorkTypeOption | null>(
    OPTIONS.find((option) => option.value === context.fieldValue) ?? null,
  );
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      await view.submit(selected?.value ?? null);
    } catch (error: unknown) {
      console.error('Upstream: saving the work type failed', error);
      setFailure('Jira did not save the work type. Try again; if it keeps failing, reload the issue.');
      setSaving(false);
    }
  };

  return (
    <Box padding="space.050">
      <Stack space="space.100">
        {/* Jira shows the field's name beside the inline editor; the label is for screen readers only. */}
        <label htmlFor="work-type-select" style={VISUALLY_HIDDEN}>
          Work type
        </label>
        <Select<WorkTypeOption>
          inputId="work-type-select"
          options={OPTIONS}
          value={selected}
          onChange={(option) => setSelected(option)}
          placeholder="Choose a work type"
          // The chosen value shows as just its name: the column beside the field name is narrow.
          formatOptionLabel={(option, { context }) => (context === 'value' ? (option.value ?? 'Not triaged') : option.label)}
          autoFocus
        />
        {failure && (
          <Text color="color.text.danger" role="alert">
            {failure}
          </Text>
        )}
        <Inline space="space.100">
          <Button appearance="primary" onClick={save} isLoading={saving}>
            Save
          </Button>
          <Button onClick={() => void view.close().catch(() => undefined)} isDisabled={saving}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}

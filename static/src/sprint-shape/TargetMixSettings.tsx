/**
 * The admin page's section for the site's default target mix: what every new sprint-shape gadget starts from.
 * Anyone may read it; saving is refused by the resolver unless the person is a Jira admin. Checked as it is
 * typed with the contract's schema (one message per field), Save is disabled until the mix is valid and
 * changed, unsaved changes are said, and leaving with them asks first. Mounted in SettingsPage.
 */
import { useMemo, useState } from 'react';
import Heading from '@atlaskit/heading';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../../src/contract';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { formatDate } from '../ui/format';
import { useUnsavedChangesWarning } from '../settings/unsaved-changes';
import { shownProblems, targetAsText, validateTarget, type FieldKey } from './edit-form';
import { TargetMixFields } from './TargetMixFields';

type Saved = ResolverOutput<'settings.targetMix.get'>;

function TargetMixForm({ initial }: { initial: Saved }) {
  const [saved, setSaved] = useState<Saved>(initial);
  const [value, setValue] = useState(targetAsText(initial.target));
  const [touched, setTouched] = useState<ReadonlySet<FieldKey>>(() => new Set());
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [saving, setSaving] = useState(false);
  const checked = useMemo(() => validateTarget(value), [value]);
  const dirty = WORK_TYPES.some((type) => value[type].trim() !== String(saved.target[type]));
  useUnsavedChangesWarning(dirty);

  const save = async (): Promise<void> => {
    if (!checked.target || saving) return;
    setSaving(true);
    setFailure(null);
    try {
      const result = await callResolver('settings.targetMix.save', { target: checked.target });
      setSaved(result);
      setValue(targetAsText(result.target));
      setTouched(new Set());
    } catch (error: unknown) {
      setFailure(asResolverCallError(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack space="space.100">
      <TargetMixFields
        idPrefix="default-target"
        value={value}
        onChange={(next) => {
          setValue(next);
          setFailure(null);
        }}
        onBlur={(type: WorkType) => setTouched((current) => new Set([...current, type]))}
        problems={shownProblems(checked.problems, touched)}
      />
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Button appearance="primary" onClick={() => void save()} isLoading={saving} isDisabled={!checked.target || !dirty || saving} testId="default-target-save">
          Save default target
        </Button>
        <Button onClick={() => setValue(targetAsText(saved.target))} isDisabled={!dirty || saving} testId="default-target-discard">
          Discard changes
        </Button>
        {dirty ? (
          <Text size="small" weight="bold" color="color.text.warning" testId="default-target-dirty">
            Unsaved changes
          </Text>
        ) : (
          <Text size="small" color="color.text.subtle" testId="default-target-status">
            {saved.isDefault ? "Upstream's default; no admin has set one yet." : `Saved ${saved.updatedAt ? formatDate(saved.updatedAt) : ''}.`}
          </Text>
        )}
      </Inline>
      {failure && <LazyErrorMessage error={failure} onRetry={() => void save()} />}
    </Stack>
  );
}

export function TargetMixSettings() {
  const current = useResolver('settings.targetMix.get', {});
  return (
    <Stack space="space.100">
      <Heading size="small" as="h2">
        Default target mix
      </Heading>
      <Text as="p" color="color.text.subtle">
        The mix of work a team aims for; each sprint-shape gadget starts from it and can set its own.
      </Text>
      <Resolved result={current} what="the default target mix">
        {(data) => <TargetMixForm initial={data} />}
      </Resolved>
    </Stack>
  );
}

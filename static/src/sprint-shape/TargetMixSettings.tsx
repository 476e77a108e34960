/**
 * The admin page's section for the site's default target mix: what every new sprint-shape gadget starts from.
 * Anyone may read it; saving is refused by the resolver unless the person is a Jira admin. Mount it in
 * SettingsPage as `<TargetMixSettings />`.
 */
import { useState } from 'react';
import Heading from '@atlaskit/heading';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../../src/contract';
import { WORK_TYPES } from '../../../src/domain/work-type';
import { asResolverCallError, callResolver } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { targetAsText, targetSum, type FormProblems } from './edit-form';
import { TargetMixFields } from './TargetMixFields';
import { targetMixSchema } from '../../../src/contract/sprint-shape';

type Saved = ResolverOutput<'settings.targetMix.get'>;

function TargetMixForm({ initial }: { initial: Saved }) {
  const [value, setValue] = useState(targetAsText(initial.target));
  const [saved, setSaved] = useState<Saved>(initial);
  const [problems, setProblems] = useState<FormProblems>({});
  const [saving, setSaving] = useState(false);

  const save = async (): Promise<void> => {
    const parsed = targetMixSchema.safeParse(Object.fromEntries(WORK_TYPES.map((type) => [type, Number(value[type])])));
    if (!parsed.success || targetSum(value) === null) {
      setProblems({ target: parsed.success ? 'Enter a whole percentage for each type.' : parsed.error.issues[0]?.message });
      return;
    }
    setSaving(true);
    try {
      setSaved(await callResolver('settings.targetMix.save', { target: parsed.data }));
      setProblems({});
    } catch (error: unknown) {
      setProblems({ target: asResolverCallError(error).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack space="space.150">
      <TargetMixFields idPrefix="default-target" value={value} onChange={(next) => { setValue(next); setProblems({}); }} problems={problems} />
      <Inline space="space.100" alignBlock="center">
        <Button appearance="primary" onClick={() => void save()} isLoading={saving}>
          Save default target
        </Button>
        <Text size="small" color="color.text.subtle">
          {saved.isDefault ? "Upstream's default; no admin has set one yet." : `Last changed ${saved.updatedAt ? new Date(saved.updatedAt).toLocaleString() : ''}.`}
        </Text>
      </Inline>
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

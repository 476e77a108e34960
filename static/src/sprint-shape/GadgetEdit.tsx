/**
 * The sprint-shape gadget's edit view: board, sprint, target mix, measure and drift threshold. The form is
 * checked with the contract's schema, then with Jira (the board exists and the user sees it, the sprint is the
 * board's) before `view.submit`; every problem is shown next to its field and nothing is saved.
 */
import { useState } from 'react';
import { view } from '@forge/bridge';
import Select from '@atlaskit/select';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { BoardSummary } from '../../../src/contract';
import type { GadgetConfig, TargetMixDto } from '../../../src/contract/sprint-shape';
import type { Measure } from '../../../src/domain/sprint-shape';
import type { SurfaceProps } from '../main';
import { asResolverCallError, callResolver } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { Loading } from '../ui/Loading';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';
import { DEFAULT_DRIFT_THRESHOLD, readStoredConfig } from './gadget-config';
import { targetAsText, validateForm, type EditForm, type FormProblems } from './edit-form';
import { TargetMixFields } from './TargetMixFields';
import { SprintPicker } from './SprintPicker';
import { Segmented } from './Segmented';
import { useGadgetContext } from './use-gadget-context';

interface BoardOption {
  label: string;
  value: number;
}

const optionFor = (board: BoardSummary): BoardOption => ({
  label: `${board.name} (${board.type}${board.projectKey ? `, ${board.projectKey}` : ''})`,
  value: board.id,
});

type SavedSettings = Omit<Partial<GadgetConfig>, 'boardId'> & { boardId: number | null };

function initialForm(saved: SavedSettings, siteTarget: TargetMixDto): EditForm {
  return {
    boardId: saved.boardId,
    sprint: saved.sprint ?? { kind: 'active' },
    target: targetAsText(saved.target ?? siteTarget),
    measure: saved.measure ?? 'estimate',
    driftThreshold: String(saved.driftThreshold ?? DEFAULT_DRIFT_THRESHOLD),
  };
}

const problem = (text: string | undefined) =>
  text ? (
    <Text size="small" color="color.text.danger">
      {text}
    </Text>
  ) : null;

function ConfigForm({ boards, initial }: { boards: BoardSummary[]; initial: EditForm }) {
  const options = boards.map(optionFor);
  const [form, setForm] = useState<EditForm>(initial);
  const [problems, setProblems] = useState<FormProblems>({});
  const [saving, setSaving] = useState(false);
  const update = (change: Partial<EditForm>): void => {
    setForm((current) => ({ ...current, ...change }));
    setProblems({});
  };

  const save = async (): Promise<void> => {
    const checked = validateForm(form);
    if (!checked.config) {
      setProblems(checked.problems);
      return;
    }
    setSaving(true);
    try {
      await callResolver('sprintShape.checkConfig', { config: checked.config });
    } catch (error: unknown) {
      const failure = asResolverCallError(error);
      const onSprint = failure.code === 'not-found' && checked.config.sprint.kind === 'sprint';
      setProblems(onSprint ? { sprint: failure.message } : failure.code === 'not-found' ? { boardId: failure.message } : { form: failure.message });
      setSaving(false);
      return;
    }
    try {
      await view.submit(checked.config);
    } catch (error: unknown) {
      console.error('Upstream: saving the gadget configuration failed', error);
      setProblems({ form: 'Jira did not save this configuration. Try again.' });
      setSaving(false);
    }
  };

  return (
    <Stack space="space.200">
      <Stack space="space.050">
        <label htmlFor="board-select">
          <Text weight="medium">Board</Text>
        </label>
        <Select<BoardOption>
          inputId="board-select"
          options={options}
          value={options.find((option) => option.value === form.boardId) ?? null}
          onChange={(option) => update({ boardId: option?.value ?? null, sprint: { kind: 'active' } })}
          placeholder="Type to search boards"
          isSearchable
          isInvalid={Boolean(problems.boardId)}
          autoFocus
        />
        {problems.boardId ? problem(problems.boardId) : <Text size="small" color="color.text.subtle">The gadget shows the shape of this board's sprints.</Text>}
      </Stack>
      {form.boardId !== null && <SprintPicker boardId={form.boardId} value={form.sprint} onChange={(sprint) => update({ sprint })} problem={problems.sprint} />}
      <Stack space="space.050">
        <Text weight="medium">Target mix</Text>
        <TargetMixFields idPrefix="target" value={form.target} onChange={(target) => update({ target })} problems={problems} />
      </Stack>
      <Inline space="space.300" shouldWrap alignBlock="start">
        <Stack space="space.050">
          <Text weight="medium">Measure by</Text>
          <Segmented<Measure>
            label="Measure by"
            options={[
              { value: 'estimate', label: 'Estimate' },
              { value: 'count', label: 'Issue count' },
            ]}
            value={form.measure}
            onChange={(measure) => update({ measure })}
          />
        </Stack>
        <Stack space="space.050">
          <label htmlFor="drift-threshold">
            <Text weight="medium">Warn when drift exceeds (points)</Text>
          </label>
          <div style={{ width: 88 }}>
            <input
              id="drift-threshold"
              type="number"
              min={1}
              max={50}
              value={form.driftThreshold}
              aria-invalid={Boolean(problems.driftThreshold)}
              onChange={(event) => update({ driftThreshold: event.currentTarget.value })}
              style={{
                width: '100%',
                padding: '4px 6px',
                borderRadius: 3,
                border: `2px solid ${problems.driftThreshold ? 'var(--ds-border-danger, #E2483D)' : 'var(--ds-border-input, #8590A2)'}`,
                background: 'var(--ds-background-input, #FFFFFF)',
                color: 'var(--ds-text, #172B4D)',
              }}
            />
          </div>
          {problem(problems.driftThreshold)}
        </Stack>
      </Inline>
      {problems.form && <div role="alert">{problem(problems.form)}</div>}
      <Inline space="space.100">
        <Button appearance="primary" onClick={() => void save()} isLoading={saving}>
          Save
        </Button>
        <Button onClick={() => void view.close().catch(() => undefined)} isDisabled={saving}>
          Cancel
        </Button>
      </Inline>
    </Stack>
  );
}

function EditWithDefaults({ configuration }: { configuration: unknown }) {
  const boards = useResolver('sprintShape.boards', {});
  const siteTarget = useResolver('settings.targetMix.get', {});
  const stored = readStoredConfig(configuration);
  const saved: SavedSettings = stored.kind === 'complete' ? stored.config : stored.kind === 'board-only' ? { ...stored.partial, boardId: stored.boardId } : { boardId: null };
  return (
    <Resolved result={siteTarget} what="the team's default target">
      {(defaults) => (
        <Resolved result={boards} what="boards">
          {(data) =>
            data.boards.length === 0 ? (
              <Empty title="No boards you can see">
                Sprint shape follows a Jira board. Create a board, or ask a Jira admin for access to a project that has one.
              </Empty>
            ) : (
              <ConfigForm boards={data.boards} initial={initialForm(saved, defaults.target)} />
            )
          }
        </Resolved>
      )}
    </Resolved>
  );
}

/** The gadget's edit view; Jira stores what `view.submit` sends as the gadget's configuration. */
export default function GadgetEdit(_props: SurfaceProps) {
  const gadget = useGadgetContext();
  return (
    <SurfaceLayout label="Configure sprint shape">
      {gadget ? <EditWithDefaults configuration={gadget.configuration} /> : <Loading what="the configuration" />}
    </SurfaceLayout>
  );
}

/**
 * The sprint-shape gadget's edit view: board, sprint, target mix, measure and drift threshold. The form is
 * checked as it is filled in, with the contract's schema, and Save stays disabled until it passes (and while
 * saving); Jira then checks what only it knows (the board exists and the person sees it, the sprint is the
 * board's) before `view.submit`. Every problem has one message, under its field, in space kept for it, so
 * nothing on the form moves when a message comes or goes.
 */
import { useMemo, useState } from 'react';
import { view } from '@forge/bridge';
import Select from '@atlaskit/select';
import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { BoardSummary } from '../../../src/contract';
import type { GadgetConfig, TargetMixDto } from '../../../src/contract/sprint-shape';
import type { Measure } from '../../../src/domain/sprint-shape';
import type { SurfaceProps } from '../surface';
import { asResolverCallError, callResolver } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { Loading } from '../ui/Loading';
import { SurfaceLayout } from '../ui/SurfaceLayout';
import { Empty } from '../ui/Empty';
import { DEFAULT_DRIFT_THRESHOLD, readStoredConfig } from './gadget-config';
import { shownProblems, targetAsText, validateForm, type EditForm, type FieldKey, type FormProblems } from './edit-form';
import { FieldMessage } from './FieldMessage';
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

/**
 * Choosing a board counts as touching it (its message may show at once); typed fields are touched when left,
 * so a half-typed number is not called wrong while it is being typed.
 */
const fieldsOf = (change: Partial<EditForm>): FieldKey[] => ('boardId' in change ? ['boardId'] : []);

function ConfigForm({ boards, initial }: { boards: BoardSummary[]; initial: EditForm }) {
  const options = boards.map(optionFor);
  const [form, setForm] = useState<EditForm>(initial);
  const [touched, setTouched] = useState<ReadonlySet<FieldKey>>(() => new Set());
  // What Jira said about the last attempt (board, sprint) or why saving failed (form); cleared by the next edit.
  const [serverProblems, setServerProblems] = useState<FormProblems>({});
  const [saving, setSaving] = useState(false);
  const checked = useMemo(() => validateForm(form), [form]);
  const problems = shownProblems({ ...(checked.problems ?? {}), ...serverProblems }, touched);
  const touch = (...keys: FieldKey[]): void => setTouched((current) => (keys.every((k) => current.has(k)) ? current : new Set([...current, ...keys])));
  const update = (change: Partial<EditForm>): void => {
    setForm((current) => ({ ...current, ...change }));
    setServerProblems({});
    const keys = fieldsOf(change);
    if (keys.length > 0) touch(...keys);
  };

  const save = async (): Promise<void> => {
    if (!checked.config || saving) return;
    const config = checked.config;
    setSaving(true);
    try {
      await callResolver('sprintShape.checkConfig', { config });
    } catch (error: unknown) {
      const failure = asResolverCallError(error);
      const onSprint = failure.code === 'not-found' && config.sprint.kind === 'sprint';
      setServerProblems(onSprint ? { sprint: failure.message } : failure.code === 'not-found' ? { boardId: failure.message } : { form: failure.message });
      touch('boardId');
      setSaving(false);
      return;
    }
    try {
      await view.submit(config);
    } catch (error: unknown) {
      console.error('Upstream: saving the gadget configuration failed', error);
      setServerProblems({ form: 'Jira did not save this configuration. Try again.' });
      setSaving(false);
    }
  };

  const invalid = checked.config === null;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack space="space.150">
        <Stack space="space.050">
          <label htmlFor="board-select">
            <Text weight="medium">Board</Text>
          </label>
          <Select<BoardOption>
            inputId="board-select"
            options={options}
            value={options.find((option) => option.value === form.boardId) ?? null}
            onChange={(option) => update({ boardId: option?.value ?? null, sprint: { kind: 'active' } })}
            onBlur={() => touch('boardId')}
            placeholder="Type to search boards"
            isSearchable
            isInvalid={Boolean(problems.boardId)}
            aria-describedby="board-message"
            autoFocus
          />
          <FieldMessage
            id="board-message"
            error={problems.boardId}
            hint={form.boardId === null ? 'Choose the board whose sprints the gadget shows.' : "The gadget shows the shape of this board's sprints."}
          />
        </Stack>
        {form.boardId !== null && <SprintPicker boardId={form.boardId} value={form.sprint} onChange={(sprint) => update({ sprint })} problem={problems.sprint} />}
        <Stack space="space.050">
          <Text weight="medium">Target mix</Text>
          <TargetMixFields idPrefix="target" value={form.target} onChange={(target) => update({ target })} onBlur={(type) => touch(type)} problems={problems} />
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
              <Text weight="medium">Warn when drift is more than</Text>
            </label>
            <div style={{ width: 120 }}>
              <TextField
                id="drift-threshold"
                type="number"
                min={1}
                max={50}
                step={1}
                value={form.driftThreshold}
                isInvalid={Boolean(problems.driftThreshold)}
                aria-describedby="drift-threshold-message"
                elemAfterInput={
                  <span style={{ paddingInlineEnd: 8, color: 'var(--ds-text-subtle, #44546F)' }} aria-hidden>
                    pp
                  </span>
                }
                onChange={(event) => update({ driftThreshold: event.currentTarget.value })}
                onBlur={() => touch('driftThreshold')}
              />
            </div>
            <FieldMessage id="drift-threshold-message" error={problems.driftThreshold} hint="Percentage points, 1–50." />
          </Stack>
        </Inline>
        <Stack space="space.050">
          <Inline space="space.100" alignBlock="center">
            <Button type="submit" appearance="primary" isDisabled={invalid || saving} isLoading={saving} aria-describedby="save-message">
              Save
            </Button>
            <Button onClick={() => void view.close().catch(() => undefined)} isDisabled={saving}>
              Cancel
            </Button>
          </Inline>
          <FieldMessage id="save-message" error={problems.form} hint={invalid ? 'Save is available once every field above is filled in correctly.' : undefined} />
        </Stack>
      </Stack>
    </form>
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

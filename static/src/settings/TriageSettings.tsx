/**
 * The admin page's "Triage": who may triage signals (route, merge, split, rename …) — the project's admins by
 * default, the members of one Jira group, or one project role in the project being triaged — and when a parked
 * cluster comes back to the Inbox. Same editing pattern as the other sections: edits stay on the page until
 * saved, marked unsaved, and a refusal is shown beside the choice it is about.
 */
import { useEffect, useState } from 'react';
import Heading from '@atlaskit/heading';
import Select, { AsyncSelect } from '@atlaskit/select';
import TextField from '@atlaskit/textfield';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResolverInput, ResolverOutput } from '../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { formatDate, formatMoney } from '../ui/format';
import { SaveBar } from './SaveBar';
import { useUnsavedChangesWarning } from './unsaved-changes';
import './settings.css';
import './triage-settings.css';

type View = ResolverOutput<'settings.triage.get'>;
type Kind = View['triagers']['kind'];
interface Draft {
  kind: Kind;
  group: { groupId: string; name: string } | null;
  role: { roleId: number; roleName: string; projectKey: string } | null;
  newSignals: string;
  addedArr: string;
}

const draftOf = (view: View): Draft => ({
  kind: view.triagers.kind,
  group: view.triagers.kind === 'group' ? { groupId: view.triagers.groupId, name: view.triagers.name } : null,
  // The project a saved role was chosen from is not kept: the role is the same in every project.
  role: view.triagers.kind === 'project-role' ? { roleId: view.triagers.roleId, roleName: view.triagers.roleName, projectKey: '' } : null,
  newSignals: String(view.parking.newSignals),
  addedArr: String(view.parking.addedArr),
});

const KIND_LABELS: Readonly<Record<Kind, string>> = {
  'project-admins': 'Project admins (Administer Projects) — the default',
  group: 'Members of a Jira group',
  'project-role': 'A project role, in the project being triaged',
};

/** The payload, or what to fix first (field → sentence). */
function checked(draft: Draft): { payload: ResolverInput<'settings.triage.save'> } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const newSignals = Number(draft.newSignals);
  const addedArr = Number(draft.addedArr);
  if (!/^\d+$/.test(draft.newSignals.trim()) || newSignals > 10_000) problems.newSignals = 'A whole number from 0 to 10,000 (0: signals alone never bring a cluster back).';
  if (!/^\d+(\.\d+)?$/.test(draft.addedArr.trim()) || addedArr > 1_000_000_000) problems.addedArr = 'An amount from 0 to 1,000,000,000 (0: ARR alone never brings a cluster back).';
  if (draft.kind === 'group' && !draft.group) problems.triagers = 'Choose the group whose members may triage.';
  if (draft.kind === 'project-role' && !draft.role) problems.triagers = 'Find a project’s roles and choose one.';
  if (Object.keys(problems).length > 0) return { problems };
  const parking = { newSignals, addedArr };
  if (draft.kind === 'group') return { payload: { triagers: { kind: 'group', groupId: draft.group!.groupId }, parking } };
  if (draft.kind === 'project-role') {
    const role = draft.role!;
    // The role already saved is sent without a project: the server keeps it as it was checked then.
    return { payload: { triagers: { kind: 'project-role', roleId: role.roleId, ...(role.projectKey ? { projectKey: role.projectKey } : {}) }, parking } };
  }
  return { payload: { triagers: { kind: 'project-admins' }, parking } };
}

function RoleFinder({ onChoose }: { onChoose: (role: { roleId: number; roleName: string; projectKey: string }) => void }) {
  const [projectKey, setProjectKey] = useState('');
  const [found, setFound] = useState<ResolverOutput<'settings.roles.projectRoles'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const find = async () => {
    const key = projectKey.trim();
    if (!/^[A-Za-z][A-Za-z0-9_]{0,19}$/.test(key)) return setProblem('Type a project key, e.g. PAY: letters and numbers, starting with a letter.');
    setLoading(true);
    setProblem(null);
    try {
      setFound(await callResolver('settings.roles.projectRoles', { projectKey: key }));
    } catch (error: unknown) {
      const callError = asResolverCallError(error);
      setProblem(callError.code === 'not-found' ? `No project ${key.toUpperCase()} in Jira. Check the key (it is at the start of its issue keys).` : callError.message);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="start" shouldWrap>
        <div className="ts-key">
          <TextField
            isCompact
            value={projectKey}
            placeholder="Project key, e.g. PAY"
            aria-label="Project key to list its roles (Enter finds them)"
            onChange={(event) => {
              setProjectKey(event.currentTarget.value);
              setFound(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void find();
              }
            }}
            testId="triage-settings-project-key"
          />
        </div>
        <Button spacing="compact" onClick={() => void find()} isLoading={loading} testId="triage-settings-find-roles">
          Find its roles
        </Button>
        {found && (
          <div className="ts-roles">
            <Select<{ label: string; value: number }>
              inputId="triage-settings-role"
              spacing="compact"
              autoFocus
              openMenuOnFocus
              options={found.roles.map((r) => ({ label: r.roleName, value: r.roleId }))}
              value={null}
              placeholder="Choose a role…"
              aria-label={`Project role (roles are the same in every project; ${found.project.projectKey} lists them)`}
              onChange={(option) => {
                const role = found.roles.find((r) => r.roleId === option?.value);
                if (role) onChoose({ roleId: role.roleId, roleName: role.roleName, projectKey: found.project.projectKey });
                setFound(null);
              }}
            />
          </div>
        )}
      </Inline>
      {problem && <span className="rl-error">{problem}</span>}
    </Stack>
  );
}

function Editor({ view, onSaved }: { view: View; onSaved: (view: View) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ResolverCallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(view));
  useUnsavedChangesWarning(dirty);
  useEffect(() => setDraft(draftOf(view)), [view]);

  const save = async () => {
    const result = checked(draft);
    if ('problems' in result) return setProblems(result.problems);
    setProblems({});
    setSaving(true);
    setSaveError(null);
    try {
      onSaved(await callResolver('settings.triage.save', result.payload));
      setNotice('Triage settings saved. They apply from the next action.');
    } catch (error: unknown) {
      const callError = asResolverCallError(error);
      const fields = callError.fields ?? {};
      if (fields['triagers.groupId'] || fields['triagers.roleId']) setProblems({ triagers: callError.message });
      else setSaveError(callError);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack space="space.150">
      <fieldset className="ts-fieldset" aria-describedby={problems.triagers ? 'triage-settings-triagers-problem' : undefined}>
        <legend className="ts-legend">Who may triage signals</legend>
        {(['project-admins', 'group', 'project-role'] as const).map((kind) => (
          <label key={kind} className="ts-radio">
            <input type="radio" name="triage-triagers" value={kind} checked={draft.kind === kind} onChange={() => setDraft({ ...draft, kind })} data-testid={`triage-settings-kind-${kind}`} />
            {KIND_LABELS[kind]}
          </label>
        ))}
        {draft.kind === 'group' && (
          <div className="ts-choice">
            <AsyncSelect<{ label: string; value: string }>
              inputId="triage-settings-group"
              testId="triage-settings-group"
              cacheOptions
              defaultOptions
              aria-label="Jira group whose members may triage"
              loadOptions={async (query: string) => {
                try {
                  return (await callResolver('settings.roles.searchGroups', { query: query.slice(0, 100) })).groups.map((g) => ({ label: g.name, value: g.groupId }));
                } catch {
                  return [];
                }
              }}
              value={draft.group ? { label: draft.group.name, value: draft.group.groupId } : null}
              onChange={(option) => setDraft({ ...draft, group: option ? { groupId: option.value, name: option.label } : null })}
              placeholder="Search groups…"
              noOptionsMessage={({ inputValue }) => (inputValue ? `No group’s name contains “${inputValue}”.` : 'Type part of a group’s name.')}
            />
            {view.triagers.kind === 'group' && !view.triagers.found && <span className="rl-error">Jira no longer has the group {view.triagers.name}: nobody can triage until you choose another.</span>}
          </div>
        )}
        {draft.kind === 'project-role' && (
          <div className="ts-choice">
            {draft.role && (
              <Text as="p" testId="triage-settings-role-chosen">
                Chosen: <strong>{draft.role.roleName}</strong>, checked in whichever project is being triaged.
              </Text>
            )}
            <RoleFinder onChoose={(role) => setDraft({ ...draft, role })} />
          </div>
        )}
        {problems.triagers && (
          <span className="rl-error" id="triage-settings-triagers-problem" data-testid="triage-settings-triagers-problem">
            {problems.triagers}
          </span>
        )}
      </fieldset>
      <fieldset className="ts-fieldset">
        <legend className="ts-legend">When a parked cluster comes back to the Inbox</legend>
        <Text as="p" color="color.text.subtle">
          Whichever comes first, counted since it was parked. Defaults: {view.defaults.parking.newSignals} new signals or {formatMoney(view.defaults.parking.addedArr)} more ARR.
        </Text>
        <Inline space="space.200" shouldWrap>
          <label className="ts-number">
            New signals
            <TextField isCompact inputMode="numeric" value={draft.newSignals} onChange={(e) => setDraft({ ...draft, newSignals: e.currentTarget.value })} isInvalid={Boolean(problems.newSignals)} aria-describedby={problems.newSignals ? 'triage-settings-new-signals-problem' : undefined} testId="triage-settings-new-signals" />
            {problems.newSignals && <span className="rl-error" id="triage-settings-new-signals-problem">{problems.newSignals}</span>}
          </label>
          <label className="ts-number">
            Added ARR (USD)
            <TextField isCompact inputMode="decimal" value={draft.addedArr} onChange={(e) => setDraft({ ...draft, addedArr: e.currentTarget.value })} isInvalid={Boolean(problems.addedArr)} aria-describedby={problems.addedArr ? 'triage-settings-added-arr-problem' : undefined} testId="triage-settings-added-arr" />
            {problems.addedArr && <span className="rl-error" id="triage-settings-added-arr-problem">{problems.addedArr}</span>}
          </label>
        </Inline>
      </fieldset>
      <SaveBar
        name="triage-settings"
        label="Triage settings"
        saveLabel="Save triage settings"
        onSave={() => void save()}
        saving={saving}
        canSave={dirty}
        onDiscard={() => {
          setDraft(draftOf(view));
          setProblems({});
        }}
        canDiscard={dirty}
        dirty={dirty}
        dirtyText="Unsaved changes"
        statusText={view.updatedAt ? `Saved ${formatDate(view.updatedAt)} by ${view.updatedBy ?? 'someone'}.` : 'On the defaults.'}
      />
      {notice && !dirty && (
        <Text as="p" testId="triage-settings-notice">
          <span role="status">{notice}</span>
        </Text>
      )}
      {saveError && <LazyErrorMessage error={saveError} onRetry={() => void save()} />}
    </Stack>
  );
}

export function TriageSettings() {
  const result = useResolver('settings.triage.get', {});
  const [saved, setSaved] = useState<View | null>(null);
  return (
    <section className="rl-section" aria-labelledby="triage-settings-title" data-testid="triage-settings">
      <Stack space="space.100">
        <Heading size="medium" as="h2" id="triage-settings-title">
          Triage
        </Heading>
        <Text as="p" color="color.text.subtle">
          Who may route, merge, split and rename clusters of signals on a project’s triage page. Everyone who can browse the project can read them.
        </Text>
        <Resolved result={result} what="triage settings">
          {(data) => <Editor view={saved ?? data} onSaved={setSaved} />}
        </Resolved>
      </Stack>
    </section>
  );
}

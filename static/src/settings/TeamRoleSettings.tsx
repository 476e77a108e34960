/**
 * The admin page's "Team roles": which Jira groups or project roles make someone engineering, design, product
 * or sales. Each role says which mapping is in effect and whether it is the default (groups named like the
 * role); a searchable group picker and a project-role picker change it. Edits stay on the page until saved,
 * as in the other editors: marked unsaved, guarded against leaving, checked before they are sent, and a refusal
 * is shown on the role it is about.
 */
import { useMemo, useRef, useState } from 'react';
import Heading from '@atlaskit/heading';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { TEAM_ROLES, type TeamRole } from '../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { useResolver } from '../use-resolver';
import { SaveBar } from './SaveBar';
import { Resolved } from '../ui/Resolved';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { useAnnouncer } from '../ui/Announcer';
import { formatDate, plural } from '../ui/format';
import {
  asDefault,
  describeMapping,
  draftFrom,
  errorsFromServer,
  payloadOf,
  ROLE_LABELS,
  ROLE_PURPOSES,
  sameDraft,
  validate,
  withGroups,
  withoutProjectRole,
  withProjectRole,
  type RoleDraft,
  type TeamRoleDraft,
  type TeamRoleErrors,
  type TeamRoleSettings as Settings,
} from './team-roles-model';
import { GroupPicker, ProjectRolePicker } from './TeamRolePickers';
import { useUnsavedChangesWarning } from './unsaved-changes';
import './settings.css';
import './concepts.css';
import './team-roles.css';

function RoleSection({
  role,
  view,
  draft,
  error,
  onChange,
  announce,
}: {
  role: TeamRole;
  view: Settings['roles'][TeamRole];
  draft: RoleDraft;
  error: string | undefined;
  onChange: (draft: RoleDraft) => void;
  announce: (message: string) => void;
}) {
  const titleId = `team-role-${role}-title`;
  const errorId = `team-role-${role}-error`;
  const statusId = `team-role-${role}-status`;
  const label = ROLE_LABELS[role];
  return (
    <section className="rl-section tr-role" aria-labelledby={titleId} data-testid={`team-role-${role}`}>
      <Inline space="space.100" alignBlock="center">
        <h3 id={titleId}>{label}</h3>
        <Lozenge appearance={draft.isDefault ? 'default' : 'inprogress'} testId={`team-role-${role}-state`}>
          {draft.isDefault ? 'Default' : 'Chosen'}
        </Lozenge>
      </Inline>
      <p className="rl-hint">{ROLE_PURPOSES[role]}</p>
      <label className="tr-label" htmlFor={`team-role-${role}-groups`}>
        Jira groups
      </label>
      <GroupPicker role={role} draft={draft} invalid={Boolean(error)} describedBy={[statusId, error ? errorId : ''].filter(Boolean).join(' ')} onChange={(groups) => onChange(withGroups(draft, groups))} />
      <span className="tr-label">Project roles</span>
      {draft.projectRoles.length > 0 ? (
        <ul className="cs-chips" aria-label={`Project roles for ${label}`}>
          {draft.projectRoles.map((projectRole) => {
            const name = `${projectRole.roleName} in ${projectRole.projectKey}`;
            return (
              <li key={`${projectRole.projectId}/${projectRole.roleId}`} className="cs-chip" data-testid={`team-role-${role}-project-role-chip`}>
                <span className="cs-chip-text" title={`${projectRole.roleName} in ${projectRole.projectName}`}>
                  {name}
                </span>
                <button
                  type="button"
                  className="cs-chip-remove"
                  aria-label={`Remove ${name} from ${label}`}
                  onClick={() => {
                    onChange(withoutProjectRole(draft, projectRole));
                    announce(`${name} removed from ${label}.`);
                  }}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="rl-hint">None. People in a project role (for example Developers in PAY) can count as {label.toLowerCase()} too.</p>
      )}
      <ProjectRolePicker
        role={role}
        onAdd={(projectRole) => {
          onChange(withProjectRole(draft, projectRole));
          announce(`${projectRole.roleName} in ${projectRole.projectKey} added to ${label}.`);
        }}
      />
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text as="p" size="small" color="color.text.subtle" id={statusId} testId={`team-role-${role}-status`}>
          {describeMapping(draft, view)}
        </Text>
        {!draft.isDefault && (
          <Button
            spacing="compact"
            appearance="subtle"
            onClick={() => {
              onChange(asDefault(view));
              announce(`${label} is back on its default.`);
            }}
            testId={`team-role-${role}-use-default`}
          >
            Use the default
          </Button>
        )}
      </Inline>
      {error && (
        <span className="rl-error" id={errorId} data-testid={`team-role-${role}-error`}>
          {error}
        </span>
      )}
    </section>
  );
}

function Editor({ initial }: { initial: Settings }) {
  const [saved, setSaved] = useState(initial);
  const [savedDraft, setSavedDraft] = useState(() => draftFrom(initial));
  const [draft, setDraft] = useState<TeamRoleDraft>(savedDraft);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<TeamRoleErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const sectionRef = useRef<HTMLDivElement>(null);
  const { region, announce } = useAnnouncer();

  const validation = useMemo(() => validate(draft), [draft]);
  const problemCount = Object.keys(validation).length;
  const dirty = !sameDraft(draft, savedDraft);
  useUnsavedChangesWarning(dirty);

  const edit = (role: TeamRole, next: RoleDraft) => {
    setDraft((current) => ({ ...current, [role]: next }));
    setServerErrors((current) => ({ ...current, [role]: undefined }));
    setNotice(null);
  };

  const save = async () => {
    setShowErrors(true);
    setFailure(null);
    if (problemCount > 0) {
      announce(`Not saved: ${plural(problemCount, 'role')} to fix.`);
      requestAnimationFrame(() => sectionRef.current?.querySelector<HTMLElement>('.tr-role [aria-invalid="true"], .tr-role input[aria-describedby*="-error"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const result = await callResolver('settings.roles.save', payloadOf(draft));
      const fresh = draftFrom(result);
      setSaved(result);
      setSavedDraft(fresh);
      setDraft(fresh);
      setShowErrors(false);
      setServerErrors({});
      const message = 'Team roles saved. Upstream uses them from now on.';
      setNotice(message);
      announce(message);
    } catch (error: unknown) {
      const callError = asResolverCallError(error);
      const byRole = errorsFromServer(callError.fields);
      setServerErrors(byRole);
      // A refusal about one role is shown on that role; anything else (Jira or storage down) below, with a retry.
      if (Object.keys(byRole).length === 0) setFailure(callError);
      announce(`Team roles not saved: ${callError.message}`);
    } finally {
      setBusy(false);
    }
  };

  const discard = () => {
    setDraft(savedDraft);
    setServerErrors({});
    setShowErrors(false);
    setNotice(null);
    setFailure(null);
    announce('Changes discarded.');
  };

  const errorOf = (role: TeamRole): string | undefined => serverErrors[role] ?? (showErrors ? validation[role] : undefined);

  return (
    <Stack space="space.200">
      {region}
      <Inline space="space.100" alignBlock="start" spread="space-between">
        <Text as="p" color="color.text.subtle">
          Upstream asks engineers for discovery input, designers for walkthroughs, product for triage and sales for signals. It knows who
          they are from Jira groups or project roles. Until you choose, each role is the group named like it.
        </Text>
        {dirty && (
          <span style={{ flexShrink: 0 }}>
            <Lozenge appearance="moved" maxWidth="none" testId="team-roles-unsaved-badge">
              Unsaved changes
            </Lozenge>
          </span>
        )}
      </Inline>
      {notice && (
        <Text as="p" color="color.text.success" testId="team-roles-notice">
          {notice}
        </Text>
      )}
      <div className="tr-roles" ref={sectionRef}>
        {TEAM_ROLES.map((role) => (
          <RoleSection key={role} role={role} view={saved.roles[role]} draft={draft[role]} error={errorOf(role)} onChange={(next) => edit(role, next)} announce={announce} />
        ))}
      </div>
      {failure && <LazyErrorMessage error={failure} onRetry={() => void save()} />}
      <SaveBar
        name="team-roles"
        label="Save the team roles"
        saveLabel="Save team roles"
        onSave={() => void save()}
        saving={busy}
        canSave={dirty && !busy}
        onDiscard={discard}
        canDiscard={dirty && !busy}
        dirty={dirty}
        dirtyText={`Unsaved changes${showErrors && problemCount > 0 ? ` · ${plural(problemCount, 'role')} to fix` : ''}`}
        statusText={saved.updatedAt ? `Saved ${formatDate(saved.updatedAt)} by ${saved.updatedBy ?? 'someone'}.` : 'Every role is on its default.'}
      />
    </Stack>
  );
}

/** The admin page's "Team roles": engineering, design, product and sales from Jira groups or project roles. */
export function TeamRoleSettings() {
  const roles = useResolver('settings.roles.get', {});
  return (
    <Stack space="space.150">
      <Heading size="small" as="h2">
        Team roles
      </Heading>
      <Resolved result={roles} what="the team roles">
        {(data) => <Editor initial={data} />}
      </Resolved>
    </Stack>
  );
}

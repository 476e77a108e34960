/**
 * The team-role editor's two pickers: Jira groups (searched as the admin types, several per role) and a project
 * role (a project by key, then one of its roles). Each shows a failed look-up as a sentence with what to do,
 * never as "nothing found".
 */
import { useState, type KeyboardEvent } from 'react';
import Button from '@atlaskit/button/new';
import Select, { AsyncSelect } from '@atlaskit/select';
import TextField from '@atlaskit/textfield';
import { Inline } from '@atlaskit/primitives';
import type { ResolverOutput, TeamRole } from '../../../src/contract';
import { asResolverCallError, callResolver } from '../api';
import { ROLE_LABELS, type GroupOption, type ProjectRoleOption, type RoleDraft } from './team-roles-model';

interface GroupChoice {
  label: string;
  value: string;
  found: boolean;
}

const choiceOf = (group: GroupOption): GroupChoice => ({ label: group.name, value: group.groupId, found: group.found });

export function GroupPicker({ role, draft, describedBy, invalid, onChange }: { role: TeamRole; draft: RoleDraft; describedBy?: string; invalid: boolean; onChange: (groups: GroupOption[]) => void }) {
  const [searchProblem, setSearchProblem] = useState<string | null>(null);
  const loadGroups = async (query: string): Promise<GroupChoice[]> => {
    try {
      const found = await callResolver('settings.roles.searchGroups', { query: query.slice(0, 100) });
      setSearchProblem(null);
      return found.groups.map((group) => choiceOf({ ...group, found: true }));
    } catch (error: unknown) {
      // Shown in the menu instead of "no groups": a failed search is not an empty site.
      setSearchProblem(asResolverCallError(error).message);
      return [];
    }
  };
  return (
    <AsyncSelect<GroupChoice, true>
      inputId={`team-role-${role}-groups`}
      testId={`team-role-${role}-groups`}
      isMulti
      cacheOptions
      loadOptions={loadGroups}
      value={draft.groups.map(choiceOf)}
      onChange={(options) => onChange(options.map((option) => ({ groupId: option.value, name: option.label, found: option.found })))}
      formatOptionLabel={(option, meta) =>
        meta.context === 'value' ? <span data-testid={`team-role-${role}-group`}>{option.found ? option.label : `${option.label} (not found)`}</span> : option.label
      }
      placeholder={draft.isDefault && draft.groups.length === 0 ? 'Search groups…' : 'Add a group…'}
      noOptionsMessage={({ inputValue }) => searchProblem ?? (inputValue ? `No group’s name contains “${inputValue}”.` : 'Type part of a group’s name.')}
      isInvalid={invalid}
      aria-describedby={describedBy}
      isClearable={false}
    />
  );
}

export function ProjectRolePicker({ role, onAdd }: { role: TeamRole; onAdd: (projectRole: ProjectRoleOption) => void }) {
  const [projectKey, setProjectKey] = useState('');
  const [found, setFound] = useState<ResolverOutput<'settings.roles.projectRoles'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const problemId = `team-role-${role}-project-problem`;

  const find = async () => {
    const key = projectKey.trim();
    if (!/^[A-Za-z][A-Za-z0-9_]{0,19}$/.test(key)) {
      setProblem('Type a project key, e.g. PAY: letters and numbers, starting with a letter.');
      return;
    }
    setLoading(true);
    setProblem(null);
    try {
      setFound(await callResolver('settings.roles.projectRoles', { projectKey: key }));
    } catch (error: unknown) {
      const callError = asResolverCallError(error);
      setFound(null);
      setProblem(callError.code === 'not-found' ? `No project ${key.toUpperCase()} in Jira. Check the key (it is at the start of its issue keys).` : callError.message);
    } finally {
      setLoading(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void find();
    }
  };

  return (
    <div className="tr-project-picker">
      <Inline space="space.100" alignBlock="start" shouldWrap>
        <div className="tr-project-key">
          <TextField
            isCompact
            value={projectKey}
            placeholder="Project key, e.g. PAY"
            aria-label={`Project key for a ${ROLE_LABELS[role]} project role (Enter finds its roles)`}
            isInvalid={Boolean(problem)}
            aria-invalid={Boolean(problem)}
            aria-describedby={problem ? problemId : undefined}
            onChange={(event) => {
              setProjectKey(event.currentTarget.value);
              setFound(null);
              setProblem(null);
            }}
            onKeyDown={onKeyDown}
            testId={`team-role-${role}-project-key`}
          />
        </div>
        <Button spacing="compact" onClick={() => void find()} isLoading={loading} testId={`team-role-${role}-find-roles`}>
          Find its roles
        </Button>
        {found && (
          <div className="tr-project-roles">
            <Select<{ label: string; value: number }>
              inputId={`team-role-${role}-project-role`}
              testId={`team-role-${role}-project-role`}
              spacing="compact"
              autoFocus
              openMenuOnFocus
              options={found.roles.map((projectRole) => ({ label: `${projectRole.roleName} in ${found.project.projectKey}`, value: projectRole.roleId }))}
              value={null}
              placeholder={`Choose a role in ${found.project.projectKey}…`}
              noOptionsMessage={() => `${found.project.projectName} has no project roles.`}
              aria-label={`Project role in ${found.project.projectName}`}
              onChange={(option) => {
                const chosen = found.roles.find((projectRole) => projectRole.roleId === option?.value);
                if (!chosen) return;
                onAdd({ ...found.project, ...chosen });
                setFound(null);
                setProjectKey('');
              }}
            />
          </div>
        )}
      </Inline>
      {problem && (
        <span className="rl-error" id={problemId} data-testid={`team-role-${role}-project-problem`}>
          {problem}
        </span>
      )}
    </div>
  );
}

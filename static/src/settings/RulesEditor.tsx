/**
 * The admin page's suggestion rules. Edits stay on the page until saved; the bar under the tables (never more
 * than a table's scroll box away from any edit) saves, discards or loads the defaults, and says whether there
 * are unsaved changes. Leaving with unsaved changes asks first (the browser's own prompt), and loading the
 * defaults over unsaved changes asks first too.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../../src/contract';
import { DEFAULT_SUGGESTION_RULES } from '../../../src/domain/suggestion-rules';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { useResolver } from '../use-resolver';
import { SaveBar } from './SaveBar';
import { Resolved } from '../ui/Resolved';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { useAnnouncer } from '../ui/Announcer';
import { formatDate, plural } from '../ui/format';
import { RuleTable } from './RuleTable';
import { RULE_TABLES, newRow, rowErrorsFromServer, rowsFrom, sameRules, validate, type RowErrors, type RuleRows, type RuleTableKey } from './rules-model';
import { useUnsavedChangesWarning } from './unsaved-changes';
import './settings.css';

type SavedRules = ResolverOutput<'settings.rules.get'>;

function Editor({ initial }: { initial: SavedRules }) {
  const [saved, setSaved] = useState(initial);
  const [savedRows, setSavedRows] = useState(() => rowsFrom(initial.rules));
  const [rows, setRows] = useState<RuleRows>(savedRows);
  const [focus, setFocus] = useState<{ table: RuleTableKey; id: number } | null>(null);
  // Errors show once someone tries to save, then update as they type, so a half-typed rule is not shouted at.
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<RowErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Asking before the defaults replace unsaved edits; focus moves into the question and back out of it.
  const [confirmingReset, setConfirmingReset] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const resetRef = useRef<HTMLButtonElement>(null);
  const { region, announce } = useAnnouncer();

  const validation = useMemo(() => validate(rows), [rows]);
  const dirty = !sameRules(rows, savedRows);
  useUnsavedChangesWarning(dirty);
  useEffect(() => {
    if (confirmingReset) keepRef.current?.focus();
  }, [confirmingReset]);
  const rowErrors: RowErrors = showErrors ? validation.rowErrors : {};
  const errorsFor = (table: RuleTableKey) => ({ ...serverErrors[table], ...rowErrors[table] });
  const problemCount = RULE_TABLES.reduce((n, t) => n + Object.keys(validation.rowErrors[t] ?? {}).length, 0);

  const edit = (table: RuleTableKey, change: (rows: RuleRows[RuleTableKey]) => RuleRows[RuleTableKey]) => {
    setRows((current) => ({ ...current, [table]: change(current[table]) }));
    setServerErrors((current) => ({ ...current, [table]: {} }));
    setNotice(null);
  };

  const save = async () => {
    setShowErrors(true);
    setFailure(null);
    if (!validation.rules) {
      announce(`Not saved: ${plural(problemCount, 'rule')} to fix${validation.formErrors.length ? `; ${validation.formErrors.join(' ')}` : ''}.`);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    try {
      const result = await callResolver('settings.rules.save', { rules: validation.rules });
      const fresh = rowsFrom(result.rules);
      setSaved(result);
      setSavedRows(fresh);
      setRows(fresh);
      setShowErrors(false);
      setServerErrors({});
      setNotice('Rules saved. New suggestions use them straight away.');
      announce('Suggestion rules saved.');
    } catch (error: unknown) {
      // The edits stay on screen; the reason is shown, and beside the rule when the resolver named one.
      const callError = asResolverCallError(error);
      setFailure(callError);
      setServerErrors(rowErrorsFromServer(rows, callError.fields));
      announce(`Rules not saved: ${callError.message}`);
    } finally {
      setSaving(false);
    }
  };

  const loadDefaults = () => {
    setConfirmingReset(false);
    setRows(rowsFrom(DEFAULT_SUGGESTION_RULES));
    setServerErrors({});
    setShowErrors(false);
    setNotice('The default rules are loaded below. Save to use them; nothing has changed yet.');
    announce('Default rules loaded. Save to use them.');
    requestAnimationFrame(() => resetRef.current?.focus());
  };

  const resetToDefaults = () => (dirty ? setConfirmingReset(true) : loadDefaults());
  const keepEditing = () => {
    setConfirmingReset(false);
    requestAnimationFrame(() => resetRef.current?.focus());
  };

  const discard = () => {
    setRows(savedRows);
    setServerErrors({});
    setShowErrors(false);
    setNotice(null);
    setFailure(null);
    announce('Changes discarded.');
  };

  return (
    <Stack space="space.200">
      {region}
      <Inline space="space.100" alignBlock="start" spread="space-between">
        <Text as="p" color="color.text.subtle">
          Upstream suggests a work type for each issue from these rules: its issue type, its labels, and words in its summary
          and description. A person still confirms every suggestion.
        </Text>
        {dirty && (
          <span style={{ flexShrink: 0 }}>
            <Lozenge appearance="moved" maxWidth="none" testId="rules-unsaved-badge">
              Unsaved changes
            </Lozenge>
          </span>
        )}
      </Inline>
      {notice && (
        <Text as="p" color="color.text.success" testId="rules-notice">
          {notice}
        </Text>
      )}
      {showErrors && validation.formErrors.length > 0 && (
        <SectionMessage appearance="error" title="These rules can't be saved">
          {validation.formErrors.map((message) => (
            <Text as="p" key={message}>
              {message}
            </Text>
          ))}
        </SectionMessage>
      )}
      <div className="rl-tables">
        {RULE_TABLES.map((table) => (
          <RuleTable
            key={table}
            table={table}
            rows={rows[table]}
            errors={errorsFor(table)}
            focusRowId={focus?.table === table ? focus.id : null}
            onChange={(id, change) => edit(table, (list) => list.map((row) => (row.id === id ? { ...row, ...change } : row)))}
            onAdd={() => {
              const row = newRow();
              edit(table, (list) => [...list, row]);
              setFocus({ table, id: row.id });
            }}
            onRemove={(id, index) => {
              const remaining = rows[table].filter((row) => row.id !== id);
              edit(table, () => remaining);
              const neighbour = remaining[Math.min(index, remaining.length - 1)];
              if (neighbour) setFocus({ table, id: neighbour.id });
              else requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="rules-add-${table}"]`)?.focus());
              announce('Rule removed.');
            }}
          />
        ))}
      </div>
      {failure && <LazyErrorMessage error={failure} onRetry={() => void save()} />}
      <SaveBar
        name="rules"
        label="Save the suggestion rules"
        saveLabel="Save rules"
        onSave={() => void save()}
        saving={saving}
        canSave={dirty && !saving}
        onDiscard={discard}
        canDiscard={dirty && !saving}
        dirty={dirty}
        dirtyText={`Unsaved changes${showErrors && problemCount > 0 ? ` · ${plural(problemCount, 'rule')} to fix` : ''}`}
        statusText={
          <>
            {saved.isDefault ? 'Using the default rules that ship with Upstream.' : `Saved ${saved.updatedAt ? formatDate(saved.updatedAt) : ''}.`}{' '}
            {plural(validation.count, 'rule')}.
          </>
        }
        reset={{
          onAsk: resetToDefaults,
          canAsk: !saving,
          asking: false,
          buttonRef: resetRef,
          confirming: confirmingReset,
          question: 'Replace your unsaved changes with the default rules? Your edits will be lost.',
          replaceLabel: 'Replace with defaults',
          onReplace: loadDefaults,
          keepLabel: 'Keep my changes',
          onKeep: keepEditing,
          keepRef,
        }}
      />
    </Stack>
  );
}

/** The admin page's "Suggestion rules": issue type, label and keyword → work type. */
export function RulesEditor() {
  const rules = useResolver('settings.rules.get', {});
  return (
    <Stack space="space.150">
      <Heading size="small" as="h2">
        Suggestion rules
      </Heading>
      <Resolved result={rules} what="the suggestion rules">
        {(data) => <Editor initial={data} />}
      </Resolved>
    </Stack>
  );
}

import { useEffect, useRef } from 'react';
import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import Select from '@atlaskit/select';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import { RULE_NOUNS, removeRuleLabel, workTypeLabel, type RowErrors, type RuleRow, type RuleTableKey } from './rules-model';

interface WorkTypeOption {
  label: WorkType;
  value: WorkType;
}
const WORK_TYPE_OPTIONS: WorkTypeOption[] = WORK_TYPES.map((type) => ({ label: type, value: type }));

export const TABLE_TEXT: Record<RuleTableKey, { title: string; keyLabel: string; hint: string; placeholder: string; noun: string }> = {
  issueTypes: {
    title: 'Issue type → work type',
    keyLabel: 'Issue type',
    hint: 'The issue type as Jira names it, e.g. Bug.',
    placeholder: 'Bug',
    noun: RULE_NOUNS.issueTypes,
  },
  labels: {
    title: 'Label → work type',
    keyLabel: 'Label',
    hint: 'A Jira label, without spaces, e.g. tech-debt.',
    placeholder: 'tech-debt',
    noun: RULE_NOUNS.labels,
  },
  keywords: {
    title: 'Keyword → work type',
    keyLabel: 'Keyword or phrase',
    hint: 'A whole word or short phrase found in the summary or description, e.g. “times out”.',
    placeholder: 'times out',
    noun: RULE_NOUNS.keywords,
  },
};

/**
 * One table of rules with add and remove; every field and button is named with its table and rule for screen
 * readers ("Remove rule for label tech-debt"). Long tables scroll inside their box, so the save bar below the
 * tables stays within reach of every edit: Jira sizes the frame to its content, so a bar that sticks to the
 * bottom of the window cannot be had from inside the frame.
 */
export function RuleTable({
  table,
  rows,
  errors,
  focusRowId,
  onChange,
  onAdd,
  onRemove,
}: {
  table: RuleTableKey;
  rows: RuleRow[];
  errors: RowErrors[RuleTableKey];
  /** A row just added: its key field takes focus. */
  focusRowId: number | null;
  onChange: (id: number, change: Partial<Pick<RuleRow, 'key' | 'workType'>>) => void;
  onAdd: () => void;
  onRemove: (id: number, index: number) => void;
}) {
  const text = TABLE_TEXT[table];
  const focusRef = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    if (focusRowId !== null) focusRef.current?.focus();
  }, [focusRowId]);

  return (
    <section className="rl-section" aria-labelledby={`rules-${table}-title`} data-testid={`rules-table-${table}`}>
      <h3 id={`rules-${table}-title`}>{text.title}</h3>
      <p className="rl-hint">{text.hint}</p>
      {rows.length === 0 ? (
        <p className="rl-hint">No {text.noun} rules: Upstream will not suggest from {text.noun}s.</p>
      ) : (
        <div className="rl-scroll" data-testid={`rules-scroll-${table}`}>
          <table className="rl-table">
            <thead>
              <tr>
                <th scope="col">{text.keyLabel}</th>
                <th scope="col">Work type</th>
                <th scope="col">
                  <span className="rl-visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => {
                const error = errors?.[row.id];
                const keyErrorId = `rule-${table}-${row.id}-key-error`;
                const typeErrorId = `rule-${table}-${row.id}-type-error`;
                return (
                  <tr key={row.id} data-testid={`rule-row-${table}`}>
                    <td className="rl-key">
                      <TextField
                        ref={row.id === focusRowId ? focusRef : undefined}
                        isCompact
                        value={row.key}
                        placeholder={text.placeholder}
                        isInvalid={Boolean(error?.key)}
                        aria-invalid={Boolean(error?.key)}
                        aria-label={`${text.keyLabel}, rule ${index + 1}`}
                        aria-describedby={error?.key ? keyErrorId : undefined}
                        onChange={(event) => onChange(row.id, { key: event.currentTarget.value })}
                        testId={`rule-key-${table}-${index}`}
                      />
                      {error?.key && (
                        <span className="rl-error" id={keyErrorId} data-testid="rule-error">
                          {error.key}
                        </span>
                      )}
                    </td>
                    <td className="rl-type">
                      <Select<WorkTypeOption>
                        inputId={`rule-type-${table}-${index}`}
                        aria-label={workTypeLabel(table, row.key)}
                        spacing="compact"
                        options={WORK_TYPE_OPTIONS}
                        value={WORK_TYPE_OPTIONS.find((option) => option.value === row.workType) ?? null}
                        onChange={(option) => onChange(row.id, { workType: option?.value ?? '' })}
                        placeholder="Choose…"
                        isSearchable
                        isInvalid={Boolean(error?.workType)}
                        descriptionId={error?.workType ? typeErrorId : undefined}
                        // The menu opens on the page, not inside the table's scroll box, which would clip it.
                        menuPortalTarget={document.body}
                        styles={{ menuPortal: (base) => ({ ...base, zIndex: 600 }) }}
                      />
                      {error?.workType && (
                        <span className="rl-error" id={typeErrorId} data-testid="rule-error">
                          {error.workType}
                        </span>
                      )}
                    </td>
                    <td className="rl-remove">
                      <Button spacing="compact" onClick={() => onRemove(row.id, index)} aria-label={removeRuleLabel(table, row.key)} testId={`rule-remove-${table}-${index}`}>
                        Remove
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div>
        <Button onClick={onAdd} testId={`rules-add-${table}`}>
          Add {text.noun} rule
        </Button>
      </div>
    </section>
  );
}

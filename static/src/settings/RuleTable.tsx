import { useEffect, useRef } from 'react';
import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import type { RowErrors, RuleRow, RuleTableKey } from './rules-model';

export const TABLE_TEXT: Record<RuleTableKey, { title: string; keyLabel: string; hint: string; placeholder: string; noun: string }> = {
  issueTypes: {
    title: 'Issue type → work type',
    keyLabel: 'Issue type',
    hint: 'The issue type as Jira names it, e.g. Bug.',
    placeholder: 'Bug',
    noun: 'issue type',
  },
  labels: {
    title: 'Label → work type',
    keyLabel: 'Label',
    hint: 'A Jira label, without spaces, e.g. tech-debt.',
    placeholder: 'tech-debt',
    noun: 'label',
  },
  keywords: {
    title: 'Keyword → work type',
    keyLabel: 'Keyword or phrase',
    hint: 'A whole word or short phrase found in the summary or description, e.g. “times out”.',
    placeholder: 'times out',
    noun: 'keyword',
  },
};

/** One table of rules with add and remove; every field is labelled with its table and row for screen readers. */
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
        <table className="rl-table">
          <thead>
            <tr>
              <th scope="col">{text.keyLabel}</th>
              <th scope="col">Work type</th>
              <th scope="col">
                <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const error = errors?.[row.id];
              const keyErrorId = `rule-${table}-${row.id}-key-error`;
              const typeErrorId = `rule-${table}-${row.id}-type-error`;
              const name = row.key.trim() || `new ${text.noun}`;
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
                    <select
                      className="rl-select"
                      value={row.workType}
                      aria-label={`Work type for ${name}`}
                      aria-invalid={Boolean(error?.workType)}
                      aria-describedby={error?.workType ? typeErrorId : undefined}
                      onChange={(event) => onChange(row.id, { workType: event.currentTarget.value as WorkType | '' })}
                      data-testid={`rule-type-${table}-${index}`}
                    >
                      <option value="">Choose…</option>
                      {WORK_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {type}
                        </option>
                      ))}
                    </select>
                    {error?.workType && (
                      <span className="rl-error" id={typeErrorId} data-testid="rule-error">
                        {error.workType}
                      </span>
                    )}
                  </td>
                  <td>
                    <Button appearance="subtle" spacing="compact" onClick={() => onRemove(row.id, index)} aria-label={`Remove the rule for ${name}`}>
                      Remove
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div>
        <Button onClick={onAdd} testId={`rules-add-${table}`}>
          Add {text.noun} rule
        </Button>
      </div>
    </section>
  );
}

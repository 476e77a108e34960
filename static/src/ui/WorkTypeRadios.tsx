import { useId } from 'react';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import { VISUALLY_HIDDEN } from './visually-hidden';
import { WORK_TYPE_HINTS } from './work-type-hints';
import './work-type-radios.css';

// Re-exported where it used to live, so existing imports keep working.
export { WORK_TYPE_HINTS };

/** '' stands for "no work type" so the clear option is a radio like the others. */
export type WorkTypeChoiceValue = WorkType | '';

/**
 * The three work types and "clear" as one radio group. Native radios: Tab enters the group at the chosen value,
 * the arrow keys move and choose, Space chooses; the surrounding form decides what Enter does.
 */
export function WorkTypeRadios({
  value,
  onChange,
  legend,
  hideLegend = false,
  suggested,
  disabled = false,
  autoFocus = false,
  name,
}: {
  value: WorkTypeChoiceValue | null;
  onChange: (value: WorkTypeChoiceValue) => void;
  legend: string;
  hideLegend?: boolean;
  /** Marks Upstream's suggestion among the options. */
  suggested?: WorkType | null;
  disabled?: boolean;
  autoFocus?: boolean;
  name?: string;
}) {
  const generated = useId();
  const groupName = name ?? `work-type-${generated}`;
  const options: Array<{ value: WorkTypeChoiceValue; label: string; hint: string }> = [
    ...WORK_TYPES.map((type) => ({ value: type as WorkTypeChoiceValue, label: type, hint: WORK_TYPE_HINTS[type] })),
    { value: '', label: 'Clear', hint: 'Not triaged yet' },
  ];
  // With nothing chosen, the first option takes focus so the group is still reachable and usable by keyboard.
  const focusTarget = value ?? options[0]?.value;
  return (
    <fieldset className="upstream-wt-radios" disabled={disabled}>
      <legend style={hideLegend ? VISUALLY_HIDDEN : undefined}>
        {legend}
      </legend>
      {options.map((option) => (
        <label key={option.value || 'clear'} className="upstream-wt-option" data-testid={`work-type-option-${option.value || 'clear'}`}>
          <input
            type="radio"
            name={groupName}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            autoFocus={autoFocus && option.value === focusTarget}
          />
          <span>
            <span className="name">{option.label}</span>
            {suggested && option.value === suggested && <span className="tag">(suggested)</span>}
            <span className="hint">{option.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Three percentage fields, one per work type, with their running total, shared by the gadget's edit view and
 * the admin page. Each field has one message slot of its own; the total's slot shows the running total, or —
 * in the contract's own words — why the mix cannot be saved. Space is kept for every slot, so nothing jumps.
 */
import TextField from '@atlaskit/textfield';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import { targetTotalText, type FormProblems } from './edit-form';
import { FieldMessage } from './FieldMessage';

interface TargetMixFieldsProps {
  value: Record<WorkType, string>;
  onChange: (value: Record<WorkType, string>) => void;
  onBlur?: (type: WorkType) => void;
  /** The problems to show now: per work type, and `target` for the mix as a whole. */
  problems: FormProblems;
  idPrefix: string;
  isDisabled?: boolean;
}

export function TargetMixFields({ value, onChange, onBlur, problems, idPrefix, isDisabled = false }: TargetMixFieldsProps) {
  const sumId = `${idPrefix}-sum`;
  return (
    <Stack space="space.050">
      <Inline space="space.100" shouldWrap>
        {WORK_TYPES.map((type) => {
          const messageId = `${idPrefix}-${type}-message`;
          return (
            <Stack key={type} space="space.025">
              <label htmlFor={`${idPrefix}-${type}`}>
                <Text size="small" weight="medium">
                  {type} %
                </Text>
              </label>
              <div style={{ width: 120 }}>
                <TextField
                  id={`${idPrefix}-${type}`}
                  type="number"
                  min={0}
                  max={100}
                  step={1}
                  value={value[type]}
                  isInvalid={Boolean(problems[type])}
                  isDisabled={isDisabled}
                  aria-describedby={`${messageId} ${sumId}`}
                  onChange={(event) => onChange({ ...value, [type]: event.currentTarget.value })}
                  onBlur={() => onBlur?.(type)}
                />
              </div>
              <div style={{ width: 120 }}>
                <FieldMessage id={messageId} error={problems[type]} />
              </div>
            </Stack>
          );
        })}
      </Inline>
      <FieldMessage id={sumId} error={problems.target} hint={targetTotalText(value)} />
    </Stack>
  );
}

/** Three percentage fields, one per work type, with their running total, shared by the gadget's edit view and the admin page. */
import TextField from '@atlaskit/textfield';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';
import { targetSum, type FormProblems } from './edit-form';

interface TargetMixFieldsProps {
  value: Record<WorkType, string>;
  onChange: (value: Record<WorkType, string>) => void;
  problems: FormProblems;
  idPrefix: string;
}

export function TargetMixFields({ value, onChange, problems, idPrefix }: TargetMixFieldsProps) {
  const sum = targetSum(value);
  return (
    <Stack space="space.050">
      <Inline space="space.100" shouldWrap>
        {WORK_TYPES.map((type) => (
          <Stack key={type} space="space.025">
            <label htmlFor={`${idPrefix}-${type}`}>
              <Text size="small" weight="medium">
                {type} %
              </Text>
            </label>
            <div style={{ width: 88 }}>
              <TextField
                id={`${idPrefix}-${type}`}
                type="number"
                min={0}
                max={100}
                step={1}
                value={value[type]}
                isInvalid={Boolean(problems[type])}
                aria-describedby={`${idPrefix}-sum`}
                onChange={(event) => onChange({ ...value, [type]: event.currentTarget.value })}
              />
            </div>
            {problems[type] && (
              <Text size="small" color="color.text.danger">
                {problems[type]}
              </Text>
            )}
          </Stack>
        ))}
      </Inline>
      <span id={`${idPrefix}-sum`} data-testid={`${idPrefix}-sum`}>
        <Text size="small" color={sum === 100 ? 'color.text.subtle' : 'color.text.danger'}>
          {sum === null ? 'Enter a whole percentage for each type.' : `Total ${sum}%${sum === 100 ? '' : ' — the target must add up to 100%.'}`}
        </Text>
      </span>
      {problems.target && (
        <Text size="small" color="color.text.danger">
          {problems.target}
        </Text>
      )}
    </Stack>
  );
}

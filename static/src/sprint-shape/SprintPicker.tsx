/** Which sprint the gadget follows: the active one, the next one, or one of the board's sprints by name. */
import Select from '@atlaskit/select';
import { Stack, Text } from '@atlaskit/primitives';
import type { SprintChoice } from '../../../src/contract/sprint-shape';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { FieldMessage } from './FieldMessage';

interface ChoiceOption {
  label: string;
  value: string;
  choice: SprintChoice;
}

const keyOf = (choice: SprintChoice): string => (choice.kind === 'sprint' ? `sprint-${choice.sprintId}` : choice.kind);

export function SprintPicker({ boardId, value, onChange, problem }: { boardId: number; value: SprintChoice; onChange: (c: SprintChoice) => void; problem?: string }) {
  const sprints = useResolver('sprintShape.sprints', { boardId });
  return (
    <Stack space="space.050">
      <label htmlFor="sprint-select">
        <Text weight="medium">Sprint</Text>
      </label>
      <Resolved result={sprints} what="the board's sprints">
        {(data) => {
          if (data.board.type !== 'scrum') {
            return (
              <Text color="color.text.warning">
                {data.board.name} is a {data.board.type} board: it has no sprints, so the gadget will have nothing to shape. Pick a scrum board.
              </Text>
            );
          }
          const options: ChoiceOption[] = [
            { label: 'The active sprint (follows the board)', value: 'active', choice: { kind: 'active' } },
            { label: 'The next sprint (for planning)', value: 'next', choice: { kind: 'next' } },
            ...data.sprints.map((sprint) => ({
              label: `${sprint.name} (${sprint.state})`,
              value: `sprint-${sprint.id}`,
              choice: { kind: 'sprint' as const, sprintId: sprint.id },
            })),
          ];
          return (
            <Select<ChoiceOption>
              inputId="sprint-select"
              options={options}
              value={options.find((option) => option.value === keyOf(value)) ?? null}
              onChange={(option) => option && onChange(option.choice)}
              isInvalid={Boolean(problem)}
              aria-describedby="sprint-message"
            />
          );
        }}
      </Resolved>
      <FieldMessage id="sprint-message" error={problem} hint={value.kind === 'active' ? 'Follows the board: the gadget moves on when the next sprint starts.' : undefined} />
    </Stack>
  );
}

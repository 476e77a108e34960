import Lozenge from '@atlaskit/lozenge';
import { Text } from '@atlaskit/primitives';
import type { WorkType } from '../../../src/domain/work-type';

/** One colour per kind of work, the same wherever a work type is shown. */
const APPEARANCE: Record<WorkType, 'new' | 'removed' | 'inprogress'> = {
  Innovative: 'new',
  Corrective: 'removed',
  Enabling: 'inprogress',
};

export function WorkTypeLozenge({ value }: { value: WorkType | null }) {
  if (!value) return <Text color="color.text.subtlest">Not triaged</Text>;
  return (
    <Lozenge appearance={APPEARANCE[value]} isBold>
      {value}
    </Lozenge>
  );
}

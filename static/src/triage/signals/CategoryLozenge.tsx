import Lozenge from '@atlaskit/lozenge';
import { categoryLabel } from './reasons';

type Appearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

/** Each category its own colour (Atlaskit's lozenge colours follow the theme); "other" and unknown ones stay neutral. */
const APPEARANCE: Readonly<Record<string, Appearance>> = {
  request: 'new',
  'pain-point': 'moved',
  confusion: 'inprogress',
  bug: 'removed',
};

export function CategoryLozenge({ category, suggested = false }: { category: string | null; suggested?: boolean }) {
  if (category === null) return null;
  return (
    <Lozenge appearance={APPEARANCE[category] ?? 'default'} isBold={!suggested}>
      {categoryLabel(category)}
    </Lozenge>
  );
}

import { useEffect, useRef } from 'react';
import Button from '@atlaskit/button/new';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';

/**
 * Select all, how many are selected, and the actions on the selection — the same as the keys Enter and 1/2/3.
 * For someone who may edit none of the rows, every control is disabled, and the note above the list says why.
 */
export function UnclassifiedToolbar({
  shown,
  selectedCount,
  selectableCount,
  allSelected,
  mayEditAny,
  onToggleAll,
  onAccept,
  onSet,
}: {
  shown: number;
  selectedCount: number;
  selectableCount: number;
  allSelected: boolean;
  mayEditAny: boolean;
  onToggleAll: () => void;
  onAccept: () => void;
  onSet: (workType: WorkType) => void;
}) {
  const selectAllRef = useRef<HTMLInputElement>(null);
  const someSelected = selectedCount > 0 && !allSelected;
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = someSelected;
  }, [someSelected]);
  const nothing = selectedCount === 0;
  return (
    <div className="tr-toolbar" role="toolbar" aria-label="Classify the selected issues">
      <label>
        <input
          ref={selectAllRef}
          type="checkbox"
          checked={allSelected}
          disabled={!mayEditAny || selectableCount === 0}
          onChange={onToggleAll}
          data-testid="unclassified-select-all"
        />
        Select all shown ({shown})
      </label>
      <span aria-live="polite" data-testid="unclassified-selected-count">
        {selectedCount > 0 ? `${selectedCount} selected` : 'None selected'}
      </span>
      <span className="tr-spacer" />
      <span className="tr-toolbar-actions">
        <Button spacing="compact" isDisabled={nothing} onClick={onAccept} testId="unclassified-accept-selected">
          Accept suggestions
        </Button>
        {WORK_TYPES.map((type, index) => (
          <Button key={type} spacing="compact" isDisabled={nothing} onClick={() => onSet(type)}>
            {`${type} (${index + 1})`}
          </Button>
        ))}
      </span>
    </div>
  );
}

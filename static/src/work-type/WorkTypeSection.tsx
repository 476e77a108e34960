import { Suspense, lazy, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { WorkType } from '../../../src/domain/work-type';
import { WorkTypeLozenge } from '../ui/WorkTypeLozenge';
import { Loading } from '../ui/Loading';
import { timeAgo } from '../ui/format';
import { SuggestionCard } from './SuggestionCard';
import type { WorkTypeState } from '../panel/types';

// The radios arrive only when someone wants to change the value: most visits only read it, or confirm.
const WorkTypeChanger = lazy(() => import('./WorkTypeChanger'));

/** "Set by Priya Raman, 3 days ago, accepted Upstream's suggestion" — only while it still describes the value. */
function decisionLine(workType: WorkTypeState): string | null {
  const { decision, value } = workType;
  if (!decision || decision.workType !== value) {
    return value ? 'Set in Jira, not through Upstream.' : null;
  }
  const verb = decision.workType ? 'Set' : 'Cleared';
  return `${verb} by ${decision.setBy.displayName}, ${timeAgo(decision.setAt)}${
    decision.acceptedSuggestion ? ", accepted Upstream's suggestion" : ''
  }.`;
}

export function WorkTypeSection({
  workType,
  canEdit,
  pending,
  onSet,
}: {
  workType: WorkTypeState;
  canEdit: boolean;
  /** The name of the write in flight, if any ("confirm", "change"). */
  pending: string | null;
  onSet: (value: WorkType | null, acceptedSuggestion: boolean) => Promise<boolean>;
}) {
  const [changing, setChanging] = useState(false);
  const { value, suggestion } = workType;
  const suggestionDiffers = suggestion !== null && suggestion.workType !== value;
  const line = decisionLine(workType);

  const change = async (next: WorkType | null) => {
    if (await onSet(next, false)) setChanging(false);
  };

  return (
    <section className="up-section" aria-labelledby="panel-work-type-heading" data-testid="panel-work-type">
      <h3 id="panel-work-type-heading">Work type</h3>
      <div className="up-row">
        <span data-testid="panel-work-type-value">
          <WorkTypeLozenge value={value} />
        </span>
        {line && (
          <span className="up-subtlest" data-testid="panel-work-type-decision">
            {line}
          </span>
        )}
      </div>
      {value && suggestion?.workType === value && (
        <p className="up-p up-subtlest">Upstream's rules suggest the same.</p>
      )}
      {suggestion && suggestionDiffers && (
        <div style={{ marginTop: 8 }}>
          <SuggestionCard suggestion={suggestion} title={value ? 'Upstream would suggest' : 'Upstream suggests'}>
            {canEdit && !changing && (
              <div className="up-row">
                <Button
                  appearance="primary"
                  onClick={() => void onSet(suggestion.workType, true)}
                  isLoading={pending === 'confirm'}
                  isDisabled={pending !== null && pending !== 'confirm'}
                  testId="panel-confirm-suggestion"
                >
                  {value ? `Use ${suggestion.workType}` : `Confirm ${suggestion.workType}`}
                </Button>
                <Button onClick={() => setChanging(true)} isDisabled={pending !== null}>
                  Choose another…
                </Button>
              </div>
            )}
          </SuggestionCard>
        </div>
      )}
      {canEdit && !changing && !suggestionDiffers && (
        <div className="up-row" style={{ marginTop: 8 }}>
          <Button onClick={() => setChanging(true)} isDisabled={pending !== null} testId="panel-change-work-type">
            {value ? 'Change work type' : 'Set work type'}
          </Button>
        </div>
      )}
      {changing && (
        <div style={{ marginTop: 8 }}>
          <Suspense fallback={<Loading what="the work types" />}>
            <WorkTypeChanger
              current={value}
              suggested={suggestion?.workType ?? null}
              saving={pending === 'change'}
              onSave={(next) => void change(next)}
              onCancel={() => setChanging(false)}
            />
          </Suspense>
        </div>
      )}
    </section>
  );
}

/**
 * The configured gadget: the chosen sprint's shape against its target, or the state that explains why there
 * is none and what to do. The person can switch between the active and the next sprint, and between count
 * and estimate, without reconfiguring. The resolver answers with drift and warnings in both measures, so the
 * switch shows the server's numbers and nothing is computed here.
 */
import { useState } from 'react';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { router } from '@forge/bridge';
import type { GadgetConfig, SprintChoice, SprintShapeView } from '../../../src/contract/sprint-shape';
import type { Measure, ShapeSegment } from '../../../src/domain/sprint-shape';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { Empty } from '../ui/Empty';
import { issueSearchUrl } from './gadget-config';
import { ShapeBars } from './ShapeBars';
import { DriftTable } from './DriftTable';
import { ShapeWarnings } from './ShapeWarnings';
import { Segmented } from './Segmented';
import { SprintTrend } from './SprintTrend';
import { TEXT_SUBTLE } from './segment-style';
import { driftBasis, driftRows, shownMeasure, type ReadyView } from './shape-view-model';

type ChoiceKey = 'active' | 'next' | 'sprint';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const shortDate = (iso: string | null): string | null =>
  iso ? new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' }) : null;

const actionStyle = {
  border: '1px solid var(--ds-border, #091E4224)',
  borderRadius: '3px',
  padding: '4px 10px',
  cursor: 'pointer',
  background: 'var(--ds-background-neutral, #091E420F)',
  color: 'var(--ds-text, #172B4D)',
  font: 'var(--ds-font-body, 400 14px/20px sans-serif)',
} as const;

function ActionButton({ onClick, children }: { onClick: () => void; children: string }) {
  return (
    <button type="button" style={actionStyle} onClick={onClick}>
      {children}
    </button>
  );
}

function ReadyShape({ view, measure, onMeasure, siteUrl }: { view: ReadyView; measure: Measure; onMeasure: (m: Measure) => void; siteUrl: string }) {
  const shown = shownMeasure(view, measure);
  const openSegment = (segment: ShapeSegment): void => {
    void router.open(issueSearchUrl(siteUrl, view.segmentJql[segment])).catch((error: unknown) => console.error('Upstream: opening Jira search failed', error));
  };
  const dates = [shortDate(view.sprint.startDate), shortDate(view.sprint.endDate)].filter(Boolean).join(' – ');
  const estimateName = view.estimationField?.name ?? 'estimate';
  return (
    <div style={{ display: 'grid', gap: '10px' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', justifyContent: 'space-between' }}>
        <span style={{ color: TEXT_SUBTLE, fontSize: 12 }}>
          {plural(view.shape.issueCount, 'issue', 'issues')} · {view.shape.doneCount} done{dates ? ` · ${dates}` : ''}
        </span>
        {view.estimationField && view.readings.estimate && (
          <Segmented<Measure>
            label="Measure"
            options={[
              { value: 'estimate', label: `By ${estimateName.toLowerCase()}` },
              { value: 'count', label: 'By count' },
            ]}
            value={shown.measure}
            onChange={onMeasure}
          />
        )}
      </div>
      <ShapeBars shown={shown} target={view.target} onOpenSegment={openSegment} />
      <ShapeWarnings warnings={shown.reading.warnings} threshold={view.driftThreshold} measure={shown.measure} estimateName={estimateName} />
      <DriftTable rows={driftRows(shown, view.target)} basis={driftBasis(shown)} measure={shown.measure} onOpenSegment={openSegment} />
      {!view.estimationField ? (
        <span style={{ color: TEXT_SUBTLE, fontSize: 12 }}>This board does not estimate, so the shape is by issue count.</span>
      ) : (
        !view.readings.estimate && <span style={{ color: TEXT_SUBTLE, fontSize: 12 }}>No issue in this sprint has {estimateName.toLowerCase()} yet, so the shape is by issue count.</span>
      )}
    </div>
  );
}

function Body({ view, measure, onMeasure, onChoose, siteUrl }: { view: SprintShapeView; measure: Measure; onMeasure: (m: Measure) => void; onChoose: (c: SprintChoice) => void; siteUrl: string }) {
  switch (view.state) {
    case 'ready':
      return <ReadyShape view={view} measure={measure} onMeasure={onMeasure} siteUrl={siteUrl} />;
    case 'empty-sprint':
      return (
        <Empty title={`${view.sprint.name} has no issues yet`}>
          Add issues to the sprint from the board's backlog; its shape appears here as soon as it holds work.
        </Empty>
      );
    case 'no-sprints':
      return (
        <Empty title={`${view.board.name} has no sprints`}>
          It is a {view.board.type} board, and sprint shape needs sprints. Choose Configure in the gadget's menu and pick a scrum board.
        </Empty>
      );
    case 'no-active-sprint':
      return (
        <Empty
          title="No active sprint"
          action={view.nextSprint ? <ActionButton onClick={() => onChoose({ kind: 'next' })}>{`Show the next sprint: ${view.nextSprint.name}`}</ActionButton> : undefined}
        >
          {view.nextSprint
            ? `${view.board.name} has no sprint in progress. Look at the next one to shape it while you plan.`
            : `${view.board.name} has no sprint in progress and none planned. Create or start a sprint in Jira.`}
        </Empty>
      );
    case 'no-future-sprint':
      return (
        <Empty title="No sprint planned" action={<ActionButton onClick={() => onChoose({ kind: 'active' })}>Show the active sprint</ActionButton>}>
          {view.board.name} has no future sprint yet. Create one in the backlog to shape it before it starts.
        </Empty>
      );
  }
}

export function SprintShapeGadget({ config, siteUrl }: { config: GadgetConfig; siteUrl: string }) {
  const [choice, setChoice] = useState<SprintChoice>(config.sprint);
  const [measure, setMeasure] = useState<Measure>(config.measure);
  const shape = useResolver('sprintShape.get', { config: { ...config, sprint: choice } });
  const choiceOptions: Array<{ value: ChoiceKey; label: string }> = [
    ...(config.sprint.kind === 'sprint' ? [{ value: 'sprint' as const, label: 'Chosen sprint' }] : []),
    { value: 'active', label: 'Active' },
    { value: 'next', label: 'Next' },
  ];
  const chooseKey = (key: ChoiceKey): void => setChoice(key === 'sprint' ? config.sprint : { kind: key });
  return (
    <div style={{ display: 'grid', gap: '10px' }}>
      <Resolved result={shape} what="the sprint's shape">
        {(view) => (
          <>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', justifyContent: 'space-between' }}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' }}>
                <Heading size="small" as="h2">
                  {view.board.name}
                </Heading>
                {'sprint' in view && (
                  <>
                    <span data-testid="sprint-shape-sprint-name">{view.sprint.name}</span>
                    <Lozenge appearance={view.sprint.state === 'active' ? 'inprogress' : view.sprint.state === 'future' ? 'new' : 'default'}>{view.sprint.state}</Lozenge>
                  </>
                )}
                {view.board.projectKey && <span style={{ color: TEXT_SUBTLE, fontSize: 12 }}>Project {view.board.projectKey}</span>}
              </div>
              {view.board.type === 'scrum' && <Segmented<ChoiceKey> label="Sprint" options={choiceOptions} value={choice.kind} onChange={chooseKey} />}
            </div>
            <Body view={view} measure={measure} onMeasure={setMeasure} onChoose={setChoice} siteUrl={siteUrl} />
            {view.board.type === 'scrum' && <SprintTrend boardId={view.board.id} measure={measure} target={config.target} />}
          </>
        )}
      </Resolved>
    </div>
  );
}

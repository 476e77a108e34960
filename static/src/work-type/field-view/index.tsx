/**
 * The Work type field as Jira's issue view shows it. Jira renders a Forge custom field's view only with UI Kit
 * (`view.render: native`) or a formatter expression, never with a Custom UI resource, so this one piece of
 * Upstream is written with `@forge/react` and is its own resource (`work-type-view` in manifest.yml); Forge
 * bundles it from this file on deploy. The edit stays in the Custom UI app.
 *
 * It needs no resolver: Jira hands the field's value to the view in the product context
 * (`extension.fieldValue`) and renders the view again after the field's own edit. The Upstream panel beside it
 * sets the value through the REST API, and Jira does not tell the person's own issue view about their own
 * changes (forge-reference §1.2, JIRA_ISSUE_CHANGED), so the panel's WORK_TYPE_CHANGED event, which carries the
 * new value, updates the view without a reload.
 */
import { useEffect, useState } from 'react';
import { events } from '@forge/bridge';
import ForgeReconciler, { Lozenge, Text, useProductContext } from '@forge/react';
import { isWorkType, type WorkType } from '../../../../src/domain/work-type';
import { WORK_TYPE_CHANGED } from '../../ui/issue-events';

/** The same appearance per work type as the Custom UI app's lozenge (static/src/ui/WorkTypeLozenge.tsx). */
const APPEARANCE: Record<WorkType, 'new' | 'removed' | 'inprogress'> = {
  Innovative: 'new',
  Corrective: 'removed',
  Enabling: 'inprogress',
};

function WorkTypeFieldView({ value }: { value: unknown }) {
  // Jira's own word for an empty field. ('' cannot come from a person: the field's validation refuses it.)
  if (value === null || value === undefined || value === '') {
    return (
      <Text color="color.text.subtlest" testId="work-type-field-none">
        None
      </Text>
    );
  }
  if (isWorkType(value)) {
    return (
      <Lozenge appearance={APPEARANCE[value]} isBold testId="work-type-field-value">
        {value}
      </Lozenge>
    );
  }
  // The validation keeps other values out of people's edits, not out of app writes or migrations: say what is
  // stored rather than pretend the issue is untriaged.
  const shown = typeof value === 'string' ? `“${value}”` : 'This value';
  return <Text testId="work-type-field-unrecognised">{`${shown} is not a work type Upstream knows`}</Text>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function App() {
  const context = useProductContext();
  const [changedTo, setChangedTo] = useState<{ value: unknown } | null>(null);
  const issue: unknown = context?.extension.issue;
  const issueKey = isRecord(issue) && typeof issue.key === 'string' ? issue.key : null;

  useEffect(() => {
    if (!issueKey) return;
    const subscription = events.on(WORK_TYPE_CHANGED, (payload: unknown) => {
      if (isRecord(payload) && payload.issueKey === issueKey) setChangedTo({ value: payload.value });
    });
    return () => {
      subscription.then((s) => s.unsubscribe()).catch(() => undefined);
    };
  }, [issueKey]);

  // Until Jira answers getContext, show nothing rather than a "None" that may be wrong.
  if (!context) return null;
  const fieldValue: unknown = context.extension.fieldValue;
  return <WorkTypeFieldView value={changedTo ? changedTo.value : fieldValue} />;
}

ForgeReconciler.render(<App />);

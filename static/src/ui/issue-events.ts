/**
 * How Upstream's frames on one issue keep each other current. The panel emits WORK_TYPE_CHANGED after it sets
 * the work type, and the Work type field's view (another frame of the same app) reloads its value. Jira itself
 * emits JIRA_ISSUE_CHANGED, a few seconds late, when the issue changes by any route (forge-reference §1.2), so
 * the panel and the field listen for that as well.
 */
import { useEffect, useRef } from 'react';
import { events } from '@forge/bridge';

export const WORK_TYPE_CHANGED = 'upstream:work-type-changed';
const JIRA_ISSUE_CHANGED = 'JIRA_ISSUE_CHANGED';

export interface WorkTypeChangedPayload {
  issueKey: string;
  value: string | null;
}

export function emitWorkTypeChanged(payload: WorkTypeChangedPayload): void {
  events.emit(WORK_TYPE_CHANGED, payload).catch((error: unknown) => {
    // The change is saved either way; only the other frame's refresh is lost, so this is not the person's problem.
    console.warn('Upstream: could not tell the Work type field about the change', error);
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Calls `onChange` when this issue's work type changes in another frame, or Jira says the issue changed.
 * `issueId` narrows Jira's event (its payload names the issue by id, not by key).
 */
export function useIssueChanges(
  issue: { key: string | null; id?: string | null },
  onChange: () => void,
  /** The panel, which emits WORK_TYPE_CHANGED itself, listens only to Jira. */
  { includeUpstreamEvents = true }: { includeUpstreamEvents?: boolean } = {},
): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  const { key, id } = issue;
  useEffect(() => {
    if (!key) return;
    const subscriptions = [
      events.on(JIRA_ISSUE_CHANGED, (payload: unknown) => {
        if (!isRecord(payload) || payload.issueId === undefined || id == null || String(payload.issueId) === id) latest.current();
      }),
    ];
    if (includeUpstreamEvents) {
      subscriptions.push(
        events.on(WORK_TYPE_CHANGED, (payload: unknown) => {
          if (isRecord(payload) && payload.issueKey === key) latest.current();
        }),
      );
    }
    return () => {
      for (const subscription of subscriptions) {
        subscription.then((s) => s.unsubscribe()).catch(() => undefined);
      }
    };
  }, [key, id, includeUpstreamEvents]);
}

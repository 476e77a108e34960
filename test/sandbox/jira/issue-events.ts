/**
 * Product events for issue edits (`avi:jira:updated:issue`), as Forge delivers them to triggers: the issue, the
 * person behind the change, and a changelog of what changed. The emulator snapshots issues before a write and
 * compares after it, so every write route (edit, app field values, bulk) produces events without each route
 * having to remember to.
 */
import type { JiraIssue, JiraSite } from './model';

export interface ChangelogItem {
  field: string;
  fieldId: string;
  fieldtype: 'jira' | 'custom';
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface IssueUpdatedEvent {
  eventType: 'avi:jira:updated:issue';
  /** True when the app itself made the change; Forge's `ignoreSelf` filter drops these. */
  selfGenerated: boolean;
  atlassianId?: string;
  issue: { id: string; key: string; fields: { summary: string; status: { id: string; name: string; statusCategory: { key: string } } | null } };
  changelog: { id: string; items: ChangelogItem[] };
  timestamp: number;
}

type Snapshot = Map<string, string>;

const tracked = (issue: JiraIssue) => ({ summary: issue.summary, labels: issue.labels, customFields: issue.customFields, statusId: issue.statusId });

export const snapshotIssues = (site: JiraSite): Snapshot => new Map(site.issues.map((issue) => [issue.id, JSON.stringify(tracked(issue))]));

const asText = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

function itemsFor(site: JiraSite, before: ReturnType<typeof tracked>, after: JiraIssue): ChangelogItem[] {
  const items: ChangelogItem[] = [];
  if (before.summary !== after.summary) {
    items.push({ field: 'summary', fieldId: 'summary', fieldtype: 'jira', from: null, fromString: before.summary, to: null, toString: after.summary });
  }
  // A transition: Jira's changelog names the statuses by id and name.
  if (before.statusId !== undefined && before.statusId !== after.statusId) {
    const name = (id: string) => site.statuses.find((status) => status.id === id)?.name ?? id;
    items.push({ field: 'status', fieldId: 'status', fieldtype: 'jira', from: before.statusId, fromString: name(before.statusId), to: after.statusId, toString: name(after.statusId) });
  }
  if (before.labels.join(' ') !== after.labels.join(' ')) {
    items.push({ field: 'labels', fieldId: 'labels', fieldtype: 'jira', from: null, fromString: before.labels.join(' '), to: null, toString: after.labels.join(' ') });
  }
  for (const fieldId of new Set([...Object.keys(before.customFields), ...Object.keys(after.customFields)])) {
    const from = asText(before.customFields[fieldId]);
    const to = asText(after.customFields[fieldId]);
    if (from === to) continue;
    const name = site.customFields.find((field) => field.id === fieldId)?.name ?? fieldId;
    items.push({ field: name, fieldId, fieldtype: 'custom', from: null, fromString: from, to: null, toString: to });
  }
  return items;
}

const statusField = (site: JiraSite, statusId: string) => {
  const status = site.statuses.find((s) => s.id === statusId);
  return status ? { id: status.id, name: status.name, statusCategory: { key: status.category } } : null;
};

/** The events a write produced: one per issue whose tracked fields differ from the snapshot. */
export function issueUpdatedEvents(
  site: JiraSite,
  before: Snapshot,
  actor: { accountId?: string; selfGenerated: boolean },
  now: Date,
): IssueUpdatedEvent[] {
  const events: IssueUpdatedEvent[] = [];
  for (const issue of site.issues) {
    const was = before.get(issue.id);
    if (was === undefined || was === JSON.stringify(tracked(issue))) continue;
    const items = itemsFor(site, JSON.parse(was) as ReturnType<typeof tracked>, issue);
    if (items.length === 0) continue;
    events.push({
      eventType: 'avi:jira:updated:issue',
      selfGenerated: actor.selfGenerated,
      ...(actor.accountId ? { atlassianId: actor.accountId } : {}),
      issue: { id: issue.id, key: issue.key, fields: { summary: issue.summary, status: statusField(site, issue.statusId) } },
      changelog: { id: `${now.getTime()}-${issue.id}`, items },
      timestamp: now.getTime(),
    });
  }
  return events;
}

/**
 * Turns Jira's issue representation into what Upstream shows and suggests from. Fields are parsed leniently:
 * a field Jira leaves out (not on the screen, not requested) reads as empty rather than failing the page.
 */
import { z } from 'zod';
import type { IssueSummary } from '../../contract';
import type { IssueFacts, SignalRoute } from '../../domain/suggestion';
import { isWorkType, type WorkType } from '../../domain/work-type';
import { plainTextOfAdf } from '../../jira/adf';
import type { JiraIssueRecord } from '../../jira/issue-reads';
import { statusSchema } from '../../jira/schemas';

/** Fields asked for wherever an issue is shown or suggested for; the work-type field is added by id. */
export const FACT_FIELDS = ['summary', 'status', 'issuetype', 'project', 'labels', 'description', 'parent'] as const;

const named = z.object({ name: z.string() });
const fieldsSchema = z.object({
  summary: z.string().catch(''),
  status: statusSchema.optional().catch(undefined),
  issuetype: named.optional().catch(undefined),
  project: z.object({ key: z.string(), name: z.string() }).optional().catch(undefined),
  labels: z.array(z.string()).catch([]),
  description: z.unknown().optional(),
  parent: z
    .object({ id: z.string(), key: z.string(), fields: z.object({ summary: z.string().catch('') }).catch({ summary: '' }) })
    .optional()
    .catch(undefined),
});

export interface IssueView {
  summary: IssueSummary & { labels: string[] };
  description: string;
  parent: { id: string; key: string; summary: string } | null;
  workType: WorkType | null;
}

const CATEGORIES = new Set(['new', 'indeterminate', 'done']);

export function issueViewOf(record: JiraIssueRecord, workTypeFieldId: string): IssueView {
  const f = fieldsSchema.parse(record.fields);
  const category = f.status?.statusCategory.key ?? 'new';
  const raw = record.fields[workTypeFieldId];
  return {
    summary: {
      id: record.id,
      key: record.key ?? record.id,
      summary: f.summary,
      status: {
        name: f.status?.name ?? 'Unknown',
        category: CATEGORIES.has(category) ? (category as IssueSummary['status']['category']) : 'new',
      },
      issueType: f.issuetype?.name ?? 'Unknown',
      project: f.project ?? { key: (record.key ?? '').split('-')[0] ?? '', name: '' },
      labels: f.labels,
    },
    description: plainTextOfAdf(f.description),
    parent: f.parent ? { id: f.parent.id, key: f.parent.key, summary: f.parent.fields.summary } : null,
    // A value outside the three (set over REST before validation existed) reads as untriaged.
    workType: isWorkType(raw) ? raw : null,
  };
}

export function factsOf(
  view: IssueView,
  parentWorkType: WorkType | null,
  origin: { signalRoutes: SignalRoute[]; fromDiscoveryNote: boolean } | null,
): IssueFacts {
  return {
    issueType: view.summary.issueType,
    labels: view.summary.labels,
    summary: view.summary.summary,
    description: view.description,
    parent: view.parent ? { summary: view.parent.summary, workType: parentWorkType } : null,
    origin,
  };
}

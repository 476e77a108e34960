/**
 * Issues while the seed is still deciding them: referred to by a local `ref`, dated with real Dates. Ids and
 * keys are handed out only at the end, in order of creation, because that is how Jira numbers issues.
 */
import type { WorkType } from '../../../src/domain/work-type';
import type { AdfDocument, JiraIssue, JiraIssueLink } from '../jira/model';
import type { IssueTypeName, StatusName } from './catalogue';
import { ISSUE_TYPE, LINK_TYPE, STATUS, STORY_POINTS_FIELD_ID, WORK_TYPE_FIELD_ID } from './catalogue';
import type { SeedLabel } from './phrasebook';
import type { ProjectKey } from './projects';
import { PROJECT_IDS } from './projects';

export interface DraftIssue {
  ref: number;
  projectKey: ProjectKey;
  issueType: IssueTypeName;
  status: StatusName;
  summary: string;
  description: AdfDocument | null;
  labels: SeedLabel[];
  priority: JiraIssue['priority'];
  assigneeAccountId: string | null;
  reporterAccountId: string;
  parentRef: number | null;
  created: Date;
  updated: Date;
  resolved: Date | null;
  storyPoints: number | null;
  /** What the work really is — what its summary reads as. */
  nature: WorkType;
  /** What a person has classified it as (the Work type field); null = not yet triaged. */
  workType: WorkType | null;
  sprintIds: number[];
}

export interface DraftLink {
  type: keyof typeof LINK_TYPE;
  /** Reads "inward <outward word> outward": for Blocks, the inward issue blocks the outward one. */
  inwardRef: number;
  outwardRef: number;
}

export class DraftBook {
  readonly issues: DraftIssue[] = [];
  readonly links: DraftLink[] = [];
  private nextRef = 1;

  add(fields: Omit<DraftIssue, 'ref'>): DraftIssue {
    const draft: DraftIssue = { ...fields, ref: this.nextRef };
    this.nextRef += 1;
    this.issues.push(draft);
    return draft;
  }

  link(type: DraftLink['type'], inward: DraftIssue, outward: DraftIssue): void {
    this.links.push({ type, inwardRef: inward.ref, outwardRef: outward.ref });
  }
}

const FIRST_ISSUE_ID = 10001;
const FIRST_LINK_ID = 10200;

const statusIdOf = (name: StatusName): string => {
  const status = Object.values(STATUS).find((candidate) => candidate.name === name);
  if (status === undefined) throw new Error(`Unknown status ${name}`);
  return status.id;
};

const issueTypeIdOf = (name: IssueTypeName): string => {
  const type = Object.values(ISSUE_TYPE).find((candidate) => candidate.name === name);
  if (type === undefined) throw new Error(`Unknown issue type ${name}`);
  return type.id;
};

/** Numbers the drafts in order of creation (ids site-wide, keys per project) and writes them as Jira issues. */
export const finalizeDrafts = (book: DraftBook): { issues: JiraIssue[]; links: JiraIssueLink[] } => {
  const byCreation = [...book.issues].sort((left, right) => left.created.getTime() - right.created.getTime() || left.ref - right.ref);
  const idByRef = new Map<number, string>();
  const keyCounters: Record<ProjectKey, number> = { PAY: 0, INV: 0, OPS: 0 };
  const keyByRef = new Map<number, string>();
  byCreation.forEach((draft, index) => {
    idByRef.set(draft.ref, String(FIRST_ISSUE_ID + index));
    keyCounters[draft.projectKey] += 1;
    keyByRef.set(draft.ref, `${draft.projectKey}-${keyCounters[draft.projectKey]}`);
  });
  const idOf = (ref: number): string => {
    const id = idByRef.get(ref);
    if (id === undefined) throw new Error(`No issue for draft ${ref}`);
    return id;
  };

  const issues = byCreation.map((draft): JiraIssue => {
    const customFields: Record<string, unknown> = {};
    if (draft.storyPoints !== null) customFields[STORY_POINTS_FIELD_ID] = draft.storyPoints;
    if (draft.workType !== null) customFields[WORK_TYPE_FIELD_ID] = draft.workType;
    return {
      id: idOf(draft.ref),
      key: keyByRef.get(draft.ref) ?? '',
      projectId: PROJECT_IDS[draft.projectKey],
      issueTypeId: issueTypeIdOf(draft.issueType),
      statusId: statusIdOf(draft.status),
      summary: draft.summary,
      description: draft.description,
      labels: [...draft.labels],
      priority: draft.priority,
      assigneeAccountId: draft.assigneeAccountId,
      reporterAccountId: draft.reporterAccountId,
      parentId: draft.parentRef === null ? null : idOf(draft.parentRef),
      created: draft.created.toISOString(),
      updated: draft.updated.toISOString(),
      resolutiondate: draft.resolved === null ? null : draft.resolved.toISOString(),
      customFields,
      sprintIds: [...draft.sprintIds],
      properties: {},
    };
  });

  const links = book.links.map(
    (link, index): JiraIssueLink => ({
      id: String(FIRST_LINK_ID + index),
      typeId: LINK_TYPE[link.type].id,
      inwardIssueId: idOf(link.inwardRef),
      outwardIssueId: idOf(link.outwardRef),
    }),
  );
  return { issues, links };
};

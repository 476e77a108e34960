/**
 * Who set an issue's work type through Upstream, when, and whether they took the suggestion (custom entity
 * `work-type-decision`, keyed by issue id because keys change when issues move between projects).
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { WORK_TYPES, type WorkType } from '../domain/work-type';
import { withStorageRetry } from './storage-retry';
import { readStored } from './stored-record';

export const WORK_TYPE_DECISION_ENTITY = 'work-type-decision';
const DECISION_KIND = 'work-type-decision';

export const storedDecisionSchema = z.object({
  issueId: z.string(),
  issueKey: z.string(),
  /** Absent when the person cleared the value. */
  workType: z.enum(WORK_TYPES).optional(),
  setByAccountId: z.string(),
  /** Unix seconds: entity integers are 32-bit. */
  setAt: z.number().int(),
  acceptedSuggestion: z.boolean(),
});
type StoredDecision = z.infer<typeof storedDecisionSchema>;

export interface WorkTypeDecision {
  issueId: string;
  issueKey: string;
  workType: WorkType | null;
  setByAccountId: string;
  setAt: Date;
  acceptedSuggestion: boolean;
}

const MAX_BATCH = 25;

function toStored(d: WorkTypeDecision): StoredDecision {
  return {
    issueId: d.issueId,
    issueKey: d.issueKey,
    ...(d.workType ? { workType: d.workType } : {}),
    setByAccountId: d.setByAccountId,
    setAt: Math.floor(d.setAt.getTime() / 1000),
    acceptedSuggestion: d.acceptedSuggestion,
  };
}

/** A decision Upstream cannot read is reported and treated as none: the panel then shows the value without who set it. */
function fromStored(issueId: string, value: unknown): WorkTypeDecision | null {
  const s = readStored(DECISION_KIND, issueId, storedDecisionSchema, value);
  return s ? { ...s, workType: s.workType ?? null, setAt: new Date(s.setAt * 1000) } : null;
}

/** Saves decisions 25 to a batch, batches in parallel; a batch item that fails is reported by issue id. */
export async function saveDecisions(decisions: readonly WorkTypeDecision[]): Promise<{ failedIssueIds: string[] }> {
  const batches: WorkTypeDecision[][] = [];
  for (let start = 0; start < decisions.length; start += MAX_BATCH) batches.push(decisions.slice(start, start + MAX_BATCH));
  const answers = await Promise.all(
    batches.map((batch) =>
      withStorageRetry(() =>
        kvs.batchSet(batch.map((d) => ({ key: d.issueId, value: toStored(d), entityName: WORK_TYPE_DECISION_ENTITY }))),
      ),
    ),
  );
  return { failedIssueIds: answers.flatMap((a) => a.failedKeys.map((f) => f.key)) };
}

export async function getDecision(issueId: string): Promise<WorkTypeDecision | null> {
  return fromStored(issueId, await withStorageRetry(() => kvs.entity(WORK_TYPE_DECISION_ENTITY).get(issueId)));
}

/**
 * The decision for an issue found by its key, for reads that must start before the issue's id is known. The
 * caller compares `issueId` with the issue it then reads: a key reused after a move must not borrow a decision.
 */
export async function findDecisionByIssueKey(issueKey: string): Promise<WorkTypeDecision | null> {
  const page = await withStorageRetry(() =>
    kvs.entity<unknown>(WORK_TYPE_DECISION_ENTITY).query().index('by-issue-key').where(WhereConditions.equalTo(issueKey)).limit(5).getMany(),
  );
  const decisions = page.results.map((r) => fromStored(r.key, r.value)).filter((d): d is WorkTypeDecision => d !== null);
  return decisions.sort((a, b) => b.setAt.getTime() - a.setAt.getTime())[0] ?? null;
}

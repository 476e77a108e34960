/**
 * The outbox effect `route-to-jira`: what a stored routing decision owes Jira, performed from the queue.
 *
 * - It first applies each standing decision to its cluster (the same conditional statement the resolver runs):
 *   if the resolver died between storing the decision and moving the cluster, this repairs it.
 * - Quick fix: a Corrective issue per cluster (Bug type, the work type set through the app field API, the
 *   customers' words in the description, the origin property set in the create request itself), created with
 *   Jira's bulk create, 50 per call; optionally into the project's next sprint. Roadmap: link an existing epic
 *   (its origin property gains the cluster's signals) or create one the same way.
 * - Idempotent: delivery is at least once and a consumer may die after Jira created the issues but before their
 *   keys were stored. So before creating anything it asks Jira (one JQL search on the indexed origin property,
 *   `upstreamSignal in (…)`) for issues whose origin carries one of these decisions' ids, records those keys,
 *   and creates only the rest. Each created key is recorded before anything else that can fail.
 * - A refusal of one issue (Jira's per-issue error) fails that decision's Jira side for good with the reason;
 *   429/5xx throw, and the outbox retries the effect (up to its attempts; then the decision reads as failed).
 */
import { linkOrigin, type SignalForOrigin } from '../../domain/origin';
import { CLUSTER_STATE_OF_ROUTE, ROUTABLE_CLUSTER_STATES, hasJiraSide } from '../../domain/routing';
import type { SignalRoute } from '../../domain/signals';
import { AppError } from '../../errors';
import { writeFieldValues } from '../../jira/app-field-values';
import { workTypeFieldId } from '../../jira/fields';
import { bulkCreateIssues, issuesWithOriginSignals, MAX_BULK_CREATE, nextSprintOf, readOriginPropertyAsApp, writeOriginPropertyAsApp, type IssueToCreate } from '../../jira/issue-create';
import { bulkFetchIssues } from '../../jira/issue-reads';
import { parseOriginProperty } from '../../jira/origin-property';
import { applyRouteToCluster, getRouteDecisions, recordJiraSide, type RouteDecision } from '../../store/routing-decision-repository';
import { clusterMembers, getSignals } from '../../store/signal-reads';
import { getClusters } from '../../store/cluster-repository';
import { clock } from '../clock';
import { routedIssueDescription } from './routing-description';
import { notifyRaisersOfRoutedClusters } from './notify-raisers';

export interface RouteToJiraPayload {
  effectId: string;
  decisions: Array<{ clusterId: string; decisionId: string }>;
}

/** Only a code a person must act on fails a decision for good at once; anything else is retried by the outbox. */
const PERMANENT = new Set(['invalid-input', 'not-found', 'forbidden']);
const isPermanent = (error: unknown): error is AppError => error instanceof AppError && PERMANENT.has(error.code);

interface Evidence {
  decision: RouteDecision;
  title: string;
  signals: Array<SignalForOrigin & { text: string; source: string; raisedBy: string }>;
}

async function evidenceOf(decisions: readonly RouteDecision[]): Promise<Evidence[]> {
  const clusters = new Map((await getClusters(decisions.map((d) => d.clusterId))).map((c) => [c.id, c]));
  const out: Evidence[] = [];
  for (const decision of decisions) {
    const members = await clusterMembers(decision.clusterId);
    out.push({
      decision,
      title: clusters.get(decision.clusterId)?.title ?? decision.clusterId,
      signals: members.map((m) => ({ id: m.signal.id, customer: m.signal.customer, arr: m.signal.arr ?? null, text: m.signal.text, source: m.signal.source, raisedBy: m.signal.raisedByName })),
    });
  }
  return out;
}

const originFor = (evidence: Evidence, at: string): Record<string, unknown> => ({
  ...linkOrigin(null, { signalIds: evidence.signals.map((s) => s.id), discoveryNoteId: null }, evidence.signals, evidence.decision.decidedBy, at),
  // Not indexed: how a redelivered effect recognises the issue it created for this decision.
  decisionId: evidence.decision.decisionId,
});

interface JiraIssueRef {
  key: string;
  id: string;
}

/**
 * Issues an earlier delivery created for these decisions, by decision id: found by their origin property, or
 * (should the search not show them yet) by the key an earlier delivery recorded, read back for its id.
 */
async function alreadyCreated(evidence: readonly Evidence[]): Promise<Map<string, JiraIssueRef>> {
  const found = await issuesWithOriginSignals(evidence.flatMap((e) => e.signals.map((s) => s.id)));
  const byDecision = new Map<string, JiraIssueRef>();
  for (const issue of found) {
    const decisionId = (issue.origin as { decisionId?: unknown } | null)?.decisionId;
    if (typeof decisionId === 'string' && !byDecision.has(decisionId)) byDecision.set(decisionId, { key: issue.key, id: issue.id });
  }
  const recordedOnly = evidence.filter((e) => e.decision.issueKey && !byDecision.has(e.decision.decisionId!));
  if (recordedOnly.length > 0) {
    const records = await bulkFetchIssues('app', recordedOnly.map((e) => e.decision.issueKey!), ['summary']);
    for (const e of recordedOnly) {
      const record = records.find((r) => r.key === e.decision.issueKey);
      // Recorded but not readable: never create a second one; the work type is left for a person.
      byDecision.set(e.decision.decisionId!, { key: e.decision.issueKey!, id: record?.id ?? '' });
    }
  }
  return byDecision;
}

/** Creates the issues these decisions owe (quick fix: Corrective bugs; roadmap: epics), 50 per bulk call. */
async function createIssuesFor(evidence: readonly Evidence[]): Promise<void> {
  if (evidence.length === 0) return;
  const at = clock.now().toISOString();
  const issues = await alreadyCreated(evidence);
  for (const e of evidence) {
    const found = issues.get(e.decision.decisionId!);
    if (found && found.key !== e.decision.issueKey) await recordJiraSide(e.decision.clusterId, e.decision.decisionId!, { state: 'pending', issueKey: found.key });
  }
  const toCreate = evidence.filter((e) => !issues.has(e.decision.decisionId!));
  const sprints = new Map<string, Awaited<ReturnType<typeof nextSprintOf>>>();
  for (const e of toCreate) {
    const project = e.decision.targetProjectKey!;
    if (e.decision.intoNextSprint && !sprints.has(project)) sprints.set(project, await nextSprintOf(project));
  }
  for (let start = 0; start < toCreate.length; start += MAX_BULK_CREATE) {
    const chunk = toCreate.slice(start, start + MAX_BULK_CREATE);
    const requests: IssueToCreate[] = chunk.map((e) => {
      const quickFix = e.decision.route === 'quick-fix';
      const sprint = e.decision.intoNextSprint ? sprints.get(e.decision.targetProjectKey!) : null;
      return {
        projectKey: e.decision.targetProjectKey!,
        issueTypeName: quickFix ? 'Bug' : 'Epic',
        summary: (quickFix ? e.title : (e.decision.epicSummary ?? e.title)).slice(0, 255),
        description: routedIssueDescription(e.decision.rationale, e.signals),
        origin: originFor(e, at),
        ...(sprint ? { extraFields: { [sprint.fieldId]: sprint.sprintId } } : {}),
      };
    });
    const answers = await bulkCreateIssues(requests);
    // Each key is stored at once: a later failure (the work type, a crash) must not lead to a second issue.
    for (const [index, answer] of answers.entries()) {
      const e = chunk[index]!;
      if ('key' in answer) {
        await recordJiraSide(e.decision.clusterId, e.decision.decisionId!, { state: 'pending', issueKey: answer.key });
        issues.set(e.decision.decisionId!, answer);
      } else {
        // A refusal of the whole call already says "Jira refused the request for …"; one of this issue alone does not.
        const error = answer.refused.startsWith('Jira refused') ? answer.refused : `Jira refused the issue: ${answer.refused}`;
        await recordJiraSide(e.decision.clusterId, e.decision.decisionId!, { state: 'failed', error });
      }
    }
  }
  // The work type is an app-only field: one write for every Corrective issue, created now or found.
  const correctiveIds = evidence
    .filter((e) => e.decision.route === 'quick-fix')
    .map((e) => Number(issues.get(e.decision.decisionId!)?.id))
    .filter((id) => Number.isInteger(id) && id > 0);
  if (correctiveIds.length > 0) await writeFieldValues(await workTypeFieldId(), [{ value: 'Corrective', issueIds: correctiveIds }]);
  for (const e of evidence) {
    const issue = issues.get(e.decision.decisionId!);
    if (issue) await recordJiraSide(e.decision.clusterId, e.decision.decisionId!, { state: 'done', issueKey: issue.key });
  }
}

/** Roadmap to an existing epic: its origin gains the cluster's signals (customers and ARR recounted over all). */
async function linkEpic(evidence: Evidence): Promise<void> {
  const epicKey = evidence.decision.epicKey!;
  const current = parseOriginProperty(await readOriginPropertyAsApp(epicKey));
  const earlier = await getSignals((current?.signalIds ?? []).filter((id) => !evidence.signals.some((s) => s.id === id)));
  const known: SignalForOrigin[] = [...evidence.signals, ...[...earlier.values()].map((s) => ({ id: s.id, customer: s.customer, arr: s.arr ?? null }))];
  const next = linkOrigin(current, { signalIds: evidence.signals.map((s) => s.id), discoveryNoteId: null }, known, evidence.decision.decidedBy, clock.now().toISOString());
  await writeOriginPropertyAsApp(epicKey, { ...next, decisionId: evidence.decision.decisionId });
  await recordJiraSide(evidence.decision.clusterId, evidence.decision.decisionId!, { state: 'done', issueKey: epicKey });
}

export async function performRouteToJira(payload: RouteToJiraPayload): Promise<void> {
  const stored = await getRouteDecisions(payload.decisions.map((d) => d.clusterId));
  const standing = payload.decisions
    .map((d) => stored.get(d.clusterId))
    .filter((d): d is RouteDecision => d !== undefined && payload.decisions.some((p) => p.clusterId === d.clusterId && p.decisionId === d.decisionId));
  const now = clock.now().getTime();
  for (const d of standing) {
    const state = CLUSTER_STATE_OF_ROUTE[d.route as SignalRoute];
    if (state && d.route !== 'duplicate') await applyRouteToCluster(d.clusterId, d.decisionId!, state, ROUTABLE_CLUSTER_STATES, now);
  }
  // Closing the loop: each standing decision told to its raisers (and its issue, if a delivery before got that far).
  await notifyRaisersOfRoutedClusters(standing.map((d) => ({ clusterId: d.clusterId, decisionId: d.decisionId! })));
  // Only this effect's own pending work: a retry records a new effect, and the old one's redelivery does nothing.
  const owed = standing.filter((d) => hasJiraSide(d.route as SignalRoute) && d.jiraState === 'pending' && d.jiraEffectId === payload.effectId);
  if (owed.length === 0) return;
  const evidence = await evidenceOf(owed);
  const links = evidence.filter((e) => e.decision.route === 'roadmap' && e.decision.epicKey);
  const creates = evidence.filter((e) => !links.includes(e));
  for (const e of links) {
    try {
      await linkEpic(e);
    } catch (error: unknown) {
      if (!isPermanent(error)) throw error;
      await recordJiraSide(e.decision.clusterId, e.decision.decisionId!, { state: 'failed', error: error.message });
    }
  }
  try {
    await createIssuesFor(creates);
  } catch (error: unknown) {
    if (!isPermanent(error)) throw error;
    for (const e of creates) await recordJiraSide(e.decision.clusterId, e.decision.decisionId!, { state: 'failed', error: error.message });
  }
  // The issues are known now (or failed): those done are told to their raisers as a step of their own.
  await notifyRaisersOfRoutedClusters(owed.map((d) => ({ clusterId: d.clusterId, decisionId: d.decisionId! })));
}

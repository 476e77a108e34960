/**
 * Everything the issue panel shows on load, in two sequential round trips: first the issue (with its origin
 * property and fields), the caller's permissions, the field id, the rules, the decision and the walkthrough (its
 * versions and its acknowledgements and questions, two SQL statements), all at once; then what those name
 * (signals, note, parent, people), all at once. App data read in either round is returned only because the
 * first round's issue read, made as the user, proved they may see the issue.
 */
import type { ResolverOutput } from '../../contract';
import { ORIGIN_PROPERTY_KEY } from '../../domain/origin';
import { z } from 'zod';
import { isReady, readinessOf } from '../../domain/readiness';
import { suggestWorkType } from '../../domain/suggestion';
import { workTypeFieldId } from '../../jira/fields';
import { myIssuePermissions } from '../../jira/issue-permissions';
import { getIssueRecord } from '../../jira/issue-reads';
import { parseOriginProperty } from '../../jira/origin-property';
import { currentUser, displayNamesOf } from '../../jira/users';
import { getDiscoveryNotes } from '../../store/discovery-note-repository';
import { getSignals } from '../../store/signal-reads';
import { findDecisionByIssueKey } from '../../store/work-type-decision-repository';
import { walkthroughActivity, walkthroughVersionsForReader } from '../../store/walkthrough-repository';
import { FACT_FIELDS, factsOf, issueViewOf } from '../work-type/issue-facts';
import { parentWorkTypeOf } from '../work-type/parent';
import { accountIdsInTrail, originFacts, originTrail } from '../origin/trail';
import { suggestionRulesInEffect } from '../settings/suggestion-rules';
import { discoveryFactsOf, walkthroughFactsOf } from '../walkthrough/readiness';
import { panelWalkthroughOf } from '../walkthrough/summary';

const assigneeSchema = z.object({ assignee: z.object({ accountId: z.string() }).nullable().optional() }).catch({});

/** Who is reading: the resolver's caller, or (from a caller that does not pass it) Jira's answer, in the first round. */
const readerOf = async (accountId: string | undefined): Promise<string> => accountId ?? (await currentUser()).accountId;

export async function issueContext(issueKey: string, callerAccountId?: string): Promise<ResolverOutput<'panel.context'>> {
  // The work-type field's id is not known until the field list answers, so the issue read asks for all
  // navigable fields (custom fields included) instead of waiting for it.
  const [record, permissions, fieldId, rules, decisionByKey, reader, versions, activity] = await Promise.all([
    getIssueRecord('user', issueKey, [...FACT_FIELDS, '*navigable'], [ORIGIN_PROPERTY_KEY]),
    myIssuePermissions(issueKey),
    workTypeFieldId(),
    suggestionRulesInEffect(),
    findDecisionByIssueKey(issueKey),
    readerOf(callerAccountId),
    // The panel needs the latest version's items only (its error states), whoever reads.
    walkthroughVersionsForReader(issueKey, ''),
    walkthroughActivity(issueKey),
  ]);
  const view = issueViewOf(record, fieldId);
  const origin = parseOriginProperty(record.properties?.[ORIGIN_PROPERTY_KEY]);
  // A decision recorded under this key for another issue (the key was reused after a move) is not this one's.
  const decision = decisionByKey && decisionByKey.issueId === record.id ? decisionByKey : null;

  const [signals, notes, parentWorkType, names] = await Promise.all([
    getSignals(origin?.signalIds ?? []),
    getDiscoveryNotes(origin?.discoveryNoteId ? [origin.discoveryNoteId] : []),
    parentWorkTypeOf(view.parent?.key ?? null, fieldId),
    displayNamesOf([...(decision ? [decision.setByAccountId] : []), ...(origin ? [origin.linkedBy] : [])]),
  ]);
  const note = origin?.discoveryNoteId ? (notes.get(origin.discoveryNoteId) ?? null) : null;
  // Note authors without a stored name are the one case that costs a third round trip.
  const missingAuthors = accountIdsInTrail(origin, note).filter((id) => !names.has(id));
  if (missingAuthors.length > 0) for (const [id, name] of await displayNamesOf(missingAuthors)) names.set(id, name);

  const trail = originTrail(origin, signals, notes, names);
  const readiness = readinessOf({
    workType: view.workType,
    originKind: trail.kind,
    discovery: discoveryFactsOf(note),
    walkthrough: walkthroughFactsOf(versions, activity.acks),
  });
  const assignee = assigneeSchema.parse(record.fields).assignee?.accountId ?? null;
  return {
    issue: view.summary,
    canEdit: permissions.edit,
    workType: {
      fieldId,
      value: view.workType,
      decision: decision
        ? {
            workType: decision.workType,
            setBy: { accountId: decision.setByAccountId, displayName: names.get(decision.setByAccountId) ?? 'A former user' },
            setAt: decision.setAt.toISOString(),
            acceptedSuggestion: decision.acceptedSuggestion,
          }
        : null,
      suggestion: suggestWorkType(factsOf(view, parentWorkType, originFacts(origin, signals)), rules),
    },
    origin: trail,
    walkthrough: panelWalkthroughOf(versions, activity.acks, activity.questions, reader, assignee),
    readiness,
    ready: isReady(readiness),
  };
}

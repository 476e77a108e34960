/**
 * The baseline for panel.context: the same reads made one after another, as a first version would (field id,
 * issue, permissions, rules, decision, then each signal, the note, the parent and each name in turn).
 * Uses the app's own modules, so the only difference measured is the ordering.
 */
import { ORIGIN_PROPERTY_KEY } from '../../src/domain/origin';
import { suggestWorkType } from '../../src/domain/suggestion';
import { workTypeFieldId } from '../../src/jira/fields';
import { myIssuePermissions } from '../../src/jira/issue-permissions';
import { getIssueRecord } from '../../src/jira/issue-reads';
import { parseOriginProperty } from '../../src/jira/origin-property';
import { displayNamesOf } from '../../src/jira/users';
import { getDiscoveryNote } from '../../src/store/discovery-note-repository';
import { getSignals, type SignalRecord } from '../../src/store/signal-reads';
import { getDecision } from '../../src/store/work-type-decision-repository';
import { FACT_FIELDS, factsOf, issueViewOf } from '../../src/services/work-type/issue-facts';
import { originFacts, originTrail } from '../../src/services/origin/trail';
import { parentWorkTypeOf } from '../../src/services/work-type/parent';
import { suggestionRulesInEffect } from '../../src/services/settings/suggestion-rules';
import type { DiscoveryNote } from '../../src/store/discovery-note-repository';

export async function naivePanelContext(issueKey: string) {
  const fieldId = await workTypeFieldId();
  const record = await getIssueRecord('user', issueKey, [...FACT_FIELDS, fieldId], [ORIGIN_PROPERTY_KEY]);
  const permissions = await myIssuePermissions(issueKey);
  const rules = await suggestionRulesInEffect();
  const decision = await getDecision(record.id);
  const view = issueViewOf(record, fieldId);
  const origin = parseOriginProperty(record.properties?.[ORIGIN_PROPERTY_KEY]);
  const signals = new Map<string, SignalRecord>();
  for (const id of origin?.signalIds ?? []) for (const [k, v] of await getSignals([id])) signals.set(k, v);
  const notes = new Map<string, DiscoveryNote>();
  const note = origin?.discoveryNoteId ? await getDiscoveryNote(origin.discoveryNoteId) : null;
  if (note) notes.set(note.id, note);
  const parentWorkType = await parentWorkTypeOf(view.parent?.key ?? null, fieldId);
  const names = new Map<string, string>();
  for (const id of [decision?.setByAccountId, origin?.linkedBy].filter((x): x is string => !!x)) {
    for (const [k, v] of await displayNamesOf([id])) names.set(k, v);
  }
  return {
    issue: view.summary,
    canEdit: permissions.edit,
    suggestion: suggestWorkType(factsOf(view, parentWorkType, originFacts(origin, signals)), rules),
    origin: originTrail(origin, signals, notes, names),
  };
}

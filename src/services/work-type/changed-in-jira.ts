/**
 * Records who changed an issue's work type when the change did not come through Upstream's panel or triage
 * queue: the field's own inline edit, Jira Automation, a bulk edit, REST. Upstream's own writes are recorded
 * where they are made; this trigger ignores them (`ignoreSelf` in the manifest), so a decision is never
 * written twice.
 */
import { z } from 'zod';
import { isWorkType } from '../../domain/work-type';
import { workTypeFieldId } from '../../jira/fields';
import { clock } from '../clock';
import { saveDecisions } from '../../store/work-type-decision-repository';

/** The parts of `avi:jira:updated:issue` this trigger reads; anything else in the event is ignored. */
const issueUpdatedEventSchema = z.object({
  issue: z.object({ id: z.string().min(1), key: z.string().min(1) }),
  atlassianId: z.string().min(1).optional(),
  changelog: z
    .object({
      items: z.array(
        z.object({
          fieldId: z.string().optional(),
          fieldtype: z.string().optional(),
          to: z.string().nullable().optional(),
          toString: z.string().nullable().optional(),
        }),
      ),
    })
    .optional(),
});

export async function recordWorkTypeChangedInJira(event: unknown): Promise<void> {
  const parsed = issueUpdatedEventSchema.safeParse(event);
  // Not an event this trigger understands, or no person behind it (an app or Automation without an actor).
  if (!parsed.success || !parsed.data.atlassianId || !parsed.data.changelog) return;
  // Most edits touch no custom field at all: answer those without looking anything up.
  if (!parsed.data.changelog.items.some((item) => item.fieldtype === 'custom')) return;
  const fieldId = await workTypeFieldId();
  const change = parsed.data.changelog.items.find((item) => item.fieldId === fieldId);
  if (!change) return;
  const value = change.toString ?? change.to ?? null;
  await saveDecisions([
    {
      issueId: parsed.data.issue.id,
      issueKey: parsed.data.issue.key,
      // A value outside the three cannot be saved through the field; if one arrives, the issue reads as untriaged.
      workType: isWorkType(value) ? value : null,
      setByAccountId: parsed.data.atlassianId,
      setAt: clock.now(),
      acceptedSuggestion: false,
    },
  ]);
}

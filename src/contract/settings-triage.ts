/** Who may triage signals and when a parked cluster comes back (resolver keys `settings.triage.*`). */
import { z } from 'zod';
import { projectKeySchema } from './schemas';

/** Who may triage signals in a project: its admins (the default), members of one Jira group, or one project role there. */
export const triagersChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project-admins') }).strict(),
  z.object({ kind: z.literal('group'), groupId: z.string().min(1).max(128) }).strict(),
  /**
   * Project roles are defined site-wide; `projectKey` is the project the role was chosen from, to check it with
   * Jira. Absent only when saving the role already saved (nothing new to check).
   */
  z.object({ kind: z.literal('project-role'), roleId: z.number().int().positive().max(1e12), projectKey: projectKeySchema.optional() }).strict(),
]);

export const parkingThresholdsSchema = z
  .object({
    /** New signals since parking that bring a cluster back; 0 = signals alone never do. */
    newSignals: z.number().int().min(0, 'At least 0.').max(10_000, 'At most 10,000.'),
    /** ARR added since parking that brings a cluster back; 0 = ARR alone never does. */
    addedArr: z.number().min(0, 'At least 0.').max(1_000_000_000, 'At most 1,000,000,000.'),
  })
  .strict();

const triageSettingsViewSchema = z.object({
  triagers: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('project-admins') }),
    z.object({ kind: z.literal('group'), groupId: z.string(), name: z.string(), found: z.boolean() }),
    z.object({ kind: z.literal('project-role'), roleId: z.number(), roleName: z.string() }),
  ]),
  parking: z.object({ newSignals: z.number(), addedArr: z.number() }),
  defaults: z.object({ parking: z.object({ newSignals: z.number(), addedArr: z.number() }) }),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const settingsTriageContract = {
  /** Who may triage signals, and the parking lot's thresholds. Jira admins only. */
  'settings.triage.get': {
    input: z.object({}).strict(),
    output: triageSettingsViewSchema,
  },
  /** Saves both; a group or project role Jira does not have is refused with nothing written. */
  'settings.triage.save': {
    input: z.object({ triagers: triagersChoiceSchema, parking: parkingThresholdsSchema }).strict(),
    output: triageSettingsViewSchema,
  },
} as const;

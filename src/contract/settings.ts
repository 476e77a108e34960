/** The admin page: the signal-intake secret, the suggestion rules and the default target mix. Jira admins only. */
import { z } from 'zod';
import { noInputSchema } from './schemas';
import { targetMixSchema } from './sprint-shape';
import { suggestionRulesSchema } from './work-type';

export const settingsContract = {
  'settings.overview': {
    input: noInputSchema,
    output: z.object({
      intakeSecretConfigured: z.boolean(),
      intakeSecretRotatedAt: z.string().nullable(),
    }),
  },
  'settings.rotateIntakeSecret': {
    input: noInputSchema,
    output: z.object({
      /** Shown once: the CRM or Slack bridge signs requests with it. */
      secret: z.string().min(32),
      rotatedAt: z.string(),
    }),
  },
  'settings.rules.get': {
    input: z.object({}).strict(),
    output: z.object({ rules: suggestionRulesSchema, isDefault: z.boolean(), updatedAt: z.string().nullable() }),
  },
  'settings.rules.save': {
    input: z.object({ rules: suggestionRulesSchema }).strict(),
    output: z.object({ rules: suggestionRulesSchema, isDefault: z.boolean(), updatedAt: z.string().nullable() }),
  },
  'settings.targetMix.get': {
    input: noInputSchema,
    output: z.object({ target: targetMixSchema, isDefault: z.boolean(), updatedAt: z.string().nullable() }),
  },
  'settings.targetMix.save': {
    input: z.object({ target: targetMixSchema }).strict(),
    output: z.object({ target: targetMixSchema, isDefault: z.boolean(), updatedAt: z.string().nullable() }),
  },
} as const;

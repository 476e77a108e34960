/** The admin page: the signal-intake secret, the suggestion rules and the default target mix. Jira admins only. */
import { z } from 'zod';
import { CONCEPT_ID_PATTERN, MAX_CONCEPT_ID_LENGTH, MAX_CONCEPTS, MAX_WORD_LENGTH, MAX_WORDS_PER_CONCEPT } from '../domain/concepts';
import { noInputSchema } from './schemas';
import { channelLastRequestSchema, intakeChannelSchema, PASTED_SECRET_CHANNELS, salesforceOrganizationIdSchema } from './signals';
import { targetMixSchema } from './sprint-shape';
import { suggestionRulesSchema } from './work-type';

/** A concept as the settings page edits it: an id and the words that mean it. */
export const conceptEditSchema = z
  .object({
    id: z
      .string()
      .trim()
      .min(1, 'A concept needs a name.')
      .max(MAX_CONCEPT_ID_LENGTH)
      .regex(CONCEPT_ID_PATTERN, 'A concept name is lowercase letters, numbers and dashes, e.g. export or single-sign-on.'),
    words: z
      .array(z.string().trim().min(2, 'A word is at least 2 characters.').max(MAX_WORD_LENGTH))
      .min(1, 'A concept needs at least one word.')
      .max(MAX_WORDS_PER_CONCEPT),
  })
  .strict();

export const conceptSettingsSchema = z.object({
  concepts: z.array(
    conceptEditSchema.extend({
      /** Words learned from merges people confirmed (not typed by an admin), shown as such. */
      learnedWords: z.array(z.string()),
    }),
  ),
  /** Word pairs seen in confirmed merges that are not synonyms yet, with how many merges showed them. */
  evidence: z.array(z.object({ a: z.string(), b: z.string(), count: z.number().int().positive() })),
  /** Merges needed before a pair becomes synonyms. */
  mergesToLearn: z.number().int().positive(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

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
  /** Each channel's URL, whether its secret is set, and the last request it received. */
  'settings.channels.get': {
    input: noInputSchema,
    output: z.object({
      /** The signal-intake webtrigger's URL, or null where the platform did not give one (then each path is shown alone). */
      webtriggerUrl: z.string().nullable(),
      channels: z.array(
        z.object({
          channel: intakeChannelSchema,
          /** Appended to the webtrigger URL; Salesforce's shows `<secret>` in place of its secret. */
          path: z.string(),
          url: z.string().nullable(),
          secretConfigured: z.boolean(),
          secretSetAt: z.string().nullable(),
          lastRequest: channelLastRequestSchema.nullable(),
        }),
      ),
      salesforceOrganizationId: z.string().nullable(),
    }),
  },
  /** Stores the secret the tool generated (Slack signing secret, HubSpot or Intercom client secret, Zendesk webhook secret). Never read back. */
  'settings.channels.setSecret': {
    input: z
      .object({
        channel: z.enum(PASTED_SECRET_CHANNELS),
        secret: z.string().trim().min(8, 'Paste the whole secret: it is at least 8 characters.').max(256).regex(/^\S+$/, 'A secret has no spaces.'),
      })
      .strict(),
    output: z.object({ channel: intakeChannelSchema, setAt: z.string() }),
  },
  /** Salesforce cannot sign, so Upstream makes the secret that goes into its URL. Shown once. */
  'settings.channels.rotateSalesforce': {
    input: noInputSchema,
    output: z.object({ secret: z.string().min(32), path: z.string(), url: z.string().nullable(), rotatedAt: z.string() }),
  },
  'settings.channels.setSalesforceOrg': {
    input: z.object({ organizationId: salesforceOrganizationIdSchema }).strict(),
    output: z.object({ organizationId: z.string() }),
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
  /** The concept list: words that mean the same thing in this product, as clustering uses it. */
  'settings.concepts.get': {
    input: noInputSchema,
    output: conceptSettingsSchema,
  },
  /**
   * Saves the concepts as edited. `expectedUpdatedAt` is the list's `updatedAt` as the page loaded it (null for the
   * defaults): a list changed meanwhile — by a merge that taught it a pair, or another admin — is `conflict`.
   */
  'settings.concepts.save': {
    input: z
      .object({
        concepts: z.array(conceptEditSchema).max(MAX_CONCEPTS, `At most ${MAX_CONCEPTS} concepts.`),
        expectedUpdatedAt: z.string().nullable(),
      })
      .strict(),
    output: conceptSettingsSchema,
  },
  /** Goes back to the shipped defaults (learned pairs are kept as evidence). */
  'settings.concepts.reset': {
    input: z.object({ expectedUpdatedAt: z.string().nullable() }).strict(),
    output: conceptSettingsSchema,
  },
} as const;

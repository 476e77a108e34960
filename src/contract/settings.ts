/** The admin page: the signal-intake secret, the suggestion rules and the default target mix. Jira admins only. */
import { z } from 'zod';
import { TEAM_ROLES, type TeamRole } from '../domain/team-roles';
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

/** The team roles Upstream knows people by (discovery input from engineering, walkthroughs for design …). */
export { TEAM_ROLES, type TeamRole };
export const teamRoleSchema = z.enum(TEAM_ROLES);

export const MAX_GROUPS_PER_ROLE = 10;
export const MAX_PROJECT_ROLES_PER_ROLE = 10;

const perTeamRole = <T extends z.ZodType>(schema: T) => z.object({ engineering: schema, design: schema, product: schema, sales: schema });

/** A Jira group id: Jira's are UUIDs; anything else that is short and printable is asked about and refused by Jira. */
const groupIdSchema = z.string().trim().min(1, 'Choose a group.').max(128).regex(/^[\w.:-]+$/, 'That is not a Jira group id.');

/** What a role is chosen as: groups, and project roles ("Developers in PAY"); at least one of them. */
export const teamRoleChoiceSchema = z
  .object({
    groups: z.array(z.object({ groupId: groupIdSchema }).strict()).max(MAX_GROUPS_PER_ROLE, `At most ${MAX_GROUPS_PER_ROLE} groups per role.`),
    projectRoles: z
      .array(
        z
          .object({
            projectId: z.string().regex(/^\d{1,18}$/, 'That is not a Jira project id.'),
            roleId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
          })
          .strict(),
      )
      .max(MAX_PROJECT_ROLES_PER_ROLE, `At most ${MAX_PROJECT_ROLES_PER_ROLE} project roles per role.`),
  })
  .strict()
  .refine((choice) => choice.groups.length + choice.projectRoles.length > 0, {
    message: 'Choose at least one group or project role, or use the default.',
    path: ['groups'],
  });

export const groupSummarySchema = z.object({ groupId: z.string(), name: z.string() });

/** One role as the settings page shows it: what it maps to now, and whether that is the default (chosen by name). */
export const teamRoleMappingSchema = z.object({
  isDefault: z.boolean(),
  /** With `found: false`: a chosen group Jira no longer has (deleted or renamed away); it matches nobody. */
  groups: z.array(groupSummarySchema.extend({ found: z.boolean() })),
  projectRoles: z.array(
    z.object({ projectId: z.string(), projectKey: z.string(), projectName: z.string(), roleId: z.number(), roleName: z.string() }),
  ),
  /** The group names the default looks for, whether or not the site has them. */
  defaultGroupNames: z.array(z.string()),
  /** The site's groups the default maps to (in effect or not), so the page can say what "use the default" means. */
  defaultGroups: z.array(groupSummarySchema),
});

export const teamRoleSettingsSchema = z.object({
  roles: perTeamRole(teamRoleMappingSchema),
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
  /** Which Jira groups or project roles make someone engineering, design, product or sales; defaults by group name. */
  'settings.roles.get': {
    input: noInputSchema,
    output: teamRoleSettingsSchema,
  },
  /** Saves each role's groups and project roles; `null` puts a role back on its default. */
  'settings.roles.save': {
    input: z.object({ roles: perTeamRole(teamRoleChoiceSchema.nullable()) }).strict(),
    output: teamRoleSettingsSchema,
  },
  /** Groups whose name contains the query, for the settings page's picker. */
  'settings.roles.searchGroups': {
    input: z.object({ query: z.string().trim().max(100, 'Type at most 100 characters.') }).strict(),
    output: z.object({ groups: z.array(groupSummarySchema), total: z.number().int().nonnegative() }),
  },
  /** The project roles of a project (by key), for choosing "project role X in project Y". */
  'settings.roles.projectRoles': {
    input: z.object({ projectKey: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{0,19}$/, 'A project key is letters and numbers, e.g. PAY.') }).strict(),
    output: z.object({
      project: z.object({ projectId: z.string(), projectKey: z.string(), projectName: z.string() }),
      roles: z.array(z.object({ roleId: z.number(), roleName: z.string() })),
    }),
  },
} as const;

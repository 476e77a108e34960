import { z } from 'zod';
import {
  accountIdSchema,
  boardSummarySchema,
  issueKeySchema,
  issueSummarySchema,
  noInputSchema,
  projectKeySchema,
  workTypeSchema,
} from './schemas';

export * from './envelope';
export * from './schemas';
export * from './work-type';
export * from './origin';

import { workTypeContract } from './work-type';
import { originContract } from './origin';
import { sprintShapeContract } from './sprint-shape';

/**
 * One input and one output schema per resolver key. `src/resolvers/` parses inputs with these and `static/`
 * parses outputs with them, so the two sides of the bridge cannot drift apart.
 */
export const contract = {
  'viewer.get': {
    input: noInputSchema,
    output: z.object({
      accountId: accountIdSchema,
      displayName: z.string(),
      timeZone: z.string(),
    }),
  },
  'panel.overview': {
    input: z.object({ issueKey: issueKeySchema }).strict(),
    output: z.object({ issue: issueSummarySchema }),
  },
  'workType.get': {
    input: z.object({ issueKey: issueKeySchema }).strict(),
    output: z.object({
      issueKey: z.string(),
      /** The Jira id of Upstream's field on this site, e.g. customfield_10050. */
      fieldId: z.string(),
      value: workTypeSchema.nullable(),
    }),
  },
  'triage.overview': {
    input: z.object({ projectKey: projectKeySchema }).strict(),
    output: z.object({
      project: z.object({ id: z.string(), key: z.string(), name: z.string() }),
      /** Issues not in a Done status. */
      openIssueCount: z.number().int().nonnegative(),
      /** Open issues with no work type yet. */
      unclassifiedCount: z.number().int().nonnegative(),
    }),
  },
  'gadget.boards': {
    input: z.object({ nameContains: z.string().trim().max(100).optional() }).strict(),
    output: z.object({ boards: z.array(boardSummarySchema) }),
  },
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
  ...workTypeContract,
  ...originContract,
  ...sprintShapeContract,
} as const;

export type Contract = typeof contract;
export type ResolverKey = keyof Contract;
export type ResolverInput<K extends ResolverKey> = z.input<Contract[K]['input']>;
export type ResolverOutput<K extends ResolverKey> = z.infer<Contract[K]['output']>;
export const RESOLVER_KEYS = Object.keys(contract) as ResolverKey[];

import { z } from 'zod';
import { WORK_TYPES } from '../domain/work-type';
import { ISSUE_KEY_PATTERN, PROJECT_KEY_PATTERN } from '../domain/issue-key';

/** Building blocks shared by several resolver contracts. */
export const issueKeySchema = z
  .string()
  .trim()
  .regex(ISSUE_KEY_PATTERN, 'Expected an issue key such as PAY-42 (project key, a dash, a number).');
export const projectKeySchema = z
  .string()
  .trim()
  .regex(PROJECT_KEY_PATTERN, 'Expected a project key such as PAY (2–10 capital letters or digits).');
export const workTypeSchema = z.enum(WORK_TYPES);
export const accountIdSchema = z.string().min(1).max(128);

export const statusCategorySchema = z.enum(['new', 'indeterminate', 'done']);

export const issueSummarySchema = z.object({
  id: z.string(),
  key: z.string(),
  summary: z.string(),
  status: z.object({ name: z.string(), category: statusCategorySchema }),
  issueType: z.string(),
  project: z.object({ key: z.string(), name: z.string() }),
});
export type IssueSummary = z.infer<typeof issueSummarySchema>;

/** An empty input: resolvers that take nothing still refuse unexpected keys. */
export const noInputSchema = z.object({}).strict();

import { z } from 'zod';

/** The parts of Jira's answers Upstream reads. Unknown keys pass through (Jira adds fields over time). */
export const myselfSchema = z.object({
  accountId: z.string(),
  displayName: z.string(),
  timeZone: z.string().optional(),
});

export const statusSchema = z.object({
  name: z.string(),
  statusCategory: z.object({ key: z.string() }),
});

export const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.record(z.string(), z.unknown()),
});

export const projectSchema = z.object({ id: z.string(), key: z.string(), name: z.string() });

export const fieldListSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().optional(),
    schema: z.object({ type: z.string().optional(), custom: z.string().optional() }).optional(),
  }),
);

export const approximateCountSchema = z.object({ count: z.number().int().nonnegative() });

export const boardPageSchema = z.object({
  isLast: z.boolean().optional(),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  values: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      type: z.string(),
      location: z.object({ projectKey: z.string().optional() }).optional(),
    }),
  ),
});

export const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

/** An issue as search and bulkfetch return it: with `fields` only when fields were asked for. */
export const issueWithPropertiesSchema = z.object({
  id: z.string(),
  key: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).default({}),
  properties: z.record(z.string(), z.unknown()).optional(),
});

export const searchPageSchema = z.object({
  issues: z.array(issueWithPropertiesSchema),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
});

export const bulkFetchSchema = z.object({
  issues: z.array(issueWithPropertiesSchema),
  issueErrors: z.array(z.unknown()).optional(),
});

export const permissionsCheckSchema = z.object({
  projectPermissions: z
    .array(z.object({ permission: z.string(), issues: z.array(z.number()).default([]), projects: z.array(z.number()).default([]) }))
    .default([]),
});

export const userSchema = z.object({ accountId: z.string(), displayName: z.string() });
export const userBulkSchema = z.object({ values: z.array(userSchema), isLast: z.boolean().optional() });

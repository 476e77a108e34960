/** The parts of Jira Software's agile answers (boards, board configuration, sprints) that Upstream reads. */
import { z } from 'zod';

export const boardSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  location: z.object({ projectKey: z.string().optional() }).optional(),
});

/** `GET /rest/agile/1.0/board/{id}/configuration`: only the estimation part is read. */
export const boardConfigurationSchema = z.object({
  id: z.number().int(),
  estimation: z
    .object({
      type: z.string(),
      field: z.object({ fieldId: z.string(), displayName: z.string().optional() }).optional(),
    })
    .optional(),
});

export const sprintSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  state: z.enum(['future', 'active', 'closed']),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  completeDate: z.string().optional(),
  originBoardId: z.number().int().optional(),
});
export type JiraSprint = z.infer<typeof sprintSchema>;

export const sprintPageSchema = z.object({
  isLast: z.boolean().optional(),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  values: z.array(sprintSchema),
});

/** Who is signed in: the panel greets and dates things in their time zone. */
import { z } from 'zod';
import { accountIdSchema, noInputSchema } from './schemas';

export const viewerContract = {
  'viewer.get': {
    input: noInputSchema,
    output: z.object({
      accountId: accountIdSchema,
      displayName: z.string(),
      timeZone: z.string(),
    }),
  },
} as const;

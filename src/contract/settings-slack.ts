/** The Slack bot token that closing the loop posts with (resolver keys `settings.slack.*`). Jira admins only. */
import { z } from 'zod';
import { noInputSchema } from './schemas';

/** A bot token as Slack issues them (the Bot User OAuth Token under OAuth & Permissions). */
export const slackBotTokenInputSchema = z
  .string()
  .trim()
  .min(1, 'Paste the bot token.')
  .max(255, 'That is longer than any Slack token.')
  .regex(/^xoxb-[A-Za-z0-9-]{10,250}$/, 'A Slack bot token starts with xoxb- (the Bot User OAuth Token under OAuth & Permissions in your Slack app).');

/** What the settings page shows: the workspace and bot the token belongs to — never the token itself. */
export const slackSettingsViewSchema = z.object({
  connected: z.boolean(),
  teamName: z.string().nullable(),
  teamId: z.string().nullable(),
  botName: z.string().nullable(),
  setAt: z.string().nullable(),
  setBy: z.string().nullable(),
  /** Scopes closing the loop needs that the token was not granted (empty when Slack did not say). */
  missingScopes: z.array(z.string()),
  /** Messages to reps waiting for a working token (sent when one is saved). */
  heldMessages: z.number().int().nonnegative(),
});
export type SlackSettingsView = z.infer<typeof slackSettingsViewSchema>;

export const settingsSlackContract = {
  'settings.slack.get': { input: noInputSchema, output: slackSettingsViewSchema },
  /** Checks the token with Slack (auth.test) first: a token Slack refuses is refused here, and nothing is stored. */
  'settings.slack.save': {
    input: z.object({ token: slackBotTokenInputSchema }).strict(),
    output: slackSettingsViewSchema.extend({ resentMessages: z.number().int().nonnegative() }),
  },
  /** Asks Slack whether the stored token still works (a token can be revoked or the app removed in Slack). */
  'settings.slack.test': {
    input: noInputSchema,
    output: z.object({ state: z.enum(['working', 'refused', 'not-set']), message: z.string().min(1) }),
  },
} as const;

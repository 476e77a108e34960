/**
 * Slack's `response_url`: the URL a message shortcut or slash command carries, to which the app may POST up to
 * five messages within 30 minutes (an ephemeral one reaches only the person who asked). It comes from a payload,
 * so it is never posted to as given: it must be an https URL on hooks.slack.com (the one host manifest.yml lets
 * the app reach), with none of the parts a crafted URL could use to go elsewhere.
 *
 * The only file under src/ besides src/jira that calls `@forge/api` (.dependency-cruiser.js).
 */
import { fetch } from '@forge/api';

export const SLACK_HOOKS_ORIGIN = 'https://hooks.slack.com';
/** How long Slack accepts messages on a response_url. */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;
const MAX_URL_LENGTH = 1000;
/** Slack's response URLs: /app/… (and the older /actions/…) for interactions such as shortcuts, /commands/… for slash commands. */
const RESPONSE_PATH = /^\/(app|actions|commands)\/[A-Za-z0-9/_-]+$/;

/** The URL when it is one of Slack's response URLs, else null (logged by the caller). */
export function slackResponseUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const exact = url.protocol === 'https:' && url.hostname === 'hooks.slack.com' && url.port === '' && url.username === '' && url.password === '';
  if (!exact || url.search !== '' || url.hash !== '' || !RESPONSE_PATH.test(url.pathname)) return null;
  return `${SLACK_HOOKS_ORIGIN}${url.pathname}`;
}

/** What Slack did with a message: took it, or refused it for good (an expired or used URL: 404/410, a bad request). */
export type SlackPostResult = { outcome: 'sent' } | { outcome: 'refused'; status: number; reason: string };

/** A failure worth trying again: Slack was unavailable, rate-limited us, or never answered. */
export class SlackUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackUnavailable';
  }
}

/**
 * Posts an ephemeral message to a response URL, leaving the original message as it is. Throws SlackUnavailable
 * for a 429, a 5xx or no answer (to retry); answers `refused` for anything else Slack will not take.
 */
export async function postEphemeral(responseUrl: string, text: string): Promise<SlackPostResult> {
  const url = slackResponseUrl(responseUrl);
  if (!url) return { outcome: 'refused', status: 0, reason: 'not a Slack response URL: nothing was sent' };
  let response: Response;
  try {
    response = (await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ response_type: 'ephemeral', text, replace_original: false }),
    })) as unknown as Response;
  } catch (error: unknown) {
    throw new SlackUnavailable(`Slack did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.ok) return { outcome: 'sent' };
  const body = (await response.text().catch(() => '')).slice(0, 200);
  if (response.status === 429 || response.status >= 500) throw new SlackUnavailable(`Slack answered ${response.status} ${body}`.trim());
  return { outcome: 'refused', status: response.status, reason: body || `HTTP ${response.status}` };
}

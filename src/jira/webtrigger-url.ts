/**
 * The signal-intake webtrigger's URL, for the settings page. Lives here because only src/jira may call
 * `@forge/api` for the app (.dependency-cruiser.js). `webTrigger.getUrl` is a platform call that can fail (and
 * has no answer outside Forge), so failure is "no URL" and the page shows each path alone.
 */
import { webTrigger } from '@forge/api';

export const webtriggerUrlPolicy = {
  /**
   * Where the URL comes from. The sandbox host replaces this with its own address: the sandbox does not model
   * the platform's GraphQL call behind `getUrl`.
   */
  get: (moduleKey: string): Promise<string> => webTrigger.getUrl(moduleKey),
};

/** A URL is stable per module, app, site and environment, so one answer serves the process; a failure is retried after a minute. */
const RETRY_FAILURE_MS = 60_000;
let cached: { url: string | null; at: number } | null = null;

/** The URL with no trailing slash, or null when the platform gave none. */
export async function signalIntakeUrl(): Promise<string | null> {
  if (cached && (cached.url !== null || Date.now() - cached.at < RETRY_FAILURE_MS)) return cached.url;
  let url: string | null = null;
  try {
    const answer = await webtriggerUrlPolicy.get('signal-intake');
    url = typeof answer === 'string' && /^https?:\/\//.test(answer) ? answer.replace(/\/+$/, '') : null;
  } catch (error: unknown) {
    console.warn('webtrigger URL unavailable:', error instanceof Error ? error.message : error);
  }
  cached = { url, at: Date.now() };
  return url;
}

/** Forgets the cached URL (the sandbox host sets its own address after start). */
export function forgetSignalIntakeUrl(): void {
  cached = null;
}

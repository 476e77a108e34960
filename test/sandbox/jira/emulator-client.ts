/** A terse way for tests to call the emulator directly: JSON in, status and parsed body out. */
import type { SandboxResponse } from '../http';
import type { JiraEmulator } from './emulator';

export interface JiraCallOptions {
  body?: unknown;
  /** Run as this account; omitted = asApp. */
  asUser?: string;
}

export function callJira(emulator: JiraEmulator, method: string, path: string, options: JiraCallOptions = {}): Promise<SandboxResponse> {
  return emulator.handle({
    method,
    path,
    headers: { 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    asUser: options.asUser ?? null,
  });
}

/** The keys a JQL search returns for a caller (all pages), or throws with Jira's error body. */
export async function searchKeys(emulator: JiraEmulator, jql: string, asUser?: string): Promise<string[]> {
  const keys: string[] = [];
  let nextPageToken: string | undefined;
  do {
    const response = await callJira(emulator, 'POST', '/rest/api/3/search/jql', {
      body: { jql, fields: ['key'], maxResults: 1000, ...(nextPageToken ? { nextPageToken } : {}) },
      asUser,
    });
    if (response.status !== 200) throw new Error(`search failed with ${response.status}: ${JSON.stringify(response.body)}`);
    const page = response.body as { issues: Array<{ key: string }>; nextPageToken?: string };
    keys.push(...page.issues.map((issue) => issue.key));
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return keys;
}

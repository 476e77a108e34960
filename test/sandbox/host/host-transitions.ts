/**
 * The issue view's status control: where the signed-in person may move an issue, and moving it, through the
 * Jira emulator's REST API as that person (`GET`/`POST /rest/api/3/issue/{key}/transitions`), exactly as Jira's
 * own issue view does. The move is a user's edit, so `avi:jira:updated:issue` reaches the app's triggers
 * (issue-shipped on Done) as for any transition.
 */
import { z } from 'zod';
import type { RequestHandler, SandboxResponse } from '../http';

const transitionsSchema = z.object({
  transitions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      to: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }) }),
    }),
  ),
});
const jiraErrorSchema = z.object({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() });

export interface IssueTransitionChoice {
  id: string;
  name: string;
  to: { name: string; category: string };
}

export type TransitionOutcome = { ok: true } | { ok: false; status: number; message: string };

function messageOf(response: SandboxResponse): string {
  const parsed = jiraErrorSchema.safeParse(response.body);
  const messages = parsed.success ? [...(parsed.data.errorMessages ?? []), ...Object.values(parsed.data.errors ?? {})] : [];
  return messages.length ? messages.join(' ') : `Jira answered ${response.status}.`;
}

/** The transitions this person may make on the issue now; none when they may not transition it or cannot see it. */
export async function transitionsFor(jira: RequestHandler, issueKey: string, accountId: string | null): Promise<IssueTransitionChoice[]> {
  if (!accountId) return [];
  const response = await jira.handle({
    method: 'GET',
    path: `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`,
    headers: { accept: 'application/json' },
    asUser: accountId,
  });
  if (response.status !== 200) return [];
  return transitionsSchema.parse(response.body).transitions.map((t) => ({ id: t.id, name: t.name, to: { name: t.to.name, category: t.to.statusCategory.key } }));
}

/** Makes the transition as this person; Jira's own message when it refuses. */
export async function transitionIssueAs(jira: RequestHandler, issueKey: string, transitionId: string, accountId: string): Promise<TransitionOutcome> {
  const response = await jira.handle({
    method: 'POST',
    path: `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ transition: { id: transitionId } }),
    asUser: accountId,
  });
  return response.status === 204 ? { ok: true } : { ok: false, status: response.status, message: messageOf(response) };
}

/** Shared by the work-type and origin integration tests: who is asking, and what counts as a write. */
import type { Sandbox } from '../sandbox/sandbox';

export const as = (accountId: string | null, moduleKey = 'context-panel', extension: Record<string, unknown> = {}) => ({
  accountId,
  moduleKey,
  extension,
});

/** POSTs that only read: search, counts, bulk fetch, permission checks. */
const READ_ONLY_POSTS = ['/rest/api/3/search/jql', '/rest/api/3/search/approximate-count', '/rest/api/3/issue/bulkfetch', '/rest/api/3/permissions/check'];
const STORAGE_WRITES = new Set([
  '/api/v1/set',
  '/api/v1/delete',
  '/api/v1/entity/set',
  '/api/v1/entity/delete',
  '/api/v1/secret/set',
  '/api/v1/secret/delete',
  '/api/v1/batch/set',
  '/api/v1/batch/delete',
  '/api/v1/transaction',
]);

export function writesIn(sandbox: Sandbox): string[] {
  const jira = sandbox.jiraLink.log
    .filter((r) => r.method !== 'GET' && !(r.method === 'POST' && READ_ONLY_POSTS.includes(r.path.split('?')[0])))
    .map((r) => `${r.method} ${r.path}`);
  const storage = sandbox.storageLink.log.map((r) => r.path.split('?')[0]).filter((p) => STORAGE_WRITES.has(p));
  return [...jira, ...storage];
}

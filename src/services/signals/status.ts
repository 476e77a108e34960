/**
 * My signals: each signal the caller raised and what became of it. The caller is the account Forge names for the
 * invocation; signals are matched on `raised_by_account_id` only, so nothing the page sends can show anyone
 * else's. The rows are read as the app (they are the caller's own); the Jira issue each was routed to is read as
 * the caller, so an issue they may not browse shows its key (they were told it) but not its status.
 *
 * Cheap enough to poll: one page is two SQL statements in parallel (the page and the counts) and at most one
 * bulk fetch of issue statuses.
 */
import { z } from 'zod';
import type { MySignal, ResolverInput, ResolverOutput } from '../../contract';
import { AppError } from '../../errors';
import { bulkFetchIssues } from '../../jira/issue-reads';
import { displayNamesOf } from '../../jira/users';
import { signalsRaisedBy, statusCountsOf, type SignalStatusRow, type StatusCursor } from '../../store/signal-status-repository';

const cursorSchema = z.object({ r: z.number().int(), i: z.string().min(1).max(64) }).strict();

const encodeCursor = (cursor: StatusCursor): string => Buffer.from(JSON.stringify({ r: cursor.receivedAt, i: cursor.id })).toString('base64url');

function decodeCursor(raw: string): StatusCursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { receivedAt: parsed.r, id: parsed.i };
  } catch {
    throw new AppError('invalid-input', 'That page of your signals is not one Upstream gave out. Reload the page to start from the newest.', { fields: { cursor: 'not a cursor' } });
  }
}

const statusSchema = z.object({ name: z.string(), statusCategory: z.object({ key: z.enum(['new', 'indeterminate', 'done']) }) });

/** Status of each routed issue the caller can see, by key. */
async function issueStatuses(keys: readonly string[]): Promise<Map<string, { name: string; category: 'new' | 'indeterminate' | 'done' }>> {
  if (keys.length === 0) return new Map();
  const records = await bulkFetchIssues('user', [...new Set(keys)], ['status']);
  const out = new Map<string, { name: string; category: 'new' | 'indeterminate' | 'done' }>();
  for (const record of records) {
    const status = statusSchema.safeParse(record.fields.status);
    if (record.key && status.success) out.set(record.key, { name: status.data.name, category: status.data.statusCategory.key });
  }
  return out;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function toDto(row: SignalStatusRow, statuses: ReadonlyMap<string, { name: string; category: 'new' | 'indeterminate' | 'done' }>, names: ReadonlyMap<string, string>): MySignal {
  const routed = row.decision && (row.decision.route === 'roadmap' || row.decision.route === 'quick-fix');
  const issueKey = routed ? (row.decision!.issueKey ?? row.shipped?.issueKey ?? null) : (row.shipped?.issueKey ?? null);
  return {
    id: row.id,
    text: row.text,
    customer: row.customer,
    source: row.source,
    receivedAt: new Date(row.receivedAt).toISOString(),
    status: row.status,
    returnedFromParking: row.returnedFromParking,
    decision: row.decision ? { route: row.decision.route, rationale: row.decision.rationale, decidedAt: iso(row.decision.decidedAt), decidedBy: row.decision.decidedByName ?? names.get(row.decision.decidedById) ?? 'a product lead' } : null,
    issue: issueKey
      ? { key: issueKey, jiraPending: routed ? row.decision!.jiraState === 'pending' || row.decision!.jiraState === 'failed' : false, status: statuses.get(issueKey) ?? null }
      : null,
    shipped: row.shipped ? { at: new Date(row.shipped.at).toISOString(), issueKey: row.shipped.issueKey } : null,
  };
}

export async function listMySignals(input: ResolverInput<'mySignals.list'>, accountId: string): Promise<ResolverOutput<'mySignals.list'>> {
  const pageSize = input.pageSize ?? 25;
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const [rows, counts] = await Promise.all([signalsRaisedBy(accountId, { status: input.status ?? null, after, limit: pageSize }), statusCountsOf(accountId)]);
  const page = rows.slice(0, pageSize);
  const keys = page.flatMap((row) => [row.decision?.issueKey, row.shipped?.issueKey].filter((k): k is string => typeof k === 'string'));
  // Decisions recorded before the decider's name was kept name only their account.
  const unnamed = page.flatMap((row) => (row.decision && !row.decision.decidedByName && row.decision.decidedById ? [row.decision.decidedById] : []));
  const [statuses, names] = await Promise.all([issueStatuses(keys), displayNamesOf(unnamed).catch(() => new Map<string, string>())]);
  const last = page[page.length - 1];
  return {
    signals: page.map((row) => toDto(row, statuses, names)),
    nextCursor: rows.length > pageSize && last ? encodeCursor({ receivedAt: last.receivedAt, id: last.id }) : null,
    counts: { all: Object.values(counts).reduce((a, b) => a + b, 0), ...counts },
  };
}

/**
 * Design walkthroughs in Forge SQL: versions with their items (`walkthrough_version`, items as one JSON column —
 * see walkthrough-schema.ts for why), acknowledgements (`walkthrough_ack`) and questions on items
 * (`walkthrough_question`). Every write is one statement; versions are only ever inserted.
 *
 * The walkthrough view reads everything in two statements sent together: the versions (items only for the two
 * the view shows in full: the latest and the reader's last acknowledged one), and acknowledgements and questions
 * in one UNION ALL. Stored data has its own schemas here, read back leniently: an item kind or a state a later
 * version adds is skipped with a report, never fails the walkthrough.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { RESOLUTION_STATES, type WalkthroughItem, type WalkthroughVersion } from '../domain/walkthrough';
import { AppError } from '../errors';
import { executeWrite, isDuplicateKey, readRows, selectRows } from './sql/run';
import { db } from './sql/schema';
import { inspectStored } from './stored-record';

const VERSION_KIND = 'walkthrough version';
const ACTIVITY_KIND = 'walkthrough activity';

// ---- stored shapes ---------------------------------------------------------------------------------------

const text = z.string();
const storedItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new'), id: z.string().min(1), title: text, detail: text }),
  z.object({ kind: z.literal('change'), id: z.string().min(1), title: text, detail: text, why: text }),
  z.object({ kind: z.literal('decision'), id: z.string().min(1), title: text, why: text, alternatives: z.array(text) }),
  z.object({
    kind: z.enum(['edge-case', 'error-state']),
    id: z.string().min(1),
    title: text,
    whatHappens: text,
    state: z.enum(RESOLUTION_STATES),
    reason: text.nullable(),
  }),
  z.object({ kind: z.literal('question'), id: z.string().min(1), title: text, detail: text }),
]);

/** Items as stored: each read on its own, so one unreadable item (a kind from a later version) is left out alone. */
const storedItemsSchema = z.string().transform((raw, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'items is not JSON' });
    return z.NEVER;
  }
  if (!Array.isArray(parsed)) {
    ctx.addIssue({ code: 'custom', message: 'items is not a list' });
    return z.NEVER;
  }
  return parsed;
});

const int = z.coerce.number().int();
const millis = z.coerce.number().int().min(0).max(8.64e15);

const versionRowSchema = z.object({
  issue_key: z.string().min(1),
  version: int.positive(),
  author_account_id: z.string().min(1),
  author_name: z.string().nullable(),
  created_at: millis,
  design_url: z.string(),
  summary: z.string(),
  /** Null when the statement left the items out (a version the view lists but does not show in full). */
  items: storedItemsSchema.nullable(),
});
type VersionRow = z.infer<typeof versionRowSchema>;

/** A version as read back; `items` is null when the read did not ask for them. */
export interface StoredWalkthroughVersion extends Omit<WalkthroughVersion, 'items'> {
  authorName: string | null;
  items: WalkthroughItem[] | null;
}

export interface WalkthroughAck {
  accountId: string;
  version: number;
  /** Unix ms. */
  at: number;
  displayName: string | null;
  roles: string[];
}

export interface WalkthroughQuestion {
  id: string;
  version: number;
  itemId: string;
  askedBy: string;
  askedByName: string | null;
  text: string;
  /** Unix ms. */
  askedAt: number;
  answer: { text: string; by: string; byName: string | null; at: number } | null;
}

function itemsOf(issueKey: string, version: number, raw: readonly unknown[]): WalkthroughItem[] {
  const items: WalkthroughItem[] = [];
  raw.forEach((candidate, index) => {
    const read = inspectStored('walkthrough item', `${issueKey} v${version} #${index}`, storedItemSchema, candidate);
    if (read.state === 'stored') items.push(read.value as WalkthroughItem);
  });
  return items;
}

const toVersion = (row: VersionRow): StoredWalkthroughVersion => ({
  issueKey: row.issue_key,
  version: row.version,
  authorAccountId: row.author_account_id,
  authorName: row.author_name,
  createdAt: row.created_at,
  designUrl: row.design_url,
  summary: row.summary,
  items: row.items === null ? null : itemsOf(row.issue_key, row.version, row.items),
});

const versionId = (row: unknown): string => {
  const r = row as { issue_key?: unknown; version?: unknown } | null;
  return `${String(r?.issue_key ?? '?')} v${String(r?.version ?? '?')}`;
};

const VERSION_COLUMNS = ['issue_key', 'version', 'author_account_id', 'author_name', 'created_at', 'design_url', 'summary'] as const;

// ---- reading ---------------------------------------------------------------------------------------------

/**
 * Every version of an issue's walkthrough, oldest first, in one statement. Items come back only for the latest
 * version and for the version `reader` last acknowledged (both found inside the statement), so the answer
 * stays small however many versions there are.
 */
export async function walkthroughVersionsForReader(issueKey: string, reader: string): Promise<StoredWalkthroughVersion[]> {
  const latest = db.selectFrom('walkthrough_version as latest').select((eb) => eb.fn.max('latest.version').as('v')).where('latest.issue_key', '=', issueKey);
  const acknowledged = db
    .selectFrom('walkthrough_ack')
    .select((eb) => eb.fn.max('walkthrough_ack.version').as('v'))
    .where('walkthrough_ack.issue_key', '=', issueKey)
    .where('walkthrough_ack.account_id', '=', reader);
  const rows = await selectRows(
    db
      .selectFrom('walkthrough_version')
      .select(VERSION_COLUMNS.map((c) => `walkthrough_version.${c}` as const))
      .select((eb) =>
        eb
          .case()
          .when(eb.or([eb('walkthrough_version.version', '=', latest), eb('walkthrough_version.version', '=', acknowledged)]))
          .then(eb.ref('walkthrough_version.items'))
          .else(sql<string | null>`NULL`)
          .end()
          .as('items'),
      )
      .where('walkthrough_version.issue_key', '=', issueKey)
      .orderBy('walkthrough_version.version')
      .compile(),
  );
  return readRows(VERSION_KIND, versionRowSchema, rows, versionId).rows.map(toVersion);
}

/** Chosen versions of an issue's walkthrough, with their items, in one statement; absent ones are left out. */
export async function walkthroughVersionsWithItems(issueKey: string, versions: readonly number[]): Promise<StoredWalkthroughVersion[]> {
  const wanted = [...new Set(versions)];
  if (wanted.length === 0) return [];
  const rows = await selectRows(
    db.selectFrom('walkthrough_version').select([...VERSION_COLUMNS, 'items']).where('issue_key', '=', issueKey).where('version', 'in', wanted).orderBy('version').compile(),
  );
  return readRows(VERSION_KIND, versionRowSchema, rows, versionId).rows.map(toVersion);
}

/** The latest version number of an issue's walkthrough, or null when it has none. */
export async function latestWalkthroughVersion(issueKey: string): Promise<number | null> {
  const rows = await selectRows(db.selectFrom('walkthrough_version').select((eb) => eb.fn.max('version').as('latest')).where('issue_key', '=', issueKey).compile());
  const latest = rows[0]?.latest;
  return latest === null || latest === undefined ? null : Number(latest);
}

const activityRowSchema = z.discriminatedUnion('row_kind', [
  z.object({
    row_kind: z.literal('ack'),
    account_id: z.string().min(1),
    version: int.positive(),
    at: millis,
    name: z.string().nullable(),
    roles: z.string().nullable(),
  }),
  z.object({
    row_kind: z.literal('question'),
    id: z.string().min(1),
    account_id: z.string().min(1),
    version: int.positive(),
    at: millis,
    name: z.string().nullable(),
    item_id: z.string(),
    text: z.string(),
    answer: z.string().nullable(),
    answered_by: z.string().nullable(),
    answered_by_name: z.string().nullable(),
    answered_at: millis.nullable(),
  }),
]);

const activityId = (row: unknown): string => {
  const r = row as { row_kind?: unknown; id?: unknown; account_id?: unknown; version?: unknown } | null;
  return r?.row_kind === 'question' ? String(r.id) : `ack ${String(r?.account_id)} v${String(r?.version)}`;
};

/** At most this many questions come back, the most recent: a view, not an archive. */
export const MAX_QUESTIONS_READ = 500;

/**
 * Acknowledgements and questions of an issue's walkthrough in one statement (a UNION ALL of the two tables in
 * one shape), acknowledgements by version, questions oldest first.
 */
export async function walkthroughActivity(issueKey: string): Promise<{ acks: WalkthroughAck[]; questions: WalkthroughQuestion[] }> {
  const nothing = <T>() => sql<T>`NULL`;
  const acks = db
    .selectFrom('walkthrough_ack')
    .select((eb) => [
      sql<string>`'ack'`.as('row_kind'),
      eb.val('').as('id'),
      'account_id',
      'version',
      'acknowledged_at as at',
      'display_name as name',
      'roles',
      nothing<string>().as('item_id'),
      nothing<string>().as('text'),
      nothing<string | null>().as('answer'),
      nothing<string | null>().as('answered_by'),
      nothing<string | null>().as('answered_by_name'),
      nothing<string | number | null>().as('answered_at'),
    ])
    .where('issue_key', '=', issueKey);
  const questions = db
    .selectFrom('walkthrough_question')
    .select([
      sql<string>`'question'`.as('row_kind'),
      'id',
      'asked_by as account_id',
      'version',
      'asked_at as at',
      'asked_by_name as name',
      nothing<string>().as('roles'),
      'item_id',
      'text',
      'answer',
      'answered_by',
      'answered_by_name',
      'answered_at',
    ])
    .where('issue_key', '=', issueKey)
    .orderBy('asked_at', 'desc')
    .limit(MAX_QUESTIONS_READ);
  // Kysely brackets each member (the questions' ORDER BY … LIMIT belongs to that member alone); no outer ORDER BY,
  // so the database sends the two halves as they come and the order is set here.
  const rows = await selectRows(sql<Record<string, unknown>>`${acks} union all ${questions}`.compile(db));
  const read = readRows(ACTIVITY_KIND, activityRowSchema, rows, activityId).rows.sort((a, b) => a.at - b.at || (a.row_kind === 'question' && b.row_kind === 'question' ? a.id.localeCompare(b.id) : 0));
  const result: { acks: WalkthroughAck[]; questions: WalkthroughQuestion[] } = { acks: [], questions: [] };
  for (const row of read) {
    if (row.row_kind === 'ack') {
      result.acks.push({ accountId: row.account_id, version: row.version, at: row.at, displayName: row.name, roles: (row.roles ?? '').split(',').filter((r) => r.length > 0) });
    } else {
      result.questions.push({
        id: row.id,
        version: row.version,
        itemId: row.item_id,
        askedBy: row.account_id,
        askedByName: row.name,
        text: row.text,
        askedAt: row.at,
        answer:
          row.answer !== null && row.answered_by !== null && row.answered_at !== null
            ? { text: row.answer, by: row.answered_by, byName: row.answered_by_name, at: row.answered_at }
            : null,
      });
    }
  }
  return result;
}

/** One question, or null when no question of that issue has that id. */
export async function walkthroughQuestionById(issueKey: string, id: string): Promise<WalkthroughQuestion | null> {
  const { questions } = await walkthroughActivity(issueKey);
  return questions.find((q) => q.id === id) ?? null;
}

// ---- writing ---------------------------------------------------------------------------------------------

export interface NewWalkthroughVersion {
  issueKey: string;
  /** The version it is built on (null for the first); the new one is basedOn + 1. */
  basedOn: number | null;
  authorAccountId: string;
  authorName: string | null;
  createdAt: number;
  designUrl: string;
  summary: string;
  items: WalkthroughItem[];
}

/**
 * Inserts version basedOn + 1 only if basedOn is still the latest (an `INSERT … SELECT` over the current
 * latest, in one statement); the primary key settles two saves racing for the same number. True when it
 * landed, false when someone else saved first (nothing was written).
 */
export async function insertWalkthroughVersion(v: NewWalkthroughVersion): Promise<boolean> {
  const version = (v.basedOn ?? 0) + 1;
  const current = db
    .selectFrom('walkthrough_version')
    .select(sql<number>`coalesce(max(${sql.ref('version')}), 0)`.as('latest'))
    .where('issue_key', '=', v.issueKey)
    .as('current');
  try {
    const result = await executeWrite(
      db
        .insertInto('walkthrough_version')
        .columns(['issue_key', 'version', 'author_account_id', 'author_name', 'created_at', 'design_url', 'summary', 'items'])
        .expression(
          db
            .selectFrom(current)
            .select((eb) => [
              eb.val(v.issueKey).as('issue_key'),
              eb.val(version).as('version'),
              eb.val(v.authorAccountId).as('author_account_id'),
              eb.val(v.authorName).as('author_name'),
              eb.val(v.createdAt).as('created_at'),
              eb.val(v.designUrl).as('design_url'),
              eb.val(v.summary).as('summary'),
              eb.val(JSON.stringify(v.items)).as('items'),
            ])
            .where('current.latest', '=', v.basedOn ?? 0),
        )
        .compile(),
    );
    return result.affectedRows > 0;
  } catch (error: unknown) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Records that a person acknowledged a version; acknowledging it again keeps the first time. */
export async function recordWalkthroughAck(issueKey: string, ack: WalkthroughAck): Promise<void> {
  await executeWrite(
    db
      .insertInto('walkthrough_ack')
      .values({
        issue_key: issueKey,
        account_id: ack.accountId,
        version: ack.version,
        acknowledged_at: ack.at,
        display_name: ack.displayName,
        roles: ack.roles.join(','),
      })
      .onDuplicateKeyUpdate((eb) => ({ account_id: eb.ref('account_id') }))
      .compile(),
  );
}

export interface NewWalkthroughQuestion {
  issueKey: string;
  version: number;
  itemId: string;
  askedBy: string;
  askedByName: string | null;
  text: string;
  askedAt: number;
  /** A fixed id, for the sandbox's seed to write the same question again without a second row; new otherwise. */
  id?: string;
}

export async function insertWalkthroughQuestion(q: NewWalkthroughQuestion): Promise<WalkthroughQuestion> {
  const id = q.id ?? `question-${randomUUID()}`;
  await executeWrite(
    db
      .insertInto('walkthrough_question')
      .values({
        id,
        issue_key: q.issueKey,
        version: q.version,
        item_id: q.itemId,
        asked_by: q.askedBy,
        asked_by_name: q.askedByName,
        text: q.text,
        asked_at: q.askedAt,
        answer: null,
        answered_by: null,
        answered_by_name: null,
        answered_at: null,
      })
      .compile(),
  );
  return { id, version: q.version, itemId: q.itemId, askedBy: q.askedBy, askedByName: q.askedByName, text: q.text, askedAt: q.askedAt, answer: null };
}

/**
 * Answers a question once: `UPDATE … WHERE answer IS NULL`. True when this answer landed; false when the
 * question does not exist on that issue or already has an answer (the caller reads which).
 */
export async function answerWalkthroughQuestion(
  issueKey: string,
  questionId: string,
  answer: { text: string; by: string; byName: string | null; at: number },
): Promise<boolean> {
  if (questionId.length > 64) throw new AppError('not-found', `Question ${questionId.slice(0, 64)}… does not exist on ${issueKey}.`);
  const result = await executeWrite(
    db
      .updateTable('walkthrough_question')
      .set({ answer: answer.text, answered_by: answer.by, answered_by_name: answer.byName, answered_at: answer.at })
      .where('id', '=', questionId)
      .where('issue_key', '=', issueKey)
      .where('answer', 'is', null)
      .compile(),
  );
  return result.affectedRows > 0;
}

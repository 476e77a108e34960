/**
 * One batch of a CSV import (the browser sends a file CSV_IMPORT_BATCH_ROWS rows at a time): each row is checked
 * on its own, so a bad row refuses only itself; the good ones are stored once each and handed to processing.
 *
 * - **Once per row, across imports.** A row's external id is the file's own id column when the person mapped
 *   one; otherwise `csv:` + a hash of its normalised content (customer, text, raised by, date). Importing the
 *   same file again, or the file re-saved with its rows in another order, creates nothing new.
 * - **Statements per batch of 50 ordinary rows: 2 SQL** — one SELECT of which keys are already stored (and
 *   whether they were clustered), one INSERT of the rest (`ON DUPLICATE KEY UPDATE id = id`; split only when
 *   the rows' text passes 256 KiB) — then `afterSignalStored` for each created row: one outbox INSERT and one
 *   queue push each. Duplicates not yet clustered are handed over again too (harmless: recording is a no-op),
 *   so rows stored by an attempt that stopped before processing still get processed.
 * - Two people importing the same rows at the same moment may both be told a row was created: the SELECT and
 *   the INSERT are two statements and Forge SQL has no transactions. The signal is stored once either way.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { csvSignalRowSchema, type CsvSignalRow, type ResolverOutput } from '../../contract';
import { displayNamesOf } from '../../jira/users';
import { storedSignalStates } from '../../store/signal-reads';
import { insertSignals, signalKey, type StoredSignal } from '../../store/signal-repository';
import { clock } from '../clock';
import { afterSignalStored } from './process';

export interface CsvImportInput {
  fileName: string;
  rows: readonly unknown[];
}

export type CsvImportResult = ResolverOutput<'signals.importCsv'>['results'][number];

/** Processing hand-offs in flight at once: each is an outbox INSERT and a queue push. */
const HANDOFF_CONCURRENCY = 5;

/** Case, spacing and Unicode forms that a re-save or a copy may change do not make a row new. */
const normalise = (text: string | undefined): string => (text ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** A date-only value is midnight UTC, so "2026-03-14" and "2026-03-14T00:00:00Z" are the same moment. */
const instantOf = (receivedAt: string | undefined): number | undefined => {
  if (receivedAt === undefined) return undefined;
  const ms = Date.parse(receivedAt);
  return Number.isFinite(ms) ? ms : undefined;
};

/** `csv:` + a hash of the row's normalised content: the same row in any file, in any order, has one id. */
export function csvContentId(row: Pick<CsvSignalRow, 'customer' | 'text' | 'raisedBy' | 'receivedAt'>): string {
  const content = JSON.stringify([normalise(row.customer), normalise(row.text), normalise(row.raisedBy), instantOf(row.receivedAt) ?? null]);
  return `csv:${createHash('sha256').update(content).digest('hex').slice(0, 40)}`;
}

export const csvExternalId = (row: CsvSignalRow): string => row.externalId?.trim() || csvContentId(row);

/** What each field is called in a sentence for the person fixing the file. */
const FIELD_NAMES: Record<string, string> = {
  rowNumber: 'row number',
  externalId: 'id',
  customer: 'customer',
  text: 'signal text',
  arr: 'ARR',
  raisedBy: 'raised by',
  receivedAt: 'date',
};

/** The schema's own messages are written for people; zod's defaults are replaced by ones that say what to do. */
function issueSentence(issue: z.core.$ZodIssue): string {
  const field = String(issue.path[0] ?? '');
  if (issue.code === 'unrecognized_keys') return `The row has fields Upstream does not import (${issue.keys.join(', ')}).`;
  if (issue.code === 'invalid_type' && issue.path.length === 0) return 'The row is not a set of named fields.';
  if (field === 'receivedAt') return 'The date is not one Upstream can read: use a date such as 2026-03-14 or 2026-03-14T09:30:00Z.';
  if (field === 'arr' && issue.code !== 'too_small') return 'The ARR is not a number Upstream can read: use digits, such as 120000.';
  if (field === 'rowNumber') return 'The row has no row number (the browser sends one for each row).';
  if (field === 'externalId') return 'The id is empty or over 200 characters.';
  if (field === 'raisedBy') return 'The "raised by" name is empty or over 200 characters.';
  if (issue.code === 'invalid_type') return `The ${FIELD_NAMES[field] ?? field} is missing.`;
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
}

/** The row number a refused row reports, when its own is readable. */
function readableRowNumber(row: unknown): number | null {
  const value = typeof row === 'object' && row !== null ? (row as { rowNumber?: unknown }).rowNumber : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : null;
}

type Checked = { index: number; ok: true; row: CsvSignalRow; id: string; externalId: string } | { index: number; ok: false; result: CsvImportResult };

function checkRow(raw: unknown, index: number, nowMs: number): Checked {
  const parsed = csvSignalRowSchema.safeParse(raw);
  if (!parsed.success) {
    const sentences = [...new Set(parsed.error.issues.map(issueSentence))];
    return { index, ok: false, result: { rowNumber: readableRowNumber(raw), outcome: 'refused', signalId: null, error: sentences.join(' ') } };
  }
  const dateProblem = receivedAtProblem(parsed.data.receivedAt, nowMs);
  if (dateProblem) return { index, ok: false, result: { rowNumber: parsed.data.rowNumber, outcome: 'refused', signalId: null, error: dateProblem } };
  const externalId = csvExternalId(parsed.data);
  return { index, ok: true, row: parsed.data, externalId, id: signalKey('csv', externalId) };
}

/** Slack for time zones: a date-only row is midnight UTC, and tomorrow in one time zone is today in another. */
const FUTURE_SLACK_MS = 2 * 24 * 60 * 60 * 1000;

/** A date the contract's format allows but no signal could have: before 1970, or after today. */
function receivedAtProblem(receivedAt: string | undefined, nowMs: number): string | null {
  const ms = instantOf(receivedAt);
  if (ms === undefined) return null;
  if (ms < 0) return `The date ${receivedAt} is before 1970: check the year.`;
  if (ms > nowMs + FUTURE_SLACK_MS) return `The date ${receivedAt} is in the future: check the year, and whether the day and month are the right way round.`;
  return null;
}

function storedSignalOf(row: CsvSignalRow, externalId: string, fileName: string, importer: { accountId: string; name: string }, nowSeconds: number): StoredSignal {
  const receivedMs = instantOf(row.receivedAt);
  return {
    externalId,
    source: 'csv',
    state: 'new',
    receivedAt: receivedMs !== undefined ? Math.floor(receivedMs / 1000) : nowSeconds,
    customer: row.customer,
    text: row.text,
    // A row that names nobody was raised, as far as Upstream knows, by the person importing it.
    raisedByName: row.raisedBy ?? importer.name,
    ...(row.raisedBy === undefined ? { raisedByAccountId: importer.accountId } : {}),
    ...(row.arr !== undefined ? { arr: row.arr } : {}),
    rawPayload: JSON.stringify({ fileName, row, importedByAccountId: importer.accountId }),
  };
}

async function importerOf(accountId: string, needed: boolean): Promise<{ accountId: string; name: string }> {
  if (!needed) return { accountId, name: '' };
  const name = (await displayNamesOf([accountId])).get(accountId);
  return { accountId, name: name ?? 'A Jira user' };
}

/** Runs `task` for every item, at most `limit` at once. */
async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function importCsvRows(input: CsvImportInput, accountId: string): Promise<ResolverOutput<'signals.importCsv'>> {
  const nowMs = clock.now().getTime();
  const checked = input.rows.map((raw, index) => checkRow(raw, index, nowMs));
  const good = checked.filter((c): c is Extract<Checked, { ok: true }> => c.ok);
  const stored = await storedSignalStates(good.map((c) => c.id));

  // The first row with a key creates it; later rows with the same key in this batch are duplicates of it.
  const firstOfKey = new Map<string, Extract<Checked, { ok: true }>>();
  for (const c of good) if (!stored.has(c.id) && !firstOfKey.has(c.id)) firstOfKey.set(c.id, c);
  const toCreate = [...firstOfKey.values()];

  const importer = await importerOf(accountId, toCreate.some((c) => c.row.raisedBy === undefined));
  const nowSeconds = Math.floor(nowMs / 1000);
  if (toCreate.length > 0) {
    await insertSignals(toCreate.map((c) => storedSignalOf(c.row, c.externalId, input.fileName, importer, nowSeconds)));
  }
  const unclusteredDuplicates = [...stored].filter(([, state]) => !state.clustered).map(([id]) => id);
  await forEachLimited([...firstOfKey.keys(), ...unclusteredDuplicates], HANDOFF_CONCURRENCY, afterSignalStored);

  return {
    results: checked.map((c): CsvImportResult => {
      if (!c.ok) return c.result;
      const created = firstOfKey.get(c.id) === c;
      return { rowNumber: c.row.rowNumber, outcome: created ? 'created' : 'duplicate', signalId: c.id, error: null };
    }),
  };
}

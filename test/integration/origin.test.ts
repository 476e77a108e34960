/**
 * panel.context and origin.* through the real resolver handler, over the seeded app data: the origin trail,
 * links written as the user and found by JQL aliases, refusals that write nothing, and the panel's two
 * round trips.
 */
import { sql } from '@forge/sql';
import { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { seedAppData, seededSignalId, SEEDED_NOTE_IDS, SEEDED_ORIGIN_SUMMARIES, SEEDED_SIGNAL_COUNT } from '../sandbox/seed/app-data';
import { sequentialDepth } from '../sandbox/instrument';
import { retryPolicy } from '../../src/jira/client';
import { forgetWorkTypeFieldId } from '../../src/jira/fields';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import type { JiraIssue } from '../sandbox/jira/model';
import { as, writesIn } from './work-type-helpers';

const today = new Date('2026-11-26T10:00:00Z');
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = new Sandbox({ today });
  retryPolicy.sleep = async () => undefined;
  await seedAppData(sandbox, today);
}, 180_000);
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.jiraLink.clearFaults();
  sandbox.setLatency(0);
});

const site = () => sandbox.jira.site;
const bySummary = (summary: string): JiraIssue => site().issues.find((i) => i.summary === summary)!;
const inProject = (key: string, n = 0): JiraIssue => {
  const id = site().projects.find((p) => p.key === key)!.id;
  return site().issues.filter((i) => i.projectId === id && !i.properties['upstream-origin'] && i.issueTypeId !== '10000')[n];
};
const jql = async (query: string): Promise<string[]> => {
  const res = await sandbox.jira.handle({
    method: 'POST',
    path: '/rest/api/3/search/jql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jql: query, fields: ['key'], maxResults: 5000 }),
    asUser: SEED_USERS.engineer,
  });
  return ((res.body as { issues: { key: string }[] }).issues ?? []).map((i) => i.key);
};
type Ok<T> = { ok: true; data: T };
interface OriginData {
  origin: { kind: string; signals: { id: string; customer: string; arr: number | null }[]; discoveryNote: { id: string } | null; customers: string[]; arr: number; missing: string[] };
}

/** Every row of a table, in id order, as the app reads it: what a second seed must leave exactly as it was. */
const tableRows = async (table: 'signal' | 'discovery_note' | 'engineering_input'): Promise<unknown[]> =>
  sandbox.asApp(() => selectRows(db.selectFrom(table).selectAll().orderBy('id').compile()));

describe('the seeded app data', () => {
  it('holds ~40 signals, 6 discovery notes and ~25 linked origins, and seeding twice changes nothing', async () => {
    const before = { signals: await tableRows('signal'), notes: await tableRows('discovery_note'), inputs: await tableRows('engineering_input') };
    expect(before.signals).toHaveLength(SEEDED_SIGNAL_COUNT);
    expect(before.notes).toHaveLength(SEEDED_NOTE_IDS.length);
    expect(before.inputs.length).toBeGreaterThan(0);
    const entities = sandbox.storage.stats().items.entities;
    const linked = site().issues.filter((i) => i.properties['upstream-origin']).length;
    expect(linked).toBe(SEEDED_ORIGIN_SUMMARIES.length);
    await seedAppData(sandbox, today);
    expect({ signals: await tableRows('signal'), notes: await tableRows('discovery_note'), inputs: await tableRows('engineering_input') }).toEqual(before);
    expect(sandbox.storage.stats().items.entities).toEqual(entities);
    expect(site().issues.filter((i) => i.properties['upstream-origin']).length).toBe(linked);
  });
});

describe('panel.context', () => {
  it('shows the issue, work type, suggestion with reasons, origin trail and readiness in at most two round trips', async () => {
    const issue = bySummary('Instant payouts to debit cards for marketplace sellers');
    forgetWorkTypeFieldId();
    sandbox.setLatency(20);
    sandbox.clearLogs();
    const result = (await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: issue.key })) as Ok<{
      issue: { key: string; labels: string[] };
      canEdit: boolean;
      workType: { suggestion: { workType: string; reasons: string[] } | null };
      origin: OriginData['origin'] & { discoveryNote: { engineeringInput: { author: string }[] } };
      readiness: { key: string; state: string }[];
    }>;
    const depth = sequentialDepth([...sandbox.jiraLink.log, ...sandbox.storageLink.log, ...sandbox.sqlLink.log]);
    sandbox.setLatency(0);
    expect(depth).toBeLessThanOrEqual(2);
    expect(result.ok).toBe(true);
    expect(result.data.canEdit).toBe(true);
    expect(result.data.origin).toMatchObject({
      kind: 'linked',
      customers: ['Harbor & Pine Logistics'],
      arr: 584_000,
      signals: [{ customer: 'Harbor & Pine Logistics', arr: 584_000 }],
      discoveryNote: { id: 'note-instant-payouts', title: 'Instant payouts for marketplace sellers' },
      missing: [],
    });
    expect(result.data.origin.discoveryNote.engineeringInput.map((e) => e.author)).toContain('Priya Raman');
    expect(result.data.workType.suggestion).toMatchObject({ workType: 'Innovative' });
    expect(result.data.workType.suggestion!.reasons).toEqual(expect.arrayContaining(['came from a roadmap signal', 'came from a discovery note']));
    expect(result.data.readiness.map((r) => r.key)).toEqual(['classified', 'origin', 'discovery', 'walkthrough', 'error-states']);
  });

  it('lists a deleted signal under missing rather than dropping it', async () => {
    const issue = bySummary('Sync credit notes to Xero');
    const id = seededSignalId('form-915');
    await sandbox.asApp(() => sql.prepare('DELETE FROM `signal` WHERE id = ?').bindParams(id).execute());
    const result = (await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: issue.key })) as Ok<OriginData>;
    expect(result.data.origin).toMatchObject({ kind: 'linked', signals: [], missing: [id], customers: ['Bluefern Software'] });
  });

  it('says canEdit false for sales, and refuses the restricted contractor an OPS issue without revealing it', async () => {
    const pay = inProject('PAY');
    expect(await sandbox.invoke(as(SEED_USERS.sales), 'panel.context', { issueKey: pay.key })).toMatchObject({ ok: true, data: { canEdit: false } });
    const ops = inProject('OPS');
    const refused = await sandbox.invoke(as(SEED_USERS.restricted), 'panel.context', { issueKey: ops.key });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(JSON.stringify(refused)).not.toContain(ops.summary);
  });

  it('shows an issue with no origin as unknown, with origin readiness to do', async () => {
    const result = await sandbox.invoke(as(SEED_USERS.engineer), 'panel.context', { issueKey: inProject('INV', 3).key });
    expect(result).toMatchObject({
      ok: true,
      data: { origin: { kind: 'unknown', signals: [], linkedBy: null }, readiness: expect.arrayContaining([expect.objectContaining({ key: 'origin', state: 'todo' })]) },
    });
  });
});

describe('origin.link, unlink and markNone', () => {
  it('links signals and a note as the user, sums ARR once per customer, and JQL finds the issue by alias', async () => {
    const issue = inProject('PAY', 1);
    const signalIds = [seededSignalId('crm-4519'), seededSignalId('csv-2026-10-a'), seededSignalId('form-927')];
    sandbox.clearLogs();
    const result = (await sandbox.invoke(as(SEED_USERS.engineer), 'origin.link', {
      issueKey: issue.key,
      signalIds,
      discoveryNoteId: 'note-multi-currency',
    })) as Ok<OriginData>;
    expect(result.ok).toBe(true);
    // Atlas Freight twice (318,000 once) + Tidewater (51,300).
    expect(result.data.origin).toMatchObject({ kind: 'linked', arr: 369_300, customers: ['Atlas Freight Europe', 'Tidewater Marine Supply'] });
    const put = sandbox.jiraLink.log.filter((r) => r.method === 'PUT');
    expect(put).toEqual([expect.objectContaining({ path: `/rest/api/3/issue/${issue.key}/properties/upstream-origin`, asUser: SEED_USERS.engineer })]);
    expect(await jql(`upstreamArr > 50000 AND key = ${issue.key}`)).toEqual([issue.key]);
    expect(await jql('upstreamDiscoveryNote = "note-multi-currency"')).toContain(issue.key);
    expect(await jql('upstreamCustomer = "Tidewater Marine Supply"')).toContain(issue.key);
    expect(await jql(`upstreamOriginKind = linked AND upstreamSignal = "${signalIds[0]}"`)).toContain(issue.key);

    const more = (await sandbox.invoke(as(SEED_USERS.engineer), 'origin.link', { issueKey: issue.key, signalIds: [seededSignalId('form-931')] })) as Ok<OriginData>;
    expect(more.data.origin.signals).toHaveLength(4);
    expect(more.data.origin.arr).toBe(369_300 + 38_400);

    const unlinked = (await sandbox.invoke(as(SEED_USERS.engineer), 'origin.unlink', { issueKey: issue.key, signalId: signalIds[2] })) as Ok<OriginData>;
    expect(unlinked.data.origin).toMatchObject({ arr: 318_000 + 38_400, customers: ['Atlas Freight Europe', 'Lumen Academy'] });
    const noNote = (await sandbox.invoke(as(SEED_USERS.engineer), 'origin.unlink', { issueKey: issue.key, discoveryNote: true })) as Ok<OriginData>;
    expect(noNote.data.origin.discoveryNote).toBeNull();
    expect(await jql('upstreamDiscoveryNote = "note-multi-currency"')).not.toContain(issue.key);
  });

  it('marks an origin as none, refuses none over a linked origin, and linking replaces none', async () => {
    const issue = inProject('INV', 2);
    expect(await sandbox.invoke(as(SEED_USERS.engineer), 'origin.markNone', { issueKey: issue.key })).toMatchObject({ ok: true, data: { origin: { kind: 'none' } } });
    expect(await jql(`upstreamOriginKind = none AND key = ${issue.key}`)).toEqual([issue.key]);
    const linked = await sandbox.invoke(as(SEED_USERS.engineer), 'origin.link', { issueKey: issue.key, signalIds: [seededSignalId('form-934')] });
    expect(linked).toMatchObject({ ok: true, data: { origin: { kind: 'linked' } } });
    sandbox.clearLogs();
    expect(await sandbox.invoke(as(SEED_USERS.engineer), 'origin.markNone', { issueKey: issue.key })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(writesIn(sandbox)).toEqual([]);
    // Unlinking the last link leaves the origin unknown again (the property is deleted).
    const cleared = await sandbox.invoke(as(SEED_USERS.engineer), 'origin.unlink', { issueKey: issue.key, signalId: seededSignalId('form-934') });
    expect(cleared).toMatchObject({ ok: true, data: { origin: { kind: 'unknown' } } });
    expect(issue.properties['upstream-origin']).toBeUndefined();
  });

  it.each([
    ['a signal that does not exist', { signalIds: ['signal-0000'] }, 'not-found', /Signal signal-0000 does not exist/],
    ['a discovery note that does not exist', { discoveryNoteId: 'note-nope' }, 'not-found', /Discovery note note-nope does not exist/],
    ['no signal and no note', { signalIds: [] }, 'invalid-input', /at least one/],
    ['a malformed record id', { signalIds: ['../etc'] }, 'invalid-input', /record id/],
  ])('refuses %s and writes nothing', async (_name, extra, code, message) => {
    const issue = inProject('PAY', 4);
    const before = JSON.stringify(issue.properties);
    sandbox.clearLogs();
    const result = await sandbox.invoke(as(SEED_USERS.engineer), 'origin.link', { issueKey: issue.key, ...extra });
    expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
    expect(writesIn(sandbox)).toEqual([]);
    expect(JSON.stringify(issue.properties)).toBe(before);
  });

  it('refuses unlinking what is not linked, sales (cannot edit) and the restricted contractor on OPS, writing nothing', async () => {
    const pay = inProject('PAY', 5);
    const ops = inProject('OPS', 1);
    sandbox.clearLogs();
    expect(await sandbox.invoke(as(SEED_USERS.engineer), 'origin.unlink', { issueKey: pay.key, signalId: seededSignalId('form-934') })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await sandbox.invoke(as(SEED_USERS.sales), 'origin.link', { issueKey: pay.key, signalIds: [seededSignalId('form-934')] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await sandbox.invoke(as(SEED_USERS.sales), 'origin.markNone', { issueKey: pay.key })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await sandbox.invoke(as(SEED_USERS.restricted), 'origin.link', { issueKey: ops.key, signalIds: [seededSignalId('form-934')] })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await sandbox.invoke(as(SEED_USERS.restricted), 'origin.candidates', { issueKey: ops.key, query: '' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(writesIn(sandbox)).toEqual([]);
  });
});

describe('origin.candidates', () => {
  it('finds signals and notes matching the query, leaving out what is already linked', async () => {
    const issue = bySummary('Let merchants choose the payout day of the week');
    const result = (await sandbox.invoke(as(SEED_USERS.engineer), 'origin.candidates', { issueKey: issue.key, query: 'payout' })) as Ok<{
      signals: { id: string; quote: string; customer: string }[];
      discoveryNotes: { id: string }[];
    }>;
    expect(result.ok).toBe(true);
    expect(result.data.signals.length).toBeGreaterThan(0);
    for (const s of result.data.signals) expect(`${s.quote} ${s.customer}`.toLowerCase()).toContain('payout');
    expect(result.data.signals.map((s) => s.id)).not.toContain(seededSignalId('slack-1704.10'));
    expect(result.data.discoveryNotes.map((n) => n.id)).toContain('note-instant-payouts');
    expect(result.data.discoveryNotes.map((n) => n.id)).not.toContain('note-payout-scheduling');
  });
});

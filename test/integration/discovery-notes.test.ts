/**
 * Discovery notes through the real resolver handler (`discovery.*`), against the sandbox with the seeded site:
 * the ready rule as a product lead meets it (refused without an engineer's input, allowed after; held back by
 * an open question until it is resolved; a waiver with its reason, visible to everyone), two leads moving the
 * same version at once (one wins, the other gets `conflict` and nothing is lost), a note started from a triage
 * cluster in one step, the issues that came from a note listed as the caller may see them, who may do what,
 * and refused input writing nothing.
 */
import type { ResolverOutput } from '../../src/contract';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { CONTRACTOR, DESIGNER, ENGINEER, LEAD, SALES, type NoteView as View, discoveryCaller, discoveryRows as rowsIn } from './discovery-helpers';
import { type Answer, ok, refused, useSandbox } from './resolver-answers';
import { as } from './work-type-helpers';
import { SEED_USERS } from '../sandbox/seed';

const today = new Date('2026-11-26T10:00:00Z');
const sandbox = useSandbox(today, { seed: true });
const call = discoveryCaller(sandbox);
const discoveryRows = () => rowsIn(sandbox());

const get = async (noteId: string, who = LEAD): Promise<View> => ok(await call(who, 'discovery.get', { projectKey: 'PAY', noteId }));
const create = async (payload: Record<string, unknown>): Promise<View> => ok(await call(LEAD, 'discovery.create', { projectKey: 'PAY', ...payload }));
const setStatus = (noteId: string, version: number, status: string, extra: Record<string, unknown> = {}, who = LEAD) =>
  call(who, 'discovery.setStatus', { projectKey: 'PAY', noteId, version, status, ...extra });
const addInput = (noteId: string, kind: string, text: string, who = ENGINEER) => call(who, 'discovery.addInput', { projectKey: 'PAY', noteId, kind, text });

describe('the seeded notes', () => {
  it('are at every status, counted per status on the Discovery tab', async () => {
    const list = ok(await call<ResolverOutput<'discovery.list'>>(ENGINEER, 'discovery.list', { projectKey: 'PAY' }));
    expect(list.counts.map((c) => c.status)).toEqual(['exploring', 'shaped', 'ready', 'in-delivery', 'shipped']);
    for (const { status, count } of list.counts) expect({ status, some: count > 0 }).toEqual({ status, some: true });
    expect(list.canCreate).toBe(false);
    const eInvoicing = list.notes.find((n) => n.id === 'note-e-invoicing-eu')!;
    expect(eInvoicing).toMatchObject({ status: 'shaped', input: { total: 2, fromEngineers: 2, openQuestions: 1 }, ready: { ok: false } });
    expect(eInvoicing.ready.reasons.map((r) => r.reason)).toEqual(['open-questions']);
    const ready = ok(await call<ResolverOutput<'discovery.list'>>(LEAD, 'discovery.list', { projectKey: 'PAY', status: 'ready' }));
    expect(ready.notes.map((n) => n.id).sort()).toEqual(['note-instant-payouts', 'note-statements-by-email']);
    expect(ready.canCreate).toBe(true);
  });

  it('show a waiver with its reason and who gave it, and the issues that came from a note with their status', async () => {
    const waived = await get('note-statements-by-email', SALES);
    expect(waived.note.waiver).toMatchObject({ by: { displayName: 'Grace Liu' }, reason: expect.stringContaining('Sam reviewed it') });
    expect(waived.ready).toMatchObject({ ok: true, waived: true, reasons: [{ reason: 'no-engineering-input' }] });

    const multiCurrency = await get('note-multi-currency', ENGINEER);
    const issue = sandbox().jira.site.issues.find((i) => i.summary === 'Multi-currency invoices with locked exchange rates')!;
    expect(multiCurrency.linkedIssues.jql).toBe('upstreamDiscoveryNote = "note-multi-currency" ORDER BY key ASC');
    expect(multiCurrency.linkedIssues.issues.map((i) => i.key)).toContain(issue.key);
    expect(multiCurrency.linkedIssues.issues.find((i) => i.key === issue.key)?.status.name).toEqual(expect.any(String));
    expect(multiCurrency.evidence.totals.signalCount).toBeGreaterThan(0);
    const question = multiCurrency.engineeringInput.find((e) => e.kind === 'question')!;
    expect(question.question).toMatchObject({ open: false, resolvedBy: { displayName: 'Yuki Tanaka' }, resolution: expect.stringContaining('ECB') });
  });
});

describe('the ready rule', () => {
  it('refuses a product lead until someone in engineering has added input, then lets them mark it ready', async () => {
    const started = await create({ title: 'Refunds to the original card after 180 days', problem: 'Card networks refuse refunds on old transactions; support pays by bank transfer instead.' });
    expect(started.note).toMatchObject({ status: 'exploring', createdBy: { displayName: 'Hannah Okafor' } });
    const shaped = ok(await setStatus(started.note.id, started.note.version, 'shaped'));
    expect(shaped.nextStatuses).toEqual(['exploring', 'ready']);

    const before = await discoveryRows();
    const error = refused(await setStatus(started.note.id, shaped.note.version, 'ready'));
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('no one in the engineering role has added input yet') });
    expect(await discoveryRows()).toEqual(before);

    // A designer's input is input, but not engineering input.
    const fromDesigner = ok(await addInput(started.note.id, 'risk', 'The refund form needs the bank details up front, or agents re-ask.', DESIGNER));
    expect(fromDesigner.engineeringInput.at(-1)).toMatchObject({ author: { displayName: 'Tomás Ortega' }, authorRoles: ['design'], fromEngineer: false });
    expect(refused(await setStatus(started.note.id, fromDesigner.note.version, 'ready')).code).toBe('invalid-input');

    const fromEngineer = ok(await addInput(started.note.id, 'constraint', 'Refunds older than 180 days must go out as a credit transfer (OCT), not a refund.'));
    expect(fromEngineer.engineeringInput.at(-1)).toMatchObject({ author: { displayName: 'Priya Raman' }, authorRoles: ['engineering'], fromEngineer: true });
    expect(fromEngineer.ready).toEqual({ ok: true, waived: false, reasons: [] });
    const ready = ok(await setStatus(started.note.id, fromEngineer.note.version, 'ready'));
    expect(ready.note).toMatchObject({ status: 'ready', waiver: null });
  });

  it('is held back by an open question, which only its author or an engineer may resolve', async () => {
    const started = await create({ title: 'Partial captures on hotel bookings', problem: 'Hotels pre-authorise and capture less at checkout.' });
    const shaped = ok(await setStatus(started.note.id, started.note.version, 'shaped'));
    ok(await addInput(shaped.note.id, 'technical-shape', 'Captures become their own ledger entries against the authorisation.'));
    const asked = ok(await addInput(shaped.note.id, 'question', 'Do we release the remainder at capture or let it expire?', SEED_USERS.admin));
    const question = asked.engineeringInput.find((e) => e.kind === 'question')!;
    expect(asked.ready.reasons).toEqual([{ reason: 'open-questions', message: expect.stringContaining('1 engineering question is still open'), inputIds: [question.id] }]);
    expect(refused(await setStatus(asked.note.id, asked.note.version, 'ready')).message).toContain('1 engineering question is still open');

    const before = await discoveryRows();
    expect(refused(await call(SALES, 'discovery.resolveQuestion', { projectKey: 'PAY', noteId: asked.note.id, inputId: question.id })).code).toBe('forbidden');
    expect(await discoveryRows()).toEqual(before);

    const resolved = ok(await call(ENGINEER, 'discovery.resolveQuestion', { projectKey: 'PAY', noteId: asked.note.id, inputId: question.id, resolution: 'Release at capture.' }));
    expect(resolved.engineeringInput.find((e) => e.id === question.id)?.question).toMatchObject({ open: false, resolvedBy: { displayName: 'Priya Raman' }, resolution: 'Release at capture.' });
    expect(ok(await setStatus(resolved.note.id, resolved.note.version, 'ready')).note.status).toBe('ready');
  });

  it('takes a waiver with a reason, which stays visible to everyone', async () => {
    const started = await create({ title: 'Show the invoice number in payout references', problem: 'Finance teams match payouts by hand.' });
    const shaped = ok(await setStatus(started.note.id, started.note.version, 'shaped'));
    expect(refused(await setStatus(shaped.note.id, shaped.note.version, 'ready', { waiverReason: '   ' })).code).toBe('invalid-input');
    const waived = ok(await setStatus(shaped.note.id, shaped.note.version, 'ready', { waiverReason: 'A one-line change to the reference format; engineering agreed in stand-up.' }));
    expect(waived.note.status).toBe('ready');
    const seen = await get(started.note.id, SALES);
    expect(seen.note.waiver).toEqual({ by: { accountId: LEAD, displayName: 'Hannah Okafor' }, at: expect.any(String), reason: 'A one-line change to the reference format; engineering agreed in stand-up.' });
    expect(seen.ready).toMatchObject({ ok: true, waived: true });
    expect(seen.can).toEqual({ edit: false, addInput: true, waive: false });
  });

  it('lets only one of two leads moving the same version succeed; the other gets conflict and nothing is lost', async () => {
    const started = await create({ title: 'Two leads at once', problem: 'Both open the note and move it.' });
    const answers = await Promise.all([setStatus(started.note.id, started.note.version, 'shaped'), setStatus(started.note.id, started.note.version, 'shaped', {}, SEED_USERS.admin)]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const lost = answers.find((a) => !a.ok);
    expect(lost && refused(lost)).toMatchObject({ code: 'conflict', message: expect.stringContaining('since you opened it') });
    expect((await get(started.note.id)).note).toMatchObject({ status: 'shaped', version: started.note.version + 1 });

    // An edit over a stale version is refused the same way; the text saved first stands.
    const first = ok(await call(LEAD, 'discovery.update', { projectKey: 'PAY', noteId: started.note.id, version: started.note.version + 1, changes: { desiredOutcome: 'One lead decides.' } }));
    const stale = refused(await call(LEAD, 'discovery.update', { projectKey: 'PAY', noteId: started.note.id, version: started.note.version + 1, changes: { desiredOutcome: 'Overwritten?' } }));
    expect(stale.code).toBe('conflict');
    expect((await get(started.note.id)).note.desiredOutcome).toBe(first.note.desiredOutcome);
  });

  it('moves one step at a time', async () => {
    const started = await create({ title: 'Skipping ahead', problem: 'p' });
    const error = refused(await setStatus(started.note.id, started.note.version, 'in-delivery'));
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('one step at a time') });
  });
});

describe('starting a note from a triage cluster', () => {
  it('links the cluster and its signals in one step, counting each customer once', async () => {
    const [cluster] = await sandbox().asApp(() =>
      selectRows(db.selectFrom('cluster').select(['id', 'signal_count', 'customer_count']).where('signal_count', '>', 1).orderBy('signal_count', 'desc').orderBy('id').limit(1).compile()),
    );
    const view = await create({ title: 'From the Inbox', problem: 'Customers keep asking for this.', clusterId: cluster.id });
    expect(view.evidence.clusters.map((c) => c.id)).toEqual([cluster.id]);
    expect(view.evidence.signals).toHaveLength(Number(cluster.signal_count));
    expect(view.evidence.totals).toMatchObject({ clusterCount: 1, signalCount: Number(cluster.signal_count), customerCount: Number(cluster.customer_count) });
    const perCustomer = new Map<string, number>();
    for (const s of view.evidence.signals) perCustomer.set(s.customer, Math.max(perCustomer.get(s.customer) ?? 0, s.arr ?? 0));
    expect(view.evidence.totals.arrTotal).toBeCloseTo([...perCustomer.values()].reduce((a, b) => a + b, 0), 2);

    const before = await discoveryRows();
    expect(refused(await call(LEAD, 'discovery.create', { projectKey: 'PAY', title: 'x', problem: 'y', clusterId: 'cluster-none' })).code).toBe('not-found');
    expect(await discoveryRows()).toEqual(before);
  });
});

describe('linked issues', () => {
  it('are listed as the caller may see them: an issue in a project they cannot browse is left out', async () => {
    const started = await create({ title: 'Linked from two projects', problem: 'p' });
    const ops = sandbox().jira.site.issues.find((i) => i.key.startsWith('OPS-') && !i.properties['upstream-origin'])!;
    const pay = sandbox().jira.site.issues.find((i) => i.key.startsWith('PAY-') && !i.properties['upstream-origin'])!;
    for (const issue of [ops, pay]) ok(await sandbox().invoke(as(ENGINEER), 'origin.link', { issueKey: issue.key, signalIds: [], discoveryNoteId: started.note.id }) as Answer<unknown>);
    expect((await get(started.note.id, ENGINEER)).linkedIssues.issues.map((i) => i.key).sort()).toEqual([ops.key, pay.key].sort());
    expect((await get(started.note.id, CONTRACTOR)).linkedIssues.issues.map((i) => i.key)).toEqual([pay.key]);
  });
});

describe('who may do what, and bad input', () => {
  it('refuses writes by people who are not product leads, reads by people who cannot browse the project, and unknown notes', async () => {
    const before = await discoveryRows();
    expect(refused(await call(ENGINEER, 'discovery.create', { projectKey: 'PAY', title: 't', problem: 'p' })).code).toBe('forbidden');
    expect(refused(await setStatus('note-payment-plans', 1, 'shaped', {}, SALES)).code).toBe('forbidden');
    expect(refused(await call(CONTRACTOR, 'discovery.get', { projectKey: 'OPS', noteId: 'note-payment-plans' })).code).toBe('forbidden');
    expect(refused(await call(CONTRACTOR, 'discovery.list', { projectKey: 'OPS' })).code).toBe('forbidden');
    expect(refused(await call(ENGINEER, 'discovery.get', { projectKey: 'PAY', noteId: 'note-nowhere' })).code).toBe('not-found');
    expect(refused(await addInput('note-nowhere', 'risk', 'orphan?')).code).toBe('not-found');
    expect(refused(await call(ENGINEER, 'discovery.resolveQuestion', { projectKey: 'PAY', noteId: 'note-payment-plans', inputId: 'input-nowhere' })).code).toBe('not-found');
    expect(refused(await addInput('note-payment-plans', 'risk', 'x'.repeat(5001))).code).toBe('invalid-input');
    expect(refused(await addInput('note-payment-plans', 'opinion', 'x')).code).toBe('invalid-input');
    expect(refused(await call(LEAD, 'discovery.create', { projectKey: 'PAY', title: 't'.repeat(256), problem: 'p' })).fields).toHaveProperty('title');
    expect(refused(await call(LEAD, 'discovery.update', { projectKey: 'PAY', noteId: 'note-payment-plans', version: 1, changes: {} })).code).toBe('invalid-input');
    expect(
      refused(await call(LEAD, 'discovery.update', { projectKey: 'PAY', noteId: 'note-payment-plans', version: 1, changes: { participants: [{ accountId: 'no-such-person', role: 'engineering' }] } })).code,
    ).toBe('invalid-input');
    expect(refused(await setStatus('note-payment-plans', 1, 'shaped', { waiverReason: 'only for ready' })).fields).toHaveProperty('waiverReason');
    expect(await discoveryRows()).toEqual(before);
  });

  it('names participants with their Jira names and roles', async () => {
    const started = await create({ title: 'Participants', problem: 'p' });
    const updated = ok(
      await call(LEAD, 'discovery.update', {
        projectKey: 'PAY',
        noteId: started.note.id,
        version: started.note.version,
        changes: { participants: [{ accountId: ENGINEER, role: 'engineering' }, { accountId: DESIGNER, role: 'design' }], designDirection: 'A toggle in settings.' },
      }),
    );
    expect(updated.note.participants).toEqual([
      { accountId: ENGINEER, displayName: 'Priya Raman', role: 'engineering' },
      { accountId: DESIGNER, displayName: 'Tomás Ortega', role: 'design' },
    ]);
    expect(updated.note.designDirection).toBe('A toggle in settings.');
  });
});

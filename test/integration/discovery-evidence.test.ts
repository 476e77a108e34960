/**
 * Changing a note after it was started, through the real resolver handler: a product lead links more clusters
 * and signals as evidence and removes some (a cluster goes with the signals it brought); a resolved question is
 * reopened by its author or an engineer and holds the note back from ready again. Who may do each, and refused
 * input writing nothing.
 */
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { CONTRACTOR, DESIGNER, ENGINEER, LEAD, SALES, discoveryCaller, discoveryRows as rowsIn } from './discovery-helpers';
import { ok, refused, useSandbox } from './resolver-answers';

const sandbox = useSandbox(new Date('2026-11-26T10:00:00Z'), { seed: true });
const callAs = discoveryCaller(sandbox);
/** Every call here names its project in the payload too, as the triage page does. */
const call = (accountId: string, key: string, payload: Record<string, unknown>, projectKey = 'PAY') => callAs(accountId, key, { projectKey, ...payload }, projectKey);
const discoveryRows = () => rowsIn(sandbox());

/** Two clusters with signals, the first with more than one, and a signal in neither. */
async function evidenceToLink(): Promise<{ big: { id: string; signals: number }; other: string; loose: string }> {
  const clusters = await sandbox().asApp(() =>
    selectRows(db.selectFrom('cluster').select(['id', 'signal_count']).where('signal_count', '>', 1).where('state', '!=', 'merged').orderBy('signal_count', 'desc').orderBy('id').limit(2).compile()),
  );
  const [big, other] = clusters.map((c) => ({ id: String(c.id), signals: Number(c.signal_count) }));
  const [loose] = await sandbox().asApp(() =>
    selectRows(db.selectFrom('signal').select('id').where('cluster_id', 'not in', [big!.id, other!.id]).where('cluster_id', 'is not', null).orderBy('id').limit(1).compile()),
  );
  return { big: big!, other: other!.id, loose: String(loose!.id) };
}

describe('evidence after a note was started', () => {
  it('links clusters and signals, and removes a cluster with the signals it brought, leaving the rest', async () => {
    const { big, other, loose } = await evidenceToLink();
    const started = ok(await call(LEAD, 'discovery.create', { title: 'Evidence later', problem: 'Customers ask for this.', clusterId: big.id }));
    expect(started.evidence.totals.signalCount).toBe(big.signals);

    const linked = ok(await call(LEAD, 'discovery.linkEvidence', { noteId: started.note.id, clusterIds: [other], signalIds: [loose] }));
    expect(linked.evidence.clusters.map((c) => c.id).sort()).toEqual([big.id, other].sort());
    const looseSignal = linked.evidence.signals.find((s) => s.id === loose)!;
    expect(looseSignal.linkedItself).toBe(true);
    // Linking again changes nothing.
    const again = ok(await call(LEAD, 'discovery.linkEvidence', { noteId: started.note.id, clusterIds: [other] }));
    expect(again.evidence.totals).toEqual(linked.evidence.totals);

    const removed = ok(await call(LEAD, 'discovery.unlinkEvidence', { noteId: started.note.id, clusterIds: [big.id] }));
    expect(removed.evidence.clusters.map((c) => c.id)).toEqual([other]);
    // The big cluster's signals went with it (started from it, they were linked beside it); the loose one stayed.
    expect(removed.evidence.signals.some((s) => s.clusterId === big.id)).toBe(false);
    expect(removed.evidence.signals.map((s) => s.id)).toContain(loose);

    const bare = ok(await call(LEAD, 'discovery.unlinkEvidence', { noteId: started.note.id, clusterIds: [other], signalIds: [loose] }));
    expect(bare.evidence.totals).toMatchObject({ clusterCount: 0, signalCount: 0, customerCount: 0, arrTotal: 0 });
  });

  it('refuses anyone but a product lead, unknown clusters, signals and notes, and empty changes, writing nothing', async () => {
    const { big, loose } = await evidenceToLink();
    const before = await discoveryRows();
    expect(refused(await call(ENGINEER, 'discovery.linkEvidence', { noteId: 'note-payment-plans', clusterIds: [big.id] })).code).toBe('forbidden');
    expect(refused(await call(SALES, 'discovery.unlinkEvidence', { noteId: 'note-instant-payouts', signalIds: [loose] })).code).toBe('forbidden');
    expect(refused(await call(CONTRACTOR, 'discovery.linkEvidence', { noteId: 'note-payment-plans', clusterIds: [big.id] }, 'OPS')).code).toBe('forbidden');
    const noCluster = refused(await call(LEAD, 'discovery.linkEvidence', { noteId: 'note-payment-plans', clusterIds: [big.id, 'cluster-nowhere'] }));
    expect(noCluster).toMatchObject({ code: 'not-found', fields: { clusterIds: expect.any(String) } });
    expect(noCluster.message).toContain('cluster-nowhere');
    expect(refused(await call(LEAD, 'discovery.linkEvidence', { noteId: 'note-payment-plans', signalIds: ['signal-nowhere'] })).code).toBe('not-found');
    expect(refused(await call(LEAD, 'discovery.linkEvidence', { noteId: 'note-nowhere', clusterIds: [big.id] })).code).toBe('not-found');
    expect(refused(await call(LEAD, 'discovery.unlinkEvidence', { noteId: 'note-nowhere', clusterIds: [big.id] })).code).toBe('not-found');
    expect(refused(await call(LEAD, 'discovery.linkEvidence', { noteId: 'note-payment-plans' })).fields).toHaveProperty('clusterIds');
    expect(refused(await call(LEAD, 'discovery.linkEvidence', { noteId: 'note-payment-plans', clusterIds: ['Cluster One'] })).code).toBe('invalid-input');
    expect(refused(await call(LEAD, 'discovery.linkEvidence', { noteId: 'note-payment-plans', clusterIds: Array.from({ length: 21 }, (_, i) => `cluster-${i}`) })).code).toBe('invalid-input');
    expect(await discoveryRows()).toEqual(before);
  });
});

describe('reopening a question', () => {
  it('opens it again for its author or an engineer, and it holds the note back from ready again', async () => {
    const started = ok(await call(LEAD, 'discovery.create', { title: 'Reopen', problem: 'p' }));
    const noteId = started.note.id;
    const asked = ok(await call(ENGINEER, 'discovery.addInput', { noteId, kind: 'question', text: 'Which acquirer?' }));
    const question = asked.engineeringInput[0]!;
    const resolved = ok(await call(ENGINEER, 'discovery.resolveQuestion', { noteId, inputId: question.id, resolution: 'Adyen.' }));
    expect(resolved.ready.ok).toBe(true);
    expect(resolved.engineeringInput[0]!.question).toMatchObject({ open: false, resolution: 'Adyen.', canReopen: true, canResolve: false });

    // The designer neither asked it nor is an engineer; nothing is written.
    const before = await discoveryRows();
    const designer = refused(await call(DESIGNER, 'discovery.reopenQuestion', { noteId, inputId: question.id }));
    expect(designer.code).toBe('forbidden');
    expect(designer.message).toContain('engineering role');
    expect(refused(await call(ENGINEER, 'discovery.reopenQuestion', { noteId, inputId: 'input-nowhere' })).code).toBe('not-found');
    expect(await discoveryRows()).toEqual(before);

    const reopened = ok(await call(ENGINEER, 'discovery.reopenQuestion', { noteId, inputId: question.id }));
    expect(reopened.engineeringInput[0]!.question).toMatchObject({ open: true, resolvedBy: null, resolution: null, canResolve: true, canReopen: false });
    expect(reopened.ready.ok).toBe(false);
    expect(reopened.ready.reasons.map((r) => r.reason)).toEqual(['open-questions']);
    expect(reopened.note.version).toBeGreaterThan(resolved.note.version);
    // Reopened twice: the second finds it open already.
    expect(refused(await call(ENGINEER, 'discovery.reopenQuestion', { noteId, inputId: question.id })).code).toBe('conflict');

    const constraint = ok(await call(ENGINEER, 'discovery.addInput', { noteId, kind: 'constraint', text: 'PCI scope.' })).engineeringInput.find((e) => e.kind === 'constraint')!;
    expect(refused(await call(ENGINEER, 'discovery.reopenQuestion', { noteId, inputId: constraint.id })).code).toBe('invalid-input');
  });
});

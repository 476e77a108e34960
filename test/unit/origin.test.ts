/** The origin property's rules: customers and ARR counted once, merge, unlink, "none", and batching writes. */
import { customersAndArr, hasLinks, linkOrigin, noOrigin, unlinkOrigin, type OriginProperty } from '../../src/domain/origin';
import { readinessOf } from '../../src/domain/readiness';
import { planFieldValueWrites } from '../../src/domain/work-type-writes';

const signals = [
  { id: 's1', customer: 'Atlas Freight Europe', arr: 318_000 },
  { id: 's2', customer: 'Atlas Freight Europe', arr: 318_000 },
  { id: 's3', customer: 'Lumen Academy', arr: 38_400 },
  { id: 's4', customer: 'Lumen Academy', arr: null },
];
const AT = '2026-11-26T10:00:00.000Z';

describe('customersAndArr', () => {
  it('counts each customer once, with the largest ARR any of its signals reports', () => {
    expect(customersAndArr(signals)).toEqual({ customers: ['Atlas Freight Europe', 'Lumen Academy'], arr: 356_400 });
  });
  it('is zero for no signals', () => {
    expect(customersAndArr([])).toEqual({ customers: [], arr: 0 });
  });
});

describe('linkOrigin', () => {
  it('merges new signals into the existing origin and keeps the note unless a new one is named', () => {
    const first = linkOrigin(null, { signalIds: ['s1'], discoveryNoteId: 'note-a' }, signals, 'u1', AT);
    const second = linkOrigin(first, { signalIds: ['s1', 's3'], discoveryNoteId: null }, signals, 'u2', AT);
    expect(second).toEqual({
      kind: 'linked',
      signalIds: ['s1', 's3'],
      discoveryNoteId: 'note-a',
      customers: ['Atlas Freight Europe', 'Lumen Academy'],
      arr: 356_400,
      linkedAt: AT,
      linkedBy: 'u2',
    });
    expect(linkOrigin(second, { signalIds: [], discoveryNoteId: 'note-b' }, signals, 'u2', AT).discoveryNoteId).toBe('note-b');
  });

  it('replaces an explicit "none" once someone finds the origin', () => {
    const linked = linkOrigin(noOrigin('u1', AT), { signalIds: ['s3'], discoveryNoteId: null }, signals, 'u1', AT);
    expect(linked.kind).toBe('linked');
    expect(linked.signalIds).toEqual(['s3']);
  });

  it('keeps ids of signals that no longer exist but counts no ARR for them', () => {
    const linked = linkOrigin(null, { signalIds: ['s1', 'gone'], discoveryNoteId: null }, signals, 'u1', AT);
    expect(linked.signalIds).toEqual(['s1', 'gone']);
    expect(linked.arr).toBe(318_000);
  });
});

describe('unlinkOrigin and noOrigin', () => {
  const origin: OriginProperty = linkOrigin(null, { signalIds: ['s1', 's3'], discoveryNoteId: 'note-a' }, signals, 'u1', AT);

  it('removes one signal and recomputes customers and ARR', () => {
    expect(unlinkOrigin(origin, { signalId: 's1' }, signals, 'u2', AT)).toMatchObject({
      signalIds: ['s3'],
      customers: ['Lumen Academy'],
      arr: 38_400,
      discoveryNoteId: 'note-a',
    });
  });

  it('returns null once nothing is left, so the origin reads as unknown again', () => {
    const noNote = unlinkOrigin(origin, { discoveryNote: true }, signals, 'u2', AT) as OriginProperty;
    const oneLeft = unlinkOrigin(noNote, { signalId: 's1' }, signals, 'u2', AT) as OriginProperty;
    expect(unlinkOrigin(oneLeft, { signalId: 's3' }, signals, 'u2', AT)).toBeNull();
  });

  it('"none" names nothing, and hasLinks tells it from a linked origin', () => {
    expect(noOrigin('u1', AT)).toMatchObject({ kind: 'none', signalIds: [], discoveryNoteId: null, customers: [], arr: 0 });
    expect(hasLinks(noOrigin('u1', AT))).toBe(false);
    expect(hasLinks(origin)).toBe(true);
    expect(hasLinks(null)).toBe(false);
  });
});

describe('readinessOf', () => {
  // The whole rule set (discovery, walkthrough, error states) is in test/unit/readiness.test.ts.
  it('counts an explicit "none" as a known origin', () => {
    const items = readinessOf({ workType: null, originKind: 'none' });
    expect(items.map((i) => [i.key, i.state])).toEqual([
      ['classified', 'todo'],
      ['origin', 'done'],
    ]);
  });
});

describe('planFieldValueWrites', () => {
  it('makes one write per distinct value (null included), chunked', () => {
    const assignments = Array.from({ length: 5 }, (_, i) => ({ issueId: 100 + i, workType: i % 2 === 0 ? ('Enabling' as const) : null }));
    expect(planFieldValueWrites(assignments)).toEqual([
      { value: 'Enabling', issueIds: [100, 102, 104] },
      { value: null, issueIds: [101, 103] },
    ]);
    expect(planFieldValueWrites(assignments, 2).map((w) => w.issueIds.length)).toEqual([2, 1, 2]);
  });
});

/**
 * The discovery rules (src/domain/discovery.ts): where a note may move, and the ready rule — a note may be marked
 * ready iff (someone in the engineering role added input ∧ no question is open) ∨ a lead waived it — checked for
 * every combination fast-check generates, and on the cases a person would name.
 */
import fc from 'fast-check';
import { noteIdOf, notePath } from '../../static/src/triage/discovery/note-address';
import { moveWords } from '../../static/src/triage/discovery/words';
import {
  DISCOVERY_NOTE_STATUSES,
  ENGINEERING_INPUT_KINDS,
  TEAM_ROLES,
  canMarkReady,
  canMoveTo,
  describeReadyBlocks,
  isFromEngineer,
  nextStatuses,
  noteStatusOf,
  type DiscoveryNoteStatus,
  type InputForReadiness,
  type ReadyWaiver,
} from '../../src/domain/discovery';

const WAIVER: ReadyWaiver = { by: 'lead', at: 1, reason: 'Engineering signed off in planning.' };
const entry = (over: Partial<InputForReadiness> = {}): InputForReadiness => ({ id: 'i1', kind: 'constraint', authorRoles: ['engineering'], resolvedAt: null, ...over });

const inputArb: fc.Arbitrary<InputForReadiness> = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom(...ENGINEERING_INPUT_KINDS, 'dependency'),
  authorRoles: fc.option(fc.subarray([...TEAM_ROLES]), { nil: null }),
  resolvedAt: fc.option(fc.nat(), { nil: null }),
});
const waiverArb = fc.option(fc.record({ by: fc.string({ minLength: 1 }), at: fc.nat(), reason: fc.string({ minLength: 1 }) }), { nil: null });

describe('the ready rule', () => {
  it('holds iff (engineer input ∧ no open question) ∨ waiver, for any inputs (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { maxLength: 8 }), waiverArb, (inputs, waiver) => {
        const engineerInput = inputs.some((i) => i.authorRoles !== null && i.authorRoles.includes('engineering'));
        const openQuestion = inputs.some((i) => i.kind === 'question' && i.resolvedAt === null);
        const check = canMarkReady({ waiver }, inputs);
        expect(check.ok).toBe((engineerInput && !openQuestion) || waiver !== null);
        // The reasons say exactly what is missing, waived or not, and a waiver counts only when something is.
        expect(check.reasons.map((r) => r.reason)).toEqual([...(engineerInput ? [] : ['no-engineering-input']), ...(openQuestion ? ['open-questions'] : [])]);
        expect(check.waived).toBe(waiver !== null && check.reasons.length > 0);
      }),
      { numRuns: 10_000, seed: 20261203 },
    );
  });

  it('refuses a note with no input, or input only from people outside engineering', () => {
    expect(canMarkReady({ waiver: null }, [])).toEqual({ ok: false, reasons: [{ reason: 'no-engineering-input' }], waived: false });
    const designOnly = [entry({ authorRoles: ['design', 'product'] }), entry({ id: 'i2', authorRoles: ['sales'] })];
    expect(canMarkReady({ waiver: null }, designOnly).ok).toBe(false);
  });

  it('does not count an entry whose author roles were never recorded (unknown is no, at a gate)', () => {
    expect(isFromEngineer(entry({ authorRoles: null }))).toBe(false);
    expect(canMarkReady({ waiver: null }, [entry({ authorRoles: null })]).ok).toBe(false);
  });

  it('is held back by an open question, even an engineer’s own, and released when it is resolved', () => {
    const question = entry({ id: 'q1', kind: 'question' });
    expect(canMarkReady({ waiver: null }, [entry(), question])).toEqual({ ok: false, reasons: [{ reason: 'open-questions', inputIds: ['q1'] }], waived: false });
    expect(canMarkReady({ waiver: null }, [entry(), { ...question, resolvedAt: 5 }])).toEqual({ ok: true, reasons: [], waived: false });
  });

  it('takes a waiver instead, and says what it stands in for', () => {
    expect(canMarkReady({ waiver: WAIVER }, [])).toEqual({ ok: true, reasons: [{ reason: 'no-engineering-input' }], waived: true });
    expect(canMarkReady({ waiver: WAIVER }, [entry()])).toEqual({ ok: true, reasons: [], waived: false });
  });

  it('describes the reasons for a person', () => {
    expect(describeReadyBlocks([{ reason: 'no-engineering-input' }, { reason: 'open-questions', inputIds: ['a', 'b'] }])).toBe(
      'no one in the engineering role has added input yet, and 2 engineering questions are still open',
    );
    expect(describeReadyBlocks([{ reason: 'open-questions', inputIds: ['a'] }])).toBe('1 engineering question is still open');
  });
});

describe('statuses', () => {
  it('move one step forward, or one step back, never skipping ready', () => {
    const order = DISCOVERY_NOTE_STATUSES;
    for (const [i, from] of order.entries()) {
      for (const [j, to] of order.entries()) expect({ from, to, allowed: canMoveTo(from, to) }).toEqual({ from, to, allowed: Math.abs(i - j) === 1 });
    }
    // Delivery starts only from ready (or resumes from shipped, which passed through ready), so the ready rule
    // cannot be stepped around.
    expect(DISCOVERY_NOTE_STATUSES.filter((from) => canMoveTo(from, 'in-delivery'))).toEqual(['ready', 'shipped']);
    expect(['exploring', 'shaped', 'unknown', 'draft'].filter((from) => canMoveTo(from, 'in-delivery') || canMoveTo(from, 'shipped'))).toEqual([]);
  });

  it('read a legacy name as its successor, and an unknown one as itself, which may only start over', () => {
    expect(noteStatusOf('draft')).toBe('exploring');
    expect(noteStatusOf('shaped')).toBe('shaped');
    expect(noteStatusOf('parked')).toBeNull();
    expect(noteStatusOf('constructor')).toBeNull();
    expect(nextStatuses('draft')).toEqual(['shaped']);
    expect(nextStatuses('parked')).toEqual(['exploring']);
  });

  it('never offer a status outside the lifecycle, from any string (1,000 cases)', () => {
    fc.assert(
      fc.property(fc.string(), (from) => {
        for (const to of nextStatuses(from)) expect(DISCOVERY_NOTE_STATUSES).toContain<DiscoveryNoteStatus>(to);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('how the Discovery tab reads a note (static/src/triage/discovery)', () => {
  it('finds the note an address names, and nothing in any other address', () => {
    expect(noteIdOf(notePath('note-instant-payouts'))).toBe('note-instant-payouts');
    expect(noteIdOf('/notes/note-3f2a-9c/')).toBe('note-3f2a-9c');
    for (const other of ['/', '', '/notes/', '/notes', '/notes/Note-1', '/notes/note-1/edit', '/note/note-1', '/notes/../settings', `/notes/n${'x'.repeat(64)}`]) {
      expect({ other, id: noteIdOf(other) }).toEqual({ other, id: null });
    }
  });

  it('names each move as a person would: forward, ready, or back a step', () => {
    expect(moveWords('exploring', 'shaped')).toBe('Mark shaped');
    expect(moveWords('shaped', 'ready')).toBe('Mark ready');
    expect(moveWords('shaped', 'exploring')).toBe('Back to exploring');
    expect(moveWords('ready', 'in-delivery')).toBe('Start delivery');
    expect(moveWords('in-delivery', 'ready')).toBe('Back to ready');
    expect(moveWords('in-delivery', 'shipped')).toBe('Mark shipped');
    expect(moveWords('shipped', 'in-delivery')).toBe('Back to in delivery');
    // Every move the rules allow has a name that is not the raw status.
    for (const from of DISCOVERY_NOTE_STATUSES) for (const to of nextStatuses(from)) expect(moveWords(from, to)).not.toBe(to);
  });
});

/**
 * The readiness rules: classified, origin known, engineering input in discovery, the latest walkthrough version
 * acknowledged by an engineer, and every error state designed or deferred with a reason. Items whose facts the
 * caller did not gather are left out, and "ready" needs every item, each done.
 */
import { isReady, readinessOf, type ReadinessItem, type WalkthroughFacts } from '../../src/domain/readiness';

const note = (engineeringInputCount: number) => ({ noteTitle: 'Instant payouts', engineeringInputCount });
const walkthrough = (overrides: Partial<WalkthroughFacts> = {}): WalkthroughFacts => ({
  latestVersion: 2,
  latestAcknowledgedByEngineers: ['Priya Raman'],
  errorStates: 2,
  unsettledErrorStates: [],
  ...overrides,
});
const stateOf = (items: readonly ReadinessItem[], key: string) => items.find((i) => i.key === key)?.state;

describe('readinessOf', () => {
  it('answers only classified and origin when the caller gathered nothing else', () => {
    const items = readinessOf({ workType: null, originKind: 'none' });
    expect(items.map((i) => [i.key, i.state])).toEqual([
      ['classified', 'todo'],
      ['origin', 'done'],
    ]);
    expect(isReady(items)).toBe(false);
  });

  it('is ready when every item is done, in a fixed order', () => {
    const items = readinessOf({ workType: 'Innovative', originKind: 'linked', discovery: note(3), walkthrough: walkthrough() });
    expect(items.map((i) => [i.key, i.state])).toEqual([
      ['classified', 'done'],
      ['origin', 'done'],
      ['discovery', 'done'],
      ['walkthrough', 'done'],
      ['error-states', 'done'],
    ]);
    expect(items.find((i) => i.key === 'walkthrough')!.detail).toBe('Version 2 acknowledged by Priya Raman.');
    expect(isReady(items)).toBe(true);
  });

  describe('engineering input in discovery', () => {
    it('needs input on the linked note', () => {
      const items = readinessOf({ workType: 'Innovative', originKind: 'linked', discovery: note(0), walkthrough: walkthrough() });
      expect(stateOf(items, 'discovery')).toBe('todo');
      expect(items.find((i) => i.key === 'discovery')!.detail).toMatch(/no engineering input yet: ask an engineer/);
      expect(isReady(items)).toBe(false);
    });

    it('needs a note when the origin is signals only, and none when the issue has no origin on purpose', () => {
      expect(stateOf(readinessOf({ workType: null, originKind: 'linked', discovery: { noteTitle: null, engineeringInputCount: 0 } }), 'discovery')).toBe('todo');
      expect(stateOf(readinessOf({ workType: null, originKind: 'none', discovery: { noteTitle: null, engineeringInputCount: 0 } }), 'discovery')).toBe('done');
    });
  });

  describe('the walkthrough', () => {
    it('is to do without a walkthrough, and says so for its error states too', () => {
      const items = readinessOf({ workType: 'Corrective', originKind: 'none', discovery: note(0), walkthrough: walkthrough({ latestVersion: null, latestAcknowledgedByEngineers: [], errorStates: 0 }) });
      expect(stateOf(items, 'walkthrough')).toBe('todo');
      expect(stateOf(items, 'error-states')).toBe('todo');
    });

    it('needs the latest version acknowledged by an engineer', () => {
      const items = readinessOf({ workType: 'Corrective', originKind: 'none', walkthrough: walkthrough({ latestAcknowledgedByEngineers: [] }) });
      expect(items.find((i) => i.key === 'walkthrough')).toMatchObject({ state: 'todo', detail: 'Version 2 is not acknowledged by an engineer yet.' });
    });

    it('names several engineers', () => {
      const items = readinessOf({ workType: 'Corrective', originKind: 'none', walkthrough: walkthrough({ latestAcknowledgedByEngineers: ['Priya Raman', 'Kwame Mensah', 'Lena Fischer'] }) });
      expect(items.find((i) => i.key === 'walkthrough')!.detail).toBe('Version 2 acknowledged by Priya Raman, Kwame Mensah and Lena Fischer.');
    });

    it('needs every error state designed or deferred with a reason, naming those that are not', () => {
      const items = readinessOf({ workType: 'Corrective', originKind: 'none', walkthrough: walkthrough({ errorStates: 3, unsettledErrorStates: ['Card declined', 'Bank timeout'] }) });
      expect(items.find((i) => i.key === 'error-states')).toMatchObject({
        state: 'todo',
        detail: '2 error states are neither designed nor deferred with a reason: “Card declined” and “Bank timeout”.',
      });
    });

    it('counts a walkthrough that lists no error states as not done: they were never discussed', () => {
      const items = readinessOf({ workType: 'Corrective', originKind: 'none', walkthrough: walkthrough({ errorStates: 0 }) });
      expect(items.find((i) => i.key === 'error-states')).toMatchObject({ state: 'todo', detail: expect.stringMatching(/lists no error states/) });
    });
  });

  it('is never ready while an item is missing, whatever the others say', () => {
    const partial = readinessOf({ workType: 'Innovative', originKind: 'linked', walkthrough: walkthrough() });
    expect(partial.every((i) => i.state === 'done')).toBe(true);
    expect(isReady(partial)).toBe(false);
  });
});

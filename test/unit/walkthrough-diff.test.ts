/**
 * The walkthrough diff, property-based: items are compared by id, never by position; the diff of a version with
 * itself is empty; applying diff(a, b) to a gives b's items; reversing swaps added and removed; reordering
 * changes nothing; 200-item versions. Plus the "since you acknowledged" rule and the design-link check.
 */
import fc from 'fast-check';
import { applyDiff, changesSince, diffVersions, isEmptyDiff } from '../../src/domain/walkthrough-diff';
import { designLinkOf, type WalkthroughItem } from '../../src/domain/walkthrough';

const text = fc.string({ maxLength: 12 });
const state = fc.constantFrom('designed' as const, 'deferred' as const, 'open' as const);

/** An item of any kind with the given id. */
const itemWithId = (id: string): fc.Arbitrary<WalkthroughItem> =>
  fc.oneof(
    fc.record({ id: fc.constant(id), kind: fc.constant('new' as const), title: text, detail: text }),
    fc.record({ id: fc.constant(id), kind: fc.constant('change' as const), title: text, detail: text, why: text }),
    fc.record({ id: fc.constant(id), kind: fc.constant('decision' as const), title: text, why: text, alternatives: fc.array(text, { maxLength: 3 }) }),
    fc.record({ id: fc.constant(id), kind: fc.constantFrom('edge-case' as const, 'error-state' as const), title: text, whatHappens: text, state, reason: fc.option(text, { nil: null }) }),
    fc.record({ id: fc.constant(id), kind: fc.constant('question' as const), title: text, detail: text }),
  );

/** Items with distinct ids drawn from a small pool, so two versions share some ids and not others. */
const items = (maxLength = 30): fc.Arbitrary<WalkthroughItem[]> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength })
    .chain((ids) => (ids.length === 0 ? fc.constant([]) : fc.tuple(...ids.map((n) => itemWithId(`item-${n}`)))));

const version = (list: WalkthroughItem[]) => ({ items: list });
const byId = (list: readonly WalkthroughItem[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));

describe('diffVersions', () => {
  it('of a version with itself is empty', () => {
    fc.assert(fc.property(items(), (a) => isEmptyDiff(diffVersions(version(a), version(a)))));
  });

  it('applied to a gives exactly b’s items (as a set, by id)', () => {
    fc.assert(
      fc.property(items(), items(), (a, b) => {
        expect(byId(applyDiff(a, diffVersions(version(a), version(b))))).toEqual(byId(b));
      }),
    );
  });

  it('reversed, swaps added and removed, and edits swap before and after', () => {
    fc.assert(
      fc.property(items(), items(), (a, b) => {
        const forward = diffVersions(version(a), version(b));
        const backward = diffVersions(version(b), version(a));
        expect(byId(backward.added)).toEqual(byId(forward.removed));
        expect(byId(backward.removed)).toEqual(byId(forward.added));
        expect(backward.edited.map((e) => e.id).sort()).toEqual(forward.edited.map((e) => e.id).sort());
        for (const edit of forward.edited) {
          const back = backward.edited.find((e) => e.id === edit.id)!;
          expect(back.fields.map((f) => [f.field, f.before, f.after])).toEqual(edit.fields.map((f) => [f.field, f.after, f.before]));
        }
      }),
    );
  });

  it('ignores position: reordering either version changes nothing', () => {
    fc.assert(
      fc.property(items(), items(), fc.integer(), (a, b, seed) => {
        const shuffled = [...b].sort((x, y) => ((x.id.length * 31 + seed) % 7) - ((y.id.length * 31 + seed) % 7) || y.id.localeCompare(x.id));
        const plain = diffVersions(version(a), version(b));
        const moved = diffVersions(version([...a].reverse()), version(shuffled));
        expect(byId(moved.added)).toEqual(byId(plain.added));
        expect(byId(moved.removed)).toEqual(byId(plain.removed));
        expect(moved.edited.map((e) => e.id).sort()).toEqual(plain.edited.map((e) => e.id).sort());
        expect(isEmptyDiff(diffVersions(version(b), version(shuffled)))).toBe(true);
      }),
    );
  });

  it('names every item exactly once: added, removed, edited or unchanged', () => {
    fc.assert(
      fc.property(items(), items(), (a, b) => {
        const diff = diffVersions(version(a), version(b));
        const aIds = new Set(a.map((i) => i.id));
        const bIds = new Set(b.map((i) => i.id));
        expect(diff.added.every((i) => !aIds.has(i.id) && bIds.has(i.id))).toBe(true);
        expect(diff.removed.every((i) => aIds.has(i.id) && !bIds.has(i.id))).toBe(true);
        expect(diff.edited.every((e) => aIds.has(e.id) && bIds.has(e.id) && e.fields.length > 0)).toBe(true);
      }),
    );
  });

  it('handles two versions of 200 items each', () => {
    fc.assert(
      fc.property(items(200), items(200), (a, b) => {
        expect(byId(applyDiff(a, diffVersions(version(a), version(b))))).toEqual(byId(b));
      }),
      { numRuns: 50 },
    );
    const many = (n: number, tweak: string): WalkthroughItem[] =>
      Array.from({ length: n }, (_, i) => ({ id: `e-${i}`, kind: 'error-state', title: `State ${i}`, whatHappens: i % 10 === 0 ? tweak : 'shown', state: 'designed', reason: null }));
    const diff = diffVersions(version(many(200, 'before')), version(many(200, 'after')));
    expect(diff.edited).toHaveLength(20);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('says which field changed, from what to what', () => {
    const before: WalkthroughItem = { id: 'e1', kind: 'error-state', title: 'Card declined', whatHappens: 'A toast', state: 'open', reason: null };
    const after: WalkthroughItem = { ...before, state: 'deferred', reason: 'Needs the new payments API' };
    expect(diffVersions(version([before]), version([after])).edited).toEqual([
      {
        id: 'e1',
        before,
        after,
        fields: [
          { field: 'state', before: 'open', after: 'deferred' },
          { field: 'reason', before: null, after: 'Needs the new payments API' },
        ],
      },
    ]);
  });
});

describe('changesSince', () => {
  const v = (n: number, list: WalkthroughItem[]) => ({ version: n, items: list });
  const a: WalkthroughItem = { id: 'a', kind: 'new', title: 'Payout button', detail: '' };
  const e: WalkthroughItem = { id: 'e', kind: 'error-state', title: 'Declined', whatHappens: 'Banner', state: 'designed', reason: null };
  const e2: WalkthroughItem = { ...e, state: 'deferred', reason: 'Needs the bank API' };

  it('is everything in the latest when nothing was acknowledged', () => {
    expect(changesSince([v(1, [a, e])], null)).toMatchObject({ since: null, latest: 1, diff: { added: [a, e], removed: [], edited: [] } });
  });

  it('is the diff from the acknowledged version to the latest', () => {
    const changes = changesSince([v(2, [a, e2]), v(1, [a, e])], 1);
    expect(changes).toMatchObject({ since: 1, latest: 2, diff: { added: [], removed: [] } });
    expect(changes.diff.edited.map((x) => x.id)).toEqual(['e']);
  });

  it('is nothing when the latest is acknowledged, and nothing at all without versions', () => {
    expect(isEmptyDiff(changesSince([v(1, [a]), v(2, [a, e])], 2).diff)).toBe(true);
    expect(changesSince([], 3)).toMatchObject({ since: null, latest: null });
  });
});

describe('designLinkOf', () => {
  it('recognises Figma design, file and prototype links and the frame they open at', () => {
    expect(designLinkOf('https://www.figma.com/design/AbCdEf123456/Payouts?node-id=12-34')).toMatchObject({ kind: 'figma-design', label: 'Figma design', frame: '12-34' });
    expect(designLinkOf('https://figma.com/file/AbCdEf123456/Payouts')).toMatchObject({ kind: 'figma-file', frame: null });
    expect(designLinkOf('https://www.figma.com/proto/AbCdEf123456/Payouts')).toMatchObject({ kind: 'figma-prototype' });
  });

  it('labels other https links by host, and refuses what is not an https URL', () => {
    expect(designLinkOf('https://miro.com/app/board/x')).toMatchObject({ kind: 'other', label: 'miro.com' });
    expect(designLinkOf('https://www.figma.com/community/file')).toMatchObject({ kind: 'other' });
    for (const bad of ['not a url', 'http://www.figma.com/design/AbCdEf123456/x', 'javascript:alert(1)', 'ftp://x.y', '', 'https://user:pw@figma.com/file/AbCdEf123456']) {
      expect(designLinkOf(bad)).toBeNull();
    }
  });
});

/**
 * The add-version form's draft (static/src/walkthrough/draft.ts): it starts from the latest version with every item
 * keeping its id (so the next version's diff sees edits, not replacements), leaves out the latest's "what changed"
 * (the next version says its own), builds exactly the resolver's input, and places the resolver's field errors on
 * the items they name.
 */
import { addVersionInputSchema } from '../../src/contract/walkthrough';
import { draftFrom, emptyItem, fieldErrorsOf, hasErrors, inputOf } from '../../static/src/walkthrough/draft';
import type { Version } from '../../static/src/walkthrough/types';

const latest: Version = {
  version: 2,
  author: { accountId: '712020:8f2a6c4e-1b3d-4a5f-9e7c-6d8b0a2c4e6f', displayName: 'Tomás Ortega' },
  createdAt: '2026-11-20T10:00:00.000Z',
  designLink: { url: 'https://www.figma.com/design/AbCdEf123456/x?node-id=1-2', kind: 'figma-design', label: 'Figma design', frame: '1-2' },
  summary: 'Two',
  items: [
    { kind: 'new', id: 'n1', title: 'Toggle', detail: 'Beside the amount' },
    { kind: 'change', id: 'c1', title: 'Moved the toggle', detail: '', why: 'Research' },
    { kind: 'decision', id: 'd1', title: 'Fee first', why: 'Asked for', alternatives: ['Receipt only', 'Nowhere'] },
    { kind: 'error-state', id: 'e1', title: 'Declined', whatHappens: 'Banner', state: 'deferred', reason: 'PAY-API v3' },
  ],
};

test('a draft from the latest keeps ids and values, without its "what changed", and round-trips to the same items', () => {
  const draft = draftFrom(latest);
  expect(draft.basedOn).toBe(2);
  expect(draft.items.map((i) => i.id)).toEqual(['n1', 'd1', 'e1']);
  const { input } = inputOf('PAY-9', draft);
  const parsed = addVersionInputSchema.parse(input);
  expect(parsed.items).toEqual(latest.items.filter((i) => i.kind !== 'change'));
});

test('an empty draft is version 1 with an item to describe and an error state to fill in', () => {
  const draft = draftFrom(null);
  expect(draft.basedOn).toBeNull();
  expect(draft.items.map((i) => i.kind)).toEqual(['new', 'error-state']);
});

test('a state other than deferred sends no reason; a new item sends no id', () => {
  const item = { ...emptyItem('edge-case'), title: 'Over the limit', whatHappens: 'Disabled', state: 'designed' as const, reason: 'left over' };
  const { input } = inputOf('PAY-9', { basedOn: 1, designUrl: 'https://x.example/d', summary: 's', items: [item] });
  expect(input.items[0]).toEqual({ kind: 'edge-case', title: 'Over the limit', whatHappens: 'Disabled', state: 'designed', reason: null });
});

test('the resolver’s field errors land on the fields and items they name', () => {
  const draft = draftFrom(latest);
  const { input, keys } = inputOf('PAY-9', { ...draft, designUrl: 'figma file', items: draft.items.map((i) => (i.id === 'e1' ? { ...i, reason: '' } : i)) });
  const result = addVersionInputSchema.safeParse(input);
  expect(result.success).toBe(false);
  const fields = Object.fromEntries((result.success ? [] : result.error.issues).map((issue) => [issue.path.join('.'), issue.message]));
  const errors = fieldErrorsOf({ ...fields, items: 'At most 200 items in a version.', 'mystery.path': 'Odd' }, keys);
  expect(errors.designUrl).toMatch(/https/);
  expect(errors.items).toBe('At most 200 items in a version.');
  expect(errors.byItem[keys[2]!]).toEqual({ reason: 'Say why it is deferred.' });
  expect(errors.other).toEqual(['mystery.path: Odd']);
  expect(hasErrors(errors)).toBe(true);
  expect(hasErrors(fieldErrorsOf(undefined, keys))).toBe(false);
});

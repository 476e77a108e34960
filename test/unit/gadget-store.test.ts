import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GadgetStore } from '../sandbox/host/gadget-store';

const gadgets = [{ gadgetId: '10100', moduleKey: 'sprint-shape', title: 'Sprint shape' }];

describe("the sandbox dashboard's gadget configurations", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'upstream-gadgets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('survive a restart when kept in a file', () => {
    const file = path.join(dir, 'gadgets.json');
    new GadgetStore(gadgets, file).configure('10100', { boardId: 2, measure: 'count' });
    expect(new GadgetStore(gadgets, file).get('10100')?.configuration).toEqual({ boardId: 2, measure: 'count' });
  });

  it('start unconfigured from a broken file, and without a file stay in memory', () => {
    const file = path.join(dir, 'gadgets.json');
    writeFileSync(file, '{"10100": ');
    expect(new GadgetStore(gadgets, file).get('10100')?.configuration).toEqual({});
    const inMemory = new GadgetStore(gadgets);
    inMemory.configure('10100', { boardId: 1 });
    expect(new GadgetStore(gadgets).get('10100')?.configuration).toEqual({});
  });
});

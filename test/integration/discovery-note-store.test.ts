/**
 * Discovery notes on Forge SQL (the sandbox's MariaDB): text survives byte for byte, batch reads stay at two
 * statements however many ids, the seed's whole-note save is idempotent, optimistic concurrency lets exactly one
 * of two editors win, unreadable rows are reported by id, and refused input writes nothing. Marking a note ready
 * holds the ready rule inside its one UPDATE (a question asked between the read and the write still stops it),
 * a waiver is written with the status and stays, questions resolve once, pages walk every note once, and a note
 * started from a cluster links the cluster and its signals.
 */
import { DISCOVERY_LIMITS } from '../../src/domain/discovery';
import { AppError } from '../../src/errors';
import {
  addEngineeringInput,
  createDiscoveryNote,
  getDiscoveryNote,
  getDiscoveryNotes,
  NoteVersionConflict,
  discoveryNoteCounts,
  discoveryNoteEvidence,
  discoveryNotePage,
  linkNoteEvidence,
  recentDiscoveryNotes,
  resolveEngineeringQuestion,
  saveDiscoveryNote,
  setDiscoveryNoteStatus,
  updateDiscoveryNote,
  type DiscoveryNote,
  type StoredDiscoveryNote,
} from '../../src/store/discovery-note-repository';
import { attachSignal, createCluster } from '../../src/store/cluster-repository';
import { insertSignals, signalKey } from '../../src/store/signal-repository';
import { executeWrite, selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import { Sandbox } from '../sandbox/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = new Sandbox({ sql: { enabled: true } });
  await sandbox.sql.ready();
}, 180_000);
afterAll(() => sandbox.close());

const app = <T>(work: () => Promise<T>): Promise<T> => sandbox.asApp(work);

/** SQL requests since the last clearLogs(): one per statement. */
const statements = () => sandbox.sqlLink.log.filter((r) => r.path.startsWith('/api/v1/execute')).length;

const at = (iso: string) => new Date(iso).toISOString();
const PRIYA = { authorAccountId: '557058:priya', authorName: 'Priya Raman' };
/** What a note saved with none of the fields from 020 on reads back with. */
const NOTHING_ELSE = { desiredOutcome: null, designDirection: null, participants: [], createdBy: null, createdByName: null, waiver: null };

const note = (id: string, overrides: Partial<StoredDiscoveryNote> = {}): StoredDiscoveryNote & { id: string } => ({
  id,
  title: `Note ${id}`,
  problem: `The problem behind ${id}`,
  status: 'exploring',
  updatedAt: 1_780_000_000,
  engineeringInput: [],
  ...overrides,
});

/** Every row of a note and its inputs as the database holds them. */
async function rowsOf(id: string): Promise<{ notes: unknown[]; inputs: unknown[] }> {
  const notes = await selectRows(db.selectFrom('discovery_note').selectAll().where('id', '=', id).compile());
  const inputs = await selectRows(db.selectFrom('engineering_input').selectAll().where('note_id', '=', id).orderBy('id').compile());
  return { notes, inputs };
}

/** Captures console.warn for the duration of `work`. */
async function warningsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const spy = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return warnings;
}

describe('round trip', () => {
  it('keeps quotes, backslashes, emoji, SQL fragments and a problem at its length limit byte for byte', async () => {
    const chunk = `It's "quoted" \\ back\\\\slashed \\' \\0 %_ 💸🇪🇺 naïve Ω; DROP TABLE discovery_note; -- /* */ \n\t`;
    let problem = '';
    while (problem.length + chunk.length <= DISCOVERY_LIMITS.problem) problem += chunk;
    const saved = note('note-round-trip', {
      title: `Robert'); DELETE FROM engineering_input WHERE ('1'='1 🙃`,
      problem,
      status: 'ready',
      engineeringInput: [
        { kind: 'constraint', text: `Caps at 10,000 € — "per payout" \\ 'single'`, ...PRIYA, at: at('2026-11-01T09:00:00.123Z') },
        { kind: 'risk', text: `'; UPDATE discovery_note SET status = 'archived'; --`, authorAccountId: '557058:kwame', at: at('2026-11-02T09:00:00Z') },
        { kind: 'question', text: '🧾 ∑ \\n is not a newline; this is:\n', ...PRIYA, at: at('2026-11-03T09:00:00Z') },
      ],
    });
    await app(() => saveDiscoveryNote(saved));

    const read = await app(() => getDiscoveryNote('note-round-trip'));
    expect(read).not.toBeNull();
    expect(Buffer.from(read!.problem, 'utf8').equals(Buffer.from(problem, 'utf8'))).toBe(true);
    expect(read).toEqual({
      id: 'note-round-trip',
      title: saved.title,
      problem,
      status: 'ready',
      createdAt: saved.updatedAt,
      updatedAt: saved.updatedAt,
      version: 1,
      engineeringInput: saved.engineeringInput.map((e) => ({ ...e, id: expect.stringMatching(/^note-round-trip:/), authorRoles: null, resolution: null })),
      ...NOTHING_ELSE,
    });
    // The risk had no name: it reads back without one, so the panel looks the author up.
    expect(read!.engineeringInput[1]).not.toHaveProperty('authorName');
    // The SQL fragments were data: nothing else in the database changed.
    expect(await app(() => selectRows(db.selectFrom('discovery_note').select('status').where('id', '=', 'note-round-trip').compile()))).toEqual([{ status: 'ready' }]);
  });
});

describe('getDiscoveryNotes', () => {
  it('reads 60 notes with their inputs in at most 2 statements, inputs in order, missing ids absent', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `note-batch-${String(i).padStart(2, '0')}`);
    await app(async () => {
      for (const [i, id] of ids.entries()) {
        const inputs = Array.from({ length: i % 3 }, (_, k) => ({
          kind: 'technical-shape' as const,
          text: `${id} input ${k}`,
          ...PRIYA,
          at: at(`2026-10-0${3 - k}T10:00:00Z`),
        }));
        await saveDiscoveryNote(note(id, { engineeringInput: inputs }));
      }
    });

    sandbox.clearLogs();
    const notes = await app(() => getDiscoveryNotes([...ids, 'note-does-not-exist', ids[0]]));
    expect(statements()).toBeGreaterThan(0);
    expect(statements()).toBeLessThanOrEqual(2);

    expect([...notes.keys()].sort()).toEqual(ids);
    expect(notes.has('note-does-not-exist')).toBe(false);
    expect(notes.get(ids[0])!.engineeringInput).toEqual([]);
    // Inputs come oldest first, whatever order they were given in.
    expect(notes.get(ids[2])!.engineeringInput.map((e) => e.text)).toEqual([`${ids[2]} input 1`, `${ids[2]} input 0`]);
  });

  it('answers an empty map for no ids without sending a statement', async () => {
    sandbox.clearLogs();
    expect((await app(() => getDiscoveryNotes([]))).size).toBe(0);
    expect(statements()).toBe(0);
  });
});

describe('saveDiscoveryNote', () => {
  it('yields the same rows when run twice, and replaces the inputs with the ones given', async () => {
    const inputs = Array.from({ length: 12 }, (_, k) => ({
      kind: 'constraint' as const,
      text: `constraint ${k}`,
      ...PRIYA,
      at: at('2026-11-10T10:00:00Z'),
    }));
    const whole = note('note-idempotent', { engineeringInput: inputs });
    await app(() => saveDiscoveryNote(whole));
    const first = await app(() => rowsOf('note-idempotent'));
    await app(() => saveDiscoveryNote(whole));
    expect(await app(() => rowsOf('note-idempotent'))).toEqual(first);
    expect(first.inputs).toHaveLength(12);

    // Same timestamp for all: the ids keep them in the order given (index 10 after index 9).
    const read = await app(() => getDiscoveryNote('note-idempotent'));
    expect(read!.engineeringInput.map((e) => e.text)).toEqual(inputs.map((e) => e.text));

    await app(() => saveDiscoveryNote({ ...whole, status: 'ready', engineeringInput: inputs.slice(0, 2) }));
    const changed = await app(() => getDiscoveryNote('note-idempotent'));
    expect(changed).toMatchObject({ status: 'ready', version: 2 });
    expect(changed!.engineeringInput.map((e) => e.text)).toEqual(['constraint 0', 'constraint 1']);

    await app(() => saveDiscoveryNote({ ...whole, status: 'ready', engineeringInput: [] }));
    expect((await app(() => rowsOf('note-idempotent'))).inputs).toEqual([]);
  });
});

describe('updateDiscoveryNote', () => {
  it('refuses a stale version with NoteVersionConflict carrying the current note, and changes nothing', async () => {
    const created = await app(() => createDiscoveryNote({ title: 'Payout day', problem: 'Weekend merchants', status: 'draft', by: '557058:priya' }));
    expect(created.version).toBe(1);
    const updated = await app(() => updateDiscoveryNote(created.id, 1, { title: 'Choosing the payout day' }));
    expect(updated).toMatchObject({ id: created.id, title: 'Choosing the payout day', status: 'exploring', problem: 'Weekend merchants', version: 2 });
    const before = await app(() => rowsOf(created.id));

    const error = await app(() => updateDiscoveryNote(created.id, 1, { title: 'An edit made over version 1' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoteVersionConflict);
    expect(error).toBeInstanceOf(AppError);
    const conflict = error as NoteVersionConflict;
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toMatch(/Someone else changed .* since you opened it \(it is now exploring, version 2\); nothing was saved/);
    expect(conflict.current).toEqual(updated);
    expect(await app(() => rowsOf(created.id))).toEqual(before);
  });

  it('lets exactly one of several updates over the same version win', async () => {
    const created = await app(() => createDiscoveryNote({ title: 'Race', problem: 'Five editors', status: 'draft', by: '557058:priya' }));
    const titles = ['A', 'B', 'C', 'D', 'E'].map((t) => `Edited by ${t}`);
    const outcomes = await app(() => Promise.allSettled(titles.map((title) => updateDiscoveryNote(created.id, 1, { title }))));

    const won = outcomes.filter((o): o is PromiseFulfilledResult<DiscoveryNote> => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(4);
    for (const o of lost) expect(o.reason).toBeInstanceOf(NoteVersionConflict);
    const final = await app(() => getDiscoveryNote(created.id));
    expect(final).toMatchObject({ version: 2, title: won[0].value.title });
    for (const o of lost) expect((o.reason as NoteVersionConflict).current).toMatchObject({ version: 2, title: won[0].value.title });
  });

  it('says not-found for a note that does not exist', async () => {
    await expect(app(() => updateDiscoveryNote('note-nowhere', 1, { title: 'x' }))).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('addEngineeringInput', () => {
  it('adds an entry and bumps the version; a retry with the same id adds nothing twice', async () => {
    const created = await app(() => createDiscoveryNote({ title: 'Instalments', problem: 'Split payments', status: 'exploring', by: '557058:lena' }));
    const entry = await app(() => addEngineeringInput(created.id, { id: 'input-retry-1', kind: 'question', text: 'One invoice or several?', ...PRIYA }));
    await app(() => addEngineeringInput(created.id, { id: 'input-retry-1', kind: 'question', text: 'One invoice or several?', ...PRIYA }));
    const read = await app(() => getDiscoveryNote(created.id));
    expect(read!.engineeringInput).toEqual([entry]);
    expect(read!.version).toBe(3);
    // The editor who opened version 1 is told the note moved on.
    await expect(app(() => updateDiscoveryNote(created.id, 1, { title: 'Over version 1' }))).rejects.toBeInstanceOf(NoteVersionConflict);
  });

  it('writes nothing for a note that does not exist', async () => {
    await expect(app(() => addEngineeringInput('note-missing', { kind: 'risk', text: 'orphan?', ...PRIYA }))).rejects.toMatchObject({ code: 'not-found' });
    const orphans = await app(() => selectRows(db.selectFrom('engineering_input').select('id').where('note_id', '=', 'note-missing').compile()));
    expect(orphans).toEqual([]);
  });
});

describe('unreadable rows', () => {
  it('are reported by id and left out; a bad input leaves its note readable without it', async () => {
    await app(async () => {
      await saveDiscoveryNote(note('note-good', { engineeringInput: [{ kind: 'risk', text: 'fine', ...PRIYA, at: at('2026-11-01T00:00:00Z') }] }));
      // What a hand edit or an older version might leave: values the schema cannot read.
      await executeWrite(
        db.insertInto('discovery_note').values({ id: 'note-corrupt', title: 'Hand-edited', problem: 'x', status: '', created_at: 0, updated_at: 0, version: 0 }).compile(),
      );
      await executeWrite(
        db
          .insertInto('engineering_input')
          .values({ id: 'input-corrupt', note_id: 'note-good', kind: 'risk', text: 'no author', author_account_id: '', author_name: null, created_at: 1 })
          .compile(),
      );
    });

    let notes = new Map<string, DiscoveryNote>();
    const warnings = await warningsDuring(async () => {
      notes = await app(() => getDiscoveryNotes(['note-good', 'note-corrupt']));
    });
    expect([...notes.keys()]).toEqual(['note-good']);
    expect(notes.get('note-good')!.engineeringInput.map((e) => e.text)).toEqual(['fine']);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stored discovery-note note-corrupt does not match its schema: /),
        expect.stringMatching(/^stored engineering-input input-corrupt does not match its schema: author_account_id/),
      ]),
    );
    expect(warnings).toHaveLength(2);

    const single = await warningsDuring(async () => {
      expect(await app(() => getDiscoveryNote('note-corrupt'))).toBeNull();
    });
    expect(single).toEqual([expect.stringMatching(/^stored discovery-note note-corrupt does not match its schema/)]);
  });

  it('reads a status and a kind of input that a later version adds', async () => {
    await app(async () => {
      await executeWrite(
        db.insertInto('discovery_note').values({ id: 'note-future', title: 'From later', problem: 'p', status: 'parked', created_at: 5_000, updated_at: 5_000, version: 4 }).compile(),
      );
      await executeWrite(
        db
          .insertInto('engineering_input')
          .values({ id: 'input-future', note_id: 'note-future', kind: 'dependency', text: 'needs the ledger', author_account_id: 'a', author_name: null, created_at: 6_000 })
          .compile(),
      );
    });
    const warnings = await warningsDuring(async () => {
      expect(await app(() => getDiscoveryNote('note-future'))).toEqual({
        id: 'note-future',
        title: 'From later',
        problem: 'p',
        status: 'parked',
        createdAt: 5,
        updatedAt: 5,
        version: 4,
        engineeringInput: [
          { id: 'input-future', kind: 'dependency', text: 'needs the ledger', authorAccountId: 'a', authorRoles: null, at: new Date(6_000).toISOString(), resolution: null },
        ],
        ...NOTHING_ELSE,
      });
    });
    expect(warnings).toEqual([]);
  });
});

describe('recentDiscoveryNotes', () => {
  it('answers one status, newest first, up to the limit, in 2 statements', async () => {
    await app(async () => {
      for (const [id, updatedAt] of [['note-old', 1_000], ['note-newest', 4_000], ['note-middle', 3_000], ['note-older', 2_000]] as const) {
        await saveDiscoveryNote(note(id, { status: 'shipped', updatedAt, engineeringInput: [{ kind: 'constraint', text: id, ...PRIYA, at: at('2026-01-01T00:00:00Z') }] }));
      }
      // Written before migration 020 named the statuses anew: `draft` is an exploring note.
      await executeWrite(
        db.insertInto('discovery_note').values({ id: 'note-draft-newest', title: 'Old', problem: 'p', status: 'draft', created_at: 9_000_000, updated_at: 9_000_000, version: 1 }).compile(),
      );
    });

    sandbox.clearLogs();
    const recent = await app(() => recentDiscoveryNotes('shipped', 3));
    expect(statements()).toBe(2);
    expect(recent.map((n) => [n.id, n.updatedAt])).toEqual([
      ['note-newest', 4_000],
      ['note-middle', 3_000],
      ['note-older', 2_000],
    ]);
    expect(recent.map((n) => n.engineeringInput[0]?.text)).toEqual(['note-newest', 'note-middle', 'note-older']);
    const exploring = await app(() => recentDiscoveryNotes('exploring', 100));
    expect(exploring.map((n) => n.id)).toContain('note-draft-newest');
    expect(exploring.every((n) => n.status === 'exploring')).toBe(true);
  });
});

describe('invalid input', () => {
  const refused = (work: () => Promise<unknown>) => expect(app(work)).rejects.toMatchObject({ code: 'invalid-input' });

  it('is refused before any statement is sent, so nothing is written', async () => {
    const created = await app(() => createDiscoveryNote({ title: 'Valid', problem: 'p', status: 'draft', by: '557058:priya' }));
    const before = await app(() => rowsOf(created.id));
    sandbox.clearLogs();

    await refused(() => saveDiscoveryNote(note('note-bad-status', { status: 'someday' as never })));
    await refused(() =>
      saveDiscoveryNote(note('note-bad-kind', { engineeringInput: [{ kind: 'opinion' as never, text: 't', ...PRIYA, at: at('2026-01-01T00:00:00Z') }] })),
    );
    await refused(() => saveDiscoveryNote(note('note-bad-at', { engineeringInput: [{ kind: 'risk', text: 't', ...PRIYA, at: 'last Tuesday' }] })));
    await refused(() => saveDiscoveryNote(note('x'.repeat(65))));
    await refused(() => createDiscoveryNote({ title: 't'.repeat(256), problem: 'p', status: 'draft', by: '557058:priya' }));
    await refused(() => createDiscoveryNote({ title: 't', problem: 'p', status: 'draft', by: '' }));
    await refused(() => updateDiscoveryNote(created.id, 1, { status: 'ready' } as never));
    await refused(() => updateDiscoveryNote(created.id, 1, {}));
    await refused(() => addEngineeringInput(created.id, { kind: 'opinion' as never, text: 't', ...PRIYA }));
    await refused(() => addEngineeringInput(created.id, { kind: 'risk', text: 't', authorAccountId: '' }));
    expect(statements()).toBe(0);

    const error = await app(() => createDiscoveryNote({ title: 't'.repeat(256), problem: 'p', status: 'draft', by: 'a' })).catch((e: unknown) => e);
    expect((error as AppError).details.fields).toHaveProperty('title');
    expect(await app(() => rowsOf(created.id))).toEqual(before);
    for (const id of ['note-bad-status', 'note-bad-kind', 'note-bad-at']) expect(await app(() => rowsOf(id))).toEqual({ notes: [], inputs: [] });
  });
});

const ENGINEER = { ...PRIYA, authorRoles: ['engineering' as const] };
const SALES = { authorAccountId: '557058:marcus', authorName: 'Marcus Bell', authorRoles: ['sales' as const] };
const LEAD_WAIVER = { by: '557058:hannah', byName: 'Hannah Okafor', reason: 'Reusing the payouts engine unchanged; engineering signed off in the planning meeting.' };

async function shapedNote(title: string): Promise<DiscoveryNote> {
  const created = await createDiscoveryNote({ title, problem: 'p', status: 'shaped', by: '557058:hannah', byName: 'Hannah Okafor' });
  return created;
}

describe('setDiscoveryNoteStatus and the ready rule in its statement', () => {
  it('refuses ready without input from someone in the engineering role, then writes it once an engineer added some', async () => {
    const created = await app(() => shapedNote('Rule'));
    await app(() => addEngineeringInput(created.id, { kind: 'risk', text: 'Sales thinks it is risky', ...SALES }));
    const before = await app(() => getDiscoveryNote(created.id));
    const refused = await app(() => setDiscoveryNoteStatus(created.id, before!.version, { status: 'ready' }));
    expect(refused.written).toBe(false);
    expect(await app(() => rowsOf(created.id))).toMatchObject({ notes: [{ status: 'shaped', version: before!.version }] });

    await app(() => addEngineeringInput(created.id, { kind: 'constraint', text: 'Caps at 10,000 EUR', ...ENGINEER }));
    const current = await app(() => getDiscoveryNote(created.id));
    const written = await app(() => setDiscoveryNoteStatus(created.id, current!.version, { status: 'ready' }));
    expect(written).toMatchObject({ written: true, note: { status: 'ready', version: current!.version + 1, waiver: null } });
  });

  it('sees a question asked between the read and the write (no version bump yet) and writes nothing', async () => {
    const created = await app(() => shapedNote('Race with a question'));
    await app(() => addEngineeringInput(created.id, { kind: 'constraint', text: 'ok', ...ENGINEER }));
    const read = await app(() => getDiscoveryNote(created.id));
    // The question's own INSERT, before the bump addEngineeringInput sends next.
    await app(() =>
      executeWrite(
        db
          .insertInto('engineering_input')
          .values({ id: 'input-race-q', note_id: created.id, kind: 'question', text: 'Which acquirer?', author_account_id: 'a', author_name: null, created_at: Date.now() })
          .compile(),
      ),
    );
    const answer = await app(() => setDiscoveryNoteStatus(created.id, read!.version, { status: 'ready' }));
    expect(answer.written).toBe(false);
    expect(answer.note.status).toBe('shaped');

    await app(() => resolveEngineeringQuestion(created.id, 'input-race-q', { by: PRIYA.authorAccountId, byName: 'Priya Raman', text: 'Adyen' }));
    const now = await app(() => getDiscoveryNote(created.id));
    expect((await app(() => setDiscoveryNoteStatus(created.id, now!.version, { status: 'ready' }))).written).toBe(true);
  });

  it('writes a waiver with the status in the same statement; the waiver stays when the note moves on', async () => {
    const created = await app(() => shapedNote('Waived'));
    const answer = await app(() => setDiscoveryNoteStatus(created.id, 1, { status: 'ready', waiver: LEAD_WAIVER }));
    expect(answer.written).toBe(true);
    expect(answer.note.waiver).toEqual({ by: LEAD_WAIVER.by, byName: LEAD_WAIVER.byName, reason: LEAD_WAIVER.reason, at: expect.any(String) });
    const back = await app(() => setDiscoveryNoteStatus(created.id, 2, { status: 'shaped' }));
    expect(back.note.waiver?.reason).toBe(LEAD_WAIVER.reason);
    // The waiver already on the note stands in for the rule when it is marked ready again.
    expect((await app(() => setDiscoveryNoteStatus(created.id, 3, { status: 'ready' }))).written).toBe(true);
  });

  it('lets exactly one of two leads moving the same version win; the other gets the current note', async () => {
    const created = await app(() => shapedNote('Two leads'));
    await app(() => addEngineeringInput(created.id, { kind: 'technical-shape', text: 'A new rail', ...ENGINEER }));
    const version = (await app(() => getDiscoveryNote(created.id)))!.version;
    const outcomes = await app(() =>
      Promise.allSettled([
        setDiscoveryNoteStatus(created.id, version, { status: 'ready' }),
        setDiscoveryNoteStatus(created.id, version, { status: 'exploring' }),
      ]),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(NoteVersionConflict);
    expect((lost[0].reason as NoteVersionConflict).current.version).toBe(version + 1);
  });

  it('says not-found for a note that does not exist, and refuses a status outside the lifecycle before sending anything', async () => {
    await expect(app(() => setDiscoveryNoteStatus('note-nowhere', 1, { status: 'shaped' }))).rejects.toMatchObject({ code: 'not-found' });
    sandbox.clearLogs();
    await expect(app(() => setDiscoveryNoteStatus('note-nowhere', 1, { status: 'draft' as never }))).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(app(() => setDiscoveryNoteStatus('note-nowhere', 1, { status: 'ready', waiver: { by: 'a', reason: '  ' } }))).rejects.toMatchObject({ code: 'invalid-input' });
    expect(statements()).toBe(0);
  });
});

describe('resolveEngineeringQuestion', () => {
  it('resolves an open question once; a second resolution is a conflict naming who, and a non-question is refused', async () => {
    const created = await app(() => shapedNote('Questions'));
    const question = await app(() => addEngineeringInput(created.id, { kind: 'question', text: 'One invoice or several?', ...ENGINEER }));
    const risk = await app(() => addEngineeringInput(created.id, { kind: 'risk', text: 'Dunning differs', ...ENGINEER }));
    const resolved = await app(() => resolveEngineeringQuestion(created.id, question.id, { by: '557058:kwame', byName: 'Kwame Mensah', text: 'One invoice, scheduled collections.' }));
    expect(resolved.resolution).toEqual({ by: '557058:kwame', byName: 'Kwame Mensah', text: 'One invoice, scheduled collections.', at: expect.any(String) });
    const rows = await app(() => rowsOf(created.id));

    await expect(app(() => resolveEngineeringQuestion(created.id, question.id, { by: 'x' }))).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Kwame Mensah') });
    await expect(app(() => resolveEngineeringQuestion(created.id, risk.id, { by: 'x' }))).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(app(() => resolveEngineeringQuestion(created.id, 'input-nowhere', { by: 'x' }))).rejects.toMatchObject({ code: 'not-found' });
    expect(await app(() => rowsOf(created.id))).toEqual(rows);
  });
});

describe('discoveryNotePage and discoveryNoteCounts', () => {
  it('walks every note of a status once, newest first, in pages, and counts notes per stored status', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `note-page-${i}`);
    await app(async () => {
      for (const [i, id] of ids.entries()) await saveDiscoveryNote(note(id, { status: 'in-delivery', updatedAt: 50_000 + (i % 3) }));
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const answer = await app(() => discoveryNotePage({ status: 'in-delivery', limit: 3, ...(cursor ? { cursor } : {}) }));
      seen.push(...answer.notes.map((n) => n.id));
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    expect([...seen].sort()).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await app(() => discoveryNoteCounts())).get('in-delivery')).toBe(7);
    await expect(app(() => discoveryNotePage({ limit: 3, cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('evidence', () => {
  it('a note started from a cluster links the cluster and its signals; a later move out of the cluster keeps the signal', async () => {
    const signals = ['ev-1', 'ev-2', 'ev-3'].map((externalId, i) => ({
      externalId,
      source: 'crm' as const,
      state: 'new' as const,
      receivedAt: 1_780_000_000 + i,
      customer: i === 2 ? 'Acme' : 'Brightwater',
      text: `Payouts the same day (${externalId})`,
      raisedByName: 'Marcus Bell',
      arr: i === 2 ? 50_000 : 100_000 + i,
    }));
    const clusterId = await app(async () => {
      await insertSignals(signals);
      const id = await createCluster({ title: 'Same-day payouts', state: 'new' });
      for (const s of signals) await attachSignal(signalKey('crm', s.externalId), id);
      return id;
    });
    const created = await app(() => createDiscoveryNote({ title: 'Same day', problem: 'p', status: 'exploring', by: '557058:hannah', fromClusterId: clusterId }));
    const evidence = await app(() => discoveryNoteEvidence([created.id]));
    expect(evidence.links.map((l) => [l.kind, l.subjectId]).sort()).toEqual(
      [['cluster', clusterId], ...signals.map((s) => ['signal', signalKey('crm', s.externalId)])].sort(),
    );
    expect(evidence.links.find((l) => l.kind === 'cluster')?.cluster).toMatchObject({ title: 'Same-day payouts', signalCount: 3, customerCount: 2 });
    // Each signal reached twice: linked itself, and through its cluster.
    expect(evidence.signals).toHaveLength(6);

    // Moved to another cluster: still linked itself.
    const other = await app(() => createCluster({ title: 'Elsewhere', state: 'new' }));
    await app(() => attachSignal(signalKey('crm', 'ev-3'), other));
    const after = await app(() => discoveryNoteEvidence([created.id]));
    expect(after.signals.filter((s) => s.id === signalKey('crm', 'ev-3')).map((s) => s.via)).toEqual(['signal']);

    await app(() => linkNoteEvidence(created.id, { clusterIds: [other], signalIds: [] }, '557058:hannah', Date.now()));
    await app(() => linkNoteEvidence(created.id, { clusterIds: [other], signalIds: [] }, '557058:hannah', Date.now()));
    expect((await app(() => discoveryNoteEvidence([created.id]))).links.filter((l) => l.subjectId === other)).toHaveLength(1);
  });

  it('a note from a cluster that does not exist links nothing', async () => {
    const created = await app(() => createDiscoveryNote({ title: 'Gone', problem: 'p', status: 'exploring', by: '557058:hannah', fromClusterId: 'cluster-gone' }));
    expect(await app(() => discoveryNoteEvidence([created.id]))).toEqual({ links: [], signals: [] });
  });
});

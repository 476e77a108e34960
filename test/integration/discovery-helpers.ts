/** Shared by the discovery-note integration tests: who is asking, calling `discovery.*` as them, and the rows a refusal must leave alone. */
import type { Sandbox } from '../sandbox/sandbox';
import { SEED_USERS } from '../sandbox/seed';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';
import type { ResolverOutput } from '../../src/contract';
import type { Answer } from './resolver-answers';
import { as } from './work-type-helpers';

export const LEAD = SEED_USERS.productLead;
export const ENGINEER = SEED_USERS.engineer;
export const DESIGNER = SEED_USERS.designer;
export const SALES = SEED_USERS.sales;
export const CONTRACTOR = SEED_USERS.restricted;

export type NoteView = ResolverOutput<'discovery.get'>;

/** Calls a `discovery.*` key as `accountId` from a project's triage page (PAY unless named), with the payload as given. */
export const discoveryCaller =
  (sandbox: () => Sandbox) =>
  async <T = NoteView>(accountId: string, key: string, payload: unknown, projectKey = 'PAY'): Promise<Answer<T>> =>
    (await sandbox().invoke(as(accountId, 'triage-queue', { project: { key: projectKey } }), key, payload)) as Answer<T>;

/** Every discovery row, as the app reads it: what a refused call must leave exactly as it was. */
export const discoveryRows = (sandbox: Sandbox) =>
  sandbox.asApp(async () => ({
    notes: await selectRows(db.selectFrom('discovery_note').selectAll().orderBy('id').compile()),
    inputs: await selectRows(db.selectFrom('engineering_input').selectAll().orderBy('id').compile()),
    evidence: await selectRows(
      db.selectFrom('discovery_note_evidence').selectAll().orderBy('note_id').orderBy('subject_kind').orderBy('subject_id').compile(),
    ),
  }));

/** Shared by the integration tests of outbox effects: running the queue and the sweeper until nothing is owed. */
import type { Sandbox } from '../sandbox/sandbox';
import { selectRows } from '../../src/store/sql/run';
import { db } from '../../src/store/sql/schema';

/**
 * Drains the queue, then the sweeper, until no outbox row is pending (or `maxSweeps` sweeps have run).
 * `pastEveryLease` moves the test's clock past any lease and backoff, so every pending row is due at the next sweep.
 */
export async function drainOutbox(sandbox: Sandbox, pastEveryLease: () => void, maxSweeps = 40): Promise<void> {
  for (let sweeps = 0; sweeps < maxSweeps; sweeps += 1) {
    await sandbox.events.settle();
    const pending = await sandbox.asApp(() => selectRows(db.selectFrom('outbox').select('id').where('state', '=', 'pending').compile()));
    if (pending.length === 0) return;
    pastEveryLease();
    await sandbox.runScheduledTrigger('sweeper');
  }
}

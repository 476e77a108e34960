/**
 * A signal's raiser's Jira account, found after intake (services/signals/raiser-match.ts): the one write that
 * names it, and the Slack signals still without one (asked again once a Slack bot token is saved). The read of
 * what a signal knows of its raiser is closing the loop's (`raisersOfSignals` in notification-repository.ts).
 */
import { executeWrite, selectRows } from './sql/run';
import { db } from './sql/schema';

/**
 * Names the signal's raiser, unless someone already has: one statement, `… WHERE raised_by_account_id IS NULL`,
 * so a match never overwrites an account a person or a channel set, and two deliveries of one match write once.
 * True when this call named them.
 */
export async function setRaiserAccountIfUnknown(signalId: string, accountId: string): Promise<boolean> {
  const { affectedRows } = await executeWrite(
    db.updateTable('signal').set({ raised_by_account_id: accountId }).where('id', '=', signalId).where('raised_by_account_id', 'is', null).compile(),
  );
  return affectedRows > 0;
}

/**
 * The most recent signals sent from Slack (with Slack's request kept) whose raiser has no account yet, newest
 * first: a range read of the `signal_raised_by_received` index (account NULL), filtered by source.
 */
export async function slackSignalsWithoutRaiser(limit: number): Promise<string[]> {
  const rows = await selectRows(
    db
      .selectFrom('signal')
      .select('id')
      .where('raised_by_account_id', 'is', null)
      .where('source', '=', 'slack')
      // Only Slack's own request names the sender; a Slack signal without it (imported, seeded) has nobody to ask about.
      .where('raw_payload', 'is not', null)
      .orderBy('received_at', 'desc').orderBy('id').limit(limit).compile(),
  );
  return rows.map((row) => row.id);
}

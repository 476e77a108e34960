/**
 * The `sweeper` scheduled trigger (every five minutes, no user). Errors are not retried by the platform for
 * scheduled triggers, and none need to be: the next run, five minutes later, starts again from the table.
 */
import { sweepOutbox, type SweepReport } from '../services/outbox/sweep';

export async function sweeperHandler(): Promise<SweepReport> {
  const report = await sweepOutbox();
  if (report.due > 0 || report.unreadable.length > 0) {
    console.log(
      `sweeper: ${report.pushed}/${report.due} due outbox rows pushed again` +
        (report.failedPushes ? `, ${report.failedPushes} pushes failed` : '') +
        (report.unreadable.length ? `, unreadable: ${report.unreadable.join(', ')}` : ''),
    );
  }
  return report;
}

/**
 * What became of each signal for the person who raised it (My signals, shipped, pipeline health): numbered
 * 090–099, appended after the notification migrations so MIGRATIONS stays in name order. The rules in the header
 * of migrations.ts hold: one statement each, `IF NOT EXISTS` (so a lost checkpoint runs again harmlessly), times
 * in Unix milliseconds.
 *
 * Shipped is kept on both the decision (what a lead routed reached Done) and the signal (an origin linked by
 * hand, with no decision behind it, ships too); the first Done wins and is never rewritten.
 */
import type { Migration } from './migration';

const addColumn = (name: string, table: string, column: string, definition: string): Migration => ({
  name,
  statement: `ALTER TABLE \`${table}\` ADD COLUMN IF NOT EXISTS \`${column}\` ${definition}`,
});

export const SIGNAL_STATUS_MIGRATIONS: readonly Migration[] = [
  addColumn('090-routing-decision-shipped-at', 'routing_decision', 'shipped_at', 'BIGINT NULL'),
  addColumn('091-routing-decision-shipped-issue', 'routing_decision', 'shipped_issue_key', 'VARCHAR(64) NULL'),
  addColumn('092-signal-shipped-at', 'signal', 'shipped_at', 'BIGINT NULL'),
  addColumn('093-signal-shipped-issue', 'signal', 'shipped_issue_key', 'VARCHAR(64) NULL'),
  // My signals reads one person's signals newest first: without this it scans every signal of the site.
  { name: '094-signal-raised-by-received', statement: 'CREATE INDEX IF NOT EXISTS `signal_raised_by_received` ON `signal` (`raised_by_account_id`, `received_at`)' },
  // The shipped trigger finds the decisions an issue came from by its key.
  { name: '095-routing-decision-issue-key', statement: 'CREATE INDEX IF NOT EXISTS `routing_decision_issue_key` ON `routing_decision` (`issue_key`)' },
  // Pipeline health reads signals by month received.
  { name: '096-signal-received', statement: 'CREATE INDEX IF NOT EXISTS `signal_received` ON `signal` (`received_at`)' },
];

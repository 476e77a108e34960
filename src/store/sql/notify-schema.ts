/**
 * Closing the loop to whoever raised a signal (Slack messages, Jira watchers): numbered 080–089, appended after
 * routing's migrations so MIGRATIONS stays in name order. The rules in the header of migrations.ts hold.
 */
import type { ColumnType } from 'kysely';
import type { BigIntColumn } from './column-types';
import { TABLE_OPTIONS, type Migration } from './migration';

export const NOTIFY_MIGRATIONS: readonly Migration[] = [
  {
    // One row per delivery: a decision's step (decided, in Jira, shipped) told to one person one way (a Slack
    // direct message, a reply in the signal's Slack thread, a Jira watcher). The id is a hash of those four, so
    // a redelivered effect finds what it already sent and sends nothing twice. `held` rows wait for a working
    // Slack token and are sent again when an admin saves one; the lead reads the rest as the decision's
    // notification state.
    name: '080-create-raiser-notification',
    statement: `CREATE TABLE IF NOT EXISTS \`raiser_notification\` (
  \`id\` VARCHAR(64) NOT NULL,
  \`decision_id\` VARCHAR(64) NOT NULL,
  \`cluster_id\` VARCHAR(64) NOT NULL,
  \`step\` VARCHAR(16) NOT NULL,
  \`channel\` VARCHAR(16) NOT NULL,
  \`recipient\` VARCHAR(255) NOT NULL,
  \`signal_ids\` TEXT NOT NULL,
  \`state\` VARCHAR(16) NOT NULL,
  \`detail\` VARCHAR(500) NULL,
  \`issue_key\` VARCHAR(64) NULL,
  \`slack_ts\` VARCHAR(32) NULL,
  \`attempts\` INT NOT NULL DEFAULT 1,
  \`created_at\` BIGINT NOT NULL,
  \`updated_at\` BIGINT NOT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`raiser_notification_decision\` (\`decision_id\`, \`step\`),
  KEY \`raiser_notification_state\` (\`state\`, \`updated_at\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // Who a delivery was for, by name (the raiser's name as their signal has it; for a thread reply, the rep it
    // mentions), so the lead reads "Marcus Bell" rather than a Slack user id or a Jira account id. Null on rows
    // written before it, and where no name is known: those read as the recipient alone.
    name: '081-raiser-notification-recipient-name',
    statement: 'ALTER TABLE `raiser_notification` ADD COLUMN IF NOT EXISTS `recipient_name` VARCHAR(255) NULL',
  },
];

export type RaiserNotificationTable = {
  id: string;
  decision_id: string;
  cluster_id: string;
  /** 'decided' | 'in-jira' | 'shipped' */
  step: string;
  /** 'slack-dm' | 'slack-thread' | 'jira-watcher' | 'none' */
  channel: string;
  recipient: string;
  /** The person's name, as known when the delivery was recorded; null when unknown (or recorded before 081). */
  recipient_name: string | null;
  /** JSON text: the ids of the person's signals this delivery was about. */
  signal_ids: string;
  /** 'sent' | 'held' | 'failed' | 'unreachable' */
  state: string;
  detail: string | null;
  issue_key: string | null;
  slack_ts: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  created_at: BigIntColumn;
  updated_at: BigIntColumn;
};

export type NotifyTables = {
  raiser_notification: RaiserNotificationTable;
};

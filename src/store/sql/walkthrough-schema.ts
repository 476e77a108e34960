/**
 * The design-walkthrough tables (versions with their items, acknowledgements, questions): their migrations,
 * numbered from 015 and appended to MIGRATIONS after 014, and the shapes Kysely sees. Kept beside each other and
 * apart from schema.ts so the practice's storage reads as one piece.
 *
 * A version's items are one JSON column of its row, not rows of a `walkthrough_item` table. Forge SQL has no
 * transactions, so a version and its item rows would be several statements, and a save stopped half way would
 * leave a version with some of its items — which every reader would then show as the designer's words. As one
 * row, a version lands whole or not at all, in the same INSERT whose primary key (issue_key, version) is the
 * version check. Items are never queried on their own (the diff is computed in src/domain), and a version's
 * items are capped at 400 KB by the contract, well inside a Forge SQL request.
 */
import type { ColumnType } from 'kysely';
import type { BigIntColumn, NullableBigIntColumn } from './column-types';
import { TABLE_OPTIONS, type Migration } from './migration';

export const WALKTHROUGH_MIGRATIONS: readonly Migration[] = [
  {
    // Never updated: an edit is a new version. The primary key is the version check — of two saves of version
    // N, exactly one lands and the other is a duplicate key, answered `conflict`.
    name: '015-create-walkthrough-version',
    statement: `CREATE TABLE IF NOT EXISTS \`walkthrough_version\` (
  \`issue_key\` VARCHAR(64) NOT NULL,
  \`version\` INT NOT NULL,
  \`author_account_id\` VARCHAR(128) NOT NULL,
  \`author_name\` VARCHAR(255) NULL,
  \`created_at\` BIGINT NOT NULL,
  \`design_url\` VARCHAR(2048) NOT NULL,
  \`summary\` TEXT NOT NULL,
  \`items\` MEDIUMTEXT NOT NULL,
  PRIMARY KEY (\`issue_key\`, \`version\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // One row per person and version they acknowledged (acknowledging again is the same row). Their name and
    // team roles are kept as they were at that moment, like a signature, so readiness ("acknowledged by an
    // engineer") needs no call to Jira.
    name: '016-create-walkthrough-ack',
    statement: `CREATE TABLE IF NOT EXISTS \`walkthrough_ack\` (
  \`issue_key\` VARCHAR(64) NOT NULL,
  \`account_id\` VARCHAR(128) NOT NULL,
  \`version\` INT NOT NULL,
  \`acknowledged_at\` BIGINT NOT NULL,
  \`display_name\` VARCHAR(255) NULL,
  \`roles\` VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (\`issue_key\`, \`account_id\`, \`version\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // A question on one item of one version, and its answer (set once, by \`UPDATE … WHERE answer IS NULL\`).
    name: '017-create-walkthrough-question',
    statement: `CREATE TABLE IF NOT EXISTS \`walkthrough_question\` (
  \`id\` VARCHAR(64) NOT NULL,
  \`issue_key\` VARCHAR(64) NOT NULL,
  \`version\` INT NOT NULL,
  \`item_id\` VARCHAR(64) NOT NULL,
  \`asked_by\` VARCHAR(128) NOT NULL,
  \`asked_by_name\` VARCHAR(255) NULL,
  \`text\` TEXT NOT NULL,
  \`asked_at\` BIGINT NOT NULL,
  \`answer\` TEXT NULL,
  \`answered_by\` VARCHAR(128) NULL,
  \`answered_by_name\` VARCHAR(255) NULL,
  \`answered_at\` BIGINT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`walkthrough_question_issue_asked\` (\`issue_key\`, \`asked_at\`)
) ${TABLE_OPTIONS}`,
  },
];

type IntColumn = ColumnType<string | number, number, number>;

export interface WalkthroughVersionTable {
  issue_key: string;
  version: IntColumn;
  author_account_id: string;
  author_name: string | null;
  created_at: BigIntColumn;
  design_url: string;
  summary: string;
  /** JSON text: the version's items, read back through zod. */
  items: string;
}

export interface WalkthroughAckTable {
  issue_key: string;
  account_id: string;
  version: IntColumn;
  acknowledged_at: BigIntColumn;
  display_name: string | null;
  /** Comma-separated team roles the person had when they acknowledged ('engineering,design'). */
  roles: ColumnType<string, string | undefined, string>;
}

export interface WalkthroughQuestionTable {
  id: string;
  issue_key: string;
  version: IntColumn;
  item_id: string;
  asked_by: string;
  asked_by_name: string | null;
  text: string;
  asked_at: BigIntColumn;
  answer: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: NullableBigIntColumn;
}

export interface WalkthroughTables {
  walkthrough_version: WalkthroughVersionTable;
  walkthrough_ack: WalkthroughAckTable;
  walkthrough_question: WalkthroughQuestionTable;
}

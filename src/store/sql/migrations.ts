/**
 * Upstream's Forge SQL schema, as numbered migrations. `@forge/sql`'s migrationRunner keeps the names it has
 * applied in `__migrations` and runs the rest in order, so this list is only ever appended to: a migration that
 * has shipped is never edited (a change is a new, higher-numbered one).
 *
 * Every statement is written for both engines it meets: TiDB (Forge SQL) and MariaDB (the sandbox):
 * - `IF NOT EXISTS` everywhere, and indexes declared inside CREATE TABLE, so a migration that ran but whose
 *   checkpoint was lost (Forge SQL has no transactions: runner's DDL and its `__migrations` insert are two
 *   statements) runs again harmlessly;
 * - no AUTO_RANDOM, FULLTEXT, foreign keys or generated columns; JSON kept as text and read through zod;
 * - `utf8mb4_bin`, TiDB's default, named on every table so the sandbox compares strings as Forge does (byte
 *   for byte, emoji included);
 * - times are Unix milliseconds in BIGINT (Forge SQL answers DATETIME as strings without a zone); money is
 *   DECIMAL (answered as a string, read back through zod); BIGINT is answered as a string too.
 *
 * Table names are quoted: `signal` is a reserved word in MariaDB and MySQL (not in TiDB).
 */
import { TABLE_OPTIONS, type Migration } from './migration';
import { WALKTHROUGH_MIGRATIONS } from './walkthrough-schema';
import { DISCOVERY_MIGRATIONS } from './discovery-schema';
import { ROUTING_MIGRATIONS } from './routing-schema';
import { NOTIFY_MIGRATIONS } from './notify-schema';
import { SIGNAL_STATUS_MIGRATIONS } from './signal-status-schema';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  {
    // Signals from the field. `id` is derived from (source, external id), so a sender's retry lands on the same row.
    name: '001-create-signal',
    statement: `CREATE TABLE IF NOT EXISTS \`signal\` (
  \`id\` VARCHAR(64) NOT NULL,
  \`source\` VARCHAR(32) NOT NULL,
  \`external_id\` VARCHAR(255) NOT NULL,
  \`state\` VARCHAR(32) NOT NULL,
  \`received_at\` BIGINT NOT NULL,
  \`customer\` VARCHAR(255) NOT NULL,
  \`text\` MEDIUMTEXT NOT NULL,
  \`raised_by_name\` VARCHAR(255) NOT NULL,
  \`raised_by_email\` VARCHAR(320) NULL,
  \`raised_by_account_id\` VARCHAR(128) NULL,
  \`arr\` DECIMAL(16,2) NULL,
  \`category\` VARCHAR(32) NULL,
  \`cluster_id\` VARCHAR(64) NULL,
  \`route\` VARCHAR(32) NULL,
  \`raw_payload\` MEDIUMTEXT NULL,
  \`version\` INT NOT NULL DEFAULT 1,
  \`updated_at\` BIGINT NOT NULL,
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`signal_source_external_id\` (\`source\`, \`external_id\`),
  KEY \`signal_state_received\` (\`state\`, \`received_at\`),
  KEY \`signal_customer_received\` (\`customer\`, \`received_at\`),
  KEY \`signal_cluster_received\` (\`cluster_id\`, \`received_at\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // Clusters of similar signals, with their evidence kept current so the Inbox sorts and filters on one table.
    name: '002-create-cluster',
    statement: `CREATE TABLE IF NOT EXISTS \`cluster\` (
  \`id\` VARCHAR(64) NOT NULL,
  \`title\` VARCHAR(255) NOT NULL,
  \`category\` VARCHAR(32) NULL,
  \`state\` VARCHAR(32) NOT NULL,
  \`reason\` TEXT NULL,
  \`signal_count\` INT NOT NULL DEFAULT 0,
  \`customer_count\` INT NOT NULL DEFAULT 0,
  \`arr_total\` DECIMAL(18,2) NOT NULL DEFAULT 0,
  \`evidence_score\` DOUBLE NOT NULL DEFAULT 0,
  \`first_seen_at\` BIGINT NOT NULL,
  \`last_seen_at\` BIGINT NOT NULL,
  \`version\` INT NOT NULL DEFAULT 1,
  \`updated_at\` BIGINT NOT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`cluster_state_evidence\` (\`state\`, \`evidence_score\`),
  KEY \`cluster_state_category_evidence\` (\`state\`, \`category\`, \`evidence_score\`),
  KEY \`cluster_state_last_seen\` (\`state\`, \`last_seen_at\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // The term index: which signals use a term, and how much it weighs in each. Keyed term-first for lookups.
    name: '003-create-signal-term',
    statement: `CREATE TABLE IF NOT EXISTS \`signal_term\` (
  \`term\` VARCHAR(64) NOT NULL,
  \`signal_id\` VARCHAR(64) NOT NULL,
  \`weight\` DOUBLE NOT NULL,
  PRIMARY KEY (\`term\`, \`signal_id\`),
  KEY \`signal_term_signal\` (\`signal_id\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // The same per cluster (its signals' terms, summed): similar clusters for a new signal in one statement.
    name: '004-create-cluster-term',
    statement: `CREATE TABLE IF NOT EXISTS \`cluster_term\` (
  \`term\` VARCHAR(64) NOT NULL,
  \`cluster_id\` VARCHAR(64) NOT NULL,
  \`weight\` DOUBLE NOT NULL,
  PRIMARY KEY (\`term\`, \`cluster_id\`),
  KEY \`cluster_term_cluster\` (\`cluster_id\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // The decision that stands for a cluster: one row per cluster, replaced only by a statement that names the
    // version it replaces (`UPDATE … WHERE version = ?`).
    name: '005-create-routing-decision',
    statement: `CREATE TABLE IF NOT EXISTS \`routing_decision\` (
  \`cluster_id\` VARCHAR(64) NOT NULL,
  \`route\` VARCHAR(32) NOT NULL,
  \`rationale\` TEXT NOT NULL,
  \`issue_key\` VARCHAR(64) NULL,
  \`duplicate_of\` VARCHAR(64) NULL,
  \`decided_by\` VARCHAR(128) NOT NULL,
  \`decided_at\` BIGINT NOT NULL,
  \`version\` INT NOT NULL DEFAULT 1,
  PRIMARY KEY (\`cluster_id\`),
  KEY \`routing_decision_route_decided\` (\`route\`, \`decided_at\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // Side effects owed after a committed decision: pending until done (or failed for good). The id is the
    // effect's idempotency key, so recording the same effect twice is one row.
    name: '006-create-outbox',
    statement: `CREATE TABLE IF NOT EXISTS \`outbox\` (
  \`id\` VARCHAR(191) NOT NULL,
  \`kind\` VARCHAR(64) NOT NULL,
  \`payload\` MEDIUMTEXT NOT NULL,
  \`state\` VARCHAR(16) NOT NULL,
  \`attempts\` INT NOT NULL DEFAULT 0,
  \`last_error\` TEXT NULL,
  \`created_at\` BIGINT NOT NULL,
  \`updated_at\` BIGINT NOT NULL,
  \`next_attempt_at\` BIGINT NOT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`outbox_state_next_attempt\` (\`state\`, \`next_attempt_at\`)
) ${TABLE_OPTIONS}`,
  },
  {
    name: '007-create-discovery-note',
    statement: `CREATE TABLE IF NOT EXISTS \`discovery_note\` (
  \`id\` VARCHAR(64) NOT NULL,
  \`title\` VARCHAR(255) NOT NULL,
  \`problem\` MEDIUMTEXT NOT NULL,
  \`status\` VARCHAR(32) NOT NULL,
  \`created_at\` BIGINT NOT NULL,
  \`updated_at\` BIGINT NOT NULL,
  \`version\` INT NOT NULL DEFAULT 1,
  PRIMARY KEY (\`id\`),
  KEY \`discovery_note_status_updated\` (\`status\`, \`updated_at\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // Engineering input is its own row per entry: adding one is one INSERT, never a rewrite of the note.
    name: '008-create-engineering-input',
    statement: `CREATE TABLE IF NOT EXISTS \`engineering_input\` (
  \`id\` VARCHAR(64) NOT NULL,
  \`note_id\` VARCHAR(64) NOT NULL,
  \`kind\` VARCHAR(32) NOT NULL,
  \`text\` MEDIUMTEXT NOT NULL,
  \`author_account_id\` VARCHAR(128) NOT NULL,
  \`author_name\` VARCHAR(255) NULL,
  \`created_at\` BIGINT NOT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`engineering_input_note_created\` (\`note_id\`, \`created_at\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // How a signal's category was set: 'suggested' (Upstream's, from its words) or 'confirmed' (a person's; never
    // overwritten by a suggestion). NULL: not categorised yet.
    name: '009-signal-category-source',
    statement: 'ALTER TABLE `signal` ADD COLUMN IF NOT EXISTS `category_source` VARCHAR(16) NULL',
  },
  {
    // The words the suggested category was drawn from, as JSON text (an array of strings).
    name: '010-signal-category-words',
    statement: 'ALTER TABLE `signal` ADD COLUMN IF NOT EXISTS `category_words` TEXT NULL',
  },
  {
    // Why the signal is in its cluster, as JSON text: shared terms and concepts, the score, and how it got there
    // ('joined', 'started', 'moved' with who moved it).
    name: '011-signal-cluster-reason',
    statement: 'ALTER TABLE `signal` ADD COLUMN IF NOT EXISTS `cluster_reason` TEXT NULL',
  },
  {
    // When the signal was first clustered (Unix ms); NULL until then. Clustering is done once: this is its guard.
    name: '012-signal-clustered-at',
    statement: 'ALTER TABLE `signal` ADD COLUMN IF NOT EXISTS `clustered_at` BIGINT NULL',
  },
  {
    // A person's change to clusters (move, merge, split), with what undoing it restores, as JSON text. The last
    // change not yet undone is found through (undone_at, changed_at).
    name: '013-create-cluster-change',
    statement: `CREATE TABLE IF NOT EXISTS \`cluster_change\` (
  \`id\` VARCHAR(64) NOT NULL,
  \`kind\` VARCHAR(16) NOT NULL,
  \`restore\` MEDIUMTEXT NOT NULL,
  \`changed_by\` VARCHAR(128) NOT NULL,
  \`changed_at\` BIGINT NOT NULL,
  \`undone_at\` BIGINT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`cluster_change_undone_changed\` (\`undone_at\`, \`changed_at\`)
) ${TABLE_OPTIONS}`,
  },
  {
    // Pairs a person said are not the same: a signal or a cluster (subject_id) and a cluster. Clustering never
    // puts the subject in that cluster again, nor suggests it. Cluster pairs are stored both ways round.
    name: '014-create-not-same',
    statement: `CREATE TABLE IF NOT EXISTS \`not_same\` (
  \`subject_id\` VARCHAR(64) NOT NULL,
  \`cluster_id\` VARCHAR(64) NOT NULL,
  \`marked_by\` VARCHAR(128) NOT NULL,
  \`marked_at\` BIGINT NOT NULL,
  PRIMARY KEY (\`subject_id\`, \`cluster_id\`)
) ${TABLE_OPTIONS}`,
  },
  // Walkthroughs (015–019) are declared beside their tables; discovery's later migrations follow from 020.
  ...WALKTHROUGH_MIGRATIONS,
  ...DISCOVERY_MIGRATIONS,
  ...ROUTING_MIGRATIONS,
  ...NOTIFY_MIGRATIONS,
  ...SIGNAL_STATUS_MIGRATIONS,
];

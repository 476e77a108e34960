/**
 * What routing decisions gained after migration 005 (appended LAST to MIGRATIONS): the decision's own id (which
 * attempt stands, so a late or losing write can tell it is not the one), the cluster version it was decided on
 * (the version check), the decider's display name then, the Jira side's state and error, the lead's choices for
 * the Jira side (project, epic, summary, next sprint), and the parked baseline (signals and ARR at parking) that
 * the parking lot compares new evidence with. The rules in the header of migrations.ts hold for every statement:
 * one statement each, `IF NOT EXISTS`, no foreign keys, times in Unix milliseconds, money in DECIMAL.
 *
 * Numbered from 060: discovery's migrations reach 034 and MIGRATIONS must stay in name order, so 030–034 were taken.
 */
import type { Migration } from './migration';

const addDecisionColumn = (name: string, column: string, definition: string): Migration => ({
  name,
  statement: `ALTER TABLE \`routing_decision\` ADD COLUMN IF NOT EXISTS \`${column}\` ${definition}`,
});

export const ROUTING_MIGRATIONS: readonly Migration[] = [
  // A new id per decision attempt: the outbox effect and the cluster's state change apply only the decision that stands.
  addDecisionColumn('060-routing-decision-id', 'decision_id', 'VARCHAR(64) NULL'),
  // The cluster's version the lead saw: a decision replaces another only when made on a later version.
  addDecisionColumn('061-routing-decision-cluster-version', 'cluster_version', 'INT NULL'),
  addDecisionColumn('062-routing-decision-decided-by-name', 'decided_by_name', 'VARCHAR(255) NULL'),
  // 'none' | 'pending' | 'done' | 'failed'; NULL on decisions written before (read as none).
  addDecisionColumn('063-routing-decision-jira-state', 'jira_state', 'VARCHAR(16) NULL'),
  addDecisionColumn('064-routing-decision-jira-error', 'jira_error', 'TEXT NULL'),
  // The outbox effect now responsible for the Jira side (a retry records a new one).
  addDecisionColumn('065-routing-decision-jira-effect', 'jira_effect_id', 'VARCHAR(191) NULL'),
  // The lead's choices: the project to create in, the epic to link (or the summary of the epic to create), the sprint.
  addDecisionColumn('066-routing-decision-target-project', 'target_project_key', 'VARCHAR(32) NULL'),
  addDecisionColumn('067-routing-decision-epic-key', 'epic_key', 'VARCHAR(64) NULL'),
  addDecisionColumn('068-routing-decision-epic-summary', 'epic_summary', 'VARCHAR(255) NULL'),
  addDecisionColumn('069-routing-decision-into-next-sprint', 'into_next_sprint', 'BOOLEAN NULL'),
  // The parked baseline: the cluster's evidence when it was parked.
  addDecisionColumn('070-routing-decision-parked-signals', 'parked_signals', 'INT NULL'),
  addDecisionColumn('071-routing-decision-parked-arr', 'parked_arr', 'DECIMAL(18,2) NULL'),
  // The triage tabs sort away from evidence by ARR and by signal count: a `(state, key)` index each, so a page is
  // read backward from the index and stops after the page, as the evidence and recency sorts are.
  { name: '072-cluster-state-arr', statement: 'CREATE INDEX IF NOT EXISTS `cluster_state_arr` ON `cluster` (`state`, `arr_total`)' },
  { name: '073-cluster-state-signal-count', statement: 'CREATE INDEX IF NOT EXISTS `cluster_state_signal_count` ON `cluster` (`state`, `signal_count`)' },
  // When the cluster was first decided: a later decision replaces the row but not this, so pipeline health's "time
  // to first decision" is not reset by a lead changing their mind. NULL on decisions written before (read as decided_at).
  addDecisionColumn('074-routing-decision-first-decided-at', 'first_decided_at', 'BIGINT NULL'),
];

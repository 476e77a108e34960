/**
 * The SQL tables as TypeScript sees them (migrations.ts is the truth; these follow it), and the Kysely instance
 * that builds statements for them. Kysely only compiles here — its MySQL dialect with a driver that never
 * connects — and `run.ts` hands the compiled `{ sql, parameters }` to `@forge/sql`, so every value reaches the
 * database as a bound parameter and every identifier is quoted.
 *
 * Forge SQL answers BIGINT and DECIMAL as strings (and the sandbox does the same), so their select type is
 * `string | number`: repositories read rows back through zod, which turns them into numbers.
 */
import { DummyDriver, Kysely, MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler, type ColumnType } from 'kysely';

import type { BigIntColumn, DecimalColumn, NullableBigIntColumn, NullableDecimalColumn, WithDefault } from './column-types';
import type { WalkthroughTables } from './walkthrough-schema';
import type { DiscoveryTables } from './discovery-schema';

export interface SignalTable {
  id: string;
  source: string;
  external_id: string;
  state: string;
  received_at: BigIntColumn;
  customer: string;
  text: string;
  raised_by_name: string;
  raised_by_email: string | null;
  raised_by_account_id: string | null;
  arr: NullableDecimalColumn;
  category: string | null;
  cluster_id: string | null;
  route: string | null;
  raw_payload: string | null;
  version: WithDefault<number>;
  updated_at: BigIntColumn;
  /** 'suggested' | 'confirmed'; NULL until categorised (migration 009). */
  category_source: WithDefault<string | null>;
  /** JSON text: the words the suggestion came from (010). */
  category_words: WithDefault<string | null>;
  /** JSON text: why the signal is in its cluster (011). */
  cluster_reason: WithDefault<string | null>;
  /** Unix ms of the first clustering; NULL until then (012). */
  clustered_at: ColumnType<string | number | null, number | null | undefined, number | null>;
}

export interface ClusterTable {
  id: string;
  title: string;
  category: string | null;
  state: string;
  reason: string | null;
  signal_count: WithDefault<number>;
  customer_count: WithDefault<number>;
  arr_total: ColumnType<string | number, number | undefined, number>;
  evidence_score: WithDefault<number>;
  first_seen_at: BigIntColumn;
  last_seen_at: BigIntColumn;
  version: WithDefault<number>;
  updated_at: BigIntColumn;
}

export interface SignalTermTable {
  term: string;
  signal_id: string;
  weight: number;
}

export interface ClusterTermTable {
  term: string;
  cluster_id: string;
  weight: number;
}

export interface RoutingDecisionTable {
  cluster_id: string;
  route: string;
  rationale: string;
  issue_key: string | null;
  duplicate_of: string | null;
  decided_by: string;
  decided_at: BigIntColumn;
  version: WithDefault<number>;
  // From 060 on (routing-schema.ts): NULL on decisions written before.
  decision_id: WithDefault<string | null>;
  cluster_version: WithDefault<number | null>;
  decided_by_name: WithDefault<string | null>;
  /** 'none' | 'pending' | 'done' | 'failed' */
  jira_state: WithDefault<string | null>;
  jira_error: WithDefault<string | null>;
  jira_effect_id: WithDefault<string | null>;
  target_project_key: WithDefault<string | null>;
  epic_key: WithDefault<string | null>;
  epic_summary: WithDefault<string | null>;
  into_next_sprint: WithDefault<number | boolean | null>;
  parked_signals: WithDefault<number | null>;
  parked_arr: ColumnType<string | number | null, number | null | undefined, number | null>;
  first_decided_at: ColumnType<string | number | null, number | null | undefined, number | null>;
}

export interface OutboxTable {
  id: string;
  kind: string;
  payload: string;
  state: string;
  attempts: WithDefault<number>;
  last_error: string | null;
  created_at: BigIntColumn;
  updated_at: BigIntColumn;
  next_attempt_at: BigIntColumn;
}

export interface DiscoveryNoteTable {
  id: string;
  title: string;
  problem: string;
  status: string;
  created_at: BigIntColumn;
  updated_at: BigIntColumn;
  version: WithDefault<number>;
  // From 020 on (discovery-schema.ts): NULL on notes written before.
  desired_outcome: WithDefault<string | null>;
  design_direction: WithDefault<string | null>;
  /** JSON text: [{ accountId, name, role }]. */
  participants: WithDefault<string | null>;
  created_by: WithDefault<string | null>;
  created_by_name: WithDefault<string | null>;
  waiver_by: WithDefault<string | null>;
  waiver_by_name: WithDefault<string | null>;
  waiver_at: NullableBigIntColumn;
  waiver_reason: WithDefault<string | null>;
}

export interface EngineeringInputTable {
  id: string;
  note_id: string;
  kind: string;
  text: string;
  author_account_id: string;
  author_name: string | null;
  created_at: BigIntColumn;
  // From 029 on (discovery-schema.ts): NULL on entries written before.
  /** JSON text: the author's team roles when they wrote it. */
  author_roles: WithDefault<string | null>;
  resolved_at: NullableBigIntColumn;
  resolved_by: WithDefault<string | null>;
  resolved_by_name: WithDefault<string | null>;
  resolution: WithDefault<string | null>;
}

export interface ClusterChangeTable {
  id: string;
  /** 'move' | 'merge' | 'split' */
  kind: string;
  /** JSON text: what undoing the change restores. */
  restore: string;
  changed_by: string;
  changed_at: BigIntColumn;
  undone_at: ColumnType<string | number | null, number | null | undefined, number | null>;
}

export interface NotSameTable {
  /** A signal id or a cluster id. */
  subject_id: string;
  cluster_id: string;
  marked_by: string;
  marked_at: BigIntColumn;
}

/** Every table; the walkthrough tables are declared beside their migrations (walkthrough-schema.ts). */
export interface UpstreamDatabase extends WalkthroughTables, DiscoveryTables {
  signal: SignalTable;
  cluster: ClusterTable;
  signal_term: SignalTermTable;
  cluster_term: ClusterTermTable;
  routing_decision: RoutingDecisionTable;
  outbox: OutboxTable;
  discovery_note: DiscoveryNoteTable;
  engineering_input: EngineeringInputTable;
  cluster_change: ClusterChangeTable;
  not_same: NotSameTable;
}

/** Builds and compiles statements; never connects (DummyDriver), so nothing here can reach a database itself. */
export const db = new Kysely<UpstreamDatabase>({
  dialect: {
    createAdapter: () => new MysqlAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new MysqlIntrospector(k),
    createQueryCompiler: () => new MysqlQueryCompiler(),
  },
});

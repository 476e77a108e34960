/**
 * What discovery notes gained after migrations 007–008 (numbered from 020 and appended to MIGRATIONS after the
 * walkthrough tables): the desired outcome, the design direction, participants, who created the note, a lead's
 * waiver of the ready rule, the author's roles and a question's resolution on each input, and the evidence a
 * note links to (clusters and signals). The rules in the header of migrations.ts hold for every statement: one
 * statement each, `IF NOT EXISTS`, no foreign keys, JSON as text, times in Unix milliseconds.
 */
import type { BigIntColumn } from './column-types';
import { TABLE_OPTIONS, type Migration } from './migration';

const addNoteColumn = (name: string, column: string, definition: string): Migration => ({
  name,
  statement: `ALTER TABLE \`discovery_note\` ADD COLUMN IF NOT EXISTS \`${column}\` ${definition}`,
});
const addInputColumn = (name: string, column: string, definition: string): Migration => ({
  name,
  statement: `ALTER TABLE \`engineering_input\` ADD COLUMN IF NOT EXISTS \`${column}\` ${definition}`,
});

export const DISCOVERY_MIGRATIONS: readonly Migration[] = [
  addNoteColumn('020-discovery-note-desired-outcome', 'desired_outcome', 'MEDIUMTEXT NULL'),
  addNoteColumn('021-discovery-note-design-direction', 'design_direction', 'MEDIUMTEXT NULL'),
  // JSON text: [{ accountId, name, role }], rewritten whole with the note's version check.
  addNoteColumn('022-discovery-note-participants', 'participants', 'MEDIUMTEXT NULL'),
  addNoteColumn('023-discovery-note-created-by', 'created_by', 'VARCHAR(128) NULL'),
  addNoteColumn('024-discovery-note-created-by-name', 'created_by_name', 'VARCHAR(255) NULL'),
  // A lead's waiver of the ready rule: who (and their name then), when, why. Kept once given, so it stays visible.
  addNoteColumn('025-discovery-note-waiver-by', 'waiver_by', 'VARCHAR(128) NULL'),
  addNoteColumn('026-discovery-note-waiver-by-name', 'waiver_by_name', 'VARCHAR(255) NULL'),
  addNoteColumn('027-discovery-note-waiver-at', 'waiver_at', 'BIGINT NULL'),
  addNoteColumn('028-discovery-note-waiver-reason', 'waiver_reason', 'TEXT NULL'),
  // The author's team roles when they wrote the entry, as a JSON array of role names; NULL before this column.
  addInputColumn('029-engineering-input-author-roles', 'author_roles', 'VARCHAR(255) NULL'),
  // A question's resolution: when, by whom (and their name then), and what was decided. NULL while open.
  addInputColumn('030-engineering-input-resolved-at', 'resolved_at', 'BIGINT NULL'),
  addInputColumn('031-engineering-input-resolved-by', 'resolved_by', 'VARCHAR(128) NULL'),
  addInputColumn('032-engineering-input-resolved-by-name', 'resolved_by_name', 'VARCHAR(255) NULL'),
  addInputColumn('033-engineering-input-resolution', 'resolution', 'TEXT NULL'),
  {
    // Who has the problem: the clusters and signals a note links to. A cluster stands for its signals as they are
    // now; a note started from a cluster also links the cluster's signals then, so a later merge or split keeps them.
    name: '034-create-discovery-note-evidence',
    statement: `CREATE TABLE IF NOT EXISTS \`discovery_note_evidence\` (
  \`note_id\` VARCHAR(64) NOT NULL,
  \`subject_kind\` VARCHAR(16) NOT NULL,
  \`subject_id\` VARCHAR(64) NOT NULL,
  \`linked_by\` VARCHAR(128) NOT NULL,
  \`linked_at\` BIGINT NOT NULL,
  PRIMARY KEY (\`note_id\`, \`subject_kind\`, \`subject_id\`),
  KEY \`discovery_note_evidence_subject\` (\`subject_kind\`, \`subject_id\`)
) ${TABLE_OPTIONS}`,
  },
];

export interface DiscoveryNoteEvidenceTable {
  note_id: string;
  /** 'cluster' | 'signal' */
  subject_kind: string;
  subject_id: string;
  linked_by: string;
  linked_at: BigIntColumn;
}

/** The tables discovery added, for UpstreamDatabase (schema.ts). */
export interface DiscoveryTables {
  discovery_note_evidence: DiscoveryNoteEvidenceTable;
}

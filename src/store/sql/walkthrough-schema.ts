/**
 * The design-walkthrough tables (versions, their items, acknowledgements, questions): their migrations, numbered
 * 015–019 and appended to MIGRATIONS after 014, and the shapes Kysely sees. Kept beside each other and apart from
 * schema.ts so the practice's storage reads as one piece.
 */
import { type Migration } from './migration';

export const WALKTHROUGH_MIGRATIONS: readonly Migration[] = [];

// eslint-disable-next-line @typescript-eslint/no-empty-interface -- filled by the walkthrough tables
export interface WalkthroughTables {}

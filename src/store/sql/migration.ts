/** One numbered schema change (see migrations.ts for the rules every statement follows). */
export interface Migration {
  name: string;
  statement: string;
}

/** Named on every table so the sandbox compares strings as Forge SQL (TiDB) does: byte for byte, emoji included. */
export const TABLE_OPTIONS = 'DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

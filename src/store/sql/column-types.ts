/** How Forge SQL's column types look to Kysely: what a statement writes, and what a read answers. */
import type { ColumnType } from 'kysely';

/** BIGINT: written as a number, answered as a string. */
export type BigIntColumn = ColumnType<string | number, number, number>;
/** A nullable BIGINT (a time not reached yet). */
export type NullableBigIntColumn = ColumnType<string | number | null, number | null | undefined, number | null>;
/** DECIMAL: written as a number, answered as a string. */
export type DecimalColumn = ColumnType<string | number, number, number>;
export type NullableDecimalColumn = ColumnType<string | number | null, number | null, number | null>;
/** A column with a default: optional on insert. */
export type WithDefault<T> = ColumnType<T, T | undefined, T>;

/**
 * What became of each signal for the person who raised it (My signals, shipped, pipeline health): numbered
 * 090–099, appended after the notification migrations so MIGRATIONS stays in name order.
 */
import type { Migration } from './migration';

export const SIGNAL_STATUS_MIGRATIONS: readonly Migration[] = [];

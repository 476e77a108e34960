/**
 * What a surface needs from `view.getContext()`, narrowed from the bridge's loosely typed `extension`
 * (`{ [k: string]: any }`). Hand-written guards rather than zod: main.tsx reads this before any surface loads,
 * and the initial chunk should not carry a schema library. The context routes and labels; it never authorises
 * (forge-reference §2.2): the resolvers decide who may see what.
 */
import { WORK_TYPES, type WorkType } from '../../src/domain/work-type';

export type EntryPoint = 'view' | 'edit';

export interface SurfaceContext {
  moduleKey: string;
  accountId: string | null;
  entryPoint: EntryPoint;
  issueKey: string | null;
  projectKey: string | null;
  /** The gadget's saved configuration, when this is a dashboard gadget that has been configured. */
  gadgetBoardId: number | null;
  /** The custom field's current value as Jira hands it to the field's view and edit entry points. */
  fieldValue: WorkType | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringAt = (record: unknown, key: string): string | null => {
  if (!isRecord(record)) return null;
  const value = record[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
};

const boardIdOf = (configuration: unknown): number | null => {
  if (!isRecord(configuration)) return null;
  const raw = configuration.boardId;
  // Gadget configuration round-trips through Jira as JSON; accept a numeric string as well as a number.
  const id = typeof raw === 'string' ? Number(raw) : raw;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
};

export function readSurfaceContext(context: unknown): SurfaceContext {
  const root = isRecord(context) ? context : {};
  const extension = isRecord(root.extension) ? root.extension : {};
  const fieldValue = extension.fieldValue;
  return {
    moduleKey: stringAt(root, 'moduleKey') ?? '',
    accountId: stringAt(root, 'accountId'),
    entryPoint: extension.entryPoint === 'edit' ? 'edit' : 'view',
    issueKey: stringAt(extension.issue, 'key'),
    projectKey: stringAt(extension.project, 'key'),
    gadgetBoardId: boardIdOf(extension.gadgetConfiguration),
    fieldValue: (WORK_TYPES as readonly unknown[]).includes(fieldValue) ? (fieldValue as WorkType) : null,
  };
}

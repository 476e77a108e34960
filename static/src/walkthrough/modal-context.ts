/**
 * The walkthrough's full view opens as a Forge modal over the issue view (`new Modal({ resource: 'main', … })`
 * from the issue panel). Jira frames the same resource again and hands the opener's `context` to it as
 * `extension.modal`; this reads it. A hand-written guard, not zod: main.tsx reads it before any surface loads.
 * The context only routes (which view to show first); the resolvers decide what the person may see and do.
 */

export type WalkthroughStart = 'view' | 'add-version';

export interface WalkthroughModalContext {
  surface: 'walkthrough';
  issueKey: string | null;
  start: WalkthroughStart;
}

/** What the modal tells its opener when it closes, so the panel reads its context again only when needed. */
export interface WalkthroughClosePayload {
  changed: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function walkthroughModalOf(context: unknown): WalkthroughModalContext | null {
  const extension = isRecord(context) && isRecord(context.extension) ? context.extension : null;
  const modal = extension && isRecord(extension.modal) ? extension.modal : null;
  if (!modal || modal.surface !== 'walkthrough') return null;
  return {
    surface: 'walkthrough',
    issueKey: typeof modal.issueKey === 'string' && /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/.test(modal.issueKey) ? modal.issueKey : null,
    start: modal.start === 'add-version' ? 'add-version' : 'view',
  };
}

export const closePayloadOf = (payload: unknown): WalkthroughClosePayload => ({ changed: isRecord(payload) && payload.changed === true });

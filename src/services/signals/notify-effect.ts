/**
 * The outbox effect `notify-raisers` as data: its payload, its id and its queue lane. Apart from the code that
 * records it (notify-raisers.ts) and performs it (notify-deliver.ts), so that routing-jira.ts may record it and
 * effects.ts may perform it without either reaching the other.
 */
import { z } from 'zod';
import { NOTIFY_STEPS, type NotifyStep } from '../../store/notification-repository';
import type { WorkConcurrency } from '../../store/work-queue';

export const NOTIFY_EFFECT_KIND = 'notify-raisers';

export const notifyRaisersPayloadSchema = z.object({
  decisionId: z.string().min(1).max(64),
  step: z.enum(NOTIFY_STEPS),
  /** The issue the decision became (in Jira, shipped); null for the decision itself. */
  issueKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}-\d{1,12}$/).nullable(),
  /** Unix ms the step happened (shipped: when the issue reached Done). */
  at: z.number().int().nonnegative().optional(),
});
export type NotifyRaisersPayload = z.output<typeof notifyRaisersPayloadSchema>;

/** One effect per decision and step: telling the same step twice is the same row. */
export const notifyEffectId = (decisionId: string, step: NotifyStep): string => `${NOTIFY_EFFECT_KIND}:${decisionId}:${step}`;

/**
 * One at a time: a duplicate delivery then runs after the first and finds every message it sent recorded,
 * instead of both reading "not sent yet" and each posting it.
 */
export const NOTIFY_LANE: WorkConcurrency = { key: 'notify-raisers', limit: 1 };

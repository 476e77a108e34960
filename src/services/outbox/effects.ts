/**
 * Every kind of outbox effect, in one typed table: its payload schema (checked when it is recorded and again
 * when it is performed, since the row may have been written by another version) and what performing it does.
 * Adding an effect kind (a Jira write, a notification) is one entry here. Each `perform` must be idempotent:
 * delivery is at least once, and the sweeper may push a row again while an earlier event is still on its way.
 */
import { z } from 'zod';
import { slackResponseUrl } from '../../slack/response-url';
import { clusterSignal } from '../signals/cluster';
import { sendSlackFollowUp } from '../signals/slack-follow-up';
import { indexSignalTerms } from '../signals/terms';
import { performRouteToJira } from '../signals/routing-jira';
import { performNotifyRaisers } from '../signals/notify-deliver';
import { NOTIFY_LANE, notifyRaisersPayloadSchema } from '../signals/notify-effect';
import { matchRaiserPayloadSchema, performMatchRaiser } from '../signals/raiser-match';
import type { WorkConcurrency } from '../../store/work-queue';

interface EffectDefinition<S extends z.ZodType> {
  payload: S;
  perform: (payload: z.output<S>) => Promise<void>;
  /**
   * The queue's concurrency key for this kind's events, when they must not run side by side: the platform then
   * runs at most `limit` of them at once (per installation, since each installation has its own queue).
   */
  concurrency?: WorkConcurrency;
}

/**
 * The clustering lane: signals are clustered one at a time (see `cluster-signal`), and a Slack follow-up waits
 * in the same lane, so that, pushed after its signal's clustering, it runs once that is done.
 */
const CLUSTERING_LANE: WorkConcurrency = { key: 'signal-clustering', limit: 1 };

/** Keeps each entry's `perform` typed by its own schema. */
const effect = <S extends z.ZodType>(definition: EffectDefinition<S>): EffectDefinition<S> => definition;

export const EFFECTS = {
  /**
   * Categorise, index and cluster a stored signal (after intake): services/signals/cluster.ts. Replaces
   * `index-signal-terms` for new signals.
   */
  'cluster-signal': effect({
    payload: z.object({ signalId: z.string().min(1).max(191) }),
    perform: async ({ signalId }) => {
      await clusterSignal(signalId);
    },
    // One at a time: two similar signals clustered at the same moment cannot see each other's new cluster, and
    // each would start one. Serialised, the second finds the first's cluster; at ~7 statements a signal this is
    // still far above the 500 events a minute an installation may push.
    concurrency: CLUSTERING_LANE,
  }),
  /**
   * Tells the person who sent a signal from Slack where it went ("it joined *CSV export* with 6 others"), as an
   * ephemeral message on the request's response_url: services/signals/slack-follow-up.ts. Recorded at intake and pushed
   * into the clustering lane behind the signal's own clustering; should it run first, it fails and is retried.
   * The URL is checked again here (a row may have been written by hand) and once more before the post.
   */
  'slack-reply': effect({
    payload: z.object({
      signalId: z.string().min(1).max(191),
      responseUrl: z.string().refine((url) => slackResponseUrl(url) !== null, 'not a Slack response URL'),
      /** Unix ms of the Slack request: the URL takes messages for 30 minutes from then. */
      requestedAt: z.number().int().nonnegative(),
    }),
    perform: (payload) => sendSlackFollowUp(payload),
    concurrency: CLUSTERING_LANE,
  }),
  /**
   * Index a stored signal's terms for similarity — what intake recorded before `cluster-signal`; kept so rows
   * already recorded still run.
   */
  'index-signal-terms': effect({
    payload: z.object({ signalId: z.string().min(1).max(191) }),
    perform: ({ signalId }) => indexSignalTerms(signalId),
  }),
  /**
   * What stored routing decisions owe (services/signals/routing-jira.ts): each standing decision applied to its
   * cluster (repairing a resolver that died before it), and for roadmap and quick fix the Jira issue created
   * (bulk, 50 per call) or the epic linked, with the origin property. One row per batch of decisions.
   */
  'route-to-jira': effect({
    payload: z.object({
      /** The row's own id: a decision's Jira side is performed only by the effect it names (a retry records a new one). */
      effectId: z.string().min(1).max(191),
      decisions: z.array(z.object({ clusterId: z.string().min(1).max(64), decisionId: z.string().min(1).max(64) })).min(1).max(50),
    }),
    perform: (payload) => performRouteToJira(payload),
    // One at a time: a duplicate delivery then runs after the first and finds its issues (or its row done),
    // instead of both searching Jira at once, finding nothing, and each creating the issues.
    concurrency: { key: 'route-to-jira', limit: 1 },
  }),
  /**
   * Closing the loop (services/signals/notify-deliver.ts): one step of one decision (decided, in Jira, shipped)
   * told to everyone who raised a signal in its cluster — Slack direct messages and thread replies, Jira watchers.
   * Idempotent per delivery; one row per decision and step.
   */
  'notify-raisers': effect({
    payload: notifyRaisersPayloadSchema,
    perform: (payload) => performNotifyRaisers(payload),
    concurrency: NOTIFY_LANE,
  }),
  /**
   * Finds the Jira account of whoever raised a signal that arrived without one — by the email a CRM sent, or the
   * Slack sender's email (users.info) — and names it on the signal unless one is set already
   * (services/signals/raiser-match.ts). One row per signal, recorded at intake; again for recent Slack signals
   * when a bot token is saved.
   */
  'match-raiser': effect({
    payload: matchRaiserPayloadSchema,
    perform: async (payload) => {
      await performMatchRaiser(payload);
    },
    // A few at a time: a CRM's burst of signals would otherwise be as many user searches at once, and Jira rate
    // limits user search across the whole site.
    concurrency: { key: 'match-raiser', limit: 5 },
  }),
} as const;

export type EffectKind = keyof typeof EFFECTS;
export type EffectPayload<K extends EffectKind> = z.input<(typeof EFFECTS)[K]['payload']>;

export const isEffectKind = (kind: string): kind is EffectKind => Object.prototype.hasOwnProperty.call(EFFECTS, kind);

/** An effect ready to record: its idempotency key, its kind and a payload of that kind's shape. */
export interface Effect<K extends EffectKind = EffectKind> {
  id: string;
  kind: K;
  payload: EffectPayload<K>;
}

/** The idempotency key of an effect: kind and the one thing it is about, so the same effect is one row. */
export const effectId = (kind: EffectKind, subject: string): string => `${kind}:${subject}`;

export type ParsedPayload = { ok: true; perform: () => Promise<void> } | { ok: false; issue: string };

/** Reads a stored payload through its kind's schema; what to do is bound to the parsed value. */
export function bindEffect(kind: string, payload: unknown): ParsedPayload {
  if (!isEffectKind(kind)) return { ok: false, issue: `unknown effect kind "${kind}"` };
  const definition = EFFECTS[kind] as EffectDefinition<z.ZodType>;
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, issue: `payload does not match ${kind}: ${first ? `${first.path.map(String).join('.') || '(payload)'}: ${first.message}` : 'invalid'}` };
  }
  return { ok: true, perform: () => definition.perform(parsed.data) };
}

/** The queue concurrency a kind's events are pushed with (none for a kind this version does not know). */
export const concurrencyOf = (kind: string): WorkConcurrency | undefined =>
  isEffectKind(kind) ? (EFFECTS[kind] as EffectDefinition<z.ZodType>).concurrency : undefined;

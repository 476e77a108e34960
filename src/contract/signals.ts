import { z } from 'zod';
import { SIGNAL_SOURCES } from '../domain/signals';

/**
 * The JSON body the `signal-intake` webtrigger accepts. `externalId` is the sender's own id for the signal
 * (Slack message ts, CRM note id …): sending the same one twice stores one signal.
 */
export const signalIntakeBodySchema = z
  .object({
    externalId: z.string().trim().min(1).max(200).regex(/^[\w.:\-#/@]+$/, 'externalId may use letters, digits and . : - # / @ _'),
    source: z.enum(SIGNAL_SOURCES),
    customer: z.string().trim().min(1).max(200),
    text: z.string().trim().min(1).max(5000),
    raisedBy: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(320).optional() }).strict(),
    arr: z.number().nonnegative().max(1e12).optional(),
  })
  .strict();
export type SignalIntakeBody = z.infer<typeof signalIntakeBodySchema>;

/** Headers the sender signs with: HMAC-SHA256 over `${timestamp}.${rawBody}` with the intake secret. */
export const SIGNATURE_HEADER = 'x-upstream-signature';
export const TIMESTAMP_HEADER = 'x-upstream-timestamp';
/** A signature older (or further in the future) than this is refused, so a captured request cannot be replayed later. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;
/** Larger bodies are refused before parsing. */
export const MAX_INTAKE_BODY_BYTES = 64 * 1024;

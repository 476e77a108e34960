/**
 * Every call this folder makes to Forge storage (KVS and Forge SQL) goes through `withStorageRetry`: a 429 or
 * 5xx is retried with backoff (the same policy as src/jira/client.ts), and one that outlasts the retries becomes
 * an AppError a person can act on (`rate-limited` or `storage-unavailable`, with when to try again) instead of
 * `internal`.
 *
 * What `@forge/kvs` throws (1.6, out/utils/error-handling.js): any non-2xx answer becomes a `ForgeKvsAPIError`
 * with `responseDetails.status` and the body's `code`/`message` (`UNKNOWN_ERROR` when the body is not a
 * Forge error, e.g. a proxy's HTML 502). The SDK keeps no response headers, so a Retry-After header cannot
 * reach here; a retry-after the body carries lands in the error's `context` and is honoured. Anything else
 * (a 4xx such as a failed transaction condition, a builder misuse, a bug) passes through untouched: those are
 * answers, not faults, and their callers give them meaning.
 *
 * `@forge/sql` (4.0, out/utils/error-handling.js) does the same with `ForgeSQLAPIError`; its body codes add
 * QUERY_TIMED_OUT, which is a fault but is not repeated here: a DML statement that timed out may still have
 * been applied, and a SELECT that took over 5 s will take as long again. It is reported as `storage-unavailable`.
 */
import { ForgeKvsAPIError } from '@forge/kvs';
import { ForgeSQLAPIError } from '@forge/sql';
import { retryDelayMs } from '../domain/retry';
import { AppError } from '../errors';

export const storageRetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 200,
  /** A retry-after longer than this is not waited out inside a 25 s resolver: the person is told instead. */
  maxWaitMs: 5000,
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** When the person is told to try again if the storage said nothing: as for Jira, longer for a rate limit. */
const DEFAULT_RETRY_AFTER_SECONDS = { rateLimited: 30, unavailable: 5 } as const;

interface StorageFault {
  status: number;
  retryAfterSeconds?: number;
}

/**
 * The status of a 429 or 5xx answer from the storage, or null for anything that is not such a fault. A request
 * that never got an answer (the fetch itself failed: reset, DNS, timeout) counts as a 503: it is the storage
 * being unreachable, and repeating a storage operation here is safe (see withStorageRetry).
 */
function storageFaultOf(error: unknown): StorageFault | null {
  // migrationRunner wraps the failing statement's error (MigrationExecutionError / MigrationCheckPointError).
  if (error instanceof Error && error.cause instanceof ForgeSQLAPIError) return storageFaultOf(error.cause);
  if (error instanceof TypeError && /fetch|network|socket/i.test(error.message)) return { status: 503 };
  if (!(error instanceof ForgeKvsAPIError) && !(error instanceof ForgeSQLAPIError)) return null;
  // A deadlock victim (MySQL, MariaDB and TiDB error 1213) or a lock wait that timed out (1205) was rolled back
  // whole, and every statement here is its own transaction (Forge SQL has none), so running it again is safe and
  // is what the server asks for. It arrives as a 400 SQL error; it is a fault of the moment, not an answer.
  if (error instanceof ForgeSQLAPIError && isLockConflict(error)) return { status: 503 };
  const status = error.responseDetails?.status;
  if (typeof status !== 'number' || (status !== 429 && status < 500)) return null;
  return { status, retryAfterSeconds: retryAfterSecondsOf(error.context) };
}

const LOCK_CONFLICT_ERRNOS = new Set([1205, 1213]);

function isLockConflict(error: ForgeSQLAPIError): boolean {
  const errno: unknown = (error.context as { debug?: { errno?: unknown } } | undefined)?.debug?.errno;
  if (typeof errno === 'number' && LOCK_CONFLICT_ERRNOS.has(errno)) return true;
  return /^(Deadlock found when trying to get lock|Lock wait timeout exceeded)/.test(error.message ?? '');
}

/** A retry-after in the error body (seconds, as a number or numeric string); none is documented, so it is optional. */
function retryAfterSecondsOf(context: unknown): number | undefined {
  if (!context || typeof context !== 'object') return undefined;
  const { retryAfter, retryAfterSeconds } = context as { retryAfter?: unknown; retryAfterSeconds?: unknown };
  const given = retryAfterSeconds ?? retryAfter;
  if (typeof given !== 'number' && (typeof given !== 'string' || given.trim() === '')) return undefined;
  const seconds = Number(given);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

/** The error a person sees once the retries are spent: what failed, and when to try again. */
function storageFaultError(fault: StorageFault): AppError {
  if (fault.status === 429) {
    const seconds = fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS.rateLimited;
    return new AppError('rate-limited', `Upstream's storage is busy and is limiting requests. Try again in ${seconds} s.`, {
      retryAfterSeconds: seconds,
    });
  }
  const seconds = fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS.unavailable;
  return new AppError('storage-unavailable', `Upstream's storage could not answer (${fault.status}). Try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Runs one storage operation, retrying it on a 429 or 5xx. `operation` must be safe to repeat: a read, a
 * write of the same value, or a conditional transaction (a repeat whose first attempt did land fails its
 * condition, which the caller already reads as "someone else wrote it").
 */
export async function withStorageRetry<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await operation();
    } catch (error: unknown) {
      if (error instanceof ForgeSQLAPIError && error.code === 'QUERY_TIMED_OUT') {
        throw new AppError('storage-unavailable', `Upstream's database took too long to answer. Try again in ${DEFAULT_RETRY_AFTER_SECONDS.unavailable} s.`, {
          retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS.unavailable,
        });
      }
      const fault = storageFaultOf(error);
      if (!fault) throw error;
      const delay = retryDelayMs(storageRetryPolicy, attempt, fault.retryAfterSeconds, Math.random());
      if (delay === null) throw storageFaultError(fault);
      await storageRetryPolicy.sleep(delay);
    }
  }
}

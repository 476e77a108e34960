/**
 * Shared by the integration tests that call resolvers through the sandbox: the envelope a resolver answers with,
 * reading it as success or refusal (failing the test with the other side's words), and a sandbox whose retries
 * do not sleep, seeded or bare, for one test file.
 */
import { Sandbox } from '../sandbox/sandbox';
import { seedAppData } from '../sandbox/seed/app-data';
import { retryPolicy } from '../../src/jira/client';
import { storageRetryPolicy } from '../../src/store/storage-retry';

export interface Refusal {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export type Answer<T> = { ok: true; data: T } | { ok: false; error: Refusal };

export const ok = <T>(answer: Answer<T>): T => {
  if (!answer.ok) throw new Error(`expected ok, got ${answer.error.code}: ${answer.error.message}`);
  return answer.data;
};

export const refused = <T>(answer: Answer<T>): Refusal => {
  if (answer.ok) throw new Error('expected a refusal, got ok');
  return answer.error;
};

/** Retries (Jira's 429/5xx, storage faults) run at once: a test's injected fault should not cost it seconds. */
export function retriesWithoutWaiting(): void {
  retryPolicy.sleep = async () => undefined;
  storageRetryPolicy.sleep = async () => undefined;
}

/**
 * One sandbox for the test file, on the seeded site and (with `seed`) the app's seeded data as of `today`, closed
 * after the file's last test. Returns a getter, since the sandbox exists only once `beforeAll` has run.
 */
export function useSandbox(today: Date, options: { seed: boolean }): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = new Sandbox({ today });
    retriesWithoutWaiting();
    if (options.seed) await seedAppData(sandbox, today);
  }, 180_000);
  afterAll(() => sandbox?.close());
  return () => {
    if (!sandbox) throw new Error('The sandbox did not start');
    return sandbox;
  };
}

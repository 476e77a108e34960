import { ForgeSQLAPIError } from '@forge/sql';
import { storageRetryPolicy, withStorageRetry } from '../../src/store/storage-retry';
import { AppError } from '../../src/errors';

/** A SQL error as @forge/sql builds it from a 400 answer whose body carries the database's own error. */
const sqlError = (message: string, errno: number | undefined) =>
  new ForgeSQLAPIError({ status: 400, statusText: 'Bad Request', traceId: 't' }, {
    code: 'SQL_EXECUTION_ERROR',
    message,
    context: errno === undefined ? {} : { debug: { errno } },
  });

const DEADLOCK = 'Deadlock found when trying to get lock; try restarting transaction';
const LOCK_WAIT = 'Lock wait timeout exceeded; try restarting transaction';

/** Runs `failures` then succeeds; answers the result and how many times the operation ran. */
async function failingThenOk(failures: readonly Error[]): Promise<{ result: string; calls: number }> {
  let calls = 0;
  const result = await withStorageRetry(async () => {
    calls += 1;
    const failure = failures[calls - 1];
    if (failure) throw failure;
    return 'written';
  });
  return { result, calls };
}

const realSleep = storageRetryPolicy.sleep;
beforeEach(() => {
  storageRetryPolicy.sleep = async () => undefined;
});
afterAll(() => {
  storageRetryPolicy.sleep = realSleep;
});

describe('withStorageRetry and lock conflicts', () => {
  it.each([
    ['a deadlock victim (1213)', sqlError(DEADLOCK, 1213)],
    ['a lock wait timeout (1205)', sqlError(LOCK_WAIT, 1205)],
    ['a deadlock told only in the message', sqlError(DEADLOCK, undefined)],
  ])('runs the statement again after %s', async (_name, error) => {
    await expect(failingThenOk([error, error])).resolves.toEqual({ result: 'written', calls: 3 });
  });

  it('passes any other SQL error straight through, without running the statement again', async () => {
    const syntax = sqlError("You have an error in your SQL syntax near 'FORM'", 1064);
    await expect(failingThenOk([syntax])).rejects.toBe(syntax);
  });

  it('tells the person to try again once the retries are spent', async () => {
    const always = Array.from({ length: storageRetryPolicy.maxRetries + 1 }, () => sqlError(DEADLOCK, 1213));
    const failure = await failingThenOk(always).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('storage-unavailable');
  });
});

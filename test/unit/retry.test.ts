/** The one back-off rule the Jira client and the storage layer share. */
import { retryDelayMs } from '../../src/domain/retry';

const policy = { maxRetries: 3, baseDelayMs: 200, maxWaitMs: 5000 };

describe('retryDelayMs', () => {
  it('backs off exponentially with ±25 % jitter', () => {
    expect(retryDelayMs(policy, 0, undefined, 0)).toBe(150);
    expect(retryDelayMs(policy, 0, undefined, 0.5)).toBe(200);
    expect(retryDelayMs(policy, 2, undefined, 1)).toBe(1000);
  });

  it("waits what the server asked for, and gives up when that is longer than the policy's limit", () => {
    expect(retryDelayMs(policy, 0, 2, 0.9)).toBe(2000);
    expect(retryDelayMs(policy, 0, 5, 0)).toBe(5000);
    expect(retryDelayMs(policy, 0, 6, 0)).toBeNull();
  });

  it('gives up once the retries are spent', () => {
    expect(retryDelayMs(policy, 2, undefined, 0)).not.toBeNull();
    expect(retryDelayMs(policy, 3, undefined, 0)).toBeNull();
    expect(retryDelayMs(policy, 3, 0, 0)).toBeNull();
  });
});

/** The Jira client's concurrency cap: however many calls a use case fans out, at most `maxInFlight` are sent at once. */
import { concurrencyPolicy, requestJira } from '../../src/jira/client';
import { route } from '@forge/api';

describe('requestJira concurrency cap', () => {
  const original = concurrencyPolicy.maxInFlight;
  let inFlight = 0;
  let peak = 0;

  beforeEach(() => {
    inFlight = 0;
    peak = 0;
  });
  afterEach(() => {
    concurrencyPolicy.maxInFlight = original;
    jest.restoreAllMocks();
  });

  async function fanOut(calls: number): Promise<void> {
    const api = await import('@forge/api');
    // Stands in for the platform: every request is answered after a short wait, and counted while in flight.
    const fake = {
      requestJira: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      },
    };
    jest.spyOn(api, 'asApp').mockReturnValue(fake as never);
    await Promise.all(Array.from({ length: calls }, (_, n) => requestJira(route`/rest/api/3/issue/${String(n)}`, { as: 'app' })));
  }

  it('sends at most maxInFlight requests at once, and all of them in the end', async () => {
    concurrencyPolicy.maxInFlight = 4;
    await fanOut(40);
    expect(peak).toBe(4);
    expect(inFlight).toBe(0);
  });

  it('is what makes the difference: without a cap the same fan-out sends everything at once', async () => {
    concurrencyPolicy.maxInFlight = Number.POSITIVE_INFINITY;
    await fanOut(40);
    expect(peak).toBe(40);
  });
});

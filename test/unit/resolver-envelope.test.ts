import { runResolver } from '../../src/resolvers/define';
import { AppError } from '../../src/errors';
import { JiraHttpError, toAppError } from '../../src/jira/client';
import { contract, resultSchema } from '../../src/contract';

const answer = { issueKey: 'PAY-1', fieldId: 'customfield_10050', value: 'Corrective' as const };
const signedIn = { accountId: 'acc-1' };

describe('runResolver: the one path every resolver takes', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('parses the input and returns the data in the ok envelope', async () => {
    const impl = jest.fn(async () => answer);
    const result = await runResolver('workType.get', impl)({ payload: { issueKey: ' PAY-1 ' }, context: signedIn });
    expect(result).toEqual({ ok: true, data: answer });
    expect(impl).toHaveBeenCalledWith({ issueKey: 'PAY-1' }, { accountId: 'acc-1' });
    expect(resultSchema(contract['workType.get'].output).safeParse(result).success).toBe(true);
  });

  it('refuses a malformed input with invalid-input, names the field, and never runs the use case', async () => {
    const impl = jest.fn(async () => answer);
    const result = await runResolver('workType.get', impl)({ payload: { issueKey: '../../admin' }, context: signedIn });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.fields).toHaveProperty('issueKey');
    expect(result.error.message).toMatch(/issueKey/);
    expect(impl).not.toHaveBeenCalled();
  });

  it('refuses unexpected keys', async () => {
    const impl = jest.fn(async () => answer);
    const result = await runResolver('workType.get', impl)({ payload: { issueKey: 'PAY-1', admin: true }, context: signedIn });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(impl).not.toHaveBeenCalled();
  });

  it('refuses a call with no accountId as unauthenticated', async () => {
    const impl = jest.fn(async () => answer);
    const result = await runResolver('workType.get', impl)({ payload: { issueKey: 'PAY-1' }, context: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(impl).not.toHaveBeenCalled();
  });

  it('passes an AppError through with its code, message and retry hint', async () => {
    const result = await runResolver('workType.get', async () => {
      throw new AppError('rate-limited', 'Jira is busy. Try again in 7 s.', { retryAfterSeconds: 7 });
    })({ payload: { issueKey: 'PAY-1' }, context: signedIn });
    expect(result).toEqual({ ok: false, error: { code: 'rate-limited', message: 'Jira is busy. Try again in 7 s.', retryAfterSeconds: 7 } });
  });

  it('maps every Jira failure to an AppError a person can act on, naming what was asked for', () => {
    const subject = { subject: 'issue PAY-1' };
    expect(toAppError(new JiraHttpError(404, ['Issue does not exist']), subject)).toMatchObject({
      code: 'not-found',
      message: 'Issue PAY-1 does not exist, or you do not have permission to see it.',
    });
    expect(toAppError(new JiraHttpError(403, []), subject)).toMatchObject({ code: 'not-found' });
    expect(toAppError(new JiraHttpError(403, []), { ...subject, forbidden: 'You may not see this board.' })).toMatchObject({
      code: 'forbidden',
      message: 'You may not see this board.',
    });
    expect(toAppError(new JiraHttpError(429, [], 12), subject)).toMatchObject({ code: 'rate-limited', details: { retryAfterSeconds: 12 } });
    expect(toAppError(new JiraHttpError(503, []), subject)).toMatchObject({ code: 'jira-unavailable' });
    expect(toAppError(new JiraHttpError(400, ['Field x is bad']), subject)).toMatchObject({ code: 'invalid-input' });
    expect(toAppError(new JiraHttpError(401, []), subject)).toMatchObject({ code: 'unauthenticated' });
    // A request that never got an answer (socket reset, DNS) is Jira being unavailable, not an internal error.
    expect(toAppError(new TypeError('fetch failed'), subject)).toMatchObject({ code: 'jira-unavailable' });
  });

  it('never lets raw exception text cross the bridge', async () => {
    const result = await runResolver('workType.get', async () => {
      throw new Error('SQLITE_CORRUPT at /var/secret/path token=abc123');
    })({ payload: { issueKey: 'PAY-1' }, context: signedIn });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.message).not.toMatch(/SQLITE|secret|abc123/);
    expect(result.error.message).toMatch(/reference [0-9a-f]{8}/);
  });

  it('treats output outside the contract as an internal error rather than sending it', async () => {
    const result = await runResolver('workType.get', async () => ({ ...answer, value: 'Sideways' }) as never)({
      payload: { issueKey: 'PAY-1' },
      context: signedIn,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

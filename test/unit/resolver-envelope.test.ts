import { runResolver } from '../../src/resolvers/define';
import { AppError } from '../../src/errors';
import { JiraHttpError } from '../../src/jira/client';
import { contract, resultSchema } from '../../src/contract';

const issue = {
  id: '10001',
  key: 'PAY-1',
  summary: 'Retry failed card payments',
  status: { name: 'To Do', category: 'new' as const },
  issueType: 'Story',
  project: { key: 'PAY', name: 'Payments' },
};
const signedIn = { accountId: 'acc-1' };

describe('runResolver: the one path every resolver takes', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('parses the input and returns the data in the ok envelope', async () => {
    const impl = jest.fn(async () => ({ issue }));
    const result = await runResolver('panel.overview', impl)({ payload: { issueKey: ' PAY-1 ' }, context: signedIn });
    expect(result).toEqual({ ok: true, data: { issue } });
    expect(impl).toHaveBeenCalledWith({ issueKey: 'PAY-1' }, { accountId: 'acc-1' });
    expect(resultSchema(contract['panel.overview'].output).safeParse(result).success).toBe(true);
  });

  it('refuses a malformed input with invalid-input, names the field, and never runs the use case', async () => {
    const impl = jest.fn(async () => ({ issue }));
    const result = await runResolver('panel.overview', impl)({ payload: { issueKey: '../../admin' }, context: signedIn });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.fields).toHaveProperty('issueKey');
    expect(result.error.message).toMatch(/issueKey/);
    expect(impl).not.toHaveBeenCalled();
  });

  it('refuses unexpected keys', async () => {
    const impl = jest.fn(async () => ({ issue }));
    const result = await runResolver('panel.overview', impl)({ payload: { issueKey: 'PAY-1', admin: true }, context: signedIn });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(impl).not.toHaveBeenCalled();
  });

  it('refuses a call with no accountId as unauthenticated', async () => {
    const impl = jest.fn(async () => ({ issue }));
    const result = await runResolver('panel.overview', impl)({ payload: { issueKey: 'PAY-1' }, context: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(impl).not.toHaveBeenCalled();
  });

  it('passes an AppError through with its code, message and retry hint', async () => {
    const result = await runResolver('panel.overview', async () => {
      throw new AppError('rate-limited', 'Jira is busy. Try again in 7 s.', { retryAfterSeconds: 7 });
    })({ payload: { issueKey: 'PAY-1' }, context: signedIn });
    expect(result).toEqual({ ok: false, error: { code: 'rate-limited', message: 'Jira is busy. Try again in 7 s.', retryAfterSeconds: 7 } });
  });

  it('maps a Jira 404 to not-found with a sentence, and a 503 to jira-unavailable', async () => {
    const notFound = await runResolver('panel.overview', async () => {
      throw new JiraHttpError(404, ['Issue does not exist']);
    })({ payload: { issueKey: 'PAY-1' }, context: signedIn });
    expect(notFound).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const unavailable = await runResolver('panel.overview', async () => {
      throw new JiraHttpError(503, []);
    })({ payload: { issueKey: 'PAY-1' }, context: signedIn });
    expect(unavailable).toMatchObject({ ok: false, error: { code: 'jira-unavailable' } });
  });

  it('never lets raw exception text cross the bridge', async () => {
    const result = await runResolver('panel.overview', async () => {
      throw new Error('SQLITE_CORRUPT at /var/secret/path token=abc123');
    })({ payload: { issueKey: 'PAY-1' }, context: signedIn });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.message).not.toMatch(/SQLITE|secret|abc123/);
    expect(result.error.message).toMatch(/reference [0-9a-f]{8}/);
  });

  it('treats output outside the contract as an internal error rather than sending it', async () => {
    const result = await runResolver('panel.overview', async () => ({ issue: { ...issue, status: { name: 'x', category: 'weird' } } }) as never)({
      payload: { issueKey: 'PAY-1' },
      context: signedIn,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

/**
 * "Share a signal" from the triage page: a person writes down what a customer said. The resolver has already
 * checked that the caller may browse the project; this stores the signal once per draft and hands it to
 * processing, as every intake channel does.
 *
 * Where "what they were trying to do" and the link go:
 * - **"Trying to" is the text's second paragraph** (`Trying to: …`). The Inbox and the issue panel show a
 *   signal's text and nothing else, so this is the only place people see it; and the goal names the need, which
 *   is what clustering and categorising should read.
 * - **The link is kept in the raw payload only**, with every field of the form as it was sent. A URL in the
 *   text would index its host and path ("https", "zendesk", "com", "tickets") as terms, making every signal
 *   that links to the same tool look alike to clustering.
 */
import type { z } from 'zod';
import type { ResolverOutput, signalsContract } from '../../contract';
import { AppError } from '../../errors';
import { displayNamesOf } from '../../jira/users';
import { signalCustomerSuggestions } from '../../store/signal-reads';
import { createSignalOnce } from '../../store/signal-repository';
import { clock } from '../clock';
import { afterSignalStored } from './process';

/** The `signals.share` input as the resolver parsed it. */
export type ShareSignalInput = z.output<(typeof signalsContract)['signals.share']['input']>;

/** The customer's words, then what they were trying to do as a paragraph of its own (see above). */
export function signalTextOf(input: Pick<ShareSignalInput, 'text' | 'tryingTo'>): string {
  const words = input.text.trim();
  const tryingTo = input.tryingTo?.trim();
  return tryingTo ? `${words}\n\nTrying to: ${tryingTo}` : words;
}

/** The form's submission id makes the external id: a double submit, or a retry after a lost answer, stores one signal. */
export const formExternalId = (submissionId: string): string => `form:${submissionId.toLowerCase()}`;

/** Who raised it: the named account or the caller, with the display name Jira shows for them. */
async function raisedByOf(input: ShareSignalInput, callerAccountId: string): Promise<{ accountId: string; name: string }> {
  const accountId = input.raisedByAccountId ?? callerAccountId;
  const names = await displayNamesOf([accountId]);
  const name = names.get(accountId);
  if (name) return { accountId, name };
  if (input.raisedByAccountId !== undefined) {
    throw new AppError('invalid-input', 'Upstream cannot find the person named as having raised it in Jira. Choose someone else, or leave it as you.', {
      fields: { raisedByAccountId: 'Not a Jira user Upstream can see.' },
    });
  }
  // The caller is signed in, so Jira knows them; a profile Jira hides from apps still gets a name that says who.
  return { accountId, name: 'A Jira user' };
}

export async function shareSignal(input: ShareSignalInput, accountId: string): Promise<ResolverOutput<'signals.share'>> {
  const raisedBy = await raisedByOf(input, accountId);
  const rawPayload = JSON.stringify({
    form: 'share-a-signal',
    projectKey: input.projectKey,
    submissionId: input.submissionId,
    customer: input.customer,
    text: input.text,
    ...(input.tryingTo ? { tryingTo: input.tryingTo } : {}),
    ...(input.link ? { link: input.link } : {}),
    ...(input.arr !== undefined ? { arr: input.arr } : {}),
    raisedByAccountId: raisedBy.accountId,
    sharedByAccountId: accountId,
  });
  const { id, created } = await createSignalOnce({
    externalId: formExternalId(input.submissionId),
    source: 'form',
    state: 'new',
    receivedAt: Math.floor(clock.now().getTime() / 1000),
    customer: input.customer.trim(),
    text: signalTextOf(input),
    raisedByName: raisedBy.name,
    raisedByAccountId: raisedBy.accountId,
    ...(input.arr !== undefined ? { arr: input.arr } : {}),
    rawPayload,
  });
  // For a duplicate too: a first attempt that stored the signal but stopped before this still gets processed.
  await afterSignalStored(id);
  return { signalId: id, created };
}

/** Customers signals have named, for the form's customer search: see `signalCustomerSuggestions`. */
export async function signalCustomers(query: string): Promise<ResolverOutput<'signals.customers'>> {
  return { customers: await signalCustomerSuggestions(query) };
}

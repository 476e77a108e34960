/**
 * "Share a signal": a person writes down what a customer said, in the customer's words. The customer is searched
 * among those signals already name (with their ARR, which prefills the ARR field); a new name is fine too.
 *
 * - One `submissionId` per draft (made when the dialog opens): a double submit, or a retry after an answer that
 *   never arrived, stores one signal.
 * - Checked with the contract's own schema before sending, so the messages under the fields are the server's;
 *   a refusal from the server lands under the same fields. The draft stays as typed on any error.
 * - Enter in a one-line field or Ctrl+Enter (⌘+Enter) anywhere submits; Esc closes.
 */
import { useCallback, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import Modal, { ModalBody, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import TextField from '@atlaskit/textfield';
import { AsyncCreatableSelect } from '@atlaskit/select';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { signalsContract } from '../../../../src/contract/signals';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { useResolver } from '../../use-resolver';
import { DialogFooter } from '../../ui/DialogFooter';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { formatMoney } from '../../ui/format';
import { FieldMessage } from '../../sprint-shape/FieldMessage';
import { parseArr } from './csv-values';
import './csv-share.css';

export interface ShareSignalDialogProps {
  projectKey: string;
  onClose: () => void;
  onShared: (signalId: string) => void;
}

interface CustomerOption {
  label: string;
  value: string;
  arr: number | null;
  signalCount: number;
  isNew?: boolean;
}

interface Draft {
  customer: CustomerOption | null;
  arr: string;
  text: string;
  tryingTo: string;
  link: string;
  raisedBy: 'me' | 'someone-else';
  /** Their Jira profile link or account id, when someone else raised it. */
  raisedByAccount: string;
}

type FieldName = 'customer' | 'arr' | 'text' | 'tryingTo' | 'link' | 'raisedByAccountId';
type Problems = Partial<Record<FieldName, string>>;

const EMPTY_DRAFT: Draft = { customer: null, arr: '', text: '', tryingTo: '', link: '', raisedBy: 'me', raisedByAccount: '' };
const shareInput = signalsContract['signals.share'].input;

/**
 * An account id from what a person pastes: the id itself, or a Jira profile link (`…/jira/people/<id>`), which is
 * how someone finds a colleague's id without an admin.
 */
export function accountIdFrom(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const fromUrl = /\/people\/([^/?#\s]+)/.exec(trimmed);
  return decodeURIComponent(fromUrl ? fromUrl[1]! : trimmed);
}

/** The draft as the `signals.share` input, or the problems to show under each field. */
function toInput(draft: Draft, projectKey: string, submissionId: string): { ok: true; input: ReturnType<typeof shareInput.parse> } | { ok: false; problems: Problems } {
  const problems: Problems = {};
  const arr = parseArr(draft.arr);
  if (!arr.ok) problems.arr = arr.error;
  const raisedByAccountId = draft.raisedBy === 'someone-else' ? accountIdFrom(draft.raisedByAccount) : undefined;
  if (draft.raisedBy === 'someone-else' && !raisedByAccountId) problems.raisedByAccountId = 'Paste their Jira profile link, or choose “Me”.';
  const candidate = {
    projectKey,
    submissionId,
    customer: draft.customer?.value ?? '',
    text: draft.text,
    ...(arr.ok && arr.value !== undefined ? { arr: arr.value } : {}),
    ...(draft.tryingTo.trim() ? { tryingTo: draft.tryingTo } : {}),
    ...(draft.link.trim() ? { link: draft.link.trim() } : {}),
    ...(raisedByAccountId ? { raisedByAccountId } : {}),
  };
  const parsed = shareInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') as FieldName;
      problems[field] ??= issue.message;
    }
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, input: parsed.data };
}

const FIELD_ORDER: FieldName[] = ['customer', 'arr', 'text', 'tryingTo', 'link', 'raisedByAccountId'];

export default function ShareSignalDialog({ projectKey, onClose, onShared }: ShareSignalDialogProps) {
  const ids = useId();
  const fieldId = (name: string) => `${ids}-${name}`;
  // One per draft: the dialog is a draft, and a retry of the same draft must name the same submission.
  const [submissionId] = useState(() => crypto.randomUUID());
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [arrTouched, setArrTouched] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const viewer = useResolver('viewer.get', {});

  const update = useCallback(<K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
  }, []);

  const chooseCustomer = (option: CustomerOption | null) => {
    update('customer', option);
    setProblems((p) => ({ ...p, customer: undefined }));
    // The customer's ARR as signals last reported it, unless the person has typed their own.
    if (!arrTouched && option) update('arr', option.arr !== null ? String(option.arr) : '');
  };

  const loadCustomers = useMemo(
    () => async (query: string): Promise<CustomerOption[]> => {
      try {
        const { customers } = await callResolver('signals.customers', { projectKey, query });
        return customers.map((c) => ({ label: c.name, value: c.name, arr: c.arr, signalCount: c.signalCount }));
      } catch {
        // The search is a help, not a gate: a new name can still be typed and shared.
        return [];
      }
    },
    [projectKey],
  );

  const focusFirstProblem = (found: Problems) => {
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) document.getElementById(fieldId(first))?.focus();
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (sending) return;
    const checked = toInput(draft, projectKey, submissionId);
    if (!checked.ok) {
      setProblems(checked.problems);
      focusFirstProblem(checked.problems);
      return;
    }
    setProblems({});
    setFailure(null);
    setSending(true);
    try {
      const { signalId } = await callResolver('signals.share', checked.input);
      onShared(signalId);
    } catch (error: unknown) {
      const failed = asResolverCallError(error);
      if (failed.code === 'invalid-input' && failed.fields && Object.keys(failed.fields).length > 0) {
        const fromServer = Object.fromEntries(Object.entries(failed.fields).map(([path, message]) => [path.split('.')[0], message])) as Problems;
        setProblems(fromServer);
        focusFirstProblem(fromServer);
      } else {
        setFailure(failed);
      }
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const label = (name: FieldName, text: string, required = false) => (
    <label className="sig-label" htmlFor={fieldId(name)}>
      {text}
      {required && (
        <span className="sig-required" aria-hidden="true">
          *
        </span>
      )}
    </label>
  );
  const you = viewer.state === 'ready' ? viewer.data.displayName : 'you';

  return (
    <Modal onClose={onClose} label="Share a signal" testId="share-signal-dialog" width="medium" shouldCloseOnOverlayClick={false}>
      <form onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown} noValidate aria-describedby={fieldId('intro')}>
        <ModalHeader>
          <ModalTitle>Share a signal</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            <Text as="p" color="color.text.subtle" id={fieldId('intro')}>
              What a customer said, in their words. Upstream groups it with similar signals so the team sees how many customers want it.
            </Text>
            {failure && <ErrorMessage error={failure} onRetry={() => void submit()} />}
            <div className="sig-row">
              <div className="sig-form">
                {label('customer', 'Customer', true)}
                <AsyncCreatableSelect<CustomerOption>
                  inputId={fieldId('customer')}
                  testId="share-customer"
                  cacheOptions
                  defaultOptions
                  loadOptions={loadCustomers}
                  value={draft.customer}
                  onChange={(option) => chooseCustomer(option ?? null)}
                  onCreateOption={(name) => chooseCustomer({ label: name.trim(), value: name.trim(), arr: null, signalCount: 0, isNew: true })}
                  formatCreateLabel={(name) => `New customer “${name.trim()}”`}
                  isValidNewOption={(name) => name.trim().length > 0 && name.trim().length <= 200}
                  formatOptionLabel={(option, meta) =>
                    meta.context === 'menu' && !option.isNew && option.signalCount > 0 ? (
                      <span>
                        {option.label}
                        <span className="sig-option-arr">
                          {option.arr !== null ? `${formatMoney(option.arr)} ARR · ` : ''}
                          {option.signalCount} {option.signalCount === 1 ? 'signal' : 'signals'}
                        </span>
                      </span>
                    ) : (
                      option.label
                    )
                  }
                  placeholder="Search customers, or type a new name"
                  noOptionsMessage={({ inputValue }) => (inputValue ? 'No customer by that name yet: type it in full to add it.' : 'No customers yet: type a name.')}
                  isClearable
                  isInvalid={Boolean(problems.customer)}
                  aria-describedby={fieldId('customer-message')}
                  autoFocus
                />
                <FieldMessage id={fieldId('customer-message')} error={problems.customer} />
              </div>
              <div className="sig-form">
                {label('arr', 'ARR')}
                <TextField
                  id={fieldId('arr')}
                  testId="share-arr"
                  value={draft.arr}
                  inputMode="decimal"
                  placeholder="e.g. 120k"
                  onChange={(event) => {
                    setArrTouched(true);
                    update('arr', event.currentTarget.value);
                  }}
                  isInvalid={Boolean(problems.arr)}
                  aria-describedby={fieldId('arr-message')}
                />
                <FieldMessage id={fieldId('arr-message')} error={problems.arr} hint={draft.customer && !draft.customer.isNew && !arrTouched && draft.arr ? 'From their latest signal' : undefined} />
              </div>
            </div>
            <div className="sig-form">
              {label('text', 'Their words', true)}
              <textarea
                id={fieldId('text')}
                data-testid="share-text"
                className="sig-textarea"
                value={draft.text}
                onChange={(event) => update('text', event.currentTarget.value)}
                placeholder="“We export every invoice to a spreadsheet at month end because…”"
                aria-invalid={Boolean(problems.text)}
                aria-required="true"
                aria-describedby={fieldId('text-message')}
                maxLength={5000}
              />
              <FieldMessage id={fieldId('text-message')} error={problems.text} hint="Quote them if you can. Ctrl+Enter shares." />
            </div>
            <div className="sig-form">
              {label('tryingTo', 'What were they trying to do?')}
              <textarea
                id={fieldId('tryingTo')}
                data-testid="share-trying-to"
                className="sig-textarea sig-short"
                value={draft.tryingTo}
                onChange={(event) => update('tryingTo', event.currentTarget.value)}
                placeholder="Close the month without re-keying invoices"
                aria-invalid={Boolean(problems.tryingTo)}
                aria-describedby={fieldId('tryingTo-message')}
                maxLength={1000}
              />
              <FieldMessage id={fieldId('tryingTo-message')} error={problems.tryingTo} />
            </div>
            <div className="sig-form">
              {label('link', 'Link')}
              <TextField
                id={fieldId('link')}
                testId="share-link"
                type="url"
                value={draft.link}
                placeholder="https://… (the call notes, ticket or thread)"
                onChange={(event) => update('link', event.currentTarget.value)}
                isInvalid={Boolean(problems.link)}
                aria-describedby={fieldId('link-message')}
              />
              <FieldMessage id={fieldId('link-message')} error={problems.link} />
            </div>
            <fieldset className="sig-form" style={{ border: 0, padding: 0, margin: 0 }}>
              <legend className="sig-label">Who raised it</legend>
              <div className="sig-radios">
                <label>
                  <input type="radio" name={fieldId('raised-by')} checked={draft.raisedBy === 'me'} onChange={() => update('raisedBy', 'me')} data-testid="share-raised-by-me" />
                  Me ({you})
                </label>
                <label>
                  <input
                    type="radio"
                    name={fieldId('raised-by')}
                    checked={draft.raisedBy === 'someone-else'}
                    onChange={() => update('raisedBy', 'someone-else')}
                    data-testid="share-raised-by-other"
                  />
                  Someone else
                </label>
              </div>
              {draft.raisedBy === 'someone-else' && (
                <>
                  <TextField
                    id={fieldId('raisedByAccountId')}
                    testId="share-raised-by-account"
                    aria-label="Their Jira profile link or account id"
                    value={draft.raisedByAccount}
                    placeholder="Their Jira profile link (…/jira/people/…)"
                    onChange={(event) => update('raisedByAccount', event.currentTarget.value)}
                    isInvalid={Boolean(problems.raisedByAccountId)}
                    aria-describedby={fieldId('raisedByAccountId-message')}
                  />
                  <FieldMessage
                    id={fieldId('raisedByAccountId-message')}
                    error={problems.raisedByAccountId}
                    hint="Open their profile in Jira (click their name anywhere) and copy the address."
                  />
                </>
              )}
            </fieldset>
            {Object.values(problems).some(Boolean) && (
              <SectionMessage appearance="warning" testId="share-problems">
                <Text as="p">Nothing was shared yet: fix the fields marked above, then share again. What you typed is kept.</Text>
              </SectionMessage>
            )}
          </Stack>
        </ModalBody>
        <DialogFooter onCancel={onClose} submitLabel="Share signal" submitting={sending} submitTestId="share-submit" />
      </form>
    </Modal>
  );
}

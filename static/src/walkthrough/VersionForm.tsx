import { useId, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { RadioGroup } from '@atlaskit/radio';
import { WALKTHROUGH_LIMITS as LIMITS } from '../../../src/domain/walkthrough';
import { callResolver, type ResolverCallError } from '../api';
import { asResolverCallError } from '../api';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { emptyItem, fieldErrorsOf, inputOf, type CaseState, type Draft, type DraftItem, type FieldErrors } from './draft';
import { KIND_NAME, SECTIONS, type ItemKind, type WalkthroughView } from './types';

const STATE_OPTIONS = [
  { name: 'state', value: 'designed', label: 'Designed' },
  { name: 'state', value: 'deferred', label: 'Deferred, with a reason' },
  { name: 'state', value: 'open', label: 'Not settled yet' },
];

const ADD_LABEL: Record<ItemKind, string> = {
  new: 'Add what is new',
  change: 'Add a change',
  decision: 'Add a decision',
  'edge-case': 'Add an edge case',
  'error-state': 'Add an error state',
  question: 'Add an open question',
};

function Count({ length, limit }: { length: number; limit: number }) {
  return (
    <span className={`up-wt-count${length > limit ? ' over' : ''}`} aria-hidden={length <= limit * 0.9}>
      {length}/{limit}
    </span>
  );
}

/** A labelled text box with its limit and its error from the resolver, tied together for screen readers. */
function TextInput({
  label,
  value,
  limit,
  error,
  hint,
  multiline = false,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  limit: number;
  error?: string | undefined;
  hint?: string;
  multiline?: boolean;
  onChange: (value: string) => void;
  testId?: string;
}) {
  const id = useId();
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;
  return (
    <div className="up-wt-field" data-testid={testId} data-invalid={error ? 'true' : 'false'}>
      <div className="up-wt-field-head">
        <label htmlFor={id} className="up-wt-label">
          {label}
        </label>
        <Count length={value.length} limit={limit} />
      </div>
      {multiline ? (
        <TextArea id={id} value={value} minimumRows={2} maxHeight="240px" isInvalid={error !== undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.currentTarget.value)} />
      ) : (
        <Textfield id={id} value={value} isInvalid={error !== undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.currentTarget.value)} />
      )}
      <span id={`${id}-hint`} className="up-wt-hint">
        {hint ?? ''} At most {limit} characters.
      </span>
      {error && (
        <span id={`${id}-error`} className="up-wt-error" data-testid="wt-field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function DraftItemEditor({ item, errors, index, onChange, onRemove }: { item: DraftItem; errors: Record<string, string> | undefined; index: number; onChange: (item: DraftItem) => void; onRemove: () => void }) {
  const stateLabel = useId();
  const set = (patch: Partial<DraftItem>) => onChange({ ...item, ...patch });
  const isCase = item.kind === 'edge-case' || item.kind === 'error-state';
  return (
    <li className="up-wt-draft-item" data-testid="wt-draft-item" data-kind={item.kind} data-item-id={item.id ?? ''}>
      <div className="up-wt-item-head">
        <span className="up-wt-label">
          {KIND_NAME[item.kind]} {index + 1}
          {item.id ? '' : ' (new in this version)'}
        </span>
        <Button appearance="subtle" spacing="compact" onClick={onRemove} aria-label={`Remove ${KIND_NAME[item.kind].toLowerCase()} ${index + 1}${item.title ? `, “${item.title}”` : ''}`}>
          Remove
        </Button>
      </div>
      <TextInput label="Title" value={item.title} limit={LIMITS.title} error={errors?.title ?? errors?.id} onChange={(title) => set({ title })} testId="wt-draft-title" />
      {(item.kind === 'new' || item.kind === 'change' || item.kind === 'question') && (
        <TextInput label="Detail" multiline value={item.detail} limit={LIMITS.text} error={errors?.detail} onChange={(detail) => set({ detail })} testId="wt-draft-detail" />
      )}
      {(item.kind === 'change' || item.kind === 'decision') && (
        <TextInput
          label={item.kind === 'change' ? 'Why it changed' : 'Why this was decided'}
          multiline
          value={item.why}
          limit={LIMITS.text}
          error={errors?.why}
          onChange={(why) => set({ why })}
          testId="wt-draft-why"
        />
      )}
      {item.kind === 'decision' && (
        <TextInput
          label="Alternatives dropped (one per line)"
          multiline
          value={item.alternatives}
          limit={LIMITS.alternative * LIMITS.alternatives}
          hint={`Up to ${LIMITS.alternatives} alternatives of ${LIMITS.alternative} characters each.`}
          error={errors?.alternatives}
          onChange={(alternatives) => set({ alternatives })}
          testId="wt-draft-alternatives"
        />
      )}
      {isCase && (
        <>
          <TextInput label="What happens" multiline value={item.whatHappens} limit={LIMITS.text} error={errors?.whatHappens} onChange={(whatHappens) => set({ whatHappens })} testId="wt-draft-what-happens" />
          <div className="up-wt-field" data-testid="wt-draft-state">
            <span id={stateLabel} className="up-wt-label">
              State
            </span>
            <RadioGroup
              labelId={stateLabel}
              options={STATE_OPTIONS.map((o) => ({ ...o, name: `state-${item.key}` }))}
              value={item.state}
              onChange={(e) => set({ state: e.currentTarget.value as CaseState })}
            />
          </div>
          {item.state === 'deferred' && (
            <TextInput label="Why it is deferred" multiline value={item.reason} limit={LIMITS.text} error={errors?.reason} onChange={(reason) => set({ reason })} testId="wt-draft-reason" />
          )}
        </>
      )}
    </li>
  );
}

/**
 * The designer's form for the next version, prefilled from the latest so an edit makes a new version. The
 * resolver checks everything: its field errors land on the fields, and when someone else saved first
 * (`conflict`) every word typed stays, with a button to build the same draft on the version they saved.
 */
export function VersionForm({
  issueKey,
  view,
  draft,
  onDraft,
  onSaved,
  onCancel,
  onConflict,
}: {
  issueKey: string;
  view: WalkthroughView;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  onSaved: (answer: Awaited<ReturnType<typeof callResolver<'walkthrough.addVersion'>>>) => void;
  onCancel: () => void;
  /** Someone else saved first: read the walkthrough again, so the form can offer their version to build on. */
  onConflict: () => void;
}) {
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({ byItem: {}, other: [] });
  const topRef = useRef<HTMLDivElement>(null);
  const next = (draft.basedOn ?? 0) + 1;
  const latest = view.versions[0]?.version ?? null;
  const behind = latest !== null && latest !== draft.basedOn;

  const setItem = (key: string, item: DraftItem) => onDraft({ ...draft, items: draft.items.map((i) => (i.key === key ? item : i)) });
  const removeItem = (key: string) => onDraft({ ...draft, items: draft.items.filter((i) => i.key !== key) });
  const addItem = (kind: ItemKind) => onDraft({ ...draft, items: [...draft.items, emptyItem(kind)] });

  const save = async () => {
    const { input, keys } = inputOf(issueKey, draft);
    setSaving(true);
    setFailure(null);
    try {
      const answer = await callResolver('walkthrough.addVersion', input);
      setErrors({ byItem: {}, other: [] });
      onSaved(answer);
    } catch (error: unknown) {
      const failed = asResolverCallError(error);
      setErrors(failed.code === 'invalid-input' ? fieldErrorsOf(failed.fields, keys) : { byItem: {}, other: [] });
      setFailure(failed);
      if (failed.code === 'conflict') onConflict();
      requestAnimationFrame(() => topRef.current?.focus());
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="up-wt-form"
      data-testid="wt-form"
      aria-labelledby="wt-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div ref={topRef} tabIndex={-1} className="up-wt-form-top">
        <h2 id="wt-form-heading">Add version {next}</h2>
        <p className="up-wt-muted">
          {draft.basedOn === null
            ? 'The first version of this walkthrough. Describe what is new, the decisions and why, and what happens at the edges and when things go wrong.'
            : `Starts as version ${draft.basedOn}: edit what changed and add each change, with why, under “What changed”. Version ${draft.basedOn} stays as it is.`}
        </p>
        {failure?.code === 'conflict' ? (
          <div data-testid="wt-conflict">
            <SectionMessage appearance="warning" title="Someone else saved a version first">
              <p>{failure.message}</p>
              {behind && (
                <p>
                  <Button
                    appearance="primary"
                    onClick={() => {
                      setFailure(null);
                      onDraft({ ...draft, basedOn: latest });
                    }}
                    testId="wt-conflict-rebase"
                  >
                    Keep my draft and build on version {latest}
                  </Button>
                </p>
              )}
            </SectionMessage>
          </div>
        ) : failure?.code === 'invalid-input' ? (
          <div data-testid="wt-form-invalid">
            <SectionMessage appearance="error" title="Some fields need changes before this version can be saved">
              <p>Nothing was saved. The fields to fix are marked below:</p>
              <ul data-testid="wt-form-error-list">
                {errors.designUrl && <li>Design link: {errors.designUrl}</li>}
                {errors.summary && <li>Summary: {errors.summary}</li>}
                {draft.items.flatMap((item) =>
                  Object.entries(errors.byItem[item.key] ?? {}).map(([field, message]) => (
                    <li key={`${item.key}-${field}`}>
                      {KIND_NAME[item.kind]} “{item.title || 'untitled'}”: {message}
                    </li>
                  )),
                )}
              </ul>
              {errors.items && <p>{errors.items}</p>}
              {errors.other.map((line) => (
                <p key={line}>{line}</p>
              ))}
            </SectionMessage>
          </div>
        ) : (
          failure && <LazyErrorMessage error={failure} onRetry={() => void save()} />
        )}
      </div>
      <TextInput
        label="Design link"
        value={draft.designUrl}
        limit={LIMITS.designUrl}
        hint="The https link of the Figma file or frame (or another design tool)."
        error={errors.designUrl}
        onChange={(designUrl) => onDraft({ ...draft, designUrl })}
        testId="wt-form-design-url"
      />
      <TextInput label="Summary" multiline value={draft.summary} limit={LIMITS.summary} error={errors.summary} onChange={(summary) => onDraft({ ...draft, summary })} testId="wt-form-summary" />
      {SECTIONS.map((section) => {
        if (section.kind === 'change' && draft.basedOn === null) return null;
        const items = draft.items.filter((item) => item.kind === section.kind);
        return (
          <fieldset key={section.kind} className="up-wt-fieldset" data-testid={`wt-form-section-${section.kind}`}>
            <legend>{section.title}</legend>
            {items.length > 0 && (
              <ol className="up-wt-draft-items">
                {items.map((item, index) => (
                  <DraftItemEditor key={item.key} item={item} index={index} errors={errors.byItem[item.key]} onChange={(changed) => setItem(item.key, changed)} onRemove={() => removeItem(item.key)} />
                ))}
              </ol>
            )}
            <div>
              <Button appearance="subtle" onClick={() => addItem(section.kind)} testId={`wt-form-add-${section.kind}`}>
                {ADD_LABEL[section.kind]}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <p className="up-wt-hint">
        A version holds at most {LIMITS.items} items ({draft.items.length} now) and {LIMITS.versionBytes / 1000} KB of text.
      </p>
      <div className="up-wt-row up-wt-form-actions">
        <Button appearance="primary" type="submit" isLoading={saving} isDisabled={behind && failure?.code === 'conflict'} testId="wt-form-save">
          Save version {next}
        </Button>
        <Button appearance="subtle" onClick={onCancel} testId="wt-form-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * The admin page's concept list: words that mean the same thing in this product ("spreadsheet", "CSV" →
 * export), which clustering uses to group signals told in different words. Each concept is a name and its
 * words as chips; words a confirmed merge taught are marked; word pairs still gathering evidence are listed.
 * Edits stay on the page until saved, as in the rules editor: marked unsaved, guarded against leaving, and a
 * save over a list that changed meanwhile (a merge taught it words) reloads it and lays the edits over it.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import Heading from '@atlaskit/heading';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import TextField from '@atlaskit/textfield';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { useResolver } from '../use-resolver';
import { Resolved } from '../ui/Resolved';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { useAnnouncer } from '../ui/Announcer';
import { formatDate, plural } from '../ui/format';
import {
  conceptsOf,
  describePair,
  errorsFromServer,
  newChip,
  newConcept,
  rebase,
  rowsFrom,
  sameConcepts,
  validate,
  type ConceptErrors,
  type ConceptRow,
  type ConceptSettings as Settings,
} from './concepts-model';
import { useUnsavedChangesWarning } from './unsaved-changes';
import { SaveBar } from './SaveBar';
import './settings.css';
import './concepts.css';

const conceptName = (row: ConceptRow): string => row.id.trim() || 'the new concept';

function WordChips({
  row,
  index,
  mergesToLearn,
  errors,
  onAdd,
  onRemove,
}: {
  row: ConceptRow;
  index: number;
  mergesToLearn: number;
  errors: ConceptErrors[number] | undefined;
  onAdd: (text: string) => void;
  onRemove: (chipKey: number, position: number) => void;
}) {
  const [draft, setDraft] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = `concept-${row.key}-words`;
  const errorId = `concept-${row.key}-words-error`;
  const wordErrors = Object.entries(errors?.word ?? {})
    .map(([key, message]) => ({ chip: row.words.find((chip) => chip.key === Number(key)), message }))
    .filter((e) => e.chip);

  const commit = () => {
    // A comma-separated paste adds each word.
    const words = draft.split(',').map((w) => w.trim()).filter((w) => w.length > 0);
    if (words.length === 0) return;
    for (const word of words) onAdd(word);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && draft === '' && row.words.length > 0) {
      // As in a tag field: Backspace on the empty field goes to the last word, whose remove button is focused.
      event.preventDefault();
      document.querySelector<HTMLButtonElement>(`#${listId} li:last-child button`)?.focus();
    }
  };

  return (
    <div className="cs-words">
      {row.words.length > 0 && (
        <ul className="cs-chips" id={listId} aria-label={`Words for ${conceptName(row)}`}>
          {row.words.map((chip, position) => {
            const invalid = Boolean(errors?.word?.[chip.key]);
            return (
              <li key={chip.key} className={`cs-chip${chip.learned ? ' cs-chip-learned' : ''}${invalid ? ' cs-chip-invalid' : ''}`} data-testid="concept-word">
                <span className="cs-chip-text">{chip.text}</span>
                {chip.learned && (
                  <span className="cs-chip-note" data-testid="concept-word-learned">
                    learned from {plural(mergesToLearn, 'merge')}
                  </span>
                )}
                <button
                  type="button"
                  className="cs-chip-remove"
                  aria-label={`Remove ${chip.text.trim() || 'this word'} from ${conceptName(row)}${chip.learned ? ` (learned from ${plural(mergesToLearn, 'merge')})` : ''}`}
                  aria-invalid={invalid || undefined}
                  aria-describedby={invalid ? errorId : undefined}
                  onClick={() => {
                    onRemove(chip.key, position);
                    requestAnimationFrame(() => inputRef.current?.focus());
                  }}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <input
        ref={inputRef}
        className="cs-word-input"
        value={draft}
        placeholder={row.words.length === 0 ? 'Type a word, press Enter' : 'Add a word…'}
        aria-label={`Add a word to ${conceptName(row)} (Enter or comma adds it)`}
        aria-invalid={Boolean(errors?.words) || undefined}
        aria-describedby={errors?.words || wordErrors.length > 0 ? errorId : undefined}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
        data-testid={`concept-word-input-${index}`}
      />
      {(errors?.words || wordErrors.length > 0) && (
        <span className="rl-error" id={errorId} data-testid="concept-error">
          {[errors?.words, ...wordErrors.map((e) => `“${e.chip!.text}”: ${e.message}`)].filter(Boolean).join(' ')}
        </span>
      )}
    </div>
  );
}

function Editor({ initial }: { initial: Settings }) {
  const [saved, setSaved] = useState(initial);
  const [savedRows, setSavedRows] = useState(() => rowsFrom(initial));
  const [rows, setRows] = useState<ConceptRow[]>(savedRows);
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<ConceptErrors>({});
  const [busy, setBusy] = useState<'save' | 'reset' | null>(null);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'warning'; text: string } | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const resetRef = useRef<HTMLButtonElement>(null);
  const nameRef = useRef<HTMLInputElement | null>(null);
  const { region, announce } = useAnnouncer();

  const validation = useMemo(() => validate(rows), [rows]);
  const dirty = !sameConcepts(rows, savedRows);
  useUnsavedChangesWarning(dirty);
  useEffect(() => {
    if (confirmingReset) keepRef.current?.focus();
  }, [confirmingReset]);
  useEffect(() => {
    if (focusKey !== null) nameRef.current?.focus();
  }, [focusKey]);

  const errorsOf = (key: number) => {
    const own = showErrors ? validation.errors[key] : undefined;
    const server = serverErrors[key];
    if (!own && !server) return undefined;
    return { ...server, ...own, word: { ...server?.word, ...own?.word } };
  };

  const edit = (change: (rows: ConceptRow[]) => ConceptRow[]) => {
    setRows(change);
    setServerErrors({});
    setNotice(null);
  };
  const editRow = (key: number, change: (row: ConceptRow) => ConceptRow) => edit((list) => list.map((row) => (row.key === key ? change(row) : row)));

  const accept = (result: Settings, message: string) => {
    const fresh = rowsFrom(result);
    setSaved(result);
    setSavedRows(fresh);
    setRows(fresh);
    setShowErrors(false);
    setServerErrors({});
    setNotice({ tone: 'success', text: message });
    announce(message);
  };

  /** The list changed under the person: load it, lay their edits over it, and say so. */
  const rebaseOnConflict = async () => {
    const fresh = await callResolver('settings.concepts.get', {});
    const { rows: merged, added } = rebase(rows, saved, fresh);
    setSaved(fresh);
    setSavedRows(rowsFrom(fresh));
    setRows(merged);
    const text = `The concept list changed while you were editing it (${fresh.updatedBy ?? 'someone'}, ${fresh.updatedAt ? formatDate(fresh.updatedAt) : 'just now'}). Your edits are kept${added > 0 ? ` and ${added === 1 ? 'the one word or concept it gained was added' : `the ${added} words or concepts it gained were added`}` : ''}: check them and save again.`;
    setNotice({ tone: 'warning', text });
    announce(text);
  };

  const save = async () => {
    setShowErrors(true);
    setFailure(null);
    if (validation.problemCount > 0) {
      announce(`Not saved: ${plural(validation.problemCount, 'problem')} to fix.`);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.cs-table [aria-invalid="true"]')?.focus());
      return;
    }
    setBusy('save');
    const sent = rows;
    try {
      const result = await callResolver('settings.concepts.save', { concepts: conceptsOf(sent), expectedUpdatedAt: saved.updatedAt });
      accept(result, 'Concepts saved. Clustering uses them for the next signals.');
    } catch (error: unknown) {
      const callError = asResolverCallError(error);
      if (callError.code === 'conflict') {
        try {
          await rebaseOnConflict();
        } catch (reloadError: unknown) {
          setFailure(asResolverCallError(reloadError));
        }
      } else {
        setFailure(callError);
        setServerErrors(errorsFromServer(sent, callError.fields));
        announce(`Concepts not saved: ${callError.message}`);
      }
    } finally {
      setBusy(null);
    }
  };

  const reset = async () => {
    setConfirmingReset(false);
    setFailure(null);
    setBusy('reset');
    try {
      const result = await callResolver('settings.concepts.reset', { expectedUpdatedAt: saved.updatedAt });
      accept(result, 'The default concepts are back. Pairs still gathering evidence are kept.');
    } catch (error: unknown) {
      const callError = asResolverCallError(error);
      if (callError.code === 'conflict') {
        try {
          await rebaseOnConflict();
        } catch (reloadError: unknown) {
          setFailure(asResolverCallError(reloadError));
        }
      } else setFailure(callError);
    } finally {
      setBusy(null);
      requestAnimationFrame(() => resetRef.current?.focus());
    }
  };

  const keepEditing = () => {
    setConfirmingReset(false);
    requestAnimationFrame(() => resetRef.current?.focus());
  };

  const discard = () => {
    setRows(savedRows);
    setServerErrors({});
    setShowErrors(false);
    setNotice(null);
    setFailure(null);
    announce('Changes discarded.');
  };

  const addConcept = () => {
    const row = newConcept();
    edit((list) => [...list, row]);
    setFocusKey(row.key);
  };

  const removeConcept = (row: ConceptRow, index: number) => {
    const remaining = rows.filter((r) => r.key !== row.key);
    edit(() => remaining);
    const neighbour = remaining[Math.min(index, remaining.length - 1)];
    requestAnimationFrame(() =>
      (neighbour
        ? document.querySelector<HTMLElement>(`[data-testid="concept-remove-${remaining.indexOf(neighbour)}"]`)
        : document.querySelector<HTMLElement>('[data-testid="concepts-add"]')
      )?.focus(),
    );
    announce(`Concept ${conceptName(row)} removed.`);
  };

  const learnedCount = rows.reduce((n, row) => n + row.words.filter((chip) => chip.learned).length, 0);

  return (
    <Stack space="space.200">
      {region}
      <Inline space="space.100" alignBlock="start" spread="space-between">
        <Text as="p" color="color.text.subtle">
          Customers describe one need in different words. Upstream groups signals that share a concept, so “spreadsheet” and
          “CSV” count as the same thing. A word pair that {plural(saved.mergesToLearn, 'confirmed merge')} show becomes a
          concept by itself; you can edit, add or remove any of them here.
        </Text>
        {dirty && (
          <span style={{ flexShrink: 0 }}>
            <Lozenge appearance="moved" maxWidth="none" testId="concepts-unsaved-badge">
              Unsaved changes
            </Lozenge>
          </span>
        )}
      </Inline>
      {notice && (
        <Text as="p" color={notice.tone === 'success' ? 'color.text.success' : 'color.text.warning'} testId="concepts-notice">
          {notice.text}
        </Text>
      )}
      <section className="rl-section" aria-labelledby="concepts-table-title" data-testid="concepts-table">
        <h3 id="concepts-table-title">
          {plural(rows.length, 'concept')}
          {learnedCount > 0 ? `, ${plural(learnedCount, 'learned word')}` : ''}
        </h3>
        <p className="rl-hint">A name is lowercase letters, numbers and dashes (export, single-sign-on). Type a word and press Enter or a comma to add it; a word belongs to one concept.</p>
        {rows.length === 0 ? (
          <p className="rl-hint" data-testid="concepts-empty">
            No concepts: signals are grouped only by the words they share. Add a concept, or reset to the defaults.
          </p>
        ) : (
          <div className="rl-scroll cs-scroll" data-testid="concepts-scroll">
            <table className="rl-table cs-table">
              <thead>
                <tr>
                  <th scope="col">Concept</th>
                  <th scope="col">Words that mean it</th>
                  <th scope="col">
                    <span className="rl-visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => {
                  const errors = errorsOf(row.key);
                  const idErrorId = `concept-${row.key}-id-error`;
                  return (
                    <tr key={row.key} data-testid="concept-row">
                      <td className="cs-name">
                        <TextField
                          ref={row.key === focusKey ? nameRef : undefined}
                          isCompact
                          value={row.id}
                          placeholder="export"
                          isInvalid={Boolean(errors?.id)}
                          aria-invalid={Boolean(errors?.id)}
                          aria-label={`Concept name, concept ${index + 1}`}
                          aria-describedby={errors?.id ? idErrorId : undefined}
                          onChange={(event) => {
                            const id = event.currentTarget.value;
                            editRow(row.key, (r) => ({ ...r, id }));
                          }}
                          testId={`concept-name-${index}`}
                        />
                        {errors?.id && (
                          <span className="rl-error" id={idErrorId} data-testid="concept-error">
                            {errors.id}
                          </span>
                        )}
                      </td>
                      <td>
                        <WordChips
                          row={row}
                          index={index}
                          mergesToLearn={saved.mergesToLearn}
                          errors={errors}
                          onAdd={(text) => editRow(row.key, (r) => ({ ...r, words: [...r.words, newChip(text)] }))}
                          onRemove={(chipKey, position) => {
                            editRow(row.key, (r) => ({ ...r, words: r.words.filter((chip) => chip.key !== chipKey) }));
                            announce(`${row.words[position]?.text ?? 'Word'} removed from ${conceptName(row)}.`);
                          }}
                        />
                      </td>
                      <td className="rl-remove">
                        <Button spacing="compact" onClick={() => removeConcept(row, index)} aria-label={`Remove the concept ${conceptName(row)}`} testId={`concept-remove-${index}`}>
                          Remove
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div>
          <Button onClick={addConcept} testId="concepts-add">
            Add concept
          </Button>
        </div>
      </section>
      <section className="rl-section" aria-labelledby="concepts-pairs-title" data-testid="concepts-pairs">
        <h3 id="concepts-pairs-title">Pairs gathering evidence</h3>
        {saved.evidence.length === 0 ? (
          <p className="rl-hint">
            None yet. When a person merges two clusters, the words that set them apart are noted here; a pair seen in{' '}
            {plural(saved.mergesToLearn, 'merge')} becomes synonyms.
          </p>
        ) : (
          <ul className="cs-pairs">
            {saved.evidence.map((pair) => (
              <li key={`${pair.a}\u0000${pair.b}`} data-testid="concept-pair">
                {describePair(pair, saved.mergesToLearn)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {failure && <LazyErrorMessage error={failure} onRetry={() => void save()} />}
      <SaveBar
        name="concepts"
        label="Save the concepts"
        saveLabel="Save concepts"
        onSave={() => void save()}
        saving={busy === 'save'}
        canSave={dirty && busy === null}
        onDiscard={discard}
        canDiscard={dirty && busy === null}
        dirty={dirty}
        dirtyText={`Unsaved changes${showErrors && validation.problemCount > 0 ? ` · ${plural(validation.problemCount, 'problem')} to fix` : ''}`}
        statusText={
          // A confirmed merge writes too (the evidence it adds), so a default list with a date was not necessarily reset.
          saved.isDefault
            ? `Using the default concepts that ship with Upstream${saved.updatedAt ? `; last written ${formatDate(saved.updatedAt)} by ${saved.updatedBy ?? 'someone'}` : ''}.`
            : `Saved${saved.updatedAt ? ` ${formatDate(saved.updatedAt)} by ${saved.updatedBy ?? 'someone'}` : ''}.`
        }
        reset={{
          onAsk: () => setConfirmingReset(true),
          canAsk: busy === null && !(saved.isDefault && !dirty && saved.concepts.every((c) => c.learnedWords.length === 0)),
          asking: busy === 'reset',
          buttonRef: resetRef,
          confirming: confirmingReset,
          question: `Go back to the default concepts? Concepts you added and words merges taught are removed${dirty ? ', and so are your unsaved changes' : ''}. Pairs gathering evidence are kept.`,
          replaceLabel: 'Reset to defaults',
          onReplace: () => void reset(),
          keepLabel: 'Keep my concepts',
          onKeep: keepEditing,
          keepRef,
        }}
      />
    </Stack>
  );
}

/** The admin page's "Concepts": words that mean the same thing, as clustering uses them. */
export function ConceptSettings() {
  const concepts = useResolver('settings.concepts.get', {});
  return (
    <Stack space="space.150">
      <Heading size="small" as="h2">
        Concepts
      </Heading>
      <Resolved result={concepts} what="the concepts">
        {(data) => <Editor initial={data} />}
      </Resolved>
    </Stack>
  );
}

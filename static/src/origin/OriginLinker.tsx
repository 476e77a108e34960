import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import type { ResolverOutput } from '../../../src/contract';
import { asResolverCallError, callResolver, type ResolverCallError } from '../api';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { Loading } from '../ui/Loading';
import { useAction } from '../ui/use-action';
import { formatDate, formatMoney } from '../ui/format';
import type { Origin } from '../panel/types';

type Candidates = ResolverOutput<'origin.candidates'>;

const SEARCH_DELAY_MS = 250;
/**
 * Results shown before "Show all": the panel's frame is as tall as its content, so thirty results would make
 * the issue view scroll past everything else. Narrowing the search is usually quicker than scanning.
 */
const FIRST_RESULTS = 6;

/** Candidates for the query, fetched a moment after typing stops; an older answer never replaces a newer one. */
function useCandidates(issueKey: string, query: string, attempt: number) {
  const [state, setState] = useState<{ query: string; data?: Candidates; error?: ResolverCallError } | null>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      callResolver('origin.candidates', { issueKey, query }).then(
        (data) => current && setState({ query, data }),
        (error: unknown) => current && setState({ query, error: asResolverCallError(error) }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [issueKey, query, attempt]);
  return state;
}

/** Search signals and discovery notes and link one to the issue. Loaded only when someone links an origin. */
export default function OriginLinker({
  issueKey,
  onLinked,
  onClose,
}: {
  issueKey: string;
  onLinked: (origin: Origin, what: string) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [showAll, setShowAll] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  // "Show all" goes away once pressed; the first result it revealed takes the focus instead of the page.
  useEffect(() => {
    if (showAll) listRef.current?.querySelector<HTMLElement>(`li:nth-child(${FIRST_RESULTS + 1}) button`)?.focus();
  }, [showAll]);
  const found = useCandidates(issueKey, query.trim(), attempt);
  const link = useAction();
  const resultsId = useId();

  const linkSignal = (id: string, label: string) =>
    link.run(`signal:${id}`, async () => {
      const { origin } = await callResolver('origin.link', { issueKey, signalIds: [id] });
      onLinked(origin, label);
    });
  const linkNote = (id: string, label: string) =>
    link.run(`note:${id}`, async () => {
      const { origin } = await callResolver('origin.link', { issueKey, discoveryNoteId: id });
      onLinked(origin, label);
    });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  const stale = found !== null && found.query !== query.trim();
  const data = found?.data;
  const empty = data && data.signals.length === 0 && data.discoveryNotes.length === 0;
  const resultCount = data ? data.signals.length + data.discoveryNotes.length : 0;
  const limit = showAll ? Infinity : FIRST_RESULTS;
  // Signals first, then notes, within the one limit.
  const signals = data ? data.signals.slice(0, limit) : [];
  const notes = data ? data.discoveryNotes.slice(0, Math.max(0, limit - signals.length)) : [];
  const hidden = resultCount - signals.length - notes.length;

  return (
    <div className="up-box" onKeyDown={onKeyDown} data-testid="panel-origin-linker">
      <label htmlFor={`${resultsId}-q`} className="up-muted">
        Search signals and discovery notes
      </label>
      <TextField
        id={`${resultsId}-q`}
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setShowAll(false);
        }}
        placeholder="Customer, words from the quote, or a note title"
        aria-describedby={resultsId}
        maxLength={100}
        autoFocus
        testId="panel-origin-search"
      />
      {link.failure && <LazyErrorMessage error={link.failure.error} onRetry={link.failure.retry} />}
      <div id={resultsId} aria-live="polite" aria-busy={found === null || stale}>
        {found === null && <Loading what="signals and notes" />}
        {found?.error && <LazyErrorMessage error={found.error} onRetry={() => setAttempt((n) => n + 1)} />}
        {empty && (
          <p className="up-p up-muted">
            Nothing matches “{found.query}”. Try a customer name or a word from what they said; signals already linked here are
            not listed.
          </p>
        )}
        {data && !empty && (
          <ul ref={listRef} className="up-search-results" aria-label="Signals and discovery notes to link">
            {signals.map((signal) => (
              <li key={signal.id} data-testid="panel-candidate-signal">
                <span className="up-result-text">
                  <span>
                    <strong>{signal.customer}</strong>
                    {signal.arr !== null && <span className="up-muted"> · {formatMoney(signal.arr)} ARR</span>}
                  </span>
                  <span className="up-clamp up-muted">“{signal.quote}”</span>
                  <span className="up-subtlest">
                    Signal · {formatDate(signal.receivedAt)} · {signal.state}
                  </span>
                </span>
                <Button
                  spacing="compact"
                  onClick={() => void linkSignal(signal.id, `${signal.customer}'s signal`)}
                  isDisabled={link.pending !== null}
                  isLoading={link.pending === `signal:${signal.id}`}
                  aria-label={`Link ${signal.customer}'s signal`}
                >
                  Link
                </Button>
              </li>
            ))}
            {notes.map((note) => (
              <li key={note.id} data-testid="panel-candidate-note">
                <span className="up-result-text">
                  <strong>{note.title}</strong>
                  <span className="up-subtlest">Discovery note · {note.status}</span>
                </span>
                <Button
                  spacing="compact"
                  onClick={() => void linkNote(note.id, `the discovery note “${note.title}”`)}
                  isDisabled={link.pending !== null}
                  isLoading={link.pending === `note:${note.id}`}
                  aria-label={`Link the discovery note ${note.title}`}
                >
                  Link
                </Button>
              </li>
            ))}
          </ul>
        )}
        {data && hidden > 0 && (
          <div className="up-row" style={{ marginTop: 4 }}>
            <span className="up-subtlest">
              Showing {resultCount - hidden} of {resultCount}. Type more to narrow the search, or
            </span>
            <Button spacing="compact" appearance="subtle" onClick={() => setShowAll(true)} testId="panel-origin-show-all">
              Show all {resultCount}
            </Button>
          </div>
        )}
      </div>
      <div className="up-row">
        <Button onClick={onClose} testId="panel-origin-linker-done">
          Done
        </Button>
        <span className="up-subtlest">Esc closes</span>
      </div>
    </div>
  );
}

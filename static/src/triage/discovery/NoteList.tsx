import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { DiscoveryNoteSummary, ResolverOutput } from '../../../../src/contract';
import type { DiscoveryNoteStatus } from '../../../../src/domain/discovery';
import { asResolverCallError, callResolver, type ResolverCallError } from '../../api';
import { Empty } from '../../ui/Empty';
import { Loading } from '../../ui/Loading';
import { LazyErrorMessage } from '../../ui/LazyErrorMessage';
import { formatMoney, plural } from '../../ui/format';
import { When } from '../../ui/When';
import { commandForKey } from '../keyboard-queue';
import { NewNoteDialog } from './NewNoteDialog';
import { STATUS_APPEARANCE, STATUS_WORDS, blockedWords, isNoteStatus, statusWords } from './words';

type List = ResolverOutput<'discovery.list'>;

const beforeReady = (status: string): boolean => status === 'exploring' || status === 'shaped';

/** What stands between a note and ready, or that a waiver stands in for the rule; nothing once it is past ready by the rule. */
function ReadyLine({ note }: { note: DiscoveryNoteSummary }) {
  if (note.ready.waived) return <span className="dn-waived-line">Ready rule waived by a lead (reason on the note)</span>;
  if (!beforeReady(note.status)) return null;
  if (!note.ready.ok) {
    return (
      <span className="dn-blocked-line" data-testid="discovery-row-blocked">
        Blocked from ready: {blockedWords(note.ready.reasons)}
      </span>
    );
  }
  return <span className="dn-ok-line">Can be marked ready: engineering input in, no open question</span>;
}

function NoteRow({ note, focused, onFocus, onOpen }: { note: DiscoveryNoteSummary; focused: boolean; onFocus: () => void; onOpen: () => void }) {
  const ref = useRef<HTMLLIElement>(null);
  const { input, evidence } = note;
  return (
    <li
      ref={ref}
      className={`dn-row${focused ? ' dn-focused' : ''}`}
      tabIndex={focused ? 0 : -1}
      data-focus-key={`n:${note.id}`}
      data-testid="discovery-row"
      data-note-id={note.id}
      aria-label={`${note.title}, ${statusWords(note.status)}`}
      onFocus={(event) => event.target === event.currentTarget && onFocus()}
      onClick={onOpen}
    >
      <div className="dn-row-head">
        <span className="dn-row-title" data-testid="discovery-row-title">
          {note.title}
        </span>
        <Lozenge appearance={isNoteStatus(note.status) ? STATUS_APPEARANCE[note.status] : 'default'}>{statusWords(note.status)}</Lozenge>
        <span className="dn-meta dn-row-when">
          updated <When iso={note.updatedAt} />
        </span>
      </div>
      <p className="dn-row-problem">{note.problemExcerpt}</p>
      <div className="dn-row-facts">
        <span data-testid="discovery-row-evidence">
          {plural(evidence.signalCount, 'signal')} · {plural(evidence.customerCount, 'customer')} · {formatMoney(evidence.arrTotal)} ARR
        </span>
        <span data-testid="discovery-row-input">
          {input.total === 0 ? 'No input yet' : `${plural(input.total, 'input entry', 'input entries')}, ${input.fromEngineers} from engineering`} · {plural(input.openQuestions, 'open question')}
        </span>
      </div>
      <ReadyLine note={note} />
    </li>
  );
}

/**
 * The Discovery tab's list: notes most recently updated first, filtered by status with a count per status, each
 * with its problem, evidence, engineering input and what holds it back from ready. j/k or the arrows move,
 * Enter opens, n starts a note.
 */
export function NoteList({ projectKey, onOpen }: { projectKey: string; onOpen: (noteId: string) => void }) {
  const [status, setStatus] = useState<DiscoveryNoteStatus | undefined>(undefined);
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<ResolverCallError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);
  // The last list stays (its counts above the filters) while another status loads, so the filters do not jump.
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    callResolver('discovery.list', { projectKey, ...(status ? { status } : {}) }).then(
      (answer) => {
        if (!current) return;
        setList(answer);
        setLoading(false);
      },
      (cause: unknown) => {
        if (!current) return;
        setError(asResolverCallError(cause));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [projectKey, status, attempt]);

  const loadMore = async () => {
    if (!list?.nextCursor) return;
    setLoadingMore(true);
    try {
      const more = await callResolver('discovery.list', { projectKey, cursor: list.nextCursor, ...(status ? { status } : {}) });
      setList({ ...more, notes: [...list.notes, ...more.notes.filter((n) => !list.notes.some((m) => m.id === n.id))] });
    } catch (cause: unknown) {
      setError(asResolverCallError(cause));
    } finally {
      setLoadingMore(false);
    }
  };

  const notes = list?.notes ?? [];
  const focusRow = useCallback((id: string) => {
    setFocusId(id);
    rootRef.current?.querySelector<HTMLElement>(`[data-focus-key="n:${CSS.escape(id)}"]`)?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (creating || target.closest('input, textarea, select')) return;
    const onRow = Boolean(target.dataset.focusKey);
    if (event.key === 'n' && !event.ctrlKey && !event.metaKey && !event.altKey && list?.canCreate) {
      event.preventDefault();
      setCreating(true);
      return;
    }
    const command = commandForKey(event, { onRow, inSelect: false, inCheckbox: false }, new Set(['Enter']));
    if (!command || notes.length === 0) return;
    const at = Math.max(0, notes.findIndex((n) => n.id === focusId));
    if (command.type === 'move') {
      event.preventDefault();
      const next = notes[Math.max(0, Math.min(notes.length - 1, (onRow ? at : -1) + command.delta))] ?? notes[0];
      if (next) focusRow(next.id);
    } else if (command.type === 'action' && onRow && focusId) {
      event.preventDefault();
      onOpen(focusId);
    }
  };

  const total = list?.counts.reduce((sum, c) => sum + c.count, 0) ?? 0;
  const filterButton = (value: DiscoveryNoteStatus | undefined, label: string, count: number | undefined) => (
    <button
      key={value ?? 'all'}
      type="button"
      className="dn-filter"
      aria-pressed={status === value}
      onClick={() => {
        setStatus(value);
        setFocusId(null);
      }}
      data-testid={`discovery-filter-${value ?? 'all'}`}
    >
      {label}
      <span className="tr-count">{count ?? '–'}</span>
    </button>
  );

  const body = () => {
    if (error) return <LazyErrorMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />;
    if (!list || loading) return <Loading what="discovery notes" />;
    if (notes.length === 0) {
      return status ? (
        <Empty title={`No ${STATUS_WORDS[status].toLowerCase()} notes`} action={<Button onClick={() => setStatus(undefined)}>Show every note</Button>}>
          No note of {projectKey} is {STATUS_WORDS[status].toLowerCase()} right now.
        </Empty>
      ) : (
        <Empty
          title="No discovery notes yet"
          action={
            list.canCreate ? (
              <Button appearance="primary" onClick={() => setCreating(true)}>
                New note
              </Button>
            ) : undefined
          }
        >
          {list.canCreate
            ? 'A discovery note holds a problem while it is still a problem: who has it, what engineers see in it, and when it is ready. Start one with New note, or from a cluster in the Inbox (open it, then Start a discovery note).'
            : `A product lead of ${projectKey} starts discovery notes here or from a cluster in the Inbox; once there is one, you can read it and add engineering input.`}
        </Empty>
      );
    }
    return (
      <>
        <ol className="dn-list" aria-label="Discovery notes" data-testid="discovery-list">
          {notes.map((note, index) => (
            <NoteRow
              key={note.id}
              note={note}
              focused={focusId === null ? index === 0 : note.id === focusId}
              onFocus={() => setFocusId(note.id)}
              onOpen={() => onOpen(note.id)}
            />
          ))}
        </ol>
        {list.nextCursor && (
          <Button onClick={() => void loadMore()} isLoading={loadingMore}>
            Load more notes
          </Button>
        )}
      </>
    );
  };

  return (
    <div ref={rootRef} className="dn-tab" data-testid="discovery-tab" onKeyDown={onKeyDown}>
      <div className="dn-toolbar">
        <div className="dn-filters" role="group" aria-label="Show notes by status">
          {filterButton(undefined, 'All', list ? total : undefined)}
          {(list?.counts ?? []).map((c) => filterButton(c.status, STATUS_WORDS[c.status], c.count))}
        </div>
        {list?.canCreate && (
          <Button appearance="primary" onClick={() => setCreating(true)} testId="discovery-new">
            New note
          </Button>
        )}
      </div>
      <p className="dn-keys">
        <kbd>j</kbd> <kbd>k</kbd> or <kbd>↓</kbd> <kbd>↑</kbd> move · <kbd>Enter</kbd> opens a note{list?.canCreate ? <> · <kbd>n</kbd> new note</> : null} · on a note, <kbd>Esc</kbd> returns here
      </p>
      {list && !list.canCreate && (
        <p className="si-read-only-note" role="note">
          You can read these notes and add engineering input on each. Starting, editing and moving notes needs Administer Projects in {projectKey}.
        </p>
      )}
      {body()}
      {creating && (
        <NewNoteDialog
          projectKey={projectKey}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            onOpen(id);
          }}
        />
      )}
    </div>
  );
}

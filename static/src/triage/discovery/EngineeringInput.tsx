import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { DiscoveryNoteView } from '../../../../src/contract';
import { ENGINEERING_INPUT_KINDS, type EngineeringInputKind } from '../../../../src/domain/discovery';
import type { ResolverCallError } from '../../api';
import { plural } from '../../ui/format';
import { When } from '../../ui/When';
import { ChangeRefusal } from './ChangeRefusal';
import type { NoteState } from './use-note';
import { inputKindWords, roleWords } from './words';

type Entry = DiscoveryNoteView['engineeringInput'][number];

const KIND_HINTS: Record<EngineeringInputKind, string> = {
  constraint: 'Something the solution must live with (a limit, a contract, a system).',
  question: 'Something to answer before this is ready; it holds the note back until resolved.',
  risk: 'What could go wrong, and what it would cost.',
  'technical-shape': 'How it would be built, in broad strokes.',
};

function AuthorLine({ entry }: { entry: Entry }) {
  const roles = entry.rolesRecorded ? entry.authorRoles.map(roleWords).join(', ') || 'no team role' : 'role not recorded';
  return (
    <span className="dn-meta">
      {entry.author.displayName} ({roles}) · <When iso={entry.at} />
      {!entry.fromEngineer && <span className="dn-meta-note"> · does not count as engineering input</span>}
    </span>
  );
}

/** One question's state: open (and who may resolve it), or resolved, by whom and how; with resolve or reopen. */
function QuestionState({ entry, note }: { entry: Entry; note: NoteState }) {
  const question = entry.question;
  const [resolution, setResolution] = useState('');
  const [resolving, setResolving] = useState(false);
  const [refusal, setRefusal] = useState<ResolverCallError | null>(null);
  const fieldId = useId();
  if (!question) return null;

  const resolve = async (event?: FormEvent) => {
    event?.preventDefault();
    const refused = await note.change('discovery.resolveQuestion', { inputId: entry.id, ...(resolution.trim() ? { resolution } : {}) });
    setRefusal(refused);
    if (!refused) {
      setResolving(false);
      setResolution('');
    }
  };
  const reopen = async () => setRefusal(await note.change('discovery.reopenQuestion', { inputId: entry.id }));

  if (!question.open) {
    return (
      <div className="dn-question dn-question-resolved" data-testid="discovery-question-resolved">
        <Lozenge appearance="success">Resolved</Lozenge>{' '}
        <span className="dn-meta">
          by {question.resolvedBy?.displayName ?? 'someone'}
          {question.resolvedAt && (
            <>
              {' '}
              · <When iso={question.resolvedAt} />
            </>
          )}
        </span>
        {question.resolution && <p className="dn-resolution">{question.resolution}</p>}
        {question.canReopen && (
          <Button spacing="compact" appearance="subtle" onClick={() => void reopen()} isDisabled={note.pending !== null} testId="discovery-question-reopen">
            Reopen
          </Button>
        )}
        <ChangeRefusal error={refusal} />
      </div>
    );
  }
  return (
    <div className="dn-question" data-testid="discovery-question-open">
      <Lozenge appearance="moved">Open question</Lozenge>
      {!question.canResolve && <span className="dn-meta"> · its author or an engineer resolves it</span>}
      {question.canResolve && !resolving && (
        <Button spacing="compact" onClick={() => setResolving(true)} testId="discovery-question-resolve">
          Resolve…
        </Button>
      )}
      {resolving && (
        <form className="dn-resolve" onSubmit={(event) => void resolve(event)}>
          <label htmlFor={fieldId} className="dn-label">
            What was decided (optional)
          </label>
          <input
            id={fieldId}
            className="dn-input"
            value={resolution}
            autoFocus
            onChange={(event) => setResolution(event.target.value)}
            onKeyDown={(event: KeyboardEvent) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                setResolving(false);
              }
            }}
            data-testid="discovery-question-resolution"
          />
          <div className="dn-buttons">
            <Button type="submit" appearance="primary" spacing="compact" isLoading={note.pending === 'discovery.resolveQuestion'} testId="discovery-question-resolve-save">
              Resolve question
            </Button>
            <Button spacing="compact" appearance="subtle" onClick={() => setResolving(false)}>
              Cancel
            </Button>
          </div>
          <ChangeRefusal error={refusal} field="resolution" />
        </form>
      )}
    </div>
  );
}

/** The form under the entries: a kind and what the person has to say. */
function AddInput({ note }: { note: NoteState }) {
  const [kind, setKind] = useState<EngineeringInputKind>('constraint');
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<ResolverCallError | null>(null);
  const kindId = useId();
  const textId = useId();
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const refused = await note.change('discovery.addInput', { kind, text });
    setRefusal(refused);
    if (!refused) setText('');
  };
  return (
    <form className="dn-add-input" onSubmit={(event) => void submit(event)} data-testid="discovery-add-input">
      <div className="dn-add-row">
        <label htmlFor={kindId} className="dn-label">
          Add
        </label>
        <select id={kindId} className="dn-select" value={kind} onChange={(event) => setKind(event.target.value as EngineeringInputKind)} data-testid="discovery-input-kind">
          {ENGINEERING_INPUT_KINDS.map((k) => (
            <option key={k} value={k}>
              {inputKindWords(k)}
            </option>
          ))}
        </select>
        <span className="dn-hint">{KIND_HINTS[kind]}</span>
      </div>
      <label htmlFor={textId} className="dn-label dn-visually-hidden">
        Your {inputKindWords(kind).toLowerCase()}
      </label>
      <textarea
        id={textId}
        className="dn-textarea"
        rows={3}
        value={text}
        placeholder={`Your ${inputKindWords(kind).toLowerCase()}…`}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit();
          }
        }}
        aria-invalid={refusal?.code === 'invalid-input' || undefined}
        data-testid="discovery-input-text"
      />
      <ChangeRefusal error={refusal} field="text" testId="discovery-input-refusal" />
      <div className="dn-buttons">
        <Button type="submit" appearance="primary" spacing="compact" isLoading={note.pending === 'discovery.addInput'} testId="discovery-input-add">
          Add {inputKindWords(kind).toLowerCase()}
        </Button>
        <span className="dn-hint">Ctrl+Enter adds. Your team roles are recorded with it.</span>
      </div>
    </form>
  );
}

/** Engineering input as entries, oldest first, with who wrote each and in what role; anyone who reads the note adds. */
export function EngineeringInput({ view, note }: { view: DiscoveryNoteView; note: NoteState }) {
  const entries = view.engineeringInput;
  const fromEngineers = entries.filter((e) => e.fromEngineer).length;
  const open = entries.filter((e) => e.question?.open).length;
  const headingId = useId();
  return (
    <section className="dn-section" aria-labelledby={headingId} data-testid="discovery-engineering">
      <div className="dn-section-head">
        <h3 id={headingId} className="dn-h3">
          Engineering input
        </h3>
        <span className="dn-meta" data-testid="discovery-engineering-counts">
          {plural(entries.length, 'entry', 'entries')}, {fromEngineers} from engineering, {plural(open, 'open question')}
        </span>
      </div>
      {entries.length === 0 ? (
        <p className="dn-empty-text">No input yet. Engineers: add the constraints, questions, risks or technical shape you see, while the problem is still being shaped.</p>
      ) : (
        <ol className="dn-entries">
          {entries.map((entry) => (
            <li key={entry.id} className={`dn-entry dn-kind-${entry.kind}`} data-testid="discovery-input" data-kind={entry.kind}>
              <div className="dn-entry-head">
                <span className="dn-kind">{inputKindWords(entry.kind)}</span>
                <AuthorLine entry={entry} />
              </div>
              <p className="dn-text">{entry.text}</p>
              <QuestionState entry={entry} note={note} />
            </li>
          ))}
        </ol>
      )}
      {view.can.addInput && <AddInput note={note} />}
    </section>
  );
}

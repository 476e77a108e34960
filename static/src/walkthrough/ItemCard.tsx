import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import TextArea from '@atlaskit/textarea';
import { WALKTHROUGH_LIMITS } from '../../../src/domain/walkthrough';
import { timeAgo } from '../ui/format';
import { VISUALLY_HIDDEN } from '../ui/visually-hidden';
import { FIELD_NAME, STATE_NAME, fieldValueText, type FieldChange, type Item, type Question } from './types';

export type Highlight = { how: 'added' | 'edited'; since: number; fields: FieldChange[] } | null;

const STATE_APPEARANCE = { designed: 'success', deferred: 'moved', open: 'removed' } as const;

/** The body of an item as its kind has it: the detail, why, the alternatives dropped, what happens and its state. */
function ItemBody({ item }: { item: Item }) {
  switch (item.kind) {
    case 'new':
    case 'question':
      return item.detail ? <p className="up-wt-text">{item.detail}</p> : null;
    case 'change':
      return (
        <>
          {item.detail && <p className="up-wt-text">{item.detail}</p>}
          <p className="up-wt-text">
            <span className="up-wt-label">Why: </span>
            {item.why}
          </p>
        </>
      );
    case 'decision':
      return (
        <>
          <p className="up-wt-text">
            <span className="up-wt-label">Why: </span>
            {item.why}
          </p>
          {item.alternatives.length > 0 && (
            <div className="up-wt-text">
              <span className="up-wt-label">Alternatives dropped:</span>
              <ul className="up-wt-alternatives">
                {item.alternatives.map((alternative) => (
                  <li key={alternative}>{alternative}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      );
    case 'edge-case':
    case 'error-state':
      return (
        <>
          <p className="up-wt-text">
            <span className="up-wt-label">What happens: </span>
            {item.whatHappens}
          </p>
          <p className="up-wt-text" data-testid="wt-item-state">
            <Lozenge appearance={STATE_APPEARANCE[item.state]}>{STATE_NAME[item.state]}</Lozenge>
            {item.state === 'deferred' && item.reason && <span> because {item.reason}</span>}
            {item.state === 'open' && <span className="up-wt-muted"> Neither designed nor deferred yet.</span>}
          </p>
        </>
      );
  }
}

/** What changed in an edited item, field by field, before → after. */
function FieldChanges({ fields }: { fields: FieldChange[] }) {
  return (
    <ul className="up-wt-fieldchanges" data-testid="wt-field-changes">
      {fields.map((change) => (
        <li key={change.field}>
          <span className="up-wt-label">{FIELD_NAME[change.field]}: </span>
          <del>{fieldValueText(change.field, change.before)}</del>
          <span aria-hidden="true"> → </span>
          <span style={VISUALLY_HIDDEN}> became </span>
          <ins>{fieldValueText(change.field, change.after)}</ins>
        </li>
      ))}
    </ul>
  );
}

/** A text box that sends, with its limit shown; Escape cancels without closing the modal around it. */
function ReplyBox({ label, submitLabel, busy, onSubmit, onCancel, testId }: { label: string; submitLabel: string; busy: boolean; onSubmit: (text: string) => Promise<boolean>; onCancel: () => void; testId: string }) {
  const id = useId();
  const [text, setText] = useState('');
  const limit = WALKTHROUGH_LIMITS.questionText;
  const send = async () => {
    if (text.trim().length === 0) return;
    if (await onSubmit(text)) setText('');
  };
  return (
    <div className="up-wt-reply" data-testid={testId}>
      <label htmlFor={id} className="up-wt-label">
        {label}
      </label>
      <TextArea
        id={id}
        value={text}
        autoFocus
        minimumRows={2}
        maxHeight="200px"
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onCancel();
          }
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) void send();
        }}
      />
      <div className="up-wt-row">
        <span className={`up-wt-count${text.length > limit ? ' over' : ''}`}>
          {text.length}/{limit}
        </span>
        <Button appearance="primary" onClick={() => void send()} isLoading={busy} isDisabled={text.trim().length === 0 || text.length > limit}>
          {submitLabel}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** Engineers' questions on this item (on any version: an item keeps its id) and the designer's answers. */
function Thread({ questions, canAnswer, pending, onAnswer }: { questions: Question[]; canAnswer: boolean; pending: string | null; onAnswer: (questionId: string, text: string) => Promise<boolean> }) {
  const [answering, setAnswering] = useState<string | null>(null);
  if (questions.length === 0) return null;
  return (
    <ol className="up-wt-thread" aria-label="Questions on this item" data-testid="wt-thread">
      {questions.map((q) => (
        <li key={q.id} data-testid="wt-question" data-answered={q.answer !== null}>
          <p className="up-wt-text">
            <span className="up-wt-label">
              {q.askedBy.displayName} asked on version {q.version}, {timeAgo(q.askedAt)}:
            </span>{' '}
            {q.text}
          </p>
          {q.answer ? (
            <p className="up-wt-answer" data-testid="wt-answer">
              <span className="up-wt-label">
                {q.answer.by.displayName} answered, {timeAgo(q.answer.at)}:
              </span>{' '}
              {q.answer.text}
            </p>
          ) : answering === q.id ? (
            <ReplyBox
              label={`Answer ${q.askedBy.displayName}`}
              submitLabel="Send answer"
              busy={pending === `answer:${q.id}`}
              onSubmit={async (text) => {
                const sent = await onAnswer(q.id, text);
                if (sent) setAnswering(null);
                return sent;
              }}
              onCancel={() => setAnswering(null)}
              testId="wt-answer-box"
            />
          ) : (
            <p className="up-wt-text up-wt-muted">
              Waiting for the designer’s answer.{' '}
              {canAnswer && (
                <Button appearance="subtle" spacing="compact" onClick={() => setAnswering(q.id)} testId="wt-answer-open">
                  Answer
                </Button>
              )}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * One item of a version. When it changed since the version the reader acknowledged it is highlighted — a tinted
 * card with a lozenge, and the same said in words for screen readers — and an edited item lists its changed
 * fields. Highlighted items take focus from "Next change".
 */
export function ItemCard({
  item,
  highlight,
  questions,
  canAsk,
  canAnswer,
  pending,
  onAsk,
  onAnswer,
}: {
  item: Item;
  highlight: Highlight;
  questions: Question[];
  canAsk: boolean;
  canAnswer: boolean;
  pending: string | null;
  onAsk: (itemId: string, text: string) => Promise<boolean>;
  onAnswer: (questionId: string, text: string) => Promise<boolean>;
}) {
  const [asking, setAsking] = useState(false);
  const headingId = useId();
  const words = highlight ? (highlight.how === 'added' ? `New since version ${highlight.since}, which you acknowledged` : `Changed since version ${highlight.since}, which you acknowledged`) : null;
  return (
    <li
      className={`up-wt-item${highlight ? ` up-wt-changed ${highlight.how}` : ''}`}
      data-testid="wt-item"
      data-item-id={item.id}
      data-highlight={highlight?.how ?? 'none'}
      aria-labelledby={headingId}
      tabIndex={highlight ? -1 : undefined}
    >
      <div className="up-wt-item-head">
        <h4 id={headingId} className="up-wt-item-title">
          {words && <span style={VISUALLY_HIDDEN}>{words}: </span>}
          {item.title}
        </h4>
        {highlight && (
          <span aria-hidden="true" data-testid="wt-highlight-lozenge">
            <Lozenge appearance="new" isBold>
              {highlight.how === 'added' ? `New since v${highlight.since}` : `Changed since v${highlight.since}`}
            </Lozenge>
          </span>
        )}
      </div>
      <ItemBody item={item} />
      {highlight?.how === 'edited' && <FieldChanges fields={highlight.fields} />}
      <Thread questions={questions} canAnswer={canAnswer} pending={pending} onAnswer={onAnswer} />
      {canAsk &&
        (asking ? (
          <ReplyBox
            label={`Your question on “${item.title}”`}
            submitLabel="Ask"
            busy={pending === `ask:${item.id}`}
            onSubmit={async (text) => {
              const sent = await onAsk(item.id, text);
              if (sent) setAsking(false);
              return sent;
            }}
            onCancel={() => setAsking(false)}
            testId="wt-ask-box"
          />
        ) : (
          <div>
            <Button appearance="subtle" spacing="compact" onClick={() => setAsking(true)} testId="wt-ask-open" aria-label={`Ask a question on “${item.title}”`}>
              Ask a question
            </Button>
          </div>
        ))}
    </li>
  );
}

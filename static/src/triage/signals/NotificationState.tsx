/**
 * Who was told of a decision: one line on the cluster's row (Parking lot, Routed, Declined), and in its open
 * detail each delivery that did not go out — who, how, why — with what to do next. Only those who may triage
 * receive it (the listing leaves it null for everyone else).
 */
import type { NotificationStateDto } from '../../../../src/contract/signals';
import { hasNotificationProblems, leftOutWords, nextStepOf, notificationSummary, problemInWords, storedRecipientWords } from './notification-words';

/** The row's line: "Raisers: 3 told · 1 waiting for a Slack token". */
export function NotificationSummary({ state }: { state: NotificationStateDto }) {
  const attention = hasNotificationProblems(state);
  return (
    <span
      className={`si-told${attention ? ' si-told-attention' : ''}`}
      data-testid="decision-notifications"
      data-sent={state.sent}
      data-held={state.held}
      data-failed={state.failed}
      data-unreachable={state.unreachable}
      title={attention ? 'Open the cluster to see who was not told, and why' : undefined}
    >
      <span className="si-label">Raisers: </span>
      {notificationSummary(state)}
    </span>
  );
}

/** In the open cluster: each delivery that did not go out, and the next step. Nothing when all went out. */
export function NotificationProblems({ state }: { state: NotificationStateDto }) {
  if (state.problems.length === 0) return null;
  return (
    <section className="si-told-problems" aria-label="Who was not told of the decision" data-testid="decision-notification-problems">
      <h3 className="si-subheading">Not told yet, or not at all</h3>
      <ul>
        {state.problems.map((problem, i) => (
          <li key={`${problem.step}/${problem.channel}/${problem.recipient}/${i}`} data-testid="decision-notification-problem" data-state={problem.state} data-channel={problem.channel}>
            <span title={storedRecipientWords(problem) ?? undefined}>{problemInWords(problem)}</span>
            {problem.detail && <span className="si-subtle"> {problem.detail}</span>}
            <span className="si-told-next"> Next: {nextStepOf(problem)}</span>
          </li>
        ))}
      </ul>
      {state.problemsLeftOut > 0 && <p className="si-meta">{leftOutWords(state.problemsLeftOut)}</p>}
    </section>
  );
}

import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { PanelWalkthroughDto } from '../../../../src/contract';
import { DesignLinkCard } from '../../walkthrough/DesignLinkCard';
import { plural, timeAgo } from '../../ui/format';
import type { WalkthroughClosePayload, WalkthroughStart } from '../../walkthrough/modal-context';
import { openWalkthrough } from './open-walkthrough';
import '../../walkthrough/link-card.css';
import './walkthrough-section.css';

/** "Priya Raman (v2), Lena Fischer (v1)": who acknowledged which version, for everyone to see. */
function Acknowledgements({ walkthrough }: { walkthrough: PanelWalkthroughDto }) {
  if (walkthrough.acknowledgedBy.length === 0) {
    return <p className="up-p up-muted" data-testid="wt-panel-acks">Nobody has acknowledged a version yet.</p>;
  }
  return (
    <div data-testid="wt-panel-acks">
    <p className="up-p up-subtlest" id="wt-panel-acks-label">Acknowledged by</p>
    <ul className="up-wt-acks" aria-labelledby="wt-panel-acks-label">
      {walkthrough.acknowledgedBy.map((ack) => (
        <li key={ack.person.accountId}>
          <span className={`up-wt-ack-mark ${ack.ofLatest ? 'latest' : 'older'}`} aria-hidden="true">
            {ack.ofLatest ? '✓' : ''}
          </span>
          <span>
            {ack.person.displayName}
            <span className="up-subtlest">
              {' '}
              · version {ack.version}
              {ack.ofLatest ? ' (latest)' : `, not version ${walkthrough.latestVersion}`}
              {ack.engineer ? '' : ' · not in engineering'}
            </span>
          </span>
        </li>
      ))}
    </ul>
    </div>
  );
}

/**
 * The walkthrough in the issue panel, from what panel.context already read (no call of its own on load): the
 * latest version in brief, who acknowledged which version, open questions, and a badge when a version arrived
 * after the reader's acknowledgement. The full view opens as a modal.
 */
export function WalkthroughSection({
  issueKey,
  walkthrough,
  canEdit,
  accountId,
  pending,
  onAcknowledge,
  onClosed,
}: {
  issueKey: string;
  walkthrough: PanelWalkthroughDto;
  canEdit: boolean;
  /** The reader, to leave Acknowledge off their own version. */
  accountId: string | null;
  pending: string | null;
  onAcknowledge: (version: number) => void;
  onClosed: (payload: WalkthroughClosePayload) => void;
}) {
  const [opening, setOpening] = useState(false);
  const [openFailed, setOpenFailed] = useState(false);
  const latest = walkthrough.latest;

  const open = (start: WalkthroughStart) => {
    setOpening(true);
    setOpenFailed(false);
    openWalkthrough(issueKey, start, onClosed)
      .catch((error: unknown) => {
        console.error('Upstream: the walkthrough did not open', error);
        setOpenFailed(true);
      })
      .finally(() => setOpening(false));
  };

  const newSince = walkthrough.newSinceYourAcknowledgement;
  const acknowledgedLatest = latest !== null && walkthrough.yourAcknowledgedVersion === latest.version;
  const mayAcknowledge = latest !== null && !acknowledgedLatest && latest.author.accountId !== accountId;

  return (
    <section className="up-section" aria-labelledby="panel-walkthrough-heading" data-testid="panel-walkthrough">
      <h3 id="panel-walkthrough-heading">
        Design walkthrough
        {newSince > 0 && (
          <span className="up-wt-badge" data-testid="wt-panel-badge" data-nudge={walkthrough.nudge ? 'assignee' : 'reader'}>
            <Lozenge appearance="new" isBold={walkthrough.nudge}>
              {plural(newSince, 'new version')}
            </Lozenge>
          </span>
        )}
      </h3>
      {latest === null ? (
        <div className="up-wt-empty" data-testid="wt-panel-empty">
          <p className="up-p">No walkthrough yet.</p>
          {canEdit ? (
            <>
              <p className="up-p up-muted">
                Designers: add version 1 with the design link, what is new, the decisions and why, and the edge cases and error
                states, so engineers can acknowledge it or ask on any item.
              </p>
              <div>
                <Button appearance="primary" onClick={() => open('add-version')} isLoading={opening} testId="wt-panel-add-first">
                  Add version 1
                </Button>
              </div>
            </>
          ) : (
            <p className="up-p up-muted">The issue’s designer adds version 1 here; you can acknowledge it or ask questions then.</p>
          )}
        </div>
      ) : (
        <div className="up-wt-brief">
          {newSince > 0 && (
            <p className="up-p up-wt-nudge" data-testid="wt-panel-nudge">
              {walkthrough.nudge ? 'You are the assignee: ' : ''}version {latest.version} arrived after you acknowledged version{' '}
              {walkthrough.yourAcknowledgedVersion}. Open it to see what changed.
            </p>
          )}
          <p className="up-p" data-testid="wt-panel-latest">
            <strong>Version {latest.version}</strong>
            <span className="up-muted">
              {' '}
              by {latest.author.displayName}, <time dateTime={latest.createdAt}>{timeAgo(latest.createdAt)}</time>
            </span>
          </p>
          <p className="up-p up-clamp" data-testid="wt-panel-summary">
            {latest.summary}
          </p>
          <DesignLinkCard link={latest.designLink} testId="wt-panel-design-link" />
          <Acknowledgements walkthrough={walkthrough} />
          <p className="up-p up-subtlest" data-testid="wt-panel-questions">
            {walkthrough.openQuestions === 0 ? 'No open questions.' : `${plural(walkthrough.openQuestions, 'open question')} waiting for the designer.`}
          </p>
          <div className="up-row">
            <Button onClick={() => open('view')} isLoading={opening} testId="wt-panel-open" appearance={mayAcknowledge ? 'default' : 'primary'}>
              Open walkthrough
            </Button>
            {mayAcknowledge && (
              <Button
                appearance="primary"
                onClick={() => onAcknowledge(latest.version)}
                isLoading={pending === 'acknowledge'}
                isDisabled={pending !== null}
                testId="wt-panel-acknowledge"
              >
                Acknowledge version {latest.version}
              </Button>
            )}
            {acknowledgedLatest && <span className="up-subtlest" data-testid="wt-panel-you-acked">You acknowledged version {latest.version}.</span>}
          </div>
        </div>
      )}
      {openFailed && (
        <p className="up-p" role="alert">
          The walkthrough did not open. Reload the issue and try again; if it keeps happening, tell your Jira admin.
        </p>
      )}
    </section>
  );
}

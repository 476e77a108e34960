import { useId } from 'react';
import Lozenge from '@atlaskit/lozenge';
import { router } from '@forge/bridge';
import type { DiscoveryNoteView } from '../../../../src/contract';
import { WorkTypeLozenge } from '../../ui/WorkTypeLozenge';

type Linked = DiscoveryNoteView['linkedIssues'];

const statusAppearance = (category: string | undefined) => (category === 'done' ? 'success' : category === 'indeterminate' ? 'inprogress' : 'default');

/** The issues whose origin names this note (the `upstream-origin` property), with their status, as the reader may see them. */
export function LinkedIssues({ linked }: { linked: Linked }) {
  const headingId = useId();
  return (
    <section className="dn-aside-section" aria-labelledby={headingId} data-testid="discovery-linked-issues">
      <h3 id={headingId} className="dn-h3">
        Issues from this note
      </h3>
      {linked.issues.length === 0 ? (
        <p className="dn-empty-text">None yet. Link an issue to this note from its Upstream panel (Origin → discovery note), and it is listed here.</p>
      ) : (
        <ul className="dn-issues">
          {linked.issues.map((issue) => (
            <li key={issue.key} className="dn-issue" data-testid="discovery-linked-issue">
              <button type="button" className="si-link" onClick={() => void router.navigate({ target: 'issue', issueKey: issue.key })}>
                {issue.key}
              </button>{' '}
              <span className="dn-issue-summary">{issue.summary}</span>{' '}
              <Lozenge appearance={statusAppearance(issue.status.category)}>{issue.status.name}</Lozenge>
              {issue.workType && (
                <>
                  {' '}
                  <WorkTypeLozenge value={issue.workType} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {linked.more && <p className="dn-meta">More in Jira: {linked.jql}</p>}
    </section>
  );
}

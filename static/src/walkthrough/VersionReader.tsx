import { DesignLinkCard } from './DesignLinkCard';
import { ItemCard, type Highlight } from './ItemCard';
import { KIND_NAME, SECTIONS, type Diff, type Question, type Version } from './types';
import { formatDate } from '../ui/format';
import { VISUALLY_HIDDEN } from '../ui/visually-hidden';

/** The highlight of each item of the version shown, from the diff since the reader's acknowledgement. */
function highlightsOf(diff: Diff | null): Map<string, Highlight> {
  const map = new Map<string, Highlight>();
  if (!diff || diff.from === null) return map;
  const since = diff.from;
  for (const item of diff.added) map.set(item.id, { how: 'added', since, fields: [] });
  for (const edit of diff.edited) map.set(edit.id, { how: 'edited', since, fields: edit.fields });
  return map;
}

/**
 * Every section of one version: summary, design link, what is new, what changed and why, decisions, edge cases,
 * error states and open questions. `since` is the diff from the reader's acknowledged version to this one,
 * given only when this is the latest; its items are highlighted, and items it removed are listed after.
 */
export function VersionReader({
  version,
  since,
  questions,
  canAsk,
  canAnswer,
  pending,
  onAsk,
  onAnswer,
}: {
  version: Version;
  since: Diff | null;
  questions: Question[];
  canAsk: boolean;
  canAnswer: boolean;
  pending: string | null;
  onAsk: (itemId: string, text: string) => Promise<boolean>;
  onAnswer: (questionId: string, text: string) => Promise<boolean>;
}) {
  const highlights = highlightsOf(since);
  const summaryChanged = since !== null && since.from !== null && since.summaryChanged;
  const linkChanged = since !== null && since.from !== null && since.designUrlChanged;
  return (
    <div className="up-wt-version" data-testid="wt-version" data-version={version.version}>
      <section className="up-wt-section" aria-labelledby="wt-summary-heading">
        <h3 id="wt-summary-heading">Summary</h3>
        <p className="up-wt-muted">
          Version {version.version} by {version.author.displayName}, <time dateTime={version.createdAt}>{formatDate(version.createdAt)}</time>
        </p>
        <div className={summaryChanged ? 'up-wt-changed edited up-wt-block' : undefined} data-testid="wt-summary" data-highlight={summaryChanged ? 'edited' : 'none'} tabIndex={summaryChanged ? -1 : undefined}>
          {summaryChanged && <span style={VISUALLY_HIDDEN}>The summary changed since version {since?.from}, which you acknowledged: </span>}
          <p className="up-wt-text up-wt-summary">{version.summary}</p>
        </div>
        <div className={linkChanged ? 'up-wt-changed edited up-wt-block' : undefined} data-highlight={linkChanged ? 'edited' : 'none'}>
          {linkChanged && <p className="up-wt-text up-wt-label">The design link changed since version {since?.from}:</p>}
          <DesignLinkCard link={version.designLink} />
        </div>
      </section>
      {SECTIONS.map((section) => {
        const items = version.items.filter((item) => item.kind === section.kind);
        // Version 1 has no previous version to change: its empty "what changed" section would say nothing.
        if (section.kind === 'change' && items.length === 0 && version.version === 1) return null;
        const headingId = `wt-section-${section.kind}`;
        return (
          <section key={section.kind} className="up-wt-section" aria-labelledby={headingId} data-testid={`wt-section-${section.kind}`}>
            <h3 id={headingId}>
              {section.title} <span className="up-wt-count-badge">{items.length}</span>
            </h3>
            {items.length === 0 ? (
              <p className="up-wt-muted">{section.empty}</p>
            ) : (
              <ul className="up-wt-items">
                {items.map((item) => (
                  <ItemCard
                    key={item.id}
                    item={item}
                    highlight={highlights.get(item.id) ?? null}
                    questions={questions.filter((q) => q.itemId === item.id)}
                    canAsk={canAsk}
                    canAnswer={canAnswer}
                    pending={pending}
                    onAsk={onAsk}
                    onAnswer={onAnswer}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {since && since.from !== null && since.removed.length > 0 && (
        <section className="up-wt-section" aria-labelledby="wt-removed-heading" data-testid="wt-removed">
          <h3 id="wt-removed-heading">Removed since version {since.from}</h3>
          <ul className="up-wt-items">
            {since.removed.map((item) => (
              <li key={item.id} className="up-wt-item up-wt-changed removed" data-testid="wt-removed-item" data-item-id={item.id}>
                <p className="up-wt-text">
                  <span className="up-wt-label">{KIND_NAME[item.kind]}: </span>
                  <del>{item.title}</del>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

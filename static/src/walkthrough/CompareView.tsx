import { useState } from 'react';
import Select from '@atlaskit/select';
import { useResolver } from '../use-resolver';
import { Loading } from '../ui/Loading';
import { LazyErrorMessage } from '../ui/LazyErrorMessage';
import { plural } from '../ui/format';
import { KIND_NAME, FIELD_NAME, fieldValueText, type Diff, type Item, type VersionSummary } from './types';

type Option = { label: string; value: number };

function DiffItem({ item }: { item: Item }) {
  return (
    <>
      <span className="up-wt-label">{KIND_NAME[item.kind]}: </span>
      {item.title}
    </>
  );
}

/** A diff as lists: items added, removed and edited (field by field), matched by identity, never by position. */
export function DiffLists({ diff }: { diff: Diff }) {
  if (diff.empty) return <p className="up-wt-muted" data-testid="wt-diff-empty">Versions {diff.from} and {diff.to} are the same.</p>;
  return (
    <div className="up-wt-diff" data-testid="wt-diff">
      <p className="up-wt-text" role="status">
        From version {diff.from} to {diff.to}: {plural(diff.added.length, 'item')} added, {plural(diff.removed.length, 'item')} removed,{' '}
        {plural(diff.edited.length, 'item')} edited{diff.summaryChanged ? '; the summary changed' : ''}
        {diff.designUrlChanged ? '; the design link changed' : ''}.
      </p>
      {diff.added.length > 0 && (
        <section aria-labelledby="wt-diff-added">
          <h4 id="wt-diff-added">Added</h4>
          <ul className="up-wt-items">
            {diff.added.map((item) => (
              <li key={item.id} className="up-wt-item up-wt-changed added" data-testid="wt-diff-added" data-item-id={item.id}>
                <DiffItem item={item} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.removed.length > 0 && (
        <section aria-labelledby="wt-diff-removed">
          <h4 id="wt-diff-removed">Removed</h4>
          <ul className="up-wt-items">
            {diff.removed.map((item) => (
              <li key={item.id} className="up-wt-item up-wt-changed removed" data-testid="wt-diff-removed" data-item-id={item.id}>
                <del>
                  <DiffItem item={item} />
                </del>
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.edited.length > 0 && (
        <section aria-labelledby="wt-diff-edited">
          <h4 id="wt-diff-edited">Edited</h4>
          <ul className="up-wt-items">
            {diff.edited.map((edit) => (
              <li key={edit.id} className="up-wt-item up-wt-changed edited" data-testid="wt-diff-edited" data-item-id={edit.id}>
                <DiffItem item={edit.after} />
                <ul className="up-wt-fieldchanges">
                  {edit.fields.map((change) => (
                    <li key={change.field}>
                      <span className="up-wt-label">{FIELD_NAME[change.field]}: </span>
                      <del>{fieldValueText(change.field, change.before)}</del> → <ins>{fieldValueText(change.field, change.after)}</ins>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function LoadedDiff({ issueKey, from, to }: { issueKey: string; from: number; to: number }) {
  const diff = useResolver('walkthrough.diff', { issueKey, from, to });
  if (diff.state === 'loading') return <Loading what={`the changes from version ${from} to ${to}`} />;
  if (diff.state === 'error') return <LazyErrorMessage error={diff.error} onRetry={diff.reload} />;
  return <DiffLists diff={diff.data} />;
}

/** Compare any two versions: by default the one before the latest with the latest. */
export function CompareView({ issueKey, versions }: { issueKey: string; versions: VersionSummary[] }) {
  const options: Option[] = versions.map((v) => ({ value: v.version, label: `Version ${v.version} · ${v.author.displayName}` }));
  const latest = versions[0]?.version ?? 1;
  const [from, setFrom] = useState(versions[1]?.version ?? latest);
  const [to, setTo] = useState(latest);
  if (versions.length < 2) return <p className="up-wt-muted">There is one version so far: compare becomes useful once the designer adds version 2.</p>;
  return (
    <div className="up-wt-compare" data-testid="wt-compare">
      <div className="up-wt-compare-pickers">
        <div>
          <label htmlFor="wt-compare-from" className="up-wt-label">
            From
          </label>
          <Select<Option> inputId="wt-compare-from" options={options} value={options.find((o) => o.value === from) ?? null} onChange={(o) => o && setFrom(o.value)} />
        </div>
        <div>
          <label htmlFor="wt-compare-to" className="up-wt-label">
            To
          </label>
          <Select<Option> inputId="wt-compare-to" options={options} value={options.find((o) => o.value === to) ?? null} onChange={(o) => o && setTo(o.value)} />
        </div>
      </div>
      {from === to ? <p className="up-wt-muted">Choose two different versions to compare.</p> : <LoadedDiff issueKey={issueKey} from={from} to={to} />}
    </div>
  );
}

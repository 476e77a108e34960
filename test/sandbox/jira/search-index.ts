/**
 * Jira's search index lags its database. `search/jql` (and `search/approximate-count`) run on an eventually
 * consistent index: an issue created, edited, given an app field value or a property is found — and rendered —
 * as it was until the index catches up, typically within seconds ("Search and reconcile" in Atlassian's docs),
 * while GET issue and `issue/bulkfetch` read the database and see the write at once. `reconcileIssues` (up to 50
 * ids) asks search to read those issues from the database instead.
 *
 * The emulator keeps, per issue written since it was last fully indexed, what the index holds and the versions
 * still on their way with the time each becomes searchable. With `delayMs` 0 (the default) nothing lags.
 */
import type { JiraIssue, JiraSite } from './model';

interface Lagging {
  /** The issue as search sees it now; null while a new issue is not yet indexed at all. */
  indexed: JiraIssue | null;
  /** Later versions, oldest first, each with the moment it becomes searchable. */
  pending: Array<{ at: number; state: JiraIssue }>;
}

/** Each issue as JSON, to tell afterwards which ones a write changed and what they were before it. */
export type IssueSnapshot = Map<string, string>;

export class SearchIndex {
  /** How long after a write search sees it, in ms. */
  delayMs = 0;
  private readonly lagging = new Map<string, Lagging>();

  constructor(private readonly clock: () => number) {}

  /** Worth taking only when writes lag: a full copy of the site's issues per write. */
  get lags(): boolean {
    return this.delayMs > 0;
  }

  snapshot(site: JiraSite): IssueSnapshot {
    return new Map(site.issues.map((issue) => [issue.id, JSON.stringify(issue)]));
  }

  /** After a successful write: every issue that differs from `before` becomes searchable only after the delay. */
  recordWrite(site: JiraSite, before: IssueSnapshot): void {
    const at = this.clock() + this.delayMs;
    for (const issue of site.issues) {
      const was = before.get(issue.id);
      const now = JSON.stringify(issue);
      if (was === now) continue;
      const entry = this.lagging.get(issue.id) ?? { indexed: was === undefined ? null : (JSON.parse(was) as JiraIssue), pending: [] };
      entry.pending.push({ at, state: JSON.parse(now) as JiraIssue });
      this.lagging.set(issue.id, entry);
    }
  }

  /**
   * The issues as search sees them now, in site order; `reconciled` issue ids are read from the site itself.
   * Issues created but not yet indexed are absent (unless reconciled).
   */
  searchable(site: JiraSite, reconciled: ReadonlySet<string> = new Set()): JiraIssue[] {
    this.catchUp();
    if (this.lagging.size === 0) return site.issues;
    const visible: JiraIssue[] = [];
    for (const issue of site.issues) {
      const entry = this.lagging.get(issue.id);
      if (!entry || reconciled.has(issue.id)) visible.push(issue);
      else if (entry.indexed) visible.push(entry.indexed);
    }
    return visible;
  }

  /** Whether any write is still on its way to the index (tests wait on this rather than on a fixed sleep). */
  get pending(): boolean {
    this.catchUp();
    return this.lagging.size > 0;
  }

  private catchUp(): void {
    const now = this.clock();
    for (const [id, entry] of this.lagging) {
      while (entry.pending.length > 0 && entry.pending[0].at <= now) {
        entry.indexed = entry.pending.shift()?.state ?? entry.indexed;
      }
      if (entry.pending.length === 0) this.lagging.delete(id);
    }
  }
}

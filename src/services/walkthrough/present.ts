/**
 * Stored walkthrough records as the contract shows them: people with the names stored beside their ids (a
 * signature, like a comment's), times as ISO strings, design links as link cards, diffs as data, and one
 * acknowledgement per person (the latest version they acknowledged).
 */
import type { WalkthroughDiffDto, WalkthroughVersionDto, WalkthroughViewDto } from '../../contract';
import { designLinkOf, type WalkthroughItem } from '../../domain/walkthrough';
import { changesSince, diffVersions, isEmptyDiff, type WalkthroughDiff } from '../../domain/walkthrough-diff';
import type { StoredWalkthroughVersion, WalkthroughAck, WalkthroughQuestion } from '../../store/walkthrough-repository';

export const FORMER_USER = 'A former user';
export const ENGINEERING_ROLE = 'engineering';

const iso = (ms: number): string => new Date(ms).toISOString();
const person = (accountId: string, name: string | null) => ({ accountId, displayName: name ?? FORMER_USER });

/** A stored link that no longer passes the check (the rule tightened) is still shown, as a plain link. */
const linkCard = (url: string) => designLinkOf(url) ?? { url, kind: 'other' as const, label: 'Design link', frame: null };

export const versionSummaryOf = (v: StoredWalkthroughVersion) => ({
  version: v.version,
  author: person(v.authorAccountId, v.authorName),
  createdAt: iso(v.createdAt),
  designLink: linkCard(v.designUrl),
  summary: v.summary,
});

export const versionOf = (v: StoredWalkthroughVersion & { items: WalkthroughItem[] }): WalkthroughVersionDto => ({ ...versionSummaryOf(v), items: v.items });

export const diffOf = (from: number | null, to: number, diff: WalkthroughDiff): WalkthroughDiffDto => ({ from, to, ...diff, empty: isEmptyDiff(diff) });

/** Two stored versions' difference, by item id. */
export const diffBetween = (a: StoredWalkthroughVersion & { items: WalkthroughItem[] }, b: StoredWalkthroughVersion & { items: WalkthroughItem[] }): WalkthroughDiffDto =>
  diffOf(a.version, b.version, diffVersions(a, b));

export const hasItems = (v: StoredWalkthroughVersion | undefined): v is StoredWalkthroughVersion & { items: WalkthroughItem[] } => v !== undefined && v.items !== null;

/** Each person's latest acknowledgement, latest versions first. */
export function latestAckPerPerson(acks: readonly WalkthroughAck[]): WalkthroughAck[] {
  const byPerson = new Map<string, WalkthroughAck>();
  for (const ack of acks) {
    const seen = byPerson.get(ack.accountId);
    if (!seen || ack.version > seen.version) byPerson.set(ack.accountId, ack);
  }
  return [...byPerson.values()].sort((a, b) => b.version - a.version || a.at - b.at);
}

export const isEngineerAck = (ack: WalkthroughAck): boolean => ack.roles.includes(ENGINEERING_ROLE);

export const acknowledgementOf = (ack: WalkthroughAck, latest: number | null) => ({
  person: person(ack.accountId, ack.displayName),
  version: ack.version,
  at: iso(ack.at),
  engineer: isEngineerAck(ack),
  ofLatest: ack.version === latest,
});

function questionOf(q: WalkthroughQuestion, versions: readonly StoredWalkthroughVersion[]) {
  const item = versions.find((v) => v.version === q.version)?.items?.find((i) => i.id === q.itemId);
  return {
    id: q.id,
    version: q.version,
    itemId: q.itemId,
    itemTitle: item?.title ?? null,
    askedBy: person(q.askedBy, q.askedByName),
    text: q.text,
    askedAt: iso(q.askedAt),
    answer: q.answer ? { text: q.answer.text, by: person(q.answer.by, q.answer.byName), at: iso(q.answer.at) } : null,
  };
}

export interface ViewInputs {
  issueKey: string;
  reader: string;
  permissions: { browse: boolean; edit: boolean };
  /** Oldest first; items present for the latest and the reader's acknowledged version. */
  versions: readonly StoredWalkthroughVersion[];
  acks: readonly WalkthroughAck[];
  questions: readonly WalkthroughQuestion[];
}

/** The walkthrough as one reader sees it: what changed since they last acknowledged, and what they may do. */
export function viewOf(input: ViewInputs): WalkthroughViewDto {
  const latest = input.versions.at(-1);
  const latestNumber = latest?.version ?? null;
  const mine = input.acks.filter((a) => a.accountId === input.reader).reduce<number | null>((best, a) => (best === null || a.version > best ? a.version : best), null);
  const withItems = input.versions.filter(hasItems);
  const since = latest && hasItems(latest) ? changesSince(withItems, mine) : null;
  const canEdit = input.permissions.edit;
  return {
    issueKey: input.issueKey,
    latest: latest && hasItems(latest) ? versionOf(latest) : null,
    versions: [...input.versions].reverse().map(versionSummaryOf),
    acknowledgements: latestAckPerPerson(input.acks).map((ack) => acknowledgementOf(ack, latestNumber)),
    you: {
      acknowledgedVersion: mine,
      changesSinceAcknowledged: since && since.latest !== null ? diffOf(since.since, since.latest, since.diff) : null,
    },
    questions: input.questions.map((q) => questionOf(q, input.versions)),
    can: {
      addVersion: canEdit,
      acknowledge: latest !== undefined,
      ask: latest !== undefined,
      answer: canEdit,
      reason: canEdit
        ? null
        : `You can see ${input.issueKey} but not edit it, so you can acknowledge versions and ask questions, but not add versions or answer questions. Ask a project admin for Edit Issues permission.`,
    },
  };
}

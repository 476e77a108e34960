/**
 * Reading an issue's walkthrough: the view (everything a reader sees, in one round trip — the permission check
 * as the user and the two SQL statements side by side), one version in full, and the diff of two versions.
 * Walkthroughs are app data, so each answer is given only once Jira has said, as the caller, that they may
 * browse the issue.
 */
import type { ResolverOutput } from '../../contract';
import { AppError } from '../../errors';
import { myIssuePermissions } from '../../jira/issue-permissions';
import { walkthroughActivity, walkthroughVersionsForReader, walkthroughVersionsWithItems } from '../../store/walkthrough-repository';
import { diffBetween, hasItems, versionOf, viewOf } from './present';

/** The caller's permissions on the issue, refusing one they cannot browse (as Jira does: it may not exist). */
export async function browsableIssue(issueKey: string): Promise<{ browse: boolean; edit: boolean }> {
  const permissions = await myIssuePermissions(issueKey);
  if (!permissions.browse) throw new AppError('not-found', `Issue ${issueKey} does not exist, or you do not have permission to see it.`);
  return permissions;
}

export async function walkthroughView(issueKey: string, reader: string): Promise<ResolverOutput<'walkthrough.view'>> {
  const [permissions, versions, activity] = await Promise.all([browsableIssue(issueKey), walkthroughVersionsForReader(issueKey, reader), walkthroughActivity(issueKey)]);
  return viewOf({ issueKey, reader, permissions, versions, acks: activity.acks, questions: activity.questions });
}

const noVersion = (issueKey: string, version: number) =>
  new AppError('not-found', `${issueKey} has no walkthrough version ${version}. Reload the walkthrough to see its versions.`);

export async function walkthroughVersion(issueKey: string, version: number): Promise<ResolverOutput<'walkthrough.version'>> {
  const [, found] = await Promise.all([browsableIssue(issueKey), walkthroughVersionsWithItems(issueKey, [version])]);
  const stored = found.find((v) => v.version === version);
  if (!hasItems(stored)) throw noVersion(issueKey, version);
  return versionOf(stored);
}

export async function walkthroughDiff(issueKey: string, from: number, to: number): Promise<ResolverOutput<'walkthrough.diff'>> {
  const [, found] = await Promise.all([browsableIssue(issueKey), walkthroughVersionsWithItems(issueKey, [from, to])]);
  const a = found.find((v) => v.version === from);
  const b = found.find((v) => v.version === to);
  if (!hasItems(a)) throw noVersion(issueKey, from);
  if (!hasItems(b)) throw noVersion(issueKey, to);
  return diffBetween(a, b);
}

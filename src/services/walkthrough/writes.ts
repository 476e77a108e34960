/**
 * Changing a walkthrough: a designer adds a version (never rewriting one) and answers questions; anyone who may
 * browse the issue acknowledges a version or asks a question on an item. Every change is checked before it is
 * written — permissions as the caller, the version and item it names — and is one SQL statement, so refused
 * input writes nothing. Each answers with the walkthrough as it now is and the issue's readiness.
 */
import { randomUUID } from 'node:crypto';
import type { ResolverOutput, WalkthroughItemInput } from '../../contract';
import type { WalkthroughItem } from '../../domain/walkthrough';
import { AppError } from '../../errors';
import { displayNamesOf } from '../../jira/users';
import {
  answerWalkthroughQuestion,
  insertWalkthroughQuestion,
  insertWalkthroughVersion,
  latestWalkthroughVersion,
  recordWalkthroughAck,
  walkthroughActivity,
  walkthroughQuestionById,
  walkthroughVersionsForReader,
  walkthroughVersionsWithItems,
} from '../../store/walkthrough-repository';
import { clock } from '../clock';
import { teamRolesOf } from './team-roles';
import { viewOf } from './present';
import { issueForReadiness, judgeReadiness, walkthroughFactsOf } from './readiness';
import { browsableIssue } from './reads';

type WriteAnswer = ResolverOutput<'walkthrough.acknowledge'>;
type Permissions = { browse: boolean; edit: boolean };

/** The walkthrough as it now is, for the reader, and the issue's readiness (the issue read beside the SQL reads). */
async function answerAfterChange(issueKey: string, reader: string, permissions: Permissions): Promise<WriteAnswer> {
  const [versions, activity, issue] = await Promise.all([walkthroughVersionsForReader(issueKey, reader), walkthroughActivity(issueKey), issueForReadiness(issueKey)]);
  const view = viewOf({ issueKey, reader, permissions, versions, acks: activity.acks, questions: activity.questions });
  const readiness = await judgeReadiness(issue, walkthroughFactsOf(versions, activity.acks));
  return { view, readiness };
}

const nameOf = async (accountId: string): Promise<string | null> => (await displayNamesOf([accountId])).get(accountId) ?? null;

function requireEdit(issueKey: string, permissions: Permissions, what: string): void {
  if (!permissions.edit) {
    throw new AppError('forbidden', `You can see ${issueKey} but do not have permission to edit it, so you cannot ${what}. Ask a project admin for Edit Issues permission.`);
  }
}

/** New items get an id here; items carried over from the version edited keep theirs. */
function withIds(items: readonly WalkthroughItemInput[]): WalkthroughItem[] {
  return items.map((item) => ({ ...item, id: item.id ?? `item-${randomUUID().slice(0, 13)}` }) as WalkthroughItem);
}

export interface NewVersionRequest {
  issueKey: string;
  basedOn: number | null;
  designUrl: string;
  summary: string;
  items: WalkthroughItemInput[];
}

const conflict = (issueKey: string, basedOn: number | null, latest: number | null) =>
  new AppError(
    'conflict',
    latest === null
      ? `${issueKey} has no walkthrough yet, so there is no version ${basedOn ?? 1} to build on. Nothing was saved; your draft is still here: save it as version 1.`
      : `Someone else saved version ${latest} of this walkthrough since you opened version ${basedOn ?? 'none'}. Nothing was saved and your draft is still here: reload to see version ${latest}, then save your changes on top of it.`,
  );

export async function addWalkthroughVersion(request: NewVersionRequest, author: string): Promise<WriteAnswer> {
  const { issueKey, basedOn } = request;
  if (basedOn === null && request.items.some((item) => item.kind === 'change')) {
    throw new AppError('invalid-input', 'Version 1 has no earlier version to change: describe those items as what is new. Nothing was saved.', {
      fields: { items: 'A first version has no changes.' },
    });
  }
  const [permissions, latest, authorName] = await Promise.all([browsableIssue(issueKey), latestWalkthroughVersion(issueKey), nameOf(author)]);
  requireEdit(issueKey, permissions, 'add a walkthrough version');
  if ((latest ?? null) !== basedOn) throw conflict(issueKey, basedOn, latest);
  const landed = await insertWalkthroughVersion({
    issueKey,
    basedOn,
    authorAccountId: author,
    authorName,
    createdAt: clock.now().getTime(),
    designUrl: request.designUrl,
    summary: request.summary,
    items: withIds(request.items),
  });
  if (!landed) throw conflict(issueKey, basedOn, await latestWalkthroughVersion(issueKey));
  return answerAfterChange(issueKey, author, permissions);
}

/** Acknowledging needs only browse permission: an engineer may acknowledge a design on an issue they cannot edit. */
export async function acknowledgeWalkthrough(request: { issueKey: string; version: number }, accountId: string): Promise<WriteAnswer> {
  const { issueKey, version } = request;
  const [permissions, latest, displayName, roles] = await Promise.all([browsableIssue(issueKey), latestWalkthroughVersion(issueKey), nameOf(accountId), teamRolesOf(accountId)]);
  // Versions are never deleted, so every number up to the latest exists.
  if (latest === null || version > latest) {
    throw new AppError('not-found', `${issueKey} has no walkthrough version ${version}${latest === null ? '' : ` (the latest is ${latest})`}. Nothing was acknowledged; reload the walkthrough.`);
  }
  await recordWalkthroughAck(issueKey, { accountId, version, at: clock.now().getTime(), displayName, roles });
  return answerAfterChange(issueKey, accountId, permissions);
}

export async function askAboutWalkthroughItem(request: { issueKey: string; version: number; itemId: string; text: string }, accountId: string): Promise<WriteAnswer> {
  const { issueKey, version, itemId } = request;
  const [permissions, found, askedByName] = await Promise.all([browsableIssue(issueKey), walkthroughVersionsWithItems(issueKey, [version]), nameOf(accountId)]);
  const stored = found.find((v) => v.version === version);
  if (!stored) throw new AppError('not-found', `${issueKey} has no walkthrough version ${version}. Nothing was asked; reload the walkthrough.`);
  if (!(stored.items ?? []).some((item) => item.id === itemId)) {
    throw new AppError('not-found', `Version ${version} of the walkthrough has no item ${itemId}. Nothing was asked; reload the walkthrough and ask on the item again.`);
  }
  await insertWalkthroughQuestion({ issueKey, version, itemId, askedBy: accountId, askedByName, text: request.text, askedAt: clock.now().getTime() });
  return answerAfterChange(issueKey, accountId, permissions);
}

/** The designer answers: answering needs edit permission, and a question is answered once. */
export async function answerWalkthroughItemQuestion(request: { issueKey: string; questionId: string; text: string }, accountId: string): Promise<WriteAnswer> {
  const { issueKey, questionId } = request;
  const [permissions, byName] = await Promise.all([browsableIssue(issueKey), nameOf(accountId)]);
  requireEdit(issueKey, permissions, 'answer questions on its walkthrough');
  const landed = await answerWalkthroughQuestion(issueKey, questionId, { text: request.text, by: accountId, byName, at: clock.now().getTime() });
  if (!landed) {
    const question = await walkthroughQuestionById(issueKey, questionId);
    if (!question) throw new AppError('not-found', `${issueKey} has no walkthrough question ${questionId}. Nothing was saved; reload the walkthrough.`);
    throw new AppError('conflict', `${question.answer?.byName ?? 'Someone'} already answered this question. Nothing was saved; reload the walkthrough to read their answer.`);
  }
  return answerAfterChange(issueKey, accountId, permissions);
}

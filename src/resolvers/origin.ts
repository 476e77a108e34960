import { originCandidates } from '../services/origin/candidates';
import { linkIssueOrigin, markIssueOriginNone, unlinkIssueOrigin } from '../services/origin/linking';
import type { PracticeResolvers } from './define';

export const originResolvers: PracticeResolvers<'origin'> = {
  'origin.link': (input, caller) => linkIssueOrigin(input, caller.accountId),
  'origin.unlink': (input, caller) => unlinkIssueOrigin(input, caller.accountId),
  'origin.markNone': ({ issueKey }, caller) => markIssueOriginNone(issueKey, caller.accountId),
  'origin.candidates': ({ issueKey, query }) => originCandidates(issueKey, query),
};

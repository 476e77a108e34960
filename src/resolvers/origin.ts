import { issueContext } from '../services/panel/context';
import { originCandidates } from '../services/origin/candidates';
import { linkIssueOrigin, markIssueOriginNone, unlinkIssueOrigin } from '../services/origin/linking';
import type { ResolverImplementation } from './define';

export const originResolvers: {
  'panel.context': ResolverImplementation<'panel.context'>;
  'origin.link': ResolverImplementation<'origin.link'>;
  'origin.unlink': ResolverImplementation<'origin.unlink'>;
  'origin.markNone': ResolverImplementation<'origin.markNone'>;
  'origin.candidates': ResolverImplementation<'origin.candidates'>;
} = {
  'panel.context': ({ issueKey }) => issueContext(issueKey),
  'origin.link': (input, caller) => linkIssueOrigin(input, caller.accountId),
  'origin.unlink': (input, caller) => unlinkIssueOrigin(input, caller.accountId),
  'origin.markNone': ({ issueKey }, caller) => markIssueOriginNone(issueKey, caller.accountId),
  'origin.candidates': ({ issueKey, query }) => originCandidates(issueKey, query),
};

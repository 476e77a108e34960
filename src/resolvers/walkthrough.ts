import { walkthroughDiff, walkthroughVersion, walkthroughView } from '../services/walkthrough/reads';
import { acknowledgeWalkthrough, addWalkthroughVersion, answerWalkthroughItemQuestion, askAboutWalkthroughItem } from '../services/walkthrough/writes';
import type { PracticeResolvers } from './define';

export const walkthroughResolvers: PracticeResolvers<'walkthrough'> = {
  'walkthrough.view': ({ issueKey }, caller) => walkthroughView(issueKey, caller.accountId),
  'walkthrough.version': ({ issueKey, version }) => walkthroughVersion(issueKey, version),
  'walkthrough.diff': ({ issueKey, from, to }) => walkthroughDiff(issueKey, from, to),
  'walkthrough.addVersion': (input, caller) => addWalkthroughVersion(input, caller.accountId),
  'walkthrough.acknowledge': (input, caller) => acknowledgeWalkthrough(input, caller.accountId),
  'walkthrough.ask': (input, caller) => askAboutWalkthroughItem(input, caller.accountId),
  'walkthrough.answer': (input, caller) => answerWalkthroughItemQuestion(input, caller.accountId),
};

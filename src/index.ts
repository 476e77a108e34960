/** The handlers manifest.yml names, and nothing else. */
import { buildResolverHandler } from './resolvers';

export const resolverHandler = buildResolverHandler();
export { signalIntakeHandler } from './webtriggers/signal-intake';
export { sprintClosedHandler } from './triggers/sprint-closed';
export { workTypeChangedHandler } from './triggers/work-type-changed';
export { issueShippedHandler } from './triggers/issue-shipped';
export { signalWorkHandler } from './triggers/signal-work';
export { sweeperHandler } from './triggers/sweeper';

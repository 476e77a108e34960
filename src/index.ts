/** The handlers manifest.yml names, and nothing else. */
import { buildResolver } from './resolvers';

export const resolverHandler = buildResolver().getDefinitions();
export { signalIntakeHandler } from './webtriggers/signal-intake';
export { sprintClosedHandler } from './triggers/sprint-closed';
export { workTypeChangedHandler } from './triggers/work-type-changed';

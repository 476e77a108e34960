import { triageOverview } from '../services/surface-overviews';
import type { ResolverImplementation } from './define';

export const triageQueueResolvers: { 'triage.overview': ResolverImplementation<'triage.overview'> } = {
  'triage.overview': ({ projectKey }) => triageOverview(projectKey),
};

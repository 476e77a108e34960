import { issueOverview } from '../services/surface-overviews';
import type { ResolverImplementation } from './define';

export const contextPanelResolvers: { 'panel.overview': ResolverImplementation<'panel.overview'> } = {
  'panel.overview': ({ issueKey }) => issueOverview(issueKey),
};

import { workTypeOfIssue } from '../services/surface-overviews';
import type { ResolverImplementation } from './define';

export const workTypeFieldResolvers: { 'workType.get': ResolverImplementation<'workType.get'> } = {
  'workType.get': ({ issueKey }) => workTypeOfIssue(issueKey),
};

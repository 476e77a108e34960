import { viewer } from '../services/viewer';
import type { PracticeResolvers } from './define';

export const viewerResolvers: PracticeResolvers<'viewer'> = {
  'viewer.get': () => viewer(),
};

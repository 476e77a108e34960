import { viewer } from '../services/surface-overviews';

export const viewerResolvers = {
  'viewer.get': () => viewer(),
};

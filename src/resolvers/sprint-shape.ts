import { visibleBoards } from '../services/surface-overviews';
import type { ResolverImplementation } from './define';

export const sprintShapeResolvers: { 'gadget.boards': ResolverImplementation<'gadget.boards'> } = {
  'gadget.boards': ({ nameContains }) => visibleBoards(nameContains || undefined),
};

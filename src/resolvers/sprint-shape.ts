import { visibleBoards } from '../services/sprint-shape/boards';
import { boardSprints, checkGadgetConfig, sprintShapeView } from '../services/sprint-shape/view';
import { sprintTrend } from '../services/sprint-shape/history';
import type { PracticeResolvers } from './define';

export const sprintShapeResolvers: PracticeResolvers<'sprintShape'> = {
  'sprintShape.boards': ({ nameContains }) => visibleBoards(nameContains || undefined),
  'sprintShape.sprints': ({ boardId }) => boardSprints(boardId),
  'sprintShape.checkConfig': ({ config }) => checkGadgetConfig(config),
  'sprintShape.get': ({ config }) => sprintShapeView(config),
  'sprintShape.trend': ({ boardId }) => sprintTrend(boardId),
};

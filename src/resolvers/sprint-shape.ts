import { visibleBoards } from '../services/surface-overviews';
import { boardSprints, checkGadgetConfig, sprintShapeView } from '../services/sprint-shape/view';
import { sprintTrend } from '../services/sprint-shape/history';
import { defaultTargetMix, saveDefaultTargetMix } from '../services/settings/target-mix';
import type { ResolverImplementation } from './define';

type SprintShapeKey =
  | 'gadget.boards'
  | 'gadget.sprints'
  | 'gadget.checkConfig'
  | 'sprintShape.get'
  | 'sprintShape.trend'
  | 'settings.targetMix.get'
  | 'settings.targetMix.save';

export const sprintShapeResolvers: { [K in SprintShapeKey]: ResolverImplementation<K> } = {
  'gadget.boards': ({ nameContains }) => visibleBoards(nameContains || undefined),
  'gadget.sprints': ({ boardId }) => boardSprints(boardId),
  'gadget.checkConfig': ({ config }) => checkGadgetConfig(config),
  'sprintShape.get': ({ config }) => sprintShapeView(config),
  'sprintShape.trend': ({ boardId }) => sprintTrend(boardId),
  'settings.targetMix.get': () => defaultTargetMix(),
  'settings.targetMix.save': ({ target }) => saveDefaultTargetMix(target),
};

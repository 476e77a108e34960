import { issueContext } from '../services/panel/context';
import type { PracticeResolvers } from './define';

export const panelResolvers: PracticeResolvers<'panel'> = {
  'panel.context': ({ issueKey }, { accountId }) => issueContext(issueKey, accountId),
};

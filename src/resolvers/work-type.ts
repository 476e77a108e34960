import { setWorkType, setWorkTypes } from '../services/work-type/classification';
import { workTypeOfIssue } from '../services/work-type/field-value';
import type { PracticeResolvers } from './define';

export const workTypeResolvers: PracticeResolvers<'workType'> = {
  'workType.get': ({ issueKey }) => workTypeOfIssue(issueKey),
  'workType.set': (input, caller) => setWorkType(input, caller.accountId),
  'workType.setMany': ({ assignments }, caller) => setWorkTypes(assignments, caller.accountId),
};

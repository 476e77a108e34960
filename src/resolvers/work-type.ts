import { setWorkType, setWorkTypes } from '../services/work-type/classification';
import { unclassifiedIssues } from '../services/triage/unclassified';
import type { ResolverImplementation } from './define';

export const workTypeResolvers: {
  'workType.set': ResolverImplementation<'workType.set'>;
  'workType.setMany': ResolverImplementation<'workType.setMany'>;
  'triage.unclassified': ResolverImplementation<'triage.unclassified'>;
} = {
  'workType.set': (input, caller) => setWorkType(input, caller.accountId),
  'workType.setMany': ({ assignments }, caller) => setWorkTypes(assignments, caller.accountId),
  'triage.unclassified': (input) => unclassifiedIssues(input),
};

import { pipelineHealth } from '../services/triage/health';
import { triageOverview } from '../services/triage/overview';
import { unclassifiedIssues } from '../services/triage/unclassified';
import type { PracticeResolvers } from './define';

export const triageResolvers: PracticeResolvers<'triage'> = {
  'triage.overview': ({ projectKey }) => triageOverview(projectKey),
  'triage.unclassified': (input) => unclassifiedIssues(input),
  'triage.health': (input) => pipelineHealth(input),
};

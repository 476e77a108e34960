/**
 * Where the routing dialog may send signals (`signals.routeProjects`, `signals.epics`): asked of Jira as the
 * lead, and only once Jira has said they may triage the project — someone who may not route is told so before
 * anything is listed.
 */
import { projectsCallerCanCreateIn, searchEpics, type EpicChoice } from '../../jira/route-targets';
import { requireSignalTriager } from './access';

export async function projectsToRouteTo(projectKey: string): Promise<{ projects: Array<{ key: string; name: string }> }> {
  await requireSignalTriager(projectKey);
  return { projects: await projectsCallerCanCreateIn() };
}

export async function epicsToRouteTo(projectKey: string, inProject: string, query: string): Promise<{ epics: EpicChoice[] }> {
  await requireSignalTriager(projectKey);
  return { epics: await searchEpics(inProject, query) };
}

import { router } from '@forge/bridge';

/**
 * Where an origin record is looked after. Signals and discovery notes get their own pages in later issues; until
 * then both open the triage queue of the project, where they will live as tabs.
 */
export function openTriage(projectKey: string): void {
  router.open({ target: 'module', moduleKey: 'triage-queue', projectKey }).catch((error: unknown) => {
    console.warn('Upstream: could not open the triage page', error);
  });
}

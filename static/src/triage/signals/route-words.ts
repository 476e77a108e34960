/** The routes as a product lead reads them, and what each asks for. Pure. */
import type { SignalRoute } from '../../../../src/domain/signals';

export const ROUTE_LABELS: Readonly<Record<SignalRoute, string>> = {
  roadmap: 'Roadmap',
  'quick-fix': 'Quick fix',
  'parking-lot': 'Parking lot',
  declined: 'Declined',
  duplicate: 'Duplicate',
};

/** A route a later version adds shows as it is stored. */
export const routeLabel = (route: string): string => (ROUTE_LABELS as Record<string, string>)[route] ?? route;

/** One sentence under the dialog's title: what this route does. */
export const ROUTE_HINTS: Readonly<Record<SignalRoute, string>> = {
  roadmap: 'Link the signals to an epic (or a Jira Product Discovery idea), or create an epic for them.',
  'quick-fix': 'Create a Corrective issue with the customers’ words in a project you can create issues in.',
  'parking-lot': 'Keep it visible and ranked; it comes back to the Inbox when new evidence crosses the threshold.',
  declined: 'Say no, with the reason the people who raised these signals will read.',
  duplicate: 'Merge it into the cluster it duplicates (z undoes it).',
};

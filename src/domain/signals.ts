/**
 * The vocabulary of the signals practice, defined once: where a signal comes from, where it stands, how it is
 * categorised and where triage routes it. The webtrigger's body, the stored records and the UI all use these.
 */

/** The channels Upstream takes signals from. */
export const SIGNAL_SOURCES = ['slack', 'crm', 'csv', 'form', 'hubspot', 'zendesk', 'intercom', 'salesforce'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

/** Where a signal stands in triage. */
export const SIGNAL_STATES = ['new', 'triaged', 'routed'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

/** What a person heard: a request, a pain point, confusion about what the product does, a bug, or other. */
export const SIGNAL_CATEGORIES = ['request', 'pain-point', 'confusion', 'bug', 'other'] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

/** Where triage sends a signal (or its cluster). */
export const SIGNAL_ROUTES = ['roadmap', 'quick-fix', 'parking-lot', 'declined', 'duplicate'] as const;
export type SignalRoute = (typeof SIGNAL_ROUTES)[number];

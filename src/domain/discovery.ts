/**
 * The vocabulary of the discovery practice, defined once: a discovery note's statuses and the kinds of
 * engineering input an engineer adds to it.
 */

export const DISCOVERY_NOTE_STATUSES = ['draft', 'exploring', 'ready', 'archived'] as const;
export type DiscoveryNoteStatus = (typeof DISCOVERY_NOTE_STATUSES)[number];

export const ENGINEERING_INPUT_KINDS = ['constraint', 'question', 'risk', 'technical-shape'] as const;
export type EngineeringInputKind = (typeof ENGINEERING_INPUT_KINDS)[number];

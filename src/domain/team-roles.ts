/**
 * The team roles Upstream knows people by — who may add engineering input that counts, who designs, who triages,
 * who raises signals — defined once. Which Jira groups or project roles hold each is a setting (services/roles).
 */
export const TEAM_ROLES = ['engineering', 'design', 'product', 'sales'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

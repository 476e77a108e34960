/**
 * The rules behind work-type suggestions are data, not code: a Jira admin tunes them on the settings page, and
 * the defaults below ship with the app. Each rule maps one observable fact about an issue to a work type.
 */
import type { WorkType } from './work-type';

export interface SuggestionRules {
  /** Issue type name (as Jira names it, matched case-insensitively) → work type. */
  issueTypes: Record<string, WorkType>;
  /** Label (matched case-insensitively) → work type. */
  labels: Record<string, WorkType>;
  /** A word or short phrase found in summary or description (whole words, simple inflections) → work type. */
  keywords: Record<string, WorkType>;
}

/**
 * Tuned against the sandbox seed (see test/unit/suggestion-seed.test.ts for the agreement rate). Words are
 * kept to ones that rarely mean anything else in a product backlog: "support" is deliberately absent as a
 * keyword because "support has three tickets" reads Corrective, while "add support for" reads Innovative.
 */
export const DEFAULT_SUGGESTION_RULES: SuggestionRules = {
  issueTypes: { Bug: 'Corrective', Story: 'Innovative' },
  labels: {
    'tech-debt': 'Enabling',
    migration: 'Enabling',
    ci: 'Enabling',
    infrastructure: 'Enabling',
    'customer-reported': 'Corrective',
    bug: 'Corrective',
    feature: 'Innovative',
    ux: 'Innovative',
  },
  keywords: {
    upgrade: 'Enabling',
    migrate: 'Enabling',
    migration: 'Enabling',
    refactor: 'Enabling',
    ci: 'Enabling',
    pipeline: 'Enabling',
    deprecate: 'Enabling',
    dependency: 'Enabling',
    dependencies: 'Enabling',
    retire: 'Enabling',
    'feature flag': 'Enabling',
    alert: 'Enabling',
    dashboard: 'Enabling',
    document: 'Enabling',
    adr: 'Enabling',
    crash: 'Corrective',
    error: 'Corrective',
    broken: 'Corrective',
    fails: 'Corrective',
    regression: 'Corrective',
    fix: 'Corrective',
    incident: 'Corrective',
    wrong: 'Corrective',
    twice: 'Corrective',
    'times out': 'Corrective',
    add: 'Innovative',
    new: 'Innovative',
    allow: 'Innovative',
    launch: 'Innovative',
    export: 'Innovative',
    sync: 'Innovative',
    'let customers': 'Innovative',
    'let merchants': 'Innovative',
  },
};

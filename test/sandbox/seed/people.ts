/**
 * The people of Northwind Ledger, a B2B invoicing and payments company. Account ids are fixed strings in
 * Atlassian's shapes (the `712020:` + UUID form, and the older 24-hex form for long-standing accounts), so
 * tests and the host page's user switcher can name them.
 */
import type { JiraUser } from '../jira/model';

const EMAIL_DOMAIN = 'northwindledger.com';

/**
 * The groups Northwind's site admins put people in by what they do (beside Jira's own `jira-software-users`,
 * which everyone with Jira access is in). Upstream's team roles map to them by default, by name.
 */
const TEAM_GROUPS: Readonly<Record<JiraUser['role'], readonly string[]>> = {
  engineer: ['engineering'],
  designer: ['design'],
  'product-lead': ['product-management'],
  sales: ['sales'],
  admin: ['site-admins', 'jira-admins-northwind-ledger'],
  // Brightforge's contractor writes Northwind's product code, so the engineers' group is his too.
  contractor: ['engineering', 'contractors'],
};

const person = (
  accountId: string,
  displayName: string,
  role: JiraUser['role'],
  timeZone: string,
  extra: Partial<Pick<JiraUser, 'jiraAdmin' | 'active' | 'emailAddress' | 'groups'>> = {},
): JiraUser => ({
  accountId,
  displayName,
  emailAddress: extra.emailAddress ?? `${displayName.split(' ')[0]?.toLowerCase() ?? 'user'}@${EMAIL_DOMAIN}`,
  role,
  jiraAdmin: extra.jiraAdmin ?? false,
  active: extra.active ?? true,
  timeZone,
  groups: extra.groups ?? ['jira-software-users', ...TEAM_GROUPS[role]],
});

/** The six personas a session can act as. */
export const PRIYA_RAMAN = person('712020:1c3e5a7b-2d4f-4e6a-8b9c-0d1e2f3a4b5c', 'Priya Raman', 'engineer', 'Europe/London');
export const TOMAS_ORTEGA = person('712020:8f2a6c4e-1b3d-4a5f-9e7c-6d8b0a2c4e6f', 'Tomás Ortega', 'designer', 'Europe/Madrid', {
  emailAddress: `tomas@${EMAIL_DOMAIN}`,
});
export const HANNAH_OKAFOR = person('712020:3b7d9f1a-5c2e-4d8b-a6f0-1e3c5a7b9d2f', 'Hannah Okafor', 'product-lead', 'Europe/London');
/**
 * The sales reps' Atlassian accounts carry the email they have in the sandbox's Slack workspace
 * (SANDBOX_SLACK_USERS), so a signal they send from Slack finds their Jira account (services/signals/raiser-match.ts).
 */
const SLACK_EMAIL_DOMAIN = 'brightforge.dev';
export const MARCUS_BELL = person('712020:6e0a2c4f-8b1d-4f3a-b5c7-9d2e4f6a8c0b', 'Marcus Bell', 'sales', 'America/New_York', {
  emailAddress: `marcus@${SLACK_EMAIL_DOMAIN}`,
});
export const INGRID_SOLBERG = person('5b10ac8d82e05b22cc7d4ef5', 'Ingrid Solberg', 'admin', 'Europe/Oslo', { jiraAdmin: true });
export const DEV_KAPOOR = person('712020:d4c2b0a9-7e5f-4c3d-9b1a-2f4e6c8a0b3d', 'Dev Kapoor', 'contractor', 'Asia/Kolkata', {
  emailAddress: 'dev.kapoor@brightforge.dev',
});

/** Everyone else: the rest of the product teams, a second product lead and sales rep, and a leaver. */
export const GRACE_LIU = person('712020:a1b3c5d7-e9f0-4a2b-8c4d-6e8f0a1b2c3d', 'Grace Liu', 'product-lead', 'America/Toronto');
export const JORDAN_REYES = person('712020:f0e1d2c3-b4a5-4968-8776-5a4b3c2d1e0f', 'Jordan Reyes', 'sales', 'America/Chicago', {
  emailAddress: `jordan@${SLACK_EMAIL_DOMAIN}`,
});
export const KWAME_MENSAH = person('712020:2a4c6e8f-0b1d-4e3f-a5b7-c9d1e3f5a7b9', 'Kwame Mensah', 'engineer', 'Africa/Accra');
export const LENA_FISCHER = person('5d3e7a9c1b2f4e6a8c0d2e4f', 'Lena Fischer', 'engineer', 'Europe/Berlin');
export const RAFAEL_COSTA = person('712020:7b9d1f3a-5c7e-4a0b-92d4-6f8a0c2e4b6d', 'Rafael Costa', 'engineer', 'America/Sao_Paulo');
export const YUKI_TANAKA = person('712020:c8e0a2b4-d6f8-4a1c-b3e5-7f9a1c3e5b7d', 'Yuki Tanaka', 'engineer', 'Asia/Tokyo');
export const CHEN_WEI = person('712020:4f6a8c0e-2b4d-4f6a-8c0e-2b4d6f8a0c1e', 'Chen Wei', 'engineer', 'Asia/Singapore');
export const OLU_ADEYEMI = person('712020:9a1c3e5f-7b9d-4c1e-a3f5-b7d9f1a3c5e8', 'Olu Adeyemi', 'engineer', 'Europe/London');
export const SAM_WHITFIELD = person('712020:e5f7a9b1-c3d5-4e7f-9a1b-3c5d7e9f1a2b', 'Sam Whitfield', 'engineer', 'Europe/Dublin');
export const MAYA_LINDQVIST = person('712020:0c2e4a6b-8d0f-4b2d-86e8-a0c2e4f6b8d1', 'Maya Lindqvist', 'designer', 'Europe/Stockholm');
/** Left the company last quarter: deactivated, still the assignee of old platform work. */
export const ALEX_MOREAU = person('5c8e2a4b6d0f1a3c5e7b9d2f', 'Alex Moreau', 'engineer', 'Europe/Paris', { active: false });

export const SEED_USER_LIST: readonly JiraUser[] = [
  PRIYA_RAMAN,
  TOMAS_ORTEGA,
  HANNAH_OKAFOR,
  MARCUS_BELL,
  INGRID_SOLBERG,
  DEV_KAPOOR,
  GRACE_LIU,
  JORDAN_REYES,
  KWAME_MENSAH,
  LENA_FISCHER,
  RAFAEL_COSTA,
  YUKI_TANAKA,
  CHEN_WEI,
  OLU_ADEYEMI,
  SAM_WHITFIELD,
  MAYA_LINDQVIST,
  ALEX_MOREAU,
];

export type PersonaRole = 'engineer' | 'designer' | 'productLead' | 'sales' | 'admin' | 'restricted';

/** The personas by role, for the host page's user switcher and for tests. `restricted` cannot browse OPS. */
export const SEED_USERS: Readonly<Record<PersonaRole, string>> = {
  engineer: PRIYA_RAMAN.accountId,
  designer: TOMAS_ORTEGA.accountId,
  productLead: HANNAH_OKAFOR.accountId,
  sales: MARCUS_BELL.accountId,
  admin: INGRID_SOLBERG.accountId,
  restricted: DEV_KAPOOR.accountId,
};

/** Who works on what: assignees are drawn from a project's team. */
export interface ProjectTeam {
  engineers: readonly JiraUser[];
  designers: readonly JiraUser[];
  productLead: JiraUser;
}

export const TEAMS: Readonly<Record<'PAY' | 'INV' | 'OPS', ProjectTeam>> = {
  PAY: { engineers: [PRIYA_RAMAN, KWAME_MENSAH, LENA_FISCHER, RAFAEL_COSTA, DEV_KAPOOR], designers: [TOMAS_ORTEGA], productLead: HANNAH_OKAFOR },
  INV: { engineers: [YUKI_TANAKA, CHEN_WEI, OLU_ADEYEMI, DEV_KAPOOR], designers: [MAYA_LINDQVIST, TOMAS_ORTEGA], productLead: GRACE_LIU },
  OPS: { engineers: [SAM_WHITFIELD, RAFAEL_COSTA, CHEN_WEI], designers: [], productLead: HANNAH_OKAFOR },
};

export const SALES_REPS: readonly JiraUser[] = [MARCUS_BELL, JORDAN_REYES];

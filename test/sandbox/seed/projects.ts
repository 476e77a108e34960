/** The three projects, who may do what in each, and their boards. */
import type { JiraBoard, JiraProject, JiraUser, ProjectPermission } from '../jira/model';
import { STORY_POINTS_FIELD_ID } from './catalogue';
import { DEV_KAPOOR, GRACE_LIU, HANNAH_OKAFOR, SAM_WHITFIELD, SEED_USER_LIST } from './people';

export type ProjectKey = 'PAY' | 'INV' | 'OPS';
export const PROJECT_KEYS: readonly ProjectKey[] = ['PAY', 'INV', 'OPS'];

const CONTRIBUTOR: readonly ProjectPermission[] = ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'CREATE_ISSUES', 'LINK_ISSUES'];
const ADMINISTRATOR: readonly ProjectPermission[] = [...CONTRIBUTOR, 'ADMINISTER_PROJECTS'];
const VIEWER: readonly ProjectPermission[] = ['BROWSE_PROJECTS'];

const permissionsOf = (user: JiraUser): readonly ProjectPermission[] => {
  switch (user.role) {
    case 'admin':
    case 'product-lead':
      return ADMINISTRATOR;
    case 'sales':
      return VIEWER;
    default:
      return CONTRIBUTOR;
  }
};

/** Deactivated accounts hold nothing; the contractor's agreement covers the product code, not the platform. */
const projectPermissions = (projectKey: ProjectKey): Record<string, ProjectPermission[]> => {
  const permissions: Record<string, ProjectPermission[]> = {};
  for (const user of SEED_USER_LIST) {
    if (!user.active) continue;
    if (projectKey === 'OPS' && user.accountId === DEV_KAPOOR.accountId) continue;
    permissions[user.accountId] = [...permissionsOf(user)];
  }
  return permissions;
};

export const PROJECT_IDS: Readonly<Record<ProjectKey, string>> = { PAY: '10000', INV: '10001', OPS: '10002' };

export const seedProjects = (): JiraProject[] => [
  { id: PROJECT_IDS.PAY, key: 'PAY', name: 'Payments', projectTypeKey: 'software', leadAccountId: HANNAH_OKAFOR.accountId, permissions: projectPermissions('PAY') },
  { id: PROJECT_IDS.INV, key: 'INV', name: 'Invoicing', projectTypeKey: 'software', leadAccountId: GRACE_LIU.accountId, permissions: projectPermissions('INV') },
  { id: PROJECT_IDS.OPS, key: 'OPS', name: 'Platform/Ops', projectTypeKey: 'software', leadAccountId: SAM_WHITFIELD.accountId, permissions: projectPermissions('OPS') },
];

export const BOARD_IDS = { PAY: 1, INV: 2, OPS: 3 } as const;

export const seedBoards = (): JiraBoard[] => [
  {
    id: BOARD_IDS.PAY,
    name: 'Payments board',
    type: 'scrum',
    projectId: PROJECT_IDS.PAY,
    estimationFieldId: STORY_POINTS_FIELD_ID,
    filterJql: 'project = PAY ORDER BY Rank ASC',
    filterId: 10000,
  },
  {
    id: BOARD_IDS.INV,
    name: 'Invoicing board',
    type: 'scrum',
    projectId: PROJECT_IDS.INV,
    estimationFieldId: STORY_POINTS_FIELD_ID,
    filterJql: 'project = INV ORDER BY Rank ASC',
    filterId: 10001,
  },
  {
    id: BOARD_IDS.OPS,
    name: 'Platform board',
    type: 'kanban',
    projectId: PROJECT_IDS.OPS,
    estimationFieldId: null,
    filterJql: 'project = OPS ORDER BY Rank ASC',
    filterId: 10002,
  },
];

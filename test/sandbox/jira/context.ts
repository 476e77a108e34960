/**
 * What one request runs against: the site, who is calling, the app's identity and the registered property
 * aliases; plus the look-ups every handler needs (issue by id or key, project by id/key/name, user).
 */
import type { JiraBoard, JiraCustomField, JiraIssue, JiraProject, JiraSite, JiraSprint, JiraUser } from './model';
import { forgeFieldAri, WORK_TYPE_FIELD_KEY } from './model';
import type { PropertyAlias } from './property-aliases';

export type Caller = { kind: 'app' } | { kind: 'user'; user: JiraUser };

export interface EmulatorContext {
  site: JiraSite;
  caller: Caller;
  appId: string;
  environmentId: string;
  propertyAliases: readonly PropertyAlias[];
  now: Date;
  /**
   * The issues as search sees them: the search index lags writes by the emulator's index delay, so an issue just
   * written is found as it was (or, just created, not at all); `reconciled` issue ids are read as they are now.
   */
  searchableIssues(reconciled?: ReadonlySet<string>): readonly JiraIssue[];
}

export const SPRINT_FIELD_SCHEMA = 'com.pyxis.greenhopper.jira:gh-sprint';

export function findIssue(site: JiraSite, idOrKey: string): JiraIssue | undefined {
  const wanted = idOrKey.trim();
  if (/^\d+$/.test(wanted)) return site.issues.find((issue) => issue.id === wanted);
  const upper = wanted.toUpperCase();
  return site.issues.find((issue) => issue.key.toUpperCase() === upper);
}

export function findProject(site: JiraSite, idOrKey: string): JiraProject | undefined {
  const wanted = idOrKey.trim().toUpperCase();
  return site.projects.find((project) => project.id === wanted || project.key.toUpperCase() === wanted);
}

export function findProjectByAnyName(site: JiraSite, value: string): JiraProject | undefined {
  const lower = value.trim().toLowerCase();
  return findProject(site, value) ?? site.projects.find((project) => project.name.toLowerCase() === lower);
}

export const findUser = (site: JiraSite, accountId: string): JiraUser | undefined =>
  site.users.find((user) => user.accountId === accountId);

export const projectOf = (site: JiraSite, issue: JiraIssue): JiraProject => {
  const project = site.projects.find((candidate) => candidate.id === issue.projectId);
  if (!project) throw new Error(`Site is inconsistent: issue ${issue.key} names missing project ${issue.projectId}`);
  return project;
};

export const findBoard = (site: JiraSite, id: number): JiraBoard | undefined =>
  site.boards.find((board) => board.id === id);

export const findSprint = (site: JiraSite, id: number): JiraSprint | undefined =>
  site.sprints.find((sprint) => sprint.id === id);

export function findCustomField(site: JiraSite, idOrKey: string): JiraCustomField | undefined {
  return site.customFields.find((field) => field.id === idOrKey);
}

export const sprintField = (site: JiraSite): JiraCustomField | undefined =>
  site.customFields.find((field) => field.schemaCustom === SPRINT_FIELD_SCHEMA);

export const workTypeFieldAri = (ctx: Pick<EmulatorContext, 'appId' | 'environmentId'>): string =>
  forgeFieldAri(ctx.appId, ctx.environmentId, WORK_TYPE_FIELD_KEY);

/** `customfield_10020` → 10020. */
export function customFieldNumber(fieldId: string): number | undefined {
  const match = /^customfield_(\d+)$/.exec(fieldId);
  return match ? Number(match[1]) : undefined;
}

/** Jira's datetime format on issue fields: `2026-01-31T10:00:00.000+0000`. */
export function jiraDateTime(iso: string): string {
  return new Date(iso).toISOString().replace('Z', '+0000');
}

/**
 * What the host page knows about the site, read from the Jira emulator over its REST API, as Jira's own front
 * end would: platform facts (which issue, which project, the Forge field's id) are read as the app, which sees
 * everything; what a person sees on the issue view is read as that person, so permissions apply.
 */
import { z } from 'zod';
import type { RequestHandler, SandboxResponse } from '../http';
import { WORK_TYPES, type WorkType } from '../../../src/domain/work-type';

const issueRefSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    issuetype: z.object({ id: z.string(), name: z.string() }),
    project: z.object({ id: z.string(), key: z.string(), name: z.string(), projectTypeKey: z.string().optional() }),
  }),
});

const namedUserSchema = z.object({ displayName: z.string() }).nullable().optional();

const issueViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    summary: z.string(),
    status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }) }),
    issuetype: z.object({ name: z.string() }),
    project: z.object({ key: z.string(), name: z.string() }),
    priority: z.object({ name: z.string() }).nullable().optional(),
    assignee: namedUserSchema,
    reporter: namedUserSchema,
    labels: z.array(z.string()).optional(),
  }),
});

const projectSchema = z.object({ id: z.string(), key: z.string(), name: z.string(), projectTypeKey: z.string().optional() });
const projectPageSchema = z.object({ values: z.array(projectSchema) });
const searchSchema = z.object({
  issues: z.array(z.object({ key: z.string(), fields: z.object({ summary: z.string() }) })),
});
const fieldListSchema = z.array(
  z.object({ id: z.string(), name: z.string(), schema: z.object({ custom: z.string().optional() }).optional() }),
);
const userPageSchema = z.object({ values: z.array(z.object({ accountId: z.string(), displayName: z.string() })) });
const issueFieldValueSchema = z.object({ fields: z.record(z.string(), z.unknown()) });
const jiraErrorSchema = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});

const statusNameSchema = z.object({ name: z.string() });
const searchResultSchema = z.object({
  issues: z.array(z.object({ key: z.string(), fields: z.record(z.string(), z.unknown()) })),
  nextPageToken: z.string().optional(),
});

export type IssueSearchOutcome =
  | {
      ok: true;
      /** More than the 100 shown match. */
      more: boolean;
      issues: Array<{ key: string; summary: string; status: string; issueType: string; workType: WorkType | null }>;
    }
  | { ok: false; messages: string[] };

export interface IssueRef {
  id: string;
  key: string;
  typeId: string;
  typeName: string;
  project: { id: string; key: string; name: string; type: string };
}

export interface ProjectRef {
  id: string;
  key: string;
  name: string;
  type: string;
}

/** The issue view's own fields, as the person looking at it may see them. */
export type IssueView =
  | {
      visible: true;
      key: string;
      summary: string;
      status: { name: string; category: string };
      issueType: string;
      project: { key: string; name: string };
      priority: string | null;
      assignee: string | null;
      reporter: string | null;
      labels: string[];
    }
  | { visible: false; key: string; message: string };

export type FieldWriteOutcome = { ok: true } | { ok: false; status: number; message: string };

export class JiraRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function messageOf(response: SandboxResponse): string {
  const parsed = jiraErrorSchema.safeParse(response.body);
  if (parsed.success) {
    const messages = [...(parsed.data.errorMessages ?? []), ...Object.values(parsed.data.errors ?? {})];
    if (messages.length > 0) return messages.join(' ');
  }
  return `Jira answered ${response.status}`;
}

export class HostJira {
  private workTypeFieldIdCache: string | null = null;

  constructor(
    private readonly jira: RequestHandler,
    /** The Forge field's extension ARI (`…/static/work-type`), by which the field is found on the site. */
    private readonly workTypeFieldAri: string,
  ) {}

  /** A GET that answers null on 404 (absent or not visible to `asUser`), and throws on anything else unexpected. */
  private async get<T>(schema: z.ZodType<T>, path: string, asUser: string | null): Promise<T | null> {
    const response = await this.jira.handle({ method: 'GET', path, headers: { accept: 'application/json' }, asUser });
    if (response.status === 404) return null;
    if (response.status !== 200) throw new JiraRequestError(response.status, `GET ${path}: ${messageOf(response)}`);
    return schema.parse(response.body);
  }

  async issueRef(issueKey: string): Promise<IssueRef | null> {
    const issue = await this.get(issueRefSchema, `/rest/api/3/issue/${encodeURIComponent(issueKey)}?fields=issuetype,project`, null);
    if (!issue) return null;
    const { issuetype, project } = issue.fields;
    return {
      id: issue.id,
      key: issue.key,
      typeId: issuetype.id,
      typeName: issuetype.name,
      project: { id: project.id, key: project.key, name: project.name, type: project.projectTypeKey ?? 'software' },
    };
  }

  async projectRef(projectKey: string): Promise<ProjectRef | null> {
    const project = await this.get(projectSchema, `/rest/api/3/project/${encodeURIComponent(projectKey)}`, null);
    return project && { id: project.id, key: project.key, name: project.name, type: project.projectTypeKey ?? 'software' };
  }

  async projects(): Promise<ProjectRef[]> {
    const page = await this.get(projectPageSchema, '/rest/api/3/project/search?maxResults=50', null);
    return (page?.values ?? []).map((p) => ({ id: p.id, key: p.key, name: p.name, type: p.projectTypeKey ?? 'software' }));
  }

  /** A few issues of a project for the host page's issue picker, lowest keys first so the list is stable. */
  async sampleIssues(projectKey: string, count: number): Promise<Array<{ key: string; summary: string }>> {
    const jql = `project = "${projectKey}" ORDER BY key ASC`;
    const page = await this.get(
      searchSchema,
      `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&maxResults=${count}&fields=summary`,
      null,
    );
    return (page?.issues ?? []).map((issue) => ({ key: issue.key, summary: issue.fields.summary }));
  }

  async displayNames(accountIds: string[]): Promise<Map<string, string>> {
    const query = accountIds.map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
    const page = await this.get(userPageSchema, `/rest/api/3/user/bulk?${query}&maxResults=200`, null);
    return new Map((page?.values ?? []).map((user) => [user.accountId, user.displayName]));
  }

  async workTypeFieldId(): Promise<string> {
    if (this.workTypeFieldIdCache) return this.workTypeFieldIdCache;
    const fields = (await this.get(fieldListSchema, '/rest/api/3/field', null)) ?? [];
    const field = fields.find((candidate) => candidate.schema?.custom === this.workTypeFieldAri);
    if (!field) throw new Error(`The site has no field for ${this.workTypeFieldAri}; is the app installed in the seed?`);
    this.workTypeFieldIdCache = field.id;
    return field.id;
  }

  /**
   * The field's value as Jira hands it to the field's frames (`extension.fieldValue`): whatever is stored, even
   * a value the field's validation would refuse (written by another app or a migration), so the frames have to
   * cope with it as they would in Jira.
   */
  async workTypeValue(issueKey: string): Promise<unknown> {
    const fieldId = await this.workTypeFieldId();
    const issue = await this.get(issueFieldValueSchema, `/rest/api/3/issue/${encodeURIComponent(issueKey)}?fields=${fieldId}`, null);
    return issue?.fields[fieldId] ?? null;
  }

  async issueView(issueKey: string, accountId: string | null): Promise<IssueView> {
    if (!accountId) return { visible: false, key: issueKey, message: 'Sign in to see this issue.' };
    const issue = await this.get(
      issueViewSchema,
      `/rest/api/3/issue/${encodeURIComponent(issueKey)}?fields=summary,status,issuetype,project,priority,assignee,reporter,labels`,
      accountId,
    );
    if (!issue) {
      return {
        visible: false,
        key: issueKey,
        message: "This issue can't be viewed: it doesn't exist, or you don't have permission to see it.",
      };
    }
    const { fields } = issue;
    return {
      visible: true,
      key: issue.key,
      summary: fields.summary,
      status: { name: fields.status.name, category: fields.status.statusCategory.key },
      issueType: fields.issuetype.name,
      project: { key: fields.project.key, name: fields.project.name },
      priority: fields.priority?.name ?? null,
      assignee: fields.assignee?.displayName ?? null,
      reporter: fields.reporter?.displayName ?? null,
      labels: fields.labels ?? [],
    };
  }

  /**
   * Jira's issue search as the person sees it (`/issues/?jql=…`): the first 100 matches with the fields the
   * host's search page shows. Bad JQL comes back as Jira's own messages.
   */
  async searchIssues(jql: string, accountId: string | null): Promise<IssueSearchOutcome> {
    if (!accountId) return { ok: false, messages: ['Sign in to search.'] };
    const fieldId = await this.workTypeFieldId();
    const response = await this.jira.handle({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jql, maxResults: 100, fields: ['summary', 'status', 'issuetype', fieldId] }),
      asUser: accountId,
    });
    if (response.status !== 200) {
      const parsed = jiraErrorSchema.safeParse(response.body);
      const messages = parsed.success ? [...(parsed.data.errorMessages ?? []), ...Object.values(parsed.data.errors ?? {})] : [];
      return { ok: false, messages: messages.length ? messages : [`Jira answered ${response.status}.`] };
    }
    const page = searchResultSchema.parse(response.body);
    return {
      ok: true,
      more: page.nextPageToken !== undefined,
      issues: page.issues.map((issue) => ({
        key: issue.key,
        summary: String(issue.fields.summary ?? ''),
        status: statusNameSchema.safeParse(issue.fields.status).data?.name ?? '',
        issueType: statusNameSchema.safeParse(issue.fields.issuetype).data?.name ?? '',
        workType: (WORK_TYPES as readonly unknown[]).includes(issue.fields[fieldId]) ? (issue.fields[fieldId] as WorkType) : null,
      })),
    };
  }

  /** Saves the field as the person editing it, through the edit-issue operation Jira's issue view uses. */
  async writeWorkType(issueKey: string, value: WorkType | null, accountId: string): Promise<FieldWriteOutcome> {
    const fieldId = await this.workTypeFieldId();
    const response = await this.jira.handle({
      method: 'PUT',
      path: `/rest/api/3/issue/${encodeURIComponent(issueKey)}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { [fieldId]: value } }),
      asUser: accountId,
    });
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, status: response.status, message: messageOf(response) };
  }
}

/**
 * A frame's identity and the Forge extension context Jira would give it. The browser says which surface a
 * frame is (module, entry point, issue, project, gadget), as Jira's page does; the host looks up everything
 * else (ids, the field's value, the gadget's saved configuration) itself, and never takes the user from here.
 */
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { readManifest, SANDBOX_APP_ID, SANDBOX_ENVIRONMENT_ID, SANDBOX_SITE_URL } from '../sandbox';
import { ISSUE_KEY_PATTERN, PROJECT_KEY_PATTERN } from '../../../src/domain/issue-key';
import type { HostJira } from './host-jira';
import type { GadgetStore } from './gadget-store';

export const frameIdentitySchema = z
  .object({
    moduleKey: z.string().min(1).max(64),
    entryPoint: z.enum(['view', 'edit']).default('view'),
    issueKey: z.string().regex(ISSUE_KEY_PATTERN).nullish(),
    projectKey: z.string().regex(PROJECT_KEY_PATTERN).nullish(),
    gadgetId: z.string().regex(/^[0-9]{1,12}$/).nullish(),
  })
  .strict();
export type FrameIdentity = z.infer<typeof frameIdentitySchema>;

/** Why a frame cannot be given a context: the host answers 400/404 with this message. */
export class FrameError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** Module key → module type (`jira:issuePanel` …), read from manifest.yml so the host cannot drift from it. */
export function moduleTypesFromManifest(manifestText: string = readManifest()): Map<string, string> {
  const manifest: unknown = parseYaml(manifestText);
  const modules = z.object({ modules: z.record(z.string(), z.array(z.object({ key: z.string() }).passthrough())) }).parse(manifest);
  const types = new Map<string, string>();
  for (const [type, entries] of Object.entries(modules.modules)) {
    if (!type.startsWith('jira:')) continue;
    for (const entry of entries) types.set(entry.key, type);
  }
  return types;
}

/** What Jira puts in a module's frame: the Custom UI app (a resource's index.html) or a UI Kit resource it draws. */
export type FrameDocument = { kind: 'custom-ui'; resource: string } | { kind: 'ui-kit'; resource: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Module key → its type and manifest entry. */
export function moduleEntriesFromManifest(manifestText: string = readManifest()): Map<string, { type: string; entry: Record<string, unknown> }> {
  const manifest: unknown = parseYaml(manifestText);
  const modules = isRecord(manifest) && isRecord(manifest.modules) ? manifest.modules : {};
  const entries = new Map<string, { type: string; entry: Record<string, unknown> }>();
  for (const [type, list] of Object.entries(modules)) {
    if (!type.startsWith('jira:') || !Array.isArray(list)) continue;
    for (const entry of list.filter(isRecord)) {
      if (typeof entry.key === 'string') entries.set(entry.key, { type, entry });
    }
  }
  return entries;
}

/**
 * Which document a module's entry point shows, read from the manifest as Jira reads it: a custom field's view
 * and edit, a gadget's view (the module) and edit, every other module's one resource. Jira does not render a
 * Custom UI resource as a custom field's view, and neither does the sandbox.
 */
export function frameDocumentFor(
  entries: Map<string, { type: string; entry: Record<string, unknown> }>,
  moduleKey: string,
  entryPoint: 'view' | 'edit',
): FrameDocument {
  const found = entries.get(moduleKey);
  if (!found) throw new FrameError(404, `The manifest declares no Jira module "${moduleKey}".`);
  const { type, entry } = found;
  const hasEditEntryPoint = type === 'jira:customField' || type === 'jira:dashboardGadget';
  if (entryPoint === 'edit' && !hasEditEntryPoint) throw new FrameError(400, `A ${type} module has no edit entry point.`);
  let holder: unknown = entry;
  if (entryPoint === 'edit') holder = entry.edit;
  else if (type === 'jira:customField') holder = entry.view;
  const where = type === 'jira:customField' || entryPoint === 'edit' ? `${moduleKey}.${entryPoint}` : moduleKey;
  if (!isRecord(holder) || typeof holder.resource !== 'string') {
    throw new FrameError(
      404,
      `${where} names no resource in manifest.yml, so Jira shows its own rendering there (a formatter or the default editor), which the sandbox does not draw.`,
    );
  }
  // `key/entry` names an entry of a multi-entry resource; the resource is the part before the slash.
  const resource = holder.resource.split('/')[0] ?? holder.resource;
  if (holder.render === 'native') return { kind: 'ui-kit', resource };
  if (type === 'jira:customField' && entryPoint === 'view') {
    throw new FrameError(
      400,
      `${where} is a Custom UI resource; Jira renders a custom field's view only with UI Kit (render: native) or its formatter.`,
    );
  }
  return { kind: 'custom-ui', resource };
}

const fieldTypeAri = (moduleKey: string): string =>
  `ari:cloud:ecosystem::extension/${SANDBOX_APP_ID}/${SANDBOX_ENVIRONMENT_ID}/static/${moduleKey}`;

export class FrameContexts {
  private readonly moduleTypes = moduleTypesFromManifest();

  constructor(
    private readonly jira: HostJira,
    private readonly gadgets: GadgetStore,
  ) {}

  moduleTypeOf(frame: FrameIdentity): string {
    const type = this.moduleTypes.get(frame.moduleKey);
    if (!type) throw new FrameError(404, `The manifest declares no Jira module "${frame.moduleKey}".`);
    return type;
  }

  private async issueExtension(frame: FrameIdentity) {
    if (!frame.issueKey) throw new FrameError(400, `The ${frame.moduleKey} frame needs an issue key.`);
    const issue = await this.jira.issueRef(frame.issueKey);
    if (!issue) throw new FrameError(404, `There is no issue ${frame.issueKey} on this site.`);
    return {
      issue: { id: issue.id, key: issue.key, type: issue.typeName, typeId: issue.typeId },
      project: { id: issue.project.id, key: issue.project.key, type: issue.project.type },
      location: `${SANDBOX_SITE_URL}/browse/${issue.key}`,
    };
  }

  /** `extension` as forge-reference §1.2–1.5 describes it for each module type. */
  async extensionFor(frame: FrameIdentity): Promise<Record<string, unknown>> {
    const type = this.moduleTypeOf(frame);
    switch (type) {
      case 'jira:issuePanel':
        return { type, ...(await this.issueExtension(frame)), isNewToIssue: false };
      case 'jira:customField': {
        const issueContext = await this.issueExtension(frame);
        return {
          type,
          entryPoint: frame.entryPoint,
          ...issueContext,
          fieldId: await this.jira.workTypeFieldId(),
          fieldType: fieldTypeAri(frame.moduleKey),
          fieldValue: await this.jira.workTypeValue(issueContext.issue.key),
          renderContext: 'issue-view',
          experience: 'issue-view',
        };
      }
      case 'jira:projectPage': {
        if (!frame.projectKey) throw new FrameError(400, 'The project page frame needs a project key.');
        const project = await this.jira.projectRef(frame.projectKey);
        if (!project) throw new FrameError(404, `There is no project ${frame.projectKey} on this site.`);
        return {
          type,
          project: { id: project.id, key: project.key, type: project.type },
          location: `${SANDBOX_SITE_URL}/jira/software/projects/${project.key}/apps/${SANDBOX_APP_ID}/${SANDBOX_ENVIRONMENT_ID}`,
        };
      }
      case 'jira:dashboardGadget': {
        if (!frame.gadgetId) throw new FrameError(400, 'The gadget frame needs a gadget id.');
        const gadget = this.gadgets.get(frame.gadgetId);
        if (!gadget) throw new FrameError(404, `There is no gadget ${frame.gadgetId} on the sandbox dashboard.`);
        return {
          type,
          entryPoint: frame.entryPoint,
          gadget: { id: gadget.gadgetId },
          dashboard: { id: gadget.dashboardId },
          gadgetConfiguration: gadget.configuration,
          location: `${SANDBOX_SITE_URL}/jira/dashboards/${gadget.dashboardId}`,
        };
      }
      case 'jira:adminPage':
        return { type, location: `${SANDBOX_SITE_URL}/jira/settings/apps/${SANDBOX_APP_ID}/${SANDBOX_ENVIRONMENT_ID}` };
      case 'jira:globalPage':
        return { type, location: `${SANDBOX_SITE_URL}/jira/apps/${SANDBOX_APP_ID}/${SANDBOX_ENVIRONMENT_ID}` };
      default:
        throw new FrameError(404, `The sandbox host does not frame ${type} modules yet.`);
    }
  }
}

/**
 * The fields a site has: Jira's system fields the emulator renders, plus the site's custom fields, in the
 * shapes of `GET /rest/api/3/field` (FieldDetails) and `GET /rest/api/3/field/search` (Field).
 */
import { customFieldNumber } from './context';
import type { JiraCustomField, JiraSite } from './model';

export interface SystemField {
  id: string;
  name: string;
  schema?: { type: string; items?: string; system: string };
  clauseNames: string[];
  orderable: boolean;
  searchable: boolean;
}

export const SYSTEM_FIELDS: readonly SystemField[] = [
  { id: 'issuekey', name: 'Key', clauseNames: ['id', 'issue', 'issuekey', 'key'], orderable: false, searchable: false },
  { id: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' }, clauseNames: ['summary'], orderable: true, searchable: true },
  { id: 'description', name: 'Description', schema: { type: 'string', system: 'description' }, clauseNames: ['description'], orderable: true, searchable: true },
  { id: 'status', name: 'Status', schema: { type: 'status', system: 'status' }, clauseNames: ['status'], orderable: false, searchable: true },
  { id: 'issuetype', name: 'Issue Type', schema: { type: 'issuetype', system: 'issuetype' }, clauseNames: ['issuetype', 'type'], orderable: true, searchable: true },
  { id: 'project', name: 'Project', schema: { type: 'project', system: 'project' }, clauseNames: ['project'], orderable: false, searchable: true },
  { id: 'priority', name: 'Priority', schema: { type: 'priority', system: 'priority' }, clauseNames: ['priority'], orderable: true, searchable: true },
  { id: 'labels', name: 'Labels', schema: { type: 'array', items: 'string', system: 'labels' }, clauseNames: ['labels'], orderable: true, searchable: true },
  { id: 'assignee', name: 'Assignee', schema: { type: 'user', system: 'assignee' }, clauseNames: ['assignee'], orderable: true, searchable: true },
  { id: 'reporter', name: 'Reporter', schema: { type: 'user', system: 'reporter' }, clauseNames: ['reporter'], orderable: true, searchable: true },
  { id: 'parent', name: 'Parent', clauseNames: ['parent'], orderable: true, searchable: true },
  { id: 'created', name: 'Created', schema: { type: 'datetime', system: 'created' }, clauseNames: ['created', 'createdDate'], orderable: false, searchable: true },
  { id: 'updated', name: 'Updated', schema: { type: 'datetime', system: 'updated' }, clauseNames: ['updated', 'updatedDate'], orderable: false, searchable: true },
  { id: 'resolutiondate', name: 'Resolved', schema: { type: 'datetime', system: 'resolutiondate' }, clauseNames: ['resolutiondate', 'resolved'], orderable: false, searchable: true },
  { id: 'issuelinks', name: 'Linked Issues', schema: { type: 'array', items: 'issuelinks', system: 'issuelinks' }, clauseNames: ['issueLink'], orderable: true, searchable: true },
];

/** Field ids an issue representation can carry (`issuekey` is the top-level key, never in `fields`). */
export const renderableFieldIds = (site: JiraSite): string[] => [
  ...SYSTEM_FIELDS.filter((field) => field.id !== 'issuekey').map((field) => field.id),
  ...site.customFields.map((field) => field.id),
];

const TYPE_DISPLAY: Record<JiraCustomField['schemaType'], string> = {
  number: 'Number',
  string: 'Text',
  array: 'List',
  option: 'Select List',
  user: 'User Picker',
  datetime: 'Date Time',
  any: 'Custom',
};

function customSchema(field: JiraCustomField): Record<string, unknown> {
  return {
    type: field.schemaType,
    ...(field.schemaItems ? { items: field.schemaItems } : {}),
    custom: field.schemaCustom,
    customId: customFieldNumber(field.id),
  };
}

export function fieldDetailsJson(site: JiraSite): Record<string, unknown>[] {
  const system = SYSTEM_FIELDS.map((field) => ({
    id: field.id,
    key: field.id,
    name: field.name,
    custom: false,
    orderable: field.orderable,
    navigable: true,
    searchable: field.searchable,
    clauseNames: field.clauseNames,
    ...(field.schema ? { schema: field.schema } : {}),
  }));
  const custom = site.customFields.map((field) => ({
    id: field.id,
    key: field.id,
    name: field.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${customFieldNumber(field.id) ?? field.id}]`, field.name, `${field.name}[${TYPE_DISPLAY[field.schemaType]}]`],
    schema: customSchema(field),
  }));
  return [...system, ...custom];
}

/** One custom or system field in the `Field` shape of `GET /rest/api/3/field/search`. */
export function fieldSearchEntries(site: JiraSite, type: 'custom' | 'system' | 'all'): Record<string, unknown>[] {
  const system = SYSTEM_FIELDS.filter((field) => field.schema).map((field) => ({
    id: field.id,
    key: field.id,
    name: field.name,
    schema: field.schema,
    description: '',
    isLocked: true,
  }));
  const custom = site.customFields.map((field) => ({
    id: field.id,
    key: field.id,
    name: field.name,
    schema: customSchema(field),
    description: '',
    isLocked: field.appOwned,
    searcherKey: `com.atlassian.jira.plugin.system.customfieldtypes:${field.schemaType === 'number' ? 'exactnumber' : 'textsearcher'}`,
    typeDisplayName: TYPE_DISPLAY[field.schemaType],
  }));
  if (type === 'custom') return custom;
  if (type === 'system') return system;
  return [...system, ...custom];
}

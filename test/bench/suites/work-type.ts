/**
 * Work type and origin: the issue panel's first load against a sequential baseline (round-trip depth and
 * time); a click on a work type in the panel, from click to updated panel, now (the write answers with the new
 * readiness) against before (the write, then the panel reloaded everything); and classifying 200 issues at once
 * against one write per issue (Jira calls and time).
 */
import { SEED_USERS, WORK_TYPE_FIELD_ID } from '../../sandbox/seed';
import { seedAppData } from '../../sandbox/seed/app-data';
import { invocationScope } from '../../sandbox/runtime';
import { forgetWorkTypeFieldId } from '../../../src/jira/fields';
import { measure, withBaseline, type BenchContext, type BenchResult } from '../harness';
import { naivePanelContext } from '../naive-panel-context';
import { naiveSetMany } from '../naive-set-many';

const TODAY = new Date('2026-11-26T10:00:00Z');
const VALUES = ['Innovative', 'Corrective', 'Enabling'] as const;

export async function run({ sandbox, options, call }: BenchContext): Promise<BenchResult[]> {
  await seedAppData(sandbox, TODAY);
  const linked = sandbox.jira.site.issues.find((i) => i.summary === 'Instant payouts to debit cards for marketplace sellers');
  if (!linked) throw new Error('bench: the seeded linked issue is missing');
  const asEngineer = <T>(work: () => Promise<T>) =>
    invocationScope.run({ accountId: SEED_USERS.engineer, moduleKey: 'context-panel' }, async () => ({ ok: true, data: await work() }));

  const naivePanel = await measure(
    sandbox,
    'naive panel.context (sequential)',
    () => {
      forgetWorkTypeFieldId();
      return asEngineer(() => naivePanelContext(linked.key));
    },
    options,
  );
  const panel = await measure(
    sandbox,
    'panel.context (cold field cache)',
    () => {
      forgetWorkTypeFieldId();
      return call('context-panel', 'panel.context', { issueKey: linked.key });
    },
    options,
  );

  // One click in the panel: the engineer sets a work type on the linked issue. Before, the panel then called
  // panel.context again to redraw; now the write's answer carries the readiness and the panel applies it.
  const clickValues = ['Corrective', 'Enabling'] as const;
  let click = 0;
  const setOnce = () => call('context-panel', 'workType.set', { issueKey: linked.key, workType: clickValues[click++ % 2] });
  const clickNow = await measure(sandbox, 'panel click → updated (workType.set answers readiness)', setOnce, options);
  const clickBefore = await measure(
    sandbox,
    'panel click → updated, before (workType.set, then panel.context)',
    async () => {
      const written = await setOnce();
      return (written as { ok?: boolean }).ok ? call('context-panel', 'panel.context', { issueKey: linked.key }) : written;
    },
    options,
  );

  // 200 issues the product lead may edit, with their values restored afterwards so later suites see the seed.
  const issues = sandbox.jira.site.issues.slice(0, 200);
  const original = new Map(issues.map((i) => [i.id, i.customFields[WORK_TYPE_FIELD_ID]]));
  const assignments = issues.map((i, n) => ({ issueKey: i.key, workType: VALUES[n % 3] }));
  const lead = SEED_USERS.productLead;
  const setManyOptions = { ...options, iterations: Math.min(options.iterations, 3) };
  const naiveMany = await measure(
    sandbox,
    'naive setMany 200 (one write per issue)',
    () => invocationScope.run({ accountId: lead, moduleKey: 'triage-queue' }, async () => ({ ok: true, data: await naiveSetMany(assignments, lead) })),
    setManyOptions,
  );
  const many = await measure(
    sandbox,
    'workType.setMany 200 (batched)',
    () => call('triage-queue', 'workType.setMany', { assignments }, lead),
    setManyOptions,
  );
  for (const issue of issues) {
    const value = original.get(issue.id);
    if (value === undefined) delete issue.customFields[WORK_TYPE_FIELD_ID];
    else issue.customFields[WORK_TYPE_FIELD_ID] = value;
  }
  return [withBaseline(panel, naivePanel), naivePanel, withBaseline(clickNow, clickBefore), clickBefore, withBaseline(many, naiveMany), naiveMany];
}

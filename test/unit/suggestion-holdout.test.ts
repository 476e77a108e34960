/**
 * The suggestion rules against issues they were not written from: 181 issues of four other companies
 * (test/fixtures/work-type-holdout.json), written and labelled by someone who had not seen the rules or the seed.
 * This is the figure the README quotes; the seed's own agreement (suggestion-seed.test.ts) is higher because the
 * defaults were tuned on the seed. The floor guards against a rules change that makes suggestions worse.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { suggestWorkType } from '../../src/domain/suggestion';
import { DEFAULT_SUGGESTION_RULES } from '../../src/domain/suggestion-rules';
import { WORK_TYPES } from '../../src/domain/work-type';

const holdoutSchema = z.array(
  z.object({
    id: z.string(),
    company: z.string(),
    issueType: z.string(),
    labels: z.array(z.string()),
    summary: z.string(),
    description: z.string(),
    workType: z.enum(WORK_TYPES),
  }),
);

/**
 * Measured 2026-12-02: 96/181 agree (53.0 %); 111 have a suggestion, and 86.5 % of those agree. Do not tune the
 * rules on this file: it would stop measuring anything. Add new held-out issues instead.
 */
const FLOOR = 0.5;
const holdout = holdoutSchema.parse(JSON.parse(readFileSync(path.join(__dirname, '../fixtures/work-type-holdout.json'), 'utf8')));

it('agrees with people on issues the rules were not written from', () => {
  let agreed = 0;
  let suggested = 0;
  for (const issue of holdout) {
    const suggestion = suggestWorkType(
      { issueType: issue.issueType, labels: issue.labels, summary: issue.summary, description: issue.description, parent: null, origin: null },
      DEFAULT_SUGGESTION_RULES,
    );
    if (suggestion) suggested += 1;
    if (suggestion?.workType === issue.workType) agreed += 1;
  }
  const rate = agreed / holdout.length;
  console.log(
    `suggestion agreement on the held-out set: ${agreed}/${holdout.length} (${(rate * 100).toFixed(1)}%); ` +
      `${suggested} had a suggestion (${((agreed / Math.max(1, suggested)) * 100).toFixed(1)}% of those agree)`,
  );
  expect(holdout.length).toBeGreaterThanOrEqual(150);
  expect(rate).toBeGreaterThanOrEqual(FLOOR);
});

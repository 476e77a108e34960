/**
 * The host's stand-in for Jira's issue search: JQL run as the signed-in person against the emulator, the way a
 * person checks that Upstream's field and origin property are searchable.
 */
import { seedAppData } from '../sandbox/seed/app-data';
import { searchKeys } from '../sandbox/jira/emulator-client';
import { SEED_USERS } from '../sandbox/seed';
import { openPage, signedInContext, useWorld } from './harness';

const started = useWorld((world) => seedAppData(world.sandbox, new Date()));

async function searchAs(persona: 'engineer' | 'restricted', jql: string): Promise<string[]> {
  const context = await signedInContext(started(), persona);
  try {
    const page = await openPage(started(), context, `#/search?jql=${encodeURIComponent(jql)}`);
    await page.getByRole('heading', { name: 'Search issues' }).waitFor();
    await page.locator('#search-results [role="status"], #search-results [role="alert"]').first().waitFor();
    const alert = page.locator('#search-results [role="alert"]');
    if (await alert.count()) return [`error: ${await alert.textContent()}`];
    return await page.locator('#search-results tbody tr td:first-child').allTextContents();
  } finally {
    await context.close();
  }
}

test('finds issues by origin alias, as the person may see them', async () => {
  const jql = 'upstreamArr > 50000 ORDER BY key ASC';
  const shown = await searchAs('engineer', jql);
  const expected = await searchKeys(started().sandbox.jira, jql, SEED_USERS.engineer);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toEqual(expected);
  const restricted = await searchAs('restricted', jql);
  expect(restricted.some((key) => key.startsWith('OPS-'))).toBe(false);
});

test('finds issues by work type, and says what is wrong with bad JQL', async () => {
  const shown = await searchAs('engineer', '"Work type" = Enabling AND project = OPS ORDER BY key ASC');
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.every((key) => key.startsWith('OPS-'))).toBe(true);
  const bad = await searchAs('engineer', '"Work kind" = Enabling');
  expect(bad).toHaveLength(1);
  expect(bad[0]).toMatch(/^error: .*Work kind/);
});

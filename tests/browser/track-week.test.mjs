// A track's week in a real browser (issue 12, item 1): the director adds a
// track with its groups (day, start, length, group type from the server's
// list, topic), the days and hours fields step aside while it has groups, a
// group left without its type is named on its row, and removing a group
// renumbers the rest; the server has the week as entered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api, DEMO_PASSWORD } from '../lib/server.mjs';
import { launch, signIn, h1, shot, assertNoAxeViolations, watch } from './browser.mjs';

let srv;
let b;

before(async () => {
  srv = await startServer();
  b = await launch();
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

test('the director plans a track\'s week of groups', async () => {
  const { page } = b;
  const errors = watch(page);
  await signIn(page, srv.url, 'director');
  await page.goto(srv.url + '/app/#/admin/tracks');
  await h1(page, 'Tracks');
  await page.locator('#add-track').click();
  const dialog = page.locator('dialog[open]');
  await dialog.getByLabel('Name').fill('Morning IOP West');
  await dialog.getByLabel('Site').selectOption({ index: 1 });
  assert.ok(await dialog.getByText('Days it meets').isVisible());

  await dialog.locator('#add-block').click();
  await dialog.locator('#add-block').click();
  await dialog.locator('#add-block').click();
  const rows = dialog.locator('fieldset.block-row');
  assert.equal(await rows.count(), 3);
  assert.ok(!(await dialog.getByText('Days it meets').isVisible()), 'days follow from the groups');
  // The group types are the server's.
  const types = await rows.nth(0).getByLabel('Group type').locator('option').allTextContents();
  assert.ok(types.includes('Relapse prevention') && types.includes('Nutrition and wellness'), types.join());

  await rows.nth(0).getByLabel('Day').selectOption({ label: 'Monday' });
  await rows.nth(0).getByLabel('Starts at').fill('09:00');
  await rows.nth(0).getByLabel('Minutes').fill('90');
  await rows.nth(0).getByLabel('Group type').selectOption({ label: 'Process group' });
  await rows.nth(0).getByLabel('Topic', { exact: true }).fill('Check-in');
  await rows.nth(0).getByLabel('Facilitator').selectOption({ label: 'Marcus Oyelaran' });
  assert.ok((await rows.nth(0).getByLabel('Room').locator('option').count()) > 1, 'the site\'s rooms');
  await rows.nth(0).getByLabel('Room').selectOption({ index: 1 });
  await rows.nth(0).getByLabel('Curriculum (optional)').fill('Sleep\nNutrition\n');
  await rows.nth(1).getByLabel('Day').selectOption({ label: 'Tuesday' });
  await rows.nth(1).getByLabel('Group type').selectOption({ label: 'Recreation' });
  await rows.nth(2).getByLabel('Day').selectOption({ label: 'Wednesday' });
  await rows.nth(2).getByLabel('Starts at').fill('10:30');
  // Row 3 has no group type: named on its row.
  await dialog.getByRole('button', { name: 'Add track' }).click();
  await rows.nth(2).locator('.field.has-error', { hasText: 'Group type' }).waitFor();
  await shot(page, 'track-week-error');

  // Removing the second group renumbers the third.
  await rows.nth(1).getByRole('button', { name: 'Remove group 2' }).click();
  assert.equal(await rows.count(), 2);
  assert.equal(await rows.nth(1).locator('legend').textContent(), 'Group 2');
  assert.equal(await rows.nth(1).getByLabel('Starts at').inputValue(), '10:30');
  await rows.nth(1).getByLabel('Group type').selectOption({ label: 'Relapse prevention' });
  await assertNoAxeViolations(page, 'track week editor');
  await shot(page, 'track-week-editor');
  await dialog.getByRole('button', { name: 'Add track' }).click();
  await page.locator('dialog[open]').waitFor({ state: 'detached' });

  const api = new Api(srv.url);
  assert.equal((await api.login('director', DEMO_PASSWORD)).status, 200);
  const t = (await api.get('/api/v1/tracks?limit=200')).json.items.find((x) => x.name === 'Morning IOP West');
  assert.ok(t, 'the track was saved');
  assert.deepEqual(t.blocks.map((x) => [x.weekday, x.start, x.minutes, x.group_type, x.topic, x.topics, x.facilitator_id]), [
    [1, '09:00', 90, 'process_group', 'Check-in', ['Sleep', 'Nutrition'], (await api.get('/api/v1/staff?limit=200')).json.items.find((s) => s.full_name === 'Marcus Oyelaran').id],
    [3, '10:30', 90, 'relapse_prevention', '', [], null],
  ]);
  assert.ok(t.blocks[0].room_id > 0 && t.blocks[1].room_id === null);
  assert.deepEqual(t.weekdays, ['mon', 'wed']);
  const row = page.locator('tr', { hasText: 'Morning IOP West' });
  await row.getByText('2 groups a week').waitFor();
  await row.getByText('3 h a week').waitFor();

  // Edit: the groups are there; change one's length.
  await page.locator(`#edit-track-${t.id}`).click();
  const d2 = page.locator('dialog[open]');
  assert.equal(await d2.locator('fieldset.block-row').count(), 2);
  await d2.locator('fieldset.block-row').nth(0).getByLabel('Minutes').fill('120');
  await d2.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  const again = (await api.get(`/api/v1/tracks/${t.id}`)).json;
  assert.equal(again.blocks[0].minutes, 120);
  assert.deepEqual(again.blocks[0].topics, ['Sleep', 'Nutrition'], 'the rest of the week as it was');

  // Its sessions: generated for eight weeks, then again (nothing new).
  await page.locator(`#generate-track-${t.id}`).click();
  const d3 = page.locator('dialog[open]');
  await d3.getByLabel('First date').fill('2026-03-02');
  await d3.getByLabel('Last date').fill('2026-03-15');
  await shot(page, 'track-generate');
  await d3.getByRole('button', { name: 'Generate sessions' }).click();
  await page.getByText('4 sessions added to Morning IOP West.').waitFor();
  await page.locator(`#generate-track-${t.id}`).click();
  await page.locator('dialog[open]').getByLabel('First date').fill('2026-03-02');
  await page.locator('dialog[open]').getByLabel('Last date').fill('2026-03-15');
  await page.locator('dialog[open]').getByRole('button', { name: 'Generate sessions' }).click();
  await page.getByText('No new sessions: Morning IOP West already had them all.').waitFor();
  const list = (await api.get(`/api/v1/sessions?track_id=${t.id}&from=2026-03-02&to=2026-03-15`)).json;
  assert.equal(list.total, 4);
  assert.deepEqual(errors, []);
});

// Closure days on the Sites screen (issue 12, item 1): the admin sees each
// site's closure days (the demo's holiday among them), adds one (a day that
// is already closed is named next to the date), is told its groups are
// cancelled, and removes it, after which that day's groups are scheduled again.
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

test('the admin adds and removes a site\'s closure day', async () => {
  const { page } = b;
  const errors = watch(page);
  const api = new Api(srv.url);
  assert.equal((await api.login('director', DEMO_PASSWORD)).status, 200);
  const site = (await api.get('/api/v1/sites')).json.items.find((s) => s.name === 'Riverside Recovery Center');
  const holiday = (await api.get(`/api/v1/sites/${site.id}/closures`)).json.items[0];
  assert.ok(holiday, 'the demo has a holiday at Riverside');
  // A day ahead on which the day track meets: its sessions are scheduled.
  const iso = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  const ahead = (await api.get(`/api/v1/sessions?site_id=${site.id}&from=${iso(2)}&to=${iso(9)}`)).json.items;
  const day = ahead.find((s) => s.date !== holiday.date && s.status === 'scheduled').date;
  const onDay = async () => (await api.get(`/api/v1/sessions?site_id=${site.id}&from=${day}&to=${day}`)).json.items;
  assert.ok((await onDay()).every((s) => s.status === 'scheduled'));

  await signIn(page, srv.url, 'admin');
  await page.goto(srv.url + '/app/#/admin/sites');
  await h1(page, 'Sites');
  const sec = page.locator('section.closure-site', { has: page.getByRole('heading', { name: 'Riverside Recovery Center' }) });
  await sec.getByText(holiday.reason).waitFor();
  assert.ok(await page.getByText('every group at the site is cancelled').isVisible(), 'the admin is told what a closure does');

  // A day already closed: the error is next to the date.
  await page.locator(`#add-closure-${site.id}`).click();
  let dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Date').fill(holiday.date);
  await dlg.getByLabel('Reason').fill('Staff training');
  await dlg.getByRole('button', { name: 'Add closure day' }).click();
  await dlg.locator('.field.has-error', { hasText: 'Date' }).waitFor();
  // No reason: named on the reason.
  await dlg.getByLabel('Date').fill(day);
  await dlg.getByLabel('Reason').fill('');
  await dlg.getByRole('button', { name: 'Add closure day' }).click();
  await dlg.locator('.field.has-error', { hasText: 'Reason' }).waitFor();
  await assertNoAxeViolations(page, 'closure dialog');
  await shot(page, 'closures-error');
  await dlg.getByLabel('Reason').fill('Staff training day');
  await dlg.getByRole('button', { name: 'Add closure day' }).click();
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  const n = (await onDay()).length;
  assert.ok(n > 0);
  await page.locator('.toast', { hasText: `${n} sessions that day cancelled` }).waitFor();
  await sec.getByText('Staff training day').waitFor();
  assert.ok((await onDay()).every((s) => s.status === 'cancelled' && s.cancel_reason === 'Staff training day'));
  await assertNoAxeViolations(page, 'sites with closure days');
  await shot(page, 'closures');

  // Removed: the day's groups are scheduled again.
  const added = (await api.get(`/api/v1/sites/${site.id}/closures`)).json.items.find((c) => c.date === day);
  await page.locator(`#remove-closure-${added.id}`).click();
  dlg = page.locator('dialog[open]');
  assert.ok(await dlg.getByText('scheduled again').isVisible());
  await dlg.getByRole('button', { name: 'Remove closure' }).click();
  await page.locator('.toast', { hasText: 'scheduled again' }).waitFor();
  await sec.getByText('Staff training day').waitFor({ state: 'detached' });
  assert.ok((await onDay()).every((s) => s.status === 'scheduled'));
  assert.deepEqual(errors, []);
});

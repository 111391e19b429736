// A safety alert through the day of the people who handle it (issue 11):
// raised while nobody is on duty, it waits on every clinician's home as an
// unclaimed alert (with the director meanwhile); the clinician claims it,
// documents the response on the chart, and the chart keeps the alert with
// its response, who responded and when (the alert history).  The front desk
// sees only that a clinician must see the client, and no Deactivate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, shot, shotsBothWidths, assertNoAxeViolations, watch } from './browser.mjs';
import { careTeam } from '../api/helpers.mjs';

const RESPONSE = 'Met in person at 4:10 pm. Passive thoughts, no plan or intent. Safety plan reviewed with the client; her sister will stay tonight. Follow-up call Thursday 10 am.';

let srv;
let b;
let nurse;
let client;

before(async () => {
  srv = await startServer();
  b = await launch();
  const dir = new Api(srv.url);
  await dir.login('director');
  nurse = new Api(srv.url);
  await nurse.login('nurse');
  const r = await dir.post('/api/v1/clients', { first_name: 'Imani', last_name: 'Farrowby', dob: '1988-02-09', sex: 'female' });
  assert.equal(r.status, 201, r.text);
  await careTeam(srv.url, r.json.id);
  client = r.json;
  // The nurse records a PHQ-9 at the first site with nobody on duty.
  const s = await nurse.post(`/api/v1/clients/${client.id}/instruments`, { code: 'phq9', answers: [1, 1, 1, 1, 0, 0, 0, 0, 1], site_id: 1 });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.json.alert_task.unclaimed, true, s.text);
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

test('a clinician claims an unclaimed alert from home, documents the response, and the chart keeps it in the alert history', async () => {
  const { page } = b;
  const errors = watch(page);
  await signIn(page, srv.url, 'clinician');
  await h1(page, 'Clients');
  const card = page.locator('#unclaimed-alerts');
  await card.waitFor();
  assert.match(await card.locator('h2').textContent(), /An unclaimed safety alert/);
  const item = card.locator('li.unclaimed-item').first();
  assert.match(await item.textContent(), /Suicide risk: Farrowby, Imani/);
  assert.match(await item.textContent(), /at Riverside Recovery Center; with Dana Whitfield \(director\) until claimed/);
  await shotsBothWidths(page, 'home-unclaimed-alerts');

  await item.getByRole('button', { name: 'Claim the safety alert for Farrowby, Imani' }).click();
  await card.waitFor({ state: 'detached' });
  await page.locator('.toast', { hasText: 'is yours' }).waitFor();

  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Farrowby, Imani');
  const banner = page.locator('.alert-banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Marcus Oyelaran is to respond/);
  assert.equal(await page.locator('#alert-history').count(), 0, 'no history before a response');
  await banner.getByRole('button', { name: /Document response/ }).click();
  const dlg = page.getByRole('dialog', { name: 'Document the response to this safety alert' });
  await dlg.getByLabel('Response').fill(RESPONSE);
  await dlg.getByRole('button', { name: 'Save response' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('#alerts-clear').waitFor();
  assert.equal(await page.locator('.alert-banner').count(), 0);

  // The history: what was flagged, the response, who and when.
  const history = page.locator('#alert-history');
  await history.waitFor();
  assert.equal(await history.getByRole('heading', { level: 2 }).textContent(), 'Safety alert history');
  const entry = history.locator('li.history-item').first();
  assert.match(await entry.locator('.history-title').textContent(), /^Suicide risk — PHQ-9 item 9/);
  assert.match(await entry.textContent(), /claimed by Marcus Oyelaran/);
  assert.match(await entry.locator('.history-who').textContent(), /^Response by Marcus Oyelaran, .+:$/);
  assert.equal(await entry.locator('.history-text').textContent(), RESPONSE);
  await history.scrollIntoViewIfNeeded();
  await shotsBothWidths(page, 'chart-alert-history', { axeAtNarrow: true });
  await assertNoAxeViolations(page, 'chart with the alert history');

  // Read again later: still there (not only in the responder's finished tasks).
  await page.reload();
  await h1(page, 'Farrowby, Imani');
  await page.locator('#alert-history li.history-item').waitFor();
  assert.deepEqual(errors, []);
});

test('the front desk sees that a clinician must see the client, not what was flagged, and cannot deactivate', async () => {
  const s = await nurse.post(`/api/v1/clients/${client.id}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 3], site_id: 1 });
  assert.equal(s.status, 201, s.text);
  const { page } = b;
  await signOut(page);
  await signIn(page, srv.url, 'front_desk');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Farrowby, Imani');
  const banner = page.locator('.alert-banner');
  await banner.waitFor();
  const words = await banner.textContent();
  assert.match(words, /A clinician must see this client/);
  assert.doesNotMatch(words, /PHQ|suicide|self-harm|Suicide/);
  assert.equal(await page.locator('#alert-history').count(), 0, 'no history for the front desk');
  assert.equal(await page.getByRole('button', { name: 'Deactivate' }).count(), 0, 'no Deactivate');
  assert.equal(await page.getByRole('link', { name: 'Edit' }).count(), 1, 'still edits details');
  const text = await page.locator('main').textContent();
  assert.doesNotMatch(text, /Met in person|safety plan/i);
  await shot(page, 'chart-front-desk-alert');
  await assertNoAxeViolations(page, 'chart as the front desk');
});

test('an unclaimed alert also waits on My tasks, and claiming it there puts its task in the list', async () => {
  const dir = new Api(srv.url);
  await dir.login('director');
  const r = await dir.post('/api/v1/clients', { first_name: 'Tobias', last_name: 'Quenneville', dob: '1979-11-30', sex: 'male' });
  assert.equal(r.status, 201, r.text);
  await careTeam(srv.url, r.json.id);
  const s = await nurse.post(`/api/v1/clients/${r.json.id}/instruments`, { code: 'phq9', answers: [1, 1, 1, 1, 0, 0, 0, 0, 2], site_id: 1 });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.json.alert_task.unclaimed, true, s.text);

  const { page } = b;
  const errors = watch(page);
  await signIn(page, srv.url, 'prescriber');	// any clinical role that may claim
  await page.goto(srv.url + '/app/#/tasks');
  await h1(page, 'My tasks');
  const card = page.locator('#unclaimed-alerts');
  await card.waitFor();
  const item = card.locator('li.unclaimed-item', { hasText: 'Quenneville, Tobias' });
  await item.waitFor();
  assert.equal(await page.locator('.results', { hasText: 'Quenneville' }).count(), 0, 'not yet this user\'s task');
  await shot(page, 'tasks-unclaimed-alerts');
  await item.getByRole('button', { name: 'Claim the safety alert for Quenneville, Tobias' }).click();
  await page.locator('.toast', { hasText: 'is yours' }).waitFor();
  await page.locator('.results', { hasText: 'Quenneville' }).waitFor();
  // The card is drawn again after the claim (it may trail the task list by
  // a moment on a loaded machine): wait for the item to go, not just check.
  await page.locator('#unclaimed-alerts li.unclaimed-item', { hasText: 'Quenneville' }).waitFor({ state: 'detached' });
  assert.equal(await page.locator('#unclaimed-alerts li.unclaimed-item', { hasText: 'Quenneville' }).count(), 0);
  assert.deepEqual(errors, []);
  await signOut(page);
});

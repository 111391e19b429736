// Admission fenced and corrections made, in a real browser: the admit
// dialog offers only the levels the program's tracks provide; a client with
// an open suicide-risk alert is admitted only after the admitter has seen
// the alert in the dialog and ticked that they read it; with no active
// track the dialog says so and admits no one.  A coverage is corrected with
// Edit on the chart.  An urgent inquiry whose client was admitted leaves the
// board's open columns and no longer says "Urgent: call today".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, shot, assertNoAxeViolations } from './browser.mjs';
import { sqlite, careTeam } from '../api/helpers.mjs';

let srv;
let b;
let adm;    // admissions, over the API
let clin;   // clinician, over the API
const staff = {};

before(async () => {
  srv = await startServer();
  b = await launch();
  adm = new Api(srv.url);
  clin = new Api(srv.url);
  assert.equal((await adm.login('admissions')).status, 200);
  assert.equal((await clin.login('clinician')).status, 200);
  for (const s of (await adm.get('/api/v1/staff?limit=200')).json.items || []) staff[s.username] = s;
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

async function newClient(first, last) {
  const r = await adm.post('/api/v1/clients', { first_name: first, last_name: last, dob: '1991-05-06', sex: 'female' });
  assert.equal(r.status, 201, r.text);
  await careTeam(srv.url, r.json.id);
  return r.json;
}

test('the admit dialog offers the program\'s levels and shows an open suicide-risk alert before admitting', async () => {
  const { page } = b;
  const c = await newClient('Wren', 'Alertson');
  const s = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'phq9', answers: [1, 1, 0, 0, 0, 0, 0, 0, 2] });
  assert.equal(s.status, 201, s.text);
  const [alert] = (await clin.get(`/api/v1/clients/${c.id}/alerts?open=true`)).json.items;

  await signIn(page, srv.url, 'admissions');
  await page.goto(srv.url + `/app/#/clients/${c.id}`);
  await h1(page, 'Alertson, Wren');
  await page.getByRole('button', { name: 'Admit' }).click();
  const dlg = page.getByRole('dialog', { name: 'Admit Wren Alertson' });
  await dlg.waitFor();

  // Only the levels this program's tracks run (the demo clinic's: 2.1),
  // not every level from 0.5 to 4.
  const levels = await dlg.getByLabel('Level of care').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(levels, ['2.1']);

  // The alert, in words, before anything else.
  const warn = dlg.locator('#admit-alerts');
  await warn.waitFor();
  assert.match(await warn.textContent(), /This client has an open safety alert/);
  assert.match(await warn.textContent(), /Suicide risk: PHQ-9 item 9/);
  await dlg.getByLabel('Track').locator('option', { hasText: 'Evening IOP' }).waitFor({ state: 'attached' });
  await dlg.getByLabel('Primary clinician').selectOption({ label: 'Marcus Oyelaran' });
  await dlg.getByLabel(/notice of privacy for substance use records/).check();
  // Not ticked: refused here, nothing sent.
  let sent = 0;
  page.on('request', (r) => { if (r.url().endsWith('/episodes') && r.method() === 'POST') sent++; });
  await dlg.getByRole('button', { name: 'Admit' }).click();
  await dlg.locator('.field.has-error', { hasText: 'I have read the safety alert' }).waitFor();
  // With tracks at the level, one is chosen, never "no track" by default.
  await dlg.locator('.field.has-error', { hasText: /choose the track they will attend/i }).waitFor();
  assert.equal(sent, 0);
  await assertNoAxeViolations(page, 'admit dialog with an open alert');
  await shot(page, 'admit-open-alert');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'admit-open-alert');
  await page.setViewportSize({ width: 1280, height: 900 });

  await dlg.getByLabel(/I have read the safety alert above/).check();
  await dlg.getByLabel('Track').selectOption({ index: 1 });
  const req = page.waitForRequest((r) => r.url().endsWith('/episodes') && r.method() === 'POST');
  await dlg.getByRole('button', { name: 'Admit' }).click();
  assert.deepEqual((await req).postDataJSON().acknowledged_alerts, [alert.id]);
  await dlg.waitFor({ state: 'detached' });
  await page.locator('#in-care').waitFor();
  const [ep] = (await adm.get(`/api/v1/clients/${c.id}/episodes`)).json.items;
  assert.deepEqual(ep.acknowledged_alerts, [alert.id]);
  // Admitting did not answer the alert: it stays on the chart.
  assert.equal((await clin.get(`/api/v1/clients/${c.id}/alerts?open=true`)).json.total, 1);
  assert.deepEqual(b.errors, []);
  await signOut(page);
});

test('a coverage is corrected with Edit on the chart, not by adding a second one', async () => {
  const { page } = b;
  const c = await newClient('Tobin', 'Typo');
  const cov = await adm.post(`/api/v1/clients/${c.id}/coverages`, { payer: 'Prairie Health', member_id: 'PH-7O1', plan: 'Silver' });
  assert.equal(cov.status, 201, cov.text);

  await signIn(page, srv.url, 'admissions');
  await page.goto(srv.url + `/app/#/clients/${c.id}`);
  await h1(page, 'Typo, Tobin');
  await page.getByRole('button', { name: 'Edit coverage Prairie Health, member ID PH-7O1' }).click();
  const dlg = page.getByRole('dialog', { name: 'Edit coverage: Prairie Health' });
  await dlg.waitFor();
  assert.equal(await dlg.getByLabel('Member ID').inputValue(), 'PH-7O1', 'the form starts from the record');
  assert.equal(await dlg.getByLabel('Plan', { exact: true }).inputValue(), 'Silver');
  // A wrong value is named next to its field.
  let sentBefore = 0;
  const count = (r) => { if (r.url().includes('/coverages/') && r.method() === 'PATCH') sentBefore++; };
  page.on('request', count);
  await dlg.getByLabel('Member ID').fill('');
  await dlg.getByRole('button', { name: 'Save changes' }).click();
  await dlg.locator('.field.has-error', { hasText: 'Enter the member ID from the insurance card' }).waitFor();
  await dlg.getByLabel('Member ID').fill('PH-701');
  await shot(page, 'coverage-edit');
  page.off('request', count);
  const sent = page.waitForRequest((r) => r.url().includes('/coverages/') && r.method() === 'PATCH');
  await dlg.getByRole('button', { name: 'Save changes' }).click();
  assert.deepEqual((await sent).postDataJSON(), { member_id: 'PH-701' }, 'only what changed');
  assert.equal(sentBefore, 0, 'the empty member ID was caught before sending');
  await dlg.waitFor({ state: 'detached' });
  const box = page.locator(`#coverage-${cov.json.id}`);
  await box.locator('dd', { hasText: 'PH-701' }).waitFor();
  assert.equal(await page.locator('section.coverage').count(), 1, 'still one coverage');
  await shot(page, 'coverage-edited');
  assert.deepEqual(b.errors, []);
  await signOut(page);
});

test('an urgent inquiry whose client was admitted is no longer urgent on the board', async () => {
  const { page } = b;
  const name = 'Juniper Callsoon';
  const q = await adm.post('/api/v1/inquiries', { kind: 'phone', name, phone: '312-555-0190', urgency: 'today' });
  assert.equal(q.status, 201, q.text);
  const t = await adm.post(`/api/v1/inquiries/${q.json.id}/tasks`, { title: 'Call back today', due_at: new Date(Date.now() + 3600e3).toISOString().slice(0, 16) + 'Z' });
  assert.equal(t.status, 201, t.text);
  const conv = await adm.post(`/api/v1/inquiries/${q.json.id}/convert`, { dob: '1990-01-02', sex: 'female' });
  assert.equal(conv.status, 200, conv.text);
  // A clinician admits from the chart (the inquiry is not named).
  const sites = (await clin.get('/api/v1/sites')).json.items.sort((x, y) => x.id - y.id);
  const me = (await clin.get('/api/v1/me')).json.user;
  const r = await clin.post(`/api/v1/clients/${conv.json.client_id}/episodes`, {
    level: '2.1', site_id: sites[0].id, primary_clinician_id: me.id, privacy_notice_given: true,
  });
  assert.equal(r.status, 201, r.text);

  await signIn(page, srv.url, 'admissions');
  await h1(page, 'Admissions');
  const card = page.locator('.board-col .inq-card', { has: page.getByRole('link', { name, exact: true }) });
  await card.waitFor();
  assert.equal(await card.locator('xpath=ancestor::section[1]').getAttribute('data-status'), 'admitted');
  assert.doesNotMatch(await card.textContent(), /Urgent|call today/);
  assert.doesNotMatch(await card.getAttribute('class'), /is-urgent/);
  await shot(page, 'board-admitted-not-urgent');
  await card.getByRole('link', { name, exact: true }).click();
  await h1(page, name);
  assert.doesNotMatch(await page.locator('.page-sub').first().textContent(), /Urgent: call today/);
  assert.doesNotMatch(await page.locator('main').textContent(), /Urgent: call today/);
  assert.match(await page.locator('dl.details').first().textContent(), /Asked for a call the same day — now admitted/);
  const followups = page.locator('#follow-ups');
  await followups.locator('li', { hasText: 'Call back today' }).waitFor();
  assert.match(await followups.textContent(), /Closed: the client was admitted\.|Done/);
  assert.deepEqual(b.errors, []);
  await signOut(page);
});

test('with no active track, the admit dialog says so and admits no one', async () => {
  const { page } = b;
  const c = await newClient('Nolan', 'Trackless');
  sqlite(srv.db, 'UPDATE track SET active = 0');
  await signIn(page, srv.url, 'admissions');
  await page.goto(srv.url + `/app/#/clients/${c.id}`);
  await h1(page, 'Trackless, Nolan');
  await page.getByRole('button', { name: 'Admit' }).click();
  const dlg = page.getByRole('dialog', { name: 'Admit Nolan Trackless' });
  const note = dlg.locator('#admit-no-tracks');
  await note.waitFor();
  assert.match(await note.textContent(), /no active track yet, so no one can be admitted/);
  assert.match(await note.textContent(), /set up the program’s tracks/);
  assert.equal(await dlg.getByLabel('Level of care').count(), 0);
  await shot(page, 'admit-no-tracks');
  await dlg.getByRole('button', { name: 'Back to the chart' }).click();
  await dlg.waitFor({ state: 'detached' });
  // The API refuses as well, naming the level.
  const r = await adm.post(`/api/v1/clients/${c.id}/episodes`, { level: '2.1', site_id: 1, primary_clinician_id: staff.clinician?.id || 1, privacy_notice_given: true });
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.error.fields.level, /no active track/);
  sqlite(srv.db, 'UPDATE track SET active = 1');
  assert.deepEqual(b.errors, []);
});

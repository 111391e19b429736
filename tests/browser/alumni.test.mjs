// Alumni in a real browser: the alumni coordinator (the demo's "alumni"
// account) opens the 30-day check-in from their worklist, records that the
// client was reached and wants to come back, and is told the inquiry is on
// the admissions board; the task leaves the worklist, the alumni list shows
// the contact, the chart shows the check-in reached, and admissions find the
// inquiry with the client's name.  The Alumni menu is the coordinator's
// (a flag) and the clinician's, not the front desk's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn as apiSignIn, clientBody } from '../api/helpers.mjs';
import { launch, signIn, signOut, navNames, h1, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';
import { plusDays, chicagoToday } from '../lib/dates.mjs';

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

test('the 30-day check-in recorded from the worklist: reached, wants to come back, inquiry on the board', async () => {
  const dir = await apiSignIn(srv.url, 'director');
  const staff = Object.fromEntries((await dir.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const today = chicagoToday();
  const track = (await dir.get('/api/v1/tracks?site_id=1')).json.items.find((t) => t.level_of_care === '2.1');
  // Discharged 30 days ago: the 30-day check-in is due today.
  const c = await dir.post('/api/v1/clients', clientBody({ first_name: 'Wren', last_name: 'Halloway', phone: '(312) 555-0188' }));
  assert.equal(c.status, 201, c.text);
  const ep = await dir.post(`/api/v1/clients/${c.json.id}/episodes`, {
    level: '2.1', site_id: 1, track_id: track.id, primary_clinician_id: staff.clinician.id,
    privacy_notice_given: true, admitted_on: plusDays(today, -70),
  });
  assert.equal(ep.status, 201, ep.text);
  const dc = await dir.post(`/api/v1/episodes/${ep.json.id}/discharge`, { date: plusDays(today, -30), type: 'completed' });
  assert.equal(dc.status, 200, dc.text);

  const { page } = b;
  // The front desk has no Alumni menu; the coordinator (a case manager with the flag) has.
  await signIn(page, srv.url, 'front_desk');
  assert.ok(!(await navNames(page)).includes('Alumni'));
  await signOut(page);
  await signIn(page, srv.url, 'alumni');
  assert.ok((await navNames(page)).includes('Alumni'));

  await page.goto(srv.url + '/app/#/tasks');
  const item = page.locator('li.task-item', { hasText: 'Halloway, Wren' }).filter({ hasText: '30 days after discharge' });
  await item.waitFor();
  await item.getByRole('link', { name: /Record the call/ }).click();
  await h1(page, '30-day check-in: Halloway, Wren');
  await page.getByText('(312) 555-0188').waitFor();
  // Saved without an answer: the form says what is missing.
  await page.getByRole('button', { name: 'Save the call' }).click();
  await page.locator('.error-summary', { hasText: 'Please correct 1 field.' }).waitFor();
  await page.getByLabel('Yes, we spoke').check();
  await page.getByLabel('How are they doing?').selectOption('using');
  await page.getByLabel(/They want to come back to the program/).check();
  await page.getByLabel('Notes').fill('Lost a job last month; asked to come back to the evening track.');
  await shotsBothWidths(page, 'alumni-checkin');
  await assertNoAxeViolations(page, 'alumni check-in');
  await page.getByRole('button', { name: 'Save the call' }).click();
  await page.locator('.toast', { hasText: 'Inquiry created on the admissions board.' }).waitFor();
  // Back on the worklist, the task is gone.
  await h1(page, 'My tasks');
  await page.locator('.result-status').waitFor();
  assert.equal(await page.locator('li.task-item', { hasText: 'Halloway, Wren' }).filter({ hasText: '30 days after discharge' }).count(), 0);

  // The alumni list: last contact today, next the 60-day check-in.
  await page.goto(srv.url + '/app/#/alumni');
  const row = page.locator('.alumni-results tr', { hasText: 'Halloway, Wren' });
  await row.waitFor();
  assert.match(await row.innerText(), /check-in call/);
  assert.match(await row.innerText(), /60-day check-in/);
  await shotsBothWidths(page, 'alumni-list');
  await assertNoAxeViolations(page, 'alumni list');
  // The chart shows it reached.
  await row.getByRole('link', { name: 'Halloway, Wren', exact: true }).click();
  const sec = page.locator('#alumni-checkins');
  await sec.waitFor();
  await sec.locator('tr', { hasText: '30-day check-in' }).getByText('Reached').waitFor();

  // Admissions find the inquiry, with the client's name, linked to the client.
  const adm = await apiSignIn(srv.url, 'admissions');
  const q = (await adm.get('/api/v1/inquiries?limit=200')).json.items.find((i) => i.client_id === c.json.id);
  assert.ok(q, 'an inquiry for the client on the board');
  assert.equal(q.name, 'Wren Halloway');
  assert.equal(q.source, 'alumni');
});

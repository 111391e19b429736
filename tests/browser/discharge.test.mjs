// Discharging from the chart in a real browser: the clinician opens
// "Discharge…", the dialog says what will happen (the sessions the client
// leaves, the appointment to be cancelled) before anything is sent, a
// missing type is named next to its field, and after the discharge the
// chart says how the episode ended and offers "Admit" again.  Then a
// second client steps down from PHP to IOP with a planned step-down week.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn as apiSignIn, clientBody, careTeam } from '../api/helpers.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';
import { plusDays, chicagoToday, everyDay } from '../lib/dates.mjs';

const EVERY_DAY = (start) => everyDay(start, 120);

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

test('discharge from the chart: what will happen is shown, then the chart says how it ended', async () => {
  const dir = await apiSignIn(srv.url, 'director');
  const staff = Object.fromEntries((await dir.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const today = chicagoToday();
  const mkTrack = async (name, level, start) => {
    const t = await dir.post('/api/v1/tracks', { site_id: 1, name, level_of_care: level, blocks: EVERY_DAY(start) });
    assert.equal(t.status, 201, t.text);
    const g = await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: plusDays(today, -7), to: plusDays(today, 13) });
    assert.equal(g.status, 200, g.text);
    return t.json;
  };
  const iop = await mkTrack('Dawn IOP', '2.1', '09:00');
  const php = await mkTrack('Dawn PHP', '2.5', '13:00');
  const admit = async (first, last, track, level) => {
    const c = await dir.post('/api/v1/clients', clientBody({ first_name: first, last_name: last }));
    assert.equal(c.status, 201, c.text);
    await careTeam(srv.url, c.json.id);
    const e = await dir.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level, site_id: 1, track_id: track.id, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: plusDays(today, -5),
    });
    assert.equal(e.status, 201, e.text);
    return { c: c.json, ep: e.json };
  };
  const x = await admit('Orla', 'Penhallow', iop, '2.1');
  const appt = await dir.post(`/api/v1/clients/${x.c.id}/appointments`, {
    kind: 'individual_therapy', site_id: 1, staff_id: staff.clinician.id,
    starts_at: `${plusDays(today, 4)}T17:00Z`, minutes: 50,
  });
  assert.equal(appt.status, 201, appt.text);

  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(`${srv.url}/app/#/clients/${x.c.id}`);
  await h1(page, /Penhallow, Orla/);
  await page.locator('#in-care').waitFor();
  await page.getByRole('button', { name: 'Discharge…' }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.getByRole('heading', { name: 'Discharge Orla Penhallow' }).waitFor();
  // Before anything is sent: what will happen, for today's date.
  const sessionsLeft = (await dir.get(`/api/v1/episodes/${x.ep.id}/discharge-preview`)).json.sessions_leaving;
  assert.ok(sessionsLeft > 0);
  await dlg.locator('#discharge-sessions').filter({ hasText: `${sessionsLeft} group session` }).waitFor();
  await dlg.locator('#discharge-appointments').filter({ hasText: '1 appointment' }).waitFor();
  // No type: named next to its field, nothing sent.
  await dlg.getByRole('button', { name: 'Discharge', exact: true }).click();
  await dlg.locator('.field.has-error').filter({ hasText: 'Type of discharge' }).waitFor();
  assert.equal((await dir.get(`/api/v1/clients/${x.c.id}/episodes`)).json.items[0].status, 'open');
  await dlg.getByLabel('Type of discharge').selectOption('completed');
  await dlg.getByLabel('Reason').fill('Completed the twelve-week program.');
  await shotsBothWidths(page, 'discharge-dialog');
  await assertNoAxeViolations(page, 'discharge dialog');
  await dlg.getByRole('button', { name: 'Discharge', exact: true }).click();
  await page.locator('#discharged-line').filter({ hasText: 'completed the program' }).waitFor();
  await page.getByRole('button', { name: 'Admit' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Discharge…' }).count(), 0);
  // The discharge summary: drafted from the record, completed, signed, locked.
  const card = page.locator('#discharge-summary');
  await card.getByText('No discharge summary yet').waitFor();
  await card.getByRole('button', { name: 'Draft from the record' }).click();
  await card.getByLabel('Reason for discharge').waitFor();
  assert.match(await card.getByLabel('Reason for discharge').inputValue(), /completed the program\. Completed the twelve-week program\./);
  await card.getByLabel('Recommendations').fill('Weekly outpatient therapy; mutual-help meetings twice a week.');
  await card.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Discharge summary saved.').waitFor();
  await shotsBothWidths(page, 'discharge-summary-draft');
  await assertNoAxeViolations(page, 'discharge summary draft');
  await card.getByRole('button', { name: 'Sign…' }).click();
  await page.locator('dialog[open]').getByRole('button', { name: 'Sign', exact: true }).click();
  await card.locator('#dsummary-signed').filter({ hasText: 'Locked' }).waitFor();
  await card.getByText('Weekly outpatient therapy; mutual-help meetings twice a week.').waitFor();
  assert.equal(await card.getByRole('button', { name: 'Save draft' }).count(), 0);
  // Sent on to the next provider through the one release path: with no
  // consent on file the dialog says it is not covered, and nothing leaves.
  await card.getByRole('button', { name: 'Send to the next provider…' }).click();
  const send = page.locator('dialog[open]');
  await send.getByRole('heading', { name: 'Send the discharge summary: Orla Penhallow' }).waitFor();
  assert.equal(await send.getByLabel('Discharge summary', { exact: true }).isChecked(), true);
  await send.getByLabel('To (required)').fill('Lakeside Counseling');
  await send.getByText(/No active consent covers discharge summary for Lakeside Counseling/).waitFor();
  await send.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await dir.get(`/api/v1/clients/${x.c.id}/disclosures`)).json.items.length, 0);
  await shot(page, 'discharged-chart');
  const eps = (await dir.get(`/api/v1/clients/${x.c.id}/episodes`)).json.items;
  assert.equal(eps[0].status, 'discharged');
  assert.equal(eps[0].discharge_type, 'completed');
  const a = (await dir.get(`/api/v1/appointments/${appt.json.id}`)).json;
  assert.equal(a.status, 'cancelled');
  assert.equal(a.cancel_reason, 'Discharged');

  // A step down from PHP to IOP with one planned week.
  const y = await admit('Tamsin', 'Rooke', php, '2.5');
  await page.goto(`${srv.url}/app/#/clients/${y.c.id}`);
  await h1(page, /Rooke, Tamsin/);
  await page.getByRole('button', { name: 'Step down / transfer…' }).click();
  const tdlg = page.locator('dialog[open]');
  await tdlg.getByLabel('Move to level of care').selectOption('2.1');
  await tdlg.getByLabel('Track').selectOption(String(iop.id));
  await tdlg.getByLabel('Planned step-down weeks').selectOption('1');
  await shot(page, 'transfer-dialog');
  await assertNoAxeViolations(page, 'transfer dialog');
  await tdlg.getByRole('button', { name: 'Move', exact: true }).click();
  await page.locator('#in-care').filter({ hasText: 'Dawn IOP' }).waitFor();
  const eps2 = (await dir.get(`/api/v1/clients/${y.c.id}/episodes`)).json.items;
  assert.deepEqual(eps2.map((e) => [e.level, e.status, e.planned_step_down_weeks]), [['2.1', 'open', 1], ['2.5', 'discharged', 0]]);
  assert.equal(eps2[1].discharge_type, 'transferred_lower');
});

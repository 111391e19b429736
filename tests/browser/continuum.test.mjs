// Through the continuum in a real browser (issue 14, "Done when"): a client
// admitted to partial hospitalisation steps down to the IOP, attends its
// groups, has a report released to their probation officer under a Part 2
// consent — and refused once the consent is revoked —, is discharged with a
// signed discharge summary and an aftercare plan they sign, and is reached
// at the 30-day alumni check-in.
//
// The story is dated back from today so that the 30-day check-in falls due
// today: admitted 45 days ago, stepped down 38 days ago, groups attended in
// the week after, discharged 30 days ago.  The consent and the releases are
// today's (a consent is valid on the day it is used).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn as apiSignIn, clientBody, careTeam } from '../api/helpers.mjs';
import { launch, signIn, signOut, h1, shot, assertNoAxeViolations } from './browser.mjs';
import { signDischargeSummary, signAftercarePlan } from './aftercare-steps.mjs';
import { plusDays, chicagoToday, everyDay } from '../lib/dates.mjs';

const EVERY_DAY = (start) => everyDay(start, 180, { topic: 'Relapse prevention' });
const PO_NAME = 'Dana Whitlock';
const PO_ORG = 'Marion County Adult Probation';
const PO = `${PO_NAME}, ${PO_ORG}`;

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

test('PHP → IOP step-down → probation report under consent, refused after revocation → discharge with summary and aftercare → 30-day alumni check-in', async () => {
  const today = chicagoToday();
  const dir = await apiSignIn(srv.url, 'director');
  const adm = await apiSignIn(srv.url, 'admissions');
  const clin = await apiSignIn(srv.url, 'clinician');
  const staff = Object.fromEntries((await dir.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const mkTrack = async (name, level, start) => {
    const t = await dir.post('/api/v1/tracks', { site_id: 1, name, level_of_care: level, blocks: EVERY_DAY(start) });
    assert.equal(t.status, 201, t.text);
    const g = await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: plusDays(today, -46), to: plusDays(today, 7) });
    assert.equal(g.status, 200, g.text);
    return t.json;
  };
  const php = await mkTrack('Journey PHP', '2.5', '08:00');
  const iop = await mkTrack('Journey IOP', '2.1', '17:00');

  // Admissions admit the client to partial hospitalisation.
  const c = await adm.post('/api/v1/clients', clientBody({ first_name: 'Ansel', last_name: 'Drummond', phone: '(312) 555-0143' }));
  assert.equal(c.status, 201, c.text);
  const client = c.json;
  const ep = await adm.post(`/api/v1/clients/${client.id}/episodes`, {
    level: '2.5', site_id: 1, track_id: php.id, primary_clinician_id: staff.clinician.id,
    privacy_notice_given: true, admitted_on: plusDays(today, -45),
  });
  assert.equal(ep.status, 201, ep.text);
  const k = await dir.post(`/api/v1/clients/${client.id}/contacts`,
    { name: PO_NAME, kind: 'probation_officer', organisation: PO_ORG, phone: '312-555-0171', may_contact: true });
  assert.equal(k.status, 201, k.text);
  // The case manager who handles the probation report joins the care team.
  await careTeam(srv.url, client.id, ['case_manager']);

  const { page } = b;
  // 1. The clinician steps the client down to the IOP, with one planned week.
  await signIn(page, srv.url, 'clinician');
  await page.goto(`${srv.url}/app/#/clients/${client.id}`);
  await h1(page, /Drummond, Ansel/);
  await page.locator('#in-care').filter({ hasText: 'Journey PHP' }).waitFor();
  await page.getByRole('button', { name: 'Step down / transfer…' }).click();
  let dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Move to level of care').selectOption('2.1');
  await dlg.getByLabel('Track').selectOption(String(iop.id));
  await dlg.getByLabel('From').fill(plusDays(today, -38));
  await dlg.getByLabel('Planned step-down weeks').selectOption('1');
  await dlg.getByRole('button', { name: 'Move', exact: true }).click();
  await page.locator('#in-care').filter({ hasText: 'Journey IOP' }).waitFor();
  const eps = (await dir.get(`/api/v1/clients/${client.id}/episodes`)).json.items;
  assert.deepEqual(eps.map((e) => [e.level, e.status]), [['2.1', 'open'], ['2.5', 'discharged']]);
  assert.equal(eps[1].discharge_type, 'transferred_lower');
  const iopEpisode = eps[0].id;

  // 2. The client attends the IOP's groups in the week after the step-down.
  const held = (await dir.get(`/api/v1/sessions?track_id=${iop.id}&from=${plusDays(today, -37)}&to=${plusDays(today, -32)}`)).json.items;
  assert.ok(held.length >= 5, `IOP sessions in the week after the step-down: ${held.length}`);
  for (const s of held) {
    const r = await clin.put(`/api/v1/sessions/${s.id}/attendance`, { records: [{ client_id: client.id, status: 'present' }] });
    assert.equal(r.status, 200, r.text);
  }
  await signOut(page);

  // 3. The case manager records the client's consent naming the probation
  // officer, releases a probation report under it, revokes it when the
  // client withdraws it, and the next report is refused.
  await signIn(page, srv.url, 'case_manager');
  await page.goto(`${srv.url}/app/#/clients/${client.id}`);
  await h1(page, /Drummond, Ansel/);
  const consents = page.locator('#consents');
  await consents.getByRole('button', { name: 'Record a consent…' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Who may disclose').fill('Riverside Recovery IOP');
  for (const info of ['Attendance', 'Drug screen results', 'Progress in treatment']) await dlg.getByLabel(info, { exact: true }).check();
  await dlg.getByLabel(`${PO} (Probation officer)`).check();
  await dlg.getByLabel('Purpose').fill('Report on attendance of treatment, a condition of probation');
  await dlg.getByLabel('Ends on').fill(plusDays(today, 180));
  await dlg.getByRole('button', { name: 'Record consent' }).click();
  await dlg.waitFor({ state: 'detached' });
  const consentRow = consents.locator('.consent-list tbody tr').first();
  await consentRow.getByText('Active', { exact: true }).waitFor();

  await consents.getByRole('button', { name: 'Release information…' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByRole('button', { name: 'Probation report' }).click();
  await dlg.getByText('One consent covers it.').waitFor();
  await dlg.getByRole('button', { name: 'Release', exact: true }).click();
  await dlg.waitFor({ state: 'detached' });
  const accounting = consents.locator('.accounting tbody tr');
  await accounting.first().getByText(PO).waitFor();
  assert.equal(await accounting.count(), 1);
  const href = await accounting.first().getByRole('link').getAttribute('href');
  const released = await page.evaluate(async (u) => (await fetch(u)).text(), href);
  assert.match(released, /protected by Federal confidentiality/, 'the 42 CFR 2.32 notice is on what left');
  assert.match(released, /Attendance/);
  await shot(page, 'continuum-released');

  await consentRow.getByRole('button', { name: /Revoke the consent/ }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Why').fill('The client withdrew the consent at today’s session.');
  await dlg.getByRole('button', { name: 'Revoke consent' }).click();
  await dlg.waitFor({ state: 'detached' });
  await consents.locator('.consent-list tbody tr').first().getByText('Revoked', { exact: true }).waitFor();
  await consents.getByRole('button', { name: 'Release information…' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByRole('button', { name: 'Probation report' }).click();
  await dlg.getByRole('button', { name: 'Release', exact: true }).click();
  await dlg.locator('.error-summary').getByText(new RegExp(`No consent valid on .* for ${PO}`)).waitFor();
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await accounting.count(), 1, 'nothing more left the program');
  const acc = (await dir.get(`/api/v1/clients/${client.id}/disclosures`)).json.items;
  assert.equal(acc.length, 1);
  await signOut(page);

  // 4. The clinician discharges the client (completed, 30 days ago), signs
  // the discharge summary, and the client signs the aftercare plan.
  await signIn(page, srv.url, 'clinician');
  await page.goto(`${srv.url}/app/#/clients/${client.id}`);
  await h1(page, /Drummond, Ansel/);
  await page.getByRole('button', { name: 'Discharge…' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Type of discharge').selectOption('completed');
  await dlg.getByLabel('Discharge date').fill(plusDays(today, -30));
  await dlg.getByLabel('Reason').fill('Completed the IOP after stepping down from PHP.');
  await dlg.getByRole('button', { name: 'Discharge', exact: true }).click();
  await page.locator('#discharged-line').filter({ hasText: 'completed the program' }).waitFor();
  await signDischargeSummary(page, 'Weekly outpatient therapy; SMART Recovery twice a week.');
  const printHref = await signAftercarePlan(page, 'Ansel', 'Ansel Drummond');
  await shot(page, 'continuum-discharged');
  await assertNoAxeViolations(page, 'chart after discharge');
  const printed = await page.evaluate(async (u) => (await fetch(u)).text(), printHref);
  assert.match(printed, /988/, 'the crisis line is on the client’s copy');
  const ended = (await dir.get(`/api/v1/clients/${client.id}/episodes`)).json.items.find((e) => e.id === iopEpisode);
  assert.equal(ended.status, 'discharged');
  assert.equal(ended.discharge_type, 'completed');
  await signOut(page);

  // 5. Thirty days on, the alumni coordinator reaches the client.
  await signIn(page, srv.url, 'alumni');
  await page.goto(srv.url + '/app/#/tasks');
  const item = page.locator('li.task-item', { hasText: 'Drummond, Ansel' }).filter({ hasText: '30 days after discharge' });
  await item.waitFor();
  await item.getByRole('link', { name: /Record the call/ }).click();
  await h1(page, '30-day check-in: Drummond, Ansel');
  await page.getByLabel('Yes, we spoke').check();
  await page.getByLabel('How are they doing?').selectOption('in_recovery');
  await page.getByLabel('Notes').fill('Going to SMART Recovery on Mondays; first outpatient visit kept.');
  await page.getByRole('button', { name: 'Save the call' }).click();
  await h1(page, 'My tasks');
  await page.goto(srv.url + '/app/#/alumni');
  const row = page.locator('.alumni-results tr', { hasText: 'Drummond, Ansel' });
  await row.waitFor();
  assert.match(await row.innerText(), /60-day check-in/);
  await shot(page, 'continuum-alumni');
  assert.deepEqual(b.errors, []);
});

// Today, the front desk's home (issue 12, item 7), in a real browser.  With
// the test clock at a group's start + 12 minutes: the front desk signs in
// and lands on Today (Today is on the navigation); the site's sessions and
// an appointment are listed in time order in the site's zone, the group
// under way marked "Now"; its roster shows every client "Not arrived"; one
// client is checked in with one click, another marked late (minutes), then
// "Mark all present" marks the one left with one request, keeping the
// others' marks; the API shows the attendance written.  A group
// later in the day says when check-in opens and offers no buttons.
// Then one client is marked left early (minutes before the end offered)
// and another absent (excused); the appointment says when its outcome can
// be recorded and, once it has started, is recorded a no-show and changed
// to attended (minutes), the earlier outcome listed; the API shows both.
// A nurse (no clients.write) sees the roster and the outcome read-only,
// told why in one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations, navNames } from './browser.mjs';
import { clientBody, careTeam } from '../api/helpers.mjs';
import { plusDays, localDateTime, chicagoAt } from '../lib/dates.mjs';

let srv, b, session, later, clients, target, apptId, groupBefore11;

before(async () => {
  srv = await startServer({ testClock: true });
  b = await launch();
  const now0 = await srv.advance(0);
  const today = localDateTime(now0).date;
  const tomorrow = plusDays(today, 1);
  const dir = new Api(srv.url);
  assert.equal((await dir.login('director')).status, 200);
  const adm = new Api(srv.url);
  assert.equal((await adm.login('admissions')).status, 200);
  const admin = new Api(srv.url);
  assert.equal((await admin.login('admin')).status, 200);
  const staff = Object.fromEntries((await admin.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const mkTrack = async (name, start) => {
    const blocks = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, minutes: 60, group_type: 'process_group' }));
    const r = await dir.post('/api/v1/tracks', { site_id: 1, name, level_of_care: '2.1', blocks });
    assert.equal(r.status, 201, r.text);
    const g = await dir.post(`/api/v1/tracks/${r.json.id}/sessions/generate`, { from: today, to: plusDays(today, 2) });
    assert.equal(g.status, 200, g.text);
    return r.json;
  };
  const morning = await mkTrack('Front desk morning', '09:00');
  const afternoon = await mkTrack('Front desk afternoon', '14:00');
  clients = [];
  for (const last of ['Ashgrove', 'Brightwater', 'Cinderfell']) {
    const c = await adm.post('/api/v1/clients', clientBody({ first_name: 'Tess', last_name: last }));
    assert.equal(c.status, 201, c.text);
    await careTeam(srv.url, c.json.id);
    const e = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: morning.id, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: today,
    });
    assert.equal(e.status, 201, e.text);
    clients.push(c.json);
  }
  const pmClient = await adm.post('/api/v1/clients', clientBody({ first_name: 'Tess', last_name: 'Dunmore' }));
  assert.equal(pmClient.status, 201, pmClient.text);
  await careTeam(srv.url, pmClient.json.id);
  const pmEp = await adm.post(`/api/v1/clients/${pmClient.json.id}/episodes`, {
    level: '2.1', site_id: 1, track_id: afternoon.id, primary_clinician_id: staff.clinician.id,
    privacy_notice_given: true, admitted_on: today,
  });
  assert.equal(pmEp.status, 201, pmEp.text);
  const ap = await dir.post(`/api/v1/clients/${clients[1].id}/appointments`, {
    kind: 'individual_therapy', site_id: 1, staff_id: staff.clinician.id,
    starts_at: new Date(chicagoAt(tomorrow, '11:00')).toISOString().slice(0, 16) + 'Z', minutes: 50,
  });
  assert.equal(ap.status, 201, ap.text);
  apptId = ap.json.id;
  const list = async (t) => (await dir.get(`/api/v1/sessions?track_id=${t.id}&from=${tomorrow}&to=${tomorrow}`)).json.items[0];
  session = await list(morning);
  later = await list(afternoon);
  const apptAt = Date.parse(ap.json.starts_at);
  const site1 = (await dir.get(`/api/v1/sessions?site_id=1&from=${tomorrow}&to=${tomorrow}`)).json.items;
  groupBefore11 = site1.some((s) => s.status === 'scheduled' && Date.parse(s.starts_at) > Date.parse(session.starts_at) + 12 * 60e3 &&
    Date.parse(s.starts_at) < apptAt);
  // Tomorrow, 12 minutes after the morning group's start.
  target = Date.parse(session.starts_at) + 12 * 60e3;
  await srv.advance(Math.ceil((target - now0) / 1000));
  // The browser's clock agrees with the server's.
  await b.page.clock.setFixedTime(target);
});
after(async () => { if (b) await b.close(); if (srv) await srv.stop(); });

test('the front desk lands on Today, sees who has not arrived, checks one in and marks all present', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'front_desk');
  await h1(page, 'Today');
  assert.equal(new URL(page.url()).hash, '#/today');
  assert.deepEqual(await navNames(page), ['Today', 'Schedule', 'Clients', 'Census', 'Tasks', 'On duty']);

  const item = page.locator(`li[data-session="${session.id}"]`);
  await item.waitFor();
  assert.match(await item.textContent(), /9:00\s?AM – 10:00\s?AM/);
  assert.match(await item.textContent(), /Front desk morning/);
  assert.equal(await item.locator('.badge', { hasText: 'Now' }).count(), 1);
  // Time order: the morning group before the 11:00 appointment before the afternoon group.
  const order = await page.locator('.today-list > li').evaluateAll((ls) => ls.map((l) => l.dataset.session || `a${l.dataset.appointment}`));
  const iMorning = order.indexOf(String(session.id));
  const iAppt = order.findIndex((x) => x.startsWith('a'));
  const iLater = order.indexOf(String(later.id));
  assert.ok(iMorning < iAppt && iAppt < iLater, order.join(','));
  const appt = page.locator('li[data-appointment]');
  assert.match(await appt.textContent(), /Brightwater, Tess/);
  // What starts next is marked "Next", once: a demo group starting before
  // the 11:00 appointment when the demo's day track meets that weekday,
  // else the appointment itself.
  assert.equal(await page.locator('.today-list .badge', { hasText: 'Next' }).count(), 1);
  assert.equal(await appt.locator('.badge', { hasText: 'Next' }).count(), groupBefore11 ? 0 : 1);

  await item.getByRole('button', { name: /^Roster: Process group/ }).click();
  const rows = item.locator('li.today-client');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 3);
  assert.equal(await item.locator('li.today-client.is-missing').count(), 3);
  assert.equal(await item.locator('.badge', { hasText: 'Not arrived' }).count(), 3);
  await shot(page, 'today-not-arrived');

  await item.getByRole('button', { name: 'Check in Ashgrove, Tess' }).click();
  await page.locator('#today-live', { hasText: 'Ashgrove, Tess checked in.' }).waitFor();
  const ash = item.locator(`li[data-client="${clients[0].id}"]`);
  await ash.locator('.badge', { hasText: 'Checked in' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Check in Ashgrove, Tess');
  assert.equal(await item.locator('li.today-client.is-missing').count(), 2);
  await assertNoAxeViolations(page, 'today with a roster open');
  await shotsBothWidths(page, 'today');

  // Brightwater came in late: the minutes since the start are offered.
  await item.getByRole('button', { name: 'Late: Brightwater, Tess' }).click();
  const minutes = item.getByLabel('Minutes late', { exact: true });
  assert.equal(await minutes.inputValue(), '12');
  await minutes.fill('0');
  await item.getByRole('button', { name: 'Save minutes late for Brightwater, Tess' }).click();
  await item.getByRole('alert').filter({ hasText: 'Minutes late must be a whole number from 1 to 59.' }).waitFor();
  await minutes.fill('11');
  await item.getByRole('button', { name: 'Save minutes late for Brightwater, Tess' }).click();
  await page.locator('#today-live', { hasText: 'Brightwater, Tess checked in 11 minutes late.' }).waitFor();
  await item.locator(`li[data-client="${clients[1].id}"] .badge`, { hasText: 'Late 11 min' }).waitFor();
  // Focus goes back to the client's Late button, not to the top of the page.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Late: Brightwater, Tess');

  // Mark all present: the one left, with the others' marks kept.
  await item.getByRole('button', { name: /^Mark all present/ }).click();
  await page.locator('#today-live', { hasText: 'One client marked present' }).waitFor();
  // The roster is drawn again after the message (on a loaded machine a
  // moment later): wait for the last "not arrived" mark to go.
  await item.locator('li.today-client.is-missing').first().waitFor({ state: 'detached' });
  assert.equal(await item.locator('li.today-client.is-missing').count(), 0);
  await shot(page, 'today-all-present');

  const desk = new Api(srv.url);
  assert.equal((await desk.login('front_desk')).status, 200);
  const got = await desk.get(`/api/v1/sessions/${session.id}`);
  assert.equal(got.status, 200, got.text);
  const att = Object.fromEntries(got.json.roster.map((r) => [r.client_id, r.attendance && [r.attendance.status, r.attendance.late_minutes]]));
  assert.deepEqual(att, { [clients[0].id]: ['present', 0], [clients[1].id]: ['late', 11], [clients[2].id]: ['present', 0] });

  // The afternoon group has not started: check-in opens at its start.
  const pm = page.locator(`li[data-session="${later.id}"]`);
  await pm.getByRole('button', { name: /^Roster: Process group/ }).click();
  await pm.getByText('Check-in opens at 2:00 PM, when the group starts.').waitFor();
  assert.equal(await pm.getByRole('button', { name: /Check in/ }).count(), 0);
  assert.deepEqual(b.errors, []);
});

test('left early and absent (excused) on the roster; an appointment outcome once it has started', async () => {
  const { page } = b;
  const item = page.locator(`li[data-session="${session.id}"]`);
  const appt = page.locator(`li[data-appointment="${apptId}"]`);
  // Not started: the outcome's buttons are not offered yet.
  await appt.getByText('Outcome: can be recorded from 11:00 AM, when it starts.').waitFor();
  assert.equal(await appt.getByRole('button', { name: /^Attended/ }).count(), 0);

  // Cinderfell left early: the minutes to the end (60 − 12) are offered.
  await item.getByRole('button', { name: 'Left early: Cinderfell, Tess' }).click();
  const early = item.getByLabel('Minutes before the end', { exact: true });
  assert.equal(await early.inputValue(), '48');
  await early.fill('20');
  await early.press('Enter');
  await page.locator('#today-live', { hasText: 'Cinderfell, Tess left 20 minutes early.' }).waitFor();
  await item.locator(`li[data-client="${clients[2].id}"] .badge`, { hasText: 'Left early 20 min' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Left early: Cinderfell, Tess');
  // Brightwater (late 11) also left early: both kept.
  await item.getByRole('button', { name: 'Left early: Brightwater, Tess' }).click();
  await item.getByLabel('Minutes before the end', { exact: true }).fill('5');
  await item.getByRole('button', { name: 'Save minutes before the end for Brightwater, Tess' }).click();
  await item.locator(`li[data-client="${clients[1].id}"] .badge`, { hasText: 'Late 11 min · left early 5 min' }).waitFor();
  // Ashgrove turns out to have been excused.
  await item.getByRole('button', { name: 'Absent, excused: Ashgrove, Tess' }).click();
  await page.locator('#today-live', { hasText: 'Ashgrove, Tess marked absent, excused.' }).waitFor();
  await item.locator(`li[data-client="${clients[0].id}"] .badge`, { hasText: 'Absent (excused)' }).waitFor();
  await shotsBothWidths(page, 'today-left-early-excused');
  const desk = new Api(srv.url);
  assert.equal((await desk.login('front_desk')).status, 200);
  const got = await desk.get(`/api/v1/sessions/${session.id}`);
  const att = Object.fromEntries(got.json.roster.map((r) => [r.client_id,
    [r.attendance.status, r.attendance.late_minutes, r.attendance.left_early_minutes]]));
  assert.deepEqual(att, { [clients[0].id]: ['absent_excused', 0, 0], [clients[1].id]: ['left_early', 11, 5],
    [clients[2].id]: ['left_early', 0, 20] });

  // 11:05: the appointment has started.
  const at1105 = Date.parse((await desk.get(`/api/v1/appointments/${apptId}`)).json.starts_at) + 5 * 60e3;
  const now = await srv.advance(0);
  await srv.advance(Math.ceil((at1105 - now) / 1000));
  await page.clock.setFixedTime(at1105);
  await signIn(page, srv.url, 'front_desk');
  await h1(page, 'Today');
  await appt.getByRole('button', { name: /^No-show: Individual therapy/ }).waitFor();
  await shotsBothWidths(page, 'today-appt-started');
  await appt.getByRole('button', { name: /^No-show: Individual therapy/ }).click();
  await page.locator('#today-live', { hasText: 'Brightwater, Tess: Recorded as a no-show.' }).waitFor();
  await appt.locator('.badge', { hasText: 'No-show' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), `today-appt-${apptId}-change`);
  // Changed: the client came after all, for 45 of the 50 minutes.
  await appt.getByRole('button', { name: /^Change the outcome/ }).click();
  await appt.getByRole('button', { name: /^Attended: Individual therapy/ }).click();
  const mins = appt.getByLabel('Minutes attended (of 50)');
  assert.equal(await mins.inputValue(), '50');
  await mins.fill('45');
  await mins.press('Enter');
  await appt.locator('.badge', { hasText: 'Attended · 45 of 50 min' }).waitFor();
  await appt.getByText(/^Earlier: No-show, recorded by .+; changed by /).waitFor();
  await assertNoAxeViolations(page, 'today with an appointment outcome');
  await shotsBothWidths(page, 'today-appt-outcome');
  const a = await desk.get(`/api/v1/appointments/${apptId}`);
  assert.equal((await desk.login('front_desk')).status, 200);
  const a2 = await desk.get(`/api/v1/appointments/${apptId}`);
  const body = a2.status === 200 ? a2.json : a.json;
  assert.deepEqual([body.attendance, body.attended_minutes, body.attendance_history.map((x) => x.attendance)],
    ['attended', 45, ['no_show']]);

  // A nurse may look but not record: no buttons, one quiet line saying why.
  await signIn(page, srv.url, 'nurse');
  await page.goto(srv.url + '/app/#/today');
  await h1(page, 'Today');
  await item.getByRole('button', { name: /^Roster: Process group/ }).click();
  await item.locator('li.today-client').first().waitFor();
  await item.getByText(/^Read only: your role can see attendance here but not record it\./).waitFor();
  assert.equal(await item.getByRole('button', { name: /Check in|Late|Absent|Left early|Mark all/ }).count(), 0);
  await appt.locator('.badge', { hasText: 'Attended · 45 of 50 min' }).waitFor();
  assert.equal(await appt.getByRole('button').count(), 0);
  await shot(page, 'today-read-only');
  assert.deepEqual(b.errors, []);
});

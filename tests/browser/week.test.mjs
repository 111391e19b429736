// The week calendar (issue 12, item 9), in a real browser.  The front desk
// opens Week: a site's week, Monday to Sunday in the site's zone, shows the
// sessions generated for a track and an appointment, by room and by staff.
// Clicking free time in a room's lane opens the booking form with that day,
// time and room; choosing the clinician at the appointment's time shows the
// clash in words before saving; moving the time clears it; booking puts the
// appointment on the week.  A clash that appears while the form is open is
// refused by the server (409) and its message shown.  The director opens a
// session (its roster), names a substitute facilitator, and cancels it with
// a reason: it stays on the week, struck through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations, navNames } from './browser.mjs';
import { clientBody, careTeam } from '../api/helpers.mjs';
import { plusDays, localDateTime, chicagoAt } from '../lib/dates.mjs';

const mondayOf = (ymd) => plusDays(ymd, -((new Date(ymd + 'T12:00:00Z').getUTCDay() + 6) % 7));
const PX_PER_MIN = 1;	// week.js
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';

let srv, b, dir, desk, staff, track, sessions, appt, ash, birch, wed, rooms, monday;

before(async () => {
  srv = await startServer({ testClock: true });
  b = await launch({ width: 1366, height: 768 });
  const now0 = await srv.advance(0);
  await b.page.clock.setFixedTime(now0);
  // Next week: everything in it is ahead of the clock.
  monday = plusDays(mondayOf(localDateTime(now0).date), 7);
  wed = plusDays(monday, 2);
  dir = new Api(srv.url);
  assert.equal((await dir.login('director')).status, 200);
  desk = new Api(srv.url);
  assert.equal((await desk.login('front_desk')).status, 200);
  staff = Object.fromEntries((await dir.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  rooms = (await dir.get('/api/v1/rooms?site_id=1')).json.items.filter((r) => r.active);
  // An evening track, Monday to Thursday at 19:00 in the second room.
  const blocks = [1, 2, 3, 4].map((weekday) => ({ weekday, start: '19:00', minutes: 90, group_type: 'relapse_prevention',
    topic: 'Week test', facilitator_id: staff.clinician.id, room_id: rooms[1].id }));
  const t = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Week test evening', level_of_care: '2.1', blocks });
  assert.equal(t.status, 201, t.text);
  track = t.json;
  const g = await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`, { from: monday, to: plusDays(monday, 6) });
  assert.equal(g.status, 200, g.text);
  assert.equal(g.json.created, 4);
  sessions = (await dir.get(`/api/v1/sessions?track_id=${track.id}&from=${monday}&to=${plusDays(monday, 6)}`)).json.items;
  const mk = async (last) => {
    const c = await desk.post('/api/v1/clients', clientBody({ first_name: 'Wynn', last_name: last }));
    assert.equal(c.status, 201, c.text);
    await careTeam(srv.url, c.json.id);
    return c.json;
  };
  ash = await mk('Ashcombe');
  birch = await mk('Birchfield');
  const e = await dir.post(`/api/v1/clients/${ash.id}/episodes`, {
    level: '2.1', site_id: 1, track_id: track.id, primary_clinician_id: staff.clinician.id,
    privacy_notice_given: true, admitted_on: localDateTime(now0).date,
  });
  assert.equal(e.status, 201, e.text);
  // Birchfield with the clinician on Wednesday at 11:00.
  const r = await desk.post(`/api/v1/clients/${birch.id}/appointments`, {
    kind: 'individual_therapy', site_id: 1, staff_id: staff.clinician.id, starts_at: at(chicagoAt(wed, '11:00')), minutes: 50,
  });
  assert.equal(r.status, 201, r.text);
  appt = r.json;
});
after(async () => { if (b) await b.close(); if (srv) await srv.stop(); });

// Click free time: the lane of room (or staff) id ('' every lane) on date, at hh:mm.
async function clickFree(page, date, laneId, hhmm) {
  const first = Number(await page.locator('.week-grid').getAttribute('data-first'));
  const [H, M] = hhmm.split(':').map(Number);
  const lane = page.locator(`.week-lane[data-date="${date}"][data-lane="${laneId}"]`);
  await lane.click({ position: { x: 6, y: (H * 60 + M - first) * PX_PER_MIN + 2 } });
}

test('the front desk sees the week, books from free time with the clash shown before saving', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'front_desk');
  assert.deepEqual(await navNames(page), ['Today', 'Schedule', 'Clients', 'Census', 'Tasks', 'On duty']);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedule' }).click();
  await h1(page, 'Schedule');
  await page.locator('.week-grid').waitFor();
  await page.getByRole('button', { name: 'Next week →' }).click();
  await page.locator(`.week-grid[data-week="${monday}"]`).waitFor();
  assert.match(page.url(), new RegExp(`week=${monday}`));

  // The generated sessions, each on its day with its room, and the appointment.
  for (const s of sessions) {
    const it = page.locator(`.week-lane[data-date="${s.date}"] [data-session="${s.id}"]`);
    assert.match(await it.textContent(), new RegExp(`7:00 PM Relapse prevention: Week test.*Week test evening.*${rooms[1].name}`));
  }
  const ap = page.locator(`.week-lane[data-date="${wed}"] [data-appointment="${appt.id}"]`);
  assert.match(await ap.textContent(), /11:00 AM Individual therapy.*Birchfield, Wynn.*No room/);
  await assertNoAxeViolations(page, 'week');
  await shotsBothWidths(page, 'week');
  await page.setViewportSize({ width: 1366, height: 768 });

  // By staff: the appointment on the clinician's lane, the rooms' groups not.
  await page.getByText('By staff', { exact: true }).click();
  await page.getByLabel('Staff member').selectOption({ label: staff.clinician.full_name });
  await page.locator(`.week-lane[data-date="${wed}"][data-lane="${staff.clinician.id}"] [data-appointment="${appt.id}"]`).waitFor();
  assert.match(page.url(), new RegExp(`by=staff&lane=${staff.clinician.id}`));
  await shot(page, 'week-staff');
  // By room, one room: its free time books into it.
  await page.getByText('By room', { exact: true }).click();
  await page.getByLabel('Room', { exact: true }).selectOption({ label: rooms[0].name });
  assert.equal(await page.locator(`[data-appointment="${appt.id}"]`).count(), 0);

  // Free time: Wednesday 14:00 in the first room.
  await clickFree(page, wed, rooms[0].id, '14:00');
  const dlg = page.getByRole('dialog', { name: 'Book an appointment at Riverside Recovery Center' });
  await dlg.waitFor();
  assert.equal(await dlg.getByLabel('Date').inputValue(), wed);
  assert.equal(await dlg.getByLabel('Start time').inputValue(), '14:00');
  assert.equal(await dlg.getByLabel('Room').inputValue(), String(rooms[0].id));
  await dlg.getByLabel('Find the client').fill('Ashcombe');
  await dlg.locator('select[name=client_id]').locator('option', { hasText: 'Ashcombe, Wynn' }).waitFor({ state: 'attached' });
  assert.equal(await dlg.locator('select[name=client_id]').inputValue(), String(ash.id));
  await dlg.getByLabel('With').selectOption(String(staff.clinician.id));
  await page.locator('#week-clash.is-free', { hasText: 'No clash' }).waitFor();

  // The clinician's 11:00 appointment: the clash in words before saving.
  await dlg.getByLabel('Start time').fill('11:30');
  const clash = page.locator('#week-clash.is-clash');
  await clash.waitFor();
  assert.match(await clash.textContent(), new RegExp(`${staff.clinician.full_name} already has individual therapy 11:00–11:50 on ${wed} \\(appointment ${appt.id}\\)`));
  await assertNoAxeViolations(page, 'week booking with a clash');
  await shot(page, 'week-booking-clash');

  await dlg.getByLabel('Start time').fill('14:00');
  await page.locator('#week-clash.is-free').waitFor();
  await dlg.getByRole('button', { name: 'Book appointment' }).click();
  await dlg.waitFor({ state: 'detached' });
  const mine = (await desk.get(`/api/v1/clients/${ash.id}/appointments`)).json.items;
  assert.equal(mine.length, 1);
  assert.equal(mine[0].starts_at.slice(0, 16) + 'Z', at(chicagoAt(wed, '14:00')));
  assert.equal(mine[0].room_id, rooms[0].id);
  const booked = page.locator(`.week-lane[data-date="${wed}"][data-lane="${rooms[0].id}"] [data-appointment="${mine[0].id}"]`);
  await booked.waitFor();
  assert.match(await booked.textContent(), /2:00 PM.*Individual therapy.*Ashcombe, Wynn/);
});

test('a clash that appears while the form is open is refused and said', async () => {
  const { page } = b;
  await clickFree(page, wed, rooms[0].id, '16:00');
  const dlg = page.getByRole('dialog', { name: /^Book an appointment/ });
  await dlg.waitFor();
  await dlg.getByLabel('Find the client').fill('Birchfield');
  await dlg.locator('select[name=client_id]').locator('option', { hasText: 'Birchfield, Wynn' }).waitFor({ state: 'attached' });
  await dlg.getByLabel('With').selectOption(String(staff.clinician.id));
  await page.locator('#week-clash.is-free').waitFor();
  // Meanwhile someone books the room at 16:15.
  const other = await desk.post(`/api/v1/clients/${ash.id}/appointments`, {
    kind: 'case_management', site_id: 1, staff_id: staff.case_manager.id, room_id: rooms[0].id,
    starts_at: at(chicagoAt(wed, '16:15')), minutes: 30,
  });
  assert.equal(other.status, 201, other.text);
  await dlg.getByRole('button', { name: 'Book appointment' }).click();
  const msg = dlg.getByRole('alert');
  await msg.filter({ hasText: `Not booked: ${rooms[0].name} is taken then` }).waitFor();
  await page.locator('#week-clash.is-clash', { hasText: `(appointment ${other.json.id})` }).waitFor();
  await shot(page, 'week-booking-refused');
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await desk.get(`/api/v1/clients/${birch.id}/appointments`)).json.items.length, 1);
});

test('the director opens a session, names a substitute and cancels it with a reason: struck through', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.goto(`${srv.url}/app/#/week?site=1&week=${monday}`);
  await h1(page, 'Schedule');
  const s = sessions[1];	// Tuesday
  const item = page.locator(`[data-session="${s.id}"]`);
  await item.click();
  const dlg = page.getByRole('dialog', { name: 'Relapse prevention: Week test' });
  await dlg.waitFor();
  await dlg.getByRole('link', { name: 'Ashcombe, Wynn' }).waitFor();
  assert.match(await dlg.locator('#week-session-facilitator').textContent(), new RegExp(staff.clinician.full_name));

  await dlg.getByRole('button', { name: 'Substitute facilitator' }).click();
  await dlg.getByLabel('Substitute facilitator').selectOption(String(staff.director.id));
  await dlg.getByRole('button', { name: 'Save substitute' }).click();
  await dlg.waitFor({ state: 'detached' });
  let got = (await dir.get(`/api/v1/sessions/${s.id}`)).json;
  assert.equal(got.substitute_facilitator_id, staff.director.id);

  await page.locator(`[data-session="${s.id}"]`).click();
  await dlg.waitFor();
  assert.match(await dlg.locator('#week-session-facilitator').textContent(), new RegExp(`${staff.director.full_name}.*substitute for ${staff.clinician.full_name}`));
  await dlg.getByRole('button', { name: 'Cancel this session' }).click();
  await dlg.getByRole('button', { name: 'Cancel the session' }).click();
  await dlg.getByText('Enter why the session is cancelled.').waitFor();
  await assertNoAxeViolations(page, 'week session dialog');
  await shot(page, 'week-session');
  await dlg.getByLabel('Reason for cancelling').fill('Facilitator ill, no cover');
  await dlg.getByRole('button', { name: 'Cancel the session' }).click();
  await dlg.waitFor({ state: 'detached' });
  got = (await dir.get(`/api/v1/sessions/${s.id}`)).json;
  assert.equal(got.status, 'cancelled');
  assert.equal(got.cancel_reason, 'Facilitator ill, no cover');
  const struck = page.locator(`.week-item.is-cancelled[data-session="${s.id}"]`);
  await struck.waitFor();
  assert.match(await struck.textContent(), /Cancelled/);
  const deco = await struck.locator('.week-item-title').evaluate((el) => getComputedStyle(el).textDecorationLine);
  assert.equal(deco, 'line-through');
  assert.match(await struck.textContent(), /^Cancelled7:00 PM Relapse prevention/);
  await shot(page, 'week-cancelled');

  // A one-off session of the track, on Friday at 15:00: on the week at once.
  const fri = plusDays(monday, 4);
  await page.getByRole('button', { name: 'Add a one-off session' }).click();
  const one = page.getByRole('dialog', { name: 'Add a one-off session' });
  await one.getByLabel('Track').selectOption({ label: 'Week test evening' });
  await one.getByLabel('Date').fill(fri);
  await one.getByLabel('Start time').fill('15:00');
  await one.getByLabel('Length (minutes)').fill('45');
  await one.getByLabel('Group type').selectOption('nutrition_wellness');
  await one.getByLabel('Topic').fill('Eating well on a budget');
  await one.getByLabel('Room').selectOption(String(rooms[0].id));
  await one.getByRole('button', { name: 'Add session' }).click();
  await one.waitFor({ state: 'detached' });
  const added = (await dir.get(`/api/v1/sessions?track_id=${track.id}&from=${fri}&to=${fri}`)).json.items;
  assert.equal(added.length, 1);
  assert.equal(added[0].one_off, true);
  const onWeek = page.locator(`.week-lane[data-date="${fri}"] [data-session="${added[0].id}"]`);
  await onWeek.waitFor();
  assert.match(await onWeek.textContent(), /3:00 PM .*Eating well on a budget/);
  assert.deepEqual(b.errors, []);
});

// Appointments on the client's chart in a real browser: the director books
// individual therapy with a clinician at a time the clinician is already
// taken — the server's 409 is shown next to the start time, naming the
// other booking — then at a free time; the appointment is listed as
// upcoming; it is moved an hour later (the old time kept) and cancelled by
// the client, and shows as such.  An appointment held two hours ago takes
// its outcome on the chart: Attended with 40 of its 50 minutes, then
// changed to a no-show, the earlier outcome listed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn as apiSignIn, clientBody, careTeam } from '../api/helpers.mjs';
import { launch, signIn, h1, shot, assertNoAxeViolations } from './browser.mjs';

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

// The wall-clock date and time of instant ms in zone tz.
function local(ms, tz) {
  const p = {};
  for (const x of new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(ms))) p[x.type] = x.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

test('book with a conflict shown at the time, book, cancel', async () => {
  const admin = await apiSignIn(srv.url, 'admin');
  const dir = await apiSignIn(srv.url, 'director');
  const staff = (await admin.get('/api/v1/staff?limit=200')).json.items;
  const clin = staff.find((s) => s.username === 'clinician');
  const site = (await admin.get('/api/v1/sites')).json.items.sort((x, y) => x.id - y.id)[0];
  const c = await dir.post('/api/v1/clients', clientBody({ first_name: 'Juniper', last_name: 'Ashgrove' }));
  assert.equal(c.status, 201, c.text);
  await careTeam(srv.url, c.json.id);
  const other = await dir.post('/api/v1/clients', clientBody({ first_name: 'Rowan', last_name: 'Elmsley' }));
  await careTeam(srv.url, other.json.id);
  // The clinician is taken three days ahead, 17:00 UTC for 50 minutes.
  const taken = Math.ceil(Date.now() / 86400e3) * 86400e3 + 3 * 86400e3 + 17 * 3600e3;
  const held = await dir.post(`/api/v1/clients/${other.json.id}/appointments`, {
    kind: 'individual_therapy', site_id: site.id, staff_id: clin.id,
    starts_at: new Date(taken).toISOString().slice(0, 16) + 'Z', minutes: 50,
  });
  assert.equal(held.status, 201, held.text);
  const clash = local(taken + 20 * 60e3, site.timezone);
  const free = local(taken + 2 * 3600e3, site.timezone);

  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.goto(`${srv.url}/app/#/clients/${c.json.id}`);
  await h1(page, /Ashgrove, Juniper/);
  const card = page.locator('#appointments');
  await card.getByText('No upcoming appointments.').waitFor();
  await card.getByRole('button', { name: 'Book appointment' }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.getByRole('heading', { name: /Book an appointment for Juniper Ashgrove/ }).waitFor();
  await dlg.getByLabel('Individual therapy').check();
  await dlg.getByLabel('Site').selectOption(String(site.id));
  await dlg.getByLabel('With', { exact: false }).first().selectOption(String(clin.id));
  await dlg.getByLabel('Date').fill(clash.date);
  await dlg.getByLabel('Start time').fill(clash.time);
  await dlg.getByLabel('Length (minutes)').fill('45');
  await shot(page, 'appointment-book');
  await dlg.getByRole('button', { name: 'Book appointment' }).click();

  // The 409's message, next to the start time, names the other booking.
  const time = dlg.getByLabel('Start time');
  await dlg.locator('.field.has-error').first().waitFor();
  assert.equal(await time.getAttribute('aria-invalid'), 'true');
  const errId = (await time.getAttribute('aria-describedby')).split(' ').find((x) => x.endsWith('-error'));
  const msg = await page.locator(`#${errId}`).textContent();
  assert.match(msg, new RegExp(`${clin.full_name} already has individual therapy .*\\(appointment ${held.json.id}\\)`), msg);
  assert.doesNotMatch(msg, /Rowan|Elmsley/, 'the other client is not named');
  await shot(page, 'appointment-conflict');

  await time.fill(free.time);
  await dlg.getByRole('button', { name: 'Book appointment' }).click();
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  const upcoming = card.locator('#appointments-upcoming li');
  await upcoming.first().waitFor();
  assert.equal(await upcoming.count(), 1);
  const line = await upcoming.first().textContent();
  assert.match(line, new RegExp(`Individual therapy with ${clin.full_name}`));
  assert.match(line, new RegExp(free.time));
  assert.match(line, /Scheduled/);
  await shot(page, 'appointment-booked');

  // Move it an hour later: the old time stays in its history.
  const later = local(taken + 3 * 3600e3, site.timezone);
  await upcoming.first().getByRole('button', { name: /^Reschedule / }).click();
  const rd = page.locator('dialog[open]');
  await rd.getByLabel('Start time').fill(later.time);
  await shot(page, 'appointment-reschedule');
  await rd.getByRole('button', { name: 'Move appointment' }).click();
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  await card.getByText(/Moved from .* by /).waitFor();
  assert.match(await upcoming.first().textContent(), new RegExp(later.time));

  // Cancel, by the client.
  await upcoming.first().getByRole('button', { name: /^Cancel / }).click();
  const cd = page.locator('dialog[open]');
  await cd.getByRole('button', { name: 'Cancel appointment' }).click();
  await cd.locator('.field.has-error').first().waitFor();
  await cd.getByLabel(/Juniper \(the client\)/).check();
  await cd.getByLabel('Reason').fill('Has a job interview that morning');
  await shot(page, 'appointment-cancel');
  await cd.getByRole('button', { name: 'Cancel appointment' }).click();
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  await card.getByText('No upcoming appointments.').waitFor();
  const past = await card.locator('#appointments-past li').first().textContent();
  assert.match(past, /Cancelled by client/);
  assert.match(past, /Has a job interview that morning/);
  await shot(page, 'appointment-cancelled');
});

test('an appointment held earlier takes its outcome on the chart', async () => {
  const admin = await apiSignIn(srv.url, 'admin');
  const desk = await apiSignIn(srv.url, 'front_desk');
  const staff = (await admin.get('/api/v1/staff?limit=200')).json.items;
  const clin = staff.find((s) => s.username === 'clinician');
  const site = (await admin.get('/api/v1/sites')).json.items.sort((x, y) => x.id - y.id)[0];
  const c = await desk.post('/api/v1/clients', clientBody({ first_name: 'Marlow', last_name: 'Fenwick' }));
  assert.equal(c.status, 201, c.text);
  await careTeam(srv.url, c.json.id);
  const start = Math.floor(Date.now() / 300e3) * 300e3 - 2 * 3600e3;
  const ap = await desk.post(`/api/v1/clients/${c.json.id}/appointments`, {
    kind: 'individual_therapy', site_id: site.id, staff_id: clin.id,
    starts_at: new Date(start).toISOString().slice(0, 16) + 'Z', minutes: 50,
  });
  assert.equal(ap.status, 201, ap.text);

  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(`${srv.url}/app/#/clients/${c.json.id}`);
  await h1(page, /Fenwick, Marlow/);
  const row = page.locator(`#appointments-past li[data-id="${ap.json.id}"]`);
  await row.getByText('Not recorded').waitFor();
  await row.getByRole('button', { name: /^Attended: Individual therapy/ }).click();
  const mins = row.getByLabel('Minutes attended (of 50)');
  assert.equal(await mins.inputValue(), '50');
  await mins.fill('40');
  await shot(page, 'appointment-outcome-minutes');
  await row.getByRole('button', { name: /^Save minutes attended/ }).click();
  await row.locator('.badge', { hasText: 'Attended · 40 of 50 min' }).waitFor();
  assert.match(await row.textContent(), new RegExp(`recorded by ${clin.full_name}`));
  // Changed: the client did not come after all.
  await row.getByRole('button', { name: /^Change the outcome/ }).click();
  await row.getByRole('button', { name: /^No-show: Individual therapy/ }).click();
  await row.locator('.badge', { hasText: 'No-show' }).waitFor();
  await row.getByText(/^Earlier: Attended 40 min, recorded by .+; changed by /).waitFor();
  await assertNoAxeViolations(page, 'chart with an appointment outcome');
  await shot(page, 'appointment-outcome');
  const got = await desk.get(`/api/v1/appointments/${ap.json.id}`);
  assert.deepEqual([got.json.attendance, got.json.attendance_history.map((x) => [x.attendance, x.attended_minutes])],
    ['no_show', [['attended', 40]]]);
});

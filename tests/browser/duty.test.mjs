// The duty roster in a real browser: "On duty" is on everyone's navigation;
// an administrator puts the clinician on duty now at Riverside (times typed
// in the site's time zone), gets a per-field error for an end before the
// start, adds tomorrow's day shift with a quick choice and removes it; a
// time the clocks skip is refused next to the field, one they show twice is
// the first unless the second is asked for, a start more than an hour ago is
// refused and the quick choices never make one; a screening with a safety
// flag then says the task went to the clinician on duty at the site chosen
// on the form (or, with nobody on duty there, at the recorder's first site);
// a clinician reads the roster without the controls, and the site chosen is
// remembered; a disabled account's shift is marked and takes no alerts; a
// shift under way ends now and stays on the roster, and with nobody on duty
// the task goes to the site's director, the alert unclaimed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations, navNames } from './browser.mjs';
import { careTeam } from '../api/helpers.mjs';

let srv;
let b;
let director;
let admin;

const TZ = 'America/Chicago';	// Riverside Recovery Center's time zone

// Wall-clock date and time at instant ms in Riverside's zone.
function local(ms) {
  const p = {};
  for (const x of new Intl.DateTimeFormat('en-US', { timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(ms))) p[x.type] = x.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

before(async () => {
  srv = await startServer();
  b = await launch();
  director = new Api(srv.url);
  assert.equal((await director.login('director')).status, 200);
  admin = new Api(srv.url);
  assert.equal((await admin.login('admin')).status, 200);
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

const nav = (page) => page.getByRole('navigation', { name: 'Main' });

async function chooseSite(page, name) {
  await page.getByLabel('Site', { exact: true }).selectOption({ label: name });
  await page.locator('#duty-now-title', { hasText: name }).waitFor();
}

test('"On duty" is on every role\'s navigation', async () => {
  const { page } = b;
  const expect = {
    admin: ['Staff', 'Sites', 'Rooms', 'Tracks', 'Program', 'On duty', 'Audit log'],
    clinician: ['Today', 'Schedule', 'Clients', 'Census', 'This week', 'Resources', 'Tasks', 'Alumni', 'On duty'],
    front_desk: ['Today', 'Schedule', 'Clients', 'Census', 'Tasks', 'On duty'],
    director: ['Today', 'Schedule', 'Admissions', 'Clients', 'Census', 'This week', 'Resources', 'Billing days', 'Tasks', 'Alumni', 'Tracks', 'Program', 'On duty', 'Placement table', 'Audit log'],
  };
  for (const [user, items] of Object.entries(expect)) {
    await signIn(page, srv.url, user);
    await page.locator('#nav-list a').first().waitFor();
    assert.deepEqual(await navNames(page), items, user);
  }
  assert.deepEqual(b.errors, []);
});

test('an administrator puts the clinician on duty, sees a field error, adds and removes a shift', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'admin');
  await nav(page).getByRole('link', { name: 'On duty' }).click();
  await h1(page, 'On duty');
  await chooseSite(page, 'Riverside Recovery Center');
  assert.match(page.url(), /#\/duty\?site=1$/);
  assert.match(await page.locator('#duty-zone').textContent(), /Central Time \(America\/Chicago\)/);

  // Nobody on duty: said in words, with where the alerts go instead.
  const now = page.locator('#duty-now');
  assert.match(await now.locator('.duty-now-name').textContent(), /^No clinician is on duty\.$/);
  assert.match(await now.textContent(), /go to Dana Whitfield, the director, and wait on every clinician’s list of unclaimed alerts until one claims them/);
  assert.equal(await page.locator('li.duty-day').count(), 14);
  assert.match(await page.locator('li.duty-day').first().locator('h3').textContent(), /^Today, /);
  assert.match(await page.locator('li.duty-day').nth(1).locator('h3').textContent(), /^Tomorrow, /);
  await assertNoAxeViolations(page, 'duty roster, nobody on duty');
  await shotsBothWidths(page, 'duty-empty', { axeAtNarrow: true });

  // Only active clinicians of this site are offered.
  const form = page.locator('form.duty-form');
  const options = await form.getByLabel('Clinician').locator('option').allTextContents();
  assert.deepEqual(options, ['Choose a clinician', 'Marcus Oyelaran']);

  // An end before the start: the message sits next to "Ends".
  const start = Math.floor(Date.now() / 3600000) * 3600000;	// this hour
  const end = start + 6 * 3600000;
  const s = local(start);
  const e = local(end);
  await form.getByLabel('Clinician').selectOption({ label: 'Marcus Oyelaran' });
  await form.getByLabel('Starts: date').fill(s.date);
  await form.getByLabel('Starts: time').fill(s.time);
  await form.getByLabel('Ends: date').fill(s.date);
  await form.getByLabel('Ends: time').fill(local(start - 3600000).time);
  if (local(start - 3600000).date !== s.date) await form.getByLabel('Ends: date').fill(local(start - 3600000).date);
  await form.getByRole('button', { name: 'Add to the roster' }).click();
  const endsField = form.locator('fieldset.when-field', { hasText: 'Ends' });
  await endsField.locator('.field-error:not([hidden])').waitFor();
  assert.match(await endsField.locator('.field-error').textContent(), /Must be after the start/);
  assert.equal(await form.getByLabel('Ends: time').getAttribute('aria-invalid'), 'true');
  assert.match(await form.locator('.error-summary').textContent(), /Please correct 1 field\.\s*Ends: must be after the start/);
  await assertNoAxeViolations(page, 'duty form with an error');
  await shot(page, 'duty-form-error');

  // Now: this hour until six hours on, in Riverside's time.
  await form.getByLabel('Ends: date').fill(e.date);
  await form.getByLabel('Ends: time').fill(e.time);
  await form.getByLabel('Note').fill('Cell 555-0101 after 5 pm');
  await form.getByRole('button', { name: 'Add to the roster' }).click();
  await now.locator('.duty-now-name', { hasText: 'Marcus Oyelaran is on duty' }).waitFor();
  assert.match(await now.textContent(), /Safety alerts for clients without a clinician of their own go to Marcus Oyelaran\./);
  assert.match(await now.textContent(), /Cell 555-0101 after 5 pm/);
  // Sent as UTC instants: the API has exactly the hour typed in Chicago time.
  const list = (await director.get('/api/v1/sites/1/duty')).json;
  assert.equal(list.on_duty_now.length, 1);
  assert.equal(new Date(list.on_duty_now[0].starts_at).getTime(), start);
  assert.equal(new Date(list.on_duty_now[0].ends_at).getTime(), end);
  const today = page.locator('li.duty-day').first();
  assert.match(await today.locator('li.duty-shift').textContent(), /Marcus Oyelaran/);
  assert.match(await today.locator('li.duty-shift').textContent(), /On duty now/);
  assert.equal(await form.getByLabel('Note').inputValue(), '', 'the note is cleared for the next shift');

  // The same person again for part of that time: the server's 409, in words.
  await form.getByLabel('Starts: date').fill(s.date);
  await form.getByLabel('Starts: time').fill(s.time);
  await form.getByLabel('Ends: date').fill(e.date);
  await form.getByLabel('Ends: time').fill(e.time);
  await form.getByRole('button', { name: 'Add to the roster' }).click();
  await form.locator('.error-summary', { hasText: 'Marcus Oyelaran is already on duty at this site for part of that time.' }).waitFor();

  // Tomorrow's day shift with a quick choice.
  const tomorrow = new Date(Date.parse(`${local(Date.now()).date}T12:00:00Z`) + 86400000).toISOString().slice(0, 10);
  await form.getByLabel('Starts: date').fill(tomorrow);
  await form.getByRole('button', { name: /^Day/ }).click();
  assert.equal(await form.getByLabel('Starts: time').inputValue(), '09:00');
  assert.equal(await form.getByLabel('Ends: date').inputValue(), tomorrow);
  assert.equal(await form.getByLabel('Ends: time').inputValue(), '17:00');
  await form.getByRole('button', { name: 'Add to the roster' }).click();
  const day = page.locator(`li.duty-day[data-day="${tomorrow}"]`);
  await day.locator('li.duty-shift', { hasText: '9:00 AM – 5:00 PM' }).waitFor();
  assert.match(await day.textContent(), /Marcus Oyelaran/);
  assert.match(await day.locator('.duty-gap').textContent(), /^Nobody on duty .*– 9:00 AM, 5:00 PM – midnight\.$/);
  await assertNoAxeViolations(page, 'duty roster with shifts');
  await shotsBothWidths(page, 'duty-roster', { axeAtNarrow: true });

  // Remove it, after a confirmation.
  await day.getByRole('button', { name: /^Remove Marcus Oyelaran/ }).click();
  const dlg = page.getByRole('alertdialog');
  await dlg.waitFor();
  assert.match(await dlg.textContent(), /Remove Marcus Oyelaran from the roster\?/);
  assert.match(await dlg.textContent(), /Central Time/);
  await shot(page, 'duty-remove-confirm');
  await dlg.getByRole('button', { name: 'Remove shift' }).click();
  await dlg.waitFor({ state: 'detached' });
  await day.locator('li.duty-shift', { hasText: '9:00 AM – 5:00 PM' }).waitFor({ state: 'detached' });
  const after = (await director.get('/api/v1/sites/1/duty')).json;
  assert.equal(after.items.length, 1, 'only the shift now is left');
  assert.deepEqual(b.errors, []);
});

test('wall times the clocks skip or show twice', async () => {
  const { page } = b;
  // The duty page's own functions, run in the page (Chromium's zone data).
  const r = await page.evaluate(async () => {
    const m = await import('/app/duty/duty.js');
    const iso = (ms) => (ms === null ? null : new Date(ms).toISOString());
    const wall = (ymd, hm, tz) => {
      const w = m.wallTime(ymd, hm, tz);
      const z = m.zoned(w.ms, tz);
      return { ...w, ms: iso(w.ms), later: w.later && iso(w.later), back: `${z.ymd} ${z.hm}` };
    };
    return {
      july: iso(m.fromZoned('2026-07-01', '09:00', 'America/Chicago')),
      january: iso(m.fromZoned('2026-01-15', '09:00', 'America/Chicago')),
      empty: m.fromZoned('2026-01-15', '', 'America/Chicago'),
      skipped: wall('2026-03-08', '02:30', 'America/Chicago'),
      santiago: wall('2026-09-06', '00:00', 'America/Santiago'),
      santiagoOne: wall('2026-09-06', '01:00', 'America/Santiago'),
      lordHowe: wall('2026-10-04', '02:15', 'Australia/Lord_Howe'),
      twice: wall('2026-11-01', '01:30', 'America/Chicago'),
      once: wall('2026-11-01', '02:30', 'America/Chicago'),
    };
  });
  // Ordinary times, both sides of the year.
  assert.equal(r.july, '2026-07-01T14:00:00.000Z');
  assert.equal(r.january, '2026-01-15T15:00:00.000Z');
  assert.equal(r.empty, null);
  // 2:30 AM on March 8, 2026 never happens in Chicago: not a time.
  assert.deepEqual(r.skipped, { ms: '2026-03-08T08:30:00.000Z', exists: false, twice: false, later: null, skipped: 60, back: '2026-03-08 03:30' });
  // Santiago's clocks skip midnight: that day starts at 1:00 AM, not the day before.
  assert.deepEqual(r.santiago, { ms: '2026-09-06T04:00:00.000Z', exists: false, twice: false, later: null, skipped: 60, back: '2026-09-06 01:00' });
  assert.equal(r.santiagoOne.exists, true);
  assert.equal(r.santiagoOne.ms, '2026-09-06T04:00:00.000Z');
  // Lord Howe Island goes forward half an hour.
  assert.equal(r.lordHowe.skipped, 30);
  // 1:30 AM on November 1, 2026 happens twice in Chicago: the first, and which is the second.
  assert.deepEqual(r.twice, { ms: '2026-11-01T06:30:00.000Z', exists: true, twice: true, later: '2026-11-01T07:30:00.000Z', skipped: 0, back: '2026-11-01 01:30' });
  assert.equal(r.once.twice, false);
  assert.equal(r.once.ms, '2026-11-01T08:30:00.000Z');
});

// The next night a Chicago 1:30 AM happens twice (the first Sunday of
// November), at least two days off.
function nextFallBack() {
  for (let y = new Date().getUTCFullYear(); ; y++) {
    for (let d = 1; d <= 7; d++) {
      const t = Date.UTC(y, 10, d, 12);
      if (new Date(t).getUTCDay() === 0 && t > Date.now() + 2 * 86400000) return new Date(t).toISOString().slice(0, 10);
    }
  }
}

test('a time the clocks skip is refused next to the field; one shown twice is the first, or the second when asked; no start an hour ago', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'admin');
  await page.goto(srv.url + '/app/#/duty?site=1');
  await h1(page, 'On duty');
  await page.locator('#duty-now-title', { hasText: 'Riverside Recovery Center' }).waitFor();
  const form = page.locator('form.duty-form');
  const startsField = form.locator('fieldset.when-field', { hasText: 'Starts' });
  const endsField = form.locator('fieldset.when-field', { hasText: 'Ends' });
  await form.getByLabel('Clinician').selectOption({ label: 'Marcus Oyelaran' });

  // 2:30 AM on the night the clocks go forward: said as soon as it is typed.
  await form.getByLabel('Starts: date').fill('2027-03-14');
  await form.getByLabel('Starts: time').fill('02:30');
  await startsField.locator('.field-error:not([hidden])').waitFor();
  assert.equal(await startsField.locator('.field-error').textContent(),
    'There is no 2:30 AM on March 14 in Central Time: the clocks go forward an hour. Choose another time, such as 3:30 AM.');
  assert.equal(await form.getByLabel('Starts: time').getAttribute('aria-invalid'), 'true');
  const posts = [];
  const onReq = (r) => { if (r.method() === 'POST' && /\/duty$/.test(r.url())) posts.push(r.postDataJSON()); };
  page.on('request', onReq);
  await form.getByRole('button', { name: 'Add to the roster' }).click();
  await form.locator('.error-summary', { hasText: 'Starts: there is no 2:30 AM on March 14' }).waitFor();
  assert.deepEqual(posts, [], 'nothing sent');
  await assertNoAxeViolations(page, 'duty form, a time the clocks skip');
  await shot(page, 'duty-form-skipped-time');
  await form.getByLabel('Starts: time').fill('03:30');
  await startsField.locator('.field-error').waitFor({ state: 'hidden' });
  assert.equal(await form.getByLabel('Starts: time').getAttribute('aria-invalid'), null);

  // 1:30 AM on the night the clocks go back: the first, said; the second on request.
  const fb = nextFallBack();
  const eve = new Date(Date.parse(`${fb}T12:00:00Z`) - 86400000).toISOString().slice(0, 10);
  await form.getByLabel('Starts: date').fill(eve);
  await form.getByLabel('Starts: time').fill('20:00');
  await form.getByLabel('Ends: date').fill(fb);
  await form.getByLabel('Ends: time').fill('01:30');
  const note = endsField.locator('.when-note');
  await note.waitFor();
  assert.equal(await note.locator('.when-note-text').textContent(),
    '1:30 AM happens twice that night: the clocks go back. This is the first, in Central Daylight Time.');
  assert.match(await form.getByLabel('Ends: time').getAttribute('aria-describedby'), /-note$/);
  await assertNoAxeViolations(page, 'duty form, a time shown twice');
  await shot(page, 'duty-form-time-twice');
  await endsField.getByLabel('The second 1:30 AM instead (Central Standard Time)').check();
  assert.equal(await note.locator('.when-note-text').textContent(),
    '1:30 AM happens twice that night: the clocks go back. This is the second, in Central Standard Time.');
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /\/duty$/.test(r.url()));
  await form.getByRole('button', { name: 'Add to the roster' }).click();
  assert.equal((await answer).status(), 201, await form.locator('.error-summary').textContent());
  page.off('request', onReq);
  assert.equal(posts.length, 1);
  assert.equal(posts[0].starts_at, `${fb}T01:00Z`, '8 PM Central Daylight Time the evening before');
  assert.equal(posts[0].ends_at, `${fb}T07:30Z`, 'the second 1:30 AM: Central Standard Time');
  const far = (await director.get(`/api/v1/sites/1/duty?from=${eve}T00:00Z&to=${fb}T12:00Z`)).json.items;
  assert.equal(far.length, 1);
  assert.equal(far[0].ends_at.slice(0, 16), `${fb}T07:30`);
  assert.equal((await director.del(`/api/v1/duty/${far[0].id}`)).status, 204, 'not begun: removed');
  assert.equal((await director.get(`/api/v1/sites/1/duty?from=${eve}T00:00Z&to=${fb}T12:00Z`)).json.items.length, 0);

  // A start three hours ago: the server's message, next to "Starts".
  const ago = local(Date.now() - 3 * 3600000);
  const later = local(Date.now() + 2 * 3600000);
  await form.getByLabel('Starts: date').fill(ago.date);
  await form.getByLabel('Starts: time').fill(ago.time);
  await form.getByLabel('Ends: date').fill(later.date);
  await form.getByLabel('Ends: time').fill(later.time);
  await form.getByRole('button', { name: 'Add to the roster' }).click();
  await startsField.locator('.field-error:not([hidden])').waitFor();
  assert.match(await startsField.locator('.field-error').textContent(), /^Is more than an hour ago: a shift already under way can start now/);
  assert.equal(await form.getByLabel('Starts: date').inputValue(), ago.date, 'what was typed stays');
  assert.equal(await form.getByLabel('Ends: time').inputValue(), later.time);

  // The quick choices on today's date never start more than an hour ago,
  // and never end before they start.
  const at = (d, t) => page.evaluate(async ([a, c]) => (await import('/app/duty/duty.js')).fromZoned(a, c, 'America/Chicago'), [d, t]);
  for (const q of ['Day', 'Evening', 'Overnight', '24 hours']) {
    await form.getByLabel('Starts: date').fill(local(Date.now()).date);
    await form.getByRole('button', { name: new RegExp(`^${q}`) }).click();
    const a = await at(await form.getByLabel('Starts: date').inputValue(), await form.getByLabel('Starts: time').inputValue());
    const z = await at(await form.getByLabel('Ends: date').inputValue(), await form.getByLabel('Ends: time').inputValue());
    assert.ok(a >= Date.now() - 3600000, `${q}: starts ${new Date(a).toISOString()}, not more than an hour ago`);
    assert.ok(z > a && z > Date.now(), `${q}: ends after it starts, and later than now`);
  }
  assert.deepEqual(b.errors, []);
});

// PHQ-9 item 9 above zero; the site chosen on the form.
async function flaggedScreening(page, clientId, siteName) {
  await page.goto(srv.url + `/app/#/clients/${clientId}/screening/new?code=phq9`);
  await h1(page, 'Record a screening');
  await page.getByLabel('Site where it is given').selectOption({ label: siteName });
  const items = page.locator('fieldset.item');
  for (let i = 0; i < 9; i++) await items.nth(i).getByLabel('Several days').check();
  await page.locator('#score-result').waitFor();
  await page.getByRole('button', { name: 'Save screening' }).click();
  await h1(page, 'Screening saved');
  return (await page.locator('#alert-task').textContent()).trim();
}

test('a safety flag: the screening says who the task went to and why', async () => {
  const { page } = b;
  const mk = async (first) => {
    const x = (await director.post('/api/v1/clients', { first_name: first, last_name: 'Dutyford', dob: '1988-02-03', sex: 'male' })).json;
    await careTeam(srv.url, x.id);
    return x;
  };
  const a = await mk('Ellis');
  const c = await mk('Noor');
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && /\/instruments$/.test(r.url())) posts.push(r.postDataJSON()); });

  // The nurse works at both sites; Marcus is on duty at Riverside now.
  await signIn(page, srv.url, 'nurse');
  assert.equal(await flaggedScreening(page, a.id, 'Riverside Recovery Center'),
    'A safety task went to Marcus Oyelaran — the clinician on duty at Riverside Recovery Center.');
  assert.equal(posts.at(-1).site_id, 1);
  const panel = page.locator('.saved-panel');
  assert.match(await panel.locator('h2').textContent(), /PHQ-9 total 9/);
  assert.match(await panel.textContent(), /Safety alert raised\./);
  assert.match(await panel.textContent(), /It is on their task list and on Ellis’s chart/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'go-chart');
  await assertNoAxeViolations(page, 'screening saved with a safety task');
  await shotsBothWidths(page, 'screening-saved-duty', { axeAtNarrow: true });
  await page.getByRole('link', { name: 'Go to Ellis’s chart' }).click();
  await h1(page, 'Dutyford, Ellis');
  await page.locator('.alert-banner').waitFor();

  // Nobody on duty at Northgate: the next site tried is the nurse's first,
  // Riverside, where Marcus is on duty.
  assert.equal(await flaggedScreening(page, c.id, 'Northgate Outpatient Clinic'),
    'A safety task went to Marcus Oyelaran — the clinician on duty at Riverside Recovery Center.');
  assert.equal(posts.at(-1).site_id, 2);
  const tasks = await (async () => { const m = new Api(srv.url); await m.login('clinician'); return (await m.get('/api/v1/tasks')).json.items; })();
  // (The demo clinic's own open alert is on his list too; these two are the test's clients'.)
  assert.equal(tasks.filter((t) => t.open && t.kind === 'alert_response' && [a.id, c.id].includes(t.client_id)).length, 2, 'both tasks are Marcus’s');
  assert.deepEqual(b.errors, []);
});

test('a clinician reads the roster without the controls; the site is remembered', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await nav(page).getByRole('link', { name: 'On duty' }).click();
  await h1(page, 'On duty');
  await chooseSite(page, 'Riverside Recovery Center');
  await page.locator('#duty-now .duty-now-name', { hasText: 'Marcus Oyelaran is on duty' }).waitFor();
  assert.equal(await page.locator('form.duty-form').count(), 0, 'no form to add shifts');
  assert.equal(await page.getByRole('heading', { name: 'Put a clinician on duty' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Remove/ }).count(), 0, 'no remove buttons');
  await assertNoAxeViolations(page, 'duty roster read-only');
  await shotsBothWidths(page, 'duty-readonly', { axeAtNarrow: true });

  // Another site: its own time zone, said; remembered after leaving.
  await chooseSite(page, 'Northgate Outpatient Clinic');
  assert.match(await page.locator('#duty-zone').textContent(), /Eastern Time \(America\/New_York\)/);
  assert.match(await page.locator('#duty-zone').textContent(), /Your device shows Central Time/);
  assert.match(await page.locator('#duty-now').textContent(), /No clinician is on duty\./);
  await nav(page).getByRole('link', { name: 'Clients' }).click();
  await h1(page, 'Clients');
  await nav(page).getByRole('link', { name: 'On duty' }).click();
  await page.locator('#duty-now-title', { hasText: 'Northgate Outpatient Clinic' }).waitFor();
  assert.equal(await page.getByLabel('Site', { exact: true }).inputValue(), '2');
  assert.deepEqual(b.errors, []);
});

test('a disabled account\'s shift is marked and takes no alerts; a shift under way ends now and stays on the roster', async () => {
  const { page } = b;
  const marcus = (await admin.get('/api/v1/staff?limit=200')).json.items.find((x) => x.username === 'clinician');
  assert.ok(marcus);
  assert.equal((await admin.patch(`/api/v1/staff/${marcus.id}`, { active: false })).status, 200);
  let list = (await director.get('/api/v1/sites/1/duty')).json;
  assert.deepEqual(list.on_duty_now, [], 'nobody takes the alerts');
  const shift = list.items.find((x) => Date.parse(x.starts_at) <= Date.now() && Date.now() < Date.parse(x.ends_at));
  assert.equal(shift.routes_alerts, false);

  await signIn(page, srv.url, 'admin');
  await page.goto(srv.url + '/app/#/duty?site=1');
  await h1(page, 'On duty');
  const now = page.locator('#duty-now');
  await now.locator('.duty-now-name', { hasText: 'No clinician is on duty.' }).waitFor();
  assert.match(await now.textContent(), /Marcus Oyelaran is on the roster now, but their account is disabled: they get no safety alerts\./);
  assert.match(await now.textContent(), /go to Dana Whitfield, the director, and wait on every clinician’s list of unclaimed alerts/);
  const today = page.locator('li.duty-day').first();
  const item = today.locator(`li.duty-shift[data-shift="${shift.id}"]`);
  assert.match(await item.textContent(), /Account disabled — safety alerts go elsewhere/);
  assert.doesNotMatch(await item.textContent(), /On duty now/);
  await assertNoAxeViolations(page, 'duty roster, a disabled account on duty');
  await shot(page, 'duty-account-disabled');

  // Back to work: on duty again.
  assert.equal((await admin.patch(`/api/v1/staff/${marcus.id}`, { active: true })).status, 200);
  await page.reload();
  await now.locator('.duty-now-name', { hasText: 'Marcus Oyelaran is on duty' }).waitFor();
  assert.equal(await item.locator('.duty-no-alerts').count(), 0);

  // End the shift under way: it stays on the roster, ended now.
  assert.equal(await item.getByRole('button', { name: 'Remove' }).count(), 0);
  await item.getByRole('button', { name: /^End now: Marcus Oyelaran, on duty since / }).click();
  const dlg = page.getByRole('alertdialog');
  await dlg.waitFor();
  assert.match(await dlg.locator('h2').textContent(), /^End Marcus Oyelaran’s shift now\?$/);
  assert.match(await dlg.textContent(), /The roster keeps when it ran/);
  await shot(page, 'duty-end-confirm');
  await dlg.getByRole('button', { name: 'End shift now' }).click();
  await dlg.waitFor({ state: 'detached' });
  await now.locator('.duty-now-name', { hasText: 'No clinician is on duty.' }).waitFor();
  await item.locator('.badge', { hasText: 'Ended' }).waitFor();
  assert.equal(await item.getByRole('button').count(), 0);
  list = (await director.get('/api/v1/sites/1/duty')).json;
  assert.deepEqual(list.on_duty_now, []);
  const ended = list.items.find((x) => x.id === shift.id);
  assert.ok(ended, 'still on the roster');
  assert.equal(ended.starts_at, shift.starts_at);
  assert.ok(Math.abs(Date.parse(ended.ends_at) - Date.now()) < 5 * 60000, `ended now: ${ended.ends_at}`);

  // Nobody on duty anywhere now: the nurse's screening goes to the
  // director of the site, unclaimed, and says why.
  const z = (await director.post('/api/v1/clients', { first_name: 'Ines', last_name: 'Dutyford', dob: '1990-05-06', sex: 'female' })).json;
  await careTeam(srv.url, z.id);
  await signIn(page, srv.url, 'nurse');
  assert.equal(await flaggedScreening(page, z.id, 'Northgate Outpatient Clinic'),
    'A safety task went to Dana Whitfield — the director of Northgate Outpatient Clinic (nobody was on duty; the alert is on the unclaimed list until a clinician claims it).');
  assert.deepEqual(b.errors, []);
});

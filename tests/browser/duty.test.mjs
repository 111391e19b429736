// The duty roster in a real browser: "On duty" is on everyone's navigation;
// an administrator puts the clinician on duty now at Riverside (times typed
// in the site's time zone), gets a per-field error for an end before the
// start, adds tomorrow's day shift with a quick choice and removes it; a
// screening with a safety flag then says the task went to the clinician on
// duty at the site chosen on the form (or, at a site with nobody on duty,
// to the first active clinician); a clinician reads the roster without
// the controls, and the site chosen is remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;
let director;

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
    admin: ['Staff', 'Sites', 'Rooms', 'On duty', 'Audit log'],
    clinician: ['Clients', 'Census', 'Tasks', 'On duty'],
    front_desk: ['Clients', 'Census', 'Tasks', 'On duty'],
    director: ['Admissions', 'Clients', 'Census', 'Tasks', 'On duty', 'Placement table', 'Audit log'],
  };
  for (const [user, items] of Object.entries(expect)) {
    await signIn(page, srv.url, user);
    await page.locator('#nav-list a').first().waitFor();
    assert.deepEqual(await page.locator('#nav-list a').allTextContents(), items, user);
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
  assert.match(await now.textContent(), /go to the clinician who records the screening — or, when that person is not a clinician, to Marcus Oyelaran \(the first active clinician\)/);
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
  const mk = async (first) => (await director.post('/api/v1/clients', { first_name: first, last_name: 'Dutyford', dob: '1988-02-03', sex: 'male' })).json;
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

  // Nobody on duty at Northgate: the first active clinician, and why.
  assert.equal(await flaggedScreening(page, c.id, 'Northgate Outpatient Clinic'),
    'A safety task went to Marcus Oyelaran — the first active clinician (no clinician was on duty).');
  assert.equal(posts.at(-1).site_id, 2);
  const tasks = await (async () => { const m = new Api(srv.url); await m.login('clinician'); return (await m.get('/api/v1/tasks')).json.items; })();
  assert.equal(tasks.filter((t) => t.open && t.kind === 'alert_response').length, 2, 'both tasks are Marcus’s');
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

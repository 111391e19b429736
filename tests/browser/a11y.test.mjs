// axe-core (WCAG 2.0/2.1 A and AA) on each main screen, at 1280 and 390 px
// wide, with a screenshot of each at both widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, assertNoAxeViolations, shotsBothWidths, shot } from './browser.mjs';

let srv;
let b;
let client;

before(async () => {
  srv = await startServer();
  b = await launch();
  // A client with a contact, so the chart has something in every section.
  const api = new Api(srv.url);
  await api.login('clinician');
  const r = await api.post('/api/v1/clients', {
    first_name: 'Rowan', last_name: 'Axeworthy', preferred_name: 'Ro', dob: '1979-03-02', sex: 'intersex',
    gender_identity: 'Non-binary', phone: '555-010-3131', email: 'rowan@example.org', language: 'English',
    address: { line1: '77 Birch Street', line2: 'Apt 4', city: 'Springfield', state: 'IL', postal_code: '62701' },
  });
  assert.equal(r.status, 201, r.text);
  client = r.json;
  const c = await api.post(`/api/v1/clients/${client.id}/contacts`, { name: 'Sam Axeworthy', relationship: 'partner', phone: '555-010-3132', email: '', emergency: true, guardian: false, notes: 'Call after 5 pm.' });
  assert.equal(c.status, 201, c.text);
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

async function check(page, name) {
  await assertNoAxeViolations(page, name);
  await shotsBothWidths(page, name, { axeAtNarrow: true });
}

test('public page', async () => {
  const { page } = b;
  await page.goto(srv.url + '/');
  await h1(page, /Riverside Recovery IOP/);	// the demo's program name
  assert.match(await page.textContent('body'), /988/);
  assert.equal(await page.getByRole('link', { name: 'Staff sign-in' }).getAttribute('href'), '/app/');
  await check(page, 'public');
});

test('sign-in screen, with an error', async () => {
  const { page } = b;
  await page.goto(srv.url + '/app/');
  await h1(page, 'Sign in');
  await check(page, 'login');
  await page.getByLabel('Username').fill('clinician');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.notice-error', { hasText: 'Wrong username or password.' }).waitFor();
  await check(page, 'login-error');
});

test('clinician screens: clients, form with errors, chart, contact dialog', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await h1(page, 'Clients');
  await page.locator('table.data').waitFor();
  await check(page, 'clients');

  await page.getByLabel('Search clients').fill('zzzz-nobody');
  await page.locator('.empty-state').waitFor();
  await check(page, 'clients-empty');

  await page.goto(srv.url + '/app/#/clients/new');
  await h1(page, 'Add client');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Date of birth').fill('2099-01-01');
  await page.getByRole('button', { name: 'Add client' }).click();
  await page.locator('.error-summary[role=alert]').waitFor();
  await check(page, 'client-form-errors');

  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Axeworthy, Rowan (Ro)');
  await page.locator('li.contact').waitFor();
  await check(page, 'chart');

  await page.getByRole('button', { name: 'Add related person' }).click();
  await page.getByRole('dialog').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Add related person' }).click();
  await page.getByRole('dialog').locator('.error-summary').waitFor();
  await assertNoAxeViolations(page, 'contact dialog with errors');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Change password' }).click();
  await h1(page, 'Change password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('.error-summary[role=alert]').waitFor();
  await check(page, 'password');
  assert.deepEqual(b.errors, []);
});

test('admin screens: staff, sites, rooms', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'admin');
  await h1(page, 'Staff');
  await page.locator('table.data').waitFor();
  await check(page, 'staff');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await page.getByRole('dialog').waitFor();
  await assertNoAxeViolations(page, 'add staff dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.goto(srv.url + '/app/#/admin/sites');
  await h1(page, 'Sites');
  await page.locator('.results > *').first().waitFor();
  await check(page, 'sites');
  await page.goto(srv.url + '/app/#/admin/rooms');
  await h1(page, 'Rooms');
  await page.locator('.results > *').first().waitFor();
  await check(page, 'rooms');
  assert.deepEqual(b.errors, []);
});

test('director: audit trail', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.goto(srv.url + `/app/#/clients/${client.id}/audit`);
  await h1(page, /^Audit trail/);
  await page.locator('table.data tbody tr').first().waitFor();
  await check(page, 'audit');
  assert.deepEqual(b.errors, []);
});

test('administrator: audit log, record number error, a client trail', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'admin');
  await h1(page, 'Staff');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await h1(page, 'Audit log');
  await page.locator('table.data tbody tr').first().waitFor();
  await check(page, 'audit-log');

  await page.getByLabel('Record number').fill('not a number');
  await page.getByRole('button', { name: 'Show trail' }).click();
  await page.locator('.field-error:not([hidden])').waitFor();
  await assertNoAxeViolations(page, 'audit log with a record number error');

  await page.getByLabel('Record number').fill(client.mrn);
  await page.getByRole('button', { name: 'Show trail' }).click();
  await h1(page, `Audit trail: Record ${client.mrn}`);
  await page.locator('table.data tbody tr').first().waitFor();
  await check(page, 'audit-admin');
  assert.deepEqual(b.errors, []);
});

test('admissions screens: board, inquiry, convert dialog, phone inquiry form', async () => {
  const { page } = b;
  const res = await fetch(srv.url + '/api/v1/public/inquiries', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      kind: 'help', name: 'Marlow Axeby', phone: '555-010-3434', ok_voicemail: false, ok_text: true,
      for_whom: 'other', caller_name: 'Kit Axeby', caller_relationship: 'sister', substances: ['alcohol'],
      urgency: 'today', message: 'Please call after work.',
      insurance: { payer: 'Prairie Health', member_id: 'PH-1', relationship: 'self' },
    }),
  });
  assert.equal(res.status, 202);
  await signIn(page, srv.url, 'admissions');
  await h1(page, 'Admissions');
  await page.locator('.inq-card', { hasText: 'Marlow Axeby' }).waitFor();
  await check(page, 'admissions-board');

  await page.getByRole('link', { name: 'Marlow Axeby' }).click();
  await h1(page, 'Marlow Axeby');
  await check(page, 'inquiry');

  await page.getByRole('button', { name: 'Convert to client…' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByRole('button', { name: 'Create client' }).click();
  await dlg.locator('.error-summary[role=alert]').waitFor();
  await assertNoAxeViolations(page, 'convert dialog with errors');
  await dlg.getByRole('button', { name: 'Cancel' }).click();

  await page.goto(srv.url + '/app/#/admissions/new');
  await h1(page, 'New phone inquiry');
  await page.getByRole('button', { name: 'Save inquiry' }).click();
  await page.locator('.error-summary[role=alert]').waitFor();
  await check(page, 'inquiry-new-errors');
  assert.deepEqual(b.errors, []);
});

test('clinician: screening form, chart with a safety alert, tasks', async () => {
  const { page } = b;
  const api = new Api(srv.url);
  await api.login('clinician');
  // On duty, so the alert's task is theirs (nobody on duty: the director's).
  const dir = new Api(srv.url);
  await dir.login('director');
  const me = (await api.get('/api/v1/me')).json.user;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
  assert.equal((await dir.post('/api/v1/sites/1/duty', { staff_id: me.id, starts_at: iso(Date.now()), ends_at: iso(Date.now() + 86400e3) })).status, 201);
  const c = (await api.post('/api/v1/clients', { first_name: 'Sage', last_name: 'Axelsson', dob: '1984-10-09', sex: 'male' })).json;
  const r = await api.post(`/api/v1/clients/${c.id}/instruments`, { code: 'phq9', answers: [1, 2, 1, 1, 0, 1, 1, 0, 1] });
  assert.equal(r.status, 201, r.text);

  await signIn(page, srv.url, 'clinician');
  await page.goto(srv.url + `/app/#/clients/${c.id}/screening/new?code=phq9`);
  await h1(page, 'Record a screening');
  const items = page.locator('fieldset.item');
  for (let i = 0; i < 9; i++) await items.nth(i).locator('input[type=radio]').nth(i === 8 ? 1 : 0).check();
  await page.locator('#score-result').waitFor();
  await check(page, 'screening-form');

  await page.goto(srv.url + `/app/#/clients/${c.id}`);
  await h1(page, 'Axelsson, Sage');
  await page.locator('.alert-banner').waitFor();
  await page.locator('#screenings tbody tr').first().waitFor();
  await check(page, 'chart-alert');

  await page.getByRole('button', { name: /Document response/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save response' }).click();
  await page.getByRole('dialog').locator('.error-summary').waitFor();
  await assertNoAxeViolations(page, 'alert response dialog with errors');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Tasks/ }).click();
  await h1(page, 'My tasks');
  await page.locator('li.task-item').first().waitFor();
  await check(page, 'tasks');
  assert.deepEqual(b.errors, []);
});

test('admissions: call log and follow-ups, chart with placement, insurance and admission, dialogs, census', async () => {
  const { page } = b;
  const api = new Api(srv.url);
  await api.login('admissions');
  const q = (await api.post('/api/v1/inquiries', { kind: 'phone', name: 'Indigo Axeford', phone: '555-010-3535', ok_voicemail: false, ok_text: false, urgency: 'today' })).json;
  assert.equal((await api.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'call', outcome: 'no_answer', note: 'Rang twice.' })).status, 201);
  assert.equal((await api.post(`/api/v1/inquiries/${q.id}/tasks`, { title: 'Try again', due_at: '2020-01-01T15:00Z' })).status, 201);
  const c = (await api.post('/api/v1/clients', { first_name: 'Indigo', last_name: 'Axeford', dob: '1988-08-08', sex: 'female' })).json;
  const other = (await api.post('/api/v1/clients', { first_name: 'Juno', last_name: 'Axeford', dob: '1987-07-07', sex: 'male' })).json;
  assert.equal((await api.post(`/api/v1/clients/${c.id}/placements`, { ratings: { d1: 1, d2: 0, d3: 2, d4: 1, d5: 3, d6: 1 }, flags: [], chosen_level: '2.1', override_reason: 'Prefers to keep working; evening group.' })).status, 201);
  const cov = (await api.post(`/api/v1/clients/${c.id}/coverages`, { payer: 'Prairie Health', member_id: 'PH-9' })).json;
  assert.equal((await api.post(`/api/v1/coverages/${cov.id}/benefit-checks`, { iop_covered: true, deductible_cents: 50000, deductible_met_cents: 0, copay_per_day_cents: 2500, coinsurance_bp: 1000, oop_max_cents: 0, oop_met_cents: 0, prior_auth_required: false, reference: 'R-9' })).status, 201);
  assert.equal((await api.post(`/api/v1/coverages/${cov.id}/authorizations`, { number: 'A-9', level: '2.1', days_authorized: 10, start_date: '2026-11-01', end_date: '2026-12-31', next_review: '2026-12-15' })).status, 201);
  assert.equal((await api.post(`/api/v1/clients/${c.id}/episodes`, { level: '2.1', site_id: 1, track_id: 2, primary_clinician_id: 3, privacy_notice_given: true })).status, 201);

  await signIn(page, srv.url, 'admissions');
  await page.goto(srv.url + `/app/#/admissions/${q.id}`);
  await h1(page, 'Indigo Axeford');
  await page.locator('#call-log .log-item').waitFor();
  await page.locator('#follow-ups li.followup.is-overdue').waitFor();
  await check(page, 'inquiry-call-log');

  await page.goto(srv.url + `/app/#/clients/${c.id}`);
  await h1(page, 'Axeford, Indigo');
  await page.locator('#in-care').waitFor();
  await page.locator('#placements tbody tr').waitFor();
  await page.locator('.estimate-box').waitFor();
  await check(page, 'chart-care');

  await page.getByRole('button', { name: 'Assess level of care' }).click();
  const loc = page.getByRole('dialog');
  for (const g of await loc.locator('fieldset.radio-group').all()) await g.locator('input[type=radio]').nth(1).check();
  await loc.getByLabel('Acute risk of harm to self or others').check().catch(() => loc.locator('input[type=checkbox]').nth(2).check());
  await loc.locator('.safety-warning').waitFor();
  await loc.getByLabel('Level chosen').selectOption('2.1');
  await loc.getByRole('button', { name: 'Save assessment' }).click();
  await loc.locator('.error-summary[role=alert]').waitFor();
  await assertNoAxeViolations(page, 'placement dialog with a safety warning and errors');
  await loc.locator('#rec-result').scrollIntoViewIfNeeded();
  await shot(page, 'placement-dialog-safety');
  await loc.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: /Record a benefit check/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save benefit check' }).click();
  await page.getByRole('dialog').locator('.error-summary[role=alert]').waitFor();
  await assertNoAxeViolations(page, 'benefit check dialog with errors');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.goto(srv.url + `/app/#/clients/${other.id}`);
  await h1(page, 'Axeford, Juno');
  await page.getByRole('button', { name: 'Admit' }).click();
  const adm = page.getByRole('dialog');
  await adm.getByLabel('Track').locator('option', { hasText: 'Evening IOP' }).waitFor({ state: 'attached' });
  await adm.getByRole('button', { name: 'Admit' }).click();
  await adm.locator('.error-summary[role=alert]').waitFor();
  await assertNoAxeViolations(page, 'admit dialog with errors');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'admit-dialog-errors');
  await page.setViewportSize({ width: 1280, height: 900 });
  await adm.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Census' }).click();
  await h1(page, 'Census');
  await page.locator('.census-group tbody tr').first().waitFor();
  await check(page, 'census');
  assert.deepEqual(b.errors, []);
});

test('front desk and director: the week, a session, the booking form, a one-off session', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'front_desk');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedule' }).click();
  await h1(page, 'Schedule');
  await page.locator('.week-grid [data-session]').first().waitFor();
  await check(page, 'a11y-week');
  // The booking form, opened from the keyboard (a day's Book button).
  await page.locator('.week-book').last().focus();
  await page.keyboard.press('Enter');
  const dlg = page.getByRole('dialog', { name: /^Book an appointment/ });
  await dlg.waitFor();
  await dlg.getByLabel('With').selectOption({ index: 1 });
  await page.locator('#week-clash:not(:empty)').waitFor();
  await dlg.getByRole('button', { name: 'Book appointment' }).click();
  await dlg.locator('.error-summary[role=alert]').waitFor();
  await assertNoAxeViolations(page, 'week booking form with errors');
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  // A session, opened from the keyboard.
  await page.locator('.week-grid [data-session]').first().focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').getByRole('heading', { name: /Roster/ }).waitFor();
  await assertNoAxeViolations(page, 'week session');
  await page.keyboard.press('Escape');

  await signIn(page, srv.url, 'director');
  await page.goto(srv.url + '/app/#/week');
  await h1(page, 'Schedule');
  await page.locator('.week-grid').waitFor();
  await page.getByRole('button', { name: 'Add a one-off session' }).click();
  const one = page.getByRole('dialog', { name: 'Add a one-off session' });
  await one.getByRole('button', { name: 'Add session' }).click();
  await one.locator('.error-summary[role=alert]').waitFor();
  await assertNoAxeViolations(page, 'one-off session form with errors');
  await one.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(b.errors, []);
});

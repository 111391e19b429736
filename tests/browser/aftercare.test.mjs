// From discharge to a signed aftercare plan in a real browser: the
// discharge dialog points to the plan; the clinician starts it (the client's
// medication filled in), fills in the next provider, a support group, sober
// living and the crisis plan; signing too early names what is missing; the
// client signs on the shared screen (typed name and "I agree"); the card
// says who signed and when, locked; the printable page has 988 and the
// provider, and prints (page.pdf()).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, outDir } from '../lib/server.mjs';
import { signIn as apiSignIn, clientBody, careTeam } from '../api/helpers.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';
import { signDischargeSummary, signAftercarePlan } from './aftercare-steps.mjs';
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

test('discharge, then the aftercare plan: drafted, signed by the client on the shared screen, printed', async () => {
  const dir = await apiSignIn(srv.url, 'director');
  const staff = Object.fromEntries((await dir.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const today = chicagoToday();
  const t = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Harbor IOP', level_of_care: '2.1',
    blocks: [{ weekday: 3, start: '18:00', minutes: 180, group_type: 'process_group' }] });
  assert.equal(t.status, 201, t.text);
  const c = await dir.post('/api/v1/clients', clientBody({ first_name: 'Wren', last_name: 'Albescu' }));
  assert.equal(c.status, 201, c.text);
  const ep = await dir.post(`/api/v1/clients/${c.json.id}/episodes`, {
    level: '2.1', site_id: 1, track_id: t.json.id, primary_clinician_id: staff.clinician.id,
    privacy_notice_given: true, admitted_on: plusDays(today, -30),
  });
  assert.equal(ep.status, 201, ep.text);
  // The prescriber works in the client's care (the care team).
  await careTeam(srv.url, c.json.id, ['prescriber']);
  const presc = await apiSignIn(srv.url, 'prescriber');
  const med = await presc.post(`/api/v1/clients/${c.json.id}/medications`, {
    name: 'Naltrexone', dose: '50 mg daily', mat: 'naltrexone', prescriber_id: staff.prescriber.id, start_date: plusDays(today, -30),
  });
  assert.equal(med.status, 201, med.text);

  const { page, context } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(`${srv.url}/app/#/clients/${c.json.id}`);
  await h1(page, /Albescu, Wren/);
  // Open: the card invites a draft before the discharge.
  await page.locator('#aftercare').getByText('Draft it with Wren before the discharge').waitFor();
  // The discharge dialog points to the plan.
  await page.getByRole('button', { name: 'Discharge…' }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.locator('#discharge-next').filter({ hasText: 'aftercare plan' }).waitFor();
  await dlg.getByLabel('Type of discharge').selectOption('completed');
  await dlg.getByRole('button', { name: 'Discharge', exact: true }).click();
  await page.locator('#discharged-line').filter({ hasText: 'completed the program' }).waitFor();

  const card = page.locator('#aftercare');
  await card.getByText('No aftercare plan yet').waitFor();
  await card.getByRole('button', { name: 'Start the aftercare plan' }).click();
  await card.getByLabel('Outpatient provider').waitFor();
  // The medication taken now is filled in, marked MAT.
  assert.equal(await card.locator('#aftercare-med-0-name').inputValue(), 'Naltrexone 50 mg daily');
  await card.getByText('Medication (MAT)').waitFor();
  await card.locator('#aftercare-state').filter({ hasText: 'Draft' }).waitFor();

  // Signing too early: the missing parts are named on the form.
  await card.getByRole('button', { name: 'Wren signs…' }).click();
  await card.locator('.error-summary').filter({ hasText: 'Outpatient provider' }).waitFor();
  assert.equal(await page.locator('dialog[open]').count(), 0);

  await card.getByLabel('Outpatient provider').fill('Lakeside Counseling (fictitious)');
  await card.getByLabel('Provider’s phone').fill('(555) 010-2233');
  await card.getByLabel('Provider’s address').fill('12 Elm Street, Springfield');
  await card.getByLabel('First appointment: date').fill(plusDays(today, 4));
  await card.getByLabel('Time', { exact: true }).fill('14:30');
  await card.getByLabel('With whom').fill('Jordan Miles, LCSW');
  await card.getByRole('button', { name: 'Add a support group' }).click();
  await card.locator('#aftercare-group-0-kind').selectOption('smart_recovery');
  await card.locator('#aftercare-group-0-details').fill('Thursdays 6 pm, library room B');
  await card.getByLabel('Sober living', { exact: true }).selectOption('not_needed');
  await card.locator('#aftercare-med-0-prescriber').fill('Dr. Amal Reyes (fictitious)');
  await card.locator('#aftercare-med-0-next').fill(`Refill due ${plusDays(today, 10)}`);
  await card.getByLabel('Warning signs').fill('Skipping meetings; staying in alone.');
  await card.getByLabel('What helps (coping steps)').fill('Call my sponsor; go for a walk.');
  await card.getByLabel('People to call').fill('Sponsor Sam 555-0100');
  await card.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Aftercare plan saved.').waitFor();
  await shotsBothWidths(page, 'aftercare-draft');
  await assertNoAxeViolations(page, 'aftercare draft');

  // The shared screen: the plan in large text, a typed name and a checkbox.
  await card.getByRole('button', { name: 'Wren signs…' }).click();
  const sdlg = page.locator('dialog[open]');
  await sdlg.getByRole('heading', { name: 'Your aftercare plan' }).waitFor();
  await sdlg.getByText('call or text 988').waitFor();
  await sdlg.getByText('Lakeside Counseling (fictitious)').waitFor();
  await sdlg.getByLabel('Type your full name to sign').fill('Wren Albescu');
  await sdlg.getByRole('button', { name: 'Sign my plan' }).click();
  await sdlg.locator('.field.has-error').filter({ hasText: 'I have read this aftercare plan' }).waitFor();
  await sdlg.getByLabel('I have read this aftercare plan, helped write it, and I agree with it.').check();
  await shot(page, 'aftercare-shared-screen');
  await assertNoAxeViolations(page, 'aftercare shared screen');
  await sdlg.getByRole('button', { name: 'Sign my plan' }).click();
  await sdlg.getByText('Thank you. Your aftercare plan is signed.').waitFor();
  await sdlg.getByRole('button', { name: 'Done (staff)' }).click();
  await card.locator('#aftercare-state').filter({ hasText: 'Signed by Wren Albescu' }).waitFor();
  await card.locator('#aftercare-state').filter({ hasText: 'witnessed by' }).waitFor();
  assert.equal(await card.getByRole('button', { name: 'Save draft' }).count(), 0);
  await card.getByRole('button', { name: 'Start a new version' }).waitFor();
  await shot(page, 'aftercare-signed');
  // The discharge summary and the aftercare plan are both on the chart.
  await page.locator('#discharge-summary').getByRole('heading', { name: 'Discharge summary' }).waitFor();

  // The printable page, in its own tab: 988, the provider; printed to PDF.
  const [tab] = await Promise.all([context.waitForEvent('page'), card.getByRole('link', { name: 'Print for the client' }).click()]);
  await tab.waitForLoadState();
  const text = await tab.locator('body').innerText();
  assert.match(text, /988/);
  assert.match(text, /Suicide & Crisis Lifeline/);
  assert.match(text, /Lakeside Counseling \(fictitious\)/);
  assert.match(text, /SMART Recovery/);
  assert.match(text, /Signed by Wren Albescu/);
  // The stylesheet applied (the crisis box has its border).
  assert.equal(await tab.locator('.crisis').evaluate((el) => getComputedStyle(el).borderTopStyle), 'solid');
  await tab.emulateMedia({ media: 'print' });
  await tab.screenshot({ path: join(outDir('screenshots'), 'aftercare-print.png'), fullPage: true }).catch(() => {});
  const pdf = await tab.pdf({ format: 'Letter' });
  assert.ok(pdf.length > 1000);
  writeFileSync(join(outDir('screenshots'), 'aftercare-print.pdf'), pdf);
  await tab.close();
});

test('the steps other flows use: a signed discharge summary and a signed aftercare plan, both on the chart', async () => {
  const dir = await apiSignIn(srv.url, 'director');
  const staff = Object.fromEntries((await dir.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const today = chicagoToday();
  const c = await dir.post('/api/v1/clients', clientBody({ first_name: 'Ines', last_name: 'Valcourt' }));
  assert.equal(c.status, 201, c.text);
  const ep = await dir.post(`/api/v1/clients/${c.json.id}/episodes`, {
    level: '2.1', site_id: 1, primary_clinician_id: staff.clinician.id, privacy_notice_given: true, admitted_on: plusDays(today, -20),
  });
  assert.equal(ep.status, 201, ep.text);
  assert.equal((await dir.post(`/api/v1/episodes/${ep.json.id}/discharge`, { date: today, type: 'completed' })).status, 200);
  const { page } = b;
  await page.goto(`${srv.url}/app/#/clients/${c.json.id}`);
  await h1(page, /Valcourt, Ines/);
  await signDischargeSummary(page);
  const href = await signAftercarePlan(page, 'Ines', 'Ines Valcourt');
  assert.match(href, /^\/api\/v1\/aftercare-plans\/\d+\/print$/);
  const plan = (await dir.get(`/api/v1/episodes/${ep.json.id}/aftercare-plan`)).json;
  assert.equal(plan.status, 'signed');
  assert.equal(plan.support_groups[0].kind, 'na');
  assert.equal((await dir.get(`/api/v1/episodes/${ep.json.id}/discharge-summary`)).json.status, 'signed');
  // No script error (the discharge summary card's first read answers 404 before a
  // summary exists: that one is the summary's, not a failure).
  assert.deepEqual(b.errors.filter((x) => !x.startsWith('console: Failed to load resource')), []);
});

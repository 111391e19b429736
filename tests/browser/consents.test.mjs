// Part 2 consents and disclosures on the chart in a real browser: a case
// manager records a consent (first without a purpose: the form names the
// missing element beside its field), releases drug screen results to the
// probation office named on it (the consent picker offers only the covering
// consent; the accounting lists the release), revokes the consent, and the
// next release is refused with the missing coverage said in words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';
import { careTeam } from '../api/helpers.mjs';

let srv;
let b;
let client;
const PO = "Judge Smith's probation office";

before(async () => {
  srv = await startServer();
  b = await launch();
  const adm = new Api(srv.url);
  await adm.login('admissions');
  const r = await adm.post('/api/v1/clients', { first_name: 'Marlo', last_name: 'Consentino', dob: '1990-04-12', sex: 'female' });
  assert.equal(r.status, 201, r.text);
  await careTeam(srv.url, r.json.id);
  client = r.json;
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

test('record a consent, release under it, revoke it, and the next release is refused', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'case_manager');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Consentino, Marlo');
  const section = page.locator('#consents');
  await section.getByText('No consent recorded.').waitFor();
  await section.getByText('Nothing has been released.').waitFor();

  await section.getByRole('button', { name: 'Record a consent…' }).click();
  let dlg = page.locator('dialog[open]');
  await dlg.getByRole('heading', { name: /Consent to disclose/ }).waitFor();
  await dlg.getByText(/I understand that I may revoke this consent at any time/).waitFor();
  await dlg.getByLabel('Who may disclose').fill('Riverside Recovery IOP');
  await dlg.getByLabel('drug screen results').check();
  await dlg.getByLabel('Recipients, one per line').fill(PO);
  const end = new Date(Date.now() + 90 * 86400e3).toISOString().slice(0, 10);
  await dlg.getByLabel('Ends on').fill(end);
  await dlg.getByRole('button', { name: 'Record consent' }).click();
  // The missing purpose is named beside its field.
  await dlg.locator('.error-summary').getByText('Please correct 1 field.').waitFor();
  await dlg.locator('.field.has-error').getByText(/Purpose/).first().waitFor();
  await shotsBothWidths(page, 'consent-missing-element');
  await dlg.getByLabel('Purpose').fill('Report on attendance of treatment to probation');
  await dlg.getByRole('button', { name: 'Record consent' }).click();
  await dlg.waitFor({ state: 'detached' });
  const row = section.locator('.consent-list tbody tr').first();
  await row.getByText('Active', { exact: true }).waitFor();
  await row.getByText(PO).waitFor();

  // Release: the picker offers the covering consent once recipient and information are given.
  await section.getByRole('button', { name: 'Release information…' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByLabel('To (required)').fill('judge smith\'s probation office');
  await dlg.getByLabel('drug screen results').check();
  await dlg.getByText('One consent covers it.').waitFor();
  assert.equal(await dlg.getByLabel('Under the consent').locator('option').count(), 1);
  await dlg.getByLabel('medications').check();
  await dlg.getByText(/No active consent covers drug screen results, medications/).waitFor();
  await dlg.getByLabel('medications').uncheck();
  await shotsBothWidths(page, 'consent-release');
  await dlg.getByRole('button', { name: 'Release', exact: true }).click();
  await dlg.waitFor({ state: 'detached' });
  const acc = section.locator('.accounting tbody tr');
  await acc.first().getByText('drug screen results').waitFor();
  assert.equal(await acc.count(), 1);
  const href = await acc.first().getByRole('link').getAttribute('href');
  assert.match(href, /^\/api\/v1\/disclosures\/\d+\/document$/);
  await assertNoAxeViolations(page, 'chart with consents and disclosures');
  assert.match(await acc.first().textContent(), /Judge Smith's probation office/, 'to whom, as the consent names them');

  // The accounting prints on its own page (what "Print the accounting" sets).
  await page.evaluate(() => document.body.classList.add('print-accounting'));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.app-header').isVisible(), false);
  assert.equal(await page.locator('#consents .consent-list').isVisible(), false);
  assert.equal(await page.locator('#print-accounting').isVisible(), false);
  assert.equal(await section.locator('.accounting tbody tr').first().isVisible(), true);
  assert.match(await page.locator('#accounting .print-only').textContent(), /Marlo Consentino \(IOP-\d+\): every release/);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.classList.remove('print-accounting'));

  // Revoke, then the release is refused, naming the missing coverage.
  await row.getByRole('button', { name: /Revoke the consent/ }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Why').fill('Client withdrew consent at today’s session');
  await dlg.getByRole('button', { name: 'Revoke consent' }).click();
  await dlg.waitFor({ state: 'detached' });
  await section.locator('.consent-list tbody tr').first().getByText('Revoked', { exact: true }).waitFor();
  await section.getByRole('button', { name: 'Release information…' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByLabel('To (required)').fill(PO);
  await dlg.getByLabel('drug screen results').check();
  await dlg.getByText(/No active consent covers drug screen results for Judge Smith's probation office/).waitFor();
  await dlg.getByRole('button', { name: 'Release', exact: true }).click();
  await dlg.locator('.error-summary').getByText(/No consent valid on .* covers drug screen results for Judge Smith's probation office/).waitFor();
  await shotsBothWidths(page, 'consent-release-refused');
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await acc.count(), 1, 'nothing more released');
  await shotsBothWidths(page, 'consents-chart');
});

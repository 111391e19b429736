// Case management in a real browser: a case manager records a client's
// housing need, refers them to a resource of the address book and marks the
// referral accepted (its history shows both steps); "Send referral packet…"
// opens the one release dialog of Consents and disclosures addressed to the
// organisation; the Resources screen searches the address book; My tasks
// shows the demo clinic's case-management items due.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, Api, outDir } from '../lib/server.mjs';
import { careTeam } from '../api/helpers.mjs';
import { launch, signIn, h1, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;
let client;

before(async () => {
  srv = await startServer();
  b = await launch();
  const adm = new Api(srv.url);
  await adm.login('admissions');
  const r = await adm.post('/api/v1/clients', { first_name: 'Tobin', last_name: 'Casewell', dob: '1987-09-03', sex: 'male' });
  assert.equal(r.status, 201, r.text);
  client = r.json;
  // The case manager works in the client's care (the care team).
  await careTeam(srv.url, client.id, ['case_manager']);
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

test('a case manager records a housing need, refers to a resource and marks it accepted', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'case_manager');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Casewell, Tobin');
  const section = page.locator('#case-management');
  await section.getByRole('heading', { name: 'Case management' }).waitFor();
  const housing = section.locator('tr.need-housing');
  await housing.getByText('Not assessed').waitFor();

  // The housing need.
  await section.getByRole('button', { name: 'Assess the housing need' }).click();
  let dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Status').selectOption('need_identified');
  await dlg.getByLabel('Notes').fill('Sleeping on a friend’s couch; needs a sober-living bed.');
  await dlg.getByRole('button', { name: 'Save need' }).click();
  await dlg.waitFor({ state: 'detached' });
  await housing.getByText('Need identified').waitFor();
  await housing.getByText(/friend’s couch/).waitFor();

  // A referral to the demo clinic's housing partner.
  await section.getByRole('button', { name: 'Refer to a resource…' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByLabel('For the need').selectOption('housing');
  await dlg.getByLabel('Resource').selectOption({ label: 'Maple Street Housing Partnership (Housing)' });
  await dlg.getByLabel('Notes').fill('Called intake together.');
  await shotsBothWidths(page, 'casemgmt-refer');
  await dlg.getByRole('button', { name: 'Make referral' }).click();
  await dlg.waitFor({ state: 'detached' });
  const item = section.locator('.referral-item').filter({ hasText: 'Maple Street Housing Partnership' });
  await item.getByText('Made', { exact: true }).waitFor();
  await item.getByText(/Follow up on/).waitFor();

  // Accepted: one click; the history keeps both steps.
  await item.getByRole('button', { name: 'Mark accepted the referral to Maple Street Housing Partnership' }).click();
  await item.getByText('Accepted', { exact: true }).waitFor();
  await item.locator('summary').click();
  const hist = item.locator('.referral-history li');
  assert.equal(await hist.count(), 2);
  assert.match(await hist.nth(0).textContent(), /^Made,/);
  assert.match(await hist.nth(1).textContent(), /^Accepted,/);
  assert.equal(await item.getByRole('button', { name: /^Mark accepted/ }).count(), 0, 'no second accept');
  await item.getByRole('button', { name: /^Mark completed/ }).waitFor();

  // The referral packet goes through the release dialog, to the organisation.
  await item.getByRole('button', { name: 'Send referral packet to Maple Street Housing Partnership' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByRole('heading', { name: /Referral packet to Maple Street Housing Partnership/ }).waitFor();
  assert.equal(await dlg.getByLabel('To (required)').inputValue(), 'Maple Street Housing Partnership');
  await dlg.getByLabel('Name and date of birth').check();
  await dlg.getByText(/No active consent covers .* for Maple Street Housing Partnership/).waitFor();
  await shotsBothWidths(page, 'casemgmt-packet');
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  await dlg.waitFor({ state: 'detached' });

  await section.scrollIntoViewIfNeeded();
  await shotsBothWidths(page, 'casemgmt-chart');
  await assertNoAxeViolations(page, 'chart with case management');
});

test('the Resources screen searches the address book; My tasks shows what is due', async () => {
  const { page } = b;
  await page.goto(srv.url + '/app/#/resources');
  await h1(page, 'Resources');
  await page.locator('.results tbody tr').first().waitFor();
  await page.getByLabel('Search').fill('pantry');
  await page.locator('.results tbody tr').filter({ hasText: 'Good Neighbor Food Pantry' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.results tbody tr').length === 1);
  await shotsBothWidths(page, 'resources');
  await assertNoAxeViolations(page, 'resources');

  await page.goto(srv.url + '/app/#/tasks');
  await h1(page, 'My tasks');
  const due = page.locator('#casemgmt-due');
  await due.getByRole('heading', { name: 'Case management due' }).waitFor();
  await due.getByText(/Court in 3 days/).waitFor();
  await due.getByText(/Referral to Maple Street Housing Partnership/).waitFor();
  await due.getByText(/Follow-up overdue since/).waitFor();
  await shotsBothWidths(page, 'tasks-casemgmt-due');

  // The court date's client: legal details, the court date marked soon.
  await due.locator('li', { hasText: 'Court in 3 days' }).getByRole('link').click();
  const section = page.locator('#case-management');
  await section.locator('tr.court-soon').getByText('Soon: in 3 days').waitFor();
  await section.locator('tr.need-legal').getByText(/Probation officer: Officer Sam Reyes/).waitFor();
  await section.scrollIntoViewIfNeeded();
  await shotsBothWidths(page, 'casemgmt-demo-chart');
  // The section alone, as a counsellor on a phone sees it.
  await page.setViewportSize({ width: 390, height: 844 });
  await section.screenshot({ path: join(outDir('screenshots'), 'casemgmt-demo-section-390.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await section.screenshot({ path: join(outDir('screenshots'), 'casemgmt-demo-section-1280.png') });
});

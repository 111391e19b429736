// A probation report from the chart (issue 14, items 6 and 8): the client's
// probation officer is a related person ("Probation officer, <office>",
// "May be contacted"); the director records the client's consent naming
// them (picked from the related persons), releases a probation report
// (attendance, drug screens, progress: the preset) to them under it, and
// after the consent is revoked the same report is refused with the missing
// coverage said in words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;
let client;
const PO_NAME = 'Ray Tillman';
const PO_ORG = 'Lake County Adult Probation';
const PO = `${PO_NAME}, ${PO_ORG}`;

before(async () => {
  srv = await startServer();
  b = await launch();
  const adm = new Api(srv.url);
  await adm.login('admissions');
  const r = await adm.post('/api/v1/clients', { first_name: 'Jonah', last_name: 'Probst', dob: '1988-09-03', sex: 'male' });
  assert.equal(r.status, 201, r.text);
  client = r.json;
  const clin = new Api(srv.url);
  await clin.login('director');
  for (const body of [
    { name: PO_NAME, kind: 'probation_officer', organisation: PO_ORG, phone: '312-555-0177', may_contact: true },
    { name: 'Nell Probst', relationship: 'mother', phone: '312-555-0178', may_contact: false },
  ]) {
    const k = await clin.post(`/api/v1/clients/${client.id}/contacts`, body);
    assert.equal(k.status, 201, k.text);
  }
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

test('a probation report released to the probation officer under consent, refused after revocation', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Probst, Jonah');

  // Related persons: who they are, and whether they may be contacted.
  const persons = page.locator('section', { has: page.locator('#contacts-title') });
  await persons.getByRole('heading', { name: 'Related persons' }).waitFor();
  const po = persons.locator('li.contact', { hasText: PO_NAME });
  await po.getByText(`Probation officer, ${PO_ORG}`).waitFor();
  await po.getByText('May be contacted').waitFor();
  await persons.locator('li.contact', { hasText: 'Nell Probst' }).getByText('Do not contact').waitFor();

  // The consent names the probation officer, picked from the related persons.
  const section = page.locator('#consents');
  await section.getByRole('button', { name: 'Record a consent…' }).click();
  let dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Who may disclose').fill('Riverside Recovery IOP');
  for (const info of ['Attendance', 'Drug screen results', 'Progress in treatment']) await dlg.getByLabel(info, { exact: true }).check();
  await dlg.getByLabel(`${PO} (Probation officer)`).check();
  await dlg.getByLabel('Purpose').fill('Report on compliance with the terms of probation');
  await dlg.getByLabel('Ends on').fill(new Date(Date.now() + 180 * 86400e3).toISOString().slice(0, 10));
  await dlg.getByRole('button', { name: 'Record consent' }).click();
  await dlg.waitFor({ state: 'detached' });
  const row = section.locator('.consent-list tbody tr').first();
  await row.getByText('Active', { exact: true }).waitFor();
  await row.getByText(PO).waitFor();

  // The Probation report preset: to the officer, attendance, drug screens, progress.
  await section.getByRole('button', { name: 'Release information…' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByRole('button', { name: 'Probation report' }).click();
  assert.equal(await dlg.getByLabel('To (required)').inputValue(), PO);
  for (const info of ['Attendance', 'Drug screen results', 'Progress in treatment']) assert.equal(await dlg.getByLabel(info, { exact: true }).isChecked(), true, info);
  assert.equal(await dlg.getByLabel('Medications', { exact: true }).isChecked(), false);
  await dlg.getByText('One consent covers it.').waitFor();
  await shotsBothWidths(page, 'probation-report-release');
  await dlg.getByRole('button', { name: 'Release', exact: true }).click();
  await dlg.waitFor({ state: 'detached' });
  const acc = section.locator('.accounting tbody tr');
  await acc.first().getByText(PO).waitFor();
  assert.match(await acc.first().textContent(), /attendance, drug screen results, progress in treatment/);
  assert.equal(await acc.count(), 1);
  await assertNoAxeViolations(page, 'chart with related persons and a probation report');

  // The document carries the notice and the report.
  const href = await acc.first().getByRole('link').getAttribute('href');
  const doc = await page.evaluate(async (u) => (await fetch(u)).text(), href);
  assert.match(doc, /^%PDF-/);
  assert.match(doc, /\(Attendance\)/);
  assert.match(doc, /protected by Federal confidentiality/);

  // Revoked: the same report is refused, and the dialog says why.
  await row.getByRole('button', { name: /Revoke the consent/ }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Why').fill('The client withdrew it at today’s session.');
  await dlg.getByRole('button', { name: 'Revoke consent' }).click();
  await dlg.waitFor({ state: 'detached' });
  await section.locator('.consent-list tbody tr').first().getByText('Revoked', { exact: true }).waitFor();
  await section.getByRole('button', { name: 'Release information…' }).click();
  dlg = page.locator('dialog[open]');
  await dlg.getByRole('button', { name: 'Probation report' }).click();
  await dlg.getByText(`No active consent covers attendance, drug screen results, progress in treatment for ${PO}`).waitFor();
  await dlg.getByRole('button', { name: 'Release', exact: true }).click();
  await dlg.locator('.error-summary').getByText(new RegExp(`No consent valid on .* covers attendance, drug screen results and progress in treatment for ${PO}`)).waitFor();
  await shotsBothWidths(page, 'probation-report-refused');
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await acc.count(), 1, 'nothing more released');
  await shotsBothWidths(page, 'probation-chart');
});

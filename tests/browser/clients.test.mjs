// The clinician's main flow in a real browser: sign in, add a client (with a
// field error first), find them by name and by MRN, open the chart, add an
// emergency contact, sign out.  Then the duplicate warning and "save anyway".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, activeName, shot, searchDone, navNames } from './browser.mjs';

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

test('clinician adds a client, finds them, adds an emergency contact, signs out', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await h1(page, 'Clients');
  assert.match(await page.locator('#user-name').textContent(), /\S/);
  assert.match(await page.locator('#user-roles').textContent(), /Clinician/);
  // Navigation shows only what a clinician may use.
  const nav = await navNames(page);
  assert.deepEqual(nav, ['Today', 'Schedule', 'Clients', 'Census', 'This week', 'Resources', 'Tasks', 'Alumni', 'On duty']);

  await page.getByRole('link', { name: 'Add client' }).first().click();
  await h1(page, 'Add client');
  await page.getByLabel('First name').fill('Wren');
  await page.getByLabel('Last name').fill('Quillfeather');
  await page.getByLabel('Preferred name').fill('Renny');
  await page.getByLabel('Date of birth').fill('2090-05-01');	// in the future
  await page.getByLabel('Sex', { exact: false }).first().selectOption('female');
  await page.getByLabel('Phone').fill('(555) 010-4477');
  await page.getByLabel('Email').fill('wren.q@example.org');
  await page.getByLabel('Street address').fill('12 Alder Lane');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('State').fill('IL');
  await page.getByLabel('ZIP / postal code').fill('62704');
  await page.getByRole('button', { name: 'Add client' }).click();

  // The server's message sits next to the date of birth, which has focus.
  const dob = page.getByLabel('Date of birth');
  await page.locator('.field.has-error').first().waitFor();
  assert.equal(await dob.getAttribute('aria-invalid'), 'true');
  const errId = (await dob.getAttribute('aria-describedby')).split(' ').find((x) => x.endsWith('-error'));
  const msg = await page.locator(`#${errId}`).textContent();
  assert.match(msg, /past/i, `dob message: ${msg}`);
  assert.equal(await activeName(page), 'dob');
  const summary = page.locator('.error-summary');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.match(await summary.textContent(), /Date of birth/);
  await shot(page, 'client-form-error');

  await dob.fill('1988-07-14');
  await page.getByRole('button', { name: 'Add client' }).click();
  await h1(page, 'Quillfeather, Wren (Renny)');
  const mrn = (await page.locator('.page-sub .mrn').textContent()).trim();
  assert.match(mrn, /^IOP-\d+$/);
  const details = await page.locator('dl.details').textContent();
  assert.match(details, /Jul 14, 1988 \(age \d+\)/);
  assert.match(details, /12 Alder Lane/);
  assert.match(details, /Female/);

  // Find by name (typing, debounced) and then by MRN (Enter).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
  await h1(page, 'Clients');
  const search = page.getByLabel('Search clients');
  await search.pressSequentially('Quillf', { delay: 20 });
  await searchDone(page, 'Quillf');
  await page.getByRole('link', { name: 'Quillfeather, Wren (Renny)' }).waitFor();
  assert.equal(await page.locator('table.data tbody tr').count(), 1);
  await search.fill(mrn);
  await search.press('Enter');
  await searchDone(page, mrn);
  await page.locator('table.data tbody tr', { hasText: mrn }).waitFor();
  assert.equal(await page.locator('table.data tbody tr').count(), 1);
  // Keyboard: ArrowDown from the search box reaches the row link.
  await search.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Quillfeather, Wren (Renny)');
  await page.keyboard.press('Enter');
  await h1(page, 'Quillfeather, Wren (Renny)');

  // A contact without phone or email is refused with a message in the dialog.
  await page.getByRole('button', { name: 'Add related person' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.waitFor();
  await dlg.getByLabel('Name').fill('Ash Quillfeather');
  await dlg.getByLabel('In the client\'s words').fill('sister');
  await dlg.getByRole('button', { name: 'Add related person' }).click();
  await dlg.locator('.error-summary').waitFor();
  await dlg.getByLabel('Phone').fill('555-010-9911');
  await dlg.getByLabel('Emergency contact').check();
  await dlg.getByRole('button', { name: 'Add related person' }).click();
  await dlg.waitFor({ state: 'detached' });
  const card = page.locator('li.contact', { hasText: 'Ash Quillfeather' });
  await card.waitFor();
  assert.match(await card.textContent(), /Emergency contact/);
  assert.match(await card.textContent(), /555-010-9911/);
  assert.match(await card.textContent(), /Family \(sister\)/);
  assert.match(await card.textContent(), /Do not contact/);
  await shot(page, 'chart-with-contact');

  // Edit the contact (now also the guardian), then add and remove another.
  await card.getByRole('button', { name: 'Edit Ash Quillfeather' }).click();
  await dlg.getByLabel('Legal guardian').check();
  await dlg.getByLabel('The client agrees that we may contact this person').check();
  await dlg.getByRole('button', { name: 'Save', exact: true }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('li.contact', { hasText: 'Ash Quillfeather' }).filter({ hasText: 'Guardian' }).filter({ hasText: 'May be contacted' }).waitFor();
  await page.getByRole('button', { name: 'Add related person' }).click();
  await dlg.getByLabel('Name').fill('Temp Person');
  await dlg.getByLabel('Who they are to the client').selectOption('friend');
  await dlg.getByLabel('Email').fill('temp@example.org');
  await dlg.getByRole('button', { name: 'Add related person' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Remove Temp Person' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await page.locator('li.contact', { hasText: 'Temp Person' }).waitFor({ state: 'detached' });

  // The server agrees.
  const api = new Api(srv.url);
  await api.login('clinician');
  const found = await api.get('/api/v1/clients?q=' + encodeURIComponent(mrn));
  assert.equal(found.json.total, 1);
  const contacts = await api.get(`/api/v1/clients/${found.json.items[0].id}/contacts`);
  assert.equal(contacts.json.items.length, 1);
  assert.equal(contacts.json.items[0].emergency, true);
  assert.equal(contacts.json.items[0].guardian, true);

  await signOut(page);
  assert.match(await page.locator('main .notice').textContent(), /signed out/i);
  await page.goto(srv.url + '/app/#/clients');
  await h1(page, 'Sign in');
  assert.deepEqual(b.errors, []);
});

test('a possible duplicate is shown with its matches and can be saved anyway', async () => {
  const { page } = b;
  const api = new Api(srv.url);
  await api.login('admissions');
  const existing = (await api.get('/api/v1/clients?limit=1')).json.items[0];
  assert.ok(existing, 'the demo database has clients');

  await signIn(page, srv.url, 'admissions');
  await h1(page, 'Admissions');	// the admissions counsellor's home is the inquiry board
  await page.goto(srv.url + '/app/#/clients/new');
  await h1(page, 'Add client');
  await page.getByLabel('First name').fill(existing.first_name);
  await page.getByLabel('Last name').fill(existing.last_name);
  await page.getByLabel('Date of birth').fill(existing.dob);
  await page.getByLabel('Sex', { exact: false }).first().selectOption('unknown');
  await page.getByRole('button', { name: 'Add client' }).click();

  const panel = page.locator('.dup-panel');
  await panel.waitFor();
  assert.equal(await panel.getAttribute('role'), 'alert');
  assert.match(await panel.textContent(), /possible duplicate/i);
  const matchRow = panel.locator('tbody tr', { hasText: existing.mrn });
  await matchRow.waitFor();
  assert.equal(await matchRow.getByRole('link').getAttribute('href'), `#/clients/${existing.id}`);
  await shot(page, 'client-duplicate');

  await page.getByRole('button', { name: 'Save as a new client anyway' }).click();
  const title = `${existing.last_name}, ${existing.first_name}`;
  await page.locator('h1', { hasText: title }).waitFor();
  const newMrn = (await page.locator('.page-sub .mrn').textContent()).trim();
  assert.notEqual(newMrn, existing.mrn);
  const list = await api.get(`/api/v1/clients?q=${encodeURIComponent(existing.dob)}&limit=200`);
  const same = list.json.items.filter((c) => c.first_name === existing.first_name && c.last_name === existing.last_name);
  assert.ok(same.length >= 2, 'both records exist');

  // Edit sends only what changed, and deactivation asks first.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.locator('h1', { hasText: 'Edit' }).waitFor();
  const patches = [];
  page.on('request', (r) => { if (r.method() === 'PATCH') patches.push(r.postDataJSON()); });
  await page.getByLabel('Preferred language').fill('Portuguese');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('h1', { hasText: title }).waitFor();
  assert.deepEqual(patches, [{ language: 'Portuguese' }]);
  await page.getByRole('button', { name: 'Deactivate' }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('button', { name: 'Reactivate' }).waitFor();
  assert.match(await page.locator('.page-sub').textContent(), /Inactive/);
  await signOut(page);
  assert.deepEqual(b.errors, []);
});

// Administration in a real browser: add a staff member, reset their
// password, disable them, unlock a locked account; sites and rooms; the new
// account's forced password change; the audit trail as the director.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, shot } from './browser.mjs';

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

test('admin manages staff: add, reset password, disable, unlock', async () => {
  const { page } = b;
  const api = new Api(srv.url);
  // Lock the nurse's account with wrong passwords (IOP_LOGIN_MAX_FAILURES=5).
  for (let i = 0; i < 6; i++) await new Api(srv.url).login('nurse', 'not-the-password');

  await signIn(page, srv.url, 'admin');
  await h1(page, 'Staff');
  assert.deepEqual(await page.locator('#nav-list a').allTextContents(), ['Staff', 'Sites', 'Rooms', 'Tracks', 'Program', 'On duty', 'Audit log']);

  await page.getByRole('button', { name: 'Add staff member' }).click();
  let dlg = page.getByRole('dialog');
  await dlg.waitFor();
  await dlg.getByLabel('Username').fill('jordan.test');
  await dlg.getByLabel('Full name').fill('Jordan Testperson');
  await dlg.getByLabel('Email').fill('jordan@example.org');
  await dlg.getByRole('checkbox', { name: 'Clinician' }).check();
  const firstSite = dlg.locator('fieldset', { hasText: 'Sites' }).getByRole('checkbox').first();
  if (await firstSite.count()) await firstSite.check();
  const initial = await dlg.getByLabel('Initial password').inputValue();
  assert.ok(initial.length >= 12, 'a generated initial password is offered');
  await shot(page, 'staff-add-dialog');
  await dlg.getByRole('button', { name: 'Add staff member' }).click();
  await dlg.waitFor({ state: 'detached' });
  const row = page.locator('tbody tr', { hasText: 'jordan.test' });
  await row.waitFor();
  assert.match(await row.textContent(), /Clinician/);
  assert.match(await row.textContent(), /Must change password/);

  // Username taken: the message sits next to the username.
  await page.getByRole('button', { name: 'Add staff member' }).click();
  dlg = page.getByRole('dialog');
  await dlg.getByLabel('Username').fill('jordan.test');
  await dlg.getByLabel('Full name').fill('Someone Else');
  await dlg.getByRole('checkbox', { name: 'Nurse' }).check();
  await dlg.getByRole('button', { name: 'Add staff member' }).click();
  await dlg.locator('.field.has-error').first().waitFor();
  assert.equal(await dlg.getByLabel('Username').getAttribute('aria-invalid'), 'true');
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  await dlg.waitFor({ state: 'detached' });

  // Reset the password: the dialog offers one, then shows it once.
  await page.getByRole('button', { name: 'Reset password of Jordan Testperson' }).click();
  dlg = page.getByRole('dialog');
  await dlg.getByRole('button', { name: 'Reset password' }).click();
  const done = page.getByRole('dialog', { name: 'Password reset' });
  await done.waitFor();
  const newPassword = (await done.locator('#new-password').textContent()).trim();
  assert.ok(newPassword.length >= 12);
  await shot(page, 'staff-password-reset');
  await done.getByRole('button', { name: 'Done' }).click();
  const login = await new Api(srv.url).login('jordan.test', newPassword);
  assert.equal(login.status, 200, 'the new password works');
  assert.equal(login.json.user.must_change_password, true);

  // Disable (with a confirmation); the account can no longer sign in.
  await page.getByRole('button', { name: 'Disable Jordan Testperson' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Disable account' }).click();
  await page.getByRole('button', { name: 'Enable Jordan Testperson' }).waitFor();
  assert.match(await row.textContent(), /Disabled/);
  assert.equal((await new Api(srv.url).login('jordan.test', newPassword)).status, 401);

  // Unlock the nurse.
  const nurseRow = page.locator('tbody tr', { hasText: 'nurse' }).filter({ hasText: 'Locked' });
  await nurseRow.waitFor();
  await nurseRow.getByRole('button', { name: /^Unlock/ }).click();
  await page.locator('tbody tr', { hasText: 'nurse' }).filter({ hasText: 'Locked' }).waitFor({ state: 'detached' });
  assert.equal((await api.login('nurse')).status, 200, 'the nurse can sign in again');
  await shot(page, 'staff');

  // Edit roles: add Case manager to the enabled account again.
  await page.getByRole('button', { name: 'Enable Jordan Testperson' }).click();
  await page.getByRole('button', { name: 'Disable Jordan Testperson' }).waitFor();
  await page.getByRole('button', { name: 'Edit Jordan Testperson' }).click();
  dlg = page.getByRole('dialog');
  await dlg.getByRole('checkbox', { name: 'Case manager' }).check();
  await dlg.getByRole('button', { name: 'Save changes' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('tbody tr', { hasText: 'jordan.test' }).filter({ hasText: 'Case manager' }).waitFor();
  assert.deepEqual(b.errors, []);
});

test('admin manages sites and rooms', async () => {
  const { page } = b;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sites' }).click();
  await h1(page, 'Sites');
  await page.getByRole('button', { name: 'Add site' }).click();
  let dlg = page.getByRole('dialog');
  await dlg.getByLabel('Name').fill('Lakeside Annex');
  await dlg.getByLabel('Time zone').fill('Not a zone');
  await dlg.getByLabel('Address').fill('9 Shore Drive');
  await dlg.getByLabel('Phone').fill('555-010-7000');
  await dlg.getByRole('button', { name: 'Add site' }).click();
  await dlg.locator('.field.has-error').first().waitFor();
  assert.equal(await dlg.getByLabel('Time zone').getAttribute('aria-invalid'), 'true');
  await dlg.getByLabel('Time zone').fill('America/Chicago');
  await dlg.getByRole('button', { name: 'Add site' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('tbody tr', { hasText: 'Lakeside Annex' }).waitFor();

  await page.getByRole('button', { name: 'Edit Lakeside Annex' }).click();
  dlg = page.getByRole('dialog');
  await dlg.getByLabel('Active').uncheck();
  await dlg.getByRole('button', { name: 'Save changes' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('tbody tr', { hasText: 'Lakeside Annex' }).filter({ hasText: 'Inactive' }).waitFor();
  await shot(page, 'sites');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rooms' }).click();
  await h1(page, 'Rooms');
  await page.getByRole('button', { name: 'Add room' }).click();
  dlg = page.getByRole('dialog');
  await dlg.getByLabel('Name').fill('Quiet Room 7');
  await dlg.getByLabel('Site').selectOption({ label: 'Lakeside Annex' });
  await dlg.getByLabel('Capacity').fill('0');
  await dlg.getByRole('button', { name: 'Add room' }).click();
  await dlg.locator('.field.has-error').first().waitFor();
  assert.equal(await dlg.getByLabel('Capacity').getAttribute('aria-invalid'), 'true');
  await dlg.getByLabel('Capacity').fill('8');
  await dlg.getByRole('button', { name: 'Add room' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('tbody tr', { hasText: 'Quiet Room 7' }).waitFor();

  // The site filter narrows the list to one site's rooms.
  await page.getByLabel('Site').selectOption({ label: 'Lakeside Annex' });
  await page.locator('tbody tr').first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('tbody tr')].every((tr) => tr.textContent.includes('Lakeside Annex')));
  assert.equal(await page.locator('tbody tr').count(), 1);
  await shot(page, 'rooms');
  assert.deepEqual(b.errors, []);
});

test('a new account must change its password first', async () => {
  const { page } = b;
  const admin = new Api(srv.url);
  await admin.login('admin');
  const created = await admin.post('/api/v1/staff', { username: 'riley.new', full_name: 'Riley Newcomer', email: '', roles: ['front_desk'], site_ids: [], password: 'first-password-123' });
  assert.equal(created.status, 201, created.text);

  await signIn(page, srv.url, 'riley.new', 'first-password-123');
  await h1(page, 'Choose a new password');
  assert.equal(await page.locator('#app-nav').isVisible(), false, 'no navigation before the change');
  await page.getByLabel('Current password').fill('first-password-123');
  await page.getByLabel('New password', { exact: false }).first().fill('short');
  await page.getByLabel('New password again').fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('.field.has-error').first().waitFor();
  await shot(page, 'password-change');
  await page.getByLabel('New password', { exact: false }).first().fill('a much longer passphrase');
  await page.getByLabel('New password again').fill('a much longer passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await h1(page, 'Today');	// the front desk's home
  assert.equal((await new Api(srv.url).login('riley.new', 'a much longer passphrase')).status, 200);
  await signOut(page);
  assert.deepEqual(b.errors, []);
});

test('the director reads a client audit trail from the chart', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await h1(page, 'Clients');
  const first = page.locator('a.row-link').first();
  const name = await first.textContent();
  await first.click();
  await h1(page, name);
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await h1(page, `Audit trail: ${name}`);
  const rows = page.locator('tbody tr');
  await rows.first().waitFor();
  const text = await page.locator('table.data').textContent();
  assert.match(text, /director/);
  const headers = await page.locator('thead th').allTextContents();
  assert.deepEqual(headers, ['Time', 'User', 'Action', 'Record', 'Address', 'Detail']);
  await shot(page, 'audit');
  // A clinician has no audit link.
  await signIn(page, srv.url, 'clinician');
  await page.locator('a.row-link').first().click();
  await page.getByRole('button', { name: 'Deactivate' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Audit trail' }).count(), 0);
  assert.deepEqual(b.errors, []);
});

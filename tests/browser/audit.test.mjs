// The audit log in a real browser: the administrator (audit.read but not
// clients.read) opens the whole log, pages through it without overlap, opens
// a client's trail by record number, and gets a message next to the field
// for anything that is not a record number.  The director reaches it too;
// a clinician does not see it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot, navNames } from './browser.mjs';
import { careTeam } from '../api/helpers.mjs';

let srv;
let b;
let client;
let mrn;

before(async () => {
  srv = await startServer();
  b = await launch();
  const api = new Api(srv.url);
  await api.login('clinician');
  const r = await api.post('/api/v1/clients', { first_name: 'Tamsin', last_name: 'Ledgerwood', dob: '1988-07-14', sex: 'female' });
  assert.equal(r.status, 201, r.text);
  await careTeam(srv.url, r.json.id);
  client = r.json;
  mrn = client.mrn;
  assert.equal(mrn, 'IOP-' + String(client.id).padStart(6, '0'));
  assert.equal((await api.get(`/api/v1/clients/${client.id}`)).status, 200);
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

// The JSON of the next answer to GET /api/v1/audit (the whole log).
function nextLogAnswer(page) {
  return page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit' && r.request().method() === 'GET')
    .then((r) => r.json());
}

test('the administrator reads the audit log and pages through it', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'admin');
  await h1(page, 'Staff');	// the administrator's home stays Staff
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.deepEqual(await navNames(page), ['Staff', 'Sites', 'Rooms', 'Tracks', 'Program', 'On duty', 'Audit log']);

  let answer = nextLogAnswer(page);
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await h1(page, 'Audit log');
  const page1 = (await answer).items.map((a) => a.id);
  await page.locator('table.data tbody tr').first().waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current'), 'page');
  assert.deepEqual(await page.locator('thead th').allTextContents(),
    ['Time', 'User', 'Action', 'Client', 'Record', 'Address', 'Detail']);

  // Sign-ins are there, newest first, in words and local time.
  const adminLogin = page.locator('tbody tr').filter({ hasText: 'Signed in' }).filter({ hasText: 'admin' }).first();
  await adminLogin.waitFor();
  assert.match(await adminLogin.textContent(), /Administrator/);
  assert.match(await page.locator('tbody tr').filter({ hasText: 'Signed in' }).filter({ hasText: 'clinician' }).first().textContent(), /Clinician/);
  const at = await page.locator('tbody tr time').first().getAttribute('datetime');
  assert.match(at, /Z$/);
  const local = (o) => new Date(at).toLocaleString('en-US', { timeZone: 'America/Chicago', ...o });
  assert.equal(await page.locator('tbody tr time').first().textContent(),
    `${local({ year: 'numeric', month: 'short', day: 'numeric' })} ${local({ hour: 'numeric', minute: '2-digit', second: '2-digit' })}`);
  assert.equal(await page.locator('tbody span.action[data-action="session.login"]').first().textContent(), 'Signed in');

  // The client appears by record number, linking to the trail.
  const link = page.locator('tbody tr').filter({ hasText: 'Added a client' }).getByRole('link', { name: `${mrn} audit trail` }).first();
  assert.equal(await link.getAttribute('href'), `#/clients/${client.id}/audit`);
  assert.equal(await link.textContent(), mrn);

  // Page 2 continues where page 1 stopped, although reading page 1 added an
  // entry to the log; and back.
  const info = await page.locator('.pager-info').textContent();
  const total = Number(/of (\d+)/.exec(info)[1]);
  assert.ok(total > 50, `the demo clinic makes more than one page (${info})`);
  assert.equal(info, `1–50 of ${total}`);
  answer = nextLogAnswer(page);
  await page.getByRole('button', { name: 'Next' }).click();
  const page2 = (await answer).items.map((a) => a.id);
  await page.locator('.pager-info', { hasText: `51–${Math.min(100, total)} of ${total}` }).waitFor();
  assert.match(page.url(), /#\/audit\?offset=50$/);
  assert.equal(page1.length, 50);
  assert.equal(page2[0], page1[49] - 1, 'page 2 starts right after page 1');
  assert.deepEqual(page2.filter((id) => page1.includes(id)), [], 'no entry on both pages');
  await shot(page, 'audit-log-page2');
  answer = nextLogAnswer(page);
  await page.getByRole('button', { name: 'Previous' }).click();
  assert.deepEqual((await answer).items.map((a) => a.id), page1, 'page 1 again, as it was');
  await page.locator('.pager-info', { hasText: `1–50 of ${total}` }).waitFor();

  // "Show newest" starts again from the top, with this reading included.
  answer = nextLogAnswer(page);
  await page.getByRole('button', { name: 'Show newest' }).click();
  const fresh = await answer;
  assert.ok(fresh.total > total);
  assert.equal(fresh.items[0].action, 'audit.read');
  await page.locator('tbody tr').first().filter({ hasText: 'Read the audit log' }).waitFor();
  assert.deepEqual(b.errors, []);
});

test('the administrator opens a client trail by record number', async () => {
  const { page } = b;
  const box = page.getByRole('search', { name: 'Find a client’s trail' });
  const field = box.getByLabel('Record number');

  // Not a record number: a message next to the field, and we stay here.
  await field.fill('Ledgerwood');
  await box.getByRole('button', { name: 'Show trail' }).click();
  const err = box.locator('.field-error');
  await err.waitFor();
  assert.match(await err.textContent(), /“Ledgerwood” is not a record number\. Enter it as IOP-000042/);
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await field.getAttribute('aria-describedby'), new RegExp(await err.getAttribute('id')));
  assert.match(page.url(), /#\/audit(\?|$)/);
  await shot(page, 'audit-log-find-error');
  await field.fill('');
  await field.press('Enter');
  await box.locator('.field-error', { hasText: 'Enter a record number' }).waitFor();
  await field.fill('IOP-00-42');
  await field.press('Enter');
  await box.locator('.field-error', { hasText: 'is not a record number' }).waitFor();

  // "iop-42" with Enter opens the trail.
  await field.fill(`iop-${client.id}`);
  await field.press('Enter');
  await h1(page, `Audit trail: Record ${mrn}`);
  assert.match(page.url(), new RegExp(`#/clients/${client.id}/audit$`));
  const rows = page.locator('tbody tr');
  await rows.filter({ hasText: 'Added a client' }).waitFor();
  await rows.filter({ hasText: 'Read client details' }).first().waitFor();
  assert.match(await page.locator('table.data').textContent(), /clinician/);
  assert.deepEqual(await page.locator('thead th').allTextContents(), ['Time', 'User', 'Action', 'Record', 'Address', 'Detail']);
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current'), 'page');
  await shot(page, 'audit-trail-admin');

  // Back to the log, then the padded form and the button, and the link in the log.
  await page.getByRole('link', { name: '← Audit log' }).click();
  await h1(page, 'Audit log');
  await page.getByLabel('Record number').fill(` ${mrn.toLowerCase()} `);
  await page.getByRole('button', { name: 'Show trail' }).click();
  await h1(page, `Audit trail: Record ${mrn}`);
  await page.goBack();
  await h1(page, 'Audit log');
  await page.locator('tbody').getByRole('link', { name: `${mrn} audit trail` }).first().click();
  await h1(page, `Audit trail: Record ${mrn}`);
  await rows.first().waitFor();

  // A number no client has: said plainly, with the way back.
  await page.goto(srv.url + '/app/#/audit');
  await h1(page, 'Audit log');
  await page.getByLabel('Record number').fill('999999');
  await page.getByRole('button', { name: 'Show trail' }).click();
  await h1(page, 'No record IOP-999999');
  assert.match(await page.locator('main').textContent(), /There is no client with the record number IOP-999999\./);
  // Chromium logs the expected 404 of the trail as a console error.
  b.errors.splice(0, b.errors.length, ...b.errors.filter((e) => !/status of 404/.test(e)));
  await page.getByRole('link', { name: '← Audit log' }).click();
  await h1(page, 'Audit log');
  assert.deepEqual(b.errors, []);
});

test('the director has the audit log too, and sees client names on the trail', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await h1(page, 'Clients');	// the director's home stays Clients
  assert.deepEqual(await navNames(page), ['Today', 'Schedule', 'Admissions', 'Clients', 'Census', 'This week', 'Resources', 'Billing days', 'Tasks', 'Alumni', 'Tracks', 'Program', 'On duty', 'Placement table', 'Audit log']);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await h1(page, 'Audit log');
  await page.locator('tbody').getByRole('link', { name: `${mrn} audit trail` }).first().click();
  await h1(page, 'Audit trail: Ledgerwood, Tamsin');
  assert.equal(await page.locator('.page-sub .mrn').textContent(), mrn);
  assert.equal(await page.getByRole('link', { name: '← Back to chart' }).getAttribute('href'), `#/clients/${client.id}`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Clients' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav.getByRole('link', { name: 'Audit log' }).getAttribute('aria-current'), null);
  assert.deepEqual(b.errors, []);
});

test('a clinician has no audit log', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await h1(page, 'Clients');
  assert.deepEqual(await navNames(page), ['Today', 'Schedule', 'Clients', 'Census', 'This week', 'Resources', 'Tasks', 'Alumni', 'On duty']);
  assert.equal(await page.getByRole('link', { name: 'Audit log' }).count(), 0);
  await page.goto(srv.url + '/app/#/audit');
  await h1(page, 'Not available');
  assert.deepEqual(b.errors, []);
});

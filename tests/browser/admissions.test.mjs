// The admissions board in a real browser: a member of the public asks for
// help (the public form's endpoint, by plain fetch), the counsellor finds
// the inquiry on the board, a second one appears without a reload, the
// counsellor assigns the first to themselves, marks it contacted and
// converts it — a returning client (linked) and a duplicate created anyway —
// and lands on the chart.  Then a phone inquiry, referred elsewhere, and
// one closed with a reason; and a change the board sees by the revision
// alone (as two in one second would be).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, shot, activeName, navNames } from './browser.mjs';

let srv;
let b;
let api;

before(async () => {
  srv = await startServer();
  b = await launch();
  api = new Api(srv.url);
  const r = await api.login('admissions');
  assert.equal(r.status, 200, r.text);
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

// As the public "Get help" form sends it: no session, no CSRF token.
async function publicInquiry(body) {
  const res = await fetch(srv.url + '/api/v1/public/inquiries', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'help', ...body }),
  });
  assert.equal(res.status, 202, await res.text());
}

const card = (page, name) => page.locator('.board-col .inq-card', { has: page.getByRole('link', { name, exact: true }) });

test('a public inquiry on the board, a new one without a reload, assign, contacted, convert to a returning client', async () => {
  const { page } = b;
  await publicInquiry({
    name: 'Briar Tamsworth', phone: '555-010-4321', ok_voicemail: true, ok_text: false, best_time: 'after 6 pm',
    for_whom: 'other', caller_name: 'Jo Tamsworth', caller_relationship: 'mother',
    substances: ['alcohol', 'opioids'], urgency: 'today', message: 'My son needs help. Please call.',
    insurance: { payer: 'Prairie Health', member_id: 'PH-55521', group_number: 'G-100', subscriber_name: 'Jo Tamsworth', subscriber_dob: '1968-02-03', relationship: 'child' },
  });

  // The board is the admissions counsellor's home screen.
  await signIn(page, srv.url, 'admissions');
  await h1(page, 'Admissions');
  assert.match(page.url(), /#\/admissions$/);
  assert.deepEqual(await navNames(page), ['Today', 'Schedule', 'Admissions', 'Clients', 'Census', 'Tasks', 'On duty']);
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admissions' }).getAttribute('aria-current'), 'page');

  const briar = card(page, 'Briar Tamsworth');
  await briar.waitFor();
  assert.equal(await briar.locator('xpath=ancestor::section[1]').getAttribute('data-status'), 'new');
  const text = await briar.textContent();
  assert.match(text, /Urgent: call today/);
  assert.match(text, /For someone else — caller Jo Tamsworth \(mother\)/);
  assert.match(text, /Substances: alcohol, opioids/);
  assert.match(text, /Received (just now|\d+ min ago)/);
  assert.match(text, /Not assigned/);
  assert.match(text, /Voicemail OK · No texts/);
  assert.match(await briar.getAttribute('class'), /is-urgent/);
  await shot(page, 'board-urgent');

  // A second inquiry arrives while the board is open: it appears within the
  // 15 s poll, announced politely and counted, without reloading the page.
  await page.evaluate(() => { window.__sameDocument = true; });
  await publicInquiry({ name: 'Ellis Marchetti', email: 'ellis@example.org', ok_voicemail: false, ok_text: true, for_whom: 'self', substances: ['stimulants'], urgency: 'this_week' });
  const ellis = card(page, 'Ellis Marchetti');
  await ellis.waitFor({ timeout: 20000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
  assert.match(await ellis.textContent(), /Just in/);
  assert.match(await ellis.textContent(), /Wants a call this week/);
  assert.match(await ellis.textContent(), /No voicemail · Texts OK/);
  assert.equal(await page.locator('#board-live').getAttribute('aria-live'), 'polite');
  assert.match(await page.locator('#board-live').textContent(), /New inquiry: Ellis Marchetti/);
  assert.equal(await page.locator('#fresh-count').textContent(), '1 new inquiry since you opened the board');
  assert.match(await page.title(), /^\(1\) Admissions/);
  await shot(page, 'board-new-arrival');
  await page.getByRole('button', { name: 'Mark as seen' }).click();
  await page.locator('#fresh-count').waitFor({ state: 'hidden' });

  // Open the first: everything captured, insurance included.
  await briar.getByRole('link', { name: 'Briar Tamsworth' }).click();
  await h1(page, 'Briar Tamsworth');
  const main = page.locator('main');
  for (const re of [/Prairie Health/, /PH-55521/, /G-100/, /Feb 3, 1968/, /Child/, /after 6 pm/, /My son needs help/, /Do not text/, /Voicemail OK/, /Web form: get help/]) {
    assert.match(await main.textContent(), re);
  }
  await shot(page, 'inquiry-detail');

  await page.getByRole('button', { name: 'Assign to me' }).click();
  await page.locator('.action-now', { hasText: 'Assigned to: Tess Calloway' }).waitFor();
  await page.getByRole('button', { name: 'Mark contacted' }).click();
  await page.locator('.action-now', { hasText: 'Status: Contacted' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Mark contacted' }).count(), 0);

  // A returning client: same name and date of birth already on file.
  const existing = (await api.post('/api/v1/clients', { first_name: 'Briar', last_name: 'Tamsworth', dob: '1999-04-12', sex: 'male' })).json;
  assert.ok(existing.id);

  await page.getByRole('button', { name: 'Convert to client…' }).click();
  const dlg = page.getByRole('dialog', { name: 'Convert Briar Tamsworth to a client' });
  await dlg.waitFor();
  assert.equal(await dlg.getByLabel('First name').inputValue(), 'Briar');
  assert.equal(await dlg.getByLabel('Last name').inputValue(), 'Tamsworth');
  assert.match(await dlg.textContent(), /Jo Tamsworth \(mother\), is added as a contact/);
  // Date of birth and sex are required: the server's messages sit next to them.
  await dlg.getByRole('button', { name: 'Create client' }).click();
  const dob = dlg.getByLabel('Date of birth');
  await dlg.locator('.field.has-error').first().waitFor();
  assert.equal(await dob.getAttribute('aria-invalid'), 'true');
  // In words that say what to do, not a bare "Is required".
  assert.match(await dlg.locator('.error-summary').textContent(), /Date of birth: enter the date of birth/);
  assert.match(await dlg.locator('.error-summary').textContent(), /Sex: choose one/);
  assert.equal(await dlg.locator('.field.has-error').filter({ has: page.locator('input[name="dob"]') }).locator('.field-error').textContent(), 'Enter the date of birth');
  assert.equal(await activeName(page), 'dob');
  await shot(page, 'convert-errors');

  await dob.fill('1999-04-12');
  await dlg.getByLabel('Sex').selectOption('male');
  await dlg.getByRole('button', { name: 'Create client' }).click();
  const dup = dlg.locator('.dup-panel');
  await dup.waitFor();
  assert.equal(await dup.getAttribute('role'), 'alert');
  assert.match(await dup.textContent(), /returning client/);
  const row = dup.locator('tbody tr', { hasText: existing.mrn });
  await row.waitFor();
  await shot(page, 'convert-duplicate');
  await row.getByRole('button', { name: /Link to this returning client/ }).click();
  await dlg.waitFor({ state: 'detached' });
  const open = page.getByRole('link', { name: `Open the chart (${existing.mrn})` });
  await open.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'open-chart');
  await open.click();
  await h1(page, 'Tamsworth, Briar');
  assert.match(page.url(), new RegExp(`#/clients/${existing.id}$`));
  // The caller came along as a contact; nothing was typed twice.
  await page.locator('li.contact', { hasText: 'Jo Tamsworth' }).waitFor();
  assert.match(await page.locator('li.contact', { hasText: 'Jo Tamsworth' }).textContent(), /555-010-4321/);

  // Back on the board the card carries the record number.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admissions' }).click();
  await h1(page, 'Admissions');
  const done = card(page, 'Briar Tamsworth');
  await done.waitFor();
  assert.equal(await done.locator('xpath=ancestor::section[1]').getAttribute('data-status'), 'contacted');
  assert.match(await done.textContent(), new RegExp(`Client record ${existing.mrn}`));
  assert.match(await done.textContent(), /Assigned to Tess Calloway/);
  assert.deepEqual(b.errors, []);
});

test('a duplicate converted anyway becomes a new client; assignment to a colleague', async () => {
  const { page } = b;
  const existing = (await api.post('/api/v1/clients', { first_name: 'Ellis', last_name: 'Marchetti', dob: '1985-09-30', sex: 'unknown' })).json;
  await page.goto(srv.url + '/app/#/admissions');
  await h1(page, 'Admissions');
  await card(page, 'Ellis Marchetti').getByRole('link', { name: 'Ellis Marchetti' }).click();
  await h1(page, 'Ellis Marchetti');

  await page.getByLabel('Assign to').selectOption({ label: 'Dana Whitfield' });
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await page.locator('.action-now', { hasText: 'Assigned to: Dana Whitfield' }).waitFor();

  await page.getByRole('button', { name: 'Convert to client…' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('Date of birth').fill('1985-09-30');
  await dlg.getByLabel('Sex').selectOption('unknown');
  await dlg.getByRole('button', { name: 'Create client' }).click();
  await dlg.locator('.dup-panel tbody tr', { hasText: existing.mrn }).waitFor();
  await dlg.getByRole('button', { name: 'Create a new client anyway' }).click();
  await dlg.waitFor({ state: 'detached' });
  const link = page.locator('#open-chart');
  await link.waitFor();
  const href = await link.getAttribute('href');
  const newId = Number(/#\/clients\/(\d+)$/.exec(href)[1]);
  assert.notEqual(newId, existing.id);
  await link.click();
  await h1(page, 'Marchetti, Ellis');
  // Their own contact details came from the inquiry.
  assert.match(await page.locator('dl.details').textContent(), /ellis@example\.org/);
  assert.equal(await page.getByRole('button', { name: 'Convert to client…' }).count(), 0);
  assert.deepEqual(b.errors, []);
});

test('a phone inquiry, referred elsewhere; another closed with a reason', async () => {
  const { page } = b;
  await page.goto(srv.url + '/app/#/admissions');
  await h1(page, 'Admissions');
  await page.getByRole('link', { name: 'New phone inquiry' }).click();
  await h1(page, 'New phone inquiry');

  // Nothing filled in: the server names the fields.
  await page.getByRole('button', { name: 'Save inquiry' }).click();
  const summary = page.locator('.error-summary[role=alert]');
  await summary.waitFor();
  assert.match(await summary.textContent(), /Name: enter the name/);
  // Said to the admissions worker taking the call, not to the caller.
  assert.match(await summary.textContent(), /Phone: enter the caller's phone number or email address, so someone can call them back/);
  assert.doesNotMatch(await summary.textContent(), /reach you/);
  assert.equal(await activeName(page), 'name');

  await page.getByRole('radiogroup', { name: 'Who is the help for?' }).getByLabel('Someone else').check();
  await page.getByLabel('Name of the person who needs help').fill('Quinn Halvorsen');
  await page.getByLabel('Phone', { exact: true }).fill('555-010-6060');
  await page.getByRole('radiogroup', { name: 'Is a text message OK?' }).getByLabel('Yes').check();
  await page.getByLabel('Caller’s name').fill('Pat Halvorsen');
  await page.getByRole('button', { name: 'Save inquiry' }).click();
  await page.locator('.field.has-error', { hasText: 'Caller’s relationship' }).waitFor();
  await page.getByLabel('Caller’s relationship to them').fill('partner');
  await page.getByLabel('Cannabis').check();
  await page.getByRole('radiogroup', { name: 'How soon do they need help?' }).getByLabel('Today — urgent').check();
  await page.getByLabel('How did they hear about us?').fill('Family doctor');
  await page.getByLabel('Notes from the call').fill('Called from work; prefers texts.');
  await page.getByLabel('The caller gave insurance details').check();
  await page.getByLabel('Insurance company').fill('Lakeside Mutual');
  await page.getByLabel('Member ID').fill('LM-7');
  await page.getByRole('button', { name: 'Save inquiry' }).click();
  await h1(page, 'Quinn Halvorsen');
  const main = page.locator('main');
  for (const re of [/Phone call/, /Family doctor/, /Lakeside Mutual/, /caller Pat Halvorsen \(partner\)/, /Texts OK/, /Not asked yet — ask before leaving a voicemail/, /Urgent: call today/]) {
    assert.match(await main.textContent(), re);
  }

  // Referred elsewhere asks where.
  await page.getByRole('button', { name: 'Referred elsewhere…' }).click();
  let dlg = page.getByRole('dialog', { name: 'Referred elsewhere' });
  await dlg.getByRole('button', { name: 'Save referral' }).click();
  await dlg.locator('.field.has-error').waitFor();
  await dlg.getByLabel('Referred to').fill('Cedar House residential program');
  await dlg.getByRole('button', { name: 'Save referral' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.action-now', { hasText: 'Status: Referred elsewhere' }).waitFor();
  assert.match(await main.textContent(), /Referred toCedar House residential program/);
  await page.getByRole('button', { name: 'Reopen' }).waitFor();

  // Another closed with a reason.
  await publicInquiry({ name: 'Nico Brandt', phone: '555-010-9090', urgency: 'exploring' });
  await page.goto(srv.url + '/app/#/admissions');
  await card(page, 'Nico Brandt').getByRole('link', { name: 'Nico Brandt' }).click();
  await h1(page, 'Nico Brandt');
  await page.getByRole('button', { name: 'Close…' }).click();
  dlg = page.getByRole('dialog', { name: 'Close this inquiry' });
  await dlg.getByLabel('Reason for closing').fill('Could not reach after three calls.');
  await dlg.getByRole('button', { name: 'Close inquiry' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.action-now', { hasText: 'Status: Closed' }).waitFor();

  // The outcome columns on the board; on a phone, one status at a time.
  await page.goto(srv.url + '/app/#/admissions');
  await h1(page, 'Admissions');
  const closed = card(page, 'Nico Brandt');
  await closed.waitFor();
  assert.match(await closed.textContent(), /Reason: Could not reach after three calls\./);
  assert.match(await card(page, 'Quinn Halvorsen').textContent(), /Referred to Cedar House/);
  await page.setViewportSize({ width: 390, height: 844 });
  const filter = page.getByLabel('Show inquiries that are');
  await filter.selectOption('closed');
  assert.equal(await closed.isVisible(), true);
  assert.equal(await card(page, 'Briar Tamsworth').isVisible(), false);
  assert.match(page.url(), /status=closed/);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signOut(page);
  assert.deepEqual(b.errors, []);
});

test('two changes within one second are not missed: the board follows the revision', async () => {
  const { page } = b;
  // Every change as if in the same second: "latest" keeps the changed_at
  // first seen, so only the revision can tell the board something moved.
  let frozen;
  const revisions = [];
  const latest = /\/api\/v1\/inquiries\/latest(\?|$)/;
  await page.route(latest, async (route) => {
    const res = await route.fetch();
    const j = await res.json();
    if (frozen === undefined) frozen = j.changed_at;
    revisions.push(j.revision);
    await route.fulfill({ response: res, json: { ...j, changed_at: frozen } });
  });
  await signIn(page, srv.url, 'admissions');
  await h1(page, 'Admissions');
  const briar = card(page, 'Briar Tamsworth');
  await briar.waitFor();
  assert.match(await briar.textContent(), /Assigned to Tess Calloway/);
  const q = (await api.get('/api/v1/inquiries?status=contacted')).json.items.find((x) => x.name === 'Briar Tamsworth');
  const dana = (await api.get('/api/v1/staff?limit=200')).json.items.find((x) => x.full_name === 'Dana Whitfield');
  assert.ok(q && dana);
  await page.evaluate(() => { window.__sameDocument = true; });
  assert.equal((await api.patch(`/api/v1/inquiries/${q.id}`, { assigned_to: dana.id })).status, 200);
  await briar.locator('.inq-line', { hasText: 'Assigned to Dana Whitfield' }).waitFor({ timeout: 20000 });
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
  assert.ok(revisions.length >= 2 && revisions.at(-1) > revisions[0], `the revision grew: ${revisions.join(', ')}`);
  await page.unroute(latest);
  await signOut(page);
  assert.deepEqual(b.errors, []);
});

test('the director has the board but keeps Clients as home; a clinician has no board', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await h1(page, 'Clients');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admissions' }).click();
  await h1(page, 'Admissions');
  await card(page, 'Briar Tamsworth').waitFor();
  await signIn(page, srv.url, 'clinician');
  await h1(page, 'Clients');
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admissions' }).count(), 0);
  await page.goto(srv.url + '/app/#/admissions');
  await h1(page, 'Not available');
  assert.deepEqual(b.errors, []);
});

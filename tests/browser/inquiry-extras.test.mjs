// Two extras on the inquiry screens, in a real browser: merging a duplicate
// inquiry from the same person (the other is closed, its call log moves
// here), and the guardian a client under 18 needs when an inquiry is
// converted (first refused without one, then the caller as the guardian).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot } from './browser.mjs';

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

async function findInquiries(name) {
  const r = await api.get('/api/v1/inquiries?limit=200');
  assert.equal(r.status, 200, r.text);
  return r.json.items.filter((q) => q.name === name).sort((x, y) => x.id - y.id);
}

test('merge a duplicate inquiry with the same name: the other is closed and its call log moves here', async () => {
  const { page } = b;
  await publicInquiry({ name: 'Rowan Esterhuizen', phone: '555-010-7788', ok_voicemail: true, ok_text: true, for_whom: 'self', substances: ['alcohol'], urgency: 'this_week' });
  await publicInquiry({ name: 'rowan esterhuizen', email: 'rowan@example.org', ok_voicemail: false, ok_text: false, for_whom: 'self', substances: ['alcohol'], urgency: 'exploring', message: 'Writing again.' });
  await publicInquiry({ name: 'Someone Unrelated', phone: '555-010-0001', ok_voicemail: true, ok_text: true, for_whom: 'self', substances: [], urgency: 'exploring' });
  const [keep] = await findInquiries('Rowan Esterhuizen');
  const [dup] = await findInquiries('rowan esterhuizen');
  assert.ok(keep && dup);
  // A call logged on the duplicate comes along.
  const c = await api.post(`/api/v1/inquiries/${dup.id}/contacts`, { method: 'email', outcome: 'sent', note: 'Sent the intake packet.' });
  assert.equal(c.status, 201, c.text);

  await signIn(page, srv.url, 'admissions');
  await h1(page, 'Admissions');
  await page.goto(`${srv.url}/app/#/admissions/${keep.id}`);
  await h1(page, 'Rowan Esterhuizen');
  await page.getByRole('button', { name: 'Merge a duplicate inquiry…' }).click();
  const dlg = page.getByRole('dialog', { name: /Merge a duplicate/ });
  await dlg.waitFor();
  const text = await dlg.textContent();
  assert.match(text, new RegExp(`will be closed, marked “Merged into inquiry ${keep.id}”`));
  assert.match(text, /call log and follow-up tasks move to this inquiry/);
  // The same name (whatever the case) is offered first; the rest in a list.
  const likely = dlg.getByRole('radiogroup', { name: /Likely the same person/ });
  await likely.waitFor();
  const first = likely.getByRole('radio').first();
  assert.match(await likely.locator('label.choice').first().textContent(), new RegExp(`rowan esterhuizen — inquiry ${dup.id}.*same name`));
  const others = await dlg.getByLabel('Another open inquiry').locator('option').allTextContents();
  assert.ok(others.some((o) => /Someone Unrelated/.test(o)), others.join('|'));
  assert.ok(!others.some((o) => /rowan/i.test(o)), others.join('|'));
  await shot(page, 'inquiry-merge');

  // Nothing chosen: said next to the choice.
  await dlg.getByRole('button', { name: 'Merge into this inquiry' }).click();
  await dlg.locator('.error-summary', { hasText: 'Please correct 1 field.' }).waitFor();
  await first.check();
  await dlg.getByRole('button', { name: 'Merge into this inquiry' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.toast', { hasText: `Merged inquiry ${dup.id} into this one.` }).waitFor();
  // The duplicate's call log came along.
  await page.locator('#inquiry-log', { hasText: 'Sent the intake packet.' }).waitFor();

  const gone = (await api.get(`/api/v1/inquiries/${dup.id}`)).json;
  assert.equal(gone.status, 'closed');
  assert.match(gone.close_reason, new RegExp(`Merged into inquiry ${keep.id}`));
  assert.deepEqual(b.errors, []);
});

test('convert a minor: refused without a guardian, then the caller as the guardian', async () => {
  const { page } = b;
  await publicInquiry({
    name: 'Kit Oyelaran', phone: '555-010-6161', ok_voicemail: true, ok_text: true, for_whom: 'other',
    caller_name: 'Ada Oyelaran', caller_relationship: 'mother', substances: ['cannabis'], urgency: 'this_week',
  });
  const [q] = await findInquiries('Kit Oyelaran');
  await page.goto(`${srv.url}/app/#/admissions/${q.id}`);
  await h1(page, 'Kit Oyelaran');
  await page.getByRole('button', { name: 'Convert to client…' }).click();
  const dlg = page.getByRole('dialog', { name: 'Convert Kit Oyelaran to a client' });
  await dlg.waitFor();
  const guardian = dlg.getByRole('group', { name: 'Guardian' });
  assert.equal(await guardian.isVisible(), false);
  const y = new Date().getFullYear() - 15;
  await dlg.getByLabel('Date of birth').fill(`${y}-03-04`);
  await dlg.getByLabel('Sex').selectOption('female');
  await guardian.waitFor();
  const callerBox = guardian.getByLabel('The caller (Ada Oyelaran, mother) is the guardian');
  assert.equal(await callerBox.isChecked(), false);
  assert.equal(await guardian.getByLabel(/Guardian’s name/).isVisible(), true);

  // Without a guardian: the server's message sits on the Guardian fieldset.
  await dlg.getByRole('button', { name: 'Create client' }).click();
  const err = guardian.locator('#convert-guardian-error');
  await err.waitFor();
  assert.match(await err.textContent(), /under 18 needs a guardian contact/);
  assert.match(await dlg.locator('.error-summary').textContent(), /Guardian: a client under 18/);
  await shot(page, 'convert-guardian');

  // Typed guardian fields with a problem: the message is next to the field.
  await guardian.getByLabel(/Guardian’s name/).fill('Someone Else');
  await dlg.getByRole('button', { name: 'Create client' }).click();
  const rel = guardian.getByLabel(/Relationship to the client/);
  await guardian.locator('.field.has-error').first().waitFor();
  assert.equal(await rel.getAttribute('aria-invalid'), 'true');
  assert.equal(await guardian.getByLabel(/Guardian’s name/).getAttribute('aria-invalid'), null);
  assert.equal(await err.isVisible(), false);
  assert.match(await dlg.locator('.error-summary').textContent(), /Relationship to the client/);
  await shot(page, 'convert-guardian-fields');

  // The caller is the guardian: the typed fields step aside.
  await callerBox.check();
  assert.equal(await guardian.getByLabel(/Guardian’s name/).isVisible(), false);
  await dlg.getByRole('button', { name: 'Create client' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('#open-chart').click();
  await h1(page, 'Oyelaran, Kit');
  const contact = page.locator('li.contact', { hasText: 'Ada Oyelaran' });
  await contact.waitFor();
  assert.match(await contact.textContent(), /Guardian/);
  assert.match(await contact.textContent(), /555-010-6161/);
  assert.deepEqual(b.errors, []);
});

// Issue 11 in a real browser.
//  - Defect 2: an inquiry from "Verify insurance" says voicemail, texts and
//    urgency were not asked — never "they asked us not to" or "Exploring
//    options" — and what the person says when asked is recorded.
//  - Defect 5: admissions screens and assesses on the inquiry (the chart's
//    screening form and assessment dialog), with no client record; the
//    safety alert shows on the inquiry; conversion carries it all to the chart.
//  - Defect 10: a screening entered in error is voided with a reason, kept
//    struck through with the reason, who and when, and its alert is closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;
let api;

before(async () => {
  srv = await startServer({ env: { IOP_PUBLIC_RATE_PER_HOUR: '1000' } });
  b = await launch();
  api = new Api(srv.url);
  assert.equal((await api.login('admissions')).status, 200);
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

async function publicInquiry(body) {
  const res = await fetch(srv.url + '/api/v1/public/inquiries', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(res.status, 202, await res.text());
}
const card = (page, name) => page.locator('.board-col .inq-card', { has: page.getByRole('link', { name, exact: true }) });
const item = (page, n) => page.locator('fieldset.item').filter({ has: page.locator('legend .item-num', { hasText: new RegExp(`^${n}\\.$`) }) });

test('an insurance-form inquiry: voicemail, texts and urgency are "not asked", until the counsellor records the answers', async () => {
  const { page } = b;
  await publicInquiry({ kind: 'insurance', name: 'Sloane Verity', phone: '555-010-2468', payer: 'Harbor Health', member_id: 'HH-24680' });
  await signIn(page, srv.url, 'admissions');
  await h1(page, 'Admissions');
  const c = card(page, 'Sloane Verity');
  await c.waitFor();
  const words = await c.textContent();
  assert.doesNotMatch(words, /Exploring options/, 'the board does not claim a choice');
  assert.doesNotMatch(words, /No voicemail|No texts/, 'the board does not claim a refusal');
  assert.match(words, /How soon: not asked yet/);
  assert.match(words, /Voicemail: not asked yet · Texts: not asked yet/);
  await shot(page, 'board-not-asked');

  await c.getByRole('link', { name: 'Sloane Verity' }).click();
  await h1(page, 'Sloane Verity');
  const main = page.locator('main');
  const text = await main.textContent();
  assert.doesNotMatch(text, /They asked us not to|Do not leave a voicemail|Do not send texts|Exploring options/);
  assert.match(text, /Not asked yet — ask before leaving a voicemail/);
  assert.match(text, /Not asked yet — ask before sending a text/);
  // The call log: voicemail and text wait for an answer, and say why.
  const method = page.locator('#inquiry-log').getByLabel('How');
  assert.equal(await method.locator('option[value=voicemail]').textContent(), 'Voicemail — not asked yet: ask them first');
  assert.equal(await method.locator('option[value=voicemail]').isDisabled(), true);
  assert.match(await page.locator('.prefs-note').textContent(), /Voicemail: not asked yet — ask before leaving a voicemail/);
  await assertNoAxeViolations(page, 'inquiry-not-asked');
  await shotsBothWidths(page, 'inquiry-not-asked');

  // Asked on the call: voicemail yes, texts no, this week.
  await page.getByRole('button', { name: 'Record what they said' }).click();
  const dlg = page.getByRole('dialog', { name: 'Record what they said' });
  await dlg.getByRole('radiogroup', { name: 'Is it OK to leave them a voicemail?' }).getByLabel('Yes', { exact: true }).check();
  await dlg.getByRole('radiogroup', { name: 'Is it OK to send them a text message?' }).getByLabel('No', { exact: true }).check();
  await dlg.getByRole('radiogroup', { name: 'How soon do they need help?' }).getByLabel('This week').check();
  await shot(page, 'inquiry-record-answers');
  await dlg.getByRole('button', { name: 'Save' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('main', { hasText: 'OK to leave a voicemail' }).waitFor();
  const after = await main.textContent();
  assert.match(after, /Do not send texts/);
  assert.match(after, /Wants a call this week/);
  assert.equal(await page.locator('#inquiry-log').getByLabel('How').locator('option[value=voicemail]').isDisabled(), false);
  assert.deepEqual(b.errors, []);
});

test('screen and assess on the inquiry with no client record; the alert shows; conversion carries it all to the chart', async () => {
  const { page } = b;
  const q = (await api.post('/api/v1/inquiries', { kind: 'phone', name: 'Rowan Achterberg', phone: '555-010-1357', ok_voicemail: true, ok_text: true, urgency: 'today' })).json;
  const clientsBefore = (await api.get('/api/v1/clients?include_inactive=true&limit=1')).json.total;
  await page.goto(srv.url + `/app/#/admissions/${q.id}`);
  await h1(page, 'Rowan Achterberg');
  const pre = page.locator('#pre-admission');
  await pre.getByText('No screenings yet.').waitFor();
  assert.match(await pre.locator('#pre-note').textContent(), /no client record or MRN is made/);

  // The chart's screening form, for the inquiry.
  await pre.getByRole('link', { name: 'Record a screening' }).click();
  await h1(page, 'Record a screening');
  assert.match(page.url(), new RegExp(`#/admissions/${q.id}/screening/new\\?code=phq9$`));
  assert.match(await page.locator('.page-sub').textContent(), /inquiry — no client record yet/);
  for (let n = 1; n <= 8; n++) await item(page, n).getByLabel('Several days').check();
  await item(page, 9).getByLabel('Several days').check();
  await page.locator('#score-result', { hasText: 'PHQ-9 total 9' }).waitFor();
  await page.getByRole('button', { name: 'Save screening' }).click();
  await h1(page, 'Screening saved');
  assert.match(await page.locator('#alert-task').textContent(), /A safety task went to/);
  await shot(page, 'inquiry-screening-saved');
  await page.getByRole('link', { name: 'Back to the inquiry', exact: true }).click();
  await h1(page, 'Rowan Achterberg');

  // On the inquiry: the screening and its open alert.
  const alert = page.locator('#inquiry-alert');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await alert.textContent(), /Suicide risk: PHQ-9 item 9/);
  const row = pre.locator('#screenings tbody tr').first();
  assert.match(await row.textContent(), /PHQ-9/);
  assert.match(await row.textContent(), /Safety flag/);
  // Nobody has the task yet (nobody on duty, the site's director has it
  // until a clinician claims it): the inquiry says who, not "a clinician".
  assert.doesNotMatch(await alert.textContent(), /A clinician has the task/);

  // The board's card shows the open alert before anything else.
  await page.goto(srv.url + '/app/#/admissions');
  await h1(page, 'Admissions');
  const onBoard = page.locator('.inq-card', { has: page.getByRole('link', { name: 'Rowan Achterberg', exact: true }) });
  await onBoard.waitFor();
  assert.equal(await onBoard.locator('.inq-alert').textContent(), '!Open safety alert');
  await shot(page, 'board-open-alert');
  await page.goto(srv.url + `/app/#/admissions/${q.id}`);
  await page.locator('#inquiry-alert').waitFor();

  // The level-of-care assessment, in the chart's dialog.
  await pre.getByRole('button', { name: 'Assess level of care' }).click();
  const dlg = page.getByRole('dialog', { name: 'Assess level of care' });
  await dlg.waitFor();
  assert.match(await dlg.textContent(), /For Rowan Achterberg \(inquiry, no client record yet\)/);
  for (const d of ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'])
    await dlg.getByRole('radiogroup', { name: new RegExp(`^${d}:`) }).locator('input[type=radio]').nth(1).check();
  await dlg.locator('#rec-level').waitFor();
  await dlg.getByRole('button', { name: 'Save assessment' }).click();
  await dlg.waitFor({ state: 'detached' });
  await pre.locator('#placements tbody tr').first().waitFor();
  assert.equal((await api.get('/api/v1/clients?include_inactive=true&limit=1')).json.total, clientsBefore, 'no client record yet');
  await assertNoAxeViolations(page, 'inquiry-pre-admission');
  await shotsBothWidths(page, 'inquiry-pre-admission');

  // Conversion: the chart has the screening, the alert and the assessment.
  await page.getByRole('button', { name: 'Convert to client…' }).click();
  const conv = page.getByRole('dialog');
  await conv.getByLabel('Date of birth').fill('1989-03-14');
  await conv.getByLabel('Sex').selectOption('unknown');
  await conv.getByRole('button', { name: 'Create client' }).click();
  await conv.waitFor({ state: 'detached' });
  await page.locator('#open-chart').click();
  await h1(page, 'Achterberg, Rowan');
  await page.locator('.alert-banner', { hasText: 'PHQ-9 item 9' }).waitFor();
  assert.match(await page.locator('#screenings tbody tr').first().textContent(), /PHQ-9/);
  await page.locator('#placements tbody tr').first().waitFor();
  await shot(page, 'chart-after-conversion');
  assert.deepEqual(b.errors, []);
});

test('a screening entered in error is voided with a reason: struck through, with who and when; its alert closes', async () => {
  const { page } = b;
  const clin = new Api(srv.url);
  await clin.login('clinician');
  const c = (await clin.post('/api/v1/clients', { first_name: 'Emery', last_name: 'Valdane', dob: '1979-11-02', sex: 'male' })).json;
  const s = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
  assert.equal(s.status, 201, s.text);
  await signOut(page);
  await signIn(page, srv.url, 'clinician');
  await page.goto(srv.url + `/app/#/clients/${c.id}`);
  await h1(page, 'Valdane, Emery');
  await page.locator('.alert-banner').waitFor();
  const section = page.locator('#screenings');
  await section.getByRole('button', { name: /^Void the PHQ-9/ }).click();
  const dlg = page.getByRole('dialog', { name: /^Void the PHQ-9/ });
  await dlg.waitFor();
  assert.match(await dlg.textContent(), /open safety alerts will be closed as “screening voided”/);
  // A reason is required.
  await dlg.getByRole('button', { name: 'Void screening' }).click();
  await dlg.locator('.field.has-error').waitFor();
  await dlg.getByLabel(/Why is it void/).fill('Entered on the wrong client');
  await dlg.getByRole('button', { name: 'Void screening' }).click();
  await dlg.waitFor({ state: 'detached' });

  const row = section.locator('tbody tr.voided');
  await row.waitFor();
  assert.match(await row.textContent(), /Voided/);
  assert.match(await row.textContent(), /by Marcus Oyelaran: Entered on the wrong client/);
  assert.equal(await row.locator('s.struck').first().evaluate((el) => getComputedStyle(el).textDecorationLine), 'line-through');
  assert.equal(await section.getByRole('button', { name: /^Void the PHQ-9/ }).count(), 0, 'voided once');
  // The alert closed with it: no banner.
  await page.locator('.alert-banner').waitFor({ state: 'detached' });
  await assertNoAxeViolations(page, 'chart-screening-voided');
  await shotsBothWidths(page, 'chart-screening-voided');
  assert.deepEqual(b.errors, []);
});

test("the clinician given an inquiry's safety task sees how to reach the person, with no chart to open", async () => {
  const dir = new Api(srv.url);
  assert.equal((await dir.login('director')).status, 200);
  const clin = new Api(srv.url);
  assert.equal((await clin.login('clinician')).status, 200);
  const me = (await clin.get('/api/v1/me')).json.user;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
  const shift = await dir.post('/api/v1/sites/1/duty', { staff_id: me.id, starts_at: iso(Date.now() - 60e3), ends_at: iso(Date.now() + 3600e3) });
  assert.equal(shift.status, 201, shift.text);
  const q = await api.post('/api/v1/inquiries', { kind: 'phone', name: 'Rowan Ellisford', phone: '312-555-0177', best_time: 'after 5 pm' });
  assert.equal(q.status, 201, q.text);
  const s = await api.post(`/api/v1/inquiries/${q.json.id}/screenings`, { code: 'phq9', answers: [1, 1, 1, 0, 0, 0, 0, 0, 2], site_id: 1 });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.json.alert_task.assigned_to, me.id, s.text);

  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(srv.url + '/app/#/tasks');
  await h1(page, 'My tasks');
  const task = page.locator('li.task-item', { hasText: 'Inquiry: Rowan Ellisford' });
  await task.waitFor();
  assert.equal(norm(await task.locator('.task-reach').textContent()),
    'Reach them: call 312-555-0177 · best time: after 5 pm · not asked about voicemail: do not leave one');
  assert.equal(await task.getByRole('link').count(), 0, 'no chart and no inquiry link for a clinician');
  await shot(page, 'task-inquiry-reach');
  await signOut(page);
  assert.ok((await dir.del(`/api/v1/duty/${shift.json.id}`)).status < 300);
});
const norm = (t) => t.replace(/\s+/g, ' ').trim();

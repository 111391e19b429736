// Screening on the chart in a real browser: the clinician records a PHQ-9
// whose item 9 is above zero (an unanswered item first: its message sits
// next to it), sees the score in words before saving, and the chart then
// shows the safety alert; documenting a response clears it and its task.
// A second alert is cleared from the task list.  The C-SSRS screener's
// questions 3–5 appear only when question 2 is yes; BAM item 7 sends null
// when nothing is ticked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, shot, activeName } from './browser.mjs';
import { careTeam } from '../api/helpers.mjs';

let srv;
let b;
let api;
let client;

before(async () => {
  srv = await startServer();
  b = await launch();
  api = new Api(srv.url);
  await api.login('clinician');
  // The clinician starts with no open safety task: the demo clinic's own
  // alert is answered first, so the list and the count are this test's.
  for (const t of (await api.get('/api/v1/tasks')).json.items.filter((x) => x.alert_id)) {
    const done = await api.post(`/api/v1/alerts/${t.alert_id}/resolve`, { response: 'Seen in person before this test; safety plan reviewed.' });
    assert.equal(done.status, 200, done.text);
  }
  // So is the demo's review of an unexpected drug screen.
  for (const t of (await api.get('/api/v1/tasks')).json.items.filter((x) => x.open && !x.alert_id)) {
    const done = await api.post(`/api/v1/tasks/${t.id}/done`, { response: 'Reviewed with the client before this test.' });
    assert.equal(done.status, 200, done.text);
  }
  // The clinician on duty at Riverside (their first site) for the whole run.
  const dir = new Api(srv.url);
  await dir.login('director');
  const me = (await api.get('/api/v1/me')).json.user;
  const iso = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
  const shift = await dir.post('/api/v1/sites/1/duty', { staff_id: me.id, starts_at: iso(Date.now()), ends_at: iso(Date.now() + 86400e3) });
  assert.equal(shift.status, 201, shift.text);
  const r = await api.post('/api/v1/clients', { first_name: 'Harper', last_name: 'Quillon', dob: '1991-06-15', sex: 'female' });
  assert.equal(r.status, 201, r.text);
  await careTeam(srv.url, r.json.id);
  client = r.json;
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

const item = (page, n) => page.locator('fieldset.item').filter({ has: page.locator('legend .item-num', { hasText: new RegExp(`^${n}\\.$`) }) });

async function answerPhq9(page, item9Label) {
  for (let n = 1; n <= 8; n++) await item(page, n).getByLabel('Several days').check();
  if (item9Label) await item(page, 9).getByLabel(item9Label).check();
}

test('a PHQ-9 with item 9 above zero raises a safety alert; a documented response clears it', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Quillon, Harper');
  const section = page.locator('#screenings');
  await section.getByText('No screenings recorded.').waitFor();
  assert.equal(await page.locator('.alert-banner').count(), 0);

  await section.getByRole('link', { name: 'Record a screening' }).click();
  await h1(page, 'Record a screening');
  assert.match(page.url(), /screening\/new\?code=phq9$/);
  assert.equal(await page.getByLabel('Instrument').inputValue(), 'phq9');
  assert.equal(await item(page, 9).locator('input[type=radio]').count(), 4);
  assert.equal(await item(page, 9).getAttribute('role'), 'radiogroup');

  // Eight answered, item 9 left out: saving names item 9, next to it.
  await answerPhq9(page, null);
  assert.match(await page.locator('#score-progress').textContent(), /Answered 8 of 9/);
  await page.getByRole('button', { name: 'Save screening' }).click();
  const err9 = item(page, 9).locator('.field-error');
  await err9.waitFor();
  assert.match(await err9.textContent(), /Choose an answer/);
  assert.match(await page.locator('.error-summary').textContent(), /Question 9: choose an answer/);
  assert.equal(await item(page, 9).locator('input').first().getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.closest('fieldset.item')?.querySelector('.item-num')?.textContent), '9.');
  await shot(page, 'screening-item-error');

  // All answered: the score in words, from the server, before saving.
  await item(page, 9).getByLabel('More than half the days').check();
  await page.locator('#score-result', { hasText: 'PHQ-9 total 10: moderate' }).waitFor();
  assert.match(await page.locator('#score-now').textContent(), /Safety flag: PHQ-9 item 9/);
  assert.equal(await page.locator('#score-now').getAttribute('aria-live'), 'polite');
  await shot(page, 'screening-phq9-flag');

  await page.getByRole('button', { name: 'Save screening' }).click();
  // Who the safety task went to, and why, before the chart.
  await h1(page, 'Screening saved');
  assert.equal((await page.locator('#alert-task').textContent()).trim(),
    'A safety task went to you (Marcus Oyelaran) — the clinician on duty at Riverside Recovery Center.');
  await page.getByRole('link', { name: 'Go to Harper’s chart' }).click();
  await h1(page, 'Quillon, Harper');
  const banner = page.locator('.alert-banner');
  await banner.waitFor();
  assert.equal(await banner.getAttribute('role'), 'alert');
  const words = await banner.textContent();
  assert.match(words, /Safety alert/);
  assert.match(words, /Suicide risk: PHQ-9 item 9 \(thoughts of death or self-harm\) is above zero: assess suicide risk now/);
  assert.match(words, /stays until a response is documented/);
  // No way to dismiss it other than documenting a response.
  assert.deepEqual(await banner.getByRole('button').allTextContents(), ['Document response']);
  const row = section.locator('tbody tr').first();
  assert.match(await row.textContent(), /PHQ-9/);
  assert.match(await row.textContent(), /Total 10/);
  assert.match(await row.textContent(), /Moderate/);
  assert.match(await row.textContent(), /Safety flag/);
  assert.match(await row.textContent(), /Marcus Oyelaran/);
  // The task count on the navigation.
  const tasksLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Tasks/ });
  await page.locator('#nav-tasks-count:not([hidden])').waitFor();
  assert.equal(await tasksLink.getAttribute('href'), '#/tasks');
  assert.match(await page.locator('#nav-tasks-count-sr').textContent(), /1 open/);
  await shot(page, 'chart-safety-alert');

  // The task is on the clinician's list, with a link to the client.
  await tasksLink.click();
  await h1(page, 'My tasks');
  const task = page.locator('li.task-item').first();
  await task.waitFor();
  assert.match(await task.textContent(), /Safety alert response/);
  assert.equal(await task.locator('.task-about').textContent(), 'Quillon, Harper', 'whom the task is about, by name');
  assert.equal(await task.getByRole('link', { name: `Open Quillon, Harper’s chart (${client.mrn})` }).getAttribute('href'), `#/clients/${client.id}`);
  await shot(page, 'tasks-open');
  await task.getByRole('link', { name: new RegExp(client.mrn) }).click();
  await h1(page, 'Quillon, Harper');

  // Documenting a response: required, then the banner goes.
  await page.getByRole('button', { name: /Document response/ }).click();
  const dlg = page.getByRole('dialog', { name: 'Document the response to this safety alert' });
  await dlg.waitFor();
  await dlg.getByRole('button', { name: 'Save response' }).click();
  await dlg.locator('.field.has-error').waitFor();
  assert.equal(await activeName(page), 'response');
  await shot(page, 'alert-response-dialog');
  await dlg.getByLabel('Response').fill('Safety assessment done: passive thoughts, no plan or intent. Safety plan reviewed; follow-up Thursday.');
  await dlg.getByRole('button', { name: 'Save response' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('#alerts-clear').waitFor();
  assert.equal(await page.locator('.alert-banner').count(), 0);
  await page.locator('#nav-tasks-count[hidden]').waitFor({ state: 'attached' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Tasks/ }).click();
  await h1(page, 'My tasks');
  await page.getByText('No tasks are assigned to you.').waitFor();
  await page.getByLabel('Show completed tasks too').check();
  const doneTask = page.locator('li.task-item.is-done', { hasText: 'Quillon, Harper' });
  await doneTask.waitFor();
  assert.match(await doneTask.textContent(), /Safety assessment done/);

  const alerts = await api.get(`/api/v1/clients/${client.id}/alerts`);
  assert.equal(alerts.json.items.length, 1);
  assert.equal(alerts.json.items[0].open, false);
  assert.deepEqual(b.errors, []);
});

test('a second alert is cleared from the task list with "Done"', async () => {
  const { page } = b;
  const r = await api.post(`/api/v1/clients/${client.id}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] });
  assert.equal(r.status, 201, r.text);
  await page.goto(srv.url + '/app/#/tasks');
  await h1(page, 'My tasks');
  const task = page.locator('li.task-item:not(.is-done)');
  await task.waitFor();
  await task.getByRole('button', { name: /^Done/ }).click();
  const dlg = page.getByRole('dialog', { name: 'Mark this task done' });
  assert.match(await dlg.textContent(), /resolves the safety alert/);
  await dlg.getByLabel('What was done').fill('Called the client the same day; no current risk. Reviewed crisis line.');
  await dlg.getByRole('button', { name: 'Mark done' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('li.task-item:not(.is-done)').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#nav-tasks-count').isHidden(), true);
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Quillon, Harper');
  await page.locator('#screenings tbody tr').nth(1).waitFor();
  assert.equal(await page.locator('.alert-banner').count(), 0);
  assert.deepEqual(b.errors, []);
});

test('C-SSRS questions 3–5 only when question 2 is yes; BAM item 7 sends null when nothing is ticked', async () => {
  const { page } = b;
  await page.goto(srv.url + `/app/#/clients/${client.id}/screening/new?code=cssrs_screener`);
  await h1(page, 'Record a screening');
  const q = (n) => item(page, n);
  assert.equal(await q('3').isVisible(), false);
  await q('1').getByLabel('Yes').check();
  await q('2').getByLabel('No').check();
  await q('6a').getByLabel('No').check();
  await q('6b').getByLabel('No').check();
  await page.locator('#score-result', { hasText: 'C-SSRS screener: low risk' }).waitFor();
  await q('2').getByLabel('Yes').check();
  for (const n of ['3', '4', '5']) assert.equal(await q(n).isVisible(), true);
  assert.match(await page.locator('#score-now').textContent(), /appears when every item is answered/);
  await q('3').getByLabel('No').check();
  await q('4').getByLabel('Yes').check();
  await q('5').getByLabel('No').check();
  await page.locator('#score-result', { hasText: 'C-SSRS screener: high risk' }).waitFor();
  assert.match(await page.locator('#score-now').textContent(), /Safety flag: C-SSRS screener shows high risk/);
  await shot(page, 'screening-cssrs');

  // Switching instrument rebuilds the form and keeps the address in step.
  await page.getByLabel('Instrument').selectOption('bam');
  assert.match(page.url(), /code=bam$/);
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && /\/instruments$/.test(r.url())) posts.push(r.postDataJSON()); });
  for (let n = 1; n <= 17; n++) {
    if (n === 7) continue;
    await q(String(n)).locator('input[type=radio]').first().check();
  }
  await page.locator('#score-result').waitFor();
  await page.getByRole('button', { name: 'Save screening' }).click();
  await h1(page, 'Quillon, Harper');
  assert.equal(posts.length, 1);
  assert.equal(posts[0].code, 'bam');
  assert.equal(posts[0].answers.length, 17);
  assert.equal(posts[0].answers[6], null);
  await page.locator('#screenings tbody tr', { hasText: 'BAM' }).waitFor();
  await signOut(page);
  assert.deepEqual(b.errors, []);
});

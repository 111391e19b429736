// Drug screens and medications on the chart in a real browser: a nurse
// records a 12-panel cup for a client on buprenorphine in a few clicks (the
// panel picked for her, every substance negative by default, two ticks):
// buprenorphine positive is expected, cocaine positive is not, and the chart
// says so in words ("Unexpected: positive for cocaine, which is not
// prescribed"), marks it on the strip chart, and the client's primary
// clinician gets one review task.  A prescriber adds a medication from the
// chart, and the medication list shows it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;
let client;
let clin;

before(async () => {
  srv = await startServer();
  b = await launch();
  const adm = new Api(srv.url);
  await adm.login('admissions');
  clin = new Api(srv.url);
  await clin.login('clinician');
  const pres = new Api(srv.url);
  await pres.login('prescriber');
  const clinId = (await clin.get('/api/v1/me')).json.user.id;
  const presId = (await pres.get('/api/v1/me')).json.user.id;
  const r = await adm.post('/api/v1/clients', { first_name: 'Rowan', last_name: 'Testerly', dob: '1988-09-02', sex: 'male' });
  assert.equal(r.status, 201, r.text);
  client = r.json;
  const ep = await adm.post(`/api/v1/clients/${client.id}/episodes`, { level: '2.1', site_id: 1, primary_clinician_id: clinId, privacy_notice_given: true });
  assert.equal(ep.status, 201, ep.text);
  const start = new Date(Date.now() - 20 * 86400e3).toISOString().slice(0, 10);
  const m = await pres.post(`/api/v1/clients/${client.id}/medications`, { name: 'Buprenorphine-naloxone', mat: 'buprenorphine', dose: '8 mg/2 mg daily', prescriber_id: presId, start_date: start });
  assert.equal(m.status, 201, m.text);
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

const reviewTasks = async () => (await clin.get('/api/v1/tasks?limit=200')).json.items
  .filter((t) => t.client_id === client.id && t.kind === 'drug_screen_review');

test('a nurse records a cup with one unexpected positive: flagged in words, on the strip, one task for the clinician', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'nurse');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Testerly, Rowan');
  const meds = page.locator('#medications');
  await meds.getByText('Buprenorphine-naloxone').waitFor();
  await meds.getByText('MAT', { exact: true }).waitFor();
  const section = page.locator('#drug-screens');
  await section.getByText('No drug screens recorded.').waitFor();

  // Few clicks: open, tick two positives, save.
  await section.getByRole('button', { name: 'Record a cup' }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.getByRole('heading', { name: /Point-of-care cup/ }).waitFor();
  assert.equal(await dlg.getByLabel('Panel').inputValue(), 'cup12');
  assert.equal(await dlg.getByLabel('Collection was observed').isChecked(), true);
  await dlg.getByLabel('Buprenorphine (BUP)').first().check();
  await dlg.getByLabel('Cocaine (COC)').first().check();
  await shotsBothWidths(page, 'drug-screen-cup');
  await dlg.getByRole('button', { name: 'Save drug screen' }).click();
  await dlg.waitFor({ state: 'detached' });

  const row = section.locator('tbody tr').first();
  await row.getByText('Unexpected', { exact: true }).waitFor();
  await row.getByText('positive for cocaine, which is not prescribed').waitFor();
  assert.match(await row.locator('strong.positive').textContent(), /Buprenorphine, Cocaine/);
  assert.match(await row.textContent(), /Buprenorphine/);
  await section.getByText(/1 screen of 1 had a result that the prescriptions do not explain/).waitFor();
  const strip = section.locator('svg.screen-strip');
  assert.match(await strip.getAttribute('aria-label'), /1 with an unexpected result/);
  assert.equal(await strip.locator('rect.strip-unexpected').count(), 1);
  await assertNoAxeViolations(page, 'chart with drug screens');
  await shotsBothWidths(page, 'drug-screens-chart');

  const tasks = await reviewTasks();
  assert.equal(tasks.length, 1, JSON.stringify(tasks));

  // A correction (cocaine was a misread strip) clears the flag, keeps the
  // earlier results and raises no second task.
  await row.getByRole('button', { name: /Correct the results/ }).click();
  const fix = page.locator('dialog[open]');
  await fix.getByLabel('Cocaine (COC)').first().uncheck();
  await fix.getByRole('button', { name: 'Save results' }).click();
  await fix.waitFor({ state: 'detached' });
  await section.locator('tbody tr').first().getByText('Corrected 1 time; the earlier results are kept.').waitFor();
  assert.equal(await section.locator('tbody tr').first().getByText('Unexpected', { exact: true }).count(), 0);
  assert.equal((await reviewTasks()).length, 1);
  // The earlier results stay readable.
  await section.locator('tbody tr').first().getByRole('button', { name: /Earlier results/ }).click();
  const hist = page.locator('dialog[open]');
  await hist.getByText('Positive: Buprenorphine, Cocaine.').waitFor();
  await hist.getByText('Now: positive for Buprenorphine.').waitFor();
  await shotsBothWidths(page, 'drug-screen-history');
  await hist.getByRole('button', { name: 'Close' }).first().click();
  await hist.waitFor({ state: 'detached' });
  await signOut(page);
});

test('a prescriber adds an outside prescription with its expected substance from the chart', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'prescriber');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Testerly, Rowan');
  const meds = page.locator('#medications');
  await meds.getByRole('button', { name: 'Add medication' }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.locator('input[name=name]').fill('Clonazepam');
  await dlg.getByLabel('Dose').fill('0.5 mg at night');
  await dlg.locator('select[name=prescriber]').selectOption('outside');
  await dlg.getByLabel('Outside prescriber’s name').fill('Dr. Example Outside');
  await dlg.getByLabel('Shows on a drug screen as').selectOption('benzodiazepines');
  await shotsBothWidths(page, 'medication-add');
  await dlg.getByRole('button', { name: 'Add medication' }).click();
  await dlg.waitFor({ state: 'detached' });
  const row = meds.locator('tbody tr', { hasText: 'Clonazepam' });
  await row.getByText('Dr. Example Outside (outside)').waitFor();
  await row.getByText('Benzodiazepines (BZO)').waitFor();
  await shotsBothWidths(page, 'medications-chart');
  await signOut(page);
});

test('a changed medication shows its earlier versions under "History": dose, dates, who changed it when', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'prescriber');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Testerly, Rowan');
  const meds = page.locator('#medications');
  const row = meds.locator('tbody tr', { hasText: 'Buprenorphine-naloxone' });
  assert.equal(await row.locator('details.med-history').count(), 0, 'never changed: no history yet');
  await row.getByRole('button', { name: 'Change Buprenorphine-naloxone' }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Dose').fill('12 mg/3 mg daily');
  await dlg.getByRole('button', { name: 'Save changes' }).click();
  await dlg.waitFor({ state: 'detached' });
  await row.getByText('12 mg/3 mg daily').waitFor();
  const hist = row.locator('details.med-history');
  await hist.getByText('History: 1 earlier version').click();
  const item = hist.locator('.med-history-list li');
  await item.first().waitFor();
  assert.equal(await item.count(), 1);
  const text = await item.first().textContent();
  assert.match(text, /8 mg\/2 mg daily/);
  assert.match(text, / – ongoing/);
  assert.match(text, /Written .+ by .+; changed .+ by .+\./);
  await assertNoAxeViolations(page, 'a medication\'s history');
  await shotsBothWidths(page, 'medication-history');
  assert.deepEqual(b.errors, []);
  await signOut(page);
});

test('a screen recorded for the wrong client is marked entered in error: struck through with the reason, out of the strip chart, its review task closed', async () => {
  const { page } = b;
  const nurse = new Api(srv.url);
  await nurse.login('nurse');
  const cup = Object.fromEntries(['amphetamines', 'barbiturates', 'benzodiazepines', 'buprenorphine', 'cocaine', 'mdma', 'methadone',
    'methamphetamine', 'opiates', 'oxycodone', 'pcp', 'thc'].map((x) => [x, ['buprenorphine', 'pcp'].includes(x) ? 'positive' : 'negative']));
  const r = await nurse.post(`/api/v1/clients/${client.id}/drug-screens`, {
    collected_at: new Date(Date.now() - 600e3).toISOString().slice(0, 16) + 'Z', method: 'point_of_care', observed: true, panel: 'cup12', results: cup,
  });
  assert.equal(r.status, 201, r.text);
  assert.equal((await reviewTasks()).filter((t) => t.id === r.json.task_id && !t.done_at).length, 1);

  await signIn(page, srv.url, 'clinician');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Testerly, Rowan');
  const section = page.locator('#drug-screens');
  const strip = section.locator('svg.screen-strip');
  await strip.waitFor();
  assert.match(await strip.getAttribute('aria-label'), /2 screens with results, 1 with an unexpected result/);
  const row = section.locator('tbody tr.flagged');	// the first test's screen was corrected: not flagged
  await row.getByText('positive for pcp, which is not prescribed').waitFor();
  assert.equal(await row.count(), 1);
  await row.getByRole('button', { name: /^Mark the screen of .* entered in error$/ }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.getByRole('button', { name: 'Mark entered in error' }).click();
  await dlg.locator('.field-error', { hasText: 'Say what was wrong with the screen' }).waitFor();
  await dlg.getByLabel('What was wrong?').fill('The cup was labelled for another client.');
  await shotsBothWidths(page, 'drug-screen-error');
  await dlg.getByRole('button', { name: 'Mark entered in error' }).click();
  await dlg.waitFor({ state: 'detached' });

  const voided = section.locator('tbody tr.voided');
  await voided.getByText('Entered in error', { exact: true }).waitFor();
  await voided.getByText(/The cup was labelled for another client\./).waitFor();
  assert.match(await voided.locator('s.struck').textContent(), /Positive: Buprenorphine, Phencyclidine/);
  assert.equal(await voided.getByRole('button').count(), 0, 'no more results for it');
  assert.match(await strip.getAttribute('aria-label'), /1 screen with results, 0 with an unexpected result/);
  assert.equal(await section.locator('.drug-screen-summary').count(), 0);
  await assertNoAxeViolations(page, 'a drug screen entered in error');
  await shotsBothWidths(page, 'drug-screens-error-chart');
  const t = (await clin.get('/api/v1/tasks?limit=200')).json.items.find((x) => x.id === r.json.task_id);
  assert.ok(!t || t.done_at, 'the review task is closed');
  assert.deepEqual(b.errors, []);
  await signOut(page);
});

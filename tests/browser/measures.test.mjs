// Repeated measures in a real browser: the clinician's Tasks screen shows
// "Measures due" for their client (GAD-7, never given in this episode);
// "Record GAD-7" opens the screening form with the GAD-7 chosen, and once
// saved it leaves the list.  The chart draws the PHQ-9 history as a small
// line chart over named bands with the values on the points and a table
// equivalent; the worsening from 4 to 11 is one "Score worsened" task, and
// one recorded from the chart says in its toast that a task went out.  A
// director sets the schedule on the Program screen: a bad value is named
// next to its field, a good one is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';
import { careTeam } from '../api/helpers.mjs';

let srv;
let b;
let client;
let clin;

const phq9 = (total) => { const a = Array(9).fill(0); for (let i = 0; total > 0; i = (i + 1) % 8) { a[i]++; total--; } return a; };

before(async () => {
  srv = await startServer();
  b = await launch();
  const adm = new Api(srv.url);
  await adm.login('admissions');
  clin = new Api(srv.url);
  await clin.login('clinician');
  const clinId = (await clin.get('/api/v1/me')).json.user.id;
  const r = await adm.post('/api/v1/clients', { first_name: 'Quinn', last_name: 'Marlowe', dob: '1990-03-12', sex: 'female' });
  assert.equal(r.status, 201, r.text);
  await careTeam(srv.url, r.json.id);
  client = r.json;
  const ep = await adm.post(`/api/v1/clients/${client.id}/episodes`, { level: '2.1', site_id: 1, primary_clinician_id: clinId, privacy_notice_given: true });
  assert.equal(ep.status, 201, ep.text);
  for (const t of [4, 11]) {
    const s = await clin.post(`/api/v1/clients/${client.id}/instruments`, { code: 'phq9', answers: phq9(t), site_id: 1 });
    assert.equal(s.status, 201, s.text);
  }
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

test('the due card lists the client’s GAD-7; recording it from the card takes it off', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(srv.url + '/app/#/tasks');
  await h1(page, 'My tasks');
  const card = page.locator('#measures-due');
  await card.getByRole('heading', { name: 'Measures due' }).waitFor();
  const row = card.locator(`#measure-due-${client.id}-gad7`);
  await row.waitFor();
  assert.match(await row.textContent(), /Marlowe/);
  assert.match(await row.textContent(), /GAD-7/);
  assert.match(await row.textContent(), /Due since/);
  assert.equal(await card.locator(`#measure-due-${client.id}-phq9`).count(), 0);	/* given today */
  // The worsening is one task, in words.
  const task = page.locator('.task-item', { hasText: 'PHQ-9 total rose 7 points' });
  await task.waitFor();
  assert.match(await task.textContent(), /Score worsened/);
  assert.equal(await page.locator('.task-item', { hasText: 'Marlowe' }).filter({ hasText: 'PHQ-9 total rose' }).count(), 1);
  await assertNoAxeViolations(page, 'tasks with measures due');
  await shotsBothWidths(page, 'measures-due-card');

  await row.getByRole('link', { name: /Record GAD-7 for/ }).click();
  await h1(page, 'Record a screening');
  assert.match(page.url(), /screening\/new\?code=gad7$/);
  assert.equal(await page.getByLabel('Instrument').inputValue(), 'gad7');
  const items = page.locator('fieldset.item');
  assert.equal(await items.count(), 7);
  for (let i = 0; i < 7; i++) await items.nth(i).getByLabel('Several days').check();
  await page.locator('#score-result', { hasText: 'GAD-7 total 7' }).waitFor();
  await page.getByRole('button', { name: 'Save screening' }).click();
  await h1(page, 'Marlowe, Quinn');

  await page.goto(srv.url + '/app/#/tasks');
  await h1(page, 'My tasks');
  await page.locator('.task-item').first().waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.locator(`#measure-due-${client.id}-gad7`).count(), 0);
});

test('the chart draws the PHQ-9 history over named bands, with a table equivalent', async () => {
  const { page } = b;
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Marlowe, Quinn');
  const section = page.locator('#measures');
  await section.getByRole('heading', { name: 'Repeated measures' }).waitFor();
  const phq = section.locator('#measure-phq9');
  assert.match(await phq.locator('.measure-last').textContent(), /Last: 11 moderate/);
  assert.match(await phq.locator('.measure-due').textContent(), /Next due/);
  const svg = phq.locator('svg.measure-chart');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await svg.getAttribute('aria-label'), /from 4 \(minimal\) .* to 11 \(moderate\)/);
  assert.equal(await svg.locator('circle.measure-point').count(), 2);
  assert.deepEqual(await svg.locator('text.measure-value').allTextContents(), ['4', '11']);
  assert.equal(await svg.locator('rect.measure-band').count(), 5);
  assert.deepEqual(await svg.locator('text.measure-band-label').allTextContents(), ['minimal', 'mild', 'moderate', 'moderately severe', 'severe']);
  assert.deepEqual(await svg.locator('text.measure-axis').allTextContents().then((t) => t.slice(0, 6)), ['0', '5', '10', '15', '20', '27']);
  // The GAD-7 just recorded: one point; BAM never given: due, with a link.
  assert.equal(await section.locator('#measure-gad7 circle.measure-point').count(), 1);
  const bam = section.locator('#measure-bam');
  assert.match(await bam.textContent(), /Not given yet/);
  assert.match(await bam.textContent(), /Due since/);
  assert.equal(await bam.getByRole('link', { name: 'Record the BAM' }).getAttribute('href'), `#/clients/${client.id}/screening/new?code=bam`);
  // The table: newest first, the worsening said in words.
  await phq.locator('summary', { hasText: 'PHQ-9 scores as a table' }).click();
  const rows = phq.locator('tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.first().textContent(), /11.*moderate.*Up 7: worse/);
  assert.match(await rows.last().textContent(), /4.*minimal.*First/);
  await assertNoAxeViolations(page, 'chart with repeated measures');
  await section.scrollIntoViewIfNeeded();
  await shotsBothWidths(page, 'measures-chart');

  // Recorded from the panel: 11 to 16 is worse by 5, and the toast says a
  // review task went to the clinician.
  await phq.getByRole('link', { name: 'Record the PHQ-9' }).click();
  await h1(page, 'Record a screening');
  assert.equal(await page.getByLabel('Instrument').inputValue(), 'phq9');
  const items = page.locator('fieldset.item');
  for (let i = 0; i < 8; i++) await items.nth(i).getByLabel('More than half the days').check();
  await items.nth(8).getByLabel('Not at all').check();
  await page.getByRole('button', { name: 'Save screening' }).click();
  await page.getByText(/5 points worse than last time \(11\): a review task went to the client’s clinician/).waitFor();
  await h1(page, 'Marlowe, Quinn');
  assert.equal(await page.locator('#measure-phq9 circle.measure-point').count(), 3);
  await signOut(page);
});

test('a director sets the schedule on the Program screen; a bad value is named by its field', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.goto(srv.url + '/app/#/admin/program');
  await h1(page, 'Program settings');
  const form = page.locator('#measure-schedule-form');
  const every = form.getByLabel('Give the PHQ-9 again every … days');
  assert.equal(await every.inputValue(), '14');
  await every.fill('400');
  await form.getByRole('button', { name: 'Save the schedule' }).click();
  const err = form.locator('fieldset', { hasText: 'PHQ-9' }).locator('.field-error:not([hidden])');
  await err.waitFor();
  assert.match(await err.textContent(), /from 0 \(not repeated\) to 365/);
  assert.match(await form.locator('.error-summary').textContent(), /Give the PHQ-9 again every … days: enter a number of days/);
  await shot(page, 'measure-schedule-error');
  await every.fill('7');
  await form.getByRole('button', { name: 'Save the schedule' }).click();
  await page.getByText('Schedule of repeated measures saved.').waitFor();
  const s = await clin.get('/api/v1/measures/schedule');
  assert.equal(s.json.items.find((x) => x.code === 'phq9').every_days, 7);
  await assertNoAxeViolations(page, 'program settings');
  await signOut(page);
});

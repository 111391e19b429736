// Treatment plans in a real browser: a clinician starts a plan on an
// admitted client's chart, fills a problem, a goal in the client's words,
// an objective and an intervention inline (a missing frequency is shown
// next to its field), signs it, hands the screen over for the client to
// sign (only the plan and the signature are shown), and revises it into
// version 2, with version 1 listed with its signers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn as apiSignIn, clientBody } from '../api/helpers.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

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

test('draft a plan, sign it, the client signs, revise makes version 2', async () => {
  const dir = await apiSignIn(srv.url, 'director');
  const staff = (await dir.get('/api/v1/staff?limit=200')).json.items;
  const clin = staff.find((s) => s.username === 'clinician');
  const c = await dir.post('/api/v1/clients', clientBody({ first_name: 'Marisol', last_name: 'Quennell' }));
  assert.equal(c.status, 201, c.text);
  const ep = await dir.post(`/api/v1/clients/${c.json.id}/episodes`, {
    level: '2.1', site_id: 1, primary_clinician_id: clin.id, privacy_notice_given: true,
  });
  assert.equal(ep.status, 201, ep.text);

  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(`${srv.url}/app/#/clients/${c.json.id}`);
  await h1(page, /Quennell, Marisol/);
  const card = page.locator('#plan');
  await card.getByText('No treatment plan for this episode yet.').waitFor();
  await card.getByRole('button', { name: 'Start treatment plan' }).click();

  // The draft's editor: one problem, one goal, one objective, one intervention.
  await card.getByRole('button', { name: 'Add problem' }).click();
  await card.getByLabel('Dimension').selectOption('5');
  await card.getByLabel('Problem', { exact: false }).first().fill('Drank again within a week of each earlier treatment.');
  await card.getByLabel('Goal 1, in the client’s own words', { exact: false }).fill('I want to be there for my kids without a drink.');
  await card.getByRole('button', { name: 'Add objective' }).click();
  await card.getByLabel('Objective 1 (measurable)', { exact: false }).fill('Name three triggers and a plan for each, written down.');
  await card.getByRole('button', { name: 'Add intervention' }).click();
  await card.getByLabel('Intervention 1').selectOption('relapse_prevention');
  await card.getByLabel('Responsible').selectOption(String(clin.id));
  // Signing without a frequency: the server names the field, shown next to it.
  await card.getByRole('button', { name: 'Sign as clinician' }).click();
  await card.locator('.field.has-error').filter({ hasText: 'How often' }).waitFor();
  assert.equal((await dir.get(`/api/v1/clients/${c.json.id}/plans`)).json.items[0].status, 'draft');
  await card.getByLabel('How often', { exact: false }).fill('3 groups a week');
  await shotsBothWidths(page, 'plan-draft');
  await assertNoAxeViolations(page, 'plan draft editor');
  await card.getByRole('button', { name: 'Sign as clinician' }).click();
  await card.getByText('Signed by clinician — waiting for the client').waitFor();
  await card.getByText(/Review due/).first().waitFor();
  await card.getByText('I want to be there for my kids without a drink.').waitFor();

  // The shared screen: the plan and the signature only.
  await card.getByRole('button', { name: 'Client signs…' }).click();
  const dlg = page.locator('dialog[open].plan-shared');
  await dlg.getByRole('heading', { name: 'Your treatment plan' }).waitFor();
  assert.equal(await dlg.getByText(c.json.mrn).count(), 0, 'no chart data on the shared screen');
  const box = await dlg.boundingBox();
  assert.ok(box.width >= 1270 && box.height >= 890, `the shared screen fills the window (${box.width}x${box.height})`);
  await dlg.getByLabel('Type your full name to sign', { exact: false }).fill('Marisol Quennell');
  await dlg.getByRole('button', { name: 'Sign my plan' }).click();
  await dlg.locator('.field.has-error').filter({ hasText: 'I agree' }).waitFor();
  await dlg.getByLabel('I have read this treatment plan', { exact: false }).check();
  await shot(page, 'plan-client-signs');
  await assertNoAxeViolations(page, 'plan shared screen');
  await dlg.getByRole('button', { name: 'Sign my plan' }).click();
  await dlg.getByText('Thank you. Your plan is signed.').waitFor();
  await dlg.getByRole('button', { name: 'Done (clinician)' }).click();
  await card.getByText('Signed by clinician and client').waitFor();
  await card.getByText(/by the client \(“Marisol Quennell”\)/).waitFor();

  // Revise: version 2 is a draft; version 1 is listed with its signers.
  await card.getByRole('button', { name: 'Revise (new version)' }).click();
  await card.getByText('Version 1 stays in force until version 2 is signed.').waitFor();
  await card.locator('.plan-versions summary').filter({ hasText: 'Version 1' }).waitFor();
  const objective = card.getByLabel('Objective 1 (measurable)', { exact: false });
  assert.equal(await objective.inputValue(), 'Name three triggers and a plan for each, written down.');
  await card.getByLabel('Status').selectOption('met');
  await card.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved.').waitFor();
  await shotsBothWidths(page, 'plan-revised');
  const versions = (await dir.get(`/api/v1/clients/${c.json.id}/plans`)).json.items;
  assert.deepEqual(versions.map((v) => [v.version, v.status]), [[2, 'draft'], [1, 'locked']]);
  assert.equal(versions[0].problems[0].goals[0].objectives[0].key, versions[1].problems[0].goals[0].objectives[0].key);
  assert.equal(versions[0].problems[0].goals[0].objectives[0].status, 'met');
});

test('an overdue review is on the clinician\'s tasks and on the chart', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(`${srv.url}/app/#/tasks`);
  const card = page.locator('#plan-reviews');
  await card.getByRole('heading', { name: 'Treatment plan reviews' }).waitFor();
  await card.getByText(/^1 overdue/).waitFor();
  const item = card.locator('.plan-review-item').first();
  await item.getByText(/Review overdue since/).waitFor();
  await shotsBothWidths(page, 'plan-reviews-tasks');
  await item.getByRole('link').click();
  // At the top of the chart, under the safety alerts: the overdue review.
  const banner = page.locator('#plan-review-banner');
  await banner.getByText(/^Treatment plan review overdue since /).waitFor();
  assert.ok((await banner.boundingBox()).y < (await page.locator('#demographics, section.card').first().boundingBox()).y,
    'the banner comes before the chart\'s sections');
  await banner.getByRole('button', { name: 'Go to the plan' }).click();
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'plan-title');
  const plan = page.locator('#plan');
  await plan.getByText(/Review overdue since/).first().waitFor();
  await plan.getByText('Review overdue.', { exact: false }).waitFor();
  await plan.getByRole('button', { name: 'Revise (new version)' }).waitFor();
  await shot(page, 'plan-overdue-chart');
  // A revision drafted: the banner says so until it is signed.
  await plan.getByRole('button', { name: 'Revise (new version)' }).click();
  await plan.getByText(/stays in force until version \d is signed/).waitFor();
  await banner.getByText(/Version \d is drafted: finish it with the client and sign it/).waitFor();
});

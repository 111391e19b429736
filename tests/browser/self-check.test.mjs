// The public self-check when a danger question is answered "yes": the
// result is the crisis help alone (issue 11, defect 7) — no "an IOP could
// be a good fit", no levels of care, no treatment links beside it — and it
// comes back when the answer changes to "no".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, h1, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

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

const norm = (s) => s.replace(/\s+/g, ' ').trim();

test('self-check: a "yes" to self-harm makes the result the crisis help alone', async () => {
  const { page, errors } = b;
  await page.goto(srv.url + '/self-check.html');
  await h1(page, 'Is an IOP right for me?');
  const yesNo = async (name, a) => page.getByRole('group', { name }).getByLabel(a, { exact: true }).check();
  // Answers that alone would make an IOP "a good fit"...
  await yesNo(/care around the clock/, 'No');
  await yesNo(/3 to 5 days a week/, 'Yes');
  await yesNo(/supports your recovery/, 'Yes');
  await yesNo(/responsibilities/, 'Yes');
  // ...and a yes to self-harm.
  await yesNo(/ending your life or harming yourself/, 'Yes');
  await page.getByRole('button', { name: 'See what this might mean' }).click();
  const result = page.locator('#result');
  await result.waitFor({ state: 'visible' });
  const shown = norm(await result.innerText());
  for (const s of ['988', '911', 'nearest emergency room']) assert.ok(shown.includes(s), `the result gives ${s}: ${shown}`);
  assert.equal(await result.locator('a[href="tel:988"]').count(), 1);
  for (const mixed of [/good fit/i, /might fit/i, /What fits an IOP/i, /Levels of care/i, /Intensive outpatient/i, /Verify your insurance/i])
    assert.doesNotMatch(shown, mixed, 'no treatment message beside the crisis help');
  assert.equal(await result.getByRole('link', { name: 'Get help', exact: true }).count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Your safety comes first' }).isVisible(), true);
  await assertNoAxeViolations(page, 'public-self-check-danger-result');
  await shotsBothWidths(page, 'public-self-check-danger-result');

  // The withdrawal question alone does the same.
  await yesNo(/ending your life or harming yourself/, 'No');
  await yesNo(/in danger right now/, 'Yes');
  const w = norm(await result.innerText());
  assert.match(w, /Seizures, hallucinations or confusion need medical care right away/);
  assert.doesNotMatch(w, /good fit|Levels of care/i);

  // "No" to both: the ordinary result comes back in place.
  await yesNo(/in danger right now/, 'No');
  const back = norm(await result.innerText());
  assert.match(back, /an intensive outpatient program \(IOP\) could be a good fit/);
  assert.match(back, /Levels of care, in plain words/);
  assert.doesNotMatch(back, /Your safety comes first/);
  assert.deepEqual(errors, []);
});

// Repeating shifts on the duty roster in a real browser (issue 11): the
// director adds "weekdays 9–5 until a date" for the clinician at Riverside,
// sees it listed under the roster and its shifts on the days of the roster,
// changes its times, and ends it; with nobody on duty the page says the
// alerts go to the director and wait as unclaimed alerts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, signIn, h1, shotsBothWidths, assertNoAxeViolations, watch } from './browser.mjs';

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

const WEEKDAY = /^(Mon|Tue|Wed|Thu|Fri)/;

test('the director adds weekdays 9–5 as a repeating shift, changes it and ends it', async () => {
  const { page } = b;
  const errors = watch(page);
  await signIn(page, srv.url, 'director');
  await page.goto(srv.url + '/app/#/duty?site=1');
  await h1(page, 'On duty');
  await page.locator('#duty-now-title', { hasText: 'Riverside Recovery Center' }).waitFor();
  assert.match(await page.locator('#duty-now').textContent(),
    /go to Dana Whitfield, the director, and wait on every clinician’s list of unclaimed alerts until one claims them/);
  const list = page.locator('#duty-series');
  await list.getByText('No repeating shifts at this site.').waitFor();

  const form = page.locator('form.duty-series-form');
  await form.getByLabel('Clinician').selectOption({ label: 'Marcus Oyelaran' });
  // Monday to Friday are ticked already; 9:00 to 17:00 too.
  assert.deepEqual(await form.locator('input[name=weekdays]:checked').evaluateAll((xs) => xs.map((x) => x.value)), ['mon', 'tue', 'wed', 'thu', 'fri']);
  assert.equal(await form.getByLabel('Starts at').inputValue(), '09:00');
  // A last day before the first: the message sits next to it.
  const first = await form.getByLabel('First day').inputValue();
  const bad = new Date(Date.parse(first + 'T12:00:00Z') - 86400e3).toISOString().slice(0, 10);
  await form.getByLabel('Last day').fill(bad);
  await form.getByRole('button', { name: 'Add repeating shift' }).click();
  await form.locator('.field.has-error', { hasText: 'Last day' }).waitFor();
  const until = new Date(Date.parse(first + 'T12:00:00Z') + 27 * 86400e3).toISOString().slice(0, 10);
  await form.getByLabel('Last day').fill(until);
  await form.getByLabel('Note').fill('Weekday cover');
  await form.getByRole('button', { name: 'Add repeating shift' }).click();

  const item = list.locator('li.series-item').first();
  await item.waitFor();
  assert.match(await item.locator('.series-who').textContent(), /^Marcus Oyelaran — Mon–Fri, 9:00 AM – 5:00 PM$/);
  assert.match(await item.textContent(), /shifts still to come or under way/);
  // Its shifts are on the roster: on weekdays only, marked as repeating.
  const days = page.locator('li.duty-day');
  for (let i = 0; i < 14; i++) {
    const d = days.nth(i);
    const label = (await d.locator('h3').textContent()).replace(/^(Today|Tomorrow), /, '');
    const shifts = d.locator('li.duty-shift', { hasText: 'Marcus Oyelaran' });
    if (!WEEKDAY.test(label)) assert.equal(await shifts.count(), 0, `${label}: a weekend day`);
    else if (i > 0) {
      assert.equal(await shifts.count(), 1, `${label}: a weekday`);
      assert.match(await shifts.locator('.duty-time').textContent(), /^9:00 AM – 5:00 PM$/);
      assert.match(await shifts.textContent(), /Repeating shift/);
    }
  }
  await item.scrollIntoViewIfNeeded();
  await assertNoAxeViolations(page, 'duty roster with a repeating shift');
  await shotsBothWidths(page, 'duty-repeating-shift', { axeAtNarrow: true });

  // Changed to 8–4: the form says so, the list and the roster follow.
  await item.getByRole('button', { name: /^Change Marcus Oyelaran’s repeating shift/ }).click();
  await page.getByRole('heading', { name: 'Change Marcus Oyelaran’s repeating shift' }).waitFor();
  await form.getByLabel('Starts at').fill('08:00');
  await form.getByLabel('Ends at').fill('16:00');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await list.locator('.series-who', { hasText: '8:00 AM – 4:00 PM' }).waitFor();
  assert.equal(await page.locator('li.duty-shift .duty-time', { hasText: /^9:00 AM – 5:00 PM$/ }).count(), 0, 'no 9–5 shift ahead any more');

  // Ended: off the list; no shift ahead on the roster.
  await list.getByRole('button', { name: /^End Marcus Oyelaran’s repeating shift/ }).click();
  const dlg = page.getByRole('alertdialog', { name: 'End Marcus Oyelaran’s repeating shift?' });
  await dlg.getByRole('button', { name: 'End repeating shift' }).click();
  await list.getByText('No repeating shifts at this site.').waitFor();
  assert.equal(await page.locator('li.duty-shift:not(.is-ended)', { hasText: 'Marcus Oyelaran' }).evaluateAll(
    (xs) => xs.filter((x) => !x.classList.contains('is-now')).length), 0);
  assert.deepEqual(errors, []);
});

// The rough edges of everyone's day, in a real browser: the menu on a
// 375 px phone (every entry in sight, "On duty" too, no sideways scroll),
// the admissions board's seven stages in one row at 1280 px, toasts (one at
// a time, never over the placement table's save bar, cleared when the user
// goes elsewhere, kept on the page a save opens), field messages that say
// what to do, and a follow-up due by default on the next working morning.
// Screenshots of each under test-out/screenshots/polish-*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, Api, outDir } from '../lib/server.mjs';
import { launch, signIn, h1, shot } from './browser.mjs';

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

const overlap = (a, c) => a.x < c.x + c.width && c.x < a.x + a.width && a.y < c.y + c.height && c.y < a.y + a.height;

test('on a 375 px phone the whole menu is in sight, "On duty" included, with no sideways scroll', async () => {
  const { page } = b;
  await page.setViewportSize({ width: 375, height: 740 });
  try {
    await signIn(page, srv.url, 'director');
    await h1(page, 'Clients');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const names = await nav.getByRole('link').evaluateAll((as) => as.map((a) => a.firstChild.textContent));
    assert.ok(names.includes('On duty') && names.length >= 7, names.join(', '));
    for (const name of names) {
      const box = await nav.getByRole('link', { name, exact: false }).first().boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `${name} lies within the screen: ${JSON.stringify(box)}`);
    }
    const list = page.locator('#nav-list');
    const [sw, cw] = await list.evaluate((ul) => [ul.scrollWidth, ul.clientWidth]);
    assert.ok(sw <= cw, `the menu does not scroll sideways (${sw} > ${cw})`);
    assert.ok(await nav.getByRole('link', { name: 'On duty' }).isVisible());
    await shot(page, 'polish-nav');
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('at 1280 px the board shows its seven stages side by side in one row', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'admissions');
  await h1(page, 'Admissions');
  const cols = page.locator('.board-col');
  await cols.nth(6).waitFor();
  assert.equal(await cols.count(), 7);
  const tops = await cols.evaluateAll((cs) => cs.map((c) => Math.round(c.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `one row: tops ${tops.join(', ')}`);
  // The demo clinic has an inquiry at every stage.
  for (let i = 0; i < 7; i++) assert.ok(await cols.nth(i).locator('.inq-card').count() >= 1, `a card in column ${i + 1}`);
  await shot(page, 'polish-board');
});

test('a new follow-up is due on the next working morning at the site, not 24 hours from now', async () => {
  const { page } = b;
  const api = new Api(srv.url);
  assert.equal((await api.login('admissions')).status, 200);
  const q = (await api.get('/api/v1/inquiries?status=new')).json.items[0];
  await page.goto(`${srv.url}/app/#/admissions/${q.id}`);
  await page.locator('#follow-ups input[name="due_time"]').waitFor();
  // The browser and the admissions worker's first site (Riverside) are both
  // on Chicago time.
  assert.equal(await page.locator('#follow-ups input[name="due_time"]').inputValue(), '09:00');
  const due = await page.locator('#follow-ups input[name="due_date"]').inputValue();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date());
  const day = new Date(`${due}T12:00:00Z`).getUTCDay();
  assert.ok(due > today, `${due} is after today (${today})`);
  assert.ok(day >= 1 && day <= 5, `${due} is a weekday`);
  const gap = (Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400000;
  assert.ok(gap === 1 || (gap <= 3 && day === 1), `${due} is the next weekday after ${today}`);
  await shot(page, 'polish-follow-up');
});

test('field messages say what to do: no bare "Is required", no list of codes for an empty Sex', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.goto(`${srv.url}/app/#/clients/new`);
  await h1(page, 'Add client');
  await page.getByLabel('Last name').fill('Quenby');
  await page.getByRole('button', { name: 'Add client' }).click();
  const summary = page.locator('.error-summary[role=alert]');
  await summary.waitFor();
  const text = await summary.textContent();
  assert.match(text, /First name: enter the first name/);
  assert.match(text, /Date of birth: enter the date of birth/);
  assert.match(text, /Sex: choose one/);
  assert.doesNotMatch(text, /is required|must be one of/i);
  const errors = await page.locator('.field-error:not([hidden])').allTextContents();
  assert.ok(errors.length >= 3 && !errors.some((m) => /^Is required$/i.test(m)), errors.join(' | '));
  await shot(page, 'polish-client-errors');
});

test('toasts: one at a time, above the save bar, gone when the user goes elsewhere', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Placement table' }).click();
  await h1(page, 'Placement table');
  await page.locator('select[name="min_level.d3.2"]').selectOption('2.5');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  const toast = page.locator('#toasts .toast');
  await toast.filter({ hasText: 'Placement table saved as version 1.' }).waitFor();
  const bar = await page.locator('.save-bar').boundingBox();
  const box = await toast.boundingBox();
  assert.ok(bar && box, 'the save bar and the toast are on screen');
  assert.ok(!overlap(box, bar), `the toast ${JSON.stringify(box)} is clear of the save bar ${JSON.stringify(bar)}`);
  assert.ok(box.y + box.height <= bar.y, 'the toast sits above the save bar');
  // What the user sees (a whole-page shot would move the fixed toast).
  await page.screenshot({ path: join(outDir('screenshots'), 'polish-toast-save-bar-1280.png') });

  // Three messages in a row: only the last shows.
  await page.evaluate(() => import('/app/components/toast.js').then((m) => { m.toast('First.'); m.toast('Second.'); m.toast('Third.', 'info'); }));
  assert.equal(await toast.count(), 1);
  assert.equal(await toast.textContent(), 'Third.');

  // Going elsewhere clears it at once.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clients' }).click();
  await h1(page, 'Clients');
  assert.equal(await toast.count(), 0, 'no toast follows to the next page');

  // A save that opens the record it made keeps its message there.
  await page.goto(`${srv.url}/app/#/clients/new`);
  await h1(page, 'Add client');
  await page.getByLabel('First name').fill('Odile');
  await page.getByLabel('Last name').fill('Penhallow');
  await page.getByLabel('Date of birth').fill('1981-02-03');
  await page.getByLabel('Sex', { exact: false }).first().selectOption('female');
  await page.getByRole('button', { name: 'Add client' }).click();
  await h1(page, 'Penhallow, Odile');
  assert.match(await toast.textContent(), /Client added: .*Odile/);
  await shot(page, 'polish-toast-carried');
  assert.deepEqual(b.errors, []);
});

// The placement table in a real browser: the director changes a cell and
// its remark, saves (version 1, who and when), reloads and sees it; a bad
// edit (a level less intensive than the rating below, a flag code with a
// space) shows the messages next to the cells they name and a summary at the
// top; a save after someone else's answers 409, lists the user's changes
// and loads the other version with them on top (or, when asked, without
// them, still listed to redo); "Restore the default table" asks first.  A clinician reads the table
// read-only (no navigation entry); the front desk may not open it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;
let director;

before(async () => {
  srv = await startServer();
  b = await launch();
  director = new Api(srv.url);
  assert.equal((await director.login('director')).status, 200);
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

const cell = (page, d, r) => page.locator(`select[name="min_level.${d}.${r}"]`);
const remark = (page, d, r) => page.locator(`input[name="remarks.${d}.${r}"]`);
const status = (page) => page.locator('#table-status');

test('the director edits a cell, saves, reloads and sees it', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Placement table' }).click();
  await h1(page, 'Placement table');
  assert.match(page.url(), /#\/settings\/placement$/);
  assert.match(await status(page).textContent(), /built-in default table \(version 0\)/);
  assert.match(await page.locator('.placement-about').textContent(), /starting point for clinical judgement/);
  assert.match(await page.locator('.placement-about').textContent(), /Placements already saved keep the version they used/);
  assert.equal(await page.locator('select[name^="min_level."]').count(), 30, 'six dimensions by five ratings');
  assert.equal(await page.locator('fieldset.flag-row').count(), 4);
  // Each level is offered by code and name.
  assert.ok((await cell(page, 'd3', 2).locator('option').allTextContents()).includes('2.5 — Partial hospitalisation'));
  assert.equal(await cell(page, 'd3', 2).inputValue(), '2.1');
  assert.equal(await page.getByRole('button', { name: 'Add a flag (4 is the most)' }).isDisabled(), true);
  assert.equal(await page.locator('#restore-default').count(), 0, 'nothing to restore while the default is in force');
  await assertNoAxeViolations(page, 'placement table editor');
  await shotsBothWidths(page, 'placement-table', { axeAtNarrow: true });

  await cell(page, 'd3', 2).selectOption('2.5');
  await remark(page, 'd3', 2).fill('Consider partial hospitalisation when symptoms limit daily life');
  assert.equal(await page.locator('#change-count').textContent(), '2 unsaved changes.');
  assert.equal(await page.locator('.pl-row[data-cell="d3.2"]').getAttribute('class'), 'pl-row is-changed');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await status(page).filter({ hasText: 'version 1' }).waitFor();
  assert.match(await status(page).textContent(), /In force: version 1, saved by Dana Whitfield \(director\) on /);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'table-status');
  assert.equal(await page.locator('#change-count').textContent(), 'No unsaved changes.');

  await page.reload();
  await h1(page, 'Placement table');
  await status(page).filter({ hasText: 'version 1' }).waitFor();
  assert.equal(await cell(page, 'd3', 2).inputValue(), '2.5');
  assert.equal(await remark(page, 'd3', 2).inputValue(), 'Consider partial hospitalisation when symptoms limit daily life');
  const t = (await director.get('/api/v1/placement/table')).json;
  assert.equal(t.version, 1);
  assert.equal(t.dimensions[2].ratings[2].min_level, '2.5');
  assert.deepEqual(b.errors, []);
});

test('a bad edit shows the message next to the cell, with a summary', async () => {
  const { page } = b;
  // D3 rating 3 less intensive than rating 2 (2.5); a flag code with a space.
  await cell(page, 'd3', 3).selectOption('1');
  await page.getByRole('button', { name: /^Remove flag 4/ }).click();
  assert.equal(await page.locator('fieldset.flag-row').count(), 3);
  await page.getByRole('button', { name: 'Add a flag' }).click();
  const flag = page.locator('#flag-3');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'flags.3.label', 'the new flag’s first field has focus');
  assert.equal(await flag.getByLabel('What the clinician ticks').getAttribute('maxlength'), '100', 'the server’s limit');
  await flag.getByLabel('What the clinician ticks').fill('Needs a medical detox first');
  await flag.getByLabel('Code').fill('Needs Detox');
  await flag.getByLabel('Sets at least').selectOption('3.7');
  await flag.getByLabel('Also calls for an immediate safety response').check();
  await page.getByRole('button', { name: 'Save as a new version' }).click();

  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.match(await summary.locator('h2').textContent(), /Please correct 2 fields\./);
  const bad = page.locator('.pl-row[data-cell="d3.3"] .field.has-error');
  await bad.waitFor();
  assert.match(await bad.locator('.field-error').textContent(), /Must not be less intensive than the level for a rating of 2 \(2\.5\)/);
  assert.equal(await cell(page, 'd3', 3).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'min_level.d3.3', 'focus on the first bad cell');
  assert.match(await flag.locator('.field.has-error').textContent(), /Must be 1 to 32 of a-z, 0-9 and _/);
  assert.match(await summary.textContent(), /D3 emotional, behavioural or cognitive conditions, rating 3 \(serious\): level: must not be less intensive/);
  assert.match(await summary.textContent(), /Flag 4 code: must be 1 to 32 of a-z/);
  assert.doesNotMatch(await page.textContent('main'), /null/);
  await assertNoAxeViolations(page, 'placement table with errors');
  await shot(page, 'placement-table-errors');

  // Fixed: saved as version 2, the new flag kept.
  await cell(page, 'd3', 3).selectOption('2.5');
  await flag.getByLabel('Code').fill('needs_detox');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await status(page).filter({ hasText: 'version 2' }).waitFor();
  const t = (await director.get('/api/v1/placement/table')).json;
  assert.deepEqual(t.flags.map((f) => f.code), ['withdrawal_medical', 'supervision_24h', 'acute_risk', 'needs_detox']);
  assert.deepEqual(t.flags[3], { code: 'needs_detox', label: 'Needs a medical detox first', min_level: '3.7', safety_response: true });
  assert.deepEqual(b.errors, []);
});

test('a save after someone else\'s keeps the edits: on top of theirs, or listed to redo; restoring the default asks first', async () => {
  const { page } = b;
  // Someone else saves version 3 behind the page's back, with their own
  // remark where this page is about to type one.
  const t = (await director.get('/api/v1/placement/table')).json;
  const min = Object.fromEntries(t.dimensions.map((d) => [d.code, d.ratings.map((r) => r.min_level)]));
  const remarks = Object.fromEntries(t.dimensions.map((d) => [d.code, d.ratings.map((r) => r.remark || '')]));
  remarks.d1[4] = 'Inpatient unit first';
  const other = await director.put('/api/v1/placement/table', { version: 2, edition: 'Edited elsewhere', min_level: min, remarks, flags: t.flags });
  assert.equal(other.status, 200, other.text);

  await remark(page, 'd1', 4).fill('Hospital first');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  const conflict = page.locator('#table-conflict');
  await conflict.waitFor();
  assert.match(await conflict.textContent(), /Someone else changed the placement table/);
  assert.match(await conflict.textContent(), /now version 3/);
  assert.match(await conflict.textContent(), /Your changes here are not saved\. You made 1 change; they stay on the screen until you choose:/);
  assert.deepEqual(await conflict.locator('li').allTextContents(),
    ['D1 intoxication and withdrawal, rating 4 (severe): remark: “Hospital first”']);
  assert.equal(await remark(page, 'd1', 4).inputValue(), 'Hospital first', 'still on the screen');
  await assertNoAxeViolations(page, 'placement table conflict');
  await shot(page, 'placement-table-conflict');

  // Their version, with this page's change on top: marked, not saved yet.
  await conflict.getByRole('button', { name: 'Load their version with my changes on top' }).click();
  await status(page).filter({ hasText: 'version 3' }).waitFor();
  const carried = page.locator('#table-carried');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'table-carried');
  assert.match(await carried.locator('h2').textContent(), /^Their version 3 is loaded, with your changes on top$/);
  assert.match(await carried.textContent(), /You both changed:.*remark: “Inpatient unit first” in theirs; yours is kept/);
  assert.equal(await page.getByLabel('Edition name').inputValue(), 'Edited elsewhere');
  assert.equal(await remark(page, 'd1', 4).inputValue(), 'Hospital first');
  assert.equal(await page.locator('#change-count').textContent(), '1 unsaved change.');
  assert.match(await page.locator('.pl-row[data-cell="d1.4"]').getAttribute('class'), /is-changed/);
  await assertNoAxeViolations(page, 'placement table, changes carried over');
  await shot(page, 'placement-table-carried');

  // Again someone else first; this time their version without the change,
  // which stays listed to redo by hand.
  const t3 = (await director.get('/api/v1/placement/table')).json;
  assert.equal((await director.put('/api/v1/placement/table', { version: 3, edition: 'Edited again', min_level: min, remarks, flags: t3.flags })).status, 200);
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await conflict.waitFor();
  await conflict.getByRole('button', { name: 'Load their version (your changes will be lost)' }).click();
  await status(page).filter({ hasText: 'version 4' }).waitFor();
  assert.equal(await page.getByLabel('Edition name').inputValue(), 'Edited again');
  assert.equal(await remark(page, 'd1', 4).inputValue(), 'Inpatient unit first');
  assert.equal(await page.locator('#change-count').textContent(), 'No unsaved changes.');
  assert.match(await carried.textContent(), /Your changes were not saved\. Here they are, to redo any you still want:/);
  assert.match(await carried.textContent(), /remark: “Hospital first”/);
  await carried.getByRole('button', { name: 'Done with this list' }).click();
  await carried.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'table-status');

  // Restore: cancelled first, then confirmed.
  await page.getByRole('button', { name: 'Restore the default table…' }).click();
  let dlg = page.getByRole('alertdialog');
  assert.match(await dlg.textContent(), /as version 5/);
  assert.match(await dlg.textContent(), /placements already saved keep the version they used/);
  await shot(page, 'placement-table-restore');
  await dlg.getByRole('button', { name: 'Cancel' }).click();
  await dlg.waitFor({ state: 'detached' });
  assert.equal((await director.get('/api/v1/placement/table')).json.version, 4);
  await page.getByRole('button', { name: 'Restore the default table…' }).click();
  dlg = page.getByRole('alertdialog');
  await dlg.getByRole('button', { name: 'Restore the default' }).click();
  await status(page).filter({ hasText: 'version 5' }).waitFor();
  assert.equal(await cell(page, 'd3', 2).inputValue(), '2.1');
  assert.equal(await page.locator('fieldset.flag-row').count(), 4);
  assert.match(await page.getByLabel('Edition name').inputValue(), /^openiop default/);
  assert.deepEqual(b.errors, []);
});

test('a clinician reads the table; the front desk may not open it', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Placement table' }).count(), 0);
  await page.goto(srv.url + '/app/#/settings/placement');
  await h1(page, 'Placement table');
  await status(page).filter({ hasText: 'version 5' }).waitFor();
  assert.match(await page.textContent('main'), /Only a program director can change it/);
  assert.equal(await page.locator('main select, main input, main textarea').count(), 0, 'nothing to edit');
  assert.equal(await page.getByRole('button', { name: /Save|Restore|Add a flag/ }).count(), 0);
  const d1 = page.locator('section.placement-dim', { has: page.getByRole('heading', { name: /^D1:/ }) });
  assert.match(await d1.textContent(), /2 moderate2\.1 — Intensive outpatient care/);
  assert.match(await d1.textContent(), /with withdrawal managed as an outpatient with monitoring/);
  assert.match(await page.locator('.placement-flags-ro').textContent(), /Acute risk of harm to self or others — at least 4 — Medically managed inpatient care/);
  assert.match(await page.locator('.placement-flags-ro').textContent(), /Immediate safety response/);
  await assertNoAxeViolations(page, 'placement table read-only');
  await shotsBothWidths(page, 'placement-table-readonly', { axeAtNarrow: true });

  await signIn(page, srv.url, 'front_desk');
  await page.goto(srv.url + '/app/#/settings/placement');
  await h1(page, 'Not available');
  assert.deepEqual(b.errors, []);
});

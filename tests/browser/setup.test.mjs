// Setting a fresh install up in a real browser (`iop init`, no demo): the
// administrator's home shows the set-up checklist, each missing line links
// to the screen that fixes it; a site, a room, a track and the program's
// name are added through the screens; the checklist folds into "Set-up
// complete"; the public page names the program and lists the track.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, signOut, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;

before(async () => {
  srv = await startServer({ demo: false });
  b = await launch();
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

const steps = (page) => page.locator('#setup-checklist .setup-step');
const nav = (page) => page.getByRole('navigation', { name: 'Main' });

async function stepStates(page) {
  return page.locator('#setup-checklist .setup-step').evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.dataset.step, e.classList.contains('is-done')])));
}

test('an administrator sets a fresh install up from the checklist', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'admin');
  await h1(page, 'Staff');
  assert.deepEqual(await nav(page).locator('a').allTextContents(),
    ['Staff', 'Sites', 'Rooms', 'Tracks', 'Program', 'On duty', 'Audit log']);

  // Everything is missing, in words, each with the way to fix it.
  const card = page.locator('#setup-checklist');
  await card.getByRole('heading', { level: 2, name: 'Setting up the program' }).waitFor();
  assert.equal(await card.locator('#setup-left').textContent(), '7 of 7 still to do before the program is ready for clients.');
  assert.equal(await steps(page).count(), 7);
  assert.deepEqual(await stepStates(page), {
    program: false, site: false, room: false, track: false, clinician: false, admissions: false, director: false,
  });
  assert.deepEqual(await card.locator('.btn').allTextContents(), ['Enter the program details', 'Add a site', 'Add a room',
    'Add a track', 'Add a clinician', 'Add admissions staff', 'Add a director']);
  await shotsBothWidths(page, 'setup-checklist', { axeAtNarrow: true });
  await assertNoAxeViolations(page, 'set-up checklist');

  // A site, from the checklist's link.
  await card.getByRole('link', { name: 'Add a site' }).click();
  await h1(page, 'Sites');
  await page.getByRole('button', { name: 'Add site' }).click();
  let dlg = page.getByRole('dialog');
  await dlg.getByLabel('Name').fill('Riverbend');
  await dlg.getByLabel('Time zone').fill('America/Chicago');
  await dlg.getByLabel('Address').fill('12 Mill Road, Riverbend');
  await dlg.getByLabel('Phone').fill('(555) 010-2200');
  await dlg.getByRole('button', { name: 'Add site' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('tbody tr', { hasText: 'Riverbend' }).waitFor();

  // A room.
  await nav(page).getByRole('link', { name: 'Rooms' }).click();
  await h1(page, 'Rooms');
  await page.getByRole('button', { name: 'Add room' }).click();
  dlg = page.getByRole('dialog');
  await dlg.getByLabel('Name').fill('Group room A');
  await dlg.getByLabel('Site').selectOption({ label: 'Riverbend' });
  await dlg.getByLabel('Capacity (people)').fill('12');
  await dlg.getByRole('button', { name: 'Add room' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('tbody tr', { hasText: 'Group room A' }).waitFor();

  // A track: the server's field message when it ends before it starts,
  // then the track as it should be.
  await nav(page).getByRole('link', { name: 'Tracks' }).click();
  await h1(page, 'Tracks');
  await page.getByText('No tracks yet. Add the first group time.').waitFor();
  await page.getByRole('button', { name: 'Add track' }).click();
  dlg = page.getByRole('dialog', { name: 'Add track' });
  await dlg.getByLabel('Name').fill('Evening IOP');
  assert.equal(await dlg.getByLabel('Site').inputValue() !== '', true, 'the only site is chosen');
  assert.deepEqual(await dlg.getByLabel('Level of care').locator('option').allTextContents(),
    ['2.1 — Intensive outpatient (IOP)', '2.5 — Partial hospitalisation (PHP)', '1 — Outpatient (OP)']);
  await dlg.getByRole('checkbox', { name: 'Wednesday' }).uncheck();
  await dlg.getByLabel('Starts at').fill('18:00');
  await dlg.getByLabel('Ends at').fill('17:00');
  await dlg.getByRole('button', { name: 'Add track' }).click();
  const endErr = dlg.locator('.field.has-error', { hasText: 'Ends at' }).locator('.field-error');
  await endErr.waitFor();
  assert.equal(await endErr.textContent(), 'Must be after the start time');
  await shot(page, 'setup-track-error');
  await dlg.getByLabel('Ends at').fill('21:00');
  await dlg.getByRole('button', { name: 'Add track' }).click();
  await dlg.waitFor({ state: 'detached' });
  const row = page.locator('tbody tr', { hasText: 'Evening IOP' });
  await row.waitFor();
  assert.match(await row.textContent(), /Riverbend/);
  assert.match(await row.textContent(), /2\.1 — Intensive outpatient \(IOP\)/);
  assert.match(await row.textContent(), /Mon, Tue, Thu/);
  assert.match(await row.textContent(), /6:00 pm – 9:00 pm/);
  assert.match(await row.textContent(), /9 h a week/);
  assert.equal(await row.locator('.badge-warn').count(), 0, 'nine hours meet level 2.1');
  // A track below its level's weekly minimum says so (saved all the same:
  // it may be an under-18 group, whose minimum is 6 hours).
  const api = new Api(srv.url);
  assert.equal((await api.login('admin')).status, 200);
  const siteId = (await api.get('/api/v1/sites')).json.items[0].id;
  const short = await api.post('/api/v1/tracks', { site_id: siteId, name: 'Weekend IOP', level_of_care: '2.1',
    weekdays: ['sat', 'sun'], start_time: '09:00', end_time: '12:00', active: true });
  assert.equal(short.status, 201, short.text);
  await page.reload();
  await h1(page, 'Tracks');
  const shortRow = page.locator('tbody tr', { hasText: 'Weekend IOP' });
  await shortRow.waitFor();
  assert.equal(await shortRow.locator('.badge-warn').textContent(), 'below 9 h');
  await shot(page, 'setup-tracks');
  await assertNoAxeViolations(page, 'tracks');

  // The program's name and line.
  await nav(page).getByRole('link', { name: 'Program' }).click();
  await h1(page, 'Program details');
  assert.equal(await page.getByLabel('Program name').inputValue(), 'Intensive Outpatient Program');
  await page.getByLabel('Program name').fill('');
  await page.getByRole('button', { name: 'Save program details' }).click();
  await page.locator('.field.has-error', { hasText: 'Program name' }).waitFor();
  await page.getByLabel('Program name').fill('Riverbend Recovery');
  await page.getByLabel('Line under the name').fill('Evening groups for recovery from alcohol and drug use, around your work.');
  await page.getByLabel('Email for the public').fill('admissions@riverbend.example');
  await page.getByRole('button', { name: 'Save program details' }).click();
  await page.locator('.toast', { hasText: 'Program details saved.' }).waitFor();
  assert.equal(await page.locator('#brand-link .brand-sub').textContent(), 'Riverbend Recovery');
  await shot(page, 'setup-program');
  await assertNoAxeViolations(page, 'program details');

  // The staff the checklist still asks for.
  await nav(page).getByRole('link', { name: 'Staff' }).click();
  await h1(page, 'Staff');
  await card.waitFor();
  assert.deepEqual(await stepStates(page), {
    program: true, site: true, room: true, track: true, clinician: false, admissions: false, director: false,
  });
  assert.equal(await card.locator('#setup-left').textContent(), '3 of 7 still to do before the program is ready for clients.');
  // "Add a clinician" opens the add dialog here with the role chosen.
  await card.getByRole('button', { name: 'Add a clinician' }).click();
  dlg = page.getByRole('dialog', { name: 'Add staff member' });
  assert.equal(await dlg.getByRole('checkbox', { name: 'Clinician' }).isChecked(), true);
  assert.equal(await dlg.getByRole('checkbox', { name: 'Admissions' }).isChecked(), false);
  // The one site is ticked for them: a newcomer need not think of it.
  assert.equal(await dlg.getByRole('group', { name: 'Sites' }).getByRole('checkbox').first().isChecked(), true);
  await dlg.getByLabel('Username').fill('casey.clinician');
  await dlg.getByLabel('Full name').fill('Casey Fernhill');
  await dlg.getByRole('button', { name: 'Add staff member' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('#setup-checklist .setup-step.is-done[data-step="clinician"]').waitFor();
  assert.equal(await card.locator('#setup-left').textContent(), '2 of 7 still to do before the program is ready for clients.');
  // "Add a director": the one who gets a safety alert while nobody is on duty.
  await card.getByRole('button', { name: 'Add a director' }).click();
  dlg = page.getByRole('dialog', { name: 'Add staff member' });
  assert.equal(await dlg.getByRole('checkbox', { name: 'Director' }).isChecked(), true);
  await dlg.getByLabel('Username').fill('dale.director');
  await dlg.getByLabel('Full name').fill('Dale Ormsby');
  await dlg.getByRole('button', { name: 'Add staff member' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('#setup-checklist .setup-step.is-done[data-step="director"]').waitFor();
  assert.equal(await card.locator('#setup-left').textContent(), '1 of 7 still to do before the program is ready for clients.');
  // The last one made elsewhere: the checklist reads the database.
  const admin = new Api(srv.url);
  assert.equal((await admin.login('admin')).status, 200);
  const r = await admin.post('/api/v1/staff', { username: 'avery.admissions', full_name: 'Avery Quill', email: '', roles: ['admissions'], site_ids: [], password: 'First-password-1' });
  assert.equal(r.status, 201, r.text);
  await page.reload();
  await h1(page, 'Staff');
  const done = page.locator('#setup-checklist.setup-complete');
  await done.waitFor();
  assert.equal(await done.locator('summary .setup-title').textContent(), 'Set-up complete');
  assert.equal(await done.locator('.setup-steps').isVisible(), false, 'folded');
  await shot(page, 'setup-complete');
  await done.locator('summary').click();
  assert.equal(await done.locator('.setup-step.is-done').count(), 7);

  // The public page names the program and lists the track.
  await page.goto(srv.url + '/');
  await h1(page, 'Riverbend Recovery');
  assert.equal(await page.title(), 'Riverbend Recovery');
  assert.equal(await page.locator('.lead').textContent(), 'Evening groups for recovery from alcohol and drug use, around your work.');
  assert.equal(await page.locator('header .brand').textContent(), 'Riverbend Recovery');
  const track = page.locator('#tracks article.track', { hasText: 'Evening IOP' });
  await track.waitFor();
  assert.match(await track.textContent(), /Monday, Tuesday and Thursday, 6:00 pm to 9:00 pm/);
  assert.equal(await page.locator('footer [data-email] a').textContent(), 'admissions@riverbend.example');
  await shot(page, 'setup-public');

  // The app's header names the program too, signed in and on the sign-in screen.
  await page.goto(srv.url + '/app/');
  await h1(page, 'Staff');
  await page.locator('#brand-link .brand-sub', { hasText: 'Riverbend Recovery' }).waitFor();
  await signOut(page);
  await page.reload();
  await h1(page, 'Sign in');
  await page.locator('#brand-link .brand-sub', { hasText: 'Riverbend Recovery' }).waitFor();
  assert.deepEqual(b.errors, []);
});

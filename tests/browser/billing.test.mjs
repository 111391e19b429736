// Billable days in a real browser (issue 13, item 8).  On the test clock, a
// new site's track meets every morning for 3 hours; Avery attended two days
// and Blair one.  Day 1's group note is signed with Avery's objective linked
// but none for Blair; day 2's note is still a draft.  Billing opens
// "Billing days" from the menu: the site's days that are not billable, with
// the totals by reason and each reason in words with the session to fix;
// "Show billable days too" adds Avery's day 1 "Billable · H0015".  The
// director opens Avery's chart: its "Billable days" section shows both days,
// newest first, and "Open the note" opens the draft to sign.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, navNames, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';
import { clientBody } from '../api/helpers.mjs';
import { plusDays, localYmd } from '../lib/dates.mjs';

const TZ = 'America/Chicago';
const dayText = (ymd) => {
  const d = new Date(ymd + 'T12:00:00Z');
  return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${d.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

let srv, b, site, today, draftId;
const c = {};

before(async () => {
  srv = await startServer({ testClock: true });
  b = await launch();
  const now0 = await srv.advance(0);
  today = localYmd(now0, TZ);
  const [admin, dir, adm, clin, desk] = await Promise.all(['admin', 'director', 'admissions', 'clinician', 'front_desk'].map(async (u) => {
    const a = new Api(srv.url);
    assert.equal((await a.login(u)).status, 200);
    return a;
  }));
  const staff = Object.fromEntries((await admin.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const s = await admin.post('/api/v1/sites', { name: 'Lakeside Billing', timezone: TZ, address: '', phone: '' });
  assert.equal(s.status, 201, s.text);
  site = s.json.id;
  const blocks = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '06:00', minutes: 180, group_type: 'process_group', topic: 'Relapse warning signs' }));
  const t = await dir.post('/api/v1/tracks', { site_id: site, name: 'Billing mornings', level_of_care: '2.1', blocks });
  assert.equal(t.status, 201, t.text);
  assert.equal((await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: plusDays(today, 1), to: plusDays(today, 2) })).status, 200);
  const sessions = (await dir.get(`/api/v1/sessions?track_id=${t.json.id}&from=${plusDays(today, 1)}&to=${plusDays(today, 2)}`)).json.items;
  for (const [key, first, last] of [['avery', 'Avery', 'Ashdown'], ['blair', 'Blair', 'Brookfield']]) {
    const r = await adm.post('/api/v1/clients', clientBody({ first_name: first, last_name: last }));
    assert.equal(r.status, 201, r.text);
    const e = await adm.post(`/api/v1/clients/${r.json.id}/episodes`, {
      level: '2.1', site_id: site, track_id: t.json.id, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: today,
    });
    assert.equal(e.status, 201, e.text);
    const p = await clin.post(`/api/v1/episodes/${e.json.id}/plans`, { problems: [{ dimension: 5, statement: 'Drinks after work.',
      goals: [{ text: 'Get through evenings sober.', objectives: [{ text: 'Use one coping skill when a craving comes.', target_date: plusDays(today, 30) }],
        interventions: [{ code: 'relapse_prevention', frequency: 'daily group', staff_id: staff.clinician.id }] }] }] });
    assert.equal(p.status, 201, p.text);
    assert.equal((await clin.post(`/api/v1/plans/${p.json.id}/sign`, {})).status, 200);
    c[key] = { id: r.json.id, key: p.json.problems[0].goals[0].objectives[0].key };
  }
  await srv.advance(Math.ceil((Date.parse(plusDays(today, 3) + 'T12:00:00Z') - now0) / 1000));
  for (const u of [clin, desk]) assert.equal((await u.login(u === clin ? 'clinician' : 'front_desk')).status, 200);
  assert.equal((await desk.put(`/api/v1/sessions/${sessions[0].id}/attendance`, { records: [
    { client_id: c.avery.id, status: 'present' }, { client_id: c.blair.id, status: 'present' }] })).status, 200);
  assert.equal((await desk.put(`/api/v1/sessions/${sessions[1].id}/attendance`, { records: [
    { client_id: c.avery.id, status: 'present' }, { client_id: c.blair.id, status: 'absent_excused' }] })).status, 200);
  const note = async (sess, parts) => {
    const o = await clin.post(`/api/v1/sessions/${sess.id}/note`);
    assert.equal(o.status, 201, o.text);
    const r = await clin.patch(`/api/v1/notes/${o.json.id}`, { shared: { content: 'Early warning signs mapped.', interventions: ['relapse_prevention'] }, parts });
    assert.equal(r.status, 200, r.text);
    return o.json.id;
  };
  const first = await note(sessions[0], [{ client_id: c.avery.id, response: 'Named three signs.', objective_keys: [c.avery.key] },
    { client_id: c.blair.id, response: 'Listened.' }]);
  assert.equal((await clin.post(`/api/v1/notes/${first}/sign`)).status, 200);
  draftId = await note(sessions[1], [{ client_id: c.avery.id, response: 'Practised urge surfing.', objective_keys: [c.avery.key] }]);
});
after(async () => { if (b) await b.close(); if (srv) await srv.stop(); });

test('billing sees the days that cannot be billed, why, and what to fix', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'billing');
  assert.ok((await navNames(page)).includes('Billing days'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing days' }).click();
  await h1(page, 'Billing days');
  await page.getByLabel('Site', { exact: true }).selectOption({ label: 'Lakeside Billing' });
  const results = page.locator('#billing-list-results');
  await page.locator('#billing-list-results:not([aria-busy]) tbody tr').first().waitFor();
  assert.match(new URL(page.url()).hash, new RegExp(`^#/billing-days\\?site=${site}&from=\\d{4}-\\d{2}-\\d{2}&to=\\d{4}-\\d{2}-\\d{2}$`));
  assert.match(await page.locator('#billing-totals p.result-status').textContent(), /3 days attended, 1 billable, 2 not billable\.$/);
  assert.deepEqual(await page.locator('ul.billing-by-reason li').allTextContents(), ['1 Note not signed', '1 No objective linked']);
  const rows = results.locator('tbody tr');
  assert.equal(await rows.count(), 2);
  const avery = rows.filter({ hasText: 'Ashdown, Avery' });
  const blair = rows.filter({ hasText: 'Brookfield, Blair' });
  assert.match(await avery.textContent(), new RegExp(dayText(plusDays(today, 2))));
  assert.deepEqual(await avery.locator('ul.reasons > li').allTextContents(), [
    'A note is not signed (or waits for a co-signature)',
    'Group · Relapse warning signs: note not signed',
  ]);
  assert.deepEqual(await blair.locator('ul.reasons > li').allTextContents(), [
    'A note links no treatment-plan objective',
    'Group · Relapse warning signs: no plan objective linked',
  ]);
  // Billing does not read notes: no link to open one.
  assert.equal(await avery.getByRole('link', { name: 'Open the note' }).count(), 0);
  await assertNoAxeViolations(page, 'billing days');
  await shotsBothWidths(page, 'billing-days');

  await page.getByLabel('Show billable days too').check();
  await rows.nth(2).waitFor();
  assert.equal(await rows.count(), 3);
  assert.equal(await rows.filter({ hasText: dayText(plusDays(today, 1)) }).filter({ hasText: 'Ashdown, Avery' })
    .locator('.badge', { hasText: 'Billable · H0015' }).count(), 1);
  assert.match(new URL(page.url()).hash, /all=1/);
  assert.deepEqual(b.errors, []);
});

test("the chart's Billable days: each day, the reason, and the note to sign", async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.goto(`${srv.url}/app/#/clients/${c.avery.id}`);
  await h1(page, /Avery/);
  const sec = page.locator('section#billable-days');
  await sec.getByRole('heading', { name: 'Billable days' }).waitFor();
  await sec.locator('tbody tr').first().waitFor();
  assert.equal(await sec.locator('p.result-status').textContent(), '2 days attended: 1 billable, 1 not billable.');
  const rows = sec.locator('tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), new RegExp(dayText(plusDays(today, 2))));
  assert.equal(await rows.nth(0).locator('.badge').textContent(), 'Not billable');
  assert.equal(await rows.nth(1).locator('.badge').textContent(), 'Billable · H0015');
  assert.match(await rows.nth(1).textContent(), /3 h/);
  await sec.scrollIntoViewIfNeeded();
  await assertNoAxeViolations(page, 'chart billable days');
  await shotsBothWidths(page, 'chart-billable-days');
  // A narrower range: only day 1.
  await sec.getByLabel('From').fill(plusDays(today, 1));
  await sec.getByLabel('To').fill(plusDays(today, 1));
  await sec.getByRole('button', { name: 'Show' }).click();
  await sec.locator('p.result-status', { hasText: '1 day attended: 1 billable, 0 not billable.' }).waitFor();
  assert.equal(await rows.count(), 1);
  await sec.getByLabel('To').fill(plusDays(today, 2));
  await sec.getByRole('button', { name: 'Show' }).click();
  await sec.locator('p.result-status', { hasText: '2 days attended' }).waitFor();
  await rows.nth(0).getByRole('link', { name: 'Open the note' }).click();
  await page.waitForURL(new RegExp(`#/notes/${draftId}$`));
  assert.deepEqual(b.errors, []);
});

test("the demo clinic's days: mostly billable, a few not, each with its reasons", async () => {
  const { page } = b;
  await signIn(page, srv.url, 'billing');
  await page.goto(`${srv.url}/app/#/billing-days`);
  await h1(page, 'Billing days');
  for (const name of ['Northgate Outpatient Clinic', 'Riverside Recovery Center']) {
    await page.getByLabel('Site', { exact: true }).selectOption({ label: name });
    await page.locator('#billing-list-results:not([aria-busy]) tbody tr').first().waitFor();
    const status = await page.locator('#billing-totals p.result-status').textContent();
    const [, all, yes, no] = status.match(/(\d+) days attended, (\d+) billable, (\d+) not billable/).map(Number);
    assert.equal(yes + no, all);
    assert.ok(no > 0, status);
    assert.ok(await page.locator('#billing-list-results ul.reasons > li:not(.billing-fix)').count() >= no);
    await shotsBothWidths(page, `billing-days-demo-${name.split(' ')[0].toLowerCase()}`);
  }
  assert.deepEqual(b.errors, []);
});

// "This week" (issue 12, item 6), in a real browser.  With the test clock
// on a Tuesday afternoon: a track meets Monday to Thursday 09:00 for 3 h;
// Avery came both days, Blair missed Monday and came 45 minutes late on
// Tuesday, Casey missed both.  The director opens This week from the menu:
// the site's section lists Blair and Casey only, each with the reasons in
// words ("Can reach only 8 h 15 of the 9 h required", "Tuesday: 2 h 15
// attended", "Only 2 days possible"); "Show everyone" adds Avery "On
// track"; the week steps back and forward; the name opens the chart, whose
// Hours section shows this week first with the same reasons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';
import { clientBody, careTeam } from '../api/helpers.mjs';
import { plusDays, localDateTime, chicagoAt } from '../lib/dates.mjs';

const TZ = 'America/Chicago';
const isoWeekday = (ymd) => new Date(ymd + 'T12:00:00Z').getUTCDay() || 7;

let srv, b, site, mon;
const c = {};

before(async () => {
  srv = await startServer({ testClock: true });
  b = await launch();
  const now0 = await srv.advance(0);
  const today = localDateTime(now0, TZ).date;
  mon = plusDays(today, 8 - isoWeekday(today));
  const admin = new Api(srv.url);
  assert.equal((await admin.login('admin')).status, 200);
  const dir = new Api(srv.url);
  assert.equal((await dir.login('director')).status, 200);
  const adm = new Api(srv.url);
  assert.equal((await adm.login('admissions')).status, 200);
  const staff = Object.fromEntries((await admin.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const st = await admin.post('/api/v1/sites', { name: 'Lakeside Hours', timezone: TZ, address: '4 Shore Dr, Evanston', phone: '847-555-0100' });
  assert.equal(st.status, 201, st.text);
  site = st.json.id;
  const blocks = [1, 2, 3, 4].map((weekday) => ({ weekday, start: '09:00', minutes: 180, group_type: 'process_group' }));
  const t = await dir.post('/api/v1/tracks', { site_id: site, name: 'Lakeside mornings', level_of_care: '2.1', blocks });
  assert.equal(t.status, 201, t.text);
  const g = await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: today, to: plusDays(mon, 6) });
  assert.equal(g.status, 200, g.text);
  for (const [key, first, last] of [['avery', 'Avery', 'Ashdown'], ['blair', 'Blair', 'Brookfield'], ['casey', 'Casey', 'Cobbleton']]) {
    const r = await adm.post('/api/v1/clients', clientBody({ first_name: first, last_name: last }));
    assert.equal(r.status, 201, r.text);
    await careTeam(srv.url, r.json.id);
    const e = await adm.post(`/api/v1/clients/${r.json.id}/episodes`, {
      level: '2.1', site_id: site, track_id: t.json.id, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: today,
    });
    assert.equal(e.status, 201, e.text);
    c[key] = r.json.id;
  }
  const sessions = (await dir.get(`/api/v1/sessions?track_id=${t.json.id}&from=${mon}&to=${plusDays(mon, 1)}`)).json.items;
  assert.equal(sessions.length, 2);
  // Tuesday 13:00 at the site: Monday's and Tuesday's groups are over.
  const target = chicagoAt(plusDays(mon, 1), '13:00');
  await srv.advance(Math.ceil((target - now0) / 1000));
  await b.page.clock.setFixedTime(target);
  const desk = new Api(srv.url);
  assert.equal((await desk.login('front_desk')).status, 200);
  const put = async (s, records) => {
    const r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records });
    assert.equal(r.status, 200, r.text);
  };
  await put(sessions[0], [{ client_id: c.avery, status: 'present' }, { client_id: c.blair, status: 'absent_unexcused' },
    { client_id: c.casey, status: 'absent_unexcused' }]);
  await put(sessions[1], [{ client_id: c.avery, status: 'present' }, { client_id: c.blair, status: 'late', late_minutes: 45 },
    { client_id: c.casey, status: 'absent_excused' }]);
});
after(async () => { if (b) await b.close(); if (srv) await srv.stop(); });

test('the director sees who is at risk this week, and why, in words; the chart shows the weeks', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'This week' }).click();
  await h1(page, 'This week');
  await page.getByLabel('Site', { exact: true }).selectOption({ label: 'Lakeside Hours' });
  const sec = page.locator(`section[data-site="${site}"]`);
  await sec.locator('tbody tr').first().waitFor();
  await page.locator('#thisweek-results:not([aria-busy])').waitFor();
  assert.match(new URL(page.url()).hash, new RegExp(`^#/this-week\\?site=${site}$`));
  assert.match(await page.locator('#thisweek-week').textContent(), /^Week of \d+ \w{3}( \d{4})? – \d+ \w{3} \d{4}$/);
  const rows = sec.locator('tbody tr');
  assert.equal(await rows.count(), 2);
  const blair = rows.filter({ hasText: 'Brookfield, Blair' });
  const casey = rows.filter({ hasText: 'Cobbleton, Casey' });
  assert.deepEqual(await blair.locator('ul.reasons li').allTextContents(), [
    'Can reach only 8 h 15 of the 9 h required',
    'Tuesday: 2 h 15 attended (3 h make a program day)',
  ]);
  assert.deepEqual(await casey.locator('ul.reasons li').allTextContents(), [
    'Can reach only 6 h of the 9 h required',
    'Only 2 days possible (3 needed)',
  ]);
  assert.match(await blair.textContent(), /2 h 15 of 9 h/);
  assert.equal(await page.locator('p.result-status').textContent(), '2 clients at risk this week.');
  await assertNoAxeViolations(page, 'this week');
  await shotsBothWidths(page, 'this-week');

  // Everyone in care: Avery too, on track.
  await page.getByLabel('Show everyone in care, not only those at risk').check();
  await sec.locator('tbody tr', { hasText: 'Ashdown, Avery' }).waitFor();
  assert.equal(await rows.count(), 3);
  assert.equal(await rows.filter({ hasText: 'Ashdown, Avery' }).locator('.badge', { hasText: 'On track' }).count(), 1);
  assert.match(new URL(page.url()).hash, /all=1/);
  // The week before: nobody had sessions; and back.
  const before = await page.locator('#thisweek-week').textContent();
  await page.getByRole('button', { name: '← Previous week' }).click();
  await page.locator('#thisweek-week', { hasText: new RegExp(`^(?!${before}$)`) }).waitFor();
  assert.notEqual(await page.locator('#thisweek-week').textContent(), before);
  assert.match(new URL(page.url()).hash, /week=\d{4}-\d{2}-\d{2}/);
  await page.getByRole('button', { name: 'This week' }).click();
  await page.locator('#thisweek-week', { hasText: before }).waitFor();
  await page.getByLabel('Show everyone in care, not only those at risk').uncheck();
  await page.locator('#thisweek-results:not([aria-busy])').waitFor();
  await sec.locator('tbody tr').nth(1).waitFor();
  assert.equal(await rows.count(), 2);

  // The chart: the Hours section, this week first, with the same reasons.
  await sec.getByRole('link', { name: 'Brookfield, Blair' }).click();
  await h1(page, /Blair/);
  const hours = page.locator('section#hours');
  await hours.getByRole('heading', { name: 'Hours' }).waitFor();
  const first = hours.locator('tbody tr').first();
  assert.match(await first.textContent(), /^This week/);
  assert.match(await first.textContent(), /2 h 15 of 9 h/);
  assert.deepEqual(await first.locator('ul.reasons li').allTextContents(), [
    'Can reach only 8 h 15 of the 9 h required',
    'Tuesday: 2 h 15 attended (3 h make a program day)',
  ]);
  await hours.scrollIntoViewIfNeeded();
  await shot(page, 'chart-hours');
  assert.deepEqual(b.errors, []);
});

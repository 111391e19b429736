// Today on a day with nothing at the site (a weekend, a closure): the page
// says so and when the site's groups meet next, with a link to that week on
// the Schedule — rather than an empty page with nowhere to go.  And the
// director's long menu wraps rather than hiding entries off to the right.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn as apiSignIn } from '../api/helpers.mjs';
import { chicagoToday, plusDays } from '../lib/dates.mjs';
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

test('a day with nothing scheduled names the next day with groups', async () => {
  const admin = await apiSignIn(srv.url, 'admin');
  const dir = await apiSignIn(srv.url, 'director');
  const today = chicagoToday();
  const inTwo = plusDays(today, 2);
  const weekday = new Date(Date.parse(inTwo + 'T12:00:00Z')).getUTCDay() || 7;	// Monday 1 .. Sunday 7
  const s = await admin.post('/api/v1/sites', { name: 'Quiet Hollow', timezone: 'America/Chicago', address: '', phone: '' });
  assert.equal(s.status, 201, s.text);
  const t = await dir.post('/api/v1/tracks', { site_id: s.json.id, name: 'Quiet IOP', level_of_care: '2.1',
    blocks: [{ weekday, start: '18:00', minutes: 180, group_type: 'process_group' }] });
  assert.equal(t.status, 201, t.text);
  const g = await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: today, to: plusDays(today, 13) });
  assert.equal(g.status, 200, g.text);

  const { page } = b;
  await signIn(page, srv.url, 'director');
  await page.goto(`${srv.url}/app/#/today?site=${s.json.id}`);
  await h1(page, 'Today');
  await page.getByText('Nothing is scheduled at Quiet Hollow today.').waitFor();
  const words = new Intl.DateTimeFormat(undefined, { timeZone: 'America/Chicago', weekday: 'long', month: 'long', day: 'numeric' })
    .format(new Date(inTwo + 'T18:00:00Z'));
  const next = page.locator('#today-next');
  await next.getByText(`The next groups are on ${words}: 1 group.`).waitFor();
  assert.equal(await next.getByRole('link', { name: 'See that week on the Schedule' }).getAttribute('href'),
    `#/week?site=${s.json.id}&week=${inTwo}`);
  await shot(page, 'today-empty-next');
  // The director's long menu wraps: every entry is inside the window, none
  // hidden past its right edge.
  const width = page.viewportSize().width;
  const edges = await page.locator('#nav-list a').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().right));
  assert.ok(edges.length >= 14, `${edges.length} menu entries`);
  assert.deepEqual(edges.filter((r) => r > width), [], 'menu entries past the right edge');
  assert.deepEqual(b.errors, []);
});

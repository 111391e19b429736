// Calendar feeds in a real browser: a clinician opens "My calendar" from the
// header, makes a link to their schedule (shown once, with the server's
// origin, and it fetches as text/calendar), sees it among their links and
// revokes it (the link then answers 404); the chart offers the client's
// feed with the warning that anyone with the link sees the times; the
// rooms screen offers a room's.  Screenshots at both widths; axe finds
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

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

test('a clinician makes a link to their schedule, copies it, and revokes it', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.locator('#calendar-link').click();
  await h1(page, 'My calendar');
  await page.getByText('No calendar link yet.').waitFor();
  await page.getByRole('button', { name: 'Make a calendar link' }).click();
  const input = page.getByLabel('Your new calendar link');
  await input.waitFor();
  const url = await input.inputValue();
  assert.match(url, new RegExp(`^${srv.url}/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/calendar/);
  assert.match(await res.text(), /^BEGIN:VCALENDAR\r\n/);
  await page.locator('.feed-items li').first().waitFor();
  await page.locator('.feed-all li').first().waitFor();
  await assertNoAxeViolations(page, 'my calendar, a link made');
  await shotsBothWidths(page, 'feeds-account');
  await page.locator('.feed-panel .feed-items').getByRole('button', { name: /^Revoke/ }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke link' }).click();
  await page.getByText('No calendar link yet.').waitFor();
  assert.equal((await fetch(url)).status, 404);
  assert.deepEqual(b.errors, []);
});

test('the chart offers the client\'s feed with its warning; the rooms screen a room\'s', async () => {
  const { page } = b;
  const api = new Api(srv.url);
  assert.equal((await api.login('front_desk')).status, 200);
  const clients = await api.get('/api/v1/clients?limit=1');
  const client = clients.json.items[0];
  await signIn(page, srv.url, 'clinician');
  await page.goto(`${srv.url}/app/#/clients/${client.id}`);
  const panel = page.locator('section.feed-panel');
  await panel.waitFor();
  await panel.getByText('Anyone who has the link sees the times').waitFor();
  await panel.getByRole('button', { name: 'Make a calendar link' }).click();
  await panel.getByLabel('Your new calendar link').waitFor();
  await panel.scrollIntoViewIfNeeded();
  await shotsBothWidths(page, 'feeds-chart');
  await signIn(page, srv.url, 'admin');
  await page.goto(`${srv.url}/app/#/admin/rooms`);
  await h1(page, 'Rooms');
  await page.locator('button[id^="feed-room-"]').first().click();
  const dlg = page.getByRole('dialog');
  await dlg.getByRole('button', { name: 'Make a calendar link' }).click();
  await dlg.getByLabel('Your new calendar link').waitFor();
  await assertNoAxeViolations(page, 'a room\'s calendar link');
  await shotsBothWidths(page, 'feeds-room');
  assert.deepEqual(b.errors, []);
});

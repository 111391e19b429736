// Idle time-out.  With IOP_IDLE_TIMEOUT=70 the warning comes 10 s after the
// last request; "Stay signed in" refreshes the session on the server.  No
// test waits: the page's clock is fast-forwarded, and the server (the test
// build) has its clock moved alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, signIn, h1, shot, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;

before(async () => {
  srv = await startServer({ testClock: true, env: { IOP_IDLE_TIMEOUT: '70' } });
  b = await launch();
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

test('the idle warning counts down and "Stay signed in" keeps the session', async () => {
  const { page } = b;
  await page.clock.install();
  await signIn(page, srv.url, 'clinician');
  await h1(page, 'Clients');
  const dlg = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await page.clock.fastForward(5000);
  assert.equal(await dlg.count(), 0, 'no warning 5 s after the last request');
  await page.clock.fastForward(6000);
  await srv.advance(11);
  await dlg.waitFor({ timeout: 5000 });
  const text = await dlg.textContent();
  assert.match(text, /You will be signed out in \d+ seconds for inactivity/);
  const first = Number(/in (\d+) seconds/.exec(text)[1]);
  assert.ok(first <= 60 && first > 50, `${first} seconds left at the warning`);
  await page.clock.runFor(2000);
  await page.waitForFunction((n) => {
    const m = /in (\d+) seconds/.exec(document.querySelector('dialog[open]')?.textContent || '');
    return m && Number(m[1]) < n;
  }, first, { timeout: 3000 });
  await shot(page, 'idle-warning');
  await assertNoAxeViolations(page, 'idle warning');

  // 51 s idle on the server: "Stay signed in" refreshes the session there.
  await srv.advance(40);
  const me = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'GET');
  await dlg.getByRole('button', { name: 'Stay signed in' }).click();
  assert.equal((await me).status(), 200);
  await dlg.waitFor({ state: 'detached' });
  // A minute later the session is still there: 111 s after sign-in, but
  // only 60 s after the refresh.
  await srv.advance(60);
  const status = await page.evaluate(() => fetch('/api/v1/me', { credentials: 'same-origin' }).then((r) => r.status));
  assert.equal(status, 200);
  assert.equal(await page.locator('#user-area').isVisible(), true);
  assert.deepEqual(b.errors, []);
});

test('at zero the app signs out and says why', async () => {
  // A browser of its own: tabs of one browser share the time of the last
  // request (localStorage), so the first test's page, whose clock was moved
  // ahead, would push this one's time-out by a margin that depends on timing.
  const b2 = await launch();
  const { page, errors } = b2;
  await page.clock.install();
  await signIn(page, srv.url, 'nurse');
  await h1(page, 'Clients');
  await page.clock.fastForward(15000);
  await page.getByRole('alertdialog', { name: 'Are you still there?' }).waitFor();
  await page.clock.fastForward(60000);
  await h1(page, 'Sign in');
  assert.match(await page.locator('main .notice').textContent(), /You were signed out after 1 minute of inactivity\./);
  await shot(page, 'signed-out-idle');
  // The session really is gone.
  const status = await page.evaluate(() => fetch('/api/v1/me', { credentials: 'same-origin' }).then((r) => r.status));
  assert.equal(status, 401);
  assert.deepEqual(errors, []);
  await b2.close();
});

// Idle time-out.  With IOP_IDLE_TIMEOUT=70 the warning comes ~10 s after the
// last request; "Stay signed in" refreshes the session on the server.  The
// sign-out at zero is checked with the page's clock fast-forwarded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, signIn, h1, shot, watch, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;

before(async () => {
  srv = await startServer({ env: { IOP_IDLE_TIMEOUT: '70' } });
  b = await launch();
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

test('the idle warning counts down and "Stay signed in" keeps the session', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await h1(page, 'Clients');
  const t0 = Date.now();
  const dlg = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await dlg.waitFor({ timeout: 20000 });
  const waited = (Date.now() - t0) / 1000;
  assert.ok(waited > 5 && waited < 16, `warning after ${waited} s`);
  const text = await dlg.textContent();
  assert.match(text, /You will be signed out in \d+ seconds for inactivity/);
  const first = Number(/in (\d+) seconds/.exec(text)[1]);
  await page.waitForFunction((n) => {
    const m = /in (\d+) seconds/.exec(document.querySelector('dialog[open]')?.textContent || '');
    return m && Number(m[1]) < n;
  }, first, { timeout: 3000 });
  await shot(page, 'idle-warning');
  await assertNoAxeViolations(page, 'idle warning');

  const me = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'GET');
  await dlg.getByRole('button', { name: 'Stay signed in' }).click();
  assert.equal((await me).status(), 200);
  await dlg.waitFor({ state: 'detached' });
  // Still signed in, and the server agrees.
  const status = await page.evaluate(() => fetch('/api/v1/me', { credentials: 'same-origin' }).then((r) => r.status));
  assert.equal(status, 200);
  assert.equal(await page.locator('#user-area').isVisible(), true);
  assert.deepEqual(b.errors, []);
});

test('at zero the app signs out and says why', async () => {
  const page = await b.context.newPage();
  const errors = watch(page);
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
  await page.close();
});

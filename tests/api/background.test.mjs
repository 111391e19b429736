// The app's own polls must not keep an idle session alive.  The test
// build's clock is moved instead of waiting for the idle time-out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';

const IDLE = 15 * 60;	// IOP_IDLE_TIMEOUT's default, seconds

test('requests marked X-IOP-Background do not keep an idle session alive', async () => {
  const srv = await startServer({ testClock: true });
  try {
    const a = new Api(srv.url);
    assert.equal((await a.login('clinician')).status, 200);
    const bg = { 'X-IOP-Background': '1' };
    // Polls every 290 s answer while inside the time-out; then it passes.
    for (let i = 1; i <= 3; i++) {
      await srv.advance(290);
      const r = await a.req('GET', '/api/v1/tasks', undefined, bg);
      assert.equal(r.status, 200, `poll ${i} at ${i * 290} s, inside the time-out: ${r.text}`);
    }
    await srv.advance(IDLE - 3 * 290 + 1);
    assert.equal((await a.req('GET', '/api/v1/me', undefined, bg)).status, 401,
      'the session idled out although polls kept coming');
    // Ordinary requests do keep it alive, well past the time-out.
    const b = new Api(srv.url);
    assert.equal((await b.login('clinician')).status, 200);
    for (let i = 1; i <= 6; i++) {
      await srv.advance(5 * 60);
      assert.equal((await b.get('/api/v1/me')).status, 200, `active request ${i} at ${i * 5} min`);
    }
    assert.ok(6 * 5 * 60 > IDLE, 'the active session outlived one time-out');
  } finally {
    await srv.stop();
  }
});

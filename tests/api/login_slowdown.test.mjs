// Repeated failed sign-ins are answered more and more slowly, and the wait
// holds no worker thread: other requests are answered meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';

test('each failed sign-in waits longer; other requests are not held up', async () => {
  const srv = await startServer({ env: { IOP_LOGIN_SLOWDOWN_MS: '400', IOP_LOGIN_MAX_FAILURES: '10' } });
  try {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      const r = await new Api(srv.url).login('nurse', 'not-the-password');
      assert.equal(r.status, 401);
      times.push(Date.now() - t0);
    }
    assert.ok(times[1] >= 350 && times[2] >= 750, `slowed: ${times.join(', ')} ms`);
    // While a slowed answer waits, the server answers others at once, on
    // both worker threads.
    const slow = new Api(srv.url).login('nurse', 'not-the-password');
    const t0 = Date.now();
    const quick = await Promise.all([1, 2, 3, 4].map(() => fetch(srv.url + '/healthz')));
    const quickMs = Date.now() - t0;
    for (const q of quick) assert.equal(q.status, 200);
    const s = await slow;
    assert.equal(s.status, 401);
    assert.ok(quickMs < 500, `healthz took ${quickMs} ms while a sign-in was slowed`);
    // The right password still works (the account is not locked yet).
    assert.equal((await new Api(srv.url).login('nurse')).status, 200);
  } finally {
    await srv.stop();
  }
});

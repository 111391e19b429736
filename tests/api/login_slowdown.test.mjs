// Repeated failed sign-ins are answered more and more slowly, and the wait
// holds no worker thread: other requests are answered meanwhile.
//
// The slow-down is a real delay (monotonic milliseconds, by design), so the
// test asserts only what holds on any machine, however loaded: each slowed
// answer took at least the delay asked for (measured on the monotonic
// clock, from before the request was sent to after its answer, an interval
// that contains the server's wait), and while more slowed sign-ins wait than
// the server has worker threads, other requests are answered before any of
// them (an order, with the whole slowed wait as its margin). No duration is
// bounded from above.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, Api } from '../lib/server.mjs';

const SLOWDOWN_MS = 300;
const THREADS = 2;

test('each failed sign-in waits longer; other requests are not held up', async () => {
  const srv = await startServer({ env: {
    IOP_LOGIN_SLOWDOWN_MS: String(SLOWDOWN_MS), IOP_LOGIN_MAX_FAILURES: '10',
    IOP_HTTP_THREADS: String(THREADS),
  } });
  try {
    // The n-th failure in a row waits (n - 1) x the slow-down.
    const times = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await new Api(srv.url).login('nurse', 'not-the-password');
      assert.equal(r.status, 401);
      times.push(performance.now() - t0);
    }
    assert.ok(times[1] >= SLOWDOWN_MS, `second failure slowed: ${times.join(', ')} ms`);
    assert.ok(times[2] >= 2 * SLOWDOWN_MS, `third failure slowed more: ${times.join(', ')} ms`);

    // More slowed sign-ins than worker threads, then requests for the
    // health check: if a wait held a worker, no health answer could come
    // before a slowed answer had freed one. Record the order answers come in.
    const order = [];
    const slowN = THREADS + 1;
    const slow = Array.from({ length: slowN }, (_, i) => {
      const t0 = performance.now();
      return new Api(srv.url).login('nurse', 'not-the-password').then((r) => {
        order.push(`slow${i}`);
        return { status: r.status, ms: performance.now() - t0 };
      });
    });
    // A tenth of a second for the server to take them in and start their
    // waits (if it has not by then, the health checks only come sooner:
    // nothing here can fail for it).
    await sleep(100);
    const quick = await Promise.all([1, 2, 3, 4].map((i) => fetch(srv.url + '/healthz').then((q) => {
      order.push(`healthz${i}`);
      return q;
    })));
    for (const q of quick) assert.equal(q.status, 200);
    const slowed = await Promise.all(slow);
    for (const s of slowed) {
      assert.equal(s.status, 401);
      // At least the third failure's wait: the count only grows.
      assert.ok(s.ms >= 3 * SLOWDOWN_MS, `slowed sign-in took ${s.ms} ms`);
    }
    const firstSlow = order.findIndex((o) => o.startsWith('slow'));
    assert.equal(firstSlow, quick.length, `answers in order: ${order.join(' ')}`);
    // The right password still works (the account is not locked yet).
    assert.equal((await new Api(srv.url).login('nurse')).status, 200);
  } finally {
    await srv.stop();
  }
});

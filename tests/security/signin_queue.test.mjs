// Issue 10, item 10: Argon2id runs off the HTTP workers. Sign-ins wait for
// a few password threads in a small bounded queue; when every place is
// taken the answer is 429 at once, and chart reads are answered meanwhile.
//
// The server hashes at the interactive cost here (its dummy hash, checked
// for unknown usernames, takes tens of milliseconds), with one password
// thread and two places, so a burst of twelve sign-ins must overflow it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, uniq } from '../api/helpers.mjs';

const BURST = 12;

test('a burst of sign-ins overflows the password queue with 429s, and chart reads are not held', async () => {
  const srv = await startServer({ env: {
    IOP_PWHASH_COST: 'interactive', IOP_PWHASH_THREADS: '1', IOP_PWHASH_QUEUE: '2',
    IOP_LOGIN_SLOWDOWN_MS: '0', IOP_LOGIN_RATE_PER_MIN: '1000',
  } });
  try {
    const staff = await signIn(srv.url, 'clinician');
    const list = await staff.get('/api/v1/clients?limit=1');
    assert.equal(list.status, 200);
    const id = list.json.items[0].id;

    // One sign-in alone: how long one check takes here.
    let t0 = performance.now();
    const one = await new Api(srv.url).login('nobody_' + uniq(), 'a wrong password');
    const oneMs = performance.now() - t0;
    assert.equal(one.status, 401);

    t0 = performance.now();
    const burst = Array.from({ length: BURST }, async () => {
      const s = performance.now();
      const r = await new Api(srv.url).login('nobody_' + uniq(), 'a wrong password');
      return { status: r.status, json: r.json, ms: performance.now() - s, end: performance.now() - t0 };
    });
    // A chart read sent while the burst is being checked.
    await new Promise((r) => setTimeout(r, 5));
    const c0 = performance.now();
    const chart = await staff.get(`/api/v1/clients/${id}`);
    const chartEnd = performance.now() - t0;
    const chartMs = performance.now() - c0;
    const out = await Promise.all(burst);
    assert.equal(chart.status, 200);

    const busy = out.filter((o) => o.status === 429);
    const checked = out.filter((o) => o.status === 401);
    assert.equal(busy.length + checked.length, BURST, JSON.stringify(out.map((o) => o.status)));
    assert.ok(checked.length >= 2, `some sign-ins were checked (${checked.length})`);
    assert.ok(busy.length >= 1, `a full queue answers 429 (${out.map((o) => o.status)})`);
    for (const b of busy) {
      assert.equal(b.json.error.code, 'rate_limited');
      assert.match(b.json.error.message, /busy/);
    }
    // 429 at once: sooner than one password check takes.
    const fastest401 = Math.min(...checked.map((o) => o.ms));
    assert.ok(Math.min(...busy.map((o) => o.ms)) < fastest401,
      `429 answered before any check could finish (${busy.map((o) => o.ms | 0)} vs ${fastest401 | 0} ms)`);
    // The chart read did not wait for the checks queued before it.
    const lastEnd = Math.max(...checked.map((o) => o.end));
    assert.ok(chartEnd < lastEnd, `chart read (${chartMs | 0} ms) answered before the last sign-in ` +
      `(${lastEnd | 0} ms; one check ${oneMs | 0} ms)`);

    // The queue empties: a sign-in afterwards is checked, not refused.
    const after = await new Api(srv.url).login('clinician');
    assert.equal(after.status, 200);
  } finally {
    await srv.stop();
  }
});

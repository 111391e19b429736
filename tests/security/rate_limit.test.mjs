// Issue 10, item 2: rate limits count each address exactly. The limiter
// used to keep 1,024 hashed slots, and two addresses in one slot reset each
// other, so alternating between them was never limited. Here 150 addresses
// (127.0.0.2 ... : any 127.x address reaches a server on 127.0.0.1) take
// turns; with 1,024 slots at least one pair of them shares a slot with a
// probability above 99.9 %, and each address must still be refused once it
// has used its own limit, and the refused calls must write nothing.
// IPv6 clients counted by their /64, and the eviction of the oldest entry
// when the table is full, are unit-tested in tests/unit/test_rate.c (the
// server listens on IPv4 only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { uniq, sqlite } from '../api/helpers.mjs';
import { jsonRequest } from './net.mjs';

const N = 150;
const addr = (i) => `127.0.${2 + Math.floor(i / 200)}.${2 + (i % 200)}`;

// The limits count in fixed windows of the server's clock (a minute for
// sign-ins, an hour for the public form), which is this machine's UTC. A
// run that crossed a window's edge would see its counts start again, so a
// run starts early in a window: it takes a few seconds at most, even under
// ASan.
async function startOfWindow(seconds) {
  const now = Date.now() / 1000;
  const into = now % seconds;
  if (seconds - into < 20) await new Promise((r) => setTimeout(r, (seconds - into + 1) * 1000));
}

test('sign-ins: every one of 150 alternating addresses gets its own limit, then 429', async () => {
  const LIMIT = 2;
  const srv = await startServer({ env: { IOP_LOGIN_RATE_PER_MIN: String(LIMIT), IOP_LOGIN_SLOWDOWN_MS: '0' } });
  try {
    await startOfWindow(60);
    const statuses = Array.from({ length: N }, () => []);
    for (let round = 0; round <= LIMIT; round++) {
      // One round: each address once, in turn (a few at a time).
      for (let i = 0; i < N; i += 10)
        await Promise.all(Array.from({ length: Math.min(10, N - i) }, async (_, k) => {
          const r = await jsonRequest(srv.url, 'POST', '/api/v1/session',
            { username: 'nobody' + uniq(8), password: 'a-guess-' + round }, {}, addr(i + k));
          statuses[i + k].push(r.status);
        }));
    }
    const wrong = statuses.map((s, i) => [addr(i), s.join(',')]).filter(([, s]) => s !== '401,401,429');
    assert.deepEqual(wrong, [], 'each address: two failed sign-ins (401), then 429');
  } finally {
    await srv.stop();
  }
});

test('public submissions: every one of 150 alternating addresses gets its own limit; the refused are not stored', async () => {
  const srv = await startServer({ env: { IOP_PUBLIC_RATE_PER_HOUR: '1' } });
  try {
    await startOfWindow(3600);
    const count = () => Number(sqlite(srv.db, 'SELECT count(*) FROM inquiry').trim());
    const before = count();
    const statuses = Array.from({ length: N }, () => []);
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < N; i += 10)
        await Promise.all(Array.from({ length: Math.min(10, N - i) }, async (_, k) => {
          const r = await jsonRequest(srv.url, 'POST', '/api/v1/public/inquiries',
            { kind: 'help', name: 'Rate ' + uniq(8), phone: '312-555-0123' }, {}, addr(i + k));
          statuses[i + k].push(r.status);
          if (r.status === 429) assert.equal(r.json?.error?.code, 'rate_limited', r.text);
        }));
    const wrong = statuses.map((s, i) => [addr(i), s.join(',')]).filter(([, s]) => s !== '202,429');
    assert.deepEqual(wrong, [], 'each address: one submission (202), then 429');
    assert.equal(count() - before, N, 'one inquiry stored per address, none of the refused');
  } finally {
    await srv.stop();
  }
});

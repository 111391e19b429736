// Issue 10, item 1: the lockout must not leak the password, and failed
// sign-ins must not tell which usernames exist. A locked or disabled
// account's password is not checked at all, and every failed sign-in
// (unknown user, wrong password, locked, disabled) gets the same 401 after
// the same slow-down: the n-th failure of a username in a row waits
// (n - 1) x the slow-down (capped at 2 s), whatever the reason.
//
// Timing is asserted robustly: only lower bounds that the server itself
// imposes (each answer took at least the wait its failure count calls for,
// measured on the monotonic clock around the request), and comparisons with
// a generous margin. With a 250 ms slow-down the old behaviour (a right
// password on a locked account answered at once, unknown usernames never
// slowed) misses these bounds by hundreds of milliseconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { startServer, Api, DEMO_PASSWORD } from '../lib/server.mjs';
import { signIn } from '../api/helpers.mjs';

const SLOWDOWN_MS = 250;
const MAX_FAILURES = 3;
const MARGIN_MS = 150;

// The wait the n-th failure in a row (n from 1) is due.
const due = (n) => Math.min(2000, (n - 1) * SLOWDOWN_MS);

async function timedLogin(url, username, password) {
  const t0 = performance.now();
  const r = await new Api(url).login(username, password);
  return { r, ms: performance.now() - t0 };
}

function env(maxFailures = MAX_FAILURES) {
  return {
    IOP_LOGIN_SLOWDOWN_MS: String(SLOWDOWN_MS),
    IOP_LOGIN_MAX_FAILURES: String(maxFailures),
    IOP_LOGIN_LOCK_SECONDS: '600',
  };
}

test('a locked account: the right password is refused as slowly as a wrong one, with the same 401', async () => {
  const srv = await startServer({ env: env() });
  try {
    const unknown = await timedLogin(srv.url, 'nobody-by-this-name', 'a-guess');
    assert.equal(unknown.r.status, 401, unknown.r.text);
    const body = unknown.r.json;

    // Lock the account: MAX_FAILURES wrong passwords.
    let n = 0;
    for (let i = 0; i < MAX_FAILURES; i++) {
      const t = await timedLogin(srv.url, 'nurse', 'wrong-' + i);
      n++;
      assert.equal(t.r.status, 401);
      assert.ok(t.ms >= due(n), `failure ${n} waited ${t.ms} ms, due ${due(n)}`);
    }
    // Now alternate the right and a wrong password: each is a failure, and
    // each waits what its place in the row calls for.
    const right = [], wrong = [];
    for (let i = 0; i < 3; i++) {
      for (const [pw, into] of [[DEMO_PASSWORD, right], ['wrong-again-' + i, wrong]]) {
        const t = await timedLogin(srv.url, 'nurse', pw);
        n++;
        assert.equal(t.r.status, 401, `locked, ${pw === DEMO_PASSWORD ? 'right' : 'wrong'}: ${t.r.text}`);
        assert.deepEqual(t.r.json, body, 'the same 401 body as an unknown user');
        assert.ok(!/iop_session=[^;\s]+/.test(t.r.headers.get('set-cookie') || ''), 'no session cookie');
        assert.ok(t.ms >= due(n), `locked sign-in ${n} (${pw === DEMO_PASSWORD ? 'right' : 'wrong'} password) `
          + `waited ${t.ms} ms, due ${due(n)}`);
        into.push({ n, ms: t.ms });
      }
    }
    // The right password is not faster than the wrong one before it, beyond
    // a generous margin (the row only grows, so it should be slower).
    for (let i = 1; i < right.length; i++)
      assert.ok(right[i].ms >= wrong[i - 1].ms - MARGIN_MS,
        `right ${right.map((x) => Math.round(x.ms))} vs wrong ${wrong.map((x) => Math.round(x.ms))} ms`);
    // The account is still locked: the right password did not get in.
    const admin = await signIn(srv.url, 'admin');
    const list = await admin.get('/api/v1/staff?limit=200');
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.items.find((x) => x.username === 'nurse').locked, true);
  } finally {
    await srv.stop();
  }
});

test('unknown usernames and disabled accounts are slowed exactly like wrong passwords', async () => {
  const srv = await startServer({ env: env(10) });
  try {
    const admin = await signIn(srv.url, 'admin');
    const list = await admin.get('/api/v1/staff?limit=200');
    assert.equal(list.status, 200, list.text);
    const billing = list.json.items.find((x) => x.username === 'billing');
    assert.ok(billing, 'billing listed');
    const p = await admin.patch(`/api/v1/staff/${billing.id}`, { active: false });
    assert.equal(p.status, 200, p.text);

    const tries = 4;	// not enough to lock the known account (10)
    const rows = {
      unknown: ['no-such-user-here', 'a-guess'],
      wrong: ['clinician', 'not-the-password'],
      disabled: ['billing', DEMO_PASSWORD],
    };
    const times = {};
    let body = null;
    for (const [kind, [user, pw]] of Object.entries(rows)) {
      times[kind] = [];
      for (let i = 0; i < tries; i++) {
        const t = await timedLogin(srv.url, user, pw);
        assert.equal(t.r.status, 401, `${kind}: ${t.r.text}`);
        if (body === null) body = t.r.json;
        assert.deepEqual(t.r.json, body, `${kind}: the same 401 body`);
        assert.ok(t.ms >= due(i + 1), `${kind} failure ${i + 1} waited ${t.ms} ms, due ${due(i + 1)}`);
        times[kind].push(t.ms);
      }
    }
    // Unknown users and disabled accounts are not faster than wrong
    // passwords after the same number of failures, beyond the margin: the
    // median time past each answer's due wait, so that one answer held up by
    // a loaded machine (seen under ctest -j2) cannot decide it.
    const medianExcess = (kind) => {
      const x = times[kind].map((t, i) => t - due(i + 1)).sort((a, b) => a - b);
      return (x[1] + x[2]) / 2;
    };
    for (const kind of ['unknown', 'disabled'])
      assert.ok(medianExcess(kind) >= medianExcess('wrong') - MARGIN_MS,
        `${kind} ${times[kind].map(Math.round)} vs wrong ${times.wrong.map(Math.round)} ms`);
    // A right password after wrong ones signs in (the known account was not
    // locked), and starts the row again.
    assert.equal((await new Api(srv.url).login('clinician')).status, 200);
    const again = await timedLogin(srv.url, 'clinician', 'not-the-password');
    assert.equal(again.r.status, 401);
  } finally {
    await srv.stop();
  }
});

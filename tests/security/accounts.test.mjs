// Issue 10, items 4 and 5: a password change ends every other session of
// the account, and wrong current passwords count like failed sign-ins
// (slowed, then locked, the right one refused while locked, each failure
// audited); no one changes their own roles, and every role change names the
// roles before and after in its audit row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { startServer, Api, DEMO_PASSWORD } from '../lib/server.mjs';
import { signIn } from '../api/helpers.mjs';

const NEW_PASSWORD = 'a-brand-new-passphrase';

async function auditActions(srv, action) {
  const admin = await signIn(srv.url, 'admin');
  const r = await admin.get('/api/v1/audit?limit=200');
  assert.equal(r.status, 200, r.text);
  return r.json.items.filter((x) => x.action === action);
}

test('a password change ends every other session of the account and keeps the own one', async () => {
  const srv = await startServer();
  try {
    const mine = await signIn(srv.url, 'nurse');
    const other = await signIn(srv.url, 'nurse');
    const third = await signIn(srv.url, 'nurse');
    const someoneElse = await signIn(srv.url, 'clinician');
    const r = await mine.put('/api/v1/me/password',
      { current_password: DEMO_PASSWORD, new_password: NEW_PASSWORD });
    assert.equal(r.status, 204, r.text);
    assert.equal((await mine.get('/api/v1/me')).status, 200, 'the own session stays');
    assert.equal((await other.get('/api/v1/me')).status, 401, 'another session ended');
    assert.equal((await third.get('/api/v1/me')).status, 401, 'another session ended');
    assert.equal((await someoneElse.get('/api/v1/me')).status, 200, "others' sessions stay");
    assert.equal((await new Api(srv.url).login('nurse')).status, 401);
    assert.equal((await new Api(srv.url).login('nurse', NEW_PASSWORD)).status, 200);
  } finally {
    await srv.stop();
  }
});

test('wrong current passwords lock the account like failed sign-ins; the right one is refused while locked', async () => {
  const srv = await startServer({ testClock: true, env: {
    IOP_LOGIN_MAX_FAILURES: '5', IOP_LOGIN_LOCK_SECONDS: '600', IOP_LOGIN_SLOWDOWN_MS: '0',
  } });
  try {
    const nurse = await signIn(srv.url, 'nurse');
    const statuses = [];
    for (let i = 0; i < 30; i++) {
      const r = await nurse.put('/api/v1/me/password',
        { current_password: `wrong-guess-${i}`, new_password: NEW_PASSWORD });
      statuses.push(r.status);
      if (r.status === 400)
        assert.ok(r.json.error.fields.current_password, r.text);
      else
        assert.equal(r.status, 403, r.text);
    }
    assert.deepEqual(statuses.slice(0, 5), [400, 400, 400, 400, 400]);
    assert.deepEqual([...new Set(statuses.slice(5))], [403], statuses.join(','));
    // The right password now changes nothing while the account is locked.
    const right = await nurse.put('/api/v1/me/password',
      { current_password: DEMO_PASSWORD, new_password: NEW_PASSWORD });
    assert.equal(right.status, 403, right.text);
    assert.equal(right.json.error.code, 'forbidden');
    // Sign-in is locked too: the failures counted on the account.
    assert.equal((await new Api(srv.url).login('nurse')).status, 401);
    assert.equal((await new Api(srv.url).login('nurse', NEW_PASSWORD)).status, 401);
    // Each failure was audited, never with a password in it.
    const failed = await auditActions(srv, 'staff.password_change_failed');
    assert.equal(failed.length, 31, JSON.stringify(failed.slice(0, 3)));
    assert.equal(failed.filter((x) => x.detail === 'wrong password').length, 5);
    assert.equal(failed.filter((x) => x.detail === 'account locked').length, 26);
    for (const x of failed) {
      assert.equal(x.username, 'nurse');
      assert.equal(x.record_type, 'staff');
      assert.ok(!/guess|passphrase|openiop/.test(x.detail), x.detail);
    }
    // Once the lock has run out, the right password works (and the old
    // session, still alive, is the one that changes it).
    await srv.advance(601);
    const later = await nurse.put('/api/v1/me/password',
      { current_password: DEMO_PASSWORD, new_password: NEW_PASSWORD });
    assert.equal(later.status, 204, later.text);
    assert.equal((await new Api(srv.url).login('nurse', NEW_PASSWORD)).status, 200);
  } finally {
    await srv.stop();
  }
});

test('wrong current passwords are slowed down like failed sign-ins', async () => {
  const SLOWDOWN_MS = 300;
  const srv = await startServer({ env: {
    IOP_LOGIN_MAX_FAILURES: '10', IOP_LOGIN_SLOWDOWN_MS: String(SLOWDOWN_MS),
  } });
  try {
    const nurse = await signIn(srv.url, 'nurse');
    const times = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await nurse.put('/api/v1/me/password',
        { current_password: `wrong-guess-${i}`, new_password: NEW_PASSWORD });
      times.push(performance.now() - t0);
      assert.equal(r.status, 400, r.text);
    }
    assert.ok(times[1] >= SLOWDOWN_MS, `second failure slowed: ${times.join(', ')} ms`);
    assert.ok(times[2] >= 2 * SLOWDOWN_MS, `third failure slowed more: ${times.join(', ')} ms`);
    // A sign-in failure now waits for the failures so far, too.
    const t0 = performance.now();
    assert.equal((await new Api(srv.url).login('nurse', 'not-the-password')).status, 401);
    assert.ok(performance.now() - t0 >= 3 * SLOWDOWN_MS);
    // The right password still works (not locked).
    const ok = await nurse.put('/api/v1/me/password',
      { current_password: DEMO_PASSWORD, new_password: NEW_PASSWORD });
    assert.equal(ok.status, 204, ok.text);
    assert.equal((await new Api(srv.url).login('nurse', NEW_PASSWORD)).status, 200);
  } finally {
    await srv.stop();
  }
});

test('no one changes their own roles; every role change names the roles before and after', async () => {
  const srv = await startServer();
  try {
    const admin = await signIn(srv.url, 'admin');
    const me = (await admin.get('/api/v1/me')).json.user;
    assert.deepEqual(me.roles, ['admin']);
    const self = await admin.patch(`/api/v1/staff/${me.id}`, { roles: ['admin', 'director'] });
    assert.equal(self.status, 403, self.text);
    assert.equal(self.json.error.code, 'forbidden');
    assert.match(self.json.error.message, /own roles/);
    const after = (await admin.get('/api/v1/me')).json.user;
    assert.deepEqual(after.roles, ['admin']);
    assert.equal((await admin.get('/api/v1/clients')).status, 403, 'still no clinical access');
    // The same roles again change nothing, and other fields still may.
    const same = await admin.patch(`/api/v1/staff/${me.id}`,
      { roles: ['admin'], full_name: 'Admin Renamed' });
    assert.equal(same.status, 200, same.text);
    assert.equal(same.json.full_name, 'Admin Renamed');

    // Someone else's roles may change; the audit row says from what to what.
    const staff = await admin.get('/api/v1/staff?limit=100');
    const nurse = staff.json.items.find((x) => x.username === 'nurse');
    const ch = await admin.patch(`/api/v1/staff/${nurse.id}`, { roles: ['nurse', 'case_manager'] });
    assert.equal(ch.status, 200, ch.text);
    const rows = (await auditActions(srv, 'staff.update'))
      .filter((x) => x.record_id === nurse.id);
    assert.equal(rows.length, 1);
    // Roles listed in the server's role order.
    assert.equal(rows[0].detail, 'roles=nurse -> case_manager,nurse');
    assert.equal(rows[0].record_type, 'staff');
  } finally {
    await srv.stop();
  }
});

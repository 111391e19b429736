// Sign-in, sessions, CSRF and Origin checks, lockout, rate limit, forced
// password change, idle time-out and the security headers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api, DEMO_PASSWORD } from '../lib/server.mjs';
import {
  signIn, withoutCsrf, uniq, cap, clientBody, assertError, assertSchema, permissionsOf,
  ROLES, finish,
} from './helpers.mjs';

const WRONG_LOGIN = { error: { code: 'unauthenticated', message: 'Wrong username or password.' } };

function assertWrongLogin(r, msg) {
  assert.equal(r.status, 401, `${msg}: ${r.status} ${r.text}`);
  assert.deepEqual(r.json, WRONG_LOGIN, msg);
  const sc = r.headers.get('set-cookie') || '';
  assert.ok(!/iop_session=[^;\s]+/.test(sc), `${msg}: no session cookie is set (${sc})`);
}

async function staffByUsername(admin, username) {
  const r = await admin.get('/api/v1/staff?limit=200');
  assert.equal(r.status, 200, r.text);
  const s = r.json.items.find((x) => x.username === username);
  assert.ok(s, `staff ${username} listed`);
  return s;
}

async function firstSiteId(admin) {
  const r = await admin.get('/api/v1/sites');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.items.length > 0, 'the demo clinic has a site');
  return r.json.items[0].id;
}

// An admin-created account (must change its password at first sign-in).
async function createStaff(admin, over = {}) {
  const site = await firstSiteId(admin);
  const body = {
    username: 'staff' + uniq(9), full_name: 'Temp ' + cap(uniq(5)), email: 'temp@example.org',
    roles: ['front_desk'], site_ids: [site], password: 'Temporary-pass-' + uniq(4), ...over,
  };
  const r = await admin.post('/api/v1/staff', body);
  assert.equal(r.status, 201, `create staff: ${r.status} ${r.text}`);
  assertSchema('Staff', r.json);
  return { staff: r.json, password: body.password };
}

describe('sessions (demo clinic)', () => {
  let srv;
  let url;
  before(async () => { srv = await startServer(); url = srv.url; });
  after(() => finish(srv));

  test('login answers user, CSRF token and session, and sets an HttpOnly SameSite=Strict cookie for /', async () => {
    const api = new Api(url);
    const r = await api.login('clinician');
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type') || '', /^application\/json/);
    assertSchema('SessionReply', r.json);
    const u = r.json.user;
    assert.equal(u.username, 'clinician');
    assert.ok(u.roles.includes('clinician'));
    assert.equal(u.must_change_password, false);
    assert.ok(Number.isInteger(u.id) && u.id > 0);
    assert.ok(r.json.csrf_token.length >= 16, 'CSRF token is not trivially short');
    assert.equal(r.json.session.idle_timeout_seconds, 900);
    assert.ok(Date.parse(r.json.session.expires_at) >= Date.now() + 900e3 - 5e3, 'expires_at is at least an idle time-out away');
    const sc = r.headers.get('set-cookie') || '';
    assert.match(sc, /(^|,\s*)iop_session=[^;\s]+/, sc);
    assert.match(sc, /;\s*HttpOnly/i, sc);
    assert.match(sc, /;\s*SameSite=Strict/i, sc);
    assert.match(sc, /;\s*Path=\/(;|$)/i, sc);
    assert.ok(!sc.includes(r.json.csrf_token), 'the CSRF token is not the cookie');
  });

  test('each role signs in with exactly the permissions the role table gives it', async () => {
    for (const role of ROLES) {
      const r = await new Api(url).login(role);
      assert.equal(r.status, 200, `${role}: ${r.text}`);
      assert.deepEqual([...r.json.user.permissions].sort(), permissionsOf(role), role);
      assert.ok(r.json.user.roles.includes(role), role);
    }
  });

  test('wrong password and unknown user answer the same 401 body', async () => {
    const a = await new Api(url).login('case_manager', 'not-the-password');
    const b = await new Api(url).login('nosuch' + uniq(6), 'not-the-password');
    const c = await new Api(url).login('', '');
    assertWrongLogin(a, 'wrong password');
    assertWrongLogin(b, 'unknown user');
    assert.deepEqual(a.json, b.json);
    assert.ok([400, 401].includes(c.status), `empty credentials: ${c.status}`);
  });

  test('signing in again issues a new session token and CSRF token', async () => {
    const api = await signIn(url, 'clinician');
    const [cookie, csrf] = [api.cookie, api.csrf];
    const r = await api.login('director');
    assert.equal(r.status, 200, r.text);
    assert.notEqual(api.cookie, cookie, 'a fresh session cookie');
    assert.notEqual(r.json.csrf_token, csrf, 'a fresh CSRF token');
    assert.equal((await api.get('/api/v1/me')).json.user.username, 'director');
  });

  test('a login body over 64 KiB answers 413 too_large', async () => {
    const r = await new Api(url).req('POST', '/api/v1/session', { username: 'clinician', password: 'x'.repeat(70 * 1024) });
    assertError(r, 413, 'too_large');
  });

  test('a login body that is not JSON answers 400 malformed', async () => {
    assertError(await new Api(url).req('POST', '/api/v1/session', 'username=clinician'), 400, 'malformed');
  });

  test('GET /me answers the login body, CSRF token included', async () => {
    const api = new Api(url);
    const login = await api.login('nurse');
    const me = await api.get('/api/v1/me');
    assert.equal(me.status, 200, me.text);
    assertSchema('SessionReply', me.json);
    assert.deepEqual(me.json.user, login.json.user);
    assert.equal(me.json.csrf_token, login.json.csrf_token);
    assert.equal(me.json.session.idle_timeout_seconds, login.json.session.idle_timeout_seconds);
  });

  test('without a session the API answers 401 unauthenticated', async () => {
    const anon = new Api(url);
    assertError(await anon.get('/api/v1/me'), 401, 'unauthenticated');
    assertError(await anon.get('/api/v1/clients'), 401, 'unauthenticated');
    const bogus = new Api(url);
    bogus.cookie = 'iop_session=' + 'A'.repeat(43);
    assertError(await bogus.get('/api/v1/me'), 401, 'unauthenticated', 'made-up cookie');
  });

  test('logout answers 204, clears the cookie and ends the session on the server', async () => {
    const api = await signIn(url, 'front_desk');
    const cookie = api.cookie;
    const r = await api.del('/api/v1/session');
    assert.equal(r.status, 204, r.text);
    const sc = r.headers.get('set-cookie') || '';
    assert.match(sc, /iop_session=/, 'logout sets the cookie');
    assert.ok(/iop_session=(;|$)/.test(sc) || /Max-Age=0/i.test(sc) || /Expires=Thu, 01 Jan 1970/i.test(sc),
      `logout clears the cookie: ${sc}`);
    const old = new Api(url);
    old.cookie = cookie;
    assertError(await old.get('/api/v1/me'), 401, 'unauthenticated', 'old cookie after logout');
  });

  test('a state-changing request without X-CSRF-Token answers 403 csrf and writes nothing', async () => {
    const api = await signIn(url, 'clinician');
    const last = 'Nocsrf' + uniq(8);
    assertError(await withoutCsrf(api).post('/api/v1/clients', clientBody({ last_name: last })), 403, 'csrf');
    const s = await api.get(`/api/v1/clients?q=${last}&include_inactive=true`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.total, 0, 'no client was written');
  });

  test('a wrong X-CSRF-Token, or another session\'s token, answers 403 csrf', async () => {
    const api = await signIn(url, 'clinician');
    const other = await signIn(url, 'director');
    const body = clientBody();
    assertError(await api.req('POST', '/api/v1/clients', body, { 'X-CSRF-Token': 'x'.repeat(api.csrf.length) }), 403, 'csrf');
    assertError(await api.req('POST', '/api/v1/clients', body, { 'X-CSRF-Token': '' }), 403, 'csrf', 'empty token');
    assertError(await api.req('POST', '/api/v1/clients', body, { 'X-CSRF-Token': other.csrf }), 403, 'csrf', 'other session token');
    assertError(await withoutCsrf(api).del('/api/v1/session'), 403, 'csrf', 'logout without token');
    assert.equal((await api.get('/api/v1/me')).status, 200, 'the session survives a refused logout');
  });

  test('GET requests need no CSRF token', async () => {
    const api = await signIn(url, 'clinician');
    const r = await withoutCsrf(api).get('/api/v1/clients?limit=1');
    assert.equal(r.status, 200, r.text);
  });

  test('a foreign Origin is refused on login and on state-changing requests', async () => {
    const creds = { username: 'clinician', password: DEMO_PASSWORD };
    for (const origin of ['http://evil.example', url.replace(/:\d+$/, ':1'), url.replace('127.0.0.1', 'localhost')]) {
      const r = await new Api(url).req('POST', '/api/v1/session', creds, { Origin: origin });
      assertError(r, 403, 'csrf', `login from ${origin}`);
      assert.ok(!/iop_session=[^;\s]+/.test(r.headers.get('set-cookie') || ''), 'no cookie for a foreign origin');
    }
    const api = await signIn(url, 'clinician');
    const last = 'Origin' + uniq(8);
    const r = await api.req('POST', '/api/v1/clients', clientBody({ last_name: last }), { Origin: 'http://evil.example' });
    assertError(r, 403, 'csrf', 'create with foreign origin');
    assert.equal((await api.get(`/api/v1/clients?q=${last}&include_inactive=true`)).json.total, 0, 'nothing written');
  });

  test('this server\'s own Origin is accepted', async () => {
    const api = new Api(url);
    const r = await api.req('POST', '/api/v1/session', { username: 'clinician', password: DEMO_PASSWORD }, { Origin: url });
    assert.equal(r.status, 200, r.text);
    api.csrf = r.json.csrf_token;
    const c = await api.req('POST', '/api/v1/clients', clientBody(), { Origin: url });
    assert.equal(c.status, 201, c.text);
  });

  test('after 5 failed sign-ins even the right password answers the wrong-login 401, until an admin unlocks', async () => {
    const admin = await signIn(url, 'admin');
    const before = await staffByUsername(admin, 'billing');
    assert.equal(before.locked, false);
    for (let i = 0; i < 5; i++)
      assertWrongLogin(await new Api(url).login('billing', 'wrong-' + i), `failure ${i + 1}`);
    assertWrongLogin(await new Api(url).login('billing'), 'right password while locked');
    const locked = await admin.get(`/api/v1/staff/${before.id}`);
    assert.equal(locked.status, 200, locked.text);
    assert.equal(locked.json.locked, true, 'GET /staff/{id} shows the lock');
    const u = await admin.post(`/api/v1/staff/${before.id}/unlock`);
    assert.equal(u.status, 200, u.text);
    assertSchema('Staff', u.json);
    assert.equal(u.json.locked, false);
    assert.equal((await new Api(url).login('billing')).status, 200, 'signs in after unlock');
    for (let i = 0; i < 4; i++)
      assertWrongLogin(await new Api(url).login('billing', 'wrong-again-' + i), `failure ${i + 1} after unlock`);
    assert.equal((await new Api(url).login('billing')).status, 200, 'unlock cleared the failure count');
  });

  test('four failed sign-ins do not lock the account', async () => {
    for (let i = 0; i < 4; i++)
      assertWrongLogin(await new Api(url).login('prescriber', 'wrong-' + i), `failure ${i + 1}`);
    const r = await new Api(url).login('prescriber');
    assert.equal(r.status, 200, r.text);
  });

  test('a new account must change its password before anything else', async () => {
    const admin = await signIn(url, 'admin');
    const { staff, password } = await createStaff(admin, { username: 'newstaff' + uniq(6) });
    assert.equal(staff.must_change_password, true);
    assert.equal(staff.active, true);
    assert.equal(staff.locked, false);
    assert.equal(staff.last_login_at, null);

    const api = new Api(url);
    const l = await api.login(staff.username, password);
    assert.equal(l.status, 200, l.text);
    assert.equal(l.json.user.must_change_password, true);
    assertError(await api.get('/api/v1/clients'), 403, 'password_change_required');
    assertError(await api.get('/api/v1/staff'), 403, 'password_change_required');
    assertError(await api.post('/api/v1/clients', clientBody()), 403, 'password_change_required');
    assert.equal((await api.get('/api/v1/me')).status, 200, 'GET /me stays open');

    const pw = '/api/v1/me/password';
    const wrong = await api.put(pw, { current_password: 'not-my-password', new_password: 'a-brand-new-passphrase' });
    assertError(wrong, 400, 'invalid', 'wrong current password');
    assert.ok(wrong.json.error.fields?.current_password, `fields.current_password: ${wrong.text}`);
    const short = await api.put(pw, { current_password: password, new_password: 'short-1' });
    assertError(short, 400, 'invalid', 'short new password');
    assert.ok(short.json.error.fields?.new_password, `fields.new_password: ${short.text}`);
    const same = await api.put(pw, { current_password: password, new_password: staff.username });
    assertError(same, 400, 'invalid', 'new password = username');
    assert.ok(same.json.error.fields?.new_password, `fields.new_password: ${same.text}`);
    assertError(await withoutCsrf(api).put(pw, { current_password: password, new_password: 'a-brand-new-passphrase' }), 403, 'csrf');

    const ok = await api.put(pw, { current_password: password, new_password: 'a-brand-new-passphrase' });
    assert.equal(ok.status, 204, ok.text);
    assert.equal((await api.get('/api/v1/clients?limit=1')).status, 200, 'the session goes on with full access');
    assert.equal((await api.get('/api/v1/me')).json.user.must_change_password, false);
    assertWrongLogin(await new Api(url).login(staff.username, password), 'old password');
    assert.equal((await new Api(url).login(staff.username, 'a-brand-new-passphrase')).status, 200, 'new password');
    const after = await admin.get(`/api/v1/staff/${staff.id}`);
    assert.equal(after.json.must_change_password, false);
    assert.match(after.json.last_login_at || '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'last_login_at is set');
  });

  test('disabling a staff member ends their session and refuses their sign-in', async () => {
    const admin = await signIn(url, 'admin');
    const { staff, password } = await createStaff(admin);
    const api = new Api(url);
    assert.equal((await api.login(staff.username, password)).status, 200);
    assert.equal((await api.get('/api/v1/me')).status, 200);
    const p = await admin.patch(`/api/v1/staff/${staff.id}`, { active: false });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.active, false);
    assertError(await api.get('/api/v1/me'), 401, 'unauthenticated', 'disabled account session');
    assertWrongLogin(await new Api(url).login(staff.username, password), 'disabled account sign-in');
  });

  test('an administrator\'s password reset ends the account\'s sessions and forces a change', async () => {
    const admin = await signIn(url, 'admin');
    const { staff, password } = await createStaff(admin);
    const api = new Api(url);
    await api.login(staff.username, password);
    assert.equal((await api.put('/api/v1/me/password', { current_password: password, new_password: 'my-own-passphrase-1' })).status, 204);
    assert.equal((await api.get('/api/v1/clients?limit=1')).status, 200);
    const r = await admin.post(`/api/v1/staff/${staff.id}/password`, { password: 'Reset-by-admin-2024' });
    assert.equal(r.status, 200, r.text);
    assertSchema('Staff', r.json);
    assert.equal(r.json.must_change_password, true);
    assertError(await api.get('/api/v1/me'), 401, 'unauthenticated', 'session after reset');
    const l = await new Api(url).login(staff.username, 'Reset-by-admin-2024');
    assert.equal(l.status, 200, l.text);
    assert.equal(l.json.user.must_change_password, true);
  });

  test('a username already taken answers 409 conflict naming username', async () => {
    const admin = await signIn(url, 'admin');
    const r = await admin.post('/api/v1/staff', {
      username: 'clinician', full_name: 'Another Clinician', email: '', roles: ['clinician'],
      site_ids: [await firstSiteId(admin)], password: 'Temporary-pass-9999',
    });
    assertError(r, 409, 'conflict');
    assert.ok(r.json.error.fields?.username, r.text);
  });

  test('every response carries the security headers, and API responses are not cached', async () => {
    const api = await signIn(url, 'clinician');
    const anon = new Api(url);
    const answers = {
      'GET /healthz': await anon.get('/healthz'),
      'GET /api/v1/me (no session)': await anon.get('/api/v1/me'),
      'POST /api/v1/session': await new Api(url).login('clinician'),
      'POST /api/v1/session (wrong)': await new Api(url).login('nosuch' + uniq(), 'x'),
      'GET /api/v1/clients': await api.get('/api/v1/clients?limit=1'),
      'GET /api/v1/nowhere': await api.get('/api/v1/nowhere'),
      'POST /api/v1/clients (invalid)': await api.post('/api/v1/clients', {}),
      'POST /api/v1/clients (no csrf)': await withoutCsrf(api).post('/api/v1/clients', {}),
      'GET / (public page)': await anon.get('/'),
      'GET /app/ (staff app)': await anon.get('/app/'),
    };
    for (const [what, r] of Object.entries(answers)) {
      const h = (n) => r.headers.get(n) || '';
      assert.match(h('content-security-policy'), /frame-ancestors\s+'none'/, `${what} CSP`);
      assert.equal(h('x-content-type-options').toLowerCase(), 'nosniff', `${what} X-Content-Type-Options`);
      assert.equal(h('x-frame-options').toUpperCase(), 'DENY', `${what} X-Frame-Options`);
      assert.match(h('referrer-policy'), /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/, `${what} Referrer-Policy`);
      if (what.includes('/api/'))
        assert.match(h('cache-control'), /no-store/, `${what} Cache-Control`);
      if (what.includes('/api/') || what.includes('/healthz'))
        assert.match(h('content-type'), /^application\/json/, `${what} Content-Type`);
    }
  });

  test('/healthz answers {"status":"ok"} without a session', async () => {
    const r = await new Api(url).get('/healthz');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { status: 'ok' });
  });

  test('an unknown API path answers 404 not_found; a known path with another method answers 405', async () => {
    const api = await signIn(url, 'director');
    assertError(await api.get('/api/v1/nowhere'), 404, 'not_found');
    assertError(await api.get('/api/v2/clients'), 404, 'not_found');
    assertError(await api.del('/api/v1/clients'), 405, 'method_not_allowed');
    assertError(await api.put('/api/v1/clients/1', {}), 405, 'method_not_allowed');
  });
});

describe('login rate limit per address (IOP_LOGIN_RATE_PER_MIN=3)', () => {
  let srv;
  before(async () => { srv = await startServer({ testClock: true, env: { IOP_LOGIN_RATE_PER_MIN: '3' } }); });
  after(() => finish(srv));

  test('the 4th sign-in attempt within a minute answers 429 rate_limited, even with the right password', async () => {
    const first = await signIn(srv.url, 'clinician');
    for (let i = 0; i < 2; i++)
      assertWrongLogin(await new Api(srv.url).login('nosuch' + uniq(5), 'wrong'), `attempt ${i + 2}`);
    const r = await new Api(srv.url).login('director');
    assertError(r, 429, 'rate_limited', '4th attempt');
    assert.ok(!/iop_session=[^;\s]+/.test(r.headers.get('set-cookie') || ''), 'no session cookie');
    assertError(await new Api(srv.url).login('director'), 429, 'rate_limited', '5th attempt');
    const c = await first.get('/api/v1/clients?limit=1');
    assert.equal(c.status, 200, `a session opened before the limit keeps working: ${c.text}`);
  });

  test('a minute later the address may sign in again', async () => {
    assertError(await new Api(srv.url).login('director'), 429, 'rate_limited', 'still limited');
    await srv.advance(60);
    assert.equal((await new Api(srv.url).login('director')).status, 200, 'the next minute');
  });
});

describe('a lock ends by itself after IOP_LOGIN_LOCK_SECONDS (900, the clock moved)', () => {
  let srv;
  before(async () => { srv = await startServer({ testClock: true, env: { IOP_LOGIN_SLOWDOWN_MS: '0' } }); });
  after(() => finish(srv));

  test('locked until 900 s after the fifth failure, then the right password signs in', async () => {
    for (let i = 0; i < 5; i++)
      assertWrongLogin(await new Api(srv.url).login('billing', 'wrong-' + i), `failure ${i + 1}`);
    await srv.advance(890);
    assertWrongLogin(await new Api(srv.url).login('billing'), 'right password 890 s later');
    await srv.advance(11);
    assert.equal((await new Api(srv.url).login('billing')).status, 200, 'signs in once the lock has ended');
  });
});

describe('idle time-out (IOP_IDLE_TIMEOUT=120, the clock moved)', () => {
  let srv;
  before(async () => { srv = await startServer({ testClock: true, env: { IOP_IDLE_TIMEOUT: '120' } }); });
  after(() => finish(srv));

  test('activity keeps the session alive past the time-out', async () => {
    const api = await signIn(srv.url, 'clinician');
    assert.equal((await api.get('/api/v1/me')).json.session.idle_timeout_seconds, 120);
    for (let i = 1; i <= 5; i++) {
      await srv.advance(60);
      const r = await api.get('/api/v1/me');
      assert.equal(r.status, 200, `request ${i} after ${i} min of activity: ${r.text}`);
    }
  });

  test('a session idle for longer than the time-out answers 401', async () => {
    const api = await signIn(srv.url, 'nurse');
    assert.equal((await api.get('/api/v1/me')).status, 200);
    await srv.advance(110);
    assert.equal((await api.req('GET', '/api/v1/me', undefined, { 'X-IOP-Background': '1' })).status, 200,
      'still signed in 110 s later (a background poll is not activity)');
    await srv.advance(11);
    assertError(await api.get('/api/v1/me'), 401, 'unauthenticated', 'after 121 s idle');
    assertError(await api.get('/api/v1/clients'), 401, 'unauthenticated', 'stays ended');
  });
});

// A session ends at its expires_at however busy it is (absolute lifetime).
// The test build's clock is moved instead of waiting: the session is used
// every ten minutes (well inside the idle time-out) across its twelve-hour
// default lifetime, then once past it.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { assertError, finish } from './helpers.mjs';

const LIFETIME = 12 * 3600;	// IOP_SESSION_LIFETIME's default, seconds
const STEP = 10 * 60;		// used this often; the idle time-out is 15 min

describe('session lifetime (IOP_SESSION_LIFETIME default, 12 h)', () => {
  let srv;
  before(async () => { srv = await startServer({ testClock: true }); });
  after(() => finish(srv));

  test('a session in constant use still ends at expires_at', async () => {
    const api = new Api(srv.url);
    const t0 = await srv.advance(0);
    const r = await api.login('clinician');
    assert.equal(r.status, 200, r.text);
    const exp = Date.parse(r.json.session.expires_at);
    assert.ok(exp >= t0 + (LIFETIME - 2) * 1e3 && exp <= t0 + (LIFETIME + 2) * 1e3,
      `expires_at ${r.json.session.expires_at} is 12 h after ${new Date(t0).toISOString()}`);
    let now = t0;
    while (now + STEP * 1e3 < exp - 2e3) {
      now = await srv.advance(STEP);
      const me = await api.get('/api/v1/me');
      assert.equal(me.status, 200, `in use ${Math.round((now - t0) / 1000)} s after login: ${me.text}`);
      assert.equal(me.json.session.expires_at, r.json.session.expires_at, 'activity does not move expires_at');
    }
    assert.ok(exp - now <= STEP * 1e3, 'used until less than a step before expires_at');
    await srv.advance(Math.ceil((exp - now) / 1e3) + 1);
    assertError(await api.get('/api/v1/me'), 401, 'unauthenticated', 'after expires_at');
  });
});

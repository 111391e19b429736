// A session ends at its expires_at however busy it is (absolute lifetime).
// The server's smallest lifetime is 60 s, so this file takes about a minute;
// it is a file of its own so that it runs beside the others.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { assertError, finish, sleep } from './helpers.mjs';

describe('session lifetime (IOP_SESSION_LIFETIME=60)', () => {
  let srv;
  before(async () => { srv = await startServer({ env: { IOP_SESSION_LIFETIME: '60' } }); });
  after(() => finish(srv));

  test('a session in constant use still ends at expires_at', { timeout: 120e3 }, async () => {
    const api = new Api(srv.url);
    const t0 = Date.now();
    const r = await api.login('clinician');
    assert.equal(r.status, 200, r.text);
    const exp = Date.parse(r.json.session.expires_at);
    assert.ok(exp >= t0 + 58e3 && exp <= t0 + 62e3, `expires_at ${r.json.session.expires_at} is 60 s away`);
    while (Date.now() < exp - 3000) {
      const me = await api.get('/api/v1/me');
      assert.equal(me.status, 200, `in use ${Math.round((Date.now() - t0) / 1000)} s after login: ${me.text}`);
      assert.equal(me.json.session.expires_at, r.json.session.expires_at, 'activity does not move expires_at');
      await sleep(Math.min(10e3, Math.max(0, exp - 3000 - Date.now())));
    }
    await sleep(Math.max(0, exp - Date.now()) + 1500);
    assertError(await api.get('/api/v1/me'), 401, 'unauthenticated', 'after expires_at');
  });
});

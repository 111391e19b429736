// The whole audit log, for review: sign-ins, failed sign-ins, refusals,
// reads and writes, newest first; only audit.read may see it, and looking
// at it is itself recorded.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, clientBody, finish } from './helpers.mjs';

describe('GET /api/v1/audit', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await finish(srv); });

  test('admin reads the whole log newest first, with sign-ins, failures, refusals and client reads', async () => {
    const clin = await signIn(srv.url, 'clinician');
    await new Api(srv.url).login('clinician', 'not-the-password');
    const c = await clin.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    await clin.get(`/api/v1/clients/${c.json.id}`);
    await clin.get('/api/v1/staff/1/unlock');            // 405, not audited
    await clin.post('/api/v1/staff/1/unlock', {});       // refused: 403
    const admin = await signIn(srv.url, 'admin');
    const r = await admin.get('/api/v1/audit?limit=200');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.total >= r.json.items.length && r.json.items.length > 5);
    const ids = r.json.items.map((x) => x.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    const actions = r.json.items.map((x) => x.action);
    for (const a of ['session.login', 'session.login_failed', 'client.create', 'client.read', 'request.refused'])
      assert.ok(actions.includes(a), `${a} in ${actions.join(',')}`);
    const read = r.json.items.find((x) => x.action === 'client.read' && x.client_id === c.json.id);
    assert.equal(read.username, 'clinician');
    assert.equal(read.address, '127.0.0.1');
    // Paging: the first read added its own row on top, so offset 1 starts
    // where that page started.
    const p2 = await admin.get('/api/v1/audit?limit=2&offset=1');
    assert.deepEqual(p2.json.items.map((x) => x.id), ids.slice(0, 2));
    // Reading it is recorded.
    const again = await admin.get('/api/v1/audit?limit=1');
    assert.equal(again.json.items[0].action, 'audit.read');
  });

  test('roles without audit.read are refused; bad paging names the parameter', async () => {
    const clin = await signIn(srv.url, 'clinician');
    assert.equal((await clin.get('/api/v1/audit')).status, 403);
    assert.equal((await new Api(srv.url).get('/api/v1/audit')).status, 401);
    const dir = await signIn(srv.url, 'director');
    const bad = await dir.get('/api/v1/audit?limit=0');
    assert.equal(bad.status, 400);
    assert.ok(bad.json.error.fields.limit);
  });

  test("a refused read of a client shows in that client's trail, naming the route", async () => {
    const clin = await signIn(srv.url, 'clinician');
    const c = await clin.post('/api/v1/clients', clientBody());
    const admin = await signIn(srv.url, 'admin');
    assert.equal((await admin.get(`/api/v1/clients/${c.json.id}`)).status, 403);
    const trail = await admin.get(`/api/v1/clients/${c.json.id}/audit`);
    const refused = trail.json.items.find((x) => x.action === 'request.refused');
    assert.ok(refused, JSON.stringify(trail.json.items.map((x) => x.action)));
    assert.equal(refused.username, 'admin');
    assert.equal(refused.detail, 'GET /api/v1/clients/{id}: clients.read');
  });

  test('the app asking whether it is signed in (GET /me without a cookie) writes no row', async () => {
    const admin = await signIn(srv.url, 'admin');
    const before = (await admin.get('/api/v1/audit?limit=1')).json.total;
    for (let i = 0; i < 5; i++) assert.equal((await new Api(srv.url).get('/api/v1/me')).status, 401);
    const after = (await admin.get('/api/v1/audit?limit=1')).json.total;
    assert.equal(after, before + 1, 'only the second audit.read row was added');
    // With a stale cookie it is recorded.
    const stale = new Api(srv.url);
    stale.cookie = 'iop_session=not-a-real-session-token';
    assert.equal((await stale.get('/api/v1/me')).status, 401);
    const last = (await admin.get('/api/v1/audit?limit=2')).json.items;
    assert.ok(last.some((x) => x.action === 'request.refused' && x.detail === 'GET /api/v1/me: no session'));
  });
});

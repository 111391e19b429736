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
});

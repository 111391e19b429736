// Issue 10, item 6: a "duplicate" answer discloses a client, so it is a read
// of that client's record. A 409 that lists possible duplicates — from
// POST /clients or from converting an inquiry with an existing client's
// name and date of birth — writes one client.duplicates_shown row (and no
// client.create), naming each client shown in the row's client index, so it
// is on each of their trails. Nothing else of the refused call is written.
// (Moved here from tests/api/audit_index.test.mjs, with the conversion case
// added.)
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, uniq, cap, clientBody, finish, sqlite, iop, halt } from '../api/helpers.mjs';

const lastAuditId = (db) => Number(sqlite(db, 'SELECT coalesce(max(id), 0) FROM audit').trim());
const clientCount = (db) => Number(sqlite(db, 'SELECT count(*) FROM client').trim());
const about = (db, id) => sqlite(db, `SELECT client_id FROM audit_about WHERE audit_id = ${id} ORDER BY client_id`, { json: true })
  .map((x) => x.client_id);

describe('a duplicate answer is an audited read', () => {
  let srv, dir, adm, admin;
  let family;
  const ids = [];

  before(async () => {
    srv = await startServer();
    dir = await signIn(srv.url, 'director');
    adm = await signIn(srv.url, 'admissions');
    admin = await signIn(srv.url, 'admin');
    family = 'Dupson' + cap(uniq(6));
    for (const first of ['Ada', 'Bo']) {
      const c = await dir.post('/api/v1/clients', clientBody({ first_name: first, last_name: family, dob: '1979-05-06', allow_duplicate: true }));
      assert.equal(c.status, 201, c.text);
      ids.push(c.json.id);
    }
  });
  after(() => finish(srv));

  const trail = async (id) => {
    const r = await admin.get(`/api/v1/clients/${id}/audit?limit=200`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };

  test('a 409 from POST /clients that shows possible duplicates is a read of each of them, on their trails', async () => {
    const before = lastAuditId(srv.db);
    const count = clientCount(srv.db);
    const r = await dir.post('/api/v1/clients', clientBody({ first_name: 'Ada', last_name: family, dob: '1979-05-06' }));
    assert.equal(r.status, 409, r.text);
    const shown = r.json.error.matches.map((c) => c.id);
    assert.deepEqual(shown, [ids[0]], r.text);
    const rows = sqlite(srv.db, `SELECT id, action, username FROM audit WHERE id > ${before}`, { json: true });
    assert.deepEqual(rows.map((x) => x.action), ['client.duplicates_shown'], 'one row, and no client.create');
    assert.equal(rows[0].username, 'director');
    assert.deepEqual(about(srv.db, rows[0].id), [...shown].sort((a, b) => a - b));
    assert.ok((await trail(shown[0])).some((x) => x.id === rows[0].id), 'on the shown client\'s trail');
    assert.ok(!(await trail(ids[1])).some((x) => x.id === rows[0].id), 'not on the trail of a client not shown');
    assert.equal(clientCount(srv.db), count, 'nothing created');
  });

  test('a 409 from converting an inquiry with an existing client\'s name and dob is audited the same way', async () => {
    const q = await adm.post('/api/v1/inquiries', { kind: 'phone', name: `Bo ${family}`, phone: '312-555-0141' });
    assert.equal(q.status, 201, q.text);
    const before = lastAuditId(srv.db);
    const count = clientCount(srv.db);
    const r = await adm.post(`/api/v1/inquiries/${q.json.id}/convert`, { dob: '1979-05-06', sex: 'unknown' });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.code, 'duplicate');
    const shown = r.json.error.matches.map((c) => c.id);
    assert.deepEqual(shown, [ids[1]], r.text);
    const rows = sqlite(srv.db, `SELECT id, action, username FROM audit WHERE id > ${before}`, { json: true });
    assert.deepEqual(rows.map((x) => x.action), ['client.duplicates_shown'], 'one row, and no conversion');
    assert.equal(rows[0].username, 'admissions');
    assert.deepEqual(about(srv.db, rows[0].id), shown);
    assert.ok((await trail(ids[1])).some((x) => x.id === rows[0].id), 'on the shown client\'s trail');
    assert.equal(clientCount(srv.db), count, 'nothing created');
    assert.equal((await adm.get(`/api/v1/inquiries/${q.json.id}`)).json.client_id, null, 'not converted');
  });

  test('the log still verifies', async () => {
    await halt(srv);
    const v = iop(['audit', 'verify', '--db', srv.db]);
    assert.equal(v.status, 0, `${v.stdout}${v.stderr}`);
  });
});

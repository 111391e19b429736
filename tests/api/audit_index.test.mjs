// A list answer writes one audit row, and every client it showed finds that
// row on their own audit trail (the client index, table audit_about).  The
// index is part of the hash chain: adding a client to a row behind the
// server's back is caught by `iop audit verify`, and removing one is refused.
// (A 409 listing possible duplicates is audited the same way: its test is
// in tests/security/duplicates.test.mjs.)
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, uniq, cap, clientBody, finish, halt, iop, sqlite, copyDb } from './helpers.mjs';

describe('audit client index', () => {
  let srv, dir, admin;
  const ids = [];
  let family;

  before(async () => {
    srv = await startServer();
    dir = await signIn(srv.url, 'director');
    admin = await signIn(srv.url, 'admin');
    family = 'Indexson' + cap(uniq(6));
    for (const first of ['Ada', 'Bo', 'Cy']) {
      const c = await dir.post('/api/v1/clients', clientBody({ first_name: first, last_name: family, allow_duplicate: true }));
      assert.equal(c.status, 201, c.text);
      ids.push(c.json.id);
    }
    // Two of them in the census.
    const sites = await admin.get('/api/v1/sites');
    const site = sites.json.items[0].id;
    const tracks = await admin.get(`/api/v1/tracks?site_id=${site}`);
    const track = tracks.json.items.find((t) => t.level_of_care === '2.1').id;
    const staff = await admin.get('/api/v1/staff?limit=200');
    const by = Object.fromEntries(staff.json.items.map((x) => [x.username, x.id]));
    for (const id of ids.slice(0, 2)) {
      const e = await dir.post(`/api/v1/clients/${id}/episodes`, {
        level: '2.1', site_id: site, track_id: track, primary_clinician_id: by.clinician,
        case_manager_id: by.case_manager, privacy_notice_given: true,
      });
      assert.equal(e.status, 201, e.text);
    }
  });
  after(() => finish(srv));

  const trail = async (id) => {
    const r = await admin.get(`/api/v1/clients/${id}/audit?limit=200`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };

  test('a search writes one row, on the trail of each client it showed and of no other', async () => {
    const before = Number(sqlite(srv.db, 'SELECT max(id) FROM audit').trim());
    const r = await dir.get(`/api/v1/clients?q=${family}&limit=2`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 2);
    assert.equal(r.json.total, 3);
    const rows = sqlite(srv.db, `SELECT id, action, client_id, detail FROM audit WHERE id > ${before} AND action = 'client.search'`, { json: true });
    assert.equal(rows.length, 1, 'one row for the answer');
    const shown = r.json.items.map((c) => c.id).sort((a, b) => a - b);
    const about = sqlite(srv.db, `SELECT client_id FROM audit_about WHERE audit_id = ${rows[0].id} ORDER BY client_id`, { json: true }).map((x) => x.client_id);
    assert.deepEqual(about, shown);
    for (const id of ids) {
      const t = await trail(id);
      const has = t.some((x) => x.id === rows[0].id);
      assert.equal(has, shown.includes(id), `client ${id} ${shown.includes(id) ? 'shown' : 'not shown'}`);
    }
  });

  test('the census names its clients the same way', async () => {
    const before = Number(sqlite(srv.db, 'SELECT max(id) FROM audit').trim());
    const c = await dir.get('/api/v1/census?limit=200');
    assert.equal(c.status, 200, c.text);
    const row = sqlite(srv.db, `SELECT id FROM audit WHERE id > ${before} AND action = 'census.read'`, { json: true });
    assert.equal(row.length, 1);
    const about = sqlite(srv.db, `SELECT client_id FROM audit_about WHERE audit_id = ${row[0].id} ORDER BY client_id`, { json: true }).map((x) => x.client_id);
    assert.deepEqual(about, [...new Set(c.json.items.map((e) => e.client_id))].sort((a, b) => a - b));
    for (const id of ids.slice(0, 2)) assert.ok(about.includes(id), `admitted client ${id} is on the census row`);
  });

  test('changes to a converted inquiry are on its client\'s trail', async () => {
    const adm = await signIn(srv.url, 'admissions');
    const q = await adm.post('/api/v1/inquiries', { kind: 'phone', name: 'Trail ' + cap(uniq(6)), phone: '312-555-0110' });
    assert.equal(q.status, 201, q.text);
    const c = await adm.post(`/api/v1/inquiries/${q.json.id}/convert`, { dob: '1979-03-04', sex: 'female' });
    assert.equal(c.status, 200, c.text);
    const client = c.json.client?.id ?? c.json.client_id;
    assert.ok(client > 0, c.text);
    const before = Number(sqlite(srv.db, 'SELECT max(id) FROM audit').trim());
    assert.equal((await adm.patch(`/api/v1/inquiries/${q.json.id}`, { referral_source: 'trail test' })).status, 200);
    assert.equal((await adm.post(`/api/v1/inquiries/${q.json.id}/contacts`, { method: 'call', outcome: 'reached' })).status, 201);
    assert.equal((await adm.post(`/api/v1/inquiries/${q.json.id}/tasks`, { title: 'Call back', due_at: '2030-01-01T09:00Z' })).status, 201);
    const rows = sqlite(srv.db, `SELECT action, client_id FROM audit WHERE id > ${before} ORDER BY id`, { json: true });
    assert.deepEqual(rows.map((x) => [x.action, x.client_id]),
      [['inquiry.update', client], ['inquiry.contact', client], ['inquiry.task', client]]);
  });

  test('the log with its index verifies; an added index entry is caught; a removed one is refused', async () => {
    await halt(srv);
    const ok = iop(['audit', 'verify', '--db', srv.db]);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const row = Number(sqlite(srv.db, "SELECT max(audit_id) FROM audit_about").trim());
    assert.ok(row > 0);
    assert.throws(() => sqlite(srv.db, `DELETE FROM audit_about WHERE audit_id = ${row}`), /append-only/);
    const c = copyDb(srv.db);
    sqlite(c.db, `INSERT INTO audit_about (audit_id, client_id) VALUES (${row}, 999999)`);
    const bad = iop(['audit', 'verify', '--db', c.db]);
    assert.equal(bad.status, 3, bad.stdout + bad.stderr);
    assert.match(bad.stdout + bad.stderr, new RegExp(`row ${row}`));
    c.remove();
  });
});

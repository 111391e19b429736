// A safety alert's history stays on the chart for the care team (issue 11,
// defect 3), and the front desk learns only that a clinician must see the
// client, never what was flagged nor the response, and cannot deactivate a
// client (defect 8).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, assertSchema, finish, auditRows, careTeam } from './helpers.mjs';

const PHQ9_RISK = [0, 0, 0, 0, 0, 0, 0, 0, 2];
const RESPONSE = 'Safety assessment done in person; no plan or intent; safety plan reviewed with the client.';

describe('the alert history and what the front desk sees', () => {
  let srv;
  let dir, clin, cm, nurse, presc, desk, admin;
  let client;
  let alert;
  const id = {};

  before(async () => {
    srv = await startServer();
    [dir, clin, cm, nurse, presc, desk, admin] = await Promise.all(
      ['director', 'clinician', 'case_manager', 'nurse', 'prescriber', 'front_desk', 'admin'].map((u) => signIn(srv.url, u)));
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) id[s.username] = s.id;
    const c = await dir.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    await careTeam(srv.url, c.json.id);
    client = c.json.id;
    const s = await clin.post(`/api/v1/clients/${client}/instruments`, { code: 'phq9', answers: PHQ9_RISK, site_id: 1 });
    assert.equal(s.status, 201, s.text);
    [alert] = (await clin.get(`/api/v1/clients/${client}/alerts`)).json.items;
    assert.ok(alert && alert.open, 'an open alert');
  });
  after(() => finish(srv));

  test('a documented response stays on the chart: the alert, the response, who responded and when, for the care team', async () => {
    const r = await dir.post(`/api/v1/alerts/${alert.id}/resolve`, { response: RESPONSE });
    assert.equal(r.status, 200, r.text);
    assert.equal((await clin.get(`/api/v1/clients/${client}/alerts?open=true`)).json.items.length, 0, 'no open alert');
    for (const [name, api] of [['clinician', clin], ['case_manager', cm], ['nurse', nurse], ['prescriber', presc], ['director', dir]]) {
      const h = await api.get(`/api/v1/clients/${client}/alerts`);
      assert.equal(h.status, 200, `${name}: ${h.text}`);
      assertSchema('AlertList', h.json);
      assert.equal(h.json.total, 1, name);
      const [x] = h.json.items;
      assert.deepEqual([x.id, x.open, x.kind, x.response, x.resolved_by, x.resolved_by_name, x.restricted],
        [alert.id, false, 'suicide_risk', RESPONSE, id.director, 'Dana Whitfield', false], name);
      assert.equal(x.message, alert.message, name);
      assert.ok(Date.parse(x.resolved_at) >= Date.parse(x.raised_at), `${name}: when`);
    }
    const rows = auditRows(srv.db).filter((x) => x.action === 'alert.list' && x.client_id === client && x.username === 'case_manager');
    assert.equal(rows.length, 1, 'the history read is audited as a read of the client');
    assert.equal(rows[0].record_type, 'client');
  });

  test('the front desk reads that a clinician must see the client, and nothing of what was flagged or answered', async () => {
    // A second alert, still open.
    const s = await clin.post(`/api/v1/clients/${client}/instruments`, { code: 'phq9', answers: PHQ9_RISK, site_id: 1 });
    assert.equal(s.status, 201, s.text);
    const open = await desk.get(`/api/v1/clients/${client}/alerts?open=true`);
    assert.equal(open.status, 200, open.text);
    assertSchema('AlertList', open.json);
    assert.equal(open.json.items.length, 1, 'it knows an alert exists');
    assert.deepEqual([open.json.items[0].kind, open.json.items[0].message, open.json.items[0].restricted, open.json.items[0].response],
      ['safety', 'A clinician must see this client.', true, '']);

    // Every answer the front desk can read about this client and its own work.
    const reads = [
      `/api/v1/clients/${client}/alerts`, `/api/v1/clients/${client}/alerts?open=true`, `/api/v1/clients/${client}/chart`,
      `/api/v1/clients/${client}`, `/api/v1/clients?q=${encodeURIComponent('Client')}&limit=200`,
      `/api/v1/clients/${client}/contacts`, `/api/v1/clients/${client}/episodes`, '/api/v1/census',
      '/api/v1/tasks', '/api/v1/tasks?include_done=true', '/api/v1/tasks/count', '/api/v1/me',
    ];
    const secrets = [alert.message, RESPONSE, 'suicide_risk', 'self-harm', 'PHQ-9'];
    for (const path of reads) {
      const r = await desk.get(path);
      if (r.status === 403) continue;
      assert.equal(r.status, 200, `${path}: ${r.text}`);
      for (const secret of secrets)
        assert.ok(!r.text.includes(secret), `${path} must not say ${JSON.stringify(secret)}: ${r.text.slice(0, 300)}`);
    }
    assertError(await desk.get('/api/v1/alerts/unclaimed'), 403, 'forbidden', 'the unclaimed list is clinical');
    assertError(await desk.get(`/api/v1/clients/${client}/instruments`), 403, 'forbidden', 'screenings are clinical');
  });

  test('the front desk cannot deactivate or reactivate a client (403, nothing changes); a clinician can', async () => {
    assertError(await desk.patch(`/api/v1/clients/${client}`, { active: false }), 403, 'forbidden', 'PATCH active');
    assertError(await desk.put(`/api/v1/clients/${client}/active`, { active: false }), 403, 'forbidden', 'PUT active');
    assert.equal((await desk.get(`/api/v1/clients/${client}`)).json.active, true, 'still active');
    // The front desk still edits contact details.
    const phone = await desk.patch(`/api/v1/clients/${client}`, { phone: '(312) 555-0190' });
    assert.equal(phone.status, 200, phone.text);
    const off = await clin.put(`/api/v1/clients/${client}/active`, { active: false });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.json.active, false);
    assertError(await clin.put(`/api/v1/clients/${client}/active`, {}), 400, 'invalid', 'active is required');
    const on = await dir.patch(`/api/v1/clients/${client}`, { active: true });
    assert.equal(on.status, 200, on.text);
    const rows = auditRows(srv.db).filter((x) => x.client_id === client);
    assert.ok(rows.some((x) => x.action === 'client.deactivate' && x.username === 'clinician'));
    assert.ok(rows.some((x) => x.action === 'client.reactivate' && x.username === 'director'));
    assert.ok(!rows.some((x) => /client\.(de|re)activate/.test(x.action) && x.username === 'front_desk'));
    // Both attempts are on the client's trail, under the front desk's name.
    const tried = rows.filter((x) => x.action === 'request.refused' && x.username === 'front_desk' && x.detail.endsWith('clients.deactivate'));
    assert.deepEqual(tried.map((x) => x.detail).sort(), ['PATCH /api/v1/clients/{id}: clients.deactivate',
      'PUT /api/v1/clients/{id}/active: clients.deactivate']);
  });
});

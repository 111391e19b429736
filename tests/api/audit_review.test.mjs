// Reviewing the audit log: filters by staff member, client, time range and
// action (paged as every list, each bad parameter named); the filtered log
// as a CSV file, itself audited; and a chart opening written as one row that
// lists what the chart showed, with the chain still verifying.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, clientBody, finish, halt, iop, assertError, assertSchema } from './helpers.mjs';

// A CSV file read back: rows of cells (RFC 4180: quoted cells, "" for a quote).
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  return rows;
}

const iso = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';

describe('audit review', () => {
  let srv, admin, dir, clin, fd, client, other, clinId;
  // Moving the clock ends idle sessions: sign everyone in again.
  async function signInAll() {
    [clin, dir, fd, admin] = await Promise.all(['clinician', 'director', 'front_desk', 'admin'].map((u) => signIn(srv.url, u)));
  }
  before(async () => {
    srv = await startServer({ testClock: true });
    clin = await signIn(srv.url, 'clinician');
    client = (await clin.post('/api/v1/clients', clientBody())).json;
    other = (await clin.post('/api/v1/clients', clientBody())).json;
    await clin.post(`/api/v1/clients/${client.id}/contacts`, { name: 'Kin One', relationship: 'sister', phone: '312-555-0140' });
    await signInAll();
    const rows = (await admin.get('/api/v1/audit?action=client.create&limit=5')).json.items;
    clinId = rows[0].user_id;
  });
  after(async () => { await finish(srv); });

  test('filters by staff member, client and action, paged with a total', async () => {
    await clin.get(`/api/v1/clients/${client.id}`);
    await dir.get(`/api/v1/clients/${other.id}`);
    const byStaff = await admin.get(`/api/v1/audit?staff=${clinId}&limit=200`);
    assert.equal(byStaff.status, 200, byStaff.text);
    assertSchema('AuditList', byStaff.json);
    assert.ok(byStaff.json.items.length >= 4);
    assert.ok(byStaff.json.items.every((x) => x.user_id === clinId && x.username === 'clinician'));
    assert.equal(byStaff.json.total, byStaff.json.items.length);

    const byClient = await admin.get(`/api/v1/audit?client=${client.id}&limit=200`);
    assert.ok(byClient.json.items.length >= 3);
    assert.ok(byClient.json.items.every((x) => x.client_id === client.id), JSON.stringify(byClient.json.items));
    // A list that showed the client (a search) is on its trail too.
    await clin.get('/api/v1/clients?limit=200');
    const withSearch = await admin.get(`/api/v1/audit?client=${client.id}&action=client.search`);
    assert.equal(withSearch.json.total, 1, withSearch.text);

    const both = await admin.get(`/api/v1/audit?client=${other.id}&action=client.read`);
    assert.deepEqual(both.json.items.map((x) => x.username), ['director']);

    // Paging: {items,total}; the pages of a held view (upto) do not slide.
    const first = await admin.get(`/api/v1/audit?staff=${clinId}&limit=2`);
    const upto = first.json.items[0].id;
    await clin.get(`/api/v1/clients/${client.id}`);
    const second = await admin.get(`/api/v1/audit?staff=${clinId}&limit=2&offset=2&upto=${upto}`);
    assert.equal(second.json.total, first.json.total);
    assert.ok(second.json.items[0].id < first.json.items[1].id);

    // Reading with a filter is recorded with the filter, on the client's trail.
    const read = (await admin.get(`/api/v1/audit?action=audit.read&client=${client.id}&limit=1`)).json.items[0];
    assert.equal(read.client_id, client.id);
    assert.match(read.detail, new RegExp(`^filter: client=${client.id}`));
  });

  test('filters by time range [from, to)', async () => {
    const t0 = await srv.advance(3600);
    await signInAll();
    await clin.get(`/api/v1/clients/${other.id}`);
    await srv.advance(3600);
    await signInAll();
    await clin.get(`/api/v1/clients/${other.id}`);
    const r = await admin.get(`/api/v1/audit?from=${iso(t0)}&to=${iso(t0 + 1800e3)}&action=client.read`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 1);
    const later = await admin.get(`/api/v1/audit?from=${iso(t0 + 1800e3)}&action=client.read`);
    assert.equal(later.json.total, 1);
    assert.ok(Date.parse(later.json.items[0].at) > Date.parse(r.json.items[0].at));
  });

  test('bad filters answer 400 naming each parameter, and write nothing', async () => {
    const before = (await admin.get('/api/v1/audit?limit=1')).json.total;
    const r = await admin.get('/api/v1/audit?staff=abc&client=-1&from=yesterday&action=client.eat');
    assertError(r, 400, 'invalid');
    for (const f of ['staff', 'client', 'from', 'action']) assert.ok(r.json.error.fields[f], `${f}: ${r.text}`);
    assert.match(r.json.error.fields.from, /2026-12-01T06:00Z/);
    const order = await admin.get('/api/v1/audit?from=2026-12-02T00:00Z&to=2026-12-01T00:00Z');
    assertError(order, 400, 'invalid');
    assert.ok(order.json.error.fields.to);
    const ex = await admin.get('/api/v1/audit/export?action=nope');
    assertError(ex, 400, 'invalid');
    assert.ok(ex.json.error.fields.action);
    const afterTotal = (await admin.get('/api/v1/audit?limit=1')).json.total;
    assert.equal(afterTotal, before + 1, 'only the second read wrote a row');
  });

  test('exports the filtered log as CSV, audited with its filter; only audit.read may', async () => {
    const r = await dir.get(`/api/v1/audit/export?client=${client.id}`);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    assert.match(r.headers.get('content-disposition'), /^attachment; filename="audit-log-\d{4}-\d\d-\d\d\.csv"$/);
    // (fetch's text() drops the UTF-8 byte-order mark the file starts with)
    assert.ok(r.text.replace(/^\uFEFF/, '').startsWith('"Entry","Time (UTC)","Staff member"'), r.text.slice(0, 80));
    const rows = parseCsv(r.text.replace(/^\uFEFF/, ''));
    const [head, ...body] = rows;
    assert.deepEqual(head, ['Entry', 'Time (UTC)', 'Staff member', 'Role', 'Action', 'Action code', 'Client', 'Record', 'Address', 'Detail']);
    const list = await dir.get(`/api/v1/audit?client=${client.id}&limit=200`);
    // The export holds what the list holds (the list's own read is newer).
    assert.deepEqual(body.map((x) => Number(x[0])), list.json.items.slice(1).map((x) => x.id));
    const created = body.find((x) => x[5] === 'client.create');
    assert.equal(created[4], 'Added a client');
    assert.equal(created[6], client.mrn);
    assert.match(created[1], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(body.every((x) => x.length === 10));

    const row = (await admin.get('/api/v1/audit?action=audit.export&limit=1')).json.items[0];
    assert.equal(row.username, 'director');
    assert.equal(row.client_id, client.id);
    assert.equal(row.detail, `filter: client=${client.id}; rows=${body.length}`);
    assert.equal(row.action_words, 'Exported the audit log (CSV)');

    assert.equal((await clin.get('/api/v1/audit/export')).status, 403);
    assert.equal((await new Api(srv.url).get('/api/v1/audit/export')).status, 401);
  });

  test('opening a chart writes one row listing what it showed', async () => {
    const cov = await dir.post(`/api/v1/clients/${client.id}/coverages`, { payer: 'Prairie Mutual', member_id: 'PM123456' });
    assert.equal(cov.status, 201, cov.text);
    const before = (await admin.get('/api/v1/audit?limit=1')).json.items[0].id;
    const chart = await dir.get(`/api/v1/clients/${client.id}/chart`);
    assert.equal(chart.status, 200, chart.text);
    assertSchema('ClientChart', chart.json);
    const rows = (await admin.get(`/api/v1/audit?limit=50&upto=${before + 50}`)).json.items.filter((x) => x.id > before);
    // The admin's read of the log before, then the chart's one row.
    assert.deepEqual(rows.map((x) => x.action), ['client.chart_opened', 'audit.read']);
    const row = rows[0];
    assert.equal(row.client_id, client.id);
    assert.equal(row.record_type, 'client');
    assert.equal(row.username, 'director');
    const contactIds = chart.json.contacts.items.map((x) => x.id);
    assert.equal(contactIds.length, 1);
    assert.equal(row.detail, `shown: client; contacts=${contactIds[0]}; alerts=none; screenings=none; episodes=none; placements=none; coverages=${cov.json.id}; benefit_checks=none; authorizations=none; appointments=none; hours_weeks=none; billable_days=none; plans=none; medications=none; drug_screens=none; measures=none; notes=none; consents=none; disclosures=none; alumni_checkins=none; case_management=none; aftercare_plans=none; care_team=${chart.json.care_team.items.map((x) => x.id).join(',') || 'none'}`);

    // Each part is what its own route answers.
    const parts = { contacts: 'contacts?limit=200', alerts: 'alerts?limit=50', screenings: 'instruments?limit=20', episodes: 'episodes',
      placements: 'placements', coverages: 'coverages', benefit_checks: 'benefit-checks', authorizations: 'authorizations',
      appointments: 'appointments?limit=200', hours_weeks: 'hours/weeks', billable_days: 'billable-days' };
    for (const [k, p] of Object.entries(parts))
      assert.deepEqual(chart.json[k], (await dir.get(`/api/v1/clients/${client.id}/${p}`)).json, k);
    assert.deepEqual(chart.json.client, (await dir.get(`/api/v1/clients/${client.id}`)).json);
  });

  test("a role sees only the parts its permissions allow, and the row says so", async () => {
    const chart = await fd.get(`/api/v1/clients/${client.id}/chart`);
    assert.equal(chart.status, 200, chart.text);
    assert.deepEqual(Object.keys(chart.json).sort(), ['alerts', 'alumni_checkins', 'appointments', 'billable_days', 'care_team', 'client', 'consents', 'contacts', 'disclosures', 'episodes', 'hours_weeks', 'plans']);
    const row = (await admin.get(`/api/v1/audit?action=client.chart_opened&limit=1`)).json.items[0];
    assert.equal(row.username, 'front_desk');
    assert.match(row.detail, /^shown: client; contacts=\d+; alerts=none; episodes=none; appointments=none; hours_weeks=none; billable_days=none; plans=none; consents=none; disclosures=none; alumni_checkins=none; care_team=(\d+(,\d+)*|none)$/);
    // No client: 404 and no row.
    const n = (await admin.get('/api/v1/audit?action=client.chart_opened')).json.total;
    assertError(await fd.get('/api/v1/clients/999999/chart'), 404, 'not_found');
    assert.equal((await admin.get('/api/v1/audit?action=client.chart_opened')).json.total, n);
    assert.equal((await admin.get(`/api/v1/clients/${client.id}/chart`)).status, 403);
  });

  test('the chain still verifies', async () => {
    await halt(srv);
    const r = iop(['audit', 'verify', '--db', srv.db]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

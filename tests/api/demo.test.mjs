// The demo clinic (`iop demo`) is a clinic at work, not empty screens:
// inquiries at every stage of the admissions board, with calls logged and
// follow-ups due; clients admitted into every track with a coverage and
// intake screenings; exactly one open safety alert, with its task on the
// primary clinician's list; and all of it written through the operations,
// so the audit log holds a row for it and verifies; each track's week of
// groups with its sessions three weeks back and five ahead, and a holiday.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, finish, iop } from './helpers.mjs';

const STAGES = ['new', 'contacted', 'screening_scheduled', 'screened', 'admitted', 'referred', 'closed'];

describe('the demo clinic', () => {
  let srv;
  let adm;
  let dir;
  let clin;

  before(async () => {
    srv = await startServer();
    [adm, dir, clin] = await Promise.all(['admissions', 'director', 'clinician'].map((u) => signIn(srv.url, u)));
  });
  after(() => finish(srv));

  test('the board has inquiries at every stage, with calls logged and follow-ups due', async () => {
    for (const s of STAGES) {
      const r = await adm.get(`/api/v1/inquiries?status=${s}&limit=200`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.total >= 1, `an inquiry that is ${s}: ${r.text}`);
    }
    const admitted = (await adm.get('/api/v1/inquiries?status=admitted')).json.items[0];
    assert.ok(admitted.client_id, 'the admitted inquiry was converted to a client');
    const contacted = (await adm.get('/api/v1/inquiries?status=contacted')).json.items[0];
    const log = await adm.get(`/api/v1/inquiries/${contacted.id}/contacts`);
    assert.equal(log.status, 200, log.text);
    assert.ok(log.json.items.length >= 1, 'a call logged');
    assert.equal(log.json.items[0].staff, 'admissions', 'by the admissions coordinator');
    const tasks = await adm.get('/api/v1/tasks');
    assert.ok(tasks.json.items.some((t) => t.kind === 'follow_up' && t.inquiry_id), 'a follow-up due');
  });

  test('every track has admitted clients, with coverages and screenings', async () => {
    const census = await dir.get('/api/v1/census?limit=200');
    assert.equal(census.status, 200, census.text);
    const tracks = (await dir.get('/api/v1/tracks')).json.items;
    assert.equal(tracks.length, 4);
    for (const t of tracks)
      assert.ok(census.json.items.filter((e) => e.track_id === t.id).length >= 3, `clients in ${t.name} at site ${t.site_id}`);
    const first = census.json.items[0];
    const cov = await dir.get(`/api/v1/clients/${first.client_id}/coverages`);
    assert.equal(cov.status, 200, cov.text);
    assert.ok(cov.json.items.length >= 1, 'a coverage');
    let screened = 0;
    for (const e of census.json.items) {
      const s = await clin.get(`/api/v1/clients/${e.client_id}/instruments`);
      if (s.json.total > 0) screened++;
    }
    assert.ok(screened >= 6, `intake screenings (${screened} clients screened)`);
  });

  test('every track has its week: sessions past and ahead, rosters of its clients, a holiday cancelled', async () => {
    const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
    const census = (await dir.get('/api/v1/census?limit=200')).json.items;
    const tracks = (await dir.get('/api/v1/tracks')).json.items;
    let closureDay = null;
    for (const site of new Set(tracks.map((t) => t.site_id))) {
      const cl = await dir.get(`/api/v1/sites/${site}/closures?from=${day(0)}&to=${day(60)}`);
      assert.equal(cl.status, 200, cl.text);
      if (cl.json.items.length) closureDay = { site, date: cl.json.items[0].date };
    }
    assert.ok(closureDay, 'a holiday ahead at a site');
    for (const t of tracks) {
      assert.ok(t.blocks.length >= 9, `${t.name}: a week of blocks (${t.blocks.length})`);
      assert.ok(new Set(t.blocks.map((b) => b.group_type)).size >= 3, `${t.name}: groups of different types`);
      const past = await dir.get(`/api/v1/sessions?track_id=${t.id}&from=${day(-21)}&to=${day(-1)}`);
      assert.equal(past.status, 200, past.text);
      assert.ok(past.json.total >= 20, `${t.name}: sessions in the past three weeks (${past.json.total})`);
      const ahead = await dir.get(`/api/v1/sessions?track_id=${t.id}&from=${day(1)}&to=${day(34)}`);
      assert.ok(ahead.json.total >= 36, `${t.name}: sessions in the coming weeks (${ahead.json.total})`);
      const topics = new Set(ahead.json.items.filter((s) => s.group_type === 'psychoeducation').map((s) => s.topic));
      assert.ok(topics.size >= 3, `${t.name}: psychoeducation topics rotate (${[...topics]})`);
      const next = ahead.json.items.find((s) => s.status === 'scheduled');
      const one = await clin.get(`/api/v1/sessions/${next.id}`);
      assert.equal(one.status, 200, one.text);
      const enrolled = census.filter((e) => e.track_id === t.id).map((e) => e.client_id).sort();
      assert.deepEqual(one.json.roster.map((r) => r.client_id).sort(), enrolled, `${t.name}: the roster lists its clients`);
      if (t.site_id === closureDay.site) {
        const that = (await dir.get(`/api/v1/sessions?track_id=${t.id}&from=${closureDay.date}&to=${closureDay.date}`)).json.items;
        assert.ok(that.length >= 3, `${t.name} meets on the holiday`);
        assert.ok(that.every((s) => s.status === 'cancelled' && s.closure_id), `${t.name}: cancelled on the holiday`);
      }
    }
  });

  test('one safety alert is open, its task on the primary clinician\'s list', async () => {
    const tasks = (await clin.get('/api/v1/tasks')).json.items.filter((t) => t.kind === 'alert_response');
    assert.equal(tasks.length, 1, JSON.stringify(tasks));
    const alerts = await clin.get(`/api/v1/clients/${tasks[0].client_id}/alerts?open=true`);
    assert.equal(alerts.status, 200, alerts.text);
    assert.equal(alerts.json.items.length, 1);
    assert.equal(alerts.json.items[0].kind, 'suicide_risk');
  });

  test('written through the operations: audited, and the log verifies', async () => {
    const r = iop(['audit', 'verify', '--db', srv.db]);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const log = await dir.get('/api/v1/audit?limit=200');
    assert.equal(log.status, 200, log.text);
    const actions = new Set(log.json.items.map((x) => x.action));
    for (const a of ['inquiry.create', 'inquiry.contact', 'episode.admit', 'screening.record', 'coverage.create'])
      assert.ok(actions.has(a), `an audit row ${a}`);
  });
});

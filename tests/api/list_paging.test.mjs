// Two lists that once answered without a true total: a client's placement
// assessments (cut at 100 rows, the total counting only those) and the duty
// roster (no total).  Both now answer their true total and honour ?limit and
// ?offset; the roster without ?limit still answers its whole window.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, finish, assertError, assertPages, careTeam } from './helpers.mjs';

const DAY = 86400e3;
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';

describe('list paging', () => {
  let srv, dir, clin, admin;

  before(async () => {
    srv = await startServer();
    [dir, clin, admin] = await Promise.all(['director', 'clinician', 'admin'].map((u) => signIn(srv.url, u)));
  });
  after(() => finish(srv));

  test('a client\'s placements are paged, newest first, with the true total', async () => {
    const c = await dir.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    await careTeam(srv.url, c.json.id);
    const made = [];
    for (let i = 0; i < 3; i++) {
      const p = await clin.post(`/api/v1/clients/${c.json.id}/placements`,
        { ratings: { d1: 0, d2: 1, d3: 2, d4: 0, d5: 2, d6: 1 }, chosen_level: '2.1' });
      assert.equal(p.status, 201, p.text);
      made.push(p.json.id);
    }
    const all = await clin.get(`/api/v1/clients/${c.json.id}/placements`);
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(all.json.items.map((x) => x.id), [...made].reverse());
    assert.equal(all.json.total, 3);
    const page = await clin.get(`/api/v1/clients/${c.json.id}/placements?limit=2&offset=1`);
    assert.equal(page.status, 200, page.text);
    assert.deepEqual(page.json.items.map((x) => x.id), [made[1], made[0]]);
    assert.equal(page.json.total, 3);
    const past = await clin.get(`/api/v1/clients/${c.json.id}/placements?limit=2&offset=10`);
    assert.deepEqual(past.json.items, []);
    assert.equal(past.json.total, 3);
    const bad = await clin.get(`/api/v1/clients/${c.json.id}/placements?limit=0`);
    assertError(bad, 400, null, 'limit=0');
    assert.ok(bad.json.error.fields?.limit, bad.text);
    await assertPages(clin, `/api/v1/clients/${c.json.id}/placements`);
  });

  test('the duty roster answers its total, and a page of its window when asked', async () => {
    const sites = await admin.get('/api/v1/sites');
    const site = sites.json.items[0].id;
    const staff = await admin.get('/api/v1/staff?limit=200');
    const clinician = staff.json.items.find((s) => s.username === 'clinician').id;
    const day0 = Math.ceil(Date.now() / DAY) * DAY + 3 * DAY;
    const from = at(day0), to = at(day0 + 10 * DAY);
    const made = [];
    for (let i = 0; i < 4; i++) {
      const s = await dir.post(`/api/v1/sites/${site}/duty`,
        { staff_id: clinician, starts_at: at(day0 + i * DAY + 9 * 3600e3), ends_at: at(day0 + i * DAY + 17 * 3600e3) });
      assert.equal(s.status, 201, s.text);
      made.push(s.json.id);
    }
    const q = `from=${from}&to=${to}`;
    const whole = await clin.get(`/api/v1/sites/${site}/duty?${q}`);
    assert.equal(whole.status, 200, whole.text);
    assert.deepEqual(whole.json.items.map((x) => x.id), made);
    assert.equal(whole.json.total, 4);
    for (const k of ['site_id', 'from', 'to', 'now', 'on_duty_now', 'items']) assert.ok(k in whole.json, k);
    const page = await clin.get(`/api/v1/sites/${site}/duty?${q}&limit=2&offset=1`);
    assert.equal(page.status, 200, page.text);
    assert.deepEqual(page.json.items.map((x) => x.id), made.slice(1, 3));
    assert.equal(page.json.total, 4);
    const rest = await clin.get(`/api/v1/sites/${site}/duty?${q}&offset=3`);
    assert.deepEqual(rest.json.items.map((x) => x.id), made.slice(3));
    assert.equal(rest.json.total, 4);
    const bad = await clin.get(`/api/v1/sites/${site}/duty?${q}&limit=201`);
    assertError(bad, 400, null, 'limit=201');
    assert.ok(bad.json.error.fields?.limit, bad.text);
  });
});

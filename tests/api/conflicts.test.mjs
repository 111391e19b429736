// The booking form's check before saving (issue 12, item 9):
// GET /appointments/conflicts lists every commitment a booking would
// overlap — of the same staff member, room or client, appointments and
// group sessions — each with the very message the booking's 409 carries;
// back-to-back and the appointment being moved are no clash; it writes
// nothing but its audit row (on the client's trail when one is asked
// about); bad input is a 400 naming each field; who may ask.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, finish, auditRows, sqlite } from './helpers.mjs';

const MIN = 60e3;
const HOUR = 3600e3;
const DAY = 86400e3;
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';

describe('appointment conflicts, checked before saving', () => {
  let srv;
  const api = {};
  const id = {};
  let site, room, room2, ann, ben, base, first, second, session;

  const check = (q, who = 'front_desk') =>
    api[who].get('/api/v1/appointments/conflicts?' + new URLSearchParams(q).toString());
  const count = () => Number(sqlite(srv.db, 'SELECT count(*) FROM appointment').trim());

  before(async () => {
    srv = await startServer();
    for (const u of ['admin', 'director', 'clinician', 'case_manager', 'front_desk', 'billing']) api[u] = await signIn(srv.url, u);
    for (const s of (await api.admin.get('/api/v1/staff?limit=200')).json.items) id[s.username] = s.id;
    site = Math.min(...(await api.admin.get('/api/v1/sites')).json.items.map((s) => s.id));
    [room, room2] = (await api.admin.get(`/api/v1/rooms?site_id=${site}`)).json.items.map((r) => r.id);
    const a = await api.front_desk.post('/api/v1/clients', clientBody({ first_name: 'Ann' }));
    const b = await api.front_desk.post('/api/v1/clients', clientBody({ first_name: 'Ben' }));
    assert.equal(a.status, 201, a.text);
    assert.equal(b.status, 201, b.text);
    [ann, ben] = [a.json.id, b.json.id];
    // 04:00 UTC (10 or 11 PM in Chicago, after the demo's groups) three days ahead.
    base = Math.ceil(Date.now() / DAY) * DAY + 3 * DAY + 4 * HOUR;
    // Ann with the clinician in room 1, base..base+50.
    let r = await api.front_desk.post(`/api/v1/clients/${ann}/appointments`, {
      kind: 'individual_therapy', site_id: site, staff_id: id.clinician, room_id: room,
      starts_at: at(base), minutes: 50,
    });
    assert.equal(r.status, 201, r.text);
    first = r.json;
    // Ben with the case manager in room 2, base+60..base+90.
    r = await api.front_desk.post(`/api/v1/clients/${ben}/appointments`, {
      kind: 'case_management', site_id: site, staff_id: id.case_manager, room_id: room2,
      starts_at: at(base + 60 * MIN), minutes: 30,
    });
    assert.equal(r.status, 201, r.text);
    second = r.json;
    // A group the director facilitates, the next day at 10:00 in Chicago.
    const day = new Date(base + DAY).toISOString().slice(0, 10);
    const t = await api.director.post('/api/v1/tracks', { site_id: site, name: 'Conflict check track', level_of_care: '2.1',
      blocks: [{ weekday: 1, start: '18:00', minutes: 60, group_type: 'process_group' }] });
    assert.equal(t.status, 201, t.text);
    const g = await api.director.post(`/api/v1/tracks/${t.json.id}/sessions`, {
      date: day, start: '10:00', minutes: 90, group_type: 'relapse_prevention', facilitator_id: id.director,
    });
    assert.equal(g.status, 201, g.text);
    session = g.json;
  });
  after(() => finish(srv));

  test('a clash with the staff member names the booking in the 409’s own words; nothing is written', async () => {
    const n0 = count();
    const q = { site_id: site, staff_id: id.clinician, starts_at: at(base + 20 * MIN), minutes: 50 };
    const r = await check(q);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 1);
    const [c] = r.json.items;
    assert.deepEqual({ kind: c.kind, id: c.id, on: c.on, starts_at: c.starts_at, ends_at: c.ends_at },
      { kind: 'appointment', id: first.id, on: 'staff', starts_at: iso(base), ends_at: iso(base + 50 * MIN) });
    // The booking itself is refused with the same message.
    const refused = await api.front_desk.post(`/api/v1/clients/${ben}/appointments`, {
      kind: 'individual_therapy', site_id: site, staff_id: id.clinician, starts_at: q.starts_at, minutes: 50,
    });
    assertError(refused, 409, 'conflict');
    assert.equal(c.message, refused.json.error.message);
    assert.match(c.message, /already has individual therapy \d\d:\d\d–\d\d:\d\d on \d{4}-\d\d-\d\d \(appointment \d+\)/);
    assert.equal(count(), n0);
  });

  test('every clash is listed, in time order: the client, the room and another staff member', async () => {
    // Ann again, in room 2, with the case manager, base+30 for 60 minutes:
    // Ann's own appointment (client), and Ben's (room 2 and the case manager).
    const r = await check({ site_id: site, client_id: ann, room_id: room2, staff_id: id.case_manager,
      starts_at: at(base + 30 * MIN), minutes: 60 });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((c) => [c.id, c.on]), [[first.id, 'client'], [second.id, 'staff']]);
    assert.match(r.json.items[0].message, /^The client already has individual therapy with /);
    // No other client's name is ever in a message.
    const benName = (await api.front_desk.get(`/api/v1/clients/${ben}`)).json.last_name;
    for (const c of r.json.items) assert.ok(!c.message.includes(benName), c.message);
    // A room alone.
    const rm = await check({ site_id: site, room_id: room, starts_at: at(base + 45 * MIN), minutes: 15 });
    assert.deepEqual(rm.json.items.map((c) => [c.id, c.on]), [[first.id, 'room']]);
    assert.match(rm.json.items[0].message, /is taken then/);
  });

  test('back to back is no clash, nor the appointment being moved', async () => {
    let r = await check({ site_id: site, staff_id: id.clinician, room_id: room, client_id: ann, starts_at: at(base + 50 * MIN), minutes: 10 });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { items: [], total: 0 });
    r = await check({ site_id: site, staff_id: id.clinician, room_id: room, client_id: ann, starts_at: at(base + 10 * MIN), minutes: 50, exclude: first.id });
    assert.deepEqual(r.json.items, []);
  });

  test('a group session its staff member facilitates is a clash', async () => {
    const r = await check({ site_id: site, staff_id: id.director, starts_at: session.starts_at.slice(0, 16) + 'Z', minutes: 30 });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((c) => [c.kind, c.id, c.on]), [['session', session.id, 'staff']]);
    assert.match(r.json.items[0].message, /already has relapse prevention 10:00–11:30 on /);
  });

  test('the check is audited, on the client’s trail when a client is asked about', async () => {
    const n0 = auditRows(srv.db).length;
    let r = await check({ site_id: site, client_id: ann, starts_at: at(base), minutes: 30 });
    assert.equal(r.status, 200, r.text);
    r = await check({ site_id: site, room_id: room, starts_at: at(base), minutes: 30 });
    assert.equal(r.status, 200, r.text);
    const rows = auditRows(srv.db).slice(n0).filter((x) => x.action === 'appointment.conflicts_check');
    assert.deepEqual(rows.map((x) => x.client_id), [ann, 0]);
  });

  test('bad input is a 400 naming each field; nothing is read', async () => {
    let r = await check({});
    assertError(r, 400, 'invalid');
    assert.deepEqual(Object.keys(r.json.error.fields).sort(), ['minutes', 'site_id', 'starts_at']);
    r = await check({ site_id: 'x', starts_at: 'tomorrow', minutes: '4', staff_id: '0', room_id: '-1', client_id: 'a', exclude: 'z' });
    assertError(r, 400, 'invalid');
    assert.deepEqual(Object.keys(r.json.error.fields).sort(),
      ['client_id', 'exclude', 'minutes', 'room_id', 'site_id', 'staff_id', 'starts_at']);
    assert.match(r.json.error.fields.starts_at, /YYYY-MM-DDTHH:MMZ/);
    r = await check({ site_id: site, starts_at: at(base), minutes: 30 });
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields.staff_id, /room_id or client_id/);
    r = await check({ site_id: 999999, staff_id: id.clinician, starts_at: at(base), minutes: 30 });
    assertError(r, 400, 'invalid');
    assert.equal(r.json.error.fields.site_id, 'is not a site');
  });

  test('who may ask: those who book', async () => {
    const q = { site_id: site, staff_id: id.clinician, starts_at: at(base), minutes: 30 };
    for (const who of ['front_desk', 'clinician', 'director']) assert.equal((await check(q, who)).status, 200, who);
    for (const who of ['billing', 'admin']) assertError(await check(q, who), 403, 'forbidden', who);
  });
});

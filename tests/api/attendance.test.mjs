// Attendance at group sessions (issue 12, item 5): a roster checked in with
// one request of the fixed shape; a client not on the roster is named as
// records[i].client_id; a session that has not started or is cancelled is
// refused; any fault writes nothing; a correction keeps the earlier value
// and who changed it; the session shows each client's current attendance;
// every client whose attendance was written has it on their audit trail.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, assertSchema, finish, auditRows, sqlite } from './helpers.mjs';

const DAY = 86400e3;
const TZ = 'America/Chicago';   // the first demo site's zone
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
function localYmd(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
const EVERY_DAY = (start, minutes) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, minutes, group_type: 'process_group' }));

describe('attendance at group sessions', () => {
  let srv, adm, dir, desk, clin, billing;
  const staff = {};
  let today, track, other, sessions;
  let x, y, z, stranger;

  const counts = () => sqlite(srv.db, 'SELECT (SELECT count(*) FROM attendance) || \',\' || (SELECT count(*) FROM attendance_change)').trim();
  const admit = async (trackId, admittedOn) => {
    const c = await adm.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const r = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: trackId, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: admittedOn,
    });
    assert.equal(r.status, 201, r.text);
    return c.json.id;
  };
  const past = () => sessions.filter((s) => s.date < today);
  const rosterOf = (body) => Object.fromEntries(body.roster.map((r) => [r.client_id, r.attendance]));

  before(async () => {
    srv = await startServer({ testClock: true });
    [adm, dir, desk, clin, billing] = await Promise.all(
      ['admissions', 'director', 'front_desk', 'clinician', 'billing'].map((u) => signIn(srv.url, u)));
    const admin = await signIn(srv.url, 'admin');
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    today = localYmd(await srv.advance(0));
    const mk = async (name, start) => {
      const r = await dir.post('/api/v1/tracks', { site_id: 1, name, level_of_care: '2.1', blocks: EVERY_DAY(start, 180) });
      assert.equal(r.status, 201, r.text);
      const g = await dir.post(`/api/v1/tracks/${r.json.id}/sessions/generate`, { from: plusDays(today, -6), to: plusDays(today, 6) });
      assert.equal(g.status, 200, g.text);
      return r.json;
    };
    track = await mk('Check-in morning', '09:00');
    other = await mk('Check-in evening', '18:00');
    x = await admit(track.id, plusDays(today, -6));
    y = await admit(track.id, plusDays(today, -6));
    z = await admit(track.id, plusDays(today, -6));
    stranger = await admit(other.id, plusDays(today, -6));
    sessions = (await dir.get(`/api/v1/sessions?track_id=${track.id}&from=${plusDays(today, -6)}&to=${plusDays(today, 6)}`)).json.items;
  });
  after(() => finish(srv));

  test('a whole roster checked in with one request (the fixed shape); the session shows it', async () => {
    const s = past()[0];
    const r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [
      { client_id: x, status: 'present' },
      { client_id: y, status: 'late', late_minutes: 20 },
      { client_id: z, status: 'absent_excused' },
    ] });
    assert.equal(r.status, 200, r.text);
    assertSchema('SessionWithRoster', r.json);
    assert.equal(r.json.id, s.id);
    const a = rosterOf(r.json);
    assert.deepEqual([a[x].status, a[x].minutes_attended, a[x].late_minutes], ['present', 180, 0]);
    assert.deepEqual([a[y].status, a[y].minutes_attended, a[y].late_minutes], ['late', 160, 20]);
    assert.deepEqual([a[z].status, a[z].minutes_attended], ['absent_excused', 0]);
    assert.equal(a[x].recorded_by, staff.front_desk.id);
    assert.deepEqual(a[x].corrections, []);
    const g = await clin.get(`/api/v1/sessions/${s.id}`);
    assert.equal(g.status, 200, g.text);
    assertSchema('SessionWithRoster', g.json);
    assert.deepEqual(rosterOf(g.json), a);
    // Part of a roster: the others keep no record.
    const s2 = past()[1];
    const p = await clin.put(`/api/v1/sessions/${s2.id}/attendance`, { records: [
      { client_id: x, status: 'left_early', left_early_minutes: 45 },
    ] });
    assert.equal(p.status, 200, p.text);
    const b = rosterOf(p.json);
    assert.deepEqual([b[x].status, b[x].minutes_attended], ['left_early', 135]);
    assert.equal(b[y], null);
  });

  test('audited on the trail of every client whose attendance was written, and of no other', async () => {
    const s = past()[2];
    const before = Number(sqlite(srv.db, 'SELECT max(id) FROM audit').trim());
    const r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [
      { client_id: x, status: 'present' }, { client_id: z, status: 'absent_unexcused' },
    ] });
    assert.equal(r.status, 200, r.text);
    const rows = auditRows(srv.db).filter((a) => a.id > before && a.action === 'attendance.record');
    assert.equal(rows.length, 1, 'one row for the request');
    assert.equal(Number(rows[0].record_id), s.id);
    const about = sqlite(srv.db, `SELECT client_id FROM audit_about WHERE audit_id = ${rows[0].id}`, { json: true }).map((a) => a.client_id);
    const trail = new Set([...about, Number(rows[0].client_id)].filter((c) => c > 0));
    assert.ok(trail.has(x) && trail.has(z), 'both written clients audited');
    assert.ok(!trail.has(y), 'a client not written is not on the row');
    assert.match(rows[0].detail, /written=2/);
  });

  test('a client not on the roster is named as records[i].client_id, and nothing is written', async () => {
    const s = past()[3];
    const was = counts();
    const r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [
      { client_id: x, status: 'present' }, { client_id: stranger, status: 'present' },
    ] });
    assertError(r, 400, 'invalid', 'off the roster');
    assert.deepEqual(Object.keys(r.json.error.fields), ['records[1].client_id']);
    assert.equal(counts(), was, 'nothing written');
    const g = await desk.get(`/api/v1/sessions/${s.id}`);
    assert.equal(rosterOf(g.json)[x], null);
  });

  test('bad records are named by place and field, and nothing is written', async () => {
    const s = past()[3];
    const was = counts();
    const r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [
      { client_id: x, status: 'late' },
      { client_id: y, status: 'left_early', left_early_minutes: 180 },
      { client_id: z, status: 'here' },
    ] });
    assertError(r, 400, 'invalid');
    const f = Object.keys(r.json.error.fields);
    for (const k of ['records[0].late_minutes', 'records[1].left_early_minutes', 'records[2].status'])
      assert.ok(f.includes(k), `${k} in ${f}`);
    const dup = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [
      { client_id: x, status: 'present' }, { client_id: x, status: 'absent_excused' },
    ] });
    assertError(dup, 400, 'invalid');
    assert.deepEqual(Object.keys(dup.json.error.fields), ['records[1].client_id']);
    for (const body of [{}, { records: 'all' }, { records: [] }, { records: [7] }]) {
      const b = await desk.put(`/api/v1/sessions/${s.id}/attendance`, body);
      assertError(b, 400, 'invalid', JSON.stringify(body));
    }
    assert.equal(counts(), was, 'nothing written');
    assertError(await desk.put('/api/v1/sessions/999999/attendance', { records: [{ client_id: x, status: 'present' }] }), 404, 'not_found');
    assertError(await billing.put(`/api/v1/sessions/${s.id}/attendance`, { records: [{ client_id: x, status: 'present' }] }), 403, 'forbidden');
  });

  test('a correction keeps the earlier value and who changed it; the same value again writes nothing', async () => {
    const s = past()[4];
    let r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [{ client_id: y, status: 'absent_unexcused' }] });
    assert.equal(r.status, 200, r.text);
    r = await clin.put(`/api/v1/sessions/${s.id}/attendance`, { records: [{ client_id: y, status: 'late', late_minutes: 30 }] });
    assert.equal(r.status, 200, r.text);
    let a = rosterOf(r.json)[y];
    assert.deepEqual([a.status, a.late_minutes, a.minutes_attended, a.recorded_by], ['late', 30, 150, staff.clinician.id]);
    assert.equal(a.corrections.length, 1);
    assert.deepEqual([a.corrections[0].status, a.corrections[0].minutes_attended, a.corrections[0].recorded_by,
      a.corrections[0].changed_by], ['absent_unexcused', 0, staff.front_desk.id, staff.clinician.id]);
    const was = counts();
    r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [{ client_id: y, status: 'late', late_minutes: 30 }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(counts(), was, 'the same value writes nothing');
    a = rosterOf((await desk.get(`/api/v1/sessions/${s.id}`)).json)[y];
    assert.equal(a.recorded_by, staff.clinician.id);
    assert.equal(a.corrections.length, 1);
  });

  test('a session that has not started, or is cancelled, takes no attendance', async () => {
    const s = sessions.find((s) => s.date > today);
    const was = counts();
    const r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [{ client_id: x, status: 'present' }] });
    assertError(r, 409, 'conflict', 'not started');
    assert.match(r.json.error.message, /not started/);
    assert.equal(counts(), was, 'nothing written');
    const c = past()[5];
    assert.equal((await dir.patch(`/api/v1/sessions/${c.id}`, { status: 'cancelled', reason: 'Facilitator ill' })).status, 200);
    const rc = await desk.put(`/api/v1/sessions/${c.id}/attendance`, { records: [{ client_id: x, status: 'present' }] });
    assertError(rc, 409, 'conflict', 'cancelled');
    assert.match(rc.json.error.message, /cancelled/);
    assert.equal(counts(), was, 'nothing written');
    // Once it has begun, it does.
    const now = await srv.advance(0);
    const wait = Math.ceil((Date.parse(s.starts_at) - now) / 1000) + 60;
    await srv.advance(wait);
    desk = await signIn(srv.url, 'front_desk');   // the clock moved past the idle limit
    const ok = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [{ client_id: x, status: 'present' }] });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(rosterOf(ok.json)[x].status, 'present');
  });
});

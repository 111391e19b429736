// Rolling rosters (issue 12, item 3 of "What must work"): admission into an
// episode with a track enrols the client from the admission date; the roster
// of a session is computed — the clients enrolled on its track on its date —
// so a new client is on every future session at once; moving a client to
// another track from a date (today or later) moves their sessions from then
// and leaves past rosters as they were; reading a roster is audited as a
// read of each client on it.
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
const EVERY_DAY = (start, type) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, minutes: 120, group_type: type }));

describe('enrolment and rolling rosters', () => {
  let srv;
  let adm, dir, desk, nurse, admin;
  const staff = {};
  let today;
  let trackA, trackB, trackOther;
  let from, to;

  const sessionsOf = async (trackId) => {
    const r = await dir.get(`/api/v1/sessions?track_id=${trackId}&from=${from}&to=${to}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const roster = async (id, api = desk) => {
    const r = await api.get(`/api/v1/sessions/${id}`);
    assert.equal(r.status, 200, r.text);
    assertSchema('SessionWithRoster', r.json);
    return r.json.roster.map((x) => x.client_id);
  };
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

  before(async () => {
    srv = await startServer({ testClock: true });
    [adm, dir, desk, nurse, admin] = await Promise.all(
      ['admissions', 'director', 'front_desk', 'nurse', 'admin'].map((u) => signIn(srv.url, u)));
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    today = localYmd(await srv.advance(0));
    from = plusDays(today, -14);
    to = plusDays(today, 21);
    const mk = async (site, name, start) => {
      const r = await dir.post('/api/v1/tracks', { site_id: site, name, level_of_care: '2.1', blocks: EVERY_DAY(start, 'process_group') });
      assert.equal(r.status, 201, r.text);
      const g = await dir.post(`/api/v1/tracks/${r.json.id}/sessions/generate`, { from, to });
      assert.equal(g.status, 200, g.text);
      return r.json;
    };
    trackA = await mk(1, 'Roster day', '03:00');
    trackB = await mk(1, 'Roster evening', '22:00');
    trackOther = await mk(2, 'Roster north', '22:00');
  });
  after(() => finish(srv));

  test('admission enrols from the admission date; a new client is on every session from then at once', async () => {
    const x = await admit(trackA.id, plusDays(today, -7));
    const list = await sessionsOf(trackA.id);
    for (const s of list) {
      const onIt = (await roster(s.id)).includes(x);
      assert.equal(onIt, s.date >= plusDays(today, -7), `${s.date}: on the roster from the admission`);
    }
    const en = await desk.get(`/api/v1/clients/${x}/enrolments`);
    assert.equal(en.status, 200, en.text);
    assertSchema('EnrolmentHistory', en.json);
    assert.deepEqual(en.json.items.map((e) => [e.track_id, e.from, e.until]), [[trackA.id, plusDays(today, -7), null]]);
    const y = await admit(trackA.id, today);
    const ahead = list.filter((s) => s.date >= today);
    for (const s of ahead) assert.ok((await roster(s.id)).includes(y), `${s.date}: the new client`);
    for (const s of list.filter((s) => s.date < today)) assert.ok(!(await roster(s.id)).includes(y));
  });

  test('a move to another track from a date moves the sessions from then; past rosters stay', async () => {
    const x = await admit(trackA.id, plusDays(today, -10));
    const listA = await sessionsOf(trackA.id), listB = await sessionsOf(trackB.id);
    const pastBefore = {};
    for (const s of listA.filter((s) => s.date < today)) pastBefore[s.id] = await roster(s.id);
    const move = plusDays(today, 7);
    const r = await adm.post(`/api/v1/clients/${x}/enrolments`, { track_id: trackB.id, from: move });
    assert.equal(r.status, 201, r.text);
    assertSchema('Enrolment', r.json);
    assert.deepEqual([r.json.client_id, r.json.track_id, r.json.from, r.json.until], [x, trackB.id, move, null]);
    for (const s of listA) assert.equal((await roster(s.id)).includes(x), s.date >= plusDays(today, -10) && s.date < move, `A ${s.date}`);
    for (const s of listB) assert.equal((await roster(s.id)).includes(x), s.date >= move, `B ${s.date}`);
    for (const [id, was] of Object.entries(pastBefore)) assert.deepEqual(await roster(id), was, 'past rosters unchanged');
    const en = (await desk.get(`/api/v1/clients/${x}/enrolments`)).json.items;
    assert.deepEqual(en.map((e) => [e.track_id, e.from, e.until]), [[trackA.id, plusDays(today, -10), move], [trackB.id, move, null]]);
    // Moving back from an earlier date replaces the planned move.
    const back = await adm.post(`/api/v1/clients/${x}/enrolments`, { track_id: trackA.id, from: plusDays(today, 3) });
    assertError(back, 409, 'conflict', 'already on A then');
    const b2 = await adm.post(`/api/v1/clients/${x}/enrolments`, { track_id: trackB.id, from: plusDays(today, 3) });
    assert.equal(b2.status, 201, b2.text);
    const en2 = (await desk.get(`/api/v1/clients/${x}/enrolments`)).json.items;
    assert.deepEqual(en2.map((e) => [e.track_id, e.from, e.until]), [[trackA.id, plusDays(today, -10), plusDays(today, 3)], [trackB.id, plusDays(today, 3), null]]);
    const rows = auditRows(srv.db).filter((a) => a.action === 'enrolment.create');
    assert.ok(rows.some((a) => Number(a.client_id) === x));
  });

  test('refusals name the field and move no one', async () => {
    const x = await admit(trackA.id, plusDays(today, -3));
    const before = sqlite(srv.db, `SELECT count(*) FROM enrolment WHERE client_id = ${x}`).trim();
    let r = await adm.post(`/api/v1/clients/${x}/enrolments`, { track_id: trackB.id, from: plusDays(today, -1) });
    assertError(r, 400, 'invalid');
    assert.deepEqual(Object.keys(r.json.error.fields), ['from']);
    r = await adm.post(`/api/v1/clients/${x}/enrolments`, { track_id: trackOther.id, from: today });
    assertError(r, 400, 'invalid');
    assert.deepEqual(Object.keys(r.json.error.fields), ['track_id']);
    r = await adm.post(`/api/v1/clients/${x}/enrolments`, { track_id: 999999, from: today });
    assertError(r, 400, 'invalid');
    assert.deepEqual(Object.keys(r.json.error.fields), ['track_id']);
    r = await adm.post(`/api/v1/clients/${x}/enrolments`, { from: 'soon' });
    assertError(r, 400, 'invalid');
    assert.deepEqual(Object.keys(r.json.error.fields).sort(), ['from', 'track_id']);
    assertError(await adm.post(`/api/v1/clients/${x}/enrolments`, { track_id: trackA.id, from: today }), 409, 'conflict');
    assertError(await desk.post(`/api/v1/clients/${x}/enrolments`, { track_id: trackB.id, from: today }), 403, 'forbidden');
    const c = await adm.post('/api/v1/clients', clientBody());
    assertError(await adm.post(`/api/v1/clients/${c.json.id}/enrolments`, { track_id: trackB.id, from: today }), 409, 'conflict', 'no episode');
    assert.equal(sqlite(srv.db, `SELECT count(*) FROM enrolment WHERE client_id = ${x}`).trim(), before);
  });

  test('reading a roster is a read of each client on it', async () => {
    const x = await admit(trackB.id, today);
    const s = (await sessionsOf(trackB.id)).find((s) => s.date >= today);
    const ids = await roster(s.id, nurse);
    assert.ok(ids.includes(x));
    const row = auditRows(srv.db).filter((a) => a.action === 'session.read').pop();
    assert.equal(Number(row.record_id), s.id);
    const about = sqlite(srv.db, `SELECT client_id FROM audit_about WHERE audit_id = ${row.id}`, { json: true }).map((a) => a.client_id);
    for (const id of ids) assert.ok(about.includes(id) || Number(row.client_id) === id, `client ${id} audited`);
    assertError(await admin.get(`/api/v1/sessions/${s.id}`), 403, 'forbidden', 'no clients.read');
  });

  test('an appointment over a session of the client\'s roster, its facilitator or its room is a 409 naming the session', async () => {
    const rooms = (await dir.get('/api/v1/rooms?site_id=1')).json.items;
    const t = (await dir.post('/api/v1/tracks', { site_id: 1, name: 'Roster busy', level_of_care: '2.1',
      blocks: EVERY_DAY('12:00', 'relapse_prevention').map((b) => ({ ...b, facilitator_id: staff.clinician.id, room_id: rooms[0].id })) })).json;
    const day = plusDays(today, 2);
    assert.equal((await dir.post(`/api/v1/tracks/${t.id}/sessions/generate`, { from: day, to: day })).status, 200);
    const s = (await dir.get(`/api/v1/sessions?track_id=${t.id}&from=${day}&to=${day}`)).json.items[0];
    const x = await admit(t.id, today);
    const at = new Date(Date.parse(s.starts_at) + 30 * 60e3).toISOString().slice(0, 16) + 'Z';
    const appt = (over) => ({ kind: 'individual_therapy', site_id: 1, staff_id: staff.case_manager.id, starts_at: at, minutes: 50, ...over });
    // The client is on the session's roster.
    let r = await adm.post(`/api/v1/clients/${x}/appointments`, appt({ kind: 'case_management' }));
    assertError(r, 409, 'conflict');
    assert.deepEqual([r.json.error.conflict.type, r.json.error.conflict.id, r.json.error.conflict.on], ['session', s.id, 'client']);
    assert.match(r.json.error.message, /relapse prevention/);
    // Another client with the session's facilitator, then in its room.
    const other = (await adm.post('/api/v1/clients', clientBody())).json.id;
    r = await adm.post(`/api/v1/clients/${other}/appointments`, appt({ kind: 'case_management', staff_id: staff.clinician.id }));
    assertError(r, 409, 'conflict');
    assert.deepEqual([r.json.error.conflict.type, r.json.error.conflict.on], ['session', 'staff']);
    r = await adm.post(`/api/v1/clients/${other}/appointments`, appt({ kind: 'case_management', room_id: rooms[0].id }));
    assertError(r, 409, 'conflict');
    assert.deepEqual([r.json.error.conflict.type, r.json.error.conflict.on], ['session', 'room']);
    // Cancelled, the session is no commitment.
    assert.equal((await dir.patch(`/api/v1/sessions/${s.id}`, { status: 'cancelled', reason: 'Facilitator ill' })).status, 200);
    r = await adm.post(`/api/v1/clients/${x}/appointments`, appt({ kind: 'case_management' }));
    assert.equal(r.status, 201, r.text);
  });
});

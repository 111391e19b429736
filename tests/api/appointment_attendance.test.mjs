// An appointment's outcome (issue 12, item 5): PUT /appointments/{id}/attendance
// refused before the start (409 naming the field, nothing written), recorded
// once started (attended with the whole length unless given, no-show),
// bad values named, a correction kept in attendance_history with who changed
// it, the same outcome again writing nothing, a late cancellation by the
// client recording the outcome itself, a program's cancellation taking
// none, who may (clients.write), and the audit row on the client's trail.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, assertSchema, finish, auditRows, sqlite, careTeam } from './helpers.mjs';

const MIN = 60e3;
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';

describe('appointment attendance', () => {
  let srv, desk, clin, nurse, prescriber;
  const staff = {};
  let ann, site;
  let soon, later, early;     // appointments: 30 minutes ahead, 3 hours ahead, 3 days ahead

  const changes = () => Number(sqlite(srv.db, 'SELECT count(*) FROM appointment_attendance_change').trim());
  const outcome = (id) => sqlite(srv.db, `SELECT attendance || ',' || attended_minutes FROM appointment WHERE id = ${id}`).trim();
  const put = (api, id, body) => api.put(`/api/v1/appointments/${id}/attendance`, body);
  const signInAll = async () => {
    [desk, clin, nurse, prescriber] = await Promise.all(
      ['front_desk', 'clinician', 'nurse', 'prescriber'].map((u) => signIn(srv.url, u)));
  };

  before(async () => {
    srv = await startServer({ testClock: true });
    await signInAll();
    const admin = await signIn(srv.url, 'admin');
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    site = (await admin.get('/api/v1/sites')).json.items.map((s) => s.id).sort((x, y) => x - y)[0];
    const c = await desk.post('/api/v1/clients', clientBody({ first_name: 'Ann' }));
    assert.equal(c.status, 201, c.text);
    await careTeam(srv.url, c.json.id);
    ann = c.json.id;
    const now = await srv.advance(0);
    const base = Math.ceil(now / (5 * MIN)) * 5 * MIN;
    const book = async (start, minutes = 50) => {
      const r = await desk.post(`/api/v1/clients/${ann}/appointments`, {
        kind: 'individual_therapy', site_id: site, staff_id: staff.clinician.id,
        starts_at: at(start), minutes,
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.attendance, null);
      assert.equal(r.json.attended_minutes, 0);
      assert.deepEqual(r.json.attendance_history, []);
      assertSchema('Appointment', r.json);
      return r.json;
    };
    soon = await book(base + 30 * MIN);
    later = await book(base + 180 * MIN, 60);
    early = await book(base + 3 * 1440 * MIN);
  });
  after(() => finish(srv));

  test('before the start: 409 naming attendance, nothing written', async () => {
    const r = await put(desk, soon.id, { attendance: 'attended' });
    assertError(r, 409, 'conflict');
    assert.match(r.json.error.message, /has not started yet/);
    assert.ok(r.json.error.fields.attendance, r.text);
    assert.equal(outcome(soon.id), ',0');
  });

  test('bad values are named; a missing appointment is 404', async () => {
    let r = await put(desk, soon.id, { attendance: 'present' });
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields.attendance, /attended, no_show or late_cancellation/);
    r = await put(desk, soon.id, {});
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.attendance);
    r = await put(desk, soon.id, { attendance: 'attended', attended_minutes: 'lots' });
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.attended_minutes);
    r = await put(desk, 999999, { attendance: 'no_show' });
    assertError(r, 404, 'not_found');
  });

  test('once started: attended, the whole length unless given; audited on the client', async () => {
    const now = await srv.advance(0);
    await srv.advance(Math.ceil((Date.parse(soon.starts_at) - now) / 1000) + 60);
    await signInAll();   // the clock may have moved past the idle limit
    let r = await put(desk, soon.id, { attendance: 'attended', attended_minutes: 51 });
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields.attended_minutes, /from 1 to 50/);
    r = await put(desk, soon.id, { attendance: 'no_show', attended_minutes: 20 });
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields.attended_minutes, /only given when the client attended/);
    assert.equal(outcome(soon.id), ',0', 'nothing written');
    const n0 = auditRows(srv.db).length;
    r = await put(desk, soon.id, { attendance: 'attended' });
    assert.equal(r.status, 200, r.text);
    assertSchema('Appointment', r.json);
    assert.equal(r.json.attendance, 'attended');
    assert.equal(r.json.attended_minutes, 50);
    assert.equal(r.json.attendance_recorded_by, staff.front_desk.full_name);
    assert.ok(r.json.attendance_recorded_at);
    assert.deepEqual(r.json.attendance_history, []);
    const row = auditRows(srv.db).slice(n0).find((x) => x.action === 'appointment.attendance');
    assert.ok(row, 'an appointment.attendance row');
    assert.deepEqual([row.record_type, row.record_id, row.client_id, row.username, row.detail],
      ['appointment', soon.id, ann, 'front_desk', 'attended']);
  });

  test('a correction keeps the earlier outcome and who changed it; the same again writes nothing', async () => {
    let r = await put(clin, soon.id, { attendance: 'attended', attended_minutes: 35 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.attended_minutes, 35);
    assert.equal(r.json.attendance_recorded_by, staff.clinician.full_name);
    assert.equal(r.json.attendance_history.length, 1);
    const h = r.json.attendance_history[0];
    assert.deepEqual([h.attendance, h.attended_minutes, h.recorded_by, h.changed_by],
      ['attended', 50, staff.front_desk.full_name, staff.clinician.full_name]);
    assert.ok(h.recorded_at && h.changed_at);
    const n = changes();
    r = await put(desk, soon.id, { attendance: 'attended', attended_minutes: 35 });
    assert.equal(r.status, 200, r.text);
    assert.equal(changes(), n, 'the same outcome again: nothing kept');
    assert.equal(r.json.attendance_recorded_by, staff.clinician.full_name);
    r = await put(desk, soon.id, { attendance: 'no_show', attended_minutes: null });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.attended_minutes, 0);
    assert.deepEqual(r.json.attendance_history.map((x) => x.attended_minutes), [50, 35]);
    const got = await nurse.get(`/api/v1/appointments/${soon.id}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.attendance, 'no_show');
    assert.equal(got.json.attendance_history.length, 2);
    const row = auditRows(srv.db).filter((x) => x.action === 'appointment.attendance').at(-1);
    assert.equal(row.detail, 'no_show; corrected');
  });

  test('who may: clients.write (not the nurse or prescriber)', async () => {
    for (const api of [nurse, prescriber]) {
      const r = await put(api, soon.id, { attendance: 'attended' });
      assertError(r, 403, 'forbidden');
    }
    assert.equal(outcome(soon.id), 'no_show,0');
  });

  test('a late cancellation by the client records the outcome; a program cancellation takes none', async () => {
    // Two and a half hours ahead, by the client: late.
    let r = await desk.post(`/api/v1/appointments/${later.id}/cancel`, { cancelled_by: 'client', reason: 'No ride' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.late_cancellation, true);
    assert.equal(r.json.attendance, 'late_cancellation');
    assert.equal(r.json.attendance_recorded_by, staff.front_desk.full_name);
    r = await put(desk, later.id, { attendance: 'attended' });
    assertError(r, 409, 'conflict');
    assert.match(r.json.error.message, /only a late cancellation/);
    // Three days ahead by the client: not late, no outcome, but staff may judge it late.
    r = await desk.post(`/api/v1/appointments/${early.id}/cancel`, { cancelled_by: 'client', reason: 'Moving' });
    assert.equal(r.json.late_cancellation, false);
    assert.equal(r.json.attendance, null);
    r = await put(desk, early.id, { attendance: 'late_cancellation' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.late_cancellation, true);
    // An outcome recorded: the appointment is no longer cancelled.
    r = await desk.post(`/api/v1/appointments/${soon.id}/cancel`, { cancelled_by: 'program', reason: 'Oops' });
    assertError(r, 409, 'conflict');
    assert.match(r.json.error.message, /outcome is recorded/);
  });
});

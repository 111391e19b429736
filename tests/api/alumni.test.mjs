// Alumni (issue 14, item 4): a discharge plans the check-ins due 30, 60,
// 90, 180 and 365 days after it in the same transaction, each a task of the
// alumni coordinator (a staff flag; the primary clinician when nobody has
// it); a deceased client gets none.  A call recorded on a check-in: reached
// closes it and its task, not reached counts an attempt and the third
// closes it; readmission wanted puts an inquiry linked to the client on the
// admissions board.  Events take RSVPs and attendance of alumni only; the
// alumni list shows the last contact, the next check-in and the overdue
// ones first.  Bad bodies name their field and write nothing.
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

describe('alumni', () => {
  let srv, adm, dir, admin, cm, clin;
  const staff = {};
  let track, today;

  const signAll = async () => {
    [adm, dir, admin, cm, clin] = await Promise.all(
      ['admissions', 'director', 'admin', 'case_manager', 'clinician'].map((u) => signIn(srv.url, u)));
  };
  const admit = async (over = {}) => {
    const c = await adm.post('/api/v1/clients', clientBody(over));
    assert.equal(c.status, 201, c.text);
    const r = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: track.id, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: plusDays(today, -20),
    });
    assert.equal(r.status, 201, r.text);
    return { client: c.json.id, episode: r.json.id, name: `${c.json.first_name} ${c.json.last_name}` };
  };
  const discharge = async (x, type = 'completed', date = plusDays(today, -1)) => {
    const r = await dir.post(`/api/v1/episodes/${x.episode}/discharge`, { date, type });
    assert.equal(r.status, 200, r.text);
    return date;
  };
  const checkins = async (clientId) => {
    const r = await dir.get(`/api/v1/clients/${clientId}/alumni-checkins`);
    assert.equal(r.status, 200, r.text);
    assertSchema('AlumniCheckins', r.json);
    return r.json.items;
  };
  const taskRow = (id) => sqlite(srv.db, `SELECT kind || '|' || coalesce(assigned_to, 0) || '|' || (done_at > 0) FROM task WHERE id = ${id}`).trim();

  before(async () => {
    srv = await startServer({ testClock: true });
    await signAll();
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    today = localYmd(await srv.advance(0));
    const tracks = await dir.get('/api/v1/tracks?site_id=1');
    track = tracks.json.items.find((t) => t.level_of_care === '2.1' && t.active);
    assert.ok(track, 'a 2.1 track at site 1');
  });
  after(() => finish(srv));

  test('discharge plans five check-ins, each a task: the primary clinician\'s while nobody is the alumni coordinator, then the coordinator\'s', async () => {
    // The demo's coordinator (the account "alumni") loses the flag: with
    // nobody flagged, the check-ins go to the episode's primary clinician.
    assert.equal(staff.alumni.alumni_coordinator, true);
    const un = await admin.patch(`/api/v1/staff/${staff.alumni.id}`, { alumni_coordinator: false });
    assert.equal(un.status, 200, un.text);
    const a = await admit();
    const on = await discharge(a, 'against_advice');
    const ka = await checkins(a.client);
    assert.deepEqual(ka.map((k) => k.day), [30, 60, 90, 180, 365]);
    assert.deepEqual(ka.map((k) => k.due_on), [30, 60, 90, 180, 365].map((n) => plusDays(on, n)));
    for (const k of ka) {
      assert.equal(k.status, 'open');
      assert.equal(k.assigned_to.staff_id, staff.clinician.id);
      assert.equal(taskRow(k.task_id), `alumni_checkin|${staff.clinician.id}|0`);
    }
    const det = auditRows(srv.db).filter((r) => r.action === 'episode.discharge').at(-1);
    assert.match(det.detail, /alumni_checkins=5/);

    // The administrator makes the case manager the alumni coordinator.
    const f = await admin.patch(`/api/v1/staff/${staff.case_manager.id}`, { alumni_coordinator: true });
    assert.equal(f.status, 200, f.text);
    assert.equal(f.json.alumni_coordinator, true);
    assertSchema('Staff', f.json);
    const me = await cm.get('/api/v1/me');
    assert.equal(me.json.user.alumni_coordinator, true);
    const b = await admit();
    const countBefore = (await cm.get('/api/v1/tasks/count')).json;
    await discharge(b);
    // The badge leaves out check-ins due more than 14 days ahead (all five here).
    assert.deepEqual((await cm.get('/api/v1/tasks/count')).json, countBefore);
    const kb = await checkins(b.client);
    assert.equal(kb.length, 5);
    assert.ok(kb.every((k) => k.assigned_to.staff_id === staff.case_manager.id));
    // On the coordinator's worklist, with the client.
    const tasks = await cm.get('/api/v1/tasks?limit=200');
    assert.equal(tasks.status, 200, tasks.text);
    const mine = tasks.json.items.filter((t) => t.kind === 'alumni_checkin' && t.client_id === b.client);
    assert.equal(mine.length, 5);
    assert.equal(mine[0].title, 'Alumni check-in: 30 days after discharge');
    // The generic Done refuses it: the call is recorded on the form.
    assertError(await cm.post(`/api/v1/tasks/${mine[0].id}/done`, { response: 'done' }), 409, 'conflict');
    // The form finds the check-in by its task.
    const byTask = await cm.get(`/api/v1/alumni/checkins?task_id=${mine[0].id}`);
    assert.equal(byTask.status, 200, byTask.text);
    assert.equal(byTask.json.items[0].id, kb[0].id);
    assertError(await cm.get('/api/v1/alumni/checkins'), 400, 'invalid');
  });

  test('a deceased client gets no check-ins; a step-down to another level in the program none either', async () => {
    const d = await admit();
    await discharge(d, 'deceased');
    assert.equal((await checkins(d.client)).length, 0);
    const s = await admit();
    const php = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Alumni PHP', level_of_care: '2.5',
      blocks: [{ weekday: 1, start: '09:00', minutes: 240, group_type: 'process_group' }] });
    assert.equal(php.status, 201, php.text);
    const t = await dir.post(`/api/v1/episodes/${s.episode}/transfer`, { date: plusDays(today, -1), level: '2.5', track_id: php.json.id });
    assert.equal(t.status, 201, t.text);
    assert.equal((await checkins(s.client)).length, 0);
    assert.ok(!(await dir.get('/api/v1/alumni?limit=200')).json.items.some((a) => a.client_id === s.client), 'not an alumnus');
  });

  test('recording calls: bad bodies name their field; not reached three times closes; reached with readmission starts an inquiry on the board', async () => {
    const x = await admit({ phone: '(312) 555-0199' });
    await discharge(x);
    const [k30, k60] = await checkins(x.client);
    const path = (k) => `/api/v1/alumni/checkins/${k.id}`;
    const bad = async (body, field) => {
      const r = await cm.post(path(k30), body);
      assertError(r, 400, 'invalid');
      assert.ok(r.json.error.fields[field], `${field}: ${r.text}`);
    };
    await bad({}, 'outcome');
    await bad({ outcome: 'maybe' }, 'outcome');
    await bad({ outcome: 'reached' }, 'recovery_status');
    await bad({ outcome: 'reached', recovery_status: 'fine' }, 'recovery_status');
    await bad({ outcome: 'not_reached', readmission_wanted: true }, 'readmission_wanted');
    await bad({ outcome: 'reached', recovery_status: 'in_recovery', mood: 'good' }, 'mood');
    await bad({ outcome: 'reached', recovery_status: 'in_recovery', notes: 'x'.repeat(2001) }, 'notes');
    assert.equal(sqlite(srv.db, `SELECT attempts || '|' || outcome FROM alumni_checkin WHERE id = ${k30.id}`).trim(), '0|');
    assertError(await cm.post('/api/v1/alumni/checkins/999999', { outcome: 'not_reached' }), 404, 'not_found');
    // The front desk may record (clients.write); billing may not.
    assertError(await (await signIn(srv.url, 'billing')).post(path(k60), { outcome: 'not_reached' }), 403, 'forbidden');

    // Not reached: an attempt, still open; the third closes it and its task.
    for (const n of [1, 2, 3]) {
      const r = await cm.post(path(k60), { outcome: 'not_reached', notes: `Voicemail ${n}` });
      assert.equal(r.status, 200, r.text);
      assertSchema('AlumniCheckin', r.json);
      assert.equal(r.json.attempts, n);
      assert.equal(r.json.closed, n === 3);
      assert.equal(r.json.status, n === 3 ? 'not_reached' : 'attempted');
      assert.equal(taskRow(k60.task_id).endsWith(n === 3 ? '|1' : '|0'), true);
    }
    assertError(await cm.post(path(k60), { outcome: 'not_reached' }), 409, 'conflict');

    // Reached, asking to come back: an inquiry with the client's name and
    // phone, linked to the client, on the board; the task done.
    const r = await cm.post(path(k30), {
      outcome: 'reached', recovery_status: 'using', notes: 'Struggling since a job loss.', readmission_wanted: true,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'reached');
    assert.equal(r.json.recovery_status, 'using');
    assert.equal(r.json.inquiry_created, true);
    assert.ok(r.json.inquiry_id > 0);
    assert.equal(r.json.contacted_by.staff_id, staff.case_manager.id);
    assert.equal(taskRow(k30.task_id), `alumni_checkin|${staff.case_manager.id}|1`);
    const board = await adm.get('/api/v1/inquiries?limit=200');
    assert.equal(board.status, 200, board.text);
    const q = board.json.items.find((i) => i.id === r.json.inquiry_id);
    assert.ok(q, 'the inquiry is on the admissions board');
    assert.equal(q.name, x.name);
    assert.equal(q.phone, '(312) 555-0199');
    assert.equal(q.client_id, x.client);
    assert.equal(q.source, 'alumni');
    assert.equal(q.status, 'new');
    // The audit row says what happened, never what was said.
    const row = auditRows(srv.db).filter((a) => a.action === 'alumni.checkin_record').at(-1);
    assert.equal(row.client_id, x.client);
    assert.match(row.detail, /outcome=reached; attempt=1; closed; readmission inquiry/);
    assert.doesNotMatch(row.detail, /using|job/);
  });

  test('events: RSVPs and attendance of alumni only; the alumni list shows the last contact, the next check-in and the overdue first', async () => {
    const x = await admit();
    const on = await discharge(x);
    const open = await admit();   // still in the program: not an alumnus
    const list = async (q = '') => {
      const r = await dir.get('/api/v1/alumni?limit=200' + q);
      assert.equal(r.status, 200, r.text);
      for (const it of r.json.items) assertSchema('Alumnus', it);
      return r.json;
    };
    let mine = (await list()).items.find((a) => a.client_id === x.client);
    assert.ok(mine, 'the discharged client is an alumnus');
    assert.equal(mine.discharged_on, on);
    assert.equal(mine.discharge_type, 'completed');
    assert.equal(mine.last_contact_on, null);
    assert.equal(mine.next_checkin.day, 30);
    assert.equal(mine.next_checkin.due_on, plusDays(on, 30));
    assert.equal(mine.overdue, false);
    assert.equal(mine.coordinator.staff_id, staff.case_manager.id);
    assert.ok(!(await list()).items.some((a) => a.client_id === open.client));
    // The list is audited, naming every client shown.
    const lr = auditRows(srv.db).filter((a) => a.action === 'alumni.list').at(-1);
    assert.ok(lr, 'an alumni.list row');
    assert.equal(sqlite(srv.db, `SELECT count(*) FROM audit_about WHERE audit_id = ${lr.id} AND client_id = ${x.client}`).trim() === '1' || lr.client_id === x.client, true);

    // Forty days on: the 30-day check-in is overdue, and first.
    await srv.advance(40 * 86400);
    await signAll();
    const now = (await list('&site_id=1')).today;   // the local date at the client's site
    mine = (await list()).items.find((a) => a.client_id === x.client);
    assert.equal(mine.overdue, true);
    const od = await list('&overdue=true');
    assert.ok(od.items.length >= 1 && od.items.every((a) => a.overdue));
    assert.ok(od.items.some((a) => a.client_id === x.client));
    const all = (await list()).items;
    const firstNot = all.findIndex((a) => !a.overdue);
    assert.ok(firstNot === -1 || all.slice(firstNot).every((a) => !a.overdue), 'overdue first');
    assertError(await dir.get('/api/v1/alumni?overdue=soon'), 400, 'invalid');

    // Reached today: the last contact is the check-in, the next is the 60-day one.
    const k = (await checkins(x.client))[0];
    const rc = await cm.post(`/api/v1/alumni/checkins/${k.id}`, { outcome: 'reached', recovery_status: 'in_recovery' });
    assert.equal(rc.status, 200, rc.text);
    mine = (await list()).items.find((a) => a.client_id === x.client);
    assert.equal(mine.last_contact_on, now);
    assert.equal(mine.last_contact_kind, 'checkin');
    assert.equal(mine.next_checkin.day, 60);
    assert.equal(mine.checkins_reached, 1);

    // An event: bad bodies name their field.
    const badEv = async (body, field) => {
      const r = await cm.post('/api/v1/alumni/events', body);
      assertError(r, 400, 'invalid');
      assert.ok(r.json.error.fields[field], `${field}: ${r.text}`);
    };
    const evDate = plusDays(now, 3);
    await badEv({ date: evDate, start_time: '18:30', topic: 'Summer picnic' }, 'site_id');
    await badEv({ site_id: 1, date: '2026-02-30', start_time: '18:30', topic: 'Summer picnic' }, 'date');
    await badEv({ site_id: 1, date: evDate, start_time: '6pm', topic: 'Summer picnic' }, 'start_time');
    await badEv({ site_id: 1, date: evDate, start_time: '18:30', topic: '' }, 'topic');
    await badEv({ site_id: 999999, date: evDate, start_time: '18:30', topic: 'Summer picnic' }, 'site_id');
    const ev = await cm.post('/api/v1/alumni/events', { site_id: 1, date: evDate, start_time: '18:30', topic: 'Summer picnic' });
    assert.equal(ev.status, 201, ev.text);
    assertSchema('AlumniEvent', ev.json);
    const rsvp = (clientId, body) => cm.put(`/api/v1/alumni/events/${ev.json.id}/rsvps/${clientId}`, body);
    const notAlum = await rsvp(open.client, { rsvp: 'yes' });
    assertError(notAlum, 400, 'invalid');
    assert.ok(notAlum.json.error.fields.client_id, notAlum.text);
    assertError(await rsvp(x.client, { rsvp: 'perhaps' }), 400, 'invalid');
    assertError(await rsvp(x.client, { attended: 'yes' }), 400, 'invalid');
    assertError(await rsvp(x.client, {}), 400, 'invalid');
    const y = await rsvp(x.client, { rsvp: 'yes' });
    assert.equal(y.status, 200, y.text);
    assertSchema('AlumniRsvp', y.json);
    assert.deepEqual([y.json.rsvp, y.json.attended], ['yes', null]);
    const came = await rsvp(x.client, { attended: true });
    assert.deepEqual([came.json.rsvp, came.json.attended], ['yes', true]);
    const got = await dir.get(`/api/v1/alumni/events/${ev.json.id}`);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.json.rsvps, { yes: 1, maybe: 0, no: 0 });
    assert.equal(got.json.attended, 1);
    assert.equal(got.json.attendees[0].client_id, x.client);
    const evs = await dir.get('/api/v1/alumni/events');
    assert.ok(evs.json.items.some((e) => e.id === ev.json.id));
    // The event attended (later than the check-in) is now the last contact.
    mine = (await list()).items.find((a) => a.client_id === x.client);
    assert.equal(mine.last_contact_on, evDate);
    assert.equal(mine.last_contact_kind, 'event');
    // The chart carries the check-ins.
    const chart = await dir.get(`/api/v1/clients/${x.client}/chart`);
    assert.equal(chart.status, 200, chart.text);
    assert.equal(chart.json.alumni_checkins.items.length, 5);
  });
});

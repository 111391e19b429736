// A client's hours in a program week (issue 12, item 6): the fixed shape of
// GET /api/v1/clients/{id}/hours?week=; the week Monday to Sunday in the
// site's zone; a closure cancelling a day; late arrival counted off; the
// flags raised as the week is being lost; no open episode is a 409; a bad
// week is a 400 naming `week`; every read audited as a read of the client.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, assertSchema, finish, auditRows, careTeam } from './helpers.mjs';

const DAY = 86400e3;
const TZ = 'America/Denver';
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
const isoWeekday = (ymd) => new Date(ymd + 'T12:00:00Z').getUTCDay() || 7;
function localYmd(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

describe('a client\'s hours in a week', () => {
  let srv, admin, dir, adm, clin, desk;
  let mon, x, idle, sessions, site, today;
  const staff = {};

  const signInAll = async () => {
    [admin, dir, adm, clin, desk] = await Promise.all(
      ['admin', 'director', 'admissions', 'clinician', 'front_desk'].map((u) => signIn(srv.url, u)));
  };
  // Move the test clock to a minute after the session on date ends.
  const pastSession = async (date) => {
    const s = sessions.find((g) => g.date === date && g.status === 'scheduled');
    const now = await srv.advance(0);
    const target = Date.parse(s.ends_at) + 60e3;
    if (target > now) await srv.advance(Math.ceil((target - now) / 1000));
    await signInAll();
    return s;
  };
  const hours = async (id, week) => {
    const r = await clin.get(`/api/v1/clients/${id}/hours` + (week ? `?week=${week}` : ''));
    assert.equal(r.status, 200, r.text);
    assertSchema('ClientHours', r.json);
    return r.json;
  };

  before(async () => {
    srv = await startServer({ testClock: true });
    await signInAll();
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    const st = await admin.post('/api/v1/sites', { name: 'Foothills Hours', timezone: TZ, address: '9 Pine Rd, Boulder', phone: '303-555-0100' });
    assert.equal(st.status, 201, st.text);
    site = st.json.id;
    today = localYmd(await srv.advance(0));
    mon = plusDays(today, 8 - isoWeekday(today));     // next Monday, local
    // Monday to Thursday, 3 h at 09:00: 12 h a week, 9 h without Wednesday.
    const blocks = [1, 2, 3, 4].map((weekday) => ({ weekday, start: '09:00', minutes: 180, group_type: 'process_group' }));
    const t = await dir.post('/api/v1/tracks', { site_id: site, name: 'Hours morning', level_of_care: '2.1', blocks });
    assert.equal(t.status, 201, t.text);
    const g = await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: today, to: plusDays(mon, 13) });
    assert.equal(g.status, 200, g.text);
    const c = await dir.post(`/api/v1/sites/${site}/closures`, { date: plusDays(mon, 2), reason: 'Staff training day' });
    assert.equal(c.status, 201, c.text);
    sessions = (await dir.get(`/api/v1/sessions?track_id=${t.json.id}&from=${mon}&to=${plusDays(mon, 6)}`)).json.items;
    assert.equal(sessions.length, 4);
    const admit = async () => {
      const cl = await adm.post('/api/v1/clients', clientBody());
      assert.equal(cl.status, 201, cl.text);
      await careTeam(srv.url, cl.json.id);
      const r = await adm.post(`/api/v1/clients/${cl.json.id}/episodes`, {
        level: '2.1', site_id: site, track_id: t.json.id, primary_clinician_id: staff.clinician.id,
        privacy_notice_given: true, admitted_on: today,
      });
      assert.equal(r.status, 201, r.text);
      return cl.json.id;
    };
    x = await admit();
    const cl = await adm.post('/api/v1/clients', clientBody());
    assert.equal(cl.status, 201, cl.text);
    await careTeam(srv.url, cl.json.id);
    idle = cl.json.id;
  });
  after(() => finish(srv));

  test('a week still ahead: the closure cancels Wednesday, all else possible, no flag', async () => {
    const before = Math.max(0, ...auditRows(srv.db).map((a) => a.id));
    const h = await hours(x, plusDays(mon, 3));      // a Thursday names its week
    assert.deepEqual(Object.keys(h).sort(), ['admission_week', 'attended_days', 'attended_minutes', 'days', 'flags',
      'possible_days', 'possible_minutes', 'required_minutes', 'scheduled_minutes', 'step_down_week', 'week_start']);
    assert.equal(h.week_start, mon);
    assert.equal(h.required_minutes, 540);
    assert.equal(h.attended_minutes, 0);
    assert.equal(h.attended_days, 0);
    assert.equal(h.scheduled_minutes, 540);
    assert.equal(h.possible_minutes, 540);
    assert.deepEqual(h.flags, []);
    assert.deepEqual(h.days.map((d) => d.date), [0, 1, 2, 3, 4, 5, 6].map((i) => plusDays(mon, i)));
    assert.deepEqual(h.days.map((d) => d.scheduled_minutes), [180, 180, 0, 180, 0, 0, 0]);
    assert.deepEqual(Object.keys(h.days[0]).sort(), ['attended_minutes', 'date', 'scheduled_minutes', 'short_day']);
    const rows = auditRows(srv.db).filter((a) => a.id > before && a.action === 'client.read');
    assert.equal(rows.length, 1);
    assert.equal(Number(rows[0].client_id), x);
    // A week before the enrolment (today lies in the week before Monday,
    // so the one before that): nothing on the roster, whatever today is.
    const prev = await hours(x, plusDays(mon, -8));
    assert.equal(prev.week_start, plusDays(mon, -14));
    assert.equal(prev.scheduled_minutes, 0);
    assert.equal(h.admission_week, false);
    // The week of the admission (today): partial unless today is its Monday,
    // and then not held to the minimum or three days.
    const first = await hours(x, today);
    assert.equal(first.admission_week, isoWeekday(today) !== 1);
    if (first.admission_week) {
      assert.ok(!first.flags.includes('below_weekly_minimum') && !first.flags.includes('below_three_days'), first.flags.join());
    }
  });

  test('Monday 20 minutes late: a short day, and 9 h no longer possible', async () => {
    const s = await pastSession(mon);
    const r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [
      { client_id: x, status: 'late', late_minutes: 20 }] });
    assert.equal(r.status, 200, r.text);
    const h = await hours(x);                         // this week by default
    assert.equal(h.week_start, mon);
    assert.equal(h.attended_minutes, 160);
    assert.equal(h.attended_days, 1);
    assert.equal(h.days[0].attended_minutes, 160);
    assert.equal(h.scheduled_minutes, 540);
    assert.equal(h.possible_minutes, 160 + 360);
    assert.deepEqual(h.flags, ['below_weekly_minimum', 'short_day']);
    assert.deepEqual(h.days.map((d) => d.short_day), [true, false, false, false, false, false, false]);
  });

  test('absent Tuesday: fewer than three days left', async () => {
    const s = await pastSession(plusDays(mon, 1));
    const r = await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records: [
      { client_id: x, status: 'absent_unexcused' }] });
    assert.equal(r.status, 200, r.text);
    const h = await hours(x, mon);
    assert.equal(h.attended_minutes, 160);
    assert.equal(h.possible_minutes, 160 + 180);
    assert.deepEqual(h.days.map((d) => d.attended_minutes), [160, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(h.flags, ['below_weekly_minimum', 'below_three_days', 'short_day']);
  });

  test('a bad week is a 400 naming week; no open episode is a 409; no client is a 404', async () => {
    for (const w of ['2026-13-01', 'monday', '2026-02-30', ''])
      assertError(await clin.get(`/api/v1/clients/${x}/hours?week=${w}`), 400, 'invalid', w);
    const bad = await clin.get(`/api/v1/clients/${x}/hours?week=nope`);
    assert.ok(bad.json.error.fields?.week, bad.text);
    const no = await clin.get(`/api/v1/clients/${idle}/hours`);
    assertError(no, 409, 'conflict');
    assert.match(no.json.error.message, /open episode/);
    assertError(await clin.get('/api/v1/clients/999999/hours'), 404, 'not_found');
  });
});

// Hours compliance across a site (issue 12, item 6): "This week",
// GET /api/v1/hours?site_id=&week=&at_risk=, and the chart's weeks,
// GET /api/v1/clients/{id}/hours/weeks.  Appointments of individual therapy,
// family therapy and medication management count, case management and
// assessment do not, a cancelled one neither scheduled nor possible; a move
// to another track mid-week counts the week's sessions of both tracks; a
// client turning 18 mid-week keeps the minor's 6 h that week and has 9 h
// from the next; the site filter, the at-risk filter, who may, the audit row.
//
// An appointment's attendance is written here straight into the database
// (sqlite3) while the week is still ahead (PUT /appointments/{id}/attendance
// refuses an outcome before the start); the rule reads only
// appointment.attendance and attended_minutes (schema 0019).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  signIn, clientBody, assertError, assertSchema, finish, auditRows, sqlite, careTeam } from './helpers.mjs';

const DAY = 86400e3;
const TZ = 'America/New_York';
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
const isoWeekday = (ymd) => new Date(ymd + 'T12:00:00Z').getUTCDay() || 7;
function localYmd(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
// The UTC instant of a local wall time in TZ (whole minutes), "…Z".
function localToUtc(ymd, hhmm) {
  const guess = Date.parse(`${ymd}T${hhmm}:00Z`);
  for (const off of [4, 5]) {
    const t = guess + off * 3600e3;
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
      timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    if (`${p.hour}:${p.minute}` === hhmm && localYmd(t) === ymd) return new Date(t).toISOString().slice(0, 16) + 'Z';
  }
  throw new Error(`no instant for ${ymd} ${hhmm}`);
}

describe('hours across a site: This week and the chart\'s weeks', () => {
  let srv, admin, dir, adm, clin, desk;
  let siteA, siteB, today, mon;
  let morning, thin, far;
  const staff = {};
  const c = {};           // client ids by role in the story

  const list = async (q, api = dir) => {
    const r = await api.get(`/api/v1/hours?${q}`);
    assert.equal(r.status, 200, r.text);
    assertSchema('HoursList', r.json);
    return r.json;
  };
  const hours = async (id, week) => {
    const r = await clin.get(`/api/v1/clients/${id}/hours?week=${week}`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };

  before(async () => {
    srv = await startServer({ testClock: true });
    [admin, dir, adm, clin, desk] = await Promise.all(
      ['admin', 'director', 'admissions', 'clinician', 'front_desk'].map((u) => signIn(srv.url, u)));
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    const mk = async (name) => {
      const r = await admin.post('/api/v1/sites', { name, timezone: TZ, address: '1 Elm St, Albany', phone: '518-555-0100' });
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    };
    siteA = await mk('Riverside Hours');
    siteB = await mk('Hilltop Hours');
    today = localYmd(await srv.advance(0));
    mon = plusDays(today, 8 - isoWeekday(today));     // next Monday, local
    const track = async (site, name, blocks) => {
      const t = await dir.post('/api/v1/tracks', { site_id: site, name, level_of_care: '2.1', blocks });
      assert.equal(t.status, 201, t.text);
      const g = await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: today, to: plusDays(mon, 13) });
      assert.equal(g.status, 200, g.text);
      return t.json.id;
    };
    // Morning: Monday to Thursday, 3 h at 09:00 (12 h a week).
    morning = await track(siteA, 'Morning', [1, 2, 3, 4].map((weekday) => ({ weekday, start: '09:00', minutes: 180, group_type: 'process_group' })));
    // Thin: Friday 09:00, 1 h.
    thin = await track(siteA, 'Thin', [{ weekday: 5, start: '09:00', minutes: 60, group_type: 'skills_training' }]);
    // Far (the other site): Monday only, 3 h.
    far = await track(siteB, 'Far', [{ weekday: 1, start: '09:00', minutes: 180, group_type: 'process_group' }]);
    const admit = async (site, trackId, over = {}) => {
      const cl = await adm.post('/api/v1/clients', clientBody(over));
      assert.equal(cl.status, 201, cl.text);
      await careTeam(srv.url, cl.json.id);
      const r = await adm.post(`/api/v1/clients/${cl.json.id}/episodes`, {
        level: '2.1', site_id: site, track_id: trackId, primary_clinician_id: staff.clinician.id,
        privacy_notice_given: true, admitted_on: today,
      });
      assert.equal(r.status, 201, r.text);
      return cl.json.id;
    };
    c.steady = await admit(siteA, morning, { first_name: 'Avery', last_name: 'Steady' });
    // 18 on the Wednesday of the week.
    const wed = plusDays(mon, 2);
    c.teen = await admit(siteA, thin, { first_name: 'Blair', last_name: 'Teen', dob: `${Number(wed.slice(0, 4)) - 18}${wed.slice(4)}` });
    c.mover = await admit(siteA, morning, { first_name: 'Casey', last_name: 'Mover' });
    c.appts = await admit(siteA, morning, { first_name: 'Dana', last_name: 'Appts' });
    c.other = await admit(siteB, far, { first_name: 'Emery', last_name: 'Elsewhere' });
    // The mover goes to Thin from the week's Wednesday: Monday and Tuesday
    // of Morning (6 h) and Friday of Thin (1 h).
    const mv = await adm.post(`/api/v1/clients/${c.mover}/enrolments`, { track_id: thin, from: wed });
    assert.equal(mv.status, 201, mv.text);
  });
  after(() => finish(srv));

  test('appointments: therapy counts, case management does not, a cancelled one is neither', async () => {
    const fri = plusDays(mon, 4);
    const book = async (body) => {
      const r = await clin.post(`/api/v1/clients/${c.appts}/appointments`, { site_id: siteA, minutes: 60, ...body });
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    };
    const it = await book({ kind: 'individual_therapy', staff_id: staff.clinician.id, starts_at: localToUtc(fri, '13:00') });
    await book({ kind: 'case_management', staff_id: staff.case_manager.id, starts_at: localToUtc(fri, '15:00') });
    const med = await book({ kind: 'medication_management', staff_id: staff.prescriber.id, starts_at: localToUtc(fri, '16:00') });
    const cx = await clin.post(`/api/v1/appointments/${med}/cancel`, { cancelled_by: 'program', reason: 'Prescriber away' });
    assert.equal(cx.status, 200, cx.text);
    // 23:30 local on the Sunday: the next UTC day, but this week.
    const mother = await desk.post(`/api/v1/clients/${c.appts}/contacts`,
      { name: 'Morgan Appts', relationship: 'mother', phone: '(518) 555-0101' });
    assert.equal(mother.status, 201, mother.text);
    const late = await book({ kind: 'family_therapy', staff_id: staff.clinician.id, related_persons: [mother.json.id],
      starts_at: localToUtc(plusDays(mon, 6), '23:30'), minutes: 30 });
    const h = await hours(c.appts, mon);
    assert.equal(h.scheduled_minutes, 720 + 60 + 30);
    assert.equal(h.possible_minutes, 720 + 60 + 30);
    assert.deepEqual(h.days.map((d) => d.scheduled_minutes), [180, 180, 180, 180, 60, 0, 30]);
    // Held: the therapy attended 50 minutes, the family session a no-show.
    sqlite(srv.db, `UPDATE appointment SET attendance = 'attended', attended_minutes = 50 WHERE id = ${it};
      UPDATE appointment SET attendance = 'no_show' WHERE id = ${late};`);
    const h2 = await hours(c.appts, mon);
    assert.equal(h2.attended_minutes, 50);
    assert.equal(h2.days[4].attended_minutes, 50);
    assert.equal(h2.possible_minutes, 720 + 50);
    // Friday held only the therapy hour: not a program day, so not short.
    assert.deepEqual(h2.flags, [], 'Friday held: 50 minutes of therapy, no group');
    assert.equal(h2.days[4].short_day, false);
    // The week after: none of these.
    assert.equal((await hours(c.appts, plusDays(mon, 7))).scheduled_minutes, 720);
  });

  test('a move mid-week counts the sessions of both tracks; a minor turning 18 mid-week', async () => {
    const m = await hours(c.mover, mon);
    assert.deepEqual(m.days.map((d) => d.scheduled_minutes), [180, 180, 0, 0, 60, 0, 0]);
    assert.equal(m.possible_minutes, 420);
    assert.equal(m.required_minutes, 540);
    assert.deepEqual(m.flags, ['below_weekly_minimum']);
    const t = await hours(c.teen, mon);
    assert.equal(t.required_minutes, 360, '17 on the Monday: 6 h');
    assert.deepEqual(t.flags, ['below_weekly_minimum', 'below_three_days']);
    assert.equal((await hours(c.teen, plusDays(mon, 7))).required_minutes, 540, '18 by the next Monday: 9 h');
  });

  test('This week: the site\'s clients by name with their figures; at_risk keeps the flagged', async () => {
    const all = await list(`site_id=${siteA}&week=${plusDays(mon, 3)}`);
    assert.equal(all.week_start, mon);
    assert.equal(all.total, 4);
    assert.deepEqual(all.items.map((i) => i.name), ['Dana Appts', 'Casey Mover', 'Avery Steady', 'Blair Teen']);
    assert.ok(!all.items.some((i) => i.client_id === c.other), 'another site\'s client is not listed');
    const steady = all.items.find((i) => i.client_id === c.steady);
    assert.equal(steady.track, 'Morning');
    assert.equal(steady.level, '2.1');
    assert.equal(steady.possible_minutes, 720);
    assert.deepEqual(steady.flags, []);
    // Each item is what the client's own hours answer says.
    for (const i of all.items) {
      const one = await hours(i.client_id, mon);
      for (const k of Object.keys(one)) assert.deepEqual(i[k], one[k], `${i.name}: ${k}`);
    }
    const risk = await list(`site_id=${siteA}&week=${mon}&at_risk=true`);
    assert.deepEqual(risk.items.map((i) => i.client_id), [c.mover, c.teen]);
    assert.equal(risk.total, 2);
    const paged = await list(`site_id=${siteA}&week=${mon}&limit=1&offset=1`);
    assert.deepEqual([paged.total, paged.items.length, paged.items[0].client_id], [4, 1, c.mover]);
    const b = await list(`site_id=${siteB}&week=${mon}&at_risk=true`);
    assert.deepEqual(b.items.map((i) => [i.client_id, i.flags]), [[c.other, ['below_weekly_minimum', 'below_three_days']]]);
  });

  test('one hours.list audit row naming exactly the clients shown', async () => {
    const before = Math.max(0, ...auditRows(srv.db).map((a) => a.id));
    await list(`site_id=${siteA}&week=${mon}&at_risk=true`);
    const rows = auditRows(srv.db).filter((a) => a.id > before);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].action, 'hours.list');
    assert.equal(rows[0].detail, `ids=${c.mover},${c.teen}`);
    const about = sqlite(srv.db, `SELECT client_id FROM audit_about WHERE audit_id = ${rows[0].id} ORDER BY client_id`, { json: true });
    assert.deepEqual(about.map((a) => Number(a.client_id)), [c.mover, c.teen].sort((x, y) => x - y));
  });

  test('who may: clinical and front-desk staff read it; the administrator does not', async () => {
    assert.equal((await clin.get(`/api/v1/hours?site_id=${siteA}`)).status, 200);
    assert.equal((await desk.get(`/api/v1/hours?site_id=${siteA}`)).status, 200);
    assertError(await admin.get(`/api/v1/hours?site_id=${siteA}`), 403, 'forbidden');
  });

  test('bad filters are 400s naming them; an unknown site is a 404', async () => {
    const field = async (q, f) => {
      const r = await dir.get(`/api/v1/hours?${q}`);
      assertError(r, 400, 'invalid', q);
      assert.ok(r.json.error.fields?.[f], r.text);
    };
    await field('', 'site_id');
    await field('site_id=abc', 'site_id');
    await field(`site_id=${siteA}&week=2026-02-30`, 'week');
    await field(`site_id=${siteA}&at_risk=maybe`, 'at_risk');
    assertError(await dir.get('/api/v1/hours?site_id=999999'), 404, 'not_found');
  });

  test('the chart\'s weeks: this week back to admission, each as the week\'s own answer; audited', async () => {
    // Move into the week after next: three weeks since admission.
    const now = await srv.advance(0);
    const target = Date.parse(plusDays(mon, 8) + 'T18:00:00Z');
    await srv.advance(Math.ceil((target - now) / 1000));
    [clin, adm] = await Promise.all([signIn(srv.url, 'clinician'), signIn(srv.url, 'admissions')]);
    const before = Math.max(0, ...auditRows(srv.db).map((a) => a.id));
    const r = await clin.get(`/api/v1/clients/${c.appts}/hours/weeks`);
    assert.equal(r.status, 200, r.text);
    assertSchema('ClientHoursWeeks', r.json);
    const starts = r.json.items.map((w) => w.week_start);
    assert.deepEqual(starts.slice(0, 2), [plusDays(mon, 7), mon]);
    assert.equal(starts.at(-1), plusDays(mon, 7 - 7 * (r.json.total - 1)));
    assert.ok(starts.at(-1) <= today && plusDays(starts.at(-1), 7) > today, 'back to the week of admission');
    const last = r.json.items[1];
    assert.deepEqual(last, await hours(c.appts, mon));
    const rows = auditRows(srv.db).filter((a) => a.id > before && a.action === 'hours.weeks');
    assert.equal(rows.length, 1);
    assert.equal(Number(rows[0].client_id), c.appts);
    // In the chart's one answer too.
    const ch = await clin.get(`/api/v1/clients/${c.appts}/chart`);
    assert.equal(ch.status, 200, ch.text);
    assert.equal(ch.json.hours_weeks.total, r.json.total);
    // No open episode: no weeks.
    const idle = await adm.post('/api/v1/clients', clientBody());
    assert.equal(idle.status, 201, idle.text);
    await careTeam(srv.url, idle.json.id);
    const none = await clin.get(`/api/v1/clients/${idle.json.id}/hours/weeks`);
    assert.equal(none.status, 200, none.text);
    assert.deepEqual(none.json, { items: [], total: 0 });
  });
});

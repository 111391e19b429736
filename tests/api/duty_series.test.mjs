// Repeating shifts on the duty roster (issue 11, defect 4): a rule (days of
// the week, local start and end in the site's time zone, first and last
// date) written as shifts, so the roster lists each occurrence and "who is
// on duty now" follows them on the test build's clock; changing a series
// keeps the shifts worked and ends the one under way now; ending it takes
// off the ones not started; refusals name their field; only duty.manage.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, assertSchema, finish, auditRows, careTeam } from './helpers.mjs';

const HOUR = 3600e3;
const DAY = 86400e3;
const TZ = 'America/Chicago';   // the first demo site's zone
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

// The wall clock in the site's zone at instant ms.
function local(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', weekday: 'short',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { ymd: `${p.year}-${p.month}-${p.day}`, hm: `${p.hour}:${p.minute}`, day: p.weekday.toLowerCase().slice(0, 3) };
}
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);

describe('repeating shifts', () => {
  let srv;
  let dir, clin, nurse, desk, admin;
  const id = {};
  let now;        // the server's clock, ms
  let series;

  const signInAll = async () => {
    [dir, clin, nurse, desk, admin] = await Promise.all(
      ['director', 'clinician', 'nurse', 'front_desk', 'admin'].map((u) => signIn(srv.url, u)));
  };
  const roster = async (from, to) => {
    const r = await clin.get(`/api/v1/sites/1/duty?from=${at(from)}&to=${at(to)}`);
    assert.equal(r.status, 200, r.text);
    assertSchema('DutyRoster', r.json);
    return r.json;
  };
  const seriesOf = (json, sid) => json.items.filter((x) => x.series_id === sid);
  // A PHQ-9 with item 9 above zero at the first site: to whom did its task go?
  const routed = async () => {
    const c = await dir.post('/api/v1/clients', clientBody());
    await careTeam(srv.url, c.json.id);
    const s = await nurse.post(`/api/v1/clients/${c.json.id}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1], site_id: 1 });
    assert.equal(s.status, 201, s.text);
    return s.json.alert_task;
  };

  before(async () => {
    srv = await startServer({ testClock: true });
    await signInAll();
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) id[s.username] = s.id;
    now = await srv.advance(0);
  });
  after(() => finish(srv));

  test('weekdays 9 to 5 for three weeks: each occurrence on the roster at 09:00–17:00 in the site\'s zone, on a weekday', async () => {
    const today = local(now).ymd;
    const r = await dir.post('/api/v1/sites/1/duty/series', {
      staff_id: id.clinician, weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00',
      from: today, until: plusDays(today, 20), note: 'Weekday cover',
    });
    assert.equal(r.status, 201, r.text);
    assertSchema('DutySeries', r.json);
    series = r.json;
    assert.deepEqual([series.staff_id, series.staff_name, series.weekdays, series.start, series.end, series.overnight, series.from, series.note],
      [id.clinician, 'Marcus Oyelaran', ['mon', 'tue', 'wed', 'thu', 'fri'], '09:00', '17:00', false, today, 'Weekday cover']);
    assert.ok(series.upcoming >= 14 && series.upcoming <= 15, `three weeks of weekdays: ${series.upcoming}`);
    const shifts = seriesOf(await roster(now - DAY, now + 21 * DAY), series.id);
    assert.equal(shifts.length, series.upcoming);
    for (const s of shifts) {
      const a = local(Date.parse(s.starts_at));
      const b = local(Date.parse(s.ends_at));
      assert.ok(['mon', 'tue', 'wed', 'thu', 'fri'].includes(b.day), `${s.starts_at} on a weekday`);
      assert.equal(b.hm, '17:00', s.ends_at);
      // One under way when it was made starts then; every other at 09:00.
      if (Date.parse(s.starts_at) > now) assert.equal(a.hm, '09:00', s.starts_at);
      assert.equal(s.note, 'Weekday cover');
    }
    const list = await clin.get('/api/v1/sites/1/duty/series');
    assert.equal(list.status, 200, list.text);
    assertSchema('DutySeriesList', list.json);
    assert.deepEqual(list.json.items.map((x) => x.id), [series.id]);
  });

  test('who is on duty follows the occurrences as the clock moves; alerts go to them', async () => {
    // The weekday series could cover now: end it (its future shifts go).
    assert.equal((await dir.del(`/api/v1/duty/series/${series.id}`)).status, 204);
    // A series every day from an hour ahead for two hours (local times).
    const start = local(now + HOUR);
    const end = local(now + 3 * HOUR);
    const r = await dir.post('/api/v1/sites/1/duty/series', {
      staff_id: id.clinician, weekdays: DAYS, start: start.hm, end: end.hm, from: local(now).ymd, until: plusDays(local(now).ymd, 6),
    });
    assert.equal(r.status, 201, r.text);
    const daily = r.json;
    const onDuty = async () => (await roster(now - DAY, now + DAY)).on_duty_now.map((x) => x.staff_id);
    assert.ok(!(await onDuty()).includes(id.clinician), 'not yet');
    assert.equal((await routed()).assigned_to, id.director, 'nobody on duty: the director');

    now = await srv.advance(90 * 60);
    await signInAll();
    assert.ok((await onDuty()).includes(id.clinician), 'on duty during the occurrence');
    const t = await routed();
    assert.deepEqual([t.assigned_to, t.unclaimed], [id.clinician, false], 'an alert goes to them');

    // Changed while under way: now 30 minutes later each day. The one under
    // way ends now (kept on the roster), the new one for today starts now.
    const later = local(now + HOUR);
    const changed = await dir.put(`/api/v1/duty/series/${daily.id}`, {
      weekdays: DAYS, start: later.hm, end: local(now + 2 * HOUR).hm, from: local(now).ymd, until: plusDays(local(now).ymd, 6),
    });
    assert.equal(changed.status, 200, changed.text);
    assertSchema('DutySeries', changed.json);
    assert.equal(changed.json.start, later.hm);
    const shifts = seriesOf(await roster(now - DAY, now + 8 * DAY), daily.id);
    const ended = shifts.filter((s) => Date.parse(s.starts_at) < now && Math.abs(Date.parse(s.ends_at) - now) < 120e3);
    assert.equal(ended.length, 1, `the one under way ended now, kept: ${JSON.stringify(shifts.slice(0, 3))}`);
    assert.ok(!(await onDuty()).includes(id.clinician), 'off duty until the changed time');
    now = await srv.advance(70 * 60);
    await signInAll();
    assert.ok((await onDuty()).includes(id.clinician), 'on duty at the changed time');

    // Ended: off duty now; the shifts worked stay on the roster.
    assert.equal((await dir.del(`/api/v1/duty/series/${daily.id}`)).status, 204);
    assert.ok(!(await onDuty()).includes(id.clinician), 'off duty once ended');
    const after = seriesOf(await roster(now - DAY, now + 8 * DAY), daily.id);
    assert.ok(after.length >= 2 && after.every((s) => Date.parse(s.starts_at) <= now), 'only the shifts worked remain');
    assertError(await dir.del(`/api/v1/duty/series/${daily.id}`), 404, 'not_found', 'ended already');
    assert.deepEqual((await clin.get('/api/v1/sites/1/duty/series')).json.items, []);
  });

  test('each bad rule answers 400 naming its field; an overlap 409; nothing is written', async () => {
    const today = local(now).ymd;
    const ok = { staff_id: id.clinician, weekdays: ['mon'], start: '09:00', end: '17:00', from: today, until: plusDays(today, 30) };
    const count = () => auditRows(srv.db).filter((x) => x.action === 'duty_series.add').length;
    const before = count();
    for (const [field, body] of [
      ['weekdays', { weekdays: [] }], ['weekdays', { weekdays: ['monday'] }], ['start', { start: '9am' }],
      ['end', { end: '24:00' }], ['end', { end: '09:00' }], ['from', { from: '2026-02-30' }],
      ['until', { until: plusDays(today, -1) }], ['until', { until: plusDays(today, 400) }],
      ['staff_id', { staff_id: undefined }], ['staff_id', { staff_id: id.nurse }], ['note', { note: 'x'.repeat(201) }],
    ]) {
      const r = await dir.post('/api/v1/sites/1/duty/series', { ...ok, ...body });
      assertError(r, 400, 'invalid', `${field} ${JSON.stringify(body)}`);
      assert.ok(r.json.error.fields?.[field], `${field}: ${r.text}`);
    }
    assert.equal(count(), before);
    // A single shift of the same person on a Monday evening to come meets it.
    const mondays = [];
    for (let k = 1; k <= 14; k++) if (local(now + k * DAY).day === 'mon') mondays.push(local(now + k * DAY).ymd);
    const single = await dir.post('/api/v1/sites/1/duty', {
      staff_id: id.clinician, starts_at: at(Date.parse(mondays[0] + 'T22:00:00Z')), ends_at: at(Date.parse(mondays[0] + 'T23:00:00Z')),
    });
    assert.equal(single.status, 201, single.text);
    const clash = await dir.post('/api/v1/sites/1/duty/series', { ...ok, start: '15:00', end: '20:00' });
    assertError(clash, 409, 'conflict');
    assert.match(clash.json.error.message, new RegExp(`Marcus Oyelaran is already on duty at this site for part of the shift on ${mondays[0]}`));
    assertError(await dir.post('/api/v1/sites/999/duty/series', ok), 404, 'not_found');
  });

  test('duty.manage adds, changes and ends; everyone reads; the audit names each', async () => {
    const today = local(now).ymd;
    const body = { staff_id: id.clinician, weekdays: ['sat'], start: '10:00', end: '14:00', from: today, until: plusDays(today, 14) };
    for (const api of [clin, nurse, desk]) assertError(await api.post('/api/v1/sites/2/duty/series', body), 403, 'forbidden');
    const made = await admin.post('/api/v1/sites/2/duty/series', body);
    assert.equal(made.status, 201, made.text);
    assertError(await clin.put(`/api/v1/duty/series/${made.json.id}`, body), 403, 'forbidden');
    assertError(await desk.del(`/api/v1/duty/series/${made.json.id}`), 403, 'forbidden');
    const other = await dir.put(`/api/v1/duty/series/${made.json.id}`, { ...body, staff_id: id.director });
    assertError(other, 400, 'invalid', 'a series keeps its person');
    const ch = await dir.put(`/api/v1/duty/series/${made.json.id}`, { ...body, end: '15:00' });
    assert.equal(ch.status, 200, ch.text);
    assert.equal((await desk.get('/api/v1/sites/2/duty/series')).status, 200, 'the front desk reads it');
    assert.equal((await dir.del(`/api/v1/duty/series/${made.json.id}`)).status, 204);
    const rows = auditRows(srv.db).filter((x) => x.record_type === 'duty_series' && x.record_id === made.json.id);
    assert.deepEqual(rows.map((x) => x.action), ['duty_series.add', 'duty_series.update', 'duty_series.end']);
    assert.match(rows[0].detail, /^site=2 staff=\d+ shifts=\d+$/);
  });
});

test('the demo clinic has a duty roster: the demo clinician weekdays 08:00–18:00 at each site, for months ahead', async () => {
  const srv = await startServer({ env: { IOP_DEMO_ROSTER: 'on' } });
  try {
    const clin = await signIn(srv.url, 'clinician');
    const me = (await clin.get('/api/v1/me')).json.user;
    for (const site of [1, 2]) {
      const r = await clin.get(`/api/v1/sites/${site}/duty/series`);
      assert.equal(r.status, 200, r.text);
      assertSchema('DutySeriesList', r.json);
      assert.equal(r.json.items.length, 1, r.text);
      const [x] = r.json.items;
      assert.deepEqual([x.staff_id, x.weekdays, x.start, x.end], [me.id, ['mon', 'tue', 'wed', 'thu', 'fri'], '08:00', '18:00']);
      assert.ok(x.upcoming >= 120, `about six months of weekdays: ${x.upcoming}`);
      const roster = await clin.get(`/api/v1/sites/${site}/duty?from=${at(Date.now())}&to=${at(Date.now() + 14 * DAY)}`);
      // Two weeks from now: ten weekdays, eleven when one is cut by both ends.
      const n = roster.json.items.filter((s) => s.series_id === x.id).length;
      assert.ok(n >= 10 && n <= 11, `two weeks of weekdays: ${n}`);
    }
  } finally {
    await finish(srv);
  }
});

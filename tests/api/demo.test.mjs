// The demo clinic (`iop demo`) is a clinic at work, not empty screens:
// inquiries at every stage of the admissions board, with calls logged and
// follow-ups due; clients admitted into every track with a coverage and
// intake screenings; exactly one open safety alert, with its task on the
// primary clinician's list; and all of it written through the operations,
// so the audit log holds a row for it and verifies; each track's week of
// groups with its sessions three weeks back and five ahead, and a holiday;
// the held weeks: every group held has its attendance (mostly present, some
// late, some who left early, some absent), appointments past with their
// outcomes, cancelled and to come, and this week a few clients at risk of missing their hours and
// the rest clear — on whatever day and hour the demo is made (the test
// clock makes it on a Monday before any group and on a Sunday evening).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, finish, iop } from './helpers.mjs';

const HOUR = 3600e3;

// The next instant (ms) after now that is the given UTC weekday (1 = Monday)
// and hour, on the hour.
function nextUtc(now, weekday, hour) {
  const d = new Date(now);
  d.setUTCHours(hour, 0, 0, 0);
  while (d.getTime() <= now || (d.getUTCDay() || 7) !== weekday) d.setTime(d.getTime() + 24 * HOUR);
  return d.getTime();
}

// This week's hours of every client in an open episode: {clear, flagged}
// (flagged: [{client_id, flags}]).
async function thisWeek(api) {
  const census = (await api.get('/api/v1/census?limit=200')).json.items;
  const clear = [];
  const flagged = [];
  for (const e of census) {
    const h = await api.get(`/api/v1/clients/${e.client_id}/hours`);
    assert.equal(h.status, 200, h.text);
    if (h.json.flags.length) flagged.push({ client_id: e.client_id, track_id: e.track_id, flags: h.json.flags });
    else clear.push(e.client_id);
  }
  return { clear, flagged, census };
}

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
    // Past the three weeks other tests fill with groups of their own.
    assert.ok(closureDay.date > day(21), `the holiday more than three weeks ahead: ${closureDay.date}`);
    for (const t of tracks) {
      assert.ok(t.blocks.length >= 9, `${t.name}: a week of blocks (${t.blocks.length})`);
      assert.ok(new Set(t.blocks.map((b) => b.group_type)).size >= 3, `${t.name}: groups of different types`);
      const past = await dir.get(`/api/v1/sessions?track_id=${t.id}&from=${day(-21)}&to=${day(-1)}`);
      assert.equal(past.status, 200, past.text);
      assert.ok(past.json.total >= 20, `${t.name}: sessions in the past three weeks (${past.json.total})`);
      const rooms = new Map((await dir.get(`/api/v1/rooms?site_id=${t.site_id}`)).json.items.map((r) => [r.id, r.name]));
      assert.ok(past.json.items.every((s) => /^Group Room/.test(rooms.get(s.room_id))),
        `${t.name}: groups meet in a group room, not the counselling office`);
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

  test('a medication with an earlier dose, and a drug screen entered in error with its review task closed', async () => {
    const census = (await dir.get('/api/v1/census?limit=200')).json.items;
    let changed = null, voided = null;
    for (const e of census) {
      const meds = (await dir.get(`/api/v1/clients/${e.client_id}/medications`)).json.items;
      changed ??= meds.find((m) => m.earlier_versions > 0);
      voided ??= (await dir.get(`/api/v1/clients/${e.client_id}/drug-screens`)).json.items.find((d) => d.entered_in_error);
    }
    assert.ok(changed, 'a changed medication');
    const h = (await dir.get(`/api/v1/medications/${changed.id}/history`)).json;
    assert.notEqual(h.items[0].dose, changed.dose);
    assert.ok(voided, 'a screen entered in error');
    assert.ok(voided.error_reason && voided.results);
    const tasks = (await clin.get('/api/v1/tasks?limit=200')).json.items;
    assert.ok(!tasks.some((t) => t.id === voided.task_id && !t.done_at), 'its review task is not open');
  });

  test('written through the operations: audited, and the log verifies', async () => {
    const r = iop(['audit', 'verify', '--db', srv.db]);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    for (const a of ['inquiry.create', 'inquiry.contact', 'episode.admit', 'screening.record', 'coverage.create',
      'attendance.record', 'appointment.book', 'appointment.cancel', 'appointment.attendance', 'session.update']) {
      const log = await dir.get(`/api/v1/audit?action=${a}&limit=5`);
      assert.equal(log.status, 200, log.text);
      assert.ok(log.json.items.some((x) => x.action === a), `an audit row ${a}`);
    }
  });

  test('the groups held have their attendance: mostly present, some late, left early or absent', async () => {
    const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
    const tracks = (await dir.get('/api/v1/tracks')).json.items;
    const seen = {};
    let held = 0;
    let cancelled = 0;
    for (const t of tracks) {
      const past = (await dir.get(`/api/v1/sessions?track_id=${t.id}&from=${day(-21)}&to=${day(-1)}`)).json.items
        .filter((g) => Date.parse(g.starts_at) < Date.now());
      cancelled += past.filter((g) => g.status === 'cancelled').length;
      for (const s of past.filter((g) => g.status === 'scheduled')) {
        const one = await clin.get(`/api/v1/sessions/${s.id}`);
        assert.equal(one.status, 200, one.text);
        for (const r of one.json.roster) {
          assert.ok(r.attendance, `${t.name} ${s.date} ${s.topic}: attendance of client ${r.client_id}`);
          seen[r.attendance.status] = (seen[r.attendance.status] || 0) + 1;
          if (r.attendance.status === 'late') assert.ok(r.attendance.late_minutes > 0);
          if (r.attendance.status === 'left_early') assert.ok(r.attendance.left_early_minutes > 0);
        }
        held++;
      }
    }
    assert.equal(cancelled, 1, 'a group the program cancelled');
    assert.ok(held >= 4 * 20, `groups held (${held})`);
    const all = Object.values(seen).reduce((a, b) => a + b, 0);
    for (const st of ['late', 'left_early', 'absent_excused', 'absent_unexcused'])
      assert.ok(seen[st] >= 1, `someone ${st}: ${JSON.stringify(seen)}`);
    assert.ok(seen.present / all > 0.75, `mostly present: ${JSON.stringify(seen)}`);
  });

  test('appointments held with their outcomes, cancelled late by a client, and to come', async () => {
    const at = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 16) + 'Z';
    const from = at(-28);
    const to = at(49);
    const r = await dir.get(`/api/v1/appointments?from=${from}&to=${to}&status=all&limit=200`);
    assert.equal(r.status, 200, r.text);
    const items = r.json.items;
    const now = Date.now();
    assert.ok(items.filter((a) => Date.parse(a.starts_at) < now && a.status === 'scheduled').length >= 5, 'held');
    assert.ok(items.filter((a) => Date.parse(a.starts_at) > now && a.status === 'scheduled').length >= 5, 'to come');
    assert.ok(items.some((a) => a.status === 'cancelled' && a.cancelled_by === 'client' && a.late_cancellation &&
      a.attendance === 'late_cancellation'), 'a late cancellation');
    const over = items.filter((a) => Date.parse(a.ends_at) <= now && a.status === 'scheduled');
    assert.ok(over.every((a) => a.attendance === 'attended' || a.attendance === 'no_show'),
      `every appointment over has its outcome: ${JSON.stringify(over.filter((a) => !a.attendance))}`);
    assert.ok(over.some((a) => a.attendance === 'attended' && a.attended_minutes === a.minutes), 'attended');
    assert.ok(over.some((a) => a.attendance === 'attended' && a.attended_minutes < a.minutes), 'part of one attended');
    assert.ok(over.some((a) => a.attendance === 'no_show'), 'a no-show');
    assert.ok(items.some((a) => a.status === 'cancelled' && a.cancelled_by === 'program'), 'one the program cancelled');
    assert.ok(new Set(items.map((a) => a.kind)).size >= 4, 'of several kinds');
    // The days just ahead, this week's and next, are left free to book in.
    assert.ok(items.every((a) => Date.parse(a.starts_at) < now || Date.parse(a.starts_at) > now + 15 * 86400000 - 60000),
      'none booked in the next fifteen days');
  });

  test('this week: some clients at risk of missing their hours, the others clear', async () => {
    const { clear, flagged } = await thisWeek(clin);
    assert.ok(flagged.length >= 1, 'a client at risk this week');
    assert.ok(clear.length >= 1, `a client clear this week: ${JSON.stringify(flagged)}`);
  });
});

// "Now" in the demo is the clock when `iop demo` runs: its week must show
// clients at risk whatever the weekday and hour.  The test build starts its
// clock moved forward to the instant chosen (IOP_TEST_CLOCK_ADVANCE), for
// `iop demo` and the server alike.
describe('the demo\'s week, made on a Monday before any group and on a Sunday evening', () => {
  const madeAt = async (at, check) => {
    const srv = await startServer({ testClock: true, env: { IOP_TEST_CLOCK_ADVANCE: String(Math.ceil((at - Date.now()) / 1000)) } });
    try {
      const clin = await signIn(srv.url, 'clinician');
      await check(srv, clin, await thisWeek(clin));
    } finally {
      await finish(srv);
    }
  };

  // 11:00 UTC: 05:00 or 06:00 at the Chicago site, 06:00 or 07:00 in New York.
  test('Monday morning: nothing held yet; a group cancelled this week puts its clients at risk', async () => {
    await madeAt(nextUtc(Date.now(), 1, 11), async (srv, clin, { clear, flagged, census }) => {
      assert.ok(flagged.length >= 3, `clients at risk: ${JSON.stringify(flagged)}`);
      assert.ok(flagged.every((f) => f.flags.includes('below_weekly_minimum')), JSON.stringify(flagged));
      assert.ok(clear.length >= 5, `clients clear: ${clear.length} of ${census.length}`);
      const h = await clin.get(`/api/v1/clients/${clear[0]}/hours`);
      assert.equal(h.json.attended_minutes, 0, 'nothing held yet');
      assert.ok(h.json.possible_minutes >= h.json.required_minutes, h.text);
    });
  });

  // 01:00 UTC on Monday: Sunday 19:00 or 20:00 in Chicago, 20:00 or 21:00 in New York.
  test('Sunday evening: the week held; absences, a late arrival and an early leave flag clients', async () => {
    await madeAt(nextUtc(Date.now(), 1, 1), async (srv, clin, { clear, flagged }) => {
      const flags = new Set(flagged.flatMap((f) => f.flags));
      for (const f of ['below_weekly_minimum', 'below_three_days', 'short_day'])
        assert.ok(flags.has(f), `a client flagged ${f}: ${JSON.stringify(flagged)}`);
      assert.ok(clear.length >= 5, `clients clear: ${clear.length}`);
      const h = await clin.get(`/api/v1/clients/${clear[0]}/hours`);
      assert.ok(h.json.attended_minutes >= h.json.required_minutes, `a full week attended: ${h.text}`);
      assert.equal(h.json.possible_minutes, h.json.attended_minutes, 'nothing left to come');
    });
  });
});

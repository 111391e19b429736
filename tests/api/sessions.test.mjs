// The program's week (issue 12, items 1–3): a track's weekly template of
// blocks (POST/PATCH /api/v1/tracks with "blocks"), the group-type
// vocabulary served by the API, site closure days, sessions generated from
// the template idempotently at wall times in the site's zone (weeks across
// both daylight-saving changes in America/Chicago), one-off sessions,
// cancellation with a reason, a substitute facilitator, and a template
// change that changes only the sessions not yet started.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, assertError, assertSchema, finish, auditRows, sqlite } from './helpers.mjs';

const DAY = 86400e3;
const TZ = 'America/Chicago';   // the first demo site's zone
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
function localYmd(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
function localHm(iso) {
  return new Intl.DateTimeFormat('en-US', { timeZone: TZ, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' })
    .format(new Date(iso));
}

// Mondays, Wednesdays and Thursdays: a process group at 09:00 and relapse
// prevention at 10:30 on Mondays.
const BLOCKS = [
  { weekday: 1, start: '09:00', minutes: 90, group_type: 'process_group', topic: 'Check-in' },
  { weekday: 1, start: '10:30', minutes: 90, group_type: 'relapse_prevention', topic: 'Triggers' },
  { weekday: 3, start: '09:00', minutes: 180, group_type: 'skills_training', topic: 'Coping skills' },
  { weekday: 4, start: '09:00', minutes: 180, group_type: 'psychoeducation', topic: '',
    topics: ['The brain and alcohol', 'Sleep', 'Nutrition'] },
];

describe('tracks, closures and sessions', () => {
  let srv;
  let dir, clin, admin;
  let now;
  let track;
  const ids = {};

  const sessions = async (q) => {
    const r = await clin.get(`/api/v1/sessions?${q}`);
    assert.equal(r.status, 200, r.text);
    assertSchema('SessionList', r.json);
    return r.json;
  };

  before(async () => {
    srv = await startServer({ testClock: true });
    [dir, clin, admin] = await Promise.all(['director', 'clinician', 'admin'].map((u) => signIn(srv.url, u)));
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) ids[s.username] = s.id;
    now = await srv.advance(0);
  });
  after(() => finish(srv));

  test('the group types are served by the API', async () => {
    const r = await clin.get('/api/v1/vocabularies/group-types');
    assert.equal(r.status, 200, r.text);
    assertSchema('GroupTypes', r.json);
    assert.equal(r.json.total, 14);
    const codes = r.json.items.map((x) => x.code);
    for (const c of ['psychoeducation', 'relapse_prevention', 'process_group', 'community_support'])
      assert.ok(codes.includes(c), c);
    assert.equal(r.json.items.find((x) => x.code === 'nutrition_wellness').label, 'Nutrition and wellness');
  });

  test('a track is created with its week of blocks (the fixed shape); days and hours follow the blocks', async () => {
    const r = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Morning IOP B', level_of_care: '2.1', blocks: BLOCKS });
    assert.equal(r.status, 201, r.text);
    assertSchema('Track', r.json);
    track = r.json;
    assert.ok(track.id > 0);
    assert.equal(track.blocks.length, 4);
    assert.deepEqual(track.blocks[0], { weekday: 1, start: '09:00', minutes: 90, group_type: 'process_group',
      topic: 'Check-in', topics: [], facilitator_id: null, room_id: null });
    assert.deepEqual(track.blocks[3].topics, ['The brain and alcohol', 'Sleep', 'Nutrition']);
    assert.deepEqual(track.weekdays, ['mon', 'wed', 'thu']);
    assert.equal(track.start_time, '09:00');
    assert.equal(track.end_time, '12:00');
    const got = await clin.get(`/api/v1/tracks/${track.id}`);
    assert.deepEqual(got.json.blocks, track.blocks);
    assert.ok(auditRows(srv.db).some((a) => a.action === 'track.create' && Number(a.record_id) === track.id));
  });

  test('a bad block is named by its place and field, and nothing is written', async () => {
    const before = sqlite(srv.db, 'SELECT count(*) FROM track').trim();
    const r = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Bad week', level_of_care: '2.1', blocks: [
      { weekday: 2, start: '09:00', minutes: 60, group_type: 'process_group' },
      { weekday: 8, start: '25:00', minutes: 60, group_type: 'yoga' },
      { weekday: 2, start: '09:30', minutes: 60, group_type: 'recreation' },
      { weekday: 5, start: '23:00', minutes: 120, group_type: 'recreation' },
    ] });
    assertError(r, 400, 'invalid');
    const fields = Object.keys(r.json.error.fields);
    for (const f of ['blocks[1].weekday', 'blocks[1].start', 'blocks[2].start', 'blocks[3].minutes'])
      assert.ok(fields.includes(f), `${f} in ${fields}`);
    const gt = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Bad week', level_of_care: '2.1',
      blocks: [{ weekday: 2, start: '09:00', minutes: 60, group_type: 'yoga' }] });
    assertError(gt, 400, 'invalid');
    assert.equal(Object.keys(gt.json.error.fields)[0], 'blocks[0].group_type');
    const fac = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Bad week', level_of_care: '2.1',
      blocks: [{ weekday: 2, start: '09:00', minutes: 60, group_type: 'recreation', facilitator_id: 999999 }] });
    assertError(fac, 400, 'invalid');
    assert.equal(Object.keys(fac.json.error.fields)[0], 'blocks[0].facilitator_id');
    assert.equal(sqlite(srv.db, 'SELECT count(*) FROM track').trim(), before);
    assertError(await clin.post('/api/v1/tracks', { site_id: 1, name: 'X', level_of_care: '2.1', blocks: BLOCKS }), 403, 'forbidden');
  });

  test('generating across the spring change keeps 09:00 local; twice creates nothing new', async () => {
    const r = await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`, { from: '2026-03-02', to: '2026-03-15' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { created: 8 });   // two weeks of Mon×2, Wed, Thu
    const again = await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`, { from: '2026-03-02', to: '2026-03-15' });
    assert.deepEqual(again.json, { created: 0 });
    const list = await sessions(`track_id=${track.id}&from=2026-03-02&to=2026-03-15`);
    assert.equal(list.total, 8);
    const mondays = list.items.filter((s) => s.group_type === 'process_group');
    assert.deepEqual(mondays.map((s) => [s.date, s.starts_at, s.ends_at]), [
      ['2026-03-02', '2026-03-02T15:00:00Z', '2026-03-02T16:30:00Z'],   // CST, UTC-6
      ['2026-03-09', '2026-03-09T14:00:00Z', '2026-03-09T15:30:00Z'],   // CDT, UTC-5
    ]);
    for (const s of list.items) {
      assert.equal(s.status, 'scheduled');
      assert.equal(s.track_id, track.id);
      assert.equal(localHm(s.starts_at), s.start);
      assert.equal(s.minutes, (Date.parse(s.ends_at) - Date.parse(s.starts_at)) / 60e3);
    }
    // The curriculum rotates week by week.
    const thu = list.items.filter((s) => s.group_type === 'psychoeducation').map((s) => s.topic);
    assert.equal(thu.length, 2);
    assert.notEqual(thu[0], thu[1]);
    for (const t of thu) assert.ok(BLOCKS[3].topics.includes(t), t);
    // Overlapping ranges add only the days not yet generated.
    const more = await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`, { from: '2026-03-09', to: '2026-03-22' });
    assert.deepEqual(more.json, { created: 4 });
  });

  test('and across the autumn change too', async () => {
    const r = await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`, { from: '2026-10-26', to: '2026-11-08' });
    assert.deepEqual(r.json, { created: 8 });
    const list = await sessions(`track_id=${track.id}&from=2026-10-26&to=2026-11-08`);
    const wed = list.items.filter((s) => s.group_type === 'skills_training');
    assert.deepEqual(wed.map((s) => [s.date, s.starts_at]), [
      ['2026-10-28', '2026-10-28T14:00:00Z'],
      ['2026-11-04', '2026-11-04T15:00:00Z'],
    ]);
    assert.ok(list.items.every((s) => localHm(s.starts_at) === s.start));
  });

  test('the range: dates, in order, at most a year apart', async () => {
    const path = `/api/v1/tracks/${track.id}/sessions/generate`;
    let r = await dir.post(path, { from: '2026-01-01', to: '2027-01-02' });
    assertError(r, 400, 'invalid');
    assert.equal(Object.keys(r.json.error.fields)[0], 'to');
    r = await dir.post(path, { from: '2026-03-10', to: '2026-03-01' });
    assertError(r, 400, 'invalid');
    assert.equal(Object.keys(r.json.error.fields)[0], 'to');
    r = await dir.post(path, { from: '2026-02-30', to: '2026-03-01' });
    assertError(r, 400, 'invalid');
    assert.equal(Object.keys(r.json.error.fields)[0], 'from');
    assertError(await dir.post('/api/v1/tracks/999999/sessions/generate', { from: '2026-03-01', to: '2026-03-02' }), 404);
    assertError(await clin.post(path, { from: '2026-03-01', to: '2026-03-02' }), 403, 'forbidden');
    r = await clin.get(`/api/v1/sessions?track_id=${track.id}`);
    assertError(r, 400, 'invalid');
  });

  test('a closure cancels the day\'s sessions whether it came before or after them; removing it restores them', async () => {
    // After: the sessions of 2026-03-04 exist.
    // The demo clinic's own sessions at the site may fall on these days too:
    // a closure cancels every session scheduled at the site that day.
    const scheduledAt = async (d) => (await sessions(`site_id=1&from=${d}&to=${d}`)).items
      .filter((s) => s.status === 'scheduled').length;
    const before = await scheduledAt('2026-03-04');
    assert.ok(before >= 1);
    let r = await dir.post('/api/v1/sites/1/closures', { date: '2026-03-04', reason: 'Staff training day' });
    assert.equal(r.status, 201, r.text);
    assertSchema('Closure', r.json);
    const closure = r.json;
    assert.equal(closure.sessions_cancelled, before);
    let day = await sessions(`track_id=${track.id}&from=2026-03-04&to=2026-03-04`);
    assert.deepEqual(day.items.map((s) => [s.status, s.cancel_reason, s.closure_id]),
      [['cancelled', 'Staff training day', closure.id]]);
    // Before: Thanksgiving, then the weeks generated.
    const demoThatDay = await scheduledAt('2026-11-26');
    r = await dir.post('/api/v1/sites/1/closures', { date: '2026-11-26', reason: 'Thanksgiving' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.sessions_cancelled, demoThatDay, 'none of this track\'s yet');
    r = await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`, { from: '2026-11-23', to: '2026-11-29' });
    assert.deepEqual(r.json, { created: 4 });
    day = await sessions(`track_id=${track.id}&from=2026-11-26&to=2026-11-26`);
    assert.deepEqual(day.items.map((s) => [s.status, s.cancel_reason]), [['cancelled', 'Thanksgiving']]);
    // The list, a second closure the same day refused, a bad one named.
    // (To November: the demo clinic has a holiday of its own weeks after today.)
    const list = await clin.get('/api/v1/sites/1/closures?from=2026-01-01&to=2026-11-30');
    assert.equal(list.status, 200, list.text);
    assertSchema('ClosureList', list.json);
    assert.deepEqual(list.json.items.map((c) => c.date), ['2026-03-04', '2026-11-26']);
    assertError(await dir.post('/api/v1/sites/1/closures', { date: '2026-03-04', reason: 'Again' }), 400, 'invalid');
    r = await dir.post('/api/v1/sites/1/closures', { date: '2026-13-01', reason: '' });
    assertError(r, 400, 'invalid');
    assert.deepEqual(Object.keys(r.json.error.fields).sort(), ['date']);
    r = await dir.post('/api/v1/sites/1/closures', { date: '2026-12-01', reason: '' });
    assertError(r, 400, 'invalid');
    assert.deepEqual(Object.keys(r.json.error.fields), ['reason']);
    assertError(await dir.post('/api/v1/sites/999999/closures', { date: '2026-12-01', reason: 'x' }), 404);
    assertError(await clin.post('/api/v1/sites/1/closures', { date: '2026-12-01', reason: 'x' }), 403, 'forbidden');
    // Removed: the day's sessions are held again.
    r = await dir.del(`/api/v1/sites/1/closures/${closure.id}`);
    assert.equal(r.status, 204, r.text);
    day = await sessions(`track_id=${track.id}&from=2026-03-04&to=2026-03-04`);
    assert.deepEqual(day.items.map((s) => [s.status, s.cancel_reason, s.closure_id]), [['scheduled', '', null]]);
    assertError(await dir.del(`/api/v1/sites/1/closures/${closure.id}`), 404);
    const acts = auditRows(srv.db).map((a) => a.action);
    assert.ok(acts.includes('closure.create') && acts.includes('closure.delete') && acts.includes('session.generate'));
  });

  test('one-off sessions, cancelling with a reason and a substitute facilitator', async () => {
    let r = await dir.post(`/api/v1/tracks/${track.id}/sessions`, {
      date: '2026-03-06', start: '13:00', minutes: 60, group_type: 'recreation', topic: 'Walk in the park',
      facilitator_id: ids.clinician,
    });
    assert.equal(r.status, 201, r.text);
    assertSchema('Session', r.json);
    const one = r.json;
    assert.deepEqual([one.one_off, one.date, one.starts_at, one.status, one.facilitator_id],
      [true, '2026-03-06', '2026-03-06T19:00:00Z', 'scheduled', ids.clinician]);
    r = await dir.post(`/api/v1/tracks/${track.id}/sessions`, { date: '2026-11-26', start: '13:00', minutes: 60, group_type: 'recreation' });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual([r.json.status, r.json.cancel_reason], ['cancelled', 'Thanksgiving']);
    r = await dir.post(`/api/v1/tracks/${track.id}/sessions`, { date: '2026-03-06', start: '13:00', minutes: 0, group_type: 'x' });
    assertError(r, 400, 'invalid');
    assert.ok('minutes' in r.json.error.fields);

    r = await dir.patch(`/api/v1/sessions/${one.id}`, { status: 'cancelled' });
    assertError(r, 400, 'invalid');
    assert.equal(Object.keys(r.json.error.fields)[0], 'reason');
    r = await dir.patch(`/api/v1/sessions/${one.id}`, { status: 'cancelled', reason: 'Rain' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.status, r.json.cancel_reason], ['cancelled', 'Rain']);
    r = await dir.patch(`/api/v1/sessions/${one.id}`, { status: 'scheduled', substitute_facilitator_id: ids.director });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.status, r.json.cancel_reason, r.json.substitute_facilitator_id, r.json.facilitator_id],
      ['scheduled', '', ids.director, ids.clinician]);
    r = await dir.patch(`/api/v1/sessions/${one.id}`, { substitute_facilitator_id: 999999 });
    assertError(r, 400, 'invalid');
    assert.equal(Object.keys(r.json.error.fields)[0], 'substitute_facilitator_id');
    const got = await clin.get(`/api/v1/sessions/${one.id}`);
    assert.equal(got.status, 200, got.text);
    assertSchema('SessionWithRoster', got.json);
    assert.equal(got.json.substitute_facilitator_id, ids.director);
    assertError(await clin.patch(`/api/v1/sessions/${one.id}`, { topic: 'x' }), 403, 'forbidden');
    assertError(await clin.get('/api/v1/sessions/999999'), 404);
    // A session the closure cancelled stays cancelled until the closure goes.
    const thx = (await sessions(`track_id=${track.id}&from=2026-11-26&to=2026-11-26`)).items[0];
    assertError(await dir.patch(`/api/v1/sessions/${thx.id}`, { status: 'scheduled' }), 409, 'conflict');
  });

  test('a template change changes only the sessions not yet started', async () => {
    const today = localYmd(now);
    const t = (await dir.post('/api/v1/tracks', { site_id: 1, name: 'Evening IOP B', level_of_care: '2.1', blocks: [
      { weekday: 1, start: '18:00', minutes: 180, group_type: 'process_group', topic: 'Old' },
      { weekday: 2, start: '18:00', minutes: 180, group_type: 'process_group', topic: 'Old' },
      { weekday: 4, start: '18:00', minutes: 180, group_type: 'process_group', topic: 'Old' },
    ] })).json;
    const from = plusDays(today, -21), to = plusDays(today, 21);
    const g = await dir.post(`/api/v1/tracks/${t.id}/sessions/generate`, { from, to });
    assert.equal(g.status, 200, g.text);
    const before = (await sessions(`track_id=${t.id}&from=${from}&to=${to}`)).items;
    assert.equal(before.length, g.json.created);
    const r = await dir.patch(`/api/v1/tracks/${t.id}`, { blocks: [
      { weekday: 1, start: '18:00', minutes: 120, group_type: 'relapse_prevention', topic: 'New' },
      { weekday: 3, start: '18:00', minutes: 180, group_type: 'process_group', topic: 'New' },
      { weekday: 4, start: '18:00', minutes: 180, group_type: 'process_group', topic: 'Old' },
    ] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.weekdays, ['mon', 'wed', 'thu']);
    const after = (await sessions(`track_id=${t.id}&from=${from}&to=${to}`)).items;
    const nowIso = new Date(now).toISOString();
    const past = (xs) => xs.filter((s) => s.starts_at <= nowIso);
    const future = (xs) => xs.filter((s) => s.starts_at > nowIso);
    assert.ok(past(before).length > 0 && future(before).length > 0);
    assert.deepEqual(past(after), past(before), 'past sessions unchanged');
    const f = future(after);
    const wd = (s) => new Date(s.date + 'T12:00:00Z').getUTCDay();
    assert.ok(f.every((s) => wd(s) !== 2), 'no Tuesday left ahead');
    assert.ok(f.some((s) => wd(s) === 3), 'Wednesdays added ahead');
    for (const s of f.filter((x) => wd(x) === 1))
      assert.deepEqual([s.minutes, s.group_type, s.topic], [120, 'relapse_prevention', 'New']);
    // Unchanged blocks keep their sessions (and ids).
    const thuBefore = future(before).filter((s) => wd(s) === 4).map((s) => s.id);
    const thuAfter = f.filter((s) => wd(s) === 4).map((s) => s.id);
    assert.deepEqual(thuAfter, thuBefore);
    // A change without blocks leaves the sessions as they are.
    const rn = await dir.patch(`/api/v1/tracks/${t.id}`, { name: 'Evening IOP C' });
    assert.equal(rn.status, 200, rn.text);
    assert.equal(rn.json.blocks.length, 3);
    assert.deepEqual((await sessions(`track_id=${t.id}&from=${from}&to=${to}`)).items, after);
  });
});

// Calendar feeds (issue 12, item 8): POST /api/v1/feeds {"kind","id"} ->
// 201 {"id","url"}; GET {url} serves text/calendar with no session;
// DELETE /api/v1/feeds/{id} -> 204 and the link answers 404 from then on.
// Each kind is made and fetched and parsed with ical.js; the text is
// checked for what ical.js lets pass (CRLF, folding, a VTIMEZONE for every
// TZID, UID/DTSTAMP/DTSTART on every event); UIDs stay put across fetches,
// SEQUENCE goes up when a session or appointment changes, a cancellation is
// STATUS:CANCELLED; a staff feed names clients by first name and initial
// only, a client feed holds only that client's events, room and track
// feeds name no client; who may make which; bad bodies name the field; the
// token is not stored; fetches of a client feed are on the client's trail.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, finish, auditRows, sqlite, careTeam } from './helpers.mjs';

const MIN = 60e3;
const HOUR = 3600e3;
const DAY = 86400e3;
const TZ = 'America/Chicago';   // the first demo site's zone
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
function localYmd(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

describe('calendar feeds', () => {
  let srv;
  const api = {};
  const staff = {};
  let room, room2, track, sessions, ann, ben, annAppt, benAppt;
  const feeds = {};

  // GET the feed's link with no cookie at all.
  const fetchFeed = async (url) => {
    const res = await fetch(srv.url + url);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  // The text, checked for what ical.js lets pass, and parsed.
  const parse = (text) => {
    assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
    assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends with CRLF');
    for (const line of text.split('\r\n')) {
      assert.ok(Buffer.byteLength(line) <= 75, `folded at 75 octets: ${line}`);
    }
    const cal = new ICAL.Component(ICAL.parse(text));
    assert.equal(cal.name, 'vcalendar');
    assert.equal(cal.getFirstPropertyValue('version'), '2.0');
    assert.ok(cal.getFirstPropertyValue('prodid'));
    const zones = cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'));
    const events = cal.getAllSubcomponents('vevent').map((v) => {
      for (const p of ['uid', 'dtstamp', 'dtstart', 'dtend', 'sequence', 'status', 'summary']) {
        assert.ok(v.hasProperty(p), `an event has ${p}`);
      }
      const start = v.getFirstProperty('dtstart');
      const tzid = start.getParameter('tzid');
      if (tzid) assert.ok(zones.includes(tzid), `a VTIMEZONE for ${tzid}`);
      return {
        uid: v.getFirstPropertyValue('uid'),
        seq: v.getFirstPropertyValue('sequence'),
        status: v.getFirstPropertyValue('status'),
        summary: v.getFirstPropertyValue('summary'),
        location: v.getFirstPropertyValue('location'),
        tzid,
        start: v.getFirstPropertyValue('dtstart'),
      };
    });
    return { cal, zones, events, byUid: Object.fromEntries(events.map((e) => [e.uid, e])) };
  };
  const make = async (who, kind, id) => api[who].post('/api/v1/feeds', { kind, id });

  before(async () => {
    srv = await startServer({ testClock: true });
    const users = ['admin', 'director', 'clinician', 'nurse', 'front_desk', 'admissions', 'billing'];
    const signed = await Promise.all(users.map((u) => signIn(srv.url, u)));
    users.forEach((u, i) => { api[u] = signed[i]; });
    for (const s of (await api.admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s.id;
    [room, room2] = (await api.admin.get('/api/v1/rooms?site_id=1')).json.items.map((r) => r.id);
    const now = await srv.advance(0);
    const today = localYmd(now);
    // An evening track the clinician facilitates in the first room.
    const t = await api.director.post('/api/v1/tracks', {
      site_id: 1, name: 'Feeds evening', level_of_care: '2.1',
      blocks: [1, 2, 3, 4, 5].map((weekday) => ({
        weekday, start: '18:00', minutes: 180, group_type: 'process_group',
        topic: 'Coping, cravings; sleep', facilitator_id: staff.clinician, room_id: room,
      })),
    });
    assert.equal(t.status, 201, t.text);
    track = t.json.id;
    const g = await api.director.post(`/api/v1/tracks/${track}/sessions/generate`,
      { from: plusDays(today, -3), to: plusDays(today, 21) });
    assert.equal(g.status, 200, g.text);
    sessions = (await api.director.get(`/api/v1/sessions?track_id=${track}&from=${plusDays(today, -3)}&to=${plusDays(today, 21)}`)).json.items;
    assert.ok(sessions.length >= 10);
    // Ann is on the track; Ben is not.
    const a = await api.admissions.post('/api/v1/clients', clientBody({ first_name: 'Annabel', last_name: 'Quixfeedly' }));
    await careTeam(srv.url, a.json.id);
    const b = await api.admissions.post('/api/v1/clients', clientBody({ first_name: 'Benedikt', last_name: 'Vantablack' }));
    await careTeam(srv.url, b.json.id);
    assert.equal(a.status, 201, a.text);
    assert.equal(b.status, 201, b.text);
    [ann, ben] = [a.json.id, b.json.id];
    const ep = await api.admissions.post(`/api/v1/clients/${ann}/episodes`, {
      level: '2.1', site_id: 1, track_id: track, primary_clinician_id: staff.clinician,
      privacy_notice_given: true, admitted_on: plusDays(today, -3),
    });
    assert.equal(ep.status, 201, ep.text);
    // Each has an appointment with the clinician two days ahead, in the
    // morning (local), clear of the evening groups.
    const base = Math.ceil(now / DAY) * DAY + 2 * DAY + 14 * HOUR;
    const book = (client, startsAt) => api.clinician.post(`/api/v1/clients/${client}/appointments`, {
      kind: 'individual_therapy', site_id: 1, staff_id: staff.clinician, room_id: room2,
      starts_at: at(startsAt), minutes: 50,
    });
    const x = await book(ann, base);
    const y = await book(ben, base + HOUR);
    assert.equal(x.status, 201, x.text);
    assert.equal(y.status, 201, y.text);
    [annAppt, benAppt] = [x.json.id, y.json.id];
  });
  after(() => finish(srv));

  test('each kind is made: 201 {id, url} with an unguessable link under /feeds/', async () => {
    const cases = [
      ['client', 'clinician', () => ann],
      ['staff', 'clinician', () => staff.clinician],
      ['room', 'front_desk', () => room],
      ['track', 'director', () => track],
    ];
    for (const [kind, who, idOf] of cases) {
      const r = await make(who, kind, idOf());
      assert.equal(r.status, 201, r.text);
      assert.equal(typeof r.json.id, 'number');
      assert.match(r.json.url, /^\/feeds\/[A-Za-z0-9_-]{43}\.ics$/, 'a 256-bit base64url token');
      assert.equal(r.json.kind, kind);
      assert.equal(r.json.subject_id, idOf());
      feeds[kind] = r.json;
    }
    const urls = new Set(Object.values(feeds).map((f) => f.url));
    assert.equal(urls.size, 4, 'every link is its own');
  });

  test('the token is not stored, only its SHA-256', () => {
    for (const f of Object.values(feeds)) {
      const token = f.url.slice('/feeds/'.length, -'.ics'.length);
      const hex = createHash('sha256').update(token).digest('hex').toUpperCase();
      const row = sqlite(srv.db, `SELECT kind FROM feed WHERE hex(token_hash) = '${hex}'`).trim();
      assert.equal(row, f.kind);
    }
    const dump = sqlite(srv.db, 'SELECT * FROM feed');
    for (const f of Object.values(feeds)) {
      assert.ok(!dump.includes(f.url.slice(7, -4)), 'no token in the table');
    }
  });

  test('a feed is served as text/calendar without a session, with the site zone\'s VTIMEZONE', async () => {
    for (const kind of ['client', 'staff', 'room', 'track']) {
      const r = await fetchFeed(feeds[kind].url);
      assert.equal(r.status, 200, `${kind}: ${r.text}`);
      assert.match(r.type, /^text\/calendar/);
      const p = parse(r.text);
      assert.deepEqual(p.zones, [TZ], `${kind}: one VTIMEZONE, the site's`);
      const vtz = p.cal.getFirstSubcomponent('vtimezone');
      assert.ok(vtz.getAllSubcomponents('standard').length > 0 && vtz.getAllSubcomponents('daylight').length > 0,
        'the zone has its standard and daylight times');
      assert.ok(p.events.length > 0, `${kind}: has events`);
      for (const e of p.events) assert.equal(e.tzid, TZ, 'times in the site zone');
    }
    // The local wall time is the session's: 18:00 in Chicago.
    const t = parse((await fetchFeed(feeds.track.url)).text);
    const s = t.byUid[`session-${sessions[0].id}@openiop`];
    assert.ok(s, 'the first session is in the track feed');
    assert.equal(s.start.hour, 18);
    assert.equal(s.start.toUnixTime() * 1000, Date.parse(sessions[0].starts_at));
    assert.match(s.summary, /^Process group: Coping, cravings; sleep \(Feeds evening\)$/);
    assert.match(s.location, /, /);
  });

  test('UIDs are stable across fetches', async () => {
    const one = parse((await fetchFeed(feeds.staff.url)).text).events.map((e) => e.uid).sort();
    const two = parse((await fetchFeed(feeds.staff.url)).text).events.map((e) => e.uid).sort();
    assert.deepEqual(one, two);
    assert.ok(one.includes(`appointment-${annAppt}@openiop`));
    assert.ok(one.includes(`session-${sessions[1].id}@openiop`));
  });

  test('a client feed holds only that client\'s sessions and appointments', async () => {
    const p = parse((await fetchFeed(feeds.client.url)).text);
    const uids = p.events.map((e) => e.uid);
    assert.ok(uids.includes(`appointment-${annAppt}@openiop`));
    assert.ok(!uids.includes(`appointment-${benAppt}@openiop`), 'no other client\'s appointment');
    for (const s of sessions) assert.ok(uids.includes(`session-${s.id}@openiop`), 'her rostered sessions');
    assert.equal(uids.length, sessions.length + 1);
    const text = (await fetchFeed(feeds.client.url)).text;
    assert.doesNotMatch(text, /Benedikt|Vantablack/);
    assert.doesNotMatch(text, /Quixfeedly/, 'not even her own surname');
  });

  test('a staff feed names clients by first name and initial, never a surname', async () => {
    const text = (await fetchFeed(feeds.staff.url)).text;
    const p = parse(text);
    assert.equal(p.byUid[`appointment-${annAppt}@openiop`].summary, 'Individual therapy: Annabel Q.');
    assert.equal(p.byUid[`appointment-${benAppt}@openiop`].summary, 'Individual therapy: Benedikt V.');
    assert.doesNotMatch(text, /Quixfeedly|Vantablack/);
    // The sessions the clinician facilitates are there too.
    for (const s of sessions) assert.ok(p.byUid[`session-${s.id}@openiop`]);
  });

  test('room and track feeds name no client', async () => {
    for (const kind of ['room', 'track']) {
      const text = (await fetchFeed(feeds[kind].url)).text;
      assert.doesNotMatch(text, /Annabel|Benedikt|Quixfeedly|Vantablack/, kind);
    }
    // The room feed has the sessions held there; the appointments are in room2.
    const p = parse((await fetchFeed(feeds.room.url)).text);
    assert.ok(p.byUid[`session-${sessions[0].id}@openiop`]);
    assert.ok(!p.byUid[`appointment-${annAppt}@openiop`]);
  });

  test('SEQUENCE goes up when a session changes room or is cancelled, and the cancellation is STATUS:CANCELLED', async () => {
    const s = sessions[sessions.length - 1];
    const uid = `session-${s.id}@openiop`;
    const before = parse((await fetchFeed(feeds.track.url)).text).byUid[uid];
    assert.equal(before.status, 'CONFIRMED');
    const r = await api.director.patch(`/api/v1/sessions/${s.id}`, { room_id: room2 });
    assert.equal(r.status, 200, r.text);
    const moved = parse((await fetchFeed(feeds.track.url)).text).byUid[uid];
    assert.equal(moved.seq, before.seq + 1);
    // A change of topic alone is no new version.
    const t = await api.director.patch(`/api/v1/sessions/${s.id}`, { topic: 'Sleep' });
    assert.equal(t.status, 200, t.text);
    assert.equal(parse((await fetchFeed(feeds.track.url)).text).byUid[uid].seq, moved.seq);
    const c = await api.director.patch(`/api/v1/sessions/${s.id}`, { status: 'cancelled', reason: 'Snow day' });
    assert.equal(c.status, 200, c.text);
    for (const kind of ['track', 'client', 'staff']) {
      const e = parse((await fetchFeed(feeds[kind].url)).text).byUid[uid];
      assert.equal(e.status, 'CANCELLED', kind);
      assert.equal(e.seq, moved.seq + 1, kind);
      assert.match(e.summary, /^Cancelled: /);
    }
  });

  test('an appointment rescheduled or cancelled: SEQUENCE up, STATUS:CANCELLED', async () => {
    const uid = `appointment-${annAppt}@openiop`;
    const before = parse((await fetchFeed(feeds.client.url)).text).byUid[uid];
    assert.equal(before.seq, 0);
    const appt = (await api.clinician.get(`/api/v1/appointments/${annAppt}`)).json;
    const r = await api.clinician.post(`/api/v1/appointments/${annAppt}/reschedule`,
      { starts_at: at(Date.parse(appt.starts_at) - 2 * HOUR) });
    assert.equal(r.status, 200, r.text);
    const moved = parse((await fetchFeed(feeds.client.url)).text).byUid[uid];
    assert.equal(moved.seq, 1);
    const c = await api.clinician.post(`/api/v1/appointments/${annAppt}/cancel`,
      { cancelled_by: 'program', reason: 'Clinician away' });
    assert.equal(c.status, 200, c.text);
    for (const kind of ['client', 'staff']) {
      const e = parse((await fetchFeed(feeds[kind].url)).text).byUid[uid];
      assert.equal(e.status, 'CANCELLED', kind);
      assert.equal(e.seq, 2, kind);
    }
  });

  test('every fetch of a client feed is audited on the client\'s trail, with the feed', async () => {
    const n0 = auditRows(srv.db).length;
    assert.equal((await fetchFeed(feeds.client.url)).status, 200);
    assert.equal((await fetchFeed(feeds.client.url)).status, 200);
    const rows = auditRows(srv.db).slice(n0).filter((x) => x.action === 'feed.fetch');
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.deepEqual([row.record_type, row.record_id, row.client_id], ['feed', feeds.client.id, ann]);
      assert.match(row.detail, /^kind=client subject=\d+ events=\d+$/);
    }
    assert.equal((await fetchFeed(feeds.room.url)).status, 200);
    const room = auditRows(srv.db).slice(n0).filter((x) => x.action === 'feed.fetch').at(-1);
    assert.deepEqual([room.record_id, room.client_id ?? 0], [feeds.room.id, 0]);
  });

  test('my feeds are listed, without their links', async () => {
    const r = await api.clinician.get('/api/v1/feeds');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((f) => f.id).sort(), [feeds.client.id, feeds.staff.id].sort());
    for (const f of r.json.items) assert.equal(f.url, undefined);
    const one = await api.clinician.get(`/api/v1/feeds?kind=client&id=${ann}`);
    assert.deepEqual(one.json.items.map((f) => f.id), [feeds.client.id]);
    assert.equal(one.json.items[0].label, 'Annabel Quixfeedly');
    const bad = await api.clinician.get('/api/v1/feeds?kind=planet&id=1');
    assertError(bad, 400, 'invalid');
    assert.ok(bad.json.error.fields.kind);
    const half = await api.clinician.get('/api/v1/feeds?kind=client');
    assertError(half, 400, 'invalid');
    assert.ok(half.json.error.fields.id);
    assert.deepEqual((await api.director.get('/api/v1/feeds')).json.items.map((f) => f.id), [feeds.track.id]);
  });

  test('bad kind or id: 400 naming the field, nothing written', async () => {
    const count = () => Number(sqlite(srv.db, 'SELECT count(*) FROM feed').trim());
    const n = count();
    const field = (r, name) => {
      assert.equal(r.status, 400, r.text);
      assert.equal(typeof r.json.error.fields[name], 'string', `names ${name}: ${r.text}`);
    };
    field(await api.clinician.post('/api/v1/feeds', { kind: 'planet', id: 1 }), 'kind');
    field(await api.clinician.post('/api/v1/feeds', { id: 1 }), 'kind');
    field(await api.clinician.post('/api/v1/feeds', { kind: 'client' }), 'id');
    field(await api.clinician.post('/api/v1/feeds', { kind: 'client', id: 'seven' }), 'id');
    field(await api.clinician.post('/api/v1/feeds', { kind: 'client', id: 0 }), 'id');
    field(await api.clinician.post('/api/v1/feeds', { kind: 'client', id: 999999 }), 'id');
    field(await api.front_desk.post('/api/v1/feeds', { kind: 'room', id: 999999 }), 'id');
    field(await api.clinician.post('/api/v1/feeds', { kind: 'client', id: ann, colour: 'red' }), 'colour');
    assert.equal(count(), n);
  });

  test('who may make which feed', async () => {
    // Another staff member's schedule: no.
    assertError(await make('clinician', 'staff', staff.director), 403, 'forbidden');
    // A client's schedule needs clients.write: the nurse and billing have not it.
    assertError(await make('nurse', 'client', ann), 403, 'forbidden');
    assertError(await make('billing', 'client', ann), 403, 'forbidden');
    // Anyone may have their own.
    assert.equal((await make('billing', 'staff', staff.billing)).status, 201);
    // No session: 401.
    const r = await fetch(srv.url + '/api/v1/feeds', { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'room', id: room }) });
    assert.equal(r.status, 401);
  });

  test('revoked: 204, the link answers 404 from then on; only its maker (or an admin) may revoke', async () => {
    assertError(await api.front_desk.del(`/api/v1/feeds/${feeds.client.id}`), 403, 'forbidden');
    assert.equal((await fetchFeed(feeds.client.url)).status, 200);
    const n0 = auditRows(srv.db).length;
    const r = await api.clinician.del(`/api/v1/feeds/${feeds.client.id}`);
    assert.equal(r.status, 204, r.text);
    const row = auditRows(srv.db).slice(n0).find((x) => x.action === 'feed.revoke');
    assert.deepEqual([row.record_id, row.client_id], [feeds.client.id, ann]);
    assert.equal((await fetchFeed(feeds.client.url)).status, 404);
    assert.equal((await fetchFeed(feeds.client.url)).status, 404);
    assert.equal((await api.clinician.del(`/api/v1/feeds/${feeds.client.id}`)).status, 404);
    // The other feeds still answer; an admin may revoke any.
    assert.equal((await fetchFeed(feeds.room.url)).status, 200);
    assert.equal((await api.admin.del(`/api/v1/feeds/${feeds.room.id}`)).status, 204);
    assert.equal((await fetchFeed(feeds.room.url)).status, 404);
    // A link never made: 404 too.
    assert.equal((await fetchFeed('/feeds/' + 'A'.repeat(43) + '.ics')).status, 404);
  });
});

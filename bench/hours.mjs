// bench/hours.mjs — issue 12, item 6: hours compliance at the server.
//
//   node bench/hours.mjs                 (uses build/iop; IOP_BIN=build-release/iop for Release)
//   HOURS_CLIENTS=1000 HOURS_RUNS=200 node bench/hours.mjs
//
// Starts a server on a fresh demo database (127.0.0.1:0), adds one site
// (America/Chicago) with 8 tracks (4 mornings, 4 evenings, Monday to
// Thursday 3 h), admits 1,000 clients into open episodes from last week's
// Monday (125 a track), generates last week's and this week's sessions and
// records attendance at every session already started (one request a
// roster: most present, a tenth absent, a tenth 45 minutes late), and gives
// every client one attended individual-therapy appointment last Friday
// (written straight into the database: a seeding path, not a route).
// Then it times, one request at a time over keep-alive:
//   - GET /api/v1/hours?site_id=&week=&limit=200   ("This week", 1,000 clients)
//   - the same with at_risk=true
//   - GET /api/v1/clients/{id}/hours?week=           (one client's week)
//   - GET /api/v1/program                           (the loop-back floor: a tiny
//                                                    unaudited read)
// and prints p50/p99/max in ms for each.  The server's share is the figure
// less the floor.
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { startServer, Api, DEMO_PASSWORD } from '../tests/lib/server.mjs';
import { plusDays, localYmd, ok, time, admitClients } from './lib.mjs';

const N = Number(process.env.HOURS_CLIENTS || 1000);
const RUNS = Number(process.env.HOURS_RUNS || 200);
const TZ = 'America/Chicago';
const TRACKS = 8;
const isoWeekday = (ymd) => new Date(ymd + 'T12:00:00Z').getUTCDay() || 7;

const srv = await startServer();
try {
  const admin = new Api(srv.url);
  const dir = new Api(srv.url);
  const adm = new Api(srv.url);
  const desk = new Api(srv.url);
  ok(await admin.login('admin', DEMO_PASSWORD), 'login');
  ok(await dir.login('director', DEMO_PASSWORD), 'login');
  ok(await adm.login('admissions', DEMO_PASSWORD), 'login');
  ok(await desk.login('front_desk', DEMO_PASSWORD), 'login');
  const staff = Object.fromEntries(ok(await admin.get('/api/v1/staff?limit=200'), 'staff').items.map((s) => [s.username, s.id]));
  const site = ok(await admin.post('/api/v1/sites', { name: 'Bench Hours', timezone: TZ, address: '', phone: '' }), 'site').id;
  const today = localYmd(Date.now(), TZ);
  const thisMon = plusDays(today, 1 - isoWeekday(today));
  const lastMon = plusDays(thisMon, -7);
  const tracks = [];
  for (let k = 0; k < TRACKS; k++) {
    const blocks = [1, 2, 3, 4].map((weekday) => ({ weekday, start: k < TRACKS / 2 ? '09:00' : '18:00', minutes: 180, group_type: 'process_group' }));
    const id = ok(await dir.post('/api/v1/tracks', { site_id: site, name: `Bench hours ${k + 1}`, level_of_care: '2.1', blocks }), 'track').id;
    ok(await dir.post(`/api/v1/tracks/${id}/sessions/generate`, { from: lastMon, to: plusDays(thisMon, 6) }), 'generate');
    tracks.push(id);
  }
  const t0 = performance.now();
  const clients = await admitClients(adm, N, { lastName: 'Hours', site, tracks, clinician: staff.clinician, admittedOn: lastMon });
  const seeded = performance.now() - t0;
  // Attendance at every session already started, one request a roster.
  let sessions = 0;
  for (let k = 0; k < TRACKS; k++) {
    const roster = clients.filter((_, i) => i % TRACKS === k);
    const list = ok(await dir.get(`/api/v1/sessions?track_id=${tracks[k]}&from=${lastMon}&to=${plusDays(thisMon, 6)}&limit=200`), 'sessions').items;
    for (const s of list.filter((g) => Date.parse(g.starts_at) < Date.now())) {
      const records = roster.map((id, j) => (j % 10 === 0 ? { client_id: id, status: 'absent_unexcused' }
        : j % 10 === 1 ? { client_id: id, status: 'late', late_minutes: 45 } : { client_id: id, status: 'present' }));
      ok(await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records }), 'attendance');
      sessions++;
    }
  }
  // One attended individual-therapy appointment each, last Thursday 14:00
  // local (a group day: 3 h of group and 50 minutes of therapy).
  const fri = Date.parse(`${plusDays(lastMon, 3)}T20:00:00Z`) / 1000;
  execFileSync('sqlite3', [srv.db, `INSERT INTO appointment (client_id, site_id, kind, staff_id, starts_at, minutes,
    ends_at, created_by, created_at, updated_at, attendance, attended_minutes)
    SELECT client_id, site_id, 'individual_therapy', ${staff.clinician}, ${fri}, 50, ${fri + 3000}, 0, ${fri}, ${fri},
      'attended', 50 FROM episode WHERE site_id = ${site} AND status = 'open'`]);
  console.log(`site: ${N} clients in open episodes on ${TRACKS} tracks (seeded in ${(seeded / 1000).toFixed(1)} s); `
    + `attendance at ${sessions} sessions; ${N} appointments; weeks ${lastMon} and ${thisMon}`);

  const clin = new Api(srv.url);
  ok(await clin.login('clinician', DEMO_PASSWORD), 'login');
  const full = ok(await clin.get(`/api/v1/hours?site_id=${site}&week=${lastMon}&limit=200`), 'list');
  const risk = ok(await clin.get(`/api/v1/hours?site_id=${site}&week=${lastMon}&at_risk=true&limit=200`), 'list');
  if (full.total !== N) throw new Error(`the list has ${full.total} clients, not ${N}`);
  console.log(`last week: ${full.total} clients, ${risk.total} at risk`);
  const one = clients[Math.floor(N / 2)];
  const rows = [
    ['This week list (1 site, last week, limit=200)', `/api/v1/hours?site_id=${site}&week=${lastMon}&limit=200`],
    ['This week list, at_risk=true', `/api/v1/hours?site_id=${site}&week=${lastMon}&at_risk=true&limit=200`],
    ['This week list, limit=1', `/api/v1/hours?site_id=${site}&week=${lastMon}&limit=1`],
    ['This week list (this week)', `/api/v1/hours?site_id=${site}&limit=200`],
    ['one client\'s hours', `/api/v1/clients/${one}/hours?week=${lastMon}`],
    ['one client\'s weeks (chart)', `/api/v1/clients/${one}/hours/weeks`],
    ['floor: GET /api/v1/program', '/api/v1/program'],
  ];
  if (process.env.HOURS_KEEP_DB) execFileSync('cp', [srv.db, process.env.HOURS_KEEP_DB]);
  for (const [name, path] of rows) {
    const r = await time(clin, path, RUNS, 10);
    console.log(`${name.padEnd(48)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms`);
  }
} finally {
  await srv.stop();
}

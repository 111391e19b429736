// bench/billable.mjs — issue 13, item 8: billable days for 1,000 clients
// over a month, at the server.
//
//   node bench/billable.mjs               (uses build/iop; IOP_BIN=build-release/iop for Release)
//   BILL_CLIENTS=1000 BILL_RUNS=30 node bench/billable.mjs
//
// Starts a server on a fresh demo database (127.0.0.1:0), adds one site
// (America/Chicago) with 8 tracks meeting Monday to Friday for 3 hours,
// admits 1,000 clients (125 a track) 31 days ago, generates the month's
// sessions and records attendance at every session already started (one
// request a roster: most present, a tenth absent, a tenth 45 minutes late).
// Then, straight into the database (a seeding path, not a route): a signed
// plan with one objective per episode; one group note per held session
// (most signed, every 17th a draft, every 23rd never written) with a part
// per client attended, linked to the client's objective except for every
// 19th client; and one attended individual-therapy appointment a week per
// client with a signed, linked note.
//
// It then times, one request at a time over keep-alive, the program-wide
// answer (one request for the whole site and month: the figure the target
// is about), the same with billable=false, one client's month, and
// GET /api/v1/program as the loop-back floor; p50/p99/max in ms.
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { startServer, Api, DEMO_PASSWORD } from '../tests/lib/server.mjs';
import { plusDays, localYmd, ok, time, admitClients } from './lib.mjs';

const N = Number(process.env.BILL_CLIENTS || 1000);
const RUNS = Number(process.env.BILL_RUNS || 30);
const TZ = 'America/Chicago';
const TRACKS = 8;
const sql = (db, text) => execFileSync('sqlite3', [db, text]).toString().trim();

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
  const site = ok(await admin.post('/api/v1/sites', { name: 'Bench Billing', timezone: TZ, address: '', phone: '' }), 'site').id;
  const today = localYmd(Date.now(), TZ);
  const from = plusDays(today, -29);
  const admitted = plusDays(today, -31);
  const tracks = [];
  for (let k = 0; k < TRACKS; k++) {
    const blocks = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: k < TRACKS / 2 ? '09:00' : '18:00', minutes: 180, group_type: 'process_group' }));
    const id = ok(await dir.post('/api/v1/tracks', { site_id: site, name: `Bench billing ${k + 1}`, level_of_care: '2.1', blocks }), 'track').id;
    ok(await dir.post(`/api/v1/tracks/${id}/sessions/generate`, { from: admitted, to: today }), 'generate');
    tracks.push(id);
  }
  const t0 = performance.now();
  const clients = await admitClients(adm, N, { lastName: 'Billing', site, tracks, clinician: staff.clinician, admittedOn: admitted });
  let sessions = 0;
  for (let k = 0; k < TRACKS; k++) {
    const roster = clients.filter((_, i) => i % TRACKS === k);
    const list = ok(await dir.get(`/api/v1/sessions?track_id=${tracks[k]}&from=${admitted}&to=${today}&limit=200`), 'sessions').items;
    for (const s of list.filter((g) => Date.parse(g.ends_at) < Date.now())) {
      const records = roster.map((id, j) => (j % 10 === 0 ? { client_id: id, status: 'absent_unexcused' }
        : j % 10 === 1 ? { client_id: id, status: 'late', late_minutes: 45 } : { client_id: id, status: 'present' }));
      ok(await desk.put(`/api/v1/sessions/${s.id}/attendance`, { records }), 'attendance');
      sessions++;
    }
  }
  const seeded = performance.now() - t0;
  const now = Math.floor(Date.now() / 1000);
  const start = Math.floor(Date.parse(`${admitted}T12:00:00Z`) / 1000);
  const clin = staff.clinician;
  sql(srv.db, `BEGIN;
    INSERT INTO plan_version (episode_id, client_id, version, status, created_by, created_at, updated_by, updated_at,
      clinician_signed_by, clinician_signed_at, review_days, review_due_at)
      SELECT id, client_id, 1, 'clinician_signed', ${clin}, ${start}, ${clin}, ${start}, ${clin}, ${start}, 60, ${start + 60 * 86400}
      FROM episode WHERE site_id = ${site};
    INSERT INTO plan_objective_key (episode_id, created_at) SELECT id, ${start} FROM episode WHERE site_id = ${site};
    INSERT INTO note (kind, session_id, starts_at, ends_at, status, author_id, created_at, updated_by, updated_at, signed_by, signed_at)
      SELECT 'group', g.id, g.starts_at, g.ends_at, CASE WHEN g.id % 17 = 0 THEN 'draft' ELSE 'signed' END,
        ${clin}, g.ends_at, ${clin}, g.ends_at, CASE WHEN g.id % 17 = 0 THEN 0 ELSE ${clin} END,
        CASE WHEN g.id % 17 = 0 THEN 0 ELSE g.ends_at + 600 END
      FROM group_session g WHERE g.site_id = ${site} AND g.ends_at < ${now} AND g.id % 23 <> 0;
    INSERT INTO note_part (note_id, client_id, attendance, starts_at, ends_at, minutes)
      SELECT n.id, a.client_id, a.status, g.starts_at + a.late_minutes * 60, g.ends_at, a.minutes
      FROM note n JOIN group_session g ON g.id = n.session_id JOIN attendance a ON a.session_id = g.id AND a.minutes > 0
      WHERE g.site_id = ${site};
    INSERT INTO note_objective (note_id, client_id, objective_key)
      SELECT p.note_id, p.client_id, k.id FROM note_part p
      JOIN episode ep ON ep.client_id = p.client_id AND ep.site_id = ${site}
      JOIN plan_objective_key k ON k.episode_id = ep.id
      WHERE p.client_id % 19 <> 0;
    INSERT INTO appointment (client_id, site_id, kind, staff_id, starts_at, minutes, ends_at, created_by, created_at,
      updated_at, attendance, attended_minutes)
      SELECT ep.client_id, ${site}, 'individual_therapy', ${clin}, g.starts_at + 4 * 3600, 50, g.starts_at + 4 * 3600 + 3000,
        0, g.starts_at, g.starts_at, 'attended', 50
      FROM episode ep JOIN group_session g ON g.track_id = ep.track_id AND g.ends_at < ${now} - 6 * 3600
        AND strftime('%w', g.date) = '3'
      WHERE ep.site_id = ${site};
    INSERT INTO note (kind, appointment_id, form, starts_at, ends_at, status, author_id, created_at, updated_by, updated_at,
      signed_by, signed_at)
      SELECT 'individual', a.id, 'dap', a.starts_at, a.ends_at, 'signed', ${clin}, a.ends_at, ${clin}, a.ends_at, ${clin}, a.ends_at + 600
      FROM appointment a WHERE a.site_id = ${site} AND a.kind = 'individual_therapy';
    INSERT INTO note_part (note_id, client_id, starts_at, ends_at, minutes)
      SELECT n.id, a.client_id, a.starts_at, a.ends_at, 50 FROM note n JOIN appointment a ON a.id = n.appointment_id
      WHERE a.site_id = ${site};
    INSERT INTO note_objective (note_id, client_id, objective_key)
      SELECT n.id, a.client_id, k.id FROM note n JOIN appointment a ON a.id = n.appointment_id
      JOIN episode ep ON ep.client_id = a.client_id AND ep.site_id = ${site}
      JOIN plan_objective_key k ON k.episode_id = ep.id WHERE a.site_id = ${site};
    COMMIT;`);
  const counts = sql(srv.db, `SELECT (SELECT count(*) FROM attendance a JOIN group_session g ON g.id = a.session_id WHERE g.site_id = ${site} AND a.minutes > 0)
    || ' ' || (SELECT count(*) FROM note_part p JOIN note n ON n.id = p.note_id JOIN group_session g ON g.id = n.session_id WHERE g.site_id = ${site})
    || ' ' || (SELECT count(*) FROM appointment WHERE site_id = ${site})`);
  console.log(`site: ${N} clients on ${TRACKS} tracks (seeded through the API in ${(seeded / 1000).toFixed(1)} s); `
    + `attendance at ${sessions} sessions; attended rows, group note parts, appointments: ${counts}`);

  if (process.env.BILL_KEEP_DB) execFileSync('cp', [srv.db, process.env.BILL_KEEP_DB]);
  const bill = new Api(srv.url);
  ok(await bill.login('billing', DEMO_PASSWORD), 'login');
  const month = `site_id=${site}&from=${from}&to=${today}`;
  const full = ok(await bill.get(`/api/v1/billable-days?${month}&limit=200`), 'list');
  const t = full.totals;
  console.log(`${from} .. ${today}: ${full.total} client-days, ${t.billable_days} billable, ${t.not_billable_days} not; `
    + Object.entries(t.by_reason).map(([k, v]) => `${k} ${v}`).join(', '));
  const one = clients[Math.floor(N / 2)];
  const rows = [
    ['site, a month, every day computed, limit=200', `/api/v1/billable-days?${month}&limit=200`],
    ['site, a month, billable=false, limit=200', `/api/v1/billable-days?${month}&billable=false&limit=200`],
    ['site, a month, limit=1 (the computing alone)', `/api/v1/billable-days?${month}&limit=1`],
    ['one client, a month', `/api/v1/clients/${one}/billable-days?from=${from}&to=${today}`],
    ['floor: GET /api/v1/program', '/api/v1/program'],
  ];
  for (const [name, path] of rows) {
    const r = await time(bill, path, RUNS, 3);
    console.log(`${name.padEnd(48)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms`);
  }
} finally {
  await srv.stop();
}

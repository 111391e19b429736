// bench/notes.mjs — issue 13, items 2 and 4: a 12-client group note at the
// server.
//
//   node bench/notes.mjs                 (uses build/iop; IOP_BIN=build-release/iop for Release)
//   NOTES_SESSIONS=40 NOTES_RUNS=300 node bench/notes.mjs
//
// Starts a server on a fresh demo database (127.0.0.1:0), adds a track that
// meets every day for three hours, admits 12 clients into it a month ago,
// each with a treatment plan, generates the last month's sessions and takes
// attendance at each (all present but one late and one absent).  The oldest
// session's note is written and signed, so the next ones prefill "same as
// last time".  Then it times, one request at a time over keep-alive:
//   - GET /api/v1/notes/{id}     (open a prefilled 12-client group note:
//                                 parts, open objectives, last time's parts)
//   - POST /api/v1/notes/{id}/sign (sign all the parts at once; one per
//                                 session, each written first by a PATCH)
//   - GET /api/v1/program        (the loop-back floor: a tiny unaudited read)
// and prints p50/p99/max in ms for each.  The server's share is the figure
// less the floor.
import { performance } from 'node:perf_hooks';
import { startServer, Api, DEMO_PASSWORD } from '../tests/lib/server.mjs';

const SESSIONS = Number(process.env.NOTES_SESSIONS || 30);
const RUNS = Number(process.env.NOTES_RUNS || 200);
const N = 12;
const DAY = 86400e3;
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
const ok = (r, what) => { if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`); return r.json; };

function stats(ms) {
  ms.sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  return { p50: q(0.5), p99: q(0.99), max: ms.at(-1), n: ms.length };
}

async function timeGet(api, path, runs) {
  const ms = [];
  for (let i = 0; i < 10; i++) ok(await api.get(path), path);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await api.get(path);
    ms.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
  }
  return stats(ms);
}

const srv = await startServer();
try {
  const admin = new Api(srv.url);
  const dir = new Api(srv.url);
  const adm = new Api(srv.url);
  const clin = new Api(srv.url);
  ok(await admin.login('admin', DEMO_PASSWORD), 'login');
  ok(await dir.login('director', DEMO_PASSWORD), 'login');
  ok(await adm.login('admissions', DEMO_PASSWORD), 'login');
  ok(await clin.login('clinician', DEMO_PASSWORD), 'login');
  const staff = Object.fromEntries(ok(await admin.get('/api/v1/staff?limit=200'), 'staff').items.map((s) => [s.username, s.id]));
  const today = new Date().toISOString().slice(0, 10);
  const from = plusDays(today, -SESSIONS - 1);
  const blocks = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '06:00', minutes: 180, group_type: 'process_group', topic: 'Relapse warning signs' }));
  const track = ok(await dir.post('/api/v1/tracks', { site_id: 1, name: 'Bench notes', level_of_care: '2.1', blocks }), 'track');
  ok(await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`, { from, to: plusDays(today, -1) }), 'generate');
  const clients = [];
  for (let i = 0; i < N; i++) {
    const c = ok(await adm.post('/api/v1/clients', { first_name: 'Bench', last_name: `Notes${String.fromCharCode(65 + i)}`, dob: '1988-03-04', sex: 'female' }), 'client');
    const ep = ok(await adm.post(`/api/v1/clients/${c.id}/episodes`, { level: '2.1', site_id: 1, track_id: track.id,
      primary_clinician_id: staff.clinician, privacy_notice_given: true, admitted_on: from }), 'admit');
    const p = ok(await clin.post(`/api/v1/episodes/${ep.id}/plans`, { problems: [{ dimension: 5, statement: 'Relapse risk.',
      goals: [{ text: 'Stay sober.', objectives: [{ text: 'Use one coping skill a day.', target_date: plusDays(today, 30) },
        { text: 'Two mutual-help meetings a week.', target_date: plusDays(today, 30) }],
      interventions: [{ code: 'relapse_prevention', frequency: 'daily', staff_id: staff.clinician }] }] }] }), 'plan');
    clients.push({ id: c.id, key: p.problems[0].goals[0].objectives[0].key });
  }
  const sessions = ok(await dir.get(`/api/v1/sessions?track_id=${track.id}&from=${from}&to=${plusDays(today, -1)}&limit=200`), 'sessions').items
    .filter((s) => s.status !== 'cancelled' && Date.parse(s.ends_at) < Date.now());
  const notes = [];
  for (const s of sessions) {
    ok(await clin.put(`/api/v1/sessions/${s.id}/attendance`, { records: clients.map((c, i) => ({ client_id: c.id,
      status: i === 1 ? 'late' : i === 2 ? 'absent_excused' : 'present', late_minutes: i === 1 ? 20 : 0 })) }), 'attendance');
    const n = ok(await clin.post(`/api/v1/sessions/${s.id}/note`, {}), 'open');
    ok(await clin.patch(`/api/v1/notes/${n.id}`, {
      shared: { content: 'Mapped warning signs; practised refusal scripts.', interventions: ['relapse_prevention', 'cbt'] },
      parts: n.parts.map((p) => ({ client_id: p.client_id, participation: 'active', response: 'Named two warning signs and a plan.',
        progress: 'Practising urge surfing daily.', objective_keys: [clients.find((c) => c.id === p.client_id).key] })),
    }), 'write');
    notes.push(n.id);
  }
  // The oldest is signed first (the last time the others start from).
  const sign = [];
  ok(await clin.post(`/api/v1/notes/${notes[0]}/sign`, {}), 'sign');
  const open = await timeGet(clin, `/api/v1/notes/${notes.at(-1)}`, RUNS);
  const check = ok(await clin.get(`/api/v1/notes/${notes.at(-1)}`), 'read');
  if (check.parts.length !== N - 1 || !check.parts.every((p) => p.prefill && p.prefill.open_objectives.length === 2 && p.prefill.last))
    throw new Error('the note is not prefilled as expected');
  for (const id of notes.slice(1)) {
    const t0 = performance.now();
    const r = await clin.post(`/api/v1/notes/${id}/sign`, {});
    sign.push(performance.now() - t0);
    ok(r, 'sign');
  }
  const floor = await timeGet(clin, '/api/v1/program', RUNS);
  console.log(`${N} clients on the roster (${N - 1} with a part), ${sessions.length} held sessions`);
  for (const [name, r] of [
    ['open: GET /api/v1/notes/{id} (prefilled)', open],
    [`sign: POST /api/v1/notes/{id}/sign (${N - 1} parts)`, stats(sign)],
    ['floor: GET /api/v1/program', floor],
  ])
    console.log(`${name.padEnd(48)} p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms  (n=${r.n})`);
} finally {
  await srv.stop();
}

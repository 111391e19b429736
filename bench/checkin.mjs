// bench/checkin.mjs — issue 12: checking in a 12-client roster, alone and
// under 32 concurrent check-ins, against "one fsync per request".
//
//   node bench/checkin.mjs [build-release/iop] [seconds=10] [connections=32]
//
// Starts `iop serve` (127.0.0.1:0) on a fresh demo database and adds, at the
// first demo site, 8 tracks meeting every day from 06:00 to 11:00 (five
// 60-minute groups), their sessions for the last two years (29,200, all
// held) and 12 clients admitted onto each two years ago: every session has a
// 12-client roster.  Then:
//
// 1. one check-in: PUT /api/v1/sessions/{id}/attendance of all 12, one
//    request at a time on 20 sessions never checked in (each writes 12
//    rows): the time of one request seen from the client over loopback
//    (the server's time plus a loopback round trip), median and slowest;
// 2. `connections` check-ins kept in flight for `seconds` (wrk and
//    bench/checkin.lua): each a PUT of the whole roster of the next session
//    in turn — first check-ins while sessions never checked in remain, then
//    corrections, each session's records alternating between "all present"
//    and "all late" — so every request writes 12 rows → check-ins per
//    second, p50/p99 latency;
// 3. the ceiling, in the same run, on the same disk: bench/fsync_ceiling.c
//    (built here with cc, like bench/bare.c) commits one small INSERT per
//    transaction, WAL and synchronous=FULL, in the server's database
//    directory, for half of `seconds` just before the concurrent run and
//    again just after → commits per second.
//
// Prints check-ins/s ÷ commits/s and PASS when it is at least 5 (group
// commit, src/store/writer.c, carries the concurrent writes), the CPU the
// server, the load generator and everything else used during the run, and
// the server's own count of writes and commit batches when it stops.  Exit
// status 0 whether or not the target was met (bench/README.md), 1 when a
// check-in failed or something broke.  The server is stopped by its PID;
// every request has a timeout.  BENCH_CLIENT=node uses node's fetch for the
// concurrent run instead of wrk.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const HERE = dirname(fileURLToPath(import.meta.url));
process.env.IOP_BIN = resolve(process.argv[2] || process.env.IOP_BIN || 'build-release/iop');
const SECONDS = Number(process.argv[3] || process.env.BENCH_SECONDS || 10);
const CONNS = Number(process.argv[4] || 32);
const TARGET = 5;
const ROSTER = 12;
const DAYS = 730;
const TRACKS = 8;
const TIMEOUT_MS = 30000;
const { startServer, Api, DEMO_PASSWORD } = await import('../tests/lib/server.mjs');

// CPU time (s) of a process from /proc/PID/stat, and of the whole machine
// (busy, all) from /proc/stat, to tell a server that computes from one that
// waits, and a run other processes shared.
const TICK = 100;
const procCpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK;
};
// The server's CPU time by thread name (libmicrohttpd's "MHD-worker"s; the
// writer and the main thread keep the process's name).
const threadCpu = (pid) => {
  const by = {};
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try {
      const raw = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      const name = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      by[name] = (by[name] || 0) + (Number(f[11]) + Number(f[12])) / TICK;
    } catch { /* the thread ended */ }
  }
  return by;
};
const machineCpu = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const all = f.reduce((a, b) => a + b, 0) / TICK;
  return { busy: all - (f[3] + f[4]) / TICK, all };
};
const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);
const pct = (a, p) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const ok = (r, what) => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.json;
};

// The ceiling, built like bench/bare.c in bench/run.sh.
const tmp = mkdtempSync(join(tmpdir(), 'iop-bench-checkin-'));
const ceilingBin = join(tmp, 'fsync_ceiling');
const pkg = execFileSync('pkg-config', ['--cflags', '--libs', 'sqlite3'], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean);
execFileSync('cc', ['-std=c11', '-D_POSIX_C_SOURCE=200809L', '-O2', '-Wall', '-Wextra', '-Werror',
  join(HERE, 'fsync_ceiling.c'), '-o', ceilingBin, ...pkg], { stdio: 'inherit' });

const BENCH_CLIENT = process.env.BENCH_CLIENT || 'wrk';
const hasWrk = () => {
  try { execFileSync('wrk', ['--version'], { stdio: 'ignore' }); } catch (e) { if (e.code === 'ENOENT') return false; }
  return true;
};

// node's fetch, CONNS loops each awaiting its answer.
async function loadWithNode(put, sessions) {
  let next = 20;
  let done = 0;
  let failed = 0;
  let firstFailure = '';
  const lat = [];
  const me = process.cpuUsage();
  const deadline = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      const g = sessions[next++ % sessions.length];
      let timer;
      const r = await Promise.race([put(g), new Promise((_, no) => {
        timer = setTimeout(() => no(new Error('a check-in took over 30 s')), TIMEOUT_MS);
      })]);
      clearTimeout(timer);
      if (r.status === 200) { done++; lat.push(r.ms); } else { failed++; firstFailure ||= `${r.status} ${r.text}`; }
    }
  };
  await Promise.all(Array.from({ length: CONNS }, worker));
  const u = process.cpuUsage(me);
  return { gen: 'node', done, failed, firstFailure, secs: (performance.now() - t0) / 1000,
    p50: pct(lat, 50), p99: pct(lat, 99), genCpu: (u.user + u.system) / 1e6 };
}

// wrk -t1 -cCONNS with bench/checkin.lua; its CPU read from /proc while it runs.
async function loadWithWrk(desk, sessions) {
  const file = join(tmp, 'sessions.txt');
  writeFileSync(file, sessions.map((g) => `${g.id} ${g.clients.join(' ')}\n`).join(''));
  const env = { ...process.env, BENCH_COOKIE: desk.cookie, BENCH_CSRF: desk.csrf,
    BENCH_SESSIONS_FILE: file, BENCH_VISITED: '20' };
  const child = spawn('wrk', ['-t1', `-c${CONNS}`, `-d${SECONDS}s`, '--latency', '--timeout', '30s',
    '-s', join(HERE, 'checkin.lua'), srv.url], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let genCpu = 0;
  child.stdout.on('data', (d) => { out += d; });
  const poll = setInterval(() => { try { genCpu = procCpu(child.pid); } catch { /* gone */ } }, 200);
  const kill = setTimeout(() => child.kill('SIGKILL'), (SECONDS + 60) * 1000);
  const code = await new Promise((ok) => child.on('exit', ok));
  clearInterval(poll);
  clearTimeout(kill);
  if (code !== 0) throw new Error(`wrk exited ${code}:\n${out}`);
  const ms = (v, unit) => Number(v) * ({ us: 1e-3, ms: 1, s: 1e3 }[unit]);
  const lat = (p) => { const m = out.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)\\b`)); return m ? ms(m[1], m[2]) : NaN; };
  const total = Number((out.match(/(\d+) requests in ([\d.]+)(us|ms|s|m)/) || [])[1]);
  const secsM = out.match(/requests in ([\d.]+)(ms|s|m)\b/);
  const secs = Number(secsM[1]) * ({ ms: 1e-3, s: 1, m: 60 }[secsM[2]]);
  const non2xx = Number((out.match(/Non-2xx or 3xx responses: (\d+)/) || [0, 0])[1]);
  const errs = out.match(/Socket errors:.*/);
  return { gen: 'wrk', done: total - non2xx, failed: non2xx, firstFailure: errs ? errs[0] : '', secs,
    p50: lat(50), p99: lat(99), genCpu };
}

const srv = await startServer({ env: { IOP_LOGIN_RATE_PER_MIN: '100000' } });
let stopped = false;
try {
  const [dir, adm, desk, admin] = [new Api(srv.url), new Api(srv.url), new Api(srv.url), new Api(srv.url)];
  for (const [api, who] of [[dir, 'director'], [adm, 'admissions'], [desk, 'front_desk'], [admin, 'admin']])
    ok(await api.login(who, DEMO_PASSWORD), `sign in as ${who}`);
  const clinician = ok(await admin.get('/api/v1/staff?limit=200'), 'staff').items.find((s) => s.username === 'clinician');
  const now = Date.now();
  const day0 = now - DAYS * 86400e3;
  const from = ymd(day0);
  const blocks = [];
  for (let wd = 1; wd <= 7; wd++)
    for (let h = 6; h < 11; h++)
      blocks.push({ weekday: wd, start: `${String(h).padStart(2, '0')}:00`, minutes: 60, group_type: 'process_group' });
  // sessions: [{id, clients}] of every track, in turn (the tracks' sessions
  // interleaved), all held.
  const perTrack = [];
  for (let t = 0; t < TRACKS; t++) {
    const track = ok(await dir.post('/api/v1/tracks', { site_id: 1, name: `Bench check-in ${t + 1}`, level_of_care: '2.1', blocks }), 'track');
    for (let d = 0; d < DAYS; d += 365)
      ok(await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`,
        { from: ymd(day0 + d * 86400e3), to: ymd(day0 + Math.min(d + 364, DAYS - 1) * 86400e3) }), 'generate');
    const clients = [];
    for (let i = 0; i < ROSTER; i++) {
      const c = ok(await adm.post('/api/v1/clients', {
        first_name: 'Bench', last_name: `Roster${String.fromCharCode(65 + t)}${String.fromCharCode(65 + i)}`, dob: '1984-05-17',
        sex: 'female', preferred_name: '', gender_identity: '', phone: '555-0199', email: '',
        address: { line1: '1 Bench Way', line2: '', city: 'Riverton', state: 'IL', postal_code: '60614' }, language: 'English',
      }), 'client');
      ok(await adm.post(`/api/v1/clients/${c.id}/episodes`, { level: '2.1', site_id: 1, track_id: track.id,
        primary_clinician_id: clinician.id, privacy_notice_given: true, admitted_on: from }), 'admit');
      clients.push(c.id);
    }
    const mine = [];
    for (let d = 0; d < DAYS; d += 150) {
      const items = ok(await dir.get(`/api/v1/sessions?track_id=${track.id}&from=${ymd(day0 + d * 86400e3)}` +
        `&to=${ymd(day0 + Math.min(d + 149, DAYS - 1) * 86400e3)}`), 'sessions').items;
      for (const g of items)
        if (g.status === 'scheduled' && Date.parse(g.starts_at) < now) mine.push({ id: g.id, clients });
    }
    perTrack.push(mine);
  }
  const sessions = [];
  for (let i = 0; perTrack.some((m) => i < m.length); i++)
    for (const m of perTrack) if (i < m.length) sessions.push(m[i]);
  const visits = new Map(sessions.map((g) => [g.id, 0]));
  const body = (g) => {
    const late = visits.get(g.id) % 2 === 1;
    visits.set(g.id, visits.get(g.id) + 1);
    return { records: g.clients.map((client_id) => late
      ? { client_id, status: 'late', late_minutes: 5 }
      : { client_id, status: 'present' }) };
  };
  const put = async (g) => {
    const t0 = performance.now();
    const r = await desk.req('PUT', `/api/v1/sessions/${g.id}/attendance`, body(g), {});
    return { status: r.status, ms: performance.now() - t0, n: r.json?.roster?.length ?? 0, text: r.text };
  };
  console.log(`checkin bench — ${new Date().toISOString()}, iop ${process.env.IOP_BIN}`);
  console.log(`server pid ${srv.child.pid}, database ${srv.db} (${statfsSync(srv.dir).type === 0xef53 ? 'ext4' : 'fs type 0x' + statfsSync(srv.dir).type.toString(16)})`);
  console.log(`${TRACKS} tracks with ${sessions.length} held sessions, each with a roster of ${ROSTER}`);

  // 1. One request at a time.
  const one = [];
  for (const g of sessions.slice(0, 20)) {
    const r = await put(g);
    if (r.status !== 200 || r.n !== ROSTER) throw new Error(`check-in: ${r.status} ${r.text}`);
    one.push(r.ms);
  }
  console.log(`one check-in of ${ROSTER} (one PUT, sequential, 20 sessions): median ${pct(one, 50).toFixed(2)} ms, slowest ${Math.max(...one).toFixed(2)} ms`);

  const ceilingSeconds = Math.max(1, Math.round(SECONDS / 2));
  const ceiling = () => Number(execFileSync(ceilingBin, [srv.dir, String(ceilingSeconds)],
    { encoding: 'utf8', timeout: (ceilingSeconds + 30) * 1000 }).match(/commits_per_s=([\d.]+)/)[1]);
  const before = ceiling();

  // 2. CONNS in flight for SECONDS: wrk (bench/checkin.lua) when it is
  // installed, since it costs the shared CPUs far less than node; else
  // node's fetch.
  const cpu0 = { srv: procCpu(srv.child.pid), m: machineCpu(), threads: threadCpu(srv.child.pid) };
  const load = BENCH_CLIENT === 'node' || !hasWrk() ? await loadWithNode(put, sessions) :
    await loadWithWrk(desk, sessions);
  const srvCpu = procCpu(srv.child.pid) - cpu0.srv;
  const threads = threadCpu(srv.child.pid);
  const m1 = machineCpu();
  const otherPct = 100 * Math.max(0, (m1.busy - cpu0.m.busy) - srvCpu - load.genCpu) / (m1.all - cpu0.m.all);
  const rate = load.done / load.secs;
  const fresh = Math.min(load.done + load.failed, sessions.length - 20);
  console.log(`${CONNS} concurrent check-ins (${load.gen}) for ${load.secs.toFixed(1)} s: ${load.done} done ` +
    `(${load.failed} failed${load.firstFailure ? ': ' + load.firstFailure.slice(0, 200) : ''}), ` +
    `${rate.toFixed(1)} check-ins/s (${(rate * ROSTER).toFixed(0)} attendance rows/s), p50 ${load.p50.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms`);
  console.log(`  ${fresh} first check-ins of a session, ${load.done + load.failed - fresh} corrections (a session's second round on)`);
  console.log(`  CPU: server ${(100 * srvCpu / load.secs).toFixed(0)}% of a CPU (${(1000 * srvCpu / load.done).toFixed(2)} ms a check-in), ` +
    `${load.gen} ${(100 * load.genCpu / load.secs).toFixed(0)}%, other processes ${otherPct.toFixed(0)}% of the machine's ${cpus().length} CPUs` +
    (otherPct >= 15 ? ' — WARN: the machine was busy; figures are low and noisy' : ''));
  console.log('  server threads: ' + Object.keys(threads).map((k) =>
    `${k === 'iop' ? 'writer+main' : k} ${(1000 * (threads[k] - (cpu0.threads[k] || 0)) / load.done).toFixed(2)} ms a check-in`).join(', '));

  // 3. The ceiling on the same disk, just before and just after the
  // concurrent run (a disk shared with other work varies from minute to
  // minute: both are printed, the ratio is to their mean).
  const after = ceiling();
  console.log(`one fsync per request (bench/fsync_ceiling.c, WAL, synchronous=FULL, same disk): ` +
    `${before.toFixed(0)} commits/s before, ${after.toFixed(0)} after`);
  const ratio = rate / ((before + after) / 2);
  console.log(`ratio: ${ratio.toFixed(2)}× the one-fsync-per-request ceiling — ${ratio >= TARGET ? 'PASS' : 'FAIL'} (target ≥ ${TARGET}×)`);
  await srv.stop();
  stopped = true;
  const m = srv.stderr().match(/(\d+) writes committed in (\d+) batches/);
  if (m) console.log(`server: ${m[1]} writes committed in ${m[2]} batches (${(m[1] / m[2]).toFixed(1)} a commit, set-up included)`);
  // A missed target is a measurement (FAIL above), not a broken run.
  if (load.failed > 0) process.exitCode = 1;
} finally {
  if (!stopped) await srv.stop();
  rmSync(tmp, { recursive: true, force: true });
}

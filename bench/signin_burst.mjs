// bench/signin_burst.mjs — does a burst of sign-ins hold up chart reads?
//
//   node bench/signin_burst.mjs build-release/iop [burst=50] [readers=4]
//
// Writes a demo clinic whose passwords are hashed at the production cost
// (IOP_PWHASH_COST=interactive: Argon2id, 64 MiB each), serves it on
// 127.0.0.1:0 and keeps `readers` loops of audited chart reads
// (GET /api/v1/clients/{id}, one audit row each) going as clinician. After a
// quiet phase it sends `burst` sign-ins at once (the demo's staff, right
// passwords, so every one is a real Argon2id verification) and measures the
// chart reads that ran while the burst was being answered: p50, p99, max.
// Also reports how the sign-ins were answered (200, or 429 when the password
// queue was full), how long the burst took, and the server's peak RSS
// (VmHWM). Every phase is bounded in time; the server is stopped by its PID.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const bin = process.argv[2] || 'build-release/iop';
const BURST = Number(process.argv[3] || 50);
const READERS = Number(process.argv[4] || 4);
const QUIET_MS = 3000;
const PASSWORD = 'openiop-demo';
const ROLES = ['admin', 'director', 'clinician', 'case_manager', 'prescriber', 'nurse',
  'admissions', 'front_desk', 'billing'];

const dir = mkdtempSync(join(tmpdir(), 'iop-bench-'));
const db = join(dir, 'bench.db');
const env = { ...process.env, IOP_PWHASH_COST: 'interactive', IOP_ADMIN_PASSWORD: PASSWORD,
  IOP_DEMO_PASSWORD: PASSWORD, IOP_LOGIN_RATE_PER_MIN: '100000', IOP_LOGIN_SLOWDOWN_MS: '0' };
execFileSync(bin, ['demo', '--db', db], { env, stdio: ['ignore', 'ignore', 'inherit'], timeout: 60000 });
const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok, fail) => {
  let out = '';
  const t = setTimeout(() => fail(new Error('iop serve did not start')), 15000);
  child.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) { clearTimeout(t); ok(m[1]); }
  });
});

async function login(username) {
  const s = performance.now();
  const r = await fetch(url + '/api/v1/session', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  await r.text();
  return { status: r.status, cookie: (r.headers.get('set-cookie') || '').split(';')[0], ms: performance.now() - s };
}

const pct = (a, p) => {
  if (a.length === 0) return NaN;
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const rss = () => {
  const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
};

try {
  const me = await login('clinician');
  if (me.status !== 200) throw new Error('clinician could not sign in: ' + me.status);
  const list = await (await fetch(url + '/api/v1/clients?limit=40', { headers: { Cookie: me.cookie } })).json();
  const ids = list.items.map((c) => c.id);

  let phase = 'quiet';
  const lat = { quiet: [], burst: [] };
  let errors = 0, stop = false;
  const reader = async (k) => {
    let i = k;
    while (!stop) {
      const ph = phase;	// a read counts in the phase it was sent in
      const s = performance.now();
      const r = await fetch(`${url}/api/v1/clients/${ids[i++ % ids.length]}`, { headers: { Cookie: me.cookie } });
      await r.arrayBuffer();
      const ms = performance.now() - s;
      if (r.status !== 200) errors++;
      if (ph !== 'after') lat[ph].push(ms);
    }
  };
  const readers = Array.from({ length: READERS }, (_, k) => reader(k));
  await new Promise((r) => setTimeout(r, QUIET_MS));

  phase = 'burst';
  const b0 = performance.now();
  const res = await Promise.race([
    Promise.all(Array.from({ length: BURST }, (_, k) => login(ROLES[k % ROLES.length]))),
    new Promise((_, fail) => setTimeout(() => fail(new Error('burst took over 60 s')), 60000)),
  ]);
  const burstMs = performance.now() - b0;
  phase = 'after';
  stop = true;
  await Promise.all(readers);	// reads sent during the burst are waited for

  const by = {};
  for (const r of res) by[r.status] = (by[r.status] || 0) + 1;
  const ok = res.filter((r) => r.status === 200).map((r) => r.ms);
  const row = (name, a) => `${name.padEnd(28)} ${String(a.length).padStart(6)} ${pct(a, 50).toFixed(1).padStart(8)} ` +
    `${pct(a, 99).toFixed(1).padStart(8)} ${Math.max(...a).toFixed(1).padStart(8)}`;
  console.log(`server ${bin}; ${READERS} chart readers; burst of ${BURST} sign-ins (Argon2id interactive)`);
  console.log(`${'chart reads'.padEnd(28)} ${'n'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  console.log(row('before the burst', lat.quiet));
  console.log(row('during the burst', lat.burst));
  console.log(`sign-ins: ${JSON.stringify(by)} in ${burstMs.toFixed(0)} ms; answered 200 after ` +
    `p50 ${pct(ok, 50).toFixed(0)} ms, max ${Math.max(...ok).toFixed(0)} ms`);
  console.log(`chart read errors: ${errors}; server peak RSS (VmHWM): ${rss().toFixed(1)} MiB`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

// bench/care_check.mjs — issue 14, item 8: what the care relationship check
// adds to opening a chart.
//
//   node bench/care_check.mjs AFTER_BIN [BEFORE_BIN] [requests=400]
//
// For each binary: a fresh demo database, `iop serve` on 127.0.0.1:0, the
// demo clinician signed in (held to the rule: their roles are only
// clinical), and `requests` GET /api/v1/clients/{id}/chart of an admitted
// demo client (in their care as its primary clinician), one at a time after
// 50 to warm up: p50 and p90 in ms.  With AFTER_BIN alone it also compares,
// on the same server, GET /api/v1/clients/{id} as the clinician (checked)
// and as the front desk (not held to the rule): the check's own cost.  The
// servers are stopped by their PIDs.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [after, before, nArg] = process.argv.slice(2);
const N = Number(nArg || 400);
const ENV = { ...process.env, IOP_PWHASH_COST: 'test', IOP_ADMIN_PASSWORD: 'openiop-demo', IOP_LOGIN_RATE_PER_MIN: '100000', IOP_DEMO_ROSTER: 'off' };

async function serve(bin) {
  const dir = mkdtempSync(join(tmpdir(), 'iop-care-'));
  const db = join(dir, 'b.db');
  execFileSync(bin, ['demo', '--db', db], { env: ENV, stdio: 'ignore', timeout: 120000 });
  const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { env: ENV, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    const t = setTimeout(() => fail(new Error('no start')), 20000);
    child.stdout.on('data', (d) => { out += d; const m = out.match(/listening on (http:\/\/[0-9.:]+)/); if (m) { clearTimeout(t); ok(m[1]); } });
  });
  return { url, db, stop: () => { process.kill(child.pid, 'SIGTERM'); rmSync(dir, { recursive: true, force: true }); } };
}

async function login(url, username) {
  const r = await fetch(url + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'openiop-demo' }) });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return r.headers.get('set-cookie').split(';')[0];
}

async function timed(url, path, cookie) {
  const ms = [];
  for (let i = 0; i < N + 50; i++) {
    const t0 = performance.now();
    const r = await fetch(url + path, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(10000) });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    if (i >= 50) ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return `p50 ${ms[Math.floor(ms.length / 2)].toFixed(2)} ms, p90 ${ms[Math.floor(ms.length * 0.9)].toFixed(2)} ms`;
}

async function run(bin, label, withOwnCost) {
  const s = await serve(bin);
  try {
    const client = Number(execFileSync('sqlite3', [s.db, "SELECT client_id FROM episode WHERE status = 'open' ORDER BY id LIMIT 1"], { encoding: 'utf8' }).trim());
    const clin = await login(s.url, 'clinician');
    console.log(`${label}: GET /clients/${client}/chart as the clinician: ${await timed(s.url, `/api/v1/clients/${client}/chart`, clin)}`);
    if (withOwnCost) {
      const desk = await login(s.url, 'front_desk');
      console.log(`${label}: GET /clients/${client} as the clinician (checked): ${await timed(s.url, `/api/v1/clients/${client}`, clin)}`);
      console.log(`${label}: GET /clients/${client} as the front desk (not checked): ${await timed(s.url, `/api/v1/clients/${client}`, desk)}`);
    }
  } finally {
    s.stop();
  }
}

if (!after) { console.error('usage: node bench/care_check.mjs AFTER_BIN [BEFORE_BIN] [requests]'); process.exit(2); }
if (before) await run(before, 'before', false);
await run(after, 'after', true);

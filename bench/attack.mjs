// bench/attack.mjs — issue 10's attacks, measured again as figures.
//
//   node bench/attack.mjs build-release/iop [crashes=40]
//
// Each part starts its own server on a fresh demo database (127.0.0.1:0),
// is bounded in time, and stops the server by its PID:
//   lockout   time of a wrong and of the right password on a locked account;
//             of wrong passwords for a real user and for an unknown username
//   rate      sign-ins and public submissions alternating between two
//             loopback addresses (127.0.0.2, 127.0.0.3) against their limits
//   flood     8 loops of unauthenticated refused requests for 10 s: audit
//             rows and bytes written, rows on a client's trail
//   pwchange  30 wrong current passwords on PUT /me/password, then the right one
//   crash     `crashes` times: client writes under load, kill -9, restart;
//             every acknowledged write must be there and the chain intact
// The tests in tests/security assert the rules; this prints the numbers.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import http from 'node:http';

const bin = process.argv[2] || 'build-release/iop';
const CRASHES = Number(process.argv[3] || 40);
const PASSWORD = 'openiop-demo';
const BASE_ENV = { ...process.env, IOP_PWHASH_COST: 'test', IOP_ADMIN_PASSWORD: PASSWORD };

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), 'iop-attack-'));
  const db = join(dir, 'a.db');
  execFileSync(bin, ['demo', '--db', db], { env: BASE_ENV, stdio: ['ignore', 'ignore', 'inherit'], timeout: 60000 });
  return { dir, db };
}

async function serve(db, env = {}) {
  const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0'],
    { env: { ...BASE_ENV, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    const t = setTimeout(() => fail(new Error('iop serve did not start')), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(t); ok(m[1]); }
    });
  });
  return { child, url, port: Number(url.split(':').pop()) };
}
async function stop(s, signal = 'SIGTERM') {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const done = new Promise((r) => s.child.once('exit', r));
  s.child.kill(signal);
  await done;
}

// One request, optionally from another loopback source address.
function request(port, method, path, { body, headers = {}, from } = {}) {
  return new Promise((ok, fail) => {
    const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const h = { Host: `127.0.0.1:${port}`, ...headers };
    if (data) { h['Content-Type'] = 'application/json'; h['Content-Length'] = data.length; }
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: h, localAddress: from, agent: false }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        ok({ status: res.statusCode, headers: res.headers, json });
      });
    });
    req.on('error', fail);
    if (data) req.write(data);
    req.end();
  });
}
async function login(port, username, password = PASSWORD, from) {
  const t = performance.now();
  const r = await request(port, 'POST', '/api/v1/session', { body: { username, password }, from });
  const cookie = (r.headers['set-cookie'] || [''])[0].split(';')[0];
  return { ...r, ms: performance.now() - t, cookie, csrf: r.json && r.json.csrf_token };
}
const sql = (db, q) => spawnSync('sqlite3', [db, q], { encoding: 'utf8' }).stdout.trim();
const ms = (a) => a.map((x) => Math.round(x)).join(', ');

async function lockout() {
  const { dir, db } = fresh();
  const s = await serve(db, { IOP_LOGIN_MAX_FAILURES: '3', IOP_LOGIN_LOCK_SECONDS: '600', IOP_LOGIN_RATE_PER_MIN: '1000' });
  try {
    const real = [], unknown = [];
    await login(s.port, 'admin');	// warm the server's connections first
    for (let i = 0; i < 4; i++) unknown.push((await login(s.port, 'nobody_here', 'wrong-' + i)).ms);
    for (let i = 0; i < 4; i++) real.push((await login(s.port, 'billing', 'wrong-' + i)).ms);
    // billing is locked now (3 failures); its failures keep counting.
    const wrong = await login(s.port, 'billing', 'wrong-again');
    const right = await login(s.port, 'billing', PASSWORD);
    console.log(`lockout   wrong passwords, real user: ${ms(real)} ms; unknown user: ${ms(unknown)} ms`);
    console.log(`          locked account: wrong password ${wrong.status} after ${Math.round(wrong.ms)} ms, ` +
      `right password ${right.status} after ${Math.round(right.ms)} ms`);
  } finally { await stop(s); rmSync(dir, { recursive: true, force: true }); }
}

async function rate() {
  const { dir, db } = fresh();
  const s = await serve(db, { IOP_LOGIN_SLOWDOWN_MS: '0', IOP_LOGIN_MAX_FAILURES: '1000' });
  try {
    let signins = 0, limited = 0;
    for (let i = 0; i < 60; i++) {
      const r = await login(s.port, 'nobody_' + i, 'x', i % 2 ? '127.0.0.2' : '127.0.0.3');
      if (r.status === 429) limited++; else signins++;
    }
    let accepted = 0;
    for (let i = 0; i < 30; i++) {
      const r = await request(s.port, 'POST', '/api/v1/public/inquiries', { from: i % 2 ? '127.0.0.2' : '127.0.0.3',
        headers: { Origin: `http://127.0.0.1:${s.port}` },
        body: { kind: 'help', name: 'Alex Rate', phone: '(312) 555-0100', for_whom: 'self', urgency: 'this_week',
          message: 'Please call about the evening group ' + i } });
      if (r.status >= 200 && r.status < 300) accepted++;
    }
    console.log(`rate      two addresses alternating: ${signins} of 60 sign-in attempts checked, ${limited} answered 429 ` +
      `(limit 20 a minute each); ${accepted} of 30 public submissions accepted (limit 10 an hour each)`);
  } finally { await stop(s); rmSync(dir, { recursive: true, force: true }); }
}

async function flood() {
  const { dir, db } = fresh();
  const rows0 = Number(sql(db, 'SELECT count(*) FROM audit'));
  const s = await serve(db);
  let sent = 0;
  try {
    const end = performance.now() + 10000;
    const paths = ['/api/v1/clients/1', '/api/v1/clients', '/api/v1/me', '/api/v1/clients/1/screenings'];
    await Promise.all(Array.from({ length: 8 }, async (_, k) => {
      while (performance.now() < end) {
        await request(s.port, 'GET', paths[(sent + k) % paths.length]);
        sent++;
      }
    }));
  } finally { await stop(s); }
  const rows = Number(sql(db, 'SELECT count(*) FROM audit')) - rows0;
  const refused = sql(db, "SELECT count(*) || ' rows, ' || coalesce(sum(length(detail)),0) || ' detail bytes' FROM audit WHERE action LIKE 'request.refused%'");
  const onTrail = sql(db, "SELECT count(*) FROM audit a JOIN audit_about b ON b.audit_id = a.id WHERE a.action LIKE 'request.refused%'") || '0';
  const onTrail2 = sql(db, "SELECT count(*) FROM audit WHERE action LIKE 'request.refused%' AND client_id IS NOT NULL AND client_id != 0");
  console.log(`flood     ${sent} unauthenticated requests in 10 s (8 loops): ${rows} audit rows written (${refused}); ` +
    `on a client's trail: ${Number(onTrail) + Number(onTrail2)}; database now ${(statSync(db).size / 1048576).toFixed(1)} MiB`);
  rmSync(dir, { recursive: true, force: true });
}

async function pwchange() {
  const { dir, db } = fresh();
  const s = await serve(db, { IOP_LOGIN_MAX_FAILURES: '5', IOP_LOGIN_RATE_PER_MIN: '1000' });
  try {
    const me = await login(s.port, 'nurse');
    const other = await login(s.port, 'nurse');
    const h = { Cookie: me.cookie, 'X-CSRF-Token': me.csrf, Origin: `http://127.0.0.1:${s.port}` };
    const t0 = performance.now();
    const st = {};
    for (let i = 0; i < 30; i++) {
      const r = await request(s.port, 'PUT', '/api/v1/me/password', { headers: h,
        body: { current_password: 'guess-' + i, new_password: 'a-new-long-passphrase-1' } });
      st[r.status] = (st[r.status] || 0) + 1;
    }
    const took = performance.now() - t0;
    const right = await request(s.port, 'PUT', '/api/v1/me/password', { headers: h,
      body: { current_password: PASSWORD, new_password: 'a-new-long-passphrase-1' } });
    const otherAfter = await request(s.port, 'GET', '/api/v1/me', { headers: { Cookie: other.cookie } });
    // A right change ends the account's other sessions.
    const a = await login(s.port, 'prescriber');
    const b = await login(s.port, 'prescriber');
    const changed = await request(s.port, 'PUT', '/api/v1/me/password', {
      headers: { Cookie: a.cookie, 'X-CSRF-Token': a.csrf, Origin: `http://127.0.0.1:${s.port}` },
      body: { current_password: PASSWORD, new_password: 'a-new-long-passphrase-1' } });
    const bAfter = await request(s.port, 'GET', '/api/v1/me', { headers: { Cookie: b.cookie } });
    const aAfter = await request(s.port, 'GET', '/api/v1/me', { headers: { Cookie: a.cookie } });
    console.log(`pwchange  30 wrong current passwords: ${JSON.stringify(st)} in ${Math.round(took)} ms; ` +
      `then the right one while locked: ${right.status}; its other session: ${otherAfter.status}`);
    console.log(`          a change (${changed.status}) ends the other session (${bAfter.status}), keeps its own (${aAfter.status})`);
  } finally { await stop(s); rmSync(dir, { recursive: true, force: true }); }
}

async function crash() {
  const { dir, db } = fresh();
  const acked = [];
  let intact = 0, unsealed = 0, altered = 0;
  try {
    for (let c = 0; c < CRASHES; c++) {
      const s = await serve(db);
      const me = await login(s.port, 'admissions');
      const h = { Cookie: me.cookie, 'X-CSRF-Token': me.csrf, Origin: `http://127.0.0.1:${s.port}` };
      let dead = false;
      const loops = Array.from({ length: 8 }, async (_, k) => {
        for (let i = 0; !dead; i++) {
          const last = `Crash${c}x${k}x${i}`.replace(/\d/g, (d) => 'abcdefghij'[d]);
          try {
            const r = await request(s.port, 'POST', '/api/v1/clients', { headers: h, body: {
              first_name: 'Test', last_name: last, dob: '1985-03-14', sex: 'female', phone: '(312) 555-0147',
              email: 'test.client@example.org', language: 'English',
              address: { line1: '100 Main St', line2: '', city: 'Springfield', state: 'IL', postal_code: '62701' } } });
            if (r.status === 201) acked.push(r.json.id);
          } catch { return; }
        }
      });
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 350));
      dead = true;
      await stop(s, 'SIGKILL');
      await Promise.all(loops);
      const v = spawnSync(bin, ['audit', 'verify', '--db', db], { env: BASE_ENV, encoding: 'utf8' });
      if (v.status === 0) intact++; else if (v.status === 5) unsealed++; else altered++;
    }
    const s = await serve(db);
    await stop(s);
    const have = new Set(sql(db, 'SELECT id FROM client').split('\n').map(Number));
    const lost = acked.filter((id) => !have.has(id)).length;
    const v = spawnSync(bin, ['audit', 'verify', '--db', db], { env: BASE_ENV, encoding: 'utf8' });
    console.log(`crash     ${CRASHES} kill -9 under write load: ${acked.length} acknowledged client writes, ${lost} lost; ` +
      `verify before restart: ${intact} intact, ${unsealed} intact with an unsealed tail (exit 5), ${altered} other; ` +
      `after the last restart: exit ${v.status}`);
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

const parts = { lockout, rate, flood, pwchange, crash };
const only = process.env.ATTACK_PARTS ? process.env.ATTACK_PARTS.split(',') : Object.keys(parts);
for (const p of only) await parts[p]();

// Starts a real `iop serve` on a free port with a fresh database, for the API
// and browser tests.  The binary comes from $IOP_BIN (set by CTest) or
// build/iop; with opts.testClock, from $IOP_TEST_BIN or build/iop-test, the
// test build whose clock srv.advance(seconds) moves forward (POST /test/clock)
// so that a test need not wait for time to pass.  Every server started here
// is stopped by its own PID.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BIN = process.env.IOP_BIN || resolve('build/iop');
export const TEST_BIN = process.env.IOP_TEST_BIN || resolve('build/iop-test');
export const OUT = process.env.IOP_TEST_OUT || resolve('build/test-out');
export const DEMO_PASSWORD = 'openiop-demo';

// Settings that make tests fast and let many logins come from one address.
export const TEST_ENV = {
  IOP_PWHASH_COST: 'test',
  IOP_LOGIN_RATE_PER_MIN: '100000',
  IOP_LOGIN_MAX_FAILURES: '5',
  // The demo's duty roster (weekdays 08:00-18:00) would make who answers a
  // safety alert depend on the hour a test runs: tests start with none.
  IOP_DEMO_ROSTER: 'off',
};

export function run(args, env = {}) {
  return execFileSync(BIN, args, { env: { ...process.env, ...TEST_ENV, ...env }, encoding: 'utf8' });
}

// opts.demo: write the demo clinic (staff of every role, password
// DEMO_PASSWORD, usernames = role names: admin, director, clinician,
// case_manager, prescriber, nurse, admissions, front_desk, billing).
// opts.env: extra environment for `iop serve`.
// opts.testClock: run iop-test, so that srv.advance(seconds) moves its clock.
export async function startServer(opts = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'iop-test-'));
  const db = join(dir, 'test.db');
  const env = { ...process.env, ...TEST_ENV, IOP_ADMIN_PASSWORD: DEMO_PASSWORD, ...(opts.env || {}) };
  const bin = opts.testClock ? TEST_BIN : BIN;
  if (opts.demo !== false)
    execFileSync(bin, ['demo', '--db', db], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  else
    execFileSync(bin, ['init', '--db', db], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...(opts.args || [])],
    { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('iop serve did not start: ' + stderr)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (https?:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`iop serve exited ${code}: ${stderr}`)); });
  });
  child.removeAllListeners('exit');
  return {
    url, db, dir, child,
    stderr: () => stderr,
    // Moves the test build's clock forward by whole seconds; answers the
    // server's new now (ms since the epoch).
    async advance(seconds) {
      if (!opts.testClock) throw new Error('advance() needs startServer({ testClock: true })');
      const r = await fetch(url + '/test/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advance: seconds }) });
      const text = await r.text();
      if (r.status !== 200) throw new Error(`POST /test/clock: ${r.status} ${text}`);
      return Date.parse(JSON.parse(text).now);
    },
    async stop() {
      let killedHere = false;
      if (child.exitCode === null && child.signalCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        killedHere = true;
        await done;
      }
      if (!process.env.IOP_KEEP_TEST_DB) rmSync(dir, { recursive: true, force: true });
      // A clean stop exits 0; under ASan a leak or memory error at exit
      // makes it non-zero, and that must fail the test that started it.
      if (killedHere && child.exitCode !== 0)
        throw new Error(`iop serve exited with ${child.exitCode ?? child.signalCode}:\n${stderr.slice(-4000)}`);
    },
  };
}

// A tiny API client that keeps the session cookie and CSRF token.
export class Api {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }
  async req(method, path, body, headers = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('X-CSRF-Token' in h)) h['X-CSRF-Token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      h['Content-Type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const sc = res.headers.get('set-cookie');
    if (sc) {
      const m = sc.match(/iop_session=([^;]*)/);
      if (m) this.cookie = m[1] ? `iop_session=${m[1]}` : '';
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.status, headers: res.headers, json, text };
  }
  async login(username, password = DEMO_PASSWORD) {
    const r = await this.req('POST', '/api/v1/session', { username, password });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
  get(p) { return this.req('GET', p); }
  post(p, b) { return this.req('POST', p, b); }
  patch(p, b) { return this.req('PATCH', p, b); }
  put(p, b) { return this.req('PUT', p, b); }
  del(p) { return this.req('DELETE', p); }
}

export function outDir(sub) {
  const d = join(OUT, sub);
  mkdirSync(d, { recursive: true });
  return d;
}

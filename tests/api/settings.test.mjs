// Settings are read and checked once, when `iop serve` starts: a bad value
// stops it (exit 2) with a message naming the variable and what it allows,
// before the database is opened.  The clock only the test build can move:
// IOP_TEST_CLOCK_ADVANCE and POST /test/clock, refused by the normal iop.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Api, BIN, TEST_BIN, TEST_ENV } from '../lib/server.mjs';
import { iop, finish } from './helpers.mjs';

function run(bin, args, env) {
  const r = spawnSync(bin, args, { env: { ...process.env, ...TEST_ENV, ...env }, encoding: 'utf8', timeout: 30000 });
  if (r.error) throw r.error;
  return r;
}

describe('settings checked at start', () => {
  let tmp;
  before(() => { tmp = mkdtempSync(join(tmpdir(), 'iop-settings-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const BAD = [
    ['IOP_PWHASH_THREADS', '0', /IOP_PWHASH_THREADS must be a whole number from 1 to 64/],
    ['IOP_PWHASH_QUEUE', 'many', /IOP_PWHASH_QUEUE must be a whole number from 1 to 100000/],
    ['IOP_PUBLIC_RATE_PER_HOUR', 'abc', /IOP_PUBLIC_RATE_PER_HOUR must be a whole number from 1 to 1000000/],
    ['IOP_PUBLIC_RATE_PER_HOUR', '0', /IOP_PUBLIC_RATE_PER_HOUR must be a whole number from 1 to/],
    ['IOP_PUBLIC_RATE_PER_HOUR', '10/h', /IOP_PUBLIC_RATE_PER_HOUR must be/],
    ['IOP_RATE_PER_DAY_CENTS', '-5', /IOP_RATE_PER_DAY_CENTS must be a whole number from 1 to 100000000/],
    ['IOP_RATE_PER_DAY_CENTS', '250.00', /IOP_RATE_PER_DAY_CENTS must be/],
    ['IOP_TYPICAL_DAYS', '400', /IOP_TYPICAL_DAYS must be a whole number from 1 to 366/],
    ['IOP_LATE_CANCEL_HOURS', '200', /IOP_LATE_CANCEL_HOURS must be a whole number from 0 to 168/],
    ['IOP_IDLE_TIMEOUT', '0', /IOP_IDLE_TIMEOUT must be a whole number from 1 to 86400/],
    ['IOP_SESSION_LIFETIME', '99999999999999999999', /IOP_SESSION_LIFETIME must be a whole number from 60 to/],
    ['IOP_MAX_BODY', '1k', /IOP_MAX_BODY must be/],
    ['IOP_HTTP_MODE', 'fast', /IOP_HTTP_MODE must be suspend or blocking/],
    ['IOP_PWHASH_COST', 'cheap', /IOP_PWHASH_COST/],
  ];
  for (const [name, value, re] of BAD) {
    test(`${name}=${value} stops iop serve with exit 2, naming it`, () => {
      const db = join(tmp, 'never.db');
      const r = run(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { [name]: value });
      assert.equal(r.status, 2, `exit ${r.status}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, re);
      assert.doesNotMatch(r.stdout, /listening/);
      assert.ok(!existsSync(db), 'stopped before opening the database');
    });
  }

  test('set to the empty string, a setting keeps its default', async () => {
    const srv = await startServer({ env: { IOP_PUBLIC_RATE_PER_HOUR: '', IOP_TYPICAL_DAYS: '' } });
    try {
      const r = await new Api(srv.url).post('/api/v1/public/inquiries', { kind: 'help', name: 'Empty Setting', phone: '312-555-0101' });
      assert.equal(r.status, 202, r.text);
    } finally {
      await finish(srv);
    }
  });
});

describe('the clock only the test build moves', () => {
  test('iop refuses IOP_TEST_CLOCK_ADVANCE for every command; iop-test takes it', () => {
    for (const args of [['routes'], ['serve', '--db', '/nonexistent/x.db']]) {
      const r = iop(args, { IOP_TEST_CLOCK_ADVANCE: '60' });
      assert.equal(r.status, 2, `iop ${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, /IOP_TEST_CLOCK_ADVANCE moves the clock only in iop-test, the test build/);
    }
    assert.equal(run(TEST_BIN, ['routes'], { IOP_TEST_CLOCK_ADVANCE: '60' }).status, 0);
    for (const v of ['-1', 'soon', '999999999999']) {
      const r = run(TEST_BIN, ['routes'], { IOP_TEST_CLOCK_ADVANCE: v });
      assert.equal(r.status, 2, `${v}: ${r.stderr}`);
      assert.match(r.stderr, /IOP_TEST_CLOCK_ADVANCE must be a whole number of seconds from 0 to/);
    }
    assert.match(run(TEST_BIN, ['--version'], {}).stdout, /test build/);
    assert.doesNotMatch(iop(['--version']).stdout, /test build/);
  });

  test('iop has no /test/clock: 404, and the clock stays', async () => {
    const srv = await startServer();
    try {
      const r = await fetch(srv.url + '/test/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"advance":86400}' });
      assert.equal(r.status, 404);
      const l = await new Api(srv.url).login('clinician');
      assert.ok(Math.abs(Date.parse(l.json.session.expires_at) - Date.now() - 12 * 3600e3) < 60e3, 'expires 12 h from the real now');
    } finally {
      await finish(srv);
    }
  });

  test('iop-test: IOP_TEST_CLOCK_ADVANCE starts it moved, POST /test/clock moves it on, never back', async () => {
    const DAY = 86400;
    const srv = await startServer({ testClock: true, env: { IOP_TEST_CLOCK_ADVANCE: String(400 * DAY) } });
    try {
      const t0 = Date.now();
      const l = await new Api(srv.url).login('clinician');
      assert.equal(l.status, 200, l.text);
      const exp = Date.parse(l.json.session.expires_at) - t0;
      assert.ok(Math.abs(exp - (400 * DAY + 12 * 3600) * 1e3) < 60e3, `expires_at ${l.json.session.expires_at}: 400 days and 12 h on`);
      const now = await srv.advance(DAY);
      assert.ok(Math.abs(now - Date.now() - 401 * DAY * 1e3) < 60e3, 'one more day');
      const post = (body) => fetch(srv.url + '/test/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      for (const body of ['{"advance":-1}', '{"advance":"60"}', '{}', 'nope', '{"advance":1,"x":2}', '{"advance":1.5}'])
        assert.equal((await post(body)).status, 400, body);
      assert.equal((await fetch(srv.url + '/test/clock')).status, 400, 'GET');
      const api = await fetch(srv.url + '/api/v1/test/clock', { method: 'POST', body: '{"advance":1}' });
      assert.equal(api.status, 404, 'not part of the API');
    } finally {
      await finish(srv);
    }
  });
});

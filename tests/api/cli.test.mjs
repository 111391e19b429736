// The `iop` command line: version, help on every subcommand, usage errors,
// the route table, backups, and the account list past one page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { iop, sqlite, signIn, clientBody, finish } from './helpers.mjs';

const SUBCOMMANDS = ['serve', 'init', 'demo', 'user', 'routes', 'audit', 'backup'];

describe('iop command line', () => {
  let tmp;
  before(() => { tmp = mkdtempSync(join(tmpdir(), 'iop-cli-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('iop --version prints the version and exits 0', () => {
    const r = iop(['--version']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\b\d+\.\d+\.\d+\b/);
  });

  test('iop --help lists the subcommands on stdout and exits 0', () => {
    const r = iop(['--help']);
    assert.equal(r.status, 0, r.stderr);
    for (const s of SUBCOMMANDS) assert.match(r.stdout, new RegExp(`\\b${s}\\b`), `--help mentions ${s}`);
  });

  for (const args of [...SUBCOMMANDS.map((s) => [s]), ['audit', 'verify']]) {
    test(`iop ${args.join(' ')} --help exits 0 with help on stdout`, () => {
      const r = iop([...args, '--help']);
      assert.equal(r.status, 0, `${r.status} ${r.stderr}`);
      assert.ok(r.stdout.trim().length > 0, 'help text on stdout');
    });
  }

  test('an unknown subcommand is a usage error: exit 2 with a message on stderr', () => {
    const r = iop(['frobnicate']);
    assert.equal(r.status, 2, `exit ${r.status}`);
    assert.ok(r.stderr.trim().length > 0, 'stderr says what is wrong');
  });

  test('an unknown option is a usage error: exit 2', () => {
    const r = iop(['serve', '--no-such-option']);
    assert.equal(r.status, 2, `exit ${r.status} ${r.stderr}`);
    assert.ok(r.stderr.trim().length > 0);
    const a = iop(['audit', 'frobnicate']);
    assert.equal(a.status, 2, `iop audit frobnicate: exit ${a.status}`);
  });

  test('iop with no arguments is a usage error: exit 2', () => {
    const r = iop([]);
    assert.equal(r.status, 2, `exit ${r.status}`);
    assert.match(r.stderr, /usage/i);
  });

  test('iop --help documents the exit codes', () => {
    const r = iop(['--help']);
    assert.match(r.stdout, /exit codes/i);
  });

  test('iop routes prints METHOD PATH PERMISSION lines', () => {
    const r = iop(['routes']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length >= 29, `${lines.length} routes`);
    for (const l of lines)
      assert.match(l, /^(GET|POST|PUT|PATCH|DELETE) \/\S* (-|[a-z_]+\.[a-z_]+)$/, l);
  });

  test('iop init makes a database whose audit log verifies', () => {
    const db = join(tmp, 'init.db');
    const r = iop(['init', '--db', db], { IOP_ADMIN_PASSWORD: 'openiop-demo' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(db));
    const v = iop(['audit', 'verify', '--db', db]);
    assert.equal(v.status, 0, `${v.stdout}${v.stderr}`);
  });

  test('iop audit verify on a missing database fails and creates nothing', () => {
    const db = join(tmp, 'missing', 'nothing.db');
    const r = iop(['audit', 'verify', '--db', db]);
    assert.notEqual(r.status, 0);
    assert.equal(r.signal, null);
    assert.ok(!existsSync(db));
  });

  describe('backup', () => {
    let srv;
    before(async () => { srv = await startServer(); });
    after(() => finish(srv));

    test('iop backup FILE writes a self-contained copy with every client, while the server runs', async () => {
      const clin = await signIn(srv.url, 'clinician');
      assert.equal((await clin.post('/api/v1/clients', clientBody())).status, 201);
      const out = join(tmp, 'backup.db');
      const r = iop(['backup', '--db', srv.db, out]);
      assert.equal(r.status, 0, `${r.status} ${r.stdout}${r.stderr}`);
      const source = Number(sqlite(srv.db, 'SELECT count(*) FROM client').trim());
      assert.ok(source >= 41, `source clients: ${source}`);
      // Only the one file: no -wal or -shm is needed to read it.
      const dir = mkdtempSync(join(tmp, 'alone-'));
      const copy = join(dir, 'copy.db');
      copyFileSync(out, copy);
      assert.equal(sqlite(copy, 'PRAGMA integrity_check').trim(), 'ok');
      assert.equal(Number(sqlite(copy, 'SELECT count(*) FROM client').trim()), source);
    });

    test('iop backup without a target file is a usage error', () => {
      const r = iop(['backup', '--db', srv.db]);
      assert.equal(r.status, 2, `exit ${r.status} ${r.stderr}`);
    });
  });

  // `iop user list` reads the accounts a page at a time: past the store's
  // page of 200 it must still print every one, none twice.
  describe('user list', () => {
    let srv;
    before(async () => { srv = await startServer(); });
    after(() => finish(srv));

    test('iop user list prints every account, past one page of 200', async () => {
      const admin = await signIn(srv.url, 'admin');
      const have = Number(sqlite(srv.db, 'SELECT count(*) FROM staff').trim());
      const want = 230;
      const names = [];
      for (let i = have; i < want; i++) names.push(`listed${String(i).padStart(3, '0')}`);
      for (let i = 0; i < names.length; i += 20) {
        const made = await Promise.all(names.slice(i, i + 20).map((username) => admin.post('/api/v1/staff', {
          username, full_name: 'Listed Account', email: '', roles: ['nurse'], site_ids: [], password: 'Listed-pass-123',
        })));
        for (const m of made) assert.equal(m.status, 201, JSON.stringify(m.json));
      }
      const all = sqlite(srv.db, 'SELECT username FROM staff ORDER BY username').trim().split('\n');
      assert.equal(all.length, want);
      const r = iop(['user', 'list', '--db', srv.db]);
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.match(lines[0], /^USERNAME\s+NAME\s+STATE\s+ROLES/);
      const listed = lines.slice(1).map((l) => l.split(/\s+/)[0]);
      assert.equal(listed.length, want, `${listed.length} accounts listed`);
      assert.deepEqual([...listed].sort(), all);
    });
  });
});

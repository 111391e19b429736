// The audit log is tamper-evident: `iop audit verify` accepts the log the
// server wrote and refuses every copy of it changed behind the server's back
// (a changed column, a deleted row anywhere, an added row, a swapped key).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Api } from '../lib/server.mjs';
import {
  signIn, uniq, clientBody, finish, halt, iop, sqlite, copyDb,
} from './helpers.mjs';

describe('audit log', () => {
  let srv;
  let columns = [];
  let count = 0;
  const copies = [];

  before(async () => {
    srv = await startServer();
    const url = srv.url;
    const clin = await signIn(url, 'clinician');
    const dir = await signIn(url, 'director');
    const admin = await signIn(url, 'admin');
    await new Api(url).login('clinician', 'wrong-password');
    await new Api(url).login('nosuch' + uniq(), 'wrong-password');
    for (let i = 0; i < 4; i++) {
      const c = await clin.post('/api/v1/clients', clientBody());
      assert.equal(c.status, 201, c.text);
      await dir.get(`/api/v1/clients/${c.json.id}`);
      await clin.patch(`/api/v1/clients/${c.json.id}`, { language: 'French' });
      const k = await clin.post(`/api/v1/clients/${c.json.id}/contacts`, { name: 'Kin', relationship: 'sister', phone: '312-555-0133' });
      await clin.del(`/api/v1/clients/${c.json.id}/contacts/${k.json.id}`);
      await dir.get(`/api/v1/clients/${c.json.id}/audit`);
    }
    await clin.get('/api/v1/clients?q=a');
    await admin.post('/api/v1/staff', {
      username: 'audited' + uniq(6), full_name: 'Audited', email: '', roles: ['nurse'], site_ids: [], password: 'Audited-pass-123',
    });
    await clin.del('/api/v1/session');
    await halt(srv);

    columns = sqlite(srv.db, 'PRAGMA table_info(audit)', { json: true }).map((c) => c.name);
    count = Number(sqlite(srv.db, 'SELECT count(*) FROM audit').trim());
  });
  after(async () => {
    for (const c of copies) c.remove();
    await finish(srv);
  });

  const fresh = () => { const c = copyDb(srv.db); copies.push(c); return c; };
  const ids = (db) => sqlite(db, 'SELECT id FROM audit ORDER BY id').trim().split('\n').map(Number);
  // A trigger that forbids changes is no obstacle to someone with the file.
  const dropTriggers = (db) => {
    for (const t of sqlite(db, "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit'").trim().split('\n').filter(Boolean))
      sqlite(db, `DROP TRIGGER "${t}"`);
  };
  const verify = (db) => iop(['audit', 'verify', '--db', db]);
  // Exit 3 is `iop --help`'s "audit log altered"; key-file trouble may be
  // another non-zero code.
  function assertRefused(db, what, status = 3) {
    const r = verify(db);
    assert.equal(r.signal, null, `${what}: iop audit verify crashed (${r.signal}) ${r.stderr}`);
    assert.notEqual(r.status, 0, `${what}: iop audit verify accepted a tampered log\n${r.stdout}${r.stderr}`);
    if (status !== null) assert.equal(r.status, status, `${what}: exit ${r.status}, want ${status} (audit log altered)\n${r.stderr}`);
  }
  function tampered(what, sql) {
    const c = fresh();
    dropTriggers(c.db);
    const before = sqlite(c.db, 'SELECT * FROM audit ORDER BY id', { json: true });
    sqlite(c.db, typeof sql === 'function' ? sql(c.db) : sql);
    const after = sqlite(c.db, 'SELECT * FROM audit ORDER BY id', { json: true });
    assert.notDeepEqual(after, before, `${what}: the tamper changed the table`);
    assertRefused(c.db, what);
  }
  const middle = (db) => { const a = ids(db); return a[Math.floor(a.length / 2)]; };

  test('the server wrote an audit table with the documented columns and many rows', () => {
    for (const c of ['id', 'at', 'user_id', 'username', 'role', 'action', 'record_type', 'record_id', 'client_id', 'address', 'detail'])
      assert.ok(columns.includes(c), `audit.${c} in ${columns}`);
    assert.ok(count >= 20, `rows: ${count}`);
  });

  test('iop audit verify accepts the untouched log, and an untouched copy of it', () => {
    const r = verify(srv.db);
    assert.equal(r.status, 0, `verify: ${r.status}\n${r.stdout}${r.stderr}`);
    const c = fresh();
    const r2 = verify(c.db);
    assert.equal(r2.status, 0, `verify copy (${c.copied.join(', ')}): ${r2.status}\n${r2.stdout}${r2.stderr}`);
  });

  test('the audit key and head live beside the database', () => {
    const c = fresh();
    assert.ok(c.copied.some((f) => /key/i.test(f)), `a key file beside the db: ${c.copied}`);
    assert.ok(c.copied.some((f) => /head/i.test(f)), `a head file beside the db: ${c.copied}`);
  });

  test('changing the detail of one row is detected', () => {
    tampered('detail changed', (db) => `UPDATE audit SET detail = detail || ' ' WHERE id = ${middle(db)}`);
  });

  test('changing who did it is detected', () => {
    tampered('username changed', (db) => `UPDATE audit SET username = 'admin', user_id = 1 WHERE id = (SELECT id FROM audit WHERE username <> 'admin' AND id >= ${middle(db)} ORDER BY id LIMIT 1)`);
  });

  test('changing the time of one row is detected', () => {
    tampered('time changed', (db) => {
      const id = middle(db);
      const at = sqlite(db, `SELECT typeof(at) FROM audit WHERE id = ${id}`).trim();
      return at === 'integer' ? `UPDATE audit SET at = at - 3600 WHERE id = ${id}`
        : `UPDATE audit SET at = replace(at, substr(at, 1, 4), CAST(substr(at, 1, 4) - 1 AS TEXT)) WHERE id = ${id}`;
    });
  });

  test('changing the last row is detected', () => {
    tampered('last row changed', "UPDATE audit SET action = 'session.logout_x' WHERE id = (SELECT max(id) FROM audit)");
  });

  test('deleting a middle row is detected', () => {
    tampered('middle row deleted', (db) => `DELETE FROM audit WHERE id = ${middle(db)}`);
  });

  test('deleting the first row is detected', () => {
    tampered('first row deleted', 'DELETE FROM audit WHERE id = (SELECT min(id) FROM audit)');
  });

  test('deleting the last row is detected', () => {
    tampered('last row deleted', 'DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)');
  });

  test('deleting the last three rows is detected', () => {
    tampered('tail deleted', 'DELETE FROM audit WHERE id IN (SELECT id FROM audit ORDER BY id DESC LIMIT 3)');
  });

  test('emptying the table is detected', () => {
    tampered('all rows deleted', 'DELETE FROM audit');
  });

  test('inserting a row at the end is detected', () => {
    tampered('row appended', `CREATE TEMP TABLE t AS SELECT * FROM audit WHERE id = (SELECT max(id) FROM audit);
      UPDATE t SET id = id + 1; INSERT INTO audit SELECT * FROM t;`);
  });

  test('swapping two rows\' contents is detected', () => {
    tampered('rows swapped', (db) => {
      const a = ids(db);
      const [x, y] = [a[2], a[3]];
      return `CREATE TEMP TABLE t AS SELECT * FROM audit WHERE id IN (${x}, ${y});
        DELETE FROM audit WHERE id IN (${x}, ${y});
        UPDATE t SET id = CASE id WHEN ${x} THEN ${y} ELSE ${x} END;
        INSERT INTO audit SELECT * FROM t;`;
    });
  });

  test('copying one row\'s stored hash onto another is detected', (t) => {
    const hashCol = columns.find((c) => /hash|mac/i.test(c) && !/prev/i.test(c));
    if (!hashCol) { t.skip(`no hash column among ${columns}`); return; }
    tampered('hash replaced', (db) => `UPDATE audit SET "${hashCol}" = (SELECT "${hashCol}" FROM audit WHERE id = (SELECT min(id) FROM audit)) WHERE id = ${middle(db)}`);
  });

  test('verifying with another key is refused', () => {
    const c = fresh();
    const keyFile = c.copied.find((f) => /key/i.test(f));
    assert.ok(keyFile, `a key file beside the db: ${c.copied}`);
    const p = join(c.dir, keyFile);
    const k = readFileSync(p);
    const other = Buffer.from(k);
    // Change one character or byte, keeping the file's format.
    const i = other.findIndex((b) => /[0-9a-f]/i.test(String.fromCharCode(b)));
    if (i >= 0) other[i] = other[i] === 0x30 ? 0x31 : 0x30;
    else other[0] ^= 1;
    writeFileSync(p, other);
    assertRefused(c.db, 'other key', null);
  });

  test('verifying with the key file missing or empty is refused', () => {
    const c = fresh();
    const keyFile = c.copied.find((f) => /key/i.test(f));
    assert.ok(keyFile, `a key file beside the db: ${c.copied}`);
    writeFileSync(join(c.dir, keyFile), '');
    assertRefused(c.db, 'empty key file', null);
    const d = fresh();
    rmSync(join(d.dir, keyFile));
    assertRefused(d.db, 'no key file', null);
    assert.ok(!existsSync(join(d.dir, keyFile)) || readFileSync(join(d.dir, keyFile)).length === 0,
      'verify does not make up a new key');
  });
});

// Someone with a copy of the database file (docs/security.md). The file is
// not encrypted at rest: whoever can read it reads every record, so what
// guards it is who can read it. These tests hold what the threat model
// says about it:
// - every file iop writes (the database, its -wal and -shm files while the
//   server runs, a backup, the audit key and head) is readable by the
//   account iop runs as only, whatever the umask (it used to be 0644: every
//   local account could read every client's record);
// - the records are in clear text in the file (no encryption at rest: the
//   test says so, so the document cannot drift from it);
// - no password is in it, only Argon2id hashes, and no session token that
//   would let the holder sign in as anyone, only their hashes;
// - the audit key is not in it: without DB.audit-key, rows cannot be
//   rewritten so that `iop audit verify` passes (tests/security/input_health
//   and tests/api/audit*.test.mjs test the verification itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, iop, sqlite, halt, finish, uniq, cap } from '../api/helpers.mjs';

const mode = (f) => statSync(f).mode & 0o777;

test('the database, its side files and a backup are for the owner only, whatever the umask', async () => {
  const old = process.umask(0o022);
  let srv;
  try {
    srv = await startServer();
    const clin = await signIn(srv.url, 'clinician');
    assert.equal((await clin.post('/api/v1/clients', clientBody())).status, 201);
    const dir = dirname(srv.db);
    const name = basename(srv.db);
    // While the server runs: the database and every file beside it.
    const files = readdirSync(dir).filter((f) => f === name || f.startsWith(name + '-') || f.startsWith(name + '.'));
    for (const want of [name, name + '-wal', name + '-shm', name + '.audit-key', name + '.audit-head'])
      assert.ok(files.includes(want), `${want} in ${files}`);
    for (const f of files)
      assert.equal(mode(join(dir, f)) & 0o077, 0, `${f} is mode ${mode(join(dir, f)).toString(8)}: readable by others`);
    const backup = join(dir, 'copy.db');
    const b = iop(['backup', backup, '--db', srv.db]);
    assert.equal(b.status, 0, b.stdout + b.stderr);
    for (const f of readdirSync(dir).filter((x) => x.startsWith('copy.db')))
      assert.equal(mode(join(dir, f)) & 0o077, 0, `backup ${f} is mode ${mode(join(dir, f)).toString(8)}`);
  } finally {
    process.umask(old);
    await finish(srv);
  }
});

test('a copy of the file: records in clear, but no password, no usable session token, no audit key', async () => {
  const srv = await startServer();
  try {
    const last = 'Cleartext' + cap(uniq(8));
    const clin = await signIn(srv.url, 'clinician');
    assert.equal((await clin.post('/api/v1/clients', clientBody({ last_name: last }))).status, 201);
    const token = clin.cookie.replace(/^iop_session=/, '');
    assert.ok(token.length >= 32, clin.cookie);
    await halt(srv);
    const bytes = readFileSync(srv.db).toString('latin1') +
      (existsSync(srv.db + '-wal') ? readFileSync(srv.db + '-wal').toString('latin1') : '');

    // Not encrypted at rest: the name is there to read.
    assert.ok(bytes.includes(last), 'a client\'s name is in the file in clear text');
    // Passwords only as Argon2id hashes, never the demo password.
    assert.ok(!bytes.includes('openiop-demo'), 'no password in clear');
    const hashes = sqlite(srv.db, 'SELECT password_hash FROM staff', { json: true });
    assert.ok(hashes.length > 0);
    for (const h of hashes) assert.match(h.password_hash, /^\$argon2id\$/);
    // Sessions by the hash of their token: the cookie is not in the file.
    assert.ok(!bytes.includes(token), 'the session token is not stored');
    assert.equal(Number(sqlite(srv.db, 'SELECT count(*) FROM session').trim()) > 0, true);
    // The audit key lives beside the file, never in it.
    const key = readFileSync(srv.db + '.audit-key', 'latin1').trim();
    assert.ok(key.length >= 32, 'a key');
    assert.ok(!bytes.includes(key), 'the audit key is not in the database');
    // Without the key file, the chain cannot even be checked, let alone
    // re-sealed after an edit.
    const noKey = join(dirname(srv.db), 'nokey');
    iop(['backup', noKey, '--db', srv.db]);
    rmSync(noKey + '.audit-key');
    const v = iop(['audit', 'verify', '--db', noKey]);
    assert.notEqual(v.status, 0, `verify without the key: ${v.status} ${v.stdout}${v.stderr}`);
  } finally {
    await finish(srv);
  }
});

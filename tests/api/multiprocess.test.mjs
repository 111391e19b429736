// Several `iop` processes writing one database: the command line adds and
// disables staff on the file of a serving `iop serve` while clients are
// created through the API.  Every API write must succeed (no 500 from an
// audit chain that another process moved), every CLI command must succeed,
// and afterwards the audit log must verify as intact.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startServer, BIN, TEST_ENV } from '../lib/server.mjs';
import { iop, signIn, clientBody, finish, halt, uniq } from './helpers.mjs';

// Run iop without blocking the event loop, so the API load goes on meanwhile.
function iopAsync(args, env = {}) {
  return new Promise((ok) => {
    execFile(BIN, args, { env: { ...process.env, ...TEST_ENV, ...env }, encoding: 'utf8', timeout: 60000 },
      (err, stdout, stderr) => ok({ status: err ? (err.code ?? -1) : 0, stdout, stderr }));
  });
}

describe('several iop processes write one database', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await finish(server); });

  test('CLI staff writes beside API writes under load keep every write working and the chain intact', async () => {
    const api = await signIn(server.url, 'admissions');
    const statuses = [];
    const failures = [];
    let stop = false;

    // Four concurrent writers, bounded in time.
    const deadline = Date.now() + 3000;
    const load = async () => {
      while (!stop && Date.now() < deadline) {
        const r = await api.post('/api/v1/clients', clientBody());
        statuses.push(r.status);
        if (r.status >= 300) failures.push(`${r.status} ${r.text}`);
      }
    };
    const writers = [load(), load(), load(), load()];

    // Meanwhile the command line writes the same file, one process at a time
    // and two at once.
    const names = [];
    const cli = [];
    for (let i = 0; i < 4; i++) {
      const name = 'mp' + uniq(6);
      names.push(name);
      const r = await iopAsync(['user', 'add', name, '--roles', 'clinician', '--db', server.db],
        { IOP_USER_PASSWORD: 'a long enough password ' + uniq(4) });
      cli.push(['add', name, r]);
    }
    const pair = await Promise.all(names.slice(0, 2).map((n) =>
      iopAsync(['user', 'disable', n, '--db', server.db])));
    pair.forEach((r, i) => cli.push(['disable', names[i], r]));
    const more = await Promise.all([0, 1].map(() => {
      const n = 'mp' + uniq(6);
      names.push(n);
      return iopAsync(['user', 'add', n, '--roles', 'nurse', '--db', server.db],
        { IOP_USER_PASSWORD: 'a long enough password ' + uniq(4) }).then((r) => ['add', n, r]);
    }));
    cli.push(...more);

    await Promise.all(writers);
    stop = true;
    for (const [verb, name, r] of cli)
      assert.equal(r.status, 0, `iop user ${verb} ${name}: exit ${r.status} ${r.stderr}`);
    assert.ok(statuses.length > 0, 'the API load ran');
    assert.deepEqual(failures, [], 'every API write succeeded');

    // The server still writes after the CLI's rows, sign-ins included.
    const again = await signIn(server.url, 'admissions');
    const c = await again.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const admin = await signIn(server.url, 'admin');
    const list = await admin.get('/api/v1/staff?limit=100');
    assert.equal(list.status, 200, list.text);
    for (const n of names)
      assert.ok(list.json.items.some((s) => s.username === n), `staff ${n} listed`);

    // While serving, and after the server stops, the log verifies.
    const live = iop(['audit', 'verify', '--db', server.db]);
    assert.equal(live.status, 0, `${live.stdout}${live.stderr}`);
    await halt(server);
    const v = iop(['audit', 'verify', '--db', server.db]);
    assert.equal(v.status, 0, `${v.stdout}${v.stderr}`);
  });
});

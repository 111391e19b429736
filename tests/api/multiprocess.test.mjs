// Several `iop` processes writing one database: the command line adds and
// disables staff on the file of a serving `iop serve` while clients are
// created through the API.  Every API write must succeed (no 500 from an
// audit chain that another process moved), every CLI command must succeed,
// API writes must have been answered while CLI runs were under way (the
// runs really overlapped the load), and afterwards the audit log must
// verify as intact.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
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

  test('CLI staff writes beside API writes under load keep every write working and the chain intact', async (t) => {
    const api = await signIn(server.url, 'admissions');
    const done = [];	// when each API write was answered (monotonic ms)
    const failures = [];
    let stop = false;
    let firstWrite;
    const started = new Promise((ok) => { firstWrite = ok; });

    // Four concurrent writers, until the command line has finished.
    const load = async () => {
      while (!stop) {
        const r = await api.post('/api/v1/clients', clientBody());
        done.push(performance.now());
        firstWrite();
        if (r.status >= 300) failures.push(`${r.status} ${r.text}`);
      }
    };
    const writers = [load(), load(), load(), load()];
    await started;

    // Meanwhile the command line writes the same file, one process at a time
    // and two at once; each run's start and end are recorded.
    const names = [];
    const cli = [];
    const spans = [];
    const run = async (args, env) => {
      const t0 = performance.now();
      const r = await iopAsync([...args, '--db', server.db], env);
      spans.push([t0, performance.now()]);
      return r;
    };
    const add = (roles) => {
      const n = 'mp' + uniq(6);
      names.push(n);
      return run(['user', 'add', n, '--roles', roles],
        { IOP_USER_PASSWORD: 'a long enough password ' + uniq(4) }).then((r) => ['add', n, r]);
    };
    // API writes answered while some CLI run was under way.
    const overlapped = () => done.filter((t) => spans.some(([a, b]) => t >= a && t <= b)).length;

    for (let i = 0; i < 4; i++)
      cli.push(await add('clinician'));
    const pair = await Promise.all(names.slice(0, 2).map((n) => run(['user', 'disable', n])));
    pair.forEach((r, i) => cli.push(['disable', names[i], r]));
    cli.push(...await Promise.all([0, 1].map(() => add('nurse'))));
    // The point is overlap: should no API write have been answered during
    // a CLI run yet (a very fast CLI), run more, a bounded number of times.
    for (let i = 0; i < 20 && overlapped() < 3; i++)
      cli.push(await add('nurse'));

    stop = true;
    await Promise.all(writers);
    t.diagnostic(`${cli.length} CLI runs; ${overlapped()} of ${done.length} API writes answered during them`);
    assert.ok(overlapped() >= 3, `API writes answered during CLI runs: ${overlapped()} of ${done.length}`);
    for (const [verb, name, r] of cli)
      assert.equal(r.status, 0, `iop user ${verb} ${name}: exit ${r.status} ${r.stderr}`);
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

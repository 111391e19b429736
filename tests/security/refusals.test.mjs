// Issue 10, item 3: no audit flood from outsiders.  A request that never
// signed in (no session, a stale one, a foreign Origin) puts nothing on a
// client's trail, and its refusals are aggregated: one request.refused row
// for the first of an address, route and reason in a minute, then one
// request.refused_more row with the count of the rest once that minute is
// over.  A signed-in user refused is a known person's attempt: one row each,
// on the client's trail.  The answers themselves are unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, clientBody, sqlite, halt, finish, iop } from '../api/helpers.mjs';

const count = (db, where = '1') => Number(sqlite(db, `SELECT count(*) FROM audit WHERE ${where}`).trim());

// n requests made by `parallel` workers, each on its own connection(s).
async function fire(n, parallel, make) {
  const answers = [];
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < n) {
      next++;
      answers.push(await make());
    }
  }));
  return answers;
}

test('500 refusals without a session write a few rows, none on the client\'s trail', async () => {
  const srv = await startServer({ testClock: true });
  try {
    const clin = await signIn(srv.url, 'clinician');
    const c = await clin.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const id = c.json.id;
    const onTrail = `client_id = ${id} AND action LIKE 'request.refused%'`;
    const before = count(srv.db);
    const firstId = Number(sqlite(srv.db, 'SELECT max(id) FROM audit').trim());

    const none = await fire(400, 8, () => new Api(srv.url).get(`/api/v1/clients/${id}`));
    const stale = await fire(100, 4, () => {
      const a = new Api(srv.url);
      a.cookie = 'iop_session=not-a-real-session-token';
      return a.get(`/api/v1/clients/${id}`);
    });
    for (const r of [...none, ...stale]) {
      assert.equal(r.status, 401, r.text);
      assert.deepEqual(r.json, { error: { code: 'unauthenticated', message: 'Please sign in.' } });
    }
    // A foreign Origin, even with a valid session cookie: refused before
    // anyone is known, so aggregated the same way.
    const foreign = await fire(100, 4, () => clin.req('PATCH', `/api/v1/clients/${id}`,
      { first_name: 'Mallory' }, { Origin: 'http://evil.example' }));
    for (const r of foreign) {
      assert.equal(r.status, 403, r.text);
      assert.equal(r.json.error.code, 'csrf');
    }

    // Two keys (two routes), each in at most two minutes if the clock turned
    // during the burst: a first row, and a summary of a minute that ended.
    const added = count(srv.db) - before;
    assert.ok(added >= 2 && added <= 2 * 2 * 2, `${added} rows for 600 refusals`);
    assert.equal(count(srv.db, onTrail), 0, 'nothing on the client\'s trail');
    const trail = await signIn(srv.url, 'admin').then((a) => a.get(`/api/v1/clients/${id}/audit?limit=200`));
    assert.equal(trail.status, 200, trail.text);
    assert.ok(!trail.json.items.some((x) => x.action.startsWith('request.refused')),
      JSON.stringify(trail.json.items.map((x) => x.action)));
    const rows = sqlite(srv.db, `SELECT * FROM audit WHERE id > ${firstId} AND action = 'request.refused'`,
      { json: true });
    assert.ok(rows.some((x) => x.detail === 'GET /api/v1/clients/{id}: no session'),
      JSON.stringify(rows));
    assert.ok(rows.some((x) => x.detail === 'PATCH /api/v1/clients/{id}: foreign origin'),
      JSON.stringify(rows));
    for (const x of rows) {
      assert.equal(x.client_id, 0);
      assert.equal(x.record_id, 0);
      assert.equal(x.address, '127.0.0.1');
    }

    // Once the minute is over, the next refusal sums up the rest: every
    // refusal is counted, by its first row or a count=N.
    await srv.advance(120);
    assert.equal((await new Api(srv.url).get(`/api/v1/clients/${id}`)).status, 401);
    assert.equal((await clin.req('PATCH', `/api/v1/clients/${id}`, { first_name: 'Mallory' },
      { Origin: 'http://evil.example' })).status, 403);
    const all = sqlite(srv.db, `SELECT * FROM audit WHERE id > ${firstId} AND action LIKE 'request.refused%'`,
      { json: true });
    const total = (route) => all.filter((x) => x.detail.startsWith(route)).reduce((s, x) =>
      s + (x.action === 'request.refused' ? 1 : Number(x.detail.match(/count=(\d+)/)[1])), 0);
    assert.equal(total('GET /api/v1/clients/{id}: no session'), 501, JSON.stringify(all));
    assert.equal(total('PATCH /api/v1/clients/{id}: foreign origin'), 101, JSON.stringify(all));
    const more = all.filter((x) => x.action === 'request.refused_more');
    assert.ok(more.length >= 2, JSON.stringify(all));
    for (const x of more) {
      assert.match(x.detail, /; count=\d+ in the minute from \d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
      assert.equal(x.client_id, 0);
      assert.equal(x.address, '127.0.0.1');
    }
    assert.ok(all.length <= 4 * 2 + 2, `${all.length} rows`);
    assert.equal(count(srv.db, onTrail), 0);
  } finally {
    await srv.stop();
  }
});

test('a signed-in role without the permission still writes one row per refusal on the trail', async () => {
  const srv = await startServer();
  try {
    const clin = await signIn(srv.url, 'clinician');
    const c = await clin.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const id = c.json.id;
    const admin = await signIn(srv.url, 'admin');
    const answers = await fire(40, 4, () => admin.get(`/api/v1/clients/${id}`));
    for (const r of answers) {
      assert.equal(r.status, 403, r.text);
      assert.deepEqual(r.json, { error: { code: 'forbidden', message: 'Your role does not allow this.' } });
    }
    const rows = sqlite(srv.db, `SELECT * FROM audit WHERE action = 'request.refused' AND client_id = ${id}`,
      { json: true });
    assert.equal(rows.length, 40);
    for (const x of rows) {
      assert.equal(x.detail, 'GET /api/v1/clients/{id}: clients.read');
      assert.equal(x.username, 'admin');
    }
    const trail = await admin.get(`/api/v1/clients/${id}/audit?limit=200`);
    assert.equal(trail.json.items.filter((x) => x.action === 'request.refused').length, 40);
  } finally {
    await srv.stop();
  }
});

test('the count of a minute not yet over is written when the server stops', async () => {
  const srv = await startServer();
  try {
    const answers = await fire(60, 4, () => new Api(srv.url).get('/api/v1/clients/1'));
    assert.ok(answers.every((r) => r.status === 401));
    await halt(srv);
    const rows = sqlite(srv.db, "SELECT action, detail FROM audit WHERE action LIKE 'request.refused%' " +
      "ORDER BY id", { json: true });
    const total = rows.reduce((s, x) => s + (x.action === 'request.refused' ? 1 :
      Number(x.detail.match(/count=(\d+)/)[1])), 0);
    assert.equal(total, 60, JSON.stringify(rows));
    assert.ok(rows.length <= 3, JSON.stringify(rows));
    const v = iop(['audit', 'verify', '--db', srv.db]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
  } finally {
    await finish(srv);
  }
});

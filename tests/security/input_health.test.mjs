// Issue 10 items 8 and 9: text with invisible direction controls or line
// separators is refused and the field named, and so is a number too large or
// Infinity; an HTTP/1.1 request without Host
// answers 400; /healthz answers 503 while the database cannot save changes;
// `iop audit verify` tells an unsealed tail (a crash) from tampering.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { copyFileSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, iop, sqlite, halt, finish, copyDb } from '../api/helpers.mjs';

// Send raw bytes to the server and collect the whole answer (it closes).
function raw(url, text) {
  const { hostname, port } = new URL(url);
  return new Promise((ok, fail) => {
    const s = connect({ host: hostname, port: Number(port) });
    let out = '';
    s.setEncoding('latin1');
    s.on('data', (d) => { out += d; });
    s.on('end', () => ok(out));
    s.on('error', fail);
    s.setTimeout(10000, () => { s.destroy(); fail(new Error('no answer: ' + out)); });
    s.write(text);
  });
}
const statusOf = (answer) => Number((answer.match(/^HTTP\/1\.[01] (\d{3})/) || [])[1]);

describe('input and health', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(() => finish(srv));

  test('a name holding a direction override or a line separator is refused, the field named', async () => {
    const clin = await signIn(srv.url, 'clinician');
    const cases = [
      ['first_name', { first_name: 'Ann\u202Ee' }],
      ['first_name', { first_name: 'Ann\u2028e' }],
      ['last_name', { last_name: 'Lee\u2066x\u2069' }],
      ['last_name', { last_name: 'Lee\u200Fx' }],
      ['address.city', { address: { line1: '1 Main St', line2: '', city: 'Spring\u202Dfield', state: 'IL', postal_code: '62701' } }],
      ['preferred_name', { preferred_name: 'Al\u2029' }],
    ];
    for (const [field, over] of cases) {
      const r = await clin.post('/api/v1/clients', clientBody(over));
      assertError(r, 400, 'invalid', field);
      assert.ok(r.json.error.fields?.[field], `fields.${field}: ${r.text}`);
      assert.ok(!/[\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/.test(r.text), `the answer echoes no value: ${r.text}`);
    }
    // Ordinary names in other scripts still pass.
    const ok = await clin.post('/api/v1/clients', clientBody({ first_name: 'שלום', preferred_name: 'Zoë' }));
    assert.equal(ok.status, 201, ok.text);
  });

  test('free text keeps its line ends but refuses a direction override', async () => {
    const clin = await signIn(srv.url, 'clinician');
    const c = await clin.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const path = `/api/v1/clients/${c.json.id}/contacts`;
    const base = { name: 'Pat Doe', relationship: 'friend', phone: '312-555-0100' };
    const good = await clin.post(path, { ...base, notes: 'line one\nline two\u2028three' });
    assert.equal(good.status, 201, good.text);
    const bad = await clin.post(path, { ...base, notes: 'call \u202Eevening' });
    assertError(bad, 400, 'invalid', 'notes');
    assert.ok(bad.json.error.fields?.notes, bad.text);
    const name = await clin.post(path, { ...base, name: 'Pat\nDoe' });
    assertError(name, 400, 'invalid', 'contact name');
    assert.ok(name.json.error.fields?.name, name.text);
  });

  test('a number too large or a word JSON has not (Infinity, NaN) names its field', async () => {
    const clin = await signIn(srv.url, 'clinician');
    const send = (text) => clin.req('POST', '/api/v1/clients', text);
    const body = JSON.stringify(clientBody());
    const cases = [
      ['dob', body.replace(/^\{/, '{"dob": 100000000000000000000, ')],
      ['dob', body.replace(/^\{/, '{"dob": -100000000000000000000, ')],
      ['first_name', body.replace(/^\{/, '{"first_name": 1e400, ')],
      ['last_name', body.replace(/^\{/, '{"last_name": Infinity, ')],
      ['address.postal_code', body.replace(/"postal_code":"62701"/, '"postal_code": NaN')],
    ];
    for (const [field, text] of cases) {
      const r = await send(text);
      assertError(r, 400, 'malformed', field);
      assert.ok(r.json.error.fields?.[field], `fields.${field}: ${r.text}`);
    }
    // Not valid JSON anywhere else stays plain malformed.
    assertError(await send('{"first_name": "x",'), 400, 'malformed', 'cut off');
    assertError(await send('[1, Infinity]'), 400, 'malformed', 'array');
  });

  test('an HTTP/1.1 request without Host answers 400; HTTP/1.0 without Host is served', async () => {
    const no = await raw(srv.url, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
    assert.equal(statusOf(no), 400, no);
    assert.match(no, /"code":"malformed"/);
    const yes = await raw(srv.url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    assert.equal(statusOf(yes), 200, yes);
    const old = await raw(srv.url, 'GET /healthz HTTP/1.0\r\n\r\n');
    assert.equal(statusOf(old), 200, old);
  });

  test('/healthz answers 503 while writes fail, and 200 once they work again', async () => {
    const h = async () => { const r = await fetch(srv.url + '/healthz'); return { status: r.status, json: await r.json() }; };
    assert.equal((await h()).status, 200);
    const clin = await signIn(srv.url, 'clinician');
    // Every change writes an audit row: refuse them all.
    sqlite(srv.db, "CREATE TRIGGER test_no_writes BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    try {
      const w = await clin.post('/api/v1/clients', clientBody());
      assert.equal(w.status, 500, w.text);
      const down = await h();
      assert.equal(down.status, 503, JSON.stringify(down.json));
      assert.equal(down.json.error.code, 'internal');
      assert.ok(!/disk says no/.test(JSON.stringify(down.json)));
    } finally {
      sqlite(srv.db, 'DROP TRIGGER test_no_writes');
    }
    const w = await clin.post('/api/v1/clients', clientBody());
    assert.equal(w.status, 201, w.text);
    assert.deepEqual(await h(), { status: 200, json: { status: 'ok' } });
  });
});

describe('iop audit verify after a crash', () => {
  let srv;
  const copies = [];
  before(async () => { srv = await startServer(); });
  after(async () => {
    for (const c of copies) c.remove();
    await finish(srv);
  });

  // A database whose last rows were committed but whose head was not sealed
  // after them: the head file from before they were written put back (what
  // a crash between commit and seal leaves).
  test('an unsealed tail: the chain intact, exit 5; tampering with it: exit 3', async () => {
    const clin = await signIn(srv.url, 'clinician');
    assert.equal((await clin.post('/api/v1/clients', clientBody())).status, 201);
    await halt(srv);
    const base = copyDb(srv.db);
    copies.push(base);
    const oldHead = base.db + '.head-before';
    copyFileSync(base.db + '.audit-head', oldHead);
    for (const cmd of ['disable', 'enable']) {
      const r = iop(['user', cmd, 'billing', '--db', base.db]);
      assert.equal(r.status, 0, `iop user ${cmd}: ${r.stdout}${r.stderr}`);
    }
    copyFileSync(oldHead, base.db + '.audit-head');

    const v = iop(['audit', 'verify', '--db', base.db]);
    assert.equal(v.status, 5, `${v.status} ${v.stdout}${v.stderr}`);
    assert.match(v.stdout, /intact/);
    assert.doesNotMatch(v.stdout, /ALTERED/);

    // The same unsealed tail with its last row edited is tampering.
    const t = copyDb(base.db);
    copies.push(t);
    for (const name of sqlite(t.db, "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit'").trim().split('\n').filter(Boolean))
      sqlite(t.db, `DROP TRIGGER "${name}"`);
    sqlite(t.db, "UPDATE audit SET detail = 'edited' WHERE id = (SELECT max(id) FROM audit)");
    const bad = iop(['audit', 'verify', '--db', t.db]);
    assert.equal(bad.status, 3, `${bad.status} ${bad.stdout}${bad.stderr}`);
    assert.match(bad.stdout, /ALTERED/);

    // The next open for writing seals the tail: verify says intact, exit 0.
    const r = iop(['user', 'enable', 'billing', '--db', base.db]);
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    const after3 = iop(['audit', 'verify', '--db', base.db]);
    assert.equal(after3.status, 0, `${after3.status} ${after3.stdout}${after3.stderr}`);
  });
});

// The hostile-input set (issue 10; docs/security.md): what an outsider or a
// careless client can send, each answered with its exact status and the
// documented error body, and nothing written. Every case runs against one
// server; after each, the client, inquiry and staff tables hold what they
// held before (a refused call changed nothing), and at the end the audit
// log still verifies (`iop audit verify` exit 0).
//
// Cases: oversized bodies (413, declared or chunked, refused before
// parsing), deep JSON nesting, invalid UTF-8, NUL bytes, SQL-injection
// strings (refused where they are not valid, kept as plain text where they
// are), path traversal on the static assets, huge and many headers, a body
// not sent as JSON, duplicate keys, numbers JSON cannot hold (1e400, 10^20,
// Infinity, NaN) with the field named, bidirectional controls and line
// separators in names, a request without Host. Slow connections are in
// slow.test.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, sqlite, iop, halt, finish, uniq, cap } from '../api/helpers.mjs';
import { raw, head, jsonRequest } from './net.mjs';

const COUNTS = "SELECT (SELECT count(*) FROM client) || ',' || (SELECT count(*) FROM inquiry) || ',' || (SELECT count(*) FROM staff) || ',' || (SELECT count(*) FROM contact)";

describe('hostile inputs', () => {
  let srv, clin, admin, site, auth, counts;

  before(async () => {
    srv = await startServer();
    clin = await signIn(srv.url, 'clinician');
    admin = await signIn(srv.url, 'admin');
    site = (await admin.get('/api/v1/sites')).json.items[0].id;
    auth = { Cookie: clin.cookie, 'X-CSRF-Token': clin.csrf };
  });
  after(() => finish(srv));

  // Each refused case: the tables hold what they held before it.
  const snapshot = () => { counts = sqlite(srv.db, COUNTS).trim(); };
  const unchanged = (msg) => assert.equal(sqlite(srv.db, COUNTS).trim(), counts, `${msg}: nothing written`);

  // POST /api/v1/clients as the clinician with raw body bytes.
  const postClient = (bytes, headers = {}) => raw(srv.url, Buffer.concat([
    Buffer.from(head(srv.url, 'POST', '/api/v1/clients',
      { ...auth, 'Content-Type': 'application/json', 'Content-Length': bytes.length, ...headers }), 'latin1'),
    bytes]));
  const body = () => Buffer.from(JSON.stringify(clientBody()));

  test('a body over the limit answers 413 too_large, declared or chunked, and is never parsed', async () => {
    snapshot();
    const big = Buffer.from(JSON.stringify(clientBody({ preferred_name: 'x'.repeat(70 * 1024) })));
    assertError(await postClient(big), 413, 'too_large', 'declared length');
    unchanged('declared');
    const chunked = await raw(srv.url, Buffer.concat([
      Buffer.from(head(srv.url, 'POST', '/api/v1/clients', { ...auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }), 'latin1'),
      Buffer.from(big.length.toString(16) + '\r\n'), big, Buffer.from('\r\n0\r\n\r\n')]));
    assertError(chunked, 413, 'too_large', 'chunked');
    // Over the limit and not even JSON: 413, not 400 — the size is checked
    // before anything is parsed.
    assertError(await postClient(Buffer.alloc(70 * 1024, '{')), 413, 'too_large', 'not JSON either');
    // The same for an outsider on the public form.
    assertError(await jsonRequest(srv.url, 'POST', '/api/v1/public/inquiries', '"' + 'y'.repeat(70 * 1024) + '"'), 413, 'too_large', 'public');
    unchanged('chunked');
  });

  test('a body declared too large is answered 413 at once, before it is sent', async () => {
    // 10 MB declared, 3 bytes sent: the answer must not wait for the rest
    // (nor for the 30 s idle time-out).
    const t0 = Date.now();
    const r = await raw(srv.url, head(srv.url, 'POST', '/api/v1/clients',
      { ...auth, 'Content-Type': 'application/json', 'Content-Length': 10 * 1000 * 1000 }) + '{"a', 5000);
    assertError(r, 413, 'too_large', 'declared, not sent');
    assert.ok(Date.now() - t0 < 3000, `answered after ${Date.now() - t0} ms`);
    unchanged('declared, not sent');
  });

  test('an encoded NUL in the path does not cut it short', async () => {
    const r = await raw(srv.url, head(srv.url, 'GET', '/app/index.html%00.js'));
    assert.equal(r.status, 404, r.text.slice(0, 200));
    const q = await raw(srv.url, head(srv.url, 'GET', '/app/index.html'));
    assert.equal(q.status, 200);
  });

  test('deep nesting answers 400 malformed', async () => {
    snapshot();
    assertError(await postClient(Buffer.from('['.repeat(10000) + ']'.repeat(10000))), 400, 'malformed', 'array');
    const deep = JSON.stringify(clientBody()).replace('"Test"', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000));
    assertError(await postClient(Buffer.from(deep)), 400, 'malformed', 'object in a field');
    unchanged('nesting');
  });

  test('invalid UTF-8 and NUL bytes answer 400 malformed', async () => {
    snapshot();
    const at = (bytes) => { const b = body(); const i = b.indexOf('"Test"') + 2; return Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i)]); };
    for (const [what, bytes] of [['a lone continuation byte', [0x80]], ['an overlong slash', [0xc0, 0xaf]],
      ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]], ['a five-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
      ['0xff', [0xff, 0xfe]], ['a raw NUL', [0x00]]])
      assertError(await postClient(at(bytes)), 400, 'malformed', what);
    const text = JSON.stringify(clientBody());
    assertError(await postClient(Buffer.from(text.replace('"Test"', '"T\\u0000est"'))), 400, 'malformed', 'an escaped NUL');
    assertError(await postClient(Buffer.from(text.replace('"Test"', '"T\\ud800"'))), 400, 'malformed', 'a lone surrogate escape');
    unchanged('utf-8');
  });

  test('SQL-injection strings are refused where invalid and kept as plain text where valid', async () => {
    const sql = "x' OR '1'='1'; DROP TABLE client; --";
    snapshot();
    const login = await jsonRequest(srv.url, 'POST', '/api/v1/session', { username: sql, password: sql });
    assertError(login, 401, 'unauthenticated', 'sign-in');
    const search = await clin.get('/api/v1/clients?q=' + encodeURIComponent(sql));
    assert.equal(search.status, 200, search.text);
    assert.deepEqual(search.json.items, [], 'a search for it finds nobody');
    assertError(await clin.get('/api/v1/clients/' + encodeURIComponent('1 OR 1=1')), 404, 'not_found', 'in the path');
    assertError(await clin.get("/api/v1/clients?limit=1;DROP%20TABLE%20client"), 400, 'invalid', 'in a number');
    assertError(await jsonRequest(srv.url, 'POST', '/api/v1/public/inquiries', { kind: sql, name: 'Pat', phone: '312-555-0100' }), 400, 'invalid', 'as a word');
    unchanged('sql');
    // Valid in a name: stored and answered exactly as sent, as text.
    const name = "O'Brien-" + cap(uniq(6)) + "'; DROP TABLE client; --";
    const c = await clin.post('/api/v1/clients', clientBody({ last_name: name }));
    if (c.status === 201) {
      assert.equal((await clin.get(`/api/v1/clients/${c.json.id}`)).json.last_name, name);
      assert.equal(Number(sqlite(srv.db, 'SELECT count(*) FROM client').trim()), Number(counts.split(',')[0]) + 1, 'the table is still there');
    } else {
      assertError(c, 400, 'invalid', 'a name with ; and --');
      assert.ok(c.json.error.fields?.last_name, c.text);
      unchanged('sql name');
    }
  });

  test('path traversal on the static assets answers 404 and never a file outside the app', async () => {
    const index = await raw(srv.url, head(srv.url, 'GET', '/app/'));
    assert.equal(index.status, 200);
    for (const p of ['/app/../../etc/passwd', '/app/%2e%2e/%2e%2e/etc/passwd', '/app/%2E%2E/%2E%2E/etc/passwd',
      '/app/..%2f..%2fetc%2fpasswd', '/app/%252e%252e/%252e%252e/etc/passwd', '/app/..%5c..%5cetc%5cpasswd',
      '/app/..\\..\\etc\\passwd', '/app//etc/passwd', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd',
      '/app/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '/app/.%2e/.%2e/etc/passwd', '/app/nope%00.js',
      '/app/./../../../proc/self/environ', '/..%2f..%2f..%2fetc/passwd']) {
      const r = await raw(srv.url, head(srv.url, 'GET', p));
      assert.equal(r.status, 404, `${p}: ${r.text.slice(0, 300)}`);
      assert.equal(r.json?.error?.code, 'not_found', p);
      assert.doesNotMatch(r.body, /root:|PATH=|IOP_/, p);
    }
  });

  test('huge headers and many headers answer 431', async () => {
    assert.equal((await raw(srv.url, head(srv.url, 'GET', '/healthz', { 'X-Big': 'a'.repeat(20000) }))).status, 431);
    const many = {};
    for (let i = 0; i < 2000; i++) many['X-H' + i] = 'v';
    assert.equal((await raw(srv.url, head(srv.url, 'GET', '/healthz', many))).status, 431);
    const cookie = await raw(srv.url, head(srv.url, 'GET', '/api/v1/me', { Cookie: 'iop_session=' + 'a'.repeat(20000) }));
    assert.equal(cookie.status, 431);
    // The server is still answering.
    assert.equal((await raw(srv.url, head(srv.url, 'GET', '/healthz'))).status, 200);
  });

  test('a body not sent as application/json answers 400 malformed', async () => {
    snapshot();
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', undefined]) {
      const r = await postClient(body(), { 'Content-Type': ct });
      assertError(r, 400, 'malformed', `Content-Type ${ct}`);
      assert.match(r.json.error.message, /Content-Type: application\/json/);
    }
    // A cross-site form can post text/plain shaped like JSON to the public
    // form and to sign-in; neither is read.
    assertError(await jsonRequest(srv.url, 'POST', '/api/v1/public/inquiries', { kind: 'help', name: 'Pat=x', phone: '312-555-0100' },
      { 'Content-Type': 'text/plain' }), 400, 'malformed', 'public form as text/plain');
    assertError(await jsonRequest(srv.url, 'POST', '/api/v1/session', { username: 'clinician', password: 'openiop-demo' },
      { 'Content-Type': 'text/plain' }), 400, 'malformed', 'sign-in as text/plain');
    unchanged('content type');
    // Parameters and case are allowed.
    const ok = await postClient(body(), { 'Content-Type': 'Application/JSON; charset=utf-8' });
    assert.equal(ok.status, 201, ok.text);
  });

  test('duplicate keys answer 400 malformed', async () => {
    snapshot();
    const text = JSON.stringify(clientBody());
    assertError(await postClient(Buffer.from(text.replace(/^\{/, '{"first_name":"Eve",'))), 400, 'malformed', 'top level');
    assertError(await postClient(Buffer.from(text.replace('"city":', '"city":"X","city":'))), 400, 'malformed', 'nested');
    unchanged('duplicate keys');
  });

  test('numbers JSON cannot hold (1e400, 10^20, Infinity, NaN) answer 400 malformed naming the field', async () => {
    snapshot();
    for (const [v, what] of [['1e400', 'overflow'], ['100000000000000000000', '10^20'], ['-100000000000000000000', '-10^20'],
      ['Infinity', 'Infinity'], ['-Infinity', '-Infinity'], ['NaN', 'NaN']]) {
      const r = await admin.req('POST', '/api/v1/rooms', `{"site_id": ${site}, "name": "Hostile Room", "capacity": ${v}}`);
      assertError(r, 400, 'malformed', `capacity ${what}`);
      assert.ok(r.json.error.fields?.capacity, `capacity ${what} named: ${r.text}`);
    }
    const r = await jsonRequest(srv.url, 'POST', '/api/v1/public/inquiries', '{"kind": "help", "name": "Pat", "phone": 1e400}');
    assertError(r, 400, 'malformed', 'public phone 1e400');
    assert.ok(r.json.error.fields?.phone, r.text);
    unchanged('numbers');
  });

  test('bidirectional controls and line separators in names are refused, the field named', async () => {
    snapshot();
    const cases = [
      ['public inquiry name', () => jsonRequest(srv.url, 'POST', '/api/v1/public/inquiries', { kind: 'help', name: 'Ann\u202Eevil', phone: '312-555-0100' }), 'name'],
      ['public inquiry name (U+2028)', () => jsonRequest(srv.url, 'POST', '/api/v1/public/inquiries', { kind: 'help', name: 'Ann\u2028x', phone: '312-555-0100' }), 'name'],
      ['staff full name', () => admin.post('/api/v1/staff', { username: 'bidi' + uniq(6), full_name: 'Eve\u202Ex', email: '', roles: ['nurse'], site_ids: [site], password: 'Long-enough-pass-1' }), 'full_name'],
      ['room name', () => admin.post('/api/v1/rooms', { site_id: site, name: 'Room\u2029', capacity: 3 }), 'name'],
      ['client first name', () => clin.post('/api/v1/clients', clientBody({ first_name: 'Ann\u202Ee' })), 'first_name'],
      ['client last name (U+2028)', () => clin.post('/api/v1/clients', clientBody({ last_name: 'Lee\u2028x' })), 'last_name'],
    ];
    for (const [what, call, field] of cases) {
      const r = await call();
      assertError(r, 400, 'invalid', what);
      assert.ok(r.json.error.fields?.[field], `${what}: fields.${field} in ${r.text}`);
    }
    unchanged('bidi');
  });

  test('an HTTP/1.1 request without Host answers 400 and writes nothing', async () => {
    snapshot();
    const b = JSON.stringify({ kind: 'help', name: 'No Host', phone: '312-555-0100' });
    const r = await raw(srv.url, `POST /api/v1/public/inquiries HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${b.length}\r\nConnection: close\r\n\r\n${b}`);
    assertError(r, 400, 'malformed', 'no Host');
    assert.equal((await raw(srv.url, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n')).status, 400);
    unchanged('no host');
  });

  test('an unknown HTTP version answers 505 and an unknown method 405', async () => {
    snapshot();
    assert.equal((await raw(srv.url, 'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n')).status, 505);
    assertError(await raw(srv.url, head(srv.url, 'BREW', '/api/v1/clients', auth)), 405, 'method_not_allowed', 'BREW');
    assert.equal((await raw(srv.url, head(srv.url, 'GET', '/healthz'))).status, 200);
    unchanged('junk');
  });

  test('after all of it the audit log verifies', async () => {
    await halt(srv);
    const v = iop(['audit', 'verify', '--db', srv.db]);
    assert.equal(v.status, 0, `${v.status} ${v.stdout}${v.stderr}`);
  });
});

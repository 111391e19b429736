// Clients and contacts: create, validate, duplicates, read, change,
// deactivate, search, paging, and the audit rows these leave.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  signIn, uniq, cap, clientBody, assertError, assertSchema, finish, auditRows,
} from './helpers.mjs';

const NEXT_YEAR = new Date().getUTCFullYear() + 1;

describe('clients', () => {
  let srv;
  let clin;     // clinician: clients.read + clients.write
  let dir;      // director: clients.* + audit.read

  before(async () => {
    srv = await startServer({ testClock: true });
    clin = await signIn(srv.url, 'clinician');
    dir = await signIn(srv.url, 'director');
  });
  after(() => finish(srv));

  const totalAll = async () => {
    const r = await dir.get('/api/v1/clients?include_inactive=true&limit=1');
    assert.equal(r.status, 200, r.text);
    return r.json.total;
  };
  const create = async (over = {}, api = clin) => {
    const r = await api.post('/api/v1/clients', clientBody(over));
    assert.equal(r.status, 201, `create client: ${r.status} ${r.text}`);
    return r.json;
  };
  const search = async (q, extra = '') => {
    const r = await clin.get(`/api/v1/clients?q=${encodeURIComponent(q)}&limit=200${extra}`);
    assert.equal(r.status, 200, `search ${q}: ${r.text}`);
    assertSchema('ClientList', r.json, `search ${q}`);
    return r.json;
  };
  const ids = (list) => list.items.map((c) => c.id);

  describe('create', () => {
    test('answers 201 with the whole record and a server-assigned MRN', async () => {
      const body = clientBody({ preferred_name: 'Sam', gender_identity: 'woman', language: 'Spanish' });
      const r = await clin.post('/api/v1/clients', body);
      assert.equal(r.status, 201, r.text);
      assertSchema('Client', r.json);
      const c = r.json;
      assert.match(c.mrn, /^IOP-\d{6}$/);
      assert.equal(c.active, true);
      for (const k of Object.keys(body)) assert.deepEqual(c[k], body[k], k);
      assert.match(c.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.ok(Math.abs(Date.parse(c.created_at) - Date.now()) < 5 * 60e3, 'created_at is now');
      const again = await create();
      assert.notEqual(again.id, c.id);
      assert.notEqual(again.mrn, c.mrn);
    });

    test('optional text fields come back as "" (never null) when omitted', async () => {
      const r = await clin.post('/api/v1/clients', { first_name: 'Min', last_name: 'Imal' + cap(uniq()), dob: '1970-01-02', sex: 'unknown' });
      assert.equal(r.status, 201, r.text);
      assertSchema('Client', r.json);
      for (const k of ['preferred_name', 'gender_identity', 'phone', 'email', 'language']) assert.equal(r.json[k], '', k);
      assert.deepEqual(r.json.address, { line1: '', line2: '', city: '', state: '', postal_code: '' });
    });

    test('GET /clients/{id} answers the record as created', async () => {
      const c = await create();
      const r = await clin.get(`/api/v1/clients/${c.id}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, c);
    });

    test('boundary values are accepted', async () => {
      await create({ dob: '1900-01-01' });
      await create({ first_name: 'A'.repeat(100), last_name: 'Zoë-' + cap(uniq()), phone: '+1 (312) 555.0147' });
      await create({ email: '', phone: '', address: { postal_code: '1'.repeat(20) } });
      await create({ sex: 'intersex' });
      await create({ sex: 'male' });
    });
  });

  describe('validation', () => {
    test('400 names every bad field (future dob, bad sex, bad email, long postal code) and writes nothing', async () => {
      const before = await totalAll();
      const r = await clin.post('/api/v1/clients', clientBody({
        dob: `${NEXT_YEAR}-01-01`, sex: 'robot', email: 'not-an-email',
        address: { line1: '1 Elm St', line2: '', city: 'Springfield', state: 'IL', postal_code: '1'.repeat(21) },
      }));
      assertError(r, 400, 'invalid');
      assert.deepEqual(Object.keys(r.json.error.fields || {}).sort(), ['address.postal_code', 'dob', 'email', 'sex']);
      assert.equal(await totalAll(), before, 'nothing written');
    });

    const cases = [
      ['first_name empty', { first_name: '' }, 'first_name'],
      ['first_name blank', { first_name: '   ' }, 'first_name'],
      ['first_name over 100', { first_name: 'a'.repeat(101) }, 'first_name'],
      ['last_name missing', { last_name: undefined }, 'last_name'],
      ['dob missing', { dob: undefined }, 'dob'],
      ['dob not a real date', { dob: '2001-02-30' }, 'dob'],
      ['dob before 1900', { dob: '1899-12-31' }, 'dob'],
      ['dob not a date', { dob: 'yesterday' }, 'dob'],
      ['dob in US format', { dob: '03/14/1985' }, 'dob'],
      ['dob in the future', { dob: `${NEXT_YEAR + 5}-06-01` }, 'dob'],
      ['dob tomorrow', { dob: new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 10) }, 'dob'],
      ['sex missing', { sex: undefined }, 'sex'],
      ['sex not one of four', { sex: 'other' }, 'sex'],
      ['email without domain dot', { email: 'a@b' }, 'email'],
      ['email over 254', { email: 'x'.repeat(250) + '@y.org' }, 'email'],
      ['phone too few digits', { phone: '555-01' }, 'phone'],
      ['phone too many digits', { phone: '1'.repeat(21) }, 'phone'],
      ['phone with letters', { phone: '555-CALL-NOW' }, 'phone'],
      ['preferred_name over 100', { preferred_name: 'p'.repeat(101) }, 'preferred_name'],
      ['gender_identity over 100', { gender_identity: 'g'.repeat(101) }, 'gender_identity'],
      ['language over 100', { language: 'l'.repeat(101) }, 'language'],
      ['address.city over 100', { address: { city: 'c'.repeat(101) } }, 'address.city'],
      ['address.line1 with a newline', { address: { line1: '1 Elm\nSt' } }, 'address.line1'],
      ['control character in a name', { first_name: 'Ann\u0007' }, 'first_name'],
      ['control character in language', { language: 'Eng\u001blish' }, 'language'],
    ];
    test('each rule answers 400 invalid naming its field', async () => {
      const before = await totalAll();
      const failures = [];
      for (const [what, over, field] of cases) {
        const body = clientBody(over);
        for (const [k, v] of Object.entries(over)) if (v === undefined) delete body[k];
        const r = await clin.post('/api/v1/clients', body);
        if (r.status !== 400 || r.json?.error?.code !== 'invalid' || !r.json.error.fields?.[field])
          failures.push(`${what}: expected 400 invalid fields.${field}, got ${r.status} ${r.text}`);
      }
      assert.deepEqual(failures, []);
      assert.equal(await totalAll(), before, 'nothing written');
    });

    test('an empty or missing sex is missing, not a list of codes; a wrong one lists the choices', async () => {
      for (const sex of ['', undefined]) {
        const body = clientBody({ sex });
        if (sex === undefined) delete body.sex;
        const r = await clin.post('/api/v1/clients', body);
        assertError(r, 400, 'invalid', `sex ${JSON.stringify(sex)}`);
        assert.equal(r.json.error.fields?.sex, 'is required', r.text);
      }
      const r = await clin.post('/api/v1/clients', clientBody({ sex: 'robot' }));
      assert.equal(r.json.error.fields?.sex, 'must be one of female, male, intersex, unknown', r.text);
    });

    test('an unknown field, or a server-assigned one, answers 400 naming it', async () => {
      const before = await totalAll();
      const r = await clin.post('/api/v1/clients', clientBody({ favourite_colour: 'blue' }));
      assertError(r, 400, 'invalid');
      assert.ok(r.json.error.fields?.favourite_colour, `fields.favourite_colour: ${r.text}`);
      for (const k of ['mrn', 'id', 'active', 'created_at']) {
        const x = await clin.post('/api/v1/clients', clientBody({ [k]: k === 'mrn' ? 'IOP-999999' : k === 'id' ? 999999 : k === 'active' ? true : '2020-01-01T00:00:00Z' }));
        assertError(x, 400, 'invalid', `client-supplied ${k}`);
      }
      const nested = await clin.post('/api/v1/clients', clientBody({ address: { city: 'X', county: 'Y' } }));
      assertError(nested, 400, 'invalid', 'unknown address field');
      assert.equal(await totalAll(), before, 'nothing written');
    });

    test('a body that is not JSON, or not an object, answers 400 malformed', async () => {
      for (const raw of ['{"first_name":', 'first_name=Ann', '[]', '[{"first_name":"A"}]', '"text"', '42', 'null', '']) {
        const r = await clin.req('POST', '/api/v1/clients', raw);
        assertError(r, 400, 'malformed', `body ${JSON.stringify(raw)}`);
      }
    });

    test('a body that is not valid UTF-8, or has a duplicate key, answers 400 malformed', async () => {
      const before = await totalAll();
      const raw = Buffer.concat([Buffer.from('{"first_name":"A'), Buffer.from([0xff, 0xfe]),
        Buffer.from('","last_name":"Utf","dob":"1990-01-01","sex":"male"}')]);
      const res = await fetch(srv.url + '/api/v1/clients', {
        method: 'POST', body: raw,
        headers: { 'Content-Type': 'application/json', Cookie: clin.cookie, 'X-CSRF-Token': clin.csrf },
      });
      const text = await res.text();
      assert.equal(res.status, 400, text);
      assert.ok(['malformed', 'invalid'].includes(JSON.parse(text).error.code), text);
      const dup = await clin.req('POST', '/api/v1/clients', '{"first_name":"A","first_name":"B","last_name":"Dupkey","dob":"1990-01-01","sex":"male"}');
      assertError(dup, 400, null, 'duplicate key');
      assert.equal(await totalAll(), before, 'nothing written');
    });

    test('a field of the wrong JSON type answers 400 naming it', async () => {
      const before = await totalAll();
      for (const [over, field] of [[{ first_name: 42 }, 'first_name'], [{ dob: 19850314 }, 'dob'],
        [{ address: 'Main St' }, 'address'], [{ phone: 5551234567 }, 'phone'], [{ allow_duplicate: 'yes' }, 'allow_duplicate'],
        [{ sex: ['female'] }, 'sex']]) {
        const r = await clin.post('/api/v1/clients', clientBody(over));
        assertError(r, 400, 'invalid', JSON.stringify(over));
        assert.ok(r.json.error.fields?.[field], `fields.${field}: ${r.text}`);
      }
      assert.equal(await totalAll(), before, 'nothing written');
    });

    test('a body over 64 KiB answers 413 too_large; one just under it is parsed', async () => {
      const before = await totalAll();
      const big = await clin.post('/api/v1/clients', clientBody({ preferred_name: 'x'.repeat(70 * 1024) }));
      assertError(big, 413, 'too_large');
      const under = await clin.post('/api/v1/clients', clientBody({ preferred_name: 'x'.repeat(60 * 1024) }));
      assertError(under, 400, 'invalid', 'just under 64 KiB');
      assert.ok(under.json.error.fields?.preferred_name);
      assert.equal(await totalAll(), before, 'nothing written');
    });

    test('a chunked body (no Content-Length) over 64 KiB answers 413 too_large too', async () => {
      const before = await totalAll();
      const json = JSON.stringify(clientBody({ preferred_name: 'x'.repeat(100 * 1024) }));
      const chunks = [];
      for (let i = 0; i < json.length; i += 8192) chunks.push(new TextEncoder().encode(json.slice(i, i + 8192)));
      const body = new ReadableStream({ pull(c) { if (chunks.length) c.enqueue(chunks.shift()); else c.close(); } });
      const res = await fetch(srv.url + '/api/v1/clients', {
        method: 'POST', body, duplex: 'half',
        headers: { 'Content-Type': 'application/json', Cookie: clin.cookie, 'X-CSRF-Token': clin.csrf },
      });
      const text = await res.text();
      assert.equal(res.status, 413, text);
      assert.equal(JSON.parse(text).error.code, 'too_large');
      assert.equal(await totalAll(), before, 'nothing written');
    });
  });

  describe('duplicates', () => {
    test('same name (any case) and dob answers 409 duplicate with matches; allow_duplicate creates', async () => {
      const last = 'Dup' + cap(uniq());
      const a = await create({ first_name: 'Dana', last_name: last, dob: '1977-07-07' });
      const before = await totalAll();
      const r = await clin.post('/api/v1/clients', clientBody({ first_name: 'DANA', last_name: last.toLowerCase(), dob: '1977-07-07' }));
      assertError(r, 409, 'duplicate');
      assert.equal(r.json.error.message, 'A client with this name and date of birth already exists.');
      assert.deepEqual(r.json.error.matches, [{ id: a.id, mrn: a.mrn, first_name: 'Dana', last_name: last, dob: '1977-07-07', active: true }]);
      assert.equal(await totalAll(), before, 'nothing written');

      const ok = await clin.post('/api/v1/clients', clientBody({ first_name: 'Dana', last_name: last, dob: '1977-07-07', allow_duplicate: true }));
      assert.equal(ok.status, 201, ok.text);
      assertSchema('Client', ok.json);
      assert.notEqual(ok.json.id, a.id);
      assert.ok(!('allow_duplicate' in ok.json), 'allow_duplicate is not part of the record');

      const third = await clin.post('/api/v1/clients', clientBody({ first_name: 'Dana', last_name: last, dob: '1977-07-07' }));
      assertError(third, 409, 'duplicate');
      assert.deepEqual(third.json.error.matches.map((m) => m.id).sort((x, y) => x - y), [a.id, ok.json.id].sort((x, y) => x - y));
    });

    test('identical creates sent at once make one client; the others answer 409 duplicate', async () => {
      const last = 'Race' + cap(uniq());
      const before = await totalAll();
      const rs = await Promise.all(Array.from({ length: 12 }, () =>
        clin.post('/api/v1/clients', clientBody({ first_name: 'Rae', last_name: last, dob: '1988-08-08' }))));
      const statuses = rs.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, ...Array(11).fill(409)], `statuses ${statuses}`);
      assert.equal(await totalAll(), before + 1);
    });

    test('many different creates sent at once are all stored, each with its own MRN', async () => {
      const before = await totalAll();
      const rs = await Promise.all(Array.from({ length: 40 }, () => clin.post('/api/v1/clients', clientBody())));
      assert.deepEqual(rs.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.text}`), []);
      assert.equal(new Set(rs.map((r) => r.json.mrn)).size, 40, 'unique MRNs');
      assert.equal(new Set(rs.map((r) => r.json.id)).size, 40, 'unique ids');
      assert.equal(await totalAll(), before + 40);
    });

    test('an inactive client with the same name and dob is a duplicate too', async () => {
      const last = 'Dupin' + cap(uniq());
      const a = await create({ first_name: 'Lee', last_name: last, dob: '1966-06-06' });
      assert.equal((await clin.patch(`/api/v1/clients/${a.id}`, { active: false })).status, 200);
      const r = await clin.post('/api/v1/clients', clientBody({ first_name: 'Lee', last_name: last, dob: '1966-06-06' }));
      assertError(r, 409, 'duplicate');
      assert.deepEqual(r.json.error.matches.map((m) => [m.id, m.active]), [[a.id, false]]);
    });

    test('a different dob is not a duplicate', async () => {
      const last = 'Dupno' + cap(uniq());
      await create({ first_name: 'Kim', last_name: last, dob: '1980-01-01' });
      await create({ first_name: 'Kim', last_name: last, dob: '1980-01-02' });
    });
  });

  describe('read and change', () => {
    test('a missing id, and an id that is not a positive integer, answer 404 not_found', async () => {
      for (const id of ['999999999', 'abc', '1.5', '-1', '0', '1e3', '9223372036854775808', '%20']) {
        assertError(await clin.get(`/api/v1/clients/${id}`), 404, 'not_found', `GET /clients/${id}`);
      }
      assertError(await clin.patch('/api/v1/clients/999999999', { phone: '312-555-0100' }), 404, 'not_found', 'PATCH');
      assertError(await clin.get('/api/v1/clients/999999999/contacts'), 404, 'not_found', 'contacts');
      assertError(await clin.post('/api/v1/clients/999999999/contacts', { name: 'A', relationship: 'friend', phone: '312-555-0100' }), 404, 'not_found', 'new contact');
      assertError(await dir.get('/api/v1/clients/999999999/audit'), 404, 'not_found', 'audit');
    });

    test('PATCH answers the whole record and changes only the fields it names', async () => {
      const c = await create();
      await srv.advance(1);	// a later second on the server's clock
      const r = await clin.patch(`/api/v1/clients/${c.id}`, { phone: '312-555-0199', language: 'Polish' });
      assert.equal(r.status, 200, r.text);
      assertSchema('Client', r.json);
      const { updated_at: u1, ...rest } = r.json;
      const { updated_at: u0, ...was } = c;
      assert.deepEqual(rest, { ...was, phone: '312-555-0199', language: 'Polish' });
      assert.ok(Date.parse(u1) > Date.parse(u0), `updated_at moves on (${u0} -> ${u1})`);
      const g = await clin.get(`/api/v1/clients/${c.id}`);
      assert.deepEqual(g.json, r.json);
    });

    test('PATCH of one address part keeps the other parts', async () => {
      const c = await create();
      const r = await clin.patch(`/api/v1/clients/${c.id}`, { address: { city: 'Chicago' } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.address, { ...c.address, city: 'Chicago' });
    });

    test('an invalid PATCH answers 400 naming the field and changes nothing', async () => {
      const c = await create();
      const r = await clin.patch(`/api/v1/clients/${c.id}`, { first_name: 'Okay', dob: `${NEXT_YEAR}-02-02` });
      assertError(r, 400, 'invalid');
      assert.ok(r.json.error.fields?.dob, r.text);
      for (const body of [{ mrn: 'IOP-000001' }, { id: 1 }, { nickname: 'x' }, { first_name: '' }, { active: 'no' }])
        assertError(await clin.patch(`/api/v1/clients/${c.id}`, body), 400, 'invalid', JSON.stringify(body));
      assertError(await clin.req('PATCH', `/api/v1/clients/${c.id}`, '[1]'), 400, 'malformed');
      assert.deepEqual((await clin.get(`/api/v1/clients/${c.id}`)).json, c, 'unchanged');
    });

    test('active:false hides a client from the default list; include_inactive=true shows it; active:true brings it back', async () => {
      const last = 'Inact' + cap(uniq());
      const c = await create({ last_name: last });
      assert.deepEqual(ids(await search(last)), [c.id]);
      const off = await clin.patch(`/api/v1/clients/${c.id}`, { active: false });
      assert.equal(off.status, 200, off.text);
      assert.equal(off.json.active, false);
      assert.equal((await search(last)).total, 0, 'hidden by default');
      const all = await search(last, '&include_inactive=true');
      assert.deepEqual(ids(all), [c.id]);
      assert.equal(all.items[0].active, false);
      assert.equal((await clin.get(`/api/v1/clients/${c.id}`)).json.active, false, 'still readable by id');
      assert.equal((await clin.patch(`/api/v1/clients/${c.id}`, { active: true })).json.active, true);
      assert.deepEqual(ids(await search(last)), [c.id], 'back in the default list');
    });
  });

  describe('search', () => {
    let u; let x; let y;
    before(async () => {
      u = uniq(6);
      x = await create({ first_name: 'Marigold', last_name: 'Quill' + u, preferred_name: 'Pref' + u, dob: '1931-07-19' });
      y = await create({ first_name: 'Bartholomew', last_name: 'Quill' + u, dob: '1960-01-01' });
    });

    test('a name prefix matches first, last or preferred name, case-insensitively, ordered by last then first name', async () => {
      assert.deepEqual(ids(await search('quill' + u)), [y.id, x.id], 'last name, Bartholomew before Marigold');
      assert.deepEqual(ids(await search(('QUILL' + u).slice(0, 8))), [y.id, x.id], 'upper-case prefix');
      assert.ok(ids(await search('marigo')).includes(x.id), 'first-name prefix');
      assert.deepEqual(ids(await search('pref' + u)), [x.id], 'preferred-name prefix');
      assert.ok(!ids(await search('uill' + u)).includes(x.id), 'the middle of a name does not match');
    });

    test('"last, first" matches the last-name and first-name prefixes', async () => {
      assert.deepEqual(ids(await search(`Quill${u}, mari`)), [x.id]);
      assert.deepEqual(ids(await search(`quill${u}, b`)), [y.id]);
      assert.deepEqual(ids(await search(`quill${u}, zz`)), []);
    });

    test('an MRN matches with or without the IOP- prefix', async () => {
      assert.deepEqual(ids(await search(x.mrn)), [x.id]);
      assert.deepEqual(ids(await search(x.mrn.toLowerCase())), [x.id], 'lower-case prefix');
      assert.deepEqual(ids(await search(x.mrn.slice(4))), [x.id], 'digits only');
    });

    test('a date of birth matches as YYYY-MM-DD and as MM/DD/YYYY', async () => {
      const a = await search('1931-07-19');
      const b = await search('07/19/1931');
      assert.ok(ids(a).includes(x.id));
      assert.ok(a.items.every((c) => c.dob === '1931-07-19'), 'only that dob');
      assert.deepEqual(ids(b), ids(a));
    });

    test('LIKE wildcards and quotes in q are plain text', async () => {
      for (const q of ['%', '_', '%%', 'q%', "' OR 1=1 --", '"', '\\', '*']) {
        const r = await search(q);
        assert.equal(r.total, 0, `q=${q} matched ${r.total} clients`);
      }
    });

    test('a blank q lists everyone; q over 100 characters answers 400 naming q', async () => {
      const all = await clin.get('/api/v1/clients?limit=1');
      const blank = await clin.get('/api/v1/clients?q=%20%20&limit=1');
      assert.equal(blank.status, 200);
      assert.equal(blank.json.total, all.json.total);
      const r = await clin.get(`/api/v1/clients?q=${'a'.repeat(101)}`);
      assertError(r, 400, 'invalid');
      assert.ok(r.json.error.fields?.q, r.text);
    });
  });

  describe('paging', () => {
    test('limit and offset page through the list and total counts every match', async () => {
      const all = await clin.get('/api/v1/clients?limit=200');
      assert.equal(all.status, 200);
      assertSchema('ClientList', all.json);
      assert.ok(all.json.total >= 40, `the demo clinic has about 40 clients (total ${all.json.total})`);
      const key = (c) => [c.last_name.toLowerCase(), c.first_name.toLowerCase()];
      for (let i = 1; i < all.json.items.length; i++) {
        const [a, b] = [key(all.json.items[i - 1]), key(all.json.items[i])];
        assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `ordered by last, first name at ${i}: ${a} / ${b}`);
      }
      const p1 = await clin.get('/api/v1/clients?limit=5');
      const p2 = await clin.get('/api/v1/clients?limit=5&offset=5');
      assert.equal(p1.json.total, all.json.total);
      assert.equal(p2.json.total, all.json.total);
      assert.deepEqual(ids(p1.json), ids(all.json).slice(0, 5));
      assert.deepEqual(ids(p2.json), ids(all.json).slice(5, 10));
      const dflt = await clin.get('/api/v1/clients');
      assert.equal(dflt.json.items.length, Math.min(50, all.json.total), 'default limit 50');
      const past = await clin.get(`/api/v1/clients?offset=${all.json.total + 10}`);
      assert.equal(past.status, 200);
      assert.deepEqual([past.json.items, past.json.total], [[], all.json.total]);
      assert.equal((await clin.get('/api/v1/clients?limit=200')).json.items.length, Math.min(200, all.json.total));
      assert.equal((await clin.get('/api/v1/clients?limit=1')).json.items.length, 1);
    });

    test('limit outside 1-200 and a bad offset answer 400 naming the parameter', async () => {
      for (const [qs, field] of [['limit=0', 'limit'], ['limit=1000', 'limit'], ['limit=201', 'limit'],
        ['limit=-1', 'limit'], ['limit=abc', 'limit'], ['offset=-1', 'offset'], ['offset=x', 'offset']]) {
        const r = await clin.get(`/api/v1/clients?${qs}`);
        assertError(r, 400, 'invalid', qs);
        assert.ok(r.json.error.fields?.[field], `${qs}: fields.${field} in ${r.text}`);
      }
    });
  });

  for (const list of ['contacts', 'audit']) {
    test(`the ${list} list pages with limit and offset and refuses bad ones naming the parameter`, async () => {
      const c = await create();
      for (let i = 0; i < 3; i++)
        assert.equal((await clin.post(`/api/v1/clients/${c.id}/contacts`, { name: `Kin ${i}`, relationship: 'cousin', phone: '312-555-0140' })).status, 201);
      const path = `/api/v1/clients/${c.id}/${list}`;
      const all = await dir.get(`${path}?limit=200`);
      assert.ok(all.json.total >= 3, `${list} total ${all.json.total}`);
      const page = await dir.get(`${path}?limit=1&offset=1`);
      assert.equal(page.status, 200, page.text);
      assert.equal(page.json.items.length, 1, `${list}?limit=1 answers one item`);
      assert.ok(page.json.total >= all.json.total);
      const failures = [];
      for (const [qs, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=abc', 'limit'], ['offset=-1', 'offset']]) {
        const r = await dir.get(`${path}?${qs}`);
        if (r.status !== 400 || r.json?.error?.code !== 'invalid' || !r.json.error.fields?.[field])
          failures.push(`GET ${path}?${qs}: expected 400 invalid fields.${field}, got ${r.status} ${r.text}`);
      }
      assert.deepEqual(failures, []);
    });
  }

  describe('contacts', () => {
    const good = () => ({ name: 'Rosa Diaz', relationship: 'mother', phone: '312-555-0101', email: '', emergency: true, guardian: false, notes: 'Call after 5pm' });

    test('create, list, change and delete a contact', async () => {
      const c = await create();
      const r = await clin.post(`/api/v1/clients/${c.id}/contacts`, good());
      assert.equal(r.status, 201, r.text);
      assertSchema('Contact', r.json);
      // No kind given: read from the relationship text; not to be contacted until the client agrees.
      assert.deepEqual({ ...r.json, id: 0 }, { ...good(), id: 0, client_id: c.id, kind: 'family', kind_label: 'Family', organisation: '', may_contact: false });
      const list = await clin.get(`/api/v1/clients/${c.id}/contacts`);
      assert.equal(list.status, 200, list.text);
      assertSchema('ContactList', list.json);
      assert.deepEqual(list.json, { items: [r.json], total: 1 });

      const p = await clin.patch(`/api/v1/clients/${c.id}/contacts/${r.json.id}`, { notes: 'Prefers text', guardian: true });
      assert.equal(p.status, 200, p.text);
      assert.deepEqual(p.json, { ...r.json, notes: 'Prefers text', guardian: true });

      const d = await clin.del(`/api/v1/clients/${c.id}/contacts/${r.json.id}`);
      assert.equal(d.status, 204, d.text);
      assert.deepEqual((await clin.get(`/api/v1/clients/${c.id}/contacts`)).json, { items: [], total: 0 });
      assertError(await clin.del(`/api/v1/clients/${c.id}/contacts/${r.json.id}`), 404, 'not_found', 'delete twice');
      assertError(await clin.patch(`/api/v1/clients/${c.id}/contacts/${r.json.id}`, { notes: 'x' }), 404, 'not_found', 'patch deleted');
    });

    test('a contact with neither phone nor email answers 400 naming phone; other rules name their fields', async () => {
      const c = await create();
      const cases = [
        [{ phone: '', email: '' }, 'phone'],
        [{ phone: undefined, email: undefined }, 'phone'],
        [{ name: '' }, 'name'],
        [{ name: undefined }, 'name'],
        [{ name: 'n'.repeat(101) }, 'name'],
        [{ relationship: undefined }, 'relationship'],
        [{ relationship: undefined }, 'kind'],
        [{ relationship: 'r'.repeat(51) }, 'relationship'],
        [{ kind: 'cousin' }, 'kind'],
        [{ kind: 7 }, 'kind'],
        [{ organisation: 'o'.repeat(101) }, 'organisation'],
        [{ may_contact: 'yes' }, 'may_contact'],
        [{ notes: 'n'.repeat(501) }, 'notes'],
        [{ email: 'nope' }, 'email'],
        [{ phone: '12' }, 'phone'],
        [{ emergency: 'yes' }, 'emergency'],
        [{ shoe_size: 9 }, 'shoe_size'],
      ];
      const failures = [];
      for (const [over, field] of cases) {
        const body = { ...good(), ...over };
        for (const [k, v] of Object.entries(over)) if (v === undefined) delete body[k];
        const r = await clin.post(`/api/v1/clients/${c.id}/contacts`, body);
        if (r.status !== 400 || r.json?.error?.code !== 'invalid' || !r.json.error.fields?.[field])
          failures.push(`${JSON.stringify(over)}: expected 400 fields.${field}, got ${r.status} ${r.text}`);
      }
      assert.deepEqual(failures, []);
      assert.equal((await clin.get(`/api/v1/clients/${c.id}/contacts`)).json.total, 0, 'nothing written');
      const emailOnly = await clin.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Sponsor', relationship: 'sponsor', email: 'sponsor@example.org' });
      assert.equal(emailOnly.status, 201, `email alone is enough: ${emailOnly.text}`);
      const p = await clin.patch(`/api/v1/clients/${c.id}/contacts/${emailOnly.json.id}`, { email: '' });
      assertError(p, 400, 'invalid', 'PATCH removing the last way to reach them');
      assert.ok(p.json.error.fields?.phone, p.text);
    });

    test('a related person: kind from the vocabulary or read from the words, organisation, may be contacted', async () => {
      const c = await create();
      const vocab = (await clin.get('/api/v1/vocabularies/consents')).json;
      assert.deepEqual(vocab.relationship_kinds.map((k) => k.code),
        ['family', 'partner', 'sponsor', 'probation_officer', 'parole_officer', 'employer', 'guardian', 'friend', 'other']);
      const po = await clin.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Ray Tillman', kind: 'probation_officer', organisation: 'Lake County Adult Probation', phone: '312-555-0177', may_contact: true });
      assert.equal(po.status, 201, po.text);
      assertSchema('Contact', po.json);
      assert.deepEqual([po.json.kind, po.json.kind_label, po.json.relationship, po.json.organisation, po.json.may_contact],
        ['probation_officer', 'Probation officer', '', 'Lake County Adult Probation', true]);
      const guessed = [['AA sponsor', 'sponsor'], ['Wife', 'partner'], ['parole officer', 'parole_officer'], ['Boss at the garage', 'employer'], ['Grandmother', 'family'], ['neighbour', 'other']];
      for (const [words, kind] of guessed) {
        const r = await clin.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Someone Else', relationship: words, phone: '312-555-0178' });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.kind, kind, words);
      }
      // The words do not override a kind given; a PATCH changes the kind and the mark.
      const k = await clin.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Lee Park', relationship: 'brother', kind: 'sponsor', phone: '312-555-0179' });
      assert.equal(k.json.kind, 'sponsor');
      const p = await clin.patch(`/api/v1/clients/${c.id}/contacts/${k.json.id}`, { kind: 'family', may_contact: true });
      assert.equal(p.status, 200, p.text);
      assert.deepEqual([p.json.kind, p.json.may_contact, p.json.relationship], ['family', true, 'brother']);
      assertError(await clin.patch(`/api/v1/clients/${c.id}/contacts/${k.json.id}`, { kind: 'judge' }), 400, 'invalid');
      assert.equal((await clin.get(`/api/v1/clients/${c.id}/contacts`)).json.items.find((x) => x.id === k.json.id).kind, 'family', 'unchanged');
    });

    test('a contact is reachable only through its own client', async () => {
      const a = await create();
      const b = await create();
      const r = await clin.post(`/api/v1/clients/${a.id}/contacts`, good());
      assertError(await clin.patch(`/api/v1/clients/${b.id}/contacts/${r.json.id}`, { notes: 'x' }), 404, 'not_found');
      assertError(await clin.del(`/api/v1/clients/${b.id}/contacts/${r.json.id}`), 404, 'not_found');
      assertError(await clin.patch(`/api/v1/clients/${a.id}/contacts/abc`, { notes: 'x' }), 404, 'not_found');
      assert.equal((await clin.get(`/api/v1/clients/${a.id}/contacts`)).json.total, 1, 'still there');
    });
  });

  describe('audit', () => {
    test('GET /clients/{id}/audit lists create, update, read and contact rows, newest first, with who did them', async () => {
      const c = await create({}, dir);
      assert.equal((await dir.patch(`/api/v1/clients/${c.id}`, { phone: '312-555-0111' })).status, 200);
      assert.equal((await dir.get(`/api/v1/clients/${c.id}`)).status, 200);
      assert.equal((await clin.get(`/api/v1/clients/${c.id}`)).status, 200);
      assert.equal((await clin.post(`/api/v1/clients/${c.id}/contacts`, { name: 'Al', relationship: 'brother', phone: '312-555-0112' })).status, 201);

      const r = await dir.get(`/api/v1/clients/${c.id}/audit?limit=200`);
      assert.equal(r.status, 200, r.text);
      assertSchema('AuditList', r.json);
      const rows = r.json.items;
      assert.equal(r.json.total, rows.length);
      for (const row of rows) assert.equal(row.client_id, c.id, `row ${row.id} is this client's`);
      const has = (action, username) => rows.some((x) => x.action === action && x.username === username);
      assert.ok(has('client.create', 'director'), 'client.create by director');
      assert.ok(has('client.update', 'director'), 'client.update by director');
      assert.ok(has('client.read', 'director'), 'client.read by director');
      assert.ok(has('client.read', 'clinician'), 'client.read by clinician');
      assert.ok(rows.some((x) => x.action.startsWith('contact.') && x.username === 'clinician'), 'a contact row');
      const made = rows.find((x) => x.action === 'client.create');
      assert.equal(made.record_type, 'client');
      assert.equal(made.record_id, c.id);
      assert.equal(made.role, 'director');
      assert.equal(made.address, '127.0.0.1');
      for (let i = 1; i < rows.length; i++) {
        assert.ok(rows[i - 1].id > rows[i].id, 'newest first');
        assert.ok(rows[i - 1].at >= rows[i].at, 'newest first by time');
      }
      const two = await dir.get(`/api/v1/clients/${c.id}/audit?limit=2&offset=1`);
      assert.equal(two.status, 200, two.text);
      assert.equal(two.json.items.length, 2, 'limit applies to the audit list');
      assert.ok(two.json.total >= rows.length);
      assert.ok(two.json.items[0].id > two.json.items[1].id);
    });

    test('a search writes one audit row listing the returned ids and never the search text', async () => {
      const u = uniq(7);
      const a = await create({ last_name: 'Srch' + u, first_name: 'Ada' });
      const b = await create({ last_name: 'Srch' + u, first_name: 'Bo' });
      const nothing = 'Zqxj' + uniq(10);

      const n0 = auditRows(srv.db).length;
      const miss = await clin.get(`/api/v1/clients?q=${nothing}`);
      assert.equal(miss.json.total, 0);
      let rows = auditRows(srv.db);
      assert.equal(rows.length, n0 + 1, 'one row for a search that found nothing');

      const hit = await clin.get(`/api/v1/clients?q=srch${u}`);
      assert.deepEqual(ids(hit.json).sort(), [a.id, b.id].sort());
      rows = auditRows(srv.db);
      assert.equal(rows.length, n0 + 2, 'one row for a search that found two');
      const row = rows[rows.length - 1];
      const numbers = String(row.detail).match(/\d+/g) || [];
      for (const id of [a.id, b.id]) assert.ok(numbers.includes(String(id)), `detail ${row.detail} lists id ${id}`);
      assert.ok(!JSON.stringify(row).toLowerCase().includes(`srch${u}`), `the search row holds no search text: ${JSON.stringify(row)}`);
      const dump = JSON.stringify(rows).toLowerCase();
      assert.ok(!dump.includes(nothing.toLowerCase()), 'the search text is in no audit row');
    });
  });
});

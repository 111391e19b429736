// The public routes: the program page's data and the two public forms (help
// and insurance) — acknowledgement only, honeypot, validation, size limit,
// rate limit, Origin check, no session — and that nothing of a submission is
// echoed, audited or logged.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import {
  signIn, uniq, cap, assertError, assertSchema, finish, auditRows, sqlite,
} from './helpers.mjs';

const PATH = '/api/v1/public/inquiries';
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

// A help request with every field, its values unique to this call.
function helpBody(over = {}) {
  const u = uniq(8);
  return {
    kind: 'help', name: `Avery ${cap(u)}`, phone: '(312) 555-0188', email: `avery.${u}@example.org`,
    ok_voicemail: true, ok_text: false, best_time: `After ${u} o'clock`, for_whom: 'self',
    substances: ['alcohol', `subst${u}`], urgency: 'this_week', message: `Message ${u} please call`,
    ...over,
  };
}

function insuranceBody(over = {}) {
  const u = uniq(8);
  return {
    kind: 'insurance', payer: `Payer ${cap(u)}`, member_id: `MEM${u}`, group_number: `GRP${u}`,
    subscriber_name: `Jordan ${cap(u)}`, subscriber_dob: '1979-04-05', relationship: 'spouse',
    name: `Casey ${cap(u)}`, email: `casey.${u}@example.org`,
    ...over,
  };
}

// Every string (and string in a list or object) of a body, for "not echoed" checks.
function submittedStrings(body) {
  const out = [];
  const walk = (v) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(body);
  return out.filter((s) => s.length >= 6 && !['insurance', 'this_week', 'exploring', 'alcohol'].includes(s));
}

function assertAck(r, body, msg = '') {
  assert.equal(r.status, 202, `${msg} ${r.text}`);
  assertSchema('Ack', r.json, msg);
  assert.deepEqual(Object.keys(r.json).sort(), ['message', 'status']);
  assert.equal(r.json.status, 'received');
  assert.ok(r.json.message.length > 20, 'an acknowledgement for people');
  for (const s of submittedStrings(body))
    assert.ok(!r.text.toLowerCase().includes(s.toLowerCase()), `${msg} the acknowledgement echoes ${JSON.stringify(s)}`);
}

describe('public', () => {
  let srv;
  let anon;     // no session at all
  let adm;      // admissions: inquiries.manage

  before(async () => {
    srv = await startServer({ env: { IOP_PUBLIC_RATE_PER_HOUR: '100000' } });
    anon = new Api(srv.url);
    adm = await signIn(srv.url, 'admissions');
  });
  after(() => finish(srv));

  const boardTotal = async () => {
    const r = await adm.get('/api/v1/inquiries?limit=1');
    assert.equal(r.status, 200, r.text);
    return r.json.total;
  };
  const onBoard = async (name) => {
    const r = await adm.get('/api/v1/inquiries?limit=200');
    assert.equal(r.status, 200, r.text);
    return r.json.items.filter((q) => q.name === name);
  };

  describe('program', () => {
    test('lists the demo\'s two sites with their day and evening tracks, without a session', async () => {
      const r = await anon.get('/api/v1/public/program');
      assert.equal(r.status, 200, r.text);
      assertSchema('ProgramInfo', r.json);
      assert.ok(r.json.program.name.length > 0);
      assert.ok(r.json.program.phone.length > 0, 'a phone number to call');
      assert.equal(r.json.sites.length, 2);
      const sites = (await adm.get('/api/v1/sites')).json.items;
      const tracks = (await adm.get('/api/v1/tracks?limit=200')).json.items;
      for (const s of r.json.sites) {
        const site = sites.find((x) => x.id === s.id);
        assert.ok(site, `site ${s.id} is a real site`);
        assert.deepEqual([s.name, s.address, s.phone, s.timezone], [site.name, site.address, site.phone, site.timezone]);
        assert.equal(s.tracks.length, 2, `${s.name} has two tracks`);
        assert.deepEqual(s.tracks.map((t) => t.name).sort(), ['Day IOP', 'Evening IOP']);
        for (const t of s.tracks) {
          const rec = tracks.find((x) => x.id === t.id);
          assert.ok(rec && rec.site_id === s.id, `track ${t.id} is this site's`);
          assert.deepEqual([t.name, t.level_of_care, t.weekdays, t.start_time, t.end_time],
            [rec.name, rec.level_of_care, rec.weekdays, rec.start_time, rec.end_time], 'read from the track record');
          assert.equal(t.weekdays.length, 3);
          assert.equal(t.hours_per_week, 9, `${s.name} ${t.name}: 3 days of 3 hours`);
        }
        const day = s.tracks.find((t) => t.name === 'Day IOP');
        assert.deepEqual([day.weekdays, day.start_time, day.end_time], [['mon', 'tue', 'thu'], '09:00', '12:00']);
        const eve = s.tracks.find((t) => t.name === 'Evening IOP');
        assert.deepEqual([eve.weekdays, eve.start_time, eve.end_time], [['mon', 'wed', 'thu'], '18:00', '21:00']);
      }
    });
  });

  describe('submissions', () => {
    test('a help request answers 202 with only the acknowledgement, and reaches the board as sent', async () => {
      const body = helpBody({ insurance: { payer: 'Blue Payer', member_id: 'XZ' + uniq(6), group_number: 'G77', subscriber_name: 'Self Person', subscriber_dob: '1980-02-03', relationship: 'self' } });
      const before = await boardTotal();
      const r = await anon.post(PATH, body);
      assertAck(r, body);
      assert.equal(await boardTotal(), before + 1);
      const [q] = await onBoard(body.name);
      assert.ok(q, 'on the board');
      assertSchema('Inquiry', q);
      assert.deepEqual(
        [q.kind, q.status, q.source, q.phone, q.email, q.ok_voicemail, q.ok_text, q.best_time, q.for_whom, q.substances, q.urgency, q.message, q.client_id, q.assigned_to],
        ['help', 'new', 'web', body.phone, body.email, true, false, body.best_time, 'self', body.substances, 'this_week', body.message, null, null]);
      assert.deepEqual(q.insurance, body.insurance);
    });

    test('a help request for someone else keeps the caller\'s name and relationship', async () => {
      const body = helpBody({ for_whom: 'other', caller_name: 'Maria ' + cap(uniq()), caller_relationship: 'mother', urgency: 'today' });
      assertAck(await anon.post(PATH, body), body);
      const [q] = await onBoard(body.name);
      assert.deepEqual([q.for_whom, q.caller_name, q.caller_relationship, q.urgency, q.insurance], ['other', body.caller_name, 'mother', 'today', null]);
    });

    test('an insurance check answers 202 with only the acknowledgement, and reaches the board as sent', async () => {
      const body = insuranceBody();
      const before = await boardTotal();
      assertAck(await anon.post(PATH, body), body);
      assert.equal(await boardTotal(), before + 1);
      const [q] = await onBoard(body.name);
      assert.ok(q, 'on the board');
      assertSchema('Inquiry', q);
      assert.equal(q.kind, 'insurance');
      assert.equal(q.email, body.email);
      assert.deepEqual(q.insurance, {
        payer: body.payer, member_id: body.member_id, group_number: body.group_number,
        subscriber_name: body.subscriber_name, subscriber_dob: body.subscriber_dob, relationship: 'spouse',
      });
    });

    test('a minimal help request (name and phone, or name and email) is enough', async () => {
      for (const contact of [{ phone: '312-555-0123' }, { email: 'min@example.org' }]) {
        const name = 'Min ' + cap(uniq());
        const body = { kind: 'help', name, ...contact };
        assertAck(await anon.post(PATH, body), body);
        const [q] = await onBoard(name);
        assert.ok(q, `stored: ${JSON.stringify(contact)}`);
        // What was not said is not asked (null), never "exploring" or "no".
        assert.deepEqual([q.for_whom, q.urgency, q.ok_voicemail, q.ok_text, q.substances, q.message],
          ['self', null, null, null, [], '']);
      }
    });

    test('a filled honeypot gets the same acknowledgement and is stored nowhere', async () => {
      const total = await boardTotal();
      const rows = Number(sqlite(srv.db, 'SELECT count(*) FROM inquiry').trim());
      const bodies = [helpBody({ website: 'http://spam.example' }), insuranceBody({ website: 'x' })];
      for (const body of bodies) assertAck(await anon.post(PATH, body), body, 'honeypot');
      assert.equal(await boardTotal(), total, 'the board total is unchanged');
      assert.equal(Number(sqlite(srv.db, 'SELECT count(*) FROM inquiry').trim()), rows, 'no inquiry row');
      for (const body of bodies) assert.deepEqual(await onBoard(body.name), []);
      const dump = JSON.stringify(auditRows(srv.db));
      for (const body of bodies) assert.ok(!dump.includes(body.name), 'nor in the audit log');
      // An empty honeypot is a person: stored.
      const person = helpBody({ website: '' });
      assertAck(await anon.post(PATH, person), person);
      assert.equal(await boardTotal(), total + 1);
    });

    test('nothing of a submission reaches the audit log or the server log', async () => {
      const body = helpBody({ for_whom: 'other', caller_name: 'Caller ' + cap(uniq()), caller_relationship: 'friend' });
      assertAck(await anon.post(PATH, body), body);
      const [q] = await onBoard(body.name);
      const rows = auditRows(srv.db).filter((x) => x.action === 'inquiry.create' && x.record_id === q.id);
      assert.equal(rows.length, 1, 'one inquiry.create row names the new inquiry');
      const dump = JSON.stringify(auditRows(srv.db)).toLowerCase();
      const log = srv.stderr().toLowerCase();
      for (const s of submittedStrings(body)) {
        assert.ok(!dump.includes(s.toLowerCase()), `the audit log holds ${JSON.stringify(s)}`);
        assert.ok(!log.includes(s.toLowerCase()), `the server log holds ${JSON.stringify(s)}`);
      }
    });
  });

  describe('refusals', () => {
    // [what, body, fields that must be named]
    const CASES = [
      ['kind missing', { name: 'Ann Lee', phone: '312-555-0100' }, ['kind']],
      ['kind unknown', { kind: 'gossip', name: 'Ann Lee', phone: '312-555-0100' }, ['kind']],
      ['kind phone is for staff', { kind: 'phone', name: 'Ann Lee', phone: '312-555-0100' }, ['kind']],
      ['kind not a string', { kind: 1, name: 'Ann Lee', phone: '312-555-0100' }, ['kind']],
      ['name missing', { kind: 'help', phone: '312-555-0100' }, ['name']],
      ['name blank', { kind: 'help', name: '   ', phone: '312-555-0100' }, ['name']],
      ['name over 100', { kind: 'help', name: 'n'.repeat(101), phone: '312-555-0100' }, ['name']],
      ['name not a string', { kind: 'help', name: 42, phone: '312-555-0100' }, ['name']],
      ['for someone else without the caller', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', for_whom: 'other' }, ['caller_name', 'caller_relationship']],
      ['for_whom unknown', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', for_whom: 'them' }, ['for_whom']],
      ['bad email', { kind: 'help', name: 'Ann Lee', email: 'not-an-email' }, ['email']],
      ['bad phone', { kind: 'help', name: 'Ann Lee', phone: '12' }, ['phone']],
      ['substances not a list', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', substances: 'alcohol' }, ['substances']],
      ['substances not strings', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', substances: [1, 2] }, ['substances']],
      ['more than 20 substances', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', substances: Array(21).fill('x') }, ['substances']],
      ['a substance over 50', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', substances: ['s'.repeat(51)] }, ['substances']],
      ['urgency unknown', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', urgency: 'now' }, ['urgency']],
      ['message over 2000', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', message: 'm'.repeat(2001) }, ['message']],
      ['best_time over 100', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', best_time: 'b'.repeat(101) }, ['best_time']],
      ['ok_voicemail not a boolean', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', ok_voicemail: 'yes' }, ['ok_voicemail']],
      ['an unknown field', { kind: 'help', name: 'Ann Lee', phone: '312-555-0100', shoe_size: 9 }, ['shoe_size']],
      ['a help-only field on an insurance check', insuranceBody({ for_whom: 'self' }), ['for_whom']],
      ['insurance without payer and member id', { kind: 'insurance', name: 'Ann Lee', phone: '312-555-0100' }, ['payer', 'member_id']],
      ['insurance subscriber born in the future', insuranceBody({ subscriber_dob: `${NEXT_YEAR}-01-01` }), ['subscriber_dob']],
      ['insurance subscriber dob not a date', insuranceBody({ subscriber_dob: '1980-02-30' }), ['subscriber_dob']],
      ['insurance relationship unknown', insuranceBody({ relationship: 'cousin' }), ['relationship']],
      ['insurance details not an object', helpBody({ insurance: 'Blue' }), ['insurance']],
      ['insurance details without payer', helpBody({ insurance: { member_id: 'X1' } }), ['insurance.payer']],
      ['insurance details with an unknown field', helpBody({ insurance: { payer: 'P', member_id: 'X1', plan: 'gold' } }), ['insurance.plan']],
    ];

    test('each rule answers 400 invalid naming its fields, and nothing is stored', async () => {
      const before = await boardTotal();
      const failures = [];
      for (const [what, body, fields] of CASES) {
        const r = await anon.post(PATH, body);
        const named = Object.keys(r.json?.error?.fields || {});
        if (r.status !== 400 || r.json?.error?.code !== 'invalid' || !fields.every((f) => named.includes(f)))
          failures.push(`${what}: expected 400 invalid naming ${fields}, got ${r.status} ${r.text}`);
        else {
          assertSchema('ErrorBody', r.json, what);
          for (const s of submittedStrings(body))
            if (r.text.includes(s)) failures.push(`${what}: the error echoes ${JSON.stringify(s)}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.equal(await boardTotal(), before, 'nothing stored');
    });

    test('neither a phone nor an email answers 400 naming the way to reach them', async () => {
      for (const body of [{ kind: 'help', name: 'Ann Lee' }, { kind: 'help', name: 'Ann Lee', phone: '', email: '  ' },
        { kind: 'insurance', payer: 'P', member_id: 'M1', name: 'Ann Lee' }]) {
        const r = await anon.post(PATH, body);
        assertError(r, 400, 'invalid', JSON.stringify(body));
        const f = r.json.error.fields || {};
        assert.ok(f.phone || f.email, `fields.phone or fields.email: ${r.text}`);
      }
    });

    test('a body that is not JSON, or not an object, answers 400 malformed', async () => {
      const before = await boardTotal();
      for (const raw of ['{"kind":"help",', 'kind=help&name=Ann', '[]', '"help"', 'null', ''])
        assertError(await anon.req('POST', PATH, raw), 400, 'malformed', `body ${JSON.stringify(raw)}`);
      assert.equal(await boardTotal(), before);
    });

    test('a body over 16 KiB answers 413 too_large; one just under it is parsed', async () => {
      const before = await boardTotal();
      const big = await anon.post(PATH, helpBody({ message: 'x'.repeat(17 * 1024) }));
      assertError(big, 413, 'too_large');
      const padded = await anon.post(PATH, helpBody({ best_time: 'x'.repeat(15 * 1024) }));
      assertError(padded, 400, 'invalid', 'just under 16 KiB');
      assert.ok(padded.json.error.fields?.best_time, padded.text);
      assertError(await anon.post(PATH, helpBody({ message: 'x'.repeat(100 * 1024) })), 413, 'too_large', 'over 64 KiB');
      // Sent in chunks, without a Content-Length.
      const json = JSON.stringify(helpBody({ message: 'x'.repeat(20 * 1024) }));
      const chunks = [];
      for (let i = 0; i < json.length; i += 4096) chunks.push(new TextEncoder().encode(json.slice(i, i + 4096)));
      const stream = new ReadableStream({ pull(c) { if (chunks.length) c.enqueue(chunks.shift()); else c.close(); } });
      const res = await fetch(srv.url + PATH, { method: 'POST', body: stream, duplex: 'half', headers: { 'Content-Type': 'application/json' } });
      const text = await res.text();
      assert.equal(res.status, 413, `chunked: ${text}`);
      assert.equal(JSON.parse(text).error.code, 'too_large');
      assert.equal(await boardTotal(), before, 'nothing stored');
    });

    test('a foreign Origin answers 403 csrf and stores nothing; this server\'s own Origin is accepted', async () => {
      const before = await boardTotal();
      const body = helpBody();
      for (const origin of ['https://evil.example', 'null', srv.url.replace('127.0.0.1', 'localhost')])
        assertError(await anon.req('POST', PATH, body, { Origin: origin }), 403, 'csrf', `Origin ${origin}`);
      assert.equal(await boardTotal(), before, 'nothing stored');
      assertAck(await anon.req('POST', PATH, body, { Origin: srv.url }), body, 'own Origin');
      assert.equal(await boardTotal(), before + 1);
    });

    test('no session or CSRF token is needed, and a signed-in browser\'s cookie without a token is no bar', async () => {
      const body = helpBody();
      const cookieOnly = new Api(srv.url);
      cookieOnly.cookie = adm.cookie;
      assertAck(await cookieOnly.post(PATH, body), body, 'cookie, no CSRF token');
      const bogus = new Api(srv.url);
      assertAck(await bogus.req('POST', PATH, helpBody(), { 'X-CSRF-Token': 'nonsense', Cookie: 'iop_session=nonsense' }), {}, 'bogus session');
      assert.equal((await onBoard(body.name)).length, 1);
    });
  });

  describe('rate limit', () => {
    let limited;
    before(async () => { limited = await startServer({ testClock: true, env: { IOP_PUBLIC_RATE_PER_HOUR: '3' } }); });
    after(() => finish(limited));

    test('over IOP_PUBLIC_RATE_PER_HOUR submissions from one address answer 429 rate_limited and are not stored', async () => {
      // The limit counts per clock hour: move the server's clock to just
      // after the turn of an hour, so the test is clear of the next one.
      const intoHour = Math.floor((await limited.advance(0)) / 1e3) % 3600;
      await limited.advance(3600 - intoHour + 5);
      const pub = new Api(limited.url);
      const a = await signIn(limited.url, 'admissions');
      // The demo clinic's own inquiries were there before.
      const earlier = new Set((await a.get('/api/v1/inquiries?limit=200')).json.items.map((q) => q.id));
      const names = [];
      for (let i = 0; i < 3; i++) {
        const body = helpBody();
        names.push(body.name);
        assertAck(await pub.post(PATH, body), body, `submission ${i + 1}`);
      }
      const fourth = helpBody();
      const r = await pub.post(PATH, fourth);
      assertError(r, 429, 'rate_limited', 'the 4th');
      for (const s of submittedStrings(fourth)) assert.ok(!r.text.includes(s), 'the refusal echoes nothing');
      assertError(await pub.post(PATH, insuranceBody()), 429, 'rate_limited', 'the 5th, another form');
      assertError(await pub.req('POST', PATH, helpBody(), { 'X-Forwarded-For': '203.0.113.9' }), 429, 'rate_limited',
        'a claimed forwarding address changes nothing');
      const board = await a.get('/api/v1/inquiries?limit=200');
      const stored = board.json.items.filter((q) => !earlier.has(q.id));
      assert.equal(board.json.total, earlier.size + 3, 'three stored');
      assert.deepEqual(stored.map((q) => q.name).sort(), names.sort());
      // The program page and staff work are not limited by it.
      assert.equal((await pub.get('/api/v1/public/program')).status, 200);
      assert.equal((await a.post('/api/v1/inquiries', { kind: 'phone', name: 'Phone Intake', phone: '312-555-0133' })).status, 201);
    });

    test('the next hour the same address may submit again', async () => {
      const pub = new Api(limited.url);
      assertError(await pub.post(PATH, helpBody()), 429, 'rate_limited', 'still this hour');
      await limited.advance(3600);
      const body = helpBody();
      assertAck(await pub.post(PATH, body), body, 'the next hour');
    });

    test('an inactive site is left out of the program', async () => {
      const admin = await signIn(limited.url, 'admin');
      const before = (await new Api(limited.url).get('/api/v1/public/program')).json.sites;
      assert.equal(before.length, 2);
      const off = await admin.patch(`/api/v1/sites/${before[0].id}`, { active: false });
      assert.equal(off.status, 200, off.text);
      const after = await new Api(limited.url).get('/api/v1/public/program');
      assert.equal(after.status, 200, after.text);
      assert.deepEqual(after.json.sites.map((x) => x.id), [before[1].id]);
    });
  });
});

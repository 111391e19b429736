// The admissions board: public submissions on the board, filtering by
// status and by client, who may see it, moves along the pipeline (contacted,
// assigned, referred, closed, admitted), phone intake, conversion into a
// client (names, contact details, the caller as a contact, the insurance as
// the client's coverage, duplicates and returning clients), and the audit
// rows all this leaves.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import {
  signIn, uniq, cap, assertError, assertSchema, finish, auditRows, sqlite,
} from './helpers.mjs';

const URGENCY = { today: 0, this_week: 1, exploring: 2 };

describe('inquiries', () => {
  let srv;
  let anon;     // the public
  let adm;      // admissions: inquiries.manage, clients.read/write
  let dir;      // director: inquiries.manage, audit.read
  let clin;     // clinician: no inquiries.manage
  let desk;     // front_desk: no inquiries.manage
  let admId;

  before(async () => {
    srv = await startServer({ env: { IOP_PUBLIC_RATE_PER_HOUR: '100000' } });
    anon = new Api(srv.url);
    adm = await signIn(srv.url, 'admissions');
    dir = await signIn(srv.url, 'director');
    clin = await signIn(srv.url, 'clinician');
    desk = await signIn(srv.url, 'front_desk');
    admId = (await adm.get('/api/v1/me')).json.user.id;
  });
  after(() => finish(srv));

  // Send the public help form and find the inquiry on the board by its name.
  const submit = async (over = {}) => {
    const name = over.name || `Avery ${cap(uniq(5))} ${cap(uniq(8))}`;
    const body = { kind: 'help', name, phone: '312-555-0177', email: `p.${uniq(6)}@example.org`, urgency: 'this_week', message: 'Msg ' + uniq(10), ...over };
    const r = await anon.post('/api/v1/public/inquiries', body);
    assert.equal(r.status, 202, r.text);
    const board = await adm.get('/api/v1/inquiries?limit=200');
    const q = board.json.items.find((x) => x.name === name);
    assert.ok(q, `submitted inquiry ${name} is on the board`);
    return q;
  };
  const intake = async (over = {}) => {
    const r = await adm.post('/api/v1/inquiries', { kind: 'phone', name: `Pat ${cap(uniq(8))}`, phone: '312-555-0166', ...over });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const clientTotal = async () => (await adm.get('/api/v1/clients?include_inactive=true&limit=1')).json.total;
  const coverageRows = () => Number(sqlite(srv.db, 'SELECT count(*) FROM coverage').trim());
  const coveragesOf = async (clientId) => {
    const r = await adm.get(`/api/v1/clients/${clientId}/coverages`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const insurance = (over = {}) => {
    const u = uniq(6);
    return { payer: `Payer ${cap(u)}`, member_id: `M-${u}`, group_number: `G-${u}`, subscriber_name: '', subscriber_dob: '1979-04-05', relationship: 'self', ...over };
  };

  describe('the board', () => {
    test('lists the public submissions for admissions, most urgent first, then newest first', async () => {
      const a = await submit({ urgency: 'exploring' });
      const b = await submit({ urgency: 'today' });
      const c = await submit({ urgency: 'exploring' });
      const r = await adm.get('/api/v1/inquiries?limit=200');
      assert.equal(r.status, 200, r.text);
      assertSchema('InquiryList', r.json);
      assert.equal(r.json.total, r.json.items.length);
      const ids = r.json.items.map((q) => q.id);
      for (const q of [a, b, c]) assert.ok(ids.includes(q.id), `inquiry ${q.id} listed`);
      const mine = r.json.items.find((q) => q.id === b.id);
      assert.deepEqual([mine.kind, mine.status, mine.source, mine.urgency], ['help', 'new', 'web', 'today']);
      for (let i = 1; i < r.json.items.length; i++) {
        const [x, y] = [r.json.items[i - 1], r.json.items[i]];
        // Not asked (null) waits with "exploring": nothing says it is urgent.
        const [rx, ry] = [URGENCY[x.urgency] ?? 2, URGENCY[y.urgency] ?? 2];
        assert.ok(rx < ry || (rx === ry && x.id > y.id),
          `ordered by urgency then newest at ${i}: ${x.id}/${x.urgency} before ${y.id}/${y.urgency}`);
      }
      assert.ok(ids.indexOf(b.id) < ids.indexOf(c.id) && ids.indexOf(c.id) < ids.indexOf(a.id));
      const dirView = await dir.get('/api/v1/inquiries?limit=200');
      assert.equal(dirView.status, 200, 'the director sees the board too');
    });

    test('pages with limit and offset and refuses bad ones', async () => {
      await submit();
      await submit();
      const all = await adm.get('/api/v1/inquiries?limit=200');
      const page = await adm.get('/api/v1/inquiries?limit=1&offset=1');
      assert.equal(page.status, 200, page.text);
      assert.deepEqual(page.json.items.map((q) => q.id), [all.json.items[1].id]);
      assert.equal(page.json.total, all.json.total);
      for (const [qs, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['offset=-1', 'offset'], ['status=pending', 'status'], ['status=NEW', 'status']]) {
        const r = await adm.get(`/api/v1/inquiries?${qs}`);
        assertError(r, 400, 'invalid', qs);
        assert.ok(r.json.error.fields?.[field], `${qs}: fields.${field} in ${r.text}`);
      }
    });

    test('filters by status', async () => {
      const q = await submit();
      assert.equal((await adm.patch(`/api/v1/inquiries/${q.id}`, { status: 'contacted' })).status, 200);
      const news = await adm.get('/api/v1/inquiries?status=new&limit=200');
      assert.equal(news.status, 200, news.text);
      assert.ok(news.json.items.length > 0 && news.json.items.every((x) => x.status === 'new'), 'only new ones');
      assert.ok(!news.json.items.some((x) => x.id === q.id));
      const contacted = await adm.get('/api/v1/inquiries?status=contacted&limit=200');
      assert.ok(contacted.json.items.every((x) => x.status === 'contacted'));
      assert.ok(contacted.json.items.some((x) => x.id === q.id));
      assert.equal(contacted.json.total, contacted.json.items.length);
      const all = await adm.get('/api/v1/inquiries?status=&limit=1');
      assert.equal(all.json.total, (await adm.get('/api/v1/inquiries?limit=1')).json.total, 'blank status: all');
      const screened = (await adm.get('/api/v1/inquiries?status=screened&limit=200')).json;
      assert.ok(screened.items.every((x) => x.status === 'screened'), 'only screened ones');
      assert.ok(!screened.items.some((x) => x.id === q.id));
      assert.equal(screened.total, screened.items.length);
    });

    test('clinicians and front desk get 403; no session gets 401', async () => {
      const q = await submit();
      for (const api of [clin, desk]) {
        assertError(await api.get('/api/v1/inquiries'), 403, 'forbidden');
        assertError(await api.get(`/api/v1/inquiries/${q.id}`), 403, 'forbidden');
        assertError(await api.patch(`/api/v1/inquiries/${q.id}`, { status: 'contacted' }), 403, 'forbidden');
        assertError(await api.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1990-01-01', sex: 'female' }), 403, 'forbidden');
        assertError(await api.post('/api/v1/inquiries', { kind: 'phone', name: 'No Way', phone: '312-555-0100' }), 403, 'forbidden');
      }
      assertError(await anon.get('/api/v1/inquiries'), 401, 'unauthenticated');
      assertError(await anon.get(`/api/v1/inquiries/${q.id}`), 401, 'unauthenticated');
      assert.equal((await adm.get(`/api/v1/inquiries/${q.id}`)).json.status, 'new', 'unchanged');
    });

    test('GET /inquiries/{id} answers the inquiry; a missing id answers 404', async () => {
      const q = await submit();
      const r = await adm.get(`/api/v1/inquiries/${q.id}`);
      assert.equal(r.status, 200, r.text);
      assertSchema('Inquiry', r.json);
      assert.deepEqual(r.json, q);
      for (const id of ['999999999', 'abc', '0'])
        assertError(await adm.get(`/api/v1/inquiries/${id}`), 404, 'not_found', id);
    });
  });

  describe('moves', () => {
    test('contacted, assigned to a staff member and unassigned, with a referral source', async () => {
      const q = await submit();
      const c = await adm.patch(`/api/v1/inquiries/${q.id}`, { status: 'contacted' });
      assert.equal(c.status, 200, c.text);
      assertSchema('Inquiry', c.json);
      assert.deepEqual({ ...c.json, updated_at: '' }, { ...q, status: 'contacted', updated_at: '' }, 'only the status changed');
      const a = await adm.patch(`/api/v1/inquiries/${q.id}`, { assigned_to: admId, referral_source: 'Google' });
      assert.equal(a.status, 200, a.text);
      assert.deepEqual([a.json.status, a.json.assigned_to, a.json.referral_source], ['contacted', admId, 'Google']);
      assert.deepEqual((await adm.get(`/api/v1/inquiries/${q.id}`)).json, a.json, 'kept');
      const s = await adm.patch(`/api/v1/inquiries/${q.id}`, { status: 'screening_scheduled' });
      assert.deepEqual([s.json.status, s.json.assigned_to], ['screening_scheduled', admId]);
      const un = await adm.patch(`/api/v1/inquiries/${q.id}`, { assigned_to: null });
      assert.equal(un.status, 200, un.text);
      assert.equal(un.json.assigned_to, null);
    });

    test('refused moves answer 400 naming the field and change nothing', async () => {
      const q = await submit();
      const cases = [
        [{ status: 'referred' }, 'referred_to'],
        [{ status: 'referred', referred_to: '  ' }, 'referred_to'],
        [{ status: 'closed' }, 'close_reason'],
        [{ status: 'closed', close_reason: '' }, 'close_reason'],
        [{ status: 'admitted' }, 'status'],
        [{ status: 'pending' }, 'status'],
        [{ status: 3 }, 'status'],
        [{ assigned_to: 999999 }, 'assigned_to'],
        [{ assigned_to: 'me' }, 'assigned_to'],
        [{ assigned_to: 0 }, 'assigned_to'],
        [{ referred_to: 'r'.repeat(201), status: 'referred' }, 'referred_to'],
        [{ name: 'Renamed' }, 'name'],
        [{ client_id: 1 }, 'client_id'],
      ];
      const failures = [];
      for (const [body, field] of cases) {
        const r = await adm.patch(`/api/v1/inquiries/${q.id}`, body);
        if (r.status !== 400 || r.json?.error?.code !== 'invalid' || !r.json.error.fields?.[field])
          failures.push(`${JSON.stringify(body)}: expected 400 fields.${field}, got ${r.status} ${r.text}`);
      }
      assert.deepEqual(failures, []);
      assert.deepEqual((await adm.get(`/api/v1/inquiries/${q.id}`)).json, q, 'unchanged');
      assertError(await adm.req('PATCH', `/api/v1/inquiries/${q.id}`, '{"status":'), 400, 'malformed');
      assertError(await adm.patch('/api/v1/inquiries/999999999', { status: 'contacted' }), 404, 'not_found');
    });

    test('referred elsewhere records where to; closed records why', async () => {
      const q = await submit();
      const r = await adm.patch(`/api/v1/inquiries/${q.id}`, { status: 'referred', referred_to: 'Lakeside residential program' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.json.status, r.json.referred_to], ['referred', 'Lakeside residential program']);
      const q2 = await submit();
      const c = await adm.patch(`/api/v1/inquiries/${q2.id}`, { status: 'closed', close_reason: 'Could not reach after three calls' });
      assert.equal(c.status, 200, c.text);
      assert.deepEqual([c.json.status, c.json.close_reason], ['closed', 'Could not reach after three calls']);
    });
  });

  describe('phone intake', () => {
    test('answers 201 with the inquiry, kind phone, source phone, status new', async () => {
      const body = {
        kind: 'phone', name: 'Quinn ' + cap(uniq()), phone: '312-555-0155', ok_voicemail: false, ok_text: true,
        best_time: 'mornings', for_whom: 'other', caller_name: 'Lee Quinn', caller_relationship: 'partner',
        substances: ['opioids'], urgency: 'today', message: 'Called from work', referral_source: 'GP',
      };
      const r = await adm.post('/api/v1/inquiries', body);
      assert.equal(r.status, 201, r.text);
      assertSchema('Inquiry', r.json);
      const q = r.json;
      assert.deepEqual([q.kind, q.source, q.status, q.client_id, q.assigned_to, q.insurance], ['phone', 'phone', 'new', null, null, null]);
      for (const k of Object.keys(body)) assert.deepEqual(q[k], body[k], k);
      assert.deepEqual((await adm.get(`/api/v1/inquiries/${q.id}`)).json, q);
      const help = await adm.post('/api/v1/inquiries', { kind: 'help', name: 'Walk In', email: 'walk.in@example.org' });
      assert.equal(help.status, 201, help.text);
      assert.equal(help.json.kind, 'help');
    });

    test('an insurance check taken by staff is refused (kind is phone or help) or answered as stored', async () => {
      const body = { kind: 'insurance', payer: 'Acme Health', member_id: 'M' + uniq(6), group_number: 'G1', name: 'Ins ' + cap(uniq()), phone: '312-555-0144' };
      const r = await adm.post('/api/v1/inquiries', body);
      if (r.status === 400) {
        assertError(r, 400, 'invalid');
        assert.ok(r.json.error.fields?.kind, `fields.kind: ${r.text}`);
        return;
      }
      assert.equal(r.status, 201, r.text);
      assertSchema('Inquiry', r.json);
      const stored = await adm.get(`/api/v1/inquiries/${r.json.id}`);
      assert.deepEqual(r.json, stored.json, 'the 201 body is the record as stored');
      assert.deepEqual([r.json.insurance?.payer, r.json.insurance?.member_id, r.json.insurance?.group_number],
        [body.payer, body.member_id, 'G1'], 'the insurance details are in the reply');
    });

    test('refuses what the public form refuses, and the honeypot field', async () => {
      const before = (await adm.get('/api/v1/inquiries?limit=1')).json.total;
      for (const [body, field] of [
        [{ kind: 'phone', phone: '312-555-0100' }, 'name'],
        [{ kind: 'phone', name: 'No Reach' }, 'phone'],
        [{ kind: 'phone', name: 'Bad Mail', email: 'bad' }, 'email'],
        [{ kind: 'phone', name: 'For Other', phone: '312-555-0100', for_whom: 'other' }, 'caller_name'],
        [{ kind: 'fax', name: 'Fax Me', phone: '312-555-0100' }, 'kind'],
        [{ name: 'No Kind', phone: '312-555-0100' }, 'kind'],
        [{ kind: 'phone', name: 'Honey Pot', phone: '312-555-0100', website: 'x' }, 'website'],
        [{ kind: 'phone', name: 'Extra', phone: '312-555-0100', status: 'contacted' }, 'status'],
      ]) {
        const r = await adm.post('/api/v1/inquiries', body);
        assertError(r, 400, 'invalid', JSON.stringify(body));
        assert.ok(r.json.error.fields?.[field], `fields.${field}: ${r.text}`);
      }
      assert.equal((await adm.get('/api/v1/inquiries?limit=1')).json.total, before, 'nothing stored');
    });

    test('a phone inquiry with no way to call back speaks to the staff member, not the caller', async () => {
      const r = await adm.post('/api/v1/inquiries', { kind: 'phone', name: 'No Reach' });
      assertError(r, 400, 'invalid');
      assert.equal(r.json.error.fields.phone, "enter the caller's phone number or email address, so someone can call them back");
      const pub = await anon.post('/api/v1/public/inquiries', { kind: 'help', name: 'Ann Lee' });
      assert.equal(pub.json.error.fields.phone, 'enter a phone number or an email address so we can reach you', 'the public form speaks to the person');
    });
  });

  describe('conversion', () => {
    test('creates the client from the inquiry: name split at the last space, phone and email copied for the person themself', async () => {
      const last = 'Lindqvist' + cap(uniq(6));
      const q = await submit({ name: `Avery Jo ${last}`, for_whom: 'self', phone: '(312) 555-0142', email: 'avery.jo@example.org' });
      const before = await clientTotal();
      const r = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1991-02-03', sex: 'female' });
      assert.equal(r.status, 200, r.text);
      assertSchema('Inquiry', r.json);
      assert.ok(Number.isInteger(r.json.client_id), 'client_id set');
      const { coverage_id: covId, coverage_skipped: skipped, ...rest } = r.json;
      assert.deepEqual([covId, skipped], [null, null], 'no insurance given: no coverage, nothing skipped');
      assert.deepEqual({ ...rest, client_id: 0, updated_at: '' }, { ...q, client_id: 0, updated_at: '' }, 'otherwise the inquiry as it was');
      assert.ok(!('coverage_id' in (await adm.get(`/api/v1/inquiries/${q.id}`)).json), 'coverage_id is only in the conversion reply');
      assert.equal(await clientTotal(), before + 1);
      const c = await adm.get(`/api/v1/clients/${r.json.client_id}`);
      assert.equal(c.status, 200, c.text);
      assertSchema('Client', c.json);
      assert.deepEqual([c.json.first_name, c.json.last_name, c.json.dob, c.json.sex, c.json.phone, c.json.email, c.json.active],
        ['Avery Jo', last, '1991-02-03', 'female', '(312) 555-0142', 'avery.jo@example.org', true]);
      assert.deepEqual((await adm.get(`/api/v1/clients/${c.json.id}/contacts`)).json, { items: [], total: 0 }, 'no contact for a person asking for themself');
      assert.equal((await adm.get(`/api/v1/inquiries/${q.id}`)).json.client_id, c.json.id, 'kept');
    });

    test('first_name and last_name given override the split', async () => {
      const q = await intake({ name: 'Mary Ann Van Der Berg' });
      const last = 'Van Der Berg' + cap(uniq(5));
      const r = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { first_name: 'Mary Ann', last_name: last, dob: '1970-07-07', sex: 'female' });
      assert.equal(r.status, 200, r.text);
      const c = (await adm.get(`/api/v1/clients/${r.json.client_id}`)).json;
      assert.deepEqual([c.first_name, c.last_name, c.phone], ['Mary Ann', last, '312-555-0166']);
    });

    test('for someone else: the caller becomes a contact and the caller\'s details are not the client\'s', async () => {
      const last = 'Dyke' + cap(uniq(6));
      const q = await submit({ name: `Robin ${last}`, for_whom: 'other', caller_name: 'Maria Van Dyke', caller_relationship: 'mother', phone: '312-555-0111', email: 'maria@example.org' });
      const r = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '2001-05-06', sex: 'male' });
      assert.equal(r.status, 200, r.text);
      const c = (await adm.get(`/api/v1/clients/${r.json.client_id}`)).json;
      assert.deepEqual([c.first_name, c.last_name, c.phone, c.email], ['Robin', last, '', '']);
      const contacts = await adm.get(`/api/v1/clients/${c.id}/contacts`);
      assert.equal(contacts.status, 200, contacts.text);
      assert.equal(contacts.json.total, 1, contacts.text);
      const k = contacts.json.items[0];
      assertSchema('Contact', k);
      assert.deepEqual([k.name, k.relationship, k.phone, k.email], ['Maria Van Dyke', 'mother', '312-555-0111', 'maria@example.org']);
    });

    test('a second conversion answers 409 conflict and creates nothing', async () => {
      const q = await intake();
      const first = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1985-01-01', sex: 'male' });
      assert.equal(first.status, 200, first.text);
      const before = await clientTotal();
      assertError(await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1985-01-01', sex: 'male', allow_duplicate: true }), 409, 'conflict');
      assertError(await adm.post(`/api/v1/inquiries/${q.id}/convert`, { link_client_id: first.json.client_id }), 409, 'conflict', 'link after convert');
      assert.equal(await clientTotal(), before);
      assert.equal((await adm.get(`/api/v1/inquiries/${q.id}`)).json.client_id, first.json.client_id);
    });

    test('the same person\'s name and dob answers 409 duplicate with matches; link_client_id links the returning client', async () => {
      const last = 'Returner' + cap(uniq(6));
      const q1 = await submit({ name: `Sam ${last}`, for_whom: 'self' });
      const made = await adm.post(`/api/v1/inquiries/${q1.id}/convert`, { dob: '1980-08-09', sex: 'unknown' });
      assert.equal(made.status, 200, made.text);
      const client = (await adm.get(`/api/v1/clients/${made.json.client_id}`)).json;

      const q2 = await intake({ name: `SAM ${last.toUpperCase()}`, phone: '312-555-0199' });
      const before = await clientTotal();
      const dup = await adm.post(`/api/v1/inquiries/${q2.id}/convert`, { dob: '1980-08-09', sex: 'unknown' });
      assertError(dup, 409, 'duplicate');
      assert.deepEqual(dup.json.error.matches, [{ id: client.id, mrn: client.mrn, first_name: 'Sam', last_name: last, dob: '1980-08-09', active: true }]);
      assert.equal(await clientTotal(), before, 'nothing created');
      assert.equal((await adm.get(`/api/v1/inquiries/${q2.id}`)).json.client_id, null, 'not converted');

      assertError(await adm.post(`/api/v1/inquiries/${q2.id}/convert`, { link_client_id: 999999999 }), 400, 'invalid', 'unknown client');
      const link = await adm.post(`/api/v1/inquiries/${q2.id}/convert`, { link_client_id: client.id });
      assert.equal(link.status, 200, link.text);
      assertSchema('Inquiry', link.json);
      assert.equal(link.json.client_id, client.id);
      assert.equal(await clientTotal(), before, 'no new client');
      assert.deepEqual((await adm.get(`/api/v1/clients/${client.id}`)).json, client, 'the returning client is unchanged');
    });

    test('conversions of one inquiry sent at once create one client; the others answer 409 conflict', async () => {
      const q = await intake();
      const before = await clientTotal();
      const rs = await Promise.all(Array.from({ length: 10 }, () =>
        adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1983-03-03', sex: 'female', allow_duplicate: true })));
      assert.deepEqual(rs.map((r) => r.status).sort(), [200, ...Array(9).fill(409)]);
      for (const r of rs.filter((x) => x.status === 409)) assertError(r, 409, 'conflict');
      assert.equal(await clientTotal(), before + 1);
    });

    test('allow_duplicate creates a second client with the same name and dob', async () => {
      const last = 'Twin' + cap(uniq(6));
      const q1 = await intake({ name: `Alex ${last}` });
      assert.equal((await adm.post(`/api/v1/inquiries/${q1.id}/convert`, { dob: '1999-09-09', sex: 'male' })).status, 200);
      const q2 = await intake({ name: `Alex ${last}` });
      const r = await adm.post(`/api/v1/inquiries/${q2.id}/convert`, { dob: '1999-09-09', sex: 'male', allow_duplicate: true });
      assert.equal(r.status, 200, r.text);
      assert.notEqual(r.json.client_id, (await adm.get(`/api/v1/inquiries/${q1.id}`)).json.client_id);
    });

    test('a converted inquiry may be marked admitted', async () => {
      const q = await intake();
      assert.equal((await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1988-03-03', sex: 'female' })).status, 200);
      const r = await adm.patch(`/api/v1/inquiries/${q.id}`, { status: 'admitted' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.status, 'admitted');
    });

    test('refused conversions answer 400 naming the field and create nothing', async () => {
      const q = await intake();
      const before = await clientTotal();
      const failures = [];
      for (const [body, field] of [
        [{}, 'dob'],
        [{ sex: 'female' }, 'dob'],
        [{ dob: '1990-01-01' }, 'sex'],
        [{ dob: '1990-02-30', sex: 'female' }, 'dob'],
        [{ dob: `${new Date().getUTCFullYear() + 1}-01-01`, sex: 'female' }, 'dob'],
        [{ dob: '1990-01-01', sex: 'robot' }, 'sex'],
        [{ dob: '1990-01-01', sex: 'female', first_name: 'x'.repeat(101) }, 'first_name'],
        [{ dob: '1990-01-01', sex: 'female', mrn: 'IOP-000001' }, 'mrn'],
        [{ dob: '1990-01-01', sex: 'female', allow_duplicate: 'yes' }, 'allow_duplicate'],
        [{ link_client_id: 'one' }, 'link_client_id'],
        [{ link_client_id: 0 }, 'link_client_id'],
      ]) {
        const r = await adm.post(`/api/v1/inquiries/${q.id}/convert`, body);
        if (r.status !== 400 || r.json?.error?.code !== 'invalid' || !r.json.error.fields?.[field])
          failures.push(`${JSON.stringify(body)}: expected 400 fields.${field}, got ${r.status} ${r.text}`);
      }
      assert.deepEqual(failures, []);
      assert.equal(await clientTotal(), before, 'nothing created');
      assert.equal((await adm.get(`/api/v1/inquiries/${q.id}`)).json.client_id, null);
      // A one-word name has no first name to split off: it must be given.
      const mono = await intake({ name: 'Prince' + cap(uniq(5)) });
      const r = await adm.post(`/api/v1/inquiries/${mono.id}/convert`, { dob: '1990-01-01', sex: 'male' });
      assertError(r, 400, 'invalid', 'one-word name');
      assert.ok(r.json.error.fields?.first_name, r.text);
      assert.equal((await adm.post(`/api/v1/inquiries/${mono.id}/convert`, { first_name: 'Roger', dob: '1990-01-01', sex: 'male' })).status, 200);
      assertError(await adm.post('/api/v1/inquiries/999999999/convert', { dob: '1990-01-01', sex: 'male' }), 404, 'not_found');
    });
  });

  describe('conversion with insurance', () => {
    const convRow = (inquiryId) => auditRows(srv.db).filter((x) => x.action === 'inquiry.convert' && x.record_id === inquiryId).pop();

    test('the insurance on the inquiry becomes the client\'s primary coverage in the same change, and the audit row says so', async () => {
      const ins = insurance({ subscriber_name: 'Jordan Spouse', relationship: 'spouse' });
      const q = await submit({ insurance: ins });
      assert.deepEqual(q.insurance, ins);
      const before = coverageRows();
      const r = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1980-06-07', sex: 'female' });
      assert.equal(r.status, 200, r.text);
      assertSchema('Inquiry', r.json);
      assert.ok(Number.isInteger(r.json.coverage_id), `coverage_id: ${r.text}`);
      assert.equal(r.json.coverage_skipped, null);
      assert.equal(coverageRows(), before + 1, 'one coverage row');
      const covs = await coveragesOf(r.json.client_id);
      assert.equal(covs.length, 1);
      assertSchema('Coverage', covs[0]);
      const { created_at: _, ...cov } = covs[0];
      assert.deepEqual(cov, {
        id: r.json.coverage_id, client_id: r.json.client_id, rank: 'primary', payer: ins.payer, plan: '',
        member_id: ins.member_id, group_number: ins.group_number, subscriber_name: 'Jordan Spouse',
        subscriber_dob: '1979-04-05', relationship: 'spouse', start_date: null, end_date: null,
      });
      const row = convRow(q.id);
      assert.equal(row.client_id, r.json.client_id);
      assert.equal(row.detail, `new client; coverage ${r.json.coverage_id} created`);
      const dump = JSON.stringify(auditRows(srv.db)).toLowerCase();
      assert.ok(!dump.includes(ins.member_id.toLowerCase()), 'no audit row holds the member id');
    });

    test('the insurance check form\'s details become the coverage too', async () => {
      const u = uniq(6);
      const name = `Casey ${cap(uniq(8))}`;
      const sent = await anon.post('/api/v1/public/inquiries', { kind: 'insurance', payer: `Payer ${cap(u)}`, member_id: `MEM${u}`, name, email: `casey.${u}@example.org` });
      assert.equal(sent.status, 202, sent.text);
      const q = (await adm.get('/api/v1/inquiries?limit=200')).json.items.find((x) => x.name === name);
      assert.equal(q.kind, 'insurance');
      const r = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1970-01-02', sex: 'male' });
      assert.equal(r.status, 200, r.text);
      const covs = await coveragesOf(r.json.client_id);
      assert.deepEqual(covs.map((c) => [c.id, c.rank, c.payer, c.member_id, c.group_number, c.subscriber_name, c.subscriber_dob, c.relationship]),
        [[r.json.coverage_id, 'primary', `Payer ${cap(u)}`, `MEM${u}`, '', '', null, 'self']]);
    });

    test('no relationship given: self when the plan holder is the person or unnamed, other when someone else', async () => {
      const failures = [];
      for (const [holder, want] of [['', 'self'], ['SAME', 'self'], ['Morgan Elsewhere', 'other']]) {
        const name = `Dale ${cap(uniq(8))}`;
        const q = await submit({ name, insurance: insurance({ relationship: '', subscriber_name: holder === 'SAME' ? name.toUpperCase() : holder }) });
        const r = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1984-04-04', sex: 'male' });
        assert.equal(r.status, 200, r.text);
        const got = (await coveragesOf(r.json.client_id)).map((c) => c.relationship);
        if (JSON.stringify(got) !== JSON.stringify([want])) failures.push(`holder ${JSON.stringify(holder)}: ${JSON.stringify(got)}, expected ${want}`);
      }
      assert.deepEqual(failures, []);
    });

    test('linking a returning client adds the coverage as secondary, and never twice the same payer and member id', async () => {
      const ins = insurance();
      const q1 = await submit({ insurance: ins });
      const made = await adm.post(`/api/v1/inquiries/${q1.id}/convert`, { dob: '1990-09-09', sex: 'female' });
      assert.equal(made.status, 200, made.text);
      const clientId = made.json.client_id;
      assert.deepEqual((await coveragesOf(clientId)).map((c) => c.rank), ['primary']);

      // The same payer and member id, written differently: no second coverage.
      const q2 = await submit({ insurance: { ...ins, payer: ins.payer.toUpperCase(), member_id: ins.member_id.toLowerCase(), group_number: 'OTHER' } });
      const before = coverageRows();
      const same = await adm.post(`/api/v1/inquiries/${q2.id}/convert`, { link_client_id: clientId });
      assert.equal(same.status, 200, same.text);
      assertSchema('Inquiry', same.json);
      assert.equal(same.json.client_id, clientId);
      assert.equal(same.json.coverage_id, null);
      assert.match(same.json.coverage_skipped, /already holds this coverage/);
      assert.equal(coverageRows(), before, 'no coverage written');
      assert.equal(convRow(q2.id).detail, 'linked to a returning client');

      // Another plan: added, as secondary.
      const other = insurance({ relationship: 'child', subscriber_name: 'Pat Parent' });
      const q3 = await submit({ insurance: other });
      const linked = await adm.post(`/api/v1/inquiries/${q3.id}/convert`, { link_client_id: clientId });
      assert.equal(linked.status, 200, linked.text);
      assert.ok(Number.isInteger(linked.json.coverage_id));
      assert.equal(linked.json.coverage_skipped, null);
      const covs = await coveragesOf(clientId);
      assert.deepEqual(covs.map((c) => [c.rank, c.payer, c.relationship]), [['primary', ins.payer, 'self'], ['secondary', other.payer, 'child']]);
      assert.equal(covs[1].id, linked.json.coverage_id);
      assert.equal(convRow(q3.id).detail, `linked to a returning client; coverage ${linked.json.coverage_id} created`);
    });

    test('details that make no valid coverage: the conversion goes on without one and says why', async () => {
      // Kept before today's checks: a member id but no payer.
      const q = await submit({ insurance: insurance() });
      sqlite(srv.db, `PRAGMA busy_timeout = 5000; UPDATE inquiry SET ins_payer = '' WHERE id = ${q.id};`);
      assert.equal((await adm.get(`/api/v1/inquiries/${q.id}`)).json.insurance.payer, '');
      const before = coverageRows();
      const r = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1977-07-07', sex: 'unknown' });
      assert.equal(r.status, 200, r.text);
      assert.ok(Number.isInteger(r.json.client_id));
      assert.equal(r.json.coverage_id, null);
      assert.match(r.json.coverage_skipped, /no valid coverage \(payer is required\)/);
      assert.equal(coverageRows(), before, 'no coverage written');
      assert.equal(convRow(q.id).detail, 'new client');
      // A relationship the coverage does not know falls back; it never stops the coverage.
      const q2 = await submit({ insurance: insurance({ subscriber_name: 'Someone Else' }) });
      sqlite(srv.db, `PRAGMA busy_timeout = 5000; UPDATE inquiry SET ins_relationship = 'cousin' WHERE id = ${q2.id};`);
      const r2 = await adm.post(`/api/v1/inquiries/${q2.id}/convert`, { dob: '1977-07-08', sex: 'unknown' });
      assert.equal(r2.status, 200, r2.text);
      assert.deepEqual((await coveragesOf(r2.json.client_id)).map((c) => [c.id, c.relationship]), [[r2.json.coverage_id, 'other']]);
    });

    test('a refused conversion writes no coverage', async () => {
      const last = 'Minor' + cap(uniq(6));
      const q = await submit({ name: `Kit ${last}`, insurance: insurance() });
      const before = [coverageRows(), await clientTotal()];
      const young = `${new Date().getUTCFullYear() - 10}-01-01`;
      const r = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: young, sex: 'female' });
      assertError(r, 400, 'invalid', 'a minor without a guardian');
      assert.ok(r.json.error.fields?.guardian, r.text);
      const first = await adm.post(`/api/v1/inquiries/${(await submit({ name: `Kit ${last}` })).id}/convert`, { dob: '1992-02-02', sex: 'female' });
      assert.equal(first.status, 200, first.text);
      const dup = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1992-02-02', sex: 'female' });
      assertError(dup, 409, 'duplicate');
      assert.deepEqual([coverageRows(), await clientTotal()], [before[0], before[1] + 1], 'only the other inquiry\'s client, no coverage');
      assert.equal((await adm.get(`/api/v1/inquiries/${q.id}`)).json.client_id, null);
    });
  });

  describe('by client', () => {
    test('client_id lists the inquiries converted to or linked to that client, newest first, and pages', async () => {
      const q1 = await intake();
      const made = await adm.post(`/api/v1/inquiries/${q1.id}/convert`, { dob: '1966-06-06', sex: 'male', allow_duplicate: true });
      assert.equal(made.status, 200, made.text);
      const clientId = made.json.client_id;
      const q2 = await intake();
      assert.equal((await adm.post(`/api/v1/inquiries/${q2.id}/convert`, { link_client_id: clientId })).status, 200);
      await intake();   // not converted
      const q4 = await intake();
      assert.equal((await adm.post(`/api/v1/inquiries/${q4.id}/convert`, { dob: '1967-07-07', sex: 'male', allow_duplicate: true })).status, 200);

      const r = await adm.get(`/api/v1/inquiries?client_id=${clientId}`);
      assert.equal(r.status, 200, r.text);
      assertSchema('InquiryList', r.json);
      assert.deepEqual(r.json.items.map((x) => x.id), [q2.id, q1.id], 'newest first');
      assert.equal(r.json.total, 2);
      assert.deepEqual(r.json.items[1], (await adm.get(`/api/v1/inquiries/${q1.id}`)).json);

      const page = await adm.get(`/api/v1/inquiries?client_id=${clientId}&limit=1&offset=1`);
      assert.deepEqual([page.json.items.map((x) => x.id), page.json.total], [[q1.id], 2]);
      const past = await adm.get(`/api/v1/inquiries?client_id=${clientId}&offset=5`);
      assert.deepEqual([past.json.items, past.json.total], [[], 2], 'past the end: no items, the total still');

      assert.equal((await adm.patch(`/api/v1/inquiries/${q2.id}`, { status: 'contacted' })).status, 200);
      const st = await adm.get(`/api/v1/inquiries?client_id=${clientId}&status=contacted`);
      assert.deepEqual([st.json.items.map((x) => x.id), st.json.total], [[q2.id], 1], 'with status too');
      assert.deepEqual((await adm.get(`/api/v1/inquiries?client_id=${clientId}&status=closed`)).json, { items: [], total: 0 });
      assert.deepEqual((await adm.get('/api/v1/inquiries?client_id=999999999')).json, { items: [], total: 0 }, 'no such client');
    });

    test('a read by client is one inquiry.list row on the client\'s trail', async () => {
      const q = await intake();
      const made = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1955-05-05', sex: 'female', allow_duplicate: true });
      const n0 = auditRows(srv.db).length;
      const r = await adm.get(`/api/v1/inquiries?client_id=${made.json.client_id}`);
      assert.equal(r.status, 200, r.text);
      const rows = auditRows(srv.db);
      assert.equal(rows.length, n0 + 1);
      const row = rows[rows.length - 1];
      assert.deepEqual([row.action, row.record_type, row.client_id, row.detail], ['inquiry.list', 'inquiry', made.json.client_id, `ids=${q.id}`]);
      const trail = await dir.get(`/api/v1/clients/${made.json.client_id}/audit?limit=200`);
      assert.ok(trail.json.items.some((x) => x.action === 'inquiry.list'), 'on the client\'s audit trail');
    });

    test('a client_id that is not a positive whole number answers 400 naming it, and writes nothing', async () => {
      const n0 = auditRows(srv.db).length;
      const failures = [];
      for (const v of ['abc', '0', '-3', '1.5', '', '+1', '%201', '1x', '0x10', '99999999999999999999']) {
        const r = await adm.get(`/api/v1/inquiries?client_id=${v}`);
        if (r.status !== 400 || r.json?.error?.code !== 'invalid' || !r.json.error.fields?.client_id)
          failures.push(`client_id=${v}: expected 400 fields.client_id, got ${r.status} ${r.text}`);
      }
      assert.deepEqual(failures, []);
      const both = await adm.get('/api/v1/inquiries?client_id=x&status=nope');
      assertError(both, 400, 'invalid');
      assert.deepEqual(Object.keys(both.json.error.fields).sort(), ['client_id', 'status'], 'every bad field named');
      assert.equal(auditRows(srv.db).length, n0, 'no audit row for a refused read');
      assertError(await clin.get('/api/v1/inquiries?client_id=1'), 403, 'forbidden');
    });
  });

  describe('audit', () => {
    test('a board read writes one inquiry.list row listing the returned ids, never the submitted text', async () => {
      const secret = 'Zq' + uniq(12);
      const q = await submit({ name: `Hidden ${cap(uniq(6))}`, message: `about ${secret}`, best_time: `call ${secret}` });
      const n0 = auditRows(srv.db).length;
      const r = await adm.get('/api/v1/inquiries?status=new&limit=5');
      assert.equal(r.status, 200, r.text);
      const rows = auditRows(srv.db);
      assert.equal(rows.length, n0 + 1, 'one row for a board read');
      const row = rows[rows.length - 1];
      assert.equal(row.action, 'inquiry.list');
      assert.equal(row.username, 'admissions');
      const numbers = String(row.detail).match(/\d+/g) || [];
      for (const x of r.json.items) assert.ok(numbers.includes(String(x.id)), `detail ${row.detail} lists id ${x.id}`);
      assert.ok(r.json.items.some((x) => x.id === q.id), 'the new one is on this page');
      const dump = JSON.stringify(rows).toLowerCase();
      for (const s of [secret, q.name, q.email]) assert.ok(!dump.includes(s.toLowerCase()), `no audit row holds ${s}`);
    });

    test('reads, moves, intake and conversion are audited with the inquiry and, once converted, the client', async () => {
      const q = await intake();
      assert.equal((await adm.get(`/api/v1/inquiries/${q.id}`)).status, 200);
      assert.equal((await adm.patch(`/api/v1/inquiries/${q.id}`, { status: 'contacted' })).status, 200);
      const conv = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1975-05-05', sex: 'female' });
      assert.equal(conv.status, 200, conv.text);
      const rows = auditRows(srv.db).filter((x) => x.record_type === 'inquiry' && x.record_id === q.id);
      const actions = rows.map((x) => x.action);
      for (const a of ['inquiry.create', 'inquiry.read', 'inquiry.update', 'inquiry.convert'])
        assert.ok(actions.includes(a), `${a} in ${actions}`);
      const convRow = rows.find((x) => x.action === 'inquiry.convert');
      assert.equal(convRow.client_id, conv.json.client_id, 'the conversion is on the client\'s trail');
      const trail = await dir.get(`/api/v1/clients/${conv.json.client_id}/audit?limit=200`);
      assert.ok(trail.json.items.some((x) => x.action === 'inquiry.convert'), 'shown in the client\'s audit trail');
      const dump = JSON.stringify(rows).toLowerCase();
      assert.ok(!dump.includes(q.name.toLowerCase()), 'no row holds the name');
    });
  });
});

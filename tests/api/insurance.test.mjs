// Insurance: a client's coverages, benefit checks with the client's
// estimated cost (checked against an independent day-by-day computation of
// the rule in docs/domain.md, "Insurance and the estimated cost"), payer
// authorisations; validation; who may (insurance.manage: director,
// admissions, billing); the audit rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import {
  signIn, clientBody, assertError, assertSchema, assertPages, finish, auditRows,
} from './helpers.mjs';

// What the client pays, day by day (docs/domain.md): while deductible remains the
// client pays the rate up to what remains of it; after that the co-pay per
// day plus the coinsurance share of what the co-pay leaves of the rate
// (rounded half up to the cent); the running total never passes what remains
// of the out-of-pocket maximum (0: none). Not covered: the full rate each
// day. The first day is day 1, a typical week days 1-3 (3 attended days a
// week), the typical stay days 1..typicalDays.
function expectedEstimate(b, rate = 25000, typicalDays = 24, daysPerWeek = 3) {
  let dedLeft = Math.max(0, (b.deductible_cents || 0) - (b.deductible_met_cents || 0));
  let oopLeft = b.oop_max_cents > 0 ? b.oop_max_cents - (b.oop_met_cents || 0) : Infinity;
  const days = [];
  for (let i = 0; i < Math.max(typicalDays, daysPerWeek); i++) {
    if (!b.iop_covered) { days.push(rate); continue; }
    const toDeductible = Math.min(rate, dedLeft);
    const rest = rate - toDeductible;
    const copay = Math.min(b.copay_per_day_cents || 0, rest);
    const coinsurance = Math.floor(((rest - copay) * (b.coinsurance_bp || 0) + 5000) / 10000);
    const pay = Math.min(toDeductible + copay + coinsurance, oopLeft);
    dedLeft -= Math.min(toDeductible, pay);
    oopLeft -= pay;
    days.push(pay);
  }
  const sum = (n) => days.slice(0, n).reduce((a, x) => a + x, 0);
  return { first_day_cents: days[0], typical_week_cents: sum(daysPerWeek), typical_stay_cents: sum(typicalDays), typical_stay_days: typicalDays };
}

const DEMO_BENEFITS = {
  iop_covered: true, deductible_cents: 100000, deductible_met_cents: 90000, copay_per_day_cents: 2000,
  coinsurance_bp: 2000, oop_max_cents: 300000, oop_met_cents: 100000, prior_auth_required: true, reference: 'CALL-20260105-17',
};

describe('insurance', () => {
  let srv;
  let anon;
  let bill;     // billing: insurance.manage
  let adm;      // admissions: insurance.manage, clients.write
  let dir;      // director: insurance.manage, audit.read
  let clin;     // clinician: no insurance.manage
  let desk;     // front_desk: no insurance.manage

  before(async () => {
    srv = await startServer();
    anon = new Api(srv.url);
    [bill, adm, dir, clin, desk] = await Promise.all(['billing', 'admissions', 'director', 'clinician', 'front_desk'].map((u) => signIn(srv.url, u)));
  });
  after(() => finish(srv));

  const newClient = async () => {
    const r = await adm.post('/api/v1/clients', clientBody());
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const newCoverage = async (clientId, over = {}) => {
    const r = await bill.post(`/api/v1/clients/${clientId}/coverages`, { payer: 'Prairie Mutual', member_id: 'PM123456', ...over });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const check = async (coverageId, body, api = bill) => {
    const r = await api.post(`/api/v1/coverages/${coverageId}/benefit-checks`, body);
    assert.equal(r.status, 201, `${JSON.stringify(body)}: ${r.text}`);
    assertSchema('BenefitCheck', r.json);
    return r.json;
  };

  describe('coverages', () => {
    test('create answers 201 with the coverage; the list holds it', async () => {
      const client = await newClient();
      const body = {
        rank: 'primary', payer: 'Prairie Mutual', plan: 'PPO Gold', member_id: 'PM-00112233', group_number: 'GRP-77',
        subscriber_name: 'Alex Doe', subscriber_dob: '1970-06-15', relationship: 'spouse', start_date: '2026-01-01', end_date: '2026-12-31',
      };
      const r = await bill.post(`/api/v1/clients/${client}/coverages`, body);
      assert.equal(r.status, 201, r.text);
      assertSchema('Coverage', r.json);
      const { id, client_id: cid, created_at: at, ...rest } = r.json;
      assert.deepEqual(rest, body);
      assert.equal(cid, client);
      assert.ok(id > 0 && at);
      const min = await newCoverage(client, { rank: 'secondary', payer: 'State Medicaid', member_id: 'MCD-9' });
      assert.deepEqual([min.rank, min.plan, min.group_number, min.subscriber_name, min.subscriber_dob, min.relationship, min.start_date, min.end_date],
        ['secondary', '', '', '', null, 'self', null, null], 'defaults: relationship self, no dates');
      const list = await bill.get(`/api/v1/clients/${client}/coverages`);
      assert.equal(list.status, 200, list.text);
      assertSchema('CoverageList', list.json);
      assert.equal(list.json.total, 2);
      assert.deepEqual(list.json.items.map((x) => x.id).sort((a, b) => a - b), [r.json.id, min.id]);
      assert.deepEqual(list.json.items.find((x) => x.id === r.json.id), r.json);
      const dflt = await newCoverage(await newClient());
      assert.equal(dflt.rank, 'primary', 'rank defaults to primary');
    });

    test('validation: payer and member_id required, rank, relationship, dates; nothing stored', async () => {
      const client = await newClient();
      const empty = await bill.post(`/api/v1/clients/${client}/coverages`, {});
      assertError(empty, 400, 'invalid');
      assert.ok(empty.json.error.fields?.payer && empty.json.error.fields?.member_id, empty.text);
      const ok = { payer: 'Prairie Mutual', member_id: 'PM1' };
      for (const [what, over, field] of [
        ['blank payer', { payer: '' }, 'payer'], ['long payer', { payer: 'p'.repeat(101) }, 'payer'],
        ['blank member id', { member_id: '' }, 'member_id'], ['long member id', { member_id: 'm'.repeat(51) }, 'member_id'],
        ['rank tertiary', { rank: 'tertiary' }, 'rank'], ['relationship cousin', { relationship: 'cousin' }, 'relationship'],
        ['end before start', { start_date: '2026-05-01', end_date: '2026-04-30' }, 'end_date'],
        ['not a date', { start_date: '2026-02-30' }, 'start_date'], ['subscriber dob not a date', { subscriber_dob: '15/06/1970' }, 'subscriber_dob'],
        ['long group number', { group_number: 'g'.repeat(51) }, 'group_number'],
      ]) {
        const r = await bill.post(`/api/v1/clients/${client}/coverages`, { ...ok, ...over });
        assertError(r, 400, 'invalid', what);
        assert.ok(r.json.error.fields?.[field], `${what}: fields.${field} in ${r.text}`);
      }
      assertError(await bill.post(`/api/v1/clients/${client}/coverages`, { ...ok, copay: 10 }), 400, 'invalid', 'unknown field');
      assert.deepEqual((await bill.get(`/api/v1/clients/${client}/coverages`)).json, { items: [], total: 0 });
      assertError(await bill.post('/api/v1/clients/999999999/coverages', ok), 404, 'not_found');
      assertError(await bill.get('/api/v1/clients/999999999/coverages'), 404, 'not_found');
    });
  });

  describe('benefit checks and the estimate', () => {
    test('the demo benefits: 201, who checked and when, first day 146.00', async () => {
      const client = await newClient();
      const cov = await newCoverage(client);
      const b = await check(cov.id, DEMO_BENEFITS);
      for (const [k, v] of Object.entries(DEMO_BENEFITS)) assert.equal(b[k], v, k);
      assert.deepEqual([b.coverage_id, b.client_id, b.rate_per_day_cents, b.checked_by], [cov.id, client, 25000, 'billing']);
      assert.ok(b.checked_at, 'checked_at');
      // Day 1: 100.00 finishes the deductible, then 20.00 co-pay and 20% of
      // the 130.00 the co-pay leaves of the other 150.00: 26.00.
      assert.equal(b.estimate.first_day_cents, 10000 + 2000 + 2600);
      assert.equal(b.estimate.first_day_cents, 14600);
      const want = expectedEstimate(DEMO_BENEFITS);
      assert.deepEqual(
        [b.estimate.first_day_cents, b.estimate.typical_week_cents, b.estimate.typical_stay_cents, b.estimate.typical_stay_days],
        [want.first_day_cents, want.typical_week_cents, want.typical_stay_cents, 24]);
      assert.match(b.estimate.notice, /estimate/i, 'the estimate says it is one');
    });

    const SCENARIOS = [
      ['the deductible takes the first four days', { iop_covered: true, deductible_cents: 100000, deductible_met_cents: 0, copay_per_day_cents: 2000, coinsurance_bp: 2000, oop_max_cents: 0, oop_met_cents: 0 }],
      ['the deductible is met part-way through day 2', { iop_covered: true, deductible_cents: 40000, deductible_met_cents: 0, copay_per_day_cents: 1500, coinsurance_bp: 1000, oop_max_cents: 0, oop_met_cents: 0 }],
      ['the out-of-pocket maximum stops payments on day 4', { iop_covered: true, deductible_cents: 0, deductible_met_cents: 0, copay_per_day_cents: 5000, coinsurance_bp: 5000, oop_max_cents: 150000, oop_met_cents: 100000 }],
      ['the out-of-pocket maximum cuts into the deductible', { iop_covered: true, deductible_cents: 200000, deductible_met_cents: 0, copay_per_day_cents: 0, coinsurance_bp: 0, oop_max_cents: 60000, oop_met_cents: 0 }],
      ['the out-of-pocket maximum already met', { iop_covered: true, deductible_cents: 100000, deductible_met_cents: 100000, copay_per_day_cents: 3000, coinsurance_bp: 2000, oop_max_cents: 250000, oop_met_cents: 250000 }],
      ['co-pay only', { iop_covered: true, copay_per_day_cents: 2000 }],
      ['coinsurance only, half cents rounded', { iop_covered: true, deductible_cents: 0, copay_per_day_cents: 1999, coinsurance_bp: 5000 }],
      ['an odd coinsurance rate', { iop_covered: true, deductible_cents: 12345, deductible_met_cents: 345, copay_per_day_cents: 777, coinsurance_bp: 1234, oop_max_cents: 99999, oop_met_cents: 1 }],
      ['nothing to pay', { iop_covered: true }],
    ];
    for (const [what, benefits] of SCENARIOS) {
      test(`estimate, day by day: ${what}`, async () => {
        const cov = await newCoverage(await newClient());
        const b = await check(cov.id, benefits);
        const want = expectedEstimate(benefits);
        const { notice, ...got } = b.estimate;
        assert.deepEqual(got, want);
        assert.ok(notice.length > 0);
      });
    }

    test('IOP not covered: the full rate every day, whatever the plan\'s amounts', async () => {
      const cov = await newCoverage(await newClient());
      const b = await check(cov.id, { ...DEMO_BENEFITS, iop_covered: false });
      assert.deepEqual([b.estimate.first_day_cents, b.estimate.typical_week_cents, b.estimate.typical_stay_cents], [25000, 3 * 25000, 24 * 25000]);
      assert.equal(b.iop_covered, false);
      const bare = await check(cov.id, { iop_covered: false });
      assert.deepEqual([bare.estimate.first_day_cents, bare.estimate.typical_stay_cents], [25000, 600000]);
    });

    test('amounts that cannot be: 400 naming the field; nothing stored', async () => {
      const client = await newClient();
      const cov = await newCoverage(client);
      for (const [what, over, field] of [
        ['deductible met above the deductible', { deductible_cents: 100000, deductible_met_cents: 100001 }, 'deductible_met_cents'],
        ['out-of-pocket met above the maximum', { oop_max_cents: 300000, oop_met_cents: 300001 }, 'oop_met_cents'],
        ['a negative deductible', { deductible_cents: -1 }, 'deductible_cents'],
        ['a fractional co-pay', { copay_per_day_cents: 1.5 }, 'copay_per_day_cents'],
        ['a co-pay as text', { copay_per_day_cents: '20.00' }, 'copay_per_day_cents'],
        ['a negative out-of-pocket maximum', { oop_max_cents: -5 }, 'oop_max_cents'],
      ]) {
        const r = await bill.post(`/api/v1/coverages/${cov.id}/benefit-checks`, { ...DEMO_BENEFITS, ...over });
        assertError(r, 400, 'invalid', what);
        assert.ok(r.json.error.fields?.[field], `${what}: fields.${field} in ${r.text}`);
      }
      assert.deepEqual((await bill.get(`/api/v1/clients/${client}/benefit-checks`)).json, { items: [], total: 0 });
      assertError(await bill.post('/api/v1/coverages/999999999/benefit-checks', DEMO_BENEFITS), 404, 'not_found');
    });

    test('refusals of the other fields name the field as sent', async () => {
      const cov = await newCoverage(await newClient());
      const failures = [];
      for (const [what, body, field] of [
        ['iop_covered left out', { deductible_cents: 0 }, 'iop_covered'],
        ['iop_covered not a boolean', { iop_covered: 'yes' }, 'iop_covered'],
        ['coinsurance over 100%', { iop_covered: true, coinsurance_bp: 10001 }, 'coinsurance_bp'],
        ['prior_auth_required not a boolean', { iop_covered: true, prior_auth_required: 1 }, 'prior_auth_required'],
        ['a reference over 100 characters', { iop_covered: true, reference: 'r'.repeat(101) }, 'reference'],
        ['an unknown field', { iop_covered: true, network: 'in' }, 'network'],
      ]) {
        const r = await bill.post(`/api/v1/coverages/${cov.id}/benefit-checks`, body);
        if (r.status !== 400 || !r.json?.error?.fields?.[field])
          failures.push(`${what}: expected 400 with fields.${field}, got ${r.status} ${r.text}`);
      }
      assert.deepEqual(failures, []);
    });

    test('the client\'s benefit checks, newest first, with their estimates as computed then', async () => {
      const client = await newClient();
      const c1 = await newCoverage(client);
      const c2 = await newCoverage(client, { rank: 'secondary', payer: 'Lakeshore Health', member_id: 'LH-1' });
      const made = [await check(c1.id, DEMO_BENEFITS), await check(c2.id, { iop_covered: false }), await check(c1.id, { iop_covered: true, copay_per_day_cents: 3000 }, adm)];
      const r = await bill.get(`/api/v1/clients/${client}/benefit-checks`);
      assert.equal(r.status, 200, r.text);
      assertSchema('BenefitCheckList', r.json);
      assert.equal(r.json.total, 3);
      assert.deepEqual(r.json.items, [...made].reverse(), 'newest first, as answered when created');
      assert.equal(r.json.items[0].checked_by, 'admissions');
    });

    describe('with the program\'s own rate and typical stay', () => {
      let srv2;
      after(() => finish(srv2));

      test('IOP_RATE_PER_DAY_CENTS and IOP_TYPICAL_DAYS set the estimate', async () => {
        srv2 = await startServer({ env: { IOP_RATE_PER_DAY_CENTS: '18000', IOP_TYPICAL_DAYS: '10' } });
        const b2 = await signIn(srv2.url, 'billing');
        const d2 = await signIn(srv2.url, 'director');
        const c = await d2.post('/api/v1/clients', clientBody());
        const cov = await b2.post(`/api/v1/clients/${c.json.id}/coverages`, { payer: 'Prairie Mutual', member_id: 'PM9' });
        assert.equal(cov.status, 201, cov.text);
        const r = await b2.post(`/api/v1/coverages/${cov.json.id}/benefit-checks`, DEMO_BENEFITS);
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.rate_per_day_cents, 18000);
        const { notice, ...got } = r.json.estimate;
        assert.deepEqual(got, expectedEstimate(DEMO_BENEFITS, 18000, 10));
        assert.ok(notice);
      });
    });
  });

  describe('authorizations', () => {
    test('create answers 201; the client\'s list holds it', async () => {
      const client = await newClient();
      const cov = await newCoverage(client);
      const body = { number: 'AUTH-556677', level: '2.1', days_authorized: 24, start_date: '2026-01-05', end_date: '2026-03-01', next_review: '2026-02-01' };
      const r = await bill.post(`/api/v1/coverages/${cov.id}/authorizations`, body);
      assert.equal(r.status, 201, r.text);
      assertSchema('Authorization', r.json);
      const { id, coverage_id: covId, client_id: cid, created_at: at, ...rest } = r.json;
      assert.deepEqual(rest, body);
      assert.deepEqual([covId, cid], [cov.id, client]);
      assert.ok(id > 0 && at);
      const second = await bill.post(`/api/v1/coverages/${cov.id}/authorizations`, { number: 'AUTH-2', level: '2.5', days_authorized: 1, start_date: '2026-03-02', end_date: '2026-03-02' });
      assert.equal(second.status, 201, second.text);
      assert.equal(second.json.next_review, null, 'next_review is optional');
      const max = await bill.post(`/api/v1/coverages/${cov.id}/authorizations`, { ...body, number: 'AUTH-3', days_authorized: 365 });
      assert.equal(max.status, 201, `365 days: ${max.text}`);
      const list = await bill.get(`/api/v1/clients/${client}/authorizations`);
      assert.equal(list.status, 200, list.text);
      assertSchema('AuthorizationList', list.json);
      assert.equal(list.json.total, 3);
      assert.deepEqual(list.json.items.find((x) => x.id === r.json.id), r.json);
    });

    test('validation: number, a level code, 1-365 days, real dates, the end not before the start; nothing stored', async () => {
      const client = await newClient();
      const cov = await newCoverage(client);
      const ok = { number: 'A-1', level: '2.1', days_authorized: 24, start_date: '2026-01-05', end_date: '2026-03-01' };
      const strip = (k) => Object.fromEntries(Object.entries(ok).filter(([x]) => x !== k));
      for (const [what, body, field] of [
        ['no number', strip('number'), 'number'], ['a blank number', { ...ok, number: '' }, 'number'],
        ['a long number', { ...ok, number: 'n'.repeat(51) }, 'number'],
        ['a level that is no code', { ...ok, level: 'IOP' }, 'level'], ['level 2.2', { ...ok, level: '2.2' }, 'level'],
        ['no level', strip('level'), 'level'],
        ['0 days', { ...ok, days_authorized: 0 }, 'days_authorized'], ['366 days', { ...ok, days_authorized: 366 }, 'days_authorized'],
        ['no days', strip('days_authorized'), 'days_authorized'], ['days as text', { ...ok, days_authorized: '24' }, 'days_authorized'],
        ['no start', strip('start_date'), 'start_date'], ['no end', strip('end_date'), 'end_date'],
        ['not a date', { ...ok, start_date: '2026-02-30' }, 'start_date'],
        ['end before start', { ...ok, start_date: '2026-03-02', end_date: '2026-03-01' }, 'end_date'],
        ['next review not a date', { ...ok, next_review: 'soon' }, 'next_review'],
      ]) {
        const r = await bill.post(`/api/v1/coverages/${cov.id}/authorizations`, body);
        assertError(r, 400, 'invalid', what);
        assert.ok(r.json.error.fields?.[field], `${what}: fields.${field} in ${r.text}`);
      }
      assertError(await bill.post(`/api/v1/coverages/${cov.id}/authorizations`, { ...ok, units: 3 }), 400, 'invalid', 'unknown field');
      assert.deepEqual((await bill.get(`/api/v1/clients/${client}/authorizations`)).json, { items: [], total: 0 });
      assertError(await bill.post('/api/v1/coverages/999999999/authorizations', ok), 404, 'not_found');
      assertError(await bill.get('/api/v1/clients/999999999/authorizations'), 404, 'not_found');
      assertError(await bill.get('/api/v1/clients/999999999/benefit-checks'), 404, 'not_found');
    });
  });

  describe('who may', () => {
    test('billing, admissions and director may; clinician and front desk get 403; no session 401', async () => {
      const client = await newClient();
      const cov = await newCoverage(client);
      const calls = [
        ['GET', `/api/v1/clients/${client}/coverages`],
        ['POST', `/api/v1/clients/${client}/coverages`, { payer: 'Prairie Mutual', member_id: 'PMW' }],
        ['GET', `/api/v1/clients/${client}/benefit-checks`],
        ['POST', `/api/v1/coverages/${cov.id}/benefit-checks`, DEMO_BENEFITS],
        ['GET', `/api/v1/clients/${client}/authorizations`],
        ['POST', `/api/v1/coverages/${cov.id}/authorizations`, { number: 'W-1', level: '2.1', days_authorized: 12, start_date: '2026-01-05', end_date: '2026-02-01' }],
      ];
      for (const [m, p, b] of calls) {
        for (const api of [clin, desk]) assertError(await api.req(m, p, b), 403, 'forbidden', `${m} ${p}`);
        assertError(await anon.req(m, p, b), 401, 'unauthenticated', `${m} ${p}`);
      }
      const before = (await bill.get(`/api/v1/clients/${client}/coverages`)).json.total;
      assert.equal(before, 1, 'refused creates stored nothing');
      for (const api of [bill, adm, dir]) {
        for (const [m, p, b] of calls) {
          const r = await api.req(m, p, b);
          assert.equal(r.status, m === 'GET' ? 200 : 201, `${m} ${p}: ${r.text}`);
        }
      }
    });
  });

  describe('lists and audit', () => {
    test('the three lists page by limit and offset', async () => {
      const client = await newClient();
      const cov = await newCoverage(client);
      await newCoverage(client, { rank: 'secondary', member_id: 'PM-2' });
      await check(cov.id, DEMO_BENEFITS);
      await check(cov.id, { iop_covered: false });
      for (const n of ['A-1', 'A-2'])
        assert.equal((await bill.post(`/api/v1/coverages/${cov.id}/authorizations`, { number: n, level: '2.1', days_authorized: 5, start_date: '2026-01-05', end_date: '2026-01-20' })).status, 201);
      for (const list of ['coverages', 'benefit-checks', 'authorizations'])
        await assertPages(bill, `/api/v1/clients/${client}/${list}`);
    });

    test('creates and reads are audited on the client, without the member id', async () => {
      const client = await newClient();
      const cov = await newCoverage(client, { member_id: 'SECRET-MEMBER-991' });
      const b = await check(cov.id, DEMO_BENEFITS);
      const au = await bill.post(`/api/v1/coverages/${cov.id}/authorizations`, { number: 'AUTH-SECRET-42', level: '2.1', days_authorized: 5, start_date: '2026-01-05', end_date: '2026-01-20' });
      assert.equal(au.status, 201, au.text);
      for (const list of ['coverages', 'benefit-checks', 'authorizations'])
        assert.equal((await bill.get(`/api/v1/clients/${client}/${list}`)).status, 200);
      const rows = auditRows(srv.db).filter((x) => x.client_id === client);
      const by = (a) => rows.find((x) => x.action === a);
      for (const a of ['coverage.create', 'benefit_check.create', 'authorization.create', 'coverage.list', 'benefit_check.list', 'authorization.list'])
        assert.ok(by(a), `${a} in ${rows.map((x) => x.action)}`);
      assert.deepEqual([by('coverage.create').record_type, by('coverage.create').record_id], ['coverage', cov.id]);
      assert.deepEqual([by('benefit_check.create').record_type, by('benefit_check.create').record_id], ['benefit_check', b.id]);
      assert.deepEqual([by('authorization.create').record_type, by('authorization.create').record_id], ['authorization', au.json.id]);
      const dump = JSON.stringify(rows);
      assert.ok(!dump.includes('SECRET-MEMBER-991') && !dump.includes('AUTH-SECRET-42'), 'no identifiers in the audit');
    });
  });

  describe('correcting a coverage', () => {
    test('a mistyped member id is corrected in place: 200, one coverage, the audit row names the fields changed', async () => {
      const c = await newClient();
      const cov = await newCoverage(c, { member_id: 'PM12E456', plan: 'Silver', end_date: '2026-12-31' });
      const r = await adm.patch(`/api/v1/clients/${c}/coverages/${cov.id}`, { member_id: 'PM123456', plan: 'Silver', end_date: null });
      assert.equal(r.status, 200, r.text);
      assertSchema('Coverage', r.json);
      assert.equal(r.json.member_id, 'PM123456');
      assert.equal(r.json.end_date, null, 'cleared');
      assert.equal(r.json.payer, 'Prairie Mutual', 'not named: kept');
      assert.equal(r.json.rank, 'primary');
      const list = (await bill.get(`/api/v1/clients/${c}/coverages`)).json;
      assert.equal(list.total, 1, 'still one coverage, not a second "secondary" one');
      assert.equal(list.items[0].member_id, 'PM123456');
      const row = auditRows(srv.db).filter((x) => x.action === 'coverage.update' && x.client_id === c);
      assert.equal(row.length, 1);
      assert.equal(row[0].record_type, 'coverage');
      assert.equal(row[0].record_id, cov.id);
      assert.equal(row[0].detail, 'changed=member_id,end_date', 'the plan was given unchanged');
      assert.ok(!JSON.stringify(row).includes('PM123456'), 'never the values');
    });

    test('the result must be a valid coverage: 400 naming the fields, nothing changed', async () => {
      const c = await newClient();
      const cov = await newCoverage(c, { start_date: '2026-01-01' });
      for (const [what, body, field] of [
        ['an empty payer', { payer: '' }, 'payer'],
        ['no member id', { member_id: null }, 'member_id'],
        ['an unknown rank', { rank: 'tertiary' }, 'rank'],
        ['an unknown relationship', { relationship: 'cousin' }, 'relationship'],
        ['an end before the start', { end_date: '2025-12-31' }, 'end_date'],
        ['not a date', { start_date: '2026-02-30' }, 'start_date'],
        ['an unknown field', { client_id: 4 }, 'client_id'],
      ]) {
        const r = await bill.patch(`/api/v1/clients/${c}/coverages/${cov.id}`, body);
        assertError(r, 400, 'invalid', what);
        assert.ok(r.json.error.fields?.[field], `${what}: fields.${field} in ${r.text}`);
      }
      assertError(await bill.patch(`/api/v1/clients/${c}/coverages/${cov.id}`, {}), 400, 'invalid', 'nothing to change');
      const [now] = (await bill.get(`/api/v1/clients/${c}/coverages`)).json.items;
      assert.deepEqual(now, cov);
    });

    test('another client\'s coverage, or none, is 404; who may: insurance.manage', async () => {
      const a = await newClient();
      const b = await newClient();
      const cov = await newCoverage(a);
      assertError(await bill.patch(`/api/v1/clients/${b}/coverages/${cov.id}`, { plan: 'Gold' }), 404, 'not_found');
      assertError(await bill.patch(`/api/v1/clients/${a}/coverages/999999`, { plan: 'Gold' }), 404, 'not_found');
      assertError(await clin.patch(`/api/v1/clients/${a}/coverages/${cov.id}`, { plan: 'Gold' }), 403, 'forbidden');
      assertError(await desk.patch(`/api/v1/clients/${a}/coverages/${cov.id}`, { plan: 'Gold' }), 403, 'forbidden');
      assertError(await anon.patch(`/api/v1/clients/${a}/coverages/${cov.id}`, { plan: 'Gold' }), 401, 'unauthenticated');
      const r = await dir.patch(`/api/v1/clients/${a}/coverages/${cov.id}`, { rank: 'secondary' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.rank, 'secondary');
    });
  });
});

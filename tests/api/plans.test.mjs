// Treatment plans (issue 13, item 1): the interventions vocabulary, a draft
// edited and checked (errors name the nested field, nothing written), the
// clinician's and the client's signatures, every write route refused with
// 409 on a signed version with nothing changed, a revision carrying the
// objectives' keys forward, reviews falling due (the worklist and the
// chart), who may, and the audit rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, finish, auditRows, sqlite } from './helpers.mjs';

const DAY = 86400;

describe('treatment plans', () => {
  let srv, adm, dir, clin, desk, billing;
  const staff = {};
  let today;

  const content = (over = {}) => ({
    problems: [{
      dimension: 5,
      statement: 'Returned to drinking after each of two earlier treatments.',
      goals: [{
        text: 'I want to get through a month without a drink.',
        objectives: [
          { text: 'Name three personal triggers and a plan for each.', target_date: today },
          { text: 'Attend four mutual-help meetings a week for four weeks.', target_date: today, status: 'open' },
        ],
        interventions: [
          { code: 'relapse_prevention', frequency: '3 groups a week', staff_id: staff.clinician.id },
          { code: 'mutual_help_alternative', frequency: 'weekly check-in', staff_id: staff.case_manager.id },
        ],
      }],
    }],
    ...over,
  });
  const planRows = () => sqlite(srv.db, `SELECT
      (SELECT group_concat(id || ':' || status || ':' || updated_at || ':' || clinician_signed_at || ':' || client_signed_at || ':' || client_signed_name, ';') FROM plan_version) || '|' ||
      (SELECT group_concat(version_id || ':' || pos || ':' || statement, ';') FROM plan_problem) || '|' ||
      (SELECT group_concat(version_id || ':' || objective_key || ':' || text || ':' || status, ';') FROM plan_objective) || '|' ||
      (SELECT group_concat(version_id || ':' || intervention || ':' || staff_id, ';') FROM plan_intervention)`).trim();
  const admit = async () => {
    const c = await adm.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const r = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true,
    });
    assert.equal(r.status, 201, r.text);
    return { client: c.json.id, episode: r.json.id };
  };

  before(async () => {
    srv = await startServer({ testClock: true });
    [adm, dir, clin, desk, billing] = await Promise.all(
      ['admissions', 'director', 'clinician', 'front_desk', 'billing'].map((u) => signIn(srv.url, u)));
    const list = await dir.get('/api/v1/staff?limit=200');
    for (const s of list.json.items) staff[s.username] = s;
    today = new Date().toISOString().slice(0, 10);
  });
  after(() => finish(srv));

  test('the interventions are a vocabulary from the API', async () => {
    const r = await desk.get('/api/v1/vocabularies/interventions');
    assert.equal(r.status, 200, r.text);
    const codes = r.json.items.map((i) => i.code);
    for (const c of ['cbt', 'dbt', 'motivational_interviewing', 'family_therapy', 'twelve_step_facilitation',
      'mutual_help_alternative', 'medication_management', 'relapse_prevention', 'case_management',
      'contingency_management', 'trauma_informed_care', 'psychoeducation']) assert.ok(codes.includes(c), c);
    assert.equal(r.json.total, r.json.items.length);
    assert.ok(r.json.items.every((i) => i.label));
  });

  test('draft, edit, sign, client signs: locked, with who signed when', async () => {
    const { client, episode } = await admit();
    const empty = await clin.post(`/api/v1/episodes/${episode}/plans`, {});
    assert.equal(empty.status, 201, empty.text);
    assert.equal(empty.json.version, 1);
    assert.equal(empty.json.status, 'draft');
    assert.deepEqual(empty.json.problems, []);
    const again = await clin.post(`/api/v1/episodes/${episode}/plans`, {});
    assertError(again, 409, 'conflict');

    // A bad body names each nested field and writes nothing.
    const before = planRows();
    const bad = await clin.patch(`/api/v1/plans/${empty.json.id}`, { problems: [{
      dimension: 9, statement: '', goals: [{ text: 'x', objectives: [{ text: 'y', target_date: '2026-02-30', status: 'done' }],
        interventions: [{ code: 'astrology', frequency: '', staff_id: 999999 }] }] }] });
    assertError(bad, 400, 'invalid');
    const fields = Object.keys(bad.json.error.fields);
    for (const f of ['problems[0].dimension', 'problems[0].statement',
      'problems[0].goals[0].objectives[0].target_date', 'problems[0].goals[0].interventions[0].code'])
      assert.ok(fields.includes(f), `${f} in ${fields}`);
    const unknown = await clin.patch(`/api/v1/plans/${empty.json.id}`, { problems: [{ dimension: 1, statement: 'x', colour: 'red' }] });
    assertError(unknown, 400, 'invalid');
    assert.ok(unknown.json.error.fields['problems[0].colour'], unknown.text);
    const noStaff = await clin.patch(`/api/v1/plans/${empty.json.id}`, content({ problems: [{ dimension: 1, statement: 'x',
      goals: [{ text: 'y', interventions: [{ code: 'cbt', frequency: 'weekly', staff_id: 999999 }] }] }] }));
    assertError(noStaff, 400, 'invalid');
    assert.ok(noStaff.json.error.fields['problems[0].goals[0].interventions[0].staff_id'], noStaff.text);
    assert.equal(planRows(), before);

    // An incomplete draft cannot be signed.
    const early = await clin.post(`/api/v1/plans/${empty.json.id}/sign`, {});
    assertError(early, 400, 'invalid');

    const ok = await clin.patch(`/api/v1/plans/${empty.json.id}`, content());
    assert.equal(ok.status, 200, ok.text);
    const goal = ok.json.problems[0].goals[0];
    assert.equal(ok.json.problems[0].dimension_name.length > 0, true);
    assert.equal(goal.objectives.length, 2);
    assert.ok(goal.objectives.every((o) => o.key > 0 && o.status === 'open'));
    assert.equal(goal.interventions[0].staff_name, staff.clinician.full_name);
    assert.equal(goal.interventions[1].words.includes('SMART Recovery'), true);

    // The client cannot sign before the clinician.
    assertError(await clin.post(`/api/v1/plans/${ok.json.id}/client-signature`, { name: 'Test Client', agree: true }), 409, 'conflict');

    const signed = await clin.post(`/api/v1/plans/${ok.json.id}/sign`, {});
    assert.equal(signed.status, 200, signed.text);
    assert.equal(signed.json.status, 'clinician_signed');
    assert.equal(signed.json.clinician_signature.staff_id, staff.clinician.id);
    assert.equal(signed.json.review_days, 30);
    const due = Date.parse(signed.json.review_due_at) - Date.parse(signed.json.clinician_signature.signed_at);
    assert.equal(due, 30 * DAY * 1000);

    const noAgree = await clin.post(`/api/v1/plans/${ok.json.id}/client-signature`, { name: 'Test Client', agree: false });
    assertError(noAgree, 400, 'invalid');
    assert.ok(noAgree.json.error.fields.agree, noAgree.text);
    const cs = await clin.post(`/api/v1/plans/${ok.json.id}/client-signature`, { name: 'Test Client', agree: true });
    assert.equal(cs.status, 200, cs.text);
    assert.equal(cs.json.status, 'locked');
    assert.equal(cs.json.client_signature.name, 'Test Client');
    assert.equal(cs.json.client_signature.via, 'shared_screen');
    assert.equal(cs.json.client_signature.witness_id, staff.clinician.id);

    const list = await desk.get(`/api/v1/clients/${client}/plans`);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.items.length, 1);
    const chart = await clin.get(`/api/v1/clients/${client}/chart`);
    assert.equal(chart.json.plans.items[0].id, ok.json.id);

    const rows = auditRows(srv.db).filter((a) => a.record_type === 'plan' && a.record_id === ok.json.id);
    const actions = rows.map((a) => a.action);
    for (const a of ['plan.create', 'plan.update', 'plan.sign', 'plan.client_sign'])
      assert.ok(actions.includes(a), `${a} in ${actions}`);
    assert.ok(rows.every((a) => a.client_id === client));
  });

  test('every write route on a signed version is refused (409) and changes nothing', async () => {
    const { episode } = await admit();
    const d = await clin.post(`/api/v1/episodes/${episode}/plans`, content());
    assert.equal(d.status, 201, d.text);
    const id = d.json.id;
    const writes = (extra) => [
      ['patch', `/api/v1/plans/${id}`, content({ problems: [] })],
      ['post', `/api/v1/plans/${id}/sign`, { review_days: 14 }],
      ...extra,
    ];
    assert.equal((await clin.post(`/api/v1/plans/${id}/sign`, {})).status, 200);
    // Signed by the clinician only: nothing but the client's signature.
    let snap = planRows();
    let shown = (await clin.get(`/api/v1/plans/${id}`)).json;
    for (const [m, path, body] of writes([])) {
      const r = await clin[m](path, body);
      assertError(r, 409, 'conflict', `${m} ${path}`);
      assert.equal(planRows(), snap, `${m} ${path} changed nothing`);
    }
    assert.equal((await clin.post(`/api/v1/plans/${id}/client-signature`, { name: 'A Client', agree: true })).status, 200);
    // Locked: every write route, the client's signature too; a revision
    // makes a new version and leaves this one as it was.
    snap = planRows();
    shown = (await clin.get(`/api/v1/plans/${id}`)).json;
    for (const [m, path, body] of writes([
      ['post', `/api/v1/plans/${id}/client-signature`, { name: 'Someone Else', agree: true }],
    ])) {
      const r = await clin[m](path, body);
      assertError(r, 409, 'conflict', `${m} ${path}`);
      assert.equal(planRows(), snap, `${m} ${path} changed nothing`);
    }
    const rev = await clin.post(`/api/v1/plans/${id}/revise`, {});
    assert.equal(rev.status, 201, rev.text);
    const now = (await clin.get(`/api/v1/plans/${id}`)).json;
    assert.deepEqual({ ...now, latest_version: 1, is_latest: true }, shown);
    assert.equal(now.latest_version, 2);
    // A second revision of the same old version is refused: the draft is edited instead.
    assertError(await clin.post(`/api/v1/plans/${id}/revise`, {}), 409, 'conflict');
    assertError(await clin.post(`/api/v1/plans/${rev.json.id}/revise`, {}), 409, 'conflict');
  });

  test('a revision carries the objectives forward with their keys', async () => {
    const { client, episode } = await admit();
    const d = await clin.post(`/api/v1/episodes/${episode}/plans`, content());
    await clin.post(`/api/v1/plans/${d.json.id}/sign`, {});
    await clin.post(`/api/v1/plans/${d.json.id}/client-signature`, { name: 'A Client', agree: true });
    const rev = await clin.post(`/api/v1/plans/${d.json.id}/revise`, {});
    assert.equal(rev.json.version, 2);
    assert.equal(rev.json.status, 'draft');
    const keys = d.json.problems[0].goals[0].objectives.map((o) => o.key);
    assert.deepEqual(rev.json.problems[0].goals[0].objectives.map((o) => o.key), keys);

    // Edit v2: the first objective met, the second kept, one new.
    const body = structuredClone(rev.json);
    const g = body.problems[0].goals[0];
    const problems = [{ dimension: 5, statement: body.problems[0].statement, goals: [{
      text: g.text,
      objectives: [
        { key: keys[0], text: g.objectives[0].text, target_date: g.objectives[0].target_date, status: 'met' },
        { key: keys[1], text: g.objectives[1].text, target_date: g.objectives[1].target_date, status: 'revised' },
        { text: 'Call my sponsor before any party.', target_date: today },
      ],
      interventions: g.interventions.map((i) => ({ code: i.code, frequency: i.frequency, staff_id: i.staff_id })),
    }] }];
    const p = await clin.patch(`/api/v1/plans/${rev.json.id}`, { problems });
    assert.equal(p.status, 200, p.text);
    const objs = p.json.problems[0].goals[0].objectives;
    assert.deepEqual(objs.slice(0, 2).map((o) => [o.key, o.status]), [[keys[0], 'met'], [keys[1], 'revised']]);
    assert.ok(objs[2].key > 0 && !keys.includes(objs[2].key));

    // A key of another episode's plan is not this plan's.
    const other = await admit();
    const o = await clin.post(`/api/v1/episodes/${other.episode}/plans`, content());
    const foreign = o.json.problems[0].goals[0].objectives[0].key;
    problems[0].goals[0].objectives[0].key = foreign;
    const bad = await clin.patch(`/api/v1/plans/${rev.json.id}`, { problems });
    assertError(bad, 400, 'invalid');
    assert.match(bad.json.error.fields['problems[0].goals[0].objectives[0].key'], /not an objective of this plan/);

    const versions = await clin.get(`/api/v1/episodes/${episode}/plans`);
    assert.deepEqual(versions.json.items.map((v) => v.version), [2, 1]);
    assert.ok(versions.json.items.every((v) => v.client_id === client));
  });

  test('only clinical staff draft and sign; everyone who sees clients reads', async () => {
    const { episode } = await admit();
    assertError(await desk.post(`/api/v1/episodes/${episode}/plans`, {}), 403, 'forbidden');
    assertError(await billing.post(`/api/v1/episodes/${episode}/plans`, {}), 403, 'forbidden');
    const d = await dir.post(`/api/v1/episodes/${episode}/plans`, content());
    assert.equal(d.status, 201, d.text);
    assertError(await desk.patch(`/api/v1/plans/${d.json.id}`, content()), 403, 'forbidden');
    assertError(await adm.post(`/api/v1/plans/${d.json.id}/sign`, {}), 403, 'forbidden');
    assert.equal((await billing.get(`/api/v1/plans/${d.json.id}`)).status, 200);
    assertError(await clin.get('/api/v1/plans/999999'), 404, 'not_found');
  });
  test('an overdue review shows on the plan and on the clinician\'s worklist', async () => {
    const { client, episode } = await admit();
    const d = await clin.post(`/api/v1/episodes/${episode}/plans`, content());
    const s = await clin.post(`/api/v1/plans/${d.json.id}/sign`, { review_days: 14 });
    assert.equal(s.json.review_days, 14);
    assert.equal(s.json.review_overdue, false);
    let mine = await clin.get('/api/v1/plan-reviews?days=0');
    assert.ok(!mine.json.items.some((i) => i.plan_id === d.json.id));
    await srv.advance(15 * DAY);
    // The sessions ran out meanwhile: sign in again.
    clin = await signIn(srv.url, 'clinician');
    const p = await clin.get(`/api/v1/plans/${d.json.id}`);
    assert.equal(p.json.review_overdue, true);
    mine = await clin.get('/api/v1/plan-reviews');
    const item = mine.json.items.find((i) => i.plan_id === d.json.id);
    assert.ok(item, mine.text);
    assert.equal(item.overdue, true);
    assert.equal(item.client_id, client);
    // Another clinician's list does not have it unless all=true.
    const presc = await signIn(srv.url, 'prescriber');
    assert.ok(!(await presc.get('/api/v1/plan-reviews')).json.items.some((i) => i.plan_id === d.json.id));
    assert.ok((await presc.get('/api/v1/plan-reviews?all=true')).json.items.some((i) => i.plan_id === d.json.id));
    const rows = auditRows(srv.db).filter((a) => a.action === 'plan.reviews_due');
    assert.ok(rows.length > 0);

    // The review: a new version signed replaces it.
    const rev = await clin.post(`/api/v1/plans/${d.json.id}/revise`, {});
    assert.equal((await clin.post(`/api/v1/plans/${rev.json.id}/sign`, {})).status, 200);
    assert.equal((await clin.get(`/api/v1/plans/${d.json.id}`)).json.review_overdue, false);
    assert.ok(!(await clin.get('/api/v1/plan-reviews')).json.items.some((i) => i.client_id === client));
    assertError(await clin.get('/api/v1/plan-reviews?days=400'), 400, 'invalid');
  });

});

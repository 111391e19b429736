// The aftercare plan (issue 14, item 3): drafted for an episode (at or
// before discharge) with the client's current medications prefilled, edited
// while a draft (a bad part is named, nothing written), signed by the client
// on the shared screen with the staff member as witness, then locked: every
// write after it is a 409 and changes nothing; a new version is a draft
// copied from it, the old one stays readable.  The printable page has the
// 988 Lifeline and the provider; every read is on the client's audit trail.
// Episodes that end with the client deceased or lost to contact get none.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, assertSchema, finish, auditRows, sqlite, careTeam } from './helpers.mjs';

const DAY = 86400e3;
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);

describe('aftercare plan', () => {
  let srv, adm, dir, clin, desk, presc;
  const staff = {};
  let today, track;

  const admit = async (admittedOn) => {
    const c = await adm.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const r = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: track.id, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: admittedOn,
    });
    assert.equal(r.status, 201, r.text);
    // The prescriber (medications) works in the client's care.
    await careTeam(srv.url, c.json.id, ['prescriber']);
    return { client: c.json.id, episode: r.json.id };
  };

  before(async () => {
    srv = await startServer({ testClock: true });
    [adm, dir, clin, desk, presc] = await Promise.all(
      ['admissions', 'director', 'clinician', 'front_desk', 'prescriber'].map((u) => signIn(srv.url, u)));
    const admin = await signIn(srv.url, 'admin');
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    today = new Date(await srv.advance(0)).toISOString().slice(0, 10);
    const t = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Aftercare IOP', level_of_care: '2.1',
      blocks: [{ weekday: 2, start: '20:00', minutes: 180, group_type: 'process_group' }] });
    assert.equal(t.status, 201, t.text);
    track = t.json;
  });
  after(() => finish(srv));

  test('vocabulary: the support groups, 12-step and the alternatives', async () => {
    const r = await clin.get('/api/v1/vocabularies/aftercare');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.support_groups.map((g) => g.code), ['aa', 'na', 'smart_recovery', 'refuge_recovery',
      'celebrate_recovery', 'lifering', 'women_for_sobriety', 'other']);
    assert.equal(r.json.lifeline, '988');
    assertError(await desk.get('/api/v1/vocabularies/aftercare'), 403, 'forbidden');
  });

  test('create, patch, client signs, locked (409, nothing changed), new version, print page, audit rows', async () => {
    const x = await admit(plusDays(today, -20));
    const m = await presc.post(`/api/v1/clients/${x.client}/medications`, {
      name: 'Buprenorphine/naloxone', dose: '8/2 mg daily', mat: 'buprenorphine',
      prescriber_id: staff.prescriber.id, start_date: plusDays(today, -20),
    });
    assert.equal(m.status, 201, m.text);
    const old = await presc.post(`/api/v1/clients/${x.client}/medications`, {
      name: 'Trazodone', dose: '50 mg at night', prescriber_name: 'Dr. Ruth Okafor (fictitious)',
      start_date: plusDays(today, -20), stop_date: plusDays(today, -10),
    });
    assert.equal(old.status, 201, old.text);
    const keep = await presc.post(`/api/v1/clients/${x.client}/medications`, {
      name: 'Sertraline', dose: '50 mg daily', prescriber_name: 'Dr. Lena Park (fictitious)',
      start_date: plusDays(today, -20),
    });
    assert.equal(keep.status, 201, keep.text);

    assertError(await clin.get(`/api/v1/episodes/${x.episode}/aftercare-plan`), 404, 'not_found');
    assertError(await desk.post(`/api/v1/episodes/${x.episode}/aftercare-plan`), 403, 'forbidden');
    const before = Math.max(0, ...auditRows(srv.db).map((a) => a.id));
    // Drafted before the discharge, while the episode is open.
    const c = await clin.post(`/api/v1/episodes/${x.episode}/aftercare-plan`);
    assert.equal(c.status, 201, c.text);
    assertSchema('AftercarePlan', c.json);
    assert.equal(c.json.status, 'draft');
    assert.equal(c.json.version, 1);
    assert.equal(c.json.sober_living.status, 'undecided');
    assert.equal(c.json.crisis.lifeline, '988');
    // Current medications prefilled (MAT first), the stopped one left out;
    // an outside prescriber goes on, ours is left to fill in.
    assert.deepEqual(c.json.medications.map((x2) => [x2.name, x2.is_mat, x2.prescriber]), [
      ['Buprenorphine/naloxone 8/2 mg daily', true, ''],
      ['Sertraline 50 mg daily', false, 'Dr. Lena Park (fictitious)'],
    ]);
    assert.equal(c.json.medications[0].medication_id, m.json.id);
    assertError(await clin.post(`/api/v1/episodes/${x.episode}/aftercare-plan`), 409, 'conflict');

    // Signing an incomplete plan names what is missing.
    const early = await clin.post(`/api/v1/aftercare-plans/${c.json.id}/sign`, { name: 'Pat Doe', agree: true });
    assertError(early, 400, 'invalid');
    for (const f of ['provider.name', 'provider.phone', 'sober_living.status', 'crisis.warning_signs']) {
      assert.ok(early.json.error.fields[f], `${f}: ${early.text}`);
    }

    // Bad parts are named; nothing is written.
    const row = () => sqlite(srv.db, `SELECT status || '|' || provider_name || '|' || updated_at || '|' ||
      (SELECT count(*) FROM aftercare_group WHERE plan_id = ${c.json.id}) || '|' ||
      (SELECT count(*) FROM aftercare_medication WHERE plan_id = ${c.json.id})
      FROM aftercare_plan WHERE id = ${c.json.id}`).trim();
    const draft0 = row();
    const bad = await clin.patch(`/api/v1/aftercare-plans/${c.json.id}`, {
      provider: { name: 'Lakeside Counseling', phone: 'call me' },
      first_appointment: { date: '2026-02-30', time: '25:00' },
      support_groups: [{ kind: 'aa', details: 'Mon 7 pm' }, { kind: 'knitting' }],
      sober_living: { status: 'arranged' },
      medications: [{ name: '' }, { name: 'X', mat: 'aspirin' }, { name: 'Y', medication_id: 999999 }],
      crisis: { people: 'x'.repeat(4001) },
    });
    assertError(bad, 400, 'invalid');
    for (const f of ['provider.phone', 'first_appointment.date', 'first_appointment.time', 'support_groups[1].kind',
      'sober_living.name', 'medications[0].name', 'medications[1].mat', 'medications[2].medication_id', 'crisis.people']) {
      assert.ok(bad.json.error.fields[f], `${f}: ${bad.text}`);
    }
    assert.equal(row(), draft0);
    const unknown = await clin.patch(`/api/v1/aftercare-plans/${c.json.id}`, { colour: 'blue', provider: { fax: '1' } });
    assertError(unknown, 400, 'invalid');
    assert.ok(unknown.json.error.fields.colour && unknown.json.error.fields['provider.fax'], unknown.text);
    const huge = await clin.patch(`/api/v1/aftercare-plans/${c.json.id}`, { notes: 'x'.repeat(70000) });
    assert.equal(huge.status, 413, huge.text);
    const many = await clin.patch(`/api/v1/aftercare-plans/${c.json.id}`, { support_groups: Array.from({ length: 13 }, () => ({ kind: 'aa' })) });
    assertError(many, 400, 'invalid');
    assert.ok(many.json.error.fields.support_groups, many.text);
    assert.equal(row(), draft0);

    const p = await clin.patch(`/api/v1/aftercare-plans/${c.json.id}`, {
      provider: { name: 'Lakeside Counseling (fictitious)', phone: '(555) 010-2233', address: '12 Elm St, Springfield' },
      first_appointment: { date: plusDays(today, 5), time: '14:30', with: 'Jordan Miles, LCSW' },
      support_groups: [{ kind: 'smart_recovery', details: 'Thursdays 6 pm, library room B' }, { kind: 'na', details: 'Daily noon, St. Mark’s hall' }],
      sober_living: { status: 'arranged', name: 'Harbor House (fictitious)', address: '40 Pier Rd', move_in: plusDays(today, 1) },
      medications: [
        { medication_id: m.json.id, name: 'Buprenorphine/naloxone 8/2 mg daily', mat: 'buprenorphine', prescriber: 'Dr. Amal Reyes, Lakeside (fictitious)', next_step: `Refill due ${plusDays(today, 7)}` },
        { medication_id: keep.json.id, name: 'Sertraline 50 mg daily', prescriber: 'Dr. Lena Park (fictitious)', next_step: 'Visit in January' },
      ],
      crisis: { warning_signs: 'Skipping meetings; <b>isolating</b>', coping: 'Call my sponsor; walk the dog', people: 'Sponsor Sam 555-0100' },
      notes: 'Bring the medication list to the first appointment.',
    });
    assert.equal(p.status, 200, p.text);
    assertSchema('AftercarePlan', p.json);
    assert.equal(p.json.support_groups[0].label, 'SMART Recovery');
    assert.equal(p.json.first_appointment.time, '14:30');
    // A PATCH changes only what it names.
    const n = await clin.patch(`/api/v1/aftercare-plans/${c.json.id}`, { notes: 'Bring the medication list.' });
    assert.equal(n.status, 200, n.text);
    assert.equal(n.json.provider.name, 'Lakeside Counseling (fictitious)');
    assert.equal(n.json.support_groups.length, 2);
    assert.equal(n.json.medications.length, 2);

    // The client signs: the typed name, "I agree", the witness.
    const noAgree = await clin.post(`/api/v1/aftercare-plans/${c.json.id}/sign`, { name: 'Pat Doe', agree: false });
    assertError(noAgree, 400, 'invalid');
    assert.ok(noAgree.json.error.fields.agree, noAgree.text);
    assertError(await desk.post(`/api/v1/aftercare-plans/${c.json.id}/sign`, { name: 'Pat Doe', agree: true }), 403, 'forbidden');
    const s = await clin.post(`/api/v1/aftercare-plans/${c.json.id}/sign`, { name: 'Pat Doe', agree: true });
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'signed');
    assert.equal(s.json.client_signature.name, 'Pat Doe');
    assert.equal(s.json.client_signature.witness_id, staff.clinician.id);
    assert.match(s.json.client_signature.signed_at, /^\d{4}-\d{2}-\d{2}T/);

    // Locked: every write after signing is a 409 and changes nothing.
    const locked = row();
    const signedRow = sqlite(srv.db, `SELECT client_signed_name || '|' || client_signed_at || '|' || witness_id FROM aftercare_plan WHERE id = ${c.json.id}`).trim();
    assertError(await clin.patch(`/api/v1/aftercare-plans/${c.json.id}`, { notes: 'Changed later.' }), 409, 'conflict');
    assertError(await clin.patch(`/api/v1/aftercare-plans/${c.json.id}`, { support_groups: [] }), 409, 'conflict');
    assertError(await dir.post(`/api/v1/aftercare-plans/${c.json.id}/sign`, { name: 'Someone Else', agree: true }), 409, 'conflict');
    assertError(await clin.post(`/api/v1/episodes/${x.episode}/aftercare-plan`), 409, 'conflict');
    assert.equal(row(), locked);
    assert.equal(sqlite(srv.db, `SELECT client_signed_name || '|' || client_signed_at || '|' || witness_id FROM aftercare_plan WHERE id = ${c.json.id}`).trim(), signedRow);

    // The printable page: 988, the program, the provider, escaped text.
    const pr = await clin.get(`/api/v1/aftercare-plans/${c.json.id}/print`);
    assert.equal(pr.status, 200, pr.text);
    assert.match(pr.headers.get('content-type'), /^text\/html/);
    assert.match(pr.text, /988 Suicide &amp; Crisis Lifeline/);
    assert.match(pr.text, /Lakeside Counseling \(fictitious\)/);
    assert.match(pr.text, /\(555\) 010-2233/);
    assert.match(pr.text, /SMART Recovery/);
    assert.match(pr.text, /Harbor House/);
    assert.match(pr.text, /medication for addiction treatment/);
    assert.match(pr.text, /&lt;b&gt;isolating&lt;\/b&gt;/);
    assert.doesNotMatch(pr.text, /<b>isolating/);
    assert.match(pr.text, /Signed by Pat Doe on /);
    assert.match(pr.text, /rel="stylesheet" href="\/app\/chart\/aftercare-print\.css"/);
    const css = await clin.get('/app/chart/aftercare-print.css');
    assert.equal(css.status, 200);
    assertError(await desk.get(`/api/v1/aftercare-plans/${c.json.id}/print`), 403, 'forbidden');
    assertError(await clin.get('/api/v1/aftercare-plans/999999/print'), 404, 'not_found');

    // A change after signing is a new version; the signed one stays readable.
    const v2 = await clin.post(`/api/v1/aftercare-plans/${c.json.id}/revise`);
    assert.equal(v2.status, 201, v2.text);
    assert.equal(v2.json.version, 2);
    assert.equal(v2.json.status, 'draft');
    assert.equal(v2.json.client_signature, null);
    assert.equal(v2.json.provider.name, 'Lakeside Counseling (fictitious)');
    assert.equal(v2.json.medications.length, 2);
    assert.deepEqual(v2.json.versions.map((v) => [v.version, v.status]), [[1, 'signed'], [2, 'draft']]);
    assertError(await clin.post(`/api/v1/aftercare-plans/${c.json.id}/revise`), 409, 'conflict');
    assertError(await clin.post(`/api/v1/aftercare-plans/${v2.json.id}/revise`), 409, 'conflict');
    const latest = await clin.get(`/api/v1/episodes/${x.episode}/aftercare-plan`);
    assert.equal(latest.json.id, v2.json.id);
    const v1 = await clin.get(`/api/v1/aftercare-plans/${c.json.id}`);
    assert.equal(v1.status, 200, v1.text);
    assert.equal(v1.json.status, 'signed');
    assert.equal(v1.json.latest_version, 2);
    assert.equal(row(), locked);

    // Every read and write on the client's trail.
    const acts = auditRows(srv.db).filter((r) => r.id > before && r.action.startsWith('aftercare_plan.'));
    assert.deepEqual(acts.map((r) => r.action), ['aftercare_plan.create', 'aftercare_plan.update', 'aftercare_plan.update',
      'aftercare_plan.client_sign', 'aftercare_plan.print', 'aftercare_plan.revise', 'aftercare_plan.read',
      'aftercare_plan.read']);
    for (const r of acts) assert.equal(r.client_id, x.client, r.action);
    assert.equal(acts[0].record_id, c.json.id);
    assert.equal(acts[5].record_id, v2.json.id);
    assert.equal(acts[4].record_id, c.json.id);

    // The client's plans (the newest version of each), also a part of the chart.
    const list = await clin.get(`/api/v1/clients/${x.client}/aftercare-plans`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((q) => [q.id, q.version]), [[v2.json.id, 2]]);
    const chart = await clin.get(`/api/v1/clients/${x.client}/chart`);
    assert.equal(chart.status, 200, chart.text);
    assert.deepEqual(chart.json.aftercare_plans.items.map((q) => q.id), [v2.json.id]);
    assertError(await desk.get(`/api/v1/clients/${x.client}/aftercare-plans`), 403, 'forbidden');
    assert.equal((await desk.get(`/api/v1/clients/${x.client}/chart`)).json.aftercare_plans, undefined);
  });

  test('after discharge; none for a client lost to contact or deceased; a transfer names the provider', async () => {
    const a = await admit(plusDays(today, -10));
    assert.equal((await adm.post(`/api/v1/episodes/${a.episode}/discharge`, { date: today, type: 'transferred_lower', to: 'Northside Outpatient (fictitious)' })).status, 200);
    const c = await clin.post(`/api/v1/episodes/${a.episode}/aftercare-plan`);
    assert.equal(c.status, 201, c.text);
    assert.equal(c.json.provider.name, 'Northside Outpatient (fictitious)');
    for (const type of ['lost_to_contact', 'deceased']) {
      const b = await admit(plusDays(today, -10));
      assert.equal((await adm.post(`/api/v1/episodes/${b.episode}/discharge`, { date: today, type })).status, 200);
      const r = await clin.post(`/api/v1/episodes/${b.episode}/aftercare-plan`);
      assertError(r, 409, 'conflict');
      assert.equal(sqlite(srv.db, `SELECT count(*) FROM aftercare_plan WHERE episode_id = ${b.episode}`).trim(), '0');
    }
    // Drafted while open, then the client died: it cannot be signed.
    const d = await admit(plusDays(today, -10));
    const p = await clin.post(`/api/v1/episodes/${d.episode}/aftercare-plan`);
    assert.equal(p.status, 201, p.text);
    assert.equal((await clin.patch(`/api/v1/aftercare-plans/${p.json.id}`, {
      provider: { name: 'Lakeside', phone: '555-010-2233' }, sober_living: { status: 'not_needed' }, crisis: { coping: 'Walk' },
    })).status, 200);
    assert.equal((await adm.post(`/api/v1/episodes/${d.episode}/discharge`, { date: today, type: 'deceased' })).status, 200);
    assertError(await clin.post(`/api/v1/aftercare-plans/${p.json.id}/sign`, { name: 'X Y', agree: true }), 409, 'conflict');
    assertError(await clin.post('/api/v1/episodes/999999/aftercare-plan'), 404, 'not_found');
  });
});

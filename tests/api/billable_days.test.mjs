// Billable days (issue 13, item 8): each reason produced by a real scenario
// (attendance, notes, a plan) through the API on the test clock; the fixed
// shape of GET /clients/{id}/billable-days; from/to checked naming the
// field, at most 92 days; the site's list with billable=false and its
// totals; who may read it; and the audit rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, assertSchema, finish, sqlite } from './helpers.mjs';

const DAY = 86400e3;
const TZ = 'America/Chicago';
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
function localYmd(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
const EVERY_DAY = (start, minutes) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, minutes, group_type: 'process_group', topic: 'Relapse prevention' }));

describe('billable days', () => {
  let srv, adm, dir, clin, desk, billing, admin, today, now, track;
  const staff = {};
  const cl = {};	// a: the day-by-day client; b: plan signed, no objective; c: no plan
  const keys = {};
  let sessions = [];
  const sessionOn = (d) => sessions.find((s) => s.date === d);

  const signAll = async () => {
    [adm, dir, clin, desk, billing, admin] = await Promise.all(
      ['admissions', 'director', 'clinician', 'front_desk', 'billing', 'admin'].map((u) => signIn(srv.url, u)));
  };
  const advanceTo = async (ms) => { now = await srv.advance(Math.ceil((ms - now) / 1000)); await signAll(); };

  const admit = async (withPlan) => {
    const c = await adm.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const r = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: track.id, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: today,
    });
    assert.equal(r.status, 201, r.text);
    if (withPlan) {
      const p = await clin.post(`/api/v1/episodes/${r.json.id}/plans`, { problems: [{
        dimension: 5, statement: 'Drinking daily after work.',
        goals: [{ text: 'Get through evenings without a drink.', objectives: [
          { text: 'Name three triggers and a plan for each.', target_date: plusDays(today, 40) },
        ], interventions: [{ code: 'relapse_prevention', frequency: 'daily', staff_id: staff.clinician.id }] }],
      }] });
      assert.equal(p.status, 201, p.text);
      keys[c.json.id] = p.json.problems[0].goals[0].objectives.map((o) => o.key);
      // Reviews fall due in 10 days: day 12 is past it.
      const s = await clin.post(`/api/v1/plans/${p.json.id}/sign`, { review_days: 10 });
      assert.equal(s.status, 200, s.text);
    }
    return c.json;
  };
  const roster = (s, records) => desk.put(`/api/v1/sessions/${s.id}/attendance`, { records });
  // The day's group note: parts with objectives for `linked` clients; signed or not.
  const groupNote = async (s, linked, sign) => {
    const o = await clin.post(`/api/v1/sessions/${s.id}/note`);
    assert.ok(o.status === 201 || o.status === 200, o.text);
    const parts = o.json.parts.map((p) => ({ client_id: p.client_id, participation: 'active', response: 'Engaged.',
      ...(linked.includes(p.client_id) ? { objective_keys: keys[p.client_id] } : {}) }));
    const r = await clin.patch(`/api/v1/notes/${o.json.id}`, { shared: { content: 'Triggers and plans.', interventions: ['relapse_prevention'] }, parts });
    assert.equal(r.status, 200, r.text);
    if (sign) assert.equal((await clin.post(`/api/v1/notes/${o.json.id}/sign`)).status, 200);
    return o.json.id;
  };
  const days = async (api, id, q = '') => {
    const r = await api.get(`/api/v1/clients/${id}/billable-days${q}`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const byDate = (d) => Object.fromEntries(d.items.map((i) => [i.date, i]));

  let apptId, apptNote;

  before(async () => {
    srv = await startServer({ testClock: true });
    await signAll();
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    now = await srv.advance(0);
    today = localYmd(now);
    let r = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Billing mornings', level_of_care: '2.1', blocks: EVERY_DAY('06:00', 180) });
    assert.equal(r.status, 201, r.text);
    track = r.json;
    for (const [f, t] of [[1, 4], [12, 12]]) {
      const g = await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`, { from: plusDays(today, f), to: plusDays(today, t) });
      assert.equal(g.status, 200, g.text);
    }
    sessions = (await dir.get(`/api/v1/sessions?track_id=${track.id}&from=${plusDays(today, 1)}&to=${plusDays(today, 12)}&limit=200`)).json.items;
    cl.a = await admit(true);
    cl.b = await admit(true);
    cl.c = await admit(false);
    // Day 6, no group: an hour of individual therapy (the first free hour).
    let start = Date.parse(plusDays(today, 6) + 'T15:00:00Z');
    for (let i = 0; i < 16 && !apptId; i++, start += 1800e3) {
      const b = await desk.post(`/api/v1/clients/${cl.a.id}/appointments`, { kind: 'individual_therapy', site_id: 1, staff_id: staff.clinician.id, minutes: 60, starts_at: at(start) });
      if (b.status === 409) continue;
      assert.equal(b.status, 201, b.text);
      apptId = b.json.id;
    }
    assert.ok(apptId, 'no free hour on day 6');
    await advanceTo(Date.parse(plusDays(today, 7) + 'T18:00:00Z'));

    const everyone = [cl.a.id, cl.b.id, cl.c.id];
    const present = (ids, over = {}) => ids.map((id) => ({ client_id: id, status: 'present', ...(over[id] || {}) }));
    // Day 1: everyone present; signed; a and c's... c has no plan, b no objective.
    let s = sessionOn(plusDays(today, 1));
    assert.equal((await roster(s, present(everyone))).status, 200);
    await groupNote(s, [cl.a.id], true);
    // Day 2: a late by 30 minutes (150 minutes); signed and linked.
    s = sessionOn(plusDays(today, 2));
    assert.equal((await roster(s, present([cl.a.id, cl.b.id], { [cl.a.id]: { status: 'late', late_minutes: 30 } }))).status, 200);
    await groupNote(s, [cl.a.id, cl.b.id], true);
    // Day 3: a present; the note left a draft.
    s = sessionOn(plusDays(today, 3));
    assert.equal((await roster(s, present([cl.a.id]))).status, 200);
    await groupNote(s, [cl.a.id], false);
    // Day 4: a present; nobody wrote the note.
    s = sessionOn(plusDays(today, 4));
    assert.equal((await roster(s, present([cl.a.id]))).status, 200);
    // Day 6: the appointment attended, its note signed with the objective.
    r = await desk.put(`/api/v1/appointments/${apptId}/attendance`, { attendance: 'attended' });
    assert.equal(r.status, 200, r.text);
    const o = await clin.post(`/api/v1/appointments/${apptId}/note`);
    assert.equal(o.status, 201, o.text);
    apptNote = o.json.id;
    r = await clin.patch(`/api/v1/notes/${apptNote}`, { sections: { data: 'Named two triggers.', assessment: 'Engaged.', plan: 'Practise daily.' }, objective_keys: keys[cl.a.id] });
    assert.equal(r.status, 200, r.text);
    assert.equal((await clin.post(`/api/v1/notes/${apptNote}/sign`)).status, 200);
  });
  after(() => finish(srv));

  test('one item per day attended, each reason from a real scenario, in the fixed shape', async () => {
    const d = await days(billing, cl.a.id, `?from=${plusDays(today, 1)}&to=${plusDays(today, 7)}`);
    assertSchema('ClientBillableDays', d);
    assert.equal(d.total, d.items.length);
    assert.deepEqual(d.items.map((i) => i.date), [1, 2, 3, 4, 6].map((n) => plusDays(today, n)));
    for (const i of d.items) {
      for (const k of ['date', 'billable', 'code', 'minutes', 'reasons']) assert.ok(k in i, k);
      assert.equal(i.code, 'H0015');
      assert.equal(i.revenue_code, '0906');
    }
    const by = byDate(d);
    const one = by[plusDays(today, 1)];
    assert.equal(one.billable, true);
    assert.deepEqual(one.reasons, []);
    assert.equal(one.minutes, 180);
    assert.equal(one.units, 1);
    assert.equal(one.plan.version, 1);
    assert.equal(one.sessions[0].note_state, 'signed');
    assert.deepEqual(by[plusDays(today, 2)].reasons, ['under_three_hours']);
    assert.equal(by[plusDays(today, 2)].minutes, 150);
    assert.equal(by[plusDays(today, 2)].units, 0);
    assert.deepEqual(by[plusDays(today, 3)].reasons, ['note_unsigned']);
    assert.equal(by[plusDays(today, 3)].sessions[0].note_state, 'draft');
    assert.ok(by[plusDays(today, 3)].sessions[0].note_id);
    assert.deepEqual(by[plusDays(today, 4)].reasons, ['note_missing']);
    assert.equal(by[plusDays(today, 4)].sessions[0].note_id, null);
    // A day with only an appointment: documented, but an hour is not three.
    const six = by[plusDays(today, 6)];
    assert.deepEqual(six.reasons, ['under_three_hours']);
    assert.equal(six.sessions[0].kind, 'individual_therapy');
    assert.equal(six.sessions[0].appointment_id, apptId);
    assert.equal(six.sessions[0].note_id, apptNote);
    assert.equal(six.sessions[0].note_state, 'signed');
    assert.equal(d.totals.billable_days, 1);
    assert.equal(d.totals.not_billable_days, 4);
    assert.equal(d.totals.by_reason.under_three_hours, 2);

    // b: day 1 signed with no objective for b; day 2 billable.
    const b = byDate(await days(billing, cl.b.id, `?from=${plusDays(today, 1)}&to=${plusDays(today, 7)}`));
    assert.deepEqual(b[plusDays(today, 1)].reasons, ['no_objective_linked']);
    assert.equal(b[plusDays(today, 1)].sessions[0].note_state, 'no_objective');
    assert.equal(b[plusDays(today, 2)].billable, true);
    // c: no plan at all, and nothing to link: both reasons, in order.
    const c = byDate(await days(billing, cl.c.id, `?from=${plusDays(today, 1)}&to=${plusDays(today, 7)}`));
    assert.deepEqual(c[plusDays(today, 1)].reasons, ['no_objective_linked', 'plan_unsigned']);
    assert.equal(c[plusDays(today, 1)].plan, null);
  });

  test('signing the draft and writing the missing note make those days billable', async () => {
    const s3 = sessionOn(plusDays(today, 3));
    const draft = (await clin.post(`/api/v1/sessions/${s3.id}/note`)).json;
    assert.equal((await clin.post(`/api/v1/notes/${draft.id}/sign`)).status, 200);
    await groupNote(sessionOn(plusDays(today, 4)), [cl.a.id], true);
    const by = byDate(await days(dir, cl.a.id, `?from=${plusDays(today, 3)}&to=${plusDays(today, 4)}`));
    assert.equal(by[plusDays(today, 3)].billable, true);
    assert.equal(by[plusDays(today, 4)].billable, true);
  });

  test('a plan past its review date: plan_review_overdue, with every other reason too', async () => {
    const s = sessionOn(plusDays(today, 12));
    await advanceTo(Date.parse(s.starts_at) + 4 * 3600e3);
    assert.equal((await roster(s, [{ client_id: cl.a.id, status: 'left_early', left_early_minutes: 60 }, { client_id: cl.b.id, status: 'present' }])).status, 200);
    await groupNote(s, [cl.a.id, cl.b.id], true);
    const d = await days(dir, cl.a.id, `?from=${plusDays(today, 12)}&to=${plusDays(today, 12)}`);
    assert.equal(d.items.length, 1);
    assert.deepEqual(d.items[0].reasons, ['under_three_hours', 'plan_review_overdue']);
    assert.equal(d.items[0].plan.review_due_on, plusDays(today, 10));
    const b = await days(dir, cl.b.id, `?from=${plusDays(today, 12)}&to=${plusDays(today, 12)}`);
    assert.deepEqual(b.items[0].reasons, ['plan_review_overdue']);
  });

  test('from and to are checked, naming the field; at most 92 days', async () => {
    const base = `/api/v1/clients/${cl.a.id}/billable-days`;
    let r = await dir.get(`${base}?from=2026-13-01`);
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.from);
    r = await dir.get(`${base}?to=yesterday`);
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.to);
    r = await dir.get(`${base}?from=${plusDays(today, 5)}&to=${plusDays(today, 1)}`);
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields.to, /on or after from/);
    r = await dir.get(`${base}?from=${plusDays(today, -80)}&to=${plusDays(today, 12)}`);
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields.to, /92 days/);
    r = await dir.get(`${base}?from=${plusDays(today, -79)}&to=${plusDays(today, 12)}`);
    assert.equal(r.status, 200, r.text);
    assertError(await dir.get('/api/v1/clients/999999/billable-days'), 404, 'not_found');
    // The default: the last 30 days to today at the site.
    const d = await days(dir, cl.a.id);
    assert.equal(d.to, localYmd(now));
    assert.equal(d.from, plusDays(localYmd(now), -29));
    assert.ok(d.items.length >= 6);
  });

  test('the site list: billable=false, totals by reason, paging, checked input', async () => {
    const q = `site_id=1&from=${plusDays(today, 1)}&to=${plusDays(today, 12)}`;
    let r = await billing.get(`/api/v1/billable-days?${q}&limit=200`);
    assert.equal(r.status, 200, r.text);
    assertSchema('BillableDaysList', r.json);
    const mine = r.json.items.filter((i) => [cl.a.id, cl.b.id, cl.c.id].includes(i.client_id));
    assert.equal(mine.filter((i) => i.client_id === cl.a.id).length, 6);
    assert.equal(mine.filter((i) => i.client_id === cl.b.id).length, 3);
    assert.equal(mine.filter((i) => i.client_id === cl.c.id).length, 1);
    const all = r.json;
    // The site's days are the clients' own, read another way (set-based).
    for (const id of [cl.a.id, cl.b.id, cl.c.id]) {
      const own = (await days(billing, id, `?from=${plusDays(today, 1)}&to=${plusDays(today, 12)}`)).items;
      const listed = mine.filter((i) => i.client_id === id).map((i) => {
        const x = { ...i };
        for (const k of ['client_id', 'name', 'first_name', 'last_name', 'preferred_name', 'mrn']) delete x[k];
        return x;
      });
      assert.deepEqual(listed, own, `client ${id}`);
    }
    assert.equal(all.totals.billable_days + all.totals.not_billable_days, all.total);
    r = await billing.get(`/api/v1/billable-days?${q}&billable=false&limit=200`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.every((i) => !i.billable && i.reasons.length));
    assert.equal(r.json.total, all.totals.not_billable_days);
    assert.deepEqual(r.json.totals, all.totals);
    const c = r.json.items.find((i) => i.client_id === cl.c.id);
    assert.deepEqual(c.reasons, ['no_objective_linked', 'plan_unsigned']);
    assert.equal(c.mrn, cl.c.mrn);
    assert.ok(all.totals.by_reason.plan_review_overdue >= 2);
    r = await billing.get(`/api/v1/billable-days?${q}&billable=true&limit=2&offset=1`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length <= 2);
    assert.equal(r.json.total, all.totals.billable_days);

    r = await billing.get(`/api/v1/billable-days?from=${today}`);
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.site_id);
    r = await billing.get('/api/v1/billable-days?site_id=1&billable=maybe');
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.billable);
    r = await billing.get(`/api/v1/billable-days?site_id=1&from=${plusDays(today, -100)}&to=${today}`);
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.to);
    assertError(await billing.get('/api/v1/billable-days?site_id=9999'), 404, 'not_found');
    // The administrator does not read clients.
    assertError(await admin.get('/api/v1/billable-days?site_id=1'), 403, 'forbidden');
    assertError(await admin.get(`/api/v1/clients/${cl.a.id}/billable-days`), 403, 'forbidden');
  });

  test('audited: the client read on the client, the list naming the clients shown', async () => {
    const before = Number(sqlite(srv.db, `SELECT count(*) FROM audit WHERE action = 'billing.days' AND client_id = ${cl.b.id}`).trim());
    await days(billing, cl.b.id);
    assert.equal(Number(sqlite(srv.db, `SELECT count(*) FROM audit WHERE action = 'billing.days' AND client_id = ${cl.b.id}`).trim()), before + 1);
    const r = await billing.get(`/api/v1/billable-days?site_id=1&from=${plusDays(today, 1)}&to=${plusDays(today, 1)}&limit=200`);
    assert.equal(r.status, 200, r.text);
    const id = Number(sqlite(srv.db, "SELECT max(id) FROM audit WHERE action = 'billing.list'").trim());
    const named = sqlite(srv.db, `SELECT client_id FROM audit WHERE id = ${id} AND client_id <> 0
      UNION SELECT client_id FROM audit_about WHERE audit_id = ${id}`).trim().split('\n').filter(Boolean).map(Number);
    for (const c of [cl.a.id, cl.b.id, cl.c.id]) assert.ok(named.includes(c), `client ${c} named`);
    assert.ok(r.json.items.every((i) => named.includes(i.client_id)));
  });
});

// Measurement-based care (issue 13, item 7): the program's schedule of
// repeated instruments (defaults, validation naming fields with nothing
// written, who may change it, its audit row); a client's measures (the
// admission screening counts as the first, then due every N days, overdue
// after the grace; the score history); the worklist of measures due,
// audited on every client it shows; and a worsening raising one task for
// the primary clinician, none for a smaller rise or an improvement.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, assertSchema, finish, auditRows, sqlite, careTeam } from './helpers.mjs';

const DAY = 86400;
const fieldsOf = (r) => Object.keys((r.json && r.json.error && r.json.error.fields) || {}).sort();
// PHQ-9 answers adding up to total (item 9 stays 0: no safety alert).
const phq9 = (total) => { const a = Array(9).fill(0); for (let i = 0; total > 0; i = (i + 1) % 8) { a[i]++; total--; } return a; };
const gad7 = (total) => { const a = Array(7).fill(0); for (let i = 0; total > 0; i = (i + 1) % 7) { a[i]++; total--; } return a; };

describe('measurement-based care', () => {
  let srv;
  const api = {};
  const id = {};
  let client, other;
  const tasksOf = (c) => JSON.parse(sqlite(srv.db, `SELECT json_group_array(json_object('kind', kind, 'title', title, 'assigned_to', assigned_to)) FROM task WHERE client_id = ${c} AND kind = 'measure_worsened'`));
  const rowsFor = (action) => auditRows(srv.db).filter((r) => r.action === action);
  const item = async (c, code, as = 'clinician') => {
    const r = await api[as].get(`/api/v1/clients/${c}/measures`);
    assert.equal(r.status, 200, r.text);
    assertSchema('ClientMeasures', r.json);
    return r.json.items.find((x) => x.code === code);
  };
  const record = async (c, code, answers) => {
    const r = await api.clinician.post(`/api/v1/clients/${c}/instruments`, { code, answers, site_id: 1 });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };

  const users = ['admin', 'director', 'clinician', 'front_desk', 'admissions', 'nurse'];
  const signInAll = async () => {
    const signed = await Promise.all(users.map((u) => signIn(srv.url, u)));
    users.forEach((u, i) => { api[u] = signed[i]; });
  };
  // Days pass: the sessions end, so everyone signs in again.
  const advance = async (s) => { await srv.advance(s); await signInAll(); };

  before(async () => {
    srv = await startServer({ testClock: true });
    await signInAll();
    for (const s of (await api.admin.get('/api/v1/staff?limit=200')).json.items) id[s.username] = s.id;
    const a = await api.admissions.post('/api/v1/clients', clientBody({ first_name: 'Rowan' }));
    await careTeam(srv.url, a.json.id);
    const b = await api.admissions.post('/api/v1/clients', clientBody({ first_name: 'Sasha' }));
    await careTeam(srv.url, b.json.id);
    [client, other] = [a.json.id, b.json.id];
    for (const c of [client, other]) {
      const ep = await api.admissions.post(`/api/v1/clients/${c}/episodes`, {
        level: '2.1', site_id: 1, primary_clinician_id: id.clinician, privacy_notice_given: true,
      });
      assert.equal(ep.status, 201, ep.text);
    }
  });
  after(() => finish(srv));

  test('the schedule: defaults, readable by every role', async () => {
    const r = await api.front_desk.get('/api/v1/measures/schedule');
    assert.equal(r.status, 200, r.text);
    assertSchema('MeasureSchedule', r.json);
    const by = Object.fromEntries(r.json.items.map((x) => [x.code, [x.every_days, x.worsen_by, x.score]]));
    assert.deepEqual(by, { phq9: [14, 5, 'total'], gad7: [14, 5, 'total'], bam: [30, 2, 'use'] });
    assert.equal(r.json.grace_days, 3);
    assert.deepEqual(r.json.items[0].bands.map((b) => b.min), [0, 5, 10, 15, 20]);
  });

  test('the schedule: bad settings are named and nothing is written', async () => {
    const before = sqlite(srv.db, 'SELECT group_concat(code || every_days || worsen_by) FROM measure_schedule');
    let r = await api.director.patch('/api/v1/measures/schedule', {
      phq9: { every_days: 400, worsen_by: 5 }, gad7: { worsen_by: -1 }, audit: { every_days: 7 },
      bam: { every_days: 30, often: 2 },
    });
    assertError(r, 400, 'invalid');
    assert.deepEqual(fieldsOf(r), ['audit', 'bam.often', 'gad7.worsen_by', 'phq9.every_days']);
    r = await api.director.patch('/api/v1/measures/schedule', { phq9: { every_days: 14, worsen_by: 28 } });
    assertError(r, 400, 'invalid');
    assert.deepEqual(fieldsOf(r), ['phq9.worsen_by']);
    assert.match(r.json.error.fields['phq9.worsen_by'], /0 \(no task\) to 27/);
    r = await api.director.patch('/api/v1/measures/schedule', { gad7: 'weekly' });
    assert.deepEqual(fieldsOf(r), ['gad7']);
    r = await api.director.patch('/api/v1/measures/schedule', { gad7: { every_days: 'fortnightly', worsen_by: -3 } });
    assert.deepEqual(fieldsOf(r), ['gad7.every_days', 'gad7.worsen_by']);
    assert.match(r.json.error.fields['gad7.every_days'], /whole number/);
    assert.match(r.json.error.fields['gad7.worsen_by'], /from 0 \(no task\) to 21/);
    assert.equal(sqlite(srv.db, 'SELECT group_concat(code || every_days || worsen_by) FROM measure_schedule'), before);
    assert.equal(rowsFor('measure.schedule_update').length, 0);
  });

  test('the schedule: administrators and directors change it, clinicians may not; audited', async () => {
    assertError(await api.clinician.patch('/api/v1/measures/schedule', { phq9: { every_days: 7 } }), 403, 'forbidden');
    let r = await api.director.patch('/api/v1/measures/schedule', { bam: { every_days: 0 } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.find((x) => x.code === 'bam').every_days, 0);
    assert.equal(r.json.items.find((x) => x.code === 'bam').worsen_by, 2);
    r = await api.admin.patch('/api/v1/measures/schedule', { bam: { every_days: 30 } });
    assert.equal(r.status, 200, r.text);
    const rows = rowsFor('measure.schedule_update');
    assert.equal(rows.length, 2);
    assert.ok(!rows[0].client_id);
  });

  test('with no screening yet every repeated measure is due from the admission day', async () => {
    const x = await item(client, 'phq9');
    assert.equal(x.due.state, 'due');
    assert.equal(x.last, null);
    const due = await api.clinician.get('/api/v1/measures/due?mine=true');
    assert.equal(due.status, 200, due.text);
    const mine = due.json.items.filter((i) => i.client_id === client).map((i) => i.code).sort();
    assert.deepEqual(mine, ['bam', 'gad7', 'phq9']);
    assert.equal(due.json.items[0].client.first_name !== undefined, true);
    // One row, on the trail of every client shown, naming the measures listed.
    const shown = [...new Set(due.json.items.map((i) => i.client_id))].sort((a, b) => a - b);
    const row = rowsFor('measure.due_list').at(-1);
    const about = sqlite(srv.db, `SELECT client_id FROM audit_about WHERE audit_id = ${row.id} ORDER BY client_id`, { json: true }).map((a) => a.client_id);
    assert.deepEqual(about, shown);
    assert.ok(row.detail.includes(':phq9'), row.detail);
    assert.equal(rowsFor('measure.list').at(-1).client_id, client);
  });

  test('a screening counts; due again after N days, overdue after the grace', async () => {
    await record(client, 'phq9', phq9(4));
    let x = await item(client, 'phq9');
    assert.equal(x.due.state, 'not_due');
    assert.equal(x.last.value, 4);
    assert.equal(x.last.band, 'minimal');
    const today = (await api.clinician.get(`/api/v1/clients/${client}/measures`)).json.episode.today;
    const plus = (d, n) => new Date(Date.parse(d + 'T00:00:00Z') + n * DAY * 1000).toISOString().slice(0, 10);
    assert.equal(x.due.due_on, plus(today, 14));
    assert.equal(x.due.overdue_on, plus(today, 17));
    let due = await api.clinician.get('/api/v1/measures/due?mine=true');
    assert.ok(!due.json.items.some((i) => i.client_id === client && i.code === 'phq9'));
    await advance(14 * DAY);
    x = await item(client, 'phq9');
    assert.equal(x.due.state, 'due');
    await advance(3 * DAY);
    due = await api.clinician.get('/api/v1/measures/due?site_id=1');
    assertSchema('MeasuresDue', due.json);
    const it = due.json.items.find((i) => i.client_id === client && i.code === 'phq9');
    assert.equal(it.state, 'overdue');
    assert.equal(it.days_due, 3);
  });

  test('a worsening by the threshold raises one task for the primary clinician, in the same write', async () => {
    const rec = await record(client, 'phq9', phq9(10));		/* 4 -> 10: +6 */
    assertSchema('Screening', rec);
    assert.deepEqual([rec.worsening_task.from, rec.worsening_task.to, rec.worsening_task.assigned_to], [4, 10, id.clinician]);
    const t = tasksOf(client);
    assert.equal(t.length, 1);
    assert.equal(t[0].assigned_to, id.clinician);
    assert.match(t[0].title, /PHQ-9 total rose 6 points/);
    const x = await item(client, 'phq9');
    assert.deepEqual(x.history.map((p) => p.value), [4, 10]);
  });

  test('no task for a smaller rise or an improvement; exactly the threshold raises one', async () => {
    assert.equal((await record(client, 'phq9', phq9(13))).worsening_task, undefined);	/* +3 */
    await record(client, 'phq9', phq9(6));		/* better */
    assert.equal(tasksOf(client).length, 1);
    await record(other, 'gad7', gad7(2));
    await record(other, 'gad7', gad7(6));		/* +4 */
    assert.equal(tasksOf(other).length, 0);
    await record(other, 'gad7', gad7(11));		/* +5 */
    assert.equal(tasksOf(other).length, 1);
  });

  test('a setting of 0 raises no task', async () => {
    await api.director.patch('/api/v1/measures/schedule', { gad7: { worsen_by: 0 } });
    await record(other, 'gad7', gad7(21));
    assert.equal(tasksOf(other).length, 1);
    await api.director.patch('/api/v1/measures/schedule', { gad7: { worsen_by: 5 } });
  });

  test('who may read: screening readers; the chart carries the measures', async () => {
    assertError(await api.front_desk.get(`/api/v1/clients/${client}/measures`), 403, 'forbidden');
    assertError(await api.admin.get('/api/v1/measures/due'), 403, 'forbidden');
    assertError(await api.clinician.get('/api/v1/clients/999999/measures'), 404, 'not_found');
    assertError(await api.clinician.get('/api/v1/measures/due?mine=maybe'), 400, 'invalid');
    const ch = await api.nurse.get(`/api/v1/clients/${client}/chart`);
    assert.equal(ch.status, 200, ch.text);
    assert.ok(ch.json.measures.items.some((x) => x.code === 'phq9'));
    // The chart's row names the screenings the score histories showed.
    const ids = ch.json.measures.items.flatMap((x) => x.history.map((p) => p.id));
    assert.equal(ids.length, 4);
    assert.ok(rowsFor('client.chart_opened').at(-1).detail.includes(`; measures=${ids.join(',')};`));
  });
});

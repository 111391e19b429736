// Medications and drug screens (issue 13, items 5 and 6): the vocabulary
// (substances, panels, medications for addiction treatment), a medication
// list with MAT marked, edited, stopped and entered in error (kept, never
// deleted); drug screens recorded with their results or pending, the
// substances expected from the medications taken on the collection date,
// unexpected results flagged both ways (a positive not prescribed, a
// negative for one prescribed), one review task for the client's primary
// clinician, corrections kept; validation naming fields with nothing
// written, who may, and the audit rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, finish, auditRows, sqlite } from './helpers.mjs';

const DAY = 86400e3;
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const fieldsOf = (r) => Object.keys((r.json && r.json.error && r.json.error.fields) || {}).sort();
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

const CUP12 = ['amphetamines', 'barbiturates', 'benzodiazepines', 'buprenorphine', 'cocaine',
  'mdma', 'methadone', 'methamphetamine', 'opiates', 'oxycodone', 'pcp', 'thc'];
const cup = (positives = []) => Object.fromEntries(CUP12.map((s) => [s, positives.includes(s) ? 'positive' : 'negative']));

describe('medications and drug screens', () => {
  let srv;
  const api = {};
  const id = {};
  let client;     // admitted, the clinician is the primary clinician
  let other;      // no episode
  const count = (table) => Number(sqlite(srv.db, `SELECT count(*) FROM ${table}`).trim());
  const rowsFor = (action) => auditRows(srv.db).filter((r) => r.action === action);

  before(async () => {
    srv = await startServer();
    const users = ['admin', 'director', 'clinician', 'case_manager', 'prescriber', 'nurse',
      'admissions', 'front_desk', 'billing'];
    const signed = await Promise.all(users.map((u) => signIn(srv.url, u)));
    users.forEach((u, i) => { api[u] = signed[i]; });
    for (const s of (await api.admin.get('/api/v1/staff?limit=200')).json.items) id[s.username] = s.id;
    const a = await api.admissions.post('/api/v1/clients', clientBody({ first_name: 'Dana' }));
    const b = await api.admissions.post('/api/v1/clients', clientBody({ first_name: 'Eli' }));
    assert.equal(a.status, 201, a.text);
    [client, other] = [a.json.id, b.json.id];
    const ep = await api.admissions.post(`/api/v1/clients/${client}/episodes`, {
      level: '2.1', site_id: 1, primary_clinician_id: id.clinician, privacy_notice_given: true,
    });
    assert.equal(ep.status, 201, ep.text);
  });
  after(() => finish(srv));

  test('the vocabulary: substances, panels and the medications for addiction treatment', async () => {
    const r = await api.nurse.get('/api/v1/vocabularies/drug-screens');
    assert.equal(r.status, 200, r.text);
    const cup12 = r.json.panels.find((p) => p.code === 'cup12');
    assert.deepEqual(cup12.substances, CUP12);
    assert.equal(cup12.method, 'point_of_care');
    const mats = Object.fromEntries(r.json.medications_for_addiction.map((m) => [m.code, m.expected]));
    assert.deepEqual(mats, { buprenorphine: ['buprenorphine'], methadone: ['methadone'], naltrexone: [], acamprosate: [], disulfiram: [] });
    assert.ok(r.json.substances.some((s) => s.code === 'fentanyl'));
    assert.deepEqual(r.json.results, ['positive', 'negative', 'not_tested']);
    assertError(await api.front_desk.get('/api/v1/vocabularies/drug-screens'), 403, 'forbidden');
  });

  let bup;
  test('a medication for addiction treatment takes its expected substances; audited on the client', async () => {
    const r = await api.prescriber.post(`/api/v1/clients/${client}/medications`, {
      name: 'Buprenorphine-naloxone', mat: 'buprenorphine', dose: '8 mg/2 mg daily',
      prescriber_id: id.prescriber, start_date: day(Date.now() - 30 * DAY),
    });
    assert.equal(r.status, 201, r.text);
    bup = r.json;
    assert.equal(bup.mat, 'buprenorphine');
    assert.deepEqual(bup.expected, ['buprenorphine']);
    assert.equal(bup.prescriber_outside, false);
    assert.equal(bup.status, 'active');
    const row = rowsFor('medication.create').at(-1);
    assert.equal(row.client_id, client);
    assert.equal(row.record_id, bup.id);
  });

  test('an outside prescription names its expected substance; nurses add medications too', async () => {
    const r = await api.nurse.post(`/api/v1/clients/${client}/medications`, {
      name: 'Clonazepam', dose: '0.5 mg at night', prescriber_name: 'Dr. Outside Example',
      expected: ['benzodiazepines'], start_date: day(Date.now() - 60 * DAY),
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.mat, null);
    assert.deepEqual(r.json.expected, ['benzodiazepines']);
    assert.equal(r.json.prescriber_name, 'Dr. Outside Example');
    assert.equal(r.json.prescriber_outside, true);
  });

  test('a bad medication names every field at fault and writes nothing', async () => {
    const n0 = count('medication');
    const r = await api.prescriber.post(`/api/v1/clients/${client}/medications`, {
      name: '', mat: 'heroin', expected: ['chocolate'], start_date: '2026-02-30',
    });
    assertError(r, 400, 'invalid');
    const fields = fieldsOf(r);
    for (const f of ['expected', 'start_date']) assert.ok(fields.includes(f), r.text);
    const r2 = await api.prescriber.post(`/api/v1/clients/${client}/medications`, { name: 'X', mat: 'heroin' });
    assertError(r2, 400, 'invalid');
    assert.deepEqual(fieldsOf(r2), ['mat', 'prescriber_id']);
    const r3 = await api.prescriber.post(`/api/v1/clients/${client}/medications`, {
      name: 'X', prescriber_id: id.prescriber, prescriber_name: 'Dr. Both', start_date: '2026-03-10', stop_date: '2026-03-01',
    });
    assert.deepEqual(fieldsOf(r3), ['prescriber_name', 'stop_date']);
    assertError(await api.prescriber.post(`/api/v1/clients/999999/medications`, { name: 'X', prescriber_name: 'Y' }), 404, 'not_found');
    assert.equal(count('medication'), n0);
  });

  test('who may: clinical staff write; case managers read; the front desk and billing neither', async () => {
    const body = { name: 'Naltrexone', mat: 'naltrexone', prescriber_name: 'Dr. Outside Example' };
    assertError(await api.front_desk.post(`/api/v1/clients/${other}/medications`, body), 403, 'forbidden');
    assertError(await api.billing.get(`/api/v1/clients/${other}/medications`), 403, 'forbidden');
    assertError(await api.case_manager.post(`/api/v1/clients/${other}/medications`, body), 403, 'forbidden');
    assert.equal((await api.case_manager.get(`/api/v1/clients/${other}/medications`)).status, 200);
    assertError(await api.front_desk.get(`/api/v1/clients/${other}/drug-screens`), 403, 'forbidden');
    assertError(await api.front_desk.post(`/api/v1/clients/${other}/drug-screens`,
      { collected_at: at(Date.now()), method: 'point_of_care', panel: 'cup12', results: cup() }), 403, 'forbidden');
  });

  let screen;
  test('a cup with one positive not prescribed and a negative for the prescribed buprenorphine is flagged both ways; one task for the primary clinician', async () => {
    const tasks0 = count('task');
    const r = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: at(Date.now() - 3600e3), method: 'point_of_care', observed: true, panel: 'cup12',
      results: cup(['cocaine', 'benzodiazepines']),
    });
    assert.equal(r.status, 201, r.text);
    screen = r.json;
    assert.equal(screen.status, 'resulted');
    assert.equal(screen.observed, true);
    assert.deepEqual(screen.expected, ['benzodiazepines', 'buprenorphine']);
    assert.equal(screen.flagged, true);
    assert.deepEqual(screen.unexpected.map((u) => [u.substance, u.result]),
      [['buprenorphine', 'negative'], ['cocaine', 'positive']]);
    assert.match(screen.unexpected[1].words, /positive for cocaine, which is not prescribed/);
    assert.match(screen.unexpected[0].words, /negative for buprenorphine, which is prescribed/);
    assert.equal(count('task'), tasks0 + 1);
    const mine = (await api.clinician.get('/api/v1/tasks?limit=200')).json.items.filter((t) => t.client_id === client);
    assert.equal(mine.length, 1, JSON.stringify(mine));
    assert.equal(mine[0].kind, 'drug_screen_review');
    assert.equal(mine[0].id, screen.task_id);
    const row = rowsFor('drug_screen.record').at(-1);
    assert.equal(row.client_id, client);
    assert.doesNotMatch(row.detail, /cocaine|buprenorphine/, 'the audit detail names no substance');
  });

  test('a correction keeps the earlier results and raises no second task', async () => {
    const tasks0 = count('task');
    const r = await api.prescriber.put(`/api/v1/drug-screens/${screen.id}/results`, { results: cup(['buprenorphine', 'benzodiazepines', 'thc']) });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.corrections, 1);
    assert.deepEqual(r.json.unexpected.map((u) => u.substance), ['thc']);
    assert.equal(r.json.task_id, screen.task_id);
    assert.equal(count('task'), tasks0);
    assert.equal(count('drug_screen_revision'), 1);
    const row = rowsFor('drug_screen.results').at(-1);
    assert.equal(row.client_id, client);
    assert.equal(row.record_id, screen.id);
    // The earlier results stay readable, with who entered and replaced them.
    const one = await api.case_manager.get(`/api/v1/drug-screens/${screen.id}`);
    assert.equal(one.status, 200, one.text);
    assert.equal(one.json.history.length, 1);
    assert.equal(one.json.history[0].results.cocaine, 'positive');
    assert.deepEqual(one.json.history[0].unexpected, ['buprenorphine', 'cocaine']);
    assert.ok(one.json.history[0].resulted_by_name);
    assert.ok(one.json.history[0].replaced_by_name);
    const read = rowsFor('drug_screen.read').at(-1);
    assert.equal(read.client_id, client);
    assertError(await api.front_desk.get(`/api/v1/drug-screens/${screen.id}`), 403, 'forbidden');
    assertError(await api.nurse.get('/api/v1/drug-screens/999999'), 404, 'not_found');
  });

  test('a screen as prescribed is not flagged and raises no task', async () => {
    const tasks0 = count('task');
    const r = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: at(Date.now() - 2 * DAY), method: 'point_of_care', panel: 'cup12',
      results: cup(['buprenorphine', 'benzodiazepines']),
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.flagged, false);
    assert.deepEqual(r.json.unexpected, []);
    assert.equal(r.json.task_id, null);
    assert.equal(count('task'), tasks0);
  });

  test('a lab screen is pending until its results arrive; then resulted and flagged', async () => {
    const r = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: at(Date.now() - DAY), method: 'lab', observed: false, panel: 'lab_full',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'pending');
    assert.equal(r.json.results, null);
    assert.equal(r.json.flagged, false);
    const v = (await api.nurse.get('/api/v1/vocabularies/drug-screens')).json;
    const full = v.panels.find((p) => p.code === 'lab_full').substances;
    const results = Object.fromEntries(full.map((s) => [s, ['buprenorphine', 'benzodiazepines', 'fentanyl'].includes(s) ? 'positive' : s === 'alcohol' ? 'not_tested' : 'negative']));
    const p = await api.nurse.put(`/api/v1/drug-screens/${r.json.id}/results`, { results });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.status, 'resulted');
    assert.equal(p.json.corrections, 0);
    assert.equal(p.json.results.alcohol, 'not_tested');
    assert.deepEqual(p.json.unexpected.map((u) => u.substance), ['fentanyl']);
    assert.ok(p.json.task_id);
  });

  test('a bad screen names its fields and writes nothing', async () => {
    const n0 = count('drug_screen');
    const r = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: 'yesterday', method: 'swab', panel: 'cup99',
    });
    assertError(r, 400, 'invalid');
    assert.deepEqual(fieldsOf(r), ['collected_at', 'method', 'panel']);
    const partial = cup();
    delete partial.thc;
    partial.fentanyl = 'negative';
    partial.cocaine = 'maybe';
    const r2 = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: at(Date.now()), method: 'point_of_care', panel: 'cup12', results: partial,
    });
    assertError(r2, 400, 'invalid');
    assert.deepEqual(fieldsOf(r2), ['results.cocaine']);
    delete partial.cocaine;
    partial.cocaine = 'negative';
    const r3 = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: at(Date.now()), method: 'point_of_care', panel: 'cup12', results: partial,
    });
    assert.deepEqual(fieldsOf(r3), ['results.fentanyl', 'results.thc']);
    const r4 = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: at(Date.now() + 2 * DAY), method: 'lab', panel: 'lab_full',
    });
    assert.deepEqual(fieldsOf(r4), ['collected_at']);
    const r5 = await api.nurse.put(`/api/v1/drug-screens/${screen.id}/results`, { results: { thc: 'positive' } });
    assertError(r5, 400, 'invalid');
    assert.ok(fieldsOf(r5).includes('results.cocaine'), r5.text);
    assertError(await api.nurse.put('/api/v1/drug-screens/999999/results', { results: cup() }), 404, 'not_found');
    assert.equal(count('drug_screen'), n0);
    assert.equal(count('drug_screen_revision'), 1);
  });

  test('a stopped medication is no longer expected after its stop date', async () => {
    const s = await api.prescriber.patch(`/api/v1/medications/${bup.id}`, { stop_date: day(Date.now() - 3 * DAY) });
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'stopped');
    assert.equal(s.json.earlier_versions, 1);
    assert.equal(rowsFor('medication.update').at(-1).detail, 'changed=stop_date');
    const r = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: at(Date.now()), method: 'point_of_care', panel: 'cup12', results: cup(['benzodiazepines']),
    });
    assert.deepEqual(r.json.expected, ['benzodiazepines']);
    assert.equal(r.json.flagged, false);
  });

  test('a medication\'s history: every earlier version with its dose, dates, who made it and who replaced it; audited on the client', async () => {
    const d = await api.prescriber.patch(`/api/v1/medications/${bup.id}`, { dose: '12 mg/3 mg daily' });
    assert.equal(d.status, 200, d.text);
    assert.equal(d.json.earlier_versions, 2);
    const r = await api.case_manager.get(`/api/v1/medications/${bup.id}/history`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.medication_id, bup.id);
    assert.equal(r.json.client_id, client);
    assert.equal(r.json.total, 2);
    const [before, first] = r.json.items;       // newest first
    // The first version as created: the first dose, no stop date, made by its creator.
    assert.equal(first.dose, '8 mg/2 mg daily');
    assert.equal(first.stop_date, null);
    assert.equal(first.start_date, bup.start_date);
    assert.equal(first.mat, 'buprenorphine');
    assert.equal(first.prescriber_id, id.prescriber);
    assert.equal(first.changed_by, id.prescriber);
    assert.ok(first.changed_by_name);
    assert.equal(first.changed_at, bup.created_at);
    assert.equal(first.replaced_by, id.prescriber);
    assert.ok(first.replaced_at);
    // The stopped version the dose change replaced.
    assert.equal(before.dose, '8 mg/2 mg daily');
    assert.equal(before.stop_date, day(Date.now() - 3 * DAY));
    assert.equal(before.entered_in_error, false);
    assert.equal(before.error_reason, null);
    const row = rowsFor('medication.history').at(-1);
    assert.equal(row.client_id, client);
    assert.equal(row.record_id, bup.id);
    // A medication never changed has none; front desk may not read; none there: 404.
    const fresh = await api.nurse.post(`/api/v1/clients/${client}/medications`, { name: 'Acamprosate', mat: 'acamprosate', prescriber_id: id.prescriber });
    const none = await api.nurse.get(`/api/v1/medications/${fresh.json.id}/history`);
    assert.deepEqual([none.status, none.json.total, none.json.items], [200, 0, []]);
    assertError(await api.front_desk.get(`/api/v1/medications/${bup.id}/history`), 403, 'forbidden');
    assertError(await api.nurse.get('/api/v1/medications/999999/history'), 404, 'not_found');
  });

  test('entered in error: needs a reason, is kept, and cannot be changed after', async () => {
    const m = await api.prescriber.post(`/api/v1/clients/${other}/medications`, { name: 'Disulfiram', mat: 'disulfiram', prescriber_id: id.prescriber });
    assert.equal(m.status, 201, m.text);
    const noReason = await api.prescriber.patch(`/api/v1/medications/${m.json.id}`, { entered_in_error: true });
    assertError(noReason, 400, 'invalid');
    assert.deepEqual(fieldsOf(noReason), ['error_reason']);
    const ok = await api.prescriber.patch(`/api/v1/medications/${m.json.id}`, { entered_in_error: true, error_reason: 'Entered on the wrong client.' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.status, 'entered_in_error');
    assertError(await api.prescriber.patch(`/api/v1/medications/${m.json.id}`, { dose: '250 mg' }), 409, 'conflict');
    const list = (await api.prescriber.get(`/api/v1/clients/${other}/medications`)).json.items;
    assert.equal(list.find((x) => x.id === m.json.id).error_reason, 'Entered on the wrong client.');
    assertError(await api.prescriber.patch(`/api/v1/medications/${m.json.id}`, {}), 400, 'invalid');
    assertError(await api.prescriber.patch(`/api/v1/medications/${m.json.id}`, { colour: 'red' }), 400, 'invalid');
  });

  test('a drug screen entered in error: needs a reason, is kept readable, takes no more results; its open review task is closed', async () => {
    const r = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: at(Date.now() - 1800e3), method: 'point_of_care', panel: 'cup12', results: cup(['buprenorphine', 'benzodiazepines', 'cocaine']),
    });
    assert.equal(r.status, 201, r.text);
    const s = r.json;
    assert.ok(s.task_id);
    assert.equal(s.entered_in_error, false);
    assert.equal(s.error_reason, null);
    const url = `/api/v1/drug-screens/${s.id}/entered-in-error`;
    const was = sqlite(srv.db, `SELECT * FROM drug_screen WHERE id = ${s.id}`);
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 7 }]) {
      const bad = await api.nurse.post(url, body);
      assertError(bad, 400, 'invalid', JSON.stringify(body));
      assert.deepEqual(fieldsOf(bad), ['reason']);
    }
    assertError(await api.front_desk.post(url, { reason: 'Wrong client.' }), 403, 'forbidden');
    assertError(await api.case_manager.post(url, { reason: 'Wrong client.' }), 403, 'forbidden');
    assertError(await api.nurse.post('/api/v1/drug-screens/999999/entered-in-error', { reason: 'Wrong client.' }), 404, 'not_found');
    assert.equal(sqlite(srv.db, `SELECT * FROM drug_screen WHERE id = ${s.id}`), was, 'nothing written');

    const ok = await api.prescriber.post(url, { reason: 'Cup labelled for another client.' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.entered_in_error, true);
    assert.equal(ok.json.error_reason, 'Cup labelled for another client.');
    assert.ok(ok.json.error_by_name);
    assert.ok(ok.json.error_at);
    // Kept: the results stay readable.
    assert.equal(ok.json.results.cocaine, 'positive');
    assert.equal(ok.json.status, 'resulted');
    // The review task, still open, is closed: nothing is left to review.
    const task = sqlite(srv.db, `SELECT done_at > 0, done_by, response FROM task WHERE id = ${s.task_id}`).trim().split('|');
    assert.deepEqual(task.slice(0, 2), ['1', String(id.prescriber)]);
    assert.match(task[2], /entered in error/);
    // Once only; no more results.
    assertError(await api.prescriber.post(url, { reason: 'Again.' }), 409, 'conflict');
    const res = await api.nurse.put(`/api/v1/drug-screens/${s.id}/results`, { results: cup(['buprenorphine', 'benzodiazepines']) });
    assertError(res, 409, 'conflict');
    assert.match(res.json.error.message, /entered in error/);
    assert.equal((await api.clinician.get(`/api/v1/drug-screens/${s.id}`)).json.corrections, 0);
    const listed = (await api.clinician.get(`/api/v1/clients/${client}/drug-screens`)).json.items.find((x) => x.id === s.id);
    assert.equal(listed.entered_in_error, true);
    const row = rowsFor('drug_screen.entered_in_error').at(-1);
    assert.equal(row.client_id, client);
    assert.equal(row.record_id, s.id);
    assert.equal(row.detail, 'entered in error; review task closed');
    // A screen whose task was done already: the task is left as it was.
    const r2 = await api.nurse.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: at(Date.now() - 1700e3), method: 'point_of_care', panel: 'cup12', results: cup(['buprenorphine', 'benzodiazepines', 'pcp']),
    });
    assert.equal((await api.clinician.post(`/api/v1/tasks/${r2.json.task_id}/done`, { response: 'Talked it through.' })).status, 200);
    const ok2 = await api.nurse.post(`/api/v1/drug-screens/${r2.json.id}/entered-in-error`, { reason: 'Wrong client.' });
    assert.equal(ok2.status, 200, ok2.text);
    assert.equal(sqlite(srv.db, `SELECT response FROM task WHERE id = ${r2.json.task_id}`).trim(), 'Talked it through.');
    assert.equal(rowsFor('drug_screen.entered_in_error').at(-1).detail, 'entered in error');
  });

  test('the chart carries both lists in its one answer', async () => {
    const r = await api.clinician.get(`/api/v1/clients/${client}/chart`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.medications.items.length >= 2);
    assert.ok(r.json.drug_screens.items.length >= 4);
    const row = rowsFor('client.chart_opened').at(-1);
    assert.match(row.detail, /medications=\d/);
    assert.match(row.detail, /drug_screens=\d/);
    const fd = await api.front_desk.get(`/api/v1/clients/${client}/chart`);
    assert.equal(fd.json.drug_screens, undefined);
  });
});

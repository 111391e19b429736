// Issue 11, defect 5: screening and the level-of-care assessment on an
// inquiry, before there is a client record (no MRN for someone who may
// never come). A risk flag still raises an alert whose task names the
// inquiry and goes to the clinician on duty; conversion carries the
// screenings, assessments, alerts and tasks to the new client in its one
// transaction; every read and write is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, uniq, cap, finish, assertError, assertSchema, auditRows, sqlite } from './helpers.mjs';

const PHQ9_RISK = [0, 0, 0, 0, 0, 0, 0, 0, 1];   // item 9 above zero
const HOUR = 3600e3;
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';

let srv;
let adm;
let clin;
let clinId;
let admin;

before(async () => {
  srv = await startServer();
  adm = await signIn(srv.url, 'admissions');
  clin = await signIn(srv.url, 'clinician');
  admin = await signIn(srv.url, 'admin');
  clinId = (await clin.get('/api/v1/me')).json.user.id;
});
after(() => finish(srv));

const newInquiry = async () => {
  const r = await adm.post('/api/v1/inquiries', { kind: 'phone', name: `Quinn ${cap(uniq(8))}`, phone: '312-555-0190' });
  assert.equal(r.status, 201, r.text);
  return r.json;
};
const clientCount = () => Number(sqlite(srv.db, 'SELECT count(*) FROM client').trim());

test('admissions screens and assesses on an inquiry: no client record, no MRN', async () => {
  const q = await newInquiry();
  const clients = clientCount();
  const s = await adm.post(`/api/v1/inquiries/${q.id}/screenings`, { code: 'gad7', answers: [1, 1, 1, 1, 0, 0, 0] });
  assert.equal(s.status, 201, s.text);
  assertSchema('Screening', s.json);
  assert.deepEqual([s.json.client_id, s.json.inquiry_id, s.json.code, s.json.voided], [null, q.id, 'gad7', null]);
  const p = await adm.post(`/api/v1/inquiries/${q.id}/placements`, { ratings: { d1: 0, d2: 0, d3: 1, d4: 2, d5: 2, d6: 1 }, chosen_level: '2.1' });
  assert.equal(p.status, 201, p.text);
  assertSchema('Placement', p.json);
  assert.deepEqual([p.json.client_id, p.json.inquiry_id], [null, q.id]);
  assert.equal(clientCount(), clients, 'no client was made');

  const list = await adm.get(`/api/v1/inquiries/${q.id}/screenings`);
  assert.equal(list.status, 200, list.text);
  assertSchema('ScreeningList', list.json);
  assert.deepEqual(list.json.items.map((x) => x.id), [s.json.id]);
  const pl = await adm.get(`/api/v1/inquiries/${q.id}/placements`);
  assertSchema('PlacementList', pl.json);
  assert.deepEqual(pl.json.items.map((x) => x.id), [p.json.id]);

  // Audited: the writes name the records, the reads the inquiry.
  const rows = auditRows(srv.db);
  const rec = rows.find((a) => a.action === 'screening.record' && a.record_id === s.json.id);
  assert.ok(rec, 'screening.record audited');
  assert.ok(!rec.client_id, 'on no client: there is none yet');
  assert.ok(rows.find((a) => a.action === 'placement.record' && a.record_id === p.json.id), 'placement.record audited');
  assert.ok(rows.find((a) => a.action === 'screening.list' && a.record_type === 'inquiry' && a.record_id === q.id), 'screening.list on the inquiry');
  assert.ok(rows.find((a) => a.action === 'placement.list' && a.record_type === 'inquiry' && a.record_id === q.id), 'placement.list on the inquiry');

  // An unknown inquiry is 404; a bad body names its field; front desk may not.
  assertError(await adm.post('/api/v1/inquiries/999999/screenings', { code: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] }), 404, 'not_found');
  const bad = await adm.post(`/api/v1/inquiries/${q.id}/screenings`, { code: 'nope', answers: [] });
  assertError(bad, 400, 'invalid');
  assert.ok('code' in bad.json.error.fields);
  const desk = await signIn(srv.url, 'front_desk');
  assertError(await desk.post(`/api/v1/inquiries/${q.id}/screenings`, { code: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] }), 403, 'forbidden');
});

test("a risk flag on an inquiry's screening raises an alert routed to the clinician on duty, with the inquiry shown", async () => {
  const q = await newInquiry();
  const now = Date.now();
  const shift = await admin.post('/api/v1/sites/1/duty', { staff_id: clinId, starts_at: at(now - HOUR / 2), ends_at: at(now + 2 * HOUR) });
  assert.equal(shift.status, 201, shift.text);
  const s = await adm.post(`/api/v1/inquiries/${q.id}/screenings`, { code: 'phq9', answers: PHQ9_RISK, site_id: 1 });
  assert.equal(s.status, 201, s.text);
  assert.equal(s.json.alert_task.assigned_to, clinId);
  assert.match(s.json.alert_task.why, /on duty/);

  const alerts = await clin.get(`/api/v1/inquiries/${q.id}/alerts`);
  assert.equal(alerts.status, 200, alerts.text);
  assertSchema('AlertList', alerts.json);
  assert.equal(alerts.json.total, 1);
  const al = alerts.json.items[0];
  assert.deepEqual([al.client_id, al.source_id, al.open], [null, s.json.id, true]);

  const task = (await clin.get('/api/v1/tasks')).json.items.find((t) => t.alert_id === al.id);
  assert.ok(task, 'the clinician on duty has the task');
  assert.deepEqual([task.inquiry_id, task.inquiry_name, task.client_id], [q.id, q.name, null]);
  // No chart to open and no admissions board for the clinician: the task
  // says how to reach the person, and the read names the inquiry.
  assert.deepEqual(task.inquiry_contact, { phone: '312-555-0190', email: '', best_time: '', ok_voicemail: null });
  const read = auditRows(srv.db).filter((a) => a.action === 'task.list' && a.username === 'clinician').pop();
  assert.ok(read && read.detail.includes(`inquiry contact shown=${q.id}`), JSON.stringify(read));
  assert.equal((await admin.del(`/api/v1/duty/${shift.json.id}`)).status < 300, true);
});

test('conversion carries the screenings, assessments, alerts and their tasks to the new client', async () => {
  const q = await newInquiry();
  const s = await adm.post(`/api/v1/inquiries/${q.id}/screenings`, { code: 'phq9', answers: PHQ9_RISK });
  assert.equal(s.status, 201, s.text);
  const p = await adm.post(`/api/v1/inquiries/${q.id}/placements`, { ratings: { d1: 0, d2: 0, d3: 1, d4: 2, d5: 2, d6: 1 }, chosen_level: '2.1' });
  assert.equal(p.status, 201, p.text);

  const conv = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1990-04-05', sex: 'female' });
  assert.equal(conv.status, 200, conv.text);
  const cid = conv.json.client_id;
  assert.ok(cid);

  const chart = await adm.get(`/api/v1/clients/${cid}/instruments`);
  assert.deepEqual(chart.json.items.map((x) => [x.id, x.client_id, x.inquiry_id]), [[s.json.id, cid, q.id]]);
  const places = await adm.get(`/api/v1/clients/${cid}/placements`);
  assert.deepEqual(places.json.items.map((x) => [x.id, x.client_id]), [[p.json.id, cid]]);
  const alerts = await adm.get(`/api/v1/clients/${cid}/alerts`);
  assert.equal(alerts.json.total, 1, 'the alert is on the chart');
  assert.equal(alerts.json.items[0].source_id, s.json.id);
  const [task] = sqlite(srv.db, `SELECT client_id, inquiry_id FROM task WHERE alert_id = ${alerts.json.items[0].id}`, { json: true });
  assert.deepEqual(task, { client_id: cid, inquiry_id: q.id });
  // Still listed on the inquiry, now as the client's.
  assert.equal((await adm.get(`/api/v1/inquiries/${q.id}/screenings`)).json.items[0].client_id, cid);
  // The conversion's audit row says what it carried.
  const row = auditRows(srv.db).find((a) => a.action === 'inquiry.convert' && a.record_id === q.id);
  assert.match(row.detail, /carried 1 screening\(s\) and 1 assessment\(s\)/);

  // A screening on a converted inquiry is the client's at once.
  const later = await adm.post(`/api/v1/inquiries/${q.id}/screenings`, { code: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] });
  assert.equal(later.status, 201, later.text);
  assert.deepEqual([later.json.client_id, later.json.inquiry_id], [cid, q.id]);
});

test('merging two inquiries moves the screenings and assessments to the one kept', async () => {
  const a = await newInquiry();
  const b = await newInquiry();
  const s = await adm.post(`/api/v1/inquiries/${b.id}/screenings`, { code: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] });
  assert.equal(s.status, 201, s.text);
  const m = await adm.post(`/api/v1/inquiries/${a.id}/merge`, { from_id: b.id });
  assert.equal(m.status, 200, m.text);
  assert.deepEqual((await adm.get(`/api/v1/inquiries/${a.id}/screenings`)).json.items.map((x) => x.id), [s.json.id]);
  assert.equal((await adm.get(`/api/v1/inquiries/${b.id}/screenings`)).json.total, 0);
});

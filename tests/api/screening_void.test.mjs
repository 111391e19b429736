// Issue 11, defect 10 (screening): a screening entered in error is voided
// with a required reason. It is kept, shown with who voided it, when and
// why; nothing else of it changes; its open alerts are closed as "the
// screening that raised it was voided" (kept in the alert history) with
// their tasks; a second void is refused; the void is audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, finish, assertError, assertSchema, auditRows, sqlite } from './helpers.mjs';

const PHQ9_RISK = [0, 0, 0, 0, 0, 0, 0, 0, 1];

let srv;
let clin;
let clinId;

before(async () => {
  srv = await startServer();
  clin = await signIn(srv.url, 'clinician');
  clinId = (await clin.get('/api/v1/me')).json.user.id;
});
after(() => finish(srv));

const newClient = async () => {
  const r = await clin.post('/api/v1/clients', clientBody());
  assert.equal(r.status, 201, r.text);
  return r.json.id;
};

test('a voided screening is kept with who, when and why; its open alert is closed, not deleted', async () => {
  const cid = await newClient();
  const s = await clin.post(`/api/v1/clients/${cid}/instruments`, { code: 'phq9', answers: PHQ9_RISK });
  assert.equal(s.status, 201, s.text);
  const before = sqlite(srv.db, `SELECT answers, scores, band, flags, administered_at FROM screening WHERE id = ${s.json.id}`, { json: true });
  const [alert] = (await clin.get(`/api/v1/clients/${cid}/alerts?open=true`)).json.items;
  assert.ok(alert && alert.open);

  // A reason is required.
  for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
    const r = await clin.post(`/api/v1/screenings/${s.json.id}/void`, body);
    assertError(r, 400, 'invalid');
    assert.ok('reason' in r.json.error.fields, r.text);
  }
  assert.equal(sqlite(srv.db, `SELECT voided_at FROM screening WHERE id = ${s.json.id}`).trim(), '0', 'nothing voided');

  const v = await clin.post(`/api/v1/screenings/${s.json.id}/void`, { reason: 'Entered on the wrong client' });
  assert.equal(v.status, 200, v.text);
  assertSchema('Screening', v.json);
  assert.equal(v.json.voided.reason, 'Entered on the wrong client');
  assert.equal(v.json.voided.by_id, clinId);
  assert.equal(v.json.voided.by, 'clinician');
  assert.match(v.json.voided.at, /^\d{4}-\d\d-\d\dT/);
  assert.equal(v.json.alerts_closed, 1);

  // Kept, listed, marked; nothing of what was recorded changed.
  const list = (await clin.get(`/api/v1/clients/${cid}/instruments`)).json.items;
  assert.deepEqual(list.map((x) => [x.id, x.voided && x.voided.reason]), [[s.json.id, 'Entered on the wrong client']]);
  assert.deepEqual(sqlite(srv.db, `SELECT answers, scores, band, flags, administered_at FROM screening WHERE id = ${s.json.id}`, { json: true }), before);

  // The alert stays in the history, closed as "screening voided"; its task is closed.
  assert.equal((await clin.get(`/api/v1/clients/${cid}/alerts?open=true`)).json.total, 0);
  const all = (await clin.get(`/api/v1/clients/${cid}/alerts`)).json.items;
  assert.equal(all.length, 1);
  assert.equal(all[0].open, false);
  assert.match(all[0].response, /screening that raised it was voided/);
  const [task] = sqlite(srv.db, `SELECT done_at > 0 AS done, response FROM task WHERE alert_id = ${alert.id}`, { json: true });
  assert.equal(task.done, 1);
  assert.match(task.response, /voided/);

  // Once only; unknown is 404.
  assertError(await clin.post(`/api/v1/screenings/${s.json.id}/void`, { reason: 'again' }), 409, 'conflict');
  assertError(await clin.post('/api/v1/screenings/999999/void', { reason: 'none' }), 404, 'not_found');

  // Audited on the client, with the reason kept in the record, not the log.
  const row = auditRows(srv.db).find((a) => a.action === 'screening.void' && a.record_id === s.json.id);
  assert.ok(row, 'screening.void audited');
  assert.equal(row.client_id, cid);
  assert.doesNotMatch(row.detail, /wrong client/);
});

test('an alert answered before the void keeps its response; only open alerts are closed', async () => {
  const cid = await newClient();
  const s = await clin.post(`/api/v1/clients/${cid}/instruments`, { code: 'phq9', answers: PHQ9_RISK });
  const [alert] = (await clin.get(`/api/v1/clients/${cid}/alerts?open=true`)).json.items;
  const res = await clin.post(`/api/v1/alerts/${alert.id}/resolve`, { response: 'Called; safety plan made.' });
  assert.equal(res.status, 200, res.text);
  const v = await clin.post(`/api/v1/screenings/${s.json.id}/void`, { reason: 'Duplicate entry' });
  assert.equal(v.status, 200, v.text);
  assert.equal(v.json.alerts_closed, 0);
  const [after] = (await clin.get(`/api/v1/clients/${cid}/alerts`)).json.items;
  assert.equal(after.response, 'Called; safety plan made.');
});

test('front desk may not void a screening', async () => {
  const cid = await newClient();
  const s = await clin.post(`/api/v1/clients/${cid}/instruments`, { code: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] });
  const desk = await signIn(srv.url, 'front_desk');
  assertError(await desk.post(`/api/v1/screenings/${s.json.id}/void`, { reason: 'x' }), 403, 'forbidden');
});

test('safety alerts are answered by clinical staff: admissions may not claim or answer one, nor void the screening that raised an open one', async () => {
  const adm = await signIn(srv.url, 'admissions');
  const cid = await newClient();
  const s = await adm.post(`/api/v1/clients/${cid}/instruments`, { code: 'phq9', answers: PHQ9_RISK, site_id: 1 });
  assert.equal(s.status, 201, s.text);
  const [alert] = (await clin.get(`/api/v1/clients/${cid}/alerts?open=true`)).json.items;
  assert.ok(alert && alert.open);

  assertError(await adm.get('/api/v1/alerts/unclaimed'), 403, 'forbidden');
  assertError(await adm.post(`/api/v1/alerts/${alert.id}/claim`, {}), 403, 'forbidden');
  assertError(await adm.post(`/api/v1/alerts/${alert.id}/resolve`, { response: 'Called back, fine.' }), 403, 'forbidden');
  const v = await adm.post(`/api/v1/screenings/${s.json.id}/void`, { reason: 'Entered twice' });
  assertError(v, 403, 'forbidden');
  assert.match(v.json.error.message, /still open/);
  assert.equal(sqlite(srv.db, `SELECT voided_at FROM screening WHERE id = ${s.json.id}`).trim(), '0', 'not voided');
  assert.deepEqual((await clin.get(`/api/v1/clients/${cid}/alerts?open=true`)).json.items.map((x) => x.id), [alert.id], 'the alert is still open');

  // A screening with no open alert admissions may still void.
  const ok = await adm.post(`/api/v1/clients/${cid}/instruments`, { code: 'gad7', answers: [0, 0, 0, 0, 0, 0, 0] });
  assert.equal(ok.status, 201, ok.text);
  assert.equal((await adm.post(`/api/v1/screenings/${ok.json.id}/void`, { reason: 'Entered twice' })).status, 200);
  // A clinician may answer, or void the screening and so close the alert.
  assert.equal((await clin.post(`/api/v1/screenings/${s.json.id}/void`, { reason: 'Entered on the wrong client' })).status, 200);
});

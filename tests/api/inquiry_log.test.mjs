// The admissions board's call log (which honours the person's wishes about
// voicemail and texts), follow-up tasks with due times, the audit rows reading
// them leaves, and merging two inquiries from the same person.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, uniq, cap, assertError, finish, auditRows } from './helpers.mjs';

describe('inquiry call log, follow-ups and merging', () => {
  let srv;
  let adm;
  let clin;
  let anon;

  before(async () => {
    srv = await startServer({ testClock: true, env: { IOP_PUBLIC_RATE_PER_HOUR: '100000' } });
    adm = await signIn(srv.url, 'admissions');
    clin = await signIn(srv.url, 'clinician');
    anon = new Api(srv.url);
  });
  after(() => finish(srv));

  const submit = async (over = {}) => {
    const name = over.name || `Robin ${cap(uniq(8))}`;
    const r = await anon.post('/api/v1/public/inquiries', { kind: 'help', name, phone: '312-555-0188', ...over });
    assert.equal(r.status, 202, r.text);
    const board = await adm.get('/api/v1/inquiries?limit=200');
    const mine = board.json.items.filter((x) => x.name === name);
    assert.ok(mine.length > 0);
    return mine[0];
  };

  test('the board\'s poll names no one, writes no audit row, and moves when an inquiry arrives or changes', async () => {
    const before = await adm.get('/api/v1/inquiries/latest');
    assert.equal(before.status, 200, before.text);
    assert.deepEqual(Object.keys(before.json).sort(), ['changed_at', 'latest_id', 'revision']);
    const n0 = auditRows(srv.db).length;
    const again = await adm.get('/api/v1/inquiries/latest');
    assert.deepEqual(again.json, before.json, 'nothing changed, the same answer');
    assert.equal(auditRows(srv.db).length, n0, 'polling writes no audit row');

    const q = await submit();
    const arrived = (await adm.get('/api/v1/inquiries/latest')).json;
    assert.equal(arrived.latest_id, q.id);
    assert.ok(arrived.latest_id > before.json.latest_id);
    assert.match(arrived.changed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // A change to an older inquiry moves changed_at, not latest_id.
    await srv.advance(1);	// a later second on the server's clock
    const p = await adm.patch(`/api/v1/inquiries/${q.id}`, { referral_source: 'poll test' });
    assert.equal(p.status, 200, p.text);
    const changed = (await adm.get('/api/v1/inquiries/latest')).json;
    assert.equal(changed.latest_id, q.id);
    assert.ok(changed.changed_at > arrived.changed_at, `${changed.changed_at} after ${arrived.changed_at}`);

    // Two changes within one second: the revision still moves each time.
    const r0 = (await adm.get('/api/v1/inquiries/latest')).json.revision;
    assert.equal((await adm.patch(`/api/v1/inquiries/${q.id}`, { referral_source: 'first' })).status, 200);
    const r1 = (await adm.get('/api/v1/inquiries/latest')).json.revision;
    assert.equal((await adm.patch(`/api/v1/inquiries/${q.id}`, { referral_source: 'second' })).status, 200);
    const r2 = (await adm.get('/api/v1/inquiries/latest')).json.revision;
    assert.ok(r0 < r1 && r1 < r2, `${r0} < ${r1} < ${r2}`);

    // Only the board's staff may ask.
    assertError(await clin.get('/api/v1/inquiries/latest'), 403, 'forbidden');
    assertError(await anon.get('/api/v1/inquiries/latest'), 401, 'unauthenticated');
  });

  test('voicemail and texts are refused when the person said no, and nothing is logged', async () => {
    const q = await submit({ ok_voicemail: false, ok_text: false });
    assertError(await adm.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'voicemail', outcome: 'left_message' }), 409, 'conflict');
    assertError(await adm.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'text', outcome: 'sent' }), 409, 'conflict');
    assert.deepEqual((await adm.get(`/api/v1/inquiries/${q.id}/contacts`)).json, { items: [], total: 0 });
  });

  test('a call that reaches the person is logged and moves a new inquiry to contacted', async () => {
    const q = await submit({ ok_voicemail: true, ok_text: true });
    const vm = await adm.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'voicemail', outcome: 'left_message', note: 'asked to call back' });
    assert.equal(vm.status, 201, vm.text);
    assert.equal((await adm.get(`/api/v1/inquiries/${q.id}`)).json.status, 'new', 'a voicemail is not contact');
    const call = await adm.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'call', outcome: 'reached' });
    assert.equal(call.status, 201, call.text);
    assert.equal(call.json.staff, 'admissions');
    const log = (await adm.get(`/api/v1/inquiries/${q.id}/contacts`)).json;
    assert.equal(log.total, 2);
    assert.deepEqual(log.items.map((x) => x.method), ['call', 'voicemail'], 'newest first');
    assert.equal((await adm.get(`/api/v1/inquiries/${q.id}`)).json.status, 'contacted');
  });

  test('bad log entries name their fields', async () => {
    const q = await submit();
    const r = await adm.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'fax', outcome: 'maybe', extra: 1 });
    assertError(r, 400, 'invalid');
    for (const f of ['method', 'outcome', 'extra']) assert.ok(r.json.error.fields[f], f);
    assertError(await adm.post('/api/v1/inquiries/999999/contacts', { method: 'call', outcome: 'reached' }), 404, 'not_found');
    assert.equal((await clin.get(`/api/v1/inquiries/${q.id}/contacts`)).status, 403);
  });

  test('follow-up tasks have due times, default to the person adding them, and list open first', async () => {
    const q = await submit();
    const t1 = await adm.post(`/api/v1/inquiries/${q.id}/tasks`, { title: 'Call back after 5 pm', due_at: '2030-01-02T23:00Z' });
    assert.equal(t1.status, 201, t1.text);
    assert.equal(t1.json.kind, 'follow_up');
    assert.equal(t1.json.due_at, '2030-01-02T23:00:00Z');
    const me = (await adm.get('/api/v1/me')).json.user.id;
    assert.equal(t1.json.assigned_to, me);
    const t0 = await adm.post(`/api/v1/inquiries/${q.id}/tasks`, { title: 'Check insurance', due_at: '2030-01-01T09:30:00Z' });
    assert.equal(t0.status, 201, t0.text);
    const list = (await adm.get(`/api/v1/inquiries/${q.id}/tasks`)).json;
    assert.deepEqual(list.items.map((x) => x.title), ['Check insurance', 'Call back after 5 pm'], 'by due time');
    // It is on the counsellor's own task list, and done needs a response.
    const mine = (await adm.get('/api/v1/tasks')).json.items.map((x) => x.id);
    assert.ok(mine.includes(t1.json.id));
    assertError(await adm.post(`/api/v1/tasks/${t1.json.id}/done`, { response: '' }), 400, 'invalid');
    assert.equal((await adm.post(`/api/v1/tasks/${t1.json.id}/done`, { response: 'Called; screening booked' })).status, 200);
    const bad = await adm.post(`/api/v1/inquiries/${q.id}/tasks`, { title: '', due_at: 'tomorrow', assigned_to: 999999 });
    assertError(bad, 400, 'invalid');
    assert.ok(bad.json.error.fields.title && bad.json.error.fields.due_at);
    const nobody = await adm.post(`/api/v1/inquiries/${q.id}/tasks`, { title: 'x', due_at: '2030-01-01T09:30Z', assigned_to: 999999 });
    assertError(nobody, 400, 'invalid');
    assert.ok(nobody.json.error.fields.assigned_to);
  });

  test('reading the call log or the follow-ups leaves one audit row each, on the client\'s trail once converted', async () => {
    const q = await submit();
    await adm.post(`/api/v1/inquiries/${q.id}/tasks`, { title: 'Call back', due_at: '2030-01-02T23:00Z' });
    const read = async (what) => {
      const n0 = auditRows(srv.db).length;
      const r = await adm.get(`/api/v1/inquiries/${q.id}/${what}`);
      assert.equal(r.status, 200, r.text);
      const rows = auditRows(srv.db);
      assert.equal(rows.length, n0 + 1, `one row for reading ${what}`);
      return rows[rows.length - 1];
    };
    for (const [what, action] of [['tasks', 'inquiry.tasks'], ['contacts', 'inquiry.contacts']]) {
      const row = await read(what);
      assert.deepEqual([row.action, row.record_type, row.record_id, row.client_id, row.username], [action, 'inquiry', q.id, 0, 'admissions']);
    }
    const conv = await adm.post(`/api/v1/inquiries/${q.id}/convert`, { dob: '1981-01-01', sex: 'female', allow_duplicate: true });
    assert.equal(conv.status, 200, conv.text);
    const row = await read('tasks');
    assert.deepEqual([row.action, row.client_id], ['inquiry.tasks', conv.json.client_id]);
    // A refused read leaves none.
    const n0 = auditRows(srv.db).length;
    assertError(await adm.get('/api/v1/inquiries/999999/tasks'), 404, 'not_found');
    assertError(await adm.get(`/api/v1/inquiries/${q.id}/tasks?limit=0`), 400, 'invalid');
    assert.equal((await clin.get(`/api/v1/inquiries/${q.id}/tasks`)).status, 403);
    assert.equal(auditRows(srv.db).filter((x) => x.action === 'inquiry.tasks').length,
      auditRows(srv.db).slice(0, n0).filter((x) => x.action === 'inquiry.tasks').length, 'no inquiry.tasks row for a refused read');
  });

  test('merging keeps one inquiry, fills its gaps, moves the log and tasks, and closes the other', async () => {
    const name = `Jesse ${cap(uniq(8))}`;
    const a = await submit({ name, phone: '312-555-0100', ok_voicemail: true });
    const b = await adm.post('/api/v1/inquiries', { kind: 'phone', name, email: 'jesse@example.org', phone: '' });
    assert.equal(b.status, 201, b.text);
    await adm.post(`/api/v1/inquiries/${b.json.id}/contacts`, { method: 'email', outcome: 'sent' });
    await adm.post(`/api/v1/inquiries/${b.json.id}/tasks`, { title: 'Send forms', due_at: '2030-03-01T10:00Z' });
    const m = await adm.post(`/api/v1/inquiries/${a.id}/merge`, { from_id: b.json.id });
    assert.equal(m.status, 200, m.text);
    assert.equal(m.json.id, a.id);
    assert.equal(m.json.phone, '312-555-0100');
    assert.equal(m.json.email, 'jesse@example.org', 'the gap is filled');
    const kept = (await adm.get(`/api/v1/inquiries/${a.id}`)).json;
    assert.equal(kept.email, 'jesse@example.org', 'and stored');
    assert.equal(kept.phone, '312-555-0100');
    const other = (await adm.get(`/api/v1/inquiries/${b.json.id}`)).json;
    assert.equal(other.status, 'closed');
    assert.equal(other.close_reason, `Merged into inquiry ${a.id}`);
    assert.equal((await adm.get(`/api/v1/inquiries/${a.id}/contacts`)).json.total, 1);
    assert.equal((await adm.get(`/api/v1/inquiries/${a.id}/tasks`)).json.total, 1);
    assertError(await adm.post(`/api/v1/inquiries/${a.id}/merge`, { from_id: a.id }), 400, 'invalid');
    assertError(await adm.post(`/api/v1/inquiries/${a.id}/merge`, {}), 400, 'invalid');
    assertError(await adm.post(`/api/v1/inquiries/${a.id}/merge`, { from_id: 999999 }), 400, 'invalid');
  });
});

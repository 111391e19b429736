// Safety alerts and the tasks that follow them: a screening's risk flag
// (PHQ-9 item 9 above zero, C-SSRS high risk) raises an alert on the client
// and an alert_response task for a clinician (here the demo clinician, on
// duty at the recorders' site for the whole run); an alert is resolved only with
// a documented response, which completes its task; tasks are the caller's
// own (someone else's answers 403 unless the caller is a director); and the
// audit rows all this leaves.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import {
  signIn, clientBody, assertError, assertSchema, assertPages, finish, auditRows, uniq, sqlite, careTeam } from './helpers.mjs';

const PHQ9_RISK = [0, 0, 0, 0, 0, 0, 0, 0, 1];   // item 9 above zero, total 1
const F = false;
const T = true;
const cssrs = (over = {}) => ({ q1: F, q2: F, q6_lifetime: F, q6_past_3_months: F, ...over });
const CSSRS_HIGH = cssrs({ q1: T, q2: T, q3: F, q4: T, q5: F });

describe('alerts and tasks', () => {
  let srv;
  let anon;
  let clin;      // clinician: screening.write, clients.read
  let nurse;     // nurse: screening.write, not a clinician
  let dir;       // director: may complete anyone's task; audit.read
  let adm;       // admissions: screening.write
  let desk;      // front_desk: clients.read only
  let cm;        // case_manager: clients.read, screening.read, no screening.write
  let admin;     // admin: no clients.read
  const id = {}; // staff ids by username

  before(async () => {
    srv = await startServer();
    anon = new Api(srv.url);
    [clin, nurse, dir, adm, desk, cm, admin] = await Promise.all(
      ['clinician', 'nurse', 'director', 'admissions', 'front_desk', 'case_manager', 'admin'].map((u) => signIn(srv.url, u)));
    const staff = await admin.get('/api/v1/staff?limit=200');
    for (const s of staff.json.items) id[s.username] = s.id;
    // On duty at site 1 (every recorder's first site) from now for a week:
    // with nobody on duty, tasks would go to the director.
    const now = Date.now();
    const iso = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
    const shift = await dir.post('/api/v1/sites/1/duty', { staff_id: id.clinician, starts_at: iso(now), ends_at: iso(now + 6 * 86400e3) });
    assert.equal(shift.status, 201, shift.text);
  });
  after(() => finish(srv));

  // The clients made here: the demo clinic's own alert and tasks (on its
  // clients) are left out of the lists these tests compare.
  const made = new Set();
  const newClient = async () => {
    const r = await dir.post('/api/v1/clients', clientBody());
    assert.equal(r.status, 201, r.text);
    await careTeam(srv.url, r.json.id);
    made.add(r.json.id);
    return r.json.id;
  };
  const record = async (api, clientId, code, answers) => {
    const r = await api.post(`/api/v1/clients/${clientId}/instruments`, { code, answers });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const alertsOf = async (clientId, open = false, api = clin) => {
    const r = await api.get(`/api/v1/clients/${clientId}/alerts${open ? '?open=true' : ''}`);
    assert.equal(r.status, 200, r.text);
    assertSchema('AlertList', r.json);
    assert.equal(r.json.total, r.json.items.length);
    return r.json.items;
  };
  const tasksOf = async (api, includeDone = false) => {
    const r = await api.get(`/api/v1/tasks${includeDone ? '?include_done=true' : ''}`);
    assert.equal(r.status, 200, r.text);
    assertSchema('TaskList', r.json);
    assert.equal(r.json.total, r.json.items.length);
    const items = r.json.items.filter((t) => made.has(t.client_id));
    return { items, total: items.length };
  };
  // A fresh client with one open alert raised by a PHQ-9 the clinician recorded.
  const raise = async (api = clin) => {
    const client = await newClient();
    const s = await record(api, client, 'phq9', PHQ9_RISK);
    const [alert] = await alertsOf(client, true);
    assert.ok(alert && alert.source_id === s.id, 'the alert of that screening');
    const task = (await tasksOf(clin)).items.find((t) => t.alert_id === alert.id);
    assert.ok(task, 'its task is on the clinician\'s list');
    return { client, alert, task };
  };

  describe('the safety flow', () => {
    // These run in order on one client: raised, the task, refusals, resolved.
    let client;
    let screening;
    let alert;
    let task;

    test('a PHQ-9 with item 9 above zero raises an open suicide_risk alert on the client', async () => {
      client = await newClient();
      assert.deepEqual(await alertsOf(client), [], 'no alerts before');
      screening = await record(clin, client, 'phq9', PHQ9_RISK);
      const open = await alertsOf(client, true);
      assert.equal(open.length, 1, JSON.stringify(open));
      [alert] = open;
      assertSchema('Alert', alert);
      assert.deepEqual(
        [alert.client_id, alert.kind, alert.source_type, alert.source_id, alert.open, alert.resolved_at, alert.resolved_by, alert.response],
        [client, 'suicide_risk', 'screening', screening.id, true, null, null, '']);
      assert.ok(alert.message.length > 0, 'a message');
      assert.deepEqual(await alertsOf(client), open, 'all alerts: the same one');
    });

    test('a high PHQ-9 total with item 9 at zero raises no alert', async () => {
      const other = await newClient();
      await record(clin, other, 'phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0]);
      assert.deepEqual(await alertsOf(other), []);
    });

    test('the clinician who recorded it gets an alert_response task', async () => {
      const mine = await tasksOf(clin);
      assert.equal(mine.total, 1, JSON.stringify(mine));
      [task] = mine.items;
      assertSchema('Task', task);
      assert.deepEqual(
        [task.kind, task.client_id, task.alert_id, task.inquiry_id, task.assigned_to, task.open, task.done_at, task.response],
        ['alert_response', client, alert.id, null, id.clinician, true, null, '']);
      assert.ok(task.title.length > 0 && task.due_at, 'a title and a due time');
      for (const api of [nurse, dir, adm])
        assert.ok(!(await tasksOf(api)).items.some((t) => t.id === task.id), 'not on anyone else\'s list');
    });

    test('resolving without a documented response answers 400 naming response and changes nothing', async () => {
      for (const [what, body] of [['no response', {}], ['an empty response', { response: '' }],
        ['a blank response', { response: '   ' }], ['a response over 2000 characters', { response: 'x'.repeat(2001) }],
        ['a response that is not text', { response: 42 }]]) {
        const r = await clin.post(`/api/v1/alerts/${alert.id}/resolve`, body);
        assertError(r, 400, 'invalid', what);
        assert.ok(r.json.error.fields?.response, `${what}: fields.response in ${r.text}`);
      }
      assertError(await clin.post(`/api/v1/alerts/${alert.id}/resolve`, { response: 'ok', dismiss: true }), 400, 'invalid', 'unknown field');
      assertError(await clin.req('POST', `/api/v1/alerts/${alert.id}/resolve`, 'not json'), 400, 'malformed');
      assert.deepEqual(await alertsOf(client, true), [alert], 'still open and unchanged');
      assert.deepEqual((await tasksOf(clin)).items, [task], 'the task still open');
    });

    test('resolving with a response closes the alert and completes its task', async () => {
      const response = 'Assessed in person: no plan or intent.\nSafety plan written with the client.';
      const r = await clin.post(`/api/v1/alerts/${alert.id}/resolve`, { response });
      assert.equal(r.status, 200, r.text);
      assertSchema('Alert', r.json);
      assert.deepEqual([r.json.id, r.json.open, r.json.response, r.json.resolved_by], [alert.id, false, response, id.clinician]);
      assert.ok(r.json.resolved_at, 'resolved_at set');
      assert.deepEqual(await alertsOf(client, true), [], 'no open alert left');
      assert.deepEqual(await alertsOf(client), [r.json], 'the resolved alert is kept');
      assert.deepEqual(await tasksOf(clin), { items: [], total: 0 }, 'no open task left');
      const done = await tasksOf(clin, true);
      const t = done.items.find((x) => x.id === task.id);
      assert.ok(t, 'include_done=true shows the task');
      assert.deepEqual([t.open, t.response], [false, response]);
      assert.ok(t.done_at, 'done_at set');
    });

    test('resolving it again answers 409 and so does completing its task', async () => {
      const again = await clin.post(`/api/v1/alerts/${alert.id}/resolve`, { response: 'again' });
      assertError(again, 409, 'conflict');
      assertError(await clin.post(`/api/v1/tasks/${task.id}/done`, { response: 'again' }), 409, 'conflict', 'task of a resolved alert');
      const [kept] = await alertsOf(client);
      assert.notEqual(kept.response, 'again', 'the first response is kept');
    });
  });

  describe('tasks', () => {
    test('completing an alert\'s task with a response resolves the alert', async () => {
      const { client, alert, task } = await raise();
      const bad = await clin.post(`/api/v1/tasks/${task.id}/done`, {});
      assertError(bad, 400, 'invalid');
      assert.ok(bad.json.error.fields?.response, bad.text);
      const r = await clin.post(`/api/v1/tasks/${task.id}/done`, { response: 'Called the client; safe, seen tomorrow.' });
      assert.equal(r.status, 200, r.text);
      assertSchema('Task', r.json);
      assert.deepEqual([r.json.id, r.json.open, r.json.response], [task.id, false, 'Called the client; safe, seen tomorrow.']);
      const [a] = await alertsOf(client);
      assert.deepEqual([a.id, a.open, a.response, a.resolved_by], [alert.id, false, 'Called the client; safe, seen tomorrow.', id.clinician]);
    });

    test('someone else\'s task answers 403 and stays open; a director may complete it', async () => {
      const { client, alert, task } = await raise();
      for (const api of [nurse, adm, cm, desk]) {
        assertError(await api.post(`/api/v1/tasks/${task.id}/done`, { response: 'not mine' }), 403, 'forbidden');
      }
      assert.ok((await tasksOf(clin)).items.some((t) => t.id === task.id), 'still open');
      assert.equal((await alertsOf(client, true)).length, 1, 'the alert still open');
      const r = await dir.post(`/api/v1/tasks/${task.id}/done`, { response: 'Director: reviewed with the clinician.' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.open, false);
      const [a] = await alertsOf(client);
      assert.deepEqual([a.id, a.open, a.resolved_by], [alert.id, false, id.director]);
    });

    test('open tasks come first, by due time; done ones only with include_done=true', async () => {
      await raise();
      const { task: doneTask } = await raise();
      await raise();
      assert.equal((await clin.post(`/api/v1/tasks/${doneTask.id}/done`, { response: 'done' })).status, 200);
      const open = await tasksOf(clin);
      assert.ok(open.items.every((t) => t.open), 'only open tasks by default');
      assert.ok(!open.items.some((t) => t.id === doneTask.id));
      const all = await tasksOf(clin, true);
      assert.ok(all.items.some((t) => t.id === doneTask.id));
      const firstDone = all.items.findIndex((t) => !t.open);
      assert.ok(firstDone > 0 && all.items.slice(firstDone).every((t) => !t.open), 'open ones first');
      const openDue = all.items.slice(0, firstDone).map((t) => t.due_at);
      assert.deepEqual(openDue, [...openDue].sort(), 'open ones by due time');
    });

    test('unknown tasks and alerts answer 404', async () => {
      for (const x of ['999999999', 'abc', '0']) {
        assertError(await clin.post(`/api/v1/tasks/${x}/done`, { response: 'x' }), 404, 'not_found', `task ${x}`);
        assertError(await clin.post(`/api/v1/alerts/${x}/resolve`, { response: 'x' }), 404, 'not_found', `alert ${x}`);
      }
      assertError(await clin.get('/api/v1/clients/999999999/alerts'), 404, 'not_found');
    });
  });

  describe('a nurse records a high-risk C-SSRS', () => {
    test('the immediate_evaluation alert\'s task goes to the clinician on duty', async () => {
      const client = await newClient();
      const s = await record(nurse, client, 'cssrs_screener', CSSRS_HIGH);
      const [alert] = await alertsOf(client, true);
      assert.ok(alert, 'an open alert');
      assert.deepEqual([alert.kind, alert.source_id], ['immediate_evaluation', s.id]);
      const first = id.clinician;
      assert.ok(!(await tasksOf(nurse)).items.some((t) => t.alert_id === alert.id), 'not the nurse\'s task');
      const task = (await tasksOf(clin)).items.find((t) => t.alert_id === alert.id);
      assert.ok(task, 'on the clinician\'s list');
      assert.deepEqual([task.kind, task.assigned_to, task.client_id], ['alert_response', first, client]);
      assertError(await nurse.post(`/api/v1/tasks/${task.id}/done`, { response: 'x' }), 403, 'forbidden', 'the nurse cannot complete it');
      const r = await nurse.post(`/api/v1/alerts/${alert.id}/resolve`, { response: 'Nurse: clinician paged; client stayed on site.' });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.json.open, r.json.resolved_by], [false, id.nurse], 'the nurse may resolve the alert (screening.write)');
      assert.ok(!(await tasksOf(clin)).items.some((t) => t.id === task.id), 'which completes the clinician\'s task');
    });

    test('a low-risk C-SSRS raises nothing', async () => {
      const client = await newClient();
      await record(nurse, client, 'cssrs_screener', cssrs({ q1: T }));
      assert.deepEqual(await alertsOf(client), []);
    });
  });

  describe('who may', () => {
    test('clients.read reads alerts; screening.write resolves them; others get 403, no session 401', async () => {
      const { client, alert } = await raise();
      for (const api of [desk, cm, nurse, dir]) assert.equal((await api.get(`/api/v1/clients/${client}/alerts`)).status, 200);
      assertError(await admin.get(`/api/v1/clients/${client}/alerts`), 403, 'forbidden');
      for (const api of [desk, cm, admin])
        assertError(await api.post(`/api/v1/alerts/${alert.id}/resolve`, { response: 'x' }), 403, 'forbidden');
      assertError(await anon.get(`/api/v1/clients/${client}/alerts`), 401, 'unauthenticated');
      assertError(await anon.post(`/api/v1/alerts/${alert.id}/resolve`, { response: 'x' }), 401, 'unauthenticated');
      assertError(await anon.get('/api/v1/tasks'), 401, 'unauthenticated');
      assert.equal((await alertsOf(client, true)).length, 1, 'still open');
      assert.deepEqual(await tasksOf(admin), { items: [], total: 0 }, 'any signed-in user may list their (no) tasks');
    });
  });

  describe('lists', () => {
    test('a client\'s alerts and the caller\'s tasks page by limit and offset', async () => {
      const client = await newClient();
      await record(clin, client, 'phq9', PHQ9_RISK);
      await record(clin, client, 'phq9', PHQ9_RISK);
      assert.equal((await alertsOf(client)).length, 2);
      await assertPages(clin, `/api/v1/clients/${client}/alerts`);
      await assertPages(clin, '/api/v1/tasks');
    });
  });

  describe('audit', () => {
    test('raising, listing, resolving and completing are audited on the client', async () => {
      const { client, alert } = await raise();
      await record(clin, client, 'phq9', PHQ9_RISK);
      const second = (await alertsOf(client, true)).find((a) => a.id !== alert.id);
      const secondTask = (await tasksOf(clin)).items.find((t) => t.alert_id === second.id);
      const secret = 'Zq' + uniq(10);
      assert.equal((await clin.post(`/api/v1/alerts/${alert.id}/resolve`, { response: `resolved ${secret}` })).status, 200);
      assert.equal((await clin.post(`/api/v1/tasks/${secondTask.id}/done`, { response: 'done' })).status, 200);
      const rows = auditRows(srv.db).filter((x) => x.client_id === client);
      const actions = rows.map((x) => x.action);
      for (const a of ['screening.record', 'alert.list', 'alert.resolve', 'task.done'])
        assert.ok(actions.includes(a), `${a} in ${actions}`);
      const res = rows.find((x) => x.action === 'alert.resolve');
      assert.deepEqual([res.record_type, res.record_id, res.username], ['alert', alert.id, 'clinician']);
      const done = rows.find((x) => x.action === 'task.done');
      assert.deepEqual([done.record_type, done.record_id], ['task', secondTask.id]);
      assert.ok(rows.some((x) => x.action === 'screening.record' && /1 alert/.test(x.detail)), 'the screening row counts the alert');
      assert.ok(!JSON.stringify(auditRows(srv.db)).includes(secret), 'no audit row holds the response text');
      const trail = await dir.get(`/api/v1/clients/${client}/audit?limit=200`);
      assert.ok(trail.json.items.some((x) => x.action === 'alert.resolve'), 'on the client\'s audit trail');
    });

    test('a task names whom it is about; the list is audited as a read of those clients, the count names no one', async () => {
      const { client, task } = await raise();
      const c = (await dir.get(`/api/v1/clients/${client}`)).json;
      assert.deepEqual(task.client, { id: client, mrn: c.mrn, first_name: c.first_name, last_name: c.last_name, preferred_name: c.preferred_name });
      assert.equal(task.inquiry_name, null);

      // The list: one task.list row naming every client on the page.
      const n0 = auditRows(srv.db).length;
      const whole = await clin.get('/api/v1/tasks');	// the demo clinic's tasks too
      assert.equal(whole.status, 200, whole.text);
      const list = whole.json;
      const rows = auditRows(srv.db).slice(n0).filter((x) => x.action === 'task.list');
      assert.equal(rows.length, 1);
      const shown = [...new Set(list.items.filter((t) => t.client_id).map((t) => t.client_id))];
      assert.ok(shown.length > 1, 'several clients on the page');
      assert.deepEqual(rows[0].detail.replace('clients=', '').split(',').map(Number).sort(), list.items.filter((t) => t.client_id).map((t) => t.client_id).sort());
      assert.equal(rows[0].client_id, 0, 'several clients: on no single trail');

      // One client on the page: on that client's own trail.
      const page1 = await clin.get('/api/v1/tasks?limit=1');
      assert.equal(page1.status, 200, page1.text);
      const [one] = page1.json.items;
      const last = auditRows(srv.db).filter((x) => x.action === 'task.list').pop();
      assert.equal(last.client_id, one.client_id);
      assert.equal(last.detail, `clients=${one.client_id}`);

      // The badge's count: the open ones, none overdue yet, and no audit row.
      const n1 = auditRows(srv.db).length;
      const count = await clin.get('/api/v1/tasks/count');
      assert.equal(count.status, 200, count.text);
      assert.deepEqual(Object.keys(count.json).sort(), ['open', 'overdue']);
      assert.equal(count.json.open, list.items.filter((t) => t.open).length);
      assert.ok(count.json.overdue >= 0 && count.json.overdue <= count.json.open);
      assert.equal(auditRows(srv.db).length, n1, 'counting writes no audit row');
      assert.deepEqual((await desk.get('/api/v1/tasks/count')).json, { open: 0, overdue: 0 });
      assertError(await anon.get('/api/v1/tasks/count'), 401, 'unauthenticated');
    });
  });
});

describe('with nobody on duty: the director, the unclaimed list, a claim', () => {
  let srv;
  after(() => finish(srv));

  test('an alert raised off shift goes to the site\'s director and waits unclaimed until a clinician claims it', async () => {
    srv = await startServer({ testClock: true });
    let [admin, dir, clin, nurse, desk] = await Promise.all(
      ['admin', 'director', 'clinician', 'nurse', 'front_desk'].map((u) => signIn(srv.url, u)));
    // Sessions idle out when the clock moves an hour: sign in again.
    const again_ = async () => { [dir, clin, nurse] = await Promise.all(['director', 'clinician', 'nurse'].map((u) => signIn(srv.url, u))); };
    const staff = (await admin.get('/api/v1/staff?limit=200')).json.items;
    const who = Object.fromEntries(staff.map((x) => [x.username, x]));
    // A clinician who works at the second site only: another site's list is not theirs.
    const made = await admin.post('/api/v1/staff', { username: 'north' + uniq(5), full_name: 'Northgate Clinician', email: '', roles: ['clinician'], site_ids: [2], password: 'North-clinician-1' });
    assert.equal(made.status, 201, made.text);
    const north = new Api(srv.url);
    assert.equal((await north.login(made.json.username, 'North-clinician-1')).status, 200);
    assert.equal((await north.put('/api/v1/me/password', { current_password: 'North-clinician-1', new_password: 'North-clinician-2' })).status, 204);

    const raiseAt = async (siteId) => {
      const c = await dir.post('/api/v1/clients', clientBody());
      assert.equal(c.status, 201, c.text);
      await careTeam(srv.url, c.json.id);
      const s = await nurse.post(`/api/v1/clients/${c.json.id}/instruments`, { code: 'phq9', answers: PHQ9_RISK, site_id: siteId });
      assert.equal(s.status, 201, s.text);
      const [alert] = (await clin.get(`/api/v1/clients/${c.json.id}/alerts`)).json.items;
      return { client: c.json.id, task: s.json.alert_task, alert };
    };
    const unclaimed = async (api) => {
      const r = await api.get('/api/v1/alerts/unclaimed');
      assert.equal(r.status, 200, r.text);
      assertSchema('AlertList', r.json);
      return r.json.items;
    };

    // Nobody on duty: the director of the site, never the demo clinician.
    const a = await raiseAt(1);
    assert.equal(a.task.assigned_to, who.director.id, JSON.stringify(a.task));
    assert.equal(a.task.unclaimed, true);
    assert.deepEqual([a.alert.unclaimed, a.alert.site_id, a.alert.assigned_to, a.alert.assigned_name],
      [true, 1, who.director.id, who.director.full_name]);
    assert.ok((await tasksOfApi(dir)).some((t) => t.alert_id === a.alert.id), 'on the director\'s list meanwhile');
    assert.ok(!(await tasksOfApi(clin)).some((t) => t.alert_id === a.alert.id), 'not on a clinician\'s list');

    // On every clinician's unclaimed list at that site, with whom it is about.
    const listed = (await unclaimed(clin)).find((x) => x.id === a.alert.id);
    assert.ok(listed, 'the demo clinician sees it');
    assert.deepEqual([listed.site_name, listed.client.id, listed.kind], ['Riverside Recovery Center', a.client, 'suicide_risk']);
    assert.ok((await unclaimed(nurse)).some((x) => x.id === a.alert.id), 'so does the nurse');
    assert.ok(!(await unclaimed(north)).some((x) => x.id === a.alert.id), 'not a clinician of the other site');
    assertError(await desk.get('/api/v1/alerts/unclaimed'), 403, 'forbidden', 'the front desk');
    assertError(await desk.post(`/api/v1/alerts/${a.alert.id}/claim`), 403, 'forbidden', 'the front desk claims nothing');

    // The clinician claims it: theirs, off the list; a second claim is refused naming them.
    const claimed = await clin.post(`/api/v1/alerts/${a.alert.id}/claim`);
    assert.equal(claimed.status, 200, claimed.text);
    assertSchema('Alert', claimed.json);
    assert.deepEqual([claimed.json.unclaimed, claimed.json.claimed_by, claimed.json.claimed_by_name, claimed.json.assigned_to],
      [false, who.clinician.id, who.clinician.full_name, who.clinician.id]);
    assert.ok(claimed.json.claimed_at);
    assert.ok((await tasksOfApi(clin)).some((t) => t.alert_id === a.alert.id), 'now the clinician\'s task');
    assert.ok(!(await tasksOfApi(dir)).some((t) => t.alert_id === a.alert.id), 'no longer the director\'s');
    assert.ok(!(await unclaimed(nurse)).some((x) => x.id === a.alert.id), 'off the list');
    const again = await dir.post(`/api/v1/alerts/${a.alert.id}/claim`);
    assertError(again, 409, 'conflict');
    assert.match(again.json.error.message, new RegExp(who.clinician.full_name));
    assertError(await clin.post('/api/v1/alerts/999999/claim'), 404, 'not_found');
    const rows = auditRows(srv.db);
    assert.ok(rows.some((x) => x.action === 'alert.claim' && x.record_id === a.alert.id && x.client_id === a.client && x.username === 'clinician'), 'the claim is audited on the client');
    const listRows = rows.filter((x) => x.action === 'alert.unclaimed').map((x) => x.id);
    const about = sqlite(srv.db, `SELECT audit_id FROM audit_about WHERE client_id = ${a.client}`, { json: true }).map((x) => x.audit_id);
    assert.ok(listRows.some((id) => about.includes(id)), 'the list is a read of the clients on it');

    // One resolved while unclaimed leaves the list too.
    const b = await raiseAt(2);
    assert.ok((await unclaimed(north)).some((x) => x.id === b.alert.id), 'the other site\'s clinician sees theirs');
    assert.equal((await dir.post(`/api/v1/alerts/${b.alert.id}/resolve`, { response: 'Director called the client; safety plan reviewed.' })).status, 200);
    assert.ok(!(await unclaimed(north)).some((x) => x.id === b.alert.id));
    assertError(await north.post(`/api/v1/alerts/${b.alert.id}/claim`), 409, 'conflict', 'resolved: nothing to claim');

    // A shift that starts in an hour: until then the director; during it the clinician; after it the director again.
    const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
    const now = await srv.advance(0);
    const start = now + 3600e3;
    const shift = await dir.post('/api/v1/sites/1/duty', { staff_id: who.clinician.id, starts_at: at(start), ends_at: at(start + 3600e3) });
    assert.equal(shift.status, 201, shift.text);
    assert.equal((await raiseAt(1)).task.assigned_to, who.director.id, 'before the shift');
    await srv.advance(3600 + 120);
    await again_();
    const during = await raiseAt(1);
    assert.deepEqual([during.task.assigned_to, during.task.unclaimed, during.alert.unclaimed], [who.clinician.id, false, false], 'during the shift');
    assertError(await clin.post(`/api/v1/alerts/${during.alert.id}/claim`), 409, 'conflict', 'routed to someone: nothing to claim');
    await srv.advance(3600);
    await again_();
    const later = await raiseAt(1);
    assert.deepEqual([later.task.assigned_to, later.task.unclaimed], [who.director.id, true], 'after it');
  });
});

async function tasksOfApi(api) {
  const r = await api.get('/api/v1/tasks?limit=200');
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

// A risk flag's task goes to the client's own clinician — the primary
// clinician of the open episode — whoever records the screening, even with
// another clinician on duty. Without one, to the clinician on duty at the
// first of these with someone on duty: the open episode's site, the
// screening's site_id, the recorder's first site; with nobody on duty, to the
// director of the first of those sites, the alert unclaimed (never to the
// recorder or a clinician picked at random). The reply says who and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import {
  signIn, clientBody, uniq, cap, finish, assertError, assertSchema, auditRows, careTeam } from './helpers.mjs';

const PHQ9_RISK = [0, 0, 0, 0, 0, 0, 0, 0, 1];   // item 9 above zero
const HOUR = 3600e3;
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';

// A new clinician account that has chosen its own password, signed in.
async function newClinician(srv, admin, fullName, siteIds) {
  const username = 'clin' + uniq(6);
  const made = await admin.post('/api/v1/staff', { username, full_name: fullName, email: '', roles: ['clinician'], site_ids: siteIds, password: 'Clinician-pass-1' });
  assert.equal(made.status, 201, made.text);
  const api = new Api(srv.url);
  assert.equal((await api.login(username, 'Clinician-pass-1')).status, 200);
  assert.equal((await api.put('/api/v1/me/password', { current_password: 'Clinician-pass-1', new_password: 'Clinician-pass-2' })).status, 204);
  return { id: made.json.id, username, full_name: fullName, api };
}

// On duty at the site from half an hour ago for two hours.
async function onDutyNow(api, siteId, staffId) {
  const now = Date.now();
  const r = await api.post(`/api/v1/sites/${siteId}/duty`, { staff_id: staffId, starts_at: at(now - HOUR / 2), ends_at: at(now + 2 * HOUR) });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

test("a safety task goes to the client's primary clinician", async () => {
  const srv = await startServer();
  try {
    const admin = await signIn(srv.url, 'admin');
    const username = 'clin' + uniq(6);
    const made = await admin.post('/api/v1/staff', { username, full_name: 'Second Clinician', email: '', roles: ['clinician'], site_ids: [1], password: 'Second-clinician-1' });
    assert.equal(made.status, 201, made.text);
    // The new account must choose its own password first.
    const second = new Api(srv.url);
    assert.equal((await second.login(username, 'Second-clinician-1')).status, 200);
    assert.equal((await second.put('/api/v1/me/password', { current_password: 'Second-clinician-1', new_password: 'Second-clinician-2' })).status, 204);

    const adm = await signIn(srv.url, 'admissions');
    const c = await adm.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    await careTeam(srv.url, c.json.id);
    const tracks = (await adm.get('/api/v1/tracks?site_id=1')).json.items;
    const evening = tracks.find((t) => t.name === 'Evening IOP');
    const ep = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: evening.id, primary_clinician_id: made.json.id, privacy_notice_given: true,
    });
    assert.equal(ep.status, 201, ep.text);

    // The demo clinician records it; the task is not theirs but the client's clinician's.
    // Another clinician is on duty at the episode's site: the client's own still wins.
    const clin = await signIn(srv.url, 'clinician');
    const clinId = (await clin.get('/api/v1/me')).json.user.id;
    await onDutyNow(admin, 1, clinId);
    const s = await clin.post(`/api/v1/clients/${c.json.id}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1], site_id: 1 });
    assert.equal(s.status, 201, s.text);
    assertSchema('Screening', s.json);
    assert.deepEqual(s.json.alert_task, { assigned_to: made.json.id, assigned_name: 'Second Clinician', why: "the client's primary clinician", unclaimed: false });
    const theirs = (await second.get('/api/v1/tasks')).json.items;
    assert.equal(theirs.length, 1, JSON.stringify(theirs));
    assert.equal(theirs[0].client_id, c.json.id);
    assert.equal(theirs[0].kind, 'alert_response');
    assert.equal((await clin.get('/api/v1/tasks')).json.items.filter((t) => t.client_id === c.json.id).length, 0);
  } finally {
    await finish(srv);
  }
});

test('without a clinician of their own, the task goes to the clinician on duty, else to the site\'s director, unclaimed', async () => {
  const srv = await startServer();
  try {
    const admin = await signIn(srv.url, 'admin');
    const [nurse, clin, dir] = await Promise.all(['nurse', 'clinician', 'director'].map((u) => signIn(srv.url, u)));
    // By id: the first is every demo account's first site.
    const [s1, s2] = (await admin.get('/api/v1/sites')).json.items.sort((x, y) => x.id - y.id);
    const staff = (await admin.get('/api/v1/staff?limit=200')).json.items;
    const demo = staff.find((x) => x.username === 'clinician');
    const director = staff.find((x) => x.username === 'director');
    const duty = await newClinician(srv, admin, 'Duty ' + cap(uniq(6)), [s1.id, s2.id]);

    const newClient = async () => {
      const r = await dir.post('/api/v1/clients', clientBody());
      assert.equal(r.status, 201, r.text);
      await careTeam(srv.url, r.json.id);
      return r.json.id;
    };
    const risk = async (api, clientId, extra = {}) => {
      const r = await api.post(`/api/v1/clients/${clientId}/instruments`, { code: 'phq9', answers: PHQ9_RISK, ...extra });
      assert.equal(r.status, 201, r.text);
      assertSchema('Screening', r.json);
      assert.equal(r.json.flags.length, 1, r.text);
      return r.json;
    };
    const tasksFor = async (who, clientId) => (await who.api.get('/api/v1/tasks?limit=200')).json.items
      .filter((t) => t.client_id === clientId && t.kind === 'alert_response');
    const toDemo = (why) => ({ assigned_to: demo.id, assigned_name: demo.full_name, why, unclaimed: false });
    const toDuty = (site) => ({ assigned_to: duty.id, assigned_name: duty.full_name, why: `the clinician on duty at ${site.name}`, unclaimed: false });
    const toDirector = (site) => ({ assigned_to: director.id, assigned_name: director.full_name, unclaimed: true,
      why: `the director of ${site.name} (nobody was on duty; the alert is on the unclaimed list until a clinician claims it)` });

    // Nobody on duty anywhere: the director of the first site known, unclaimed.
    const a = await newClient();
    assert.deepEqual((await risk(nurse, a, { site_id: s2.id })).alert_task, toDirector(s2), 'a nurse: the screening site\'s director');
    assert.deepEqual((await risk(nurse, a)).alert_task, toDirector(s1), 'no site_id: the nurse\'s first site');
    assert.deepEqual((await risk(clin, a, { site_id: s2.id })).alert_task, toDirector(s2), 'a clinician recording: not the recorder');

    // The second clinician on duty at the second site, given as site_id.
    const shift2 = await onDutyNow(dir, s2.id, duty.id);
    const b = await newClient();
    const sb = await risk(nurse, b, { site_id: s2.id });
    assert.deepEqual(sb.alert_task, toDuty(s2));
    const theirs = await tasksFor(duty, b);
    assert.equal(theirs.length, 1, JSON.stringify(theirs));
    assert.deepEqual(await tasksFor({ api: clin }, b), [], 'not the demo clinician\'s');
    const row = auditRows(srv.db).find((x) => x.action === 'screening.record' && x.record_id === sb.id);
    assert.match(row.detail, new RegExp(`1 alert\\(s\\) raised; task to staff ${duty.id}$`), row.detail);
    // Even a clinician recording it: the one on duty, not the recorder.
    assert.deepEqual((await risk(clin, b, { site_id: s2.id })).alert_task, toDuty(s2));
    // Nobody on duty at the site given (nor at the nurse's first site): its director.
    assert.deepEqual((await risk(nurse, b, { site_id: s1.id })).alert_task, toDirector(s1));
    assert.deepEqual((await risk(nurse, b)).alert_task, toDirector(s1), 'the nurse\'s first site is the first');

    // On duty at the first site too: without site_id, the recorder's first site.
    const shift1 = await onDutyNow(dir, s1.id, duty.id);
    assert.deepEqual((await risk(nurse, b)).alert_task, toDuty(s1));

    // An open episode: its primary clinician wins over the one on duty.
    const tracks = (await dir.get(`/api/v1/tracks?site_id=${s1.id}`)).json.items;
    const c = await newClient();
    const ep = await dir.post(`/api/v1/clients/${c}/episodes`, {
      level: '2.1', site_id: s1.id, track_id: tracks.find((t) => t.level_of_care === '2.1').id, primary_clinician_id: demo.id, privacy_notice_given: true,
    });
    assert.equal(ep.status, 201, ep.text);
    assert.deepEqual((await risk(nurse, c, { site_id: s2.id })).alert_task, toDemo("the client's primary clinician"));

    // An open episode whose primary clinician is no longer active: the
    // episode's site decides, not site_id.
    const gone = await newClinician(srv, admin, 'Gone ' + cap(uniq(6)), [s1.id, s2.id]);
    const d = await newClient();
    const ep2 = await dir.post(`/api/v1/clients/${d}/episodes`, { level: '2.1', site_id: s2.id, primary_clinician_id: gone.id, privacy_notice_given: true });
    assert.equal(ep2.status, 201, ep2.text);
    assert.equal((await admin.patch(`/api/v1/staff/${gone.id}`, { active: false })).status, 200);
    assert.deepEqual((await risk(nurse, d, { site_id: s1.id })).alert_task, toDuty(s2));

    // Nobody on duty at the episode's site any more: the screening's site is next.
    assert.equal((await dir.del(`/api/v1/duty/${shift2}`)).status, 204, 'ended now');
    assert.deepEqual((await risk(nurse, d, { site_id: s1.id })).alert_task, toDuty(s1));

    // Off the roster again: the directors, the episode's site first.
    assert.equal((await dir.del(`/api/v1/duty/${shift1}`)).status, 204);
    assert.deepEqual((await risk(nurse, b, { site_id: s2.id })).alert_task, toDirector(s2));
    assert.deepEqual((await risk(nurse, d, { site_id: s1.id })).alert_task, toDirector(s2));

    // No flag, no task and no alert_task; a site_id that names no site is refused.
    const none = await nurse.post(`/api/v1/clients/${a}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0], site_id: s2.id });
    assert.equal(none.status, 201, none.text);
    assert.ok(!('alert_task' in none.json), none.text);
    const count = (await nurse.get(`/api/v1/clients/${a}/instruments`)).json.total;
    for (const site_id of [999999, 0, -1, '1', 1.5]) {
      const r = await nurse.post(`/api/v1/clients/${a}/instruments`, { code: 'phq9', answers: PHQ9_RISK, site_id });
      assertError(r, 400, 'invalid', `site_id ${JSON.stringify(site_id)}`);
      assert.ok(r.json.error.fields?.site_id, r.text);
    }
    assert.equal((await nurse.get(`/api/v1/clients/${a}/instruments`)).json.total, count, 'nothing recorded');
  } finally {
    await finish(srv);
  }
});

// A risk flag's task goes to the client's own clinician — the primary
// clinician of the open episode — whoever records the screening.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, clientBody, uniq, finish } from './helpers.mjs';

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
    const tracks = (await adm.get('/api/v1/tracks?site_id=1')).json.items;
    const evening = tracks.find((t) => t.name === 'Evening IOP');
    const ep = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: evening.id, primary_clinician_id: made.json.id, privacy_notice_given: true,
    });
    assert.equal(ep.status, 201, ep.text);

    // The demo clinician records it; the task is not theirs but the client's clinician's.
    const clin = await signIn(srv.url, 'clinician');
    const s = await clin.post(`/api/v1/clients/${c.json.id}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] });
    assert.equal(s.status, 201, s.text);
    const theirs = (await second.get('/api/v1/tasks')).json.items;
    assert.equal(theirs.length, 1, JSON.stringify(theirs));
    assert.equal(theirs[0].client_id, c.json.id);
    assert.equal(theirs[0].kind, 'alert_response');
    assert.equal((await clin.get('/api/v1/tasks')).json.items.filter((t) => t.client_id === c.json.id).length, 0);
  } finally {
    await finish(srv);
  }
});

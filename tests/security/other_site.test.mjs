// A staff member of another site (docs/security.md). Sites divide the
// directory, the rooms, the tracks and the duty roster; they do not wall
// off records: a role's permissions hold at every site, so a nurse whose
// account lists only site B reads the chart of a client in treatment at
// site A. What limits them is their role (the route x role walk,
// permissions.test.mjs) and the audit: every read names them and lands on
// the client's trail, where an auditor sees a read from outside the
// client's site. This test holds both halves, so that the threat model
// cannot claim a site wall that does not exist, or lose the audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, clientBody, cap, uniq } from '../api/helpers.mjs';

test('a nurse of site B reads a site-A client\'s chart as their role allows, audited on the client\'s trail; writes stay refused', async () => {
  const srv = await startServer();
  try {
    const admin = await signIn(srv.url, 'admin');
    const director = await signIn(srv.url, 'director');
    const siteA = (await admin.get('/api/v1/sites')).json.items[0].id;
    const b = await admin.post('/api/v1/sites', { name: 'Site B ' + cap(uniq(6)), timezone: 'America/Chicago', address: '2 Other St', phone: '312-555-0160' });
    assert.equal(b.status, 201, b.text);
    const username = 'nurseb' + uniq(5);
    const s = await admin.post('/api/v1/staff', { username, full_name: 'Nurse Bee', email: '', roles: ['nurse'], site_ids: [b.json.id], password: 'Site-b-first-pass-1' });
    assert.equal(s.status, 201, s.text);
    const nurse = new Api(srv.url);
    assert.equal((await nurse.login(username, 'Site-b-first-pass-1')).status, 200);
    assert.equal((await nurse.put('/api/v1/me/password', { current_password: 'Site-b-first-pass-1', new_password: 'Site-b-second-pass-2' })).status, 204);

    // A client admitted at site A.
    const c = await director.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const tracks = (await admin.get(`/api/v1/tracks?site_id=${siteA}`)).json.items;
    const staff = Object.fromEntries((await admin.get('/api/v1/staff?limit=200')).json.items.map((x) => [x.username, x.id]));
    const e = await director.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: siteA, track_id: tracks.find((t) => t.level_of_care === '2.1').id,
      primary_clinician_id: staff.clinician, case_manager_id: staff.case_manager, privacy_notice_given: true,
    });
    assert.equal(e.status, 201, e.text);
    // The nurse is in the client's care (their care team): what is tested
    // here is the site, not the care relationship (api/care.test.mjs).
    const t = await director.post(`/api/v1/clients/${c.json.id}/care-team`, { staff_id: s.json.id, role_in_care: 'nurse' });
    assert.equal(t.status, 201, t.text);

    // No site wall: the read is answered.
    const r = await nurse.get(`/api/v1/clients/${c.json.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal((await nurse.get(`/api/v1/clients/${c.json.id}/instruments`)).status, 200);
    // The role still limits: a nurse does not change demographics.
    const w = await nurse.patch(`/api/v1/clients/${c.json.id}`, { language: 'Polish' });
    assert.equal(w.status, 403, w.text);

    // Every one of those is on the client's trail under the nurse's name.
    const trail = await director.get(`/api/v1/clients/${c.json.id}/audit?limit=200`);
    assert.equal(trail.status, 200, trail.text);
    const mine = trail.json.items.filter((x) => x.username === username).map((x) => x.action);
    assert.ok(mine.includes('client.read'), JSON.stringify(mine));
    assert.ok(mine.includes('request.refused'), JSON.stringify(mine));
    assert.ok(mine.length >= 3, JSON.stringify(mine));
  } finally {
    await srv.stop();
  }
});

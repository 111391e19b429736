// Staff accounts, sites, rooms and tracks: the records, their validation,
// the lists and their filters.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, uniq, cap, assertError, assertSchema, finish, ROLES } from './helpers.mjs';

describe('directory', () => {
  let srv;
  let admin;
  let clin;
  let site;   // a demo site id
  let site2;  // another one

  before(async () => {
    srv = await startServer();
    admin = await signIn(srv.url, 'admin');
    clin = await signIn(srv.url, 'clinician');
    const s = await admin.get('/api/v1/sites');
    assert.ok(s.json.items.length >= 2, 'the demo clinic has two sites');
    [site, site2] = s.json.items.map((x) => x.id);
  });
  after(() => finish(srv));

  // Check a list of failing cases; each must answer 400 invalid naming field.
  async function expectInvalid(send, cases) {
    const failures = [];
    for (const [what, body, field] of cases) {
      const r = await send(body);
      if (r.status !== 400 || r.json?.error?.code !== 'invalid' || !r.json.error.fields?.[field])
        failures.push(`${what}: expected 400 invalid fields.${field}, got ${r.status} ${r.text}`);
    }
    assert.deepEqual(failures, []);
  }

  describe('staff', () => {
    const newStaff = (over = {}) => ({
      username: 'dir' + uniq(8), full_name: 'Dir ' + cap(uniq(5)), email: 'dir@example.org',
      roles: ['nurse'], site_ids: [site], password: 'Directory-pass-1', ...over,
    });

    test('the staff list shows every demo account, the same to an admin and to a clinician', async () => {
      const a = await admin.get('/api/v1/staff?limit=200');
      assert.equal(a.status, 200, a.text);
      assertSchema('StaffList', a.json);
      for (const role of ROLES) {
        const s = a.json.items.find((x) => x.username === role);
        assert.ok(s, `${role} listed`);
        assert.ok(s.roles.includes(role));
      }
      const c = await clin.get('/api/v1/staff?limit=200');
      assert.equal(c.status, 200, c.text);
      assertSchema('StaffList', c.json);
      assert.deepEqual(c.json.items.map((x) => x.id), a.json.items.map((x) => x.id));
      const one = await clin.get(`/api/v1/staff/${a.json.items[0].id}`);
      assert.equal(one.status, 200, one.text);
      assertSchema('Staff', one.json);
    });

    test('the staff list pages with limit and offset', async () => {
      const all = await admin.get('/api/v1/staff?limit=200');
      const p = await admin.get('/api/v1/staff?limit=2&offset=1');
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.total, all.json.total);
      assert.deepEqual(p.json.items.map((x) => x.id), all.json.items.slice(1, 3).map((x) => x.id));
      const bad = await admin.get('/api/v1/staff?limit=0');
      assertError(bad, 400, 'invalid');
      assert.ok(bad.json.error.fields?.limit);
    });

    test('create answers 201 with the account; GET answers the same; a missing id is 404', async () => {
      const body = newStaff({ roles: ['clinician', 'case_manager'], site_ids: [site, site2] });
      const r = await admin.post('/api/v1/staff', body);
      assert.equal(r.status, 201, r.text);
      assertSchema('Staff', r.json);
      assert.equal(r.json.username, body.username);
      assert.equal(r.json.full_name, body.full_name);
      assert.equal(r.json.email, body.email);
      assert.deepEqual([...r.json.roles].sort(), ['case_manager', 'clinician']);
      assert.deepEqual([...r.json.site_ids].sort((x, y) => x - y), [site, site2].sort((x, y) => x - y));
      assert.equal(r.json.active, true);
      assert.ok(!('password' in r.json) && !JSON.stringify(r.json).includes(body.password), 'no password in the answer');
      const g = await admin.get(`/api/v1/staff/${r.json.id}`);
      assert.deepEqual(g.json, r.json);
      assertError(await admin.get('/api/v1/staff/999999999'), 404, 'not_found');
      assertError(await admin.get('/api/v1/staff/abc'), 404, 'not_found');
    });

    test('invalid accounts answer 400 naming the field', async () => {
      const before = (await admin.get('/api/v1/staff?limit=1')).json.total;
      await expectInvalid((b) => admin.post('/api/v1/staff', b), [
        ['username too short', newStaff({ username: 'ab' }), 'username'],
        ['username too long', newStaff({ username: 'a' + 'b'.repeat(32) }), 'username'],
        ['username upper case', newStaff({ username: 'Dir' + uniq() }), 'username'],
        ['username with a space', newStaff({ username: 'dir ' + uniq() }), 'username'],
        ['username missing', newStaff({ username: undefined }), 'username'],
        ['full_name missing', newStaff({ full_name: undefined }), 'full_name'],
        ['full_name over 100', newStaff({ full_name: 'f'.repeat(101) }), 'full_name'],
        ['email bad', newStaff({ email: 'nope' }), 'email'],
        ['no roles', newStaff({ roles: [] }), 'roles'],
        ['unknown role', newStaff({ roles: ['wizard'] }), 'roles'],
        ['password short', newStaff({ password: 'short-pass' }), 'password'],
        ['password = username', (() => { const u = 'sameasname' + uniq(4); return newStaff({ username: u, password: u }); })(), 'password'],
        ['password missing', newStaff({ password: undefined }), 'password'],
        ['a site that does not exist', newStaff({ site_ids: [999999] }), 'site_ids'],
        ['site_ids not ids', newStaff({ site_ids: ['one'] }), 'site_ids'],
        ['unknown field', newStaff({ shoe_size: 9 }), 'shoe_size'],
      ].map(([w, b, f]) => [w, JSON.parse(JSON.stringify(b)), f]));
      assert.equal((await admin.get('/api/v1/staff?limit=1')).json.total, before, 'nothing written');
    });

    test('PATCH changes only the fields it names; username cannot be changed', async () => {
      const r = await admin.post('/api/v1/staff', newStaff());
      const p = await admin.patch(`/api/v1/staff/${r.json.id}`, { full_name: 'Renamed Person', roles: ['nurse', 'billing'] });
      assert.equal(p.status, 200, p.text);
      assertSchema('Staff', p.json);
      assert.deepEqual({ ...p.json, roles: [...p.json.roles].sort() }, { ...r.json, full_name: 'Renamed Person', roles: ['billing', 'nurse'] });
      assertError(await admin.patch(`/api/v1/staff/${r.json.id}`, { username: 'renamed' + uniq() }), 400, 'invalid', 'username');
      assertError(await admin.patch(`/api/v1/staff/${r.json.id}`, { roles: [] }), 400, 'invalid', 'no roles');
      assertError(await admin.patch(`/api/v1/staff/${r.json.id}`, { password: 'Another-pass-123' }), 400, 'invalid', 'password by PATCH');
      assertError(await admin.patch('/api/v1/staff/999999999', { full_name: 'X' }), 404, 'not_found');
      assert.deepEqual((await admin.get(`/api/v1/staff/${r.json.id}`)).json, p.json, 'refused changes changed nothing');
    });

    test('a disabled account can be enabled again and signs in', async () => {
      const body = newStaff();
      const r = await admin.post('/api/v1/staff', body);
      assert.equal((await admin.patch(`/api/v1/staff/${r.json.id}`, { active: false })).json.active, false);
      assert.equal((await new Api(srv.url).login(body.username, body.password)).status, 401);
      assert.equal((await admin.patch(`/api/v1/staff/${r.json.id}`, { active: true })).json.active, true);
      assert.equal((await new Api(srv.url).login(body.username, body.password)).status, 200);
    });

    test('an administrator\'s password reset checks the new password', async () => {
      const r = await admin.post('/api/v1/staff', newStaff());
      const bad = await admin.post(`/api/v1/staff/${r.json.id}/password`, { password: 'short' });
      assertError(bad, 400, 'invalid');
      assert.ok(bad.json.error.fields?.password, bad.text);
      assertError(await admin.post('/api/v1/staff/999999999/password', { password: 'Long-enough-pass-1' }), 404, 'not_found');
      assertError(await admin.post('/api/v1/staff/999999999/unlock'), 404, 'not_found');
    });
  });

  describe('sites', () => {
    const newSite = (over = {}) => ({ name: 'Site ' + cap(uniq()), timezone: 'America/Denver', address: '9 Pine Rd, Boulder', phone: '303-555-0100', ...over });

    test('the site list shows the demo sites to every role', async () => {
      const r = await clin.get('/api/v1/sites');
      assert.equal(r.status, 200, r.text);
      assertSchema('SiteList', r.json);
      assert.ok(r.json.items.some((x) => x.id === site));
      assert.equal(r.json.total, r.json.items.length);
    });

    test('create, read and change a site', async () => {
      const body = newSite();
      const r = await admin.post('/api/v1/sites', body);
      assert.equal(r.status, 201, r.text);
      assertSchema('Site', r.json);
      assert.deepEqual(r.json, { ...body, id: r.json.id, active: true });
      assert.deepEqual((await clin.get(`/api/v1/sites/${r.json.id}`)).json, r.json);
      const p = await admin.patch(`/api/v1/sites/${r.json.id}`, { phone: '303-555-0199' });
      assert.equal(p.status, 200, p.text);
      assert.deepEqual(p.json, { ...r.json, phone: '303-555-0199' });
      const off = await admin.patch(`/api/v1/sites/${r.json.id}`, { active: false });
      assert.equal(off.json.active, false);
      assertError(await admin.get('/api/v1/sites/999999999'), 404, 'not_found');
      assertError(await admin.patch('/api/v1/sites/999999999', { phone: '303-555-0100' }), 404, 'not_found');
    });

    test('invalid sites answer 400 naming the field', async () => {
      await expectInvalid((b) => admin.post('/api/v1/sites', b), [
        ['name empty', newSite({ name: '' }), 'name'],
        ['name over 100', newSite({ name: 'n'.repeat(101) }), 'name'],
        ['timezone not a zone name', newSite({ timezone: 'not a zone' }), 'timezone'],
        ['address over 200', newSite({ address: 'a'.repeat(201) }), 'address'],
        ['phone with letters', newSite({ phone: 'call us' }), 'phone'],
        ['unknown field', newSite({ fax: '1' }), 'fax'],
      ]);
      const s = (await admin.get('/api/v1/sites?limit=200')).json.items[0];
      const p = await admin.patch(`/api/v1/sites/${s.id}`, { name: '' });
      assertError(p, 400, 'invalid');
      assert.ok(p.json.error.fields?.name);
    });
  });

  describe('rooms', () => {
    test('create, read, change and filter rooms by site', async () => {
      const name = 'Room ' + cap(uniq());
      const r = await admin.post('/api/v1/rooms', { site_id: site2, name, capacity: 16 });
      assert.equal(r.status, 201, r.text);
      assertSchema('Room', r.json);
      assert.deepEqual(r.json, { id: r.json.id, site_id: site2, name, capacity: 16, active: true });
      assert.deepEqual((await clin.get(`/api/v1/rooms/${r.json.id}`)).json, r.json);
      const p = await admin.patch(`/api/v1/rooms/${r.json.id}`, { capacity: 20 });
      assert.equal(p.status, 200, p.text);
      assert.deepEqual(p.json, { ...r.json, capacity: 20 });

      const all = await clin.get('/api/v1/rooms?limit=200');
      assertSchema('RoomList', all.json);
      const only = await clin.get(`/api/v1/rooms?site_id=${site2}&limit=200`);
      assert.equal(only.status, 200, only.text);
      assert.ok(only.json.items.length > 0 && only.json.items.every((x) => x.site_id === site2), 'only that site\'s rooms');
      assert.ok(only.json.items.some((x) => x.id === r.json.id));
      assert.equal(only.json.total, all.json.items.filter((x) => x.site_id === site2).length);
      assertError(await clin.get('/api/v1/rooms/999999999'), 404, 'not_found');
      const bad = await clin.get('/api/v1/rooms?site_id=abc');
      assertError(bad, 400, 'invalid');
      assert.ok(bad.json.error.fields?.site_id, bad.text);
    });

    test('invalid rooms answer 400 naming the field', async () => {
      const room = (over) => ({ site_id: site, name: 'Room ' + cap(uniq()), capacity: 10, ...over });
      await expectInvalid((b) => admin.post('/api/v1/rooms', b), [
        ['capacity 0', room({ capacity: 0 }), 'capacity'],
        ['capacity 501', room({ capacity: 501 }), 'capacity'],
        ['capacity not a number', room({ capacity: 'ten' }), 'capacity'],
        ['name empty', room({ name: '' }), 'name'],
        ['a site that does not exist', room({ site_id: 999999 }), 'site_id'],
        ['unknown field', room({ floor: 2 }), 'floor'],
      ]);
      const r = await admin.post('/api/v1/rooms', room({}));
      const p = await admin.patch(`/api/v1/rooms/${r.json.id}`, { capacity: 501 });
      assertError(p, 400, 'invalid');
      assert.ok(p.json.error.fields?.capacity);
    });
  });

  describe('tracks', () => {
    test('the track list shows the demo tracks, filtered by site on request', async () => {
      const all = await clin.get('/api/v1/tracks?limit=200');
      assert.equal(all.status, 200, all.text);
      assertSchema('TrackList', all.json);
      assert.ok(all.json.items.length > 0, 'the demo clinic has tracks');
      for (const t of all.json.items) assert.ok(t.start_time < t.end_time, `${t.name}: starts before it ends`);
      const only = await clin.get(`/api/v1/tracks?site_id=${site}`);
      assert.equal(only.status, 200);
      assert.ok(only.json.items.every((x) => x.site_id === site));
      assert.equal(only.json.total, all.json.items.filter((x) => x.site_id === site).length);
      const page = await clin.get('/api/v1/tracks?limit=1&offset=1');
      assert.deepEqual(page.json.items.map((x) => x.id), all.json.items.slice(1, 2).map((x) => x.id));
      assert.equal(page.json.total, all.json.total);
    });
  });
});

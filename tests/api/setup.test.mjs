// Setting a fresh install up (`iop init`, no demo): the set-up checklist
// counts what is missing; the program's details (name, line, public phone
// and email) are read by every staff member and changed by administrators;
// tracks are added and changed by administrators and directors, every bad
// field named and nothing written; the public page and its data show the
// program and its tracks.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api, DEMO_PASSWORD } from '../lib/server.mjs';
import { signIn, assertError, assertSchema, finish, auditRows, sqlite, clientBody } from './helpers.mjs';

const TRACK = {
  name: 'Evening IOP', level_of_care: '2.1', weekdays: ['mon', 'tue', 'thu'],
  start_time: '18:00', end_time: '21:00',
};

describe('program set-up from a fresh install', () => {
  let srv;
  let admin;
  const as = {};        // signed-in staff by role
  let site;

  // A staff account made by the administrator, its first password changed.
  async function staffOf(role) {
    const username = `${role.replace('_', '')}one`;
    const made = await admin.post('/api/v1/staff', {
      username, full_name: `Pat ${role}`, email: '', roles: [role], site_ids: [], password: 'First-password-1',
    });
    assert.equal(made.status, 201, made.text);
    const api = new Api(srv.url);
    assert.equal((await api.login(username, 'First-password-1')).status, 200);
    assert.equal((await api.put('/api/v1/me/password', { current_password: 'First-password-1', new_password: 'Second-password-2' })).status, 204);
    return api;
  }

  const checklist = async (api = admin) => {
    const r = await api.get('/api/v1/setup');
    assert.equal(r.status, 200, r.text);
    assertSchema('SetupChecklist', r.json);
    return { complete: r.json.complete, ...Object.fromEntries(r.json.steps.map((s) => [s.key, s.done])) };
  };
  const trackCount = () => Number(sqlite(srv.db, 'SELECT count(*) FROM track').trim());

  before(async () => {
    srv = await startServer({ demo: false });
    admin = await signIn(srv.url, 'admin', DEMO_PASSWORD);
  });
  after(() => finish(srv));

  test('a fresh install: nothing set up, the checklist says so, the public page has no groups', async () => {
    assert.deepEqual(await checklist(), {
      complete: false, program: false, site: false, room: false, track: false, clinician: false, admissions: false,
      director: false,
    });
    const p = await admin.get('/api/v1/program');
    assert.equal(p.status, 200, p.text);
    assertSchema('Program', p.json);
    assert.equal(p.json.name, 'Intensive Outpatient Program');
    assert.equal(p.json.details_saved, false);
    assert.equal(p.json.updated_at, null);
    const pub = await new Api(srv.url).get('/api/v1/public/program');
    assert.equal(pub.status, 200);
    assertSchema('ProgramInfo', pub.json);
    assert.equal(pub.json.program.name, 'Intensive Outpatient Program');
    assert.deepEqual(pub.json.sites, []);
  });

  test('the program details: bad fields named and nothing written; admins only', async () => {
    const bad = await admin.patch('/api/v1/program', { name: '  ', tagline: 'x'.repeat(201), phone: '12', email: 'nobody', colour: 'red' });
    assertError(bad, 400, 'invalid');
    for (const f of ['tagline', 'phone', 'email', 'colour'])
      assert.ok(bad.json.error.fields[f], `field ${f} named: ${bad.text}`);
    const badName = await admin.patch('/api/v1/program', { name: '' });
    assertError(badName, 400, 'invalid');
    assert.ok(badName.json.error.fields.name, badName.text);
    const still = await admin.get('/api/v1/program');
    assert.equal(still.json.name, 'Intensive Outpatient Program');
    assert.equal(still.json.details_saved, false);

    as.director = await staffOf('director');
    as.clinician = await staffOf('clinician');
    assertError(await as.director.patch('/api/v1/program', { name: 'Not mine to name' }), 403, 'forbidden');
    // Any signed-in staff member reads it (the app's header shows the name).
    assert.equal((await as.clinician.get('/api/v1/program')).status, 200);
    assertError(await new Api(srv.url).get('/api/v1/program'), 401);
    assert.equal((await admin.get('/api/v1/program')).json.details_saved, false);
  });

  test('tracks: every bad field named and nothing written; a site that does not exist', async () => {
    const s = await admin.post('/api/v1/sites', { name: 'Riverbend', timezone: 'America/Chicago', address: '12 Mill Road', phone: '(555) 010-2200' });
    assert.equal(s.status, 201, s.text);
    site = s.json.id;

    const bad = await admin.post('/api/v1/tracks', { name: '', level_of_care: '3.7', weekdays: [], start_time: '25:00' });
    assertError(bad, 400, 'invalid');
    for (const f of ['site_id', 'name', 'level_of_care', 'weekdays', 'start_time', 'end_time'])
      assert.ok(bad.json.error.fields[f], `field ${f} named: ${bad.text}`);
    assert.match(bad.json.error.fields.level_of_care, /2\.1 \(intensive outpatient\)/);

    const backwards = await admin.post('/api/v1/tracks', { ...TRACK, site_id: site, start_time: '21:00', end_time: '18:00' });
    assertError(backwards, 400, 'invalid');
    assert.equal(backwards.json.error.fields.end_time, 'must be after the start time');

    const days = await admin.post('/api/v1/tracks', { ...TRACK, site_id: site, weekdays: ['mon', 'someday'] });
    assert.ok(days.json.error.fields.weekdays, days.text);
    const twice = await admin.post('/api/v1/tracks', { ...TRACK, site_id: site, weekdays: ['mon', 'mon'] });
    assert.ok(twice.json.error.fields.weekdays, twice.text);

    const nowhere = await admin.post('/api/v1/tracks', { ...TRACK, site_id: site + 1000 });
    assertError(nowhere, 400, 'invalid');
    assert.ok(nowhere.json.error.fields.site_id, nowhere.text);

    // A residential level is not a track.
    for (const level of ['0.5', '3.1', '4', '2']) {
      const r = await admin.post('/api/v1/tracks', { ...TRACK, site_id: site, level_of_care: level });
      assert.ok(r.json.error.fields.level_of_care, `${level}: ${r.text}`);
    }
    assert.equal(trackCount(), 0, 'nothing written');
    assert.equal((await checklist()).track, false);
  });

  test('tracks: administrators and directors add and change them, others are refused; audited', async () => {
    as.admissions = await staffOf('admissions');
    as.front_desk = await staffOf('front_desk');
    const made = await admin.post('/api/v1/tracks', { ...TRACK, site_id: site });
    assert.equal(made.status, 201, made.text);
    assertSchema('Track', made.json);
    assert.deepEqual({ ...made.json, id: 0 }, { id: 0, site_id: site, active: true, level_words: 'Intensive outpatient', blocks: [], ...TRACK });

    const day = await as.director.post('/api/v1/tracks', { site_id: site, name: 'Day PHP', level_of_care: '2.5',
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], start_time: '09:00', end_time: '14:30' });
    assert.equal(day.status, 201, day.text);

    const changed = await as.director.patch(`/api/v1/tracks/${made.json.id}`, { end_time: '21:30', weekdays: ['mon', 'wed'] });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.json.end_time, '21:30');
    assert.deepEqual(changed.json.weekdays, ['mon', 'wed']);
    assert.equal(changed.json.name, 'Evening IOP', 'fields not given stay');

    const backwards = await admin.patch(`/api/v1/tracks/${made.json.id}`, { start_time: '22:00' });
    assertError(backwards, 400, 'invalid');
    assert.ok(backwards.json.error.fields.end_time, backwards.text);
    const unknownSite = await admin.patch(`/api/v1/tracks/${made.json.id}`, { site_id: site + 1000 });
    assert.ok(unknownSite.json.error.fields.site_id, unknownSite.text);
    assertError(await admin.patch('/api/v1/tracks/99999', { name: 'Ghost' }), 404, 'not_found');
    const read = await as.clinician.get(`/api/v1/tracks/${made.json.id}`);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.json.start_time, '18:00', 'refused changes wrote nothing');
    assert.equal(read.json.end_time, '21:30');

    for (const role of ['clinician', 'admissions', 'front_desk']) {
      assertError(await as[role].post('/api/v1/tracks', { ...TRACK, site_id: site }), 403, 'forbidden', role);
      assertError(await as[role].patch(`/api/v1/tracks/${made.json.id}`, { name: 'Mine now' }), 403, 'forbidden', role);
    }
    assert.equal(trackCount(), 2);

    const rows = auditRows(srv.db);
    const created = rows.filter((r) => r.action === 'track.create');
    assert.deepEqual(created.map((r) => [r.record_type, r.record_id]), [['track', made.json.id], ['track', day.json.id]]);
    const updated = rows.filter((r) => r.action === 'track.update');
    assert.deepEqual(updated.map((r) => [r.record_id, r.username]), [[made.json.id, 'directorone']]);
  });

  test('the checklist completes; the public page shows the program and its tracks', async () => {
    let c = await checklist(as.clinician);
    assert.deepEqual(c, { complete: false, program: false, site: true, room: false, track: true, clinician: true, admissions: true,
      director: false });
    const room = await admin.post('/api/v1/rooms', { site_id: site, name: 'Group room A', capacity: 12 });
    assert.equal(room.status, 201, room.text);
    c = await checklist();
    assert.equal(c.room, true);
    assert.equal(c.complete, false, 'the program details are still not saved');

    const saved = await admin.patch('/api/v1/program', {
      name: 'Riverbend & Mill <Recovery>', tagline: 'Evening groups that fit around work.',
      phone: '(555) 010-4477', email: 'admissions@riverbend.example',
    });
    assert.equal(saved.status, 200, saved.text);
    assertSchema('Program', saved.json);
    assert.equal(saved.json.details_saved, true);
    assert.ok(saved.json.updated_at);
    const audit = auditRows(srv.db).filter((r) => r.action === 'program.update');
    assert.equal(audit.length, 1);
    assert.equal(audit[0].username, 'admin');
    // A director works at no site yet: a safety alert raised while nobody is
    // on duty would reach no one, so set-up is not complete.
    assert.deepEqual([(await checklist()).director, (await checklist()).complete], [false, false]);
    const dirId = (await as.director.get('/api/v1/me')).json.user.id;
    const placed = await admin.patch(`/api/v1/staff/${dirId}`, { site_ids: [site] });
    assert.equal(placed.status, 200, placed.text);
    assert.equal((await checklist()).director, true);
    assert.equal((await checklist()).complete, true);

    const anon = new Api(srv.url);
    const pub = await anon.get('/api/v1/public/program');
    assertSchema('ProgramInfo', pub.json);
    assert.deepEqual(pub.json.program, { name: 'Riverbend & Mill <Recovery>', tagline: 'Evening groups that fit around work.',
      phone: '(555) 010-4477', email: 'admissions@riverbend.example' });
    assert.deepEqual(pub.json.sites.map((s) => s.tracks.map((t) => t.name)), [['Day PHP', 'Evening IOP']]);

    // The page names the program before any script runs, escaped.
    const page = await anon.get('/');
    assert.equal(page.status, 200);
    assert.match(page.text, /<title>Riverbend &amp; Mill &lt;Recovery&gt;<\/title>/);
    assert.match(page.text, /<h1 data-program-name>Riverbend &amp; Mill &lt;Recovery&gt;<\/h1>/);
    assert.match(page.text, /<p class="lead">Evening groups that fit around work\.<\/p>/);
    assert.ok(!page.text.includes('<Recovery>') && !page.text.includes('<!--#program'), 'no raw name, no marker left');
    const help = await anon.get('/get-help.html');
    assert.match(help.text, /<title>Get help — Riverbend &amp; Mill &lt;Recovery&gt;<\/title>/);

    // The admissions team admits a client into the new track.
    const client = await as.admissions.post('/api/v1/clients', clientBody());
    assert.equal(client.status, 201, client.text);
    const me = (await as.clinician.get('/api/v1/me')).json;
    const evening = (await as.admissions.get(`/api/v1/tracks?site_id=${site}`)).json.items.find((t) => t.name === 'Evening IOP');
    const ep = await as.admissions.post(`/api/v1/clients/${client.json.id}/episodes`, {
      level: '2.1', site_id: site, track_id: evening.id, primary_clinician_id: me.user.id, privacy_notice_given: true,
    });
    assert.equal(ep.status, 201, ep.text);
    assert.equal(ep.json.track_name, 'Evening IOP');

    // A track made inactive leaves the public page, and the checklist
    // asks for one again when none is active.
    const tracks = (await admin.get('/api/v1/tracks')).json.items;
    for (const t of tracks) assert.equal((await admin.patch(`/api/v1/tracks/${t.id}`, { active: false })).status, 200);
    assert.deepEqual((await anon.get('/api/v1/public/program')).json.sites[0].tracks, []);
    c = await checklist();
    assert.equal(c.track, false);
    assert.equal(c.complete, false);
  });
});

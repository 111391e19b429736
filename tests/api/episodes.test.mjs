// Admission into an episode of care and the census: one open episode per
// client, the track of the site at the level, an active clinician and case
// manager, the 42 CFR 2.22 privacy notice, no future admission date, no
// inactive client; the census by site, level and track with its filters and
// its audit row; an inquiry converted to the client moving to `admitted`.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import {
  signIn, clientBody, uniq, cap, assertError, assertSchema, assertPages, finish, auditRows, careTeam } from './helpers.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

describe('episodes and census', () => {
  let srv;
  let anon;
  let adm;      // admissions: episodes.admit, clients.write, inquiries.manage
  let dir;      // director
  let clin;     // clinician: episodes.admit
  let nurse;    // nurse: clients.read, no episodes.admit
  let desk;     // front_desk: clients.read
  let admin;    // admin: no clients.read
  const staff = {};   // by username
  let site1;    // the first demo site
  let site2;
  let evening1; // the Evening IOP track of site 1
  let day1;     // the Day IOP track of site 1
  let evening2; // the Evening IOP track of site 2

  before(async () => {
    srv = await startServer();
    anon = new Api(srv.url);
    [adm, dir, clin, nurse, desk, admin] = await Promise.all(
      ['admissions', 'director', 'clinician', 'nurse', 'front_desk', 'admin'].map((u) => signIn(srv.url, u)));
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    const sites = (await adm.get('/api/v1/sites')).json.items.sort((a, b) => a.id - b.id);
    [site1, site2] = sites;
    const tracks = (await adm.get('/api/v1/tracks')).json.items;
    evening1 = tracks.find((t) => t.site_id === site1.id && t.name === 'Evening IOP');
    day1 = tracks.find((t) => t.site_id === site1.id && t.name === 'Day IOP');
    evening2 = tracks.find((t) => t.site_id === site2.id && t.name === 'Evening IOP');
    assert.ok(evening1 && day1 && evening2, 'the demo tracks');
    assert.equal(evening1.level_of_care, '2.1');
  });
  after(() => finish(srv));

  const newClient = async (over = {}) => {
    const r = await adm.post('/api/v1/clients', clientBody(over));
    assert.equal(r.status, 201, r.text);
    await careTeam(srv.url, r.json.id);
    return r.json;
  };
  const admission = (over = {}) => ({
    level: '2.1', site_id: site1.id, track_id: evening1.id, primary_clinician_id: staff.clinician.id,
    case_manager_id: staff.case_manager.id, privacy_notice_given: true, ...over,
  });
  const episodesOf = async (clientId) => {
    const r = await adm.get(`/api/v1/clients/${clientId}/episodes`);
    assert.equal(r.status, 200, r.text);
    assertSchema('EpisodeList', r.json);
    return r.json;
  };
  const census = async (qs = '', api = adm) => {
    const r = await api.get(`/api/v1/census${qs ? `?${qs}` : ''}`);
    assert.equal(r.status, 200, r.text);
    assertSchema('CensusList', r.json);
    assert.equal(r.json.total, r.json.items.length);
    return r.json.items;
  };

  describe('admit', () => {
    let client;
    let episode;

    test('admissions admits a client to the Evening IOP track of site 1: 201 with the names', async () => {
      client = await newClient();
      const admitted = day(-3);
      const r = await adm.post(`/api/v1/clients/${client.id}/episodes`, admission({ admitted_on: admitted }));
      assert.equal(r.status, 201, r.text);
      assertSchema('Episode', r.json);
      episode = r.json;
      assert.deepEqual(
        [episode.client_id, episode.level, episode.site_id, episode.track_id, episode.admitted_on,
          episode.primary_clinician_id, episode.case_manager_id, episode.privacy_notice_given, episode.status,
          episode.discharged_on, episode.inquiry_id],
        [client.id, '2.1', site1.id, evening1.id, admitted, staff.clinician.id, staff.case_manager.id, true, 'open', null, null]);
      assert.deepEqual(episode.client, { mrn: client.mrn, first_name: client.first_name, last_name: client.last_name, preferred_name: client.preferred_name });
      assert.deepEqual([episode.site_name, episode.track_name, episode.primary_clinician, episode.case_manager],
        [site1.name, 'Evening IOP', staff.clinician.full_name, staff.case_manager.full_name]);
      assert.ok(episode.created_at);
    });

    test('the client\'s episodes list it', async () => {
      const list = await episodesOf(client.id);
      assert.deepEqual(list, { items: [episode], total: 1 });
    });

    test('a second admission while one is open answers 409 conflict', async () => {
      assertError(await adm.post(`/api/v1/clients/${client.id}/episodes`, admission()), 409, 'conflict');
      assertError(await dir.post(`/api/v1/clients/${client.id}/episodes`, admission({ track_id: day1.id })), 409, 'conflict', 'another track');
      assert.equal((await episodesOf(client.id)).total, 1);
    });

    test('admitted_on defaults to today', async () => {
      const c = await newClient();
      const r = await adm.post(`/api/v1/clients/${c.id}/episodes`, admission({ case_manager_id: undefined, track_id: undefined }));
      assert.equal(r.status, 201, r.text);
      assert.ok([day(-1), day(0), day(1)].includes(r.json.admitted_on), `today (give or take a time zone): ${r.json.admitted_on}`);
      assert.deepEqual([r.json.track_id, r.json.track_name, r.json.case_manager_id, r.json.case_manager], [null, '', null, '']);
    });

    test('refusals answer 400 naming the field and admit no one', async () => {
      const c = await newClient();
      const disabled = await admin.post('/api/v1/staff', {
        username: 'gone' + uniq(6), full_name: 'Former Clinician', email: '', roles: ['clinician', 'case_manager'],
        site_ids: [site1.id], password: 'Former-clinician-1',
      });
      assert.equal(disabled.status, 201, disabled.text);
      assert.equal((await admin.patch(`/api/v1/staff/${disabled.json.id}`, { active: false })).status, 200);
      const cases = [
        ['privacy notice not given', { privacy_notice_given: false }, 'privacy_notice_given'],
        ['privacy notice left out', { privacy_notice_given: undefined }, 'privacy_notice_given'],
        ['a track of the other site', { track_id: evening2.id }, 'track_id'],
        ['a track at another level', { level: '2.5' }, 'track_id'],
        ['an unknown track', { track_id: 999999 }, 'track_id'],
        ['a nurse as primary clinician', { primary_clinician_id: staff.nurse.id }, 'primary_clinician_id'],
        ['a disabled clinician', { primary_clinician_id: disabled.json.id }, 'primary_clinician_id'],
        ['no primary clinician', { primary_clinician_id: undefined }, 'primary_clinician_id'],
        ['a clinician as case manager', { case_manager_id: staff.clinician.id }, 'case_manager_id'],
        ['a disabled case manager', { case_manager_id: disabled.json.id }, 'case_manager_id'],
        ['a future admission date', { admitted_on: day(30) }, 'admitted_on'],
        ['not a date', { admitted_on: '2026-02-30' }, 'admitted_on'],
        ['an unknown level', { level: '2.2', track_id: undefined }, 'level'],
        ['no level', { level: undefined, track_id: undefined }, 'level'],
        ['an unknown site', { site_id: 999999, track_id: undefined }, 'site_id'],
        ['no site', { site_id: undefined, track_id: undefined }, 'site_id'],
        ['a level no track of the program runs', { level: '3.7', track_id: undefined }, 'level'],
        ['acknowledged_alerts not a list', { acknowledged_alerts: 7 }, 'acknowledged_alerts'],
        ['an alert id that is not this client\'s', { acknowledged_alerts: [999999] }, 'acknowledged_alerts'],
      ];
      for (const [what, over, field] of cases) {
        const r = await adm.post(`/api/v1/clients/${c.id}/episodes`, admission(over));
        assertError(r, 400, 'invalid', what);
        assert.ok(r.json.error.fields?.[field], `${what}: fields.${field} in ${r.text}`);
      }
      assertError(await adm.post(`/api/v1/clients/${c.id}/episodes`, admission({ ward: 'B' })), 400, 'invalid', 'unknown field');
      assertError(await adm.req('POST', `/api/v1/clients/${c.id}/episodes`, 'nope'), 400, 'malformed');
      assert.deepEqual(await episodesOf(c.id), { items: [], total: 0 }, 'no episode after refusals');
      assert.equal((await adm.post(`/api/v1/clients/${c.id}/episodes`, admission())).status, 201, 'the same client admits afterwards');
    });

    test('only the levels the program\'s active tracks provide: residential and inpatient are refused', async () => {
      const c = await newClient();
      for (const level of ['0.5', '1', '3.5', '3.7', '4']) {
        const r = await adm.post(`/api/v1/clients/${c.id}/episodes`, admission({ level, track_id: undefined }));
        assertError(r, 400, 'invalid', level);
        assert.match(r.json.error.fields.level, /not a level this program provides; its tracks run at 2\.1/, r.text);
      }
      assert.equal((await episodesOf(c.id)).total, 0);
    });

    describe('a client with an open suicide-risk alert', () => {
      let c;
      let alert;
      before(async () => {
        c = await newClient();
        const s = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 2] });
        assert.equal(s.status, 201, s.text);
        const open = (await clin.get(`/api/v1/clients/${c.id}/alerts?open=true`)).json.items;
        assert.equal(open.length, 1);
        [alert] = open;
      });

      test('is not admitted without a word: 409 with the alert, written as shown on the client', async () => {
        const r = await adm.post(`/api/v1/clients/${c.id}/episodes`, admission());
        assertError(r, 409, 'conflict');
        assertSchema('ErrorBody', r.json);
        assert.match(r.json.error.message, /open safety alert/);
        assert.equal(r.json.error.acknowledge_with, 'acknowledged_alerts');
        assert.equal(r.json.error.alerts.length, 1);
        const [shown] = r.json.error.alerts;
        assert.equal(shown.id, alert.id);
        assert.equal(shown.kind, 'suicide_risk');
        assert.equal(shown.kind_words, 'Suicide risk');
        assert.equal(shown.message, alert.message, 'admissions holds screening.read');
        assert.equal((await episodesOf(c.id)).total, 0, 'no episode');
        const row = auditRows(srv.db).find((x) => x.action === 'episode.alerts_shown' && x.client_id === c.id);
        assert.ok(row, 'an episode.alerts_shown row on the client');
        assert.equal(row.detail, `alerts=${alert.id}`);
      });

      test('is admitted once the admitter acknowledges it, and the episode and audit row keep that', async () => {
        const r = await adm.post(`/api/v1/clients/${c.id}/episodes`, admission({ acknowledged_alerts: [alert.id] }));
        assert.equal(r.status, 201, r.text);
        assertSchema('Episode', r.json);
        assert.deepEqual(r.json.acknowledged_alerts, [alert.id]);
        assert.deepEqual((await episodesOf(c.id)).items[0].acknowledged_alerts, [alert.id]);
        const row = auditRows(srv.db).find((x) => x.action === 'episode.admit' && x.client_id === c.id);
        assert.match(row.detail, new RegExp(`acknowledged_alerts=${alert.id}\\b`));
        assert.equal(row.username, 'admissions');
      });

      test('an answered alert needs no acknowledgement', async () => {
        const d = await newClient();
        const s = await clin.post(`/api/v1/clients/${d.id}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] });
        assert.equal(s.status, 201, s.text);
        const [open] = (await clin.get(`/api/v1/clients/${d.id}/alerts?open=true`)).json.items;
        const res = await clin.post(`/api/v1/alerts/${open.id}/resolve`, { response: 'Assessed in person; low risk; safety plan made.' });
        assert.equal(res.status, 200, res.text);
        const r = await adm.post(`/api/v1/clients/${d.id}/episodes`, admission());
        assert.equal(r.status, 201, r.text);
        assert.deepEqual(r.json.acknowledged_alerts, []);
      });
    });

    test('an inactive client answers 409; an unknown one 404', async () => {
      const c = await newClient();
      assert.equal((await adm.patch(`/api/v1/clients/${c.id}`, { active: false })).status, 200);
      assertError(await adm.post(`/api/v1/clients/${c.id}/episodes`, admission()), 409, 'conflict');
      assert.equal((await episodesOf(c.id)).total, 0);
      assertError(await adm.post('/api/v1/clients/999999999/episodes', admission()), 404, 'not_found');
      assertError(await adm.get('/api/v1/clients/999999999/episodes'), 404, 'not_found');
    });
  });

  describe('from an inquiry', () => {
    const convert = async () => {
      const q = await adm.post('/api/v1/inquiries', { kind: 'phone', name: `Robin ${cap(uniq(8))}`, phone: '312-555-0181' });
      assert.equal(q.status, 201, q.text);
      const c = await adm.post(`/api/v1/inquiries/${q.json.id}/convert`, { dob: '1988-08-08', sex: 'female' });
      assert.equal(c.status, 200, c.text);
      return c.json;
    };

    test('inquiry_id of an inquiry converted to this client moves it to admitted', async () => {
      const q = await convert();
      const r = await adm.post(`/api/v1/clients/${q.client_id}/episodes`, admission({ inquiry_id: q.id }));
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.inquiry_id, q.id);
      const after = await adm.get(`/api/v1/inquiries/${q.id}`);
      assert.equal(after.json.status, 'admitted');
    });

    test('an urgent inquiry converted to the client leaves the board when the client is admitted, even unnamed', async () => {
      const q = await adm.post('/api/v1/inquiries', { kind: 'phone', name: `Sam ${cap(uniq(8))}`, phone: '312-555-0183', urgency: 'today' });
      assert.equal(q.status, 201, q.text);
      const t = await adm.post(`/api/v1/inquiries/${q.json.id}/tasks`, { title: 'Call back today', due_at: new Date(Date.now() + 3600e3).toISOString().slice(0, 16) + 'Z' });
      assert.equal(t.status, 201, t.text);
      const c = await adm.post(`/api/v1/inquiries/${q.json.id}/convert`, { dob: '1988-08-08', sex: 'female' });
      assert.equal(c.status, 200, c.text);
      const before = (await adm.get(`/api/v1/inquiries/${q.json.id}`)).json;
      assert.equal(before.urgent, true, 'urgent while it waits');
      // A clinician admits from the chart: the inquiry is not named.
      const r = await clin.post(`/api/v1/clients/${c.json.client_id}/episodes`, admission());
      assert.equal(r.status, 201, r.text);
      const after = (await adm.get(`/api/v1/inquiries/${q.json.id}`)).json;
      assert.equal(after.status, 'admitted');
      assert.equal(after.urgency, 'today', 'what the caller said is kept');
      assert.equal(after.urgent, false, 'no longer "Urgent: call today"');
      const board = (await adm.get('/api/v1/inquiries?status=admitted&limit=200')).json.items;
      assert.ok(board.some((x) => x.id === q.json.id), 'in the admitted column');
      const tasks = (await adm.get(`/api/v1/inquiries/${q.json.id}/tasks`)).json.items;
      assert.equal(tasks.length, 1);
      assert.equal(tasks[0].open, false, 'the follow-up closed');
      assert.match(tasks[0].response, /admitted/);
    });

    test('an inquiry converted to another client answers 400 inquiry_id and admits no one', async () => {
      const q = await convert();
      const other = await newClient();
      const r = await adm.post(`/api/v1/clients/${other.id}/episodes`, admission({ inquiry_id: q.id }));
      assertError(r, 400, 'invalid');
      assert.ok(r.json.error.fields?.inquiry_id, r.text);
      assert.equal((await episodesOf(other.id)).total, 0);
      assert.notEqual((await adm.get(`/api/v1/inquiries/${q.id}`)).json.status, 'admitted');
    });

    test('an inquiry not yet converted answers 400 inquiry_id', async () => {
      const q = await adm.post('/api/v1/inquiries', { kind: 'phone', name: `Kim ${cap(uniq(8))}`, phone: '312-555-0182' });
      const c = await newClient();
      const r = await adm.post(`/api/v1/clients/${c.id}/episodes`, admission({ inquiry_id: q.json.id }));
      assertError(r, 400, 'invalid');
      assert.ok(r.json.error.fields?.inquiry_id, r.text);
    });

    test('an inquiry id that names no inquiry answers 400 inquiry_id', async () => {
      const c = await newClient();
      const r = await adm.post(`/api/v1/clients/${c.id}/episodes`, admission({ inquiry_id: 999999 }));
      assertError(r, 400, 'invalid');
      assert.ok(r.json.error.fields?.inquiry_id, r.text);
      assert.equal((await episodesOf(c.id)).total, 0);
    });
  });

  describe('census', () => {
    let a;   // site 1, Evening IOP
    let b;   // site 1, Day IOP
    let c;   // site 2, Evening IOP

    before(async () => {
      const admit = async (over) => {
        const cl = await newClient();
        const r = await adm.post(`/api/v1/clients/${cl.id}/episodes`, admission(over));
        assert.equal(r.status, 201, r.text);
        return r.json;
      };
      a = await admit({});
      b = await admit({ track_id: day1.id });
      c = await admit({ site_id: site2.id, track_id: evening2.id });
    });

    test('lists the open episodes under their site, level and track', async () => {
      const items = await census();
      for (const e of [a, b, c]) {
        const got = items.find((x) => x.id === e.id);
        assert.ok(got, `episode ${e.id} on the census`);
        assert.deepEqual(got, e, 'as the admission answered it');
      }
      const key = (x) => `${x.site_name}|${x.level}|${x.track_name}`;
      const seen = new Set();
      for (let i = 0; i < items.length; i++) {
        const k = key(items[i]);
        if (i > 0 && k !== key(items[i - 1])) assert.ok(!seen.has(k), `by site, level and track: ${k} comes in one run`);
        seen.add(k);
      }
    });

    test('filters by site_id, level and track_id', async () => {
      const ids = async (qs) => (await census(qs)).map((x) => x.id);
      const s1 = await census(`site_id=${site1.id}`);
      assert.ok(s1.every((x) => x.site_id === site1.id));
      assert.ok(s1.some((x) => x.id === a.id) && s1.some((x) => x.id === b.id) && !s1.some((x) => x.id === c.id));
      const s2 = await ids(`site_id=${site2.id}`);
      assert.ok(s2.includes(c.id) && !s2.includes(a.id));
      const lv = await census('level=2.1');
      assert.ok(lv.every((x) => x.level === '2.1') && lv.some((x) => x.id === a.id));
      assert.deepEqual(await census('level=2.5'), []);
      const tr = await census(`track_id=${evening1.id}`);
      assert.ok(tr.every((x) => x.track_id === evening1.id));
      assert.ok(tr.some((x) => x.id === a.id) && !tr.some((x) => x.id === b.id));
      const both = await ids(`site_id=${site1.id}&level=2.1&track_id=${day1.id}`);
      assert.ok(both.includes(b.id) && !both.includes(a.id));
      assert.deepEqual(await census(`site_id=${site2.id}&track_id=${evening1.id}`), []);
    });

    test('a bad filter answers 400 naming it', async () => {
      for (const [qs, field] of [['site_id=abc', 'site_id'], ['site_id=0', 'site_id'], ['site_id=-1', 'site_id'],
        ['track_id=x', 'track_id'], ['track_id=0', 'track_id'], ['level=9', 'level'], ['level=IOP', 'level']]) {
        const r = await adm.get(`/api/v1/census?${qs}`);
        assertError(r, 400, 'invalid', qs);
        assert.ok(r.json.error.fields?.[field], `${qs}: fields.${field} in ${r.text}`);
      }
    });

    test('one census.read audit row lists the client ids shown', async () => {
      const n0 = auditRows(srv.db).length;
      const items = await census(`site_id=${site1.id}`, desk);
      const rows = auditRows(srv.db);
      assert.equal(rows.length, n0 + 1, 'one row for a census read');
      const row = rows[rows.length - 1];
      assert.deepEqual([row.action, row.username], ['census.read', 'front_desk']);
      const numbers = String(row.detail).match(/\d+/g) || [];
      assert.ok(items.length >= 2);
      for (const x of items) assert.ok(numbers.includes(String(x.client_id)), `detail ${row.detail} lists client ${x.client_id}`);
      assert.ok(!numbers.includes(String(c.client_id)), 'and not a client of the other site');
      const dump = JSON.stringify(row).toLowerCase();
      for (const x of items) assert.ok(!dump.includes(x.client.last_name.toLowerCase()), 'no names in the row');
    });

    test('the census pages by limit and offset', async () => {
      await assertPages(adm, '/api/v1/census');
    });
  });

  describe('who may', () => {
    test('episodes.admit admits; clients.read reads episodes and the census; others 403; no session 401', async () => {
      const cl = await newClient();
      for (const api of [nurse, desk, admin])
        assertError(await api.post(`/api/v1/clients/${cl.id}/episodes`, admission()), 403, 'forbidden');
      assertError(await anon.post(`/api/v1/clients/${cl.id}/episodes`, admission()), 401, 'unauthenticated');
      assert.equal((await episodesOf(cl.id)).total, 0);
      const r = await clin.post(`/api/v1/clients/${cl.id}/episodes`, admission());
      assert.equal(r.status, 201, `a clinician may admit: ${r.text}`);
      for (const api of [nurse, desk, clin]) {
        assert.equal((await api.get(`/api/v1/clients/${cl.id}/episodes`)).status, 200);
        assert.equal((await api.get('/api/v1/census')).status, 200);
      }
      assertError(await admin.get('/api/v1/census'), 403, 'forbidden');
      assertError(await admin.get(`/api/v1/clients/${cl.id}/episodes`), 403, 'forbidden');
      assertError(await anon.get('/api/v1/census'), 401, 'unauthenticated');
    });

    test('admitting and reading episodes are audited on the client', async () => {
      const cl = await newClient();
      const r = await adm.post(`/api/v1/clients/${cl.id}/episodes`, admission());
      assert.equal(r.status, 201, r.text);
      await episodesOf(cl.id);
      const rows = auditRows(srv.db).filter((x) => x.client_id === cl.id);
      const admit = rows.find((x) => x.action === 'episode.admit');
      assert.ok(admit, 'an episode.admit row');
      assert.deepEqual([admit.record_type, admit.record_id, admit.username], ['episode', r.json.id, 'admissions']);
      assert.ok(rows.some((x) => x.action === 'episode.list'), 'an episode.list row');
    });

    test('a client\'s episode list refuses bad paging', async () => {
      const cl = await newClient();
      await assertPages(adm, `/api/v1/clients/${cl.id}/episodes`);
    });
  });
});

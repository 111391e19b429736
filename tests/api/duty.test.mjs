// The duty roster: which clinician is on duty at a site, and when. Adding
// shifts and reading the roster back (with who is on duty now); every
// refusal, each naming its field; removing a shift not yet ended, and
// keeping one that has; who may; the audit rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import {
  signIn, uniq, cap, assertError, assertSchema, finish, auditRows,
} from './helpers.mjs';

const MIN = 60e3;
const HOUR = 3600e3;
const DAY = 86400e3;
// A UTC time as the API takes it: to the minute, or to the second.
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const atS = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';
// The server is the test build: a test moves its clock instead of waiting,
// and every time here is reckoned on that clock.
let skew = 0;
const serverNow = () => Date.now() + skew;

describe('duty roster', () => {
  let srv;
  let anon;
  let admin;    // duty.manage (and admin.manage, to make staff and sites)
  let dir;      // duty.manage
  let clin;     // directory.read only
  let nurse;    // directory.read only
  const id = {};        // staff ids by username
  const name = {};      // full names by username
  let site;             // the first demo site
  let site2;            // the second
  let second;           // a second clinician, working at the first site only
  let day0;             // midnight UTC two days ahead: shifts well in the future
  const added = [];     // every shift answered 201
  const removed = [];   // every shift answered 204

  before(async () => {
    srv = await startServer({ testClock: true });
    anon = new Api(srv.url);
    [admin, dir, clin, nurse] = await Promise.all(['admin', 'director', 'clinician', 'nurse'].map((u) => signIn(srv.url, u)));
    const sites = await admin.get('/api/v1/sites');
    assert.equal(sites.status, 200, sites.text);
    [site, site2] = sites.json.items.map((s) => s.id).sort((x, y) => x - y);
    const username = 'duty' + uniq(6);
    const made = await admin.post('/api/v1/staff', {
      username, full_name: 'Second ' + cap(uniq(6)), email: '', roles: ['clinician'], site_ids: [site], password: 'Second-clinician-1',
    });
    assert.equal(made.status, 201, made.text);
    const staff = await admin.get('/api/v1/staff?limit=200');
    for (const s of staff.json.items) { id[s.username] = s.id; name[s.username] = s.full_name; }
    second = { id: made.json.id, username, full_name: made.json.full_name };
    day0 = Math.ceil(serverNow() / DAY) * DAY + DAY;
  });
  after(() => finish(srv));

  const roster = async (query = '', siteId = site, api = clin) => {
    const r = await api.get(`/api/v1/sites/${siteId}/duty${query}`);
    assert.equal(r.status, 200, `${query}: ${r.text}`);
    assertSchema('DutyRoster', r.json);
    return r.json;
  };
  const window0 = () => `?from=${at(day0)}&to=${at(day0 + 7 * DAY)}`;
  const add = async (body, api = dir, siteId = site) => {
    const r = await api.post(`/api/v1/sites/${siteId}/duty`, body);
    assert.equal(r.status, 201, `${JSON.stringify(body)}: ${r.text}`);
    assertSchema('DutyShift', r.json);
    added.push(r.json);
    return r.json;
  };

  describe('adding and reading', () => {
    test('a director puts a clinician on duty: 201 with the shift, its times to the second', async () => {
      const s = await add({ staff_id: id.clinician, starts_at: at(day0 + 8 * HOUR), ends_at: at(day0 + 16 * HOUR), note: 'Day cover' });
      assert.deepEqual([s.site_id, s.staff_id, s.staff_name, s.username, s.starts_at, s.ends_at, s.note],
        [site, id.clinician, name.clinician, 'clinician', atS(day0 + 8 * HOUR), atS(day0 + 16 * HOUR), 'Day cover']);
      assert.ok(Number.isInteger(s.id) && s.id > 0);
      assert.ok(Math.abs(Date.parse(s.created_at) - serverNow()) < 60000, `created_at ${s.created_at} is now`);
    });

    test('an admin adds another; times with seconds are taken; note is optional', async () => {
      const s = await add({ staff_id: second.id, starts_at: atS(day0 + 12 * HOUR + 30e3), ends_at: atS(day0 + 20 * HOUR) }, admin);
      assert.deepEqual([s.staff_id, s.staff_name, s.username, s.starts_at, s.note],
        [second.id, second.full_name, second.username, atS(day0 + 12 * HOUR + 30e3), '']);
    });

    test('a shift may start where the same person\'s last one ends (ends_at is exclusive), and last exactly 7 days', async () => {
      await add({ staff_id: id.clinician, starts_at: at(day0 + 16 * HOUR), ends_at: at(day0 + 20 * HOUR) });
      await add({ staff_id: id.clinician, starts_at: at(day0 + 20 * HOUR), ends_at: at(day0 + 20 * HOUR + 7 * DAY) }, dir, site2);
    });

    test('the roster lists the shifts overlapping [from, to), oldest first, each site its own', async () => {
      const r = await roster(window0());
      assert.deepEqual([r.site_id, r.from, r.to], [site, atS(day0), atS(day0 + 7 * DAY)]);
      assert.ok(Math.abs(Date.parse(r.now) - serverNow()) < 60000, `now ${r.now}`);
      assert.deepEqual(r.items, added.filter((s) => s.site_id === site), 'as they were answered when added');
      assert.deepEqual(r.on_duty_now, [], 'nobody on duty now');
      const other = await roster(window0(), site2);
      assert.deepEqual(other.items, added.filter((s) => s.site_id === site2));
      // A window that ends when a shift starts does not hold it; one a minute later does.
      assert.deepEqual((await roster(`?from=${at(day0)}&to=${at(day0 + 8 * HOUR)}`)).items, []);
      assert.deepEqual((await roster(`?from=${at(day0)}&to=${at(day0 + 8 * HOUR + MIN)}`)).items.map((s) => s.id), [added[0].id]);
      // From alone: a window of 14 days.
      const from = await roster(`?from=${at(day0 + 13 * HOUR)}`);
      assert.equal(from.to, atS(day0 + 13 * HOUR + 14 * DAY));
      assert.deepEqual(from.items.map((s) => s.id), [added[0].id, added[1].id, added[2].id]);
    });

    test('a shift in force now is on duty now, in the default window (from a day ago)', async () => {
      const now = serverNow();
      const s = await add({ staff_id: second.id, starts_at: at(now - 30 * MIN), ends_at: at(now + 2 * HOUR) });
      const r = await roster();
      assert.ok(Math.abs(Date.parse(r.from) - (Date.parse(r.now) - DAY)) < 1000, `from ${r.from} is a day before ${r.now}`);
      assert.ok(Math.abs(Date.parse(r.to) - (Date.parse(r.from) + 14 * DAY)) < 1000, `to ${r.to} is 14 days after from`);
      assert.deepEqual(r.on_duty_now, [s]);
      assert.deepEqual(r.items[0], s, 'the oldest first');
      assert.deepEqual((await roster('', site2)).on_duty_now, [], 'not on duty at the other site');
    });
  });

  describe('refusals', () => {
    test('each bad shift answers 400 naming its field, and nothing is added', async () => {
      const before = (await roster(window0())).items;
      const ok = { staff_id: id.clinician, starts_at: at(day0 + 2 * DAY), ends_at: at(day0 + 2 * DAY + 8 * HOUR) };
      const now = serverNow();
      const cases = [
        ['an unknown staff member', { ...ok, staff_id: 999999999 }, 'staff_id'],
        ['a nurse', { ...ok, staff_id: id.nurse }, 'staff_id'],
        ['a director, not a clinician', { ...ok, staff_id: id.director }, 'staff_id'],
        ['staff_id missing', { starts_at: ok.starts_at, ends_at: ok.ends_at }, 'staff_id'],
        ['staff_id not a number', { ...ok, staff_id: String(id.clinician) }, 'staff_id'],
        ['staff_id zero', { ...ok, staff_id: 0 }, 'staff_id'],
        ['ends before it starts', { ...ok, ends_at: at(day0 + 2 * DAY - HOUR) }, 'ends_at'],
        ['ends as it starts', { ...ok, ends_at: ok.starts_at }, 'ends_at'],
        ['longer than 7 days', { ...ok, ends_at: at(day0 + 9 * DAY + MIN) }, 'ends_at'],
        ['already past', { ...ok, starts_at: at(now - 10 * HOUR), ends_at: at(now - 2 * HOUR) }, 'ends_at'],
        ['started more than an hour ago', { ...ok, starts_at: at(now - 2 * HOUR), ends_at: at(now + 2 * HOUR) }, 'starts_at'],
        ['a sign where an hour should be', { ...ok, starts_at: ok.starts_at.slice(0, 11) + '+9:00Z' }, 'starts_at'],
        ['a space where a minute digit should be', { ...ok, ends_at: ok.ends_at.slice(0, 14) + ' 3Z' }, 'ends_at'],
        ['starts_at missing', { staff_id: id.clinician, ends_at: ok.ends_at }, 'starts_at'],
        ['ends_at missing', { staff_id: id.clinician, starts_at: ok.starts_at }, 'ends_at'],
        ['starts_at with a space', { ...ok, starts_at: ok.starts_at.replace('T', ' ') }, 'starts_at'],
        ['starts_at without Z', { ...ok, starts_at: ok.starts_at.slice(0, -1) }, 'starts_at'],
        ['ends_at a date only', { ...ok, ends_at: ok.ends_at.slice(0, 10) }, 'ends_at'],
        ['ends_at at 24:00', { ...ok, ends_at: ok.ends_at.slice(0, 11) + '24:00Z' }, 'ends_at'],
        ['ends_at a number', { ...ok, ends_at: Date.parse(ok.ends_at) / 1000 }, 'ends_at'],
        ['a note over 200 characters', { ...ok, note: 'n'.repeat(201) }, 'note'],
        ['a note on two lines', { ...ok, note: 'one\ntwo' }, 'note'],
        ['an unknown field', { ...ok, site_id: site }, 'site_id'],
      ];
      for (const [what, body, field] of cases) {
        const r = await dir.post(`/api/v1/sites/${site}/duty`, body);
        assertError(r, 400, 'invalid', what);
        assert.ok(r.json.error.fields?.[field], `${what}: fields.${field} in ${r.text}`);
      }
      assertError(await dir.req('POST', `/api/v1/sites/${site}/duty`, '[]'), 400, 'malformed');
      assert.deepEqual((await roster(window0())).items, before, 'nothing added');
    });

    test('a clinician who does not work at the site answers 400 naming staff_id', async () => {
      const r = await dir.post(`/api/v1/sites/${site2}/duty`, { staff_id: second.id, starts_at: at(day0 + 2 * DAY), ends_at: at(day0 + 2 * DAY + HOUR) });
      assertError(r, 400, 'invalid', 'second clinician at the second site');
      assert.ok(r.json.error.fields?.staff_id, r.text);
    });

    test('an inactive clinician answers 400 naming staff_id', async () => {
      const u = 'gone' + uniq(6);
      const made = await admin.post('/api/v1/staff', { username: u, full_name: 'Gone Clinician', email: '', roles: ['clinician'], site_ids: [site], password: 'Gone-clinician-1' });
      assert.equal(made.status, 201, made.text);
      assert.equal((await admin.patch(`/api/v1/staff/${made.json.id}`, { active: false })).status, 200);
      const r = await dir.post(`/api/v1/sites/${site}/duty`, { staff_id: made.json.id, starts_at: at(day0 + 3 * DAY), ends_at: at(day0 + 3 * DAY + HOUR) });
      assertError(r, 400, 'invalid', 'inactive clinician');
      assert.ok(r.json.error.fields?.staff_id, r.text);
    });

    test('the same person on duty at the same site for part of that time answers 409', async () => {
      const before = (await roster(window0())).items;
      const first = added[0];   // the clinician, day0 08:00-16:00
      for (const [what, s, e] of [
        ['inside', 9 * HOUR, 10 * HOUR], ['over the start', 7 * HOUR, 9 * HOUR], ['over the end', 15 * HOUR, 17 * HOUR],
        ['around it', 6 * HOUR, 22 * HOUR], ['the same times', 8 * HOUR, 16 * HOUR],
      ]) {
        const r = await dir.post(`/api/v1/sites/${site}/duty`, { staff_id: first.staff_id, starts_at: at(day0 + s), ends_at: at(day0 + e) });
        assertError(r, 409, 'conflict', what);
      }
      assert.deepEqual((await roster(window0())).items, before, 'nothing added');
      // Someone else at the same time, or the same person at another site, is fine.
      const u = 'third' + uniq(6);
      const made = await admin.post('/api/v1/staff', { username: u, full_name: 'Third Clinician', email: '', roles: ['clinician'], site_ids: [site, site2], password: 'Third-clinician-1' });
      assert.equal(made.status, 201, made.text);
      await add({ staff_id: made.json.id, starts_at: at(day0 + 8 * HOUR), ends_at: at(day0 + 16 * HOUR) });
      await add({ staff_id: made.json.id, starts_at: at(day0 + 9 * HOUR), ends_at: at(day0 + 10 * HOUR) }, dir, site2);
    });

    test('an unknown site answers 404; an inactive one 409', async () => {
      const ok = { staff_id: id.clinician, starts_at: at(day0 + 4 * DAY), ends_at: at(day0 + 4 * DAY + HOUR) };
      assertError(await dir.post('/api/v1/sites/999999999/duty', ok), 404, 'not_found', 'POST unknown site');
      assertError(await clin.get('/api/v1/sites/999999999/duty'), 404, 'not_found', 'GET unknown site');
      const s = await admin.post('/api/v1/sites', { name: 'Closed Site ' + cap(uniq()), timezone: 'America/Chicago', address: '', phone: '' });
      assert.equal(s.status, 201, s.text);
      assert.equal((await admin.patch(`/api/v1/sites/${s.json.id}`, { active: false })).status, 200);
      assertError(await dir.post(`/api/v1/sites/${s.json.id}/duty`, ok), 409, 'conflict', 'inactive site');
      assert.deepEqual((await roster(window0(), s.json.id)).items, []);
    });

    test('a bad from or to answers 400 naming it', async () => {
      const from = at(day0);
      for (const [qs, field] of [
        ['?from=tomorrow', 'from'], [`?from=${from.replace('T', ' ')}`, 'from'], [`?from=${from.slice(0, 10)}`, 'from'],
        ['?from=2030-02-30T00:00Z', 'from'], ['?to=2030-01-01T25:00Z', 'to'], [`?from=${from}&to=x`, 'to'],
        [`?from=${from}&to=${from}`, 'to'], [`?from=${from}&to=${at(day0 - HOUR)}`, 'to'],
        [`?from=${from}&to=${at(day0 + 62 * DAY + MIN)}`, 'to'], [`?to=${at(serverNow() - 2 * DAY)}`, 'to'],
      ]) {
        const r = await clin.get(`/api/v1/sites/${site}/duty${qs}`);
        assertError(r, 400, 'invalid', qs);
        assert.ok(r.json.error.fields?.[field], `${qs}: fields.${field} in ${r.text}`);
      }
      const widest = await roster(`?from=${from}&to=${at(day0 + 62 * DAY)}`);
      assert.equal(widest.to, atS(day0 + 62 * DAY), 'a window of exactly 62 days');
    });
  });

  describe('removing', () => {
    test('a shift not yet started is removed: 204, gone from the roster, a second remove 404', async () => {
      const s = await add({ staff_id: id.clinician, starts_at: at(day0 + 5 * DAY), ends_at: at(day0 + 5 * DAY + 8 * HOUR) });
      assert.ok((await roster(window0())).items.some((x) => x.id === s.id));
      const r = await dir.del(`/api/v1/duty/${s.id}`);
      assert.equal(r.status, 204, r.text);
      assert.equal(r.text, '');
      removed.push(s);
      assert.ok(!(await roster(window0())).items.some((x) => x.id === s.id), 'gone from the roster');
      assertError(await dir.del(`/api/v1/duty/${s.id}`), 404, 'not_found', 'removed already');
      assertError(await dir.del('/api/v1/duty/999999999'), 404, 'not_found', 'unknown shift');
      // Its time is free again for the same person.
      await add({ staff_id: id.clinician, starts_at: at(day0 + 5 * DAY), ends_at: at(day0 + 5 * DAY + 8 * HOUR) });
    });

    test('a shift under way is ended now by an admin, not erased: no longer on duty, still on the roster', async () => {
      const r0 = await roster();
      assert.equal(r0.on_duty_now.length, 1, JSON.stringify(r0.on_duty_now));
      const s = r0.on_duty_now[0];
      const n0 = auditRows(srv.db).length;
      const r = await admin.del(`/api/v1/duty/${s.id}`);
      assert.equal(r.status, 204, r.text);
      const r1 = await roster();
      assert.deepEqual(r1.on_duty_now, []);
      const kept = r1.items.find((x) => x.id === s.id);
      assert.ok(kept, 'kept as the record of who was on duty until now');
      assert.equal(kept.starts_at, s.starts_at);
      assert.ok(Math.abs(Date.parse(kept.ends_at) - Date.parse(r1.now)) <= 2000, `ends ${kept.ends_at}, about now (${r1.now})`);
      const row = auditRows(srv.db).slice(n0).find((x) => x.action === 'duty.end');
      assert.ok(row, 'a duty.end audit row');
      assert.deepEqual([row.record_type, row.record_id, row.username], ['duty_shift', s.id, 'admin']);
      assertError(await admin.del(`/api/v1/duty/${s.id}`), 409, 'conflict', 'ended: it stays');
    });

    test('a disabled clinician\'s shift stays on the roster but routes no alerts', async () => {
      const made = await admin.post('/api/v1/staff', { username: 'gone' + uniq(6), full_name: 'Gone Clinician', email: '', roles: ['clinician'], site_ids: [site], password: 'Gone-clinician-pass-1' });
      assert.equal(made.status, 201, made.text);
      const now = serverNow();
      const s = await add({ staff_id: made.json.id, starts_at: at(now - 5 * MIN), ends_at: at(now + HOUR) });
      assert.equal(s.routes_alerts, true);
      assert.deepEqual((await roster()).on_duty_now.map((x) => x.id), [s.id]);
      assert.equal((await admin.patch(`/api/v1/staff/${made.json.id}`, { active: false })).status, 200);
      const r = await roster();
      assert.deepEqual(r.on_duty_now, [], 'not on duty now: alerts would not go to them');
      assert.equal(r.items.find((x) => x.id === s.id).routes_alerts, false);
      assert.equal((await admin.del(`/api/v1/duty/${s.id}`)).status, 204, 'ended now');
    });

    test('a shift that has ended stays: 409, still on the roster', async () => {
      // The shortest shift there can be: ending a few seconds from now; the
      // clock is moved past its end.
      const now = serverNow();
      const s = await add({ staff_id: id.clinician, starts_at: at(now - MIN), ends_at: atS(now + 4000) });
      assert.equal(s.routes_alerts, true);
      assert.deepEqual((await roster()).on_duty_now.map((x) => x.id), [s.id], 'on duty for those seconds');
      const wait = Math.ceil(Math.max(0, Date.parse(s.ends_at) - serverNow()) / 1000) + 2;
      await srv.advance(wait);
      skew += wait * 1000;
      assertError(await dir.del(`/api/v1/duty/${s.id}`), 409, 'conflict', 'an ended shift');
      const r = await roster();
      assert.ok(r.items.some((x) => x.id === s.id), 'kept as the record of who was on duty');
      assert.deepEqual(r.on_duty_now, [], 'no longer on duty');
    });
  });

  describe('who may', () => {
    test('duty.manage (admin, director) adds and removes; others 403; everyone reads; no session 401', async () => {
      const body = { staff_id: id.clinician, starts_at: at(day0 + 6 * DAY), ends_at: at(day0 + 6 * DAY + HOUR) };
      const before = (await roster(window0())).items;
      const target = added[0];
      for (const u of ['clinician', 'nurse', 'case_manager', 'front_desk', 'billing']) {
        const api = u === 'clinician' ? clin : u === 'nurse' ? nurse : await signIn(srv.url, u);
        assertError(await api.post(`/api/v1/sites/${site}/duty`, body), 403, 'forbidden', `${u} adds`);
        assertError(await api.del(`/api/v1/duty/${target.id}`), 403, 'forbidden', `${u} removes`);
        assert.deepEqual((await roster(window0(), site, api)).items, before, `${u} reads the roster`);
      }
      assertError(await anon.post(`/api/v1/sites/${site}/duty`, body), 401, 'unauthenticated');
      assertError(await anon.del(`/api/v1/duty/${target.id}`), 401, 'unauthenticated');
      assertError(await anon.get(`/api/v1/sites/${site}/duty`), 401, 'unauthenticated');
      assert.deepEqual((await roster(window0())).items, before, 'nothing added or removed');
    });
  });

  test('each shift added leaves a duty.add row, each removed a duty.remove row (an ended one duty.end); refusals none', () => {
    const rows = auditRows(srv.db);
    const adds = rows.filter((x) => x.action === 'duty.add');
    assert.deepEqual(adds.map((x) => x.record_id), added.map((s) => s.id));
    for (const s of added) {
      const row = adds.find((x) => x.record_id === s.id);
      assert.deepEqual([row.record_type, row.detail], ['duty_shift', `site=${s.site_id} staff=${s.staff_id}`]);
      assert.ok(['admin', 'director'].includes(row.username), row.username);
      assert.ok(!row.client_id, 'on no client\'s trail');
    }
    const removes = rows.filter((x) => x.action === 'duty.remove');
    assert.deepEqual(removes.map((x) => [x.record_type, x.record_id, x.detail]),
      removed.map((s) => ['duty_shift', s.id, `site=${s.site_id} staff=${s.staff_id}`]));
    assert.deepEqual(removes.map((x) => x.username), ['director']);
    assert.deepEqual(rows.filter((x) => x.action === 'duty.end').map((x) => x.username), ['admin', 'admin'],
      'the shift under way and the disabled clinician\'s, ended by the admin');
  });
});

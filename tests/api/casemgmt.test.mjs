// Case management (issue 14, item 5): the address book of resources (who
// keeps it, search, validation), a client's needs by domain with the legal
// details, court dates, referrals with their status flow and its history,
// what is due on the case manager's list (a follow-up due today or past, a
// court date within a week, by the day at the client's site), and the audit
// rows on the client's trail.  A case-management note is written from a
// case-management appointment, like every appointment note.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, finish, auditRows, sqlite } from './helpers.mjs';

const DAY = 86400;
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const fieldsOf = (r) => Object.keys((r.json && r.json.error && r.json.error.fields) || {}).sort();

describe('case management', () => {
  let srv, now, client, other, shelter;
  const api = {};
  const count = (table) => Number(sqlite(srv.db, `SELECT count(*) FROM ${table}`).trim());
  const rowsFor = (action) => auditRows(srv.db).filter((r) => r.action === action);

  before(async () => {
    srv = await startServer({ testClock: true });
    now = await srv.advance(0);
    const users = ['director', 'clinician', 'case_manager', 'front_desk', 'billing', 'nurse'];
    const signed = await Promise.all(users.map((u) => signIn(srv.url, u)));
    users.forEach((u, i) => { api[u] = signed[i]; });
    const a = await api.front_desk.post('/api/v1/clients', clientBody({ first_name: 'Rowan' }));
    const b = await api.front_desk.post('/api/v1/clients', clientBody({ first_name: 'Sage' }));
    assert.equal(a.status, 201, a.text);
    [client, other] = [a.json.id, b.json.id];
  });
  after(() => finish(srv));

  test('the vocabulary lists the domains, statuses and kinds', async () => {
    const r = await api.front_desk.get('/api/v1/vocabularies/case-management');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.domains.map((d) => d.code), ['legal', 'medical', 'housing', 'financial',
      'employment_education', 'transport', 'childcare']);
    assert.deepEqual(r.json.need_statuses.map((d) => d.code), ['no_need', 'need_identified', 'in_progress', 'met']);
    assert.deepEqual(r.json.referral_statuses.map((d) => d.code), ['made', 'accepted', 'completed', 'declined']);
    assert.ok(r.json.resource_kinds.some((k) => k.code === 'food_bank'));
    assert.equal(r.json.court_ahead_days, 7);
  });

  test('resources: case managers and the director keep the address book; everyone searches it', async () => {
    const before = count('cm_resource');
    let r = await api.case_manager.post('/api/v1/resources', { kind: 'shelter', phone: '12', email: 'nope', unknown: 1 });
    assertError(r, 400, 'invalid');
    assert.deepEqual(fieldsOf(r), ['unknown']);
    r = await api.case_manager.post('/api/v1/resources', { kind: 'shelter', phone: '12', email: 'nope' });
    assertError(r, 400, 'invalid');
    assert.deepEqual(fieldsOf(r), ['email', 'kind', 'name', 'phone']);
    assert.equal(count('cm_resource'), before, 'nothing written');
    assertError(await api.front_desk.post('/api/v1/resources', { name: 'X', kind: 'other' }), 403, 'forbidden');
    r = await api.case_manager.post('/api/v1/resources', {
      name: 'Harbor Lane Shelter', kind: 'housing', address: '12 Harbor Lane', phone: '555-0142',
      email: 'intake@harbor.invalid', website: 'harbor.invalid', notes: 'Beds for men and women',
    });
    assert.equal(r.status, 201, r.text);
    shelter = r.json;
    assert.equal(shelter.active, true);
    r = await api.front_desk.get('/api/v1/resources?' + new URLSearchParams({ q: 'harbor lane' }));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((x) => x.id), [shelter.id]);
    r = await api.front_desk.get('/api/v1/resources?' + new URLSearchParams({ kind: 'housing' }));
    assert.ok(r.json.items.every((x) => x.kind === 'housing') && r.json.items.some((x) => x.id === shelter.id));
    assertError(await api.front_desk.get('/api/v1/resources?' + new URLSearchParams({ kind: 'castle' })), 400, 'invalid');
    r = await api.director.patch(`/api/v1/resources/${shelter.id}`, { phone: '555-0143' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.phone, '555-0143');
    assert.equal(r.json.name, 'Harbor Lane Shelter', 'a change keeps the fields not named');
    assertError(await api.director.patch(`/api/v1/resources/${shelter.id}`, {}), 400, 'invalid');
    assert.deepEqual(fieldsOf(await api.director.patch(`/api/v1/resources/${shelter.id}`, { name: ' ' })), ['name']);
    assert.ok(!rowsFor('resource.create').at(-1).client_id, 'the address book names no client');
  });

  test('needs: one per domain, the legal one with lawyer and officer; validation names fields', async () => {
    const before = count('cm_need');
    let r = await api.case_manager.get(`/api/v1/clients/${client}/case-management`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.needs.length, 7);
    assert.ok(r.json.needs.every((n) => n.status === null), 'not assessed yet');
    r = await api.case_manager.put(`/api/v1/clients/${client}/needs/housing`, { status: 'need_identified', notes: 'Staying with a cousin until the end of the month', lawyer_name: 'X' });
    assertError(r, 400, 'invalid');
    assert.deepEqual(fieldsOf(r), ['lawyer_name']);
    r = await api.case_manager.put(`/api/v1/clients/${client}/needs/castle`, { status: 'met' });
    assert.deepEqual(fieldsOf(r), ['domain']);
    r = await api.case_manager.put(`/api/v1/clients/${client}/needs/legal`, { status: 'sometimes', officer_name: 'Officer Reyes' });
    assert.deepEqual(fieldsOf(r), ['officer_kind', 'status']);
    assert.equal(count('cm_need'), before, 'nothing written');
    r = await api.case_manager.put(`/api/v1/clients/${client}/needs/housing`, { status: 'need_identified', notes: 'Staying with a cousin until the end of the month' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'need_identified');
    r = await api.case_manager.put(`/api/v1/clients/${client}/needs/legal`, {
      status: 'in_progress', lawyer_name: 'Ana Ortiz (public defender)', lawyer_phone: '555-0101',
      officer_kind: 'probation', officer_name: 'Officer Reyes', officer_phone: '555-0102',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.officer_kind, 'probation');
    r = await api.case_manager.put(`/api/v1/clients/${client}/needs/housing`, { status: 'in_progress' });
    assert.equal(r.json.notes, '', 'a PUT sets the whole need');
    assertError(await api.billing.put(`/api/v1/clients/${client}/needs/housing`, { status: 'met' }), 403, 'forbidden');
    r = await api.nurse.get(`/api/v1/clients/${client}/case-management`);
    const byDomain = Object.fromEntries(r.json.needs.map((n) => [n.domain, n]));
    assert.equal(byDomain.housing.status, 'in_progress');
    assert.equal(byDomain.legal.officer_name, 'Officer Reyes');
    assert.equal(byDomain.medical.status, null);
    const rows = rowsFor('need.update').slice(-3);
    assert.ok(rows.length === 3 && rows.every((x) => x.client_id === client));
  });

  let referral;
  test('referrals: made -> accepted -> completed, with the history; other moves refused', async () => {
    const before = count('cm_referral');
    let r = await api.case_manager.post(`/api/v1/clients/${client}/referrals`, { resource_id: 999999, domain: 'housing' });
    assertError(r, 400, 'invalid');
    assert.deepEqual(fieldsOf(r), ['resource_id']);
    r = await api.case_manager.post(`/api/v1/clients/${client}/referrals`, { domain: 'hobbies', follow_up_on: '2026-02-30' });
    assert.deepEqual(fieldsOf(r), ['domain', 'follow_up_on', 'resource_id']);
    assert.equal(count('cm_referral'), before, 'nothing written');
    r = await api.case_manager.post(`/api/v1/clients/${client}/referrals`, {
      resource_id: shelter.id, domain: 'housing', follow_up_on: day(now + DAY * 1000), notes: 'Called intake together',
    });
    assert.equal(r.status, 201, r.text);
    referral = r.json;
    assert.equal(referral.status, 'made');
    assert.equal(referral.resource.name, 'Harbor Lane Shelter');
    assert.deepEqual(referral.next, ['accepted', 'declined']);
    assert.deepEqual(referral.history.map((h) => h.status), ['made']);
    r = await api.case_manager.post(`/api/v1/referrals/${referral.id}/status`, { status: 'completed' });
    assertError(r, 409, 'conflict');
    assert.match(r.json.error.message, /accepted or declined/);
    assertError(await api.case_manager.post(`/api/v1/referrals/${referral.id}/status`, { status: 'made' }), 400, 'invalid');
    r = await api.case_manager.post(`/api/v1/referrals/${referral.id}/status`, { status: 'accepted', note: 'Bed from Monday' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'accepted');
    assert.equal(r.json.follow_up_on, day(now + DAY * 1000), 'the follow-up stays while open');
    assert.deepEqual(r.json.history.map((h) => [h.status, h.note]), [['made', ''], ['accepted', 'Bed from Monday']]);
    r = await api.case_manager.patch(`/api/v1/referrals/${referral.id}`, { follow_up_on: 'soon' });
    assert.deepEqual(fieldsOf(r), ['follow_up_on']);
    r = await api.case_manager.patch(`/api/v1/referrals/${referral.id}`, { notes: 'Moved in' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.notes, 'Moved in');
    assert.equal(r.json.history.length, 2, 'notes are no change of status');
    const rows = rowsFor('referral.status');
    assert.equal(rows.at(-1).client_id, client);
    assert.equal(rows.at(-1).detail, 'status=accepted');
  });

  test('the due list: follow-ups due today or past, court dates within seven days', async () => {
    let r = await api.case_manager.post(`/api/v1/clients/${client}/court-dates`, { date: 'next week', court: '' });
    assert.deepEqual(fieldsOf(r), ['court', 'date']);
    r = await api.case_manager.post(`/api/v1/clients/${client}/court-dates`, { date: day(now + 5 * DAY * 1000), court: 'County Court, room 4', purpose: 'Review hearing' });
    assert.equal(r.status, 201, r.text);
    const soon = r.json;
    r = await api.case_manager.post(`/api/v1/clients/${other}/court-dates`, { date: day(now + 20 * DAY * 1000), court: 'City Court' });
    assert.equal(r.status, 201, r.text);
    const later = r.json;
    // The demo clinic's own items (its case manager's clients) are left aside.
    const ours = (j) => j.items.filter((x) => x.client_id === client || x.client_id === other);
    r = await api.case_manager.get('/api/v1/case-management/due?' + new URLSearchParams({ mine: 'true' }));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(ours(r.json).map((x) => [x.kind, x.id]), [['court_date', soon.id]],
      'the follow-up is tomorrow; the other court date is weeks away');
    assert.equal(ours(r.json)[0].days, 5);
    assert.equal(ours(r.json)[0].client.first_name, 'Rowan');
    now = await srv.advance(DAY);
    // A day is past a session's lifetime: sign in again.
    for (const u of Object.keys(api)) api[u] = await signIn(srv.url, u);
    r = await api.case_manager.get('/api/v1/case-management/due?' + new URLSearchParams({ mine: 'true' }));
    assert.deepEqual(ours(r.json).map((x) => [x.kind, x.id]), [['referral', referral.id], ['court_date', soon.id]]);
    const row = rowsFor('casemgmt.due_list').at(-1);
    assert.ok(row.detail.includes(`referral:${referral.id}`) && row.detail.includes(`court:${soon.id}`), row.detail);
    assertError(await api.case_manager.get('/api/v1/case-management/due?' + new URLSearchParams({ mine: 'maybe' })), 400, 'invalid');
    // Mine: the director made nothing and manages no one's episode here.
    r = await api.director.get('/api/v1/case-management/due?' + new URLSearchParams({ mine: 'true' }));
    assert.deepEqual(r.json.items.filter((x) => x.client_id === client), []);
    // A closed referral is no longer due, and keeps no follow-up.
    r = await api.case_manager.post(`/api/v1/referrals/${referral.id}/status`, { status: 'completed' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.follow_up_on, null);
    assert.deepEqual(r.json.next, []);
    assertError(await api.case_manager.post(`/api/v1/referrals/${referral.id}/status`, { status: 'declined' }), 409, 'conflict');
    r = await api.case_manager.get('/api/v1/case-management/due?' + new URLSearchParams({ mine: 'true' }));
    assert.deepEqual(ours(r.json).map((x) => x.kind), ['court_date']);
    // A court date entered in error is removed, once.
    r = await api.case_manager.req('DELETE', `/api/v1/court-dates/${soon.id}`);
    assert.equal(r.status, 200, r.text);
    assertError(await api.case_manager.req('DELETE', `/api/v1/court-dates/${soon.id}`), 409, 'conflict');
    r = await api.case_manager.get(`/api/v1/clients/${client}/case-management`);
    assert.deepEqual(r.json.court_dates, []);
    assert.equal(later.client_id, other);
  });

  test('a declined referral, and an inactive resource cannot be referred to', async () => {
    let r = await api.case_manager.post(`/api/v1/clients/${other}/referrals`, { resource_id: shelter.id, domain: 'housing' });
    assert.equal(r.status, 201, r.text);
    r = await api.case_manager.post(`/api/v1/referrals/${r.json.id}/status`, { status: 'declined', note: 'Client chose a sober-living house' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.history.map((h) => h.status), ['made', 'declined']);
    r = await api.director.patch(`/api/v1/resources/${shelter.id}`, { active: false });
    assert.equal(r.json.active, false);
    r = await api.case_manager.post(`/api/v1/clients/${other}/referrals`, { resource_id: shelter.id, domain: 'housing' });
    assert.deepEqual(fieldsOf(r), ['resource_id']);
    r = await api.front_desk.get('/api/v1/resources?' + new URLSearchParams({ q: 'harbor lane' }));
    assert.deepEqual(r.json.items, [], 'inactive ones are left out unless asked for');
    r = await api.front_desk.get('/api/v1/resources?' + new URLSearchParams({ q: 'harbor lane', include_inactive: 'true' }));
    assert.equal(r.json.items.length, 1);
  });

  test('the chart answers case management in its one read', async () => {
    const r = await api.case_manager.get(`/api/v1/clients/${client}/chart`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.case_management.client_id, client);
    assert.equal(r.json.case_management.referrals.length, 1);
    const ids = r.json.case_management.referrals.map((x) => `referral:${x.id}`).join(',');
    assert.ok(rowsFor('client.chart_opened').at(-1).detail.endsWith(`; case_management=${ids}`), 'the row names the referrals shown');
  });
  test('a case-management note: a case manager holds a case-management appointment and signs its note', async () => {
    const staff = (await api.director.get('/api/v1/staff?limit=200')).json.items;
    const me = staff.find((x) => x.username === 'case_manager');
    let start = Math.ceil((now + 3600e3) / 1800e3) * 1800e3;
    let appt;
    for (let i = 0; i < 48 && !appt; i++, start += 1800e3) {
      const r = await api.front_desk.post(`/api/v1/clients/${client}/appointments`, {
        kind: 'case_management', site_id: 1, staff_id: me.id, minutes: 30,
        starts_at: new Date(start).toISOString().slice(0, 16) + 'Z',
      });
      if (r.status === 409 && r.json.error.conflict) continue;
      assert.equal(r.status, 201, r.text);
      appt = r.json;
    }
    assert.ok(appt, 'a free half-hour in a day');
    now = await srv.advance(Math.ceil((start + 40 * 60e3 - now) / 1000));
    for (const u of Object.keys(api)) api[u] = await signIn(srv.url, u);
    const o = await api.case_manager.post(`/api/v1/appointments/${appt.id}/note`);
    assert.equal(o.status, 201, o.text);
    assert.equal(o.json.kind, 'case_management');
    let r = await api.case_manager.patch(`/api/v1/notes/${o.json.id}`, { sections: { data: 'Housing referral accepted; bed from Monday.', plan: 'Follow up after the move.' } });
    assert.equal(r.status, 200, r.text);
    r = await api.case_manager.post(`/api/v1/notes/${o.json.id}/sign`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'signed');
  });
});

// Appointments (issue 12, item 4): the kinds, booking, the 409 conflict for
// each kind of overlap (same staff member, same room, same client) naming
// the booking and carrying its id, back-to-back bookings, rescheduling kept
// as history, cancellation by client or program with the late flag, family
// therapy with related persons from the client's contacts, validation
// naming fields with nothing written, who may, and the audit rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  signIn, clientBody, assertError, assertSchema, finish, auditRows, sqlite, careTeam } from './helpers.mjs';

const MIN = 60e3;
const HOUR = 3600e3;
const DAY = 86400e3;
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';

describe('appointments', () => {
  let srv;
  const api = {};
  const id = {};          // staff ids by username
  const name = {};        // full names by username
  let site, otherSite;    // the first demo site and the second
  let room, room2, farRoom; // two rooms of the first site, one of the second
  let ann, ben;           // two clients
  let mother, bensBrother; // a contact of each
  let base;               // 15:00 UTC three days ahead

  const count = () => Number(sqlite(srv.db, 'SELECT count(*) FROM appointment').trim());
  const book = (clientId, body, who = 'clinician') =>
    api[who].post(`/api/v1/clients/${clientId}/appointments`, body);
  const individual = (over = {}) => ({
    kind: 'individual_therapy', site_id: site, staff_id: id.clinician, room_id: room,
    starts_at: at(base), minutes: 50, ...over,
  });

  before(async () => {
    srv = await startServer();
    const users = ['admin', 'director', 'clinician', 'case_manager', 'prescriber', 'nurse',
      'admissions', 'front_desk', 'billing'];
    const signed = await Promise.all(users.map((u) => signIn(srv.url, u)));
    users.forEach((u, i) => { api[u] = signed[i]; });
    const staff = await api.admin.get('/api/v1/staff?limit=200');
    for (const s of staff.json.items) { id[s.username] = s.id; name[s.username] = s.full_name; }
    const sites = await api.admin.get('/api/v1/sites');
    [site, otherSite] = sites.json.items.map((s) => s.id).sort((x, y) => x - y);
    const rooms = await api.admin.get(`/api/v1/rooms?site_id=${site}`);
    [room, room2] = rooms.json.items.map((r) => r.id);
    farRoom = (await api.admin.get(`/api/v1/rooms?site_id=${otherSite}`)).json.items[0].id;
    const a = await api.front_desk.post('/api/v1/clients', clientBody({ first_name: 'Ann' }));
    await careTeam(srv.url, a.json.id);
    const b = await api.front_desk.post('/api/v1/clients', clientBody({ first_name: 'Ben' }));
    await careTeam(srv.url, b.json.id);
    assert.equal(a.status, 201, a.text);
    [ann, ben] = [a.json.id, b.json.id];
    const c1 = await api.front_desk.post(`/api/v1/clients/${ann}/contacts`,
      { name: 'Mary Example', relationship: 'mother', phone: '(312) 555-0100' });
    const c2 = await api.front_desk.post(`/api/v1/clients/${ben}/contacts`,
      { name: 'Bob Example', relationship: 'brother', phone: '(312) 555-0101' });
    assert.equal(c1.status, 201, c1.text);
    [mother, bensBrother] = [c1.json.id, c2.json.id];
    base = Math.ceil(Date.now() / DAY) * DAY + 2 * DAY + 15 * HOUR;
  });
  after(() => finish(srv));

  test('the kinds are served by the API', async () => {
    const r = await api.front_desk.get('/api/v1/appointment-kinds');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((k) => k.code), ['individual_therapy', 'family_therapy',
      'medication_management', 'case_management', 'assessment']);
    assert.equal(r.json.total, 5);
    const med = r.json.items.find((k) => k.code === 'medication_management');
    assert.equal(med.words, 'Medication management');
    assert.deepEqual(med.staff_roles, ['prescriber', 'nurse']);
  });

  let first;  // Ann with the clinician in room 1, base..base+50
  test('a booking answers 201 with the appointment and its history; audited on the client', async () => {
    const n0 = auditRows(srv.db).length;
    const r = await book(ann, individual());
    assert.equal(r.status, 201, r.text);
    assertSchema('Appointment', r.json);
    first = r.json;
    assert.equal(first.client_id, ann);
    assert.equal(first.kind_words, 'Individual therapy');
    assert.equal(first.staff_name, name.clinician);
    assert.equal(first.room_id, room);
    assert.equal(first.starts_at, iso(base));
    assert.equal(first.ends_at, iso(base + 50 * MIN));
    assert.equal(first.status, 'scheduled');
    assert.equal(first.cancelled_by, null);
    assert.deepEqual(first.history.map((h) => h.change), ['booked']);
    const row = auditRows(srv.db).slice(n0).find((x) => x.action === 'appointment.book');
    assert.ok(row, 'an appointment.book row');
    assert.deepEqual([row.record_type, row.record_id, row.client_id, row.username],
      ['appointment', first.id, ann, 'clinician']);
    const got = await api.nurse.get(`/api/v1/appointments/${first.id}`);
    assert.equal(got.status, 200, got.text);
    const read = auditRows(srv.db).slice(n0).find((x) => x.action === 'appointment.read');
    assert.deepEqual([read.record_id, read.client_id], [first.id, ann]);
  });

  test('the same staff member, overlapping: 409 conflict naming the booking, nothing written', async () => {
    const n = count();
    const r = await book(ben, individual({ room_id: room2, starts_at: at(base + 30 * MIN) }));
    assertError(r, 409, 'conflict');
    assert.deepEqual({ type: r.json.error.conflict.type, id: r.json.error.conflict.id, on: r.json.error.conflict.on },
      { type: 'appointment', id: first.id, on: 'staff' });
    assert.match(r.json.error.message, new RegExp(`^${name.clinician} already has individual therapy `));
    assert.match(r.json.error.message, new RegExp(`\\(appointment ${first.id}\\)\\.$`));
    assert.doesNotMatch(r.json.error.message, /Ann/, 'another client is never named');
    assert.equal(r.json.error.conflict.starts_at, iso(base));
    assert.equal(count(), n);
  });

  test('the same room, overlapping: 409 on the room', async () => {
    const n = count();
    const r = await book(ben, individual({ staff_id: id.director, starts_at: at(base + 49 * MIN) }));
    assertError(r, 409, 'conflict');
    assert.equal(r.json.error.conflict.id, first.id);
    assert.equal(r.json.error.conflict.on, 'room');
    assert.match(r.json.error.message, /is taken then: individual therapy/);
    assert.equal(count(), n);
  });

  test('the same client, overlapping: 409 on the client', async () => {
    const n = count();
    const r = await book(ann, { kind: 'medication_management', site_id: site, staff_id: id.prescriber,
      starts_at: at(base + 40 * MIN), minutes: 20 }, 'prescriber');
    assertError(r, 409, 'conflict');
    assert.equal(r.json.error.conflict.id, first.id);
    assert.equal(r.json.error.conflict.on, 'client');
    assert.match(r.json.error.message, new RegExp(`^The client already has individual therapy with ${name.clinician}`));
    assert.equal(count(), n);
  });

  let med;
  test('back to back is no overlap; no room is no room conflict', async () => {
    const r = await book(ann, { kind: 'medication_management', site_id: site, staff_id: id.prescriber,
      starts_at: at(base + 50 * MIN), minutes: 20, room_id: null }, 'prescriber');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.room_id, null);
    med = r.json;
    const before = await book(ben, individual({ starts_at: at(base - 60 * MIN), minutes: 60 }));
    assert.equal(before.status, 201, before.text);
  });

  test('rescheduling keeps the old time as history and frees it', async () => {
    const n0 = auditRows(srv.db).length;
    const r = await api.front_desk.post(`/api/v1/appointments/${first.id}/reschedule`,
      { starts_at: at(base + 3 * HOUR), minutes: 45 });
    assert.equal(r.status, 200, r.text);
    assertSchema('Appointment', r.json);
    assert.equal(r.json.starts_at, iso(base + 3 * HOUR));
    assert.equal(r.json.minutes, 45);
    assert.deepEqual(r.json.history.map((h) => h.change), ['booked', 'rescheduled']);
    assert.equal(r.json.history[1].starts_at, iso(base), 'the time before the change');
    assert.equal(r.json.history[1].minutes, 50);
    assert.equal(r.json.history[1].room_id, room);
    const row = auditRows(srv.db).slice(n0).find((x) => x.action === 'appointment.reschedule');
    assert.deepEqual([row.record_id, row.client_id], [first.id, ann]);
    // The old slot is free now.
    const b = await book(ben, individual({ starts_at: at(base), minutes: 30 }));
    assert.equal(b.status, 201, b.text);
    // Into a conflict: 409 naming it, nothing changed.
    const c = await api.front_desk.post(`/api/v1/appointments/${first.id}/reschedule`,
      { starts_at: at(base + 10 * MIN) });
    assertError(c, 409, 'conflict');
    assert.equal(c.json.error.conflict.id, b.json.id);
    const again = await api.clinician.get(`/api/v1/appointments/${first.id}`);
    assert.equal(again.json.starts_at, iso(base + 3 * HOUR));
    assert.equal(again.json.history.length, 2);
    // Another staff member and no room.
    const d = await api.front_desk.post(`/api/v1/appointments/${first.id}/reschedule`,
      { staff_id: id.director, room_id: null });
    assert.equal(d.status, 200, d.text);
    assert.deepEqual([d.json.staff_id, d.json.room_id], [id.director, null]);
    assert.equal(d.json.history[2].staff_id, id.clinician);
    // Nothing named, or nothing new.
    assertError(await api.front_desk.post(`/api/v1/appointments/${first.id}/reschedule`, {}), 400, 'invalid');
    const same = await api.front_desk.post(`/api/v1/appointments/${first.id}/reschedule`,
      { starts_at: at(base + 3 * HOUR) });
    assertError(same, 400, 'invalid');
    assert.ok(same.json.error.fields.starts_at);
    // Someone unfit for the kind.
    const unfit = await api.front_desk.post(`/api/v1/appointments/${first.id}/reschedule`,
      { staff_id: id.front_desk });
    assertError(unfit, 400, 'invalid');
    assert.match(unfit.json.error.fields.staff_id, /clinician/);
  });

  test('cancellation by the client or the program, with the late flag; kept; frees the time', async () => {
    // Well ahead: not late.
    const early = await api.front_desk.post(`/api/v1/appointments/${med.id}/cancel`,
      { cancelled_by: 'client', reason: 'Has to work that day' });
    assert.equal(early.status, 200, early.text);
    assertSchema('Appointment', early.json);
    assert.equal(early.json.status, 'cancelled');
    assert.equal(early.json.cancelled_by, 'client');
    assert.equal(early.json.late_cancellation, false);
    assert.deepEqual(early.json.history.map((h) => h.change), ['booked', 'cancelled']);
    assert.equal(early.json.history[1].reason, 'Has to work that day');
    assertError(await api.front_desk.post(`/api/v1/appointments/${med.id}/cancel`,
      { cancelled_by: 'client', reason: 'again' }), 409, 'conflict');
    assertError(await api.front_desk.post(`/api/v1/appointments/${med.id}/reschedule`,
      { starts_at: at(base + 6 * HOUR) }), 409, 'conflict');
    // Its time is free again.
    const over = await book(ann, { kind: 'medication_management', site_id: site, staff_id: id.nurse,
      starts_at: at(base + 50 * MIN), minutes: 20 }, 'nurse');
    assert.equal(over.status, 201, over.text);
    // Two hours ahead: a client's cancellation is late, the program's is not.
    const soon = await book(ann, { kind: 'medication_management', site_id: site, staff_id: id.nurse,
      starts_at: at(Math.ceil(Date.now() / MIN) * MIN + 2 * HOUR), minutes: 20 }, 'nurse');
    assert.equal(soon.status, 201, soon.text);
    const late = await api.front_desk.post(`/api/v1/appointments/${soon.json.id}/cancel`,
      { cancelled_by: 'client', reason: 'Feeling unwell' });
    assert.equal(late.status, 200, late.text);
    assert.equal(late.json.late_cancellation, true);
    const row = auditRows(srv.db).filter((x) => x.action === 'appointment.cancel').pop();
    assert.deepEqual([row.record_id, row.client_id, row.detail], [soon.json.id, ann, 'by=client; late']);
    const prog = await api.front_desk.post(`/api/v1/appointments/${first.id}/cancel`,
      { cancelled_by: 'program', reason: 'Therapist ill' });
    assert.equal(prog.status, 200, prog.text);
    assert.equal(prog.json.late_cancellation, false);
    const bad = await api.front_desk.post(`/api/v1/appointments/${first.id}/cancel`,
      { cancelled_by: 'someone', reason: '' });
    assertError(bad, 400, 'invalid');
    assert.ok(bad.json.error.fields.cancelled_by);
    assert.ok(bad.json.error.fields.reason);
  });

  test('family therapy with related persons from the client\'s contacts', async () => {
    const body = (over) => ({ kind: 'family_therapy', site_id: site, staff_id: id.clinician,
      starts_at: at(base + DAY), minutes: 60, ...over });
    const n = count();
    const none = await book(ann, body({}));
    assertError(none, 400, 'invalid');
    assert.ok(none.json.error.fields.related_persons);
    const foreign = await book(ann, body({ related_persons: [mother, bensBrother] }));
    assertError(foreign, 400, 'invalid');
    assert.equal(foreign.json.error.fields['related_persons[1]'], "is not one of this client's contacts");
    const notFamily = await book(ann, body({ kind: 'individual_therapy', related_persons: [mother] }));
    assertError(notFamily, 400, 'invalid');
    assert.equal(notFamily.json.error.fields.related_persons, 'are only for family therapy');
    assert.equal(count(), n, 'nothing written');
    const ok = await book(ann, body({ related_persons: [mother] }));
    assert.equal(ok.status, 201, ok.text);
    assert.deepEqual(ok.json.related_persons, [{ contact_id: mother, name: 'Mary Example', relationship: 'mother' }]);
  });

  test('validation names each field and writes nothing', async () => {
    const n = count();
    const empty = await book(ann, {});
    assertError(empty, 400, 'invalid');
    for (const f of ['kind', 'site_id', 'staff_id', 'starts_at', 'minutes'])
      assert.ok(empty.json.error.fields[f], `${f} named: ${empty.text}`);
    const wrong = await book(ann, individual({ kind: 'group', minutes: 2, starts_at: '2026-13-01T10:00Z', extra: 1 }));
    assertError(wrong, 400, 'invalid');
    for (const f of ['kind', 'minutes', 'starts_at', 'extra'])
      assert.ok(wrong.json.error.fields[f], `${f} named: ${wrong.text}`);
    const far = await book(ann, individual({ starts_at: at(base + 400 * DAY) }));
    assert.equal(far.json.error.fields.starts_at, 'is more than a year ahead');
    const otherRoom = await book(ann, individual({ room_id: farRoom, starts_at: at(base + 2 * DAY) }));
    assertError(otherRoom, 400, 'invalid');
    assert.equal(otherRoom.json.error.fields.room_id, 'is a room of another site');
    const unfit = await book(ann, individual({ staff_id: id.nurse, starts_at: at(base + 2 * DAY) }));
    assertError(unfit, 400, 'invalid');
    assert.equal(unfit.json.error.fields.staff_id, 'Individual therapy is with a clinician or the director');
    const noSite = await book(ann, individual({ site_id: 9999, starts_at: at(base + 2 * DAY) }));
    assert.equal(noSite.json.error.fields.site_id, 'is not a site');
    assertError(await book(999999, individual({ starts_at: at(base + 2 * DAY) })), 404, 'not_found');
    assert.equal(count(), n);
  });

  test('who may book and read', async () => {
    const body = { kind: 'assessment', site_id: site, staff_id: id.admissions,
      starts_at: at(base + 4 * DAY), minutes: 60 };
    assertError(await book(ben, body, 'billing'), 403, 'forbidden');
    assertError(await book(ben, body, 'admin'), 403, 'forbidden');
    assertError(await api.admin.get(`/api/v1/clients/${ben}/appointments`), 403, 'forbidden');
    const r = await book(ben, body, 'admissions');
    assert.equal(r.status, 201, r.text);
    assertError(await api.billing.post(`/api/v1/appointments/${r.json.id}/cancel`,
      { cancelled_by: 'program', reason: 'x' }), 403, 'forbidden');
  });

  test('lists: by client, by staff member, by dates, {items,total}; audited', async () => {
    const mine = await api.clinician.get(`/api/v1/clients/${ann}/appointments`);
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.json.total, mine.json.items.length);
    assert.ok(mine.json.items.every((x) => x.client_id === ann));
    const starts = mine.json.items.map((x) => x.starts_at);
    assert.deepEqual(starts, [...starts].sort(), 'by start');
    const scheduled = await api.clinician.get(`/api/v1/clients/${ann}/appointments?status=scheduled`);
    assert.ok(scheduled.json.items.every((x) => x.status === 'scheduled'));
    assert.ok(scheduled.json.total < mine.json.total);
    const n0 = auditRows(srv.db).length;
    const day = await api.front_desk.get(`/api/v1/appointments?staff_id=${id.clinician}&from=${at(base - 2 * HOUR)}&to=${at(base + 2 * HOUR)}&limit=1`);
    assert.equal(day.status, 200, day.text);
    assert.equal(day.json.items.length, 1);
    assert.equal(day.json.total, 2, 'Ben 14:00 and Ben 15:00 (Ann\'s was moved away)');
    assert.ok(day.json.items.every((x) => x.staff_id === id.clinician));
    const row = auditRows(srv.db).slice(n0).find((x) => x.action === 'appointment.list');
    assert.ok(row, 'an appointment.list row');
    assert.equal(row.detail, `ids=${day.json.items[0].id}`);
    const bad = await api.front_desk.get(`/api/v1/appointments?from=${at(base)}&to=${at(base - HOUR)}&staff_id=x`);
    assertError(bad, 400, 'invalid');
    assert.ok(bad.json.error.fields.to);
    assert.ok(bad.json.error.fields.staff_id);
    assertError(await api.front_desk.get('/api/v1/clients/999999/appointments'), 404, 'not_found');
  });

  test('concurrent bookings of one time: exactly one is made, the others name it', async () => {
    const slot = at(base + 10 * DAY);
    const clients = [];
    for (let i = 0; i < 8; i++) {
      const r = await api.front_desk.post('/api/v1/clients', clientBody({ first_name: 'Race' }));
      await careTeam(srv.url, r.json.id);
      clients.push(r.json.id);
    }
    const answers = await Promise.all(clients.map((cid) => book(cid, individual({ room_id: null, starts_at: slot }), 'front_desk')));
    const made = answers.filter((r) => r.status === 201);
    assert.equal(made.length, 1, answers.map((r) => r.status).join(','));
    for (const r of answers.filter((x) => x.status !== 201)) {
      assertError(r, 409, 'conflict');
      assert.equal(r.json.error.conflict.id, made[0].json.id);
    }
  });
});

describe('the late-cancellation setting', () => {
  let srv;
  before(async () => { srv = await startServer({ env: { IOP_LATE_CANCEL_HOURS: '1' } }); });
  after(() => finish(srv));

  test('with IOP_LATE_CANCEL_HOURS=1, a client cancelling two hours ahead is not late', async () => {
    const [fd, admin] = await Promise.all([signIn(srv.url, 'front_desk'), signIn(srv.url, 'admin')]);
    const staff = (await admin.get('/api/v1/staff?limit=200')).json.items;
    const site = (await admin.get('/api/v1/sites')).json.items.sort((x, y) => x.id - y.id)[0];
    const c = await fd.post('/api/v1/clients', clientBody());
    await careTeam(srv.url, c.json.id);
    const soon = Math.ceil(Date.now() / MIN) * MIN + 2 * HOUR;
    const a = await fd.post(`/api/v1/clients/${c.json.id}/appointments`, {
      kind: 'case_management', site_id: site.id, staff_id: staff.find((s) => s.username === 'case_manager').id,
      starts_at: at(soon), minutes: 30,
    });
    assert.equal(a.status, 201, a.text);
    const r = await fd.post(`/api/v1/appointments/${a.json.id}/cancel`, { cancelled_by: 'client', reason: 'Bus strike' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.late_cancellation, false);
  });
});

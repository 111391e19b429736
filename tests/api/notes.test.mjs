// Clinical notes (issue 13, items 2-4): a held session's group note opened
// once and prefilled (topic, present clients with minutes, open objectives,
// last session's part), parts following attendance while a draft, writes
// checked naming the field with nothing written, signing every part at once,
// every write route refused with 409 on a signed note of each kind with
// nothing changed, addenda allowed, the co-signature of a supervised staff
// member, a client's list showing no other client, the worklist, and audit
// rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, finish, auditRows, sqlite } from './helpers.mjs';

const DAY = 86400e3;
const TZ = 'America/Chicago';
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
const at = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
function localYmd(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
const EVERY_DAY = (start, minutes) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, minutes, group_type: 'process_group', topic: 'Coping with cravings' }));

describe('clinical notes', () => {
  let srv, adm, dir, clin, cm, desk, admin, billing;
  const staff = {};
  let today, now, track, sessions;
  const cl = {};          // x, y (late), z (absent), w (not on this roster)
  const keys = {};        // client -> [objective keys]
  const mine = {};        // the notes these tests made (the demo clinic has its own)

  const noteRows = () => sqlite(srv.db, `SELECT
      (SELECT group_concat(id || ':' || status || ':' || topic || ':' || content || ':' || interventions || ':' || form || ':' || starts_at || ':' || ends_at || ':' || updated_at || ':' || signed_at || ':' || cosigner_id || ':' || cosigned_at, ';') FROM note) || '|' ||
      (SELECT group_concat(note_id || ':' || client_id || ':' || minutes || ':' || participation || ':' || response || ':' || progress || ':' || sec1 || ':' || sec2 || ':' || sec3, ';') FROM note_part) || '|' ||
      (SELECT group_concat(note_id || ':' || client_id || ':' || objective_key, ';') FROM note_objective) || '|' ||
      (SELECT group_concat(note_id || ':' || contact_id, ';') FROM note_person)`).trim();
  // The clients an audit row is about: its own and those listed with it.
  const auditedClients = (action, recordId) => sqlite(srv.db, `SELECT client_id FROM audit
      WHERE action = '${action}' AND record_id = ${recordId} AND client_id <> 0
      UNION SELECT b.client_id FROM audit_about b JOIN audit a ON a.id = b.audit_id
      WHERE a.action = '${action}' AND a.record_id = ${recordId}`).trim().split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
  const addendaCount = () => Number(sqlite(srv.db, 'SELECT count(*) FROM note_addendum').trim());

  const admit = async (trackId, admittedOn, withPlan) => {
    const c = await adm.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const r = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: trackId, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: admittedOn,
    });
    assert.equal(r.status, 201, r.text);
    if (withPlan) {
      const p = await clin.post(`/api/v1/episodes/${r.json.id}/plans`, { problems: [{
        dimension: 5, statement: 'Relapsed after two earlier treatments.',
        goals: [{ text: 'A month without a drink.', objectives: [
          { text: 'Name three triggers and a plan for each.', target_date: plusDays(today, 20) },
          { text: 'Four mutual-help meetings a week.', target_date: plusDays(today, 20) },
        ], interventions: [{ code: 'relapse_prevention', frequency: 'weekly', staff_id: staff.clinician.id }] }],
      }] });
      assert.equal(p.status, 201, p.text);
      keys[c.json.id] = p.json.problems[0].goals[0].objectives.map((o) => o.key);
    }
    return c.json;
  };
  const pastSessions = () => sessions.filter((s) => s.date < today);

  before(async () => {
    srv = await startServer({ testClock: true });
    [adm, dir, clin, cm, desk, billing, admin] = await Promise.all(
      ['admissions', 'director', 'clinician', 'case_manager', 'front_desk', 'billing', 'admin'].map((u) => signIn(srv.url, u)));
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    now = await srv.advance(0);
    today = localYmd(now);
    const r = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Notes evening', level_of_care: '2.1', blocks: EVERY_DAY('09:00', 180) });
    assert.equal(r.status, 201, r.text);
    track = r.json;
    const g = await dir.post(`/api/v1/tracks/${track.id}/sessions/generate`, { from: plusDays(today, -6), to: plusDays(today, 3) });
    assert.equal(g.status, 200, g.text);
    sessions = (await dir.get(`/api/v1/sessions?track_id=${track.id}&from=${plusDays(today, -6)}&to=${plusDays(today, 3)}`)).json.items;
    cl.x = await admit(track.id, plusDays(today, -6), true);
    cl.y = await admit(track.id, plusDays(today, -6), true);
    cl.z = await admit(track.id, plusDays(today, -6), false);
    cl.w = await admit(track.id, plusDays(today, -6), true);
  });
  after(() => finish(srv));

  // The clock moved on: sessions idle that long are ended, so sign in again.
  const advance = async (secs) => {
    now = await srv.advance(secs);
    [adm, dir, clin, cm, desk, billing, admin] = await Promise.all(
      ['admissions', 'director', 'clinician', 'case_manager', 'front_desk', 'billing', 'admin'].map((u) => signIn(srv.url, u)));
  };
  // Books the first half-hour from an hour ahead where the client and the
  // staff member are free (the track's groups and the demo's schedule
  // taken), and moves the clock past its end.
  const bookHeld = async (clientId, body) => {
    let start = Math.ceil((now + 3600e3) / 1800e3) * 1800e3;
    for (let i = 0; i < 48; i++, start += 1800e3) {
      const r = await desk.post(`/api/v1/clients/${clientId}/appointments`, { ...body, starts_at: at(start) });
      if (r.status === 409 && r.json.error.conflict) continue;
      assert.equal(r.status, 201, r.text);
      return { appt: r.json, start };
    }
    throw new Error('no free time in a day');
  };
  const roster = (s, records) => desk.put(`/api/v1/sessions/${s.id}/attendance`, { records });

  test('a held session: one group note, prefilled; opening again gives the same one', async () => {
    const s = pastSessions()[1];
    let r = await roster(s, [
      { client_id: cl.x.id, status: 'present' },
      { client_id: cl.y.id, status: 'late', late_minutes: 30 },
      { client_id: cl.z.id, status: 'absent_excused' },
    ]);
    assert.equal(r.status, 200, r.text);
    const o = await clin.post(`/api/v1/sessions/${s.id}/note`);
    assert.equal(o.status, 201, o.text);
    const n = o.json;
    assert.equal(n.kind, 'group');
    assert.equal(n.status, 'draft');
    assert.equal(n.session_id, s.id);
    assert.equal(n.shared.topic, 'Coping with cravings');
    assert.equal(n.group_type, 'process_group');
    assert.deepEqual(n.parts.map((p) => p.client_id).sort(), [cl.x.id, cl.y.id].sort());
    const py = n.parts.find((p) => p.client_id === cl.y.id);
    assert.equal(py.attendance, 'late');
    assert.equal(py.minutes, 150);
    assert.equal(Date.parse(py.starts_at), Date.parse(s.starts_at) + 30 * 60e3);
    assert.deepEqual(py.prefill.open_objectives.map((x) => x.key), keys[cl.y.id]);
    assert.equal(py.prefill.last, null);
    assert.deepEqual(n.prefill, { last: null });      // no earlier group note of the track
    assert.deepEqual(n.absent.map((a) => [a.client_id, a.status]), [[cl.z.id, 'absent_excused']]);
    const again = await clin.post(`/api/v1/sessions/${s.id}/note`);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.id, n.id);
    assert.equal(Number(sqlite(srv.db, `SELECT count(*) FROM note WHERE session_id = ${s.id}`).trim()), 1);
    // A session not yet held has no note.
    const future = sessions.find((x) => x.date > today);
    assertError(await clin.post(`/api/v1/sessions/${future.id}/note`), 409, 'conflict');
  });

  test('writes are checked, naming the field, and write nothing', async () => {
    const s = pastSessions()[1];
    const n = (await clin.post(`/api/v1/sessions/${s.id}/note`)).json;
    const was = noteRows();
    let r = await clin.patch(`/api/v1/notes/${n.id}`, { parts: [{ client_id: cl.z.id, response: 'Not here.' }] });
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields['parts[0].client_id'], /not marked present/);
    r = await clin.patch(`/api/v1/notes/${n.id}`, { shared: { interventions: ['cbt', 'astrology'] } });
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields['shared.interventions[1]']);
    r = await clin.patch(`/api/v1/notes/${n.id}`, { parts: [{ client_id: cl.x.id, objective_keys: [keys[cl.y.id][0]] }] });
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields['parts[0].objective_keys'], /not an objective of this client/);
    r = await clin.patch(`/api/v1/notes/${n.id}`, { parts: [{ client_id: cl.x.id, participation: 'sleepy' }] });
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields['parts[0].participation']);
    r = await clin.patch(`/api/v1/notes/${n.id}`, { form: 'dap' });
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.form);
    assert.equal(noteRows(), was);
    // Signing without content makes no sense.
    r = await clin.post(`/api/v1/notes/${n.id}/sign`);
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields['shared.content']);
    assert.equal(noteRows(), was);
    // The front desk and billing do not write notes.
    assertError(await desk.patch(`/api/v1/notes/${n.id}`, { shared: { content: 'x' } }), 403, 'forbidden');
    assertError(await billing.post(`/api/v1/sessions/${s.id}/note`), 403, 'forbidden');
    // Nor read them: progress notes are for the clinical staff.
    assertError(await desk.get(`/api/v1/notes/${n.id}`), 403, 'forbidden');
    assertError(await billing.get(`/api/v1/clients/${cl.x.id}/notes`), 403, 'forbidden');
    const chart = await desk.get(`/api/v1/clients/${cl.x.id}/chart`);
    assert.equal(chart.json.notes, undefined);
  });

  test('parts follow attendance while a draft; signing signs every part at once', async () => {
    const s = pastSessions()[1];
    const n = (await clin.post(`/api/v1/sessions/${s.id}/note`)).json;
    let r = await clin.patch(`/api/v1/notes/${n.id}`, {
      shared: { content: 'Urge surfing; each named a high-risk hour.', interventions: ['relapse_prevention', 'cbt'] },
      parts: [
        { client_id: cl.x.id, participation: 'active', response: 'Named evenings after work.', progress: 'Two of three triggers named.', objective_keys: [keys[cl.x.id][0]] },
        { client_id: cl.y.id, participation: 'quiet', response: 'Listened.' },
      ],
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.shared.interventions, ['relapse_prevention', 'cbt']);
    // z now marked present: z gets a part; back to absent: the part goes.
    r = await roster(s, [{ client_id: cl.z.id, status: 'present' }]);
    assert.equal(r.status, 200, r.text);
    r = await clin.get(`/api/v1/notes/${n.id}`);
    assert.equal(r.json.parts.length, 3);
    r = await roster(s, [{ client_id: cl.z.id, status: 'absent_unexcused' }]);
    r = await clin.get(`/api/v1/notes/${n.id}`);
    assert.equal(r.json.parts.length, 2);
    const px = r.json.parts.find((p) => p.client_id === cl.x.id);
    assert.equal(px.participation, 'active');
    assert.deepEqual(px.objectives.map((o) => o.key), [keys[cl.x.id][0]]);
    assert.match(px.objectives[0].text, /triggers/);

    r = await clin.post(`/api/v1/notes/${n.id}/sign`);
    assert.equal(r.status, 200, r.text);
    mine.group = n.id;
    assert.equal(r.json.status, 'signed');
    assert.equal(r.json.counts, true);
    assert.equal(r.json.signature.staff_id, staff.clinician.id);
    assert.ok(r.json.signature.signed_at);
    assert.equal(r.json.no_objective_linked, true);      // y's part: allowed, said
    assert.equal(r.json.parts.find((p) => p.client_id === cl.y.id).no_objective_linked, true);
    // Frozen: each part stored with its times and minutes.
    assert.equal(sqlite(srv.db, `SELECT group_concat(client_id || ':' || minutes || ':' || ((ends_at - starts_at) / 60), ';') FROM (SELECT * FROM note_part WHERE note_id = ${n.id} ORDER BY client_id)`).trim(),
      [[cl.x.id, 180], [cl.y.id, 150]].sort((a, b) => a[0] - b[0]).map(([c, m]) => `${c}:${m}:${m}`).join(';'));
    // Attendance corrected after signing does not change the signed note.
    await roster(s, [{ client_id: cl.z.id, status: 'present' }]);
    r = await clin.get(`/api/v1/notes/${n.id}`);
    assert.equal(r.json.parts.length, 2);
    await roster(s, [{ client_id: cl.z.id, status: 'absent_unexcused' }]);
    // Audit: the signature is on the trail of each client the answer shows
    // (the parts, and the roster's absent client named read-only).
    assert.deepEqual(auditedClients('note.sign', n.id), [cl.x.id, cl.y.id, cl.z.id].sort((a, b) => a - b));
  });

  test('the next session starts from last time; a client sees only their own part', async () => {
    const s = pastSessions()[2];
    await roster(s, [{ client_id: cl.x.id, status: 'present' }, { client_id: cl.y.id, status: 'left_early', left_early_minutes: 60 }]);
    const n = (await clin.post(`/api/v1/sessions/${s.id}/note`)).json;
    mine.draft = n.id;
    const px = n.parts.find((p) => p.client_id === cl.x.id);
    assert.equal(px.prefill.last.participation, 'active');
    assert.equal(px.prefill.last.response, 'Named evenings after work.');
    assert.deepEqual(px.prefill.last.objective_keys, [keys[cl.x.id][0]]);
    assert.equal(n.parts.find((p) => p.client_id === cl.y.id).minutes, 120);
    // The shared part's interventions from last time, to start from.
    assert.equal(n.prefill.last.note_id, mine.group);
    assert.equal(n.prefill.last.date, pastSessions()[1].date);
    assert.deepEqual(n.prefill.last.interventions, ['relapse_prevention', 'cbt']);
    assert.deepEqual(n.shared.interventions, []);

    const r = await clin.get(`/api/v1/clients/${cl.x.id}/notes`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 2);
    for (const it of r.json.items) {
      assert.deepEqual(it.parts.map((p) => p.client_id), [cl.x.id]);
      assert.equal(it.absent, undefined);
    }
    for (const other of [cl.y, cl.z]) {
      assert.ok(!r.text.includes(other.last_name), 'another client named in x\'s notes');
      assert.ok(!r.text.includes(`"client_id":${other.id}`) && !r.text.includes(`"client_id": ${other.id}`));
    }
    const chart = await clin.get(`/api/v1/clients/${cl.x.id}/chart`);
    assert.equal(chart.status, 200, chart.text);
    assert.equal(chart.json.notes.total, 2);
  });

  test('appointment notes: DAP, SOAP or BIRP; times; objectives; persons at a family session', async () => {
    const { appt, start } = await bookHeld(cl.x.id, { kind: 'individual_therapy', site_id: 1, staff_id: staff.clinician.id, minutes: 50 });
    const b = { json: appt };
    assertError(await clin.post(`/api/v1/appointments/${b.json.id}/note`), 409, 'conflict');
    await advance(Math.ceil((start + 60 * 60e3 - now) / 1000));
    const o = await clin.post(`/api/v1/appointments/${b.json.id}/note`);
    assert.equal(o.status, 201, o.text);
    assert.equal(o.json.kind, 'individual');
    assert.equal(o.json.form, 'dap');
    assert.deepEqual(o.json.section_names, ['data', 'assessment', 'plan']);
    assert.equal(o.json.client_id, cl.x.id);
    assert.equal(o.json.minutes, 50);
    const id = o.json.id;
    let r = await clin.patch(`/api/v1/notes/${id}`, { form: 'birp', sections: { behavior: 'Arrived on time, calm.', data: 'x' } });
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields['sections.data'], /not a section of the birp form/);
    r = await clin.patch(`/api/v1/notes/${id}`, { starts_at: at(start), ends_at: at(start - 60e3) });
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.ends_at);
    r = await clin.patch(`/api/v1/notes/${id}`, {
      form: 'soap', ends_at: at(start + 45 * 60e3),
      sections: { subjective: 'Reports two cravings this week.', objective: 'Calm, engaged.', assessment: 'Coping skills emerging.', plan: 'Practise urge surfing daily.' },
      objective_keys: [keys[cl.x.id][1]],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.form, 'soap');
    assert.equal(r.json.parts[0].sections.plan, 'Practise urge surfing daily.');
    assert.equal(r.json.minutes, 45);
    assert.deepEqual(r.json.parts[0].objectives.map((x) => x.key), [keys[cl.x.id][1]]);
    r = await clin.post(`/api/v1/notes/${id}/sign`);
    assert.equal(r.status, 200, r.text);
    mine.individual = id;
    assert.equal(r.json.parts[0].minutes, 45);
    assert.equal(r.json.no_objective_linked, false);
  });

  test('a family session\'s note: who came, from the persons booked', async () => {
    const mother = (await clin.post(`/api/v1/clients/${cl.y.id}/contacts`, { name: 'Morgan Fictional', relationship: 'mother', phone: '312-555-0141' })).json.id;
    const brother = (await clin.post(`/api/v1/clients/${cl.y.id}/contacts`, { name: 'Rowan Fictional', relationship: 'brother', phone: '312-555-0142' })).json.id;
    const other = (await clin.post(`/api/v1/clients/${cl.x.id}/contacts`, { name: 'Sage Fictional', relationship: 'partner', phone: '312-555-0143' })).json.id;
    const { appt, start } = await bookHeld(cl.y.id, { kind: 'family_therapy', site_id: 1, staff_id: staff.clinician.id, minutes: 60,
      related_persons: [mother, brother] });
    const b = { json: appt };
    await advance(Math.ceil((start + 70 * 60e3 - now) / 1000));
    const o = await clin.post(`/api/v1/appointments/${b.json.id}/note`);
    assert.equal(o.status, 201, o.text);
    assert.equal(o.json.kind, 'family');
    assert.deepEqual(o.json.person_ids.sort((a, c) => a - c), [mother, brother].sort((a, c) => a - c));
    const was = noteRows();
    let r = await clin.patch(`/api/v1/notes/${o.json.id}`, { person_ids: [mother, other] });
    assertError(r, 400, 'invalid');
    assert.match(r.json.error.fields['person_ids[1]'], /not one of the persons booked/);
    assert.equal(noteRows(), was);
    r = await clin.patch(`/api/v1/notes/${o.json.id}`, { person_ids: [mother], sections: { data: 'Mother attended; brother could not.' } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.person_ids, [mother]);
    assert.equal((await clin.post(`/api/v1/notes/${o.json.id}/sign`)).status, 200);
    mine.family = o.json.id;

    // A medication-management visit, by the prescriber, in SOAP form.
    const m = await bookHeld(cl.x.id, { kind: 'medication_management', site_id: 1, staff_id: staff.prescriber.id, minutes: 20 });
    await advance(Math.ceil((m.start + 30 * 60e3 - now) / 1000));
    const rx2 = await signIn(srv.url, 'prescriber');
    const mo = await rx2.post(`/api/v1/appointments/${m.appt.id}/note`);
    assert.equal(mo.status, 201, mo.text);
    assert.equal(mo.json.kind, 'medication_management');
    assert.equal(mo.json.form, 'soap');
    r = await rx2.patch(`/api/v1/notes/${mo.json.id}`, { sections: { subjective: 'No cravings on naltrexone.', plan: 'Continue; review in a month.' } });
    assert.equal(r.status, 200, r.text);
    assert.equal((await rx2.post(`/api/v1/notes/${mo.json.id}/sign`)).status, 200);
    mine.medication = mo.json.id;
  });

  test('every write route on a signed note of each kind is refused with 409 and changes nothing; addenda are allowed', async () => {
    const signed = [[mine.group, 'group'], [mine.individual, 'individual'], [mine.family, 'family'],
      [mine.medication, 'medication_management']];
    for (const [id, kind] of signed) assert.equal(sqlite(srv.db, `SELECT status || ':' || kind FROM note WHERE id = ${id}`).trim(), `signed:${kind}`);
    const was = noteRows();
    for (const [id, kind] of signed) {
      const tries = [
        ['PATCH', () => clin.patch(`/api/v1/notes/${id}`, kind === 'group' ? { shared: { content: 'changed' } } : { sections: { subjective: 'changed' } })],
        ['PATCH parts', () => clin.patch(`/api/v1/notes/${id}`, { parts: [{ client_id: cl.x.id, response: 'changed' }] })],
        ['sign', () => clin.post(`/api/v1/notes/${id}/sign`)],
        ['cosign', () => clin.post(`/api/v1/notes/${id}/cosign`)],
      ];
      for (const [what, go] of tries) {
        const r = await go();
        assert.equal(r.status, 409, `${kind} ${what}: ${r.text}`);
        assert.equal(r.json.error.code, 'conflict');
      }
      assert.equal(noteRows(), was);
    }
    const before = addendaCount();
    const [gid] = signed.find((x) => x[1] === 'group');
    let r = await clin.post(`/api/v1/notes/${gid}/addenda`, { text: 'Late entry: y asked for a referral to a peer group.', client_id: cl.y.id });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.addenda.length, 1);
    assert.equal(addendaCount(), before + 1);
    assert.equal(noteRows(), was);
    assertError(await clin.post(`/api/v1/notes/${gid}/addenda`, { text: '' }), 400, 'invalid');
    assertError(await clin.post(`/api/v1/notes/${gid}/addenda`, { text: 'x', client_id: cl.z.id }), 400, 'invalid');
    // x's list shows the group note without the addendum about y.
    r = await clin.get(`/api/v1/clients/${cl.x.id}/notes`);
    assert.equal(r.json.items.find((n) => n.id === Number(gid)).addenda.length, 0);
    // A draft takes no addendum.
    assertError(await clin.post(`/api/v1/notes/${mine.draft}/addenda`, { text: 'x' }), 409, 'conflict');
  });

  test('a supervised staff member\'s note waits for the supervisor\'s co-signature', async () => {
    let r = await admin.patch(`/api/v1/staff/${staff.case_manager.id}`, { needs_supervision: true });
    assertError(r, 400, 'invalid');
    assert.ok(r.json.error.fields.supervisor_id);
    r = await admin.patch(`/api/v1/staff/${staff.case_manager.id}`, { needs_supervision: true, supervisor_id: staff.case_manager.id });
    assertError(r, 400, 'invalid');
    r = await admin.patch(`/api/v1/staff/${staff.case_manager.id}`, { needs_supervision: true, supervisor_id: staff.clinician.id });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.needs_supervision, true);
    assert.equal(r.json.supervisor_id, staff.clinician.id);

    const { appt, start } = await bookHeld(cl.y.id, { kind: 'case_management', site_id: 1, staff_id: staff.case_manager.id, minutes: 30 });
    const b = { json: appt };
    await advance(Math.ceil((start + 40 * 60e3 - now) / 1000));
    const o = await cm.post(`/api/v1/appointments/${b.json.id}/note`);
    assert.equal(o.status, 201, o.text);
    assert.equal(o.json.kind, 'case_management');
    r = await cm.patch(`/api/v1/notes/${o.json.id}`, { sections: { data: 'Housing application filed.', plan: 'Follow up Friday.' } });
    assert.equal(r.status, 200, r.text);
    r = await cm.post(`/api/v1/notes/${o.json.id}/sign`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.awaits_cosignature, true);
    assert.equal(r.json.counts, false);
    assert.equal(r.json.cosignature.staff_id, staff.clinician.id);
    // On the supervisor's worklist at once.
    r = await clin.get('/api/v1/note-worklist');
    assert.ok(r.json.items.some((i) => i.note_id === o.json.id && i.reason === 'cosign'), r.text);
    // Only the supervisor co-signs.
    const was = noteRows();
    assertError(await dir.post(`/api/v1/notes/${o.json.id}/cosign`), 403, 'forbidden');
    assertError(await cm.patch(`/api/v1/notes/${o.json.id}`, { sections: { data: 'changed' } }), 409, 'conflict');
    assert.equal(noteRows(), was);
    r = await clin.post(`/api/v1/notes/${o.json.id}/cosign`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.counts, true);
    assert.ok(r.json.cosignature.signed_at);
    const was2 = noteRows();
    assertError(await clin.post(`/api/v1/notes/${o.json.id}/cosign`), 409, 'conflict');
    assert.equal(noteRows(), was2);
    assert.ok(auditRows(srv.db).some((a) => a.action === 'note.cosign' && a.record_id === o.json.id && a.client_id === cl.y.id));
    await admin.patch(`/api/v1/staff/${staff.case_manager.id}`, { needs_supervision: false, supervisor_id: null });
  });

  test('the worklist: my drafts older than 24 hours; the director\'s: everyone\'s older than 72 hours', async () => {
    // A draft started now (the earlier tests moved the clock on).
    const draft = (await clin.post(`/api/v1/sessions/${pastSessions()[3].id}/note`)).json.id;
    let r = await clin.get('/api/v1/note-worklist');
    assert.equal(r.status, 200, r.text);
    assert.ok(!r.json.items.some((i) => i.note_id === draft));
    await advance(25 * 3600);
    r = await clin.get('/api/v1/note-worklist');
    assert.ok(r.json.items.some((i) => i.note_id === draft && i.reason === 'unsigned'), r.text);
    assert.ok(!(await cm.get('/api/v1/note-worklist')).json.items.some((i) => i.note_id === draft));
    r = await dir.get('/api/v1/note-worklist?all=true');
    assert.ok(!r.json.items.some((i) => i.note_id === draft));
    await advance(48 * 3600);
    r = await dir.get('/api/v1/note-worklist?all=true');
    assert.ok(r.json.items.some((i) => i.note_id === draft && i.author.staff_id === staff.clinician.id), r.text);
    assertError(await clin.get('/api/v1/note-worklist?all=true'), 403, 'forbidden');
    assertError(await clin.get('/api/v1/note-worklist?all=maybe'), 400, 'invalid');
  });

  test('reads are audited on every client shown', async () => {
    const s = pastSessions()[1];
    const n = (await clin.post(`/api/v1/sessions/${s.id}/note`)).json;
    await clin.get(`/api/v1/notes/${n.id}`);
    const seen = auditedClients('note.read', n.id);
    for (const c of [cl.x, cl.y, cl.z]) assert.ok(seen.includes(c.id), `read of ${c.id}`);
    await clin.get(`/api/v1/clients/${cl.w.id}/notes`);
    assert.ok(auditRows(srv.db).some((a) => a.action === 'note.list' && a.client_id === cl.w.id));
  });
});

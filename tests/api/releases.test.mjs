// Every route that releases client information out of openiop (issue 14,
// item 8, "Done when"): each one, driven from one table, (a) without a
// covering consent answers 409 conflict naming what is not covered and
// writes no accounting entry; (b) under a consent naming the recipient and
// the information answers 201, the 2.32 notice is on the document and the
// accounting has the entry (who, to whom, what, when, under which
// consent); (c) after that consent is revoked answers 409 again.  A route
// that releases is a POST needing disclosures.release that is not one of
// the consent routes: the table must list each of them.
//
// Also: what each category puts in the document (attendance, diagnosis,
// plan, progress with only this client's part of a group note, discharge
// summary), and the probation officer as a related person.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, finish, auditRows, serverRoutes, sqlite } from './helpers.mjs';

const DAY = 86400e3;
const TZ = 'America/Chicago';
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
function localYmd(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', minutes: 180, group_type: 'process_group', topic: 'Coping with cravings' }));

const PO_NAME = 'Ray Tillman';
const PO_ORG = 'Lake County Adult Probation';
const PO = `${PO_NAME}, ${PO_ORG}`;
const NEXT = 'Harbor Outpatient Counseling';
const X_PROGRESS = 'Named three triggers and a plan for each.';
const Y_PROGRESS = 'Spoke of a relapse at a wedding.';

describe('every route that releases client information', () => {
  let srv, dir, clin, adm, desk, admin, now, today, vocab;
  const staff = {};
  let x, y, summaryId;

  // One line per route (and per document shape) that releases; each says
  // how to call it for client x and what its document must hold.  A route
  // added later (a referral packet) is one more line.
  const RELEASES = [
    {
      name: 'probation report (client disclosures, pdf)',
      method: 'POST', path: '/api/v1/clients/{id}/disclosures',
      url: () => `/api/v1/clients/${x}/disclosures`,
      recipient: PO, info: ['attendance', 'drug_screens', 'progress'],
      body: (consentId) => ({ consent_id: consentId, recipient: PO, information: ['attendance', 'drug_screens', 'progress'], format: 'pdf' }),
      expect: [/\(Attendance\)/, /\(Notice \\\(42 CFR 2\.32\\\)\)/, /\(Progress in treatment\)/],
    },
    {
      name: 'export of the whole record (client disclosures, json)',
      method: 'POST', path: '/api/v1/clients/{id}/disclosures',
      url: () => `/api/v1/clients/${x}/disclosures`,
      recipient: NEXT, info: ['demographics', 'attendance', 'drug_screens', 'medications', 'diagnosis', 'treatment_plan', 'progress', 'discharge_summary'],
      body: (consentId) => ({ consent_id: consentId, recipient: NEXT, information: ['demographics', 'attendance', 'drug_screens', 'medications', 'diagnosis', 'treatment_plan', 'progress', 'discharge_summary'], format: 'json' }),
      expect: [/"section":"treatment plan"/, /"section":"discharge summary"/, /no diagnosis recorded/],
    },
    {
      name: 'export of the record (client disclosures, csv)',
      method: 'POST', path: '/api/v1/clients/{id}/disclosures',
      url: () => `/api/v1/clients/${x}/disclosures`,
      recipient: NEXT, info: ['attendance', 'treatment_plan'],
      body: (consentId) => ({ consent_id: consentId, recipient: NEXT, information: ['attendance', 'treatment_plan'], format: 'csv' }),
      expect: [/^"section","item","value"/, /"treatment plan","problem 1","Drinks after work most days."/],
    },
    {
      name: 'discharge summary sent to the next provider',
      method: 'POST', path: '/api/v1/discharge-summaries/{id}/send',
      url: () => `/api/v1/discharge-summaries/${summaryId}/send`,
      recipient: NEXT, info: ['discharge_summary'],
      body: (consentId) => ({ consent_id: consentId, recipient: NEXT, format: 'json' }),
      expect: [/"section":"discharge summary"/, /Completed all phases/],
    },
  ];

  const disclosures = () => Number(sqlite(srv.db, `SELECT count(*) FROM disclosure WHERE client_id = ${x}`).trim());
  const releaseAudits = () => auditRows(srv.db).filter((r) => r.action === 'disclosure.release').length;
  const consentFor = async (recipient, info) => {
    const r = await dir.post(`/api/v1/clients/${x}/consents`, {
      disclosing_party: 'Riverside Recovery IOP', information: info, recipients: [recipient],
      purpose: 'Coordination of care and the terms of probation',
      expires_on: plusDays(today, 90), signed_on: plusDays(today, -1), signature: 'Client Signature',
    });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const documentOf = async (url) => {
    const r = await fetch(srv.url + url, { headers: { cookie: dir.cookie } });
    return { status: r.status, type: r.headers.get('content-type'), text: Buffer.from(await r.arrayBuffer()).toString('latin1') };
  };

  before(async () => {
    srv = await startServer({ testClock: true });
    [dir, clin, adm, desk, admin] = await Promise.all(['director', 'clinician', 'admissions', 'front_desk', 'admin'].map((u) => signIn(srv.url, u)));
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    now = await srv.advance(0);
    today = localYmd(now);
    vocab = (await dir.get('/api/v1/vocabularies/consents')).json;

    const t = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Releases IOP', level_of_care: '2.1', blocks: EVERY_DAY });
    assert.equal(t.status, 201, t.text);
    const g = await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: plusDays(today, -6), to: plusDays(today, 3) });
    assert.equal(g.status, 200, g.text);
    const sessions = (await dir.get(`/api/v1/sessions?track_id=${t.json.id}&from=${plusDays(today, -6)}&to=${plusDays(today, 3)}`)).json.items;
    const admit = async () => {
      const c = await adm.post('/api/v1/clients', clientBody());
      assert.equal(c.status, 201, c.text);
      const e = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
        level: '2.1', site_id: 1, track_id: t.json.id, primary_clinician_id: staff.clinician.id,
        privacy_notice_given: true, admitted_on: plusDays(today, -6),
      });
      assert.equal(e.status, 201, e.text);
      return { client: c.json.id, episode: e.json.id };
    };
    const ex = await admit();
    const ey = await admit();
    [x, y] = [ex.client, ey.client];

    // A signed plan; a held group with x and y, its note signed; one absence.
    const p = await clin.post(`/api/v1/episodes/${ex.episode}/plans`, { problems: [{
      dimension: 5, statement: 'Drinks after work most days.',
      goals: [{ text: 'A month without a drink.', objectives: [{ text: 'Name three triggers.', target_date: plusDays(today, 20) }],
        interventions: [{ code: 'relapse_prevention', frequency: 'weekly', staff_id: staff.clinician.id }] }],
    }] });
    assert.equal(p.status, 201, p.text);
    assert.equal((await clin.post(`/api/v1/plans/${p.json.id}/sign`, {})).status, 200);
    const past = sessions.filter((s) => s.date < today);
    let r = await desk.put(`/api/v1/sessions/${past[1].id}/attendance`, { records: [
      { client_id: x, status: 'present' }, { client_id: y, status: 'present' }] });
    assert.equal(r.status, 200, r.text);
    r = await desk.put(`/api/v1/sessions/${past[2].id}/attendance`, { records: [{ client_id: x, status: 'absent_excused' }] });
    assert.equal(r.status, 200, r.text);
    const n = await clin.post(`/api/v1/sessions/${past[1].id}/note`);
    assert.equal(n.status, 201, n.text);
    r = await clin.patch(`/api/v1/notes/${n.json.id}`, {
      shared: { content: 'Urge surfing.', interventions: ['relapse_prevention'] },
      parts: [{ client_id: x, participation: 'active', response: 'Engaged.', progress: X_PROGRESS },
        { client_id: y, participation: 'active', response: 'Engaged.', progress: Y_PROGRESS }],
    });
    assert.equal(r.status, 200, r.text);
    r = await clin.post(`/api/v1/notes/${n.json.id}/sign`);
    assert.equal(r.status, 200, r.text);

    // The probation officer, a related person of x.
    r = await clin.post(`/api/v1/clients/${x}/contacts`, { name: PO_NAME, kind: 'probation_officer', organisation: PO_ORG, phone: '312-555-0177', may_contact: true });
    assert.equal(r.status, 201, r.text);

    // Discharged yesterday, the summary signed.
    r = await adm.post(`/api/v1/episodes/${ex.episode}/discharge`, { date: plusDays(today, -1), type: 'completed', reason: 'Completed all phases.' });
    assert.equal(r.status, 200, r.text);
    r = await clin.post(`/api/v1/episodes/${ex.episode}/discharge-summary`);
    assert.equal(r.status, 201, r.text);
    summaryId = r.json.id;
    r = await clin.patch(`/api/v1/discharge-summaries/${summaryId}`, { reason: 'Completed all phases of the program.', recommendations: 'Weekly outpatient counseling.' });
    assert.equal(r.status, 200, r.text);
  });
  after(() => finish(srv));

  test('the table lists every route that releases client information', () => {
    // Recording and revoking consents, keeping the address book of outside
    // resources (it names no client) and a client's case management (needs,
    // court dates, referrals: kept here, sent nowhere) share the permission
    // but release nothing.
    const releaseNothing = new Set(['POST /api/v1/clients/{id}/consents', 'POST /api/v1/consents/{id}/revoke',
      'POST /api/v1/resources', 'POST /api/v1/clients/{id}/court-dates', 'POST /api/v1/clients/{id}/referrals',
      'POST /api/v1/referrals/{id}/status']);
    const releasing = serverRoutes().filter((r) => r.method === 'POST' && r.perm === 'disclosures.release')
      .map((r) => `${r.method} ${r.path}`).filter((k) => !releaseNothing.has(k));
    const listed = new Set(RELEASES.map((r) => `${r.method} ${r.path}`));
    assert.deepEqual(releasing.filter((k) => !listed.has(k)), [], 'a route that releases is missing from RELEASES');
    assert.ok(releasing.length >= 2);
  });

  test('a draft discharge summary is not sent: 409, nothing released', async () => {
    const before = disclosures();
    const c = await consentFor(NEXT, ['discharge_summary']);
    const r = await dir.post(`/api/v1/discharge-summaries/${summaryId}/send`, { consent_id: c, recipient: NEXT, format: 'pdf' });
    assertError(r, 409, 'conflict');
    assert.match(r.json.error.message, /draft: sign it/);
    assert.equal(disclosures(), before);
    await dir.post(`/api/v1/consents/${c}/revoke`, { reason: 'test over' });
    assert.equal((await clin.post(`/api/v1/discharge-summaries/${summaryId}/sign`)).status, 200);
    // A bad body names the field.
    const bad = await dir.post(`/api/v1/discharge-summaries/${summaryId}/send`, { recipient: NEXT, format: 'doc' });
    assertError(bad, 400, 'invalid');
    assert.ok(bad.json.error.fields.format, bad.text);
    assertError(await dir.post('/api/v1/discharge-summaries/999999/send', { recipient: NEXT }), 404, 'not_found');
  });

  for (const row of RELEASES) {
    test(`${row.name}: refused without consent, released and accounted for with one, refused after revocation`, async () => {
      // (a) No consent covers it: 409 naming the information and the recipient; nothing written.
      let before = [disclosures(), releaseAudits()];
      let r = await dir.post(row.url(), row.body(undefined));
      assertError(r, 409, 'conflict', row.name);
      assert.match(r.json.error.message, /No consent valid on \d{4}-\d\d-\d\d covers /);
      assert.ok(r.json.error.message.includes(row.recipient), r.text);
      assert.deepEqual([disclosures(), releaseAudits()], before, 'no accounting entry');
      // A consent for other information only: 409 naming what it lacks.
      const narrow = await consentFor(row.recipient, ['demographics']);
      r = await dir.post(row.url(), row.body(narrow));
      if (!row.info.every((i) => i === 'demographics')) {
        assertError(r, 409, 'conflict', row.name);
        assert.match(r.json.error.message, new RegExp(`Consent ${narrow} does not include`));
        assert.deepEqual([disclosures(), releaseAudits()], before);
      }
      await dir.post(`/api/v1/consents/${narrow}/revoke`, { reason: 'replaced' });

      // (b) Under a consent naming them: 201, the notice, the accounting entry.
      const consent = await consentFor(row.recipient, row.info);
      r = await dir.post(row.url(), row.body(consent));
      assert.equal(r.status, 201, `${row.name}: ${r.text}`);
      assert.equal(r.json.notice, vocab.notice);
      const doc = await documentOf(r.json.document_url);
      assert.equal(doc.status, 200);
      if (row.body(consent).format === 'pdf') {
        assert.match(doc.type, /application\/pdf/);
        assert.match(doc.text, /^%PDF-/);
      } else {
        assert.ok(doc.text.includes('This record which has been disclosed to you is protected by Federal confidentiality'), doc.text.slice(0, 300));
      }
      for (const re of row.expect) assert.match(doc.text, re, `${row.name}: ${doc.text.slice(0, 400)}`);
      const list = (await dir.get(`/api/v1/clients/${x}/disclosures`)).json.items;
      const entry = list.find((d) => d.id === r.json.id);
      assert.ok(entry, 'in the accounting');
      assert.equal(entry.consent_id, consent);
      assert.equal(entry.recipient, row.recipient);
      assert.deepEqual([...entry.information].sort(), [...row.info].sort());
      assert.ok(entry.released_by_name.length > 0);
      assert.ok(Date.parse(entry.released_at) > 0);
      assert.equal(disclosures(), before[0] + 1);
      const audit = auditRows(srv.db).filter((a) => a.action === 'disclosure.release').at(-1);
      assert.equal(audit.record_id, r.json.id);
      assert.equal(audit.client_id, x);
      assert.match(audit.detail, new RegExp(`consent=${consent}`));

      // (c) After revocation: 409, nothing more.
      assert.equal((await dir.post(`/api/v1/consents/${consent}/revoke`, { reason: 'The client withdrew it.' })).status, 200);
      before = [disclosures(), releaseAudits()];
      r = await dir.post(row.url(), row.body(consent));
      assertError(r, 409, 'conflict', row.name);
      assert.match(r.json.error.message, new RegExp(`Consent ${consent} is revoked`));
      r = await dir.post(row.url(), row.body(undefined));
      assertError(r, 409, 'conflict', row.name);
      assert.deepEqual([disclosures(), releaseAudits()], before);
    });
  }

  test('what the categories hold: only this client\'s part of a group note; dates, minutes, the plan', async () => {
    const info = ['attendance', 'diagnosis', 'treatment_plan', 'progress', 'discharge_summary'];
    const consent = await consentFor(NEXT, info);
    const r = await dir.post(`/api/v1/clients/${x}/disclosures`, { consent_id: consent, recipient: NEXT, information: info, format: 'json' });
    assert.equal(r.status, 201, r.text);
    const doc = JSON.parse((await documentOf(r.json.document_url)).text);
    const of = (section) => doc.records.filter((l) => l.section === section);
    assert.equal(doc.notice, vocab.notice);
    assert.deepEqual(of('attendance')[0], { section: 'attendance', item: 'group sessions', value: '1 attended, 1 absent; 180 minutes' });
    assert.ok(of('attendance').some((l) => /group session$/.test(l.item) && l.value === 'absent (excused); 0 of 180 minutes'), JSON.stringify(of('attendance')));
    assert.deepEqual(of('diagnosis').map((l) => l.value), ['no diagnosis recorded in openiop']);
    assert.deepEqual(of('treatment plan').map((l) => l.item), ['plan', 'problem 1', 'goal 1.1', 'objective 1.1.1', 'intervention 1.1.1']);
    assert.equal(of('treatment plan')[4].value, 'relapse prevention (weekly)');
    const progress = of('progress in treatment');
    assert.equal(progress.length, 1, JSON.stringify(progress));
    assert.match(progress[0].item, /^\d{4}-\d\d-\d\d group note$/);
    assert.equal(progress[0].value, X_PROGRESS);
    assert.ok(!JSON.stringify(doc).includes(Y_PROGRESS), 'no other client\'s text');
    assert.ok(!JSON.stringify(doc).includes('Urge surfing'), 'not the group\'s shared text');
    assert.ok(of('discharge summary').some((l) => l.item === 'recommendations' && l.value === 'Weekly outpatient counseling.'));
  });

  test('the probation officer is a related person, offered by name and organisation, reached only through consent', async () => {
    const list = (await clin.get(`/api/v1/clients/${x}/contacts`)).json.items;
    const po = list.find((c) => c.kind === 'probation_officer');
    assert.ok(po, JSON.stringify(list));
    assert.equal(`${po.name}, ${po.organisation}`, PO);
    assert.equal(po.kind_label, 'Probation officer');
    assert.equal(po.may_contact, true);
    // Contactable does not mean released to: still 409 without a consent.
    const r = await dir.post(`/api/v1/clients/${x}/disclosures`, { recipient: PO, information: ['attendance'], format: 'csv' });
    assertError(r, 409, 'conflict');
    assert.match(r.json.error.message, /Record the client's signed consent first/);
    // y's chart has no probation officer and x's consents do not reach y.
    const ry = await dir.post(`/api/v1/clients/${y}/disclosures`, { recipient: PO, information: ['attendance'], format: 'csv' });
    assertError(ry, 409, 'conflict');
  });
});

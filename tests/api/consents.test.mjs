// 42 CFR Part 2 consents and disclosures (issue 14, items 7 and 8): a consent
// holds every element of 2.31 and one missing is refused naming it with
// nothing written; a release of client information is refused (409 naming
// the missing coverage) without a consent valid that day covering the
// recipient and every category — none at all, another recipient, other
// information, after revocation, after expiry — and otherwise produces the
// document with the 2.32 notice and a copy of the consent, and an entry in
// the client's accounting of disclosures; who may; the audit rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, finish, auditRows, sqlite } from './helpers.mjs';

const DAY = 86400;
const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const fieldsOf = (r) => Object.keys((r.json && r.json.error && r.json.error.fields) || {}).sort();
const PO = "Judge Smith's probation office";

describe('Part 2 consents and disclosures', () => {
  let srv, now, vocab;
  const api = {};
  let client, other, clientName;
  const count = (table) => Number(sqlite(srv.db, `SELECT count(*) FROM ${table}`).trim());
  const rowsFor = (action) => auditRows(srv.db).filter((r) => r.action === action);
  const consentBody = (over = {}) => ({
    disclosing_party: 'Riverside Recovery IOP',
    information: ['drug_screens', 'demographics'],
    information_detail: 'drug screen results since admission',
    recipients: [PO, { kind: 'general' }],
    purpose: 'Report on compliance with the terms of probation',
    expires_on: day(now + 30 * DAY * 1000),
    signed_on: day(now - DAY * 1000),
    signature: 'Dana Quill',
    ...over,
  });
  const release = (who, id, over = {}) => api[who].post(`/api/v1/clients/${id}/disclosures`, {
    recipient: PO, information: ['drug_screens'], format: 'csv', ...over,
  });

  before(async () => {
    srv = await startServer({ testClock: true });
    now = await srv.advance(0);
    const users = ['admin', 'director', 'clinician', 'case_manager', 'nurse', 'front_desk', 'billing'];
    const signed = await Promise.all(users.map((u) => signIn(srv.url, u)));
    users.forEach((u, i) => { api[u] = signed[i]; });
    const a = await api.front_desk.post('/api/v1/clients', clientBody({ first_name: 'Dana' }));
    const b = await api.front_desk.post('/api/v1/clients', clientBody({ first_name: 'Eli' }));
    assert.equal(a.status, 201, a.text);
    [client, other] = [a.json.id, b.json.id];
    clientName = `${a.json.first_name} ${a.json.last_name}`;
    const cup = {};
    for (const s of ['amphetamines', 'barbiturates', 'benzodiazepines', 'buprenorphine', 'cocaine',
      'mdma', 'methadone', 'methamphetamine', 'opiates', 'oxycodone', 'pcp', 'thc']) cup[s] = 'negative';
    const ds = await api.clinician.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: new Date(now - 3600e3).toISOString().slice(0, 16) + 'Z', method: 'point_of_care',
      panel: 'cup12', results: cup,
    });
    assert.equal(ds.status, 201, ds.text);
    vocab = (await api.clinician.get('/api/v1/vocabularies/consents')).json;
  });
  after(() => finish(srv));

  test('the vocabulary carries the 2.32 notice word for word and the categories', () => {
    assert.match(vocab.notice, /^This record which has been disclosed to you is protected by Federal confidentiality rules \(42 CFR part 2\)\./);
    assert.match(vocab.notice, /civil, criminal, administrative, or legislative proceedings/);
    assert.match(vocab.notice, /A general authorization for the release of medical or other information is NOT sufficient/);
    assert.ok(vocab.information.some((c) => c.code === 'drug_screens' && c.producible));
    assert.deepEqual(vocab.formats, ['json', 'csv', 'pdf']);
  });

  test('each element of 2.31 missing is refused naming it, and nothing is written', async () => {
    const before = count('consent');
    for (const f of ['disclosing_party', 'information', 'recipients', 'purpose', 'signed_on', 'signature']) {
      const body = consentBody();
      delete body[f];
      const r = await api.clinician.post(`/api/v1/clients/${client}/consents`, body);
      assertError(r, 400, 'invalid', f);
      assert.deepEqual(fieldsOf(r), [f], r.text);
    }
    const noExpiry = consentBody();
    delete noExpiry.expires_on;
    const r1 = await api.clinician.post(`/api/v1/clients/${client}/consents`, noExpiry);
    assertError(r1, 400, 'invalid');
    assert.deepEqual(fieldsOf(r1), ['expires_on']);
    const r2 = await api.clinician.post(`/api/v1/clients/${client}/consents`, {});
    assertError(r2, 400, 'invalid');
    assert.deepEqual(fieldsOf(r2), ['disclosing_party', 'expires_on', 'information', 'purpose',
      'recipients', 'signature', 'signed_on']);
    for (const [over, field] of [
      [{ information: [] }, 'information'], [{ information: ['everything'] }, 'information'],
      [{ recipients: [] }, 'recipients'], [{ recipients: ['  '] }, 'recipients'],
      [{ recipients: [{ kind: 'court' , name: 'x' }] }, 'recipients'],
      [{ signed_on: day(now + 3 * DAY * 1000) }, 'signed_on'],
      [{ expires_on: day(now - 5 * DAY * 1000) }, 'expires_on'],
      [{ purpose: '   ' }, 'purpose'],
    ]) {
      const r = await api.clinician.post(`/api/v1/clients/${client}/consents`, consentBody(over));
      assertError(r, 400, 'invalid', JSON.stringify(over));
      assert.deepEqual(fieldsOf(r), [field], r.text);
    }
    assert.equal(count('consent'), before);
  });

  test('release without any consent is refused naming what is not covered', async () => {
    const r = await release('case_manager', other);
    assertError(r, 409, 'conflict');
    assert.match(r.json.error.message, /No consent valid on \d{4}-\d\d-\d\d covers drug screen results for Judge Smith's probation office/);
    assert.equal(count('disclosure'), 0);
  });

  let consent;
  test('a consent is recorded with the client name from the record and the right to revoke', async () => {
    const r = await api.case_manager.post(`/api/v1/clients/${client}/consents`, consentBody());
    assert.equal(r.status, 201, r.text);
    consent = r.json;
    assert.equal(consent.client_name, clientName);
    assert.equal(consent.status, 'active');
    assert.equal(consent.revoke_statement, vocab.revoke_statement);
    assert.match(consent.revoke_statement, /revoke this consent at any time/);
    assert.deepEqual(consent.recipients, [{ kind: 'named', name: PO },
      { kind: 'general', name: vocab.general_recipients }]);
    assert.deepEqual(consent.information, ['demographics', 'drug_screens']);
    const l = await api.billing.get(`/api/v1/clients/${client}/consents`);
    assert.equal(l.status, 200, l.text);
    assert.deepEqual(l.json.items.map((c) => c.id), [consent.id]);
  });

  test('a recipient or information the consent does not cover is refused', async () => {
    const r1 = await release('clinician', client, { recipient: 'County Sheriff' });
    assertError(r1, 409, 'conflict');
    assert.match(r1.json.error.message, /covers drug screen results for County Sheriff/);
    const r2 = await release('clinician', client, { information: ['drug_screens', 'medications'] });
    assertError(r2, 409, 'conflict');
    assert.match(r2.json.error.message, /medications/);
    const r3 = await release('clinician', client, { consent_id: consent.id, recipient: 'County Sheriff' });
    assertError(r3, 409, 'conflict');
    assert.match(r3.json.error.message, new RegExp(`Consent ${consent.id} does not name County Sheriff`));
    // The general wording covers treatment and payment, not a named outsider.
    const r4 = await release('clinician', other, { recipient: 'Dr. Lee', recipient_kind: 'treating_provider' });
    assertError(r4, 409, 'conflict');
    // Another client's consent is not this one's.
    const r5 = await release('clinician', other, { consent_id: consent.id });
    assertError(r5, 404, 'not_found');
    assert.equal(count('disclosure'), 0);
  });

  test('an unknown format, and information not of the vocabulary, are refused naming the field', async () => {
    for (const format of ['docx', '', 'PDF']) {
      const r = await release('clinician', client, { format });
      assertError(r, 400, 'invalid', format);
      assert.deepEqual(fieldsOf(r), ['format']);
    }
    const r = await release('clinician', client, { information: ['psychotherapy_notes'] });
    assertError(r, 400, 'invalid');
    assert.deepEqual(fieldsOf(r), ['information']);
    // Every category of the vocabulary can be produced (tests/api/releases.test.mjs).
    assert.deepEqual(vocab.information.filter((c) => !c.producible), []);
  });

  let released;
  test('a covered release: the notice, the document with the consent, the accounting entry (to whom as the consent names them)', async () => {
    const r = await release('case_manager', client, { recipient: "  judge smith's PROBATION office " });
    assert.equal(r.status, 201, r.text);
    released = r.json;
    assert.equal(released.notice, vocab.notice);
    assert.equal(released.consent_id, consent.id);
    assert.equal(released.document_url, `/api/v1/disclosures/${released.id}/document`);
    assert.equal(released.released_by_name, (await api.case_manager.get('/api/v1/me')).json.user.full_name);
    const d = await api.case_manager.get(released.document_url);
    assert.equal(d.status, 200, d.text);
    assert.match(d.headers.get('content-type'), /^text\/csv/);
    const lines = d.text.split('\r\n');
    assert.equal(lines[0], '"section","item","value"');
    assert.ok(lines[1].startsWith('"notice","42 CFR 2.32","This record which has been disclosed to you'));
    assert.ok(d.text.includes(`"consent","client's name","${clientName}"`));
    assert.ok(d.text.includes('"consent","purpose","Report on compliance with the terms of probation"'));
    assert.ok(d.text.includes('"consent","right to revoke"'));
    assert.ok(/"drug screens","\d{4}-\d\d-\d\d 12-panel cup","[^"]*cocaine=negative/.test(d.text), d.text);
    const j = await release('director', client, { format: 'json', information: ['demographics'] });
    assert.equal(j.status, 201, j.text);
    const jd = await api.director.get(j.json.document_url);
    assert.equal(jd.status, 200);
    const doc = JSON.parse(jd.text);
    assert.equal(doc.notice, vocab.notice);
    assert.ok(doc.records.some((x) => x.section === 'demographics' && x.item === 'date of birth' && x.value === '1985-03-14'));
    assert.ok(!doc.records.some((x) => x.section === 'drug screens'), 'only what was asked for');
    const acc = await api.nurse.get(`/api/v1/clients/${client}/disclosures`);
    assert.equal(acc.status, 200, acc.text);
    assert.equal(acc.json.total, 2);
    assert.deepEqual(acc.json.items.map((x) => [x.id, x.consent_id, x.recipient, x.information, x.format]), [
      [j.json.id, consent.id, PO, ['demographics'], 'json'],
      [released.id, consent.id, PO, ['drug_screens'], 'csv'],
    ].sort((a, b) => b[0] - a[0]));
    assert.ok(acc.json.items.every((x) => x.released_by_name && x.released_at && !('document' in x)));
    // PDF: a valid file (every cross-reference offset points at its object)
    // with the notice and the consent in its text.
    const p = await release('clinician', client, { format: 'pdf', information: ['drug_screens', 'demographics'] });
    assert.equal(p.status, 201, p.text);
    const pd = await api.clinician.get(p.json.document_url);
    assert.equal(pd.status, 200);
    assert.equal(pd.headers.get('content-type'), 'application/pdf');
    const pdf = pd.text;
    assert.ok(pdf.startsWith('%PDF-1.4\n') && pdf.trimEnd().endsWith('%%EOF'), pdf.slice(0, 40));
    const xref = Number(/startxref\n(\d+)\n/.exec(pdf)[1]);
    assert.ok(pdf.slice(xref).startsWith('xref\n'));
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => assert.ok(pdf.slice(o).startsWith(`${i + 1} 0 obj`), `object ${i + 1} at ${o}`));
    assert.match(pdf, /\(This record which has been disclosed to you is protected by Federal confidentiality rules\) Tj/);
    assert.match(pdf, /\(Notice \\\(42 CFR 2.32\\\)\) Tj/);
    assert.match(pdf, /\(purpose: Report on compliance with the terms of probation\) Tj/);
    assert.match(pdf, /\(date of birth: 1985-03-14\) Tj/);
    // The general wording covers a treating provider.
    const t = await release('clinician', client, { recipient: 'Dr. Lee, Lakeside Clinic', recipient_kind: 'treating_provider' });
    assert.equal(t.status, 201, t.text);
  });

  test('a drug screen entered in error is not released', async () => {
    const cup = {};
    for (const s of ['amphetamines', 'barbiturates', 'benzodiazepines', 'buprenorphine', 'cocaine',
      'mdma', 'methadone', 'methamphetamine', 'opiates', 'oxycodone', 'pcp']) cup[s] = 'negative';
    cup.thc = 'positive';
    const ds = await api.clinician.post(`/api/v1/clients/${client}/drug-screens`, {
      collected_at: new Date(now - 1800e3).toISOString().slice(0, 16) + 'Z', method: 'point_of_care',
      panel: 'cup12', results: cup,
    });
    assert.equal(ds.status, 201, ds.text);
    const doc = async () => {
      const r = await release('clinician', client);
      assert.equal(r.status, 201, r.text);
      return (await api.clinician.get(r.json.document_url)).text;
    };
    assert.match(await doc(), /thc=positive/);
    const e = await api.clinician.post(`/api/v1/drug-screens/${ds.json.id}/entered-in-error`, { reason: 'Another client\'s cup.' });
    assert.equal(e.status, 200, e.text);
    const after = await doc();
    assert.doesNotMatch(after, /thc=positive/);
    assert.match(after, /"drug screens","\d{4}-\d\d-\d\d 12-panel cup","[^"]*cocaine=negative/, 'the other screen is still released');
  });

  test('after revocation the consent covers nothing from then on', async () => {
    const bad = await api.clinician.post(`/api/v1/consents/${consent.id}/revoke`, {});
    assertError(bad, 400, 'invalid');
    assert.deepEqual(fieldsOf(bad), ['reason']);
    const r = await api.clinician.post(`/api/v1/consents/${consent.id}/revoke`, { reason: 'Client revoked it by phone' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'revoked');
    assert.equal(r.json.revoke_reason, 'Client revoked it by phone');
    assert.ok(r.json.revoked_by_name && r.json.revoked_at);
    const again = await api.clinician.post(`/api/v1/consents/${consent.id}/revoke`, { reason: 'again' });
    assertError(again, 409, 'conflict');
    const before = count('disclosure');
    const x = await release('clinician', client);
    assertError(x, 409, 'conflict');
    const y = await release('clinician', client, { consent_id: consent.id });
    assertError(y, 409, 'conflict');
    assert.match(y.json.error.message, new RegExp(`Consent ${consent.id} is revoked`));
    assert.equal(count('disclosure'), before);
    // Releases made before stay in the accounting.
    assert.equal((await api.clinician.get(`/api/v1/clients/${client}/disclosures`)).json.total, before);
  });

  test('after its expiry date the consent covers nothing', async () => {
    const c = await api.clinician.post(`/api/v1/clients/${other}/consents`, consentBody({
      recipients: [{ kind: 'organisation', name: 'Lakeside Housing' }], information: ['drug_screens'],
      expires_on: day(now + 1 * DAY * 1000),
    }));
    assert.equal(c.status, 201, c.text);
    const ok = await release('clinician', other, { recipient: 'Lakeside Housing' });
    assert.equal(ok.status, 201, ok.text);
    now = await srv.advance(3 * DAY);
    for (const u of Object.keys(api)) api[u] = await signIn(srv.url, u);
    const l = await api.clinician.get(`/api/v1/clients/${other}/consents`);
    assert.equal(l.json.items[0].status, 'expired');
    const r = await release('clinician', other, { recipient: 'Lakeside Housing' });
    assertError(r, 409, 'conflict');
    // An event-bound consent stays active until revoked.
    const ev = await api.clinician.post(`/api/v1/clients/${other}/consents`, consentBody({
      recipients: ['Lakeside Housing'], information: ['drug_screens'], expires_on: null,
      expires_event: 'discharge from the program', signed_on: day(now),
    }));
    assert.equal(ev.status, 201, ev.text);
    assert.equal(ev.json.expires_on, null);
    assert.equal((await release('clinician', other, { recipient: 'Lakeside Housing' })).status, 201);
  });

  test('who may: record and release with disclosures.release; read with the chart', async () => {
    for (const who of ['front_desk', 'nurse', 'billing']) {
      assertError(await api[who].post(`/api/v1/clients/${client}/consents`, consentBody()), 403, 'forbidden', who);
      assertError(await release(who, client), 403, 'forbidden', who);
      assertError(await api[who].post(`/api/v1/consents/${consent.id}/revoke`, { reason: 'x' }), 403, 'forbidden', who);
      assertError(await api[who].get(released.document_url), 403, 'forbidden', who);
    }
    assertError(await api.admin.get(`/api/v1/clients/${client}/consents`), 403, 'forbidden');
    assertError(await api.admin.get(`/api/v1/clients/${client}/disclosures`), 403, 'forbidden');
    const chart = await api.nurse.get(`/api/v1/clients/${client}/chart`);
    assert.equal(chart.status, 200, chart.text);
    assert.ok(Array.isArray(chart.json.consents.items) && Array.isArray(chart.json.disclosures.items), chart.text.slice(0, 300));
  });

  test('the audit rows: every read and write on the client, no content in the details', () => {
    const rec = rowsFor('consent.record');
    assert.ok(rec.some((r) => r.record_type === 'consent' && r.record_id === consent.id && r.client_id === client));
    const rv = rowsFor('consent.revoke');
    assert.equal(rv.length, 1);
    assert.equal(rv[0].client_id, client);
    const rel = rowsFor('disclosure.release').find((r) => r.record_id === released.id);
    assert.equal(rel.client_id, client);
    assert.equal(rel.record_type, 'disclosure');
    assert.equal(rel.detail, `consent=${consent.id}; format=csv`);
    const doc = rowsFor('disclosure.document_read').find((r) => r.record_id === released.id);
    assert.equal(doc.client_id, client);
    assert.ok(rowsFor('disclosure.list').some((r) => r.client_id === client));
    assert.ok(rowsFor('consent.list').some((r) => r.client_id === client));
    for (const r of auditRows(srv.db))
      assert.ok(!/probation|cocaine|negative/i.test(r.detail || ''), `${r.action}: ${r.detail}`);
  });
});

// Screening instruments: the definitions, scoring without storing (every
// instrument at its band edges, reverse scoring, the AUDIT-C sex rule, the
// C-SSRS object, BAM's list item and band words), refused answers, recording
// for a client, the alert and task a risk flag raises, and the audit rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import {
  signIn, clientBody, assertError, assertSchema, finish, sqlite, careTeam } from './helpers.mjs';

const CODES = ['phq9', 'gad7', 'audit', 'auditc', 'dast10', 'cssrs_screener', 'bam', 'ciwa_ar', 'cows'];
const ITEMS = { phq9: 9, gad7: 7, audit: 10, auditc: 3, dast10: 10, cssrs_screener: 7, bam: 17, ciwa_ar: 10, cows: 11 };
const T = true;
const F = false;
const zeros = (n) => Array(n).fill(0);
// C-SSRS answers: all no, with q3-q5 left out unless given.
const cssrs = (over = {}) => ({ q1: F, q2: F, q6_lifetime: F, q6_past_3_months: F, ...over });
// BAM: 17 answers, item 7 null, the rest 0 unless given (1-based item -> value).
const bam = (over = {}) => {
  const a = zeros(17);
  a[6] = null;
  for (const [k, v] of Object.entries(over)) a[Number(k) - 1] = v;
  return a;
};
const SUICIDE = 'suicide_risk';
const IMMEDIATE = 'immediate_evaluation';

// [code, answers, sex, total, band, flag codes]; total null: not checked here.
const EDGES = [
  // PHQ-9: minimal 0-4, mild 5-9, moderate 10-14, moderately severe 15-19, severe 20-27.
  ['phq9', zeros(9), undefined, 0, 'minimal', []],
  ['phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1], undefined, 1, 'minimal', [SUICIDE]],
  ['phq9', [3, 1, 0, 0, 0, 0, 0, 0, 0], undefined, 4, 'minimal', []],
  ['phq9', [3, 2, 0, 0, 0, 0, 0, 0, 0], undefined, 5, 'mild', []],
  ['phq9', [3, 3, 3, 0, 0, 0, 0, 0, 0], undefined, 9, 'mild', []],
  ['phq9', [3, 3, 3, 1, 0, 0, 0, 0, 0], undefined, 10, 'moderate', []],
  ['phq9', [3, 3, 3, 3, 2, 0, 0, 0, 0], undefined, 14, 'moderate', []],
  ['phq9', [3, 3, 3, 3, 3, 0, 0, 0, 0], undefined, 15, 'moderately severe', []],
  ['phq9', [3, 3, 3, 3, 3, 3, 1, 0, 0], undefined, 19, 'moderately severe', []],
  ['phq9', [3, 3, 3, 3, 3, 3, 2, 0, 0], undefined, 20, 'severe', []],
  ['phq9', Array(9).fill(3), undefined, 27, 'severe', [SUICIDE]],
  // GAD-7: minimal 0-4, mild 5-9, moderate 10-14, severe 15-21.
  ['gad7', zeros(7), undefined, 0, 'minimal', []],
  ['gad7', [3, 1, 0, 0, 0, 0, 0], undefined, 4, 'minimal', []],
  ['gad7', [3, 2, 0, 0, 0, 0, 0], undefined, 5, 'mild', []],
  ['gad7', [3, 3, 3, 0, 0, 0, 0], undefined, 9, 'mild', []],
  ['gad7', [3, 3, 3, 1, 0, 0, 0], undefined, 10, 'moderate', []],
  ['gad7', [3, 3, 3, 3, 2, 0, 0], undefined, 14, 'moderate', []],
  ['gad7', [3, 3, 3, 3, 3, 0, 0], undefined, 15, 'severe', []],
  ['gad7', Array(7).fill(3), undefined, 21, 'severe', []],
  // AUDIT zones: I 0-7, II 8-15, III 16-19, IV 20-40; items 9 and 10 take 0, 2, 4.
  ['audit', zeros(10), undefined, 0, 'I', []],
  ['audit', [4, 3, 0, 0, 0, 0, 0, 0, 0, 0], undefined, 7, 'I', []],
  ['audit', [4, 4, 0, 0, 0, 0, 0, 0, 0, 0], undefined, 8, 'II', []],
  ['audit', [0, 0, 0, 0, 0, 0, 0, 0, 4, 4], undefined, 8, 'II', []],
  ['audit', [4, 4, 4, 3, 0, 0, 0, 0, 0, 0], undefined, 15, 'II', []],
  ['audit', [4, 4, 4, 4, 0, 0, 0, 0, 0, 0], undefined, 16, 'III', []],
  ['audit', [4, 4, 4, 4, 1, 0, 0, 0, 2, 4], undefined, 23, 'IV', []],
  ['audit', [4, 4, 4, 4, 3, 0, 0, 0, 0, 0], undefined, 19, 'III', []],
  ['audit', [4, 4, 4, 4, 4, 0, 0, 0, 0, 0], undefined, 20, 'IV', []],
  ['audit', Array(10).fill(4), undefined, 40, 'IV', []],
  // AUDIT-C: positive at 4 for men, at 3 for women and anyone else.
  ['auditc', [1, 1, 1], 'female', 3, 'positive', []],
  ['auditc', [1, 1, 0], 'female', 2, 'negative', []],
  ['auditc', [1, 1, 1], 'male', 3, 'negative', []],
  ['auditc', [2, 1, 1], 'male', 4, 'positive', []],
  ['auditc', [1, 1, 1], 'intersex', 3, 'positive', []],
  ['auditc', [1, 1, 1], undefined, 3, 'positive', []],
  ['auditc', [1, 0, 1], undefined, 2, 'negative', []],
  ['auditc', [4, 4, 4], 'male', 12, 'positive', []],
  // DAST-10 (item 3 reverse-scored): none 0, low 1-2, moderate 3-5, substantial 6-8, severe 9-10.
  ['dast10', [F, F, T, F, F, F, F, F, F, F], undefined, 0, 'none', []],
  ['dast10', Array(10).fill(F), undefined, 1, 'low', []],
  ['dast10', [T, F, T, F, F, F, F, F, F, F], undefined, 1, 'low', []],
  ['dast10', [T, T, T, F, F, F, F, F, F, F], undefined, 2, 'low', []],
  ['dast10', [T, T, F, F, F, F, F, F, F, F], undefined, 3, 'moderate', []],
  ['dast10', [T, T, T, T, T, T, F, F, F, F], undefined, 5, 'moderate', []],
  ['dast10', [T, T, T, T, T, T, T, F, F, F], undefined, 6, 'substantial', []],
  ['dast10', [T, T, T, T, T, T, T, T, T, F], undefined, 8, 'substantial', []],
  ['dast10', Array(10).fill(T), undefined, 9, 'severe', []],
  ['dast10', [T, T, F, T, T, T, T, T, T, T], undefined, 10, 'severe', []],
  // C-SSRS screener: none, low (q1/q2), moderate (q3, lifetime behaviour), high (q4, q5, recent behaviour).
  ['cssrs_screener', cssrs(), undefined, null, 'none', []],
  ['cssrs_screener', cssrs({ q1: T }), undefined, null, 'low', []],
  ['cssrs_screener', cssrs({ q1: T, q2: T, q3: F, q4: F, q5: F }), undefined, null, 'low', []],
  ['cssrs_screener', cssrs({ q1: T, q2: T, q3: T, q4: F, q5: F }), undefined, null, 'moderate', []],
  ['cssrs_screener', cssrs({ q6_lifetime: T }), undefined, null, 'moderate', []],
  ['cssrs_screener', cssrs({ q1: T, q2: T, q3: F, q4: T, q5: F }), undefined, null, 'high', [IMMEDIATE]],
  ['cssrs_screener', cssrs({ q1: T, q2: T, q3: T, q4: F, q5: T }), undefined, null, 'high', [IMMEDIATE]],
  ['cssrs_screener', cssrs({ q6_lifetime: T, q6_past_3_months: T }), undefined, null, 'high', [IMMEDIATE]],
  // CIWA-Ar: minimal 0-7, moderate 8-15, severe 16+ (max 67).
  ['ciwa_ar', zeros(10), undefined, 0, 'minimal', []],
  ['ciwa_ar', [7, 0, 0, 0, 0, 0, 0, 0, 0, 0], undefined, 7, 'minimal', []],
  ['ciwa_ar', [7, 1, 0, 0, 0, 0, 0, 0, 0, 0], undefined, 8, 'moderate', []],
  ['ciwa_ar', [7, 7, 1, 0, 0, 0, 0, 0, 0, 0], undefined, 15, 'moderate', []],
  ['ciwa_ar', [7, 7, 0, 0, 0, 0, 0, 0, 0, 2], undefined, 16, 'severe', []],
  ['ciwa_ar', [7, 7, 7, 7, 7, 7, 7, 7, 7, 4], undefined, 67, 'severe', []],
  // COWS: none 0-4, mild 5-12, moderate 13-24, moderately severe 25-36, severe 37-48.
  ['cows', zeros(11), undefined, 0, 'none', []],
  ['cows', [4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], undefined, 4, 'none', []],
  ['cows', [4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], undefined, 5, 'mild', []],
  ['cows', [4, 4, 3, 1, 0, 0, 0, 0, 0, 0, 0], undefined, 12, 'mild', []],
  ['cows', [4, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0], undefined, 13, 'moderate', []],
  ['cows', [4, 4, 5, 5, 4, 2, 0, 0, 0, 0, 0], undefined, 24, 'moderate', []],
  ['cows', [4, 4, 5, 5, 4, 2, 1, 0, 0, 0, 0], undefined, 25, 'moderately severe', []],
  ['cows', [4, 4, 5, 5, 4, 4, 5, 4, 1, 0, 0], undefined, 36, 'moderately severe', []],
  ['cows', [4, 4, 5, 5, 4, 4, 5, 4, 2, 0, 0], undefined, 37, 'severe', []],
  ['cows', [4, 4, 5, 5, 4, 4, 5, 4, 4, 4, 5], undefined, 48, 'severe', []],
];

// BAM: [answers, use, risk, protective, band]; use of concern at >= 1, risk at
// >= 12, protective at <= 12; the band names each subscale of concern.
const PROTECTIVE_13 = { 9: 4, 10: 4, 12: 4, 13: 1 };
const BAM = [
  [bam({ 9: 4, 10: 4, 12: 4, 13: 4, 14: 4, 16: 4 }), 0, 0, 24, 'none'],
  [bam(PROTECTIVE_13), 0, 0, 13, 'none'],
  [bam({ 9: 4, 10: 4, 12: 4 }), 0, 0, 12, 'protective'],
  [bam({ ...PROTECTIVE_13, 4: 1 }), 1, 0, 13, 'use'],
  [bam({ ...PROTECTIVE_13, 1: 4, 2: 4, 3: 3 }), 0, 11, 13, 'none'],
  [bam({ ...PROTECTIVE_13, 1: 4, 2: 4, 3: 4 }), 0, 12, 13, 'risk'],
  [bam({ ...PROTECTIVE_13, 1: 4, 8: 4, 15: 4, 6: 2, 7: ['alcohol', 'cannabis'] }), 2, 12, 13, 'use risk'],
  [bam({ 4: 4, 5: 4, 6: 4, 1: 4, 2: 4, 3: 4, 8: 4, 11: 4, 15: 4, 7: ['opioids'] }), 12, 24, 0, 'use risk protective'],
  [bam({ 7: [] }), 0, 0, 0, 'protective'],
];

describe('instruments', () => {
  let srv;
  let clin;     // clinician: screening.read + screening.write
  let nurse;    // nurse: screening.read + screening.write, not a clinician
  let dir;      // director: audit.read
  let clinId;

  before(async () => {
    srv = await startServer();
    clin = await signIn(srv.url, 'clinician');
    nurse = await signIn(srv.url, 'nurse');
    dir = await signIn(srv.url, 'director');
    clinId = (await clin.get('/api/v1/me')).json.user.id;
    // On duty at the recorders' first site for the run: alert tasks are theirs.
    const iso = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
    const shift = await dir.post('/api/v1/sites/1/duty', { staff_id: clinId, starts_at: iso(Date.now()), ends_at: iso(Date.now() + 6 * 86400e3) });
    assert.equal(shift.status, 201, shift.text);
  });
  after(() => finish(srv));

  const score = (code, body) => clin.post(`/api/v1/instruments/${code}/score`, body);
  const screeningCount = () => Number(sqlite(srv.db, 'SELECT count(*) FROM screening').trim());
  const newClient = async () => {
    const r = await clin.post('/api/v1/clients', clientBody());
    assert.equal(r.status, 201, r.text);
    // The nurse records screenings of these clients too.
    await careTeam(srv.url, r.json.id, 'nurse');
    return r.json;
  };

  describe('definitions', () => {
    test('GET /instruments lists exactly the nine instruments, in order, each with numbered items and their answers', async () => {
      const r = await clin.get('/api/v1/instruments');
      assert.equal(r.status, 200, r.text);
      assertSchema('InstrumentSet', r.json);
      assert.deepEqual(r.json.items.map((i) => i.code), CODES);
      for (const ins of r.json.items) {
        assert.ok(ins.name && ins.version, `${ins.code} name and version`);
        assert.equal(ins.items.length, ITEMS[ins.code], `${ins.code} item count`);
        ins.items.forEach((it, i) => {
          assert.equal(it.number, i + 1, `${ins.code} item ${i + 1} number`);
          assert.ok(it.text.length > 0, `${ins.code} item ${i + 1} text`);
          if (ins.code === 'bam' && it.number === 7) assert.deepEqual(it.answers, [], 'BAM item 7 is free text');
          else assert.ok(it.answers.length >= 2, `${ins.code} item ${it.number} answers`);
          for (const a of it.answers) assert.ok(a.label.length > 0, `${ins.code} item ${it.number} answer label`);
        });
      }
      const by = Object.fromEntries(r.json.items.map((i) => [i.code, i]));
      const values = (code, n) => by[code].items[n - 1].answers.map((a) => a.value);
      for (let n = 1; n <= 9; n++) assert.deepEqual(values('phq9', n), [0, 1, 2, 3], `phq9 item ${n}`);
      for (let n = 1; n <= 7; n++) assert.deepEqual(values('gad7', n), [0, 1, 2, 3], `gad7 item ${n}`);
      for (let n = 1; n <= 8; n++) assert.deepEqual(values('audit', n), [0, 1, 2, 3, 4], `audit item ${n}`);
      assert.deepEqual(values('audit', 9), [0, 2, 4]);
      assert.deepEqual(values('audit', 10), [0, 2, 4]);
      for (let n = 1; n <= 3; n++) assert.deepEqual(values('auditc', n), [0, 1, 2, 3, 4], `auditc item ${n}`);
      for (let n = 1; n <= 10; n++) assert.deepEqual(values('dast10', n), [false, true], `dast10 item ${n}`);
      for (let n = 1; n <= 7; n++) assert.deepEqual(values('cssrs_screener', n), [false, true], `cssrs item ${n}`);
      assert.deepEqual(by.cssrs_screener.items.map((i) => i.key),
        ['q1', 'q2', 'q3', 'q4', 'q5', 'q6_lifetime', 'q6_past_3_months']);
      assert.deepEqual(values('bam', 14), [0, 4]);
      assert.deepEqual(values('ciwa_ar', 1), [0, 1, 2, 3, 4, 5, 6, 7]);
      assert.deepEqual(values('ciwa_ar', 10), [0, 1, 2, 3, 4]);
      assert.deepEqual(values('cows', 1), [0, 1, 2, 4]);
      assert.deepEqual(values('cows', 11), [0, 3, 5]);
    });
  });

  describe('scoring without storing', () => {
    test('every instrument at its band edges: total, band and flags', async () => {
      const before = screeningCount();
      const failures = [];
      const versions = Object.fromEntries((await clin.get('/api/v1/instruments')).json.items.map((i) => [i.code, i.version]));
      for (const [code, answers, sex, total, band, flags] of EDGES) {
        const body = sex === undefined ? { answers } : { answers, sex };
        const r = await score(code, body);
        const what = `${code} ${JSON.stringify(body)}`;
        if (r.status !== 200) { failures.push(`${what}: ${r.status} ${r.text}`); continue; }
        const p = [];
        if (r.json.code !== code) p.push(`code ${r.json.code}`);
        if (r.json.version !== versions[code]) p.push(`version ${r.json.version}`);
        if (total !== null && r.json.scores?.total !== total) p.push(`total ${r.json.scores?.total} (want ${total})`);
        if (r.json.band !== band) p.push(`band ${JSON.stringify(r.json.band)} (want ${JSON.stringify(band)})`);
        const got = (r.json.flags || []).map((f) => f.code);
        if (JSON.stringify(got) !== JSON.stringify(flags)) p.push(`flags ${JSON.stringify(got)} (want ${JSON.stringify(flags)})`);
        if (p.length) failures.push(`${what}: ${p.join(', ')}`);
        else assertSchema('ScoreResult', r.json, what);
      }
      assert.deepEqual(failures, []);
      assert.equal(screeningCount(), before, 'scoring stores nothing');
    });

    test('PHQ-9 item 9 above zero flags suicide risk with a message', async () => {
      const r = await score('phq9', { answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.scores, { total: 1 });
      assert.equal(r.json.band, 'minimal');
      assert.equal(r.json.flags.length, 1);
      assert.equal(r.json.flags[0].code, 'suicide_risk');
      assert.ok(r.json.flags[0].message.length > 10, 'a message for people');
    });

    test('BAM scores use, risk and protective (no total), band words for the subscales of concern, item 7 a list or null', async () => {
      const failures = [];
      for (const [answers, use, risk, protective, band] of BAM) {
        const r = await score('bam', { answers });
        if (r.status !== 200) { failures.push(`${JSON.stringify(answers)}: ${r.status} ${r.text}`); continue; }
        assertSchema('ScoreResult', r.json);
        if (JSON.stringify(r.json.scores) !== JSON.stringify({ use, risk, protective }) || r.json.band !== band || r.json.flags.length)
          failures.push(`${JSON.stringify(answers)}: ${JSON.stringify(r.json)} (want use ${use} risk ${risk} protective ${protective} band ${band})`);
      }
      assert.deepEqual(failures, []);
    });

    test('C-SSRS: q3-q5 may be left out only when q2 is no', async () => {
      const ok = await score('cssrs_screener', { answers: cssrs({ q1: T }) });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.band, 'low');
      const r = await score('cssrs_screener', { answers: cssrs({ q1: T, q2: T }) });
      assertError(r, 400, 'invalid', 'q2 yes without q3-q5');
      assert.deepEqual(Object.keys(r.json.error.fields).sort(), ['item_3', 'item_4', 'item_5']);
      const some = await score('cssrs_screener', { answers: cssrs({ q1: T, q2: T, q3: F, q5: F }) });
      assertError(some, 400, 'invalid', 'q2 yes without q4');
      assert.deepEqual(Object.keys(some.json.error.fields), ['item_4']);
    });

    // [what, code, body, fields named]
    const REFUSED = [
      ['a missing answer', 'phq9', { answers: zeros(8) }, ['item_9']],
      ['no answers at all', 'gad7', { answers: [] }, ['item_1', 'item_2', 'item_3', 'item_4', 'item_5', 'item_6', 'item_7']],
      ['an extra answer', 'phq9', { answers: zeros(10) }, ['item_10']],
      ['two extra answers', 'auditc', { answers: zeros(5) }, ['item_4', 'item_5']],
      ['an out-of-range answer', 'phq9', { answers: [0, 4, 0, 0, 0, 0, 0, 0, 0] }, ['item_2']],
      ['a negative answer', 'gad7', { answers: [0, 0, 0, -1, 0, 0, 0] }, ['item_4']],
      ['AUDIT items 9 and 10 take 0, 2 or 4 only', 'audit', { answers: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1] }, ['item_9', 'item_10']],
      ['AUDIT item 10 at 3', 'audit', { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0, 3] }, ['item_10']],
      ['a string for a rated item', 'phq9', { answers: ['1', 0, 0, 0, 0, 0, 0, 0, 0] }, ['item_1']],
      ['a fraction for a rated item', 'phq9', { answers: [0, 0, 1.5, 0, 0, 0, 0, 0, 0] }, ['item_3']],
      ['a boolean for a rated item', 'gad7', { answers: [0, 0, 0, 0, 0, 0, true] }, ['item_7']],
      ['null for a rated item', 'ciwa_ar', { answers: [0, 0, 0, 0, null, 0, 0, 0, 0, 0] }, ['item_5']],
      ['a number for a yes/no item', 'dast10', { answers: [F, F, 1, F, F, F, F, F, F, F] }, ['item_3']],
      ['a DAST-10 answer missing', 'dast10', { answers: Array(9).fill(F) }, ['item_10']],
      ['CIWA-Ar item 1 at 8', 'ciwa_ar', { answers: [8, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, ['item_1']],
      ['CIWA-Ar item 10 at 5', 'ciwa_ar', { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0, 5] }, ['item_10']],
      ['COWS item 1 at 3 (not an allowed value)', 'cows', { answers: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, ['item_1']],
      ['COWS item 11 at 1', 'cows', { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] }, ['item_11']],
      ['BAM item 7 a number', 'bam', { answers: bam({ 7: 3 }) }, ['item_7']],
      ['BAM item 7 a list of numbers', 'bam', { answers: bam({ 7: [1, 2] }) }, ['item_7']],
      ['BAM item 14 at 2', 'bam', { answers: bam({ 14: 2 }) }, ['item_14']],
      ['BAM item 1 null', 'bam', { answers: bam({ 1: null }) }, ['item_1']],
      ['C-SSRS q1 left out', 'cssrs_screener', { answers: { q2: F, q6_lifetime: F, q6_past_3_months: F } }, ['item_1']],
      ['C-SSRS q6 (past 3 months) not a boolean', 'cssrs_screener', { answers: cssrs({ q6_past_3_months: 'no' }) }, ['item_7']],
      ['C-SSRS an unknown key', 'cssrs_screener', { answers: cssrs({ q7: T }) }, ['item_8']],
    ];

    test('a missing, extra, out-of-range or wrong-kind answer answers 400 naming item_N', async () => {
      const failures = [];
      for (const [what, code, body, fields] of REFUSED) {
        const r = await score(code, body);
        const got = Object.keys(r.json?.error?.fields || {}).sort();
        if (r.status !== 400 || r.json?.error?.code !== 'invalid' || JSON.stringify(got) !== JSON.stringify([...fields].sort()))
          failures.push(`${what} (${code}): expected 400 invalid fields ${fields}, got ${r.status} ${r.text}`);
      }
      assert.deepEqual(failures, []);
    });

    test('answers of the wrong shape, unknown fields and bodies that are not JSON are refused', async () => {
      for (const [code, body, field] of [
        ['phq9', {}, 'answers'],
        ['phq9', { answers: { q1: 0 } }, 'answers'],
        ['phq9', { answers: 'none' }, 'answers'],
        ['cssrs_screener', { answers: [F, F, F, F, F, F, F] }, 'answers'],
        ['phq9', { answers: zeros(9), note: 'x' }, 'note'],
        ['phq9', { answers: zeros(9), code: 'phq9' }, 'code'],
        ['auditc', { answers: [1, 1, 1], sex: 1 }, 'sex'],
      ]) {
        const r = await score(code, body);
        assertError(r, 400, 'invalid', `${code} ${JSON.stringify(body)}`);
        assert.ok(r.json.error.fields?.[field], `fields.${field}: ${r.text}`);
      }
      for (const raw of ['{"answers":', '[0,0,0]', 'null', '']) {
        assertError(await clin.req('POST', '/api/v1/instruments/phq9/score', raw), 400, 'malformed', `body ${JSON.stringify(raw)}`);
      }
    });

    test('an unknown instrument code answers 404', async () => {
      for (const code of ['phq8', 'PHQ9', 'phq-9', 'x'.repeat(40)])
        assertError(await score(code, { answers: zeros(9) }), 404, 'not_found', code);
    });
  });

  describe('recording for a client', () => {
    test('answers 201 with the answers as given, the version, scores, band and flags, and lists it', async () => {
      const c = await newClient();
      const r = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'gad7', answers: [3, 3, 3, 1, 0, 0, 0] });
      assert.equal(r.status, 201, r.text);
      assertSchema('Screening', r.json);
      const s = r.json;
      assert.equal(s.client_id, c.id);
      assert.equal(s.code, 'gad7');
      assert.equal(s.version, 'GAD-7 (2006)');
      assert.deepEqual(s.answers, [3, 3, 3, 1, 0, 0, 0]);
      assert.deepEqual(s.scores, { total: 10 });
      assert.equal(s.band, 'moderate');
      assert.deepEqual(s.flags, []);
      assert.equal(s.administered_by, 'clinician');
      assert.equal(s.administered_by_id, clinId);
      assert.ok(Math.abs(Date.parse(s.administered_at) - Date.now()) < 5 * 60e3, 'administered_at is now');
      const list = await clin.get(`/api/v1/clients/${c.id}/instruments`);
      assert.equal(list.status, 200, list.text);
      assertSchema('ScreeningList', list.json);
      assert.deepEqual(list.json, { items: [s], total: 1 });
    });

    test('the C-SSRS object, BAM list and AUDIT-C sex are kept as given', async () => {
      const c = await newClient();
      const cs = cssrs({ q1: T });
      const a = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'cssrs_screener', answers: cs });
      assert.equal(a.status, 201, a.text);
      assert.deepEqual(a.json.answers, cs);
      assert.equal(a.json.band, 'low');
      const answers = bam({ 4: 1, 7: ['alcohol', 'cannabis'] });
      const b = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'bam', answers });
      assert.equal(b.status, 201, b.text);
      assert.deepEqual(b.json.answers, answers);
      assert.deepEqual(b.json.scores, { use: 1, risk: 0, protective: 0 });
      assert.equal(b.json.band, 'use protective');
      const f = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'auditc', answers: [1, 1, 1], sex: 'female' });
      assert.equal(f.status, 201, f.text);
      assert.equal(f.json.band, 'positive');
      const m = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'auditc', answers: [1, 1, 1], sex: 'male' });
      assert.equal(m.json.band, 'negative');
    });

    test('GET lists a client\'s screenings newest first, with paging', async () => {
      const c = await newClient();
      const made = [];
      for (const [code, answers] of [['phq9', zeros(9)], ['gad7', zeros(7)], ['ciwa_ar', zeros(10)]]) {
        const r = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code, answers });
        assert.equal(r.status, 201, r.text);
        made.push(r.json);
      }
      const list = await clin.get(`/api/v1/clients/${c.id}/instruments`);
      assert.equal(list.status, 200, list.text);
      assert.equal(list.json.total, 3);
      assert.deepEqual(list.json.items.map((s) => s.id), made.map((s) => s.id).reverse());
      assert.deepEqual(list.json.items.map((s) => s.code), ['ciwa_ar', 'gad7', 'phq9']);
      const page = await clin.get(`/api/v1/clients/${c.id}/instruments?limit=1&offset=1`);
      assert.equal(page.status, 200, page.text);
      assert.deepEqual(page.json.items.map((s) => s.id), [made[1].id]);
      assert.equal(page.json.total, 3);
      const other = await newClient();
      assert.deepEqual((await clin.get(`/api/v1/clients/${other.id}/instruments`)).json, { items: [], total: 0 });
      const bad = await clin.get(`/api/v1/clients/${c.id}/instruments?limit=0`);
      assertError(bad, 400, 'invalid');
      assert.ok(bad.json.error.fields?.limit, bad.text);
    });

    test('refused answers, an unknown or missing code, and an unknown client store nothing', async () => {
      const c = await newClient();
      const before = screeningCount();
      for (const [body, field] of [
        [{ code: 'phq9', answers: zeros(8) }, 'item_9'],
        [{ code: 'phq9', answers: zeros(10) }, 'item_10'],
        [{ code: 'audit', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0] }, 'item_9'],
        [{ code: 'dast10', answers: [...Array(9).fill(F), 'yes'] }, 'item_10'],
        [{ code: 'cssrs_screener', answers: cssrs({ q2: T }) }, 'item_3'],
        [{ code: 'nope', answers: zeros(9) }, 'code'],
        [{ code: 'PHQ9', answers: zeros(9) }, 'code'],
        [{ answers: zeros(9) }, 'code'],
        [{ code: 9, answers: zeros(9) }, 'code'],
        [{ code: 'phq9', answers: zeros(9), when: 'today' }, 'when'],
      ]) {
        const r = await clin.post(`/api/v1/clients/${c.id}/instruments`, body);
        assertError(r, 400, 'invalid', JSON.stringify(body));
        assert.ok(r.json.error.fields?.[field], `fields.${field}: ${r.text}`);
      }
      for (const id of ['999999999', 'abc', '0']) {
        assertError(await clin.post(`/api/v1/clients/${id}/instruments`, { code: 'phq9', answers: zeros(9) }), 404, 'not_found', `POST client ${id}`);
        assertError(await clin.get(`/api/v1/clients/${id}/instruments`), 404, 'not_found', `GET client ${id}`);
      }
      assert.equal(screeningCount(), before, 'nothing stored');
      assert.deepEqual((await clin.get(`/api/v1/clients/${c.id}/instruments`)).json, { items: [], total: 0 });
    });
  });

  describe('risk flags', () => {
    const alertsFor = (client) => sqlite(srv.db, `SELECT * FROM alert WHERE client_id = ${Number(client)} ORDER BY id`, { json: true });
    const tasksFor = (client) => sqlite(srv.db, `SELECT * FROM task WHERE client_id = ${Number(client)} ORDER BY id`, { json: true });

    test('PHQ-9 item 9 above zero raises an open alert on the client and a task for the recording clinician', async () => {
      const c = await newClient();
      const r = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 2] });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.json.flags.map((f) => f.code), ['suicide_risk']);
      const alerts = alertsFor(c.id);
      assert.equal(alerts.length, 1, JSON.stringify(alerts));
      assert.equal(alerts[0].kind, 'suicide_risk');
      assert.equal(alerts[0].source_type, 'screening');
      assert.equal(alerts[0].source_id, r.json.id);
      assert.equal(alerts[0].resolved_at, 0, 'open');
      const tasks = tasksFor(c.id);
      assert.equal(tasks.length, 1, JSON.stringify(tasks));
      assert.equal(tasks[0].alert_id, alerts[0].id);
      assert.equal(tasks[0].assigned_to, clinId, 'the clinician who recorded it, on duty');
      assert.equal(tasks[0].done_at, 0, 'open');
    });

    test('C-SSRS high risk recorded by a nurse raises an alert and a task for a clinician', async () => {
      const c = await newClient();
      const r = await nurse.post(`/api/v1/clients/${c.id}/instruments`, { code: 'cssrs_screener', answers: cssrs({ q1: T, q2: T, q3: T, q4: T, q5: F }) });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.band, 'high');
      assert.deepEqual(r.json.flags.map((f) => f.code), ['immediate_evaluation']);
      const alerts = alertsFor(c.id);
      assert.deepEqual(alerts.map((a) => [a.kind, a.source_id]), [['immediate_evaluation', r.json.id]]);
      const tasks = tasksFor(c.id);
      assert.equal(tasks.length, 1, JSON.stringify(tasks));
      assert.equal(tasks[0].alert_id, alerts[0].id);
      const staff = await dir.get(`/api/v1/staff/${tasks[0].assigned_to}`);
      assert.equal(staff.status, 200, staff.text);
      assert.ok(staff.json.roles.includes('clinician'), `task assigned to a clinician: ${staff.text}`);
      assert.equal(staff.json.active, true);
    });

    test('results without a risk flag raise nothing; scoring a risk without recording raises nothing', async () => {
      const c = await newClient();
      assert.equal((await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'phq9', answers: Array(8).fill(3).concat([0]) })).status, 201);
      assert.equal((await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'cssrs_screener', answers: cssrs({ q6_lifetime: T }) })).status, 201);
      const alertsBefore = Number(sqlite(srv.db, 'SELECT count(*) FROM alert').trim());
      const tasksBefore = Number(sqlite(srv.db, 'SELECT count(*) FROM task').trim());
      assert.equal((await score('phq9', { answers: Array(9).fill(3) })).status, 200);
      assert.equal((await score('cssrs_screener', { answers: cssrs({ q6_past_3_months: T }) })).status, 200);
      assert.deepEqual(alertsFor(c.id), []);
      assert.deepEqual(tasksFor(c.id), []);
      assert.equal(Number(sqlite(srv.db, 'SELECT count(*) FROM alert').trim()), alertsBefore);
      assert.equal(Number(sqlite(srv.db, 'SELECT count(*) FROM task').trim()), tasksBefore);
    });
  });

  describe('audit', () => {
    test('recording and listing write screening.record and screening.list rows on the client\'s trail', async () => {
      const c = await newClient();
      const r = await clin.post(`/api/v1/clients/${c.id}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] });
      assert.equal(r.status, 201, r.text);
      const plain = await nurse.post(`/api/v1/clients/${c.id}/instruments`, { code: 'gad7', answers: zeros(7) });
      assert.equal(plain.status, 201, plain.text);
      assert.equal((await nurse.get(`/api/v1/clients/${c.id}/instruments`)).status, 200);
      const trail = await dir.get(`/api/v1/clients/${c.id}/audit?limit=200`);
      assert.equal(trail.status, 200, trail.text);
      const rows = trail.json.items;
      const rec = rows.filter((x) => x.action === 'screening.record');
      assert.equal(rec.length, 2, JSON.stringify(rows));
      const risky = rec.find((x) => x.record_id === r.json.id);
      assert.ok(risky, 'a row for the PHQ-9');
      assert.deepEqual([risky.username, risky.record_type, risky.client_id], ['clinician', 'screening', c.id]);
      assert.match(risky.detail, /\b1 alert\(s\) raised/);
      const calm = rec.find((x) => x.record_id === plain.json.id);
      assert.ok(calm && calm.username === 'nurse', 'a row for the GAD-7 by the nurse');
      assert.doesNotMatch(calm.detail, /[1-9] alert/);
      const listed = rows.find((x) => x.action === 'screening.list');
      assert.ok(listed, 'a screening.list row');
      assert.deepEqual([listed.username, listed.client_id], ['nurse', c.id]);
    });
  });
});

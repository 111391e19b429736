// The six-dimension level-of-care placement: the table (levels, the least
// intensive level each rating implies, the forcing flags) as docs/domain.md gives
// it; recommendations that take the most intensive implied level, never an
// average; validation of ratings and flags; recording the level chosen, with
// a reason when it differs; the list; who may; the audit rows.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import {
  signIn, clientBody, assertError, assertSchema, assertPages, finish, auditRows, careTeam } from './helpers.mjs';

const LEVELS = ['0.5', '1', '2.1', '2.5', '3.1', '3.3', '3.5', '3.7', '4'];
const DIMS = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];
// docs/domain.md, "The default table": the least intensive level for ratings 0..4.
const TABLE = {
  d1: ['1', '1', '2.1', '3.7', '4'],
  d2: ['1', '1', '2.1', '3.7', '4'],
  d3: ['1', '1', '2.1', '2.5', '4'],
  d4: ['1', '1', '1', '2.1', '2.1'],
  d5: ['1', '1', '2.1', '2.5', '3.5'],
  d6: ['1', '1', '2.1', '2.5', '3.5'],
};
const FLAGS = { withdrawal_medical: '3.7', supervision_24h: '3.5', acute_risk: '4', unstable_cooccurring: '2.5' };
const rank = (code) => LEVELS.indexOf(code);
const zeros = () => ({ d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 });

describe('placement', () => {
  let srv;
  let anon;
  let clin;     // clinician: screening.read and screening.write
  let cm;       // case_manager: screening.read only
  let desk;     // front_desk: neither
  let dir;      // director: audit.read
  let table;
  let clinId;

  before(async () => {
    srv = await startServer();
    anon = new Api(srv.url);
    [clin, cm, desk, dir] = await Promise.all(['clinician', 'case_manager', 'front_desk', 'director'].map((u) => signIn(srv.url, u)));
    clinId = (await clin.get('/api/v1/me')).json.user.id;
    const t = await clin.get('/api/v1/placement/table');
    assert.equal(t.status, 200, t.text);
    table = t.json;
  });
  after(() => finish(srv));

  const newClient = async () => {
    const r = await dir.post('/api/v1/clients', clientBody());
    assert.equal(r.status, 201, r.text);
    await careTeam(srv.url, r.json.id);
    return r.json.id;
  };
  const recommend = async (body, api = clin) => {
    const r = await api.post('/api/v1/placement/recommend', body);
    assert.equal(r.status, 200, `${JSON.stringify(body)}: ${r.text}`);
    assertSchema('PlacementRecommendation', r.json);
    return r.json;
  };
  const levelName = (code) => table.levels.find((l) => l.code === code).name;

  describe('the table', () => {
    test('lists the nine levels by intensity, six dimensions of five ratings and four flags', () => {
      assertSchema('PlacementTable', table);
      assert.ok(table.edition.length > 0, 'an edition');
      assert.deepEqual(table.levels.map((l) => l.code), LEVELS);
      for (let i = 1; i < table.levels.length; i++) assert.ok(table.levels[i].rank > table.levels[i - 1].rank, 'ranks rise');
      assert.ok(table.levels.every((l) => l.name.length > 0), 'each level named');
      assert.deepEqual(table.dimensions.map((d) => d.code), DIMS);
      for (const d of table.dimensions) {
        assert.ok(d.name.length > 0, `${d.code} named`);
        assert.deepEqual(d.ratings.map((r) => r.rating), [0, 1, 2, 3, 4], d.code);
        assert.deepEqual(d.ratings.map((r) => r.word), ['none', 'mild', 'moderate', 'serious', 'severe'], d.code);
        assert.deepEqual(d.ratings.map((r) => r.min_level), TABLE[d.code], `${d.code}: the levels of docs/domain.md`);
      }
      assert.deepEqual(Object.fromEntries(table.flags.map((f) => [f.code, f.min_level])), FLAGS);
      assert.deepEqual(table.flags.filter((f) => f.safety_response).map((f) => f.code), ['acute_risk']);
      assert.ok(table.flags.every((f) => f.label.length > 0), 'each flag labelled');
    });

    test('the built-in default is in force: version 0, no one saved it, its one remark', () => {
      assert.deepEqual([table.version, table.is_default, table.saved_by, table.saved_at], [0, true, null, null]);
      for (const d of table.dimensions)
        for (const r of d.ratings)
          assert.equal(r.remark.length > 0, d.code === 'd1' && r.rating === 2, `${d.code}.${r.rating} remark ${JSON.stringify(r.remark)}`);
    });
  });

  describe('recommend', () => {
    test('all dimensions at 0 and no flag: outpatient (1), with the one reason that no dimension calls for more', async () => {
      const r = await recommend({ ratings: zeros() });
      assert.deepEqual([r.recommended, r.recommended_name, r.safety_response, r.edition, r.table_version],
        ['1', levelName('1'), false, table.edition, 0]);
      assert.equal(r.reasons.length, 1, JSON.stringify(r.reasons));
      assert.match(r.reasons[0], /no dimension/i);
    });

    test('each flag forces at least its level; acute risk also calls for a safety response', async () => {
      for (const [flag, level] of Object.entries(FLAGS)) {
        const r = await recommend({ ratings: zeros(), flags: [flag] });
        const label = table.flags.find((f) => f.code === flag).label;
        assert.equal(r.recommended, level, flag);
        assert.equal(r.recommended_name, levelName(level), flag);
        assert.equal(r.safety_response, flag === 'acute_risk', `${flag} safety_response`);
        assert.ok(r.reasons.some((x) => x.toLowerCase().includes(label.toLowerCase())), `${flag}: a reason names "${label}": ${r.reasons}`);
      }
    });

    test('each single rating implies its cell of the table', async () => {
      for (const d of DIMS) {
        for (let rating = 0; rating <= 4; rating++) {
          const r = await recommend({ ratings: { ...zeros(), [d]: rating } });
          assert.equal(r.recommended, TABLE[d][rating], `${d}=${rating}`);
          assert.equal(r.safety_response, false);
        }
      }
    });

    test('the most intensive implied level wins: never an average', async () => {
      const r = await recommend({ ratings: { ...zeros(), d6: 3 } });
      assert.equal(r.recommended, '2.5', 'd6=3 alone gives 2.5 although the other five are 0');
      const dim6 = table.dimensions.find((d) => d.code === 'd6').name;
      assert.ok(r.reasons.some((x) => x.toLowerCase().includes(dim6.toLowerCase())), `a reason names "${dim6}": ${r.reasons}`);
      assert.equal((await recommend({ ratings: { d1: 2, d2: 1, d3: 0, d4: 4, d5: 1, d6: 3 } })).recommended, '2.5');
      assert.equal((await recommend({ ratings: { d1: 1, d2: 1, d3: 1, d4: 1, d5: 1, d6: 4 } })).recommended, '3.5');
      assert.equal((await recommend({ ratings: { d1: 2, d2: 2, d3: 2, d4: 2, d5: 2, d6: 2 } })).recommended, '2.1');
      // A flag below what the ratings imply lowers nothing, and the reverse.
      assert.equal((await recommend({ ratings: { ...zeros(), d1: 4 }, flags: ['unstable_cooccurring'] })).recommended, '4');
      assert.equal((await recommend({ ratings: { ...zeros(), d5: 2 }, flags: ['supervision_24h'] })).recommended, '3.5');
      const many = await recommend({ ratings: { ...zeros(), d3: 3 }, flags: ['supervision_24h', 'withdrawal_medical'] });
      assert.equal(many.recommended, '3.7');
      for (const body of [{ ratings: { d1: 3, d2: 0, d3: 2, d4: 3, d5: 4, d6: 1 } }, { ratings: { d1: 0, d2: 3, d3: 4, d4: 0, d5: 0, d6: 0 }, flags: ['withdrawal_medical'] }]) {
        const want = [...DIMS.map((d) => TABLE[d][body.ratings[d]]), ...(body.flags || []).map((f) => FLAGS[f])]
          .reduce((a, b) => (rank(b) > rank(a) ? b : a));
        assert.equal((await recommend(body)).recommended, want, JSON.stringify(body));
      }
    });

    test('notes are accepted and change nothing', async () => {
      const r = await recommend({ ratings: { ...zeros(), d2: 2 }, notes: { d2: 'Hypertension, managed.' } });
      assert.equal(r.recommended, '2.1');
    });

    test('a rating out of 0..4, not a whole number or missing answers 400 naming ratings.dN', async () => {
      for (const [what, ratings, field] of [
        ['5', { ...zeros(), d1: 5 }, 'ratings.d1'], ['-1', { ...zeros(), d2: -1 }, 'ratings.d2'],
        ['a string', { ...zeros(), d3: '2' }, 'ratings.d3'], ['a fraction', { ...zeros(), d4: 1.5 }, 'ratings.d4'],
        ['null', { ...zeros(), d5: null }, 'ratings.d5'],
        ['missing', (({ d6, ...rest }) => rest)(zeros()), 'ratings.d6'],
      ]) {
        const r = await clin.post('/api/v1/placement/recommend', { ratings });
        assertError(r, 400, 'invalid', what);
        assert.ok(r.json.error.fields?.[field], `${what}: fields.${field} in ${r.text}`);
      }
      const none = await clin.post('/api/v1/placement/recommend', {});
      assertError(none, 400, 'invalid', 'no ratings');
      assert.ok(Object.keys(none.json.error.fields || {}).some((k) => k.startsWith('ratings')), none.text);
      const extra = await clin.post('/api/v1/placement/recommend', { ratings: { ...zeros(), d7: 1 } });
      assertError(extra, 400, 'invalid', 'a seventh dimension');
      const flag = await clin.post('/api/v1/placement/recommend', { ratings: zeros(), flags: ['needs_hug'] });
      assertError(flag, 400, 'invalid', 'unknown flag');
      assert.ok(flag.json.error.fields?.flags, flag.text);
      assertError(await clin.post('/api/v1/placement/recommend', { ratings: zeros(), flags: 'acute_risk' }), 400, 'invalid', 'flags not a list');
      assertError(await clin.post('/api/v1/placement/recommend', { ratings: zeros(), level: '1' }), 400, 'invalid', 'unknown field');
      const note = await clin.post('/api/v1/placement/recommend', { ratings: zeros(), notes: { d1: 'x'.repeat(1001) } });
      assertError(note, 400, 'invalid', 'a note over 1000 characters');
      assert.ok(note.json.error.fields?.['notes.d1'], note.text);
      assertError(await clin.req('POST', '/api/v1/placement/recommend', '[1,2]'), 400, 'malformed');
    });
  });

  describe('record', () => {
    let client;
    const made = [];

    test('the recommended level chosen: 201, differs false, no override reason', async () => {
      client = await newClient();
      const ratings = { d1: 1, d2: 0, d3: 2, d4: 3, d5: 2, d6: 1 };
      const r = await clin.post(`/api/v1/clients/${client}/placements`, { ratings, notes: { d3: 'Low mood, no plan.' }, chosen_level: '2.1' });
      assert.equal(r.status, 201, r.text);
      assertSchema('Placement', r.json);
      const p = r.json;
      assert.deepEqual([p.client_id, p.recommended, p.chosen_level, p.differs, p.override_reason, p.edition, p.table_version],
        [client, '2.1', '2.1', false, '', table.edition, 0]);
      assert.deepEqual(p.ratings, ratings);
      assert.equal(p.notes.d3, 'Low mood, no plan.');
      assert.deepEqual(p.flags, []);
      assert.ok(p.reasons.length > 0);
      assert.deepEqual([p.assessed_by, p.assessed_by_id], ['clinician', clinId]);
      assert.ok(p.assessed_at);
      made.push(p);
    });

    test('a different level without a reason answers 400 naming override_reason; nothing is stored', async () => {
      for (const body of [{ ratings: zeros(), chosen_level: '2.1' }, { ratings: zeros(), chosen_level: '2.1', override_reason: '' }]) {
        const r = await clin.post(`/api/v1/clients/${client}/placements`, body);
        assertError(r, 400, 'invalid', JSON.stringify(body));
        assert.ok(r.json.error.fields?.override_reason, r.text);
      }
      const long = await clin.post(`/api/v1/clients/${client}/placements`, { ratings: zeros(), chosen_level: '2.1', override_reason: 'x'.repeat(501) });
      assertError(long, 400, 'invalid', 'a reason over 500 characters');
      assert.ok(long.json.error.fields?.override_reason, long.text);
      assert.equal((await clin.get(`/api/v1/clients/${client}/placements`)).json.total, 1, 'still one placement');
    });

    test('a different level with a reason: 201, differs true, the reason kept', async () => {
      const r = await clin.post(`/api/v1/clients/${client}/placements`, {
        ratings: { ...zeros(), d6: 3 }, flags: ['unstable_cooccurring'], chosen_level: '2.1',
        override_reason: 'Client preference; no PHP slot this week.\nReview in 7 days.',
      });
      assert.equal(r.status, 201, r.text);
      assertSchema('Placement', r.json);
      assert.deepEqual([r.json.recommended, r.json.chosen_level, r.json.differs, r.json.override_reason],
        ['2.5', '2.1', true, 'Client preference; no PHP slot this week.\nReview in 7 days.']);
      assert.deepEqual(r.json.flags, ['unstable_cooccurring']);
      made.push(r.json);
    });

    test('a more intensive level than recommended also needs a reason', async () => {
      const bad = await clin.post(`/api/v1/clients/${client}/placements`, { ratings: zeros(), chosen_level: '2.5' });
      assertError(bad, 400, 'invalid');
      assert.ok(bad.json.error.fields?.override_reason, bad.text);
      const r = await clin.post(`/api/v1/clients/${client}/placements`, { ratings: zeros(), chosen_level: '2.5', override_reason: 'Payer requires a PHP trial.' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.differs, true);
      made.push(r.json);
    });

    test('chosen_level missing or not a level answers 400 naming it; bad ratings name ratings.dN', async () => {
      for (const body of [{ ratings: zeros() }, { ratings: zeros(), chosen_level: '2.2' }, { ratings: zeros(), chosen_level: 'IOP' }, { ratings: zeros(), chosen_level: 2.1 }]) {
        const r = await clin.post(`/api/v1/clients/${client}/placements`, body);
        assertError(r, 400, 'invalid', JSON.stringify(body));
        assert.ok(r.json.error.fields?.chosen_level, `${JSON.stringify(body)}: ${r.text}`);
      }
      const r = await clin.post(`/api/v1/clients/${client}/placements`, { ratings: { ...zeros(), d4: 7 }, chosen_level: '1' });
      assertError(r, 400, 'invalid');
      assert.ok(r.json.error.fields?.['ratings.d4'], r.text);
      assertError(await clin.post(`/api/v1/clients/${client}/placements`, { ratings: zeros(), chosen_level: '1', recommended: '1' }), 400, 'invalid', 'unknown field');
    });

    test('the list answers the client\'s placements newest first', async () => {
      const r = await clin.get(`/api/v1/clients/${client}/placements`);
      assert.equal(r.status, 200, r.text);
      assertSchema('PlacementList', r.json);
      assert.equal(r.json.total, made.length);
      assert.deepEqual(r.json.items.map((p) => p.id), made.map((p) => p.id).reverse());
      assert.deepEqual(r.json.items, [...made].reverse(), 'as they were answered when recorded');
      const other = await newClient();
      assert.deepEqual((await clin.get(`/api/v1/clients/${other}/placements`)).json, { items: [], total: 0 });
    });

    test('the list pages by limit and offset', async () => {
      await assertPages(clin, `/api/v1/clients/${client}/placements`);
    });

    test('an unknown client answers 404', async () => {
      assertError(await clin.post('/api/v1/clients/999999999/placements', { ratings: zeros(), chosen_level: '1' }), 404, 'not_found');
      assertError(await clin.get('/api/v1/clients/999999999/placements'), 404, 'not_found');
    });

    test('recording is audited as placement.record on the client, a difference noted', async () => {
      const rows = auditRows(srv.db).filter((x) => x.action === 'placement.record' && x.client_id === client);
      assert.equal(rows.length, made.length, 'one row per placement recorded (none for refusals)');
      for (const p of made) {
        const row = rows.find((x) => x.record_id === p.id);
        assert.ok(row, `a row for placement ${p.id}`);
        assert.deepEqual([row.record_type, row.username], ['placement', 'clinician']);
      }
      assert.ok(!JSON.stringify(rows).includes('no PHP slot'), 'no row holds the reason text');
      const trail = await dir.get(`/api/v1/clients/${client}/audit?limit=200`);
      assert.ok(trail.json.items.some((x) => x.action === 'placement.record'), 'on the client\'s audit trail');
    });
  });

  describe('who may', () => {
    test('screening.read sees the table and recommends; screening.write records; others 403; no session 401', async () => {
      const client = await newClient();
      assert.equal((await cm.get('/api/v1/placement/table')).status, 200);
      assert.equal((await recommend({ ratings: zeros() }, cm)).recommended, '1');
      assert.equal((await cm.get(`/api/v1/clients/${client}/placements`)).status, 200);
      assertError(await cm.post(`/api/v1/clients/${client}/placements`, { ratings: zeros(), chosen_level: '1' }), 403, 'forbidden');
      assertError(await desk.get('/api/v1/placement/table'), 403, 'forbidden');
      assertError(await desk.post('/api/v1/placement/recommend', { ratings: zeros() }), 403, 'forbidden');
      assertError(await desk.get(`/api/v1/clients/${client}/placements`), 403, 'forbidden');
      assertError(await anon.get('/api/v1/placement/table'), 401, 'unauthenticated');
      assertError(await anon.post('/api/v1/placement/recommend', { ratings: zeros() }), 401, 'unauthenticated');
      assert.equal((await clin.get(`/api/v1/clients/${client}/placements`)).json.total, 0, 'nothing recorded');
    });
  });

  // A director edits the table: each save is the next version, a stale one is
  // refused, a bad cell is named, the default can be restored, placements
  // record the version that made their recommendation.
  describe('editing the table', () => {
    let edited;             // the reply to the first save
    const tableUpdates = () => auditRows(srv.db).filter((x) => x.action === 'placement_table.update');
    // The table as GET answers it, turned into what PUT takes.
    const bodyOf = (t) => ({
      version: t.version,
      edition: t.edition,
      min_level: Object.fromEntries(t.dimensions.map((d) => [d.code, d.ratings.map((r) => r.min_level)])),
      remarks: Object.fromEntries(t.dimensions.map((d) => [d.code, d.ratings.map((r) => r.remark)])),
      flags: t.flags.map((f) => ({ ...f })),
    });
    const current = async () => {
      const r = await clin.get('/api/v1/placement/table');
      assert.equal(r.status, 200, r.text);
      assertSchema('PlacementTable', r.json);
      return r.json;
    };

    test('a director saves an edited table as version 1; GET answers it and recommendations follow it', async () => {
      const body = bodyOf(table);
      body.edition = 'Riverside edition, 2026';
      body.min_level.d6 = ['1', '1', '2.1', '3.1', '3.5'];
      body.remarks.d6[3] = 'while a residential bed is found';
      // The fourth flag replaced by one of the clinic's own.
      body.flags[3] = { code: 'pregnant_high_risk', label: 'High-risk pregnancy', min_level: '3.1', safety_response: false };
      const r = await dir.put('/api/v1/placement/table', body);
      assert.equal(r.status, 200, r.text);
      assertSchema('PlacementTable', r.json);
      edited = r.json;
      assert.deepEqual([edited.version, edited.is_default, edited.saved_by, edited.edition],
        [1, false, 'director', 'Riverside edition, 2026']);
      assert.ok(Math.abs(Date.parse(edited.saved_at) - Date.now()) < 60000, `saved_at ${edited.saved_at} is now`);
      assert.deepEqual(bodyOf(edited), { ...body, version: 1 }, 'the reply is the table saved');
      assert.deepEqual(edited.levels, table.levels, 'the levels of care are not the table\'s to change');
      assert.deepEqual(await current(), edited, 'GET answers the saved version');

      const d6 = await recommend({ ratings: { ...zeros(), d6: 3 } });
      assert.deepEqual([d6.recommended, d6.edition, d6.table_version], ['3.1', 'Riverside edition, 2026', 1]);
      assert.ok(d6.reasons.some((x) => x.includes('while a residential bed is found')), `the remark is in a reason: ${d6.reasons}`);
      assert.equal((await recommend({ ratings: { ...zeros(), d6: 4 } })).recommended, '3.5', 'the cells left alone still apply');
      const flag = await recommend({ ratings: zeros(), flags: ['pregnant_high_risk'] });
      assert.deepEqual([flag.recommended, flag.safety_response], ['3.1', false]);
      assert.ok(flag.reasons.some((x) => x.includes('High-risk pregnancy')), flag.reasons);
      const gone = await clin.post('/api/v1/placement/recommend', { ratings: zeros(), flags: ['unstable_cooccurring'] });
      assertError(gone, 400, 'invalid', 'a flag the table in force no longer has');
      assert.ok(gone.json.error.fields?.flags, gone.text);
    });

    test('a recorded placement carries the table version; earlier ones keep theirs', async () => {
      const client = await newClient();
      const r = await clin.post(`/api/v1/clients/${client}/placements`, { ratings: { ...zeros(), d6: 3 }, flags: ['pregnant_high_risk'], chosen_level: '3.1' });
      assert.equal(r.status, 201, r.text);
      assertSchema('Placement', r.json);
      assert.deepEqual([r.json.table_version, r.json.edition, r.json.recommended, r.json.differs, r.json.flags],
        [1, 'Riverside edition, 2026', '3.1', false, ['pregnant_high_risk']]);
      const list = await clin.get(`/api/v1/clients/${client}/placements`);
      assert.equal(list.json.items[0].table_version, 1);
      assert.deepEqual(list.json.items[0], r.json);
    });

    test('a placement saved from a recommendation of another table version answers 409 and stores nothing', async () => {
      const client = await newClient();
      const body = { ratings: { ...zeros(), d6: 3 }, flags: ['pregnant_high_risk'], chosen_level: '3.1' };
      const stale = await clin.post(`/api/v1/clients/${client}/placements`, { ...body, table_version: 0 });
      assertError(stale, 409, 'conflict', 'the recommendation shown came from version 0');
      assert.match(stale.json.error.message, /placement table changed/);
      assertError(await clin.post(`/api/v1/clients/${client}/placements`, { ...body, table_version: '1' }), 400, 'invalid', 'not a number');
      assert.equal((await clin.get(`/api/v1/clients/${client}/placements`)).json.total, 0, 'nothing stored');
      const ok = await clin.post(`/api/v1/clients/${client}/placements`, { ...body, table_version: 1 });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.json.table_version, 1);
      const unsaid = await clin.post(`/api/v1/clients/${client}/placements`, { ...body, table_version: null });
      assert.equal(unsaid.status, 201, 'null: not said, as when left out');
    });

    test('a stale version answers 409 and writes nothing', async () => {
      const before = tableUpdates().length;
      const stale = { ...bodyOf(edited), version: 0, edition: 'Stale edition' };
      assertError(await dir.put('/api/v1/placement/table', stale), 409, 'conflict', 'saved from version 0');
      assertError(await dir.put('/api/v1/placement/table', { ...stale, version: 7 }), 409, 'conflict', 'a version from the future');
      assertError(await dir.post('/api/v1/placement/table/restore', { version: 0 }), 409, 'conflict', 'restore from version 0');
      assert.deepEqual(await current(), edited, 'version 1 is still in force');
      assert.equal(tableUpdates().length, before, 'no audit row for a refused save');
    });

    test('each kind of bad cell answers 400 naming it, and nothing is written', async () => {
      const before = tableUpdates().length;
      const cases = [
        ['an unknown level', (b) => { b.min_level.d3[2] = '2.2'; }, ['min_level.d3.2']],
        ['a level that is not a code', (b) => { b.min_level.d1[0] = 1; }, ['min_level.d1.0']],
        ['a level less intensive than the rating below', (b) => { b.min_level.d4 = ['1', '1', '2.1', '1', '2.1']; }, ['min_level.d4.3']],
        ['a row of four', (b) => { b.min_level.d2 = ['1', '1', '2.1', '3.7']; }, ['min_level.d2']],
        ['a dimension missing', (b) => { delete b.min_level.d5; }, ['min_level']],
        ['min_level missing', (b) => { delete b.min_level; }, ['min_level']],
        ['a remark over 120 characters', (b) => { b.remarks.d1[2] = 'x'.repeat(121); }, ['remarks.d1.2']],
        ['a remark on two lines', (b) => { b.remarks.d2[0] = 'one\ntwo'; }, ['remarks.d2.0']],
        ['a remark that is not text', (b) => { b.remarks.d3[1] = 5; }, ['remarks.d3.1']],
        ['a flag code with capitals and a space', (b) => { b.flags[0].code = 'Acute Risk'; }, ['flags.0.code']],
        ['a flag code starting with a digit', (b) => { b.flags[1].code = '24h_supervision'; }, ['flags.1.code']],
        ['a flag code of 33 characters', (b) => { b.flags[0].code = 'a'.repeat(33); }, ['flags.0.code']],
        ['a flag code used twice', (b) => { b.flags[1].code = b.flags[0].code; }, ['flags.1.code']],
        ['a flag code missing', (b) => { delete b.flags[2].code; }, ['flags.2.code']],
        ['an empty label', (b) => { b.flags[0].label = ''; }, ['flags.0.label']],
        ['a label missing', (b) => { delete b.flags[3].label; }, ['flags.3.label']],
        ['a label over 100 characters', (b) => { b.flags[1].label = 'x'.repeat(101); }, ['flags.1.label']],
        ['an unknown flag level', (b) => { b.flags[0].min_level = '5'; }, ['flags.0.min_level']],
        ['a flag level missing', (b) => { delete b.flags[1].min_level; }, ['flags.1.min_level']],
        ['safety_response not true or false', (b) => { b.flags[0].safety_response = 'yes'; }, ['flags.0.safety_response']],
        ['five flags', (b) => { b.flags.push({ code: 'fifth', label: 'Fifth', min_level: '1', safety_response: false }); }, ['flags']],
        ['an empty edition', (b) => { b.edition = ''; }, ['edition']],
        ['an edition over 120 characters', (b) => { b.edition = 'e'.repeat(121); }, ['edition']],
        ['version missing', (b) => { delete b.version; }, ['version']],
        ['version not a number', (b) => { b.version = '1'; }, ['version']],
        ['several faults at once', (b) => { b.min_level.d3[2] = '9'; b.remarks.d6[4] = 'a\tb'; b.flags[2].label = ''; b.edition = ' '; },
          ['min_level.d3.2', 'remarks.d6.4', 'flags.2.label', 'edition']],
      ];
      for (const [what, change, fields] of cases) {
        const body = structuredClone(bodyOf(edited));
        change(body);
        const r = await dir.put('/api/v1/placement/table', body);
        assertError(r, 400, 'invalid', what);
        for (const f of fields) assert.ok(r.json.error.fields?.[f], `${what}: fields.${f} in ${r.text}`);
      }
      assertError(await dir.put('/api/v1/placement/table', { ...bodyOf(edited), levels: [] }), 400, 'invalid', 'an unknown field');
      const extra = structuredClone(bodyOf(edited));
      extra.flags[0].colour = 'red';
      assertError(await dir.put('/api/v1/placement/table', extra), 400, 'invalid', 'an unknown flag field');
      assertError(await dir.req('PUT', '/api/v1/placement/table', '[1]'), 400, 'malformed');
      const nul = structuredClone(bodyOf(edited));
      nul.remarks.d1[3] = 'kept\u0000cut';
      assertError(await dir.put('/api/v1/placement/table', nul), 400, 'malformed', 'a NUL inside a text is refused whole, never cut short');
      const nov = await dir.post('/api/v1/placement/table/restore', {});
      assertError(nov, 400, 'invalid', 'restore without a version');
      assert.ok(nov.json.error.fields?.version, nov.text);
      assertError(await dir.post('/api/v1/placement/table/restore', { version: 1, edition: 'x' }), 400, 'invalid', 'restore with an unknown field');
      assert.deepEqual(await current(), edited, 'GET still answers version 1');
      assert.equal(tableUpdates().length, before, 'no audit row for a refused save');
    });

    test('only the director may edit or restore: 403 for others, 401 without a session', async () => {
      const admin = await signIn(srv.url, 'admin');
      for (const [who, api, status, code] of [['clinician', clin, 403, 'forbidden'], ['case_manager', cm, 403, 'forbidden'],
        ['admin', admin, 403, 'forbidden'], ['no session', anon, 401, 'unauthenticated']]) {
        assertError(await api.put('/api/v1/placement/table', { ...bodyOf(edited), edition: 'Not mine' }), status, code, `${who} PUT`);
        assertError(await api.post('/api/v1/placement/table/restore', { version: 1 }), status, code, `${who} restore`);
      }
      assert.deepEqual(await current(), edited, 'version 1 is still in force');
    });

    test('restore puts the built-in default back as the next version', async () => {
      const r = await dir.post('/api/v1/placement/table/restore', { version: 1 });
      assert.equal(r.status, 200, r.text);
      assertSchema('PlacementTable', r.json);
      assert.deepEqual([r.json.version, r.json.is_default, r.json.saved_by, r.json.edition], [2, false, 'director', table.edition]);
      assert.deepEqual(bodyOf(r.json), { ...bodyOf(table), version: 2 }, 'the default\'s cells, remarks and flags');
      assert.deepEqual(await current(), r.json);
      const rec = await recommend({ ratings: { ...zeros(), d6: 3 }, flags: ['unstable_cooccurring'] });
      assert.deepEqual([rec.recommended, rec.table_version], ['2.5', 2]);
      assertError(await clin.post('/api/v1/placement/recommend', { ratings: zeros(), flags: ['pregnant_high_risk'] }), 400, 'invalid', 'the clinic\'s flag is gone');
    });

    test('each save leaves a placement_table.update audit row naming its version', () => {
      const rows = tableUpdates();
      assert.deepEqual(rows.map((x) => [x.record_type, x.record_id, x.username, x.detail]),
        [['placement_table', 1, 'director', 'edited'], ['placement_table', 2, 'director', 'restored the default']]);
      assert.ok(rows.every((x) => !x.client_id), 'on no client\'s trail');
    });
  });
});

// Discharge and transfer (issue 14, items 1 and 2): a discharge ends the
// episode, its roster after the date and the client's later appointments in
// one transaction, and the census and hours stop counting the client; a
// second discharge is a 409; a bad body names its field and writes nothing.
// A transfer (step-down) ends the episode and opens the next at the new
// level from the date, moving the roster, carrying the signed plan forward
// as a draft, and its planned step-down weeks are not flagged in the hours.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { signIn, clientBody, assertError, assertSchema, finish, auditRows, sqlite, careTeam } from './helpers.mjs';

const DAY = 86400e3;
const TZ = 'America/Chicago';   // the first demo site's zone
const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);
const weekday = (ymd) => ((new Date(ymd + 'T12:00:00Z').getUTCDay() + 6) % 7) + 1;   // 1 Monday
function localYmd(ms) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
const EVERY_DAY = (start) => [1, 2, 3, 4, 5, 6, 7].map((w) => ({ weekday: w, start, minutes: 120, group_type: 'process_group' }));

describe('discharge and transfer', () => {
  let srv, adm, dir, clin, desk;
  const staff = {};
  let today, from, to;
  let iop, php, thin;

  const mkTrack = async (name, level, blocks) => {
    const r = await dir.post('/api/v1/tracks', { site_id: 1, name, level_of_care: level, blocks });
    assert.equal(r.status, 201, r.text);
    const g = await dir.post(`/api/v1/tracks/${r.json.id}/sessions/generate`, { from, to });
    assert.equal(g.status, 200, g.text);
    return r.json;
  };
  const admit = async (track, level, admittedOn) => {
    const c = await adm.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    await careTeam(srv.url, c.json.id);
    const r = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level, site_id: 1, track_id: track.id, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: admittedOn,
    });
    assert.equal(r.status, 201, r.text);
    return { client: c.json.id, episode: r.json.id };
  };
  const sessionsOf = async (trackId) => {
    const r = await dir.get(`/api/v1/sessions?track_id=${trackId}&from=${from}&to=${to}&limit=200`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const onRoster = async (sessionId, clientId) => {
    const r = await desk.get(`/api/v1/sessions/${sessionId}`);
    assert.equal(r.status, 200, r.text);
    return r.json.roster.some((x) => x.client_id === clientId);
  };
  const episodeRow = (id) => sqlite(srv.db, `SELECT status || '|' || discharged_on || '|' || discharge_type FROM episode WHERE id = ${id}`).trim();

  before(async () => {
    srv = await startServer({ testClock: true });
    [adm, dir, clin, desk] = await Promise.all(
      ['admissions', 'director', 'clinician', 'front_desk'].map((u) => signIn(srv.url, u)));
    const admin = await signIn(srv.url, 'admin');
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    today = localYmd(await srv.advance(0));
    from = plusDays(today, -10);
    to = plusDays(today, 35);
    iop = await mkTrack('Discharge IOP', '2.1', EVERY_DAY('03:00'));
    php = await mkTrack('Discharge PHP', '2.5', EVERY_DAY('04:00'));
    // One 2-hour group a week: every week is below the 9 h minimum.
    thin = await mkTrack('Step-down evening', '2.1', [{ weekday: 2, start: '20:00', minutes: 120, group_type: 'process_group' }]);
  });
  after(() => finish(srv));

  test('discharge: the roster ends after the date, later appointments are cancelled, census and hours stop counting', async () => {
    const x = await admit(iop, '2.1', plusDays(today, -7));
    const yesterday = plusDays(today, -1);
    // An appointment three days ahead, and one on the discharge date's past.
    const ahead = await clin.post(`/api/v1/clients/${x.client}/appointments`, {
      kind: 'individual_therapy', site_id: 1, staff_id: staff.clinician.id,
      starts_at: new Date(Date.parse(plusDays(today, 3) + 'T18:00:00Z')).toISOString().slice(0, 16) + 'Z', minutes: 50,
    });
    assert.equal(ahead.status, 201, ahead.text);
    const census = async () => (await dir.get('/api/v1/census?site_id=1&limit=200')).json.items.map((e) => e.client_id);
    assert.ok((await census()).includes(x.client));
    // What it would change, asked first.
    const pv = await dir.get(`/api/v1/episodes/${x.episode}/discharge-preview?date=${yesterday}`);
    assert.equal(pv.status, 200, pv.text);
    assert.equal(pv.json.appointments_cancelled, 1);
    const leaving = (await sessionsOf(iop.id)).filter((s) => s.date > yesterday && s.status !== 'cancelled').length;
    assert.equal(pv.json.sessions_leaving, leaving);
    assert.equal(pv.json.today, today);
    assertError(await dir.get(`/api/v1/episodes/${x.episode}/discharge-preview?date=soon`), 400, 'invalid');
    const before = Math.max(0, ...auditRows(srv.db).map((a) => a.id));

    // Bad bodies: each names its field; nothing is written.
    const bad = await adm.post(`/api/v1/episodes/${x.episode}/discharge`, { date: yesterday, type: 'finished' });
    assertError(bad, 400, 'invalid');
    assert.ok(bad.json.error.fields.type, bad.text);
    const noDate = await adm.post(`/api/v1/episodes/${x.episode}/discharge`, { type: 'completed' });
    assertError(noDate, 400, 'invalid');
    assert.ok(noDate.json.error.fields.date, noDate.text);
    const early = await adm.post(`/api/v1/episodes/${x.episode}/discharge`, { type: 'completed', date: plusDays(today, -8) });
    assertError(early, 400, 'invalid');
    assert.match(early.json.error.fields.date, /before the client's admission/);
    const ahead2 = await adm.post(`/api/v1/episodes/${x.episode}/discharge`, { type: 'completed', date: plusDays(today, 2) });
    assertError(ahead2, 400, 'invalid');
    assert.ok(ahead2.json.error.fields.date, ahead2.text);
    const noTo = await adm.post(`/api/v1/episodes/${x.episode}/discharge`, { type: 'transferred_lower', date: yesterday });
    assertError(noTo, 400, 'invalid');
    assert.ok(noTo.json.error.fields.to, noTo.text);
    assert.equal(episodeRow(x.episode), 'open||');
    assertError(await desk.post(`/api/v1/episodes/${x.episode}/discharge`, { type: 'completed', date: yesterday }), 403, 'forbidden');
    assertError(await adm.post('/api/v1/episodes/999999/discharge', { type: 'completed', date: yesterday }), 404, 'not_found');

    const r = await adm.post(`/api/v1/episodes/${x.episode}/discharge`, {
      date: yesterday, type: 'against_advice', reason: 'Left the program after a week.',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'discharged');
    assert.equal(r.json.discharged_on, yesterday);
    assert.equal(r.json.discharge_type, 'against_advice');
    assert.equal(r.json.appointments_cancelled, 1);
    assertSchema('Episode', r.json);

    // The roster: sessions up to the discharge date keep the client, later ones do not.
    for (const s of await sessionsOf(iop.id)) {
      if (s.date < plusDays(today, -7)) continue;
      assert.equal(await onRoster(s.id, x.client), s.date <= yesterday, `${s.date}`);
    }
    // The appointment is cancelled by the program, kept with its history.
    const a = await clin.get(`/api/v1/appointments/${ahead.json.id}`);
    assert.equal(a.json.status, 'cancelled');
    assert.equal(a.json.cancelled_by, 'program');
    assert.equal(a.json.cancel_reason, 'Discharged');
    assert.equal(sqlite(srv.db, `SELECT change || ':' || reason FROM appointment_change WHERE appointment_id = ${ahead.json.id} ORDER BY id DESC LIMIT 1`).trim(), 'cancelled:Discharged');
    // Census and hours no longer count the client.
    assert.ok(!(await census()).includes(x.client));
    assertError(await dir.get(`/api/v1/clients/${x.client}/hours`), 409, 'conflict');
    const site = await dir.get('/api/v1/hours?site_id=1&limit=200');
    assert.equal(site.status, 200, site.text);
    assert.ok(!site.json.items.some((i) => i.client_id === x.client || i.client?.id === x.client));

    // The audit row names the episode and the client.
    const rows = auditRows(srv.db).filter((row) => row.id > before && row.action === 'episode.discharge');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].record_id, x.episode);
    assert.equal(rows[0].client_id, x.client);
    assert.match(rows[0].detail, /type=against_advice; .*appointments_cancelled=1/);

    // A second discharge: 409, nothing changed.
    const again = await adm.post(`/api/v1/episodes/${x.episode}/discharge`, { date: today, type: 'completed' });
    assertError(again, 409, 'conflict');
    assert.equal(episodeRow(x.episode), `discharged|${yesterday}|against_advice`);
    const t = await adm.post(`/api/v1/episodes/${x.episode}/transfer`, { date: today, level: '1', track_id: iop.id });
    assert.ok(t.status === 400 || t.status === 409, t.text);
  });

  test('transfer: PHP steps down to IOP from today, the roster moves, the plan is carried forward as a draft', async () => {
    const x = await admit(php, '2.5', plusDays(today, -7));
    const content = {
      problems: [{
        dimension: 5, statement: 'Drinks after work most days.',
        goals: [{
          text: 'A month without a drink.',
          objectives: [{ text: 'Name three triggers and a plan for each.', target_date: plusDays(today, 14) }],
          interventions: [{ code: 'relapse_prevention', frequency: '3 groups a week', staff_id: staff.clinician.id }],
        }],
      }],
    };
    const p = await clin.post(`/api/v1/episodes/${x.episode}/plans`, content);
    assert.equal(p.status, 201, p.text);
    const s = await clin.post(`/api/v1/plans/${p.json.id}/sign`, {});
    assert.equal(s.status, 200, s.text);
    const key = s.json.problems[0].goals[0].objectives[0].key;
    assert.ok(key > 0);
    const before = Math.max(0, ...auditRows(srv.db).map((a) => a.id));

    // Refusals name their fields.
    const same = await adm.post(`/api/v1/episodes/${x.episode}/transfer`, { date: today, level: '2.5', track_id: php.id });
    assertError(same, 400, 'invalid');
    assert.ok(same.json.error.fields.level, same.text);
    const wrongTrack = await adm.post(`/api/v1/episodes/${x.episode}/transfer`, { date: today, level: '2.1', track_id: php.id });
    assertError(wrongTrack, 400, 'invalid');
    assert.ok(wrongTrack.json.error.fields.track_id, wrongTrack.text);
    const weeks = await adm.post(`/api/v1/episodes/${x.episode}/transfer`, { date: today, level: '2.1', track_id: iop.id, planned_step_down_weeks: 3 });
    assertError(weeks, 400, 'invalid');
    assert.ok(weeks.json.error.fields.planned_step_down_weeks, weeks.text);
    assert.equal(episodeRow(x.episode), 'open||');

    const r = await adm.post(`/api/v1/episodes/${x.episode}/transfer`, {
      date: today, level: '2.1', track_id: iop.id, planned_step_down_weeks: 1, reason: 'Stable; ready for fewer hours.',
    });
    assert.equal(r.status, 201, r.text);
    assertSchema('Episode', r.json);
    assert.equal(r.json.status, 'open');
    assert.equal(r.json.level, '2.1');
    assert.equal(r.json.admitted_on, today);
    assert.equal(r.json.transferred_from, x.episode);
    assert.equal(r.json.planned_step_down_weeks, 1);
    assert.equal(r.json.primary_clinician_id, staff.clinician.id);
    const eps = (await dir.get(`/api/v1/clients/${x.client}/episodes`)).json.items;
    assert.equal(eps.length, 2);
    const old = eps.find((e) => e.id === x.episode);
    assert.equal(old.status, 'discharged');
    assert.equal(old.discharge_type, 'transferred_lower');
    assert.equal(old.discharged_on, today);
    assert.equal(old.transferred_to, r.json.id);
    assert.match(old.discharged_to, /Level 2\.1, Discharge IOP/);

    // The roster: PHP until yesterday, IOP from today.
    for (const g of await sessionsOf(php.id)) {
      if (g.date < plusDays(today, -7)) continue;
      assert.equal(await onRoster(g.id, x.client), g.date < today, `PHP ${g.date}`);
    }
    for (const g of await sessionsOf(iop.id)) {
      assert.equal(await onRoster(g.id, x.client), g.date >= today, `IOP ${g.date}`);
    }
    // The plan: a draft version 1 of the new episode, the objective's key kept;
    // the old episode's plan as signed.
    const plans = await clin.get(`/api/v1/episodes/${r.json.id}/plans`);
    assert.equal(plans.status, 200, plans.text);
    assert.equal(plans.json.items.length, 1);
    const draft = plans.json.items[0];
    assert.equal(draft.id, r.json.plan_carried_forward_id);
    assert.equal(draft.status, 'draft');
    assert.equal(draft.version, 1);
    assert.equal(draft.problems[0].statement, 'Drinks after work most days.');
    assert.equal(draft.problems[0].goals[0].objectives[0].key, key);
    // Reviewed and edited at the new level, the key still the objective's.
    const edited = structuredClone(content);
    edited.problems[0].goals[0].objectives[0].key = key;
    edited.problems[0].goals[0].objectives[0].text = 'Name three triggers; practise one plan a week.';
    const patch = await clin.patch(`/api/v1/plans/${draft.id}`, edited);
    assert.equal(patch.status, 200, patch.text);
    assert.equal(patch.json.problems[0].goals[0].objectives[0].key, key);
    assert.equal((await clin.get(`/api/v1/plans/${p.json.id}`)).json.status, 'clinician_signed');

    // Census: the new episode at 2.1, not the old.
    const census = (await dir.get('/api/v1/census?site_id=1&limit=200')).json.items.filter((e) => e.client_id === x.client);
    assert.deepEqual(census.map((e) => [e.id, e.level]), [[r.json.id, '2.1']]);

    const rows = auditRows(srv.db).filter((row) => row.id > before && row.action === 'episode.transfer');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].record_id, r.json.id);
    assert.equal(rows[0].client_id, x.client);
    assert.match(rows[0].detail, new RegExp(`from_episode=${x.episode}; type=transferred_lower; level=2.1; step_down_weeks=1`));

    // Transferring the ended episode again: 409.
    assertError(await adm.post(`/api/v1/episodes/${x.episode}/transfer`, { date: today, level: '1', track_id: iop.id }), 400, 'invalid');
    const again = await adm.post(`/api/v1/episodes/${x.episode}/transfer`, { date: today, level: '2.1', track_id: iop.id });
    assertError(again, 409, 'conflict');
  });

  test('a planned step-down week below the minimum is not flagged; the week after it is', async () => {
    const x = await admit(php, '2.5', plusDays(today, -3));
    const r = await adm.post(`/api/v1/episodes/${x.episode}/transfer`, {
      date: today, level: '2.1', track_id: thin.id, planned_step_down_weeks: 1,
    });
    assert.equal(r.status, 201, r.text);
    // The first whole week of the new episode: this one when today is a Monday.
    const first = weekday(today) === 1 ? today : plusDays(today, 8 - weekday(today));
    const week = async (d) => {
      const h = await dir.get(`/api/v1/clients/${x.client}/hours?week=${d}`);
      assert.equal(h.status, 200, h.text);
      return h.json;
    };
    const w1 = await week(first);
    assert.equal(w1.step_down_week, true);
    assert.ok(w1.possible_minutes < w1.required_minutes, JSON.stringify(w1));
    assert.deepEqual(w1.flags, []);
    const w2 = await week(plusDays(first, 7));
    assert.equal(w2.step_down_week, false);
    assert.ok(w2.flags.includes('below_weekly_minimum'), JSON.stringify(w2));
    // The site's list honours it too.
    const list = await dir.get(`/api/v1/hours?site_id=1&week=${first}&limit=200`);
    assert.equal(list.status, 200, list.text);
    const mine = list.json.items.find((i) => (i.client_id ?? i.client?.id) === x.client);
    assert.ok(mine, list.text.slice(0, 300));
    assert.deepEqual((mine.week ?? mine).flags, []);
  });

  test('discharge summary: drafted from the record, edited while a draft, signed and locked', async () => {
    const x = await admit(iop, '2.1', plusDays(today, -6));
    const presc = await signIn(srv.url, 'prescriber');
    const m = await presc.post(`/api/v1/clients/${x.client}/medications`, {
      name: 'Naltrexone', dose: '50 mg daily', prescriber_id: staff.prescriber.id, start_date: plusDays(today, -6),
    });
    assert.equal(m.status, 201, m.text);
    const sc = await clin.post(`/api/v1/clients/${x.client}/instruments`, { code: 'gad7', answers: [3, 2, 0, 0, 0, 0, 0], site_id: 1 });
    assert.equal(sc.status, 201, sc.text);
    const p = await clin.post(`/api/v1/episodes/${x.episode}/plans`, { problems: [{
      dimension: 3, statement: 'Panic when alone in the evening.',
      goals: [{ text: 'Evenings without panic.', objectives: [{ text: 'Use a breathing plan.', target_date: today }],
        interventions: [{ code: 'relapse_prevention', frequency: 'weekly', staff_id: staff.clinician.id }] }],
    }] });
    assert.equal(p.status, 201, p.text);
    assert.equal((await clin.post(`/api/v1/plans/${p.json.id}/sign`, {})).status, 200);

    // Open: no summary yet.
    assertError(await clin.post(`/api/v1/episodes/${x.episode}/discharge-summary`), 409, 'conflict');
    assertError(await clin.get(`/api/v1/episodes/${x.episode}/discharge-summary`), 404, 'not_found');
    const d = await adm.post(`/api/v1/episodes/${x.episode}/discharge`, { date: today, type: 'completed', reason: 'Met the plan goals.' });
    assert.equal(d.status, 200, d.text);

    const before = Math.max(0, ...auditRows(srv.db).map((a) => a.id));
    const c = await clin.post(`/api/v1/episodes/${x.episode}/discharge-summary`);
    assert.equal(c.status, 201, c.text);
    assertSchema('DischargeSummary', c.json);
    assert.equal(c.json.status, 'draft');
    assert.match(c.json.reason, new RegExp(`^Discharged on ${today}: completed the program\\. Met the plan goals\\.$`));
    assert.match(c.json.services, /^Group sessions: attended 0 of the 0 recorded/);
    assert.match(c.json.medications, /Naltrexone 50 mg daily/);
    assert.match(c.json.scores, /^GAD7 on \d{4}-\d{2}-\d{2}: 5 \(mild\)$/);
    assert.equal(c.json.progress, 'Panic when alone in the evening. — progress: ');
    assert.equal(c.json.recommendations, '');
    assertError(await clin.post(`/api/v1/episodes/${x.episode}/discharge-summary`), 409, 'conflict');

    const long = await clin.patch(`/api/v1/discharge-summaries/${c.json.id}`, { recommendations: 'x'.repeat(8001) });
    assertError(long, 400, 'invalid');
    assert.ok(long.json.error.fields.recommendations, long.text);
    const e = await clin.patch(`/api/v1/discharge-summaries/${c.json.id}`, {
      recommendations: 'Weekly outpatient therapy; a mutual-help group twice a week.',
      progress: 'Panic when alone in the evening. — progress: uses the breathing plan most evenings.',
    });
    assert.equal(e.status, 200, e.text);
    assert.equal(e.json.recommendations, 'Weekly outpatient therapy; a mutual-help group twice a week.');
    assert.match(e.json.medications, /Naltrexone/, 'fields not given are kept');
    assertError(await desk.get(`/api/v1/episodes/${x.episode}/discharge-summary`), 403, 'forbidden');
    assertError(await desk.post(`/api/v1/discharge-summaries/${c.json.id}/sign`), 403, 'forbidden');

    const s = await clin.post(`/api/v1/discharge-summaries/${c.json.id}/sign`);
    assert.equal(s.status, 200, s.text);
    assert.equal(s.json.status, 'signed');
    assert.equal(s.json.signed_by.staff_id, staff.clinician.id);
    // Locked: a write after signing is a 409 and changes nothing.
    const row = () => sqlite(srv.db, `SELECT status || '|' || recommendations || '|' || signed_at FROM discharge_summary WHERE id = ${c.json.id}`).trim();
    const locked = row();
    assertError(await clin.patch(`/api/v1/discharge-summaries/${c.json.id}`, { recommendations: 'Changed later.' }), 409, 'conflict');
    assertError(await clin.post(`/api/v1/discharge-summaries/${c.json.id}/sign`), 409, 'conflict');
    assert.equal(row(), locked);
    const g = await clin.get(`/api/v1/episodes/${x.episode}/discharge-summary`);
    assert.equal(g.status, 200, g.text);
    assert.equal(g.json.status, 'signed');

    const acts = auditRows(srv.db).filter((r) => r.id > before && r.action.startsWith('discharge_summary.'));
    // The successful reads and writes, each on the client's trail.
    assert.deepEqual(acts.map((r) => r.action), ['discharge_summary.create', 'discharge_summary.update',
      'discharge_summary.sign', 'discharge_summary.read']);
    for (const r of acts) assert.equal(r.client_id, x.client, r.action);
    assert.equal(acts[0].record_id, c.json.id);
  });
});

// A group of twelve documented from the roster to signed notes (issue 13,
// items 2-4), in a real browser, counting the actions it takes: clicks and
// keystrokes beyond the clinical text itself.  The group met yesterday too,
// so each client's part starts from last time ("Same as last time for
// everyone"); the clinician checks everyone in on Today's roster, opens the
// group note, writes what the group worked on and one line of response per
// client, and signs all twelve parts at once.  The count is printed and
// must stay under 40.  Then the signed note is read-only, and an
// individual note is written in SOAP form from the chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot, assertNoAxeViolations } from './browser.mjs';
import { clientBody, careTeam } from '../api/helpers.mjs';
import { plusDays, localYmd } from '../lib/dates.mjs';

const NAMES = ['Alder', 'Birch', 'Cedar', 'Dogwood', 'Elm', 'Fir', 'Ginkgo', 'Hazel', 'Ironwood', 'Juniper', 'Larch', 'Maple'];

let srv, b, session, first, clients, clin;

before(async () => {
  srv = await startServer({ testClock: true });
  b = await launch();
  const now0 = await srv.advance(0);
  const today = localYmd(now0);
  const dir = new Api(srv.url);
  assert.equal((await dir.login('director')).status, 200);
  const adm = new Api(srv.url);
  assert.equal((await adm.login('admissions')).status, 200);
  clin = new Api(srv.url);
  assert.equal((await clin.login('clinician')).status, 200);
  const admin = new Api(srv.url);
  assert.equal((await admin.login('admin')).status, 200);
  const staff = Object.fromEntries((await admin.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const blocks = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', minutes: 180, group_type: 'process_group', topic: 'Relapse warning signs' }));
  const t = await dir.post('/api/v1/tracks', { site_id: 1, name: 'Twelve morning', level_of_care: '2.1', blocks });
  assert.equal(t.status, 201, t.text);
  const g = await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: plusDays(today, -2), to: plusDays(today, 1) });
  assert.equal(g.status, 200, g.text);
  clients = [];
  for (const last of NAMES) {
    const c = await adm.post('/api/v1/clients', clientBody({ first_name: 'Robin', last_name: last }));
    assert.equal(c.status, 201, c.text);
    await careTeam(srv.url, c.json.id);
    const e = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: t.json.id, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: plusDays(today, -2),
    });
    assert.equal(e.status, 201, e.text);
    const p = await clin.post(`/api/v1/episodes/${e.json.id}/plans`, { problems: [{ dimension: 5, statement: 'Relapse risk after work.',
      goals: [{ text: 'Stay sober through the evenings.', objectives: [{ text: 'Use one coping skill when a craving comes.', target_date: plusDays(today, 30) }],
        interventions: [{ code: 'relapse_prevention', frequency: 'daily group', staff_id: staff.clinician.id }] }] }] });
    assert.equal(p.status, 201, p.text);
    clients.push({ ...c.json, key: p.json.problems[0].goals[0].objectives[0].key });
  }
  const sessions = (await dir.get(`/api/v1/sessions?track_id=${t.json.id}&from=${plusDays(today, -1)}&to=${plusDays(today, 1)}`)).json.items;
  const yesterday = sessions.find((s) => s.date === plusDays(today, -1));
  first = (await dir.get(`/api/v1/sessions?track_id=${t.json.id}&from=${plusDays(today, -2)}&to=${plusDays(today, -2)}`)).json.items[0];
  session = sessions.find((s) => s.date === plusDays(today, 1));
  // Yesterday's group, documented and signed.
  const desk = new Api(srv.url);
  assert.equal((await desk.login('front_desk')).status, 200);
  let r = await desk.put(`/api/v1/sessions/${yesterday.id}/attendance`, { records: clients.map((c) => ({ client_id: c.id, status: 'present' })) });
  assert.equal(r.status, 200, r.text);
  const prev = await clin.post(`/api/v1/sessions/${yesterday.id}/note`, {});
  assert.equal(prev.status, 201, prev.text);
  r = await clin.patch(`/api/v1/notes/${prev.json.id}`, {
    shared: { content: 'Mapped personal warning signs.', interventions: ['relapse_prevention'] },
    parts: clients.map((c) => ({ client_id: c.id, participation: 'attentive', response: 'Named two warning signs.', progress: 'Practising urge surfing.', objective_keys: [c.key] })),
  });
  assert.equal(r.status, 200, r.text);
  assert.equal((await clin.post(`/api/v1/notes/${prev.json.id}/sign`, {})).status, 200);
  // Tomorrow, 2 hours and 50 minutes into the three-hour group.
  const target = Date.parse(session.starts_at) + 170 * 60e3;
  await srv.advance(Math.ceil((target - now0) / 1000));
  await b.page.clock.setFixedTime(target);
  clin = new Api(srv.url);	// the clock moved past the idle limit
  assert.equal((await clin.login('clinician')).status, 200);
});
after(async () => { if (b) await b.close(); if (srv) await srv.stop(); });

test('a 12-client group from the roster to signed notes in under 40 actions', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(srv.url + '/app/#/today');
  await h1(page, 'Today');
  let actions = 0;
  const click = async (loc) => { await loc.click(); actions += 1; };

  const item = page.locator(`li[data-session="${session.id}"]`);
  await item.waitFor();
  await click(item.getByRole('button', { name: /^Roster: Process group/ }));
  await click(item.getByRole('button', { name: /^Mark all present/ }));
  await item.locator('.badge', { hasText: 'Checked in' }).first().waitFor();
  await click(item.getByRole('button', { name: /^Write the group note/ }));
  await page.locator('.note-parts .note-part').first().waitFor();
  assert.equal(await page.locator('.note-part').count(), 12);
  assert.match(await page.locator('h1').textContent(), /Group note — Process group: Relapse warning signs/);
  await shot(page, 'note-group-opened');

  await page.locator('#note-same-interventions').waitFor();	// "Same interventions as last time", on the shared part
  await click(page.getByRole('button', { name: 'Same as last time for everyone' }));
  // Each part now starts from yesterday's: participation, response, progress, objective.
  assert.equal(await page.locator('.note-part input[type=radio][value=attentive]:checked').count(), 12);
  assert.equal(await page.locator('.note-objectives input[type=checkbox]:checked').count(), 12);
  // ... and the shared part's interventions too.
  assert.deepEqual(await page.locator('.note-interventions input:checked').evaluateAll((xs) => xs.map((x) => x.value)), ['relapse_prevention']);

  const content = page.locator('#note-content');
  await click(content);
  await content.fill('Reviewed the warning-sign maps; each client practised one refusal script aloud.');
  for (const c of clients) {
    const box = page.locator(`.note-part[data-client="${c.id}"] textarea[data-field=response]`);
    await click(box);
    await box.fill(`${c.last_name}: rehearsed a refusal with a peer and named one evening plan.`);
  }
  await page.locator('.note-saved', { hasText: /^Saved at/ }).waitFor();
  await shot(page, 'note-group-written');
  await assertNoAxeViolations(page, 'the group note');

  await click(page.getByRole('button', { name: 'Sign all 12' }));
  await click(page.getByRole('alertdialog').getByRole('button', { name: 'Sign all 12' }));
  await page.locator('.note-read').waitFor();
  await page.getByText(/^Signed by /).waitFor();
  await shot(page, 'note-group-signed');

  console.log(`# actions for a 12-client group note from the roster to signed: ${actions}`);
  assert.ok(actions < 40, `${actions} actions`);
  const id = Number(new URL(page.url()).hash.split('/').pop());
  const n = (await clin.get(`/api/v1/notes/${id}`)).json;
  assert.equal(n.status, 'signed');
  assert.equal(n.parts.length, 12);
  assert.ok(n.parts.every((p) => p.participation === 'attentive' && p.objectives.length === 1 && / rehearsed a refusal/.test(p.response)));
  assert.equal(n.no_objective_linked, false);
  assert.match(n.shared.content, /refusal script/);
  assert.deepEqual(n.shared.interventions, ['relapse_prevention']);

  // The track's first group has no earlier note: nothing to start from, and
  // no stray words where the button would be.
  const desk = new Api(srv.url);
  assert.equal((await desk.login('front_desk')).status, 200);
  assert.equal((await desk.put(`/api/v1/sessions/${first.id}/attendance`, { records: [{ client_id: clients[0].id, status: 'present' }] })).status, 200);
  const o = await clin.post(`/api/v1/sessions/${first.id}/note`, {});
  assert.equal(o.status, 201, o.text);
  await page.goto(srv.url + `/app/#/notes/${o.json.id}`);
  await page.locator('.note-parts .note-part').first().waitFor();
  assert.equal(await page.getByRole('button', { name: /^Same / }).count(), 0);
  assert.doesNotMatch(await page.locator('.note-interventions').textContent(), /null|undefined/);
  assert.deepEqual(b.errors, []);
});

test('an individual note from the chart in SOAP form; a supervised case manager\'s note co-signed from My tasks', async () => {
  const { page } = b;
  const now = await srv.advance(0);
  const c = clients[0];
  const admin = new Api(srv.url);
  assert.equal((await admin.login('admin')).status, 200);
  const staff = Object.fromEntries((await admin.get('/api/v1/staff?limit=200')).json.items.map((s) => [s.username, s]));
  const desk = new Api(srv.url);
  assert.equal((await desk.login('front_desk')).status, 200);
  // Tomorrow evening (December: Chicago is UTC-6), after the groups.
  const day = localYmd(now + 86400e3);
  // The first free half-hour from hm on (the client's groups and the demo's
  // schedule taken).
  const book = async (kind, who, hm) => {
    let t = Date.parse(`${day}T${hm}:00Z`) + 6 * 3600e3;
    for (let i = 0; i < 48; i++, t += 1800e3) {
      const r = await desk.post(`/api/v1/clients/${c.id}/appointments`, { kind, site_id: 1, staff_id: staff[who].id,
        starts_at: new Date(t).toISOString().slice(0, 16) + 'Z', minutes: 45 });
      if (r.status === 409 && r.json.error.conflict) continue;
      assert.equal(r.status, 201, r.text);
      return r.json;
    }
    throw new Error('no free time');
  };
  const ind = await book('individual_therapy', 'clinician', '18:00');
  const cmAppt = await book('case_management', 'case_manager', '17:00');
  const later = Math.max(Date.parse(ind.starts_at), Date.parse(cmAppt.starts_at)) + 60 * 60e3;
  await srv.advance(Math.ceil((later - now) / 1000));
  await page.clock.setFixedTime(later);
  assert.equal((await admin.login('admin')).status, 200);	// past the idle limit
  assert.equal((await clin.login('clinician')).status, 200);

  // The administrator ticks "Needs supervision" for the case manager, with the clinician as supervisor.
  await signIn(page, srv.url, 'admin');
  await page.goto(srv.url + '/app/#/admin/staff');
  await page.locator(`#edit-${staff.case_manager.id}`).click();
  await page.getByLabel(/^Needs supervision/).check();
  await page.getByLabel('Supervisor', { exact: true }).selectOption(String(staff.clinician.id));
  await shot(page, 'note-staff-supervision');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Changes saved.').waitFor();
  const cm = (await admin.get(`/api/v1/staff/${staff.case_manager.id}`)).json;
  assert.deepEqual([cm.needs_supervision, cm.supervisor_id], [true, staff.clinician.id]);

  // The clinician writes the individual note from the chart, switches to SOAP and signs.
  await signIn(page, srv.url, 'clinician');
  await page.goto(srv.url + `/app/#/clients/${c.id}`);
  await page.locator(`[data-note-for="${ind.id}"]`).click();
  await page.locator('textarea[data-section=data]').waitFor();
  await page.getByText('SOAP', { exact: true }).click();
  await page.locator('textarea[data-section=subjective]').fill('Reports two cravings since Monday, both after work.');
  await page.locator('textarea[data-section=objective]').fill('Calm, on time, engaged.');
  await page.locator('textarea[data-section=assessment]').fill('Using urge surfing; still at risk in the evenings.');
  await page.locator('textarea[data-section=plan]').fill('Evening check-in call twice this week.');
  await page.getByLabel('Use one coping skill when a craving comes.').check();
  await page.getByLabel('Ended').fill('18:40');	// the session ran five minutes short
  await page.locator('.note-saved', { hasText: /^Saved at/ }).waitFor();
  await shot(page, 'note-individual-soap');
  await assertNoAxeViolations(page, 'an individual note');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Sign', exact: true }).click();
  await page.getByText(/^Signed by /).waitFor();
  const signedId = Number(new URL(page.url()).hash.split('/').pop());
  const signedNote = (await clin.get(`/api/v1/notes/${signedId}`)).json;
  assert.equal(signedNote.form, 'soap');
  assert.equal(signedNote.parts[0].minutes, 40);
  assert.equal(signedNote.parts[0].sections.plan, 'Evening check-in call twice this week.');
  await page.goto(srv.url + `/app/#/clients/${c.id}`);
  const notes = page.locator('#notes');
  await notes.getByText(/Individual session/).waitFor();
  assert.match(await notes.textContent(), /Group: Relapse warning signs/);
  await shot(page, 'note-chart-list');

  // The case manager's note waits for the clinician, who co-signs it from My tasks.
  const cmApi = new Api(srv.url);
  assert.equal((await cmApi.login('case_manager')).status, 200);
  const o = await cmApi.post(`/api/v1/appointments/${cmAppt.id}/note`, {});
  assert.equal(o.status, 201, o.text);
  assert.equal((await cmApi.patch(`/api/v1/notes/${o.json.id}`, { sections: { data: 'Housing form filed.', plan: 'Call the landlord Friday.' } })).status, 200);
  assert.equal((await cmApi.post(`/api/v1/notes/${o.json.id}/sign`, {})).json.awaits_cosignature, true);
  await page.goto(srv.url + '/app/#/tasks');
  const card = page.locator('#notes-to-sign');
  await card.waitFor();
  await shot(page, 'note-tasks');
  await card.locator(`#note-task-${o.json.id} a`).click();
  // Opened from My tasks, the note leads back there.
  await page.getByRole('link', { name: 'Back to My tasks' }).waitFor();
  await page.getByRole('button', { name: 'Co-sign' }).click();
  await page.getByText(/^Co-signed by /).waitFor();
  assert.equal((await cmApi.get(`/api/v1/notes/${o.json.id}`)).json.counts, true);
  assert.deepEqual(b.errors, []);
});

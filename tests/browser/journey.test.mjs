// The whole admissions journey in a real browser (issue 3, "Done when"):
// a member of the public asks for help on /get-help.html and adds insurance
// details; the admissions counsellor finds the inquiry on the board, logs a
// call (the voicemail preference is respected), adds a follow-up, converts
// it (the insurance details become the client's coverage); on the chart
// records a PHQ-9 and a level-of-care placement, finds the coverage made at
// conversion and records a benefit check with its estimate and an
// authorization against it; admits the client to the Evening IOP track of
// the first site; the client is on the census.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot } from './browser.mjs';

let srv;
let b;

before(async () => {
  srv = await startServer();
  b = await launch();
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

const NAME = 'Rory Journeyman';

test('from a call for help to an admitted client on the census', async () => {
  const { page } = b;

  // 1. The public form, with insurance as the second step.
  await page.goto(srv.url + '/get-help.html');
  await page.getByRole('textbox', { name: 'Your name' }).fill(NAME);
  await page.getByLabel('Phone').fill('555-010-2468');
  await page.getByRole('group', { name: 'Is it OK to leave a voicemail?' }).getByLabel('No').check();
  await page.getByRole('group', { name: 'Is it OK to send a text?' }).getByLabel('Yes').check();
  await page.getByLabel('Best time to call').fill('Evenings');
  await page.getByLabel('Alcohol').check();
  await page.getByLabel('This week').check();
  await page.getByLabel('Anything you would like us to know?').fill('I work days and need an evening group.');
  await page.getByRole('button', { name: 'Add insurance details (optional)' }).click();
  await page.getByLabel('Insurance company').fill('Prairie Health');
  await page.getByLabel('Member ID').fill('PH-2468');
  await page.getByLabel('Group number').fill('G-77');
  await page.getByLabel('Name of the plan holder (subscriber)').fill(NAME);
  await page.getByLabel("Plan holder's date of birth").fill('1990-05-14');
  await page.locator('#ins-rel-self').check();
  await shot(page, 'journey-01-get-help');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#ack').waitFor({ state: 'visible' });
  await shot(page, 'journey-02-acknowledged');

  // 2. The counsellor's board: the inquiry is there.
  await signIn(page, srv.url, 'admissions');
  await h1(page, 'Admissions');
  const card = page.locator('.inq-card', { has: page.getByRole('link', { name: NAME, exact: true }) });
  await card.waitFor();
  await shot(page, 'journey-03-board');
  await card.getByRole('link', { name: NAME, exact: true }).click();
  await h1(page, NAME);

  // 3. Log a call: voicemail is not allowed, in words.
  const log = page.locator('#call-log');
  await log.getByText('No contacts logged yet.').waitFor();
  const how = log.getByLabel('How', { exact: true });
  assert.equal(await how.locator('option[value=voicemail]').isDisabled(), true);
  assert.match(await how.locator('option[value=voicemail]').textContent(), /not allowed: they asked for no voicemails/);
  assert.equal(await how.locator('option[value=text]').isDisabled(), false);
  assert.match(await log.textContent(), /They asked us not to leave a voicemail\./);
  await how.selectOption('call');
  // No outcome is assumed: logging without one says what to choose, and
  // logs nothing (a failed call must never read as "reached").
  assert.equal(await log.getByLabel('Outcome').inputValue(), '');
  await log.getByRole('button', { name: 'Log contact' }).click();
  await log.locator('.field-error', { hasText: /hoose what happened/ }).waitFor();
  assert.equal(await log.locator('.log-item').count(), 0);
  await log.getByLabel('Outcome').selectOption('reached');
  await log.getByLabel('Note').fill('Talked about the evening group; wants to start soon.');
  await log.getByRole('button', { name: 'Log contact' }).click();
  // Reaching a new inquiry's person moves it to contacted.
  await page.locator('.action-now', { hasText: 'Status: Contacted' }).waitFor();
  const entry = page.locator('#call-log .log-item').first();
  await entry.waitFor();
  assert.match(await entry.textContent(), /Phone call: Reached them/);
  assert.match(await entry.textContent(), /evening group/);

  // A follow-up whose time has passed is OVERDUE, in words.
  const fu = page.locator('#follow-ups');
  await fu.getByText('No follow-ups planned.').waitFor();
  // Two hours ago, in the browser's own time zone (America/Chicago).
  const when = await page.evaluate(() => {
    const d = new Date(Date.now() - 2 * 3600 * 1000);
    const p = (n) => String(n).padStart(2, '0');
    return { date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, time: `${p(d.getHours())}:${p(d.getMinutes())}`, utc: d.toISOString().slice(0, 16) + 'Z' };
  });
  await fu.getByLabel('What to do').fill('Send the insurance estimate');
  await fu.getByLabel('Due date').fill(when.date);
  await fu.getByLabel('Due time').fill(when.time);
  const posted = page.waitForRequest((r) => r.url().endsWith('/tasks') && r.method() === 'POST');
  await fu.getByRole('button', { name: 'Add follow-up' }).click();
  const due = (await posted).postDataJSON().due_at;
  assert.match(due, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
  assert.equal(due, when.utc, 'the local time is sent as UTC');
  const task = fu.locator('li.followup', { hasText: 'Send the insurance estimate' });
  await task.waitFor();
  assert.match(await task.textContent(), /OVERDUE/);
  await shot(page, 'journey-04-call-log');

  // 4. Convert (date of birth and sex); everything else came from the form.
  await page.getByRole('button', { name: 'Convert to client…' }).click();
  const conv = page.getByRole('dialog');
  await conv.getByLabel('Date of birth').fill('1990-05-14');
  await conv.getByLabel('Sex').selectOption('female');
  assert.match(await conv.locator('.convert-carry').textContent(), /Their insurance \(Prairie Health\) becomes the client’s coverage/);
  await conv.getByRole('button', { name: 'Create client' }).click();
  await conv.waitFor({ state: 'detached' });
  // The insurance from the public form is the client's coverage now.
  assert.match(await page.locator('#converted-note #coverage-added').textContent(),
    /The insurance coverage \(Prairie Health, member ID PH-2468\) was added to the client from this inquiry’s details\./);
  await shot(page, 'journey-04-converted');
  await page.locator('#open-chart').click();
  await h1(page, 'Journeyman, Rory');
  assert.match(await page.locator('dl.details').first().textContent(), /555-010-2468/);
  await page.getByRole('button', { name: 'Admit' }).waitFor();
  const chartUrl = page.url();

  // 5. A PHQ-9.
  await page.getByRole('link', { name: 'Record a screening' }).click();
  await h1(page, 'Record a screening');
  const item = (n) => page.locator('fieldset.item').filter({ has: page.locator('legend .item-num', { hasText: new RegExp(`^${n}\\.$`) }) });
  for (let n = 1; n <= 8; n++) await item(n).getByLabel('Several days').check();
  await item(9).getByLabel('Not at all').check();
  await page.locator('#score-result', { hasText: 'PHQ-9 total 8: mild' }).waitFor();
  await shot(page, 'journey-05-phq9');
  await page.getByRole('button', { name: 'Save screening' }).click();
  await h1(page, 'Journeyman, Rory');
  await page.locator('#screenings tbody tr', { hasText: 'PHQ-9' }).waitFor();

  // 6. Level of care: six ratings, a live recommendation, the level chosen.
  await page.getByRole('button', { name: 'Assess level of care' }).click();
  const loc = page.getByRole('dialog', { name: 'Assess level of care' });
  assert.match(await loc.locator('#rec-table').textContent(), /^Placement table: openiop default .*\(the built-in default\)\. See the table$/);
  await loc.waitFor();
  const dim = (n) => loc.locator('fieldset.radio-group').filter({ has: page.locator('legend', { hasText: new RegExp(`^D${n}:`) }) });
  const ratings = [1, 0, 2, 1, 2, 1];
  for (let i = 0; i < 6; i++) await dim(i + 1).locator('input[type=radio]').nth(ratings[i]).check();
  await loc.locator('textarea[name="notes.d5"]').fill('Drinks most evenings; two short sober periods this year.');
  await loc.locator('#rec-level', { hasText: '2.1' }).waitFor();
  assert.match(await loc.locator('#rec-result').textContent(), /rated 2 \(moderate\)/);
  assert.equal(await loc.getByLabel('Level chosen').inputValue(), '2.1');
  assert.equal(await loc.getByLabel('Why a different level').isVisible(), false);
  await shot(page, 'journey-06-placement');

  // Meanwhile the director saves a new placement table (a remark on D5
  // rated 2, a flag's wording): the save is refused, the dialog says so,
  // recommends again from the new table and keeps everything typed.
  const director = new Api(srv.url);
  assert.equal((await director.login('director')).status, 200);
  const t = (await director.get('/api/v1/placement/table')).json;
  const remarks = Object.fromEntries(t.dimensions.map((d) => [d.code, d.ratings.map((r) => r.remark || '')]));
  remarks.d5[2] = 'with weekly relapse-prevention check-ins';
  const put = await director.put('/api/v1/placement/table', {
    version: t.version, edition: t.edition, remarks,
    min_level: Object.fromEntries(t.dimensions.map((d) => [d.code, d.ratings.map((r) => r.min_level)])),
    flags: t.flags.map((f) => (f.code === 'acute_risk' ? { ...f, label: 'Acute risk of harm to self or others, now' } : f)),
  });
  assert.equal(put.status, 200, put.text);
  const sent = [];
  const onReq = (r) => { if (r.method() === 'POST' && /\/placements$/.test(r.url())) sent.push(r.postDataJSON()); };
  page.on('request', onReq);
  await loc.getByRole('button', { name: 'Save assessment' }).click();
  const why = loc.locator('.error-summary[role=alert]');
  await why.waitFor();
  assert.equal(sent[0].table_version, 0, 'the version whose recommendation was shown');
  assert.match(await why.textContent(), /^The placement table changed since this recommendation was shown.*The recommendation is still 2\.1 — Intensive outpatient care\. Nothing you entered is lost\.$/);
  await loc.locator('#rec-result', { hasText: 'weekly relapse-prevention check-ins' }).waitFor();
  assert.match(await loc.locator('#rec-table').textContent(), /\(version 1\)\. See the table$/);
  await loc.getByLabel('Acute risk of harm to self or others, now').waitFor();
  assert.equal(await loc.locator('textarea[name="notes.d5"]').inputValue(), 'Drinks most evenings; two short sober periods this year.');
  assert.equal(await dim(5).locator('input[type=radio]').nth(2).isChecked(), true);
  assert.equal(await loc.getByLabel('Level chosen').inputValue(), '2.1');
  await shot(page, 'journey-06-placement-table-changed');
  await loc.getByRole('button', { name: 'Save assessment' }).click();
  await loc.waitFor({ state: 'detached' });
  page.off('request', onReq);
  assert.equal(sent.length, 2);
  assert.equal(sent[1].table_version, 1);
  const placement = page.locator('#placements tbody tr').first();
  await placement.waitFor();
  assert.match(await placement.textContent(), /2\.1 — Intensive outpatient care/);
  assert.match(await placement.textContent(), /As recommended/);

  // 7. Insurance: the coverage made at conversion from the public form's
  // details (nothing typed again), a benefit check with its estimate, an
  // authorization.
  const cov = page.locator('#insurance section.coverage');
  await cov.locator('h3', { hasText: /^Primary: Prairie Health$/ }).waitFor();
  assert.equal(await cov.count(), 1, 'one coverage');
  const covText = await cov.locator('dl.details').textContent();
  assert.match(covText, /Member IDPH-2468/);
  assert.match(covText, /Group numberG-77/);
  assert.match(covText, new RegExp(`Plan holder${NAME}`));
  assert.match(covText, /Relationship to the plan holderSelf \(the plan holder\)/);

  await page.getByRole('button', { name: 'Record a benefit check for Prairie Health' }).click();
  const chk = page.getByRole('dialog');
  await chk.getByRole('radiogroup', { name: /Is IOP covered/ }).getByLabel('Yes').check();
  await chk.getByLabel('Deductible', { exact: true }).fill('1000');
  await chk.getByLabel('Deductible met so far').fill('200');
  await chk.getByLabel('Co-pay per IOP day').fill('20');
  await chk.getByLabel('Coinsurance (%)').fill('20');
  await chk.getByLabel('Out-of-pocket maximum').fill('3000');
  await chk.getByLabel('Out-of-pocket met so far').fill('0');
  await chk.getByLabel('Prior authorization required').check();
  await chk.getByLabel('Reference number').fill('REF-1001');
  const sentCheck = page.waitForRequest((r) => r.url().includes('/benefit-checks') && r.method() === 'POST');
  await chk.getByRole('button', { name: 'Save benefit check' }).click();
  const body = (await sentCheck).postDataJSON();
  assert.deepEqual({ d: body.deductible_cents, m: body.deductible_met_cents, c: body.copay_per_day_cents, bp: body.coinsurance_bp, oop: body.oop_max_cents },
    { d: 100000, m: 20000, c: 2000, bp: 2000, oop: 300000 });
  await chk.waitFor({ state: 'detached' });
  const est = page.locator('.estimate-box');
  await est.waitFor();
  const estText = await est.textContent();
  assert.match(estText, /First IOP day\$\d/);
  assert.match(estText, /A typical week\$/);
  assert.match(estText, /A typical stay \(24 days\)\$/);
  assert.match(estText, /This is an estimate/);

  await page.getByRole('button', { name: 'Add authorization for Prairie Health' }).click();
  const au = page.getByRole('dialog');
  await au.getByLabel('Authorization number').fill('AUTH-555');
  await au.getByLabel('Days authorized').fill('12');
  await au.getByLabel('End date').fill('2027-01-31');
  await au.getByLabel('Next review').fill('2026-12-20');
  await au.getByRole('button', { name: 'Add authorization' }).click();
  await au.waitFor({ state: 'detached' });
  const authRow = page.locator('#insurance tbody tr', { hasText: 'AUTH-555' });
  await authRow.waitFor();
  assert.match(await authRow.textContent(), /12/);
  assert.match(await authRow.textContent(), /Dec 20, 2026/);
  await shot(page, 'journey-07-chart-insurance');

  // 8. Admit to the Evening IOP at the first site.
  await page.getByRole('button', { name: 'Admit' }).click();
  const adm = page.getByRole('dialog', { name: 'Admit Rory Journeyman' });
  await adm.waitFor();
  assert.equal(await adm.getByLabel('Level of care').inputValue(), '2.1');
  await adm.getByLabel('Site').selectOption({ label: 'Riverside Recovery Center' });
  const track = adm.getByLabel('Track');
  await track.locator('option', { hasText: 'Evening IOP' }).waitFor({ state: 'attached' });
  assert.match(await track.locator('option', { hasText: 'Evening IOP' }).textContent(), /Mon, Wed, Thu, 6:00 PM–9:00 PM/);
  await track.selectOption({ label: 'Evening IOP — Mon, Wed, Thu, 6:00 PM–9:00 PM' });
  await adm.getByLabel('Primary clinician').selectOption({ label: 'Marcus Oyelaran' });
  await adm.getByLabel('Case manager').selectOption({ label: 'Lena Fischbach' });
  // The privacy notice is required.
  await adm.getByRole('button', { name: 'Admit' }).click();
  await adm.locator('.field.has-error', { hasText: '42 CFR Part 2' }).waitFor();
  await adm.getByLabel(/notice of privacy for substance use records/).check();
  await shot(page, 'journey-08-admit');
  const sentAdmit = page.waitForRequest((r) => r.url().endsWith('/episodes') && r.method() === 'POST');
  await adm.getByRole('button', { name: 'Admit' }).click();
  const admitBody = (await sentAdmit).postDataJSON();
  assert.equal(admitBody.privacy_notice_given, true);
  assert.ok(admitBody.inquiry_id, 'the inquiry is named');
  await adm.waitFor({ state: 'detached' });
  const inCare = page.locator('#in-care');
  await inCare.waitFor();
  assert.match(await inCare.textContent(), /In care: Evening IOP, Riverside Recovery Center, since /);
  assert.equal(await page.getByRole('button', { name: 'Admit' }).count(), 0);
  assert.equal(page.url(), chartUrl);
  await shot(page, 'journey-09-admitted');

  // 9. The census.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Census' }).click();
  await h1(page, 'Census');
  const row = page.locator('.census-group', { hasText: 'Evening IOP' }).locator('tbody tr', { hasText: 'Journeyman, Rory' });
  await row.waitFor();
  assert.match(await row.textContent(), /Marcus Oyelaran/);
  assert.match(await page.locator('.census-site', { has: row }).locator('h2').textContent(), /Riverside Recovery Center/);
  await shot(page, 'journey-10-census');
  await page.getByLabel('Site').selectOption({ label: 'Northgate Outpatient Clinic' });
  // Only Northgate's clients (the demo clinic's): Rory is at Riverside.
  await row.waitFor({ state: 'detached' });
  await page.locator('.result-status', { hasText: /clients? in care\./ }).waitFor();
  assert.deepEqual([...new Set(await page.locator('.census-site h2').allTextContents())], ['Northgate Outpatient Clinic']);
  assert.match(page.url(), /census\?site=\d+/);
  await page.getByLabel('Site').selectOption('');
  await row.waitFor();
  await row.getByRole('link', { name: /Journeyman, Rory/ }).click();
  await h1(page, 'Journeyman, Rory');

  // The inquiry moved to admitted.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admissions' }).click();
  await h1(page, 'Admissions');
  const done = page.locator('.inq-card', { has: page.getByRole('link', { name: NAME, exact: true }) });
  await done.waitFor();
  assert.equal(await done.locator('xpath=ancestor::section[1]').getAttribute('data-status'), 'admitted');
  assert.deepEqual(b.errors, []);
});

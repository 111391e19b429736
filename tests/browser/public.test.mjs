// The public pages in a real browser: the program page (tracks read from
// the server), the self-check (danger answers show crisis resources at
// once), the Get help form (a field error, then insurance as step 2, then
// the acknowledgement that echoes nothing) and Verify insurance; axe-core at
// 1280 and 390 px and screenshots of each page at both widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launch, h1, shot, shotsBothWidths, assertNoAxeViolations, activeName } from './browser.mjs';

const CRISIS = 'If you are in danger or thinking about suicide, call or text 988 (Suicide & Crisis Lifeline) or call 911.';

let srv;
let b;

before(async () => {
  // Plenty of submissions per hour here; the rate limit has its own server below.
  srv = await startServer({ env: { IOP_PUBLIC_RATE_PER_HOUR: '1000' } });
  b = await launch();
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

async function check(page, name) {
  await assertNoAxeViolations(page, name);
  await shotsBothWidths(page, name, { axeAtNarrow: true });
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

// Everything the page holds: visible text, markup, and any field values.
async function pageHolds(page) {
  return page.evaluate(() => [
    document.title,
    document.body.innerText,
    document.documentElement.outerHTML,
    ...[...document.querySelectorAll('input, textarea, select')].map((e) => e.value),
  ].join('\n'));
}

function assertNoneShown(all, values) {
  for (const v of values) assert.ok(!all.includes(v), `the page still shows "${v}"`);
}

test('program page: the demo tracks from the server, week grids, crisis line, links', async () => {
  const { page, errors } = b;
  const apiCalls = [];
  const onReq = (r) => { if (r.url().includes('/api/')) apiCalls.push(`${r.method()} ${new URL(r.url()).pathname}`); };
  page.on('request', onReq);
  await page.goto(srv.url + '/');
  await h1(page, /Riverside Recovery IOP/);	// the demo's program name
  await page.locator('#tracks:not([aria-busy]) .track').first().waitFor();
  page.off('request', onReq);
  assert.deepEqual([...new Set(apiCalls)], ['GET /api/v1/public/program']);

  const body = norm(await page.textContent('body'));
  assert.ok(body.includes(CRISIS), 'crisis line on the program page');
  // Two sites (in the server's order), each with a day and an evening track.
  assert.deepEqual((await page.locator('#tracks h3').allTextContents()).sort(), ['Northgate Outpatient Clinic', 'Riverside Recovery Center']);
  const site = (name) => page.locator('#tracks section.site', { has: page.getByRole('heading', { level: 3, name }) });
  for (const name of ['Riverside Recovery Center', 'Northgate Outpatient Clinic']) {
    const s = site(name);
    assert.deepEqual(await s.locator('.track h4').allTextContents(), ['Day IOP', 'Evening IOP'], name);
    const day = s.locator('.track').nth(0);
    assert.equal(await day.locator('.track-when').textContent(), 'Monday, Tuesday and Thursday, 9:00 am to 12:00 pm');
    assert.equal(await day.locator('.track-hours').textContent(), '9 hours a week');
    assert.equal(await day.locator('.track-level').textContent(), 'Intensive outpatient');
    assert.equal(await day.locator('.week li').count(), 7);
    assert.deepEqual(await day.locator('.week li.on .d-long').allTextContents(), ['Monday', 'Tuesday', 'Thursday']);
    assert.deepEqual(await day.locator('.week li.on .time').allTextContents(), Array(3).fill('9:00 am – 12:00 pm'));
    assert.deepEqual(await day.locator('.week li.off .time').allTextContents(), Array(4).fill('No group'));
    const evening = s.locator('.track').nth(1);
    assert.equal(await evening.locator('.track-when').textContent(), 'Monday, Wednesday and Thursday, 6:00 pm to 9:00 pm');
    assert.equal(await evening.locator('.track-hours').textContent(), '9 hours a week');
    assert.deepEqual(await evening.locator('.week li.on .d-long').allTextContents(), ['Monday', 'Wednesday', 'Thursday']);
    assert.deepEqual(await evening.locator('.week li.on .time').allTextContents(), Array(3).fill('6:00 pm – 9:00 pm'));
    assert.match(await evening.getAttribute('aria-labelledby'), /^track-\d+$/);
  }
  assert.equal(await page.getByRole('list', { name: 'What a week looks like in the Evening IOP group at Northgate Outpatient Clinic' }).count(), 1);
  // Each site's time zone in words, from its record.
  assert.match(body, /Times are Central time\./);
  assert.match(body, /Times are Eastern time\./);

  // The admissions phone comes from the program record.
  await page.locator('footer [data-phone-line]:not([hidden]) a[href^="tel:"]').waitFor();

  for (const [name, href] of [['Is an IOP right for me?', '/self-check.html'], ['Get help', '/get-help.html'], ['Verify your insurance', '/verify-insurance.html']])
    assert.equal(await page.locator('main .actions').getByRole('link', { name, exact: true }).getAttribute('href'), href);
  assert.equal(await page.getByRole('link', { name: 'Staff sign-in' }).getAttribute('href'), '/app/');
  await check(page, 'public-program');
  assert.deepEqual(errors, []);
});

test('program page: loading state, and a clear fallback when the request fails', async () => {
  const { page } = b;
  // Hold the request to see the loading state, then fail it.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/v1/public/program', async (route) => { await held; await route.abort('failed'); });
  await page.goto(srv.url + '/');
  const loading = page.locator('#tracks[aria-busy="true"] .loading[role=status]');
  await loading.waitFor();
  assert.match(await loading.textContent(), /Loading our group schedules/);
  release();
  const fallback = page.locator('#tracks .fallback');
  await fallback.waitFor();
  assert.match(norm(await fallback.textContent()), /We could not load our group schedules just now\..*ask us to call you back/);
  await check(page, 'public-program-fallback');
  // Try again, with the server back.
  await page.unroute('**/api/v1/public/program');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#tracks .track').first().waitFor();
  assert.equal(await page.locator('#tracks .track').count(), 4);
  b.errors.length = 0;	// the aborted request logs a console error on purpose
});

test('self-check: a danger answer shows crisis resources at once; the result explains levels of care', async () => {
  const { page, errors } = b;
  const apiCalls = [];
  const onReq = (r) => { if (r.url().includes('/api/') && !r.url().endsWith('/api/v1/public/program')) apiCalls.push(r.url()); };
  page.on('request', onReq);
  await page.goto(srv.url + '/self-check.html');
  await h1(page, 'Is an IOP right for me?');
  assert.ok(norm(await page.textContent('body')).includes(CRISIS));
  assert.match(await page.textContent('main'), /does not store your answers or send them anywhere/);
  await check(page, 'public-self-check');

  const alert = page.locator('#danger-alert');
  assert.equal(await alert.isVisible(), false);
  const q1 = page.getByRole('group', { name: 'Are you thinking about ending your life or harming yourself?' });
  await q1.getByLabel('No').check();
  assert.equal(await alert.isVisible(), false);
  // Keyboard: arrow to "Yes" in the same group.
  await q1.getByLabel('No').focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await q1.getByLabel('Yes').isChecked(), true);
  await alert.waitFor({ state: 'visible' });
  assert.equal(await alert.getAttribute('role'), 'alert');
  const text = norm(await alert.textContent());
  for (const s of ['988', '911', 'nearest emergency room']) assert.ok(text.includes(s), `crisis alert mentions ${s}: ${text}`);
  assert.equal(await alert.locator('a[href="tel:988"]').count(), 1);
  assert.equal(await alert.locator('a[href="tel:911"]').count(), 1);
  // Above everything else in main, and scrolled into view.
  assert.equal(await page.evaluate(() => document.querySelector('main .wrap').firstElementChild.id), 'danger-alert');
  assert.equal(await alert.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < window.innerHeight), true);
  await check(page, 'public-self-check-danger');

  // The withdrawal question adds the medical advice.
  await page.getByRole('group', { name: /in danger right now/ }).getByLabel('Yes').check();
  assert.match(await alert.textContent(), /Seizures, hallucinations or confusion need medical care right away/);

  // Answering "no" to both takes the alert away again.
  await q1.getByLabel('No').check();
  await page.getByRole('group', { name: /in danger right now/ }).getByLabel('No').check();
  assert.equal(await alert.isVisible(), false);

  const yesNo = async (name, a) => page.getByRole('group', { name }).getByLabel(a, { exact: true }).check();
  await yesNo(/care around the clock/, 'No');
  await yesNo(/3 to 5 days a week/, 'Yes');
  await yesNo(/supports your recovery/, 'Yes');
  await yesNo(/responsibilities/, 'Yes');
  await yesNo(/finishing a stay/, 'Yes');
  await yesNo(/heavy for a long time/, 'No');
  await page.getByRole('button', { name: 'See what this might mean' }).click();
  const result = page.locator('#result');
  await result.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'result');
  const r = norm(await result.textContent());
  assert.match(r, /an intensive outpatient program \(IOP\) could be a good fit/);
  for (const level of ['Outpatient', 'Intensive outpatient (IOP)', 'Partial hospitalization', 'Residential or inpatient', 'Medically managed withdrawal (detox)'])
    assert.ok(r.includes(level), `levels of care include ${level}`);
  assert.match(r, /not a diagnosis/);
  assert.equal(await result.getByRole('link', { name: 'Get help', exact: true }).getAttribute('href'), '/get-help.html');
  assert.doesNotMatch(await page.textContent('body'), /you have/i);
  await check(page, 'public-self-check-result');

  // A "needs round-the-clock care" answer points to more intensive care, kindly.
  await yesNo(/care around the clock/, 'Yes');
  await page.getByRole('button', { name: 'See what this might mean' }).click();
  assert.match(norm(await result.textContent()), /medically managed withdrawal \(detox\) or a residential program — may be a safer place to start/);
  assert.doesNotMatch(await page.textContent('body'), /you have/i);

  await page.getByRole('button', { name: 'Start over' }).click();
  assert.equal(await result.isVisible(), false);
  assert.equal(await page.locator('#check-form input:checked').count(), 0);
  page.off('request', onReq);
  assert.deepEqual(apiCalls, [], 'the self-check sends nothing');
  assert.deepEqual(errors, []);
});

test('get help: a field error, fixed; insurance as step 2; the acknowledgement echoes nothing', async () => {
  const { page, errors } = b;
  await page.goto(srv.url + '/get-help.html');
  await h1(page, 'Get help');
  assert.ok(norm(await page.textContent('body')).includes(CRISIS));
  await page.locator('footer [data-phone-line]:not([hidden])').waitFor();
  const privacy = norm(await page.locator('.privacy').textContent());
  for (const s of ['admissions team', '42 CFR Part 2', 'does not start treatment']) assert.ok(privacy.includes(s), `privacy notice: ${s}`);
  // The honeypot: in the form, off-screen, out of the tab order, hidden from assistive tech.
  const hp = page.locator('input[name=website]');
  assert.equal(await hp.getAttribute('tabindex'), '-1');
  assert.equal(await hp.getAttribute('autocomplete'), 'off');
  assert.equal(await page.locator('.hp').getAttribute('aria-hidden'), 'true');
  assert.equal(await page.getByLabel('Leave this field empty').count(), 1);
  const box = await hp.boundingBox();
  assert.ok(!box || box.x + box.width <= 0, 'the honeypot is off-screen');
  assert.equal(await page.getByRole('textbox', { name: 'How do you know them?' }).count(), 0, 'caller fields only for someone else');
  await check(page, 'public-get-help');

  // For someone else: the caller's name and relationship appear and are required.
  await page.getByLabel('I am asking for someone I care about').check();
  await page.getByRole('textbox', { name: 'Your name' }).waitFor();
  await page.getByRole('textbox', { name: 'Their name' }).fill('Juniper Testperson');
  await page.getByLabel('How do you know them?').fill('sister');
  await page.getByLabel('Phone').fill('555-010-7788');
  await page.getByRole('button', { name: 'Send' }).click();
  const summary = page.locator('#summary');
  await summary.waitFor({ state: 'visible' });
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.match(await summary.textContent(), /Your name: Please fill in your name/);
  assert.equal(await activeName(page), 'caller_name');
  const caller = page.getByRole('textbox', { name: 'Your name' });
  assert.equal(await caller.getAttribute('aria-invalid'), 'true');
  assert.match(await caller.getAttribute('aria-describedby'), /caller_name-error/);
  assert.match(await page.locator('#caller_name-error').textContent(), /Please fill in your name/);
  await check(page, 'public-get-help-errors');

  // Fix it and fill the rest.
  await caller.fill('Marlow Testcaller');
  await page.getByRole('group', { name: 'Is it OK to leave a voicemail?' }).getByLabel('No').check();
  await page.getByRole('group', { name: 'Is it OK to send a text?' }).getByLabel('Yes').check();
  await page.getByLabel('Email').fill('marlow.testcaller@example.org');
  await page.getByLabel('Best time to call').fill('Weekday evenings after seven');
  await page.getByLabel('Alcohol').check();
  await page.getByLabel('Opioids (including fentanyl)').check();
  await page.getByLabel('This week').check();
  await page.getByLabel('Anything you would like us to know?').fill('She has been struggling since the spring zebraquartz.');

  // Step 2: insurance.
  const toggle = page.getByRole('button', { name: 'Add insurance details (optional)' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByLabel('Member ID').isVisible(), false);
  await toggle.click();
  assert.equal(await activeName(page), 'insurance.payer');
  await page.getByLabel('Insurance company').fill('Acme Health Testplan');
  await page.getByLabel('Member ID').fill('MBR-7788123');
  await page.getByLabel('Group number').fill('GRP-44191');
  await page.getByLabel('Name of the plan holder (subscriber)').fill('Rosalind Planholder');
  await page.getByLabel("Plan holder's date of birth").fill('1961-02-03');
  await page.getByLabel('Child', { exact: true }).check();
  await check(page, 'public-get-help-insurance');

  const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/public/inquiries') && r.method() === 'POST');
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/public/inquiries'));
  await page.getByRole('button', { name: 'Send' }).click();
  const req = await sent;
  assert.equal(req.headers()['content-type'], 'application/json');
  assert.deepEqual(req.postDataJSON(), {
    kind: 'help', for_whom: 'other', name: 'Juniper Testperson', caller_name: 'Marlow Testcaller', caller_relationship: 'sister',
    phone: '555-010-7788', email: 'marlow.testcaller@example.org', ok_voicemail: false, ok_text: true,
    best_time: 'Weekday evenings after seven', substances: ['alcohol', 'opioids'], urgency: 'this_week',
    message: 'She has been struggling since the spring zebraquartz.',
    insurance: { payer: 'Acme Health Testplan', member_id: 'MBR-7788123', group_number: 'GRP-44191', subscriber_name: 'Rosalind Planholder', subscriber_dob: '1961-02-03', relationship: 'child' },
    website: '',
  });
  const res = await answered;
  assert.equal(res.status(), 202);
  const reply = await res.json();

  const ack = page.locator('#ack');
  await ack.waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ack');
  const ackText = norm(await ack.textContent());
  assert.ok(ackText.includes(norm(reply.message)), `the server's message is shown: ${ackText}`);
  assert.match(ackText, /If this is an emergency, call 911 or call or text 988\./);
  assert.equal(await page.locator('form').count(), 0, 'the form is gone');
  assertNoneShown(await pageHolds(page), ['Juniper', 'Testperson', 'Marlow', 'Testcaller', 'sister', '555-010-7788', 'marlow.testcaller',
    'Weekday evenings', 'zebraquartz', 'Acme Health', 'MBR-7788123', 'GRP-44191', 'Rosalind', 'Planholder', '1961-02-03']);
  await check(page, 'public-get-help-sent');
  assert.deepEqual(errors, []);
});

test('get help: the server\'s field errors sit next to the inputs; 413 and 429 in words', async () => {
  const { page } = b;
  await page.goto(srv.url + '/get-help.html');
  await h1(page, 'Get help');
  await page.locator('footer [data-phone-line]:not([hidden])').waitFor();
  await page.getByRole('textbox', { name: 'Your name' }).fill('Ash');
  await page.getByLabel('Phone').fill('555-010-1212');
  await page.getByRole('button', { name: 'Add insurance details (optional)' }).click();
  await page.getByLabel('Insurance company').fill('Acme');
  await page.getByLabel('Member ID').fill('M1');
  await page.getByRole('button', { name: 'Remove insurance details' }).click();
  assert.equal(await page.getByLabel('Member ID').isVisible(), false);

  // A 400 naming fields, one of them inside the (closed) insurance step.
  const answers = [
    { status: 400, body: { error: { code: 'invalid', message: 'Invalid.', fields: { 'insurance.member_id': 'is required', phone: 'must be a phone number' } } } },
    { status: 413, body: { error: { code: 'too_large', message: 'Too large.' } } },
    { status: 429, body: { error: { code: 'rate_limited', message: 'Too many requests.' } } },
  ];
  await page.route('**/api/v1/public/inquiries', (route) => {
    const a = answers.shift();
    return route.fulfill({ status: a.status, contentType: 'application/json', body: JSON.stringify(a.body) });
  });
  await page.getByRole('button', { name: 'Send' }).click();
  const summary = page.locator('#summary[role=alert]');
  await summary.waitFor();
  assert.equal(await summary.locator('h2').textContent(), 'Please check 2 answers.');
  // An empty field says what to do, not a bare "Is required".
  assert.deepEqual(await summary.locator('li').allTextContents(), ['Phone: Must be a phone number', 'Member ID: Please fill in “Member ID”']);
  assert.equal(await activeName(page), 'phone');
  assert.equal(await page.getByLabel('Member ID').isVisible(), true, 'the insurance step opens to show its error');
  assert.equal(await page.locator('#ins-member_id-error').textContent(), 'Please fill in “Member ID”');

  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#summary', { hasText: 'That was too long; please shorten your message.' }).waitFor();
  assert.equal(await page.locator('#ins-member_id-error').isVisible(), false);

  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#summary', { hasText: 'Too many requests from this connection; please call us.' }).waitFor();
  assert.equal(await page.locator('#summary a[href^="tel:"]').count(), 1, 'with the phone number');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'summary');
  await shot(page, 'public-get-help-429');
  await page.unroute('**/api/v1/public/inquiries');
  b.errors.length = 0;	// the 413 is logged by Chromium
});

test('get help: a filled honeypot gets the same acknowledgement', async () => {
  const { page, errors } = b;
  await page.goto(srv.url + '/get-help.html');
  await h1(page, 'Get help');
  await page.getByRole('textbox', { name: 'Your name' }).fill('Robot Honeypotter');
  await page.getByLabel('Email').fill('robot@example.org');
  await page.locator('input[name=website]').fill('https://spam.example');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#ack', { hasText: 'If this is an emergency, call 911 or call or text 988.' }).waitFor();
  assertNoneShown(await pageHolds(page), ['Robot', 'Honeypotter', 'robot@example.org', 'spam.example']);
  assert.deepEqual(errors, []);
});

test('verify insurance: errors, then the acknowledgement, nothing echoed', async () => {
  const { page, errors } = b;
  await page.goto(srv.url + '/verify-insurance.html');
  await h1(page, 'Verify your insurance');
  assert.ok(norm(await page.textContent('body')).includes(CRISIS));
  assert.match(norm(await page.locator('.privacy').textContent()), /42 CFR Part 2/);
  await check(page, 'public-verify-insurance');

  await page.getByRole('button', { name: 'Ask us to check my coverage' }).click();
  const summary = page.locator('#summary[role=alert]');
  await summary.waitFor();
  assert.equal(await summary.locator('h2').textContent(), 'Please check 4 answers.');
  const items = await summary.locator('li').allTextContents();
  assert.deepEqual(items.map((t) => t.split(':')[0]), ['Insurance company', 'Member ID', 'Your name', 'Phone']);
  assert.match(items[3], /Please give a phone number or an email address/);
  assert.equal(await activeName(page), 'payer');
  await check(page, 'public-verify-insurance-errors');

  await page.getByLabel('Insurance company').fill('Prairie Mutual Testcare');
  await page.getByLabel('Member ID').fill('PMX-5531907');
  await page.getByLabel('Group number').fill('G-88120');
  await page.getByLabel('Name of the plan holder (subscriber)').fill('Tamsin Subscriberly');
  await page.getByLabel("Plan holder's date of birth").fill('1974-11-30');
  await page.getByLabel('Spouse or partner').check();
  await page.getByLabel('Your name').fill('Ellery Callbackson');
  await page.getByLabel('Email').fill('ellery.callbackson@example.org');

  const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/public/inquiries') && r.method() === 'POST');
  await page.getByRole('button', { name: 'Ask us to check my coverage' }).click();
  assert.deepEqual((await sent).postDataJSON(), {
    kind: 'insurance', payer: 'Prairie Mutual Testcare', member_id: 'PMX-5531907', group_number: 'G-88120',
    subscriber_name: 'Tamsin Subscriberly', subscriber_dob: '1974-11-30', relationship: 'spouse',
    name: 'Ellery Callbackson', phone: '', email: 'ellery.callbackson@example.org', website: '',
  });
  const ack = page.locator('#ack');
  await ack.waitFor({ state: 'visible' });
  assert.match(norm(await ack.textContent()), /We received your request.*If this is an emergency, call 911 or call or text 988\./);
  assert.equal(await page.locator('form').count(), 0);
  assertNoneShown(await pageHolds(page), ['Prairie Mutual', 'PMX-5531907', 'G-88120', 'Tamsin', 'Subscriberly', '1974-11-30', 'Ellery', 'Callbackson']);
  await check(page, 'public-verify-insurance-sent');
  assert.deepEqual(errors, []);
});

test('too many submissions from one address: the real 429, in words, with the phone', async () => {
  const limited = await startServer({ env: { IOP_PUBLIC_RATE_PER_HOUR: '1' } });
  const { page } = b;
  try {
    for (let i = 0; i < 2; i++) {
      await page.goto(limited.url + '/verify-insurance.html');
      await page.locator('footer [data-phone-line]:not([hidden])').waitFor();
      await page.getByLabel('Insurance company').fill('Acme');
      await page.getByLabel('Member ID').fill('A1');
      await page.getByLabel('Your name').fill('Sam');
      await page.getByLabel('Phone').fill('555-010-9999');
      await page.getByRole('button', { name: 'Ask us to check my coverage' }).click();
      if (i === 0) await page.locator('#ack:not([hidden])').waitFor();
    }
    await page.locator('#summary', { hasText: 'Too many requests from this connection; please call us.' }).waitFor();
    assert.equal(await page.locator('#summary a[href^="tel:"]').count(), 1);
    // The form is still there, so nothing typed is lost.
    assert.equal(await page.getByLabel('Member ID').inputValue(), 'A1');
  } finally {
    await limited.stop();
    b.errors.length = 0;
  }
});

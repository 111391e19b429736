// Reviewing the audit log in a real browser: opening a chart writes one
// audit row (listing what it showed) where it wrote one per part; the
// administrator filters the log by staff member, client, dates and action,
// is told next to the field what to correct, and downloads the filtered log
// as a CSV file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shot, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

let srv, b, client, admin, clinId;

before(async () => {
  srv = await startServer();
  b = await launch();
  const clin = new Api(srv.url);
  await clin.login('clinician');
  const r = await clin.post('/api/v1/clients', { first_name: 'Oriel', last_name: 'Vantongeren', dob: '1979-03-02', sex: 'female' });
  assert.equal(r.status, 201, r.text);
  client = r.json;
  assert.equal((await clin.post(`/api/v1/clients/${client.id}/contacts`, { name: 'Pell Vantongeren', relationship: 'brother', phone: '312-555-0188' })).status, 201);
  assert.equal((await clin.get(`/api/v1/clients/${client.id}`)).status, 200);
  admin = new Api(srv.url);
  await admin.login('admin');
  clinId = (await admin.get('/api/v1/audit?action=client.create&limit=1')).json.items[0].user_id;
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

// The audit rows after id `since` about the client.
async function rowsSince(since) {
  const r = await admin.get(`/api/v1/audit?client=${client.id}&limit=200`);
  return r.json.items.filter((x) => x.id > since && x.action !== 'audit.read');
}

test('opening a chart writes exactly one audit row, listing what it showed', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'director');
  await h1(page, 'Clients');
  const since = (await admin.get('/api/v1/audit?limit=1')).json.items[0].id;
  const asked = [];
  page.on('request', (q) => { const u = new URL(q.url()); if (u.pathname.startsWith('/api/')) asked.push(u.pathname); });
  await page.goto(`${srv.url}/app/#/clients/${client.id}`);
  await h1(page, 'Vantongeren, Oriel');
  await page.getByText('Pell Vantongeren').waitFor();
  await page.locator('#insurance').waitFor();
  await page.locator('#placements').waitFor();
  await page.waitForLoadState('networkidle');
  const mine = asked.filter((p) => p.startsWith(`/api/v1/clients/${client.id}`));
  assert.deepEqual(mine, [`/api/v1/clients/${client.id}/chart`], 'the chart asks once');
  const rows = await rowsSince(since);
  assert.deepEqual(rows.map((x) => x.action), ['client.chart_opened']);
  assert.equal(rows[0].action_words, 'Opened a client\'s chart');
  assert.match(rows[0].detail, /^shown: client; contacts=\d+; alerts=none; screenings=none; episodes=none; placements=none; coverages=none; benefit_checks=none; authorizations=none; appointments=none; hours_weeks=none; billable_days=none; plans=none; medications=none; drug_screens=none; measures=none; notes=none; consents=none; disclosures=none; alumni_checkins=none; case_management=none; aftercare_plans=none; care_team=(\d+|none)$/);
  assert.deepEqual(b.errors, []);
});

test('the administrator filters the audit log, is told what to correct, and downloads it', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'admin');
  await page.goto(`${srv.url}/app/#/audit`);
  await h1(page, 'Audit log');
  const filters = page.getByRole('search', { name: 'Filter entries' });
  await filters.waitFor();
  // The action choices are words, grouped.
  const actionBox = filters.getByLabel('Action');
  const options = await actionBox.locator('option').allTextContents();
  assert.ok(options.includes('Checked benefits') && options.includes('Opened a client\'s chart'), options.join('|'));
  assert.ok(options.every((o) => !/[a-z]_[a-z]|\.[a-z]/.test(o)), 'no codes among the choices');
  assert.match(await filters.locator('.audit-zone').textContent(), /Central Time \(America\/Chicago\)/);

  // Not a record number, and the days the wrong way round: told next to the field.
  await filters.getByLabel('Client').fill('Vantongeren');
  await filters.getByLabel('From').fill('2026-12-06');
  await filters.getByLabel('To (inclusive)').fill('2026-12-01');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await filters.locator('.field-error', { hasText: '“Vantongeren” is not a record number' }).waitFor();
  assert.equal(await filters.getByLabel('Client').getAttribute('aria-invalid'), 'true');
  await filters.getByLabel('Client').fill(client.mrn);
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await filters.locator('.field-error', { hasText: 'The last day is before the first day' }).waitFor();

  // Staff member, client, today, "Read client details".
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
  await filters.getByLabel('Staff member').selectOption(String(clinId));
  await filters.getByLabel('From').fill(today);
  await filters.getByLabel('To (inclusive)').fill(today);
  await actionBox.selectOption({ label: 'Read client details' });
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit' && new URL(r.url()).searchParams.get('action') === 'client.read');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  const res = await answer;
  const q = new URL(res.url()).searchParams;
  assert.equal(q.get('staff'), String(clinId));
  assert.equal(q.get('client'), String(client.id));
  assert.match(q.get('from'), /^\d{4}-\d\d-\d\dT\d\d:00Z$/);
  assert.equal(Date.parse(q.get('to')) - Date.parse(q.get('from')), 86400e3);
  const data = await res.json();
  assert.equal(data.total, 1);
  await page.locator('.audit-status', { hasText: '1 entry matching the filters' }).waitFor();
  const rows = page.locator('tbody tr');
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), /clinician.*Read client details/);
  assert.match(page.url(), new RegExp(`#/audit\\?staff=${clinId}&client=${client.id}&from=${today}&to=${today}&action=client.read`));
  await shot(page, 'audit-log-filters');
  await assertNoAxeViolations(page, 'audit log with filters');

  // The CSV download is the filtered log, named for today.
  const dl = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download these entries (CSV)' }).click();
  const file = await dl;
  assert.match(file.suggestedFilename(), /^audit-log-\d{4}-\d\d-\d\d\.csv$/);
  const raw = readFileSync(await file.path(), 'utf8');
  assert.ok(raw.startsWith('\uFEFF"Entry","Time (UTC)"'), 'UTF-8 with its byte-order mark, for spreadsheets');
  const csv = raw.slice(1);
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 2, csv);
  assert.match(lines[1], /"clinician","clinician","Read client details","client\.read","IOP-\d{6}"/);
  const exp = (await admin.get('/api/v1/audit?action=audit.export&limit=1')).json.items[0];
  assert.match(exp.detail, new RegExp(`^filter: staff=${clinId} client=${client.id} from=.* action=client\\.read; rows=1$`));

  // A reload keeps the filters; "Clear filters" shows everything again.
  await page.reload();
  await h1(page, 'Audit log');
  await page.locator('.audit-status', { hasText: '1 entry matching the filters' }).waitFor();
  assert.equal(await page.getByRole('search', { name: 'Filter entries' }).getByLabel('Client').inputValue(), client.mrn);
  await shotsBothWidths(page, 'audit-log-filters-reloaded');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.locator('.audit-status', { hasText: /entries, newest first/ }).waitFor();
  assert.ok(!/matching/.test(await page.locator('.audit-status').textContent()));
  assert.match(page.url(), /#\/audit$/);
  assert.deepEqual(b.errors, []);
});

// Care relationships in a real browser: a clinician opens the chart of a
// client outside their care and sees who the client is and why the record is
// closed; a too-short reason is named beside its field; with a reason the
// record opens ("break the glass"). The director then sees the task on their
// tasks page and the flagged row in the audit review, and adds the nurse to
// the care team from the chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Api } from '../lib/server.mjs';
import { launch, signIn, h1, shotsBothWidths, assertNoAxeViolations } from './browser.mjs';

let srv;
let b;
let client;

before(async () => {
  srv = await startServer();
  b = await launch();
  const dir = new Api(srv.url);
  await dir.login('director');
  const r = await dir.post('/api/v1/clients', { first_name: 'Rowan', last_name: 'Glassbrook', dob: '1988-02-03', sex: 'male' });
  assert.equal(r.status, 201, r.text);
  client = r.json;
});

after(async () => {
  if (b) await b.close();
  if (srv) await srv.stop();
});

test('a clinician outside the care breaks the glass; the director sees it flagged and adds to the care team', async () => {
  const { page } = b;
  await signIn(page, srv.url, 'clinician');
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  await h1(page, 'Glassbrook, Rowan');
  await page.getByRole('heading', { level: 2, name: "You are not part of Rowan Glassbrook's care team." }).waitFor();
  await page.getByText(client.mrn).first().waitFor();
  // Nothing of the record is on the page.
  assert.equal(await page.locator('#care-team, #appointments, #plan').count(), 0);
  await shotsBothWidths(page, 'break-glass', { axeAtNarrow: true });

  const reason = page.getByLabel('Why must you open this record now?');
  await reason.fill('crisis');
  await page.getByRole('button', { name: 'Open in an emergency' }).click();
  await page.locator('.field.has-error').getByText(/at least 10 characters/).waitFor();
  await reason.fill('Client in crisis at the front desk; their clinician is away today');
  await page.getByRole('button', { name: 'Open in an emergency' }).click();
  // The chart itself, with the care team section.
  await page.locator('#care-team').waitFor();
  await h1(page, 'Glassbrook, Rowan');
  await page.getByText(/The director has been told/).waitFor();
  await shotsBothWidths(page, 'break-glass-opened');

  await signIn(page, srv.url, 'director');
  await page.goto(srv.url + '/app/#/tasks');
  const task = page.getByText(/Emergency access to Rowan Glassbrook .* by Marcus Oyelaran: Client in crisis/);
  await task.waitFor();
  await page.getByText('Emergency access (flagged)').first().waitFor();
  await shotsBothWidths(page, 'break-glass-director-task');

  await page.goto(srv.url + '/app/#/audit');
  await h1(page, 'Audit log');
  await page.getByRole('button', { name: 'Flagged: emergency access' }).click();
  const row = page.locator('tbody tr').filter({ hasText: 'Opened a client\'s record in an emergency' }).first();
  await row.waitFor();
  await row.getByText('Flagged', { exact: true }).waitFor();
  await row.getByText(/Client in crisis at the front desk/).waitFor();
  await shotsBothWidths(page, 'break-glass-audit-flagged');

  // The care team, from the chart.
  await page.goto(srv.url + `/app/#/clients/${client.id}`);
  const team = page.locator('#care-team');
  await team.getByText('Nobody has been added by hand.').waitFor();
  await team.getByRole('button', { name: 'Add to care team…' }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.getByLabel('Staff member').selectOption({ label: 'Grace Mbeki (Nurse)' });
  await dlg.getByLabel("Role in this client's care").fill('nurse');
  await dlg.getByRole('button', { name: 'Add' }).click();
  await dlg.waitFor({ state: 'detached' });
  await team.getByText('Grace Mbeki').waitFor();
  await team.scrollIntoViewIfNeeded();
  await shotsBothWidths(page, 'care-team');
  await assertNoAxeViolations(page, 'chart with care team');
});

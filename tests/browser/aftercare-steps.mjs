// Steps on the chart of a discharged client, for flows that pass through
// the end of care (the journey test): sign the discharge summary, and fill
// in and have the client sign the aftercare plan.  Each starts on the
// client's chart (page at #/clients/{id}) and ends with the card signed.

// The discharge summary: drafted from the record, recommendations, signed.
export async function signDischargeSummary(page, recommendations = 'Weekly outpatient therapy; mutual-help meetings twice a week.') {
  const card = page.locator('#discharge-summary');
  await card.getByRole('button', { name: 'Draft from the record' }).click();
  await card.getByLabel('Recommendations').fill(recommendations);
  await card.getByRole('button', { name: 'Sign…' }).click();
  await page.locator('dialog[open]').getByRole('button', { name: 'Sign', exact: true }).click();
  await card.locator('#dsummary-signed').filter({ hasText: 'Locked' }).waitFor();
}

// The aftercare plan: started (unless it is), the parts signing needs filled
// in, saved, handed over, signed by the client as signName; returns the
// printable page's address.
export async function signAftercarePlan(page, firstName, signName, {
  provider = 'Lakeside Counseling (fictitious)', phone = '(555) 010-2233', group = 'na',
  groupDetails = 'Mondays 7 pm, Grace Hall', coping = 'Call my sponsor; go to a meeting.',
} = {}) {
  const card = page.locator('#aftercare');
  await card.getByRole('heading', { name: 'Aftercare plan' }).waitFor();
  const start = card.getByRole('button', { name: 'Start the aftercare plan' });
  if (await start.count()) await start.click();
  await card.getByLabel('Outpatient provider').fill(provider);
  await card.getByLabel('Provider’s phone').fill(phone);
  await card.getByRole('button', { name: 'Add a support group' }).click();
  await card.locator('#aftercare-group-0-kind').selectOption(group);
  await card.locator('#aftercare-group-0-details').fill(groupDetails);
  await card.getByLabel('Sober living', { exact: true }).selectOption('not_needed');
  await card.getByLabel('What helps (coping steps)').fill(coping);
  await card.getByRole('button', { name: `${firstName} signs…` }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.getByRole('heading', { name: 'Your aftercare plan' }).waitFor();
  await dlg.getByLabel('Type your full name to sign').fill(signName);
  await dlg.getByLabel('I have read this aftercare plan, helped write it, and I agree with it.').check();
  await dlg.getByRole('button', { name: 'Sign my plan' }).click();
  await dlg.getByRole('button', { name: 'Done (staff)' }).click();
  await card.locator('#aftercare-state').filter({ hasText: `Signed by ${signName}` }).waitFor();
  return card.getByRole('link', { name: 'Print for the client' }).getAttribute('href');
}

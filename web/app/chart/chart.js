// The client's chart: the page that reads a client's record (in one answer,
// one audit row: GET /clients/{id}/chart) and sets out its sections, one module each in this folder: the safety-alert banner
// (alerts.js), demographics, screenings, level of care (placement.js),
// insurance, contacts; the "In care" line and "Admit" (episode.js).
import { api, auth, orError, ApiError } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { confirmDialog } from '../components/dialog.js';
import { toast } from '../components/toast.js';
import { clientName } from '../format.js';
import { staffDirectory } from '../directory.js';
import { pageHeader, linkButton, button } from '../components/page.js';
import { drawAlerts, loadAlerts } from './alerts.js';
import { loadScreenings, drawScreenings } from './screenings.js';
import { inCareLine, canAdmit, admitDialog, openEpisode } from './episode.js';
import { canEnd, dischargeDialog, transferDialog, dischargedLine, lastDischarged, loadSummary, drawSummary } from './discharge.js';
import { drawPlacements } from './placement.js';
import { loadAftercare, drawAftercare } from './aftercare.js';
import { loadInsurance, drawInsurance } from './insurance.js';
import { drawContacts } from './contacts.js';
import { demographics } from './demographics.js';
import { drawAppointments, loadAppointments } from './appointments.js';
import { feedPanel } from '../account/feeds.js';
import { drawHours } from './hours.js';
import { drawBillableDays } from '../billing/days.js';
import { drawPlan, loadPlans, planReviewBanner } from './plan.js';
import { drawMedications, loadMedications } from './medications.js';
import { drawDrugScreens, loadDrugScreens, drugScreenVocabulary } from './drugscreens.js';
import { drawMeasures, loadMeasures } from './measures.js';
import { drawNotes } from './notes.js';
import { drawConsents, loadConsents, consentVocabulary } from './consents.js';
import { drawCaseManagement, loadCaseManagement, casemgmtVocabulary } from './casemgmt.js';
import { drawCareTeam, loadCareTeam } from './careteam.js';
import { drawAlumniCheckins } from './alumni.js';

export async function render(ctx) {
  const id = ctx.params.id;
  const chart = await loadChart(id);
  if (!ctx.isCurrent()) return;
  draw(ctx, chart.client, chart.contacts, chart.clinical, chart.appointments, chart.hours, chart.plans);
}

// Everything the chart's first view shows, in one answer and one audit row
// (GET /clients/{id}/chart: the parts the user's roles may see, each as its
// own route answers it, or with its error); the staff directory and the
// placement table name no client and come apart.  A section reloads its
// own part from its own route later.
async function loadChart(id) {
  const canScreen = auth.can('screening.read');
  const [d, dir, table, vocab, consentVocab, cmVocab] = await Promise.all([
    api.get(paths.clientChart(id)),
    staffDirectory().catch(() => null),
    canScreen ? orError(placementTable()) : null,
    canScreen ? drugScreenVocabulary().catch(() => null) : null,
    consentVocabulary().catch(() => null),
    casemgmtVocabulary().catch(() => null),
  ]);
  // A part that failed carries its error body and status.
  const part = (p) => (p && p.error ? { error: new ApiError(p.status || 500, p) } : p);
  const alerts = part(d.alerts);
  const care = { dir };
  if (d.episodes !== undefined) care.episodes = part(d.episodes);
  if (canScreen) {
    care.placements = part(d.placements);
    care.table = table;
  }
  if (auth.can('insurance.manage')) {
    care.insurance = { coverages: part(d.coverages), checks: part(d.benefit_checks), auths: part(d.authorizations) };
  }
  return {
    client: d.client,
    appointments: part(d.appointments),
    hours: d.hours_weeks === undefined ? null : part(d.hours_weeks),
    plans: part(d.plans),
    contacts: part(d.contacts) || { items: [], total: 0 },
    clinical: {
      // Every alert, open and resolved: the banner and the alert history.
      alerts: alerts && !alerts.error ? (alerts.items || []) : (alerts || []),
      screenings: canScreen ? part(d.screenings) || null : null,
      // Medications and drug screens (screening.read), and their vocabulary.
      medications: canScreen ? part(d.medications) || null : null,
      drugScreens: canScreen ? part(d.drug_screens) || null : null,
      // Repeated measures: what is due and the score history.
      measures: canScreen ? part(d.measures) || null : null,
      notes: canScreen ? part(d.notes) || null : null,
      // Billable days (clients.read): the last 30 days.
      billable: d.billable_days === undefined ? null : part(d.billable_days),
      vocab,
      dir: canScreen ? dir : null,
      care,
      // Part 2 consents and the accounting of disclosures (clients.read).
      consents: d.consents === undefined ? null : { consents: part(d.consents), disclosures: part(d.disclosures) },
      consentVocab,
      // Case management: needs, court dates, referrals (clients.read).
      caseManagement: d.case_management === undefined ? null : part(d.case_management),
      cmVocab,
      // The aftercare plans (the newest version of each episode's), screening.read.
      aftercare: d.aftercare_plans === undefined ? undefined : part(d.aftercare_plans),
      careTeam: d.care_team === undefined ? null : part(d.care_team),
      // Alumni check-ins after a discharge (clients.read).
      alumni: d.alumni_checkins === undefined ? null : part(d.alumni_checkins),
    },
  };
}

// Read with each chart: a director may have saved a new version since.
function placementTable() {
  return api.get(paths.placementTable);
}

function draw(ctx, c, contacts, clinical, appointments, hours, plans) {
  clear(ctx.main);
  const canWrite = auth.can('clients.write');
  const actions = [];
  if (canWrite) {
    actions.push(linkButton(`#/clients/${c.id}/edit`, 'Edit', 'secondary', { id: 'edit-client' }));
    if (auth.can('clients.deactivate')) actions.push(button(c.active ? 'Deactivate' : 'Reactivate', () => toggleActive(ctx, c), 'secondary', { id: 'toggle-active' }));
  }
  if (auth.can('audit.read')) actions.push(linkButton(`#/clients/${c.id}/audit`, 'Audit trail', 'secondary', { id: 'audit-link' }));
  const care = clinical.care || {};
  if (c.active && canAdmit(care)) actions.unshift(button('Admit', () => admit(ctx, c, care), 'primary', { id: 'admit' }));
  if (canEnd(care)) {
    actions.unshift(button('Discharge…', () => endEpisode(ctx, c, care, dischargeDialog), 'secondary', { id: 'discharge' }));
    actions.unshift(button('Step down / transfer…', () => endEpisode(ctx, c, care, transferDialog), 'secondary', { id: 'transfer' }));
  }

  const sub = h('div.page-sub-wrap', h('p.page-sub', h('span.mrn', { text: c.mrn }), ' ', c.active ? badge('Active', 'ok') : badge('Inactive', 'warn')), inCareLine(care), dischargedLine(care));
  ctx.main.append(pageHeader(ctx, clientName(c), { back: { href: '#/clients', label: 'Clients' }, actions, sub }));
  if (!c.active) {
    ctx.main.append(h('div.notice.notice-warn', h('p', h('strong', { text: 'Inactive client. ' }), 'This record is kept but hidden from the client list unless inactive clients are included.')));
  }
  // Open safety alerts come first, where nobody can miss them.
  const alertsHost = h('div.alerts-host', { id: 'alerts-host' });
  // Resolved alerts, with their responses, follow the screenings that raised them.
  const historyHost = h('div.alerts-history-host');
  ctx.main.append(alertsHost);
  // An overdue plan review, where the clinician sees it on opening the chart.
  const planBannerHost = h('div.plan-banner-host');
  ctx.main.append(planBannerHost);
  const alertOpts = { after: () => reloadScreenings(ctx, c, clinical), isCurrent: ctx.isCurrent, historyHost };
  drawAlerts(alertsHost, c, clinical.alerts, alertOpts);
  // A voided screening closes its open alerts: both are read again.
  clinical.afterVoid = async () => {
    const [alerts] = await Promise.all([loadAlerts(c.id), reloadScreenings(ctx, c, clinical)]);
    if (ctx.isCurrent()) drawAlerts(alertsHost, c, alerts, alertOpts);
  };

  ctx.main.append(demographics(c));

  // Appointments: first from the chart's one answer, then (after a booking
  // or a change) from their own route (an appointment.list row).
  const apptSection = h('section.card', { 'aria-labelledby': 'appointments-title', id: 'appointments' });
  ctx.main.append(apptSection);
  const apptAsk = ctx.line();
  const apptOpts = { contacts };
  apptOpts.reload = async () => {
    const ticket = apptAsk();
    let data;
    try { data = await loadAppointments(c.id); } catch (err) { if (err.status === 401) return; data = { error: err }; }
    if (!ticket()) return;
    drawAppointments(apptSection, c, data, apptOpts);
  };
  if (appointments) drawAppointments(apptSection, c, appointments, apptOpts);
  else {
    drawAppointments(apptSection, c, null, apptOpts);
    apptOpts.reload();
  }

  // Hours: the client's weeks against their level of care.
  if (hours) {
    const hoursSection = h('section.card', { 'aria-labelledby': 'hours-title', id: 'hours' });
    ctx.main.append(hoursSection);
    drawHours(hoursSection, hours);
  }
  // Billable days: every day attended, billable or why not (its own route).
  drawBillableDays(ctx, c, clinical.billable);
  // The client's schedule as a calendar link (for the client's phone).
  if (auth.can('clients.write')) {
    ctx.main.append(feedPanel({
      kind: 'client', id: c.id, title: 'Calendar feed',
      intro: `${c.first_name}'s groups and appointments, for a calendar app on their phone. Other clients never appear in it.`,
      warning: 'Anyone who has the link sees the times and places of these groups and appointments. Give it only to the client, and revoke it if it may have been shared.',
    }));
  }

  // The treatment plan: from the chart's one answer, then from its own
  // route after a change (a plan.list row).
  const planSection = h('section.card', { 'aria-labelledby': 'plan-title', id: 'plan' });
  ctx.main.append(planSection);
  const planAsk = ctx.line();
  const planOpts = {};
  planOpts.reload = async (focusId) => {
    const ticket = planAsk();
    let data;
    try { data = await loadPlans(c.id); } catch (err) { if (err.status === 401) return; data = { error: err }; }
    if (!ticket()) return;
    drawPlanBanner(data);
    await drawPlan(planSection, c, data, clinical.care, planOpts);
    const el = focusId && document.getElementById(focusId);
    if (el) el.focus();
  };
  const drawPlanBanner = (data) => {
    clear(planBannerHost);
    const el = planReviewBanner(data, clinical.care, () => {
      planSection.scrollIntoView({ block: 'start' });
      const t = document.getElementById('plan-title');
      if (t) { t.setAttribute('tabindex', '-1'); t.focus({ preventScroll: true }); }
    });
    if (el) planBannerHost.append(el);
  };
  if (plans) {
    drawPlanBanner(plans);
    drawPlan(planSection, c, plans, clinical.care, planOpts);
  } else planOpts.reload();
  // Notes (group parts and appointment notes), clinical staff only.
  if (auth.can('screening.read')) drawNotes(ctx, c, clinical.notes);

  // The discharge summary of the episode that ended last (its own route);
  // sending it on reloads the consents section (sumOpts.consentOpts, set
  // when that section is drawn below).
  const ended = lastDischarged(clinical.care || {});
  const sumOpts = {};
  if (ended && auth.can('screening.read')) {
    const sumSection = h('section.card', { 'aria-labelledby': 'dsummary-title', id: 'discharge-summary' });
    ctx.main.append(sumSection);
    const sumAsk = ctx.line();
    const reloadSummary = async (focusId) => {
      const ticket = sumAsk();
      let data;
      try { data = await loadSummary(ended.id); } catch { return; }
      if (!ticket()) return;
      drawSummary(sumSection, c, ended, data, reloadSummary, sumOpts);
      const el = focusId && document.getElementById(focusId);
      if (el) { if (!el.matches('textarea,input,button')) el.setAttribute('tabindex', '-1'); el.focus(); }
    };
    // None drafted yet (the episode says): "Draft from the record", no
    // request that would only answer 404.
    if (ended.discharge_summary_id) {
      drawSummary(sumSection, c, ended, undefined, reloadSummary, sumOpts);
      reloadSummary();
    } else {
      drawSummary(sumSection, c, ended, null, reloadSummary, sumOpts);
    }
  }

  // The aftercare plan of the open episode (drafted before the discharge)
  // or of the one that ended last (its own route).
  const acEpisode = openEpisode(clinical.care || {}) || ended;
  if (acEpisode && auth.can('screening.read')) {
    const acSection = h('section.card', { 'aria-labelledby': 'aftercare-title', id: 'aftercare' });
    ctx.main.append(acSection);
    const acAsk = ctx.line();
    const acOpts = {};
    acOpts.reload = async (focusId) => {
      const ticket = acAsk();
      let data;
      try { data = await loadAftercare(acEpisode.id); } catch { return; }
      if (!ticket()) return;
      drawAftercare(acSection, c, acEpisode, data, acOpts);
      const el = focusId && document.getElementById(focusId);
      if (el) { if (!el.matches('textarea,input,button,select')) el.setAttribute('tabindex', '-1'); el.focus(); }
    };
    // First from the chart's one answer; after a change, from its own route.
    const acPart = clinical.aftercare;
    if (acPart && !acPart.error) {
      drawAftercare(acSection, c, acEpisode, (acPart.items || []).find((x) => x.episode_id === acEpisode.id) || null, acOpts);
    } else {
      drawAftercare(acSection, c, acEpisode, acPart && acPart.error ? acPart : undefined, acOpts);
    }
  }

  if (auth.can('screening.read')) {
    clinical.section = h('section.card', { 'aria-labelledby': 'screenings-title', id: 'screenings' });
    ctx.main.append(clinical.section);
    drawScreenings(clinical.section, c, clinical.screenings, clinical.dir, { reload: clinical.afterVoid });
    clinical.measuresSection = h('section.card', { 'aria-labelledby': 'measures-title', id: 'measures' });
    ctx.main.append(clinical.measuresSection);
    drawMeasures(clinical.measuresSection, c, clinical.measures);
  }
  ctx.main.append(historyHost);

  if (auth.can('screening.read')) drawClinicalLists(ctx, c, clinical);

  if (auth.can('screening.read')) {

    const placeSection = h('section.card', { 'aria-labelledby': 'placement-title', id: 'placements' });
    ctx.main.append(placeSection);
    const placeAsk = ctx.line();
    const reloadPlacements = async () => {
      const ticket = placeAsk();
      try {
        care.placements = await api.get(paths.clientPlacements(c.id));
      } catch (err) { if (err.status === 401) return; care.placements = { error: err }; }
      if (!ticket()) return;
      drawPlacements(placeSection, c, care, reloadPlacements);
      const b = document.getElementById('assess-loc');
      if (b) b.focus();
    };
    drawPlacements(placeSection, c, care, reloadPlacements);
  }

  if (auth.can('insurance.manage')) {
    const insSection = h('section.card', { 'aria-labelledby': 'insurance-title', id: 'insurance' });
    ctx.main.append(insSection);
    const insAsk = ctx.line();
    const reloadInsurance = async (opts = {}) => {
      const ticket = insAsk();
      try { care.insurance = await loadInsurance(c.id); } catch { return; }
      if (!ticket()) return;
      drawInsurance(insSection, c, care, reloadInsurance, opts);
    };
    drawInsurance(insSection, c, care, reloadInsurance);
  }

  // Case management: from the chart's one answer, then from its own route
  // after a change (a casemgmt.read row).  Its referral packet opens the
  // release dialog of Consents and disclosures, which it reloads.
  const cmOpts = { vocab: clinical.cmVocab, consentOpts: {} };
  if (clinical.caseManagement) {
    const cmSection = h('section.card', { 'aria-labelledby': 'casemgmt-title', id: 'case-management' });
    ctx.main.append(cmSection);
    const cmAsk = ctx.line();
    cmOpts.reload = async (focusId) => {
      const ticket = cmAsk();
      let data;
      try { data = await loadCaseManagement(c.id); } catch (err) { if (err.status === 401) return; data = { error: err }; }
      if (!ticket()) return;
      drawCaseManagement(cmSection, c, data, cmOpts);
      const el = focusId && document.getElementById(focusId);
      if (el) { if (!el.matches('button,a,input,select,textarea')) el.setAttribute('tabindex', '-1'); el.focus(); }
    };
    drawCaseManagement(cmSection, c, clinical.caseManagement, cmOpts);
  }

  if (clinical.consents) {
    const consentSection = h('section.card', { 'aria-labelledby': 'consents-title', id: 'consents' });
    ctx.main.append(consentSection);
    const consentAsk = ctx.line();
    const consentOpts = { vocab: clinical.consentVocab };
    consentOpts.reload = async (focusId) => {
      const ticket = consentAsk();
      let data;
      try { data = await loadConsents(c.id); } catch { return; }
      if (!ticket()) return;
      drawConsents(consentSection, c, data, consentOpts);
      const el = focusId && document.getElementById(focusId);
      if (el) el.focus();
    };
    drawConsents(consentSection, c, clinical.consents, consentOpts);
    cmOpts.consentOpts = consentOpts;
    sumOpts.consentOpts = consentOpts;
  }

  // Who is in the client's care by hand (the care team).
  if (clinical.careTeam) {
    const teamSection = h('section.card', { 'aria-labelledby': 'care-team-title', id: 'care-team' });
    ctx.main.append(teamSection);
    const teamAsk = ctx.line();
    const teamOpts = {};
    teamOpts.reload = async (focusId) => {
      const ticket = teamAsk();
      let data;
      try { data = await loadCareTeam(c.id); } catch (err) { if (err.status === 401) return; data = { error: err }; }
      if (!ticket()) return;
      drawCareTeam(teamSection, c, data, teamOpts);
      const el = focusId && document.getElementById(focusId);
      if (el) el.focus();
    };
    drawCareTeam(teamSection, c, clinical.careTeam, teamOpts);
  }

  // The alumni check-ins after a discharge: shown once a discharge has
  // planned them.
  if (clinical.alumni && (clinical.alumni.error || (clinical.alumni.items || []).length)) {
    const alumniSection = h('section.card', { 'aria-labelledby': 'alumni-checkins-title', id: 'alumni-checkins' });
    ctx.main.append(alumniSection);
    drawAlumniCheckins(alumniSection, clinical.alumni);
  }

  const contactsSection = h('section.card', { 'aria-labelledby': 'contacts-title' });
  ctx.main.append(contactsSection);
  drawContacts(ctx, c, contacts, contactsSection);
}

// Medications, then drug screens: each first from the chart's one answer,
// then (after a change) from its own route.  A medication added or stopped
// changes what the next screen expects, so both are read again after either.
function drawClinicalLists(ctx, c, clinical) {
  const medSection = h('section.card', { 'aria-labelledby': 'medications-title', id: 'medications' });
  const dsSection = h('section.card', { 'aria-labelledby': 'drug-screens-title', id: 'drug-screens' });
  ctx.main.append(medSection, dsSection);
  const ask = ctx.line();
  const opts = { vocab: clinical.vocab, dir: clinical.dir };
  opts.reload = async () => {
    const ticket = ask();
    let meds, screens;
    try {
      [meds, screens] = await Promise.all([loadMedications(c.id), loadDrugScreens(c.id)]);
    } catch { return; }
    if (!ticket()) return;
    opts.meds = meds;
    drawMedications(medSection, c, meds, opts);
    drawDrugScreens(dsSection, c, screens, opts);
  };
  opts.meds = clinical.medications;
  drawMedications(medSection, c, clinical.medications, opts);
  drawDrugScreens(dsSection, c, clinical.drugScreens, opts);
}

async function admit(ctx, c, care) {
  let saved;
  try {
    saved = await admitDialog(c, care);
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    return;
  }
  if (!saved || !ctx.isCurrent()) return;
  toast(`Admitted: ${[saved.track_name, saved.site_name].filter(Boolean).join(', ')}.`);
  await render(ctx);
  const line = document.getElementById('in-care');
  if (line) { line.setAttribute('tabindex', '-1'); line.focus(); ctx.focusHandled = true; }
}

// Discharge, or a step-down / transfer: the chart is drawn again and the
// line under the name (how the episode ended, or the new one) takes focus.
async function endEpisode(ctx, c, care, dialog) {
  let saved;
  try {
    saved = await dialog(c, care);
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    return;
  }
  if (!saved || !ctx.isCurrent()) return;
  if (saved.status === 'discharged') {
    const n = saved.appointments_cancelled || 0;
    toast(`Discharged${n ? `; ${n} appointment${n === 1 ? '' : 's'} cancelled` : ''}.`);
  } else {
    toast(`Moved to level ${saved.level}${saved.track_name ? `, ${saved.track_name}` : ''}. The plan is copied into a draft to review.`);
  }
  await render(ctx);
  const line = document.getElementById('in-care') || document.getElementById('discharged-line');
  if (line) { line.setAttribute('tabindex', '-1'); line.focus(); ctx.focusHandled = true; }
}

async function toggleActive(ctx, c) {
  const deactivate = c.active;
  const ok = await confirmDialog({
    title: deactivate ? 'Deactivate this client?' : 'Reactivate this client?',
    message: deactivate
      ? `${c.first_name} ${c.last_name} (${c.mrn}) will be marked inactive. Nothing is deleted; the record can be reactivated later. Inactive clients are hidden from the client list unless inactive clients are included.`
      : `${c.first_name} ${c.last_name} (${c.mrn}) will be active again and will appear in the client list.`,
    confirmLabel: deactivate ? 'Deactivate' : 'Reactivate',
    danger: deactivate,
  });
  if (!ok) return;
  try {
    await api.put(paths.clientActive(c.id), { active: !deactivate });
    toast(deactivate ? 'Client deactivated.' : 'Client reactivated.');
    const chart = await loadChart(c.id);
    if (!ctx.isCurrent()) return;
    draw(ctx, chart.client, chart.contacts, chart.clinical, chart.appointments, chart.hours, chart.plans);
    const b = document.getElementById('toggle-active');
    if (b) b.focus();
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
  }
}

async function reloadScreenings(ctx, c, clinical) {
  if (!clinical.section) return;
  try {
    const [screenings, measures] = await Promise.all([loadScreenings(c.id), loadMeasures(c.id)]);
    if (ctx.isCurrent()) drawScreenings(clinical.section, c, screenings, clinical.dir, { reload: clinical.afterVoid });
    // A voided screening leaves the score history too.
    if (ctx.isCurrent() && clinical.measuresSection) drawMeasures(clinical.measuresSection, c, measures);
  } catch { /* signed out */ }
}

// One inquiry: everything captured, and the moves on the board — assign,
// contacted, screening scheduled, screened, referred elsewhere (where to),
// closed (why) — and conversion into a client record built from what was
// captured, or linked to a returning client.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { openDialog, formDialog } from '../components/dialog.js';
import { field, radioGroup, Form, showApiError } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import {
  fmtDate, fmtDateTime, ago, statusLabel, urgencyLabel, urgencyClass, substancesText, forWhomText,
  VOICEMAIL_NOT_ASKED, TEXT_NOT_ASKED, inquiryKindLabel, inquiryName, INSURANCE_RELATIONSHIPS, mrnFor, todayLocal, SEX_OPTIONS,
} from '../format.js';
import { staffDirectory, staffName, counsellors } from '../directory.js';
import { pageHeader, button } from '../components/page.js';
import { drawInquiryLog } from './inquiry-log.js';
import { loadScreenings, drawScreenings } from '../chart/screenings.js';
import { drawPlacements } from '../chart/placement.js';

// The moves a counsellor makes most, in pipeline order.
const MOVES = [
  { status: 'contacted', label: 'Mark contacted' },
  { status: 'screening_scheduled', label: 'Screening scheduled' },
  { status: 'screened', label: 'Mark screened' },
];

// "Avery Lindqvist" -> Avery / Lindqvist (the last word is the last name),
// as the server splits it.
export function splitName(name) {
  const s = String(name || '').trim().replace(/\s+/g, ' ');
  const i = s.lastIndexOf(' ');
  return i < 0 ? { first: '', last: s } : { first: s.slice(0, i), last: s.slice(i + 1) };
}

export async function render(ctx) {
  const id = ctx.params.id;
  const [q, dir] = await Promise.all([api.get(paths.inquiry(id)), staffDirectory().catch(() => null)]);
  if (!ctx.isCurrent()) return;
  draw(ctx, q, dir);
}

function statusBadge(s) {
  const kind = { new: 'info', admitted: 'ok', referred: 'neutral', closed: 'neutral' }[s] || 'neutral';
  return badge(statusLabel(s), kind);
}

// What they asked for, once the inquiry has its outcome (no longer a to-do).
const ASKED = { today: 'Asked for a call the same day', this_week: 'Asked for a call within the week', exploring: 'Was exploring options' };

function urgencyBadge(u) {
  return h(`span.urgency.urgency-${urgencyClass(u)}`, { text: urgencyLabel(u) });
}

// Yes, no, or not asked (null): never a refusal for what was not said.
function consentBadge(v, yes, no, notAsked) {
  return v === true ? badge(yes, 'ok') : v === false ? badge(no, 'warn') : badge(notAsked, 'neutral');
}
function consentWords(v, yes, no, notAsked) {
  return v === true ? yes : v === false ? no : h('span.not-asked', { text: notAsked });
}

// What the person said when asked: voicemail, texts and how soon.  Each may
// stay "not asked"; nothing is assumed.
async function recordAnswers(ctx, q, dir) {
  const f = new Form();
  const yesNo = (name, legend, value) => radioGroup({
    name, legend, value: value === undefined ? null : value,
    options: [{ value: true, label: 'Yes' }, { value: false, label: 'No' }, { value: null, label: 'Not asked yet' }],
  });
  const vm = yesNo('ok_voicemail', 'Is it OK to leave them a voicemail?', q.ok_voicemail);
  const tx = yesNo('ok_text', 'Is it OK to send them a text message?', q.ok_text);
  const urg = radioGroup({
    name: 'urgency', legend: 'How soon do they need help?', value: q.urgency === undefined ? null : q.urgency,
    options: [
      { value: 'today', label: 'Today — urgent' }, { value: 'this_week', label: 'This week' },
      { value: 'exploring', label: 'Just exploring' }, { value: null, label: 'Not asked yet' },
    ],
  });
  f.fields.push(vm, tx, urg);
  const saved = await formDialog({
    title: 'Record what they said',
    form: f,
    content: [h('p.muted', { text: 'Record only what the person told you. Leave “Not asked yet” for anything you did not ask.' }), vm.el, tx.el, urg.el],
    onSubmit: async () => api.patch(paths.inquiry(q.id), { ok_voicemail: vm.value ?? null, ok_text: tx.value ?? null, urgency: urg.value ?? null }),
  });
  if (saved && saved !== true && ctx.isCurrent()) {
    toast('Saved what they said.');
    draw(ctx, saved, dir, { focus: 'record-answers' });
  }
}

const ALERT_WORDS = { suicide_risk: 'Suicide risk', immediate_evaluation: 'Immediate safety evaluation needed' };

// "Before admission": screenings, their safety alerts and level-of-care
// assessments on the inquiry itself — no client record or MRN is made.
// Conversion carries them all to the client.
function drawClinical(ctx, q) {
  const wrap = h('section.card.pre-admission', { 'aria-labelledby': 'pre-title', id: 'pre-admission' },
    h('h2', { id: 'pre-title', text: 'Screening and level of care' }),
    h('p.muted', { id: 'pre-note', text: q.client_id
      ? 'Recorded here, these are on the client’s chart too.'
      : 'Screen and assess here before deciding to admit: no client record or MRN is made. Everything recorded here moves to the client’s chart when the inquiry is converted.' }));
  const alertsHost = h('div', { id: 'inquiry-alerts' });
  const scrSection = h('section.subsection', { 'aria-labelledby': 'screenings-title', id: 'screenings' });
  const placeSection = h('section.subsection', { 'aria-labelledby': 'placement-title', id: 'placements' });
  wrap.append(alertsHost, scrSection, placeSection);
  ctx.main.append(wrap);

  const subject = {
    id: q.id,
    for_words: `For ${inquiryName(q)} (inquiry${q.client_id ? '' : ', no client record yet'}).`,
    placements_path: paths.inquiryPlacements(q.id),
  };
  const care = { table: null, placements: null, dir: null };
  const ask = ctx.line();
  const load = async () => {
    const ticket = ask();
    const orError = (p) => p.catch((err) => { if (err.status === 401) throw err; return { error: err }; });
    const [alerts, screenings, placements, table, dir] = await Promise.all([
      orError(api.get(paths.inquiryAlerts(q.id), { limit: 200 })),
      loadScreenings(q.id, paths.inquiryScreenings(q.id)),
      orError(api.get(paths.inquiryPlacements(q.id))),
      orError(api.get(paths.placementTable)),
      staffDirectory().catch(() => null),
    ]);
    if (!ticket()) return;
    care.table = table;
    care.placements = placements;
    care.dir = dir;
    drawInquiryAlerts(alertsHost, alerts, dir);
    drawScreenings(scrSection, { id: q.id }, screenings, dir, {
      newHref: `#/admissions/${q.id}/screening/new?code=phq9`,
      reload: load,
      empty: 'No screenings yet. Screen here before converting: no client record is needed.',
    });
    drawPlacements(placeSection, subject, care, load);
  };
  load().catch(() => { /* signed out */ });
}

// The safety alerts its screenings raised: open ones in words, where nobody
// can miss them (answered by a clinician from their task list).
function drawInquiryAlerts(host, data, dir) {
  clear(host);
  if (!data || data.error) return;
  const open = (data.items || []).filter((a) => a.open);
  if (!open.length) return;
  host.append(h('div.notice.notice-error', { role: 'alert', id: 'inquiry-alert' },
    h('p', h('strong', { text: open.length === 1 ? 'Open safety alert' : `${open.length} open safety alerts` })),
    h('ul', open.map((a) => h('li', h('strong', { text: `${ALERT_WORDS[a.kind] || a.kind}: ` }), a.message,
      ' ', h('span.muted', { text: `(raised ${fmtDateTime(a.raised_at)})` })))),
    h('p', { text: whoAnswers(open) + ' Do not wait: if they are in danger now, follow the emergency procedure (911 for immediate danger).' })));
}

// Who has the alerts' safety task, in words: a named person, or nobody yet.
function whoAnswers(open) {
  const names = [...new Set(open.map((a) => a.assigned_name).filter(Boolean))];
  const waiting = open.some((a) => a.unclaimed);
  if (!names.length) return 'Nobody has the safety task yet: it waits for a clinician to claim it — tell a clinician now.';
  return `${names.join(' and ')} ${names.length === 1 ? 'has' : 'have'} the task to assess and document a response` +
    (waiting ? ' until a clinician on duty claims it; tell a clinician now.' : '.');
}

function draw(ctx, q, dir, { focus } = {}) {
  clear(ctx.main);
  const title = inquiryName(q);
  // Urgency is shown while the inquiry waits on someone, not after its outcome.
  const waiting = !['admitted', 'referred', 'closed'].includes(q.status);
  const sub = h('p.page-sub', statusBadge(q.status), ' ', waiting ? [urgencyBadge(q.urgency), ' '] : null,
    h('span', 'Received ', h('time', { datetime: q.created_at, title: fmtDateTime(q.created_at), text: ago(q.created_at) })));
  ctx.main.append(pageHeader(ctx, title, { back: { href: '#/admissions', label: 'Admissions' }, sub }));

  if (q.client_id) {
    // Right after converting, the reply says what became of the insurance.
    ctx.main.append(h('div.notice.notice-ok', { id: 'converted-note' },
      h('p', h('strong', { text: 'Converted to a client. ' }),
        h('a', { id: 'open-chart', href: `#/clients/${q.client_id}`, text: `Open the chart (${mrnFor(q.client_id)})` })),
      q.coverage_id && q.insurance
        ? h('p', { id: 'coverage-added', text: `The insurance coverage (${q.insurance.payer}, member ID ${q.insurance.member_id}) was added to the client from this inquiry’s details.` })
        : null));
    if (q.coverage_skipped) {
      ctx.main.append(h('div.notice.notice-warn', { id: 'coverage-skipped' },
        h('p', { text: `The insurance given on this inquiry was not added to the client. ${q.coverage_skipped}` })));
    }
  }

  ctx.main.append(actionsCard(ctx, q, dir));

  const item = (label, value) => h('div.dl-item', h('dt', { text: label }),
    h('dd', value === '' || value === null || value === undefined ? h('span.none', { text: 'Not given' }) : value));
  const phone = q.phone
    ? h('span.stack', h('a', { href: `tel:${q.phone.replace(/[^0-9+]/g, '')}`, text: q.phone }),
      h('span.badges.prefs',
        consentBadge(q.ok_voicemail, 'Voicemail OK', 'Do not leave a voicemail', 'Voicemail: not asked yet'),
        consentBadge(q.ok_text, 'Texts OK', 'Do not text', 'Texts: not asked yet')))
    : '';
  const person = h('dl.details',
    item(q.for_whom === 'other' ? 'Person who needs help' : 'Name', q.name),
    item('For whom', forWhomText(q)),
    item('Phone', phone),
    item('Email', q.email ? h('a', { href: `mailto:${q.email}`, text: q.email }) : ''),
    item('Voicemail', consentWords(q.ok_voicemail, 'OK to leave a voicemail', 'Do not leave a voicemail', VOICEMAIL_NOT_ASKED)),
    item('Text messages', consentWords(q.ok_text, 'OK to send a text', 'Do not send texts', TEXT_NOT_ASKED)),
    item('Best time to call', q.best_time),
    item('Substances of concern', substancesText(q.substances)),
    item('Urgency', q.urgency == null ? h('span.not-asked', { text: 'Not asked yet' })
      : waiting ? urgencyLabel(q.urgency) : `${ASKED[q.urgency] || urgencyLabel(q.urgency)} — now ${statusLabel(q.status).toLowerCase()}`));
  const answersBtn = button('Record what they said', () => recordAnswers(ctx, q, dir), 'secondary', { id: 'record-answers' });
  ctx.main.append(h('section.card', { 'aria-labelledby': 'person-title' }, h('h2', { id: 'person-title', text: 'Who and how to reach them' }), person,
    h('div.form-actions', answersBtn),
    q.message ? h('div.message-block', h('h3', { text: 'Their message' }), h('p.message-text', { text: q.message })) : null));

  // The call log and follow-ups, right under who and how to reach them.
  const logHost = h('div.inquiry-log', { id: 'inquiry-log' });
  ctx.main.append(logHost);
  drawInquiryLog(logHost, q, {
    onStatusChange: async () => {
      try {
        const fresh = await api.get(paths.inquiry(q.id));
        if (ctx.isCurrent()) draw(ctx, fresh, dir);
      } catch { /* signed out */ }
    },
  });

  // Screening and the level-of-care assessment before a client record.
  if (auth.can('screening.read')) drawClinical(ctx, q);

  const ins = q.insurance;
  const insSection = h('section.card', { 'aria-labelledby': 'ins-title' }, h('h2', { id: 'ins-title', text: 'Insurance' }));
  if (ins) {
    insSection.append(h('dl.details',
      item('Insurance company', ins.payer),
      item('Member ID', ins.member_id),
      item('Group number', ins.group_number),
      item('Plan holder', ins.subscriber_name),
      item('Plan holder’s date of birth', ins.subscriber_dob ? fmtDate(ins.subscriber_dob) : ''),
      item('Relationship to the plan holder', INSURANCE_RELATIONSHIPS[ins.relationship] || ins.relationship)));
  } else {
    insSection.append(h('p.empty', { text: 'No insurance details given.' }));
  }
  ctx.main.append(insSection);

  ctx.main.append(h('section.card', { 'aria-labelledby': 'record-title' }, h('h2', { id: 'record-title', text: 'About this inquiry' }),
    h('dl.details',
      item('How it came in', inquiryKindLabel(q.kind)),
      item('How they heard about us', q.referral_source),
      item('Received', fmtDateTime(q.created_at)),
      item('Last changed', fmtDateTime(q.updated_at)),
      item('Status', statusLabel(q.status)),
      item('Assigned to', staffName(dir, q.assigned_to) || 'Not assigned'),
      q.status === 'referred' || q.referred_to ? item('Referred to', q.referred_to) : null,
      q.status === 'closed' || q.close_reason ? item('Reason for closing', q.close_reason) : null,
      item('Client record', q.client_id ? h('a', { href: `#/clients/${q.client_id}`, text: mrnFor(q.client_id) }) : 'Not converted yet'))));

  if (focus) {
    const el = document.getElementById(focus);
    if (el) { el.focus(); ctx.focusHandled = true; }
  }
}

function actionsCard(ctx, q, dir) {
  const me = auth.user.id;
  const card = h('section.card.actions-card', { 'aria-labelledby': 'next-title' }, h('h2', { id: 'next-title', text: 'Next steps' }));

  // Assignment.
  const who = staffName(dir, q.assigned_to);
  const assignRow = h('div.action-row',
    h('p.action-now', h('span.inq-label', { text: 'Assigned to: ' }), h('strong', { text: who || 'nobody yet' })));
  const assignControls = h('div.action-controls');
  if (q.assigned_to !== me) assignControls.append(button('Assign to me', () => patch(ctx, q, dir, { assigned_to: me }, 'Assigned to you.', 'assign-me'), 'secondary', { id: 'assign-me' }));
  if (dir) {
    const sel = h('select', { id: 'assign-to' },
      h('option', { value: '', text: 'Choose a counsellor…' }),
      counsellors(dir).map((s) => h('option', { value: String(s.id), text: s.full_name || s.username, selected: s.id === q.assigned_to })));
    const go = button('Assign', () => {
      if (!sel.value) { sel.focus(); toast('Choose a counsellor first.', 'info'); return; }
      const to = Number(sel.value);
      patch(ctx, q, dir, { assigned_to: to }, `Assigned to ${staffName(dir, to)}.`, 'assign-go');
    }, 'secondary', { id: 'assign-go' });
    assignControls.append(h('div.inline-field', h('label', { for: 'assign-to', text: 'Assign to' }), sel, go));
  }
  if (q.assigned_to) assignControls.append(button('Unassign', () => patch(ctx, q, dir, { assigned_to: null }, 'No longer assigned.', 'assign-me'), 'quiet', { id: 'unassign' }));
  assignRow.append(assignControls);

  // Status moves.
  const statusRow = h('div.action-row',
    h('p.action-now', h('span.inq-label', { text: 'Status: ' }), h('strong', { text: statusLabel(q.status) })));
  const moves = h('div.action-controls');
  const open = !['referred', 'closed', 'admitted'].includes(q.status);
  if (open) {
    for (const m of MOVES) if (m.status !== q.status) moves.append(button(m.label, () => patch(ctx, q, dir, { status: m.status }, `Moved to ${statusLabel(m.status).toLowerCase()}.`, 'next-title'), 'secondary', { id: `move-${m.status}` }));
    moves.append(button('Referred elsewhere…', () => referDialog(ctx, q, dir), 'secondary', { id: 'move-referred' }));
    moves.append(button('Close…', () => closeDialog(ctx, q, dir), 'secondary', { id: 'move-closed' }));
  } else if (q.status !== 'admitted') {
    moves.append(button('Reopen', () => patch(ctx, q, dir, { status: 'contacted' }, 'Reopened: moved back to contacted.', 'next-title'), 'secondary', { id: 'reopen' }));
  }
  statusRow.append(moves);
  card.append(assignRow, statusRow);

  if (q.status !== 'closed') {
    card.append(h('div.action-row',
      h('p.action-now', { text: 'Did the same person get in touch twice? Fold the other inquiry into this one.' }),
      h('div.action-controls', button('Merge a duplicate inquiry…', () => mergeDialog(ctx, q, dir), 'secondary', { id: 'merge' }))));
  }

  if (!q.client_id) {
    card.append(h('div.action-row',
      h('p.action-now', { text: 'Ready to start care? Create the client record from what was captured here.' }),
      h('div.action-controls', button('Convert to client…', () => convertDialog(ctx, q, dir), 'primary', { id: 'convert' }))));
  }
  return card;
}

async function patch(ctx, q, dir, body, message, focus) {
  try {
    const updated = await api.patch(paths.inquiry(q.id), body);
    if (!ctx.isCurrent()) return;
    toast(message);
    draw(ctx, updated, dir, { focus });
  } catch (err) {
    if (err.status !== 401) toast(err.fields ? Object.values(err.fields).join(' ') : err.message, 'error');
  }
}

// A move that needs a few words: where the person was referred, or why
// the inquiry is closed.
async function closingDialog(ctx, q, dir, { title, intro, input, submitLabel, body, done }) {
  const f = new Form();
  const saved = await formDialog({
    title,
    form: f,
    content: [h('p', { text: intro }), f.add(field(input))],
    submitLabel,
    onSubmit: (v) => api.patch(paths.inquiry(q.id), body(v)),
  });
  if (!saved || !ctx.isCurrent()) return;
  toast(done(saved));
  draw(ctx, saved, dir, { focus: 'next-title' });
}

function referDialog(ctx, q, dir) {
  return closingDialog(ctx, q, dir, {
    title: 'Referred elsewhere',
    intro: `Record where ${inquiryName(q)} was referred. The inquiry leaves the active columns.`,
    input: { name: 'referred_to', label: 'Referred to', required: true, maxlength: 200, autocomplete: 'off', hint: 'The program or service, for example: residential treatment at Cedar House.' },
    submitLabel: 'Save referral',
    body: (v) => ({ status: 'referred', referred_to: v.referred_to }),
    done: (saved) => `Referred to ${saved.referred_to}.`,
  });
}

function closeDialog(ctx, q, dir) {
  return closingDialog(ctx, q, dir, {
    title: 'Close this inquiry',
    intro: `Say why the inquiry from ${inquiryName(q)} is being closed.`,
    input: { name: 'close_reason', label: 'Reason for closing', type: 'textarea', required: true, maxlength: 500, hint: 'For example: could not reach after three calls; chose another program.' },
    submitLabel: 'Close inquiry',
    body: (v) => ({ status: 'closed', close_reason: v.close_reason }),
    done: () => 'Inquiry closed.',
  });
}

// Merge: another inquiry from the same person is closed ("Merged into
// inquiry N"); its call log and tasks move here.  Likely duplicates (same
// name, phone or email) are offered first, then any other open inquiry.
const digits = (s) => String(s || '').replace(/[^0-9]/g, '');

function sameWhat(q, o) {
  const why = [];
  if (q.name && o.name && q.name.trim().toLowerCase() === o.name.trim().toLowerCase()) why.push('same name');
  if (digits(q.phone) && digits(q.phone) === digits(o.phone)) why.push('same phone');
  if (q.email && o.email && q.email.trim().toLowerCase() === o.email.trim().toLowerCase()) why.push('same email');
  return why;
}

function inquiryLabel(o) {
  const reach = [o.phone, o.email].filter(Boolean).join(', ');
  return `${inquiryName(o)} — inquiry ${o.id}, received ${fmtDateTime(o.created_at)}, ${statusLabel(o.status).toLowerCase()}${reach ? `; ${reach}` : ''}`;
}

async function mergeDialog(ctx, q, dir) {
  let list;
  try {
    list = await api.get(paths.inquiries, { limit: 200 });
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    return;
  }
  if (!ctx.isCurrent()) return;
  const others = (list.items || []).filter((o) => o.id !== q.id && !['referred', 'closed', 'admitted'].includes(o.status));
  const likely = [];
  const rest = [];
  for (const o of others) {
    const why = sameWhat(q, o);
    if (why.length) likely.push({ o, why }); else rest.push(o);
  }

  const f = new Form();
  const OTHER = 'other';
  let pick = null;
  let otherSel = null;
  const explain = h('p', { id: 'merge-explain', text: `The inquiry you choose will be closed, marked “Merged into inquiry ${q.id}”. Its call log and follow-up tasks move to this inquiry.` });
  const content = [f.summary, explain];
  if (!others.length) {
    content.push(h('p.empty', { id: 'merge-none', text: 'There are no other open inquiries to merge.' }));
  } else {
    if (likely.length) {
      const options = likely.map(({ o, why }) => ({ value: o.id, label: `${inquiryLabel(o)} (${why.join(', ')})` }));
      if (rest.length) options.push({ value: OTHER, label: 'Another open inquiry (choose from the list below)' });
      pick = radioGroup({ name: 'from_id', legend: 'Likely the same person', options, required: true });
      content.push(f.add(pick));
    } else {
      content.push(h('p', { text: 'No other open inquiry has the same name, phone or email.' }));
    }
    if (rest.length) {
      otherSel = field({
        name: 'other_id',
        label: likely.length ? 'Another open inquiry' : 'The duplicate inquiry',
        type: 'select',
        required: !likely.length,
        options: [{ value: '', label: 'Choose an inquiry…' }, ...rest.map((o) => ({ value: String(o.id), label: inquiryLabel(o) }))],
      });
      if (pick) otherSel.input.addEventListener('change', () => { if (otherSel.value) pick.value = OTHER; });
      content.push(f.add(otherSel));
    }
  }
  const dlg = openDialog({
    title: `Merge a duplicate into ${inquiryName(q)}’s inquiry`,
    form: true,
    className: 'dialog-wide',
    describedBy: 'merge-explain',
    body: content,
    actions: others.length
      ? [
        { label: 'Cancel', kind: 'secondary', onClick: (d) => d.close(null) },
        { label: 'Merge into this inquiry', kind: 'primary', type: 'submit', id: 'merge-submit' },
      ]
      : [{ label: 'Close', kind: 'secondary', onClick: (d) => d.close(null) }],
  });
  if (!others.length) return dlg.result;
  const submit = dlg.form.querySelector('button[type=submit]');
  dlg.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let fromId = null;
    if (pick && pick.value !== undefined && pick.value !== OTHER) fromId = pick.value;
    else if (otherSel && otherSel.value) fromId = Number(otherSel.value);
    if (!fromId) {
      if (pick && pick.value === OTHER) f.showErrors({ other_id: 'choose the inquiry to merge' });
      else if (pick) f.showErrors({ from_id: 'choose the inquiry to merge' });
      else f.showErrors({ other_id: 'choose the inquiry to merge' });
      return;
    }
    submit.disabled = true;
    try {
      await api.post(paths.inquiryMerge(q.id), { from_id: fromId });
      dlg.close(true);
      if (!ctx.isCurrent()) return;
      const fresh = await api.get(paths.inquiry(q.id));
      if (!ctx.isCurrent()) return;
      toast(`Merged inquiry ${fromId} into this one.`);
      draw(ctx, fresh, dir, { focus: 'next-title' });
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) { dlg.close(null); return; }
      if (!dlg.el.isConnected) { toast(err.message, 'error'); return; }
      if (err.fields && err.fields.from_id) f.showErrors({ [pick ? 'from_id' : 'other_id']: err.fields.from_id });
      else f.showMessage(err.message || 'Something went wrong. Please try again.');
    }
  });
  return dlg.result;
}

// Convert: a client record from the inquiry.  A name and date of birth that
// match a client already on file show the matches: link to one of them
// (a returning client), or create a new client anyway.
function convertDialog(ctx, q, dir) {
  const f = new Form();
  const { first, last } = splitName(q.name);
  const dupPanel = h('div.dup-panel', { hidden: true, id: 'convert-dups' });

  // A client under 18 needs a guardian contact: the caller of an inquiry
  // for someone else, or one named here.
  const callerCanBe = q.for_whom === 'other' && !!q.caller_name;
  const gErr = h('p.field-error', { id: 'convert-guardian-error', hidden: true });
  const gName = field({ name: 'guardian.name', label: 'Guardian’s name', required: true, maxlength: 100, autocomplete: 'off' });
  const gRel = field({ name: 'guardian.relationship', label: 'Relationship to the client', required: true, maxlength: 50, autocomplete: 'off', hint: 'For example: mother, father, legal guardian.' });
  const gPhone = field({ name: 'guardian.phone', label: 'Guardian’s phone', type: 'tel', maxlength: 40, autocomplete: 'off', hint: 'A phone or an email is needed.' });
  const gEmail = field({ name: 'guardian.email', label: 'Guardian’s email', type: 'email', maxlength: 200, autocomplete: 'off' });
  const callerIs = callerCanBe
    ? field({ name: 'caller_is_guardian', type: 'checkbox', label: `The caller (${q.caller_name}${q.caller_relationship ? `, ${q.caller_relationship}` : ''}) is the guardian` })
    : null;
  const gFields = h('div.form-grid', { id: 'convert-guardian-fields' },
    f.add(gName), f.add(gRel), f.add(gPhone), f.add(gEmail));
  const guardianSet = h('fieldset.field.fieldset', { id: 'convert-guardian', hidden: true, 'aria-describedby': 'convert-guardian-hint' },
    h('legend', { text: 'Guardian' }),
    h('p.field-hint', { id: 'convert-guardian-hint', text: 'This person is under 18: their record needs a parent or legal guardian as a contact.' }),
    gErr,
    callerIs ? f.add(callerIs) : null,
    gFields);
  // The fieldset's own error ("guardian"), shown above its fields.
  f.fields.push({
    name: 'guardian',
    label: 'Guardian',
    el: guardianSet,
    input: guardianSet,
    get value() { return undefined; },
    focus() { ((callerIs && callerIs.input) || gName.input).focus(); },
    setError(msg) {
      const m = String(msg || '');
      gErr.textContent = m.charAt(0).toUpperCase() + m.slice(1);
      gErr.hidden = false;
      guardianSet.classList.add('has-group-error');
      guardianSet.setAttribute('aria-describedby', 'convert-guardian-hint convert-guardian-error');
    },
    clearError() {
      gErr.textContent = '';
      gErr.hidden = true;
      guardianSet.classList.remove('has-group-error');
      guardianSet.setAttribute('aria-describedby', 'convert-guardian-hint');
    },
  });
  const GUARDIAN_NAMES = new Set(['guardian', 'caller_is_guardian', 'guardian.name', 'guardian.relationship', 'guardian.phone', 'guardian.email']);
  const callerChecked = () => !!(callerIs && callerIs.value);
  const syncGuardian = () => { gFields.hidden = callerChecked(); };
  if (callerIs) callerIs.input.addEventListener('change', syncGuardian);
  const content = [
    f.summary,
    dupPanel,
    h('p', { text: `The client record starts from this inquiry: nothing needs typing twice. Check the name and add the date of birth and sex.` }),
    h('div.form-grid',
      f.add(field({ name: 'first_name', label: 'First name', required: true, value: first, maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'last_name', label: 'Last name', required: true, value: last, maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'dob', label: 'Date of birth', type: 'date', required: true, min: '1900-01-01', max: todayLocal() })),
      f.add(field({ name: 'sex', label: 'Sex', type: 'select', required: true, options: SEX_OPTIONS, hint: 'As recorded for insurance and clinical use.' }))),
    guardianSet,
    h('ul.convert-carry',
      q.for_whom !== 'other' && (q.phone || q.email) ? h('li', { text: `Their phone and email go on the client record.` }) : null,
      q.for_whom === 'other' && q.caller_name ? h('li', { text: `The caller, ${q.caller_name}${q.caller_relationship ? ` (${q.caller_relationship})` : ''}, is added as a contact with the phone and email given.` }) : null,
      q.insurance && q.insurance.payer && q.insurance.member_id ? h('li', { text: `Their insurance (${q.insurance.payer}) becomes the client’s coverage, unless the client already has it.` }) : null),
  ];
  // Errors go in the order seen: the guardian's after the client's own.
  f.fields.sort((a, b) => GUARDIAN_NAMES.has(a.name) - GUARDIAN_NAMES.has(b.name));
  const dlg = openDialog({
    title: `Convert ${inquiryName(q)} to a client`,
    form: true,
    className: 'dialog-wide',
    body: content,
    actions: [
      { label: 'Cancel', kind: 'secondary', onClick: (d) => d.close(null) },
      { label: 'Create client', kind: 'primary', type: 'submit', id: 'convert-submit' },
    ],
  });
  const submit = dlg.form.querySelector('button[type=submit]');
  const carry = dlg.body.querySelector('.convert-carry');
  if (carry && !carry.children.length) carry.remove();

  const isMinor = () => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(f.get('dob').value);
    if (!m) return false;
    const now = new Date();
    let age = now.getFullYear() - Number(m[1]);
    const mo = now.getMonth() + 1;
    if (mo < Number(m[2]) || (mo === Number(m[2]) && now.getDate() < Number(m[3]))) age--;
    return age < 18;
  };
  const syncMinor = () => { guardianSet.hidden = !isMinor(); };
  f.get('dob').input.addEventListener('input', syncMinor);
  f.get('dob').input.addEventListener('change', syncMinor);

  async function send(extra) {
    const v = f.values();
    // An empty date of birth or sex is left out, so the server says it is
    // required (rather than "not a date").
    const filled = Object.fromEntries(Object.entries(v).filter(([k, x]) => !GUARDIAN_NAMES.has(k) && x !== undefined && (x !== '' || k === 'first_name' || k === 'last_name')));
    // The guardian goes along only while the fieldset is shown: the caller,
    // or the one typed in (left out when nothing was typed, so the server
    // says a guardian is needed).
    if (!guardianSet.hidden) {
      if (callerChecked()) filled.caller_is_guardian = true;
      else {
        const g = { name: gName.value, relationship: gRel.value, phone: gPhone.value, email: gEmail.value };
        if (Object.values(g).some((x) => x !== '')) filled.guardian = g;
      }
    }
    const body = extra && extra.link_client_id ? { link_client_id: extra.link_client_id } : { ...filled, ...(extra || {}) };
    submit.disabled = true;
    for (const b of dupPanel.querySelectorAll('button')) b.disabled = true;
    try {
      const updated = await api.post(paths.inquiryConvert(q.id), body);
      dlg.close(true);
      if (!ctx.isCurrent()) return;
      const covered = updated.coverage_id ? ' Their insurance coverage was added.' : '';
      toast(body.link_client_id ? `Linked to the returning client ${mrnFor(updated.client_id)}.${covered}` : `Client record created: ${mrnFor(updated.client_id)}.${covered}`);
      draw(ctx, updated, dir, { focus: 'open-chart' });
    } catch (err) {
      submit.disabled = false;
      for (const b of dupPanel.querySelectorAll('button')) b.disabled = false;
      if (err.status === 401) { dlg.close(null); return; }
      if (err.status === 409 && err.code === 'duplicate') { f.clearErrors(); showDuplicates(err); return; }
      dupPanel.hidden = true;
      if (err.fields && Object.keys(err.fields).some((k) => GUARDIAN_NAMES.has(k))) {
        guardianSet.hidden = false;
        if (Object.keys(err.fields).some((k) => k.startsWith('guardian.'))) { if (callerIs) callerIs.value = false; }
        syncGuardian();
      }
      showApiError(f, err);
    }
  }

  function showDuplicates(err) {
    const matches = (err.body && err.body.error && err.body.error.matches) || [];
    clear(dupPanel);
    dupPanel.setAttribute('role', 'alert');
    dupPanel.setAttribute('aria-labelledby', 'convert-dup-title');
    dupPanel.append(
      h('h3', { id: 'convert-dup-title', tabindex: '-1' }, h('span.warn-word', { text: 'Warning: ' }), 'this may be a returning client'),
      h('p', { text: 'A client with this name and date of birth is already on file. If it is the same person, link the inquiry to their record instead of making a second one.' }),
      dataTable({
        caption: 'Clients with the same name and date of birth',
        rows: matches,
        columns: [
          { label: 'Client', render: (m) => h('span.stack', h('span.strong', { text: `${m.last_name}, ${m.first_name}` }), h('span.mrn', { text: m.mrn })), className: 'card-title' },
          { label: 'Date of birth', render: (m) => fmtDate(m.dob), className: 'nowrap' },
          { label: 'Status', render: (m) => (m.active ? badge('Active', 'ok') : badge('Inactive', 'warn')) },
          { label: 'Action', className: 'actions-cell', render: (m) => button('Link to this returning client', () => send({ link_client_id: m.id }), 'primary', { class: 'btn-small', 'aria-label': `Link to this returning client: ${m.first_name} ${m.last_name}, ${m.mrn}` }) },
        ],
      }),
      h('div.form-actions', button('Create a new client anyway', () => send({ allow_duplicate: true }), 'warning', { id: 'convert-anyway' })));
    dupPanel.hidden = false;
    dupPanel.querySelector('h3').focus();
  }

  dlg.form.addEventListener('submit', (e) => { e.preventDefault(); send(null); });
  f.get('dob').focus();
  return dlg.result;
}


// One inquiry: everything captured, and the moves on the board — assign,
// contacted, screening scheduled, screened, referred elsewhere (where to),
// closed (why) — and conversion into a client record built from what was
// captured, or linked to a returning client.
import { api, auth } from '../api.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { openDialog, formDialog } from '../components/dialog.js';
import { field, Form, showApiError } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import {
  fmtDate, fmtDateTime, ago, statusLabel, urgencyLabel, substancesText, forWhomText,
  inquiryKindLabel, inquiryName, INSURANCE_RELATIONSHIPS, mrnFor,
} from '../format.js';
import { staffDirectory, staffName, counsellors } from '../directory.js';
import { pageHeader, button } from './common.js';
import { drawInquiryLog } from './inquiry-log.js';

const SEX_OPTIONS = [
  { value: '', label: 'Choose…' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'intersex', label: 'Intersex' },
  { value: 'unknown', label: 'Unknown' },
];

// The moves a counsellor makes most, in pipeline order.
const MOVES = [
  { status: 'contacted', label: 'Mark contacted' },
  { status: 'screening_scheduled', label: 'Screening scheduled' },
  { status: 'screened', label: 'Mark screened' },
];

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// "Avery Lindqvist" -> Avery / Lindqvist (the last word is the last name),
// as the server splits it.
export function splitName(name) {
  const s = String(name || '').trim().replace(/\s+/g, ' ');
  const i = s.lastIndexOf(' ');
  return i < 0 ? { first: '', last: s } : { first: s.slice(0, i), last: s.slice(i + 1) };
}

export async function render(ctx) {
  const id = ctx.params.id;
  const [q, dir] = await Promise.all([api.get(`/inquiries/${id}`), staffDirectory().catch(() => null)]);
  if (!ctx.isCurrent()) return;
  draw(ctx, q, dir);
}

function statusBadge(s) {
  const kind = { new: 'info', admitted: 'ok', referred: 'neutral', closed: 'neutral' }[s] || 'neutral';
  return badge(statusLabel(s), kind);
}

function urgencyBadge(u) {
  return h(`span.urgency.urgency-${u}`, { text: urgencyLabel(u) });
}

function draw(ctx, q, dir, { focus } = {}) {
  clear(ctx.main);
  const title = inquiryName(q);
  const sub = h('p.page-sub', statusBadge(q.status), ' ', urgencyBadge(q.urgency), ' ',
    h('span', 'Received ', h('time', { datetime: q.created_at, title: fmtDateTime(q.created_at), text: ago(q.created_at) })));
  ctx.main.append(pageHeader(ctx, title, { back: { href: '#/admissions', label: 'Admissions' }, sub }));

  if (q.client_id) {
    ctx.main.append(h('div.notice.notice-ok', { id: 'converted-note' },
      h('p', h('strong', { text: 'Converted to a client. ' }),
        h('a', { id: 'open-chart', href: `#/clients/${q.client_id}`, text: `Open the chart (${mrnFor(q.client_id)})` }))));
  }

  ctx.main.append(actionsCard(ctx, q, dir));

  const item = (label, value) => h('div.dl-item', h('dt', { text: label }),
    h('dd', value === '' || value === null || value === undefined ? h('span.none', { text: 'Not given' }) : value));
  const phone = q.phone
    ? h('span.stack', h('a', { href: `tel:${q.phone.replace(/[^0-9+]/g, '')}`, text: q.phone }),
      h('span.badges.prefs',
        q.ok_voicemail ? badge('Voicemail OK', 'ok') : badge('Do not leave a voicemail', 'warn'),
        q.ok_text ? badge('Texts OK', 'ok') : badge('Do not text', 'warn')))
    : '';
  const person = h('dl.details',
    item(q.for_whom === 'other' ? 'Person who needs help' : 'Name', q.name),
    item('For whom', forWhomText(q)),
    item('Phone', phone),
    item('Email', q.email ? h('a', { href: `mailto:${q.email}`, text: q.email }) : ''),
    item('Voicemail', q.ok_voicemail ? 'OK to leave a voicemail' : 'Do not leave a voicemail'),
    item('Text messages', q.ok_text ? 'OK to send a text' : 'Do not send texts'),
    item('Best time to call', q.best_time),
    item('Substances of concern', substancesText(q.substances)),
    item('Urgency', urgencyLabel(q.urgency)));
  ctx.main.append(h('section.card', { 'aria-labelledby': 'person-title' }, h('h2', { id: 'person-title', text: 'Who and how to reach them' }), person,
    q.message ? h('div.message-block', h('h3', { text: 'Their message' }), h('p.message-text', { text: q.message })) : null));

  // The call log and follow-ups, right under who and how to reach them.
  const logHost = h('div.inquiry-log', { id: 'inquiry-log' });
  ctx.main.append(logHost);
  drawInquiryLog(logHost, q, {
    onStatusChange: async () => {
      try {
        const fresh = await api.get(`/inquiries/${q.id}`);
        if (ctx.isCurrent()) draw(ctx, fresh, dir);
      } catch { /* signed out */ }
    },
  });

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

  if (!q.client_id) {
    card.append(h('div.action-row',
      h('p.action-now', { text: 'Ready to start care? Create the client record from what was captured here.' }),
      h('div.action-controls', button('Convert to client…', () => convertDialog(ctx, q, dir), 'primary', { id: 'convert' }))));
  }
  return card;
}

async function patch(ctx, q, dir, body, message, focus) {
  try {
    const updated = await api.patch(`/inquiries/${q.id}`, body);
    if (!ctx.isCurrent()) return;
    toast(message);
    draw(ctx, updated, dir, { focus });
  } catch (err) {
    if (err.status !== 401) toast(err.fields ? Object.values(err.fields).join(' ') : err.message, 'error');
  }
}

async function referDialog(ctx, q, dir) {
  const f = new Form();
  const saved = await formDialog({
    title: 'Referred elsewhere',
    form: f,
    content: [
      h('p', { text: `Record where ${inquiryName(q)} was referred. The inquiry leaves the active columns.` }),
      f.add(field({ name: 'referred_to', label: 'Referred to', required: true, maxlength: 200, autocomplete: 'off', hint: 'The program or service, for example: residential treatment at Cedar House.' })),
    ],
    submitLabel: 'Save referral',
    onSubmit: (v) => api.patch(`/inquiries/${q.id}`, { status: 'referred', referred_to: v.referred_to }),
  });
  if (!saved || !ctx.isCurrent()) return;
  toast(`Referred to ${saved.referred_to}.`);
  draw(ctx, saved, dir, { focus: 'next-title' });
}

async function closeDialog(ctx, q, dir) {
  const f = new Form();
  const saved = await formDialog({
    title: 'Close this inquiry',
    form: f,
    content: [
      h('p', { text: `Say why the inquiry from ${inquiryName(q)} is being closed.` }),
      f.add(field({ name: 'close_reason', label: 'Reason for closing', type: 'textarea', required: true, maxlength: 500, hint: 'For example: could not reach after three calls; chose another program.' })),
    ],
    submitLabel: 'Close inquiry',
    onSubmit: (v) => api.patch(`/inquiries/${q.id}`, { status: 'closed', close_reason: v.close_reason }),
  });
  if (!saved || !ctx.isCurrent()) return;
  toast('Inquiry closed.');
  draw(ctx, saved, dir, { focus: 'next-title' });
}

// Convert: a client record from the inquiry.  A name and date of birth that
// match a client already on file show the matches: link to one of them
// (a returning client), or create a new client anyway.
function convertDialog(ctx, q, dir) {
  const f = new Form();
  const { first, last } = splitName(q.name);
  const dupPanel = h('div.dup-panel', { hidden: true, id: 'convert-dups' });
  const content = [
    f.summary,
    dupPanel,
    h('p', { text: `The client record starts from this inquiry: nothing needs typing twice. Check the name and add the date of birth and sex.` }),
    h('div.form-grid',
      f.add(field({ name: 'first_name', label: 'First name', required: true, value: first, maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'last_name', label: 'Last name', required: true, value: last, maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'dob', label: 'Date of birth', type: 'date', required: true, min: '1900-01-01', max: today() })),
      f.add(field({ name: 'sex', label: 'Sex', type: 'select', required: true, options: SEX_OPTIONS, hint: 'As recorded for insurance and clinical use.' }))),
    h('ul.convert-carry',
      q.for_whom !== 'other' && (q.phone || q.email) ? h('li', { text: `Their phone and email go on the client record.` }) : null,
      q.for_whom === 'other' && q.caller_name ? h('li', { text: `The caller, ${q.caller_name}${q.caller_relationship ? ` (${q.caller_relationship})` : ''}, is added as a contact with the phone and email given.` }) : null),
  ];
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

  async function send(extra) {
    const v = f.values();
    // An empty date of birth or sex is left out, so the server says it is
    // required (rather than "not a date").
    const filled = Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== '' || k === 'first_name' || k === 'last_name'));
    const body = extra && extra.link_client_id ? { link_client_id: extra.link_client_id } : { ...filled, ...(extra || {}) };
    submit.disabled = true;
    for (const b of dupPanel.querySelectorAll('button')) b.disabled = true;
    try {
      const updated = await api.post(`/inquiries/${q.id}/convert`, body);
      dlg.close(true);
      if (!ctx.isCurrent()) return;
      toast(body.link_client_id ? `Linked to the returning client ${mrnFor(updated.client_id)}.` : `Client record created: ${mrnFor(updated.client_id)}.`);
      draw(ctx, updated, dir, { focus: 'open-chart' });
    } catch (err) {
      submit.disabled = false;
      for (const b of dupPanel.querySelectorAll('button')) b.disabled = false;
      if (err.status === 401) { dlg.close(null); return; }
      if (err.status === 409 && err.code === 'duplicate') { f.clearErrors(); showDuplicates(err); return; }
      dupPanel.hidden = true;
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


// The chart's "Case management": the client's needs by domain (a grid: each
// domain's status in words, notes, and for legal the lawyer and the
// probation or parole officer), court dates (those within a week marked),
// and referrals to the program's resources with their status, the next
// moves as buttons (Accepted, Completed, Declined), the follow-up date and
// the history.  "Send referral packet…" opens the one release dialog of
// Consents and disclosures with the organisation as recipient: information
// leaves only under the client's consent, and is in the accounting.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog, confirmDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { fmtDate, fmtDateTime, todayLocal } from '../format.js';
import { errorNote, button } from '../components/page.js';
import { casemgmtVocabulary, label } from '../casemgmt/vocab.js';
import { openReleaseDialog } from './consents.js';

export { casemgmtVocabulary };

export function loadCaseManagement(clientId) {
  return api.get(paths.clientCaseManagement(clientId));
}

const NEED_TONE = { no_need: 'neutral', need_identified: 'warn', in_progress: 'info', met: 'ok' };
const REF_TONE = { made: 'info', accepted: 'ok', completed: 'ok', declined: 'neutral' };
const NEXT_WORD = { accepted: 'Mark accepted', completed: 'Mark completed…', declined: 'Mark declined…' };

// Whole days from today (local) to ymd: 0 today, negative past.
function daysFrom(ymd) {
  const t = Date.parse(todayLocal() + 'T00:00:00Z');
  const d = Date.parse(ymd + 'T00:00:00Z');
  return Math.round((d - t) / 86400000);
}

function whenWords(days) {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

// drawCaseManagement(section, c, data, {vocab, reload(focusId), consentOpts})
export function drawCaseManagement(section, c, data, opts = {}) {
  clear(section);
  const vocab = opts.vocab;
  const canWrite = auth.can('disclosures.release') && vocab;
  const head = h('div.section-head', h('h2', { id: 'casemgmt-title', text: 'Case management' }));
  if (canWrite) {
    head.append(h('div.btn-row',
      button('Refer to a resource…', () => referDialog(c, vocab, opts), 'secondary', { id: 'make-referral' }),
      button('Add a court date…', () => courtDialog(c, opts), 'secondary', { id: 'add-court-date' })));
  }
  section.append(head);
  if (!data || data.error) {
    section.append(data && data.error ? errorNote(data.error) : h('p.muted', { text: 'Loading…' }));
    return;
  }

  // Needs: one row per domain.
  section.append(h('h3', { text: 'Needs' }));
  const needCols = [
    { label: 'Need', rowHeader: true, render: (n) => h('span.strong', { text: n.label }) },
    { label: 'Status', render: (n) => (n.status ? badge(label(vocab && vocab.need_statuses, n.status), NEED_TONE[n.status]) : h('span.muted', { text: 'Not assessed' })) },
    { label: 'Notes', className: 'wide-cell', render: (n) => h('span.stack', n.notes ? h('span', { text: n.notes }) : null, ...legalLines(n)) },
    { label: 'Updated', render: (n) => (n.updated_at ? h('span.muted.small', { text: `${fmtDate(n.updated_at.slice(0, 10))}${n.updated_by_name ? `, ${n.updated_by_name}` : ''}` }) : '') },
  ];
  if (canWrite) {
    needCols.push({ label: 'Assess', render: (n) => button(n.status ? 'Update…' : 'Assess…', () => needDialog(c, n, vocab, opts), 'secondary',
      { class: 'btn-small', id: `need-${n.domain}`, 'aria-label': `${n.status ? 'Update' : 'Assess'} the ${n.label.toLowerCase()} need` }) });
  }
  section.append(dataTable({ caption: 'Needs by domain', rows: data.needs, columns: needCols, rowClass: (n) => `need-row need-${n.domain}` }));

  // Court dates.
  section.append(h('h3', { text: 'Court dates' }));
  section.append(dataTable({
    caption: 'Court dates, soonest first',
    rows: data.court_dates,
    empty: 'No court date recorded.',
    rowClass: (d) => (daysFrom(d.date) >= 0 && daysFrom(d.date) <= 7 ? 'court-soon' : ''),
    columns: [
      { label: 'Date', render: (d) => {
        const n = daysFrom(d.date);
        return h('span.stack', h('span.strong', { text: fmtDate(d.date) }),
          n >= 0 && n <= 7 ? badge(`Soon: ${whenWords(n)}`, 'warn') : n < 0 ? h('span.muted.small', { text: 'Past' }) : null);
      }, className: 'nowrap' },
      { label: 'Court', key: 'court' },
      { label: 'Purpose', key: 'purpose' },
      ...(canWrite ? [{ label: 'Remove', render: (d) => button('Remove…', () => removeCourt(d, opts), 'quiet', { class: 'btn-small', 'aria-label': `Remove the court date of ${fmtDate(d.date)}` }) }] : []),
    ],
  }));

  // Referrals.
  section.append(h('h3', { text: 'Referrals' }));
  const list = h('ul.referral-list');
  for (const f of data.referrals) list.append(referralItem(c, f, vocab, opts, canWrite));
  section.append(data.referrals.length ? list : h('p.empty', { text: 'No referral yet. “Refer to a resource…” records one; the address book is under Resources.' }));
}

function legalLines(n) {
  if (n.domain !== 'legal') return [];
  const out = [];
  if (n.lawyer_name || n.lawyer_phone) out.push(h('span.small', { text: `Lawyer: ${[n.lawyer_name, n.lawyer_phone].filter(Boolean).join(', ')}` }));
  if (n.officer_name || n.officer_phone) {
    out.push(h('span.small', { text: `${n.officer_kind === 'parole' ? 'Parole' : 'Probation'} officer: ${[n.officer_name, n.officer_phone].filter(Boolean).join(', ')}` }));
  }
  return out;
}

function referralItem(c, f, vocab, opts, canWrite) {
  const open = f.status === 'made' || f.status === 'accepted';
  const due = open && f.follow_up_on && daysFrom(f.follow_up_on) <= 0;
  const li = h(`li.referral-item${due ? '.is-due' : ''}`, { id: `referral-${f.id}` });
  const res = f.resource || {};
  li.append(h('div.referral-main',
    h('h4.referral-title', { text: res.name }),
    h('p.referral-meta',
      badge(label(vocab && vocab.referral_statuses, f.status), REF_TONE[f.status]), ' ',
      h('span', { text: `for ${label(vocab && vocab.domains, f.domain).toLowerCase()}` }),
      res.phone ? h('span.muted', { text: ` · ${res.phone}` }) : null),
    h('p.referral-follow', open
      ? (f.follow_up_on ? [due ? badge('Follow-up due', 'danger') : null, ` Follow up ${daysFrom(f.follow_up_on) < 0 ? 'was due' : 'on'} ${fmtDate(f.follow_up_on)} (${whenWords(daysFrom(f.follow_up_on))})`] : h('span.muted', { text: 'No follow-up date.' }))
      : h('span.muted', { text: 'Closed.' })),
    f.notes ? h('p.referral-notes', { text: f.notes }) : null,
    h('details.referral-history', h('summary', { text: `History (${f.history.length})` }),
      h('ol', ...f.history.map((x) => h('li', { text: `${label(vocab && vocab.referral_statuses, x.status)}, ${fmtDateTime(x.changed_at)}${x.changed_by_name ? ` by ${x.changed_by_name}` : ''}${x.note ? `: ${x.note}` : ''}` }))))));
  if (canWrite) {
    const actions = h('div.referral-actions');
    for (const next of f.next) {
      actions.append(button(NEXT_WORD[next] || next, () => moveReferral(f, next, opts), next === 'declined' ? 'quiet' : 'secondary',
        { class: 'btn-small', 'data-next': next, 'aria-label': `${NEXT_WORD[next] || next} the referral to ${res.name}` }));
    }
    if (open) actions.append(button('Follow-up…', () => followUpDialog(f, opts), 'quiet', { class: 'btn-small', 'aria-label': `Follow-up… for the referral to ${res.name}` }));
    if (auth.can('disclosures.release')) {
      actions.append(button('Send referral packet…', () => sendPacket(c, f, opts), 'quiet',
        { class: 'btn-small', 'data-packet': String(f.id), 'aria-label': `Send referral packet to ${res.name}` }));
    }
    li.append(actions);
  }
  return li;
}

async function needDialog(c, n, vocab, opts) {
  const f = new Form();
  const legal = n.domain === 'legal';
  const status = field({ name: 'status', label: 'Status', type: 'select', value: n.status || 'need_identified',
    options: vocab.need_statuses.map((x) => ({ value: x.code, label: x.label })) });
  const notes = field({ name: 'notes', label: 'Notes', type: 'textarea', rows: 3, value: n.notes, hint: 'What the need is and what is being done, in plain words.' });
  const content = [f.add(status), f.add(notes)];
  if (legal) {
    content.push(h('fieldset.legal-fields', h('legend', { text: 'Lawyer and officer' }),
      h('div.form-grid',
        f.add(field({ name: 'lawyer_name', label: 'Lawyer', value: n.lawyer_name })),
        f.add(field({ name: 'lawyer_phone', label: 'Lawyer’s phone', type: 'tel', value: n.lawyer_phone })),
        f.add(field({ name: 'officer_kind', label: 'Officer', type: 'select', value: n.officer_kind || '',
          options: [{ value: '', label: 'None' }, ...vocab.officer_kinds.map((x) => ({ value: x.code, label: x.label }))] })),
        f.add(field({ name: 'officer_name', label: 'Officer’s name', value: n.officer_name })),
        f.add(field({ name: 'officer_phone', label: 'Officer’s phone', type: 'tel', value: n.officer_phone }))),
      h('p.muted.small', { text: 'Reports to a probation or parole officer are releases: they need the client’s consent (Consents and disclosures).' })));
  }
  const saved = await formDialog({
    title: `${n.label} need: ${c.first_name} ${c.last_name}`,
    form: f,
    className: legal ? 'dialog-wide' : '',
    content,
    submitLabel: 'Save need',
    onSubmit: (v) => api.put(paths.clientNeed(c.id, n.domain), v),
  });
  if (!saved || saved === true) return;
  toast(`${n.label} need saved.`);
  if (opts.reload) opts.reload(`need-${n.domain}`);
}

let resourcesCache = null;
async function activeResources() {
  const d = await api.get(paths.resources, { limit: 200 });
  resourcesCache = d.items || [];
  return resourcesCache;
}

const KIND_FOR = { legal: 'legal_aid', medical: 'medical_clinic', housing: 'housing', employment_education: 'employment', transport: 'transport', childcare: 'childcare' };

async function referDialog(c, vocab, opts) {
  let resources;
  try { resources = await activeResources(); } catch (err) { if (err.status !== 401) toast(err.message, 'error'); return; }
  if (!resources.length) {
    toast('The address book has no active resource yet. Add one under Resources first.', 'error');
    return;
  }
  const f = new Form();
  const domain = field({ name: 'domain', label: 'For the need', type: 'select', value: 'housing',
    options: vocab.domains.map((x) => ({ value: x.code, label: x.label })) });
  const resource = field({ name: 'resource_id', label: 'Resource', type: 'select', options: [] });
  const fill = () => {
    const want = KIND_FOR[domain.value];
    const sorted = [...resources].sort((a, b) => (b.kind === want) - (a.kind === want) || a.name.localeCompare(b.name));
    const keep = resource.value;
    clear(resource.input);
    for (const r of sorted) resource.input.append(h('option', { value: String(r.id), text: `${r.name} (${label(vocab.resource_kinds, r.kind)})` }));
    if (keep && sorted.some((r) => String(r.id) === keep)) resource.input.value = keep;
  };
  domain.input.addEventListener('change', fill);
  fill();
  const weekOn = new Date(Date.parse(todayLocal() + 'T12:00:00Z') + 7 * 86400000).toISOString().slice(0, 10);
  const follow = field({ name: 'follow_up_on', label: 'Follow up on', type: 'date', value: weekOn, hint: 'It appears on your tasks that day if still open.' });
  const notes = field({ name: 'notes', label: 'Notes', type: 'textarea', rows: 2 });
  const saved = await formDialog({
    title: `Refer ${c.first_name} ${c.last_name}`,
    form: f,
    content: [f.add(domain), f.add(resource), f.add(follow), f.add(notes),
      h('p.muted.small', { text: 'This records the referral only. To send the client’s information, use “Send referral packet…” afterwards: it needs their consent.' })],
    submitLabel: 'Make referral',
    onSubmit: (v) => api.post(paths.clientReferrals(c.id), {
      resource_id: Number(v.resource_id), domain: v.domain, follow_up_on: v.follow_up_on || null, notes: v.notes,
    }),
  });
  if (!saved || saved === true) return;
  toast(`Referral to ${saved.resource.name} made.`);
  if (opts.reload) opts.reload(`referral-${saved.id}`);
}

async function moveReferral(f, next, opts) {
  const name = f.resource.name;
  let body = { status: next };
  if (next === 'declined' || next === 'completed') {
    const form = new Form();
    const note = field({ name: 'note', label: next === 'declined' ? 'Why declined' : 'Outcome (optional)', type: 'textarea', rows: 2, required: next === 'declined' });
    const saved = await formDialog({
      title: `${next === 'declined' ? 'Declined' : 'Completed'}: ${name}`,
      form,
      content: [form.add(note)],
      submitLabel: next === 'declined' ? 'Mark declined' : 'Mark completed',
      onSubmit: (v) => api.post(paths.referralStatus(f.id), { status: next, note: v.note }),
    });
    if (!saved || saved === true) return;
    body = null;
  }
  try {
    if (body) await api.post(paths.referralStatus(f.id), body);
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    return;
  }
  toast(`Referral to ${name}: ${next}.`);
  if (opts.reload) opts.reload(`referral-${f.id}`);
}

async function followUpDialog(f, opts) {
  const form = new Form();
  const date = field({ name: 'follow_up_on', label: 'Follow up on', type: 'date', value: f.follow_up_on || '', hint: 'Leave empty for none.' });
  const saved = await formDialog({
    title: `Follow-up: ${f.resource.name}`,
    form,
    content: [form.add(date)],
    submitLabel: 'Save',
    onSubmit: (v) => api.patch(paths.referral(f.id), { follow_up_on: v.follow_up_on || null }),
  });
  if (!saved || saved === true) return;
  toast('Follow-up saved.');
  if (opts.reload) opts.reload(`referral-${f.id}`);
}

async function courtDialog(c, opts) {
  const f = new Form();
  const saved = await formDialog({
    title: `Court date: ${c.first_name} ${c.last_name}`,
    form: f,
    content: [
      f.add(field({ name: 'date', label: 'Date', type: 'date', required: true })),
      f.add(field({ name: 'court', label: 'Court', required: true, hint: 'The court and room, e.g. “County Court, room 4”.' })),
      f.add(field({ name: 'purpose', label: 'Purpose', hint: 'e.g. review hearing, sentencing.' })),
    ],
    submitLabel: 'Add court date',
    onSubmit: (v) => api.post(paths.clientCourtDates(c.id), v),
  });
  if (!saved || saved === true) return;
  toast(`Court date of ${fmtDate(saved.date)} added. It shows on your tasks from a week before.`);
  if (opts.reload) opts.reload('add-court-date');
}

async function removeCourt(d, opts) {
  const ok = await confirmDialog({
    title: 'Remove this court date?',
    message: `${fmtDate(d.date)}, ${d.court}. Remove it only if it was entered in error; the audit keeps who removed it.`,
    confirmLabel: 'Remove',
    danger: true,
  });
  if (!ok) return;
  try {
    await api.del(paths.courtDate(d.id));
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    return;
  }
  toast('Court date removed.');
  if (opts.reload) opts.reload('add-court-date');
}

// The referral packet: the one release path (Consents and disclosures),
// addressed to the organisation.
async function sendPacket(c, f, opts) {
  try {
    await openReleaseDialog(c, opts.consentOpts || {}, {
      recipient: f.resource.name,
      title: `Referral packet to ${f.resource.name}: ${c.first_name} ${c.last_name}`,
    });
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
  }
}

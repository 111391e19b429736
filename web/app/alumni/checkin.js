// One alumni check-in: who to call (name, phone, when they were discharged),
// what happened on earlier tries, and the form for this call — reached or
// not, how they are doing, notes, and whether they want to come back (which
// puts an inquiry on the admissions board, so nobody types their details
// again).  Opened from the alumni list (?id=) and from the worklist (?task=).
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { badge } from '../components/badge.js';
import { field, radioGroup, Form, stopWithErrors } from '../components/field.js';
import { pageHeader, errorNote, renderMessagePage } from '../components/page.js';
import { toast } from '../components/toast.js';
import { navigate } from '../nav.js';
import { refreshTaskCount } from '../tasks/count.js';
import { fmtDate, fmtDateTime, clientName } from '../format.js';
import { DISCHARGE_TYPES } from '../chart/discharge.js';
import { RECOVERY, CHECKIN_STATUS, dayLabel } from './words.js';

export async function render(ctx) {
  const id = ctx.query.get('id');
  const task = ctx.query.get('task');
  const from = ctx.query.get('from') === 'tasks' ? { href: '#/tasks', label: 'My tasks' } : { href: '#/alumni', label: 'Alumni' };
  let data;
  try {
    data = await api.get(paths.alumniCheckins, id ? { id } : { task_id: task });
  } catch (err) {
    if (err.status === 401 || !ctx.isCurrent()) return;
    ctx.main.append(pageHeader(ctx, 'Alumni check-in', { back: from }), errorNote(err));
    return;
  }
  if (!ctx.isCurrent()) return;
  const c = (data.items || [])[0];
  if (!c) {
    renderMessagePage(ctx, 'Check-in not found', 'This alumni check-in does not exist. Open it again from the alumni list.', true);
    return;
  }
  const name = clientName(c.client);
  const [word, tone] = CHECKIN_STATUS[c.status] || [c.status, 'neutral'];
  ctx.main.append(pageHeader(ctx, `${dayLabel(c.day)}: ${name}`, {
    back: from,
    sub: h('p.page-sub', h('span.mrn', { text: c.client.mrn }), ' ', badge(word, tone), c.overdue ? [' ', badge('Overdue', 'danger')] : null),
  }));

  const facts = h('dl.facts.alumni-facts',
    h('dt', { text: 'Phone' }), h('dd', c.client.phone ? h('a', { href: `tel:${c.client.phone}`, text: c.client.phone }) : h('span.muted', { text: 'No phone on record — see the chart’s contacts' })),
    h('dt', { text: 'Discharged' }), h('dd', { text: `${fmtDate(c.discharged_on)} — ${(DISCHARGE_TYPES[c.discharge_type] || c.discharge_type || '').toLowerCase()}` }),
    h('dt', { text: 'Due' }), h('dd', { text: `${fmtDate(c.due_on)} (${c.day} days after discharge)` }),
    h('dt', { text: 'Assigned to' }), h('dd', { text: c.assigned_to ? c.assigned_to.name : 'Nobody' }),
    h('dt', { text: 'Calls so far' }), h('dd', { text: c.attempts ? `${c.attempts} — last by ${c.contacted_by ? c.contacted_by.name : 'someone'} on ${fmtDateTime(c.contacted_at)}` : 'None yet' }));
  ctx.main.append(h('section.card', { 'aria-labelledby': 'checkin-facts' }, h('h2', { id: 'checkin-facts', text: 'Who to call' }), facts,
    h('p', h('a', { href: `#/clients/${c.client_id}`, text: `Open ${name}’s chart` }))));

  if (c.closed) {
    ctx.main.append(h('section.card', h('h2', { text: 'This check-in is closed' }),
      h('p', { text: c.status === 'reached'
        ? `Reached on ${fmtDateTime(c.contacted_at)}: ${(RECOVERY[c.recovery_status] || 'status not given').toLowerCase()}.`
        : 'Three calls went unanswered. The next check-in stays on the list.' }),
      c.notes ? h('p.task-response', h('span.inq-label', { text: 'Notes: ' }), c.notes) : null,
      c.inquiry_id ? h('p', { text: 'They asked to come back: an inquiry was created on the admissions board.' }) : null));
    return;
  }
  if (!auth.can('clients.write')) {
    ctx.main.append(h('p.notice', { text: 'You can see this check-in but not record calls: ask the alumni coordinator.' }));
    return;
  }
  drawForm(ctx, c, from);
}

function drawForm(ctx, c, from) {
  const f = new Form();
  let reached;
  const recovery = field({ name: 'recovery_status', label: 'How are they doing?', type: 'select',
    options: [{ value: '', label: 'Choose…' }, ...Object.entries(RECOVERY).map(([value, label]) => ({ value, label }))] });
  const readmit = field({ name: 'readmission_wanted', label: 'They want to come back to the program (creates an inquiry on the admissions board)', type: 'checkbox' });
  const reachedOnly = h('div.reached-only', { hidden: true }, f.add(recovery), f.add(readmit));
  const outcome = radioGroup({
    name: 'outcome', legend: 'Did you reach them?', required: true,
    options: [{ value: 'reached', label: 'Yes, we spoke' }, { value: 'not_reached', label: 'No answer / could not reach them' }],
    onChange: (v) => { reached = v === 'reached'; reachedOnly.hidden = !reached; retry.hidden = reached; },
  });
  const notes = field({ name: 'notes', label: 'Notes', type: 'textarea', rows: 4, maxlength: 2000,
    hint: 'What was said, or how you tried (voicemail, text). Kept on the client’s record.' });
  const tries = 3 - c.attempts;
  const retry = h('p.field-hint', { hidden: true, text: tries > 1 ? `Not reached: the check-in stays open for another try (${tries - 1} more before it closes).` : 'Not reached: this is the third try, so the check-in closes.' });
  const save = h('button.btn.btn-primary', { type: 'submit', id: 'checkin-save', text: 'Save the call' });
  const form = h('form.card.checkin-form', { novalidate: true, 'aria-labelledby': 'checkin-form-title' },
    h('h2', { id: 'checkin-form-title', text: 'Record this call' }),
    f.summary,
    f.add(outcome),
    reachedOnly,
    f.add(notes),
    retry,
    h('div.form-actions', save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = f.values();
    const body = { outcome: v.outcome, notes: v.notes };
    if (v.outcome === 'reached') {
      body.recovery_status = v.recovery_status;
      body.readmission_wanted = v.readmission_wanted;
    }
    save.disabled = true;
    try {
      if (!v.outcome) stopWithErrors(f, { outcome: 'is required' });
      const r = await api.post(paths.alumniCheckin(c.id), body);
      refreshTaskCount();
      toast(r.inquiry_created ? 'Call recorded. Inquiry created on the admissions board.'
        : r.closed ? 'Call recorded. This check-in is closed.' : 'Call recorded. The check-in stays open for another try.');
      navigate(from.href);
    } catch (err) {
      save.disabled = false;
      if (err.status === 401 || err.handled) return;
      if (err.fields && Object.keys(err.fields).length) f.showErrors(err.fields, err.message);
      else f.showMessage(err.message || 'The call could not be saved. Please try again.');
    }
  });
  ctx.main.append(form);
}


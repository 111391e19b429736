// My tasks: what is waiting for the signed-in user (responses to safety
// alerts, admissions follow-ups), open ones first by due time.  "Done"
// asks what was done; for a safety task that resolves the alert too.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { fmtDateTime, ago, mrnFor, plural, clientName } from '../format.js';
import { replaceQuery } from '../nav.js';
import { refreshTaskCount } from '../tasks/count.js';
import { pageHeader, errorNote } from '../components/page.js';
import { drawUnclaimed } from './unclaimed.js';
import { drawPlanReviews } from './plan-reviews.js';
import { drawMeasuresDue } from './measures-due.js';
import { drawNotesToSign } from './notes-to-sign.js';
import { drawCasemgmtDue } from './casemgmt-due.js';

const KIND_LABELS = {
  alert_response: ['Safety alert response', 'danger'],
  follow_up: ['Follow-up', 'info'],
  drug_screen_review: ['Unexpected drug screen', 'warn'],
  measure_worsened: ['Score worsened', 'warn'],
  emergency_access: ['Emergency access (flagged)', 'danger'],
  alumni_checkin: ['Alumni check-in', 'info'],
};

export async function render(ctx) {
  const state = { all: ctx.query.get('all') === '1' };
  const status = h('p.result-status', { role: 'status', 'aria-live': 'polite', tabindex: '-1' });
  const results = h('div.results');
  const all = h('input', { type: 'checkbox', id: 'show-done', checked: state.all });
  all.addEventListener('change', () => { state.all = all.checked; replaceQuery('/tasks', { all: state.all ? '1' : '' }); load(); });
  // Alerts nobody has claimed yet come first: any clinician may take one.
  const unclaimed = h('div.unclaimed-host');
  // Treatment plan reviews overdue or due this week, for my clients.
  const reviews = h('div.plan-reviews-host');
  // Repeated measures (PHQ-9, GAD-7, BAM) due or overdue for my clients.
  const measures = h('div.measures-due-host');
  // Notes to sign (mine, older than 24 hours) and to co-sign; the director's
  // everyone's older than 72 hours.
  const notesHost = h('div.notes-to-sign-host');
  // Case management: my clients' referral follow-ups due and court dates
  // within a week.
  const cmHost = h('div.casemgmt-due-host');
  drawNotesToSign(notesHost, ctx.isCurrent).catch(() => {});
  ctx.main.append(
    pageHeader(ctx, 'My tasks', { sub: h('p.page-sub', { text: 'Open tasks first, the most overdue at the top.' }) }),
    unclaimed,
    reviews,
    measures,
    notesHost,
    cmHost,
    h('div.toolbar', h('div.field-check.toolbar-check', all, h('label', { for: 'show-done', text: 'Show completed tasks too' }))),
    status, results);

  async function load(focusStatus = false) {
    let data;
    try {
      data = await api.get(paths.tasks, { include_done: state.all ? 'true' : '' });
    } catch (err) {
      if (err.status === 401 || !ctx.isCurrent()) return;
      clear(results).append(errorNote(err));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(results);
    const items = data.items || [];
    const open = items.filter((t) => t.open).length;
    status.textContent = open ? `${plural(open, 'open task')}.` : 'No open tasks.';
    if (!items.length) {
      // The cards above (notes to sign, reviews, measures, case management)
      // may still hold work: say only what this list holds.
      results.append(h('div.empty-state', h('p', { text: 'No tasks are assigned to you.' }),
        h('p.muted', { text: 'Tasks appear here when a screening raises a safety alert for your client, an inquiry needs a follow-up, a drug screen needs review or an alumni check-in falls due. Notes to sign, plan reviews, measures and case-management items due show above when there are any.' })));
      if (focusStatus) status.focus();
      return;
    }
    // Alumni check-ins are made at discharge, up to a year ahead: those not
    // due in the next 14 days wait folded below (the badge does not count them).
    const soon = Date.now() + 14 * 86400e3;
    const later = items.filter((t) => t.open && t.kind === 'alumni_checkin' && new Date(t.due_at).getTime() > soon);
    if (later.length) status.textContent = `${open - later.length ? plural(open - later.length, 'open task') : 'No open tasks'} now, and ${plural(later.length, 'alumni check-in')} due later.`;
    const list = h('ul.task-list');
    for (const t of items) if (!later.includes(t)) list.append(taskItem(t));
    results.append(list);
    if (later.length) {
      const more = h('ul.task-list');
      for (const t of later) more.append(taskItem(t));
      results.append(h('details.later-tasks', h('summary', { text: `Alumni check-ins due later (${later.length})` }), more));
    }
    if (focusStatus) status.focus();
  }

  function taskItem(t) {
    const [kindLabel, kindTone] = KIND_LABELS[t.kind] || [t.kind, 'neutral'];
    const overdue = t.open && t.due_at && new Date(t.due_at).getTime() < Date.now() - 60000;
    const badges = h('span.badges', badge(kindLabel, kindTone), t.open ? (overdue ? badge('Overdue', 'danger') : null) : badge('Done', 'ok'));
    const links = h('p.task-links');
    if (t.client_id) links.append(h('a', { href: `#/clients/${t.client_id}`, text: `Open ${t.client ? clientName(t.client) : 'the client'}’s chart (${t.client && t.client.mrn ? t.client.mrn : mrnFor(t.client_id)})` }));
    if (t.inquiry_id && auth.can('inquiries.manage')) links.append(h('a', { href: `#/admissions/${t.inquiry_id}`, text: t.inquiry_name ? `Open the inquiry from ${t.inquiry_name}` : 'Open the inquiry' }));
    const about = t.client ? clientName(t.client) : t.inquiry_name ? `Inquiry: ${t.inquiry_name}` : null;
    // A safety task on someone who called but is not yet a client: how to
    // reach them, since there is no chart to open.
    const reach = t.inquiry_contact ? contactLine(t.inquiry_contact) : null;
    const li = h(`li.task-item${t.open ? '' : '.is-done'}${overdue ? '.is-overdue' : ''}${t.alert_id ? '.is-alert' : ''}`, { id: `task-${t.id}` },
      h('div.task-main',
        h('h2.task-title', { text: t.title }),
        about ? h('p.task-about', { text: about }) : null,
        reach,
        badges,
        h('p.task-due', t.open
          ? [overdue ? 'Was due ' : 'Due ', h('time', { datetime: t.due_at, title: fmtDateTime(t.due_at), text: dueWords(t.due_at) })]
          : ['Done ', h('time', { datetime: t.done_at, text: fmtDateTime(t.done_at) })]),
        links.children.length ? links : null,
        !t.open && t.response ? h('p.task-response', h('span.inq-label', { text: 'Response: ' }), t.response) : null));
    // An alumni check-in is done by recording the call on its form.
    if (t.open && t.kind === 'alumni_checkin') {
      li.append(h('div.task-actions', h('a.btn.btn-primary', {
        href: `#/alumni/checkin?task=${t.id}&from=tasks`, text: 'Record the call…', id: `done-${t.id}`, 'aria-label': `Record the call: ${t.title}`,
      })));
    } else if (t.open) {
      li.append(h('div.task-actions', h('button.btn.btn-primary', {
        type: 'button', text: 'Done…', id: `done-${t.id}`, 'aria-label': `Done: ${t.title}`, onclick: () => done(t),
      })));
    }
    return li;
  }

  function contactLine(c) {
    const vm = c.ok_voicemail === true ? 'voicemail is fine' : c.ok_voicemail === false ? 'no voicemail, please'
      : 'not asked about voicemail: do not leave one';
    const parts = [c.phone && `call ${c.phone}`, c.email && `email ${c.email}`, c.best_time && `best time: ${c.best_time}`, c.phone ? vm : null].filter(Boolean);
    return h('p.task-reach', h('span.inq-label', { text: 'Reach them: ' }), parts.join(' · ') || 'no phone or email was given');
  }

  async function done(t) {
    const f = new Form();
    const saved = await formDialog({
      title: 'Mark this task done',
      form: f,
      className: 'dialog-wide',
      content: [
        h('p.strong', { text: t.title }),
        t.alert_id ? h('div.notice.notice-warn', h('p', { text: t.client_id
          ? 'This resolves the safety alert on the client’s chart. Describe the assessment, its outcome and the plan.'
          : 'This resolves the safety alert raised on the inquiry (it moves to the chart if they become a client). Describe the assessment, its outcome and the plan.' })) : null,
        f.add(field({ name: 'response', label: 'What was done', type: 'textarea', rows: 5, required: true, maxlength: 2000 })),
      ].filter(Boolean),
      submitLabel: 'Mark done',
      onSubmit: (v) => api.post(paths.taskDone(t.id), { response: v.response }),
    });
    if (!saved || !ctx.isCurrent()) return;
    toast(t.alert_id ? 'Task done. The safety alert is resolved.' : 'Task done.');
    refreshTaskCount();
    await load(true);
  }

  drawUnclaimed(unclaimed, ctx.isCurrent, () => load()).catch(() => {});
  drawPlanReviews(reviews, ctx.isCurrent).catch(() => {});
  drawMeasuresDue(measures, ctx.isCurrent).catch(() => {});
  drawCasemgmtDue(cmHost, ctx.isCurrent).catch(() => {});
  await load();
}

function dueWords(iso) {
  const t = new Date(iso).getTime();
  if (isNaN(t)) return '';
  if (t <= Date.now()) return ago(iso);
  return fmtDateTime(iso);
}

// The chart's "Billable days": the client's days with a counted session,
// newest first, over a range (the last 30 days by default; From/To to
// change it), each Billable (code) or Not billable with every reason in
// words and, under it, each session that stops the day with what to fix and
// a way to fix it (open the note, write the missing one, go to the plan).
// First from the chart's one answer (the last 30 days); then, for another
// range, GET /clients/{id}/billable-days (a billing.days row).
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { dataTable } from '../components/table.js';
import { errorNote, button } from '../components/page.js';
import { plural } from '../format.js';
import { openSessionNote, openAppointmentNote } from '../notes/open.js';
import { dayText, reasonText, sessionText, noteProblem, stateText, hm } from './words.js';

// The fixes for a day: one line per session whose note stops it, and the
// plan when it does.  onPlan: what "Go to the plan" does (null: no button).
export function fixList(day, { onPlan, onError } = {}) {
  const ul = h('ul.reasons.billing-fixes');
  for (const r of day.reasons) ul.append(h('li', { text: reasonText(r, day) }));
  for (const s of day.sessions) {
    const what = noteProblem(s);
    if (!what) continue;
    const li = h('li.billing-fix', h('span', { text: `${sessionText(s)}: ${what}` }));
    if (s.note_id && auth.can('screening.read')) {
      li.append(' ', h('a', { href: `#/notes/${s.note_id}`, text: 'Open the note' }));
    } else if (!s.note_id && auth.can('notes.write')) {
      const open = s.kind === 'group' ? () => openSessionNote(s.session_id) : () => openAppointmentNote(s.appointment_id);
      li.append(' ', button('Write the note', async (e) => {
        e.currentTarget.disabled = true;
        const btn = e.currentTarget;
        try { await open(); } catch (err) { btn.disabled = false; if (err.status !== 401 && onError) onError(err); }
      }, 'secondary.btn-small'));
    }
    ul.append(li);
  }
  if (onPlan && (day.reasons.includes('plan_unsigned') || day.reasons.includes('plan_review_overdue'))) {
    ul.append(h('li.billing-fix', button('Go to the treatment plan', onPlan, 'secondary.btn-small')));
  }
  return ul;
}

export function stateBadge(day) {
  return badge(stateText(day), day.billable ? 'ok' : 'warn');
}

export function drawBillableDays(ctx, c, first) {
  const section = h('section.card', { 'aria-labelledby': 'billing-title', id: 'billable-days' });
  ctx.main.append(section);
  const fromIn = h('input', { type: 'date', id: 'billing-from', name: 'from' });
  const toIn = h('input', { type: 'date', id: 'billing-to', name: 'to' });
  const show = button('Show', () => load(), 'secondary', { id: 'billing-show' });
  const results = h('div.billing-results', { id: 'billing-results' });
  section.append(
    h('h2', { id: 'billing-title', text: 'Billable days' }),
    h('p.muted', { text: 'A day is billable (one per-diem unit) when the client attended 3 hours, every session has a signed note with its times and a plan objective, and the treatment plan is signed and not overdue for review.' }),
    h('div.toolbar',
      h('div.inline-field', h('label', { for: 'billing-from', text: 'From' }), fromIn),
      h('div.inline-field', h('label', { for: 'billing-to', text: 'To' }), toIn),
      show),
    results);
  const ask = ctx.line();
  const toPlan = () => {
    const plan = document.getElementById('plan');
    if (plan) { plan.setAttribute('tabindex', '-1'); plan.scrollIntoView(); plan.focus(); }
  };

  async function load() {
    const ticket = ask();
    results.setAttribute('aria-busy', 'true');
    let d;
    try {
      d = await api.get(paths.clientBillableDays(c.id), { from: fromIn.value || undefined, to: toIn.value || undefined });
    } catch (err) {
      if (err.status === 401 || !ticket()) return;
      results.removeAttribute('aria-busy');
      clear(results);
      results.append(errorNote(err));
      return;
    }
    if (!ticket()) return;
    fill(d);
  }

  function fill(d) {
    results.removeAttribute('aria-busy');
    clear(results);
    if (d.error) { results.append(errorNote(d.error)); return; }
    if (d.from) fromIn.value = d.from;
    if (d.to) toIn.value = d.to;
    const t = d.totals;
    results.append(h('p.result-status', { role: 'status', text: d.total
      ? `${plural(d.total, 'day')} attended: ${t.billable_days} billable, ${t.not_billable_days} not billable.`
      : 'No days attended in this range.' }));
    if (!d.items.length) return;
    const rows = [...d.items].reverse();
    const onError = (err) => { results.prepend(errorNote(err)); };
    results.append(dataTable({
      caption: 'The client’s billable days, newest first',
      rows,
      rowClass: (i) => (i.billable ? '' : 'at-risk'),
      columns: [
        { label: 'Date', className: 'nowrap', render: (i) => dayText(i.date) },
        { label: 'Attended', className: 'nowrap', render: (i) => hm(i.minutes) },
        { label: 'State', render: (i) => stateBadge(i) },
        { label: 'Why not, and what to fix', render: (i) => (i.billable ? '' : fixList(i, { onPlan: toPlan, onError })) },
      ],
    }));
  }
  if (first) fill(first);
  else load();
}

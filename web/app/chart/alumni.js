// The chart's "Alumni check-ins": for a client discharged from the program,
// the five calls due after discharge (30 days to a year), each with what
// came of it — reached and how they were doing, or the tries that went
// unanswered — and a link to record the next one.
import { auth } from '../api.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { dataTable } from '../components/table.js';
import { errorNote, linkButton } from '../components/page.js';
import { fmtDate, fmtDateTime } from '../format.js';
import { RECOVERY, CHECKIN_STATUS, dayLabel } from '../alumni/words.js';

export function drawAlumniCheckins(section, data) {
  clear(section);
  section.append(h('h2', { id: 'alumni-checkins-title', text: 'Alumni check-ins' }));
  if (data && data.error) { section.append(errorNote(data.error)); return; }
  const items = (data && data.items) || [];
  const next = items.find((k) => !k.closed);
  section.append(h('p.muted', { text: next
    ? `Next: ${dayLabel(next.day)}, due ${fmtDate(next.due_on)}${next.assigned_to ? `, ${next.assigned_to.name}’s task` : ''}.`
    : 'Every check-in is closed.' }));
  section.append(dataTable({
    caption: 'Alumni check-ins',
    rows: items,
    columns: [
      { label: 'Check-in', className: 'card-title', render: (k) => dayLabel(k.day) },
      { label: 'Due', render: (k) => h('span.stack', h('span.nowrap', { text: fmtDate(k.due_on) }), k.overdue ? badge('Overdue', 'danger') : null) },
      { label: 'Outcome', render: (k) => {
        const [word, tone] = k.status === 'open' && k !== next ? ['Not due yet', 'neutral'] : CHECKIN_STATUS[k.status] || [k.status, 'neutral'];
        return h('span.stack', badge(word, tone),
          k.recovery_status ? h('span.small', { text: RECOVERY[k.recovery_status] || k.recovery_status }) : null,
          k.inquiry_id ? h('span.small', { text: 'Asked to come back: inquiry on the admissions board' }) : null);
      } },
      { label: 'Last call', render: (k) => (k.contacted_at ? `${fmtDateTime(k.contacted_at)}${k.contacted_by ? `, ${k.contacted_by.name}` : ''}${k.attempts > 1 ? ` (${k.attempts} tries)` : ''}` : '') },
      { label: 'Notes', render: (k) => k.notes },
      { label: 'Action', render: (k) => (k === next && auth.can('clients.write')
        ? linkButton(`#/alumni/checkin?id=${k.id}`, 'Record the call', 'secondary', { 'aria-label': `Record the call: ${dayLabel(k.day)}` }) : null) },
    ],
  }));
}

// The chart's "Hours": the client's weeks in their open episode, this week
// first, back to admission (GET /clients/{id}/hours/weeks, first from the
// chart's one answer): attended of required, days, what is still possible,
// and the reasons a week is flagged, in words.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { dataTable } from '../components/table.js';
import { errorNote } from '../components/page.js';
import { hm, reasons, weekRange, attendedOfRequired } from '../thisweek/words.js';

export function loadHoursWeeks(clientId) {
  return api.get(paths.clientHoursWeeks(clientId));
}

// d: the answer, {error}, or null (not readable for this role: no section).
export function drawHours(section, d) {
  clear(section);
  section.append(h('h2', { id: 'hours-title', text: 'Hours' }));
  if (d && d.error) { section.append(errorNote(d.error)); return; }
  const weeks = (d && d.items) || [];
  if (!weeks.length) {
    section.append(h('p.empty', { text: 'Not in an open episode of care: there are no weeks to count.' }));
    return;
  }
  section.append(h('p.muted', { text: 'Group sessions and individual, family and medication appointments attended, week by week (Monday to Sunday at the site).' }));
  section.append(dataTable({
    caption: 'The client’s hours by week',
    rows: weeks,
    rowClass: (w) => (w.flags.length ? 'at-risk' : ''),
    columns: [
      { label: 'Week', className: 'nowrap', render: (w) => (w === weeks[0] ? `This week (${weekRange(w.week_start)})` : weekRange(w.week_start)) },
      { label: 'Attended', className: 'nowrap', render: (w) => attendedOfRequired(w) },
      { label: 'Days attended', render: (w) => String(w.attended_days) },
      { label: 'Possible', className: 'nowrap', render: (w) => hm(w.possible_minutes) },
      { label: 'Flags', render: (w) => (w.flags.length
        ? h('ul.reasons', reasons(w).map((r) => h('li', { text: r })))
        : w.admission_week ? h('span.muted', { text: 'Admitted mid-week: a partial week, not held to the minimum' })
          : (w.required_minutes > 0 ? badge('On track', 'ok') : '')) },
    ],
  }));
}

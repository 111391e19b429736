// "Measures due": on My tasks, the repeated measures (PHQ-9, GAD-7, BAM on
// the program's schedule) due or overdue for my clients (I am their
// primary clinician), the longest due first.  Each opens the screening
// form with that instrument chosen; saving it takes it off the list.
// Nothing is drawn when none is due or the reader does not record
// screenings.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { linkButton } from '../components/page.js';
import { fmtDate, clientName, plural } from '../format.js';

export async function drawMeasuresDue(host, isCurrent = () => true) {
  if (!auth.can('screening.write')) return;
  let d;
  try {
    d = await api.get(paths.measuresDue, { mine: 'true' });
  } catch (err) {
    if (err.status === 401) throw err;
    return;
  }
  if (!isCurrent()) return;
  clear(host);
  const items = d.items || [];
  if (!items.length) return;
  const overdue = items.filter((x) => x.state === 'overdue').length;
  const due = items.length - overdue;
  const counts = [overdue ? `${overdue} overdue` : '', due ? `${due} due` : ''].filter(Boolean).join(', ');
  const list = h('ul.measure-due-list');
  for (const x of items) {
    const who = `${clientName(x.client)} (${x.client.mrn})`;
    list.append(h('li.measure-due-item', { id: `measure-due-${x.client_id}-${x.code}` },
      h('a', { href: `#/clients/${x.client_id}`, text: who }),
      h('strong', { text: x.name }),
      x.state === 'overdue' ? badge(`Overdue, due since ${fmtDate(x.due_on)}`, 'danger') : badge(`Due since ${fmtDate(x.due_on)}`, 'warn'),
      h('span.muted', { text: x.last_at ? '' : 'not given yet in this episode' }),
      h('span.measure-due-action', linkButton(`#/clients/${x.client_id}/screening/new?code=${encodeURIComponent(x.code)}`, `Record ${x.name}`, 'secondary', { 'aria-label': `Record ${x.name} for ${who}` }))));
  }
  host.append(h('section.card.measures-due-card', { 'aria-labelledby': 'measures-due-title', id: 'measures-due' },
    h('h2', { id: 'measures-due-title', text: 'Measures due' }),
    h('p', h('strong', { text: `${plural(items.length, 'measure')}: ${counts}.` }), ' ', h('span.muted', { text: 'Give it at the next session and record it; the chart draws the scores over time.' })),
    list));
}

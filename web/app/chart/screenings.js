// The chart's "Screenings": the latest instruments recorded, their scores,
// results and safety flags.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { dataTable } from '../components/table.js';
import { fmtDateTime, cap, instrumentShort, scoresText, bandText, plural } from '../format.js';
import { staffName } from '../directory.js';
import { errorNote, linkButton } from '../components/page.js';

const SCREENINGS_SHOWN = 20;

export async function loadScreenings(clientId) {
  if (!auth.can('screening.read')) return null;
  try {
    return await api.get(paths.clientScreenings(clientId), { limit: SCREENINGS_SHOWN });
  } catch (err) {
    if (err.status === 401) throw err;
    return { error: err };
  }
}

export function drawScreenings(section, c, data, dir) {
  clear(section);
  const head = h('div.section-head', h('h2', { id: 'screenings-title', text: 'Screenings' }));
  if (auth.can('screening.write')) head.append(linkButton(`#/clients/${c.id}/screening/new?code=phq9`, 'Record a screening', 'secondary', { id: 'record-screening' }));
  section.append(head);
  if (data && data.error) { section.append(errorNote(data.error)); return; }
  const rows = (data && data.items) || [];
  if (!rows.length) {
    section.append(h('p.empty', { text: 'No screenings recorded.' }));
    return;
  }
  section.append(dataTable({
    caption: 'Screenings, newest first',
    rows,
    columns: [
      { label: 'Date', render: (s) => h('time', { datetime: s.administered_at, text: fmtDateTime(s.administered_at) }), className: 'nowrap' },
      { label: 'Instrument', render: (s) => h('span.strong', { text: instrumentShort(s.code) }), className: 'card-title' },
      { label: 'Score', render: (s) => cap(scoresText(s.code, s.scores)), className: 'nowrap' },
      { label: 'Result', render: (s) => cap(bandText(s.code, s.band)) },
      { label: 'Flags', render: (s) => ((s.flags || []).length
        ? h('div.stack', s.flags.map((fl) => h('span.flag-words', badge('Safety flag', 'danger'), ' ', fl.message)))
        : 'None'), className: 'wide-cell' },
      { label: 'Recorded by', render: (s) => staffName(dir, s.administered_by_id) || s.administered_by },
    ],
    rowClass: (s) => ((s.flags || []).length ? 'flagged' : ''),
  }));
  if (data.total > rows.length) section.append(h('p.muted.small', { text: `Showing the latest ${rows.length} of ${plural(data.total, 'screening')}.` }));
}

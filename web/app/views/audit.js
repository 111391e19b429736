// A client's audit trail: who did what to the record, newest first.
import { api } from '../api.js';
import { h, clear } from '../dom.js';
import { dataTable, pager } from '../components/table.js';
import { fmtInstant, clientName, roleLabel } from '../format.js';
import { replaceQuery } from '../app.js';
import { pageHeader, errorNote } from './common.js';

const LIMIT = 50;

export async function render(ctx) {
  const id = ctx.params.id;
  let offset = Math.max(0, parseInt(ctx.query.get('offset') || '0', 10) || 0);
  // Users with audit.read but not clients.read (administrators) cannot open
  // the chart itself; the trail still works.
  let client = null;
  try { client = await api.get(`/clients/${id}`); } catch (err) { if (err.status === 401 || err.status === 404) throw err; }
  if (!ctx.isCurrent()) return;
  const name = client ? clientName(client) : `client ${id}`;
  ctx.main.append(pageHeader(ctx, `Audit trail: ${name}`, {
    back: client ? { href: `#/clients/${id}`, label: 'Back to chart' } : { href: '#/', label: 'Start page' },
    sub: client ? h('p.page-sub', { text: client.mrn }) : null,
  }));
  ctx.main.append(h('p.muted', { text: 'Every read and change of this client’s record, newest first. Times are in your local time.' }));
  const results = h('div.results');
  ctx.main.append(results);

  async function load(focus) {
    replaceQuery(`/clients/${id}/audit`, { offset });
    let data;
    try {
      data = await api.get(`/clients/${id}/audit`, { limit: LIMIT, offset });
    } catch (err) {
      if (err.status === 401 || !ctx.isCurrent()) return;
      clear(results).append(errorNote(err));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(results);
    results.append(dataTable({
      caption: `Audit trail for ${name}`,
      collapse: false,
      empty: 'No audit entries yet.',
      rows: data.items,
      columns: [
        { label: 'Time', render: (a) => h('time', { datetime: a.at, text: fmtInstant(a.at) }), className: 'nowrap' },
        { label: 'User', render: (a) => a.username },
        { label: 'Role', render: (a) => roleLabel(a.role) },
        { label: 'Action', render: (a) => h('code.action', { text: a.action }), className: 'nowrap' },
        { label: 'Record', render: (a) => [a.record_type, a.record_id].filter((x) => x !== null && x !== undefined && x !== '').join(' ') },
        { label: 'Address', render: (a) => a.address, className: 'nowrap' },
        { label: 'Detail', render: (a) => a.detail },
      ],
    }), pager({ total: data.total, limit: LIMIT, offset, label: 'Audit trail pages', onPage: (o) => { offset = o; load(true); } }));
    if (focus) { const t = results.querySelector('.table-wrap'); if (t) t.focus(); }
  }
  await load(false);
}

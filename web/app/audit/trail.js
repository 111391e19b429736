// A client's audit trail: who did what to the record, newest first.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { clientName, mrnFor } from '../format.js';
import { pageHeader } from '../components/page.js';
import { auditList } from './table.js';
import { auditWords } from './words.js';

export async function render(ctx) {
  const id = ctx.params.id;
  const mrn = mrnFor(id);
  // Administrators have audit.read but not clients.read: they cannot open
  // the chart, so they see the trail under the record number alone (and
  // the app does not ask for the name, which would only be refused).
  let client = null;
  if (auth.can('clients.read')) {
    try { client = await api.get(paths.client(id)); } catch (err) { if (err.status !== 403) throw err; }
    if (!ctx.isCurrent()) return;
  }
  const name = client ? clientName(client) : `Record ${mrn}`;
  const words = await auditWords();
  if (!ctx.isCurrent()) return;
  const list = auditList(ctx, {
    words,
    path: `/clients/${id}/audit`,
    fetch: (limit, offset) => api.get(paths.clientAudit(id), { limit, offset }),
    caption: `Audit trail for ${name}`,
    pagerLabel: 'Audit trail pages',
  });
  try {
    await list.load();
  } catch (err) {
    if (err.status !== 404 || !ctx.isCurrent()) throw err;
    ctx.main.append(
      pageHeader(ctx, `No record ${mrn}`, { back: auth.can('audit.read') ? { href: '#/audit', label: 'Audit log' } : null }),
      h('p', { text: `There is no client with the record number ${mrn}.` }));
    return;
  }
  if (!ctx.isCurrent()) return;
  const back = client ? { href: `#/clients/${id}`, label: 'Back to chart' } : { href: '#/audit', label: 'Audit log' };
  const head = pageHeader(ctx, `Audit trail: ${name}`, {
    back,
    sub: client
      ? h('p.page-sub', h('span.mrn', { text: client.mrn }))
      : h('p.page-sub', { text: 'Your role does not open client records, so this client is shown by record number only.' }),
  });
  // Keep "Record IOP-000042" on one line (the hyphen would break it).
  if (!client) clear(head.querySelector('h1')).append('Audit trail: ', h('span.nowrap', { text: name }));
  ctx.main.append(head);
  ctx.main.append(h('p.muted', { text: 'Every read and change of this client’s record, newest first. Times are in your local time.' }), list.el);
}

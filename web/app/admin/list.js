// The list on an administration screen: one page of records in a table
// with a pager, drawn again after an edit with the focus on a given
// element (the row's Edit button).
import { h, clear } from '../dom.js';
import { dataTable, pager } from '../components/table.js';
import { errorNote } from '../components/page.js';

const LIMIT = 100;

// fetch(limit, offset) reads a page; table() gives the dataTable options
// but the rows; pagerLabel names the pager.  Returns { el, load(focusId),
// first() } — first() goes back to the first page for the next load.
export function pagedList(ctx, { fetch, table, pagerLabel }) {
  const el = h('div.results');
  let offset = 0;
  async function load(focusId) {
    let data;
    try { data = await fetch(LIMIT, offset); } catch (err) {
      if (err.status !== 401 && ctx.isCurrent()) clear(el).append(errorNote(err));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(el);
    el.append(dataTable({ ...table(), rows: data.items }));
    if (data.total > LIMIT) el.append(pager({ total: data.total, limit: LIMIT, offset, label: pagerLabel, onPage: (o) => { offset = o; load(); } }));
    if (focusId) { const f = document.getElementById(focusId); if (f) f.focus(); }
  }
  return { el, load, first() { offset = 0; } };
}

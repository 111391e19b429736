// Data tables and a pager.  Each cell carries its column's label so that on
// narrow screens a "collapse" table turns into stacked cards (see app.css);
// other tables scroll sideways inside a focusable region.
import { h, uid } from '../dom.js';

// dataTable({caption, columns: [{label, render(row) | key, className}], rows,
//            empty, collapse, rowClass(row), captionHidden})
export function dataTable({ caption, columns, rows, empty = 'Nothing to show.', collapse = true, rowClass, captionHidden = true }) {
  if (!rows.length) return h('p.empty', { text: empty });
  const capId = uid('cap');
  const table = h(`table.data${collapse ? '.collapse' : ''}`);
  table.append(h(`caption${captionHidden ? '.visually-hidden' : ''}`, { id: capId, text: caption }));
  const headRow = h('tr');
  for (const c of columns) headRow.append(h('th', { scope: 'col', class: c.className, text: c.label }));
  table.append(h('thead', headRow));
  const body = h('tbody');
  for (const row of rows) {
    const tr = h('tr', { class: rowClass ? rowClass(row) : null });
    columns.forEach((c, i) => {
      const v = c.render ? c.render(row) : row[c.key];
      const cell = h(i === 0 && c.rowHeader ? 'th' : 'td', { class: c.className, 'data-label': c.label });
      if (i === 0 && c.rowHeader) cell.setAttribute('scope', 'row');
      if (v instanceof Node || Array.isArray(v)) cell.append(...[v].flat().filter(Boolean));
      else if (v === '' || v === null || v === undefined) cell.append(h('span.none', { 'aria-hidden': 'true', text: '—' }), h('span.visually-hidden', { text: 'none' }));
      else cell.textContent = String(v);
      tr.append(cell);
    });
    body.append(tr);
  }
  table.append(body);
  const wrap = h(`div.table-wrap${collapse ? '.table-collapse' : ''}`, table);
  if (!collapse) {
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-labelledby', capId);
    wrap.setAttribute('tabindex', '0');
  }
  return wrap;
}

// pager({total, limit, offset, onPage(newOffset), label})
export function pager({ total, limit, offset, onPage, label = 'Pages' }) {
  const from = total ? offset + 1 : 0;
  const to = Math.min(offset + limit, total);
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const prev = h('button.btn.btn-secondary.btn-small', { type: 'button', text: 'Previous', disabled: offset <= 0 });
  const next = h('button.btn.btn-secondary.btn-small', { type: 'button', text: 'Next', disabled: offset + limit >= total });
  prev.addEventListener('click', () => onPage(Math.max(0, offset - limit)));
  next.addEventListener('click', () => onPage(offset + limit));
  const info = h('p.pager-info', { text: total ? `${from}–${to} of ${total}` : '0 results' });
  const nav = h('nav.pager', { 'aria-label': label }, info);
  if (pages > 1) nav.append(h('div.pager-buttons', prev, h('span.pager-page', { text: `Page ${page} of ${pages}` }), next));
  return nav;
}

// The client list: search as you type (?q=), include inactive, paging.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear, debounce } from '../dom.js';
import { dataTable, pager } from '../components/table.js';
import { badge } from '../components/badge.js';
import { fmtDate, clientName, cap } from '../format.js';
import { replaceQuery } from '../nav.js';
import { pageHeader, linkButton, errorNote } from '../components/page.js';
import { drawUnclaimed } from '../tasks/unclaimed.js';

const LIMIT = 25;

export async function render(ctx) {
  const state = {
    q: ctx.query.get('q') || '',
    inactive: ctx.query.get('inactive') === '1',
    offset: Math.max(0, parseInt(ctx.query.get('offset') || '0', 10) || 0),
  };
  const actions = auth.can('clients.write') ? [linkButton('#/clients/new', 'Add client', 'primary', { id: 'add-client' })] : [];

  const search = h('input', { type: 'search', id: 'client-search', name: 'q', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'client-search-hint', value: state.q });
  const inactive = h('input', { type: 'checkbox', id: 'include-inactive', checked: state.inactive });
  const toolbar = h('form.toolbar', { role: 'search', 'aria-label': 'Clients', novalidate: true },
    h('div.field.search-field',
      h('label', { for: 'client-search', text: 'Search clients' }),
      h('p.field-hint', { id: 'client-search-hint', text: 'Name, MRN or date of birth' }),
      search),
    h('div.field-check.toolbar-check', inactive, h('label', { for: 'include-inactive', text: 'Include inactive clients' })));
  const status = h('p.result-status', { role: 'status', 'aria-live': 'polite' });
  const results = h('div.results');
  // Alerts raised while nobody was on duty wait here for a clinician to claim them.
  const unclaimed = h('div.unclaimed-host');
  ctx.main.append(pageHeader(ctx, 'Clients', { actions }), unclaimed, toolbar, status, results);
  drawUnclaimed(unclaimed, ctx.isCurrent).catch(() => {});

  const ask = ctx.line();
  async function load({ focusResults = false } = {}) {
    const ticket = ask();
    replaceQuery('/clients', { q: state.q, inactive: state.inactive ? '1' : '', offset: state.offset });
    results.setAttribute('aria-busy', 'true');
    let data;
    try {
      data = await api.get(paths.clients, { q: state.q, limit: LIMIT, offset: state.offset, include_inactive: state.inactive ? 'true' : '' });
    } catch (err) {
      if (!ticket()) return;
      results.removeAttribute('aria-busy');
      clear(results).append(errorNote(err));
      return;
    }
    if (!ticket()) return;
    if (data.total > 0 && state.offset >= data.total) { state.offset = Math.floor((data.total - 1) / LIMIT) * LIMIT; load({ focusResults }); return; }
    results.removeAttribute('aria-busy');
    clear(results);
    const n = data.total;
    // With no results the empty state says it on screen; the live region
    // still says it for screen readers.
    status.classList.toggle('visually-hidden', n === 0);
    status.textContent = n === 0 ? (state.q ? `No clients match “${state.q}”.` : 'No clients to show.') : state.q ? `${n} ${n === 1 ? 'client matches' : 'clients match'} “${state.q}”.` : `${n} ${n === 1 ? 'client' : 'clients'}.`;
    if (n === 0) {
      results.append(h('div.empty-state',
        h('p', { text: state.q ? `No clients match “${state.q}”.` : (state.inactive ? 'There are no clients yet.' : 'There are no active clients.') }),
        state.q ? h('p.muted', { text: 'Check the spelling, or try the last name only, the MRN, or the date of birth as YYYY-MM-DD or MM/DD/YYYY.' + (state.inactive ? '' : ' Inactive clients are hidden unless “Include inactive clients” is ticked.') }) : null,
        auth.can('clients.write') ? h('p', linkButton('#/clients/new', 'Add client', 'secondary')) : null));
      return;
    }
    const table = dataTable({
      caption: 'Clients',
      rows: data.items,
      columns: [
        { label: 'MRN', render: (c) => c.mrn, className: 'nowrap' },
        { label: 'Name', render: (c) => h('a.row-link', { href: `#/clients/${c.id}`, text: clientName(c) }), className: 'name-cell' },
        { label: 'Date of birth', render: (c) => h('span', { text: fmtDate(c.dob), title: c.dob }), className: 'nowrap' },
        { label: 'Sex', render: (c) => cap(c.sex) },
        { label: 'Phone', render: (c) => c.phone, className: 'nowrap' },
        { label: 'Status', render: (c) => (c.active ? badge('Active', 'ok') : badge('Inactive', 'warn')) },
      ],
      rowClass: (c) => 'clickable' + (c.active ? '' : ' inactive'),
    });
    results.append(table, pager({
      total: n, limit: LIMIT, offset: state.offset, label: 'Client list pages',
      onPage: (o) => { state.offset = o; load({ focusResults: true }); },
    }));
    // A click anywhere on a row opens the chart (the name link is the
    // keyboard and screen-reader path).
    table.addEventListener('click', (e) => {
      const tr = e.target.closest('tr.clickable');
      if (!tr || e.target.closest('a, button') || window.getSelection().toString()) return;
      const a = tr.querySelector('a.row-link');
      if (a) a.click();
    });
    if (focusResults) {
      const first = results.querySelector('a.row-link');
      if (first) first.focus();
    }
  }

  const searchLater = debounce(() => { state.offset = 0; load(); }, 250);
  search.addEventListener('input', () => { state.q = search.value.trim(); searchLater(); });
  toolbar.addEventListener('submit', (e) => { e.preventDefault(); state.q = search.value.trim(); state.offset = 0; searchLater.now(); });
  inactive.addEventListener('change', () => { state.inactive = inactive.checked; state.offset = 0; searchLater.now(); });
  ctx.onCleanup(() => searchLater.cancel());

  // Arrow keys: from the search box into the list, and between rows.
  const onKey = (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...results.querySelectorAll('a.row-link')];
    if (!links.length) return;
    const i = links.indexOf(document.activeElement);
    if (document.activeElement === search && e.key === 'ArrowDown') { e.preventDefault(); links[0].focus(); }
    else if (i >= 0) {
      e.preventDefault();
      if (e.key === 'ArrowDown' && i < links.length - 1) links[i + 1].focus();
      else if (e.key === 'ArrowUp') (i === 0 ? search : links[i - 1]).focus();
    }
  };
  ctx.main.addEventListener('keydown', onKey);
  ctx.onCleanup(() => ctx.main.removeEventListener('keydown', onKey));

  await load();
  if (ctx.isCurrent()) { search.focus(); ctx.focusHandled = true; }
}

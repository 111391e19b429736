// Billing days: every client's days at a site over a range, for the biller
// and the director (GET /billable-days?site_id=&from=&to=&billable=false).
// Filter by site and dates, "Not billable only" (the default: the work to
// do); each row the client, the date, the minutes, the state and every
// reason with what to fix; the range's totals by reason above; the page
// as CSV.  Address: #/billing-days?site=&from=&to=&all=1&offset=.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { dataTable, pager } from '../components/table.js';
import { pageHeader, errorNote, button } from '../components/page.js';
import { plural } from '../format.js';
import { replaceQuery } from '../nav.js';
import { REASONS, REASON_SHORT, dayText, reasonText, hm } from './words.js';
import { fixList, stateBadge } from './days.js';

const ADDRESS = '/billing-days';
const LIMIT = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function render(ctx) {
  const sitesData = await api.get(paths.sites, { limit: 200 });
  if (!ctx.isCurrent()) return;
  const sites = (sitesData.items || []).filter((s) => s.active).sort((a, b) => a.name.localeCompare(b.name));
  const q = ctx.query;
  const state = {
    site: q.get('site') || (sites[0] ? String(sites[0].id) : ''),
    from: DATE.test(q.get('from') || '') ? q.get('from') : '',
    to: DATE.test(q.get('to') || '') ? q.get('to') : '',
    all: q.get('all') === '1',
    offset: Math.max(0, Number(q.get('offset')) || 0),
  };
  ctx.main.append(pageHeader(ctx, 'Billing days', {
    sub: h('p.page-sub', { text: 'Each day a client attended, and whether it can be billed as a per-diem: what stops a day, and what to fix.' }),
  }));
  if (!sites.length) {
    ctx.main.append(h('div.empty-state', h('p', { text: 'There are no sites yet.' })));
    return;
  }
  const siteSel = h('select', { id: 'billing-site', name: 'site' },
    sites.map((s) => h('option', { value: String(s.id), text: s.name, selected: String(s.id) === state.site })));
  const fromIn = h('input', { type: 'date', id: 'billing-list-from', name: 'from', value: state.from });
  const toIn = h('input', { type: 'date', id: 'billing-list-to', name: 'to', value: state.to });
  const allBox = h('input', { type: 'checkbox', id: 'billing-all', checked: state.all });
  const show = button('Show', () => { state.offset = 0; readInputs(); load(); }, 'primary', { id: 'billing-list-show' });
  const csv = button('Download this page (CSV)', () => download(), 'secondary', { id: 'billing-csv', disabled: true });
  const totals = h('div.billing-totals', { id: 'billing-totals' });
  const results = h('div.billing-results', { id: 'billing-list-results' });
  ctx.main.append(
    h('div.toolbar',
      h('div.inline-field', h('label', { for: 'billing-site', text: 'Site' }), siteSel),
      h('div.inline-field', h('label', { for: 'billing-list-from', text: 'From' }), fromIn),
      h('div.inline-field', h('label', { for: 'billing-list-to', text: 'To' }), toIn),
      h('div.field-check.toolbar-check', allBox, h('label', { for: 'billing-all', text: 'Show billable days too' })),
      show, csv),
    totals, results);

  function readInputs() {
    state.site = siteSel.value;
    state.from = fromIn.value;
    state.to = toIn.value;
    state.all = allBox.checked;
  }
  siteSel.addEventListener('change', () => { state.offset = 0; readInputs(); load(); });
  allBox.addEventListener('change', () => { state.offset = 0; readInputs(); load(); });

  let shown = null;
  const ask = ctx.line();
  async function load() {
    replaceQuery(ADDRESS, { site: state.site, from: state.from, to: state.to, all: state.all ? '1' : '', offset: state.offset });
    const ticket = ask();
    results.setAttribute('aria-busy', 'true');
    let d;
    try {
      d = await api.get(paths.billableDays, { site_id: state.site, from: state.from || undefined, to: state.to || undefined,
        billable: state.all ? undefined : 'false', limit: LIMIT, offset: state.offset });
    } catch (err) {
      if (err.status === 401 || !ticket()) return;
      results.removeAttribute('aria-busy');
      clear(results);
      clear(totals);
      results.append(errorNote(err));
      return;
    }
    if (!ticket() || !ctx.isCurrent()) return;
    shown = d;
    csv.disabled = !d.items.length;
    results.removeAttribute('aria-busy');
    fromIn.value = d.from;
    toIn.value = d.to;
    clear(totals);
    clear(results);
    const t = d.totals;
    const days = t.billable_days + t.not_billable_days;
    totals.append(h('p.result-status', { role: 'status', text: days
      ? `${dayText(d.from)} – ${dayText(d.to)}: ${plural(days, 'day')} attended, ${t.billable_days} billable, ${t.not_billable_days} not billable.`
      : `${dayText(d.from)} – ${dayText(d.to)}: no days attended at this site.` }));
    if (t.not_billable_days) {
      totals.append(h('ul.billing-by-reason', { 'aria-label': 'Days not billable, by reason' },
        REASONS.filter((r) => t.by_reason[r]).map((r) => h('li', h('strong', { text: String(t.by_reason[r]) }), ` ${REASON_SHORT[r]}`))));
    }
    if (!d.items.length) {
      results.append(h('p.empty', { text: state.all ? 'No days attended in this range.' : 'Every day attended in this range is billable.' }));
      return;
    }
    results.append(dataTable({
      caption: state.all ? 'Days attended' : 'Days not billable',
      rows: d.items,
      rowClass: (i) => (i.billable ? '' : 'at-risk'),
      columns: [
        { label: 'Client', className: 'card-title', render: (i) => h('span.stack',
          h('a', { href: `#/clients/${i.client_id}`, text: `${i.last_name}, ${i.first_name}${i.preferred_name ? ` (${i.preferred_name})` : ''}` }),
          h('span.mrn', { text: i.mrn })) },
        { label: 'Date', className: 'nowrap', render: (i) => dayText(i.date) },
        { label: 'Attended', className: 'nowrap', render: (i) => hm(i.minutes) },
        { label: 'State', render: (i) => stateBadge(i) },
        { label: 'Why not, and what to fix', render: (i) => (i.billable ? '' : fixList(i, { onError: (err) => results.prepend(errorNote(err)) })) },
      ],
    }));
    if (d.total > LIMIT) {
      results.append(pager({ total: d.total, limit: LIMIT, offset: state.offset, label: 'Pages of days',
        onPage: (o) => { state.offset = o; load(); } }));
    }
  }

  // The page shown as CSV: one line a day, reasons in words.
  function download() {
    if (!shown) return;
    const esc = (v) => {
      const s = String(v ?? '');
      return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? "'" : '') + s.replace(/"/g, '""')}"` : s;
    };
    const lines = [['mrn', 'last_name', 'first_name', 'date', 'minutes', 'billable', 'code', 'revenue_code', 'units', 'reasons'].join(',')];
    for (const i of shown.items) {
      lines.push([i.mrn, i.last_name, i.first_name, i.date, i.minutes, i.billable ? 'yes' : 'no', i.code || '', i.revenue_code || '', i.units,
        i.reasons.map((r) => reasonText(r, i)).join('; ')].map(esc).join(','));
    }
    const url = URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' }));
    const a = h('a', { href: url, download: `billing-days-${shown.from}-${shown.to}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  await load();
}

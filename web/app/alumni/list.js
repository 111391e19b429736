// Alumni: the clients discharged from the program (not readmitted), with
// when they left, when someone last reached them (a check-in or an alumni
// event), their next check-in and whose it is — overdue first, so the ones
// about to be lost are at the top.  A site filter and "Overdue only" are
// kept in the address.  The Events tab (events.js) holds the alumni events.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { dataTable, pager } from '../components/table.js';
import { pageHeader, errorNote, linkButton } from '../components/page.js';
import { fmtDate, plural, clientName } from '../format.js';
import { replaceQuery } from '../nav.js';
import { staffDirectory } from '../directory.js';
import { DISCHARGE_TYPES } from '../chart/discharge.js';
import { dayLabel } from './words.js';
import { drawEvents } from './events.js';

const LIMIT = 50;

export function tabs(current) {
  const tab = (href, text, on) => h('a.tab', { href, text, 'aria-current': on ? 'page' : null });
  return h('nav.tabs', { 'aria-label': 'Alumni' },
    tab('#/alumni', 'Alumni', current === 'list'), tab('#/alumni?tab=events', 'Events', current === 'events'));
}

export async function render(ctx) {
  if (ctx.query.get('tab') === 'events') {
    ctx.main.append(pageHeader(ctx, 'Alumni', { sub: h('p.page-sub', { text: 'Alumni events: who said they would come, and who came.' }) }), tabs('events'));
    const host = h('div.alumni-events');
    ctx.main.append(host);
    await drawEvents(ctx, host);
    return;
  }
  const state = { site: ctx.query.get('site') || '', overdue: ctx.query.get('overdue') === '1', offset: 0 };
  const [sites, dir] = await Promise.all([
    api.get(paths.sites, { limit: 200 }),
    staffDirectory().catch(() => null),
  ]);
  if (!ctx.isCurrent()) return;
  ctx.main.append(pageHeader(ctx, 'Alumni', {
    sub: h('p.page-sub', { text: 'Clients discharged from the program. Check-ins are due 30, 60, 90, 180 and 365 days after discharge.' }),
  }), tabs('list'));
  // Nobody has the flag: say where the check-ins go, and how to change it.
  if (dir && !dir.list.some((s) => s.active && s.alumni_coordinator)) {
    ctx.main.append(h('div.notice.notice-info', { id: 'no-coordinator' }, h('p', { text:
      'No one is the alumni coordinator yet, so each check-in goes to the client’s primary clinician. An administrator can name a coordinator on the Staff screen.' })));
  }
  const site = h('select', { id: 'alumni-site' }, h('option', { value: '', text: 'All sites' }),
    (sites.items || []).map((s) => h('option', { value: String(s.id), text: s.name, selected: String(s.id) === state.site })));
  const overdue = h('input', { type: 'checkbox', id: 'alumni-overdue', checked: state.overdue });
  site.addEventListener('change', () => { state.site = site.value; state.offset = 0; load(); });
  overdue.addEventListener('change', () => { state.overdue = overdue.checked; state.offset = 0; load(); });
  const status = h('p.result-status', { role: 'status', 'aria-live': 'polite' });
  const results = h('div.alumni-results', { id: 'alumni-results' });
  ctx.main.append(h('div.toolbar',
    h('div.inline-field', h('label', { for: 'alumni-site', text: 'Site' }), site),
    h('div.field-check.toolbar-check', overdue, h('label', { for: 'alumni-overdue', text: 'Overdue check-ins only' }))),
  status, results);
  const ask = ctx.line();

  async function load() {
    replaceQuery('/alumni', { site: state.site, overdue: state.overdue ? '1' : '' });
    const ticket = ask();
    let d;
    results.setAttribute('aria-busy', 'true');
    try {
      d = await api.get(paths.alumni, { site_id: state.site || undefined, overdue: state.overdue ? 'true' : undefined, limit: LIMIT, offset: state.offset });
    } catch (err) {
      if (err.status !== 401 && ticket()) { clear(results).append(errorNote(err)); }
      results.removeAttribute('aria-busy');
      return;
    }
    if (!ticket()) return;
    results.removeAttribute('aria-busy');
    draw(d);
  }

  function draw(d) {
    clear(results);
    const items = d.items || [];
    const late = items.filter((a) => a.overdue).length;
    status.textContent = `${plural(d.total, 'alumnus', 'alumni')}${late ? `, ${late} with an overdue check-in on this page` : ''}.`;
    results.append(dataTable({
      caption: 'Alumni',
      rows: items,
      rowClass: (a) => (a.overdue ? 'is-overdue' : ''),
      empty: state.overdue ? 'No check-in is overdue.' : 'No client has been discharged yet.',
      columns: [
        { label: 'Client', className: 'card-title', render: (a) => h('span.stack',
          h('a', { href: `#/clients/${a.client_id}`, text: clientName(a.client) }),
          h('span.mrn', { text: a.client.mrn }),
          a.client.phone ? h('span.muted.small', { text: a.client.phone }) : null) },
        { label: 'Discharged', render: (a) => h('span.stack', h('span.nowrap', { text: fmtDate(a.discharged_on) }),
          h('span.muted.small', { text: DISCHARGE_TYPES[a.discharge_type] || a.discharge_type })) },
        { label: 'Last contact', render: (a) => (a.last_contact_on
          ? h('span.stack', h('span.nowrap', { text: fmtDate(a.last_contact_on) }), h('span.muted.small', { text: a.last_contact_kind === 'event' ? 'came to an event' : 'check-in call' }))
          : h('span.muted', { text: 'Not reached since discharge' })) },
        { label: 'Next check-in', render: (a) => (a.next_checkin
          ? h('span.stack', h('span.nowrap', { text: `${fmtDate(a.next_checkin.due_on)}` }),
            h('span.small', { text: dayLabel(a.next_checkin.day) }), a.overdue ? badge('Overdue', 'danger') : null)
          : h('span.muted', { text: 'All done' })) },
        { label: 'Assigned to', render: (a) => (a.coordinator ? a.coordinator.name : '') },
        { label: 'Action', render: (a) => (a.next_checkin
          ? linkButton(`#/alumni/checkin?id=${a.next_checkin.id}`, 'Record check-in', a.overdue ? 'primary' : 'secondary', { 'aria-label': `Record check-in: ${dayLabel(a.next_checkin.day)} of ${clientName(a.client)}` })
          : null) },
      ],
    }));
    if (d.total > LIMIT) results.append(pager({ total: d.total, limit: LIMIT, offset: state.offset, onPage: (o) => { state.offset = o; load(); } }));
  }

  await load();
}

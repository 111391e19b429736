// This week: the clients whose hours may fall below what their level of
// care requires, site by site, while the week can still be saved
// (GET /hours?site_id=&week=&at_risk=true, one request a site).  Each client
// with the reasons in words and a link to the chart; the week can be
// stepped back and forward, and everyone in care shown instead.  Address:
// #/this-week?site=&week=&all=1.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { dataTable } from '../components/table.js';
import { pageHeader, errorNote, button } from '../components/page.js';
import { plural } from '../format.js';
import { replaceQuery } from '../nav.js';
import { hm, reasons, weekRange, addDays, attendedOfRequired } from './words.js';

const ADDRESS = '/this-week';

export async function render(ctx) {
  const sitesData = await api.get(paths.sites, { limit: 200 });
  if (!ctx.isCurrent()) return;
  const sites = (sitesData.items || []).filter((s) => s.active).sort((a, b) => a.name.localeCompare(b.name));
  const state = {
    site: ctx.query.get('site') || '',
    week: /^\d{4}-\d{2}-\d{2}$/.test(ctx.query.get('week') || '') ? ctx.query.get('week') : '',
    all: ctx.query.get('all') === '1',
  };
  ctx.main.append(pageHeader(ctx, 'This week', {
    sub: h('p.page-sub', { text: 'Clients who may fall short of the hours their level of care requires, while there is still time to act.' }),
  }));
  if (!sites.length) {
    ctx.main.append(h('div.empty-state', h('p', { text: 'There are no sites yet.' })));
    return;
  }

  const siteSel = h('select', { id: 'thisweek-site', name: 'site' },
    h('option', { value: '', text: 'All sites' }),
    sites.map((s) => h('option', { value: String(s.id), text: s.name, selected: String(s.id) === state.site })));
  const allBox = h('input', { type: 'checkbox', id: 'thisweek-all', checked: state.all });
  const weekWords = h('h2.thisweek-week', { id: 'thisweek-week' });
  const prev = button('← Previous week', () => step(-7), 'secondary', { id: 'thisweek-prev' });
  const now = button('This week', () => { state.week = ''; load(); }, 'secondary', { id: 'thisweek-now' });
  const next = button('Next week →', () => step(7), 'secondary', { id: 'thisweek-next' });
  const results = h('div.thisweek-results', { id: 'thisweek-results' });
  ctx.main.append(
    h('div.toolbar',
      h('div.inline-field', h('label', { for: 'thisweek-site', text: 'Site' }), siteSel),
      h('div.field-check.toolbar-check', allBox, h('label', { for: 'thisweek-all', text: 'Show everyone in care, not only those at risk' }))),
    h('div.thisweek-nav', weekWords, h('div.thisweek-steps', prev, now, next)),
    results);

  let shownWeek = '';	// the Monday the answers were for
  const ask = ctx.line();
  siteSel.addEventListener('change', () => { state.site = siteSel.value; load(); });
  allBox.addEventListener('change', () => { state.all = allBox.checked; load(); });
  function step(days) {
    if (!shownWeek) return;
    state.week = addDays(shownWeek, days);
    load();
  }

  async function load() {
    replaceQuery(ADDRESS, { site: state.site, week: state.week, all: state.all ? '1' : '' });
    const ticket = ask();
    results.setAttribute('aria-busy', 'true');
    const shown = state.site ? sites.filter((s) => String(s.id) === state.site) : sites;
    const answers = await Promise.all(shown.map((s) => api.get(paths.hours, {
      site_id: s.id, week: state.week || undefined, at_risk: state.all ? undefined : 'true', limit: 200,
    }).catch((err) => { if (err.status === 401) throw err; return { error: err }; })));
    if (!ticket() || !ctx.isCurrent()) return;
    results.removeAttribute('aria-busy');
    clear(results);
    const ok = answers.find((a) => !a.error);
    if (ok) {
      shownWeek = ok.week_start;
      weekWords.textContent = `Week of ${weekRange(shownWeek)}`;
    }
    const atRisk = answers.reduce((n, a) => n + (a.error ? 0 : a.items.filter((i) => i.flags.length).length), 0);
    results.append(h('p.result-status', { role: 'status', text: state.all
      ? `${plural(answers.reduce((n, a) => n + (a.error ? 0 : a.total), 0), 'client')} in care; ${atRisk} at risk.`
      : atRisk ? `${plural(atRisk, 'client')} at risk this week.` : 'Nobody is at risk this week.' }));
    shown.forEach((s, k) => results.append(siteSection(s, answers[k], state.all)));
  }
  await load();
}

function siteSection(site, d, all) {
  const id = `thisweek-site-${site.id}`;
  const sec = h('section.card.thisweek-site', { 'aria-labelledby': id, 'data-site': String(site.id) });
  sec.append(h('h2', { id, text: site.name }));
  if (d.error) { sec.append(errorNote(d.error)); return sec; }
  if (!d.items.length) {
    sec.append(h('p.empty', { text: all ? 'Nobody is in care at this site.' : 'Nobody at this site is at risk this week.' }));
    return sec;
  }
  if (d.total > d.items.length) sec.append(h('p.muted', { text: `The first ${d.items.length} of ${d.total} are shown.` }));
  sec.append(dataTable({
    caption: `${site.name}: ${all ? 'clients in care' : 'clients at risk'} this week`,
    rows: d.items,
    rowClass: (i) => (i.flags.length ? 'at-risk' : ''),
    columns: [
      { label: 'Client', className: 'card-title', render: (i) => h('span.stack',
        h('a', { href: `#/clients/${i.client_id}`, text: `${i.last_name}, ${i.first_name}${i.preferred_name ? ` (${i.preferred_name})` : ''}` }),
        h('span.mrn', { text: i.mrn })) },
      { label: 'Level and track', render: (i) => `Level ${i.level}${i.track ? ' · ' + i.track : ''}` },
      { label: 'Attended', className: 'nowrap', render: (i) => attendedOfRequired(i) },
      { label: 'Still possible', className: 'nowrap', render: (i) => `${hm(i.possible_minutes)} · ${plural(i.possible_days, 'day')}` },
      { label: 'Why', render: (i) => (i.flags.length
        ? h('ul.reasons', reasons(i).map((r) => h('li', { text: r })))
        : badge('On track', 'ok')) },
    ],
  }));
  return sec;
}

// The census: clients with an open episode of care, grouped by site, level
// and track, with a site filter kept in the address.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { dataTable } from '../components/table.js';
import { fmtDate, plural } from '../format.js';
import { pageHeader, errorNote } from '../components/page.js';
import { replaceQuery } from '../nav.js';

export async function render(ctx) {
  const siteId = ctx.query.get('site') || '';
  const [sites, census] = await Promise.all([
    api.get(paths.sites, { limit: 200 }),
    api.get(paths.census, { site_id: siteId || undefined }).catch((err) => { if (err.status === 401) throw err; return { error: err }; }),
  ]);
  if (!ctx.isCurrent()) return;
  ctx.main.append(pageHeader(ctx, 'Census', { sub: h('p.page-sub', { text: 'Clients in care now: open episodes by site, level and track.' }) }));

  const sel = h('select', { id: 'census-site' },
    h('option', { value: '', text: 'All sites' }),
    (sites.items || []).map((s) => h('option', { value: String(s.id), text: s.name, selected: String(s.id) === siteId })));
  sel.addEventListener('change', async () => {
    replaceQuery('/census', { site: sel.value });
    results.setAttribute('aria-busy', 'true');
    try {
      const d = await api.get(paths.census, { site_id: sel.value || undefined });
      if (ctx.isCurrent()) drawResults(results, d);
    } catch (err) {
      if (err.status !== 401 && ctx.isCurrent()) { clear(results); results.append(errorNote(err)); }
    }
    results.removeAttribute('aria-busy');
  });
  ctx.main.append(h('div.toolbar', h('div.inline-field', h('label', { for: 'census-site', text: 'Site' }), sel)));
  const results = h('div.census-results', { id: 'census-results' });
  ctx.main.append(results);
  if (census.error) results.append(errorNote(census.error));
  else drawResults(results, census);
}

function drawResults(host, d) {
  clear(host);
  const items = d.items || [];
  host.append(h('p.result-status', { role: 'status', text: `${plural(items.length, 'client')} in care.` }));
  if (!items.length) { host.append(h('p.empty', { text: 'Nobody is in care here right now.' })); return; }
  // Group: site → level → track.
  const groups = new Map();
  for (const e of items) {
    const key = `${e.site_name}\u0000${e.level}\u0000${e.track_name || ''}`;
    if (!groups.has(key)) groups.set(key, { site: e.site_name, level: e.level, track: e.track_name || 'No track', rows: [] });
    groups.get(key).rows.push(e);
  }
  const sorted = [...groups.values()].sort((a, b) => a.site.localeCompare(b.site) || a.level.localeCompare(b.level) || a.track.localeCompare(b.track));
  let lastSite = null;
  let siteSection = null;
  for (const g of sorted) {
    if (g.site !== lastSite) {
      lastSite = g.site;
      const id = `census-site-${host.children.length}`;
      siteSection = h('section.card.census-site', { 'aria-labelledby': id }, h('h2', { id, text: g.site }));
      host.append(siteSection);
    }
    const gid = `census-group-${host.querySelectorAll('.census-group').length}-${siteSection.children.length}`;
    const name = `Level ${g.level} · ${g.track}`;
    siteSection.append(h('section.census-group', { 'aria-labelledby': gid },
      h('h3', { id: gid, text: `${name} (${plural(g.rows.length, 'client')})` }),
      dataTable({
        caption: `${g.site}: ${name}`,
        rows: g.rows.sort((a, b) => (a.client.last_name || '').localeCompare(b.client.last_name || '')),
        columns: [
          { label: 'Client', className: 'card-title', render: (e) => h('span.stack',
            h('a', { href: `#/clients/${e.client_id}`, text: `${e.client.last_name}, ${e.client.first_name}${e.client.preferred_name ? ` (${e.client.preferred_name})` : ''}` }),
            h('span.mrn', { text: e.client.mrn })) },
          { label: 'Admitted', render: (e) => fmtDate(e.admitted_on), className: 'nowrap' },
          { label: 'Primary clinician', render: (e) => e.primary_clinician || '' },
          { label: 'Case manager', render: (e) => e.case_manager || '' },
        ],
      })));
  }
}

// Administration: rooms (name, site, capacity, active), filtered by site.
import { api, saveRecord } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { replaceQuery } from '../nav.js';
import { pagedList } from './list.js';
import { pageHeader, button } from '../components/page.js';
import { feedDialog } from '../account/feeds.js';

export async function render(ctx) {
  const sites = await api.get(paths.sites, { limit: 200 });
  if (!ctx.isCurrent()) return;
  const siteName = new Map(sites.items.map((s) => [s.id, s.name]));
  let siteFilter = ctx.query.get('site') || '';

  const filter = h('select', { id: 'room-site-filter' }, h('option', { value: '', text: 'All sites' }),
    sites.items.map((s) => h('option', { value: String(s.id), text: s.name, selected: String(s.id) === siteFilter })));
  const toolbar = h('div.toolbar', h('div.field', h('label', { for: 'room-site-filter', text: 'Site' }), filter));
  const list = pagedList(ctx, {
    fetch: (limit, offset) => {
      replaceQuery('/admin/rooms', { site: siteFilter });
      return api.get(paths.rooms, { site_id: siteFilter, limit, offset });
    },
    pagerLabel: 'Room pages',
    table: () => ({
      caption: 'Rooms',
      empty: siteFilter ? 'No rooms at this site yet.' : 'No rooms yet.',
      columns: [
        { label: 'Name', render: (r) => h('span.strong', { text: r.name }), className: 'card-title' },
        { label: 'Site', render: (r) => siteName.get(r.site_id) || `Site ${r.site_id}` },
        { label: 'Capacity', render: (r) => `${r.capacity} ${r.capacity === 1 ? 'person' : 'people'}`, className: 'nowrap' },
        { label: 'Status', render: (r) => (r.active ? badge('Active', 'ok') : badge('Inactive', 'warn')) },
        { label: 'Actions', render: (r) => h('div.row-actions',
          button('Edit', () => edit(r), 'secondary', { class: 'btn-small', id: `edit-room-${r.id}`, 'aria-label': `Edit ${r.name}` }),
          button('Calendar', () => feedDialog({ kind: 'room', id: r.id, name: r.name }), 'secondary', { class: 'btn-small', id: `feed-room-${r.id}`, 'aria-label': `Calendar feed of ${r.name}` })), className: 'actions-cell' },
      ],
      rowClass: (r) => (r.active ? '' : 'inactive'),
    }),
  });
  const load = list.load;
  const addBtn = button('Add room', () => edit(null), 'primary', { id: 'add-room', disabled: !sites.items.length });
  ctx.main.append(pageHeader(ctx, 'Rooms', { actions: [addBtn] }), toolbar, list.el);
  if (!sites.items.length) ctx.main.insertBefore(h('p.notice.notice-info', { text: 'Add a site first: rooms belong to a site.' }), toolbar);

  filter.addEventListener('change', () => { siteFilter = filter.value; list.first(); load(); });

  async function edit(r) {
    const f = new Form();
    const v = r || { site_id: siteFilter ? Number(siteFilter) : (sites.items[0] && sites.items[0].id), capacity: '', active: true };
    const siteOpts = [{ value: '', label: 'Choose…' }, ...sites.items.map((s) => ({ value: s.id, label: s.name }))];
    const content = [
      f.add(field({ name: 'name', label: 'Name', required: true, value: v.name, maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'site_id', label: 'Site', type: 'select', required: true, options: siteOpts, value: v.site_id })),
      f.add(field({ name: 'capacity', label: 'Capacity (people)', type: 'number', required: true, value: v.capacity, min: 1, max: 500, step: 1, inputmode: 'numeric' })),
    ];
    if (r) content.push(f.add(field({ name: 'active', label: 'Active (in use)', type: 'checkbox', value: v.active })));
    const saved = await formDialog({
      title: r ? `Edit ${r.name}` : 'Add room', form: f, content, submitLabel: r ? 'Save changes' : 'Add room',
      onSubmit: (vals) => {
        vals.site_id = vals.site_id === '' ? null : Number(vals.site_id);
        return saveRecord(r, vals, paths.rooms, paths.room);
      },
    });
    if (!saved) return;
    toast(r ? 'Changes saved.' : `Room added: ${saved.name}.`);
    await load(`edit-room-${saved.id}`);
  }

  await load();
}

// Administration: sites (name, time zone, address, phone, active).
import { api, saveRecord } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { pagedList } from './list.js';
import { pageHeader, button } from '../components/page.js';

function timezoneList() {
  try { return Intl.supportedValuesOf('timeZone'); } catch { return ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'UTC']; }
}

export async function render(ctx) {
  const list = pagedList(ctx, {
    fetch: (limit, offset) => api.get(paths.sites, { limit, offset }),
    pagerLabel: 'Site pages',
    table: () => ({
      caption: 'Sites',
      empty: 'No sites yet. Add the first one.',
      columns: [
        { label: 'Name', render: (s) => h('span.strong', { text: s.name }), className: 'card-title' },
        { label: 'Time zone', render: (s) => s.timezone },
        { label: 'Address', render: (s) => s.address },
        { label: 'Phone', render: (s) => s.phone, className: 'nowrap' },
        { label: 'Status', render: (s) => (s.active ? badge('Active', 'ok') : badge('Inactive', 'warn')) },
        { label: 'Actions', render: (s) => button('Edit', () => edit(s), 'secondary', { class: 'btn-small', id: `edit-site-${s.id}`, 'aria-label': `Edit ${s.name}` }), className: 'actions-cell' },
      ],
      rowClass: (s) => (s.active ? '' : 'inactive'),
    }),
  });
  const load = list.load;
  ctx.main.append(pageHeader(ctx, 'Sites', { actions: [button('Add site', () => edit(null), 'primary', { id: 'add-site' })] }),
    h('datalist', { id: 'tz-list' }, timezoneList().map((z) => h('option', { value: z }))),
    list.el);

  async function edit(s) {
    const f = new Form();
    const v = s || { timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || '', active: true };
    const content = [
      f.add(field({ name: 'name', label: 'Name', required: true, value: v.name, maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'timezone', label: 'Time zone', required: true, value: v.timezone, list: 'tz-list', autocomplete: 'off', spellcheck: 'false', hint: 'For example America/Chicago.' })),
      f.add(field({ name: 'address', label: 'Address', value: v.address, maxlength: 200, autocomplete: 'off' })),
      f.add(field({ name: 'phone', label: 'Phone', type: 'tel', value: v.phone, maxlength: 30, autocomplete: 'off' })),
    ];
    if (s) content.push(f.add(field({ name: 'active', label: 'Active (in use)', type: 'checkbox', value: v.active })));
    const saved = await formDialog({
      title: s ? `Edit ${s.name}` : 'Add site', form: f, content, submitLabel: s ? 'Save changes' : 'Add site',
      onSubmit: (vals) => saveRecord(s, vals, paths.sites, paths.site),
    });
    if (!saved) return;
    toast(s ? 'Changes saved.' : `Site added: ${saved.name}.`);
    await load(`edit-site-${saved.id}`);
  }

  await load();
}

// Administration: sites (name, time zone, address, phone, active).
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { dataTable, pager } from '../components/table.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { pageHeader, button, errorNote } from '../components/page.js';

const LIMIT = 100;

function timezoneList() {
  try { return Intl.supportedValuesOf('timeZone'); } catch { return ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'UTC']; }
}

export async function render(ctx) {
  let offset = 0;
  const results = h('div.results');
  ctx.main.append(pageHeader(ctx, 'Sites', { actions: [button('Add site', () => edit(null), 'primary', { id: 'add-site' })] }),
    h('datalist', { id: 'tz-list' }, timezoneList().map((z) => h('option', { value: z }))),
    results);

  async function load(focusId) {
    let data;
    try { data = await api.get(paths.sites, { limit: LIMIT, offset }); } catch (err) {
      if (err.status !== 401 && ctx.isCurrent()) clear(results).append(errorNote(err));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(results);
    results.append(dataTable({
      caption: 'Sites',
      rows: data.items,
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
    }));
    if (data.total > LIMIT) results.append(pager({ total: data.total, limit: LIMIT, offset, label: 'Site pages', onPage: (o) => { offset = o; load(); } }));
    if (focusId) { const el = document.getElementById(focusId); if (el) el.focus(); }
  }

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
      onSubmit: (vals) => {
        if (!s) return api.post(paths.sites, vals);
        const changed = {};
        for (const k of Object.keys(vals)) if (vals[k] !== s[k]) changed[k] = vals[k];
        return Object.keys(changed).length ? api.patch(paths.site(s.id), changed) : s;
      },
    });
    if (!saved) return;
    toast(s ? 'Changes saved.' : `Site added: ${saved.name}.`);
    await load(`edit-site-${saved.id}`);
  }

  await load();
}

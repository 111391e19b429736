// Administration: sites (name, time zone, address, phone, active), and each
// site's closure days (holidays): the site's sessions that day are cancelled,
// and scheduled again when the closure is removed.
import { api, saveRecord } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { badge } from '../components/badge.js';
import { confirmDialog, formDialog } from '../components/dialog.js';
import { dataTable } from '../components/table.js';
import { fmtDate, todayLocal } from '../format.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { pagedList } from './list.js';
import { pageHeader, button, errorNote } from '../components/page.js';

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
  const load = async (focusId) => { await list.load(focusId); await closures.load(); };
  const closures = closureDays();
  ctx.main.append(pageHeader(ctx, 'Sites', { actions: [button('Add site', () => edit(null), 'primary', { id: 'add-site' })] }),
    h('datalist', { id: 'tz-list' }, timezoneList().map((z) => h('option', { value: z }))),
    list.el, closures.el);

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

// A month back: older closures are history, not plans.
function monthAgo() {
  const d = new Date(`${todayLocal()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 31);
  return d.toISOString().slice(0, 10);
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// The closure days of every active site: a table each, Add and Remove.
function closureDays() {
  const body = h('div.closure-sites');
  const el = h('section.closures', { 'aria-labelledby': 'closures-h' },
    h('h2', { id: 'closures-h', text: 'Closure days' }),
    h('p.hint', { text: 'On a closure day (a holiday, for example) every group at the site is cancelled. '
      + 'Remove the closure and that day\'s groups are scheduled again.' }),
    body);

  async function load(focusId) {
    let sites;
    try {
      sites = (await api.get(paths.sites, { limit: 200 })).items.filter((s) => s.active);
    } catch (err) {
      if (err.status === 401) throw err;
      body.replaceChildren(errorNote(err));
      return;
    }
    const parts = await Promise.all(sites.map(async (s) => {
      const sec = h('section.closure-site', { 'aria-labelledby': `closures-site-${s.id}` },
        h('h3', { id: `closures-site-${s.id}`, text: s.name }));
      try {
        const r = await api.get(paths.siteClosures(s.id), { from: monthAgo(), limit: 200 });
        sec.append(dataTable({
          caption: `Closure days at ${s.name}`,
          empty: 'No closure days planned.',
          columns: [
            { label: 'Date', render: (c) => h('span.strong', { text: fmtDate(c.date) }), className: 'nowrap' },
            { label: 'Reason', render: (c) => c.reason },
            { label: 'Actions', className: 'actions-cell', render: (c) => button('Remove', () => remove(s, c), 'secondary',
              { class: 'btn-small', id: `remove-closure-${c.id}`, 'aria-label': `Remove the closure on ${fmtDate(c.date)} at ${s.name}` }) },
          ],
          rows: r.items,
        }));
      } catch (err) {
        if (err.status === 401) throw err;
        sec.append(errorNote(err));
      }
      sec.append(button('Add closure day', () => add(s), 'secondary', { id: `add-closure-${s.id}`, 'aria-label': `Add closure day at ${s.name}` }));
      return sec;
    }));
    body.replaceChildren(...(parts.length ? parts : [h('p.empty', { text: 'No active sites.' })]));
    if (focusId) document.getElementById(focusId)?.focus();
  }

  async function add(s) {
    const f = new Form();
    const content = [
      h('p', { text: `Every group at ${s.name} on that day is cancelled, with the reason as the cancellation reason.` }),
      f.add(field({ name: 'date', label: 'Date', type: 'date', required: true })),
      f.add(field({ name: 'reason', label: 'Reason', required: true, maxlength: 200, autocomplete: 'off', hint: 'For example: Thanksgiving, the clinic is closed.' })),
    ];
    const saved = await formDialog({
      title: `Add a closure day at ${s.name}`, form: f, content, submitLabel: 'Add closure day',
      onSubmit: (vals) => api.post(paths.siteClosures(s.id), vals),
    });
    if (!saved) return;
    const n = saved.sessions_cancelled || 0;
    toast(`${s.name} closed on ${fmtDate(saved.date)}: ${n ? `${plural(n, 'session', 'sessions')} that day cancelled.` : 'no sessions were scheduled that day; any added later are cancelled.'}`);
    await load(`add-closure-${s.id}`);
  }

  async function remove(s, c) {
    const ok = await confirmDialog({
      title: 'Remove this closure day?',
      message: `${s.name} will be open on ${fmtDate(c.date)} (${c.reason}). The groups the closure cancelled are scheduled again.`,
      confirmLabel: 'Remove closure', danger: true,
    });
    if (!ok) return;
    try {
      await api.del(paths.siteClosure(s.id, c.id));
    } catch (err) {
      if (err.status === 401) throw err;
      toast(err.message || 'The closure could not be removed. Please try again.', 'error');
      return;
    }
    toast(`Closure on ${fmtDate(c.date)} removed: that day's groups at ${s.name} are scheduled again.`);
    await load(`add-closure-${s.id}`);
  }

  return { el, load };
}

// Administration: tracks — the program's group times.  Each track meets at
// one site on set days from a start to an end time and delivers one level
// of care; the public page lists the active ones and the admit dialog
// offers them.  Administrators and directors (tracks.manage) add and change
// them; a track no longer run is made inactive, never deleted, so the
// episodes admitted to it keep their name.
import { api, auth, saveRecord } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, checkGroup, Form, stopWithErrors } from '../components/field.js';
import { toast } from '../components/toast.js';
import { replaceQuery } from '../nav.js';
import { pagedList } from './list.js';
import { pageHeader, button } from '../components/page.js';

// The levels a day or evening track can deliver (the server holds the same).
export const TRACK_LEVELS = [
  { value: '2.1', label: '2.1 — Intensive outpatient (IOP)' },
  { value: '2.5', label: '2.5 — Partial hospitalisation (PHP)' },
  { value: '1', label: '1 — Outpatient (OP)' },
];
const DAYS = [
  ['mon', 'Monday', 'Mon'], ['tue', 'Tuesday', 'Tue'], ['wed', 'Wednesday', 'Wed'],
  ['thu', 'Thursday', 'Thu'], ['fri', 'Friday', 'Fri'], ['sat', 'Saturday', 'Sat'], ['sun', 'Sunday', 'Sun'],
];

function levelWords(code) {
  const l = TRACK_LEVELS.find((x) => x.value === code);
  return l ? l.label : code;
}

// "09:00" → "9:00 am"
function clock(hhmm) {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm || '');
  if (!m) return hhmm || '';
  const hh = Number(m[1]);
  return `${hh % 12 === 0 ? 12 : hh % 12}:${m[2]} ${hh >= 12 ? 'pm' : 'am'}`;
}

function minutes(hhmm) {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm || '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

function daysWords(days) {
  return DAYS.filter(([c]) => (days || []).includes(c)).map(([, , short]) => short).join(', ');
}

function weeklyHours(t) {
  const a = minutes(t.start_time), b = minutes(t.end_time);
  if (a === null || b === null || b <= a) return '';
  const hrs = ((b - a) * (t.weekdays || []).length) / 60;
  return `${Number.isInteger(hrs) ? hrs : hrs.toFixed(1)} h a week`;
}

export async function render(ctx) {
  const sites = await api.get(paths.sites, { limit: 200 });
  if (!ctx.isCurrent()) return;
  const siteName = new Map(sites.items.map((s) => [s.id, s.name]));
  let siteFilter = ctx.query.get('site') || '';

  const filter = h('select', { id: 'track-site-filter' }, h('option', { value: '', text: 'All sites' }),
    sites.items.map((s) => h('option', { value: String(s.id), text: s.name, selected: String(s.id) === siteFilter })));
  const toolbar = h('div.toolbar', h('div.field', h('label', { for: 'track-site-filter', text: 'Site' }), filter));
  const list = pagedList(ctx, {
    fetch: (limit, offset) => {
      replaceQuery('/admin/tracks', { site: siteFilter });
      return api.get(paths.tracks, { site_id: siteFilter, limit, offset });
    },
    pagerLabel: 'Track pages',
    table: () => ({
      caption: 'Tracks',
      empty: siteFilter ? 'No tracks at this site yet.' : 'No tracks yet. Add the first group time.',
      columns: [
        { label: 'Name', render: (t) => h('span.strong', { text: t.name }), className: 'card-title' },
        { label: 'Site', render: (t) => siteName.get(t.site_id) || `Site ${t.site_id}` },
        { label: 'Level of care', render: (t) => levelWords(t.level_of_care) },
        { label: 'Days', render: (t) => daysWords(t.weekdays) },
        { label: 'Time', render: (t) => `${clock(t.start_time)} – ${clock(t.end_time)}`, className: 'nowrap' },
        { label: 'Hours', render: (t) => weeklyHours(t), className: 'nowrap' },
        { label: 'Status', render: (t) => (t.active ? badge('Active', 'ok') : badge('Inactive', 'warn')) },
        { label: 'Actions', render: (t) => button('Edit', () => edit(t), 'secondary', { class: 'btn-small', id: `edit-track-${t.id}`, 'aria-label': `Edit ${t.name}` }), className: 'actions-cell' },
      ],
      rowClass: (t) => (t.active ? '' : 'inactive'),
    }),
  });
  const load = list.load;
  const addBtn = button('Add track', () => edit(null), 'primary', { id: 'add-track', disabled: !sites.items.length });
  ctx.main.append(pageHeader(ctx, 'Tracks', { actions: [addBtn] }),
    h('p.muted', { text: 'A track is a group that meets on the same days and times every week. Active tracks are listed on the public page and offered when a client is admitted.' }),
    toolbar, list.el);
  if (!sites.items.length) {
    ctx.main.insertBefore(h('p.notice.notice-info', 'Add a site first: a track meets at a site. ',
      auth.can('admin.manage') ? h('a', { href: '#/admin/sites', text: 'Go to Sites' }) : 'An administrator adds sites.'), toolbar);
  }

  filter.addEventListener('change', () => { siteFilter = filter.value; list.first(); load(); });

  async function edit(t) {
    const f = new Form();
    const firstSite = siteFilter ? Number(siteFilter) : (sites.items.length === 1 ? sites.items[0].id : '');
    const v = t || { site_id: firstSite, level_of_care: '2.1', weekdays: ['mon', 'tue', 'wed', 'thu'], start_time: '', end_time: '', active: true };
    const siteOpts = [{ value: '', label: 'Choose…' }, ...sites.items.filter((s) => s.active || (t && s.id === t.site_id)).map((s) => ({ value: s.id, label: s.name }))];
    const content = [
      f.add(field({ name: 'name', label: 'Name', required: true, value: v.name, maxlength: 100, autocomplete: 'off', hint: 'What clients and the public call it, e.g. "Evening IOP".' })),
      f.add(field({ name: 'site_id', label: 'Site', type: 'select', required: true, options: siteOpts, value: v.site_id })),
      f.add(field({ name: 'level_of_care', label: 'Level of care', type: 'select', required: true, options: TRACK_LEVELS, value: v.level_of_care })),
      f.add(checkGroup({ name: 'weekdays', legend: 'Days it meets', options: DAYS.map(([value, label]) => ({ value, label })), values: v.weekdays })),
      h('div.form-grid',
        f.add(field({ name: 'start_time', label: 'Starts at', type: 'time', required: true, value: v.start_time, step: 300 })),
        f.add(field({ name: 'end_time', label: 'Ends at', type: 'time', required: true, value: v.end_time, step: 300 }))),
    ];
    if (t) content.push(f.add(field({ name: 'active', label: 'Active (the group still meets)', type: 'checkbox', value: v.active })));
    const saved = await formDialog({
      title: t ? `Edit ${t.name}` : 'Add track', form: f, content, submitLabel: t ? 'Save changes' : 'Add track',
      onSubmit: (vals) => {
        const errs = {};
        if (!vals.weekdays.length) errs.weekdays = 'Choose at least one day.';
        if (!vals.start_time) errs.start_time = 'Enter the time the group starts, e.g. 09:00.';
        if (!vals.end_time) errs.end_time = 'Enter the time the group ends, e.g. 12:00.';
        if (Object.keys(errs).length) stopWithErrors(f, errs);
        vals.site_id = vals.site_id === '' ? null : Number(vals.site_id);
        return saveRecord(t, vals, paths.tracks, paths.track);
      },
    });
    if (!saved) return;
    toast(t ? 'Changes saved.' : `Track added: ${saved.name}.`);
    await load(`edit-track-${saved.id}`);
  }

  await load();
}

// Administration: tracks — the program's group times.  Each track meets at
// one site on set days from a start to an end time and delivers one level
// of care; the public page lists the active ones and the admit dialog
// offers them.  Administrators and directors (tracks.manage) add and change
// them; a track no longer run is made inactive, never deleted, so the
// episodes admitted to it keep their name.  Its week is a list of groups
// (blocks): day, start, length, group type (the program's list, read from
// the server) and topic; with groups, the days and hours follow from them.
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
import { feedDialog } from '../account/feeds.js';

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

function hoursOf(t) {
  if ((t.blocks || []).length) return t.blocks.reduce((n, b) => n + b.minutes, 0) / 60;
  const a = minutes(t.start_time), b = minutes(t.end_time);
  if (a === null || b === null || b <= a) return null;
  return ((b - a) * (t.weekdays || []).length) / 60;
}

// The weekly minimum of a level (DOMAIN.md, "Schedule and hours"): 2.1 is
// 9 hours for adults (6 under 18), 2.5 is 20; level 1 has none.
const LEVEL_MIN_HOURS = { '2.1': 9, '2.5': 20 };

function weeklyHours(t) {
  const hrs = hoursOf(t);
  if (hrs === null) return '';
  const words = `${Number.isInteger(hrs) ? hrs : hrs.toFixed(1)} h a week`;
  const min = LEVEL_MIN_HOURS[t.level_of_care];
  if (!min || hrs >= min) return words;
  return h('span', words, ' ', h('span.badge.badge-warn', {
    text: `below ${min} h`,
    title: t.level_of_care === '2.1'
      ? 'Adults at level 2.1 need at least 9 hours a week (6 for under 18s): clients on this track alone fall short.'
      : 'Level 2.5 needs at least 20 hours a week: clients on this track alone fall short.',
  }));
}

const DAY_BY_NUMBER = DAYS.map(([, label]) => label);   // 1 = Monday → DAY_BY_NUMBER[0]

// A block as the editor sends it back (for comparing with the saved one).
function strip(b) {
  const o = { weekday: b.weekday, start: b.start, minutes: b.minutes, group_type: b.group_type, topic: b.topic || '' };
  if (b.topics && b.topics.length) o.topics = b.topics;
  if (b.facilitator_id) o.facilitator_id = b.facilitator_id;
  if (b.room_id) o.room_id = b.room_id;
  return o;
}

// A form-grid cell across both columns.
function wide(el) {
  el.classList.add('span-2');
  return el;
}

function weekWords(t) {
  const n = (t.blocks || []).length;
  return n ? `${n} group${n === 1 ? '' : 's'} a week` : '';
}

// The editor of a track's week: one row a group.  Fields are named
// blocks[i].weekday … so the server's errors land on them; rows are rebuilt
// (renumbered) when one is added or removed.
function blockEditor(f, blocks, groupTypes, people, rooms, siteOf, onChange) {
  const rowsEl = h('div.block-rows');
  const empty = h('p.muted', { text: 'No groups yet: the track meets on the days and times below. Add its groups to plan its week and generate its sessions.' });
  let model = (blocks || []).map((b) => ({ ...b }));
  const typeOpts = [{ value: '', label: 'Choose…' }, ...groupTypes.map((g) => ({ value: g.code, label: g.label }))];
  const dayOpts = DAY_BY_NUMBER.map((label, i) => ({ value: String(i + 1), label }));

  const read = () => {
    model = model.map((b, i) => {
      const get = (k) => f.get(`blocks[${i}].${k}`)?.value;
      const fac = get('facilitator_id'), room = get('room_id'), mins = get('minutes');
      return { ...b, weekday: Number(get('weekday')), start: get('start'), minutes: mins === null || mins === '' ? '' : Number(mins),
        group_type: get('group_type'), topic: get('topic'),
        topics: (get('topics') || '').split('\n').map((x) => x.trim()).filter(Boolean),
        facilitator_id: fac ? Number(fac) : null, room_id: room ? Number(room) : null };
    });
  };
  const draw = () => {
    f.fields = f.fields.filter((x) => !x.name.startsWith('blocks['));
    rowsEl.replaceChildren();
    const site = siteOf();
    const facOpts = [{ value: '', label: 'Not set' }, ...people.map((p) => ({ value: p.id, label: p.full_name }))];
    const roomOpts = [{ value: '', label: 'Not set' }, ...rooms.filter((r) => String(r.site_id) === String(site) && r.active).map((r) => ({ value: r.id, label: r.name }))];
    model.forEach((b, i) => {
      const n = `blocks[${i}]`;
      const remove = button('Remove', () => { read(); model.splice(i, 1); draw(); }, 'secondary',
        { class: 'btn-small', 'aria-label': `Remove group ${i + 1}` });
      rowsEl.append(h('fieldset.fieldset.block-row', h('legend', { text: `Group ${i + 1}` }),
        h('div.form-grid',
          f.add(field({ name: `${n}.weekday`, label: 'Day', type: 'select', options: dayOpts, value: String(b.weekday || 1) })),
          f.add(field({ name: `${n}.start`, label: 'Starts at', type: 'time', value: b.start || '', step: 300 })),
          f.add(field({ name: `${n}.minutes`, label: 'Minutes', type: 'number', value: b.minutes ?? 60, min: 1, max: 720, inputmode: 'numeric' })),
          f.add(field({ name: `${n}.group_type`, label: 'Group type', type: 'select', options: typeOpts, value: b.group_type || '' })),
          f.add(field({ name: `${n}.facilitator_id`, label: 'Facilitator', type: 'select', options: facOpts, value: b.facilitator_id ?? '' })),
          f.add(field({ name: `${n}.room_id`, label: 'Room', type: 'select', options: roomOpts, value: b.room_id ?? '' })),
          f.add(field({ name: `${n}.topic`, label: 'Topic', value: b.topic || '', maxlength: 200, autocomplete: 'off' })),
          wide(f.add(field({ name: `${n}.topics`, label: 'Curriculum (optional)', type: 'textarea', rows: 2, value: (b.topics || []).join('\n'),
            hint: 'One topic a line, taken in turn week by week; it then decides each week’s topic.' })))),
        h('div.block-actions', remove)));
    });
    empty.hidden = model.length > 0;
    onChange(model.length);
  };
  const redraw = () => { read(); draw(); };
  const add = button('Add a group', () => {
    read();
    const last = model[model.length - 1];
    model.push({ weekday: last ? Math.min(7, last.weekday + 1) : 1, start: last ? last.start : '09:00', minutes: last ? last.minutes : 90, group_type: '', topic: '' });
    draw();
    rowsEl.lastElementChild?.querySelector('select')?.focus();
  }, 'secondary', { id: 'add-block' });
  draw();
  return {
    el: h('section.block-editor', { 'aria-label': 'The week' }, h('h3', { text: 'The week' }), empty, rowsEl, add),
    redraw,
    // The blocks as the server takes them (topics kept as they were).
    values: () => {
      read();
      return model.map((b) => {
        const o = strip(b);
        if (b.minutes === '') o.minutes = null;
        return o;
      });
    },
  };
}

export async function render(ctx) {
  const [sites, groupTypes, staff, rooms] = await Promise.all([api.get(paths.sites, { limit: 200 }), api.get(paths.groupTypes),
    api.get(paths.staff, { limit: 200 }), api.get(paths.rooms, { limit: 200 })]);
  // Who may lead a group: active staff who see clients.
  const people = staff.items.filter((p) => p.active && (p.roles || []).some((r) => ['clinician', 'director', 'case_manager', 'nurse', 'prescriber'].includes(r)));
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
        { label: 'Week', render: (t) => weekWords(t), className: 'nowrap' },
        { label: 'Status', render: (t) => (t.active ? badge('Active', 'ok') : badge('Inactive', 'warn')) },
        { label: 'Actions', render: (t) => h('div.row-actions',
          button('Edit', () => edit(t), 'secondary', { class: 'btn-small', id: `edit-track-${t.id}`, 'aria-label': `Edit ${t.name}` }),
          (t.blocks || []).length && t.active
            ? button('Sessions', () => generate(t), 'secondary', { class: 'btn-small', id: `generate-track-${t.id}`, 'aria-label': `Generate the sessions of ${t.name}` })
            : null,
          button('Calendar', () => feedDialog({ kind: 'track', id: t.id, name: t.name }), 'secondary', { class: 'btn-small', id: `feed-track-${t.id}`, 'aria-label': `Calendar feed of ${t.name}` })), className: 'actions-cell' },
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

  // Make the track's sessions from its week for a stretch of dates (again is
  // harmless: sessions already there are kept).
  async function generate(t) {
    const f = new Form();
    const today = new Date();
    const ymd = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const later = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 55);
    const content = [
      h('p.muted', { text: 'Sessions are made from the track’s week for every date from the first to the last (at most a year). Sessions already made are kept; a day the site is closed gets its sessions cancelled.' }),
      h('div.form-grid',
        f.add(field({ name: 'from', label: 'First date', type: 'date', required: true, value: ymd(today) })),
        f.add(field({ name: 'to', label: 'Last date', type: 'date', required: true, value: ymd(later) }))),
    ];
    const done = await formDialog({
      title: `Sessions of ${t.name}`, form: f, content, submitLabel: 'Generate sessions',
      onSubmit: (vals) => api.post(paths.trackSessionsGenerate(t.id), vals),
    });
    if (!done) return;
    toast(done.created ? `${done.created} session${done.created === 1 ? '' : 's'} added to ${t.name}.` : `No new sessions: ${t.name} already had them all.`);
  }

  async function edit(t) {
    const f = new Form();
    const firstSite = siteFilter ? Number(siteFilter) : (sites.items.length === 1 ? sites.items[0].id : '');
    const v = t || { site_id: firstSite, level_of_care: '2.1', weekdays: ['mon', 'tue', 'wed', 'thu'], start_time: '', end_time: '', active: true };
    const siteOpts = [{ value: '', label: 'Choose…' }, ...sites.items.filter((s) => s.active || (t && s.id === t.site_id)).map((s) => ({ value: s.id, label: s.name }))];
    const content = [
      f.add(field({ name: 'name', label: 'Name', required: true, value: v.name, maxlength: 100, autocomplete: 'off', hint: 'What clients and the public call it, e.g. "Evening IOP".' })),
      f.add(field({ name: 'site_id', label: 'Site', type: 'select', required: true, options: siteOpts, value: v.site_id })),
      f.add(field({ name: 'level_of_care', label: 'Level of care', type: 'select', required: true, options: TRACK_LEVELS, value: v.level_of_care })),
    ];
    const hours = h('div.track-hours',
      f.add(checkGroup({ name: 'weekdays', legend: 'Days it meets', options: DAYS.map(([value, label]) => ({ value, label })), values: v.weekdays })),
      h('div.form-grid',
        f.add(field({ name: 'start_time', label: 'Starts at', type: 'time', required: true, value: v.start_time, step: 300 })),
        f.add(field({ name: 'end_time', label: 'Ends at', type: 'time', required: true, value: v.end_time, step: 300 }))));
    // With groups the days and hours follow from them: the fields hide.
    const week = blockEditor(f, v.blocks, groupTypes.items, people, rooms.items, () => f.get('site_id').value, (n) => { hours.hidden = n > 0; });
    content.push(hours, week.el);
    // The rooms offered are the chosen site's.
    f.get('site_id').input.addEventListener('change', () => week.redraw());
    if (t) content.push(f.add(field({ name: 'active', label: 'Active (the group still meets)', type: 'checkbox', value: v.active })));
    const saved = await formDialog({
      title: t ? `Edit ${t.name}` : 'Add track', form: f, content, submitLabel: t ? 'Save changes' : 'Add track',
      onSubmit: (vals) => {
        const errs = {};
        const blocks = week.values();
        for (const k of Object.keys(vals)) if (k.startsWith('blocks[')) delete vals[k];
        if (blocks.length) {
          // The days and hours follow from the groups.
          delete vals.weekdays; delete vals.start_time; delete vals.end_time;
          blocks.forEach((b, i) => {
            if (!b.start) errs[`blocks[${i}].start`] = 'Enter the time the group starts, e.g. 09:00.';
            if (!b.group_type) errs[`blocks[${i}].group_type`] = 'Choose the kind of group.';
            if (b.minutes === null) errs[`blocks[${i}].minutes`] = 'Enter how long the group lasts, in minutes.';
          });
        } else {
          if (!vals.weekdays.length) errs.weekdays = 'Choose at least one day.';
          if (!vals.start_time) errs.start_time = 'Enter the time the group starts, e.g. 09:00.';
          if (!vals.end_time) errs.end_time = 'Enter the time the group ends, e.g. 12:00.';
        }
        if (Object.keys(errs).length) stopWithErrors(f, errs);
        vals.site_id = vals.site_id === '' ? null : Number(vals.site_id);
        if (!t || JSON.stringify(blocks) !== JSON.stringify((t.blocks || []).map(strip)))
          vals.blocks = blocks;
        return saveRecord(t, vals, paths.tracks, paths.track);
      },
    });
    if (!saved) return;
    toast(t ? 'Changes saved.' : `Track added: ${saved.name}.`);
    await load(`edit-track-${saved.id}`);
  }

  await load();
}

// The week calendar (issue 12, item 9): one site's week, Monday to Sunday in
// the site's own time zone, hours down the side, its group sessions and
// appointments placed by time in lanes — by room or by staff member.
// Cancelled ones stay, struck through.  A session opens to its roster,
// facilitator and room; those who manage tracks cancel it (with a reason)
// or name a substitute facilitator there, and add a one-off session.
// Clicking free time (or a day's "Book" button, from the keyboard) opens
// the booking form with that day, time and lane; the form asks the server
// for clashes as the user picks (GET /appointments/conflicts) and says them
// in words before saving; the server still refuses a clash that appears
// meanwhile (409), and that message is shown too.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear, debounce } from '../dom.js';
import { badge } from '../components/badge.js';
import { openDialog, formDialog } from '../components/dialog.js';
import { field, Form, stopWithErrors } from '../components/field.js';
import { toast } from '../components/toast.js';
import { pageHeader, errorNote, button } from '../components/page.js';
import { staffDirectory, staffName } from '../directory.js';
import { clientName, mrnFor, pad2 } from '../format.js';
import { replaceQuery, line } from '../nav.js';
import { zoned, wallTime, zoneWords, rememberedSite, rememberSite } from '../duty/duty.js';
import { groupNoteButton } from '../notes/open.js';

const DAY_MS = 86400e3;
const PX_PER_MIN = 1;		// the grid's height: 60 px an hour
const FIRST_HOUR = 8;		// shown at least from 8 AM
const LAST_HOUR = 21;		// to 9 PM, more when something is earlier or later
const SNAP = 15;		// free time is clicked to the quarter hour
const LANE_KINDS = 6;		// lane colours (app.css .lane-0 … .lane-5)

// "2026-03-02" + n days.
function addDays(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
// The Monday of the week of ymd.
function mondayOf(ymd) {
  const wd = (new Date(ymd + 'T12:00:00Z').getUTCDay() + 6) % 7;
  return addDays(ymd, -wd);
}
const apiInstant = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const hm = (min) => `${pad2(Math.floor(min / 60))}:${pad2(min % 60)}`;
const dayWords = (ymd, opts) => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', ...opts }).format(new Date(ymd + 'T12:00:00Z'));
// "9:00 AM" for "09:00".
function clock(hhmm) {
  const [H, M] = hhmm.split(':').map(Number);
  return `${H % 12 || 12}:${pad2(M)} ${H < 12 ? 'AM' : 'PM'}`;
}

// Every page of a list (200 at a time): a busy site's week may hold more.
async function allPages(path, query) {
  const items = [];
  for (;;) {
    const d = await api.get(path, { ...query, limit: 200, offset: items.length });
    items.push(...(d.items || []));
    if (!(d.items || []).length || items.length >= d.total) return { items, total: d.total };
  }
}

// The kinds of appointment, once (GET /appointment-kinds).
let kindsPromise = null;
function appointmentKinds() {
  if (!kindsPromise) {
    kindsPromise = api.get(paths.appointmentKinds).then((d) => d.items || []);
    kindsPromise.catch(() => { kindsPromise = null; });
  }
  return kindsPromise;
}

export async function render(ctx) {
  const [sitesData, dir, kinds, gt] = await Promise.all([
    api.get(paths.sites, { limit: 200 }),
    staffDirectory(),
    appointmentKinds(),
    api.get(paths.groupTypes),
  ]);
  if (!ctx.isCurrent()) return;
  const sites = (sitesData.items || []).filter((s) => s.active).sort((a, b) => a.name.localeCompare(b.name));
  const groupTypes = new Map((gt.items || []).map((x) => [x.code, x.label]));
  const canManage = auth.can('tracks.manage');
  const oneOff = canManage ? button('Add a one-off session', () => oneOffDialog(), 'secondary', { id: 'week-one-off' }) : null;
  ctx.main.append(pageHeader(ctx, 'Schedule', {
    sub: h('p.page-sub', { text: 'Groups and appointments at one site, by room or by staff member.' }),
    actions: oneOff ? [oneOff] : [],
  }));
  if (!sites.length) {
    ctx.main.append(h('div.empty-state', h('p', { text: 'There are no sites yet.' }),
      h('p.muted', { text: 'An administrator adds sites under Sites.' })));
    return;
  }

  const mine = auth.user.site_ids || [];
  const wanted = Number(ctx.query.get('site')) || rememberedSite() || mine[0] || 0;
  const st = {
    site: sites.find((s) => s.id === wanted) || sites.find((s) => mine.includes(s.id)) || sites[0],
    week: /^\d{4}-\d{2}-\d{2}$/.test(ctx.query.get('week') || '') ? mondayOf(ctx.query.get('week')) : '',
    by: ctx.query.get('by') === 'staff' ? 'staff' : 'room',
    lane: Number(ctx.query.get('lane')) || 0,	// 0: every lane
  };
  const thisWeek = () => mondayOf(zoned(Date.now(), st.site.timezone).ymd);
  if (!st.week) st.week = thisWeek();

  // The toolbar: site, the week and its arrows, by room or by staff, one lane.
  const siteSel = h('select', { id: 'week-site' }, sites.map((s) => h('option', { value: String(s.id), text: s.name, selected: s.id === st.site.id })));
  const byRoom = h('input', { type: 'radio', name: 'week-by', id: 'week-by-room', value: 'room', checked: st.by === 'room' });
  const byStaff = h('input', { type: 'radio', name: 'week-by', id: 'week-by-staff', value: 'staff', checked: st.by === 'staff' });
  const laneSel = h('select', { id: 'week-lane' });
  const laneLabel = h('label', { for: 'week-lane' });
  const weekTitle = h('h2.week-title', { id: 'week-title', 'aria-live': 'polite' });
  const zoneLine = h('p.small.muted.week-zone');
  const host = h('div.week-host', { id: 'week-grid-host' });
  const hint = h('p.week-hint');
  ctx.main.append(
    h('div.toolbar.week-toolbar',
      sites.length > 1 ? h('div.inline-field', h('label', { for: 'week-site', text: 'Site' }), siteSel) : null,
      h('div.week-nav', { role: 'group', 'aria-label': 'Which week' },
        button('← Previous week', () => go(addDays(st.week, -7)), 'secondary', { id: 'week-prev', class: 'btn-small' }),
        button('This week', () => go(thisWeek()), 'secondary', { id: 'week-this', class: 'btn-small' }),
        button('Next week →', () => go(addDays(st.week, 7)), 'secondary', { id: 'week-next', class: 'btn-small' })),
      h('fieldset.week-by', h('legend', { text: 'Show' }),
        h('label.choice', { for: 'week-by-room' }, byRoom, h('span', { text: 'By room' })),
        h('label.choice', { for: 'week-by-staff' }, byStaff, h('span', { text: 'By staff' }))),
      h('div.inline-field', laneLabel, laneSel)),
    weekTitle, zoneLine,
    hint,
    host);

  let data = { sessions: [], appts: [], tracks: [], rooms: [] };
  const names = new Map();	// client id → name, for the appointments
  const ask = ctx.line();

  const keepAddress = () => replaceQuery('/week', { site: st.site.id, week: st.week === thisWeek() ? '' : st.week, by: st.by === 'staff' ? 'staff' : '', lane: st.lane });
  const go = (monday) => { st.week = monday; keepAddress(); load(); };
  siteSel.addEventListener('change', () => {
    st.site = sites.find((s) => String(s.id) === siteSel.value) || st.site;
    rememberSite(st.site.id);
    st.lane = 0;
    keepAddress();
    load();
  });
  for (const r of [byRoom, byStaff]) {
    r.addEventListener('change', () => { st.by = r.value; st.lane = 0; keepAddress(); draw(); });
  }
  laneSel.addEventListener('change', () => { st.lane = Number(laneSel.value) || 0; keepAddress(); draw(); });

  async function load() {
    const ticket = ask();
    const tz = st.site.timezone;
    const from = wallTime(st.week, '00:00', tz).ms;
    const to = wallTime(addDays(st.week, 7), '00:00', tz).ms;
    host.setAttribute('aria-busy', 'true');
    let ss, ap, tr, rm;
    try {
      [ss, ap, tr, rm] = await Promise.all([
        api.get(paths.sessions, { site_id: st.site.id, from: st.week, to: addDays(st.week, 6) }),
        auth.can('clients.read')
          ? allPages(paths.appointments, { site_id: st.site.id, from: apiInstant(from), to: apiInstant(to) })
          : Promise.resolve({ items: [] }),
        api.get(paths.tracks, { site_id: st.site.id, limit: 200 }),
        api.get(paths.rooms, { site_id: st.site.id, limit: 200 }),
      ]);
      // The appointments carry no names: each client's once.
      const want = [...new Set((ap.items || []).map((x) => x.client_id))].filter((id) => !names.has(id));
      const got = await Promise.all(want.map((id) => api.get(paths.client(id)).catch((e) => { if (e.status === 401) throw e; return null; })));
      for (const c of got) if (c) names.set(c.id, clientName(c));
    } catch (err) {
      if (err.status === 401 || !ticket()) return;
      host.removeAttribute('aria-busy');
      clear(host).append(errorNote(err));
      return;
    }
    if (!ticket()) return;
    data = { sessions: ss.items || [], appts: ap.items || [], tracks: tr.items || [], rooms: (rm.items || []).filter((r) => r.site_id === st.site.id) };
    host.removeAttribute('aria-busy');
    draw();
  }

  // ---- The lanes and where each item goes ---------------------------------

  const sessionStaff = (s) => s.substitute_facilitator_id || s.facilitator_id || 0;
  const roomName = (id) => { const r = data.rooms.find((x) => x.id === id); return r ? r.name : id ? `Room #${id}` : ''; };
  const trackName = (id) => { const t = data.tracks.find((x) => x.id === id); return t ? t.name : `Track ${id}`; };
  const groupTitle = (s) => `${groupTypes.get(s.group_type) || s.group_type || 'Group'}${s.topic ? `: ${s.topic}` : ''}`;

  // Every item of the week: {kind, rec, date, a, b (minutes of the day), room, staff, title, cancelled}.
  function items() {
    const tz = st.site.timezone;
    const out = [];
    const place = (kind, rec, startIso, endIso, room, staff, title, cancelled) => {
      const s = Date.parse(startIso);
      const e = Date.parse(endIso);
      const zs = zoned(s, tz);
      const ze = zoned(e, tz);
      const a = zs.hh * 60 + zs.mm;
      const b = ze.ymd === zs.ymd ? ze.hh * 60 + ze.mm : 24 * 60;
      out.push({ kind, rec, date: zs.ymd, a, b: Math.max(b, a + 10), s, e, room, staff, title, cancelled });
    };
    for (const s of data.sessions) place('session', s, s.starts_at, s.ends_at, s.room_id || 0, sessionStaff(s), groupTitle(s), s.status === 'cancelled');
    for (const x of data.appts) place('appt', x, x.starts_at, x.ends_at, x.room_id || 0, x.staff_id, x.kind_words || x.kind, x.status === 'cancelled');
    return out;
  }

  // The lanes of the mode: [{id, name}], the chosen one alone when chosen.
  function lanes(all) {
    let list;
    if (st.by === 'room') {
      list = data.rooms.filter((r) => r.active || all.some((it) => it.room === r.id))
        .sort((p, q) => p.name.localeCompare(q.name)).map((r) => ({ id: r.id, name: r.name }));
      if (all.some((it) => !it.room)) list.push({ id: 0, name: 'No room' });
    } else {
      const ids = new Set(all.map((it) => it.staff));
      // Those who work at the site and see clients, and anyone with something this week.
      const bookable = new Set(kinds.flatMap((k) => k.staff_roles || []));
      for (const s of dir.list) {
        if (s.active && (s.site_ids || []).includes(st.site.id) && (s.roles || []).some((r) => bookable.has(r))) ids.add(s.id);
      }
      list = [...ids].filter((id) => id).map((id) => ({ id, name: staffName(dir, id) })).sort((p, q) => p.name.localeCompare(q.name));
      if (ids.has(0)) list.push({ id: 0, name: 'No facilitator' });
    }
    return list;
  }

  function fillLaneSelect(list) {
    laneLabel.textContent = st.by === 'room' ? 'Room' : 'Staff member';
    clear(laneSel).append(h('option', { value: '', text: st.by === 'room' ? 'All rooms' : 'All staff' }),
      ...list.filter((l) => l.id).map((l) => h('option', { value: String(l.id), text: l.name, selected: l.id === st.lane })));
    if (st.lane && !list.some((l) => l.id === st.lane)) st.lane = 0;
  }

  // ---- Drawing the grid -------------------------------------------------------

  function draw() {
    const tz = st.site.timezone;
    const all = items();
    const every = lanes(all);
    fillLaneSelect(every);
    // Every lane at once shares each day's column (side by side where they
    // overlap, each item marked with its lane); one lane chosen fills it,
    // and free time clicked there is booked into that room or with that
    // staff member.
    const shown = st.lane ? every.filter((l) => l.id === st.lane) : [{ id: null, name: '' }];
    const laneOf = (it) => (st.by === 'room' ? it.room : it.staff);
    const today = zoned(Date.now(), tz).ymd;
    const one = st.lane ? (every.find((l) => l.id === st.lane) || {}).name : '';
    hint.textContent = one
      ? `Click free time to book an appointment ${st.by === 'room' ? 'in' : 'with'} ${one} then. Click a group or an appointment to open it.`
      : `Click free time to book an appointment then; choose one ${st.by === 'room' ? 'room' : 'staff member'} above to book ${st.by === 'room' ? 'into it' : 'with them'}. Click a group or an appointment to open it.`;
    const last = addDays(st.week, 6);
    weekTitle.textContent = `${dayWords(st.week, { weekday: 'short', day: 'numeric', month: 'short' })} – ${dayWords(last, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })}`;
    zoneLine.textContent = `${st.site.name}. Times are ${zoneWords(tz, wallTime(st.week, '12:00', tz).ms, { short: true })}.${st.week === thisWeek() ? ' This week.' : ''}`;
    clear(host);
    if (!every.length || !shown.length) {
      host.append(h('div.empty-state', h('p', { text: st.by === 'room' ? `${st.site.name} has no rooms yet.` : `Nobody works at ${st.site.name} yet.` }),
        h('p.muted', { text: 'An administrator adds them under Rooms and Staff.' })));
      return;
    }
    let first = FIRST_HOUR * 60;
    let end = LAST_HOUR * 60;
    for (const it of all) { first = Math.min(first, Math.floor(it.a / 60) * 60); end = Math.max(end, Math.ceil(it.b / 60) * 60); }
    const height = (end - first) * PX_PER_MIN;
    const laneIndex = new Map(every.map((l, i) => [l.id, i]));

    const grid = h('div.week-grid', { dataset: { first: String(first), week: st.week } });
    grid.append(h('div.week-corner', { 'aria-hidden': 'true' }));
    const days = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(st.week, i));
    for (const d of days) {
      const long = dayWords(d, { weekday: 'long', day: 'numeric', month: 'long' });
      grid.append(h(`div.week-dayhead${d === today ? '.is-today' : ''}`,
        h('h3', { title: long }, h('span', { 'aria-hidden': 'true', text: `${dayWords(d, { weekday: 'short' })} ${Number(d.slice(8))}` }),
          h('span.visually-hidden', { text: long })),
        auth.can('appointments.book') && auth.can('clients.read') ? h('button.btn.btn-secondary.btn-small.week-book', {
          type: 'button', text: 'Book', id: `week-book-${d}`, 'aria-label': `Book an appointment on ${long}`,
          onclick: () => openBooking(d, defaultTime(d), st.lane ? { by: st.by, id: st.lane } : null),
        }) : null,
      ));
    }
    const hours = h('div.week-hours', { 'aria-hidden': 'true' });
    hours.style.height = `${height}px`;
    for (let m = first; m < end; m += 60) {
      const lab = h('span', { text: clock(hm(m)).replace(':00', '') });
      lab.style.top = `${(m - first) * PX_PER_MIN}px`;
      hours.append(lab);
    }
    grid.append(hours);
    for (const d of days) {
      const col = h(`div.week-day${d === today ? '.is-today' : ''}`, { role: 'group', 'aria-label': dayWords(d, { weekday: 'long', day: 'numeric', month: 'long' }) });
      col.style.height = `${height}px`;
      for (const l of shown) {
        const lane = h('div.week-lane', { dataset: { date: d, lane: l.id === null ? '' : String(l.id) }, title: `${l.name ? `${l.name}: c` : 'C'}lick free time to book` });
        const mine = all.filter((it) => it.date === d && (l.id === null || laneOf(it) === l.id)).sort((p, q) => p.a - q.a || p.b - q.b);
        // Side by side where they overlap: each run of overlapping items
        // shares the width between its columns.
        let run = [];
        let runEnd = -1;
        const colsEnd = [];
        const flush = () => { for (const it of run) it.ncols = colsEnd.length; run = []; colsEnd.length = 0; };
        for (const it of mine) {
          if (it.a >= runEnd) flush();
          let c = colsEnd.findIndex((e) => e <= it.a);
          if (c < 0) { c = colsEnd.length; colsEnd.push(0); }
          colsEnd[c] = it.b;
          it.col = c;
          run.push(it);
          runEnd = Math.max(runEnd, it.b);
        }
        flush();
        for (const it of mine) {
          const lid = laneOf(it);
          lane.append(itemButton(it, first, it.ncols, every.find((x) => x.id === lid) || { id: lid, name: '' }, laneIndex.get(lid) ?? 0));
        }
        lane.addEventListener('click', (e) => {
          if (e.target !== lane || !(auth.can('appointments.book') && auth.can('clients.read'))) return;
          const min = first + Math.floor(e.offsetY / PX_PER_MIN / SNAP) * SNAP;
          openBooking(d, hm(Math.min(min, 23 * 60 + 45)), l.id ? { by: st.by, id: l.id } : null);
        });
        col.append(lane);
      }
      grid.append(col);
    }
    const scroller = h('div.week-scroll', grid);
    host.append(scroller);
    // On a narrow screen the week scrolls sideways: today in view.
    const todayCol = grid.querySelector('.week-day.is-today');
    if (todayCol && scroller.scrollWidth > scroller.clientWidth) scroller.scrollLeft = todayCol.offsetLeft - hours.offsetWidth;
    if (!all.length) host.append(h('p.muted', { text: `Nothing is scheduled at ${st.site.name} this week.` }));
  }

  // The next quarter hour today, else 9 AM.
  function defaultTime(d) {
    const z = zoned(Date.now(), st.site.timezone);
    if (d !== z.ymd) return '09:00';
    const m = Math.ceil((z.hh * 60 + z.mm + 1) / SNAP) * SNAP;
    return m < 24 * 60 ? hm(m) : '23:45';
  }

  function itemButton(it, first, ncols, l, li) {
    const x = it.rec;
    const when = `${clock(hm(it.a))} – ${clock(hm(it.b % (24 * 60)))}`;
    const other = st.by === 'room' ? (it.staff ? staffName(dir, it.staff) : '') : roomName(it.room);
    const who = it.kind === 'appt' ? (names.get(x.client_id) || mrnFor(x.client_id)) : trackName(x.track_id);
    const more = [`${it.kind === 'session' ? 'group' : 'appointment'},`, `${dayWords(it.date, { weekday: 'long' })} until ${clock(hm(it.b % (24 * 60)))},`, other].filter(Boolean).join(' ');
    const btn = h(`button.week-item.is-${it.kind}.lane-${li % LANE_KINDS}${it.cancelled ? '.is-cancelled' : ''}`, {
      type: 'button', title: `${when}: ${it.title} (${who})${it.cancelled ? ', cancelled' : ''}`,
      dataset: it.kind === 'session' ? { session: x.id } : { appointment: x.id },
      onclick: () => (it.kind === 'session' ? sessionDialog(x) : apptDialog(x)),
    },
    it.cancelled ? h('span.week-item-state', { text: 'Cancelled' }) : null,
    h('span.week-item-head', h('span.week-item-time', { text: clock(hm(it.a)) }), ' ', h('span.week-item-title', { text: it.title })),
    h('span.week-item-who', { text: who }),
    h('span.week-item-lane', { text: l.name || (st.by === 'room' ? 'No room' : 'No facilitator') }),
    h('span.visually-hidden', { text: ` ${more}` }));
    btn.style.top = `${(it.a - first) * PX_PER_MIN}px`;
    btn.style.height = `${Math.max(18, (it.b - it.a) * PX_PER_MIN - 2)}px`;
    btn.style.left = `${(it.col / ncols) * 100}%`;
    btn.style.width = `${100 / ncols}%`;
    return btn;
  }

  // ---- A session: its roster, and cancelling or a substitute ----------------

  async function sessionDialog(s0) {
    let s;
    try {
      s = await api.get(paths.groupSession(s0.id));
    } catch (err) {
      if (err.status !== 401) toast(`The group could not be opened: ${err.message}`, 'error');
      return;
    }
    const tz = st.site.timezone;
    const a = zoned(Date.parse(s.starts_at), tz);
    const e = zoned(Date.parse(s.ends_at), tz);
    const cancelled = s.status === 'cancelled';
    const body = [];
    body.push(h('dl.week-facts',
      h('dt', { text: 'When' }), h('dd', { text: `${dayWords(s.date, { weekday: 'long', day: 'numeric', month: 'long' })}, ${clock(a.hm)} – ${clock(e.hm)}` }),
      h('dt', { text: 'Track' }), h('dd', { text: trackName(s.track_id) }),
      h('dt', { text: 'Facilitator' }), h('dd', { id: 'week-session-facilitator' }, s.substitute_facilitator_id
        ? [staffName(dir, s.substitute_facilitator_id), h('span.muted', { text: ` (substitute for ${staffName(dir, s.facilitator_id) || 'nobody'})` })]
        : staffName(dir, s.facilitator_id) || 'None named'),
      h('dt', { text: 'Room' }), h('dd', { text: roomName(s.room_id) || 'No room' }),
      h('dt', { text: 'Status' }), h('dd', cancelled ? [badge('Cancelled', 'warn'), s.cancel_reason ? ` ${s.cancel_reason}` : ''] : 'Scheduled')));
    const roster = s.roster || [];
    body.push(h('h3.week-sub', { text: `Roster (${roster.length})` }));
    body.push(roster.length
      ? h('ul.week-roster', roster.map((c) => h('li', h('a', { href: `#/clients/${c.client_id}`, text: clientName(c) }), ' ', h('span.mrn', { text: c.mrn || '' }),
        c.attendance ? [' ', badge(c.attendance.status.replace(/_/g, ' '), c.attendance.status.startsWith('absent') ? 'warn' : 'ok')] : null)))
      : h('p.muted', { text: 'Nobody is enrolled on this group that day.' }));
    const msg = h('div.week-msg');
    // A held group's note, from here as from Today's roster.
    if (!cancelled && Date.parse(s.starts_at) <= Date.now() && auth.can('notes.write')) {
      body.push(h('div.week-actions', groupNoteButton(s.id, groupTitle(s), (err) => msg.append(errorNote(err)),
        {})));
    }
    body.push(msg);
    let dlg;
    const patch = async (change, done) => {
      clear(msg);
      try {
        await api.patch(paths.groupSession(s.id), change);
      } catch (err) {
        if (err.status === 401) { dlg.close(); return; }
        const f = err.fields ? Object.values(err.fields).join(' ') : '';
        msg.append(errorNote({ message: `Not saved: ${err.message}${f ? ` ${f}` : ''}` }));
        return;
      }
      dlg.close();
      toast(done);
      await load();
    };
    if (canManage && !cancelled) {
      // Cancel, with the reason required.
      const reasonF = field({ name: 'reason', label: 'Reason for cancelling', type: 'textarea', required: true, rows: 2, hint: 'Staff see it on Today and on the week, e.g. "Facilitator ill, no cover".' });
      const cancelBox = h('div.week-action', { hidden: true }, reasonF.el,
        button('Cancel the session', () => {
          const reason = reasonF.value;
          if (!reason) { reasonF.setError('Enter why the session is cancelled.'); reasonF.focus(); return; }
          patch({ status: 'cancelled', reason }, `Cancelled: ${groupTitle(s)}, ${dayWords(s.date, { weekday: 'long' })} ${clock(a.hm)}.`);
        }, 'danger', { id: 'week-cancel-confirm' }));
      // A substitute facilitator, or none.
      const subF = field({ name: 'substitute', label: 'Substitute facilitator', type: 'select', value: s.substitute_facilitator_id || '',
        options: [{ value: '', label: 'None: the usual facilitator' }, ...dir.list.filter((x) => x.active && x.id !== s.facilitator_id)
          .sort((p, q) => (p.full_name || p.username).localeCompare(q.full_name || q.username)).map((x) => ({ value: x.id, label: x.full_name || x.username }))] });
      const subBox = h('div.week-action', { hidden: true }, subF.el,
        button('Save substitute', () => {
          const v = Number(subF.value) || 0;
          patch({ substitute_facilitator_id: v || null }, v ? `${staffName(dir, v)} facilitates ${groupTitle(s)} on ${dayWords(s.date, { weekday: 'long' })}.` : 'The usual facilitator is back.');
        }, 'primary', { id: 'week-sub-save' }));
      const toggle = (box, other) => () => { other.hidden = true; box.hidden = !box.hidden; if (!box.hidden) box.querySelector('textarea, select').focus(); };
      body.push(h('div.week-actions',
        button('Cancel this session', toggle(cancelBox, subBox), 'secondary', { id: 'week-cancel' }),
        button('Substitute facilitator', toggle(subBox, cancelBox), 'secondary', { id: 'week-substitute' })),
      cancelBox, subBox);
    } else if (canManage && cancelled) {
      body.push(h('div.week-actions', button('Hold it after all', () => patch({ status: 'scheduled' }, `Back on: ${groupTitle(s)}.`), 'secondary', { id: 'week-restore' })));
    }
    dlg = openDialog({ title: groupTitle(s), body, className: 'dialog-wide', actions: [{ label: 'Close', kind: 'secondary', onClick: (d) => d.close() }] });
  }

  // ---- An appointment --------------------------------------------------------

  function apptDialog(x) {
    const tz = st.site.timezone;
    const a = zoned(Date.parse(x.starts_at), tz);
    const e = zoned(Date.parse(x.ends_at), tz);
    const cancelled = x.status === 'cancelled';
    openDialog({
      title: x.kind_words || x.kind,
      className: 'dialog-wide',
      body: [h('dl.week-facts',
        h('dt', { text: 'Client' }), h('dd', h('a', { href: `#/clients/${x.client_id}`, text: names.get(x.client_id) || mrnFor(x.client_id) })),
        h('dt', { text: 'When' }), h('dd', { text: `${dayWords(a.ymd, { weekday: 'long', day: 'numeric', month: 'long' })}, ${clock(a.hm)} – ${clock(e.hm)}` }),
        h('dt', { text: 'With' }), h('dd', { text: x.staff_name || staffName(dir, x.staff_id) }),
        h('dt', { text: 'Room' }), h('dd', { text: x.room_name || 'No room' }),
        h('dt', { text: 'Status' }), h('dd', cancelled ? [badge('Cancelled', 'warn'), x.cancel_reason ? ` ${x.cancel_reason}` : ''] : 'Scheduled')),
      h('p.muted', { text: 'Reschedule or cancel it from the client’s chart, under Appointments.' })],
      actions: [{ label: 'Close', kind: 'secondary', onClick: (d) => d.close() }],
    });
  }

  // ---- Booking from free time ---------------------------------------------------

  // Whom a kind is with: active staff holding one of its roles.
  const staffFor = (kind) => dir.list.filter((s) => s.active && (s.roles || []).some((r) => ((kind && kind.staff_roles) || []).includes(r)))
    .sort((p, q) => (p.full_name || p.username).localeCompare(q.full_name || q.username));
  const fill = (sel, options, value) => {
    clear(sel).append(...options.map((o) => h('option', { value: String(o.value), text: o.label, selected: String(o.value) === String(value ?? '') })));
  };

  async function openBooking(date, time, lane) {
    const tz = st.site.timezone;
    const bookable = kinds.filter((k) => k.code !== 'family_therapy');
    const laneStaff = lane && lane.by === 'staff' ? dir.byId.get(lane.id) : null;
    const fits = (k, s) => (k.staff_roles || []).some((r) => (s.roles || []).includes(r));
    const kind0 = (laneStaff && (bookable.find((k) => k.code === 'individual_therapy' && fits(k, laneStaff)) || bookable.find((k) => fits(k, laneStaff)))) || bookable[0];
    const f = new Form();
    const findF = field({ name: 'find', label: 'Find the client', type: 'search', hint: 'Type part of a name or the record number.', autocomplete: 'off' });
    const clientF = field({ name: 'client_id', label: 'Client', type: 'select', required: true, options: [{ value: '', label: 'Type a name above first' }] });
    const kindF = field({ name: 'kind', label: 'Kind of appointment', type: 'select', required: true, value: kind0 && kind0.code,
      options: bookable.map((k) => ({ value: k.code, label: k.words })),
      hint: 'Family therapy is booked from the client’s chart, where family members are listed.' });
    const staffF = field({ name: 'staff_id', label: 'With', type: 'select', required: true, options: [] });
    const roomF = field({ name: 'room_id', label: 'Room', type: 'select', value: lane && lane.by === 'room' ? lane.id : '',
      options: [{ value: '', label: 'No room' }, ...data.rooms.filter((r) => r.active).map((r) => ({ value: r.id, label: r.name }))] });
    const dateF = field({ name: 'date', label: 'Date', type: 'date', required: true, value: date });
    const timeF = field({ name: 'time', label: 'Start time', type: 'time', required: true, value: time, step: 300 });
    const minF = field({ name: 'minutes', label: 'Length (minutes)', type: 'number', required: true, value: 50, min: 5, max: 480, step: 5, inputmode: 'numeric' });
    const redrawStaff = () => {
      const k = kinds.find((x) => x.code === kindF.input.value);
      const keep = staffF.input.value || (laneStaff ? laneStaff.id : '');
      fill(staffF.input, [{ value: '', label: 'Choose…' }, ...staffFor(k).map((s) => ({ value: s.id, label: s.full_name || s.username }))], keep);
    };
    redrawStaff();
    kindF.input.addEventListener('change', () => { redrawStaff(); check(); });
    const clash = h('div.week-clash', { id: 'week-clash', role: 'status', 'aria-live': 'polite' });

    // The client search: a list of matches to choose from.
    const searchLine = line();
    const search = debounce(async () => {
      const q = findF.value;
      if (q.length < 2) return;
      const ticket = searchLine();
      let d;
      try { d = await api.get(paths.clients, { q, limit: 10 }); } catch (err) { if (err.status !== 401 && ticket()) findF.setError(err.message); return; }
      if (!ticket()) return;
      findF.clearError();
      const list = d.items || [];
      fill(clientF.input, list.length
        ? [{ value: '', label: `Choose (${list.length === 1 ? 'one match' : `${list.length} matches`})…` }, ...list.map((c) => ({ value: c.id, label: `${clientName(c)} · ${c.mrn || mrnFor(c.id)}` }))]
        : [{ value: '', label: 'No client matches: try another spelling' }], list.length === 1 ? list[0].id : '');
      check();
    }, 250);
    findF.input.addEventListener('input', search);

    // The clash check as the user picks.
    const checkLine = line();
    const instant = () => {
      const w = wallTime(dateF.value, timeF.value, tz);
      return w && w.exists ? w.ms : null;
    };
    const check = debounce(async () => {
      const ms = instant();
      const q = { site_id: st.site.id, starts_at: ms === null ? '' : apiInstant(ms), minutes: minF.value,
        staff_id: staffF.input.value, room_id: roomF.input.value, client_id: clientF.input.value };
      const ticket = checkLine();
      if (ms === null || !q.minutes || q.minutes < 5 || q.minutes > 480 || !(q.staff_id || q.room_id || q.client_id)) { clear(clash); clash.className = 'week-clash'; return; }
      let d;
      try { d = await api.get(paths.appointmentConflicts, q); } catch (err) { if (err.status !== 401 && ticket()) { clear(clash).append(h('p', { text: `Clashes could not be checked: ${err.message}` })); } return; }
      if (!ticket()) return;
      showClashes(d.items || []);
    }, 250);
    const showClashes = (list) => {
      clear(clash);
      if (!list.length) {
        clash.className = 'week-clash is-free';
        clash.append(h('p', h('strong', { text: 'No clash. ' }), 'The staff member, room and client are free then.'));
        return;
      }
      clash.className = 'week-clash is-clash';
      clash.append(h('p', h('strong', { text: list.length === 1 ? 'This time clashes:' : `This time clashes ${list.length} ways:` })),
        h('ul', list.map((c) => h('li', { text: c.message }))),
        h('p.small', { text: 'Choose another time, staff member or room.' }));
    };
    for (const x of [clientF, staffF, roomF, dateF, timeF, minF]) {
      x.input.addEventListener('change', () => check());
      if (x === timeF || x === minF || x === dateF) x.input.addEventListener('input', () => check());
    }
    check();

    const saved = await formDialog({
      title: `Book an appointment at ${st.site.name}`,
      form: f,
      className: 'dialog-wide',
      submitLabel: 'Book appointment',
      content: [
        h('div.form-grid', f.add(findF), f.add(clientF)),
        h('div.form-grid', f.add(kindF), f.add(staffF), f.add(roomF), f.add(dateF), f.add(timeF), f.add(minF)),
        h('p.field-hint', { text: `Times are ${zoneWords(tz, Date.now(), { short: true })}, the site's time.` }),
        clash,
      ],
      onSubmit: async (v, form) => {
        const errs = {};
        if (!v.client_id) errs.client_id = 'Find the client and choose them from the list.';
        if (!v.staff_id) errs.staff_id = 'Choose whom the appointment is with.';
        const w = wallTime(v.date, v.time, tz);
        if (!w) errs[v.date ? 'time' : 'date'] = v.date ? 'Enter a start time.' : 'Enter a date.';
        else if (!w.exists) errs.time = `The clocks skip this time that day; choose a time outside the skipped ${w.skipped} minutes.`;
        if (Object.keys(errs).length) stopWithErrors(form, errs);
        const body = { kind: v.kind, site_id: st.site.id, staff_id: Number(v.staff_id), room_id: v.room_id ? Number(v.room_id) : null,
          starts_at: apiInstant(w.ms), minutes: v.minutes };
        try {
          return await api.post(paths.clientAppointments(Number(v.client_id)), body);
        } catch (err) {
          if (err.status === 409 && err.body && err.body.error && err.body.error.conflict) {
            // Booked meanwhile: the server's words, and the check again.
            form.showMessage(`Not booked: ${err.message}`);
            check.now();
            const e = new Error('conflict');
            e.handled = true;
            throw e;
          }
          if (err.fields) {
            const fe = {};
            for (const [k, m] of Object.entries(err.fields)) fe[k === 'starts_at' ? 'time' : k] = m;
            stopWithErrors(form, fe);
          }
          throw err;
        }
      },
    });
    check.cancel();
    search.cancel();
    if (!saved) return;
    names.set(saved.client_id, clientF.input.selectedOptions[0] ? clientF.input.selectedOptions[0].text.split(' · ')[0] : mrnFor(saved.client_id));
    const z = zoned(Date.parse(saved.starts_at), tz);
    toast(`Booked: ${saved.kind_words}, ${dayWords(z.ymd, { weekday: 'long', day: 'numeric', month: 'long' })} at ${clock(z.hm)} with ${saved.staff_name}.`);
    const monday = mondayOf(z.ymd);
    if (monday !== st.week) go(monday);
    else await load();
  }

  // ---- A one-off session ------------------------------------------------------

  async function oneOffDialog() {
    const tracks = data.tracks.filter((t) => t.active !== false);
    if (!tracks.length) { toast(`${st.site.name} has no tracks: add one under Tracks first.`, 'error'); return; }
    const f = new Form();
    const trackF = field({ name: 'track_id', label: 'Track', type: 'select', required: true, options: tracks.map((t) => ({ value: t.id, label: t.name })) });
    const dateF = field({ name: 'date', label: 'Date', type: 'date', required: true, value: st.week === thisWeek() ? zoned(Date.now(), st.site.timezone).ymd : st.week });
    const startF = field({ name: 'start', label: 'Start time', type: 'time', required: true, value: '13:00', step: 300 });
    const minF = field({ name: 'minutes', label: 'Length (minutes)', type: 'number', required: true, value: 60, min: 1, max: 720, inputmode: 'numeric' });
    const typeF = field({ name: 'group_type', label: 'Group type', type: 'select', required: true, options: [{ value: '', label: 'Choose…' }, ...[...groupTypes].map(([code, label]) => ({ value: code, label }))] });
    const topicF = field({ name: 'topic', label: 'Topic', hint: 'Optional.' });
    const facF = field({ name: 'facilitator_id', label: 'Facilitator', type: 'select', options: [{ value: '', label: 'None yet' }, ...dir.list.filter((x) => x.active).map((x) => ({ value: x.id, label: x.full_name || x.username }))] });
    const roomF = field({ name: 'room_id', label: 'Room', type: 'select', options: [{ value: '', label: 'No room' }, ...data.rooms.filter((r) => r.active).map((r) => ({ value: r.id, label: r.name }))] });
    const saved = await formDialog({
      title: 'Add a one-off session',
      form: f,
      className: 'dialog-wide',
      submitLabel: 'Add session',
      content: [h('div.form-grid', f.add(trackF), f.add(dateF), f.add(startF), f.add(minF), f.add(typeF), f.add(topicF), f.add(facF), f.add(roomF)),
        h('p.field-hint', { text: `Times are ${zoneWords(st.site.timezone, Date.now(), { short: true })}. The track's clients are on its roster.` })],
      onSubmit: async (v, form) => {
        if (!v.group_type) stopWithErrors(form, { group_type: 'Choose the kind of group.' });
        try {
          return await api.post(paths.trackSessions(Number(v.track_id)), {
            date: v.date, start: v.start, minutes: v.minutes, group_type: v.group_type, topic: v.topic,
            facilitator_id: v.facilitator_id ? Number(v.facilitator_id) : null, room_id: v.room_id ? Number(v.room_id) : null,
          });
        } catch (err) {
          if (err.fields) stopWithErrors(form, err.fields);
          throw err;
        }
      },
    });
    if (!saved) return;
    toast(`Added: ${groupTitle(saved)} on ${dayWords(saved.date, { weekday: 'long', day: 'numeric', month: 'long' })}.`);
    const monday = mondayOf(saved.date);
    if (monday !== st.week) go(monday);
    else await load();
  }

  keepAddress();
  await load();
}

// Today: the front desk's home.  The day's group sessions and appointments
// at one site, in time order and in the site's own time zone, with what is
// under way ("Now") and what comes next ("Next") marked.  A session opens to
// its roster: each client is checked in (present), late (minutes), left
// early (minutes), absent (excused) or absent with one click (the minutes
// in a small box, prefilled, Enter saves), or the whole roster marked
// present with one request.  A client with nothing recorded ten minutes
// after the start is "Not arrived".  The server refuses attendance before a
// session starts, so a session not yet started says when check-in opens
// instead of offering it.  An appointment that has started takes its
// outcome here too (attended, no-show, late cancellation:
// ../chart/appt-outcome.js).  A role that may not record attendance
// (clients.write) sees rosters and outcomes read-only, told why in one line.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { staffDirectory, staffName } from '../directory.js';
import { clientName, mrnFor } from '../format.js';
import { replaceQuery } from '../nav.js';
import { pageHeader, errorNote } from '../components/page.js';
import { zoned, fromZoned, zoneWords, rememberedSite, rememberSite } from '../duty/duty.js';
import { outcomeBlock } from '../chart/appt-outcome.js';
import { groupNoteButton } from '../notes/open.js';

const NOT_ARRIVED_MS = 10 * 60 * 1000;
const READ_ONLY = 'Read only: your role can see attendance here but not record it. The front desk, clinicians and case managers record it.';
const REFRESH_MS = 60 * 1000;

const STATUS_WORDS = {
  present: 'Checked in',
  late: 'Late',
  left_early: 'Left early',
  absent_excused: 'Absent (excused)',
  absent_unexcused: 'Absent',
};

// "2026-03-02" + n days.
function addDays(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
const apiInstant = (ms) => new Date(ms).toISOString().slice(0, 16) + 'Z';

export async function render(ctx) {
  const [sitesData, dir] = await Promise.all([
    api.get(paths.sites, { limit: 200 }),
    staffDirectory().catch((err) => { if (err.status === 401) throw err; return { list: [], byId: new Map() }; }),
  ]);
  if (!ctx.isCurrent()) return;
  const sites = (sitesData.items || []).filter((s) => s.active).sort((a, b) => a.name.localeCompare(b.name));
  ctx.main.append(pageHeader(ctx, 'Today', {
    sub: h('p.page-sub', { text: auth.can('clients.write')
      ? 'The day’s groups and appointments at your site. Open a group to check clients in.'
      : 'The day’s groups and appointments at your site. Open a group to see who came.' }),
  }));
  if (!sites.length) {
    ctx.main.append(h('div.empty-state', h('p', { text: 'There are no sites yet.' }),
      h('p.muted', { text: 'An administrator adds sites under Sites.' })));
    return;
  }
  const mine = auth.user.site_ids || [];
  const wanted = Number(ctx.query.get('site')) || rememberedSite() || mine[0] || 0;
  let site = sites.find((s) => s.id === wanted) || sites.find((s) => mine.includes(s.id)) || sites[0];
  // A picker when the user works at several sites or at none.
  const pick = mine.length !== 1 || !mine.includes(site.id);
  const siteSel = pick ? h('select', { id: 'today-site', name: 'site' },
    sites.map((s) => h('option', { value: String(s.id), text: s.name, selected: s.id === site.id }))) : null;
  const siteWords = h('p.today-site');
  const live = h('div.visually-hidden', { id: 'today-live', role: 'status', 'aria-live': 'polite' });
  const listHost = h('div', { id: 'today-list' });
  ctx.main.append(
    h('div.toolbar', siteSel ? h('div.inline-field', h('label', { for: 'today-site', text: 'Site' }), siteSel) : null, siteWords),
    live, listHost);

  let tracks = new Map();
  let rooms = new Map();
  let groupTypes = new Map();
  let fmtTime;
  const open = new Set();	// the sessions whose roster is shown
  const rosters = new Map();	// session id → the session with its roster
  const names = new Map();	// client id → name, for the appointments
  const ask = ctx.line();

  if (siteSel) {
    siteSel.addEventListener('change', () => {
      site = sites.find((s) => String(s.id) === siteSel.value) || site;
      rememberSite(site.id);
      replaceQuery('/today', { site: site.id });
      open.clear();
      rosters.clear();
      load();
    });
  }

  const say = (text) => { live.textContent = ''; setTimeout(() => { live.textContent = text; }, 50); };

  async function load({ quiet = false } = {}) {
    const ticket = ask();
    const tz = site.timezone;
    const now = Date.now();
    const day = zoned(now, tz).ymd;
    const from = fromZoned(day, '00:00', tz);
    const to = fromZoned(addDays(day, 1), '00:00', tz);
    const t = new Intl.DateTimeFormat(undefined, { timeZone: tz, hour: 'numeric', minute: '2-digit' });
    fmtTime = (ms) => t.format(new Date(ms));
    const dayWords = new Intl.DateTimeFormat(undefined, { timeZone: tz, weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(now));
    clear(siteWords).append(h('strong', { text: site.name }), ` — ${dayWords}. Times are ${zoneWords(tz, now, { short: true })}.`);
    if (!quiet) listHost.setAttribute('aria-busy', 'true');
    let ss, ap, tr, rm, gt;
    try {
      [ss, ap, tr, rm, gt] = await Promise.all([
        api.get(paths.sessions, { site_id: site.id, from: day, to: day }, { background: quiet }),
        auth.can('clients.read')
          ? api.get(paths.appointments, { site_id: site.id, from: apiInstant(from), to: apiInstant(to), status: 'scheduled', limit: 200 }, { background: quiet })
          : Promise.resolve({ items: [] }),
        api.get(paths.tracks, { site_id: site.id, limit: 200 }, { background: quiet }),
        api.get(paths.rooms, { site_id: site.id, limit: 200 }, { background: quiet }),
        api.get(paths.groupTypes, undefined, { background: quiet }),
      ]);
      // The open rosters again, so "Not arrived" and the marks stay true.
      for (const id of open) rosters.set(id, await api.get(paths.groupSession(id), undefined, { background: quiet }));
      // The appointments carry no names: each client's once.
      const want = [...new Set((ap.items || []).map((x) => x.client_id))].filter((id) => !names.has(id));
      const got = await Promise.all(want.map((id) => api.get(paths.client(id), undefined, { background: quiet }).catch((e) => { if (e.status === 401) throw e; return null; })));
      for (const c of got) if (c) names.set(c.id, clientName(c));
    } catch (err) {
      if (err.status === 401 || !ticket()) return;
      listHost.removeAttribute('aria-busy');
      if (!quiet) clear(listHost).append(errorNote(err));
      return;
    }
    if (!ticket()) return;
    tracks = new Map((tr.items || []).map((x) => [x.id, x]));
    rooms = new Map((rm.items || []).map((x) => [x.id, x]));
    groupTypes = new Map((gt.items || []).map((x) => [x.code, x.label]));
    listHost.removeAttribute('aria-busy');
    draw(ss.items || [], ap.items || []);
  }

  // A day with nothing (a weekend, a closure): when the site's groups meet
  // next, within two weeks, with a link to that week on the Schedule.
  async function nextDay(host) {
    const tz = site.timezone;
    const day = zoned(Date.now(), tz).ymd;
    let ss;
    try {
      ss = await api.get(paths.sessions, { site_id: site.id, from: addDays(day, 1), to: addDays(day, 14) }, { background: true });
    } catch (err) {
      if (err.status === 401) throw err;
      return;
    }
    const held = (ss.items || []).filter((s) => s.status !== 'cancelled');
    if (!held.length) { host.textContent = 'No groups in the next two weeks.'; return; }
    const first = held.reduce((p, q) => (Date.parse(q.starts_at) < Date.parse(p.starts_at) ? q : p));
    // A session's date is its site's local date already.
    const date = first.date;
    const n = held.filter((s) => s.date === date).length;
    const words = new Intl.DateTimeFormat(undefined, { timeZone: tz, weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(first.starts_at));
    clear(host).append(`The next groups are on ${words}: ${n} group${n === 1 ? '' : 's'}. `);
    if (auth.can('appointments.book')) host.append(h('a', { href: `#/week?site=${site.id}&week=${date}`, text: 'See that week on the Schedule' }), '.');
  }

  function draw(sessions, appts) {
    const now = Date.now();
    const items = [
      ...sessions.map((s) => ({ kind: 'session', s, a: Date.parse(s.starts_at), b: Date.parse(s.ends_at) })),
      ...appts.filter((x) => x.status !== 'cancelled').map((x) => ({ kind: 'appt', x, a: Date.parse(x.starts_at), b: Date.parse(x.ends_at) })),
    ].sort((p, q) => p.a - q.a || p.b - q.b);
    const live = (it) => it.kind !== 'session' || it.s.status !== 'cancelled';
    const nowSet = new Set(items.filter((it) => live(it) && it.a <= now && now < it.b));
    const nextAt = Math.min(...items.filter((it) => live(it) && it.a > now).map((it) => it.a));
    const focused = document.activeElement && listHost.contains(document.activeElement) ? document.activeElement.id : '';
    clear(listHost);
    if (!items.length) {
      const next = h('p.muted', { id: 'today-next' });
      listHost.append(h('div.empty-state', h('p', { text: `Nothing is scheduled at ${site.name} today.` }), next));
      nextDay(next);
      return;
    }
    const ul = h('ul.today-list', { 'aria-label': `Today at ${site.name}` });
    for (const it of items) {
      const mark = nowSet.has(it) ? 'now' : it.a === nextAt ? 'next' : '';
      ul.append(it.kind === 'session' ? sessionItem(it, mark, now) : apptItem(it, mark, now));
    }
    listHost.append(ul);
    if (focused) { const el = document.getElementById(focused); if (el) el.focus(); }
  }

  const markBadge = (mark) => mark === 'now' ? badge('Now', 'ok') : mark === 'next' ? badge('Next', 'info') : null;
  const when = (it) => `${fmtTime(it.a)} – ${fmtTime(it.b)}`;

  function apptItem(it, mark, now) {
    const x = it.x;
    const who = names.get(x.client_id) || mrnFor(x.client_id);
    const outcome = outcomeBlock(x, {
      idPrefix: 'today-appt',
      label: `${x.kind_words || x.kind}, ${who}, ${fmtTime(it.a)}`,
      fmtTime,
      onSaved: async (saved, words) => {
        say(`${who}: ${words}`);
        await load({ quiet: true });
        const el = document.getElementById(`today-appt-${saved.id}-change`);
        if (el) el.focus();
      },
    });
    return h(`li.today-item.today-appt${mark ? '.is-' + mark : ''}${it.b <= now ? '.is-over' : ''}`, { dataset: { appointment: x.id } },
      h('div.today-when', h('span.today-time', { text: when(it) }), markBadge(mark)),
      h('div.today-what',
        h('p.today-title', h('strong', { text: x.kind_words || x.kind }), ' — ',
          h('a', { href: `#/clients/${x.client_id}`, text: who })),
        h('p.small.muted', { text: [x.staff_name, x.room_name ? `Room: ${x.room_name}` : 'No room'].filter(Boolean).join(' · ') }),
        outcome));
  }

  function sessionItem(it, mark, now) {
    const s = it.s;
    const track = tracks.get(s.track_id);
    const type = groupTypes.get(s.group_type) || s.group_type || 'Group';
    const who = s.substitute_facilitator_id || s.facilitator_id;
    const room = s.room_id ? rooms.get(s.room_id) : null;
    const title = `${type}${s.topic ? `: ${s.topic}` : ''}`;
    const cancelled = s.status === 'cancelled';
    const li = h(`li.today-item.today-session${mark ? '.is-' + mark : ''}${cancelled ? '.is-cancelled' : ''}${it.b <= now ? '.is-over' : ''}`,
      { dataset: { session: s.id } });
    const details = [track ? track.name : `Track ${s.track_id}`,
      room ? `Room: ${room.name}` : 'No room',
      who ? `${s.substitute_facilitator_id ? 'Substitute: ' : 'Facilitator: '}${staffName(dir, who)}` : 'No facilitator'];
    const rosterId = `today-roster-${s.id}`;
    const isOpen = open.has(s.id);
    const toggle = cancelled ? null : h('button.btn.btn-secondary.btn-small', {
      type: 'button', id: `today-open-${s.id}`, 'aria-expanded': String(isOpen), 'aria-controls': rosterId,
      text: isOpen ? 'Hide roster' : 'Roster',
      'aria-label': `${isOpen ? 'Hide roster' : 'Roster'}: ${title}, ${fmtTime(it.a)}`,
      onclick: () => toggleRoster(s.id),
    });
    li.append(
      h('div.today-when', h('span.today-time', { text: when(it) }), markBadge(mark), cancelled ? badge('Cancelled', 'warn') : null),
      h('div.today-what',
        h('p.today-title', h('strong', { text: title })),
        h('p.small.muted', { text: details.join(' · ') }),
        cancelled && s.cancel_reason ? h('p.small', { text: `Cancelled: ${s.cancel_reason}` }) : null),
      h('div.today-actions', toggle,
        !cancelled && it.a <= now && auth.can('notes.write') ? groupNoteButton(s.id, `${title}, ${fmtTime(it.a)}`, (e) => say(`The group note could not be opened: ${e.message}`)) : null));
    if (isOpen) li.append(rosterPanel(s, it, rosterId, title, now));
    return li;
  }

  async function toggleRoster(id) {
    if (open.has(id)) { open.delete(id); rosters.delete(id); await load({ quiet: true }); focusToggle(id); return; }
    open.add(id);
    try {
      rosters.set(id, await api.get(paths.groupSession(id)));
    } catch (err) {
      if (err.status === 401) return;
      open.delete(id);
      say(`The roster could not be opened: ${err.message}`);
      return;
    }
    await load({ quiet: true });
    focusToggle(id);
  }
  const focusToggle = (id) => { const el = document.getElementById(`today-open-${id}`); if (el) el.focus(); };

  function rosterPanel(s0, it, rosterId, title, now) {
    const s = rosters.get(s0.id) || s0;
    const roster = s.roster || [];
    const started = now >= it.a;
    const canRecord = auth.can('clients.write');
    const panel = h('div.today-roster', { id: rosterId, role: 'region', 'aria-label': `Roster: ${title}` });
    const err = h('div.today-error');
    panel.append(err);
    if (!roster.length) {
      panel.append(h('p.muted', { text: 'Nobody is enrolled on this group today.' }));
      return panel;
    }
    if (!canRecord) panel.append(h('p.small.muted.today-readonly', { text: READ_ONLY }));
    else if (!started) panel.append(h('p.notice', { text: `Check-in opens at ${fmtTime(it.a)}, when the group starts.` }));
    const save = async (records, words, focusId = '') => {
      clear(err);
      try {
        rosters.set(s.id, await api.put(paths.sessionAttendance(s.id), { records }));
        say(words);
      } catch (e) {
        if (e.status === 401) return;
        const why = e.status === 409 ? `${e.message} Check-in opens when the group starts.` : e.message;
        err.append(errorNote({ message: `Not saved: ${why}` }));
        return;
      }
      await load({ quiet: true });
      if (focusId) { const el = document.getElementById(focusId); if (el) el.focus(); }
    };
    const recordOf = (c) => c.attendance ? {
      client_id: c.client_id, status: c.attendance.status,
      late_minutes: c.attendance.late_minutes || 0, left_early_minutes: c.attendance.left_early_minutes || 0,
    } : { client_id: c.client_id, status: 'present' };
    if (started && canRecord) {
      const waiting = roster.filter((c) => !c.attendance).length;
      panel.append(h('div.today-roster-head',
        h('button.btn.btn-primary.btn-small', {
          type: 'button', id: `today-all-${s.id}`, text: 'Mark all present', disabled: waiting === 0,
          'aria-label': `Mark all present: everyone not yet checked in at ${title}`,
          onclick: () => save(roster.map(recordOf), `${waiting === 1 ? 'One client' : `${waiting} clients`} marked present at ${title}.`),
        }),
        h('span.small.muted', { text: waiting ? `${waiting} not checked in yet` : 'Everyone has a mark.' })));
    }
    // "Late 10 min · left early 20 min", "Absent (excused)".
    const stateWords = (a) => {
      if (a.status === 'late' || a.status === 'left_early') {
        return [a.late_minutes ? `Late ${a.late_minutes} min` : '', a.left_early_minutes ? `${a.late_minutes ? 'left' : 'Left'} early ${a.left_early_minutes} min` : '']
          .filter(Boolean).join(' · ');
      }
      return STATUS_WORDS[a.status] || a.status;
    };
    const minutesLeft = Math.max(1, Math.min(s.minutes - 1, Math.ceil((it.b - now) / 60000)));
    const minutesNow = Math.max(1, Math.min(s.minutes - 1, Math.floor((now - it.a) / 60000)));
    const ul = h('ul.today-clients');
    for (const c of roster) {
      const name = clientName(c);
      const a = c.attendance;
      const notArrived = !a && now >= it.a + NOT_ARRIVED_MS;
      const state = a ? stateWords(a) : notArrived ? 'Not arrived' : started ? 'Not checked in' : '';
      const row = h(`li.today-client${notArrived ? '.is-missing' : ''}`, { dataset: { client: c.client_id } },
        h('div.today-client-name', h('a', { href: `#/clients/${c.client_id}`, text: name }), ' ', h('span.mrn', { text: c.mrn || '' })),
        h('div.today-client-state', state ? badge(state, notArrived ? 'danger' : a && a.status.startsWith('absent') ? 'warn' : a ? 'ok' : 'neutral') : null));
      // A family-education group: who of theirs may be invited (chart: Related persons).
      if (Array.isArray(c.related_persons)) {
        row.append(h('p.small.today-family', c.related_persons.length
          ? `Family and others who may be contacted: ${c.related_persons.map((p) => `${p.name} (${p.kind_label}${p.phone ? `, ${p.phone}` : ''})`).join('; ')}`
          : 'No related person may be contacted yet (see the chart\'s Related persons).'));
      }
      if (started && canRecord) {
        const box = h('span.today-late');
        const lateNow = a && (a.status === 'late' || a.status === 'left_early') ? a.late_minutes || 0 : 0;
        const earlyNow = a && (a.status === 'late' || a.status === 'left_early') ? a.left_early_minutes || 0 : 0;
        // A small minutes box (label, number, Save; Enter saves) opened by a button.
        const minutesAsk = (ev, { key, label, value, max, record, words, back }) => {
          ev.currentTarget.setAttribute('aria-expanded', 'true');
          const id = `today-${key}-min-${s.id}-${c.client_id}`;
          const input = h('input', { id, type: 'number', min: '1', max: String(max), value: String(value), inputmode: 'numeric' });
          const go = () => {
            const n = Number(input.value);
            if (!Number.isInteger(n) || n < 1 || n > max) {
              clear(err).append(errorNote({ message: max >= 1
                ? `${label} must be a whole number from 1 to ${max}.`
                : `${name} has no minutes of this group left to miss: record them absent instead.` }));
              input.focus();
              return;
            }
            save([record(n)], words(n), back);
          };
          input.addEventListener('keydown', (k) => { if (k.key === 'Enter') { k.preventDefault(); go(); } });
          clear(box).append(h('label', { for: id, text: label }), input,
            h('button.btn.btn-primary.btn-small', { type: 'button', text: 'Save', 'aria-label': `Save ${label.toLowerCase()} for ${name}`, onclick: go }));
          input.focus();
          input.select();
        };
        const btn = (key, text, aria, onclick, extra = {}) => h('button.btn.btn-secondary.btn-small',
          { type: 'button', id: `today-${key}-${s.id}-${c.client_id}`, text, 'aria-label': aria, onclick, ...extra });
        row.append(h('div.today-client-actions',
          btn('in', 'Check in', `Check in ${name}`, () => save([{ client_id: c.client_id, status: 'present' }], `${name} checked in.`)),
          btn('lt', 'Late', `Late: ${name}`, (ev) => minutesAsk(ev, {
            key: 'late', label: 'Minutes late', value: lateNow || minutesNow, max: s.minutes - 1 - earlyNow,
            record: (n) => ({ client_id: c.client_id, status: 'late', late_minutes: n, left_early_minutes: earlyNow }),
            words: (n) => `${name} checked in ${n} minutes late.`, back: `today-lt-${s.id}-${c.client_id}`,
          }), { 'aria-expanded': 'false' }),
          btn('le', 'Left early', `Left early: ${name}`, (ev) => minutesAsk(ev, {
            key: 'early', label: 'Minutes before the end', value: earlyNow || minutesLeft, max: s.minutes - 1 - lateNow,
            record: (n) => ({ client_id: c.client_id, status: 'left_early', late_minutes: lateNow, left_early_minutes: n }),
            words: (n) => `${name} left ${n} minutes early.`, back: `today-le-${s.id}-${c.client_id}`,
          }), { 'aria-expanded': 'false' }),
          btn('ex', 'Absent (excused)', `Absent, excused: ${name}`, () => save([{ client_id: c.client_id, status: 'absent_excused' }], `${name} marked absent, excused.`, `today-ex-${s.id}-${c.client_id}`)),
          btn('ab', 'Absent', `Absent: ${name}`, () => save([{ client_id: c.client_id, status: 'absent_unexcused' }], `${name} marked absent.`, `today-ab-${s.id}-${c.client_id}`)),
          box));
      }
      ul.append(row);
    }
    panel.append(ul);
    return panel;
  }

  await load();
  if (!ctx.isCurrent()) return;
  // Keep "Now", "Next" and "Not arrived" true while the page stays open
  // (not while someone is typing a late arrival's minutes).
  const timer = setInterval(() => {
    if (!ctx.isCurrent()) return;
    if (listHost.querySelector('.today-late input, .appt-minutes input, .appt-outcome-actions [id$="-keep"]')) return;
    load({ quiet: true });
  }, REFRESH_MS);
  ctx.onCleanup(() => clearInterval(timer));
}

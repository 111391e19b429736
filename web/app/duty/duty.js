// The duty roster: which clinician is on duty at a site now, and for the
// next 14 days.  A safety alert for a client without a clinician of their
// own goes to the clinician on duty at the site, so "now" is shown large and
// in words, and so is who gets the alerts when nobody is on duty.
//
// Shift times are UTC instants in the API; here they are shown and typed in
// the site's own time zone (converted in the browser with Intl), and the
// page says which zone that is (a time the clocks skip is refused, one they
// show twice is said).  Administrators and directors (duty.manage) add
// shifts (starting at most an hour ago), end one under way (the roster
// keeps when it ran) and remove one not yet begun; everyone else reads.  A
// shift whose person cannot take alerts (account disabled, no longer a
// clinician) stays on the roster, marked, and covers nobody.  Repeating
// shifts (weekdays, local times, first and last date) are listed under the
// roster and added, changed or ended there; their shifts are on the roster.
// With nobody on duty an alert goes to the site's director and waits on
// every clinician's list of unclaimed alerts.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear, uid } from '../dom.js';
import { field, Form, checkGroup } from '../components/field.js';
import { confirmDialog } from '../components/dialog.js';
import { badge } from '../components/badge.js';
import { toast } from '../components/toast.js';
import { staffDirectory } from '../directory.js';
import { pad2 } from '../format.js';
import { replaceQuery } from '../nav.js';
import { pageHeader, errorNote } from '../components/page.js';

const DAYS = 14;
const SITE_KEY = 'openiop.site';
const REFRESH_MS = 2 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const QUARTER_MS = 15 * 60 * 1000;

// ---- The site the user works at now (shared with the screening form) ----------

export function rememberedSite() {
  try { return Number(localStorage.getItem(SITE_KEY)) || 0; } catch { return 0; }
}
export function rememberSite(id) {
  try { localStorage.setItem(SITE_KEY, String(id)); } catch { /* storage off */ }
}

// ---- Time in a site's time zone -------------------------------------------------

const partFmts = new Map();
function partsFmt(tz) {
  if (!partFmts.has(tz)) {
    partFmts.set(tz, new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }));
  }
  return partFmts.get(tz);
}


// The wall-clock time at instant ms in zone tz: {y, m, d, hh, mm, ss, ymd, hm}.
export function zoned(ms, tz) {
  const p = {};
  for (const x of partsFmt(tz).formatToParts(new Date(ms))) p[x.type] = x.value;
  const o = { y: +p.year, m: +p.month, d: +p.day, hh: +p.hour % 24, mm: +p.minute, ss: +p.second };
  o.ymd = `${o.y}-${pad2(o.m)}-${pad2(o.d)}`;
  o.hm = `${pad2(o.hh)}:${pad2(o.mm)}`;
  return o;
}

function offsetAt(ms, tz) {
  const z = zoned(ms, tz);
  return Date.UTC(z.y, z.m - 1, z.d, z.hh, z.mm, z.ss) - Math.floor(ms / 1000) * 1000;
}

// Where wall-clock date ymd "YYYY-MM-DD" and time hm "HH:MM" fall in zone
// tz, or null when they are not a date and a time:
//   {ms, exists, twice, later, skipped}
// exists: the clocks show that time that day (false in the hour skipped when
//   they go forward: ms is then the instant as if they had not yet, which
//   reads as the same time later, e.g. 2:30 → 3:30 AM);
// twice: they show it twice (the clocks go back): ms is the first, later
//   the second;
// skipped: minutes the clocks jump there (when !exists).
export function wallTime(ymd, hm, tz) {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  const t = /^(\d{2}):(\d{2})$/.exec((hm || '').slice(0, 5));
  if (!d || !t || +t[1] > 23 || +t[2] > 59) return null;
  const guess = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
  if (Number.isNaN(guess)) return null;
  // The offsets a day either side: at most one change of clocks between.
  const before = offsetAt(guess - 86400000, tz);
  const after = offsetAt(guess + 86400000, tz);
  const want = `${ymd} ${hm.slice(0, 5)}`;
  const shows = (ms) => { const z = zoned(ms, tz); return `${z.ymd} ${z.hm}` === want; };
  const hits = [...new Set([guess - before, guess - after])].filter(shows).sort((a, b) => a - b);
  if (!hits.length) {
    // Neither offset either side: look at the offset right there too (a
    // zone whose offset changed for good, say).
    const again = guess - offsetAt(guess - before, tz);
    if (shows(again)) return { ms: again, exists: true, twice: false, later: null, skipped: 0 };
    return { ms: guess - before, exists: false, twice: false, later: null, skipped: Math.round(Math.abs(after - before) / 60000) };
  }
  return { ms: hits[0], exists: true, twice: hits.length > 1, later: hits.length > 1 ? hits[1] : null, skipped: 0 };
}

// The instant (ms) of wall-clock date ymd "YYYY-MM-DD" and time hm "HH:MM"
// in zone tz, or null when they are not a date and a time.  A time the
// clocks skip becomes the same time after the jump (a day whose midnight is
// skipped starts at 1:00 AM); a time shown twice is the first.  A form
// checks with wallTime() and says so instead.
export function fromZoned(ymd, hm, tz) {
  const w = wallTime(ymd, hm, tz);
  return w ? w.ms : null;
}

// "2026-03-02" + n days.
function addDays(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

// The API's instant form: "YYYY-MM-DDTHH:MMZ".
function apiInstant(ms) { return new Date(ms).toISOString().slice(0, 16) + 'Z'; }

// "Central Time (America/Chicago)"; short: "Central Time"; exact: the name
// at that instant ("Central Daylight Time").
export function zoneWords(tz, at = Date.now(), { short = false, exact = false } = {}) {
  let name = '';
  for (const style of exact ? ['long'] : ['longGeneric', 'long']) {
    try {
      const p = new Intl.DateTimeFormat(undefined, { timeZone: tz, timeZoneName: style }).formatToParts(new Date(at));
      name = (p.find((x) => x.type === 'timeZoneName') || {}).value || '';
      if (name) break;
    } catch { /* style not supported */ }
  }
  if (!name || name === tz) return tz;
  return short ? name : `${name} (${tz})`;
}

function makeFormats(tz) {
  const f = (o) => new Intl.DateTimeFormat(undefined, { timeZone: tz, ...o });
  const time = f({ hour: 'numeric', minute: '2-digit' });
  const dayShort = f({ weekday: 'short', month: 'short', day: 'numeric' });
  const dayLong = f({ weekday: 'long', month: 'long', day: 'numeric' });
  return {
    time: (ms) => time.format(new Date(ms)),
    // A day "YYYY-MM-DD" in words; noon keeps it clear of any DST change.
    dayLong: (ymd) => dayLong.format(new Date(fromZoned(ymd, '12:00', tz))),
    dayShort: (ms) => dayShort.format(new Date(ms)),
  };
}

// A shift in words: "Saturday, November 28, 9:00 AM – 5:00 PM", or with
// both days when it ends on another.
function spanWords(fmt, tz, a, b) {
  const da = zoned(a, tz).ymd;
  const endsMidnight = zoned(b, tz).hm === '00:00' && zoned(b - 1, tz).ymd === da;
  const start = `${fmt.dayLong(da)}, ${fmt.time(a)}`;
  if (endsMidnight) return `${start} – midnight`;
  if (zoned(b, tz).ymd === da) return `${start} – ${fmt.time(b)}`;
  return `${start} to ${fmt.dayLong(zoned(b, tz).ymd)}, ${fmt.time(b)}`;
}

// "17:00" as the user's clock shows it ("5:00 PM").
const clockFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
function clock(hm) {
  const [a, b] = hm.split(':').map(Number);
  return clockFmt.format(new Date(Date.UTC(2000, 0, 1, a, b)));
}

// Why a date and time the clocks skip name no instant (x from wallTime).
const monthDayFmt = new Intl.DateTimeFormat(undefined, { month: 'long', day: 'numeric', timeZone: 'UTC' });
function skippedWords(ymd, hm, x, tz) {
  const day = monthDayFmt.format(new Date(`${ymd}T12:00:00Z`));
  const jump = x.skipped === 60 ? ' an hour' : x.skipped ? ` ${x.skipped} minutes` : '';
  return `There is no ${clock(hm.slice(0, 5))} on ${day} in ${zoneWords(tz, x.ms, { short: true })}: the clocks go forward${jump}. `
    + `Choose another time, such as ${clock(zoned(x.ms, tz).hm)}.`;
}

// ---- The screen -------------------------------------------------------------------

export async function render(ctx) {
  const canManage = auth.can('duty.manage');
  const [sitesData, firstDir] = await Promise.all([
    api.get(paths.sites, { limit: 200 }),
    staffDirectory({ fresh: true }).catch((err) => { if (err.status === 401) throw err; return { list: [], byId: new Map() }; }),
  ]);
  if (!ctx.isCurrent()) return;
  let dir = firstDir;	// read again with each full load
  const sites = (sitesData.items || []).filter((s) => s.active).sort((a, b) => a.name.localeCompare(b.name));
  ctx.main.append(pageHeader(ctx, 'On duty', {
    sub: h('p.page-sub', { text: 'Who answers safety alerts at each site: a client’s task goes to the clinician on duty when they have no clinician of their own.' }),
  }));
  if (!sites.length) {
    ctx.main.append(h('div.empty-state', h('p', { text: 'There are no sites yet.' }),
      h('p.muted', { text: 'An administrator adds sites under Sites.' })));
    return;
  }

  const wantedId = Number(ctx.query.get('site')) || rememberedSite() || (auth.user.site_ids || [])[0] || 0;
  let site = sites.find((s) => s.id === wantedId) || sites.find((s) => (auth.user.site_ids || []).includes(s.id)) || sites[0];

  const siteSel = h('select', { id: 'duty-site', name: 'site' },
    sites.map((s) => h('option', { value: String(s.id), text: s.name, selected: s.id === site.id })));
  const zoneNote = h('p.duty-zone', { id: 'duty-zone' });
  const nowHost = h('div', { id: 'duty-now-host' });
  const rosterHost = h('div', { id: 'duty-roster-host' });
  const seriesHost = h('div', { id: 'duty-series-host' });
  const formHost = h('div', { id: 'duty-form-host' });
  const seriesFormHost = h('div', { id: 'duty-series-form-host' });
  // On narrow screens the form comes after the 14 days: a way straight to it.
  const jump = canManage ? h('button.btn.btn-secondary.btn-small.duty-jump', {
    type: 'button',
    onclick: () => {
      formHost.scrollIntoView({ block: 'start' });
      const first = formHost.querySelector('select, input');
      if (first) first.focus({ preventScroll: true });
    },
  }, 'Add a shift ', h('span', { 'aria-hidden': 'true', text: '↓' })) : null;
  ctx.main.append(
    h('div.toolbar.duty-toolbar', h('div.inline-field', h('label', { for: 'duty-site', text: 'Site' }), siteSel), zoneNote, jump),
    nowHost,
    h('div.duty-layout', h('div.duty-main', rosterHost, seriesHost),
      canManage ? h('div.duty-side', formHost, seriesFormHost) : null));

  let fmt;
  let data = null;
  let series = [];
  let editing = null;	// the repeating shift being changed
  const ask = ctx.line();

  siteSel.addEventListener('change', () => {
    site = sites.find((s) => String(s.id) === siteSel.value) || site;
    rememberSite(site.id);
    replaceQuery('/duty', { site: site.id });
    setSite();
    load();
  });

  function setSite() {
    fmt = makeFormats(site.timezone);
    clear(zoneNote).append('Times are ', h('strong', { text: zoneWords(site.timezone) }), ', the site’s local time.');
    const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (mine && mine !== site.timezone && offsetAt(Date.now(), mine) !== offsetAt(Date.now(), site.timezone)) {
      zoneNote.append(' ', h('span.muted', { text: `Your device shows ${zoneWords(mine)}.` }));
    }
    editing = null;
    if (canManage) { drawForm(); drawSeriesForm(); }
  }

  // The first day shown: today at the site, from its midnight.
  function window14() {
    const today = zoned(Date.now(), site.timezone).ymd;
    const from = fromZoned(today, '00:00', site.timezone);
    const to = fromZoned(addDays(today, DAYS), '00:00', site.timezone);
    return { today, from, to };
  }

  async function load({ quiet = false, focus = null } = {}) {
    const ticket = ask();
    const w = window14();
    if (!quiet) rosterHost.setAttribute('aria-busy', 'true');
    let d;
    try {
      // The directory again too (not in the background refresh, which must
      // not keep an idle session alive): who is active and a clinician may
      // have changed since the page opened.
      const fresh = quiet ? Promise.resolve(null)
        : staffDirectory({ fresh: true }).catch((err) => { if (err.status === 401) throw err; return null; });
      let ss;
      [d, ss] = await Promise.all([
        api.get(paths.siteDuty(site.id), { from: apiInstant(w.from), to: apiInstant(w.to) }, { background: quiet }),
        api.get(paths.siteDutySeries(site.id), { limit: 200 }, { background: quiet }),
        fresh.then((x) => { if (x && ticket()) dir = x; }),
      ]);
      if (ticket()) series = ss.items || [];
    } catch (err) {
      if (err.status === 401 || !ticket()) return;
      rosterHost.removeAttribute('aria-busy');
      if (!quiet) clear(rosterHost).append(errorNote(err));
      return;
    }
    if (!ticket()) return;
    data = d;
    rosterHost.removeAttribute('aria-busy');
    drawNow(w);
    drawRoster(w);
    drawSeries();
    if (focus) { const el = document.getElementById(focus); if (el) el.focus(); }
  }

  // Active clinicians, in id order.
  const clinicians = () => dir.list.filter((s) => s.active && (s.roles || []).includes('clinician')).sort((a, b) => a.id - b.id);
  const nameOf = (s) => s.full_name || s.username;
  // Active directors of this site, in id order (who holds an alert nobody is on duty for).
  const directors = () => dir.list.filter((s) => s.active && (s.roles || []).includes('director') && (s.site_ids || []).includes(site.id)).sort((a, b) => a.id - b.id);

  // Whether a shift's person gets the safety alerts (the server says; an
  // older server does not, and then the directory does).
  function routesAlerts(s) {
    if (typeof s.routes_alerts === 'boolean') return s.routes_alerts;
    const st = dir.byId.get(s.staff_id);
    return !st || (st.active && (st.roles || []).includes('clinician'));
  }
  // Why not, in words: "their account is disabled".
  function notAlertsWhy(s) {
    const st = dir.byId.get(s.staff_id);
    if (st && !st.active) return 'their account is disabled';
    if (st && !(st.roles || []).includes('clinician')) return 'they are no longer a clinician';
    return 'they cannot take safety alerts now';
  }
  function notAlertsBadge(s) {
    const st = dir.byId.get(s.staff_id);
    const why = st && !st.active ? 'Account disabled' : st && !(st.roles || []).includes('clinician') ? 'No longer a clinician' : 'Not taking alerts';
    return `${why} — safety alerts go elsewhere`;
  }

  function drawNow() {
    const now = new Date(data.now).getTime() || Date.now();
    // Alerts go to the earliest-started shift of a clinician whose account
    // is active (routes_alerts); the server lists only those as on duty.
    const on = (data.on_duty_now || []).filter(routesAlerts)
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.id - b.id);
    const eligible = on;
    // On the roster now, but not taking alerts (account disabled, say).
    const onIds = new Set(on.map((s) => s.id));
    const idle = (data.items || []).filter((s) => !routesAlerts(s) && !onIds.has(s.id)
      && new Date(s.starts_at).getTime() <= now && now < new Date(s.ends_at).getTime());
    const box = h('section.card.duty-now', { id: 'duty-now', 'aria-labelledby': 'duty-now-title' },
      h('h2', { id: 'duty-now-title', text: `Now at ${site.name}` }));
    if (on.length) {
      box.classList.add('is-covered');
      const list = h('ul.duty-now-list');
      for (const s of on) {
        const end = new Date(s.ends_at).getTime();
        const sameDay = zoned(end, site.timezone).ymd === zoned(now, site.timezone).ymd;
        list.append(h('li',
          h('p.duty-now-name', { text: `${s.staff_name || s.username} is on duty` }),
          h('p.duty-now-until', { text: `until ${fmt.time(end)}${sameDay ? ' today' : ', ' + fmt.dayShort(end)}` }),
          s.note ? h('p.duty-note', { text: s.note }) : null));
      }
      box.append(list);
      if (eligible.length) {
        box.append(h('p.duty-who-gets', { text: on.length > 1
          ? `Safety alerts for clients without a clinician of their own go to ${eligible[0].staff_name}, on duty the longest.`
          : `Safety alerts for clients without a clinician of their own go to ${eligible[0].staff_name}.` }));
      }
    } else {
      box.classList.add('is-uncovered');
      box.append(h('p.duty-now-name', { text: 'No clinician is on duty.' }));
      const director = directors()[0];
      box.append(h('p.duty-who-gets', { text: director
        ? `Safety alerts for clients without a clinician of their own go to ${nameOf(director)}, the director, and wait on every clinician’s list of unclaimed alerts until one claims them.`
        : `Safety alerts for clients without a clinician of their own wait on every clinician’s list of unclaimed alerts until one claims them: ${site.name} has no director to hold them meanwhile.` }));
      const next = (data.items || []).find((s) => routesAlerts(s) && new Date(s.starts_at).getTime() > now);
      if (next) {
        const t = new Date(next.starts_at).getTime();
        const sameDay = zoned(t, site.timezone).ymd === zoned(now, site.timezone).ymd;
        box.append(h('p.duty-next', { text: `Next on duty: ${next.staff_name} from ${fmt.time(t)}${sameDay ? ' today' : ', ' + fmt.dayShort(t)}.` }));
      }
    }
    for (const s of idle) {
      box.append(h('p.duty-idle-now', { text: `${s.staff_name || s.username} is on the roster now, but ${notAlertsWhy(s)}: they get no safety alerts.` }));
    }
    box.append(h('p.small.muted', { text: 'A client with a primary clinician: their alerts always go to that clinician.' }));
    clear(nowHost).append(box);
  }

  function drawRoster(w) {
    const now = new Date(data.now).getTime() || Date.now();
    const items = (data.items || []).map((s) => ({ ...s, start: new Date(s.starts_at).getTime(), end: new Date(s.ends_at).getTime() }));
    const sec = h('section.card.duty-roster', { 'aria-labelledby': 'duty-roster-title' },
      h('h2', { id: 'duty-roster-title', text: `The next ${DAYS} days` }),
      h('p.muted.small', { text: `Shifts at ${site.name}, by day. A shift over midnight shows on each day it covers.` }));
    const days = h('ol.duty-days');
    const shownOnce = new Set();
    for (let i = 0; i < DAYS; i++) {
      const ymd = addDays(w.today, i);
      const dayStart = fromZoned(ymd, '00:00', site.timezone);
      const dayEnd = fromZoned(addDays(ymd, 1), '00:00', site.timezone);
      const shifts = items.filter((s) => s.end > dayStart && s.start < dayEnd);
      const hid = `duty-day-${ymd}`;
      const label = (i === 0 ? 'Today, ' : i === 1 ? 'Tomorrow, ' : '') + fmt.dayLong(ymd);
      const li = h('li.duty-day', { 'aria-labelledby': hid, dataset: { day: ymd } }, h('h3', { id: hid, text: label }));
      if (!shifts.length) {
        li.classList.add('is-empty');
        li.append(h('p.duty-gap', { text: 'No clinician on duty this day.' }));
      } else {
        const ul = h('ul.duty-shifts');
        for (const s of shifts) ul.append(shiftItem(s, ymd, dayStart, dayEnd, now, shownOnce));
        li.append(ul);
        // A shift whose person takes no alerts (account disabled) covers nothing.
        const gaps = uncovered(shifts.filter(routesAlerts), Math.max(dayStart, i === 0 ? Math.min(now, dayEnd) : dayStart), dayEnd);
        if (gaps.length) li.append(h('p.duty-gap', { text: `Nobody on duty ${gaps.map(([a, b]) => `${fmt.time(a)} – ${b === dayEnd ? 'midnight' : fmt.time(b)}`).join(', ')}.` }));
      }
      days.append(li);
    }
    sec.append(days);
    clear(rosterHost).append(sec);
  }

  // The parts of [from, to) no shift covers.
  function uncovered(shifts, from, to) {
    const out = [];
    let t = from;
    for (const s of shifts.slice().sort((a, b) => a.start - b.start)) {
      if (s.start > t) out.push([t, Math.min(s.start, to)]);
      t = Math.max(t, s.end);
      if (t >= to) break;
    }
    if (t < to) out.push([t, to]);
    return out.filter(([a, b]) => b - a >= 60000);
  }

  function shiftTimes(s, dayStart, dayEnd) {
    const a = s.start < dayStart ? `from ${fmt.dayShort(s.start)} ${fmt.time(s.start)}` : fmt.time(s.start);
    let b;
    if (s.end === dayEnd) b = 'midnight';
    else if (s.end > dayEnd) b = `${fmt.dayShort(s.end)} ${fmt.time(s.end)}`;
    else b = fmt.time(s.end);
    return `${a} – ${b}`;
  }

  function shiftItem(s, ymd, dayStart, dayEnd, now, shownOnce) {
    const ended = s.end <= now;
    const started = s.start <= now;
    const current = started && now < s.end;
    const alerts = routesAlerts(s);
    const name = s.staff_name || s.username;
    const li = h('li.duty-shift', { class: [current ? 'is-now' : ended ? 'is-ended' : null, alerts || ended ? null : 'no-alerts'].filter(Boolean).join(' ') || null, dataset: { shift: s.id } },
      h('span.duty-time', { text: shiftTimes(s, dayStart, dayEnd) }),
      h('span.duty-who', h('span.duty-name', { text: name }),
        s.note ? h('span.duty-note', { text: s.note }) : null,
        s.series_id ? h('span.duty-repeats', { text: 'Repeating shift' }) : null,
        // Plainly: this person is on the roster but the alerts skip them.
        !alerts && !ended ? h('span.duty-no-alerts', { text: notAlertsBadge(s) }) : null),
      h('span.badges', ended ? badge('Ended', 'neutral') : !alerts ? badge('No alerts', 'warn') : current ? badge('On duty now', 'ok') : null));
    // One button per shift, on the first day it shows: a shift under way
    // ends now (the roster keeps when it ran); one not yet begun goes.
    if (canManage && !ended && !shownOnce.has(s.id)) {
      shownOnce.add(s.id);
      const when = `${fmt.dayLong(zoned(s.start, site.timezone).ymd)} ${fmt.time(s.start)}`;
      li.append(h('button.btn.btn-secondary.btn-small.duty-remove', {
        type: 'button', id: `remove-shift-${s.id}`, text: started ? 'End now' : 'Remove',
        'aria-label': started ? `End now: ${name}, on duty since ${when}` : `Remove ${name}, ${when}`,
        onclick: () => (s.start <= Date.now() ? endShift(s) : removeShift(s)),
      }));
    }
    return li;
  }

  // A shift not yet begun: off the roster.
  async function removeShift(s) {
    const name = s.staff_name || s.username;
    const when = spanWords(fmt, site.timezone, s.start, s.end);
    const ok = await confirmDialog({
      title: `Remove ${name} from the roster?`,
      message: `${name}’s shift at ${site.name}: ${when}, ${zoneWords(site.timezone, s.start, { short: true })}. The removal is recorded.`,
      confirmLabel: 'Remove shift',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.del(paths.dutyShift(s.id));
      toast(s.start <= Date.now() ? `${name}’s shift has ended.` : `${name} is off the roster: ${when}.`);
    } catch (err) {
      if (err.status === 401) return;
      toast(err.message, 'error');
    }
    await load({ focus: 'duty-roster-title' });
  }

  // "3:00 PM today", "9:00 AM, Sat, Nov 28".
  function dayTime(ms) {
    const today = zoned(Date.now(), site.timezone).ymd === zoned(ms, site.timezone).ymd;
    return `${fmt.time(ms)}${today ? ' today' : ', ' + fmt.dayShort(ms)}`;
  }

  // A shift under way: the server ends it now (ends_at becomes now).
  async function endShift(s) {
    const name = s.staff_name || s.username;
    const ok = await confirmDialog({
      title: `End ${name}’s shift now?`,
      message: `The roster keeps when it ran: from ${dayTime(s.start)} until now (it was to end ${dayTime(s.end)}, ${zoneWords(site.timezone, s.end, { short: true })}). `
        + (routesAlerts(s) ? 'Safety alerts for clients without a clinician of their own then go elsewhere. ' : '')
        + 'The change is recorded.',
      confirmLabel: 'End shift now',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.del(paths.dutyShift(s.id));
      toast(`${name}’s shift ended at ${fmt.time(Date.now())}.`);
    } catch (err) {
      if (err.status === 401) return;
      toast(err.message, 'error');
    }
    await load({ focus: 'duty-roster-title' });
  }

  // ---- Adding a shift (duty.manage) ----

  // A date and a time in the site's zone.  A time the clocks skip (they go
  // forward) is refused next to the field; a time they show twice (they go
  // back) is the first, said under the field, with a choice of the second.
  function whenField(name, word, hint) {
    const id = uid(`when-${name}`);
    const errId = `${id}-error`;
    const hintId = `${id}-hint`;
    const noteId = `${id}-note`;
    const date = h('input', { type: 'date', id: `${id}-date`, name: `${name}_date` });
    const time = h('input', { type: 'time', id: `${id}-time`, name: `${name}_time`, step: 60 });
    const error = h('p.field-error', { id: errId, hidden: true });
    const second = h('input', { type: 'checkbox', id: `${id}-second`, name: `${name}_second` });
    const secondLabel = h('label', { for: second.id });
    const noteText = h('p.when-note-text', { id: noteId });
    const note = h('div.when-note', { hidden: true }, noteText, h('div.field-check', second, secondLabel));
    const el = h('fieldset.field.fieldset.when-field', { id },
      h('legend', { text: word }),
      h('p.field-hint', { id: hintId, text: hint }), error,
      h('div.when-inputs',
        h('div.field', h('label', { for: date.id, text: `${word}: date` }), date),
        h('div.field', h('label', { for: time.id, text: `${word}: time` }), time)),
      note);
    const describe = () => {
      const ids = [hintId, error.hidden ? null : errId, note.hidden ? null : noteId].filter(Boolean).join(' ');
      for (const i of [date, time]) i.setAttribute('aria-describedby', ids);
    };
    const wall = () => wallTime(date.value, time.value, site.timezone);
    let gapShown = '';	// the skipped-time message on show, if any
    const w = {
      name, label: word, el, input: date, date, time,
      focus() { (date.value ? time : date).focus(); },
      // The instant sent: '' when there is none (not filled in, or skipped).
      get value() {
        const x = wall();
        if (!x || !x.exists) return '';
        return apiInstant(x.twice && second.checked ? x.later : x.ms);
      },
      set(ymd, hm) { date.value = ymd; time.value = hm; second.checked = false; w.refresh(); },
      // Why the date and time typed name no instant; null when they do.
      problem() {
        const x = wall();
        const gap = x && !x.exists ? skippedWords(date.value, time.value, x, site.timezone) : null;
        if (gap) gapShown = gap;
        return gap;
      },
      // Say, as the user types, a time the clocks skip or show twice.
      refresh() {
        const x = wall();
        const gap = x && !x.exists ? skippedWords(date.value, time.value, x, site.timezone) : null;
        if (gap) { w.setError(gap); gapShown = gap; } else if (gapShown && !error.hidden && error.textContent === gapShown) w.clearError();
        if (x && x.twice) {
          const t = clock(time.value.slice(0, 5));
          noteText.textContent = `${t} happens twice that night: the clocks go back. This is the ${second.checked
            ? `second, in ${zoneWords(site.timezone, x.later, { short: true, exact: true })}`
            : `first, in ${zoneWords(site.timezone, x.ms, { short: true, exact: true })}`}.`;
          secondLabel.textContent = `The second ${t} instead (${zoneWords(site.timezone, x.later, { short: true, exact: true })})`;
          note.hidden = false;
        } else {
          note.hidden = true;
          second.checked = false;
        }
        describe();
      },
      setError(msg) {
        const m = String(msg || '');
        error.textContent = m.charAt(0).toUpperCase() + m.slice(1);
        error.hidden = false;
        el.classList.add('has-error');
        for (const i of [date, time]) i.setAttribute('aria-invalid', 'true');
        describe();
      },
      clearError() {
        error.textContent = '';
        error.hidden = true;
        el.classList.remove('has-error');
        for (const i of [date, time]) i.removeAttribute('aria-invalid');
        describe();
      },
    };
    for (const i of [date, time]) i.addEventListener('change', () => w.refresh());
    second.addEventListener('change', () => w.refresh());
    describe();
    return w;
  }

  // Common shifts: start and end times, the end on the same or the next day.
  const QUICK = [
    { label: 'Day', words: 'day shift', start: '09:00', end: '17:00', next: false },
    { label: 'Evening', words: 'evening shift', start: '17:00', end: '21:00', next: false },
    { label: 'Overnight', words: 'overnight shift', start: '21:00', end: '09:00', next: true },
    { label: '24 hours', words: '24-hour shift', start: '09:00', end: '09:00', next: true },
  ];

  function drawForm() {
    const f = new Form();
    const tz = site.timezone;
    const people = clinicians().filter((s) => (s.site_ids || []).includes(site.id)).sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    const sec = h('section.card.duty-add', { 'aria-labelledby': 'duty-add-title' },
      h('h2', { id: 'duty-add-title', text: 'Put a clinician on duty' }));
    clear(formHost).append(sec);
    if (!people.length) {
      sec.append(h('p', { text: `No active clinician works at ${site.name}.` }),
        h('p.muted', { text: 'Add this site to a clinician’s account under Staff, then come back.' }));
      return;
    }
    const who = field({ name: 'staff_id', label: 'Clinician', type: 'select', required: true,
      options: [{ value: '', label: 'Choose a clinician' }, ...people.map((s) => ({ value: s.id, label: nameOf(s) }))],
      value: people.length === 1 ? people[0].id : '',
      hint: `Active clinicians who work at ${site.name}.` });
    const zone = zoneWords(tz);
    const starts = whenField('starts_at', 'Starts', `In ${zone}.`);
    const ends = whenField('ends_at', 'Ends', 'Up to 7 days after the start.');
    const note = field({ name: 'note', label: 'Note', maxlength: 200, autocomplete: 'off',
      hint: 'Optional: for example how to reach them, or who they cover for.' });
    for (const x of [who, starts, ends, note]) f.fields.push(x);

    // A common shift on day ymd, never starting more than an hour ago (the
    // server refuses that): one already under way starts now (to the
    // quarter hour), one over (or nearly) moves to today or tomorrow.
    const said = h('p.quick-said.small', { id: 'quick-said', role: 'status' });
    function quickFill(q, ymd, { quiet = false } = {}) {
      const now = Date.now();
      const today = zoned(now, tz).ymd;
      const startOf = (d) => fromZoned(d, q.start, tz);
      const endOf = (d) => fromZoned(q.next ? addDays(d, 1) : d, q.end, tz);
      const over = (d) => endOf(d) <= now + QUARTER_MS;
      let day = ymd < today ? today : ymd;
      if (over(day)) day = over(today) ? addDays(today, 1) : today;
      const endDay = q.next ? addDays(day, 1) : day;
      let words = day !== ymd ? `The ${q.words} of ${fmt.dayLong(ymd)} is over: filled in for ${fmt.dayLong(day)}.` : '';
      if (startOf(day) < now - HOUR_MS) {
        const ms = Math.floor(now / QUARTER_MS) * QUARTER_MS;
        const z = zoned(ms, tz);
        starts.set(z.ymd, z.hm);
        words = `The ${q.words} began at ${clock(q.start)}, more than an hour ago: it starts now, at ${fmt.time(ms)}.`;
      } else {
        starts.set(day, q.start);
      }
      ends.set(endDay, q.end);
      if (!quiet) said.textContent = words;
    }

    // Prefill the next day shift not yet over.
    quickFill(QUICK[0], zoned(Date.now(), tz).ymd, { quiet: true });

    const quick = h('div.quick-shifts', { role: 'group', 'aria-labelledby': 'quick-label' },
      h('span.quick-label', { id: 'quick-label', text: 'Quick fill, on the start date:' }),
      QUICK.map((q) => h('button.btn.btn-secondary.btn-small', {
        type: 'button',
        onclick: () => quickFill(q, starts.date.value || zoned(Date.now(), tz).ymd),
      }, h('span', { text: q.label }), h('span.quick-times', { text: `${clock(q.start)} – ${clock(q.end)}` }),
        q.next ? h('span.visually-hidden', { text: ' the next day' }) : null)),
      said);

    const submit = h('button.btn.btn-primary', { type: 'submit', id: 'add-shift', text: 'Add to the roster' });
    const form = h('form.duty-form', { novalidate: true, 'aria-labelledby': 'duty-add-title' },
      f.summary, who.el, quick, starts.el, ends.el, note.el, h('div.form-actions', submit));
    sec.append(form);

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const errs = {};
      if (!who.value) errs.staff_id = 'choose a clinician';
      for (const w of [starts, ends]) {
        if (!w.date.value || !w.time.value) errs[w.name] = 'give a date and a time';
        else if (w.problem()) errs[w.name] = w.problem();
      }
      if (Object.keys(errs).length) { f.showErrors(errs); return; }
      const body = { staff_id: Number(who.value), starts_at: starts.value, ends_at: ends.value };
      if (note.value) body.note = note.value;
      submit.disabled = true;
      try {
        const s = await api.post(paths.siteDuty(site.id), body);
        f.clearErrors();
        note.value = '';
        const a = new Date(s.starts_at).getTime();
        const b = new Date(s.ends_at).getTime();
        toast(`${s.staff_name} is on the roster: ${spanWords(fmt, site.timezone, a, b)}.`);
        await load();
        const added = document.querySelector(`[data-shift="${s.id}"]`);
        if (added) { added.classList.add('is-new'); added.setAttribute('tabindex', '-1'); added.focus(); }
      } catch (err) {
        if (err.status === 401) return;
        if (err.fields && Object.keys(err.fields).length) f.showErrors(err.fields, err.message);
        else f.showMessage(err.message || 'Something went wrong. Please try again.');
      } finally {
        submit.disabled = false;
      }
    });
  }

  // ---- Repeating shifts ----

  const DAY_WORDS = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
  const DAY_LONG = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
  const WEEK = Object.keys(DAY_WORDS);
  // ["mon".."fri"] → "Mon–Fri"; otherwise "Mon, Wed, Fri"; all → "Every day".
  function daysWords(days) {
    const idx = days.map((d) => WEEK.indexOf(d)).sort((a, b) => a - b);
    if (idx.length === 7) return 'Every day';
    const run = idx.length > 2 && idx.every((v, i) => i === 0 || v === idx[i - 1] + 1);
    return run ? `${DAY_WORDS[WEEK[idx[0]]]}–${DAY_WORDS[WEEK[idx[idx.length - 1]]]}` : idx.map((i) => DAY_WORDS[WEEK[i]]).join(', ');
  }
  const dateWords = (ymd) => fmt.dayLong(ymd);

  function drawSeries() {
    const sec = h('section.card.duty-series', { 'aria-labelledby': 'duty-series-title', id: 'duty-series' },
      h('h2', { id: 'duty-series-title', text: 'Repeating shifts' }),
      h('p.muted.small', { text: `Shifts that repeat every week at ${site.name}; each one is on the roster above.` }));
    if (!series.length) {
      sec.append(h('p.empty', { text: 'No repeating shifts at this site.' }));
    } else {
      const ul = h('ul.series-list');
      for (const x of series) {
        const name = x.staff_name || x.username;
        const li = h('li.series-item', { dataset: { series: x.id } },
          h('div.series-text',
            h('p.series-who', h('strong', { text: name }), ` — ${daysWords(x.weekdays)}, ${clock(x.start)} – ${clock(x.end)}${x.overnight ? ' the next morning' : ''}`),
            h('p.small.muted', { text: `From ${dateWords(x.from)} until ${dateWords(x.until)}. ${x.upcoming === 1 ? 'One shift' : `${x.upcoming} shifts`} still to come or under way.` }),
            x.note ? h('p.small', { text: x.note }) : null));
        if (canManage) {
          li.append(h('div.series-actions',
            h('button.btn.btn-secondary.btn-small', { type: 'button', id: `edit-series-${x.id}`, text: 'Change',
              'aria-label': `Change ${name}’s repeating shift, ${daysWords(x.weekdays)}`, onclick: () => { editing = x; drawSeriesForm(); const first = seriesFormHost.querySelector('input, select'); if (first) { seriesFormHost.scrollIntoView({ block: 'start' }); first.focus({ preventScroll: true }); } } }),
            h('button.btn.btn-secondary.btn-small', { type: 'button', id: `end-series-${x.id}`, text: 'End',
              'aria-label': `End ${name}’s repeating shift, ${daysWords(x.weekdays)}`, onclick: () => endSeries(x) })));
        }
        ul.append(li);
      }
      sec.append(ul);
    }
    clear(seriesHost).append(sec);
  }

  async function endSeries(x) {
    const name = x.staff_name || x.username;
    const ok = await confirmDialog({
      title: `End ${name}’s repeating shift?`,
      message: `${daysWords(x.weekdays)}, ${clock(x.start)} – ${clock(x.end)} at ${site.name}. The shifts not started come off the roster; one under way ends now. The shifts already worked stay on the roster, and the change is recorded.`,
      confirmLabel: 'End repeating shift',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.del(paths.dutySeriesOne(x.id));
      toast(`${name}’s repeating shift has ended.`);
      if (editing && editing.id === x.id) { editing = null; drawSeriesForm(); }
    } catch (err) {
      if (err.status === 401) return;
      toast(err.message, 'error');
    }
    await load({ focus: 'duty-series-title' });
  }

  function drawSeriesForm() {
    const f = new Form();
    const tz = site.timezone;
    const x = editing;
    const people = clinicians().filter((s) => (s.site_ids || []).includes(site.id)).sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    const title = x ? `Change ${x.staff_name}’s repeating shift` : 'Add a repeating shift';
    const sec = h('section.card.duty-series-add', { 'aria-labelledby': 'duty-series-add-title' },
      h('h2', { id: 'duty-series-add-title', text: title }));
    clear(seriesFormHost).append(sec);
    if (!people.length && !x) {
      sec.append(h('p.muted', { text: `No active clinician works at ${site.name}.` }));
      return;
    }
    const today = zoned(Date.now(), tz).ymd;
    const who = x ? null : field({ name: 'staff_id', label: 'Clinician', type: 'select', required: true,
      options: [{ value: '', label: 'Choose a clinician' }, ...people.map((s) => ({ value: s.id, label: nameOf(s) }))],
      value: people.length === 1 ? people[0].id : '' });
    const days = checkGroup({ name: 'weekdays', legend: 'Days of the week',
      options: WEEK.map((d) => ({ value: d, label: DAY_LONG[d] })), values: x ? x.weekdays : ['mon', 'tue', 'wed', 'thu', 'fri'] });
    const start = field({ name: 'start', label: 'Starts at', type: 'time', required: true, value: x ? x.start : '09:00',
      hint: `${zoneWords(tz, Date.now(), { short: true })}, the site’s local time.` });
    const end = field({ name: 'end', label: 'Ends at', type: 'time', required: true, value: x ? x.end : '17:00',
      hint: 'A time before the start ends the next morning.' });
    const from = field({ name: 'from', label: 'First day', type: 'date', required: true, value: x ? (x.from < today ? today : x.from) : today });
    const until = field({ name: 'until', label: 'Last day', type: 'date', required: true, value: x ? x.until : addDays(today, 90),
      hint: 'At most a year after the first day.' });
    const note = field({ name: 'note', label: 'Note', maxlength: 200, autocomplete: 'off', value: x ? x.note : '',
      hint: 'Optional: for example how to reach them.' });
    for (const fl of [who, days, start, end, from, until, note]) if (fl) f.fields.push(fl);
    const submit = h('button.btn.btn-primary', { type: 'submit', id: 'save-series', text: x ? 'Save changes' : 'Add repeating shift' });
    const cancel = x ? h('button.btn.btn-secondary', { type: 'button', text: 'Cancel', onclick: () => { editing = null; drawSeriesForm(); } }) : null;
    const form = h('form.duty-series-form', { novalidate: true, 'aria-labelledby': 'duty-series-add-title' },
      f.summary, x ? h('p', { text: `${x.staff_name}. Shifts not started are replaced; one under way ends now and the new times apply from now.` }) : null,
      who ? who.el : null, days.el, h('div.when-inputs', start.el, end.el), h('div.when-inputs', from.el, until.el), note.el,
      h('div.form-actions', submit, cancel));
    sec.append(form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const errs = {};
      if (who && !who.value) errs.staff_id = 'choose a clinician';
      if (!days.value.length) errs.weekdays = 'tick at least one day';
      if (!start.value) errs.start = 'give a time';
      if (!end.value) errs.end = 'give a time';
      if (!from.value) errs.from = 'give a date';
      if (!until.value) errs.until = 'give a date';
      if (Object.keys(errs).length) { f.showErrors(errs); return; }
      const body = { weekdays: days.value, start: start.value.slice(0, 5), end: end.value.slice(0, 5), from: from.value, until: until.value };
      if (who) body.staff_id = Number(who.value);
      if (note.value) body.note = note.value;
      submit.disabled = true;
      try {
        const saved = x ? await api.put(paths.dutySeriesOne(x.id), body) : await api.post(paths.siteDutySeries(site.id), body);
        f.clearErrors();
        toast(`${saved.staff_name}: ${daysWords(saved.weekdays)}, ${clock(saved.start)} – ${clock(saved.end)}, until ${dateWords(saved.until)} (${saved.upcoming} shifts on the roster).`);
        editing = null;
        drawSeriesForm();
        await load();
        const item = document.querySelector(`[data-series="${saved.id}"]`);
        if (item) { item.setAttribute('tabindex', '-1'); item.focus(); }
      } catch (err) {
        if (err.status === 401) return;
        if (err.fields && Object.keys(err.fields).length) f.showErrors(err.fields, err.message);
        else f.showMessage(err.message || 'Something went wrong. Please try again.');
      } finally {
        submit.disabled = false;
      }
    });
  }

  setSite();
  await load();
  if (!ctx.isCurrent()) return;

  // Keep "now" current while the page stays open (not while someone is
  // working in the roster: their focus would be lost).
  const timer = setInterval(() => {
    if (!ctx.isCurrent()) return;
    if (rosterHost.contains(document.activeElement) || document.querySelector('dialog[open]')) return;
    load({ quiet: true });
  }, REFRESH_MS);
  ctx.onCleanup(() => clearInterval(timer));
}

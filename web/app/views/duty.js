// The duty roster: which clinician is on duty at a site now, and for the
// next 14 days.  A safety alert for a client without a clinician of their
// own goes to the clinician on duty at the site, so "now" is shown large and
// in words, and so is who gets the alerts when nobody is on duty.
//
// Shift times are UTC instants in the API; here they are shown and typed in
// the site's own time zone (converted in the browser with Intl), and the
// page says which zone that is.  Administrators and directors (duty.manage)
// add shifts and remove those not yet ended; everyone else reads.
import { api, auth } from '../api.js';
import { h, clear, uid } from '../dom.js';
import { field, Form } from '../components/field.js';
import { confirmDialog } from '../components/dialog.js';
import { badge } from '../components/badge.js';
import { toast } from '../components/toast.js';
import { staffDirectory } from '../directory.js';
import { replaceQuery } from '../app.js';
import { pageHeader, errorNote } from './common.js';

const DAYS = 14;
const SITE_KEY = 'openiop.site';
const REFRESH_MS = 2 * 60 * 1000;

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

const pad = (n) => String(n).padStart(2, '0');

// The wall-clock time at instant ms in zone tz: {y, m, d, hh, mm, ss, ymd, hm}.
export function zoned(ms, tz) {
  const p = {};
  for (const x of partsFmt(tz).formatToParts(new Date(ms))) p[x.type] = x.value;
  const o = { y: +p.year, m: +p.month, d: +p.day, hh: +p.hour % 24, mm: +p.minute, ss: +p.second };
  o.ymd = `${o.y}-${pad(o.m)}-${pad(o.d)}`;
  o.hm = `${pad(o.hh)}:${pad(o.mm)}`;
  return o;
}

function offsetAt(ms, tz) {
  const z = zoned(ms, tz);
  return Date.UTC(z.y, z.m - 1, z.d, z.hh, z.mm, z.ss) - Math.floor(ms / 1000) * 1000;
}

// The instant (ms) of wall-clock date ymd "YYYY-MM-DD" and time hm "HH:MM"
// in zone tz, or null when they are not a date and a time.
export function fromZoned(ymd, hm, tz) {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  const t = /^(\d{2}):(\d{2})/.exec(hm || '');
  if (!d || !t) return null;
  const guess = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
  let ms = guess - offsetAt(guess, tz);
  const again = guess - offsetAt(ms, tz);
  if (again !== ms) ms = again;
  return ms;
}

// "2026-03-02" + n days.
function addDays(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

// The API's instant form: "YYYY-MM-DDTHH:MMZ".
function apiInstant(ms) { return new Date(ms).toISOString().slice(0, 16) + 'Z'; }

// "Central Time (America/Chicago)"; short: "Central Time".
export function zoneWords(tz, at = Date.now(), { short = false } = {}) {
  let name = '';
  for (const style of ['longGeneric', 'long']) {
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

// ---- The screen -------------------------------------------------------------------

export async function render(ctx) {
  const canManage = auth.can('duty.manage');
  const [sitesData, dir] = await Promise.all([
    api.get('/sites', { limit: 200 }),
    staffDirectory({ fresh: true }).catch((err) => { if (err.status === 401) throw err; return { list: [], byId: new Map() }; }),
  ]);
  if (!ctx.isCurrent()) return;
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
  const formHost = h('div', { id: 'duty-form-host' });
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
    h('div.duty-layout', rosterHost, canManage ? formHost : null));

  let fmt;
  let data = null;
  let loadSeq = 0;

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
    if (canManage) drawForm();
  }

  // The first day shown: today at the site, from its midnight.
  function window14() {
    const today = zoned(Date.now(), site.timezone).ymd;
    const from = fromZoned(today, '00:00', site.timezone);
    const to = fromZoned(addDays(today, DAYS), '00:00', site.timezone);
    return { today, from, to };
  }

  async function load({ quiet = false, focus = null } = {}) {
    const my = ++loadSeq;
    const w = window14();
    if (!quiet) rosterHost.setAttribute('aria-busy', 'true');
    let d;
    try {
      d = await api.get(`/sites/${site.id}/duty`, { from: apiInstant(w.from), to: apiInstant(w.to) }, { background: quiet });
    } catch (err) {
      if (err.status === 401 || my !== loadSeq || !ctx.isCurrent()) return;
      rosterHost.removeAttribute('aria-busy');
      if (!quiet) clear(rosterHost).append(errorNote(err));
      return;
    }
    if (my !== loadSeq || !ctx.isCurrent()) return;
    data = d;
    rosterHost.removeAttribute('aria-busy');
    drawNow(w);
    drawRoster(w);
    if (focus) { const el = document.getElementById(focus); if (el) el.focus(); }
  }

  // Active clinicians, in id order (the server's "first active clinician").
  const clinicians = () => dir.list.filter((s) => s.active && (s.roles || []).includes('clinician')).sort((a, b) => a.id - b.id);
  const nameOf = (s) => s.full_name || s.username;

  function drawNow() {
    const now = new Date(data.now).getTime() || Date.now();
    const on = (data.on_duty_now || []).slice().sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.id - b.id);
    // Alerts go to the earliest-started shift of an active clinician.
    const eligible = on.filter((s) => { const st = dir.byId.get(s.staff_id); return !st || (st.active && st.roles.includes('clinician')); });
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
      const first = clinicians()[0];
      box.append(h('p.duty-who-gets', { text: first
        ? `Safety alerts for clients without a clinician of their own go to the clinician who records the screening — or, when that person is not a clinician, to ${nameOf(first)} (the first active clinician).`
        : 'Safety alerts for clients without a clinician of their own go to the clinician who records the screening. There is no other active clinician to send them to.' }));
      const next = (data.items || []).find((s) => new Date(s.starts_at).getTime() > now);
      if (next) {
        const t = new Date(next.starts_at).getTime();
        const sameDay = zoned(t, site.timezone).ymd === zoned(now, site.timezone).ymd;
        box.append(h('p.duty-next', { text: `Next on duty: ${next.staff_name} from ${fmt.time(t)}${sameDay ? ' today' : ', ' + fmt.dayShort(t)}.` }));
      }
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
        const gaps = uncovered(shifts, Math.max(dayStart, i === 0 ? Math.min(now, dayEnd) : dayStart), dayEnd);
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
    const current = s.start <= now && now < s.end;
    const name = s.staff_name || s.username;
    const li = h('li.duty-shift', { class: current ? 'is-now' : ended ? 'is-ended' : null, dataset: { shift: s.id } },
      h('span.duty-time', { text: shiftTimes(s, dayStart, dayEnd) }),
      h('span.duty-who', h('span.duty-name', { text: name }), s.note ? h('span.duty-note', { text: s.note }) : null),
      h('span.badges', current ? badge('On duty now', 'ok') : ended ? badge('Ended', 'neutral') : null));
    // One remove button per shift: on the first day it shows.
    if (canManage && !ended && !shownOnce.has(s.id)) {
      shownOnce.add(s.id);
      li.append(h('button.btn.btn-secondary.btn-small.duty-remove', {
        type: 'button', id: `remove-shift-${s.id}`, text: 'Remove',
        'aria-label': `Remove ${name}, ${fmt.dayLong(zoned(s.start, site.timezone).ymd)} ${fmt.time(s.start)}`,
        onclick: () => removeShift(s),
      }));
    }
    return li;
  }

  async function removeShift(s) {
    const name = s.staff_name || s.username;
    const now = Date.now();
    const when = spanWords(fmt, site.timezone, s.start, s.end);
    const ok = await confirmDialog({
      title: `Remove ${name} from the roster?`,
      message: `${name}’s shift at ${site.name}: ${when}, ${zoneWords(site.timezone, s.start, { short: true })}. `
        + (s.start <= now ? `They are on duty now: removing the shift takes them off duty at once, and safety alerts go elsewhere. ` : '')
        + 'The removal is recorded.',
      confirmLabel: 'Remove shift',
      danger: true,
    });
    if (!ok) return;
    try {
      await api.del(`/duty/${s.id}`);
      toast(`${name} is off the roster: ${when}.`);
    } catch (err) {
      if (err.status === 401) return;
      toast(err.message, 'error');
    }
    await load({ focus: 'duty-roster-title' });
  }

  // ---- Adding a shift (duty.manage) ----

  function whenField(name, word, hint) {
    const id = uid(`when-${name}`);
    const errId = `${id}-error`;
    const hintId = `${id}-hint`;
    const date = h('input', { type: 'date', id: `${id}-date`, name: `${name}_date` });
    const time = h('input', { type: 'time', id: `${id}-time`, name: `${name}_time`, step: 60 });
    const error = h('p.field-error', { id: errId, hidden: true });
    const el = h('fieldset.field.fieldset.when-field', { id },
      h('legend', { text: word }),
      h('p.field-hint', { id: hintId, text: hint }), error,
      h('div.when-inputs',
        h('div.field', h('label', { for: date.id, text: `${word}: date` }), date),
        h('div.field', h('label', { for: time.id, text: `${word}: time` }), time)));
    const describe = () => {
      const ids = [hintId, error.hidden ? null : errId].filter(Boolean).join(' ');
      for (const i of [date, time]) i.setAttribute('aria-describedby', ids);
    };
    describe();
    return {
      name, label: word, el, input: date, date, time,
      focus() { (date.value ? time : date).focus(); },
      get value() { const ms = fromZoned(date.value, time.value, site.timezone); return ms === null ? '' : apiInstant(ms); },
      set(ymd, hm) { date.value = ymd; time.value = hm; },
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
  }

  // Common shifts: start and end times, the end on the same or the next day.
  const QUICK = [
    { label: 'Day', start: '09:00', end: '17:00', next: false },
    { label: 'Evening', start: '17:00', end: '21:00', next: false },
    { label: 'Overnight', start: '21:00', end: '09:00', next: true },
    { label: '24 hours', start: '09:00', end: '09:00', next: true },
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

    // Prefill the next day shift not yet over.
    const nowZ = zoned(Date.now(), tz);
    const day = nowZ.hm < '17:00' ? nowZ.ymd : addDays(nowZ.ymd, 1);
    starts.set(day, '09:00');
    ends.set(day, '17:00');

    const quick = h('div.quick-shifts', { role: 'group', 'aria-labelledby': 'quick-label' },
      h('span.quick-label', { id: 'quick-label', text: 'Quick fill, on the start date:' }),
      QUICK.map((q) => h('button.btn.btn-secondary.btn-small', {
        type: 'button',
        onclick: () => {
          const d = starts.date.value || nowZ.ymd;
          starts.set(d, q.start);
          ends.set(q.next ? addDays(d, 1) : d, q.end);
        },
      }, h('span', { text: q.label }), h('span.quick-times', { text: `${clock(q.start)} – ${clock(q.end)}` }),
        q.next ? h('span.visually-hidden', { text: ' the next day' }) : null)));

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
      }
      if (Object.keys(errs).length) { f.showErrors(errs); return; }
      const body = { staff_id: Number(who.value), starts_at: starts.value, ends_at: ends.value };
      if (note.value) body.note = note.value;
      submit.disabled = true;
      try {
        const s = await api.post(`/sites/${site.id}/duty`, body);
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

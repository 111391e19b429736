// The chart's "Appointments": the client's upcoming and past appointments
// (individual, family, medication, case management, assessment), booking
// one, moving one to another time and cancelling one.  Times are shown and
// entered in the site's time zone; the API takes and gives UTC instants.
// A time that overlaps another booking of the staff member, the room or the
// client is refused by the server (409), and its message — which names the
// other booking — is shown next to the time.  Once an appointment has
// started, its outcome (attended with minutes, no-show, late cancellation)
// is recorded on its row (appt-outcome.js) by those who may (clients.write).
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form, checkGroup, radioGroup, stopWithErrors } from '../components/field.js';
import { toast } from '../components/toast.js';
import { button, errorNote } from '../components/page.js';
import { staffDirectory } from '../directory.js';
import { personRole } from './contacts.js';
import { zoned, wallTime, zoneWords, rememberedSite } from '../duty/duty.js';
import { outcomeBlock } from './appt-outcome.js';
import { openAppointmentNote } from '../notes/open.js';

const PAST_SHOWN = 10;

// The kinds come from the API (GET /appointment-kinds), once.
let kindsPromise = null;
function appointmentKinds() {
  if (!kindsPromise) {
    kindsPromise = api.get(paths.appointmentKinds).then((d) => d.items || []);
    kindsPromise.catch(() => { kindsPromise = null; });
  }
  return kindsPromise;
}

export function loadAppointments(clientId) {
  return api.get(paths.clientAppointments(clientId), { limit: 200 });
}

// "Mon 7 Dec 2026, 09:00–09:50" in the appointment's site's zone.
function when(a) {
  const tz = a.site_timezone || 'UTC';
  const s = Date.parse(a.starts_at);
  const e = Date.parse(a.ends_at);
  const day = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(s));
  return `${day}, ${zoned(s, tz).hm}–${zoned(e, tz).hm}`;
}

function statusBadge(a) {
  // One that has ended says what happened in its outcome, not "Scheduled".
  if (a.status !== 'cancelled') return Date.parse(a.ends_at) <= Date.now() ? null : badge('Scheduled', 'info');
  const by = a.cancelled_by === 'client' ? 'by client' : 'by program';
  return a.late_cancellation ? badge(`Late cancellation ${by}`, 'warn') : badge(`Cancelled ${by}`, 'neutral');
}

// What changed, in a line: "Moved from Mon 7 Dec 2026, 09:00–09:50".
function historyLines(a) {
  const out = [];
  for (const x of a.history || []) {
    if (x.change === 'rescheduled') {
      const from = when({ ...a, starts_at: x.starts_at, ends_at: new Date(Date.parse(x.starts_at) + x.minutes * 60000).toISOString() });
      out.push(`Moved from ${from} by ${x.changed_by || 'staff'}.`);
    } else if (x.change === 'cancelled') {
      out.push(`Reason: ${x.reason} (recorded by ${x.changed_by || 'staff'}).`);
    }
  }
  return out;
}

export function drawAppointments(section, c, data, opts) {
  clear(section);
  const canBook = auth.can('appointments.book') && c.active;
  const head = h('div.section-head', h('h2', { id: 'appointments-title', text: 'Appointments' }));
  if (canBook) head.append(button('Book appointment', () => bookDialog(c, opts), 'secondary', { id: 'book-appointment' }));
  section.append(head);
  if (data === null) { section.append(h('p.muted', { text: 'Loading appointments…' })); return; }
  if (data.error) { section.append(errorNote(data.error)); return; }
  const items = (data && data.items) || [];
  const now = Date.now();
  const upcoming = items.filter((a) => a.status === 'scheduled' && Date.parse(a.ends_at) > now);
  const past = items.filter((a) => !upcoming.includes(a)).reverse();
  const started = (a) => Date.parse(a.starts_at) <= now;
  const outcome = (a) => (a.status === 'scheduled' && started(a)) || a.attendance || (a.attendance_history || []).length
    ? outcomeBlock(a, {
      idPrefix: 'chart-appt',
      label: `${a.kind_words} on ${when(a)}`,
      onSaved: async (saved, words) => {
        toast(`${saved.kind_words}, ${when(saved)}: ${words}`);
        await opts.reload();
        const el = document.getElementById(`chart-appt-${saved.id}-change`);
        if (el) el.focus();
      },
    })
    : null;
  const row = (a, actions) => {
    const li = h('li.appt', { 'data-id': String(a.id) },
      h('div.appt-main',
        h('p.appt-when', h('strong', { text: when(a) }), ' ', statusBadge(a)),
        h('p.appt-what', { text: `${a.kind_words} with ${a.staff_name}${a.room_name ? ` · ${a.room_name}` : ''} · ${a.site_name}` }),
        a.related_persons.length ? h('p.appt-people', { text: `With ${a.related_persons.map((p) => `${p.name} (${p.relationship})`).join(', ')}` }) : null,
        ...historyLines(a).map((t) => h('p.appt-history.muted', { text: t }))));
    if (actions) li.append(actions);
    // A held appointment's note (not for a no-show or a cancelled one).
    if (auth.can('notes.write') && a.status === 'scheduled' && started(a) && a.kind !== 'assessment' &&
        a.attendance !== 'no_show' && a.attendance !== 'late_cancellation') {
      li.append(h('div.appt-actions', button('Write note', async (e) => {
        const btn = e.currentTarget;
        btn.disabled = true;
        try { await openAppointmentNote(a.id); } catch (err) { btn.disabled = false; if (err.status !== 401) toast(`The note could not be opened: ${err.message}`, 'warn'); }
      }, 'secondary', { class: 'btn-small', 'aria-label': `Write note: ${a.kind_words} on ${when(a)}`, 'data-note-for': String(a.id) })));
    }
    const o = outcome(a);
    if (o) li.append(o);
    return li;
  };
  section.append(h('h3.appt-head', { text: 'Upcoming' }));
  if (!upcoming.length) section.append(h('p.empty', { text: 'No upcoming appointments.' }));
  else {
    section.append(h('ul.appt-list', { id: 'appointments-upcoming' }, upcoming.map((a) => row(a, canBook && !a.attendance
      ? h('div.appt-actions',
        started(a) ? null : button('Reschedule', () => rescheduleDialog(c, a, opts), 'secondary', { class: 'btn-small', 'aria-label': `Reschedule ${a.kind_words} on ${when(a)}` }),
        button('Cancel', () => cancelDialog(c, a, opts), 'secondary', { class: 'btn-small', 'aria-label': `Cancel ${a.kind_words} on ${when(a)}` }))
      : null))));
  }
  if (past.length) {
    section.append(h('h3.appt-head', { text: 'Past and cancelled' }));
    section.append(h('ul.appt-list.appt-past', { id: 'appointments-past' }, past.slice(0, PAST_SHOWN).map((a) => row(a, null))));
    if (past.length > PAST_SHOWN) section.append(h('p.muted', { text: `And ${past.length - PAST_SHOWN} earlier.` }));
  }
}

// The API's errors on the dialog's fields: the time for starts_at and for a
// conflict (whose message names the other booking).
function showBookingError(form, err) {
  if (err && err.status === 409 && err.body && err.body.error && err.body.error.conflict) {
    form.showErrors({ time: err.message });
    // The summary keeps the message as written: it starts with a name.
    const a = form.summary.querySelector('li a');
    if (a) a.textContent = `Start time: ${err.message}`;
    const e = new Error('conflict');
    e.handled = true;
    throw e;
  }
  if (err && err.fields) {
    const f = {};
    for (const [k, v] of Object.entries(err.fields)) {
      const name = k === 'starts_at' ? 'time' : k.startsWith('related_persons') ? 'related_persons' : k;
      f[name] = v;
    }
    stopWithErrors(form, f);
  }
  throw err;
}

async function sitesAndRooms() {
  const [sites, rooms] = await Promise.all([api.get(paths.sites, { limit: 200 }), api.get(paths.rooms, { limit: 200 })]);
  return { sites: (sites.items || []).filter((s) => s.active), rooms: (rooms.items || []).filter((r) => r.active) };
}

function defaultSite(sites) {
  const mine = (auth.user && auth.user.site_ids) || [];
  const remembered = rememberedSite();
  return (sites.find((s) => s.id === remembered) || sites.find((s) => mine.includes(s.id)) || sites[0] || {}).id;
}

// The staff members a kind is with (its staff_roles), active.
function staffFor(dir, kind) {
  const roles = (kind && kind.staff_roles) || [];
  return dir.list.filter((s) => s.active && s.roles.some((r) => roles.includes(r)))
    .sort((a, b) => (a.full_name || a.username).localeCompare(b.full_name || b.username));
}

function fillSelect(sel, options, value) {
  clear(sel);
  for (const o of options) {
    const op = h('option', { value: String(o.value), text: o.label });
    if (String(o.value) === String(value ?? '')) op.selected = true;
    sel.append(op);
  }
}

// The date, time, length, site, room and staff fields both dialogs share.
function timeFields(f, { sites, rooms, dir, kinds, start }) {
  const siteF = field({ name: 'site_id', label: 'Site', type: 'select', required: true, value: start.site_id, options: sites.map((s) => ({ value: s.id, label: s.name })) });
  const roomF = field({ name: 'room_id', label: 'Room', type: 'select', value: start.room_id ?? '', options: [] });
  const staffF = field({ name: 'staff_id', label: 'With', type: 'select', required: true, value: start.staff_id, options: [] });
  const dateF = field({ name: 'date', label: 'Date', type: 'date', required: true, value: start.date });
  const timeF = field({ name: 'time', label: 'Start time', type: 'time', required: true, value: start.time, step: 300 });
  const minF = field({ name: 'minutes', label: 'Length (minutes)', type: 'number', required: true, value: start.minutes, min: 5, max: 480, step: 5, inputmode: 'numeric' });
  const zoneNote = h('p.field-hint.appt-zone');
  const siteOf = () => sites.find((s) => String(s.id) === siteF.input.value) || sites[0] || {};
  const redrawRooms = () => {
    const site = siteOf();
    fillSelect(roomF.input, [{ value: '', label: 'No room' }, ...rooms.filter((r) => r.site_id === site.id).map((r) => ({ value: r.id, label: r.name }))], roomF.input.value || start.room_id);
    zoneNote.textContent = site.timezone ? `Times are ${zoneWords(site.timezone, Date.now(), { short: true })}, the site's time.` : '';
  };
  const redrawStaff = (kindCode) => {
    const kind = kinds.find((k) => k.code === kindCode);
    const keep = staffF.input.value || start.staff_id;
    fillSelect(staffF.input, [{ value: '', label: 'Choose…' }, ...staffFor(dir, kind).map((s) => ({ value: s.id, label: s.full_name || s.username }))], keep);
  };
  siteF.input.addEventListener('change', redrawRooms);
  redrawRooms();
  return { siteF, roomF, staffF, dateF, timeF, minF, zoneNote, siteOf, redrawStaff,
    els: [f.add(siteF), f.add(roomF), f.add(staffF), f.add(dateF), f.add(timeF), f.add(minF)] };
}

// The UTC instant the form's date and time mean at the site, or field errors.
function startsAt(form, v, tz) {
  const w = wallTime(v.date, v.time, tz);
  if (!w) stopWithErrors(form, { [v.date ? 'time' : 'date']: v.date ? 'Enter a start time.' : 'Enter a date.' });
  if (!w.exists) stopWithErrors(form, { time: `The clocks skip this time that day; choose a time outside the skipped ${w.skipped} minutes.` });
  return new Date(w.ms).toISOString().slice(0, 16) + 'Z';
}

async function bookDialog(c, opts) {
  let kinds, where, dir;
  try {
    [kinds, where, dir] = await Promise.all([appointmentKinds(), sitesAndRooms(), staffDirectory()]);
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    return;
  }
  const f = new Form();
  const siteId = defaultSite(where.sites);
  const site = where.sites.find((s) => s.id === siteId) || { timezone: 'UTC' };
  const tomorrow = zoned(Date.now() + 86400000, site.timezone);
  const kindF = radioGroup({ name: 'kind', legend: 'Kind of appointment', required: true, value: 'individual_therapy',
    options: kinds.map((k) => ({ value: k.code, label: k.words })),
    onChange: (v) => { t.redrawStaff(v); people.el.hidden = v !== 'family_therapy'; } });
  const t = timeFields(f, { ...where, dir, kinds, start: { site_id: siteId, date: tomorrow.ymd, time: '10:00', minutes: 50 } });
  const contacts = (opts.contacts && opts.contacts.items) || [];
  const people = checkGroup({ name: 'related_persons', legend: 'Family members or others attending', hint: "From the client's related persons.",
    options: contacts.map((k) => ({ value: k.id, label: `${k.name} (${personRole(k)})` })), emptyText: 'No related persons recorded: add one under Related persons first.' });
  people.el.hidden = true;
  t.redrawStaff('individual_therapy');
  const content = [
    f.add(kindF),
    h('div.form-grid', ...t.els),
    t.zoneNote,
    f.add(people),
  ];
  const saved = await formDialog({
    title: `Book an appointment for ${c.first_name} ${c.last_name}`,
    form: f,
    content,
    submitLabel: 'Book appointment',
    className: 'dialog-wide',
    onSubmit: async (v, form) => {
      const tz = t.siteOf().timezone || 'UTC';
      const body = {
        kind: v.kind, site_id: Number(v.site_id), staff_id: v.staff_id ? Number(v.staff_id) : 0,
        room_id: v.room_id ? Number(v.room_id) : null, starts_at: startsAt(form, v, tz), minutes: v.minutes,
      };
      if (!body.staff_id) stopWithErrors(form, { staff_id: 'Choose whom the appointment is with.' });
      if (v.kind === 'family_therapy') body.related_persons = v.related_persons;
      try { return await api.post(paths.clientAppointments(c.id), body); } catch (err) { return showBookingError(form, err); }
    },
  });
  if (!saved) return;
  toast(`Booked: ${saved.kind_words}, ${when(saved)}.`);
  await opts.reload();
}

async function rescheduleDialog(c, a, opts) {
  let kinds, where, dir;
  try {
    [kinds, where, dir] = await Promise.all([appointmentKinds(), sitesAndRooms(), staffDirectory()]);
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    return;
  }
  const tz = a.site_timezone || 'UTC';
  const s = zoned(Date.parse(a.starts_at), tz);
  const f = new Form();
  const sites = where.sites.filter((x) => x.id === a.site_id);
  const t = timeFields(f, { sites, rooms: where.rooms, dir, kinds, start: { site_id: a.site_id, room_id: a.room_id ?? '', staff_id: a.staff_id, date: s.ymd, time: s.hm, minutes: a.minutes } });
  t.redrawStaff(a.kind);
  t.siteF.input.disabled = true;
  const saved = await formDialog({
    title: `Reschedule ${a.kind_words.toLowerCase()} on ${when(a)}`,
    form: f,
    content: [h('p.muted', { text: 'The old time is kept in the appointment\'s history.' }), h('div.form-grid', ...t.els), t.zoneNote],
    submitLabel: 'Move appointment',
    cancelLabel: 'Keep current time',
    className: 'dialog-wide',
    onSubmit: async (v, form) => {
      const body = {
        starts_at: startsAt(form, v, tz), minutes: v.minutes,
        staff_id: Number(v.staff_id) || a.staff_id, room_id: v.room_id ? Number(v.room_id) : null,
      };
      try { return await api.post(paths.appointmentReschedule(a.id), body); } catch (err) { return showBookingError(form, err); }
    },
  });
  if (!saved) return;
  toast(`Moved to ${when(saved)}.`);
  await opts.reload();
}

async function cancelDialog(c, a, opts) {
  const f = new Form();
  const by = radioGroup({ name: 'cancelled_by', legend: 'Who cancelled', required: true,
    options: [{ value: 'client', label: `${c.first_name} (the client)` }, { value: 'program', label: 'The program' }] });
  const reason = field({ name: 'reason', label: 'Reason', type: 'textarea', required: true, maxlength: 500 });
  const saved = await formDialog({
    title: `Cancel ${a.kind_words.toLowerCase()} on ${when(a)}?`,
    form: f,
    content: [
      h('p.muted', { text: 'The appointment is kept, marked cancelled. A client\'s cancellation shortly before the start is recorded as late.' }),
      f.add(by), f.add(reason),
    ],
    submitLabel: 'Cancel appointment',
    cancelLabel: 'Keep appointment',
    onSubmit: async (v, form) => {
      const errs = {};
      if (!v.cancelled_by) errs.cancelled_by = 'Choose who cancelled.';
      if (!v.reason) errs.reason = 'Give the reason.';
      if (Object.keys(errs).length) stopWithErrors(form, errs);
      return api.post(paths.appointmentCancel(a.id), { cancelled_by: v.cancelled_by, reason: v.reason });
    },
  });
  if (!saved) return;
  toast(saved.late_cancellation ? 'Cancelled — recorded as a late cancellation.' : 'Appointment cancelled.');
  await opts.reload();
}

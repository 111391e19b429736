// The chart's episode of care: the "In care" line and "Admit" (level — only
// the levels this program's active tracks provide —, site, track filtered
// by site, clinician, case manager, the 42 CFR Part 2 notice; the inquiry
// the client came from is named).  An open high-risk safety alert is shown
// in the dialog, and the admitter confirms they read it before admitting.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { line } from '../nav.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog, openDialog } from '../components/dialog.js';
import { field, Form, stopWithErrors } from '../components/field.js';
import { fmtDate, fmtDateTime, ago, cap, todayLocal } from '../format.js';
import { staffDirectory } from '../directory.js';
import { loadAlerts, KIND_WORDS } from './alerts.js';

export function openEpisode(care) {
  const items = (care.episodes && care.episodes.items) || [];
  return items.find((e) => e.status === 'open') || null;
}

// "In care: Evening IOP, Riverside Recovery Center, since Nov 27, 2026"
export function inCareLine(care) {
  const ep = openEpisode(care);
  if (!ep) return null;
  const where = [ep.track_name, ep.site_name].filter(Boolean).join(', ');
  return h('p.in-care', { id: 'in-care' }, badge('In care', 'ok'), ' ',
    h('span', { text: `In care: ${where || `level ${ep.level}`}, since ${fmtDate(ep.admitted_on)}` }),
    ep.primary_clinician ? h('span.muted', { text: ` · Clinician ${ep.primary_clinician}` }) : null);
}

export function canAdmit(care) {
  return auth.can('episodes.admit') && care.episodes && !care.episodes.error && !openEpisode(care);
}

const DAY_WORDS = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
function clock(hhmm) {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm || '');
  if (!m) return hhmm || '';
  const hr = +m[1];
  return `${((hr + 11) % 12) + 1}:${m[2]} ${hr < 12 ? 'AM' : 'PM'}`;
}
export function trackText(t) {
  return `${t.name} — ${(t.weekdays || []).map((d) => DAY_WORDS[d] || d).join(', ')}, ${clock(t.start_time)}–${clock(t.end_time)}`;
}

// The inquiry this client came from (the newest still open), when the user
// can see inquiries.
async function findInquiry(clientId) {
  if (!auth.can('inquiries.manage')) return null;
  try {
    const d = await api.get(paths.inquiries, { client_id: clientId, limit: 200 });
    return (d.items || []).find((q) => q.status !== 'admitted' && q.status !== 'closed') || null;
  } catch (err) {
    if (err.status === 401) throw err;
    return null;
  }
}

// The alerts no one admits a client past unseen (core/alert.c alert_high_risk).
const HIGH_RISK = new Set(['suicide_risk', 'immediate_evaluation']);

// The levels of care the program provides: those of its active tracks at
// active sites, each once, in order.
function levelsOffered(tracks, sites) {
  const open = new Set(sites.filter((s) => s.active).map((s) => s.id));
  const levels = new Set(tracks.filter((t) => t.active && open.has(t.site_id)).map((t) => t.level_of_care));
  return [...levels].sort((a, b) => Number(a) - Number(b));
}

// No track exists yet: nobody can be admitted, and the reader is told who
// sets tracks up.
function noTracksDialog(c) {
  const dlg = openDialog({
    title: `Admit ${c.first_name} ${c.last_name}`,
    body: [
      h('div.notice.notice-warn', { id: 'admit-no-tracks' },
        h('p', h('strong', { text: 'This program has no active track yet, so no one can be admitted. ' }),
          'A client is admitted into a track (its days, times and level of care).'),
        h('p', { text: 'Ask an administrator or the program director to set up the program’s tracks (Admin, program set-up), then admit from here.' })),
    ],
    actions: [{ label: 'Back to the chart', kind: 'primary', autofocus: true, onClick: (d) => d.close(null) }],
  });
  return dlg.result;
}

// The open high-risk alerts, in words, with "I have read" to tick.
function alertBlock(host, ack, alerts) {
  clear(host);
  host.hidden = !alerts.length;
  ack.el.hidden = !alerts.length;
  ack.value = false;
  if (!alerts.length) return;
  const one = alerts.length === 1;
  host.append(
    h('h3', { id: 'admit-alerts-title' }, h('span.alert-icon', { 'aria-hidden': 'true', text: '!' }), ' ',
      one ? 'This client has an open safety alert' : `This client has ${alerts.length} open safety alerts`),
    h('ul.alert-list', alerts.map((a) => h('li.alert-item', { dataset: { alertId: a.id } },
      h('p.alert-msg', h('strong', { text: `${a.kind_words || KIND_WORDS[a.kind] || 'Safety alert'}: ` }),
        a.message || 'A clinician must see this client about it.'),
      h('p.alert-meta', 'Raised ', h('time', { datetime: a.raised_at, title: fmtDateTime(a.raised_at), text: ago(a.raised_at) }),
        '. No response has been documented yet.')))),
    h('p', { text: `Admitting does not answer ${one ? 'it' : 'them'}: make sure a clinician sees this client about ${one ? 'it' : 'them'} today.` }));
}

export async function admitDialog(c, care) {
  const [sites, allTracks, dir, inquiry, openAlerts] = await Promise.all([
    api.get(paths.sites, { limit: 200 }),
    api.get(paths.tracks, { limit: 200 }),
    staffDirectory(),
    findInquiry(c.id),
    loadAlerts(c.id),
  ]);
  const offered = levelsOffered(allTracks.items || [], sites.items || []);
  if (!offered.length) return noTracksDialog(c);
  let alerts = Array.isArray(openAlerts) ? openAlerts.filter((a) => HIGH_RISK.has(a.kind)) : [];
  const table = care.table && !care.table.error ? care.table : null;
  const activeSites = (sites.items || []).filter((s) => s.active).sort((a, b) => a.id - b.id);
  const people = (role) => dir.list.filter((s) => s.active && s.roles.includes(role))
    .map((s) => ({ value: String(s.id), label: s.full_name || s.username }));
  const f = new Form();
  const named = new Map(table ? table.levels.map((l) => [l.code, `${l.code} — ${cap(l.name)}`]) : []);
  const levelOpts = offered.map((code) => ({ value: code, label: named.get(code) || `Level ${code}` }));
  const level = field({
    name: 'level', label: 'Level of care', type: 'select', required: true,
    value: offered.includes('2.1') ? '2.1' : offered[0], options: levelOpts,
    hint: offered.length === 1 ? 'The one level this program’s tracks provide.' : 'The levels this program’s tracks provide.',
  });
  const site = field({ name: 'site_id', label: 'Site', type: 'select', required: true, value: activeSites[0] ? String(activeSites[0].id) : '',
    options: activeSites.map((s) => ({ value: String(s.id), label: s.name })) });
  const track = field({ name: 'track_id', label: 'Track', type: 'select', options: [], hint: 'Tracks at this site for the level chosen, with their days and times.' });
  const clin = people('clinician');
  const cms = people('case_manager');
  const primary = field({ name: 'primary_clinician_id', label: 'Primary clinician', type: 'select', required: true, options: [{ value: '', label: 'Choose…' }, ...clin] });
  const cm = field({ name: 'case_manager_id', label: 'Case manager', type: 'select', options: [{ value: '', label: 'None yet' }, ...cms] });
  const notice = field({ name: 'privacy_notice_given', label: 'The notice of privacy for substance use records (42 CFR Part 2) was given', type: 'checkbox', required: true });
  const ack = field({ name: 'alerts_read', label: 'I have read the safety alert above', type: 'checkbox', required: true, id: 'admit-alerts-read' });
  const alertHost = h('div.notice.notice-error.admit-alerts', { id: 'admit-alerts', role: 'group', 'aria-labelledby': 'admit-alerts-title' });
  alertBlock(alertHost, ack, alerts);

  let tracks = [];
  const asking = line();
  async function loadTracks() {
    const ticket = asking();
    const sid = site.input.value;
    if (!sid) return;
    try {
      const d = await api.get(paths.tracks, { site_id: sid });
      if (!ticket()) return;
      tracks = (d.items || []).filter((t) => t.active);
      fillTracks();
    } catch { /* leave empty */ }
  }
  function fillTracks() {
    const keep = track.input.value;
    clear(track.input);
    const fit = tracks.filter((t) => t.level_of_care === level.input.value);
    // With tracks at this level one is chosen: the group schedule, the
    // roster and the hours follow from it.
    track.input.append(h('option', { value: '', text: fit.length ? 'Choose the track they will attend' : 'No track at this level here' }));
    for (const t of fit) track.input.append(h('option', { value: String(t.id), text: trackText(t) }));
    if (fit.some((t) => String(t.id) === keep)) track.input.value = keep;
  }
  site.input.addEventListener('change', loadTracks);
  level.input.addEventListener('change', fillTracks);
  await loadTracks();

  const content = [
    alertHost,
    f.add(ack),
    h('p', { text: `Admit ${c.first_name} ${c.last_name} (${c.mrn}) into an episode of care.` }),
    inquiry ? h('p.muted', { id: 'admit-inquiry', text: `From the inquiry received ${fmtDate(inquiry.created_at.slice(0, 10))}; it moves to admitted.` }) : null,
    h('div.form-grid',
      f.add(level), f.add(site), h('div.span-2', f.add(track)),
      f.add(field({ name: 'admitted_on', label: 'Admission date', type: 'date', required: true, value: todayLocal() })),
      f.add(primary), f.add(cm)),
    f.add(notice),
  ];
  const saved = await formDialog({
    title: `Admit ${c.first_name} ${c.last_name}`,
    form: f,
    className: 'dialog-wide',
    content,
    submitLabel: 'Admit',
    onSubmit: (v) => {
      const errs = {};
      if (!v.primary_clinician_id) errs.primary_clinician_id = 'choose the primary clinician';
      if (!v.privacy_notice_given) errs.privacy_notice_given = 'give the client the privacy notice first, then tick this box';
      if (alerts.length && !v.alerts_read) errs.alerts_read = 'tick this box once you have read the alert';
      if (!v.track_id && tracks.some((t) => t.level_of_care === v.level)) errs.track_id = 'choose the track they will attend: their groups and hours follow from it';
      if (Object.keys(errs).length) stopWithErrors(f, errs);
      const body = {
        level: v.level,
        site_id: Number(v.site_id),
        admitted_on: v.admitted_on,
        primary_clinician_id: Number(v.primary_clinician_id),
        privacy_notice_given: true,
      };
      if (v.track_id) body.track_id = Number(v.track_id);
      if (v.case_manager_id) body.case_manager_id = Number(v.case_manager_id);
      if (inquiry) body.inquiry_id = inquiry.id;
      if (alerts.length) body.acknowledged_alerts = alerts.map((a) => a.id);
      return api.post(paths.clientEpisodes(c.id), body).catch((err) => {
        const shown = err.status === 409 && err.body && err.body.error && err.body.error.alerts;
        if (!shown) throw err;
        // An alert the dialog did not show (raised meanwhile): show it now.
        alerts = shown;
        alertBlock(alertHost, ack, alerts);
        alertHost.scrollIntoView({ block: 'nearest' });
        return stopWithErrors(f, { alerts_read: 'a safety alert was just raised for this client: read it, then tick this box' });
      });
    },
  });
  return saved;
}

// The end of an episode of care, from the chart: "Discharge…" (type, date,
// reason, to whom for a transfer out; before it is sent the dialog says what
// will happen — the sessions the client leaves and the appointments that
// will be cancelled) and "Step down / transfer…" (level, track, date, the
// planned step-down weeks): the episode ends and the next opens, the plan
// carried forward as a draft to review.  The line under the name says how
// the last episode ended when none is open.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { line } from '../nav.js';
import { h, clear } from '../dom.js';
import { formDialog, confirmDialog } from '../components/dialog.js';
import { field, Form, stopWithErrors, showApiError } from '../components/field.js';
import { button } from '../components/page.js';
import { badge } from '../components/badge.js';
import { toast } from '../components/toast.js';
import { fmtDate, fmtDateTime, plural, todayLocal } from '../format.js';
import { openEpisode, trackText } from './episode.js';
import { openReleaseDialog } from './consents.js';

export const DISCHARGE_TYPES = {
  completed: 'Completed the program',
  against_advice: 'Left against clinical advice',
  administrative: 'Administrative discharge',
  transferred_higher: 'Transferred to a higher level of care (elsewhere)',
  transferred_lower: 'Transferred to a lower level of care (elsewhere)',
  deceased: 'Deceased',
  lost_to_contact: 'Lost to contact',
};
const SHORT = {
  completed: 'completed the program',
  against_advice: 'left against clinical advice',
  administrative: 'administrative discharge',
  transferred_higher: 'stepped up',
  transferred_lower: 'stepped down',
  deceased: 'deceased',
  lost_to_contact: 'lost to contact',
};

export function canEnd(care) {
  return auth.can('episodes.admit') && !!openEpisode(care);
}

// "[Discharged] Dec 4, 2026 — left against clinical advice" (no open episode).
export function dischargedLine(care) {
  if (openEpisode(care)) return null;
  const items = (care.episodes && care.episodes.items) || [];
  const last = items.find((e) => e.status === 'discharged');
  if (!last) return null;
  return h('p.in-care.discharged', { id: 'discharged-line' }, badge('Discharged', 'neutral'), ' ',
    h('span', { text: `${fmtDate(last.discharged_on)} — ${SHORT[last.discharge_type] || 'episode ended'}` }),
    last.discharged_to ? h('span.muted', { text: ` · to ${last.discharged_to}` }) : null);
}

export async function dischargeDialog(c, care) {
  const ep = openEpisode(care);
  const f = new Form();
  const type = field({ name: 'type', label: 'Type of discharge', type: 'select', required: true, value: '',
    options: [{ value: '', label: 'Choose…' }, ...Object.entries(DISCHARGE_TYPES).map(([value, label]) => ({ value, label }))] });
  const date = field({ name: 'date', label: 'Discharge date', type: 'date', required: true, value: todayLocal(),
    max: todayLocal(), min: ep.admitted_on, hint: 'The last day in the program. Sessions that day keep them on the roster.' });
  const to = field({ name: 'to', label: 'Transferred to (provider)', maxlength: 200,
    hint: 'The program or clinician they go to.' });
  const reason = field({ name: 'reason', label: 'Reason', type: 'textarea', rows: 3, maxlength: 2000 });
  const effects = h('div.notice.discharge-effects', { id: 'discharge-effects', 'aria-live': 'polite' });
  const showTo = () => { to.el.hidden = !/^transferred_/.test(type.input.value); };
  showTo();
  type.input.addEventListener('change', showTo);

  const asking = line();
  async function preview() {
    const ticket = asking();
    const d = date.input.value;
    if (!d) return;
    let p;
    try {
      p = await api.get(paths.episodeDischargePreview(ep.id), { date: d });
    } catch {
      if (!ticket()) return;
      clear(effects);
      effects.append(h('p', { text: 'What the discharge changes could not be read; it still ends the roster and cancels later appointments.' }));
      return;
    }
    if (!ticket()) return;
    clear(effects);
    effects.append(
      h('p', h('strong', { text: 'What will happen' })),
      h('ul',
        h('li', { id: 'discharge-sessions', text: p.sessions_leaving
          ? `${plural(p.sessions_leaving, 'group session')} after ${fmtDate(p.date)} will no longer list ${c.first_name}.`
          : `No group session after ${fmtDate(p.date)} lists ${c.first_name}.` }),
        h('li', { id: 'discharge-appointments', text: p.appointments_cancelled
          ? `${plural(p.appointments_cancelled, 'appointment')} after ${fmtDate(p.date)} will be cancelled by the program (reason “Discharged”).`
          : 'No appointment after that date to cancel.' }),
        h('li', { text: 'Attendance already recorded stays as it is. The census and the hours stop counting them.' })));
  }
  date.input.addEventListener('change', preview);
  await preview();

  return formDialog({
    title: `Discharge ${c.first_name} ${c.last_name}`,
    form: f,
    className: 'dialog-wide',
    content: [
      h('p', { text: `End ${c.first_name}’s episode of care (level ${ep.level}${ep.track_name ? `, ${ep.track_name}` : ''}, since ${fmtDate(ep.admitted_on)}).` }),
      h('div.form-grid', f.add(type), f.add(date), h('div.span-2', f.add(to))),
      f.add(reason),
      effects,
      h('p.field-hint', { id: 'discharge-next', text: `Then, on the chart: the discharge summary, and the aftercare plan ${c.first_name} signs and takes home (next provider, support groups, sober living, medications, crisis plan with 988). Unless they died or were lost to contact.` }),
    ],
    submitLabel: 'Discharge',
    onSubmit: (v) => {
      const errs = {};
      if (!v.type) errs.type = 'choose how the episode ends';
      if (/^transferred_/.test(v.type) && !v.to) errs.to = 'name the provider they go to';
      if (Object.keys(errs).length) stopWithErrors(f, errs);
      const body = { type: v.type, date: v.date };
      if (v.reason) body.reason = v.reason;
      if (/^transferred_/.test(v.type)) body.to = v.to;
      return api.post(paths.episodeDischarge(ep.id), body);
    },
  });
}

export async function transferDialog(c, care) {
  const ep = openEpisode(care);
  const [tracksAll, table] = await Promise.all([
    api.get(paths.tracks, { limit: 200 }),
    Promise.resolve(care.table && !care.table.error ? care.table : null),
  ]);
  const tracks = (tracksAll.items || []).filter((t) => t.active);
  const levels = [...new Set(tracks.map((t) => t.level_of_care))].filter((l) => l !== ep.level)
    .sort((a, b) => Number(a) - Number(b));
  const named = new Map(table ? table.levels.map((l) => [l.code, l.name]) : []);
  const f = new Form();
  const lower = levels.filter((l) => Number(l) < Number(ep.level));
  const level = field({ name: 'level', label: 'Move to level of care', type: 'select', required: true,
    value: lower.length ? lower[lower.length - 1] : (levels[0] || ''),
    options: levels.map((l) => ({ value: l, label: `${Number(l) < Number(ep.level) ? 'Step down' : 'Step up'} to ${l}${named.get(l) ? ` — ${named.get(l)}` : ''}` })) });
  const track = field({ name: 'track_id', label: 'Track', type: 'select', required: true, options: [],
    hint: 'The groups they attend from the date.' });
  const date = field({ name: 'date', label: 'From', type: 'date', required: true, value: todayLocal(),
    max: todayLocal(), min: ep.admitted_on, hint: 'The first day at the new level; the current episode ends that day.' });
  const weeks = field({ name: 'planned_step_down_weeks', label: 'Planned step-down weeks', type: 'select', value: '0',
    options: [{ value: '0', label: 'None' }, { value: '1', label: '1 week' }, { value: '2', label: '2 weeks' }],
    hint: 'Weeks below the level’s weekly minimum while hours are reduced: compliance does not flag them.' });
  const reason = field({ name: 'reason', label: 'Reason', type: 'textarea', rows: 2, maxlength: 2000 });
  function fill() {
    clear(track.input);
    const fit = tracks.filter((t) => t.level_of_care === level.input.value)
      .sort((a, b) => (a.site_id === ep.site_id ? 0 : 1) - (b.site_id === ep.site_id ? 0 : 1));
    track.input.append(h('option', { value: '', text: fit.length ? 'Choose the track' : 'No track at this level' }));
    for (const t of fit) track.input.append(h('option', { value: String(t.id), text: trackText(t) }));
    if (fit.length === 1) track.input.value = String(fit[0].id);
    weeks.el.hidden = !(Number(level.input.value) < Number(ep.level));
  }
  level.input.addEventListener('change', fill);
  fill();

  return formDialog({
    title: `Step down or transfer ${c.first_name} ${c.last_name}`,
    form: f,
    className: 'dialog-wide',
    content: [
      h('p', { text: `Now at level ${ep.level}${ep.track_name ? `, ${ep.track_name}` : ''} since ${fmtDate(ep.admitted_on)}. ` +
        'This episode ends on the date and a new one opens at the new level; the groups move from that date, and the signed treatment plan is copied into a draft to review.' }),
      levels.length ? null : h('p.notice.notice-warn', { text: 'No active track runs at another level: a program director sets tracks up first.' }),
      h('div.form-grid', h('div.span-2', f.add(level)), h('div.span-2', f.add(track)), f.add(date), f.add(weeks)),
      f.add(reason),
    ],
    submitLabel: 'Move',
    onSubmit: (v) => {
      const errs = {};
      if (!v.level) errs.level = 'choose the level they move to';
      if (!v.track_id) errs.track_id = 'choose the track they attend at the new level';
      if (Object.keys(errs).length) stopWithErrors(f, errs);
      const body = { level: v.level, track_id: Number(v.track_id), date: v.date };
      if (!weeks.el.hidden) body.planned_step_down_weeks = Number(v.planned_step_down_weeks || 0);
      if (v.reason) body.reason = v.reason;
      return api.post(paths.episodeTransfer(ep.id), body);
    },
  });
}

// ---- the discharge summary -------------------------------------------------

const PARTS = [
  ['reason', 'Reason for discharge', 3],
  ['services', 'Services received', 4],
  ['progress', 'Progress on each problem of the plan', 5],
  ['scores', 'Last instrument scores', 3],
  ['medications', 'Medications at discharge', 3],
  ['recommendations', 'Recommendations', 4],
];

// The episode the summary card is about: the newest, once discharged.
export function lastDischarged(care) {
  const items = (care.episodes && care.episodes.items) || [];
  return !openEpisode(care) && items[0] && items[0].status === 'discharged' ? items[0] : null;
}

export async function loadSummary(episodeId) {
  try {
    return await api.get(paths.episodeDischargeSummary(episodeId));
  } catch (err) {
    if (err.status === 404) return null;
    if (err.status === 401) throw err;
    return { error: err };
  }
}

// The card: none yet ("Draft from the record"), a draft (edited in place,
// saved, signed), or signed (read only, who signed when).
// opts.consentOpts: the consents section's, reloaded after a release.
export function drawSummary(section, c, ep, data, reload, opts = {}) {
  clear(section);
  const canWrite = auth.can('plans.write');
  const head = h('div.section-head', h('h2', { id: 'dsummary-title', text: 'Discharge summary' }));
  section.append(head);
  if (data === undefined) { section.append(h('p.muted', { text: 'Loading the discharge summary…' })); return; }
  if (data && data.error) {
    section.append(h('p.muted', { text: `The discharge summary could not be read: ${data.error.message}` }));
    return;
  }
  if (!data) {
    section.append(h('p.muted', { text: `No discharge summary yet for the episode that ended ${fmtDate(ep.discharged_on)}.` }));
    if (canWrite) {
      head.append(button('Draft from the record', async (e) => {
        e.target.disabled = true;
        try {
          await api.post(paths.episodeDischargeSummary(ep.id));
          await reload('dsummary-reason');
        } catch (err) {
          e.target.disabled = false;
          if (err.status !== 401) toast(err.message, 'error');
        }
      }, 'primary', { id: 'dsummary-draft' }));
    }
    return;
  }
  if (data.status === 'signed') {
    // Sent to the next provider: a release like any other (consent checked,
    // the 42 CFR 2.32 notice on it, in the accounting of disclosures).
    if (auth.can('disclosures.release')) {
      head.append(button('Send to the next provider…', () => openReleaseDialog(c, opts.consentOpts || {}, {
        recipient: ep.discharged_to || '', information: ['discharge_summary'],
        title: `Send the discharge summary: ${c.first_name} ${c.last_name}`, focusId: 'dsummary-send',
      }), 'secondary', { id: 'dsummary-send' }));
    }
    section.append(h('p.dsummary-signed', { id: 'dsummary-signed' },
      `Signed by ${data.signed_by ? data.signed_by.name : 'a clinician'} on ${fmtDateTime(data.signed_at)}. Locked: it can no longer be changed.`));
    for (const [name, label] of PARTS) {
      section.append(h('h3.dsummary-part', { text: label }),
        h('p.dsummary-text', { text: data[name] || '—' }));
    }
    return;
  }
  section.append(h('p.muted', { text: `Draft, last saved by ${data.updated_by || 'a clinician'} ${fmtDateTime(data.updated_at)}. Drafted from the record: check each part, complete the progress and recommendations, then sign.` }));
  const f = new Form();
  const fields = PARTS.map(([name, label, rows]) => field({ name, label, type: 'textarea', rows, value: data[name], maxlength: 8000, noTrim: true, id: `dsummary-${name}`, readOnly: !canWrite }));
  const form = h('form.dsummary-form', { novalidate: true }, f.summary, ...fields.map((x) => f.add(x)));
  section.append(form);
  if (!canWrite) return;
  const save = async () => api.patch(paths.dischargeSummary(data.id), f.values());
  const actions = h('div.form-actions',
    button('Save draft', async (e) => {
      e.target.disabled = true;
      try { await save(); toast('Discharge summary saved.'); await reload('dsummary-reason'); } catch (err) {
        e.target.disabled = false;
        if (err.status !== 401) showApiError(f, err);
      }
    }, 'secondary', { id: 'dsummary-save' }),
    button('Sign…', async (e) => {
      const ok = await confirmDialog({ title: 'Sign the discharge summary?', message: 'Once signed it is locked: nobody can change it afterwards.', confirmLabel: 'Sign' });
      if (!ok) return;
      e.target.disabled = true;
      try {
        await save();
        await api.post(paths.dischargeSummarySign(data.id));
        toast('Discharge summary signed.');
        await reload('dsummary-signed');
      } catch (err) {
        e.target.disabled = false;
        if (err.status !== 401) showApiError(f, err);
      }
    }, 'primary', { id: 'dsummary-sign' }));
  section.append(actions);
}

// The chart's "Medications": the client's medication list, current first,
// with medications for addiction treatment marked "MAT", the dose, who
// prescribes it (ours or outside), start and stop dates, and what a drug
// screen is expected to find because of it.  Add, change (dose, dates,
// prescriber), stop; a mistaken entry is marked "entered in error" with a
// reason and stays on the list, struck through.  Nothing is deleted; a
// changed medication's "History" shows each earlier version.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form, stopWithErrors } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { fmtDate, fmtDateTime, todayLocal } from '../format.js';
import { errorNote, button } from '../components/page.js';
import { substanceName } from './drugscreens.js';

export async function loadMedications(clientId) {
  try {
    return await api.get(paths.clientMedications(clientId), { limit: 200 });
  } catch (err) {
    if (err.status === 401) throw err;
    return { error: err };
  }
}

const STATUS_WORDS = { active: 'Current', stopped: 'Stopped', entered_in_error: 'Entered in error' };
const STATUS_TONE = { active: 'ok', stopped: 'neutral', entered_in_error: 'neutral' };
const OUTSIDE = 'outside';

// drawMedications(section, c, data, {vocab, dir, reload})
export function drawMedications(section, c, data, opts = {}) {
  clear(section);
  const { vocab, dir } = opts;
  const canWrite = auth.can('screening.write') && vocab;
  const head = h('div.section-head', h('h2', { id: 'medications-title', text: 'Medications' }));
  if (canWrite) head.append(button('Add medication', () => medDialog(c, vocab, dir, null, opts.reload), 'secondary', { id: 'add-medication' }));
  section.append(head);
  if (data && data.error) { section.append(errorNote(data.error)); return; }
  const rows = (data && data.items) || [];
  if (!rows.length) { section.append(h('p.empty', { text: 'No medications recorded.' })); return; }
  const struck = (m, text) => (m.entered_in_error ? h('s.struck', { text }) : text);
  const columns = [
    { label: 'Medication', render: (m) => h('span.stack', h('span.strong', struck(m, m.name)),
      m.mat ? h('span', badge('MAT', 'info'), ' ', h('span.small', { text: 'Medication for addiction treatment' })) : null), className: 'card-title' },
    { label: 'Dose', render: (m) => struck(m, m.dose || '—') },
    { label: 'Prescriber', render: (m) => struck(m, `${m.prescriber_name}${m.prescriber_outside ? ' (outside)' : ''}`) },
    { label: 'Dates', render: (m) => struck(m, dates(m)), className: 'nowrap' },
    { label: 'Status', render: (m) => h('span.stack', badge(STATUS_WORDS[m.status] || m.status, STATUS_TONE[m.status] || 'neutral'),
      m.entered_in_error ? h('span.void-note', { text: m.error_reason }) : null,
      m.earlier_versions ? historyDisclosure(m) : null) },
    { label: 'Shows on a screen as', render: (m) => (m.expected.length ? m.expected.map((x) => substanceName(vocab, x)).join(', ') : 'Nothing') },
  ];
  if (canWrite) {
    columns.push({ label: 'Change', render: (m) => (m.entered_in_error ? '' : h('div.btn-row',
      button('Change…', () => medDialog(c, vocab, dir, m, opts.reload), 'secondary', { class: 'btn-small', 'data-med': String(m.id), 'aria-label': `Change ${m.name}` }),
      m.status === 'active' ? button('Stop…', () => stopDialog(m, opts.reload), 'secondary', { class: 'btn-small', 'aria-label': `Stop ${m.name}` }) : null,
      button('Entered in error…', () => errorDialog(m, opts.reload), 'secondary', { class: 'btn-small', 'aria-label': `Mark ${m.name} entered in error` }))) });
  }
  section.append(dataTable({ caption: 'Medications, current first', rows, columns, rowClass: (m) => (m.entered_in_error ? 'voided' : '') }));
}

const dates = (m) => `${m.start_date ? fmtDate(m.start_date) : 'Start not known'} – ${m.stop_date ? fmtDate(m.stop_date) : 'ongoing'}`;

// "History": the earlier versions of a medication, newest first, read when
// first opened: each as it was (dose, dates, prescriber), who made it when
// and who changed it when.
function historyDisclosure(m) {
  const n = m.earlier_versions;
  const body = h('div.med-history-body', h('p.muted.small', { text: 'Loading…' }));
  const box = h('details.med-history', { dataset: { medHistory: String(m.id) } },
    h('summary', { text: `History: ${n} earlier version${n === 1 ? '' : 's'}` }), body);
  let loaded = false;
  box.addEventListener('toggle', async () => {
    if (!box.open || loaded) return;
    loaded = true;
    let d;
    try {
      d = await api.get(paths.medicationHistory(m.id));
    } catch (err) {
      loaded = false;
      clear(body);
      if (err.status !== 401) body.append(errorNote(err));
      return;
    }
    clear(body);
    const list = h('ol.med-history-list', { 'aria-label': `Earlier versions of ${m.name}` });
    for (const v of d.items) {
      const what = [v.name !== m.name ? v.name : null, v.dose || 'No dose written', dates(v),
        `${v.prescriber_name}${v.prescriber_outside ? ' (outside)' : ''}`].filter(Boolean).join(' · ');
      list.append(h('li',
        h('span.stack',
          h('span', { text: what }),
          v.entered_in_error ? h('span.void-note', { text: `Entered in error: ${v.error_reason}` }) : null,
          h('span.muted.small', { text: `Written ${fmtDateTime(v.changed_at)}${v.changed_by_name ? ` by ${v.changed_by_name}` : ''}; changed ${fmtDateTime(v.replaced_at)}${v.replaced_by_name ? ` by ${v.replaced_by_name}` : ''}.` }))));
    }
    body.append(d.items.length ? list : h('p.muted.small', { text: 'No earlier versions.' }));
  });
  return box;
}

function prescribers(dir) {
  const list = dir ? dir.list.filter((s) => s.active && s.roles.includes('prescriber')) : [];
  return [{ value: '', label: 'Choose…' }, ...list.map((s) => ({ value: String(s.id), label: s.full_name || s.username })),
    { value: OUTSIDE, label: 'An outside prescriber…' }];
}

// Add (m null) or change a medication; only the fields changed are sent.
async function medDialog(c, vocab, dir, m, reload) {
  const f = new Form();
  const matOptions = [{ value: '', label: 'Not a medication for addiction treatment' },
    ...vocab.medications_for_addiction.map((x) => ({ value: x.code, label: x.name }))];
  const expOptions = [{ value: '', label: 'Nothing (does not show on a screen)' },
    ...vocab.substances.map((s) => ({ value: s.code, label: s.name }))];
  const mat = field({ name: 'mat', label: 'Medication for addiction treatment?', type: 'select', options: matOptions, value: m ? (m.mat || '') : '' });
  const name = field({ name: 'name', label: 'Medication', required: true, maxlength: 100, autocomplete: 'off', value: m ? m.name : '' });
  const dose = field({ name: 'dose', label: 'Dose', maxlength: 100, autocomplete: 'off', hint: 'As prescribed, for example 8 mg/2 mg once a day.', value: m ? m.dose : '' });
  const who = field({ name: 'prescriber', label: 'Prescriber', type: 'select', required: true, options: prescribers(dir),
    value: m ? (m.prescriber_outside ? OUTSIDE : String(m.prescriber_id)) : '' });
  const outside = field({ name: 'prescriber_name', label: 'Outside prescriber’s name', maxlength: 100, autocomplete: 'off', value: m && m.prescriber_outside ? m.prescriber_name : '' });
  const expected = field({ name: 'expected', label: 'Shows on a drug screen as', type: 'select', options: expOptions,
    hint: 'For example a prescribed benzodiazepine shows as benzodiazepines; a screen positive for it is then expected.',
    value: m ? (m.expected[0] || '') : '' });
  const start = field({ name: 'start_date', label: 'Started', type: 'date', value: m ? (m.start_date || '') : todayLocal() });
  const stop = field({ name: 'stop_date', label: 'Stopped', type: 'date', value: m ? (m.stop_date || '') : '' });
  const showOutside = () => { outside.el.hidden = who.value !== OUTSIDE; };
  const matChanged = () => {
    const d = vocab.medications_for_addiction.find((x) => x.code === mat.value);
    expected.el.hidden = !!d;
    if (d && !name.value) name.value = d.name.replace(/\s*\(.*\)$/, '');
  };
  who.input.addEventListener('change', showOutside);
  mat.input.addEventListener('change', matChanged);
  showOutside();
  matChanged();
  const saved = await formDialog({
    title: m ? `Change ${m.name}` : `Add a medication for ${c.first_name} ${c.last_name}`,
    form: f,
    className: 'dialog-wide',
    content: [
      m ? h('p.muted', { text: 'The version before this change is kept.' }) : null,
      h('div.form-grid', f.add(mat), f.add(name), f.add(dose), f.add(who), f.add(outside), f.add(expected), f.add(start), f.add(stop)),
    ].filter(Boolean),
    submitLabel: m ? 'Save changes' : 'Add medication',
    onSubmit: (v) => {
      const errs = {};
      if (!v.name) errs.name = 'enter the medication’s name';
      if (!v.prescriber) errs.prescriber = 'choose who prescribes it, or an outside prescriber';
      if (v.prescriber === OUTSIDE && !v.prescriber_name) errs.prescriber_name = 'enter the outside prescriber’s name';
      if (v.start_date && v.stop_date && v.stop_date < v.start_date) errs.stop_date = 'it cannot stop before it started';
      if (Object.keys(errs).length) stopWithErrors(f, errs);
      const body = { name: v.name, mat: v.mat, dose: v.dose, start_date: v.start_date || null, stop_date: v.stop_date || null };
      if (v.prescriber === OUTSIDE) { body.prescriber_name = v.prescriber_name; body.prescriber_id = null; } else { body.prescriber_id = Number(v.prescriber); body.prescriber_name = ''; }
      if (!v.mat) body.expected = v.expected ? [v.expected] : [];
      const send = (b) => (m ? api.patch(paths.medication(m.id), b) : api.post(paths.clientMedications(c.id), b));
      return send(body).catch((err) => {
        if (err.fields && err.fields.prescriber_id) { err.fields.prescriber = err.fields.prescriber_id; delete err.fields.prescriber_id; }
        throw err;
      });
    },
  });
  if (!saved || saved === true) return;
  toast(m ? `${saved.name}: changes saved.` : `${saved.name} added to the medication list.`);
  if (reload) reload();
}

async function stopDialog(m, reload) {
  const f = new Form();
  const stop = field({ name: 'stop_date', label: 'Stopped on', type: 'date', required: true, value: todayLocal() });
  const saved = await formDialog({
    title: `Stop ${m.name}`,
    form: f,
    content: [h('p', { text: 'From the day after, drug screens no longer expect it.' }), f.add(stop)],
    submitLabel: 'Stop medication',
    onSubmit: (v) => {
      if (!v.stop_date) stopWithErrors(f, { stop_date: 'say when it stopped' });
      return api.patch(paths.medication(m.id), { stop_date: v.stop_date });
    },
  });
  if (!saved || saved === true) return;
  toast(`${saved.name} stopped on ${fmtDate(saved.stop_date)}.`);
  if (reload) reload();
}

async function errorDialog(m, reload) {
  const f = new Form();
  const reason = field({ name: 'error_reason', label: 'What was wrong?', type: 'textarea', rows: 3, required: true, maxlength: 500,
    hint: 'For example: entered on the wrong client. The entry stays on the list, struck through, with this reason.' });
  const saved = await formDialog({
    title: `${m.name}: entered in error`,
    form: f,
    content: [h('p', { text: 'Only for an entry that should never have been made. To end a medication, stop it instead.' }), f.add(reason)],
    submitLabel: 'Mark entered in error',
    onSubmit: (v) => {
      if (!v.error_reason) stopWithErrors(f, { error_reason: 'say what was wrong with the entry' });
      return api.patch(paths.medication(m.id), { entered_in_error: true, error_reason: v.error_reason });
    },
  });
  if (!saved || saved === true) return;
  toast(`${saved.name} marked entered in error; it stays on the list.`);
  if (reload) reload();
}

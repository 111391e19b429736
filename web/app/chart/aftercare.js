// The aftercare plan of the episode in view (the open one, or the one that
// ended last): where the client goes on from the program.  Drafted at or
// before discharge (the current medications filled in), edited in place
// while a draft, signed by the client on the shared screen (large text, a
// typed name and "I agree"; the staff member signed in is the witness) and
// locked from then; a change after that is a new version.  "Print for the
// client" opens the client's copy (its own page, with the 988 Lifeline).
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { openDialog } from '../components/dialog.js';
import { field, Form, showApiError } from '../components/field.js';
import { button } from '../components/page.js';
import { badge } from '../components/badge.js';
import { toast } from '../components/toast.js';
import { fmtDate, fmtDateTime } from '../format.js';
import { sharedSignature } from './plan-sign.js';

export const GROUPS = [
  ['aa', 'Alcoholics Anonymous (AA)'], ['na', 'Narcotics Anonymous (NA)'], ['smart_recovery', 'SMART Recovery'],
  ['refuge_recovery', 'Refuge Recovery'], ['celebrate_recovery', 'Celebrate Recovery'],
  ['lifering', 'LifeRing Secular Recovery'], ['women_for_sobriety', 'Women for Sobriety'], ['other', 'Other support group'],
];
const SOBER = [['undecided', 'Not decided yet'], ['not_needed', 'Not needed'], ['arranged', 'Arranged']];
const NO_PLAN = {
  deceased: 'This episode ended with the client’s death: no aftercare plan is made.',
  lost_to_contact: 'This episode ended with the client lost to contact: there is nobody to give an aftercare plan to.',
};

export async function loadAftercare(episodeId) {
  try {
    return await api.get(paths.episodeAftercare(episodeId));
  } catch (err) {
    if (err.status === 404) return null;
    if (err.status === 401) throw err;
    return { error: err };
  }
}

// "Signed by Dana Reyes on Dec 5, 2026, 4:10 PM (witnessed by Sam Lee)".
function signedText(p) {
  const s = p.client_signature;
  return `Signed by ${s.name} on ${fmtDateTime(s.signed_at)}${s.witness_name ? ` (witnessed by ${s.witness_name})` : ''}.`;
}

function printLink(p, label, kind = 'secondary') {
  return h(`a.btn.btn-${kind}`, { href: p.print_url || paths.aftercarePrintUrl(p.id), target: '_blank', rel: 'noopener', id: `aftercare-print-${p.version}`, text: label });
}

const lineOr = (v) => (v && String(v).trim() ? v : '—');
const groupLabel = (k) => (GROUPS.find(([c]) => c === k) || [k, k])[1];

// The plan read-only (the signed card, and the shared screen in large text).
export function aftercareView(p, { large = false } = {}) {
  const part = (title, ...rows) => h('div.aftercare-part', h(large ? 'h3' : 'h3.aftercare-h', { text: title }), ...rows);
  const row = (label, value) => h('p.aftercare-row', h('span.aftercare-label', { text: `${label}: ` }), h('span', { text: lineOr(value) }));
  const appt = [p.first_appointment.date ? fmtDate(p.first_appointment.date) : '', p.first_appointment.time].filter(Boolean).join(' at ');
  const sober = p.sober_living.status === 'arranged'
    ? [row('Sober living', p.sober_living.name), row('Address', p.sober_living.address), row('Move-in', p.sober_living.move_in ? fmtDate(p.sober_living.move_in) : '')]
    : [h('p', { text: p.sober_living.status === 'not_needed' ? 'Sober living: not needed.' : 'Sober living: not decided yet.' })];
  return h(`div.aftercare-view${large ? '.large' : ''}`,
    h('div.aftercare-crisis', h('p', h('strong', { text: 'In a crisis: call or text 988' }), ' — the 988 Suicide & Crisis Lifeline, any time. In an emergency call 911.'),
      row('Warning signs', p.crisis.warning_signs), row('What helps', p.crisis.coping), row('People to call', p.crisis.people)),
    part('Next provider', row('Provider', p.provider.name), row('Phone', p.provider.phone), row('Address', p.provider.address),
      row('First appointment', appt), row('With', p.first_appointment.with)),
    part('Support groups', p.support_groups.length
      ? h('ul', p.support_groups.map((g) => h('li', h('strong', { text: g.label || groupLabel(g.kind) }), g.details ? ` — ${g.details}` : '')))
      : h('p.muted', { text: 'None written down.' })),
    part(large ? 'Where you will live' : 'Where they live', ...sober),
    part('Medications after discharge', p.medications.length
      ? h('ul', p.medications.map((m) => h('li', h('strong', { text: m.name }), m.is_mat ? ' ' : '', m.is_mat ? badge('MAT', 'warn') : '',
        ` — prescribed by ${lineOr(m.prescriber)}; next: ${lineOr(m.next_step)}`)))
      : h('p.muted', { text: 'No medications.' })),
    p.notes ? part('Notes', h('p.aftercare-notes', { text: p.notes })) : null);
}

// The card.  ep: the episode in view; data: undefined (loading), null (none
// yet), {error}, or the plan.
export function drawAftercare(section, c, ep, data, opts) {
  clear(section);
  const canWrite = auth.can('plans.write');
  const head = h('div.section-head', h('h2', { id: 'aftercare-title', text: 'Aftercare plan' }));
  section.append(head);
  if (NO_PLAN[ep.discharge_type]) { section.append(h('p.muted', { text: NO_PLAN[ep.discharge_type] })); return; }
  if (data === undefined) { section.append(h('p.muted', { text: 'Loading the aftercare plan…' })); return; }
  if (data && data.error) {
    section.append(h('p.muted', { text: `The aftercare plan could not be read: ${data.error.message}` }));
    return;
  }
  if (!data) {
    section.append(h('p.muted', { id: 'aftercare-none', text: ep.status === 'open'
      ? `No aftercare plan yet. Draft it with ${c.first_name} before the discharge: the next provider and first appointment, support groups, sober living, who prescribes each medication, and a crisis plan. ${c.first_name} signs it on the last day and takes a printed copy home.`
      : `No aftercare plan yet for the episode that ended ${fmtDate(ep.discharged_on)}.` }));
    if (canWrite) {
      head.append(button('Start the aftercare plan', async (e) => {
        e.target.disabled = true;
        try {
          await api.post(paths.episodeAftercare(ep.id));
          await opts.reload('aftercare-provider-name');
        } catch (err) {
          e.target.disabled = false;
          if (err.status !== 401) toast(err.message, 'error');
        }
      }, 'primary', { id: 'aftercare-start' }));
    }
    return;
  }
  const older = (data.versions || []).filter((v) => v.id !== data.id);
  if (data.status === 'signed') {
    head.append(h('div.form-actions', printLink(data, 'Print for the client', 'primary'),
      canWrite ? button('Start a new version', async (e) => {
        e.target.disabled = true;
        try {
          await api.post(paths.aftercareRevise(data.id));
          toast('A new version is a draft: change it, then the client signs it again.');
          await opts.reload('aftercare-provider-name');
        } catch (err) {
          e.target.disabled = false;
          if (err.status !== 401) toast(err.message, 'error');
        }
      }, 'secondary', { id: 'aftercare-revise' }) : null));
    section.append(h('p.aftercare-state', { id: 'aftercare-state' }, badge('Signed', 'ok'), ' ', `Version ${data.version}. ${signedText(data)} Locked: to change it, start a new version.`));
    section.append(aftercareView(data));
  } else {
    section.append(h('p.aftercare-state', { id: 'aftercare-state' }, badge('Draft', 'warn'), ' ',
      `Version ${data.version}, last saved by ${data.updated_by || 'a clinician'} ${fmtDateTime(data.updated_at)}. Not signed yet: fill it in with ${c.first_name}, then hand the screen over for them to sign.`));
    drawEditor(section, c, data, canWrite, opts);
  }
  if (older.length) {
    section.append(h('p.muted.aftercare-versions', 'Earlier versions: ',
      ...older.map((v, i) => [i ? ', ' : '', h('a', { href: paths.aftercarePrintUrl(v.id), target: '_blank', rel: 'noopener', text: `version ${v.version}${v.client_signed_at ? ` (signed ${fmtDateTime(v.client_signed_at)})` : ''}` })]).flat()));
  }
}

function drawEditor(section, c, p, canWrite, opts) {
  const f = new Form();
  const fld = (o) => { const x = field({ readOnly: !canWrite, ...o }); f.add(x); return x; };
  const prov = {
    name: fld({ name: 'provider.name', label: 'Outpatient provider', value: p.provider.name, maxlength: 200, id: 'aftercare-provider-name', hint: 'The program or clinician they see next.' }),
    phone: fld({ name: 'provider.phone', label: 'Provider’s phone', type: 'tel', value: p.provider.phone, id: 'aftercare-provider-phone' }),
    address: fld({ name: 'provider.address', label: 'Provider’s address', value: p.provider.address, maxlength: 300, id: 'aftercare-provider-address' }),
    date: fld({ name: 'first_appointment.date', label: 'First appointment: date', type: 'date', value: p.first_appointment.date, id: 'aftercare-appt-date' }),
    time: fld({ name: 'first_appointment.time', label: 'Time', type: 'time', value: p.first_appointment.time, id: 'aftercare-appt-time' }),
    with: fld({ name: 'first_appointment.with', label: 'With whom', value: p.first_appointment.with, maxlength: 200, id: 'aftercare-appt-with' }),
  };
  const sober = {
    status: fld({ name: 'sober_living.status', label: 'Sober living', type: 'select', value: p.sober_living.status, id: 'aftercare-sober-status',
      options: SOBER.map(([value, label]) => ({ value, label })) }),
    name: fld({ name: 'sober_living.name', label: 'Residence', value: p.sober_living.name, maxlength: 200, id: 'aftercare-sober-name' }),
    address: fld({ name: 'sober_living.address', label: 'Address', value: p.sober_living.address, maxlength: 300, id: 'aftercare-sober-address' }),
    move_in: fld({ name: 'sober_living.move_in', label: 'Move-in date', type: 'date', value: p.sober_living.move_in, id: 'aftercare-sober-move-in' }),
  };
  const showSober = () => { for (const k of ['name', 'address', 'move_in']) sober[k].el.hidden = sober.status.input.value !== 'arranged'; };
  sober.status.input.addEventListener('change', showSober);
  showSober();
  const crisis = {
    warning_signs: fld({ name: 'crisis.warning_signs', label: 'Warning signs', type: 'textarea', rows: 3, value: p.crisis.warning_signs, maxlength: 4000, noTrim: true, id: 'aftercare-crisis-signs', hint: 'In the client’s words: what tells them trouble is starting.' }),
    coping: fld({ name: 'crisis.coping', label: 'What helps (coping steps)', type: 'textarea', rows: 3, value: p.crisis.coping, maxlength: 4000, noTrim: true, id: 'aftercare-crisis-coping' }),
    people: fld({ name: 'crisis.people', label: 'People to call', type: 'textarea', rows: 2, value: p.crisis.people, maxlength: 4000, noTrim: true, id: 'aftercare-crisis-people', hint: 'Names and numbers: sponsor, family, friends.' }),
  };
  const notes = fld({ name: 'notes', label: 'Notes', type: 'textarea', rows: 2, value: p.notes, maxlength: 4000, noTrim: true, id: 'aftercare-notes' });

  // The lists: rows drawn from arrays, read back before each change.
  const groups = p.support_groups.map((g) => ({ ...g }));
  const meds = p.medications.map((m) => ({ ...m }));
  const groupHost = h('div.aftercare-rows', { id: 'aftercare-groups' });
  const medHost = h('div.aftercare-rows', { id: 'aftercare-meds' });
  let groupFields = [];
  let medFields = [];
  const readLists = () => {
    groupFields.forEach((r, i) => { groups[i].kind = r.kind.value; groups[i].details = r.details.value; });
    medFields.forEach((r, i) => { meds[i].name = r.name.value; meds[i].prescriber = r.prescriber.value; meds[i].next_step = r.next_step.value; });
  };
  const unlist = (xs) => { f.fields = f.fields.filter((x) => !xs.includes(x)); };
  function drawGroups() {
    unlist(groupFields.flatMap((r) => [r.kind, r.details]));
    clear(groupHost);
    groupFields = groups.map((g, i) => {
      const kind = fld({ name: `support_groups[${i}].kind`, label: 'Group', type: 'select', value: g.kind, id: `aftercare-group-${i}-kind`,
        options: GROUPS.map(([value, label]) => ({ value, label })) });
      const details = fld({ name: `support_groups[${i}].details`, label: 'Day, time and place', value: g.details, maxlength: 300, id: `aftercare-group-${i}-details` });
      groupHost.append(h('div.aftercare-row-edit', kind.el, details.el, canWrite ? button('Remove', () => { readLists(); groups.splice(i, 1); drawGroups(); }, 'secondary', { 'aria-label': `Remove group ${i + 1}` }) : null));
      return { kind, details };
    });
    if (!groups.length) groupHost.append(h('p.muted', { text: 'No support group yet.' }));
  }
  function drawMeds() {
    unlist(medFields.flatMap((r) => [r.name, r.prescriber, r.next_step]));
    clear(medHost);
    medFields = meds.map((m, i) => {
      const name = fld({ name: `medications[${i}].name`, label: m.is_mat ? 'Medication (MAT)' : 'Medication', value: m.name, maxlength: 200, id: `aftercare-med-${i}-name` });
      const prescriber = fld({ name: `medications[${i}].prescriber`, label: 'Who prescribes it after discharge', value: m.prescriber, maxlength: 200, id: `aftercare-med-${i}-prescriber` });
      const next = fld({ name: `medications[${i}].next_step`, label: 'Next refill or appointment', value: m.next_step, maxlength: 300, id: `aftercare-med-${i}-next` });
      medHost.append(h('div.aftercare-row-edit', name.el, prescriber.el, next.el, canWrite ? button('Remove', () => { readLists(); meds.splice(i, 1); drawMeds(); }, 'secondary', { 'aria-label': `Remove medication ${i + 1}` }) : null));
      return { name, prescriber, next_step: next };
    });
    if (!meds.length) medHost.append(h('p.muted', { text: 'No medications.' }));
  }
  drawGroups();
  drawMeds();

  const body = () => {
    readLists();
    const v = f.values();
    return {
      provider: v.provider, first_appointment: v.first_appointment, sober_living: v.sober_living, crisis: v.crisis, notes: v.notes,
      support_groups: groups.map((g) => ({ kind: g.kind, details: g.details.trim() })),
      medications: meds.map((m) => ({ medication_id: m.medication_id ?? null, name: m.name.trim(), mat: m.mat || '', prescriber: m.prescriber.trim(), next_step: m.next_step.trim() })),
    };
  };
  const form = h('form.aftercare-form', { novalidate: true }, f.summary,
    h('fieldset.fieldset', h('legend', { text: 'Next provider and first appointment' }),
      h('div.form-grid', prov.name.el, prov.phone.el, h('div.span-2', prov.address.el), prov.date.el, prov.time.el, prov.with.el)),
    h('fieldset.fieldset', h('legend', { text: 'Support groups (12-step or alternatives)' }), groupHost,
      canWrite ? button('Add a support group', () => { readLists(); groups.push({ kind: 'aa', details: '' }); drawGroups(); document.getElementById(`aftercare-group-${groups.length - 1}-kind`).focus(); }, 'secondary', { id: 'aftercare-add-group' }) : null),
    h('fieldset.fieldset', h('legend', { text: 'Sober living' }), h('div.form-grid', sober.status.el, sober.name.el, h('div.span-2', sober.address.el), sober.move_in.el)),
    h('fieldset.fieldset', h('legend', { text: 'Medications after discharge' }),
      h('p.field-hint', { text: 'Filled in from the medications they take now. For each: who prescribes it once they leave, and when the next refill or appointment is. Medications for addiction treatment (MAT) must not lapse.' }),
      medHost,
      canWrite ? button('Add a medication', () => { readLists(); meds.push({ medication_id: null, name: '', mat: '', prescriber: '', next_step: '' }); drawMeds(); document.getElementById(`aftercare-med-${meds.length - 1}-name`).focus(); }, 'secondary', { id: 'aftercare-add-med' }) : null),
    h('fieldset.fieldset', h('legend', { text: 'Crisis plan' }),
      h('p.notice', { text: 'The printed plan always gives the 988 Suicide & Crisis Lifeline (call or text 988) and the program’s number.' }),
      crisis.warning_signs.el, crisis.coping.el, crisis.people.el),
    notes.el);
  section.append(form);
  if (!canWrite) return;
  const save = () => api.patch(paths.aftercarePlan(p.id), body());
  section.append(h('div.form-actions',
    button('Save draft', async (e) => {
      e.target.disabled = true;
      try { await save(); toast('Aftercare plan saved.'); await opts.reload('aftercare-state'); } catch (err) {
        e.target.disabled = false;
        if (err.status !== 401) showApiError(f, err);
      }
    }, 'secondary', { id: 'aftercare-save' }),
    button(`${c.first_name} signs…`, async (e) => {
      e.target.disabled = true;
      let saved;
      try { saved = await save(); } catch (err) {
        e.target.disabled = false;
        if (err.status !== 401) showApiError(f, err);
        return;
      }
      e.target.disabled = false;
      // What the plan needs before it is handed over (the server checks it too).
      const missing = readyToSign(saved);
      if (Object.keys(missing).length) { f.showErrors(missing); return; }
      const done = await clientSigns(c, saved, f);
      if (done) { toast(`${c.first_name} signed the aftercare plan; it is locked.`); await opts.reload('aftercare-state'); }
    }, 'primary', { id: 'aftercare-sign' }),
    printLink(p, 'Print draft')));
}

// The parts a plan needs before the client signs it, as field messages.
function readyToSign(p) {
  const blank = (v) => !v || !String(v).trim();
  const errs = {};
  if (blank(p.provider.name)) errs['provider.name'] = 'is required before the client signs: who they see next';
  if (blank(p.provider.phone)) errs['provider.phone'] = 'is required before the client signs: how they reach the provider';
  if (p.sober_living.status === 'undecided') errs['sober_living.status'] = 'must be decided before the client signs: arranged, or not needed';
  if (blank(p.crisis.warning_signs) && blank(p.crisis.coping) && blank(p.crisis.people)) {
    errs['crisis.warning_signs'] = 'the crisis plan is empty: write the warning signs, what helps, or whom to call, with the client';
  }
  return errs;
}

// The shared screen: only the plan, in large text, and the signature.  A
// refusal about the plan's content (the provider missing…) goes back to the
// editor's form, where the fields are.
function clientSigns(c, plan, editorForm) {
  const sig = sharedSignature('aftercare-sign', 'I have read this aftercare plan, helped write it, and I agree with it.');
  const dlg = openDialog({
    title: 'Your aftercare plan',
    className: 'plan-shared',
    body: [
      h('p.plan-shared-lead', { text: `${c.first_name}, this is your plan for after you leave the program. Please read it. When you are ready, type your name and tick the box to sign it. You will get a printed copy.` }),
      aftercareView(plan, { large: true }),
      sig.el,
    ],
    actions: [
      { label: 'Sign my plan', kind: 'primary', id: 'aftercare-sign-submit', onClick: (d, b) => submit(d, b) },
      { label: 'Hand back without signing', kind: 'secondary', id: 'aftercare-sign-cancel', onClick: (d) => d.close(null) },
    ],
  });
  sig.name.focus();

  async function submit(d, b) {
    if (!sig.ready()) return;
    b.disabled = true;
    try {
      await api.post(paths.aftercareSign(plan.id), { name: sig.name.value, agree: true });
    } catch (err) {
      b.disabled = false;
      if (err.status === 401) { d.close(null); return; }
      const content = err.fields && Object.keys(err.fields).some((k) => k !== 'name' && k !== 'agree');
      if (content) {
        d.close(null);
        showApiError(editorForm, err);
        return;
      }
      showApiError(sig.form, err);
      return;
    }
    clear(d.body).append(h('p.plan-shared-thanks', { role: 'status', text: 'Thank you. Your aftercare plan is signed. Please hand the screen back; you will get a printed copy.' }));
    const bar = d.el.querySelector('.dialog-actions');
    clear(bar).append(h('button.btn.btn-primary', { type: 'button', id: 'aftercare-sign-done', text: 'Done (staff)', onclick: () => d.close(true) }));
    bar.querySelector('button').focus();
  }
  return dlg.result;
}

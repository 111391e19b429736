// A clinical note (#/notes/:id).  A group note: the shared part at the top
// (topic, what the group worked on, interventions), then one compact card
// per client marked present, late or left early — participation chips,
// response, progress, the client's open objectives to tick — with "Same as
// last time" from the client's part in the track's last group note.  Absent
// clients are listed read-only.  An individual, family, medication or case
// management note: DAP, SOAP or BIRP (a switch), its sections, times,
// objectives and, for a family session, who came.
//
// A draft saves itself a moment after each change (and on "Save draft");
// "Sign all N" saves and signs every part at once.  A signed note is shown
// read-only with who signed when, the co-signature it waits for (the
// supervisor co-signs here) and its addenda, the one thing a signed note
// still takes.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear, debounce, uid } from '../dom.js';
import { badge } from '../components/badge.js';
import { confirmDialog } from '../components/dialog.js';
import { pageHeader, errorNote, button } from '../components/page.js';
import { toast } from '../components/toast.js';
import { fmtDate, fmtDateTime, clientName } from '../format.js';

const hm = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const fmtLocalTime = (iso) => { const d = new Date(iso || ''); return isNaN(d) ? '' : hm.format(d); };

const PARTICIPATION = [
  ['active', 'Active'], ['attentive', 'Attentive'], ['quiet', 'Quiet'],
  ['distracted', 'Distracted'], ['resistant', 'Resistant'], ['disruptive', 'Disruptive'],
];
const ATTENDANCE_WORDS = { present: 'Present', late: 'Late', left_early: 'Left early' };
const ABSENT_WORDS = { absent_excused: 'Absent (excused)', absent_unexcused: 'Absent' };
const KIND_WORDS = {
  group: 'Group note', individual: 'Individual session note', family: 'Family session note',
  medication_management: 'Medication management note', case_management: 'Case management note',
};
const FORM_WORDS = { dap: 'DAP', soap: 'SOAP', birp: 'BIRP' };
const SECTION_WORDS = {
  data: 'Data', assessment: 'Assessment', plan: 'Plan', subjective: 'Subjective',
  objective: 'Objective', behavior: 'Behavior', intervention: 'Intervention', response: 'Response',
};
const FORM_SECTIONS = {
  dap: ['data', 'assessment', 'plan'],
  soap: ['subjective', 'objective', 'assessment', 'plan'],
  birp: ['behavior', 'intervention', 'response', 'plan'],
};

export async function render(ctx) {
  const id = ctx.params.id;
  const [note, vocab, types] = await Promise.all([
    api.get(paths.note(id)),
    api.get(paths.interventions).catch(() => ({ items: [] })),
    api.get(paths.groupTypes).catch(() => ({ items: [] })),
  ]);
  groupWords = new Map((types.items || []).map((x) => [x.code, x.label]));
  if (!ctx.isCurrent()) return;
  let appt = null;
  if (note.appointment_id && note.kind === 'family') {
    appt = await api.get(paths.appointment(note.appointment_id)).catch(() => null);
    if (!ctx.isCurrent()) return;
  }
  draw(ctx, note, vocab.items || [], appt);
}

// The group types' words (GET /vocabularies/group-types), read with the note.
let groupWords = new Map();

function titleOf(n) {
  if (n.kind === 'group') {
    const type = groupWords.get(n.group_type) || (n.group_type ? n.group_type.replace(/_/g, ' ') : 'Group');
    const what = [type, n.shared.topic].filter(Boolean).join(': ');
    return `Group note — ${what}`;
  }
  return `${KIND_WORDS[n.kind] || 'Note'} — ${clientName(n.parts[0] ? n.parts[0].client : {})}`;
}

function statusBadge(n) {
  if (n.status === 'draft') return badge('Draft', 'warn');
  if (n.awaits_cosignature) return badge('Signed · waiting for co-signature', 'warn');
  return badge('Signed', 'ok');
}

function draw(ctx, n, vocab, appt) {
  clear(ctx.main);
  const when = `${n.date ? fmtDate(n.date) : fmtDate(n.starts_at.slice(0, 10))}, ${fmtLocalTime(n.starts_at)}–${fmtLocalTime(n.ends_at)}`;
  // Back to where it was opened from: My tasks, the chart, or Today.
  const back = ctx.query && ctx.query.get('from') === 'tasks' ? { href: '#/tasks', label: 'Back to My tasks' }
    : n.client_id ? { href: `#/clients/${n.client_id}`, label: 'Back to the chart' } : { href: '#/today', label: 'Back to Today' };
  ctx.main.append(pageHeader(ctx, titleOf(n), {
    back,
    sub: h('p.muted', statusBadge(n), ' ', h('span', { text: [n.track_name, when].filter(Boolean).join(' · ') })),
  }));
  if (n.status === 'draft' && auth.can('notes.write')) drawDraft(ctx, n, vocab, appt);
  else drawSigned(ctx, n, vocab, appt);
}

// ---- the draft ---------------------------------------------------------------

function chips(name, value, label, onChange) {
  const group = h('div.note-chips', { role: 'radiogroup', 'aria-label': label });
  for (const [code, words] of PARTICIPATION) {
    const idv = uid('chip');
    const input = h('input', { type: 'radio', name, id: idv, value: code, checked: value === code });
    input.addEventListener('change', () => onChange(code));
    group.append(h('span.note-chip', input, h('label', { for: idv, text: words })));
  }
  return group;
}

function textArea(label, value, rows, onInput, attrs = {}) {
  const idv = attrs.id || uid('ta');
  const ta = h('textarea', { rows: String(rows), ...attrs, id: idv });
  ta.value = value || '';
  ta.addEventListener('input', () => onInput(ta.value));
  return [h('label.note-label', { for: idv, text: label }), ta];
}

function objectiveBoxes(choices, picked, label, onChange) {
  if (!choices.length) return h('p.small.muted', { text: 'No open objectives in the current treatment plan.' });
  const box = h('fieldset.note-objectives', h('legend', { text: label }));
  for (const o of choices) {
    const idv = uid('obj');
    const input = h('input', { type: 'checkbox', id: idv, value: String(o.key), checked: picked.has(o.key) });
    input.addEventListener('change', () => { if (input.checked) picked.add(o.key); else picked.delete(o.key); onChange(); });
    box.append(h('div.note-objective', input, h('label', { for: idv, text: o.text })));
  }
  return box;
}

function drawDraft(ctx, n, vocab, appt) {
  const group = n.kind === 'group';
  const state = {
    shared: { topic: n.shared.topic, content: n.shared.content, interventions: [...n.shared.interventions] },
    parts: new Map(n.parts.map((p) => [p.client_id, {
      participation: p.participation || '', response: p.response || '', progress: p.progress || '',
      objectives: new Set(p.objectives.map((o) => o.key)),
    }])),
    form: n.form || 'dap',
    sections: { ...(n.parts[0] ? n.parts[0].sections : {}) },
    persons: new Set(n.person_ids || []),
    dirty: false,
  };
  const status = h('span.note-saved.small.muted', { role: 'status', 'aria-live': 'polite', text: 'Saved.' });
  const errors = h('div.note-errors');
  const bodyOf = () => {
    if (group) {
      return {
        shared: state.shared,
        parts: [...state.parts].map(([clientId, p]) => ({
          client_id: clientId, participation: p.participation, response: p.response, progress: p.progress,
          objective_keys: [...p.objectives],
        })),
      };
    }
    const p = state.parts.get(n.parts[0].client_id);
    const sections = {};
    for (const s of FORM_SECTIONS[state.form]) sections[s] = state.sections[s] || '';
    const b = { form: state.form, sections, objective_keys: [...p.objectives] };
    if (state.starts_at) b.starts_at = state.starts_at;
    if (state.ends_at) b.ends_at = state.ends_at;
    if (n.kind === 'family') b.person_ids = [...state.persons];
    return b;
  };
  let saving = Promise.resolve(true);
  const save = async () => {
    if (!state.dirty) return true;
    state.dirty = false;
    status.textContent = 'Saving…';
    clear(errors);
    try {
      await api.patch(paths.note(n.id), bodyOf());
      status.textContent = `Saved at ${fmtLocalTime(new Date().toISOString())}.`;
      return true;
    } catch (err) {
      if (err.status === 401) return false;
      state.dirty = true;
      status.textContent = 'Not saved.';
      errors.append(errorNote({ message: `Not saved: ${err.message}${err.fields ? ' ' + Object.entries(err.fields).map(([k, v]) => `${k} ${v}`).join('; ') : ''}` }));
      return false;
    }
  };
  const autosave = debounce(() => { saving = saving.then(save); }, 800);
  const changed = () => { state.dirty = true; status.textContent = 'Changes not saved yet…'; autosave(); };
  ctx.onCleanup(() => { if (state.dirty) autosave.now(); });

  const form = h('div.note-form');
  if (group) {
    // The shared interventions, with "Same interventions as last time" from
    // the track's last group note (added to any already ticked).
    const lastShared = n.prefill && n.prefill.last;
    const interventions = h('fieldset.note-interventions', h('legend', { text: 'Interventions used' }));
    const ivBoxes = h('div.note-chips');
    const drawInterventions = () => {
      clear(ivBoxes);
      for (const v of vocab) {
        const idv = uid('iv');
        const input = h('input', { type: 'checkbox', id: idv, value: v.code, checked: state.shared.interventions.includes(v.code) });
        input.addEventListener('change', () => {
          state.shared.interventions = input.checked ? [...state.shared.interventions, v.code] : state.shared.interventions.filter((c) => c !== v.code);
          changed();
        });
        ivBoxes.append(h('span.note-chip', input, h('label', { for: idv, text: v.label })));
      }
    };
    const known = new Set(vocab.map((v) => v.code));
    const lastIv = lastShared ? lastShared.interventions.filter((c) => known.has(c)) : [];
    // True when something was added.
    const fillInterventions = () => {
      const add = lastIv.filter((c) => !state.shared.interventions.includes(c));
      if (!add.length) return false;
      state.shared.interventions = [...state.shared.interventions, ...add];
      drawInterventions();
      return true;
    };
    drawInterventions();
    interventions.append(ivBoxes);
    if (lastIv.length) {
      interventions.append(button('Same interventions as last time', () => { if (fillInterventions()) changed(); }, 'secondary',
        { class: 'btn-small', id: 'note-same-interventions', 'aria-label': `Same interventions as last time (${fmtDate(lastShared.date)})` }));
    }
    const topicId = uid('topic');
    const topic = h('input', { id: topicId, type: 'text', value: state.shared.topic, maxlength: '200' });
    topic.addEventListener('input', () => { state.shared.topic = topic.value; changed(); });
    form.append(h('section.card.note-shared', { 'aria-labelledby': 'note-shared-title' },
      h('h2', { id: 'note-shared-title', text: 'For the whole group (written once)' }),
      h('label.note-label', { for: topicId, text: 'Topic' }), topic,
      ...textArea('What the group worked on', state.shared.content, 4, (v) => { state.shared.content = v; changed(); }, { id: 'note-content' }),
      interventions,
      n.absent && n.absent.length ? h('p.small.muted.note-absent', { text: `Not in this group (from the roster): ${n.absent.map((a) => `${clientName(a)} — ${ABSENT_WORDS[a.status] || a.status}`).join('; ')}.` }) : null));
    const withLast = n.parts.filter((p) => p.prefill && p.prefill.last);
    const cards = h('div.note-parts');
    const drawParts = () => {
      clear(cards);
      for (const p of n.parts) cards.append(partCard(p));
    };
    const fillFromLast = (p) => {
      const s = state.parts.get(p.client_id);
      const last = p.prefill && p.prefill.last;
      if (!last) return;
      if (!s.participation) s.participation = last.participation;
      if (!s.response) s.response = last.response;
      if (!s.progress) s.progress = last.progress;
      const open = new Set((p.prefill.open_objectives || []).map((o) => o.key));
      if (!s.objectives.size) for (const k of last.objective_keys) if (open.has(k)) s.objectives.add(k);
    };
    const partCard = (p) => {
      const s = state.parts.get(p.client_id);
      const name = clientName(p.client);
      const last = p.prefill && p.prefill.last;
      const att = `${ATTENDANCE_WORDS[p.attendance] || p.attendance} · ${p.minutes} min`;
      const unlinked = h('p.small.note-unlinked', { text: 'No objective linked yet: billing will flag this day.', hidden: s.objectives.size > 0 });
      const card = h('section.card.note-part', { dataset: { client: p.client_id }, 'aria-label': `${name}'s part` },
        h('div.note-part-head', h('h3', { text: name }), badge(att, p.attendance === 'present' ? 'ok' : 'warn'),
          last ? button('Same as last time', () => { fillFromLast(p); changed(); drawParts(); }, 'secondary',
            { class: 'btn-small', 'aria-label': `Same as last time for ${name} (${fmtDate(last.date)})` }) : null),
        chips(`part-${p.client_id}`, s.participation, `Participation of ${name}`, (v) => { s.participation = v; changed(); }),
        ...textArea('Response', s.response, 2, (v) => { s.response = v; changed(); }, { 'aria-label': `Response of ${name}`, dataset: { field: 'response' } }),
        ...textArea('Progress toward objectives', s.progress, 2, (v) => { s.progress = v; changed(); }, { 'aria-label': `Progress of ${name}`, dataset: { field: 'progress' } }),
        objectiveBoxes((p.prefill && p.prefill.open_objectives) || p.objectives, s.objectives, `Objectives worked on (${name})`, () => { unlinked.hidden = s.objectives.size > 0; changed(); }),
        unlinked);
      return card;
    };
    drawParts();
    form.append(h('div.note-parts-head',
      h('h2', { text: `${n.parts.length} ${n.parts.length === 1 ? 'client' : 'clients'} in the group` }),
      withLast.length || lastIv.length ? button('Same as last time for everyone', () => {
        for (const p of withLast) fillFromLast(p);
        fillInterventions();
        changed();
        drawParts();
      }, 'secondary', { id: 'note-same-all' }) : null),
    n.parts.length ? cards : h('p.notice', { text: 'Nobody is marked present, late or left early on the roster yet: take attendance first.' }));
  } else {
    const p = n.parts[0];
    const s = state.parts.get(p.client_id);
    const sections = h('div.note-sections');
    const drawSections = () => {
      clear(sections);
      for (const name of FORM_SECTIONS[state.form]) {
        sections.append(...textArea(SECTION_WORDS[name], state.sections[name], 4, (v) => { state.sections[name] = v; changed(); }, { dataset: { section: name } }));
      }
    };
    const switcher = h('div.note-chips', { role: 'radiogroup', 'aria-label': 'Form' });
    for (const f of ['dap', 'soap', 'birp']) {
      const idv = uid('form');
      const input = h('input', { type: 'radio', name: 'note-form', id: idv, value: f, checked: state.form === f });
      input.addEventListener('change', () => { state.form = f; changed(); drawSections(); });
      switcher.append(h('span.note-chip', input, h('label', { for: idv, text: FORM_WORDS[f] })));
    }
    drawSections();
    const persons = appt && appt.related_persons && appt.related_persons.length ? h('fieldset.note-objectives', h('legend', { text: 'Who came' }),
      ...appt.related_persons.map((x) => {
        const idv = uid('person');
        const input = h('input', { type: 'checkbox', id: idv, checked: state.persons.has(x.contact_id) });
        input.addEventListener('change', () => { if (input.checked) state.persons.add(x.contact_id); else state.persons.delete(x.contact_id); changed(); });
        return h('div.note-objective', input, h('label', { for: idv, text: `${x.name}${x.relationship ? ` (${x.relationship})` : ''}` }));
      })) : null;
    // Start and end: the appointment's, changed here when the session ran
    // shorter or longer (billing reads them).
    const hhmm = (iso) => { const d = new Date(iso); return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`; };
    const ymdOf = (iso) => { const d = new Date(iso); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; };
    const instant = (hm) => new Date(`${ymdOf(n.starts_at)}T${hm}:00`).toISOString().slice(0, 16) + 'Z';
    const timeBox = (label, iso, key) => {
      const idv = uid('time');
      const input = h('input', { id: idv, type: 'time', value: hhmm(iso), step: '300' });
      input.addEventListener('change', () => { if (input.value) { state[key] = instant(input.value); changed(); } });
      return h('span.note-time', h('label.note-label', { for: idv, text: label }), input);
    };
    form.append(h('section.card.note-shared',
      h('p', h('strong', { text: 'Form ' }), switcher),
      h('div.note-times', timeBox('Started', n.starts_at, 'starts_at'), timeBox('Ended', n.ends_at, 'ends_at')),
      sections, persons,
      objectiveBoxes((p.prefill && p.prefill.open_objectives) || p.objectives, s.objectives, 'Objectives worked on', changed)));
  }
  const signLabel = group ? `Sign all ${n.parts.length}` : 'Sign';
  const signBtn = button(signLabel, async () => {
    autosave.cancel();
    await saving;
    if (!(await save())) return;
    const ok = await confirmDialog({
      title: group ? `Sign all ${n.parts.length} parts?` : 'Sign this note?',
      message: 'Once signed the note is locked: later changes are addenda.',
      confirmLabel: signLabel,
    });
    if (!ok) return;
    try {
      const done = await api.post(paths.noteSign(n.id), {});
      toast(done.awaits_cosignature ? `Signed. It waits for ${done.cosignature.name}'s co-signature.` : 'Signed.');
      draw(ctx, done, vocab, appt);
    } catch (err) {
      if (err.status === 401) return;
      clear(errors);
      errors.append(errorNote({ message: `Not signed: ${err.message}${err.fields ? ' ' + Object.values(err.fields).join('; ') : ''}` }));
    }
  }, 'primary', { id: 'note-sign', disabled: group && !n.parts.length });
  ctx.main.append(form, h('div.note-bar', errors,
    h('div.btn-row', button('Save draft', () => { state.dirty = true; autosave.now(); }, 'secondary', { id: 'note-save' }), signBtn, status)));
}

// ---- signed --------------------------------------------------------------------

function drawSigned(ctx, n, vocab, appt) {
  const words = new Map(vocab.map((v) => [v.code, v.label]));
  const box = h('div.note-read');
  const sig = n.signature
    ? `Signed by ${n.signature.name} on ${fmtDateTime(n.signature.signed_at)}.`
    : 'Not signed yet.';
  box.append(h('p', { text: sig }));
  if (n.cosignature) {
    box.append(h('p', { text: n.cosignature.signed_at
      ? `Co-signed by ${n.cosignature.name} on ${fmtDateTime(n.cosignature.signed_at)}.`
      : `Waiting for ${n.cosignature.name}'s co-signature: it does not count until then.` }));
    if (!n.cosignature.signed_at && auth.user && auth.user.id === n.cosignature.staff_id) {
      box.append(button('Co-sign', async () => {
        try {
          const done = await api.post(paths.noteCosign(n.id), {});
          toast('Co-signed.');
          draw(ctx, done, vocab, appt);
        } catch (err) { if (err.status !== 401) box.append(errorNote(err)); }
      }, 'primary', { id: 'note-cosign' }));
    }
  }
  if (n.kind === 'group') {
    box.append(h('section.card', h('h2', { text: 'For the whole group' }),
      h('p', { text: n.shared.content || '—' }),
      n.shared.interventions.length ? h('p.small', { text: `Interventions: ${n.shared.interventions.map((c) => words.get(c) || c).join(', ')}` }) : null));
    for (const p of n.parts) {
      box.append(h('section.card.note-part', { dataset: { client: p.client_id } },
        h('div.note-part-head', h('h3', { text: clientName(p.client) }), badge(`${ATTENDANCE_WORDS[p.attendance] || p.attendance} · ${p.minutes} min`, 'neutral'),
          p.participation ? badge(p.participation, 'info') : null),
        p.response ? h('p', h('strong', { text: 'Response: ' }), p.response) : null,
        p.progress ? h('p', h('strong', { text: 'Progress: ' }), p.progress) : null,
        p.objectives.length ? h('ul.small', p.objectives.map((o) => h('li', { text: o.text }))) : h('p.small.note-unlinked', { text: 'No objective linked.' })));
    }
  } else {
    const p = n.parts[0];
    const sec = h('section.card', h('h2', { text: `${FORM_WORDS[n.form] || ''} note` }));
    for (const name of n.section_names) sec.append(h('h3', { text: SECTION_WORDS[name] || name }), h('p', { text: p.sections[name] || '—' }));
    sec.append(p.objectives.length ? h('ul.small', p.objectives.map((o) => h('li', { text: o.text }))) : h('p.small.note-unlinked', { text: 'No objective linked.' }));
    box.append(sec);
  }
  const adds = h('section.card.note-addenda', h('h2', { text: 'Addenda' }));
  if (!n.addenda.length) adds.append(h('p.muted', { text: 'None.' }));
  for (const a of n.addenda) adds.append(h('p', h('strong', { text: `${fmtDateTime(a.created_at)}, ${a.created_by_name}: ` }), a.text));
  if (n.status === 'signed' && auth.can('notes.write')) {
    const taId = uid('add');
    const ta = h('textarea', { id: taId, rows: '3' });
    const err = h('div');
    adds.append(h('label.note-label', { for: taId, text: 'Add an addendum' }), ta, err,
      button('Add addendum', async () => {
        clear(err);
        try {
          const done = await api.post(paths.noteAddenda(n.id), { text: ta.value });
          toast('Addendum added.');
          draw(ctx, done, vocab, appt);
        } catch (e) { if (e.status !== 401) err.append(errorNote(e)); }
      }, 'secondary', { id: 'note-add-addendum' }));
  }
  box.append(adds);
  ctx.main.append(box);
}

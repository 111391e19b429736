// The "Level of care" of a chart or of an inquiry (before a client record):
// the assessments, and the six-dimension assessment generated from the
// placement table with a live recommendation, the level chosen and why it
// differs.  For an inquiry, c is {id, for_words, placements_path}.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { line } from '../nav.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form, radioGroup, checkGroup, stopWithErrors } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { fmtDateTime, cap } from '../format.js';
import { staffName } from '../directory.js';
import { button, errorNote } from '../components/page.js';

function levelName(table, code) {
  const l = table && table.levels && table.levels.find((x) => x.code === code);
  return l ? `${code} — ${cap(l.name)}` : `Level ${code}`;
}

export function drawPlacements(section, c, care, reload) {
  clear(section);
  const head = h('div.section-head', h('h2', { id: 'placement-title', text: 'Level of care' }));
  const table = care.table && !care.table.error ? care.table : null;
  if (auth.can('screening.write') && table) head.append(button('Assess level of care', () => assessDialog(c, table, reload), 'secondary', { id: 'assess-loc' }));
  section.append(head);
  const data = care.placements;
  if (data && data.error) { section.append(errorNote(data.error)); return; }
  const rows = (data && data.items) || [];
  if (!rows.length) { section.append(h('p.empty', { text: 'No level-of-care assessment recorded.' })); return; }
  section.append(dataTable({
    caption: 'Level-of-care assessments, newest first',
    rows,
    columns: [
      { label: 'Date', render: (p) => h('time', { datetime: p.assessed_at, text: fmtDateTime(p.assessed_at) }), className: 'nowrap' },
      { label: 'Level chosen', className: 'card-title', render: (p) => h('span.stack', h('strong', { text: levelName(table, p.chosen_level) }),
        p.differs ? h('span', badge('Differs from the recommendation', 'warn')) : h('span.muted', { text: 'As recommended' })) },
      { label: 'Recommended', render: (p) => levelName(table, p.recommended) },
      { label: 'Why a different level', render: (p) => p.override_reason || '' },
      { label: 'Reasons', className: 'wide-cell', render: (p) => ((p.reasons || []).length ? h('ul.reasons', p.reasons.map((r) => h('li', { text: r }))) : '') },
      { label: 'Assessed by', render: (p) => (p.assessed_by_id ? staffName(care.dir, p.assessed_by_id) : p.assessed_by || '') },
    ],
  }));
}

async function assessDialog(c, table, reload) {
  const f = new Form();
  const dims = table.dimensions.map((d) => {
    const rating = radioGroup({
      name: `ratings.${d.code}`,
      legend: `${d.code.toUpperCase()}: ${cap(d.name)}`,
      required: true,
      options: d.ratings.map((r) => ({ value: r.rating, label: `${r.rating} — ${r.word}` })),
      onChange: () => recommend(),
    });
    const note = field({ name: `notes.${d.code}`, label: `Note on ${d.name}`, type: 'textarea', rows: 2, maxlength: 1000 });
    return { d, rating, note };
  });
  // The forcing flags of the table in force: built again, keeping what was
  // ticked, when the table changes under the dialog.
  const flagGroup = (tbl, values = []) => {
    const g = checkGroup({
      name: 'flags',
      legend: 'Findings that call for a higher level',
      options: tbl.flags.map((fl) => ({ value: fl.code, label: fl.label })),
      values,
    });
    for (const b of g.el.querySelectorAll('input')) b.addEventListener('change', () => recommend());
    return g;
  };
  let flags = flagGroup(table);
  const levels = table.levels.map((l) => ({ value: l.code, label: `${l.code} — ${cap(l.name)}` }));
  const chosen = field({ name: 'chosen_level', label: 'Level chosen', type: 'select', required: true, options: [{ value: '', label: 'Choose…' }, ...levels] });
  const why = field({ name: 'override_reason', label: 'Why a different level', type: 'textarea', rows: 3, required: true, maxlength: 500,
    hint: 'Required when the level chosen differs from the recommendation.' });
  why.el.hidden = true;
  let rec = null;
  let chosenTouched = false;
  chosen.input.addEventListener('change', () => { chosenTouched = true; showWhy(); });
  const result = h('div.rec-result', { id: 'rec-result', 'aria-live': 'polite' },
    h('p.muted', { text: 'Rate all six dimensions to see the recommended level.' }));

  function showWhy() { why.el.hidden = !rec || !chosen.input.value || chosen.input.value === rec.recommended; }

  const asking = line();
  async function recommend() {
    const ratings = {};
    for (const x of dims) { const v = x.rating.value; if (v === undefined) return null; ratings[x.d.code] = v; }
    const ticket = asking();
    try {
      const r = await api.post(paths.placementRecommend, { ratings, flags: flags.value });
      if (!ticket()) return;
      rec = r;
      clear(result);
      if (r.safety_response) {
        result.append(h('div.notice.notice-error.safety-warning', { role: 'alert' },
          h('p', h('strong', { text: 'Safety warning: ' }), 'an immediate safety response is needed. Do not wait for placement — follow the site’s emergency procedure now.')));
      }
      result.append(h('p.rec-level', h('span', { text: 'Recommended level: ' }), h('strong', { id: 'rec-level', text: levelName(table, r.recommended) })),
        h('ul.reasons', (r.reasons || []).map((x) => h('li', { text: x }))));
      if (!chosenTouched) chosen.input.value = r.recommended;
      showWhy();
      return r;
    } catch (err) {
      if (!ticket() || err.status === 401) return null;
      clear(result);
      result.append(errorNote(err));
      return null;
    }
  }

  // "Placement table: openiop default … (version 3)."
  const tableLine = h('span', { text: tableWords(table) });
  function tableWords(tbl) {
    return `Placement table: ${tbl.edition} (${tbl.is_default ? 'the built-in default' : `version ${tbl.version}`}). `;
  }

  // The table changed while the dialog was open (409 on save): read the
  // one in force, show its flags (what was ticked stays ticked where the
  // flag still exists), and recommend again from it.  Nothing typed is lost.
  async function tableChanged(err) {
    const before = rec;
    let dropped = [];
    try {
      const fresh = await api.get(paths.placementTable);
      const ticked = flags.value;
      const codes = new Set(fresh.flags.map((fl) => fl.code));
      dropped = table.flags.filter((fl) => ticked.includes(fl.code) && !codes.has(fl.code)).map((fl) => fl.label);
      if (JSON.stringify(fresh.flags) !== JSON.stringify(table.flags)) {
        const again = flagGroup(fresh, ticked.filter((c) => codes.has(c)));
        flags.el.replaceWith(again.el);
        f.fields[f.fields.indexOf(flags)] = again;
        flags = again;
      }
      table = fresh;
      tableLine.textContent = tableWords(fresh);
    } catch (e) {
      if (e.status === 401) throw e;
    }
    rec = null;
    const now = await recommend();
    const words = [err.message || 'The placement table changed while you were assessing. Review the new recommendation and save again.'];
    if (now && before && now.recommended !== before.recommended) {
      words.push(`The recommendation is now ${levelName(table, now.recommended)} (it was ${levelName(table, before.recommended)}).`);
    } else if (now) {
      words.push(`The recommendation is still ${levelName(table, now.recommended)}.`);
    }
    if (dropped.length) words.push(`No longer in the table, so not ticked: ${dropped.join('; ')}.`);
    words.push('Nothing you entered is lost.');
    f.showMessage(words.join(' '));
  }

  const content = [
    h('p', { text: `${c.for_words || `For ${c.first_name} ${c.last_name} (${c.mrn}).`} Rate each dimension from 0 (none) to 4 (severe) and add a note on what you found.` }),
    h('p.muted', { id: 'rec-table' }, tableLine,
      h('a', { href: '#/settings/placement', target: '_blank', rel: 'noopener', text: 'See the table' })),
    ...dims.map((x) => h('div.dimension', f.add(x.rating), f.add(x.note))),
    f.add(flags),
    h('section.rec-box', { 'aria-labelledby': 'rec-title' }, h('h3', { id: 'rec-title', text: 'Recommendation' }), result),
    f.add(chosen),
    f.add(why),
  ];
  const saved = await formDialog({
    title: 'Assess level of care',
    form: f,
    content,
    className: 'dialog-wide',
    submitLabel: 'Save assessment',
    onSubmit: async (v) => {
      const errs = {};
      for (const x of dims) if (x.rating.value === undefined) errs[`ratings.${x.d.code}`] = 'choose a rating';
      if (!v.chosen_level) errs.chosen_level = 'choose the level';
      if (rec && v.chosen_level && v.chosen_level !== rec.recommended && !v.override_reason) errs.override_reason = 'say why a different level was chosen';
      if (Object.keys(errs).length) stopWithErrors(f, errs);
      // Saved against the recommendation the clinician saw: its table.
      if (!rec && !(await recommend())) {
        f.showMessage('The recommendation could not be worked out. Please try again.');
        const e = new Error('no recommendation');
        e.handled = true;
        throw e;
      }
      if (v.chosen_level !== rec.recommended && !v.override_reason) stopWithErrors(f, { override_reason: 'say why a different level was chosen' });
      const notes = {};
      for (const [k, val] of Object.entries(v.notes || {})) if (val) notes[k] = val;
      const body = { ratings: v.ratings, notes, flags: v.flags, chosen_level: v.chosen_level, table_version: rec.table_version };
      if (v.chosen_level !== rec.recommended) body.override_reason = v.override_reason;
      try {
        return await api.post(c.placements_path || paths.clientPlacements(c.id), body);
      } catch (err) {
        if (err.status !== 409) throw err;
        await tableChanged(err);
        err.handled = true;
        throw err;
      }
    },
  });
  if (!saved) return;
  toast(`Level of care recorded: ${levelName(table, saved.chosen_level)}.`);
  reload();
}

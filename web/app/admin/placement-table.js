// The level-of-care placement table: for each of the six dimensions, the
// least intensive level each rating (0–4) calls for, with an optional
// remark; and the forcing flags (up to 4) that set a level whatever the
// ratings.  The program director edits it (placement.manage); others who
// read screenings see it read-only.
//
// Saving sends the version the editor started from: when someone else saved
// in between the server answers 409, and the page says so, lists the user's
// changes and offers their version with those changes on top (or without
// them, the list kept to redo from): typing is never thrown away unseen.
// Every version is kept; saved placements keep the version they used.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { field, Form } from '../components/field.js';
import { confirmDialog } from '../components/dialog.js';
import { toast } from '../components/toast.js';
import { staffDirectory } from '../directory.js';
import { fmtDateTime, cap, plural } from '../format.js';
import { pageHeader, button } from '../components/page.js';

const FLAGS_MAX = 4;

export async function render(ctx) {
  const canEdit = auth.can('placement.manage');
  const [table, dir] = await Promise.all([
    api.get(paths.placementTable),
    staffDirectory().catch((err) => { if (err.status === 401) throw err; return null; }),
  ]);
  if (!ctx.isCurrent()) return;
  ctx.main.append(pageHeader(ctx, 'Placement table', {
    sub: h('p.page-sub', { text: 'How the six dimension ratings of an assessment become a recommended level of care.' }),
  }));
  const host = h('div.placement-table-page');
  ctx.main.append(host);
  draw(table);

  function savedByName(username) {
    const s = dir && dir.list.find((x) => x.username === username);
    return s && s.full_name ? `${s.full_name} (${username})` : username;
  }

  function statusText(t) {
    if (t.is_default) return 'In force: the built-in default table (version 0). Nobody has changed it here yet.';
    return `In force: version ${t.version}, saved by ${savedByName(t.saved_by)} on ${fmtDateTime(t.saved_at)}.`;
  }

  function levelLabel(t, code) {
    const l = t.levels.find((x) => x.code === code);
    return l ? `${l.code} — ${cap(l.name)}` : code;
  }

  // carry: the user's changes brought over from the version they edited
  // (see showConflict), {mode: 'apply'|'lost', values, base, flags, list}.
  function draw(t, { focusStatus = false, carry = null } = {}) {
    clear(host);
    const status = h('p.table-status', { id: 'table-status', tabindex: '-1' }, h('strong', { text: statusText(t) }));
    host.append(
      h('div.notice.notice-info.placement-about',
        h('p', { text: 'The recommendation is the most intensive level any dimension calls for — ratings are never averaged — raised by any forcing flag the clinician ticks. It is a starting point for clinical judgement: the clinician chooses the level and says why when it differs.' }),
        h('p', { text: canEdit
          ? 'Saving makes a new version. Placements already saved keep the version they used; only new assessments use the new table.'
          : 'Each change makes a new version. Placements already saved keep the version they used.' })),
      status);
    if (!canEdit) host.append(h('p.muted', { text: `Edition: ${t.edition}` }));
    if (!canEdit) {
      host.append(h('p.muted', { text: 'You can read this table. Only a program director can change it.' }));
      host.append(readOnly(t));
    } else {
      host.append(editor(t, carry));
    }
    const carried = host.querySelector('#table-carried');
    if (carried) carried.focus();
    else if (focusStatus) status.focus();
  }

  // ---- read-only ----

  function readOnly(t) {
    const wrap = h('div.placement-dims');
    for (const d of t.dimensions) {
      const id = `dim-${d.code}`;
      const rows = h('ol.placement-ro', { start: 0 });
      for (const r of d.ratings) {
        rows.append(h('li.placement-ro-row',
          h('span.pl-rating', h('strong', { text: String(r.rating) }), ' ', h('span', { text: r.word })),
          h('span.pl-level', { text: levelLabel(t, r.min_level) }),
          r.remark ? h('span.pl-remark', { text: r.remark }) : null));
      }
      wrap.append(h('section.card.placement-dim', { 'aria-labelledby': id },
        h('h3', { id, text: `${d.code.toUpperCase()}: ${cap(d.name)}` }), rows));
    }
    const flags = h('section.card', { 'aria-labelledby': 'flags-title' }, h('h2', { id: 'flags-title', text: 'Forcing flags' }));
    if (!t.flags.length) flags.append(h('p.muted', { text: 'No forcing flags.' }));
    else {
      const ul = h('ul.placement-flags-ro');
      for (const fl of t.flags) {
        ul.append(h('li', h('strong', { text: fl.label }), ` — at least ${levelLabel(t, fl.min_level)}`,
          fl.safety_response ? h('span', ' ', h('span.badge.badge-danger', { text: 'Immediate safety response' })) : null));
      }
      flags.append(ul);
    }
    return h('div', h('h2.section-title', { text: 'Levels by rating' }), wrap, flags);
  }

  // ---- editor ----

  function editor(t, carry = null) {
    const f = new Form();
    const original = new Map();	// field name -> value when loaded
    const marks = [];
    const levelOptions = t.levels.map((l) => ({ value: l.code, label: `${l.code} — ${cap(l.name)}` }));
    const track = (fld) => {
      f.fields.push(fld);
      original.set(fld.name, fld.value);
      const mark = () => {
        const changed = JSON.stringify(fld.value) !== JSON.stringify(original.get(fld.name));
        const box = fld.el.closest('.pl-row') || fld.el;
        box.classList.toggle('is-changed', changed);
        countChanges();
      };
      marks.push(mark);
      fld.input.addEventListener('input', mark);
      fld.input.addEventListener('change', mark);
      return fld;
    };
    const conflictHost = h('div', { id: 'conflict-host' });
    const changes = h('p.change-count', { id: 'change-count', role: 'status' });

    const edition = track(field({ name: 'edition', label: 'Edition name', required: true, value: t.edition, maxlength: 120, autocomplete: 'off',
      hint: 'Shown with every recommendation and kept with each placement.' }));

    // The grid: one card per dimension, one row per rating.
    const dims = h('div.placement-dims');
    for (const d of t.dimensions) {
      const id = `dim-${d.code}`;
      const head = h('div.pl-row.pl-head', { 'aria-hidden': 'true' },
        h('span', { text: 'Rating' }), h('span', { text: 'Least intensive level' }), h('span', { text: 'Remark (optional)' }));
      const card = h('fieldset.card.placement-dim', { id }, h('legend', { text: `${d.code.toUpperCase()}: ${cap(d.name)}` }), head);
      for (const r of d.ratings) {
        const what = `${d.code.toUpperCase()} ${d.name}, rating ${r.rating} (${r.word})`;
        const lvl = field({ name: `min_level.${d.code}.${r.rating}`, label: `${what}: level`, type: 'select', options: levelOptions, value: r.min_level, className: 'pl-level-field' });
        const rem = field({ name: `remarks.${d.code}.${r.rating}`, label: `${what}: remark`, value: r.remark || '', maxlength: 120, autocomplete: 'off', className: 'pl-remark-field',
          placeholder: 'Remark (optional)' });
        for (const x of [lvl, rem]) x.el.querySelector('label').classList.add('visually-hidden');
        const row = h('div.pl-row', { dataset: { cell: `${d.code}.${r.rating}` } },
          h('span.pl-rating', { 'aria-hidden': 'true' }, h('strong', { text: String(r.rating) }), ' ', h('span', { text: r.word })),
          lvl.el, rem.el);
        card.append(row);
        track(lvl);
        track(rem);
      }
      dims.append(card);
    }

    // The forcing flags: rebuilt when one is added or removed.
    const flagsHost = h('div.placement-flags');
    let flags = t.flags.map((x) => ({ ...x }));
    const flagSection = h('section.card.flags-card', { 'aria-labelledby': 'flags-title' },
      h('h2', { id: 'flags-title', text: 'Forcing flags' }),
      h('p.muted', { text: `A flag the clinician ticks sets at least its level, whatever the ratings. Up to ${FLAGS_MAX}.` }),
      flagsHost);
    let addFlag;
    const originalFlags = JSON.stringify(flags);

    function readFlags() {
      return flags.map((_, i) => ({
        code: f.get(`flags.${i}.code`).value,
        label: f.get(`flags.${i}.label`).value,
        min_level: f.get(`flags.${i}.min_level`).value,
        safety_response: f.get(`flags.${i}.safety_response`).value,
      }));
    }

    function drawFlags(focusIndex = null) {
      f.fields = f.fields.filter((x) => !x.name.startsWith('flags.'));
      clear(flagsHost);
      flags.forEach((fl, i) => {
        const n = i + 1;
        const code = field({ name: `flags.${i}.code`, label: 'Code', value: fl.code, maxlength: 32, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none',
          hint: 'a–z, 0–9 and _, starting with a letter.' });
        const label = field({ name: `flags.${i}.label`, label: 'What the clinician ticks', value: fl.label, maxlength: 100, autocomplete: 'off' });
        const lvl = field({ name: `flags.${i}.min_level`, label: 'Sets at least', type: 'select',
          options: [...(fl.min_level ? [] : [{ value: '', label: 'Choose a level' }]), ...levelOptions], value: fl.min_level });
        const safety = field({ name: `flags.${i}.safety_response`, label: 'Also calls for an immediate safety response', type: 'checkbox', value: fl.safety_response });
        // In the error summary: which flag.
        code.label = `Flag ${n} code`;
        label.label = `Flag ${n}: what the clinician ticks`;
        lvl.label = `Flag ${n}: sets at least`;
        for (const x of [code, label, lvl, safety]) f.fields.push(x);
        const remove = button(`Remove flag ${n}`, () => {
          flags = readFlags();
          flags.splice(i, 1);
          drawFlags(flags.length ? Math.min(i, flags.length - 1) : -1);
          countChanges();
        }, 'secondary', { class: 'btn-small', id: `remove-flag-${i}`, 'aria-label': `Remove flag ${n}${fl.label ? ': ' + fl.label : ''}` });
        for (const x of [code, label, lvl, safety]) x.input.addEventListener('input', countChanges);
        for (const x of [lvl, safety]) x.input.addEventListener('change', countChanges);
        flagsHost.append(h('fieldset.fieldset.flag-row', { id: `flag-${i}` },
          h('legend', { text: `Flag ${n}` }),
          h('div.flag-grid', label.el, code.el, lvl.el),
          h('div.flag-foot', safety.el, remove)));
      });
      if (!flags.length) flagsHost.append(h('p.muted', { id: 'no-flags', text: 'No forcing flags.' }));
      addFlag.disabled = flags.length >= FLAGS_MAX;
      addFlag.textContent = flags.length >= FLAGS_MAX ? `Add a flag (${FLAGS_MAX} is the most)` : 'Add a flag';
      if (focusIndex !== null) {
        const el = focusIndex >= 0 ? f.get(`flags.${focusIndex}.label`) : null;
        if (el) el.focus(); else addFlag.focus();
      }
    }
    addFlag = button('Add a flag', () => {
      flags = readFlags();
      if (flags.length >= FLAGS_MAX) return;
      flags.push({ code: '', label: '', min_level: '', safety_response: false });
      drawFlags(flags.length - 1);
      countChanges();
    }, 'secondary', { id: 'add-flag' });
    flagSection.append(h('div.form-actions', addFlag));
    drawFlags();

    function countChanges() {
      let n = 0;
      for (const [name, v] of original) {
        const fld = f.get(name);
        if (fld && JSON.stringify(fld.value) !== JSON.stringify(v)) n++;
      }
      if (JSON.stringify(readFlags()) !== originalFlags) n++;
      changes.textContent = n ? `${plural(n, 'unsaved change')}.` : 'No unsaved changes.';
      changes.classList.toggle('has-changes', n > 0);
    }

    function body() {
      const b = { version: t.version, edition: edition.value, min_level: {}, remarks: {}, flags: readFlags() };
      for (const d of t.dimensions) {
        b.min_level[d.code] = d.ratings.map((r) => f.get(`min_level.${d.code}.${r.rating}`).value);
        b.remarks[d.code] = d.ratings.map((r) => f.get(`remarks.${d.code}.${r.rating}`).value);
      }
      return b;
    }

    const save = h('button.btn.btn-primary', { type: 'submit', id: 'save-table', text: 'Save as a new version' });
    // Away from Save: restoring replaces everything.
    const restore = t.is_default ? null : h('section.card.restore-card', { 'aria-labelledby': 'restore-title' },
      h('h2', { id: 'restore-title', text: 'Start again from the default' }),
      h('p', { text: 'Put openiop’s built-in table back in force, as a new version. The versions before it stay on record.' }),
      button('Restore the default table…', restoreDefault, 'secondary', { id: 'restore-default' }));
    const form = h('form.placement-form', { novalidate: true, 'aria-label': 'Edit the placement table' },
      conflictHost, f.summary,
      h('div.card', edition.el),
      h('h2.section-title', { text: 'Levels by rating' }),
      h('p.muted', { text: 'For each dimension, the least intensive level of care each rating calls for. A higher rating may not call for a less intensive level than the rating below it.' }),
      dims,
      flagSection,
      restore,
      h('div.save-bar', changes, save));

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clear(conflictHost);
      save.disabled = true;
      try {
        const saved = await api.put(paths.placementTable, body());
        toast(`Placement table saved as version ${saved.version}.`);
        t = saved;
        draw(saved, { focusStatus: true });
      } catch (err) {
        save.disabled = false;
        if (err.status === 401) return;
        if (err.status === 409) { showConflict(err); return; }
        if (err.fields && Object.keys(err.fields).length) f.showErrors(err.fields, err.message);
        else f.showMessage(err.message || 'Something went wrong. Please try again.');
      }
    });

    // What the user changed here, in words, and the values to carry over.
    function myChanges() {
      const values = new Map();
      const base = new Map();
      const list = [];
      for (const [name, v] of original) {
        const fld = f.get(name);
        if (!fld || JSON.stringify(fld.value) === JSON.stringify(v)) continue;
        values.set(name, fld.value);
        base.set(name, v);
        list.push(changeWords(fld.label, name, fld.value));
      }
      const fl = readFlags();
      const flagsChanged = JSON.stringify(fl) !== originalFlags;
      if (flagsChanged) list.push(`Forcing flags: ${flagsWords(fl)}`);
      return { values, base, flags: flagsChanged ? fl : null, baseFlags: originalFlags, list };
    }

    function changeWords(label, name, v) {
      if (name.startsWith('min_level.')) return `${label}: ${levelLabel(t, v)}`;
      return `${label}: ${v ? `“${v}”` : 'left empty'}`;
    }

    function flagsWords(fl) {
      if (!fl.length) return 'none';
      return fl.map((x) => `“${x.label || 'no label'}” (${x.code || 'no code'}, at least ${x.min_level ? levelLabel(t, x.min_level) : 'no level'}${x.safety_response ? ', immediate safety response' : ''})`).join('; ');
    }

    const changeList = (list) => h('ul.carried-list', list.map((x) => h('li', { text: x })));

    function showConflict(err) {
      f.clearErrors();
      const mine = myChanges();
      const note = h('div.notice.notice-warn.conflict', { role: 'alert', tabindex: '-1', id: 'table-conflict' },
        h('h2', { text: 'Someone else changed the placement table' }),
        h('p', { text: err.message || 'Another version was saved since you opened this one.' }),
        h('p', h('strong', { text: 'Your changes here are not saved.' }),
          mine.list.length ? ` You made ${plural(mine.list.length, 'change')}; they stay on the screen until you choose:` : ''),
        mine.list.length ? changeList(mine.list) : null,
        h('div.btn-row',
          mine.list.length
            ? button('Load their version with my changes on top', () => reload(mine, 'apply'), 'primary', { id: 'reload-keep' })
            : null,
          button(mine.list.length ? 'Load their version (your changes will be lost)' : 'Load their version',
            () => reload(mine, 'lost'), mine.list.length ? 'secondary' : 'primary', { id: 'reload-table' })));
      clear(conflictHost).append(note);
      note.focus();
    }

    async function reload(mine, mode) {
      try {
        const fresh = await api.get(paths.placementTable);
        if (!ctx.isCurrent()) return;
        draw(fresh, { focusStatus: true, carry: mine.list.length ? { mode, ...mine } : null });
        toast(fresh.is_default ? 'Loaded: the built-in default table.' : `Loaded: version ${fresh.version}.`, 'info');
      } catch (err) {
        if (err.status !== 401) toast(err.message, 'error');
      }
    }

    // The user's changes from the version they edited: put on top of this
    // one (marked as unsaved changes), or listed to redo by hand.
    function carryOver() {
      if (!carry) return;
      const which = t.is_default ? 'the built-in default' : `version ${t.version}`;
      if (carry.mode === 'apply') {
        const both = [];
        for (const [name, v] of carry.values) {
          const fld = f.get(name);
          if (!fld) continue;
          if (JSON.stringify(original.get(name)) !== JSON.stringify(carry.base.get(name))) {
            both.push(`${changeWords(fld.label, name, original.get(name))} in theirs; yours is kept`);
          }
          fld.value = v;
        }
        if (carry.flags) {
          if (JSON.stringify(flags) !== carry.baseFlags) both.push(`Forcing flags: ${flagsWords(flags)} in theirs; yours are kept`);
          flags = carry.flags.map((x) => ({ ...x }));
          drawFlags();
        }
        for (const m of marks) m();
        const note = h('div.notice.notice-info.carried', { id: 'table-carried', tabindex: '-1' },
          h('h2', { text: `Their ${which} is loaded, with your changes on top` }),
          h('p', { text: 'Your changes are marked and not saved yet. Check them against theirs, then save.' }),
          changeList(carry.list));
        if (both.length) {
          note.append(h('p', h('strong', { text: 'You both changed:' })), changeList(both));
        }
        conflictHost.append(note);
      } else {
        const note = h('div.notice.notice-info.carried', { id: 'table-carried', tabindex: '-1' },
          h('h2', { text: `Their ${which} is loaded` }),
          h('p', { text: 'Your changes were not saved. Here they are, to redo any you still want:' }),
          changeList(carry.list),
          button('Done with this list', () => { note.remove(); status().focus(); }, 'secondary', { class: 'btn-small', id: 'carried-done' }));
        conflictHost.append(note);
      }
    }
    const status = () => document.getElementById('table-status');

    async function restoreDefault() {
      const ok = await confirmDialog({
        title: 'Restore the default table?',
        message: `This saves openiop’s built-in table as version ${t.version + 1}, replacing every level, remark and flag shown here${countChangesNow() ? ', and your unsaved changes are lost' : ''}. Version ${t.version} stays on record, and placements already saved keep the version they used.`,
        confirmLabel: 'Restore the default',
        danger: true,
      });
      if (!ok) return;
      try {
        const saved = await api.post(paths.placementTableRestore, { version: t.version });
        toast(`The built-in default is in force as version ${saved.version}.`);
        draw(saved, { focusStatus: true });
      } catch (err) {
        if (err.status === 401) return;
        if (err.status === 409) { showConflict(err); return; }
        toast(err.message, 'error');
      }
    }
    function countChangesNow() { countChanges(); return changes.classList.contains('has-changes'); }

    carryOver();
    countChanges();
    return form;
  }
}

// The care parts of a chart: the episode of care (the "In care" line and
// "Admit"), level-of-care placements with the six-dimension assessment, and
// insurance (coverages, benefit checks with the cost estimate,
// authorisations).
import { api, auth } from '../api.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form, radioGroup, checkGroup } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { fmtDate, fmtDateTime, cap, INSURANCE_RELATIONSHIPS } from '../format.js';
import { staffDirectory, staffName } from '../directory.js';
import { button, errorNote } from '../components/page.js';

const guard = (p) => p.catch((err) => { if (err.status === 401) throw err; return { error: err }; });

export async function loadCare(clientId) {
  const care = {};
  const jobs = [];
  if (auth.can('clients.read')) jobs.push(guard(api.get(`/clients/${clientId}/episodes`)).then((d) => { care.episodes = d; }));
  if (auth.can('screening.read')) {
    jobs.push(guard(api.get(`/clients/${clientId}/placements`)).then((d) => { care.placements = d; }));
    jobs.push(guard(placementTable()).then((d) => { care.table = d; }));
  }
  if (auth.can('insurance.manage')) jobs.push(loadInsurance(clientId).then((d) => { care.insurance = d; }));
  jobs.push(staffDirectory().then((d) => { care.dir = d; }, () => { care.dir = null; }));
  await Promise.all(jobs);
  return care;
}

// Read with each chart: a director may have saved a new version since.
function placementTable() {
  return api.get('/placement/table');
}

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

function levelName(table, code) {
  const l = table && table.levels && table.levels.find((x) => x.code === code);
  return l ? `${code} — ${cap(l.name)}` : `Level ${code}`;
}

const pad = (n) => String(n).padStart(2, '0');
function todayLocal() {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// A dialog's submit that stops with field messages when a check fails.
function stop(f, errs) {
  f.showErrors(errs);
  const e = new Error('invalid');
  e.handled = true;
  throw e;
}

// ---------------------------------------------------------------- placement

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

  let seq = 0;
  async function recommend() {
    const ratings = {};
    for (const x of dims) { const v = x.rating.value; if (v === undefined) return null; ratings[x.d.code] = v; }
    const my = ++seq;
    try {
      const r = await api.post('/placement/recommend', { ratings, flags: flags.value });
      if (my !== seq) return;
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
      if (my !== seq || err.status === 401) return null;
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
      const fresh = await api.get('/placement/table');
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
    h('p', { text: `For ${c.first_name} ${c.last_name} (${c.mrn}). Rate each dimension from 0 (none) to 4 (severe) and add a note on what you found.` }),
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
      if (Object.keys(errs).length) stop(f, errs);
      // Saved against the recommendation the clinician saw: its table.
      if (!rec && !(await recommend())) {
        f.showMessage('The recommendation could not be worked out. Please try again.');
        const e = new Error('no recommendation');
        e.handled = true;
        throw e;
      }
      if (v.chosen_level !== rec.recommended && !v.override_reason) stop(f, { override_reason: 'say why a different level was chosen' });
      const notes = {};
      for (const [k, val] of Object.entries(v.notes || {})) if (val) notes[k] = val;
      const body = { ratings: v.ratings, notes, flags: v.flags, chosen_level: v.chosen_level, table_version: rec.table_version };
      if (v.chosen_level !== rec.recommended) body.override_reason = v.override_reason;
      try {
        return await api.post(`/clients/${c.id}/placements`, body);
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

// ---------------------------------------------------------------- insurance

export async function loadInsurance(clientId) {
  const [coverages, checks, auths] = await Promise.all([
    guard(api.get(`/clients/${clientId}/coverages`)),
    guard(api.get(`/clients/${clientId}/benefit-checks`)),
    guard(api.get(`/clients/${clientId}/authorizations`)),
  ]);
  return { coverages, checks, auths };
}

export function money(cents) {
  if (cents === null || cents === undefined) return '';
  return (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}

const RANKS = [{ value: 'primary', label: 'Primary' }, { value: 'secondary', label: 'Secondary' }];
const REL_OPTIONS = Object.entries(INSURANCE_RELATIONSHIPS).map(([value, label]) => ({ value, label }));

export function drawInsurance(section, c, care, reload, { focus } = {}) {
  clear(section);
  const ins = care.insurance || {};
  const head = h('div.section-head', h('h2', { id: 'insurance-title', text: 'Insurance' }),
    button('Add coverage', () => coverageDialog(c, reload, !!(ins.coverages && ins.coverages.items && ins.coverages.items.length)), 'secondary', { id: 'add-coverage' }));
  section.append(head);
  if (ins.coverages && ins.coverages.error) { section.append(errorNote(ins.coverages.error)); return; }
  const covs = (ins.coverages && ins.coverages.items) || [];
  if (!covs.length) { section.append(h('p.empty', { text: 'No insurance coverage recorded.' })); return; }
  const checks = (ins.checks && ins.checks.items) || [];
  const auths = (ins.auths && ins.auths.items) || [];
  for (const cov of covs) {
    const hid = `coverage-${cov.id}-title`;
    const box = h('section.coverage', { 'aria-labelledby': hid, id: `coverage-${cov.id}` });
    const item = (label, value) => h('div.dl-item', h('dt', { text: label }), h('dd', value ? value : h('span.none', { text: 'Not recorded' })));
    box.append(h('div.section-head',
      h('h3', { id: hid, text: `${cap(cov.rank)}: ${cov.payer}${cov.plan ? ` — ${cov.plan}` : ''}` }),
      h('div.btn-row',
        button('Record a benefit check', () => checkDialog(c, cov, reload), 'secondary', { class: 'btn-small', id: `check-${cov.id}`, 'aria-label': `Record a benefit check for ${cov.payer}` }),
        button('Add authorization', () => authDialog(c, cov, care, reload), 'secondary', { class: 'btn-small', id: `auth-${cov.id}`, 'aria-label': `Add authorization for ${cov.payer}` }))),
    h('dl.details',
      item('Member ID', cov.member_id),
      item('Group number', cov.group_number),
      item('Plan holder', cov.subscriber_name),
      item('Relationship to the plan holder', INSURANCE_RELATIONSHIPS[cov.relationship] || cov.relationship),
      item('Coverage dates', cov.start_date || cov.end_date ? `${cov.start_date ? fmtDate(cov.start_date) : '…'} to ${cov.end_date ? fmtDate(cov.end_date) : '…'}` : '')));

    const mine = checks.filter((k) => k.coverage_id === cov.id);
    const latest = mine[0];
    if (latest) box.append(estimateBlock(latest, focus === `estimate-${latest.id}`, care.dir));
    else box.append(h('p.empty', { text: 'No benefit check recorded yet.' }));

    const myAuths = auths.filter((a) => a.coverage_id === cov.id);
    box.append(h('h4', { text: 'Authorizations' }));
    box.append(dataTable({
      caption: `Authorizations for ${cov.payer}`,
      rows: myAuths,
      empty: 'No authorization recorded.',
      columns: [
        { label: 'Number', render: (a) => a.number, className: 'card-title' },
        { label: 'Level', render: (a) => a.level },
        { label: 'Days authorized', render: (a) => String(a.days_authorized) },
        { label: 'From', render: (a) => fmtDate(a.start_date), className: 'nowrap' },
        { label: 'To', render: (a) => fmtDate(a.end_date), className: 'nowrap' },
        { label: 'Next review', render: (a) => (a.next_review ? fmtDate(a.next_review) : ''), className: 'nowrap' },
      ],
    }));
    section.append(box);
  }
  if (focus) {
    const el = document.getElementById(focus);
    if (el) el.focus();
  }
}

function byUsername(dir, username) {
  const s = dir && username ? dir.list.find((x) => x.username === username) : null;
  return s ? (s.full_name || s.username) : username;
}

function estimateBlock(k, focus, dir) {
  const e = k.estimate || {};
  const yes = (b) => (b ? 'Yes' : 'No');
  const item = (label, value) => h('div.dl-item', h('dt', { text: label }), h('dd', { text: value }));
  const block = h('div.estimate', { id: `estimate-${k.id}`, tabindex: '-1', 'aria-labelledby': `estimate-${k.id}-title`, role: 'group' },
    h('h4', { id: `estimate-${k.id}-title`, text: `Benefit check, ${fmtDateTime(k.checked_at)}${k.checked_by ? ` by ${byUsername(dir, k.checked_by)}` : ''}` }),
    h('dl.details',
      item('IOP covered', yes(k.iop_covered)),
      item('Deductible', `${money(k.deductible_cents)} (${money(k.deductible_met_cents)} met)`),
      item('Co-pay per day', money(k.copay_per_day_cents)),
      item('Coinsurance', `${(k.coinsurance_bp || 0) / 100}%`),
      item('Out-of-pocket maximum', k.oop_max_cents ? `${money(k.oop_max_cents)} (${money(k.oop_met_cents)} met)` : 'None'),
      item('Prior authorization required', yes(k.prior_auth_required)),
      item('Reference', k.reference || '—')),
    h('div.estimate-box',
      h('p.estimate-title', h('strong', { text: 'Estimated cost to the client' })),
      h('dl.details.estimate-figures',
        item('First IOP day', money(e.first_day_cents)),
        item('A typical week', money(e.typical_week_cents)),
        item(`A typical stay (${e.typical_stay_days || '?'} days)`, money(e.typical_stay_cents))),
      h('p.estimate-notice', { text: e.notice || 'This is an estimate, not a bill.' })));
  if (focus) setTimeout(() => block.focus(), 0);
  return block;
}

function onlyFilled(v) {
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '' && x !== null && x !== undefined));
}

// Insurance given on an inquiry is made into the client's coverage when the
// inquiry is converted, so this form starts empty.
async function coverageDialog(c, reload, hasCoverage) {
  const f = new Form();
  const saved = await formDialog({
    title: `Add coverage for ${c.first_name} ${c.last_name}`,
    form: f,
    className: 'dialog-wide',
    content: [
      h('div.form-grid',
      f.add(field({ name: 'rank', label: 'Primary or secondary', type: 'select', options: RANKS, value: hasCoverage ? 'secondary' : 'primary' })),
      f.add(field({ name: 'payer', label: 'Insurance company', required: true, maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'plan', label: 'Plan', maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'member_id', label: 'Member ID', required: true, maxlength: 50, autocomplete: 'off' })),
      f.add(field({ name: 'group_number', label: 'Group number', maxlength: 50, autocomplete: 'off' })),
      f.add(field({ name: 'subscriber_name', label: 'Plan holder', maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'subscriber_dob', label: 'Plan holder’s date of birth', type: 'date' })),
      f.add(field({ name: 'relationship', label: 'Relationship to the plan holder', type: 'select', options: REL_OPTIONS, value: 'self' })),
      f.add(field({ name: 'start_date', label: 'Coverage starts', type: 'date' })),
      f.add(field({ name: 'end_date', label: 'Coverage ends', type: 'date' })))],
    submitLabel: 'Add coverage',
    onSubmit: (v) => api.post(`/clients/${c.id}/coverages`, onlyFilled(v)),
  });
  if (!saved) return;
  toast(`Coverage added: ${saved.payer}.`);
  reload();
}

function dollarsToCents(s) {
  if (s === '' || s === null || s === undefined) return 0;
  const n = Number(String(s).replace(/[$,\s]/g, ''));
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : NaN;
}

async function checkDialog(c, cov, reload) {
  const f = new Form();
  const covered = radioGroup({ name: 'iop_covered', legend: 'Is IOP covered?', required: true, options: [{ value: true, label: 'Yes' }, { value: false, label: 'No' }] });
  const dollars = (name, label, hint) => field({ name, label, inputmode: 'decimal', autocomplete: 'off', hint: hint || 'In dollars, for example 1500 or 12.50.' });
  const saved = await formDialog({
    title: `Benefit check: ${cov.payer}`,
    form: f,
    className: 'dialog-wide',
    content: [
      f.add(covered),
      h('div.form-grid',
        f.add(dollars('deductible', 'Deductible')),
        f.add(dollars('deductible_met', 'Deductible met so far')),
        f.add(dollars('copay_per_day', 'Co-pay per IOP day')),
        f.add(field({ name: 'coinsurance', label: 'Coinsurance (%)', inputmode: 'decimal', autocomplete: 'off', hint: 'The client’s share after the deductible, for example 20.' })),
        f.add(dollars('oop_max', 'Out-of-pocket maximum', 'In dollars; leave empty or 0 when there is none.')),
        f.add(dollars('oop_met', 'Out-of-pocket met so far'))),
      f.add(field({ name: 'prior_auth_required', label: 'Prior authorization required', type: 'checkbox' })),
      f.add(field({ name: 'reference', label: 'Reference number', maxlength: 100, autocomplete: 'off', hint: 'The call or portal reference from the payer.' })),
    ],
    submitLabel: 'Save benefit check',
    onSubmit: (v) => {
      const errs = {};
      if (v.iop_covered === undefined) errs.iop_covered = 'choose yes or no';
      const body = { iop_covered: v.iop_covered, prior_auth_required: v.prior_auth_required, reference: v.reference };
      for (const k of ['deductible', 'deductible_met', 'copay_per_day', 'oop_max', 'oop_met']) {
        const cents = dollarsToCents(v[k]);
        if (Number.isNaN(cents)) errs[k] = 'enter an amount in dollars';
        else body[`${k}_cents`] = cents;
      }
      const pct = v.coinsurance === '' ? 0 : Number(v.coinsurance.replace('%', ''));
      if (!Number.isFinite(pct) || pct < 0 || pct > 100) errs.coinsurance = 'enter a percentage from 0 to 100';
      else body.coinsurance_bp = Math.round(pct * 100);
      if (Object.keys(errs).length) stop(f, errs);
      return api.post(`/coverages/${cov.id}/benefit-checks`, body).catch((err) => {
        if (err.fields) {
          for (const [k, m] of Object.entries(err.fields)) {
            const short = k.replace(/_cents$/, '').replace(/_bp$/, '');
            if (short !== k) { err.fields[short] = m; delete err.fields[k]; }
          }
        }
        throw err;
      });
    },
  });
  if (!saved) return;
  toast('Benefit check saved. The cost estimate is shown under the coverage.');
  reload({ focus: `estimate-${saved.id}` });
}

async function authDialog(c, cov, care, reload) {
  const f = new Form();
  const table = care.table && !care.table.error ? care.table : null;
  const levelField = table
    ? field({ name: 'level', label: 'Level of care', type: 'select', required: true, value: '2.1', options: table.levels.map((l) => ({ value: l.code, label: `${l.code} — ${cap(l.name)}` })) })
    : field({ name: 'level', label: 'Level of care', required: true, value: '2.1', maxlength: 10 });
  const saved = await formDialog({
    title: `Add authorization: ${cov.payer}`,
    form: f,
    className: 'dialog-wide',
    content: [h('div.form-grid',
      f.add(field({ name: 'number', label: 'Authorization number', required: true, maxlength: 100, autocomplete: 'off' })),
      f.add(levelField),
      f.add(field({ name: 'days_authorized', label: 'Days authorized', type: 'number', required: true, min: 1, max: 365, inputmode: 'numeric' })),
      f.add(field({ name: 'start_date', label: 'Start date', type: 'date', required: true, value: todayLocal() })),
      f.add(field({ name: 'end_date', label: 'End date', type: 'date', required: true })),
      f.add(field({ name: 'next_review', label: 'Next review', type: 'date' })))],
    submitLabel: 'Add authorization',
    onSubmit: (v) => api.post(`/coverages/${cov.id}/authorizations`, onlyFilled(v)),
  });
  if (!saved) return;
  toast(`Authorization ${saved.number} added: ${saved.days_authorized} days.`);
  reload();
}

// ---------------------------------------------------------------- admission

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
    const d = await api.get('/inquiries', { client_id: clientId, limit: 200 });
    return (d.items || []).find((q) => q.status !== 'admitted' && q.status !== 'closed') || null;
  } catch (err) {
    if (err.status === 401) throw err;
    return null;
  }
}

export async function admitDialog(c, care) {
  const [sites, dir, inquiry] = await Promise.all([
    api.get('/sites', { limit: 200 }),
    staffDirectory(),
    findInquiry(c.id),
  ]);
  const table = care.table && !care.table.error ? care.table : null;
  const activeSites = (sites.items || []).filter((s) => s.active).sort((a, b) => a.id - b.id);
  const people = (role) => dir.list.filter((s) => s.active && s.roles.includes(role))
    .map((s) => ({ value: String(s.id), label: s.full_name || s.username }));
  const f = new Form();
  const levelOpts = table ? table.levels.map((l) => ({ value: l.code, label: `${l.code} — ${cap(l.name)}` })) : [{ value: '2.1', label: '2.1 — Intensive outpatient care' }];
  const level = field({ name: 'level', label: 'Level of care', type: 'select', required: true, value: '2.1', options: levelOpts });
  const site = field({ name: 'site_id', label: 'Site', type: 'select', required: true, value: activeSites[0] ? String(activeSites[0].id) : '',
    options: activeSites.map((s) => ({ value: String(s.id), label: s.name })) });
  const track = field({ name: 'track_id', label: 'Track', type: 'select', options: [], hint: 'Tracks at this site for the level chosen, with their days and times.' });
  const clin = people('clinician');
  const cms = people('case_manager');
  const primary = field({ name: 'primary_clinician_id', label: 'Primary clinician', type: 'select', required: true, options: [{ value: '', label: 'Choose…' }, ...clin] });
  const cm = field({ name: 'case_manager_id', label: 'Case manager', type: 'select', options: [{ value: '', label: 'None yet' }, ...cms] });
  const notice = field({ name: 'privacy_notice_given', label: 'The notice of privacy for substance use records (42 CFR Part 2) was given', type: 'checkbox', required: true });

  let tracks = [];
  let tseq = 0;
  async function loadTracks() {
    const my = ++tseq;
    const sid = site.input.value;
    if (!sid) return;
    try {
      const d = await api.get('/tracks', { site_id: sid });
      if (my !== tseq) return;
      tracks = (d.items || []).filter((t) => t.active);
      fillTracks();
    } catch { /* leave empty */ }
  }
  function fillTracks() {
    const keep = track.input.value;
    clear(track.input);
    const fit = tracks.filter((t) => t.level_of_care === level.input.value);
    track.input.append(h('option', { value: '', text: fit.length ? 'No track' : 'No track at this level here' }));
    for (const t of fit) track.input.append(h('option', { value: String(t.id), text: trackText(t) }));
    if (fit.some((t) => String(t.id) === keep)) track.input.value = keep;
  }
  site.input.addEventListener('change', loadTracks);
  level.input.addEventListener('change', fillTracks);
  await loadTracks();

  const content = [
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
      if (!v.privacy_notice_given) errs.privacy_notice_given = 'the privacy notice must be given before admission';
      if (Object.keys(errs).length) stop(f, errs);
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
      return api.post(`/clients/${c.id}/episodes`, body);
    },
  });
  return saved;
}

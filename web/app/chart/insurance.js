// The chart's "Insurance": coverages, benefit checks (dollars and percent,
// sent as cents and basis points) with the cost estimate, and
// authorizations.
import { api, orError } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { formDialog } from '../components/dialog.js';
import { field, Form, radioGroup, stopWithErrors } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { fmtDate, fmtDateTime, cap, INSURANCE_RELATIONSHIPS, todayLocal } from '../format.js';
import { button, errorNote } from '../components/page.js';

export async function loadInsurance(clientId) {
  const [coverages, checks, auths] = await Promise.all([
    orError(api.get(paths.clientCoverages(clientId))),
    orError(api.get(paths.clientBenefitChecks(clientId))),
    orError(api.get(paths.clientAuthorizations(clientId))),
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
        button('Edit coverage', () => coverageDialog(c, reload, true, cov), 'secondary', { class: 'btn-small', id: `edit-coverage-${cov.id}`, 'aria-label': `Edit coverage ${cov.payer}, member ID ${cov.member_id}` }),
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
// inquiry is converted, so a new coverage starts empty.  Editing one (cov)
// corrects it in place: only the fields changed are sent.
async function coverageDialog(c, reload, hasCoverage, cov = null) {
  const f = new Form();
  const was = cov ? {
    rank: cov.rank, payer: cov.payer, plan: cov.plan, member_id: cov.member_id, group_number: cov.group_number,
    subscriber_name: cov.subscriber_name, subscriber_dob: cov.subscriber_dob || '', relationship: cov.relationship,
    start_date: cov.start_date || '', end_date: cov.end_date || '',
  } : {};
  const saved = await formDialog({
    title: cov ? `Edit coverage: ${cov.payer}` : `Add coverage for ${c.first_name} ${c.last_name}`,
    form: f,
    className: 'dialog-wide',
    content: [
      cov ? h('p.muted', { id: 'edit-coverage-note', text: 'Correct what was entered wrongly. Benefit checks and authorizations stay with this coverage.' }) : null,
      h('div.form-grid',
      f.add(field({ name: 'rank', label: 'Primary or secondary', type: 'select', options: RANKS, value: cov ? cov.rank : hasCoverage ? 'secondary' : 'primary' })),
      f.add(field({ name: 'payer', label: 'Insurance company', required: true, maxlength: 100, autocomplete: 'off', value: was.payer })),
      f.add(field({ name: 'plan', label: 'Plan', maxlength: 100, autocomplete: 'off', value: was.plan })),
      f.add(field({ name: 'member_id', label: 'Member ID', required: true, maxlength: 50, autocomplete: 'off', value: was.member_id })),
      f.add(field({ name: 'group_number', label: 'Group number', maxlength: 50, autocomplete: 'off', value: was.group_number })),
      f.add(field({ name: 'subscriber_name', label: 'Plan holder', maxlength: 100, autocomplete: 'off', value: was.subscriber_name })),
      f.add(field({ name: 'subscriber_dob', label: 'Plan holder’s date of birth', type: 'date', value: was.subscriber_dob })),
      f.add(field({ name: 'relationship', label: 'Relationship to the plan holder', type: 'select', options: REL_OPTIONS, value: cov ? cov.relationship : 'self' })),
      f.add(field({ name: 'start_date', label: 'Coverage starts', type: 'date', value: was.start_date })),
      f.add(field({ name: 'end_date', label: 'Coverage ends', type: 'date', value: was.end_date })))],
    submitLabel: cov ? 'Save changes' : 'Add coverage',
    onSubmit: (v) => {
      const errs = {};
      if (!v.payer) errs.payer = 'enter the insurance company’s name, as on the card';
      if (!v.member_id) errs.member_id = 'enter the member ID from the insurance card';
      if (v.start_date && v.end_date && v.end_date < v.start_date) errs.end_date = 'the coverage cannot end before it starts';
      if (Object.keys(errs).length) stopWithErrors(f, errs);
      if (!cov) return api.post(paths.clientCoverages(c.id), onlyFilled(v));
      const changed = Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== was[k]));
      if (!Object.keys(changed).length) return cov;
      return api.patch(paths.clientCoverage(c.id, cov.id), changed);
    },
  });
  if (!saved) return;
  toast(cov ? `Coverage saved: ${saved.payer}, member ID ${saved.member_id}.` : `Coverage added: ${saved.payer}.`);
  reload(cov ? { focus: `edit-coverage-${cov.id}` } : {});
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
      if (Object.keys(errs).length) stopWithErrors(f, errs);
      return api.post(paths.coverageBenefitChecks(cov.id), body).catch((err) => {
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
    onSubmit: (v) => api.post(paths.coverageAuthorizations(cov.id), onlyFilled(v)),
  });
  if (!saved) return;
  toast(`Authorization ${saved.number} added: ${saved.days_authorized} days.`);
  reload();
}

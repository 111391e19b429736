// The chart's "Consents and disclosures" (42 CFR Part 2): the client's
// consents with their status in words (active, revoked, expired), a form for
// a new consent with every element the regulation asks for (the server names
// any element missing, and the form shows it beside that field), Revoke…,
// "Release information…" (recipient, information, format, and a consent
// picker that offers only the consents covering that release; the client's
// related persons offered as recipients by name and organisation, and a
// "Probation report" preset), and the accounting of disclosures, printable
// on its own.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form, checkGroup, stopWithErrors } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { fmtDate, fmtDateTime, todayLocal } from '../format.js';
import { errorNote, button } from '../components/page.js';

let vocabPromise = null;
// The categories, kinds, formats and the regulation's wording (no client data).
export function consentVocabulary() {
  if (!vocabPromise) {
    vocabPromise = api.get(paths.consentVocabulary);
    vocabPromise.catch(() => { vocabPromise = null; });
  }
  return vocabPromise;
}

export async function loadConsents(clientId) {
  const get = (p) => api.get(p, { limit: 200 }).catch((err) => { if (err.status === 401) throw err; return { error: err }; });
  const [consents, disclosures] = await Promise.all([get(paths.clientConsents(clientId)), get(paths.clientDisclosures(clientId))]);
  return { consents, disclosures };
}

const infoLabel = (vocab, code) => {
  const c = vocab && vocab.information.find((x) => x.code === code);
  return c ? c.label : code.replace(/_/g, ' ');
};
const infoWords = (vocab, list) => list.map((x) => infoLabel(vocab, x)).join(', ');
const capFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const sameName = (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase();

// A related person as a recipient: "Ray Tillman, Lake County Adult
// Probation" — the same words on the consent and on the release.
export const recipientOf = (k) => (k.organisation ? `${k.name}, ${k.organisation}` : k.name);
// The presets of the release dialog: what a kind of report releases.
const PRESETS = [
  { id: 'probation', label: 'Probation report', kinds: ['probation_officer', 'parole_officer'], information: ['attendance', 'drug_screens', 'progress'],
    words: 'attendance, drug screen results and progress, to the probation or parole officer' },
];
async function relatedPersons(c) {
  try { return (await api.get(paths.clientContacts(c.id), { limit: 200 })).items; } catch (err) { if (err.status === 401) throw err; return []; }
}

const STATUS = {
  active: ['Active', 'ok'],
  revoked: ['Revoked', 'danger'],
  expired: ['Expired', 'warn'],
  not_yet_signed: ['Not yet signed', 'info'],
};

function statusCell(k) {
  const [word, kind] = STATUS[k.status] || [k.status, 'neutral'];
  const cell = h('span.stack', badge(word, kind));
  if (k.status === 'revoked') cell.append(h('span.muted.small', { text: `${fmtDateTime(k.revoked_at)}${k.revoked_by_name ? ` by ${k.revoked_by_name}` : ''}: ${k.revoke_reason}` }));
  return cell;
}

function recipientsText(k) {
  return k.recipients.map((r) => (r.kind === 'general' ? `General: ${r.name}` : r.name)).join('; ');
}

// Whether consent k covers a release of info to recipient (of kind) today:
// the rule of core/consent.c, so the picker offers only what the server
// will accept.
export function covers(k, recipient, kind, info) {
  if (k.status !== 'active') return false;
  const to = k.recipients.some((r) => (r.kind === 'general'
    ? kind === 'treating_provider' || kind === 'payer'
    : kind === 'named' && recipient.trim() !== '' && sameName(r.name, recipient)));
  return to && info.length > 0 && info.every((x) => k.information.includes(x));
}

// drawConsents(section, c, data {consents, disclosures}, {vocab, reload})
export function drawConsents(section, c, data, opts = {}) {
  clear(section);
  const vocab = opts.vocab;
  const can = auth.can('disclosures.release') && vocab;
  const consents = data.consents && !data.consents.error ? data.consents.items : [];
  const head = h('div.section-head', h('h2', { id: 'consents-title', text: 'Consents and disclosures' }));
  if (can) {
    head.append(h('div.btn-row',
      button('Record a consent…', () => consentDialog(c, vocab, opts), 'secondary', { id: 'record-consent' }),
      button('Release information…', () => releaseDialog(c, vocab, consents, opts), 'secondary', { id: 'release-info' })));
  }
  section.append(head);
  section.append(h('p.muted.small', { text: 'Substance-use treatment records leave the program only with the client’s written consent (42 CFR Part 2). Every release is listed below.' }));

  const list = h('div.consent-list');
  section.append(list);
  list.append(h('h3', { text: 'Consents' }));
  if (data.consents && data.consents.error) list.append(errorNote(data.consents.error));
  else {
    const columns = [
      { label: 'Status', render: statusCell },
      { label: 'Recipients', render: (k) => h('span.stack', h('span.strong', { text: recipientsText(k) }), h('span.muted.small', { text: k.purpose })), className: 'wide-cell' },
      { label: 'Information', render: (k) => h('span.stack', h('span', { text: infoWords(vocab, k.information) }), k.information_detail ? h('span.muted.small', { text: k.information_detail }) : null) },
      { label: 'Signed', render: (k) => `${fmtDate(k.signed_on)} (${k.signature})`, className: 'nowrap' },
      { label: 'Ends', render: (k) => (k.expires_on ? fmtDate(k.expires_on) : `When: ${k.expires_event}`) },
    ];
    if (can) {
      columns.push({ label: 'Revoke', render: (k) => (k.status === 'active' ? button('Revoke…', () => revokeDialog(k, vocab, opts), 'secondary',
        { class: 'btn-small', 'data-consent': String(k.id), 'aria-label': `Revoke the consent for ${recipientsText(k)}` }) : '') });
    }
    list.append(dataTable({ caption: 'Consents, newest first', rows: consents, columns, empty: 'No consent recorded. Nothing may be released until the client signs one.' }));
  }

  const acc = h('div.accounting', { id: 'accounting' });
  section.append(acc);
  acc.append(h('div.section-head', h('h3', { text: 'Accounting of disclosures' }),
    button('Print the accounting', () => printAccounting(), 'quiet', { id: 'print-accounting' })));
  acc.append(h('p.print-only', { text: `${c.first_name} ${c.last_name} (${c.mrn}): every release of information made with consent. Printed ${fmtDateTime(new Date().toISOString())}.` }));
  if (data.disclosures && data.disclosures.error) { acc.append(errorNote(data.disclosures.error)); return; }
  const rows = (data.disclosures && data.disclosures.items) || [];
  acc.append(dataTable({
    caption: 'Accounting of disclosures, newest first',
    rows,
    empty: 'Nothing has been released.',
    columns: [
      { label: 'Released', render: (x) => h('time', { datetime: x.released_at, text: fmtDateTime(x.released_at) }), className: 'nowrap' },
      { label: 'To', render: (x) => x.recipient + (x.recipient_kind === 'treating_provider' ? ' (treating provider)' : x.recipient_kind === 'payer' ? ' (health plan or payer)' : '') },
      { label: 'Information', render: (x) => infoWords(vocab, x.information) },
      { label: 'Purpose', key: 'purpose' },
      { label: 'Consent', render: (x) => `No. ${x.consent_id}` },
      { label: 'By', key: 'released_by_name' },
      { label: 'Document', render: (x) => (auth.can('disclosures.release')
        ? h('a', { href: `${x.document_url}`, download: '', text: `${x.format.toUpperCase()} file`, 'aria-label': `The ${x.format.toUpperCase()} file released ${fmtDateTime(x.released_at)}` })
        : x.format.toUpperCase()) },
    ],
  }));
}

// The accounting alone on paper (app.css hides the rest when printing).
function printAccounting() {
  document.body.classList.add('print-accounting');
  const done = () => { document.body.classList.remove('print-accounting'); window.removeEventListener('afterprint', done); };
  window.addEventListener('afterprint', done);
  window.print();
}

async function consentDialog(c, vocab, opts) {
  const persons = await relatedPersons(c);
  const f = new Form();
  const party = field({ name: 'disclosing_party', label: 'Who may disclose', required: true, value: opts.program || '', hint: 'The program (and site) that releases the records.' });
  const info = checkGroup({ name: 'information', legend: 'Information that may be disclosed', options: vocab.information.map((x) => ({ value: x.code, label: capFirst(x.label) })) });
  const detail = field({ name: 'information_detail', label: 'Described in the client’s words (optional)', hint: 'For example: “attendance and drug screen results since admission”.' });
  const related = checkGroup({ name: 'related', legend: 'Recipients among the client’s related persons', options: persons.map((k) => ({ value: k.id, label: `${recipientOf(k)} (${k.kind_label})` })),
    emptyText: 'No related persons recorded.' });
  const recips = field({ name: 'recipients', label: persons.length ? 'Other recipients, one per line' : 'Recipients, one per line', type: 'textarea', rows: 3, hint: 'A person or organisation by name, e.g. “Harbor Outpatient Counseling”.' });
  const general = field({ name: 'general', label: `Also: ${vocab.general_recipients} (treatment, payment and operations)`, type: 'checkbox', value: false });
  const purpose = field({ name: 'purpose', label: 'Purpose', type: 'textarea', rows: 2, required: true });
  const expiresOn = field({ name: 'expires_on', label: 'Ends on', type: 'date' });
  const expiresEvent = field({ name: 'expires_event', label: 'Or ends when', hint: 'An event, e.g. “discharge from the program”.' });
  const signedOn = field({ name: 'signed_on', label: 'Signed on', type: 'date', required: true, value: todayLocal() });
  const signature = field({ name: 'signature', label: 'Signed by (name as signed)', required: true, value: `${c.first_name} ${c.last_name}` });
  const saved = await formDialog({
    title: `Consent to disclose: ${c.first_name} ${c.last_name}`,
    form: f,
    className: 'dialog-wide',
    content: [
      h('p', h('strong', { text: 'Client: ' }), `${c.first_name} ${c.last_name} (${c.mrn})`),
      f.add(party), f.add(info), f.add(detail), persons.length ? f.add(related) : null, f.add(recips), f.add(general), f.add(purpose),
      h('div.form-grid', f.add(expiresOn), f.add(expiresEvent)),
      h('p.notice.notice-info', h('strong', { text: 'The consent states: ' }), vocab.revoke_statement),
      h('div.form-grid', f.add(signedOn), f.add(signature)),
    ],
    submitLabel: 'Record consent',
    onSubmit: (v) => {
      const recipients = [...persons.filter((k) => (v.related || []).includes(k.id)).map(recipientOf),
        ...String(v.recipients || '').split('\n').map((s) => s.trim()).filter(Boolean)];
      if (v.general) recipients.push({ kind: 'general' });
      if (!recipients.length) stopWithErrors(f, { recipients: 'name at least one recipient, or tick the general wording' });
      const body = {
        disclosing_party: v.disclosing_party, information: v.information, information_detail: v.information_detail,
        recipients, purpose: v.purpose, expires_on: v.expires_on || null, expires_event: v.expires_event,
        signed_on: v.signed_on || '', signature: v.signature,
      };
      return api.post(paths.clientConsents(c.id), body);
    },
  });
  if (!saved || saved === true) return;
  toast('Consent recorded.');
  if (opts.reload) opts.reload('record-consent');
}

async function revokeDialog(k, vocab, opts) {
  const f = new Form();
  const reason = field({ name: 'reason', label: 'Why', type: 'textarea', rows: 2, required: true, hint: 'The client’s words, or the event that ended it. Releases already made stay in the accounting.' });
  const saved = await formDialog({
    title: `Revoke the consent for ${recipientsText(k)}`,
    form: f,
    content: [h('p', { text: `From now on nothing may be released under it (${infoWords(vocab, k.information)}).` }), f.add(reason)],
    submitLabel: 'Revoke consent',
    onSubmit: (v) => api.post(paths.consentRevoke(k.id), { reason: v.reason }),
  });
  if (!saved || saved === true) return;
  toast('Consent revoked.');
  if (opts.reload) opts.reload('record-consent');
}

// The release dialog from elsewhere in the chart (a referral packet from
// Case management): the one release path, with the recipient prefilled
// (prefill.recipient) and the consents read afresh.  Reloads the consents
// section (opts.reload) after a release.
export async function openReleaseDialog(c, opts = {}, prefill = {}) {
  const [vocab, data] = await Promise.all([consentVocabulary(), loadConsents(c.id)]);
  const consents = data.consents && !data.consents.error ? data.consents.items : [];
  return releaseDialog(c, vocab, consents, opts, prefill);
}

async function releaseDialog(c, vocab, consents, opts, prefill = {}) {
  const persons = await relatedPersons(c);
  const f = new Form();
  const fromPersons = persons.map(recipientOf);
  const named = [...new Set([...fromPersons, ...consents.filter((k) => k.status === 'active').flatMap((k) => k.recipients.filter((r) => r.kind !== 'general').map((r) => r.name))])];
  const listId = 'release-recipients';
  const recipient = field({ name: 'recipient', label: 'To', required: true, list: listId, value: prefill.recipient || '', hint: 'A related person, or as named on the consent; or a treating provider or payer under the general wording.' });
  const personPick = persons.length ? field({ name: 'person', label: 'Or pick a related person', type: 'select', value: '',
    options: [{ value: '', label: 'Choose…' }, ...persons.map((k) => ({ value: String(k.id), label: `${recipientOf(k)} (${k.kind_label})` }))] }) : null;
  const kind = field({ name: 'recipient_kind', label: 'The recipient is', type: 'select', value: 'named', options: [
    { value: 'named', label: 'Named on a consent' },
    { value: 'treating_provider', label: 'A treating provider (general wording)' },
    { value: 'payer', label: 'A health plan or payer (general wording)' }] });
  const producible = vocab.information.filter((x) => x.producible);
  const info = checkGroup({ name: 'information', legend: 'Information to release', options: producible.map((x) => ({ value: x.code, label: capFirst(x.label) })),
    hint: 'Only what the recipient needs: each category goes on the document from the record.' });
  const format = field({ name: 'format', label: 'Format', type: 'select', value: 'pdf', options: [
    { value: 'pdf', label: 'PDF (to print or send)' }, { value: 'csv', label: 'CSV (spreadsheet)' },
    { value: 'json', label: 'JSON (another system)' }] });
  const consent = field({ name: 'consent_id', label: 'Under the consent', type: 'select', options: [] });
  const coverNote = h('p.cover-note', { role: 'status' });
  const refresh = () => {
    const who = recipient.value || '';
    const k = kind.value;
    const what = info.value;
    const ok = consents.filter((x) => covers(x, who, k, what));
    clear(consent.input);
    for (const x of ok) consent.input.append(h('option', { value: String(x.id), text: `No. ${x.id}: ${recipientsText(x)}, signed ${fmtDate(x.signed_on)}` }));
    consent.input.disabled = !ok.length;
    clear(coverNote);
    if (!what.length || (k === 'named' && !who.trim())) coverNote.append(h('span.muted', { text: 'Say to whom and what, and the consents that cover it appear here.' }));
    else if (!ok.length) coverNote.append(badge('Not covered', 'danger'), ' ', `No active consent covers ${infoWords(vocab, what)} for ${who.trim() || 'this recipient'}. Ask the client to sign one first.`);
    else coverNote.append(badge('Covered', 'ok'), ' ', `${ok.length === 1 ? 'One consent covers' : `${ok.length} consents cover`} it.`);
  };
  for (const el of [recipient.input, kind.input]) el.addEventListener('input', refresh);
  kind.input.addEventListener('change', refresh);
  info.el.addEventListener('change', refresh);
  if (personPick) {
    personPick.input.addEventListener('change', () => {
      const k = persons.find((x) => String(x.id) === personPick.input.value);
      if (!k) return;
      recipient.input.value = recipientOf(k);
      kind.input.value = 'named';
      refresh();
    });
  }
  // A preset fills what and to whom (the first related person of its kinds).
  const presetNote = h('p.small.muted', { role: 'status' });
  const presetRow = h('div.btn-row.release-presets', ...PRESETS.map((p) => button(p.label, () => {
    const k = persons.find((x) => p.kinds.includes(x.kind));
    info.value = p.information;
    kind.input.value = 'named';
    if (k) { recipient.input.value = recipientOf(k); if (personPick) personPick.input.value = String(k.id); }
    presetNote.textContent = k ? `${p.label}: ${p.words}.` : `${p.label}: ${p.words}. No probation or parole officer is recorded under Related persons: type the recipient as the consent names them.`;
    refresh();
  }, 'secondary', { class: 'btn-small', id: `preset-${p.id}` })));
  // What a caller fills in (a discharge summary sent on: its category).
  if (prefill.information) info.value = prefill.information;
  refresh();
  const saved = await formDialog({
    title: prefill.title || `Release information: ${c.first_name} ${c.last_name}`,
    form: f,
    className: 'dialog-wide',
    content: [
      h('datalist', { id: listId }, ...named.map((n) => h('option', { value: n }))),
      h('div.release-preset-line', h('span.small', { text: 'Presets: ' }), presetRow), presetNote,
      h('div.form-grid', f.add(recipient), personPick ? personPick.el : null, f.add(kind)), f.add(info), f.add(format), f.add(consent), coverNote,
      h('p.muted.small', { text: 'The federal notice forbidding use of these records against the client (42 CFR 2.32) and a copy of the consent go on the document.' }),
    ],
    submitLabel: 'Release',
    onSubmit: (v) => api.post(paths.clientDisclosures(c.id), {
      recipient: v.recipient, recipient_kind: v.recipient_kind, information: v.information, format: v.format,
      consent_id: v.consent_id ? Number(v.consent_id) : null,
    }),
  });
  if (!saved || saved === true) return saved;
  toast(`Released to ${saved.recipient}, with the federal notice. It is in the accounting of disclosures.`);
  if (opts.reload) opts.reload(prefill.focusId || 'release-info');
  return saved;
}

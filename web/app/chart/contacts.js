// The chart's "Related persons": family, partners, sponsors, probation
// officers and others the client named, each with who they are to the
// client, their organisation, and a clear mark whether the program may
// contact them (Part 2: contacting anyone about a client tells them the
// client is in treatment, so "Do not contact" until the client agrees).
// Releasing records to them is another matter: a consent (Consents below).
import { api, auth, saveRecord } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { confirmDialog, formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { cap } from '../format.js';
import { button, errorNote } from '../components/page.js';
import { consentVocabulary } from './consents.js';

const RELATIONSHIPS = ['mother', 'father', 'parent', 'spouse', 'partner', 'sibling', 'child', 'grandparent', 'friend', 'AA sponsor', 'roommate', 'employer', 'probation officer', 'case worker', 'guardian'];
// The kinds of relationship (GET /vocabularies/consents: relationship_kinds).
const kinds = async () => (await consentVocabulary()).relationship_kinds;

// "Probation officer, Lake County Adult Probation": how the chart and the
// release dialog name a related person beside their name.
export function personRole(k) {
  const rel = k.relationship && k.relationship.toLowerCase() !== (k.kind_label || '').toLowerCase() ? ` (${k.relationship})` : '';
  return `${k.kind_label || cap(k.relationship)}${rel}${k.organisation ? `, ${k.organisation}` : ''}`;
}

export function drawContacts(ctx, c, contacts, section) {
  clear(section);
  const canWrite = auth.can('clients.write');
  const head = h('div.section-head', h('h2', { id: 'contacts-title', text: 'Related persons' }));
  if (canWrite) head.append(button('Add related person', () => editContact(ctx, c, null, section), 'secondary', { id: 'add-contact' }));
  section.append(head);
  if (!contacts.items.length) {
    section.append(h('p.empty', { text: 'No related persons recorded: family, partner, sponsor, probation officer, employer.' }));
    return;
  }
  const list = h('ul.contact-list');
  for (const k of contacts.items) {
    const badges = h('span.badges');
    badges.append(k.may_contact ? badge('May be contacted', 'ok') : badge('Do not contact', 'warn'));
    if (k.emergency) badges.append(badge('Emergency contact', 'danger'));
    if (k.guardian) badges.append(badge('Guardian', 'info'));
    const lines = h('div.contact-lines');
    if (k.phone) lines.append(h('p', h('span.label', { text: 'Phone ' }), h('a', { href: `tel:${k.phone.replace(/[^0-9+]/g, '')}`, text: k.phone })));
    if (k.email) lines.append(h('p', h('span.label', { text: 'Email ' }), h('a', { href: `mailto:${k.email}`, text: k.email })));
    if (k.notes) lines.append(h('p.contact-notes', h('span.label', { text: 'Notes ' }), k.notes));
    const li = h('li.contact',
      h('div.contact-main',
        h('h3.contact-name', { text: k.name }),
        h('p.contact-rel', { text: personRole(k) }),
        badges.children.length ? badges : null,
        lines));
    if (canWrite) {
      li.append(h('div.contact-actions',
        button('Edit', () => editContact(ctx, c, k, section), 'secondary', { class: 'btn-small', 'aria-label': `Edit ${k.name}` }),
        button('Remove', () => removeContact(ctx, c, k, section), 'secondary', { class: 'btn-small', 'aria-label': `Remove ${k.name}` })));
    }
    list.append(li);
  }
  section.append(list);
}

export async function reloadContacts(ctx, c, section) {
  try {
    const contacts = await api.get(paths.clientContacts(c.id), { limit: 200 });
    if (ctx.isCurrent()) drawContacts(ctx, c, contacts, section);
  } catch (err) {
    if (err.status !== 401 && ctx.isCurrent()) section.append(errorNote(err));
  }
}

async function editContact(ctx, c, k, section) {
  const f = new Form();
  const v = k || { emergency: false, guardian: false, may_contact: false, kind: '' };
  let kindList;
  try { kindList = await kinds(); } catch (err) { if (err.status !== 401) toast(err.message, 'error'); return; }
  const listId = 'relationship-options';
  const datalist = h('datalist', { id: listId }, RELATIONSHIPS.map((r) => h('option', { value: r })));
  const content = [
    h('p.muted', { text: 'Give a phone number or an email (at least one).' }),
    h('div.form-grid',
      f.add(field({ name: 'name', label: 'Name', required: true, value: v.name, maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'kind', label: 'Who they are to the client', type: 'select', required: true, value: v.kind,
        options: [{ value: '', label: 'Choose…' }, ...kindList.map((x) => ({ value: x.code, label: x.label }))] })),
      f.add(field({ name: 'relationship', label: 'In the client\'s words', value: v.relationship, maxlength: 50, list: listId, autocomplete: 'off', hint: 'For example: mother, AA sponsor.' })),
      f.add(field({ name: 'organisation', label: 'Organisation', value: v.organisation, maxlength: 100, autocomplete: 'off', hint: 'For a probation officer or an employer: the office or company.' })),
      f.add(field({ name: 'phone', label: 'Phone', type: 'tel', value: v.phone, maxlength: 30, autocomplete: 'off' })),
      f.add(field({ name: 'email', label: 'Email', type: 'email', value: v.email, maxlength: 254, autocomplete: 'off' }))),
    datalist,
    f.add(field({ name: 'may_contact', label: 'The client agrees that we may contact this person', type: 'checkbox', value: v.may_contact,
      hint: 'Leave unticked until the client says so. Sending them any record also needs a signed consent naming them.' })),
    h('div.check-row',
      f.add(field({ name: 'emergency', label: 'Emergency contact', type: 'checkbox', value: v.emergency })),
      f.add(field({ name: 'guardian', label: 'Legal guardian', type: 'checkbox', value: v.guardian }))),
    f.add(field({ name: 'notes', label: 'Notes', type: 'textarea', value: v.notes, maxlength: 500 })),
  ];
  const saved = await formDialog({
    title: k ? `Edit ${k.name}` : `Add a related person for ${c.first_name} ${c.last_name}`,
    form: f,
    content,
    submitLabel: k ? 'Save' : 'Add related person',
    className: 'dialog-wide',
    onSubmit: (values) => saveRecord(k, values, paths.clientContacts(c.id), (id) => paths.clientContact(c.id, id)),
  });
  if (!saved) return;
  toast(k ? 'Saved.' : `Related person added: ${saved.name}.`);
  await reloadContacts(ctx, c, section);
}

async function removeContact(ctx, c, k, section) {
  const ok = await confirmDialog({
    title: 'Remove this related person?',
    message: `${k.name} (${personRole(k)}) will be removed from ${c.first_name} ${c.last_name}'s related persons. The audit trail keeps a record of the removal.`,
    confirmLabel: 'Remove',
    danger: true,
  });
  if (!ok) return;
  try {
    await api.del(paths.clientContact(c.id, k.id));
    toast('Removed.');
  } catch (err) {
    if (err.status === 401) return;
    toast(err.message, 'error');
  }
  await reloadContacts(ctx, c, section);
}

// The chart's "Contacts": family, sponsors and others the client named,
// with the emergency contact and the legal guardian marked.
import { api, auth, saveRecord } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { confirmDialog, formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { cap } from '../format.js';
import { button, errorNote } from '../components/page.js';

const RELATIONSHIPS = ['mother', 'father', 'parent', 'spouse', 'partner', 'sibling', 'child', 'grandparent', 'friend', 'sponsor', 'roommate', 'employer', 'probation officer', 'case worker', 'guardian'];

export function drawContacts(ctx, c, contacts, section) {
  clear(section);
  const canWrite = auth.can('clients.write');
  const head = h('div.section-head', h('h2', { id: 'contacts-title', text: 'Contacts' }));
  if (canWrite) head.append(button('Add contact', () => editContact(ctx, c, null, section), 'secondary', { id: 'add-contact' }));
  section.append(head);
  if (!contacts.items.length) {
    section.append(h('p.empty', { text: 'No contacts recorded.' }));
    return;
  }
  const list = h('ul.contact-list');
  for (const k of contacts.items) {
    const badges = h('span.badges');
    if (k.emergency) badges.append(badge('Emergency contact', 'danger'));
    if (k.guardian) badges.append(badge('Guardian', 'info'));
    const lines = h('div.contact-lines');
    if (k.phone) lines.append(h('p', h('span.label', { text: 'Phone ' }), h('a', { href: `tel:${k.phone.replace(/[^0-9+]/g, '')}`, text: k.phone })));
    if (k.email) lines.append(h('p', h('span.label', { text: 'Email ' }), h('a', { href: `mailto:${k.email}`, text: k.email })));
    if (k.notes) lines.append(h('p.contact-notes', h('span.label', { text: 'Notes ' }), k.notes));
    const li = h('li.contact',
      h('div.contact-main',
        h('h3.contact-name', { text: k.name }),
        h('p.contact-rel', { text: cap(k.relationship) }),
        badges.children.length ? badges : null,
        lines));
    if (canWrite) {
      li.append(h('div.contact-actions',
        button('Edit', () => editContact(ctx, c, k, section), 'secondary', { class: 'btn-small', 'aria-label': `Edit contact ${k.name}` }),
        button('Remove', () => removeContact(ctx, c, k, section), 'secondary', { class: 'btn-small', 'aria-label': `Remove contact ${k.name}` })));
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
  const v = k || { emergency: false, guardian: false };
  const listId = 'relationship-options';
  const datalist = h('datalist', { id: listId }, RELATIONSHIPS.map((r) => h('option', { value: r })));
  const content = [
    h('p.muted', { text: 'Give a phone number or an email (at least one).' }),
    h('div.form-grid',
      f.add(field({ name: 'name', label: 'Name', required: true, value: v.name, maxlength: 100, autocomplete: 'off' })),
      f.add(field({ name: 'relationship', label: 'Relationship', required: true, value: v.relationship, maxlength: 50, list: listId, autocomplete: 'off', hint: 'For example: mother, partner, sponsor.' })),
      f.add(field({ name: 'phone', label: 'Phone', type: 'tel', value: v.phone, maxlength: 30, autocomplete: 'off' })),
      f.add(field({ name: 'email', label: 'Email', type: 'email', value: v.email, maxlength: 254, autocomplete: 'off' }))),
    datalist,
    h('div.check-row',
      f.add(field({ name: 'emergency', label: 'Emergency contact', type: 'checkbox', value: v.emergency })),
      f.add(field({ name: 'guardian', label: 'Legal guardian', type: 'checkbox', value: v.guardian }))),
    f.add(field({ name: 'notes', label: 'Notes', type: 'textarea', value: v.notes, maxlength: 500 })),
  ];
  const saved = await formDialog({
    title: k ? `Edit contact ${k.name}` : `Add a contact for ${c.first_name} ${c.last_name}`,
    form: f,
    content,
    submitLabel: k ? 'Save contact' : 'Add contact',
    className: 'dialog-wide',
    onSubmit: (values) => saveRecord(k, values, paths.clientContacts(c.id), (id) => paths.clientContact(c.id, id)),
  });
  if (!saved) return;
  toast(k ? 'Contact saved.' : `Contact added: ${saved.name}.`);
  await reloadContacts(ctx, c, section);
}

async function removeContact(ctx, c, k, section) {
  const ok = await confirmDialog({
    title: 'Remove this contact?',
    message: `${k.name} (${k.relationship}) will be removed from ${c.first_name} ${c.last_name}'s contacts. The audit trail keeps a record of the removal.`,
    confirmLabel: 'Remove contact',
    danger: true,
  });
  if (!ok) return;
  try {
    await api.del(paths.clientContact(c.id, k.id));
    toast('Contact removed.');
  } catch (err) {
    if (err.status === 401) return;
    toast(err.message, 'error');
  }
  await reloadContacts(ctx, c, section);
}

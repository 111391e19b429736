// The client's chart: demographics header, status, open safety alerts,
// screenings and contacts.
import { api, auth } from '../api.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { confirmDialog, formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { fmtDate, age, cap, clientName } from '../format.js';
import { pageHeader, linkButton, button, errorNote, loading } from '../components/page.js';
import { loadAlerts, drawAlerts, loadScreenings, drawScreenings } from './alerts.js';
import { staffDirectory } from '../directory.js';
import { loadCare, inCareLine, canAdmit, admitDialog, drawPlacements, drawInsurance, loadInsurance } from './care.js';

const RELATIONSHIPS = ['mother', 'father', 'parent', 'spouse', 'partner', 'sibling', 'child', 'grandparent', 'friend', 'sponsor', 'roommate', 'employer', 'probation officer', 'case worker', 'guardian'];

export async function render(ctx) {
  const id = ctx.params.id;
  const [client, contacts, alerts, screenings, dir, care] = await Promise.all([
    api.get(`/clients/${id}`),
    api.get(`/clients/${id}/contacts`, { limit: 200 }),
    loadAlerts(id),
    loadScreenings(id),
    auth.can('screening.read') ? staffDirectory().catch(() => null) : null,
    loadCare(id),
  ]);
  if (!ctx.isCurrent()) return;
  draw(ctx, client, contacts, { alerts, screenings, dir, care });
}

function draw(ctx, c, contacts, clinical) {
  clear(ctx.main);
  const canWrite = auth.can('clients.write');
  const actions = [];
  if (canWrite) {
    actions.push(linkButton(`#/clients/${c.id}/edit`, 'Edit', 'secondary', { id: 'edit-client' }));
    actions.push(button(c.active ? 'Deactivate' : 'Reactivate', () => toggleActive(ctx, c), 'secondary', { id: 'toggle-active' }));
  }
  if (auth.can('audit.read')) actions.push(linkButton(`#/clients/${c.id}/audit`, 'Audit trail', 'secondary', { id: 'audit-link' }));
  const care = clinical.care || {};
  if (c.active && canAdmit(care)) actions.unshift(button('Admit', () => admit(ctx, c, care), 'primary', { id: 'admit' }));

  const sub = h('div.page-sub-wrap', h('p.page-sub', h('span.mrn', { text: c.mrn }), ' ', c.active ? badge('Active', 'ok') : badge('Inactive', 'warn')), inCareLine(care));
  ctx.main.append(pageHeader(ctx, clientName(c), { back: { href: '#/clients', label: 'Clients' }, actions, sub }));
  if (!c.active) {
    ctx.main.append(h('div.notice.notice-warn', h('p', h('strong', { text: 'Inactive client. ' }), 'This record is kept but hidden from the client list unless inactive clients are included.')));
  }
  // Open safety alerts come first, where nobody can miss them.
  const alertsHost = h('div.alerts-host', { id: 'alerts-host' });
  ctx.main.append(alertsHost);
  drawAlerts(alertsHost, c, clinical.alerts, { after: () => reloadScreenings(ctx, c, clinical) });

  const years = age(c.dob);
  const a = c.address || {};
  const cityLine = [a.city, [a.state, a.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const addressLines = [a.line1, a.line2, cityLine].filter(Boolean);
  const item = (label, value) => h('div.dl-item', h('dt', { text: label }), h('dd', value === '' || value === null || value === undefined || (Array.isArray(value) && !value.length) ? h('span.none', { text: 'Not recorded' }) : value));
  const details = h('dl.details',
    item('Name', `${c.first_name} ${c.last_name}`),
    item('Preferred name', c.preferred_name),
    item('MRN', c.mrn),
    item('Date of birth', c.dob ? `${fmtDate(c.dob)}${years !== null ? ` (age ${years})` : ''}` : ''),
    item('Sex', cap(c.sex)),
    item('Gender identity', c.gender_identity),
    item('Phone', c.phone ? h('a', { href: `tel:${c.phone.replace(/[^0-9+]/g, '')}`, text: c.phone }) : ''),
    item('Email', c.email ? h('a', { href: `mailto:${c.email}`, text: c.email }) : ''),
    item('Address', addressLines.length ? addressLines.map((l, i) => [i ? h('br') : null, l]) : ''),
    item('Preferred language', c.language),
    item('Status', c.active ? 'Active' : 'Inactive'));
  ctx.main.append(h('section.card', { 'aria-labelledby': 'demo-title' }, h('h2', { id: 'demo-title', text: 'Demographics' }), details));

  if (auth.can('screening.read')) {
    clinical.section = h('section.card', { 'aria-labelledby': 'screenings-title', id: 'screenings' });
    ctx.main.append(clinical.section);
    drawScreenings(clinical.section, c, clinical.screenings, clinical.dir);

    const placeSection = h('section.card', { 'aria-labelledby': 'placement-title', id: 'placements' });
    ctx.main.append(placeSection);
    const reloadPlacements = async () => {
      try {
        care.placements = await api.get(`/clients/${c.id}/placements`);
      } catch (err) { if (err.status === 401) return; care.placements = { error: err }; }
      if (!placeSection.isConnected) return;
      drawPlacements(placeSection, c, care, reloadPlacements);
      const b = document.getElementById('assess-loc');
      if (b) b.focus();
    };
    drawPlacements(placeSection, c, care, reloadPlacements);
  }

  if (auth.can('insurance.manage')) {
    const insSection = h('section.card', { 'aria-labelledby': 'insurance-title', id: 'insurance' });
    ctx.main.append(insSection);
    const reloadInsurance = async (opts = {}) => {
      try { care.insurance = await loadInsurance(c.id); } catch { return; }
      if (!insSection.isConnected) return;
      drawInsurance(insSection, c, care, reloadInsurance, opts);
    };
    drawInsurance(insSection, c, care, reloadInsurance);
  }

  const contactsSection = h('section.card', { 'aria-labelledby': 'contacts-title' });
  ctx.main.append(contactsSection);
  drawContacts(ctx, c, contacts, contactsSection);
}

function drawContacts(ctx, c, contacts, section) {
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

async function reloadContacts(ctx, c, section) {
  try {
    const contacts = await api.get(`/clients/${c.id}/contacts`, { limit: 200 });
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
    onSubmit: (values) => {
      if (!k) return api.post(`/clients/${c.id}/contacts`, values);
      const changed = {};
      for (const key of Object.keys(values)) if (values[key] !== k[key]) changed[key] = values[key];
      return Object.keys(changed).length ? api.patch(`/clients/${c.id}/contacts/${k.id}`, changed) : k;
    },
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
    await api.del(`/clients/${c.id}/contacts/${k.id}`);
    toast('Contact removed.');
  } catch (err) {
    if (err.status === 401) return;
    toast(err.message, 'error');
  }
  await reloadContacts(ctx, c, section);
}

async function admit(ctx, c, care) {
  let saved;
  try {
    saved = await admitDialog(c, care);
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    return;
  }
  if (!saved || !ctx.isCurrent()) return;
  toast(`Admitted: ${[saved.track_name, saved.site_name].filter(Boolean).join(', ')}.`);
  await render(ctx);
  const line = document.getElementById('in-care');
  if (line) { line.setAttribute('tabindex', '-1'); line.focus(); ctx.focusHandled = true; }
}

async function toggleActive(ctx, c) {
  const deactivate = c.active;
  const ok = await confirmDialog({
    title: deactivate ? 'Deactivate this client?' : 'Reactivate this client?',
    message: deactivate
      ? `${c.first_name} ${c.last_name} (${c.mrn}) will be marked inactive. Nothing is deleted; the record can be reactivated later. Inactive clients are hidden from the client list unless inactive clients are included.`
      : `${c.first_name} ${c.last_name} (${c.mrn}) will be active again and will appear in the client list.`,
    confirmLabel: deactivate ? 'Deactivate' : 'Reactivate',
    danger: deactivate,
  });
  if (!ok) return;
  try {
    const updated = await api.patch(`/clients/${c.id}`, { active: !deactivate });
    toast(deactivate ? 'Client deactivated.' : 'Client reactivated.');
    const [contacts, alerts, screenings, dir, care] = await Promise.all([
      api.get(`/clients/${c.id}/contacts`, { limit: 200 }),
      loadAlerts(c.id),
      loadScreenings(c.id),
      auth.can('screening.read') ? staffDirectory().catch(() => null) : null,
      loadCare(c.id),
    ]);
    if (!ctx.isCurrent()) return;
    draw(ctx, updated, contacts, { alerts, screenings, dir, care });
    const b = document.getElementById('toggle-active');
    if (b) b.focus();
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
  }
}

async function reloadScreenings(ctx, c, clinical) {
  if (!clinical.section) return;
  try {
    const screenings = await loadScreenings(c.id);
    if (ctx.isCurrent() && clinical.section.isConnected) drawScreenings(clinical.section, c, screenings, clinical.dir);
  } catch { /* signed out */ }
}

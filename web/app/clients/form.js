// Add or edit a client.  Field errors from the server appear next to each
// input with a summary on top; a possible duplicate (409) shows the matches
// and lets the user save anyway.  Editing sends only the changed fields.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { field, Form, showApiError } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { badge } from '../components/badge.js';
import { toast } from '../components/toast.js';
import { fmtDate, clientName, todayLocal, SEX_OPTIONS } from '../format.js';
import { navigate } from '../nav.js';
import { pageHeader } from '../components/page.js';

const TEXT_FIELDS = ['first_name', 'last_name', 'preferred_name', 'dob', 'sex', 'gender_identity', 'phone', 'email', 'language'];
const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'state', 'postal_code'];

export async function render(ctx) {
  const id = ctx.params.id;
  const editing = !!id;
  const original = editing ? await api.get(paths.client(id)) : null;
  if (!ctx.isCurrent()) return;
  const c = original || { address: {} };
  const addr = c.address || {};

  const f = new Form();
  const F = (o) => f.add(field({ ...o, value: o.name.startsWith('address.') ? addr[o.name.slice(8)] : c[o.name] }));
  const nameGroup = h('div.form-grid',
    F({ name: 'first_name', label: 'First name', required: true, autocomplete: 'off', maxlength: 100 }),
    F({ name: 'last_name', label: 'Last name', required: true, autocomplete: 'off', maxlength: 100 }),
    F({ name: 'preferred_name', label: 'Preferred name', autocomplete: 'off', maxlength: 100, hint: 'The name the client likes to be called.' }),
    F({ name: 'dob', label: 'Date of birth', type: 'date', required: true, min: '1900-01-01', max: todayLocal() }),
    F({ name: 'sex', label: 'Sex', type: 'select', required: true, options: SEX_OPTIONS, hint: 'As recorded for insurance and clinical use.' }),
    F({ name: 'gender_identity', label: 'Gender identity', autocomplete: 'off', maxlength: 100, hint: 'In the client’s own words, if they wish to share it.' }),
    F({ name: 'phone', label: 'Phone', type: 'tel', autocomplete: 'off', maxlength: 30 }),
    F({ name: 'email', label: 'Email', type: 'email', autocomplete: 'off', maxlength: 254 }),
    F({ name: 'language', label: 'Preferred language', autocomplete: 'off', maxlength: 100 }));
  const addressGroup = h('fieldset.fieldset', h('legend', { text: 'Address' }),
    h('div.address-grid',
      F({ name: 'address.line1', label: 'Street address', autocomplete: 'off', maxlength: 100, className: 'wide' }),
      F({ name: 'address.line2', label: 'Apartment, suite, etc.', autocomplete: 'off', maxlength: 100 }),
      F({ name: 'address.city', label: 'City', autocomplete: 'off', maxlength: 100 }),
      F({ name: 'address.state', label: 'State', autocomplete: 'off', maxlength: 100 }),
      F({ name: 'address.postal_code', label: 'ZIP / postal code', autocomplete: 'off', maxlength: 20 })));

  const dupPanel = h('div.dup-panel', { hidden: true });
  const submit = h('button.btn.btn-primary', { type: 'submit', text: editing ? 'Save changes' : 'Add client' });
  const cancelHref = editing ? `#/clients/${id}` : '#/clients';
  const form = h('form.card.client-form', { novalidate: true, 'aria-label': editing ? 'Edit client' : 'New client' },
    f.summary, dupPanel, h('p.muted.required-note', { text: 'Fields marked (required) must be filled in.' }),
    nameGroup, addressGroup,
    h('div.form-actions', submit, h('a.btn.btn-secondary', { href: cancelHref, text: 'Cancel' })));

  const title = editing ? `Edit ${clientName(original)}` : 'Add client';
  ctx.main.append(pageHeader(ctx, title, { back: editing ? { href: cancelHref, label: 'Back to chart' } : { href: '#/clients', label: 'Clients' }, sub: editing ? h('p.page-sub', { text: original.mrn }) : null }), form);

  function body() {
    const v = f.values();
    if (!editing) return v;
    const changed = {};
    for (const k of TEXT_FIELDS) if ((v[k] ?? '') !== (original[k] ?? '')) changed[k] = v[k];
    if (ADDRESS_FIELDS.some((k) => (v.address[k] ?? '') !== ((original.address || {})[k] ?? ''))) changed.address = v.address;
    return changed;
  }

  async function save(allowDuplicate = false) {
    const b = body();
    if (editing && !Object.keys(b).length) {
      toast('Nothing was changed.', 'info');
      navigate(`#/clients/${id}`);
      return;
    }
    if (allowDuplicate) b.allow_duplicate = true;
    submit.disabled = true;
    try {
      const saved = editing ? await api.patch(paths.client(id), b) : await api.post(paths.clients, b);
      toast(editing ? 'Changes saved.' : `Client added: ${clientName(saved)}, ${saved.mrn}.`);
      navigate(`#/clients/${saved.id}`);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      if (err.status === 409 && err.code === 'duplicate') { f.clearErrors(); showDuplicates(err); return; }
      dupPanel.hidden = true;
      showApiError(f, err);
    }
  }

  function showDuplicates(err) {
    const matches = (err.body && err.body.error && err.body.error.matches) || [];
    clear(dupPanel);
    const headId = 'dup-title';
    dupPanel.setAttribute('role', 'alert');
    dupPanel.setAttribute('aria-labelledby', headId);
    const again = h('button.btn.btn-warning', { type: 'button', id: 'save-anyway', text: 'Save as a new client anyway' });
    again.addEventListener('click', () => { again.disabled = true; save(true).finally(() => { again.disabled = false; }); });
    dupPanel.append(
      h('h2', { id: headId, tabindex: '-1' }, h('span.warn-word', { text: 'Warning: ' }), 'possible duplicate'),
      h('p', { text: err.message || 'A client with this name and date of birth already exists.' }),
      h('p', { text: 'Check that this is not the same person before adding a new record. Opening a chart opens a new tab, so what you typed here stays.' }),
      dataTable({
        caption: 'Existing clients with the same name and date of birth',
        collapse: true,
        rows: matches,
        columns: [
          { label: 'MRN', render: (m) => m.mrn },
          { label: 'Name', render: (m) => `${m.last_name}, ${m.first_name}`, className: 'card-title' },
          { label: 'Date of birth', render: (m) => fmtDate(m.dob) },
          { label: 'Status', render: (m) => (m.active ? badge('Active', 'ok') : badge('Inactive', 'warn')) },
          { label: 'Chart', render: (m) => h('a', { href: `#/clients/${m.id}`, target: '_blank', rel: 'noopener', text: `Open ${m.mrn}`, 'aria-label': `Open ${m.mrn}, the chart of ${m.first_name} ${m.last_name}, in a new tab` }) },
        ],
      }),
      h('div.form-actions', again, h('a.btn.btn-secondary', { href: '#/clients', text: 'Cancel, do not add' })));
    dupPanel.hidden = false;
    dupPanel.querySelector('h2').focus();
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); save(false); });
  f.get('first_name').focus();
  ctx.focusHandled = true;
}

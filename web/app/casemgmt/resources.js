// Resources: the program's address book of outside organisations (legal
// aid, housing, clinics, food banks, ...) that case managers refer clients
// to.  Search by name, address or notes, filter by kind; the staff who
// coordinate care with the outside (disclosures.release) add and edit them,
// and make one inactive rather than delete it.  No client data here.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { pageHeader, errorNote, button } from '../components/page.js';
import { replaceQuery } from '../nav.js';
import { casemgmtVocabulary, label } from './vocab.js';

export async function render(ctx) {
  const vocab = await casemgmtVocabulary();
  if (!ctx.isCurrent()) return;
  const can = auth.can('disclosures.release');
  const state = { q: ctx.query.get('q') || '', kind: ctx.query.get('kind') || '', all: ctx.query.get('all') === '1' };
  const q = field({ name: 'q', label: 'Search', type: 'search', value: state.q, hint: 'Name, address or notes.' });
  const kind = field({ name: 'kind', label: 'Kind', type: 'select', value: state.kind,
    options: [{ value: '', label: 'Any kind' }, ...vocab.resource_kinds.map((k) => ({ value: k.code, label: k.label }))] });
  const all = field({ name: 'all', label: 'Show inactive ones too', type: 'checkbox', value: state.all });
  const status = h('p.result-status', { role: 'status', 'aria-live': 'polite' });
  const results = h('div.results');
  const actions = can ? [button('Add a resource…', () => edit(null), 'primary', { id: 'add-resource' })] : [];
  ctx.main.append(
    pageHeader(ctx, 'Resources', { actions, sub: h('p.page-sub', { text: 'Outside organisations clients are referred to. Refer a client from the Case management section of their chart.' }) }),
    h('div.toolbar.resource-filters', q.el, kind.el, all.el),
    status, results);
  const ask = ctx.line();
  let timer = null;
  q.input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  kind.input.addEventListener('change', () => load());
  all.input.addEventListener('change', () => load());

  async function load(focusId) {
    state.q = q.value; state.kind = kind.value; state.all = all.value;
    replaceQuery('/resources', { q: state.q, kind: state.kind, all: state.all ? '1' : '' });
    const ticket = ask();
    let d;
    try {
      d = await api.get(paths.resources, { q: state.q, kind: state.kind, include_inactive: state.all ? 'true' : '', limit: 200 });
    } catch (err) {
      if (err.status === 401 || !ticket()) return;
      clear(results).append(errorNote(err));
      return;
    }
    if (!ticket()) return;
    clear(results);
    const items = d.items || [];
    status.textContent = `${items.length === d.total ? d.total : `${items.length} of ${d.total}`} resource${d.total === 1 ? '' : 's'}.`;
    const columns = [
      { label: 'Organisation', rowHeader: true, render: (x) => h('span.stack', h('span.strong', { text: x.name }), x.active ? null : badge('Inactive', 'warn')) },
      { label: 'Kind', render: (x) => label(vocab.resource_kinds, x.kind) },
      { label: 'Phone', render: (x) => (x.phone ? h('a', { href: `tel:${x.phone}`, text: x.phone }) : '') },
      { label: 'Email and website', render: (x) => (x.email || x.website ? h('span.stack', x.email ? h('a', { href: `mailto:${x.email}`, text: x.email }) : null, x.website ? h('span', { text: x.website }) : null) : '') },
      { label: 'Address', key: 'address' },
      { label: 'Notes', key: 'notes', className: 'wide-cell' },
    ];
    if (can) columns.push({ label: 'Edit', render: (x) => button('Edit…', () => edit(x), 'secondary', { class: 'btn-small', 'aria-label': `Edit ${x.name}`, 'data-resource': String(x.id) }) });
    results.append(dataTable({ caption: 'Resources', rows: items, columns,
      empty: state.q || state.kind ? 'No resource matches. Try fewer words, or another kind.' : 'The address book is empty. Add the organisations your clients are referred to.' }));
    const el = focusId && document.getElementById(focusId);
    if (el) el.focus();
  }

  async function edit(x) {
    const f = new Form();
    const v = x || { name: '', kind: 'other', address: '', phone: '', email: '', website: '', notes: '', active: true };
    const fields = [
      field({ name: 'name', label: 'Organisation', required: true, value: v.name, maxlength: 200 }),
      field({ name: 'kind', label: 'Kind', type: 'select', value: v.kind, options: vocab.resource_kinds.map((k) => ({ value: k.code, label: k.label })) }),
      field({ name: 'phone', label: 'Phone', type: 'tel', value: v.phone }),
      field({ name: 'email', label: 'Email', type: 'email', value: v.email }),
      field({ name: 'website', label: 'Website', value: v.website }),
      field({ name: 'address', label: 'Address', type: 'textarea', rows: 2, value: v.address }),
      field({ name: 'notes', label: 'Notes', type: 'textarea', rows: 3, value: v.notes, hint: 'Hours, who to ask for, what they need from a referral.' }),
    ];
    if (x) fields.push(field({ name: 'active', label: 'Active (offered for new referrals)', type: 'checkbox', value: v.active }));
    const saved = await formDialog({
      title: x ? `Edit ${x.name}` : 'Add a resource',
      form: f,
      className: 'dialog-wide',
      content: [h('div.form-grid', ...fields.slice(0, 5).map((y) => f.add(y))), ...fields.slice(5).map((y) => f.add(y))],
      submitLabel: x ? 'Save' : 'Add resource',
      onSubmit: (vals) => (x ? api.patch(paths.resource(x.id), vals) : api.post(paths.resources, vals)),
    });
    if (!saved || saved === true || !ctx.isCurrent()) return;
    toast(x ? 'Resource saved.' : `${saved.name} added to the address book.`);
    await load(x ? null : 'add-resource');
  }

  await load();
}

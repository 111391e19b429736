// The whole audit log, for review by administrators and directors:
// sign-ins, refusals, every read and change, newest first; and a box that
// opens one client's trail by record number.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, uid } from '../dom.js';
import { field } from '../components/field.js';
import { parseMrn } from '../format.js';
import { pageHeader } from '../components/page.js';
import { navigate } from '../nav.js';
import { auditList } from './table.js';

export async function render(ctx) {
  const list = auditList(ctx, {
    path: '/audit',
    fetch: (limit, offset) => api.get(paths.audit, { limit, offset }),
    caption: 'Audit log',
    withClient: true,
    pagerLabel: 'Audit log pages',
  });
  await list.load();
  if (!ctx.isCurrent()) return;

  const findId = uid('find-trail');
  const rec = field({
    name: 'record', label: 'Record number', hint: 'For example IOP-000042, or just 42.',
    autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', maxlength: 20,
  });
  rec.el.querySelector('.field-error').setAttribute('role', 'alert');
  const find = h('form.find-trail', { role: 'search', 'aria-labelledby': findId, novalidate: true },
    rec.el, h('button.btn.btn-primary', { type: 'submit', text: 'Show trail' }));
  find.addEventListener('submit', (e) => {
    e.preventDefault();
    const raw = rec.value;
    const id = parseMrn(raw);
    rec.clearError();
    if (id === null) {
      rec.setError(raw === ''
        ? 'Enter a record number, for example IOP-000042.'
        : `“${raw}” is not a record number. Enter it as IOP-000042 or 42.`);
      rec.focus();
      return;
    }
    navigate(`#/clients/${id}/audit`);
  });

  ctx.main.append(
    pageHeader(ctx, 'Audit log'),
    h('p.muted', { text: 'Everything the system recorded — sign-ins, refused requests, every read and change — newest first. Times are in your local time. Opening this log is itself recorded.' }),
    h('div.card.find-card',
      h('h2', { id: findId, text: 'Find a client’s trail' }),
      find),
    h('section.audit-section', { 'aria-labelledby': 'audit-entries-heading' },
      h('h2', { id: 'audit-entries-heading', text: 'All entries' }),
      list.el),
  );
}

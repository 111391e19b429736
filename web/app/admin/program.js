// Administration: the program's own details — its name, the line under it,
// and the phone and email the public pages give — which an administrator
// saves here (PATCH /api/v1/program).  Until they are saved once, the
// set-up checklist on the administrator's home (Staff) asks for them.
import { api, orError } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { pageHeader, errorNote } from '../components/page.js';
import { setProgramName } from '../program.js';

export async function render(ctx) {
  const prog = await orError(api.get(paths.program));
  if (!ctx.isCurrent()) return;
  ctx.main.append(pageHeader(ctx, 'Program details', {
    sub: h('p.page-sub', { text: 'What the public pages say about the program, and the name under openiop in this app.' }),
  }));
  if (prog.error) { ctx.main.append(errorNote(prog.error)); return; }

  const f = new Form();
  const status = h('p.muted', { id: 'program-saved-note', text: prog.details_saved ? '' : 'Not saved yet: the public pages show the neutral name "Intensive Outpatient Program" until you save the details.' });
  const form = h('form.stack.program-form', { id: 'program-form', novalidate: true },
    f.summary,
    f.add(field({ name: 'name', label: 'Program name', required: true, value: prog.name, maxlength: 100, autocomplete: 'organization', hint: 'Shown as the heading of the public pages and under openiop in this app.' })),
    f.add(field({ name: 'tagline', label: 'Line under the name', value: prog.tagline, maxlength: 200, autocomplete: 'off', hint: 'One plain sentence for someone looking for help, e.g. "Evening and day groups for recovery from alcohol and drug use."' })),
    f.add(field({ name: 'phone', label: 'Admissions phone for the public', type: 'tel', value: prog.phone, maxlength: 30, autocomplete: 'off', hint: 'Leave empty to show the first site\'s phone.' })),
    f.add(field({ name: 'email', label: 'Email for the public', type: 'email', value: prog.email, maxlength: 254, autocomplete: 'off', hint: 'Optional. Shown at the foot of the public pages.' })),
    h('div.form-actions', h('button.btn.btn-primary', { type: 'submit', id: 'program-save', text: 'Save program details' }),
      h('a', { href: '/', target: '_blank', rel: 'noopener', text: 'See the public page' })),
    status);
  ctx.main.append(h('section.card', { id: 'program-details', 'aria-label': 'Program details' }, form));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const save = form.querySelector('#program-save');
    save.disabled = true;
    try {
      const saved = await api.patch(paths.program, f.values());
      if (!ctx.isCurrent()) return;
      f.clearErrors();
      setProgramName(saved.name);
      status.textContent = '';
      toast('Program details saved.');
    } catch (err) {
      if (err.status === 401) return;
      if (err.fields && Object.keys(err.fields).length) f.showErrors(err.fields, err.message);
      else f.showMessage(err.message || 'The details were not saved. Please try again.');
    } finally {
      save.disabled = false;
    }
  });
}

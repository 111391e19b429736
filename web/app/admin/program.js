// Administration: the program's own details — its name, the line under it,
// and the phone and email the public pages give — which an administrator
// saves here (PATCH /api/v1/program).  Until they are saved once, the
// set-up checklist on the administrator's home (Staff) asks for them.
// Below, for administrators and directors: the schedule of repeated
// measures (PATCH /api/v1/measures/schedule), how often PHQ-9, GAD-7 and
// BAM are given again in an episode and the rise that raises a task.
import { api, auth, orError } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { field, Form } from '../components/field.js';
import { toast } from '../components/toast.js';
import { pageHeader, errorNote } from '../components/page.js';
import { setProgramName } from '../program.js';

export async function render(ctx) {
  const admin = auth.can('admin.manage');
  const [prog, sched] = await Promise.all([admin ? orError(api.get(paths.program)) : null,
    auth.can('tracks.manage') ? orError(api.get(paths.measureSchedule)) : null]);
  if (!ctx.isCurrent()) return;
  ctx.main.append(pageHeader(ctx, admin ? 'Program details' : 'Program settings', {
    sub: h('p.page-sub', { text: admin ? 'What the public pages say about the program, and the name under openiop in this app.' : 'How the program repeats its measures.' }),
  }));
  if (admin) drawDetails(ctx, prog);
  if (sched) drawSchedule(ctx, sched);
}

function drawDetails(ctx, prog) {
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

// The schedule of repeated measures: per instrument every how many days
// (0: not repeated) and the rise that raises a task (0: none).
function drawSchedule(ctx, sched) {
  const section = h('section.card', { id: 'measure-schedule', 'aria-labelledby': 'measure-schedule-title' });
  ctx.main.append(section);
  section.append(h('h2', { id: 'measure-schedule-title', text: 'Repeated measures' }));
  if (sched.error) { section.append(errorNote(sched.error)); return; }
  section.append(h('p.muted', { text: `Each instrument is given again through an episode, counted from the last time it was given (the admission screening is the first). It shows on the clinician’s task list when due, and as overdue ${sched.grace_days} days later. A rise in the score by the amount set, from one time to the next, sends the client’s clinician a task to review it.` }));
  const f = new Form();
  const form = h('form.stack.measure-schedule-form', { id: 'measure-schedule-form', novalidate: true }, f.summary);
  for (const m of sched.items) {
    form.append(h('fieldset.measure-setting', h('legend', { text: `${m.name} (${m.score_label} 0–${m.score_max})` }),
      h('div.form-grid',
        f.add(field({ name: `${m.code}.every_days`, label: `Give the ${m.name} again every … days`, type: 'number', inputmode: 'numeric', min: 0, max: 365, value: m.every_days, hint: `0: not repeated. Usual: ${m.default_every_days}.` })),
        f.add(field({ name: `${m.code}.worsen_by`, label: `Task when the ${m.name} ${m.score_label} rises by`, type: 'number', inputmode: 'numeric', min: 0, max: m.score_max, value: m.worsen_by, hint: `Points since the last time. 0: no task. Usual: ${m.default_worsen_by}.` })))));
  }
  form.append(h('div.form-actions', h('button.btn.btn-primary', { type: 'submit', id: 'measure-schedule-save', text: 'Save the schedule' })));
  section.append(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const save = form.querySelector('#measure-schedule-save');
    save.disabled = true;
    const body = f.values();
    for (const o of Object.values(body)) {
      for (const k of Object.keys(o)) if (/^\s*\d+\s*$/.test(o[k])) o[k] = Number(o[k]);
    }
    try {
      await api.patch(paths.measureSchedule, body);
      if (!ctx.isCurrent()) return;
      f.clearErrors();
      toast('Schedule of repeated measures saved.');
    } catch (err) {
      if (err.status === 401) return;
      if (err.fields && Object.keys(err.fields).length) f.showErrors(err.fields, err.message);
      else f.showMessage(err.message || 'The schedule was not saved. Please try again.');
    } finally {
      save.disabled = false;
    }
  });
}

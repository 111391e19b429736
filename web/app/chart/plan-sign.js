// "Client signs": the shared screen.  The clinician hands the screen over;
// a full-screen modal shows only the plan, in large text, and a signature
// (the client types their name and ticks "I agree").  Nothing else of the
// chart is visible or reachable behind it (a modal <dialog> makes the page
// inert).  The staff member signed in is kept as the witness.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { openDialog } from '../components/dialog.js';
import { field, Form, showApiError } from '../components/field.js';
import { toast } from '../components/toast.js';
import { planView } from './plan.js';

// The signature on a shared screen (this one and the aftercare plan's):
// the client types their name (idPrefix-name) and ticks agreeLabel
// (idPrefix-agree).  el goes below the plan; ready() shows what is missing
// and says whether the signature may be sent.
export function sharedSignature(idPrefix, agreeLabel) {
  const form = new Form();
  const name = field({ name: 'name', label: 'Type your full name to sign', required: true, autocomplete: 'off', id: `${idPrefix}-name` });
  const agree = field({ name: 'agree', label: agreeLabel, type: 'checkbox', id: `${idPrefix}-agree` });
  form.add(name);
  form.add(agree);
  return {
    form,
    name,
    el: h('div.plan-shared-sign', form.summary, name.el, agree.el),
    ready() {
      form.clearErrors();
      const errs = {};
      if (!name.value) errs.name = 'Please type your full name.';
      if (!agree.value) errs.agree = 'Please tick the box to say you agree, or hand the screen back to talk about it.';
      if (Object.keys(errs).length) { form.showErrors(errs); return false; }
      return true;
    },
  };
}

export function clientSigns(c, plan, opts) {
  const sig = sharedSignature('plan-sign', 'I have read this treatment plan, helped write it, and I agree with it.');
  const body = [
    h('p.plan-shared-lead', { text: 'Please read your treatment plan. When you are ready, type your name and tick the box to sign it.' }),
    planView(plan, { large: true }),
    sig.el,
  ];
  const dlg = openDialog({
    title: 'Your treatment plan',
    className: 'plan-shared',
    body,
    actions: [
      { label: 'Sign my plan', kind: 'primary', id: 'plan-sign-submit', onClick: (d, b) => submit(d, b) },
      { label: 'Hand back without signing', kind: 'secondary', id: 'plan-sign-cancel', onClick: (d) => d.close(null) },
    ],
  });
  sig.name.focus();

  async function submit(d, b) {
    if (!sig.ready()) return;
    b.disabled = true;
    try {
      await api.post(paths.planClientSignature(plan.id), { name: sig.name.value, agree: true });
    } catch (err) {
      b.disabled = false;
      if (err.status === 401) { d.close(null); return; }
      showApiError(sig.form, err);
      return;
    }
    // Thank the client; the clinician takes the screen back.
    clear(d.body).append(h('p.plan-shared-thanks', { role: 'status', text: 'Thank you. Your plan is signed. Please hand the screen back to your clinician.' }));
    const bar = d.el.querySelector('.dialog-actions');
    clear(bar).append(h('button.btn.btn-primary', { type: 'button', id: 'plan-sign-done', text: 'Done (clinician)', onclick: async () => { d.close(true); toast('The client signed the plan; it is locked.'); await opts.reload('plan-revise'); } }));
    bar.querySelector('button').focus();
  }
  return dlg.result;
}

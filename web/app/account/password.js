// Change one's own password.  Required before anything else when the
// account was created or reset by an administrator.
import { api, auth, setSession } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { field, Form, showApiError } from '../components/field.js';
import { toast } from '../components/toast.js';
import { navigate, homePath } from '../nav.js';
import { pageHeader } from '../components/page.js';
import { startTaskCount } from '../tasks/count.js';

export async function render(ctx) {
  const forced = !!(auth.user && auth.user.must_change_password);
  const f = new Form();
  // For password managers: which account this is.
  const hidden = h('input', { type: 'text', name: 'username', autocomplete: 'username', value: auth.user.username, hidden: true, readOnly: true });
  const cur = field({ name: 'current_password', label: 'Current password', type: 'password', autocomplete: 'current-password', required: true, noTrim: true });
  const nw = field({ name: 'new_password', label: 'New password', type: 'password', autocomplete: 'new-password', required: true, noTrim: true, hint: 'At least 12 characters, and not your username. A few unrelated words make a strong password.' });
  const conf = field({ name: 'confirm', label: 'New password again', type: 'password', autocomplete: 'new-password', required: true, noTrim: true });
  const submit = h('button.btn.btn-primary', { type: 'submit', text: 'Change password' });
  const actions = h('div.form-actions', submit);
  if (!forced) actions.append(h('a.btn.btn-secondary', { href: '#' + homePath(), text: 'Cancel' }));
  const form = h('form.card', { novalidate: true }, f.summary, hidden, f.add(cur), f.add(nw), f.add(conf), actions);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = f.values();
    const errs = {};
    if (!v.current_password) errs.current_password = 'enter your current password';
    if (v.new_password.length < 12) errs.new_password = 'use at least 12 characters';
    else if (v.new_password === auth.user.username) errs.new_password = 'choose a password that is not your username';
    else if (v.new_password === v.current_password) errs.new_password = 'choose a password different from your current one';
    if (!errs.new_password && v.confirm !== v.new_password) errs.confirm = 'type the new password again, exactly the same';
    if (Object.keys(errs).length) { f.showErrors(errs); return; }
    submit.disabled = true;
    try {
      await api.put(paths.myPassword, { current_password: v.current_password, new_password: v.new_password });
      const me = await api.get(paths.me);
      setSession(me);
      startTaskCount();
      toast('Your password has been changed.');
      navigate('#' + homePath(), { replace: true });
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      showApiError(f, err);
    }
  });

  ctx.main.append(h('div.narrow', pageHeader(ctx, forced ? 'Choose a new password' : 'Change password'),
    forced ? h('p', { text: 'Before you continue, please replace the password you were given with one only you know.' }) : null,
    form));
}

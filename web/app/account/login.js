// Sign in.  The server's message is shown as it comes ("Wrong username or
// password.", or the rate-limit message after too many attempts).
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { field } from '../components/field.js';
import { signedIn, notices } from '../session.js';
import { pageHeader } from '../components/page.js';

export async function render(ctx) {
  const notice = notices.login;
  const user = field({ name: 'username', label: 'Username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
  const pass = field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', noTrim: true });
  const message = h('div.notice', { hidden: true, tabindex: '-1' });
  const submit = h('button.btn.btn-primary.btn-block', { type: 'submit', text: 'Sign in' });
  const form = h('form.card.login-card', { novalidate: true }, message, user.el, pass.el, submit);

  const show = (text, kind) => {
    message.textContent = '';
    message.append(h('p', { text }));
    message.className = `notice notice-${kind}`;
    message.hidden = false;
    if (kind === 'error') message.setAttribute('role', 'alert'); else message.setAttribute('role', 'status');
  };
  if (notice) show(notice.text, notice.kind);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    user.clearError(); pass.clearError();
    const username = user.value;
    const password = pass.value;
    if (!username || !password) {
      if (!username) user.setError('Enter your username.');
      if (!password) pass.setError('Enter your password.');
      (username ? pass : user).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const body = await api.post(paths.session, { username, password }, { quiet401: true });
      signedIn(body);
    } catch (err) {
      submit.disabled = false;
      submit.textContent = 'Sign in';
      if (err.status === 401) show(err.message || 'Wrong username or password.', 'error');
      else if (err.status === 429) show(err.message || 'Too many sign-in attempts. Please wait a minute and try again.', 'error');
      else show(err.message || 'Could not sign in. Please try again.', 'error');
      pass.value = '';
      pass.focus();
    }
  });

  ctx.main.append(h('div.narrow', pageHeader(ctx, 'Sign in'), h('p.muted', { text: 'Staff sign-in for openiop.' }), form,
    h('p.crisis-line', 'In crisis? Call or text ', h('a', { href: 'tel:988', text: '988' }), ' (Suicide & Crisis Lifeline).')));
  notices.login = null;
  user.focus();
  ctx.focusHandled = true;
}

// Modal dialogs on the native <dialog> element: it traps focus, closes on
// Escape and makes the page behind it inert.  Focus goes back to where it was.
import { h, uid } from '../dom.js';

const openDialogs = new Set();

// Close every open dialog (on navigation or sign-out).
export function closeAllDialogs() {
  for (const d of [...openDialogs]) d.close(null);
}

// openDialog({title, body, actions, onCancel, className, role})
// actions: [{label, kind ('primary'|'danger'|'secondary'), onClick(dlg), type}]
// Returns {el, close(value), result: Promise, body}.
export function openDialog({ title, body = [], actions = [], className = '', role, describedBy, form }) {
  const titleId = uid('dlg-title');
  const returnTo = document.activeElement;
  let resolveResult;
  const result = new Promise((r) => { resolveResult = r; });
  let closed = false;

  const closeBtn = h('button.dialog-x', { type: 'button', 'aria-label': 'Close', text: '×' });
  const actionBar = h('div.dialog-actions');
  const inner = form ? h('form.dialog-inner', { novalidate: true }) : h('div.dialog-inner');
  const content = h('div.dialog-body', body);
  inner.append(h('div.dialog-head', h('h2', { id: titleId, text: title }), closeBtn), content, actionBar);
  const el = h(`dialog.dialog${className ? '.' + className : ''}`, { 'aria-labelledby': titleId }, inner);
  if (role) el.setAttribute('role', role);
  if (describedBy) el.setAttribute('aria-describedby', describedBy);

  const dlg = {
    el,
    body: content,
    form: form ? inner : null,
    result,
    close(value = null) {
      if (closed) return;
      closed = true;
      openDialogs.delete(dlg);
      if (el.open) el.close();
      el.remove();
      if (returnTo && returnTo.isConnected && typeof returnTo.focus === 'function') returnTo.focus();
      resolveResult(value);
    },
  };
  for (const a of actions) {
    const b = h(`button.btn.btn-${a.kind || 'secondary'}`, { type: a.type || 'button', text: a.label });
    if (a.onClick) b.addEventListener('click', () => a.onClick(dlg, b));
    if (a.id) b.id = a.id;
    if (a.autofocus) b.setAttribute('autofocus', '');
    actionBar.append(b);
  }
  closeBtn.addEventListener('click', () => dlg.close(null));
  el.addEventListener('cancel', (e) => { e.preventDefault(); dlg.close(null); });
  openDialogs.add(dlg);
  document.body.append(el);
  el.showModal();
  const first = el.querySelector('[autofocus]') || content.querySelector('input, select, textarea') || actionBar.querySelector('.btn-primary, .btn-danger') || closeBtn;
  if (first) first.focus();
  return dlg;
}

// Ask a yes/no question.  Resolves true when confirmed.
export function confirmDialog({ title, message, confirmLabel = 'Confirm', cancelLabel = 'Cancel', danger = false }) {
  const msgId = uid('dlg-msg');
  const dlg = openDialog({
    title,
    role: 'alertdialog',
    describedBy: msgId,
    body: [h('p', { id: msgId, text: message })],
    actions: [
      { label: cancelLabel, kind: 'secondary', autofocus: danger, onClick: (d) => d.close(false) },
      { label: confirmLabel, kind: danger ? 'danger' : 'primary', onClick: (d) => d.close(true) },
    ],
  });
  return dlg.result.then((v) => v === true);
}

// A dialog holding a form.  onSubmit(values) may throw an ApiError: its
// field messages appear next to the inputs inside the dialog.  Resolves with
// what onSubmit returned, or null when cancelled.
// formDialog({title, form (a Form), content: [nodes], submitLabel, onSubmit, className})
export function formDialog({ title, form, content, submitLabel = 'Save', cancelLabel = 'Cancel', onSubmit, className = '' }) {
  const dlg = openDialog({
    title,
    form: true,
    className,
    body: [form.summary, ...content],
    actions: [
      { label: cancelLabel, kind: 'secondary', onClick: (d) => d.close(null) },
      { label: submitLabel, kind: 'primary', type: 'submit' },
    ],
  });
  const submit = dlg.form.querySelector('button[type=submit]');
  dlg.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const r = await onSubmit(form.values(), form);
      dlg.close(r === undefined ? true : r);
    } catch (err) {
      submit.disabled = false;
      if (err && err.status === 401) { dlg.close(null); return; }
      if (err && err.handled) return;
      if (err && err.fields && Object.keys(err.fields).length) form.showErrors(err.fields, err.message);
      else form.showMessage((err && err.message) || 'Something went wrong. Please try again.');
    }
  });
  return dlg.result;
}

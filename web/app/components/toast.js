// Brief messages after an action ("Client saved.").  They live in a polite
// live region so screen readers announce them, and fade after a few seconds.
import { h } from '../dom.js';

export function toast(message, kind = 'ok') {
  const host = document.getElementById('toasts');
  if (!host) return;
  const t = h(`div.toast.toast-${kind}`, h('span', { text: message }));
  host.append(t);
  while (host.children.length > 3) host.firstElementChild.remove();
  const ms = kind === 'error' ? 8000 : 4500;
  setTimeout(() => {
    t.classList.add('toast-out');
    setTimeout(() => t.remove(), 300);
  }, ms);
}

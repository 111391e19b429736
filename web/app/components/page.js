// Pieces shared by the screens.
import { h } from '../dom.js';

// The top of a screen: optional back link, the one h1, optional actions.
export function pageHeader(ctx, title, { back, actions = [], sub } = {}) {
  ctx.setTitle(title);
  const head = h('div.page-head');
  if (back) head.append(h('p.back', h('a', { href: back.href, text: '← ' + back.label })));
  const row = h('div.page-title-row', h('div.page-title', h('h1', { text: title }), sub || null));
  if (actions.length) row.append(h('div.page-actions', actions));
  head.append(row);
  return head;
}

export function renderMessagePage(ctx, title, message, withHomeLink = false) {
  ctx.main.append(pageHeader(ctx, title), h('p', { text: message }));
  if (withHomeLink) ctx.main.append(h('p', h('a', { href: '#/', text: 'Go to the start page' })));
}

export function loading(text = 'Loading…') {
  return h('p.loading', { role: 'status', text });
}

export function errorNote(err) {
  return h('div.notice.notice-error', { role: 'alert' }, h('p', { text: (err && err.message) || 'Something went wrong.' }));
}

// A link that looks like a button.
export function linkButton(href, text, kind = 'secondary', attrs = {}) {
  return h(`a.btn.btn-${kind}`, { href, text, ...attrs });
}

export function button(text, onclick, kind = 'secondary', attrs = {}) {
  return h(`button.btn.btn-${kind}`, { type: 'button', text, onclick, ...attrs });
}

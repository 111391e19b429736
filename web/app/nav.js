// Navigation: the address (the hash) read and written, where each user's
// home is, and the one way to drop a stale answer.  The router in app.js
// registers itself here; views import this module, never app.js, so no
// import cycle runs through the shell.
import { auth } from './api.js';

let router = () => {};

// app.js hands over the function that draws the screen for the address.
export function setRouter(fn) { router = fn; }

// '#/clients/12?tab=x' → { path: '/clients/12', query: URLSearchParams }
export function parseHash() {
  const raw = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, qs = ''] = raw.split('?');
  return { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(qs) };
}

export function navigate(hash, { replace = false } = {}) {
  const target = hash.startsWith('#') ? hash : '#' + hash;
  if (location.hash === target) { router(); return; }
  if (replace) { history.replaceState(null, '', target); router(); }
  else location.hash = target;
}

// Keep the address in step with a view's state without re-rendering.
export function replaceQuery(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined && v !== false && v !== 0) qs.set(k, v);
  const s = qs.toString();
  history.replaceState(null, '', '#' + path + (s ? '?' + s : ''));
}

export function homePath() {
  // Admissions staff land on their worklist, the inquiry board.
  if (auth.user && (auth.user.roles || []).includes('admissions') && auth.can('inquiries.manage')) return '/admissions';
  // The front desk lands on today's sessions and appointments at their site.
  if (auth.user && (auth.user.roles || []).includes('front_desk') && auth.can('clients.write')) return '/today';
  if (auth.can('clients.read')) return '/clients';
  if (auth.can('admin.manage')) return '/admin/staff';
  return '/welcome';
}

// ---- Stale answers ------------------------------------------------------
//
// An answer that arrives after the user has moved on must not be drawn.
// Each render gets ctx.isCurrent() (true until the next navigation); a view
// that asks the same thing again and again (a search as one types, the
// tracks of the site chosen) makes a line with ctx.line() and takes a
// ticket from it before each ask:
//
//   const ask = ctx.line();
//   ...
//   const ticket = ask();
//   const d = await api.get(...);
//   if (!ticket()) return;	// a newer ask, or another screen
//
// Every view drops stale answers this way and no other.

let renderSeq = 0;

// A new render: every earlier render's answers are stale from now on.
export function newRender() {
  const my = ++renderSeq;
  return () => my === renderSeq;
}

// A line of asks: a ticket is fresh while it is the newest on its line and
// isCurrent() holds (by default always: a dialog's own line).
export function line(isCurrent = () => true) {
  let seq = 0;
  return () => {
    const my = ++seq;
    return () => my === seq && isCurrent();
  };
}

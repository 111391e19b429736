// The staff app: shell (header, navigation, main), a hash router, the
// session bootstrap and the idle time-out.
import { api, auth, setSession, clearSession, hooks } from './api.js';
import { h, clear } from './dom.js';
import { roleLabel } from './format.js';
import { startIdleWatch, stopIdleWatch } from './idle.js';
import { closeAllDialogs } from './components/dialog.js';
import * as loginView from './views/login.js';
import * as passwordView from './views/password.js';
import * as clientsView from './views/clients.js';
import * as clientFormView from './views/client-form.js';
import * as chartView from './views/chart.js';
import * as auditView from './views/audit.js';
import * as auditLogView from './views/audit-log.js';
import * as staffView from './views/staff.js';
import * as sitesView from './views/sites.js';
import * as roomsView from './views/rooms.js';
import * as admissionsView from './views/admissions.js';
import * as inquiryView from './views/inquiry.js';
import * as inquiryNewView from './views/inquiry-new.js';
import * as screeningNewView from './views/screening-new.js';
import * as tasksView from './views/tasks.js';
import * as censusView from './views/census.js';
import * as dutyView from './views/duty.js';
import * as placementTableView from './views/placement-table.js';
import { startTaskCount, stopTaskCount, applyTaskBadge } from './tasks-count.js';
import { forgetDirectory } from './directory.js';
import { renderMessagePage } from './views/common.js';

// Routes: pattern, view, permission needed ('' = any signed-in user,
// null = no session needed).
const ROUTES = [
  { path: '/login', view: loginView, perm: null },
  { path: '/password', view: passwordView, perm: '' },
  { path: '/clients', view: clientsView, perm: 'clients.read' },
  { path: '/clients/new', view: clientFormView, perm: 'clients.write' },
  { path: '/clients/:id', view: chartView, perm: 'clients.read' },
  { path: '/clients/:id/edit', view: clientFormView, perm: 'clients.write' },
  { path: '/clients/:id/audit', view: auditView, perm: 'audit.read' },
  { path: '/clients/:id/screening/new', view: screeningNewView, perm: 'screening.write' },
  { path: '/admissions', view: admissionsView, perm: 'inquiries.manage' },
  { path: '/admissions/new', view: inquiryNewView, perm: 'inquiries.manage' },
  { path: '/admissions/:id', view: inquiryView, perm: 'inquiries.manage' },
  { path: '/tasks', view: tasksView, perm: 'clients.read' },
  { path: '/census', view: censusView, perm: 'clients.read' },
  { path: '/duty', view: dutyView, perm: 'directory.read' },
  { path: '/settings/placement', view: placementTableView, perm: 'screening.read' },
  { path: '/audit', view: auditLogView, perm: 'audit.read' },
  { path: '/admin/staff', view: staffView, perm: 'admin.manage' },
  { path: '/admin/sites', view: sitesView, perm: 'admin.manage' },
  { path: '/admin/rooms', view: roomsView, perm: 'admin.manage' },
];

const NAV = [
  { href: '#/admissions', label: 'Admissions', perm: 'inquiries.manage', match: /^\/admissions/ },
  { href: '#/clients', label: 'Clients', perm: 'clients.read', match: /^\/clients/ },
  { href: '#/census', label: 'Census', perm: 'clients.read', match: /^\/census/ },
  { href: '#/tasks', label: 'Tasks', perm: 'clients.read', match: /^\/tasks/, count: true },
  { href: '#/admin/staff', label: 'Staff', perm: 'admin.manage', match: /^\/admin\/staff/ },
  { href: '#/admin/sites', label: 'Sites', perm: 'admin.manage', match: /^\/admin\/sites/ },
  { href: '#/admin/rooms', label: 'Rooms', perm: 'admin.manage', match: /^\/admin\/rooms/ },
  { href: '#/duty', label: 'On duty', perm: 'directory.read', match: /^\/duty/ },
  // Others who read screenings open the table read-only from its address.
  { href: '#/settings/placement', label: 'Placement table', perm: 'placement.manage', match: /^\/settings\/placement/ },
  // A client's trail belongs under Clients for those who can open the chart,
  // under the Audit log for the others (administrators).
  { href: '#/audit', label: 'Audit log', perm: 'audit.read',
    match: (p) => /^\/audit$/.test(p) || (/^\/clients\/\d+\/audit$/.test(p) && !auth.can('clients.read')) },
];

const main = document.getElementById('main');
let cleanup = [];
let renderSeq = 0;
let wanted = null;		// where to go after signing in
export const notices = { login: null };	// message for the sign-in screen

export function homePath() {
  // Admissions staff land on their worklist, the inquiry board.
  if (auth.user && (auth.user.roles || []).includes('admissions') && auth.can('inquiries.manage')) return '/admissions';
  if (auth.can('clients.read')) return '/clients';
  if (auth.can('admin.manage')) return '/admin/staff';
  return '/welcome';
}

function parseHash() {
  const raw = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, qs = ''] = raw.split('?');
  return { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(qs) };
}

function match(path) {
  const parts = path.split('/');
  for (const r of ROUTES) {
    const rp = r.path.split('/');
    if (rp.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < rp.length; i++) {
      if (rp[i].startsWith(':')) {
        if (!/^\d+$/.test(parts[i])) { ok = false; break; }
        params[rp[i].slice(1)] = Number(parts[i]);
      } else if (rp[i] !== parts[i]) { ok = false; break; }
    }
    if (ok) return { route: r, params };
  }
  return null;
}

export function navigate(hash, { replace = false } = {}) {
  const target = hash.startsWith('#') ? hash : '#' + hash;
  if (location.hash === target) { route(); return; }
  if (replace) { history.replaceState(null, '', target); route(); }
  else location.hash = target;
}

// Keep the address in step with a view's state without re-rendering.
export function replaceQuery(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined && v !== false && v !== 0) qs.set(k, v);
  const s = qs.toString();
  history.replaceState(null, '', '#' + path + (s ? '?' + s : ''));
}

function renderShell() {
  const signedIn = !!auth.user && !auth.user.must_change_password;
  const userArea = document.getElementById('user-area');
  const nav = document.getElementById('app-nav');
  const list = document.getElementById('nav-list');
  userArea.hidden = !auth.user;
  if (auth.user) {
    document.getElementById('user-name').textContent = auth.user.full_name || auth.user.username;
    document.getElementById('user-roles').textContent = (auth.user.roles || []).map(roleLabel).join(', ');
  }
  clear(list);
  const items = signedIn ? NAV.filter((n) => auth.can(n.perm)) : [];
  for (const n of items) {
    const a = h('a', { href: n.href }, n.label);
    // The open-task count: a badge for the eye, words for screen readers.
    if (n.count) a.append(h('span.nav-count', { id: 'nav-tasks-count', 'aria-hidden': 'true', hidden: true }), h('span.visually-hidden', { id: 'nav-tasks-count-sr' }));
    list.append(h('li', a));
  }
  nav.hidden = items.length === 0;
  applyTaskBadge();
  markCurrentNav();
}

function markCurrentNav() {
  const { path } = parseHash();
  for (const a of document.querySelectorAll('#nav-list a')) {
    const n = NAV.find((x) => x.href === a.getAttribute('href'));
    if (n && (typeof n.match === 'function' ? n.match(path) : n.match.test(path))) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  const seq = ++renderSeq;
  for (const fn of cleanup.splice(0)) { try { fn(); } catch (e) { console.error(e); } }
  const { path, query } = parseHash();

  if (!auth.user) {
    if (path !== '/login') {
      wanted = path === '/' ? null : location.hash;
      history.replaceState(null, '', '#/login');
      return route();
    }
  } else if (auth.user.must_change_password && path !== '/password') {
    history.replaceState(null, '', '#/password');
    return route();
  } else if (path === '/' || path === '/login' || (path === '/welcome' && homePath() !== '/welcome')) {
    history.replaceState(null, '', '#' + homePath());
    return route();
  }

  renderShell();
  closeAllDialogs();
  clear(main);
  const ctx = {
    main,
    query,
    params: {},
    navigate,
    isCurrent: () => seq === renderSeq,
    onCleanup: (fn) => cleanup.push(fn),
    setTitle: (t) => { document.title = `${t} — openiop`; },
    focusHandled: false,
  };
  const m = match(path);
  try {
    if (path === '/welcome') {
      renderMessagePage(ctx, 'Welcome', 'There is nothing here for your role yet. More of openiop is on its way.');
    } else if (!m) {
      renderMessagePage(ctx, 'Page not found', 'There is no page at this address.', true);
    } else if (m.route.perm && !auth.can(m.route.perm)) {
      renderMessagePage(ctx, 'Not available', 'Your role does not give access to this page.', true);
    } else {
      ctx.params = m.params;
      await m.route.view.render(ctx);
    }
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e && e.status === 401) return;	// the api hook is taking us to sign-in
    console.error(e);
    clear(main);
    renderMessagePage(ctx, e && e.status === 404 ? 'Not found' : 'Something went wrong',
      e && e.status === 404 ? 'This record does not exist.' : (e && e.message) || 'Please try again.', true);
  }
  if (seq !== renderSeq) return;
  if (!ctx.focusHandled) {
    const h1 = main.querySelector('h1');
    if (h1 && !main.contains(document.activeElement)) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    }
  }
  window.scrollTo(0, 0);
}

// Called by the login and password views once the user may proceed.
export function signedIn(body) {
  setSession(body);
  notices.login = null;
  forgetDirectory();
  startIdleWatch({ onExpire: expireForIdle });
  if (!auth.user.must_change_password) startTaskCount();
  if (auth.user.must_change_password) { navigate('#/password'); return; }
  const to = wanted && wanted !== '#/login' ? wanted : '#' + homePath();
  wanted = null;
  navigate(to, { replace: true });
}

export async function signOut(message = 'You have signed out.') {
  stopIdleWatch();
  stopTaskCount();
  forgetDirectory();
  try { await api.del('/session', { quiet401: true }); } catch { /* already gone */ }
  clearSession();
  notices.login = { text: message, kind: 'info' };
  wanted = null;
  navigate('#/login');
}

function expireForIdle(seconds) {
  const mins = Math.round(seconds / 60);
  const span = seconds < 60 ? `${seconds} seconds` : mins === 1 ? '1 minute' : `${mins} minutes`;
  signOut(`You were signed out after ${span} of inactivity.`);
}

hooks.unauthenticated = () => {
  stopIdleWatch();
  stopTaskCount();
  const { path } = parseHash();
  if (path === '/login') return;
  wanted = location.hash;
  notices.login = { text: 'Your session has ended. Please sign in again.', kind: 'info' };
  navigate('#/login', { replace: true });
};
hooks.passwordChangeRequired = () => {
  if (auth.user) auth.user.must_change_password = true;
  navigate('#/password', { replace: true });
};

async function boot() {
  document.getElementById('logout-button').addEventListener('click', () => signOut());
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
  try {
    const me = await api.get('/me', undefined, { quiet401: true });
    setSession(me);
    startIdleWatch({ onExpire: expireForIdle });
    if (!auth.user.must_change_password) startTaskCount();
  } catch (e) {
    if (e.status !== 401) notices.login = { text: e.message, kind: 'error' };
    clearSession();
  }
  window.addEventListener('hashchange', route);
  route();
}

boot();

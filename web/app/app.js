// The staff app's shell: header, navigation menu and main area; the
// router that draws the screen for the address; and the start-up.
import { auth } from './api.js';
import { h, clear } from './dom.js';
import { roleLabel } from './format.js';
import { closeAllDialogs } from './components/dialog.js';
import { leavePage } from './components/toast.js';
import { renderMessagePage } from './components/page.js';
import { applyTaskBadge } from './tasks/count.js';
import { parseHash, setRouter, homePath, newRender, line } from './nav.js';
import { signOut, rememberWanted, resumeSession } from './session.js';
import { MENU, matchRoute } from './routes.js';
import { drawBreakGlass } from './chart/careteam.js';
import { showProgramBrand } from './program.js';

const main = document.getElementById('main');
let cleanup = [];

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
  const roles = (auth.user && auth.user.roles) || [];
  const items = signedIn ? MENU.filter((n) => auth.can(n.perm) && (!n.roles || n.roles.some((r) => roles.includes(r)) || (n.flag && auth.user[n.flag] === true))) : [];
  for (const n of items) {
    const a = h('a', { href: n.href }, n.label);
    // The open-task count: a badge for the eye, words for screen readers.
    if (n.count) a.append(h('span.nav-count', { id: 'nav-tasks-count', 'aria-hidden': 'true', hidden: true }), h('span.visually-hidden', { id: 'nav-tasks-count-sr' }));
    list.append(h('li', a));
  }
  nav.hidden = items.length === 0;
  showProgramBrand(signedIn);
  applyTaskBadge();
  markCurrentNav();
}

function markCurrentNav() {
  const { path } = parseHash();
  for (const a of document.querySelectorAll('#nav-list a')) {
    const n = MENU.find((x) => x.href === a.getAttribute('href'));
    if (n && (typeof n.match === 'function' ? n.match(path) : n.match.test(path))) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  const isCurrent = newRender();
  for (const fn of cleanup.splice(0)) { try { fn(); } catch (e) { console.error(e); } }
  const { path, query } = parseHash();

  if (!auth.user) {
    if (path !== '/login') {
      rememberWanted(path === '/' ? null : location.hash);
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

  leavePage();
  renderShell();
  closeAllDialogs();
  clear(main);
  const ctx = {
    main,
    query,
    params: {},
    isCurrent,
    line: () => line(isCurrent),
    onCleanup: (fn) => cleanup.push(fn),
    setTitle: (t) => { document.title = `${t} — openiop`; },
    focusHandled: false,
  };
  const m = matchRoute(path);
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
    if (!isCurrent()) return;
    if (e && e.status === 401) return;	// the api hook is taking us to sign-in
    if (e && e.code === 'care_relationship_required') {
      // Any client screen, for clinical staff outside the client's care:
      // the screen that offers to open the record in an emergency.
      drawBreakGlass(ctx, e, () => route());
      return;
    }
    console.error(e);
    clear(main);
    renderMessagePage(ctx, e && e.status === 404 ? 'Not found' : 'Something went wrong',
      e && e.status === 404 ? 'This record does not exist.' : (e && e.message) || 'Please try again.', true);
  }
  if (!isCurrent()) return;
  if (!ctx.focusHandled) {
    const h1 = main.querySelector('h1');
    if (h1 && !main.contains(document.activeElement)) {
      h1.setAttribute('tabindex', '-1');
      h1.focus({ preventScroll: true });
    }
  }
  window.scrollTo(0, 0);
}

async function boot() {
  document.getElementById('logout-button').addEventListener('click', () => signOut());
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
  setRouter(route);
  await resumeSession();
  window.addEventListener('hashchange', route);
  route();
}

boot();

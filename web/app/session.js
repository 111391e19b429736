// The session seen from the app: signing in and out, the idle time-out's
// end, what the API client does on a 401 or a forced password change, and
// where to go once signed in.
import { api, auth, setSession, clearSession, hooks } from './api.js';
import { paths } from './paths.js';
import { navigate, parseHash, homePath } from './nav.js';
import { startIdleWatch, stopIdleWatch } from './idle.js';
import { startTaskCount, stopTaskCount } from './tasks/count.js';
import { forgetDirectory } from './directory.js';

let wanted = null;		// where to go after signing in
export const notices = { login: null };	// message for the sign-in screen

// The address asked for before the sign-in screen took over.
export function rememberWanted(hash) { wanted = hash; }

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
  try { await api.del(paths.session, { quiet401: true }); } catch { /* already gone */ }
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

// At start: resume the session the cookie still holds, if any.
export async function resumeSession() {
  try {
    const me = await api.get(paths.me, undefined, { quiet401: true });
    setSession(me);
    startIdleWatch({ onExpire: expireForIdle });
    if (!auth.user.must_change_password) startTaskCount();
  } catch (e) {
    if (e.status !== 401) notices.login = { text: e.message, kind: 'error' };
    clearSession();
  }
}

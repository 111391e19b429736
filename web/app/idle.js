// Idle time-out.  The server ends a session after idle_timeout_seconds
// without a request; the app counts from the last API call it made.  A
// minute before the end it warns with a live countdown and a "Stay signed
// in" button (GET /me refreshes the session); at zero it signs out.
import { api, auth, lastApiCall, setSession } from './api.js';
import { paths } from './paths.js';
import { h, uid } from './dom.js';
import { openDialog } from './components/dialog.js';

const WARN_SECONDS = 60;
let timer = null;
let dialog = null;
let countEl = null;
let announceEl = null;
let onExpire = () => {};

export function startIdleWatch(opts) {
  onExpire = opts.onExpire;
  stopIdleWatch();
  if (!auth.idleTimeout) return;
  timer = setInterval(tick, 1000);
}

export function stopIdleWatch() {
  if (timer) clearInterval(timer);
  timer = null;
  closeWarning();
}

function remainingSeconds() {
  return Math.ceil(auth.idleTimeout - (Date.now() - lastApiCall()) / 1000);
}

function tick() {
  if (!auth.user) { stopIdleWatch(); return; }
  const left = remainingSeconds();
  if (left <= 0) {
    const total = auth.idleTimeout;
    stopIdleWatch();
    onExpire(total);
  } else if (left <= WARN_SECONDS) {
    showWarning(left);
  } else if (dialog) {
    closeWarning();	// activity elsewhere (another tab) refreshed the session
  }
}

function secondsText(n) { return n === 1 ? '1 second' : `${n} seconds`; }

function showWarning(left) {
  if (dialog) {
    countEl.textContent = secondsText(left);
    if (left === 30 || left === 10) announceEl.textContent = `${secondsText(left)} left.`;
    return;
  }
  const msgId = uid('idle-msg');
  countEl = h('strong.idle-count', { text: secondsText(left) });
  announceEl = h('span.visually-hidden', { 'aria-live': 'assertive' });
  dialog = openDialog({
    title: 'Are you still there?',
    role: 'alertdialog',
    describedBy: msgId,
    className: 'idle-dialog',
    body: [
      h('p', { id: msgId }, 'You will be signed out in ', countEl, ' for inactivity.'),
      h('p.muted', { text: 'Anything you have not saved will be lost.' }),
      announceEl,
    ],
    actions: [
      { label: 'Stay signed in', kind: 'primary', id: 'stay-signed-in', onClick: stay },
    ],
  });
  dialog.result.then((v) => {
    dialog = null;
    // Escape or the close button: the person is here, so keep the session.
    if (v === null && timer) api.get(paths.me).then(setSession).catch(() => {});
  });
}

async function stay(d, button) {
  button.disabled = true;
  try {
    const me = await api.get(paths.me);
    setSession(me);
    d.close(true);
  } catch (e) {
    button.disabled = false;
    if (e.status !== 401) countEl.textContent += ` (could not reach the server: ${e.message})`;
  }
}

function closeWarning() {
  if (dialog) { const d = dialog; dialog = null; d.close('closed'); }
}

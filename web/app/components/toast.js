// Brief messages after an action ("Client saved.").  They live in a polite
// live region so screen readers announce them, and fade after a few seconds.
//
// One at a time: a new message replaces the one showing.  Never over the
// controls: the message sits above any bar held at the bottom of the window
// (the placement table's save bar, `.save-bar`), and moves with it while it
// shows.  It goes with the page change its own action made (a save that
// opens the record: no key pressed or click since it showed, and soon
// after); any other page change clears it (app.js calls leavePage()).
import { h } from '../dom.js';

const CARRY_MS = 2000;
const BOTTOM_BARS = '.save-bar';

let shown = null;	// { el, at, carry, timers }

function host() { return document.getElementById('toasts'); }

// Lifts the messages above the bottom bars that are on screen now.
function place() {
  const el = host();
  if (!el) return;
  let lift = 0;
  for (const bar of document.querySelectorAll(BOTTOM_BARS)) {
    const r = bar.getBoundingClientRect();
    if (r.height > 0 && r.top < window.innerHeight && r.bottom > window.innerHeight - r.height - 24)
      lift = Math.max(lift, window.innerHeight - r.top);
  }
  el.style.bottom = lift > 0 ? `calc(${Math.ceil(lift)}px + .75rem)` : '';
}

function listen(on) {
  const m = on ? 'addEventListener' : 'removeEventListener';
  window[m]('scroll', place, { passive: true });
  window[m]('resize', place);
  document[m]('pointerdown', interacted, true);
  document[m]('keydown', interacted, true);
}

// A key or a click after the message showed: it belongs to this page now.
function interacted() { if (shown) shown.carry = false; }

export function clearToasts() {
  if (!shown) return;
  for (const t of shown.timers) clearTimeout(t);
  shown.el.remove();
  shown = null;
  listen(false);
}

export function toast(message, kind = 'ok') {
  const el = host();
  if (!el) return;
  clearToasts();
  const t = h(`div.toast.toast-${kind}`, h('span', { text: message }));
  el.replaceChildren(t);
  const me = { el: t, at: Date.now(), carry: true, timers: [] };
  shown = me;
  listen(true);
  place();
  const ms = kind === 'error' ? 8000 : 4500;
  me.timers.push(setTimeout(() => {
    t.classList.add('toast-out');
    me.timers.push(setTimeout(() => { if (shown === me) clearToasts(); }, 300));
  }, ms));
}

// The router draws another page: the message stays only when that page is
// the outcome of the action that showed it.
export function leavePage() {
  if (!shown) return;
  if (shown.carry && Date.now() - shown.at < CARRY_MS) {
    shown.carry = false;	// it goes one page, no further
    requestAnimationFrame(place);
    return;
  }
  clearToasts();
}

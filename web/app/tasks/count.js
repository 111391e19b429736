// The number of the signed-in user's open tasks, shown on the "Tasks" nav
// item.  Polled in the background (not counted as activity for the idle
// time-out) and refreshed at once after anything that completes a task.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';

const EVERY = 60 * 1000;
let timer = null;
let count = 0;
let seq = 0;

export function taskCount() { return count; }

export function applyTaskBadge() {
  const el = document.getElementById('nav-tasks-count');
  if (!el) return;
  el.textContent = count > 0 ? String(count) : '';
  el.hidden = count === 0;
  const sr = document.getElementById('nav-tasks-count-sr');
  if (sr) sr.textContent = count > 0 ? ` (${count} open)` : '';
}

export async function refreshTaskCount() {
  if (!auth.user || !auth.can('clients.read')) return;
  const my = ++seq;
  try {
    const d = await api.get(paths.tasksCount, undefined, { background: true });
    if (my !== seq) return;
    count = d.open;
  } catch (err) {
    if (err.status === 404 || err.status === 403) stopTaskCount();
    return;
  }
  applyTaskBadge();
}

export function startTaskCount() {
  stopTaskCount();
  count = 0;
  applyTaskBadge();
  if (!auth.user || !auth.can('clients.read')) return;
  refreshTaskCount();
  timer = setInterval(refreshTaskCount, EVERY);
}

export function stopTaskCount() {
  if (timer) clearInterval(timer);
  timer = null;
}

// The number of the signed-in user's open tasks, shown on the "Tasks" nav
// item.  Polled in the background (not counted as activity for the idle
// time-out) and refreshed at once after anything that completes a task.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { line } from '../nav.js';

const EVERY = 60 * 1000;
let timer = null;
let count = 0;
const asking = line();

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
  const ticket = asking();
  try {
    const d = await api.get(paths.tasksCount, undefined, { background: true });
    if (!ticket()) return;
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

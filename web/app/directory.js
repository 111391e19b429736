// Staff names for the screens that show who did what (the board's
// assignees, who recorded a screening).  Fetched once and kept for five
// minutes; cleared on sign-out.
import { api } from './api.js';
import { paths } from './paths.js';

let cache = null;	// { at, promise }
const TTL = 5 * 60 * 1000;

export function staffDirectory({ fresh = false } = {}) {
  if (!cache || fresh || Date.now() - cache.at > TTL) {
    const promise = api.get(paths.staff, { limit: 200 }).then((d) => {
      const list = d.items || [];
      return { list, byId: new Map(list.map((s) => [s.id, s])) };
    });
    cache = { at: Date.now(), promise };
    promise.catch(() => { if (cache && cache.promise === promise) cache = null; });
  }
  return cache.promise;
}

export function forgetDirectory() { cache = null; }

export function staffName(dir, id) {
  if (id === null || id === undefined || id === 0) return '';
  const s = dir && dir.byId.get(id);
  return s ? (s.full_name || s.username) : `Staff member #${id}`;
}

// Who can take an inquiry: active staff whose roles work the admissions
// board (admissions counsellors and directors).
export function counsellors(dir) {
  return dir.list.filter((s) => s.active && s.roles.some((r) => r === 'admissions' || r === 'director'));
}

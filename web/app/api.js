// The API client: JSON in and out, the session cookie (same origin), the
// CSRF header on every state-changing request, and error bodies turned into
// ApiError objects that carry the status, code and per-field messages.

const BASE = '/api/v1';
const LAST_CALL_KEY = 'openiop.lastApiCall';

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `The server answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.code = err.code || (status === 0 ? 'network' : 'unknown');
    this.fields = err.fields || null;
    this.body = body;
  }
}

// The signed-in session: set from the login and /me answers.
export const auth = {
  user: null,
  csrf: '',
  idleTimeout: 0,	// seconds
  expiresAt: null,
  can(perm) { return !!(this.user && this.user.permissions && this.user.permissions.includes(perm)); },
};

export function setSession(body) {
  auth.user = body.user;
  auth.csrf = body.csrf_token || '';
  auth.idleTimeout = (body.session && body.session.idle_timeout_seconds) || 0;
  auth.expiresAt = (body.session && body.session.expires_at) || null;
}

export function clearSession() {
  auth.user = null;
  auth.csrf = '';
  auth.idleTimeout = 0;
  auth.expiresAt = null;
}

// The time of the last request the server saw from this browser (shared
// between tabs through localStorage, so one busy tab keeps the others calm).
let lastCall = Date.now();
export function lastApiCall() {
  let shared = 0;
  try { shared = +localStorage.getItem(LAST_CALL_KEY) || 0; } catch { /* storage off */ }
  return Math.max(lastCall, shared);
}
function markCall() {
  lastCall = Date.now();
  try { localStorage.setItem(LAST_CALL_KEY, String(lastCall)); } catch { /* storage off */ }
}

// Hooks the app installs: what to do when the session is gone, or when the
// server insists on a password change first.
export const hooks = {
  unauthenticated: () => {},
  passwordChangeRequired: () => {},
};

// The address of an API path with its query (empty values left out), for
// a link the browser follows itself (a file to download).
export function apiHref(path, query) {
  let url = BASE + path;
  if (query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '' && v !== false) qs.set(k, String(v));
    }
    const s = qs.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  return url;
}

// request('GET', '/clients', undefined, {query: {q: 'smith'}})
// opts.quiet401: a 401 is returned to the caller as an error, no redirect.
// opts.background: a poll the app makes on its own (the board, the task
// count); it does not count as the user's activity for the idle time-out.
export async function request(method, path, body, opts = {}) {
  const url = apiHref(path, opts.query);
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && auth.csrf) headers['X-CSRF-Token'] = auth.csrf;
  // A background poll tells the server so, and does not keep the session awake.
  if (opts.background) headers['X-IOP-Background'] = '1';
  let res;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    const err = new ApiError(0, { error: { code: 'network', message: 'Cannot reach the server. Check the connection and try again.' } });
    err.cause = e;
    throw err;
  }
  if (!opts.background) markCall();
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (res.ok) return data;
  const err = new ApiError(res.status, data);
  if (res.status === 401 && !opts.quiet401) {
    clearSession();
    hooks.unauthenticated(err);
  } else if (res.status === 403 && err.code === 'password_change_required') {
    hooks.passwordChangeRequired(err);
  }
  throw err;
}

// A read for one part of a screen: a refusal or failure comes back as
// { error } for the part to show; a 401 still goes on to sign-in.
export function orError(p) {
  return p.catch((err) => { if (err.status === 401) throw err; return { error: err }; });
}

// The fields of vals that differ from record: a PATCH sends only those.
export function changedFields(record, vals) {
  const changed = {};
  for (const k of Object.keys(vals)) if (JSON.stringify(vals[k]) !== JSON.stringify(record[k])) changed[k] = vals[k];
  return changed;
}

// Saves a form: without a record, POST vals to createPath; with one, PATCH
// the changed fields to updatePath(record.id) (nothing changed: the record
// as it was).
export function saveRecord(record, vals, createPath, updatePath) {
  if (!record) return request('POST', createPath, vals);
  const changed = changedFields(record, vals);
  return Object.keys(changed).length ? request('PATCH', updatePath(record.id), changed) : Promise.resolve(record);
}

export const api = {
  get: (p, query, opts = {}) => request('GET', p, undefined, { ...opts, query }),
  post: (p, body, opts) => request('POST', p, body === undefined ? {} : body, opts),
  put: (p, body, opts) => request('PUT', p, body, opts),
  patch: (p, body, opts) => request('PATCH', p, body, opts),
  del: (p, opts) => request('DELETE', p, undefined, opts),
};

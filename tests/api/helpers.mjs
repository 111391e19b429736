// Shared helpers for the API tests: sign-in shortcuts, the contract (the
// route and role tables as `iop` prints them, the OpenAPI schemas of
// docs/openapi.yaml), a small OpenAPI
// schema checker for response bodies, and wrappers for the `iop` CLI and the
// sqlite3 CLI.
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename, dirname, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import YAML from 'yaml';
import { Api, BIN, TEST_ENV, DEMO_PASSWORD } from '../lib/server.mjs';

export const ROOT = resolve('.');
export const ROLES = ['admin', 'director', 'clinician', 'case_manager', 'prescriber',
  'nurse', 'admissions', 'front_desk', 'billing'];

// ---------------------------------------------------------------- sessions

export async function signIn(url, username, password = DEMO_PASSWORD) {
  const api = new Api(url);
  const r = await api.login(username, password);
  assert.equal(r.status, 200, `login ${username}: ${r.status} ${r.text}`);
  return api;
}

// A second client sharing the session cookie but sending no CSRF token.
export function withoutCsrf(api) {
  const a = new Api(api.base);
  a.cookie = api.cookie;
  return a;
}

// Lower-case letters only, so it is a valid name part and a search prefix.
export function uniq(n = 8) {
  const abc = 'abcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(n)].map((b) => abc[b % 26]).join('');
}
export const cap = (s) => s[0].toUpperCase() + s.slice(1);

export function clientBody(over = {}) {
  return {
    first_name: 'Test', last_name: 'Client' + cap(uniq(6)), dob: '1985-03-14', sex: 'female',
    preferred_name: '', gender_identity: '', phone: '(312) 555-0147', email: 'test.client@example.org',
    address: { line1: '100 Main St', line2: '', city: 'Springfield', state: 'IL', postal_code: '62701' },
    language: 'English',
    ...over,
  };
}

// Assert an error answer: status, the documented body shape and its code.
export function assertError(res, status, code, msg = '') {
  assert.equal(res.status, status, `${msg} expected ${status} ${code}, got ${res.status} ${res.text}`);
  assert.ok(res.json && typeof res.json.error === 'object', `${msg} error body: ${res.text}`);
  if (code) assert.equal(res.json.error.code, code, `${msg} error code: ${res.text}`);
  assert.equal(typeof res.json.error.message, 'string', `${msg} error message: ${res.text}`);
  assertSchema('ErrorBody', res.json, msg);
}

// The list conventions (docs/api.md, docs/openapi.yaml) on a list route: `limit` and `offset`
// page it (`total` counts the whole list), and a bad one answers 400 naming
// it. With fewer than two items only the refusals are checked.
export async function assertPages(api, path, msg = path) {
  const sep = path.includes('?') ? '&' : '?';
  const all = await api.get(`${path}${sep}limit=200`);
  assert.equal(all.status, 200, `${msg}: ${all.text}`);
  assert.equal(all.json.total, all.json.items.length, `${msg}: total of a whole list`);
  if (all.json.items.length >= 2) {
    const one = await api.get(`${path}${sep}limit=1`);
    assert.equal(one.status, 200, `${msg} limit=1: ${one.text}`);
    assert.deepEqual(one.json.items.map((x) => x.id), [all.json.items[0].id], `${msg}: limit=1 answers the first item only`);
    assert.equal(one.json.total, all.json.total, `${msg}: total with limit=1 counts the whole list`);
    const second = await api.get(`${path}${sep}limit=1&offset=1`);
    assert.equal(second.status, 200, `${msg} offset=1: ${second.text}`);
    assert.deepEqual(second.json.items.map((x) => x.id), [all.json.items[1].id], `${msg}: limit=1&offset=1 answers the second item`);
    const past = await api.get(`${path}${sep}offset=${all.json.items.length}`);
    assert.deepEqual(past.json.items, [], `${msg}: an offset past the end answers no items`);
  }
  for (const [qs, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=x', 'limit'], ['offset=-1', 'offset']]) {
    const r = await api.get(`${path}${sep}${qs}`);
    assertError(r, 400, 'invalid', `${msg} ${qs}`);
    assert.ok(r.json.error.fields?.[field], `${msg} ${qs}: fields.${field} in ${r.text}`);
  }
}

// ------------------------------------------------------------- the contract

// The role table as the server holds it (`iop permissions`, from
// src/core/perm.c): permission -> [roles], in the table's order. Every role
// it names is a demo account's (ROLES).
let permCache;
export function permissionTable() {
  if (permCache) return permCache;
  const r = iop(['permissions']);
  assert.equal(r.status, 0, `iop permissions exited ${r.status}: ${r.stderr}`);
  const table = {};
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const [perm, ...roles] = line.trim().split(/\s+/);
    assert.match(perm, /^[a-z_]+\.[a-z_]+$/, `iop permissions line: ${JSON.stringify(line)}`);
    for (const role of roles) assert.ok(ROLES.includes(role), `unknown role ${role} in iop permissions`);
    table[perm] = roles;
  }
  assert.ok(Object.keys(table).length > 0, 'iop permissions printed no permissions');
  permCache = table;
  return table;
}

// The permissions a role holds, sorted (as /me lists them).
export function permissionsOf(role) {
  const t = permissionTable();
  return Object.keys(t).filter((p) => t[p].includes(role)).sort();
}

// May role call a route that needs perm ('none': any signed-in user)?
export function roleAllows(role, perm) {
  return perm === 'none' || (permissionTable()[perm] || []).includes(role);
}

let specCache;
export function spec() {
  if (!specCache) specCache = YAML.parse(readFileSync(join(ROOT, 'docs/openapi.yaml'), 'utf8'));
  return specCache;
}

// The operations of docs/openapi.yaml: [{method, path, op}].
export function specOperations() {
  const out = [];
  for (const [path, item] of Object.entries(spec().paths))
    for (const m of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'])
      if (item[m]) out.push({ method: m.toUpperCase(), path, op: item[m], item });
  return out;
}

// ------------------------------------------ a small OpenAPI 3.0 schema check

function deref(s) {
  while (s && s.$ref) {
    const parts = s.$ref.replace(/^#\//, '').split('/');
    s = parts.reduce((o, k) => o[k], spec());
  }
  return s;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function schemaProblems(schema, v, at = '$', out = []) {
  schema = deref(schema);
  if (!schema) return out;
  if (v === null) {
    if (!schema.nullable) out.push(`${at}: null not allowed`);
    return out;
  }
  for (const sub of schema.allOf || []) schemaProblems(sub, v, at, out);
  if (schema.enum && !schema.enum.includes(v)) out.push(`${at}: ${JSON.stringify(v)} not in enum`);
  switch (schema.type) {
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) { out.push(`${at}: not an object`); break; }
      for (const k of schema.required || []) if (!(k in v)) out.push(`${at}.${k}: missing`);
      const props = schema.properties || {};
      for (const [k, val] of Object.entries(v)) {
        if (props[k]) schemaProblems(props[k], val, `${at}.${k}`, out);
        else if (schema.additionalProperties === false) out.push(`${at}.${k}: not in the schema`);
        else if (typeof schema.additionalProperties === 'object')
          schemaProblems(schema.additionalProperties, val, `${at}.${k}`, out);
      }
      break;
    }
    case 'array':
      if (!Array.isArray(v)) { out.push(`${at}: not an array`); break; }
      if (schema.minItems !== undefined && v.length < schema.minItems) out.push(`${at}: fewer than ${schema.minItems}`);
      v.forEach((x, i) => schemaProblems(schema.items, x, `${at}[${i}]`, out));
      break;
    case 'string':
      if (typeof v !== 'string') { out.push(`${at}: not a string`); break; }
      if (schema.maxLength !== undefined && [...v].length > schema.maxLength) out.push(`${at}: longer than ${schema.maxLength}`);
      if (schema.minLength !== undefined && [...v].length < schema.minLength) out.push(`${at}: shorter than ${schema.minLength}`);
      if (schema.pattern && !new RegExp(schema.pattern, 'u').test(v)) out.push(`${at}: ${JSON.stringify(v)} does not match ${schema.pattern}`);
      if (schema.format === 'date' && !DATE_RE.test(v)) out.push(`${at}: not a date`);
      if (schema.format === 'date-time' && !DT_RE.test(v)) out.push(`${at}: not a date-time`);
      break;
    case 'integer':
      if (!Number.isInteger(v)) { out.push(`${at}: not an integer`); break; }
      if (schema.minimum !== undefined && v < schema.minimum) out.push(`${at}: below ${schema.minimum}`);
      if (schema.maximum !== undefined && v > schema.maximum) out.push(`${at}: above ${schema.maximum}`);
      break;
    case 'number':
      if (typeof v !== 'number') out.push(`${at}: not a number`);
      break;
    case 'boolean':
      if (typeof v !== 'boolean') out.push(`${at}: not a boolean`);
      break;
    default:
      break;
  }
  return out;
}

// Assert that value matches components.schemas[name] of docs/openapi.yaml.
export function assertSchema(name, value, msg = '') {
  const s = spec().components.schemas[name];
  assert.ok(s, `no schema ${name}`);
  const p = schemaProblems(s, value);
  assert.deepEqual(p, [], `${msg} body does not match ${name}: ${JSON.stringify(value).slice(0, 600)}`);
}

// ---------------------------------------------------------------- the CLIs

// Run iop and return {status, stdout, stderr} whatever the exit code.
export function iop(args, env = {}) {
  const r = spawnSync(BIN, args, { env: { ...process.env, ...TEST_ENV, ...env }, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

// The server's route table (`iop routes --long`, from src/http/router.c):
// [{method, path, perm, flags}], perm 'public' (no session), 'none' (any
// signed-in user) or a permission's name, as docs/openapi.yaml's
// x-permission spells it; flags a Set of 'public', 'no_csrf', 'pw_change_ok'.
let routesCache;
export function serverRoutes() {
  if (routesCache) return routesCache;
  const r = iop(['routes', '--long']);
  assert.equal(r.status, 0, `iop routes --long exited ${r.status}: ${r.stderr}`);
  const rows = [];
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const f = line.trim().split(/\s+/);
    assert.equal(f.length, 4, `iop routes --long line is not METHOD PATH PERMISSION FLAGS: ${JSON.stringify(line)}`);
    rows.push({ method: f[0], path: f[1], perm: f[2], flags: new Set(f[3] === '-' ? [] : f[3].split(',')) });
  }
  assert.ok(rows.length > 0, 'iop routes printed no routes');
  routesCache = rows;
  return rows;
}

// Routes that need no session, routes that take no X-CSRF-Token, routes open
// while a password change is due: sets of "METHOD PATH".
const routesFlagged = (flag) => new Set(serverRoutes().filter((r) => r.flags.has(flag)).map(routeKey));
export const publicRoutes = () => routesFlagged('public');
export const noCsrfRoutes = () => routesFlagged('no_csrf');
export const pwChangeOkRoutes = () => routesFlagged('pw_change_ok');

export function sqlite(db, sql, { json = false } = {}) {
  const args = json ? ['-json', db, sql] : [db, sql];
  const out = execFileSync('sqlite3', args, { encoding: 'utf8' });
  if (!json) return out;
  return out.trim() ? JSON.parse(out) : [];
}

export function auditRows(db) {
  return sqlite(db, 'SELECT * FROM audit ORDER BY id', { json: true });
}

// Stop `iop serve` but keep its files (server.stop() deletes them).
export async function halt(server) {
  const c = server.child;
  if (c.exitCode === null && c.signalCode === null) {
    const done = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await done;
  }
}

// Stop and delete; safe whether or not the server was halted already.
export async function finish(server) {
  if (!server) return;
  await halt(server);
  if (!process.env.IOP_KEEP_TEST_DB) rmSync(server.dir, { recursive: true, force: true });
}

// Copy a database and every side file beside it (<db>-wal, <db>-shm,
// <db>.audit-key, <db>.audit-head, ...) into a fresh directory.
export function copyDb(db) {
  const dir = mkdtempSync(join(tmpdir(), 'iop-copy-'));
  const name = basename(db);
  const copied = [];
  for (const f of readdirSync(dirname(db)))
    if (f === name || f.startsWith(name + '.') || f.startsWith(name + '-')) {
      copyFileSync(join(dirname(db), f), join(dir, f));
      copied.push(f);
    }
  return { db: join(dir, name), dir, copied, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const routeKey = (r) => `${r.method} ${r.path}`;

// Care relationships (issue 14, item 8): staff whose roles are only clinical
// open a client's records only when in the client's care.  careTeam puts the
// named demo staff on a client's care team, as the director adds them (the
// director's session is kept per server).
const directors = new Map();
export async function careTeam(url, clientId, usernames = ['clinician', 'case_manager', 'prescriber', 'nurse']) {
  if (!directors.has(url)) {
    const dir = await signIn(url, 'director');
    const staff = (await dir.get('/api/v1/staff?limit=200')).json.items;
    directors.set(url, { dir, ids: new Map(staff.map((s) => [s.username, s.id])) });
  }
  const d = directors.get(url);
  for (const u of [].concat(usernames)) {
    const add = () => d.dir.post(`/api/v1/clients/${clientId}/care-team`, { staff_id: d.ids.get(u), role_in_care: 'test set-up' });
    let r = await add();
    // A session of an earlier server at the same address, or idled out
    // under a moved test clock: sign in again.
    if (r.status === 401) {
      d.dir = await signIn(url, 'director');
      r = await add();
    }
    if (r.status !== 201 && r.status !== 409) throw new Error(`careTeam ${u}: ${r.status} ${r.text}`);
  }
}

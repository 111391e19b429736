// The route x role walk of the security suite (docs/security.md).
// Walks every route printed by `iop routes --long` with no session and with
// each role of the role table (`iop permissions`), and checks the answer against the route's permission there and
// the role table `iop permissions` prints, the route's permission being
// docs/openapi.yaml's x-permission, which must equal the server's:
// a public route -> anything but 401/403, no session -> 401, a role without
// the permission -> 403 forbidden, a role with it -> anything but 401/403.
// Then the same walk for an account that must change its password (403
// password_change_required except on the routes marked pw_change_ok: GET /me,
// DELETE /session and PUT /me/password).
//
// Allowed calls get real ids and bodies, so that they reach the handler's
// own checks: each allowed admission is of a fresh client with no open
// episode, each allowed alert resolution resolves a fresh open alert, each
// allowed inquiry merge merges one fresh inquiry into another, and each
// allowed `POST /tasks/{id}/done` completes a follow-up task assigned to
// the calling role's own account. (Someone else's task answers 403 unless the
// caller is a director: a rule of the handler, not of the role table; the
// alerts tests check it.)
//
// The first allowed call of each route also has its audit rows checked: the
// clients the rows it added name (each row's client_id and its client index,
// audit_about) must be exactly the clients the call was about — the path's
// client under /clients/{id}, every client the answer shows, and for a write
// the client it wrote or touched (which its answer shows) — and a route that
// touches no client must add no row naming one.  The expectation is derived
// from the route and the answer (clientsAbout); the few special rules sit
// there with their reasons.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Api, DEMO_PASSWORD, outDir } from '../lib/server.mjs';
import {
  signIn, uniq, cap, clientBody, finish, serverRoutes, roleAllows, ROLES, careTeam,
  publicRoutes, pwChangeOkRoutes, routeKey, spec, schemaProblems, sqlite, permissionTable, ROOT,
} from '../api/helpers.mjs';

// The clients a call of route at concrete path, answered r, is about, derived
// from the route and the answer:
// - under /clients/{id}: the path's client; under /inquiries/{id}: the
//   inquiry's client, once it has one (what is read or written there is the
//   client's history before admission, whether or not the answer shows it);
// - a client record's own route (GET/POST /clients, GET/PATCH /clients/{id}):
//   the client(s) answered, `id` or items[].id;
// - anywhere else: every client_id the answer shows, at any depth (list items,
//   an inquiry's converted client, an alert's or a coverage's client...).
// A call that failed (not 2xx) showed and changed nothing: no client.
function clientsAbout(db, route, path, r) {
  const out = new Set();
  if (r.status < 200 || r.status > 299) return out;
  const m = /^\/api\/v1\/clients\/(\d+)/.exec(path);
  if (m) out.add(Number(m[1]));
  const q = /^\/api\/v1\/inquiries\/(\d+)/.exec(path);
  if (q) {
    const c = Number(sqlite(db, `SELECT coalesce(client_id, 0) FROM inquiry WHERE id = ${Number(q[1])}`).trim());
    if (c > 0) out.add(c);
  }
  // A printed page (HTML, not JSON) is about the client of the record it prints.
  const ac = /^\/api\/v1\/aftercare-plans\/(\d+)\/print$/.exec(path);
  if (ac) {
    const c = Number(sqlite(db, `SELECT coalesce(max(client_id), 0) FROM aftercare_plan WHERE id = ${Number(ac[1])}`).trim());
    if (c > 0) out.add(c);
  }
  const json = r.json;
  // Special rule: the audit log answers rows that carry client ids, but what
  // it shows is the log itself (who did what, by record id), not any client's
  // data; its read is audited as the auditor's (audit.read, no client), and
  // naming every client of the page would put each audit read on the trail
  // of every client it listed.  A client's own trail (/clients/{id}/audit) is
  // still about its client, by the path rule.
  if (route.method === 'GET' && route.path === '/api/v1/audit') return out;
  if (json === null || typeof json !== 'object') return out;
  if (/^\/api\/v1\/clients(\/\{id\})?$/.test(route.path))
    for (const c of Array.isArray(json.items) ? json.items : [json]) if (Number.isInteger(c?.id)) out.add(c.id);
  const visit = (v) => {
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'client_id') { if (Number.isInteger(x) && x > 0) out.add(x); } else visit(x);
    }
  };
  visit(json);
  return out;
}

// The audit rows added after row `after`, each with the clients it names
// (its client_id and its client index).
function auditRowsSince(db, after) {
  return sqlite(db, `SELECT a.id, a.action, a.client_id, (SELECT group_concat(x.client_id) FROM audit_about x WHERE x.audit_id = a.id) AS about FROM audit a WHERE a.id > ${after} ORDER BY a.id`, { json: true })
    .map((row) => ({ ...row, names: [...new Set([row.client_id, ...String(row.about ?? '').split(',').map(Number)].filter((x) => x > 0))] }));
}
const lastAuditId = (db) => Number(sqlite(db, 'SELECT coalesce(max(id), 0) FROM audit').trim());

// The response schema docs/openapi.yaml gives this route and status, if any.
function documentedResponse(route, status) {
  const op = spec().paths[route.path]?.[route.method.toLowerCase()];
  if (!op) return { documented: false };
  let res = op.responses[String(status)] || op.responses.default;
  if (!op.responses[String(status)] && status < 400) return { documented: false };
  if (res?.$ref) res = spec().components.responses[res.$ref.split('/').pop()];
  return { documented: true, schema: res?.content?.['application/json']?.schema, types: Object.keys(res?.content || {}) };
}

let routes = [];
let routesError = null;
try { routes = serverRoutes(); } catch (e) { routesError = e; }

const PUBLIC_ROUTES = routesError ? new Set() : publicRoutes();
const CHANGE_EXEMPT = routesError ? new Set() : pwChangeOkRoutes();

describe('permission walk', () => {
  let srv;
  let url;
  const sessions = {};   // role -> Api
  const fx = {};         // fixture ids
  const results = [];    // for the report file
  const auditChecks = [];  // route, subject, status, actions, clients named

  before(async () => {
    // The walk submits the public form once per subject: lift its hourly limit.
    srv = await startServer({ env: { IOP_PUBLIC_RATE_PER_HOUR: '100000' } });
    url = srv.url;
    for (const role of ROLES) sessions[role] = await signIn(url, role);
    const admin = sessions.admin;
    const director = sessions.director;

    const sites = await admin.get('/api/v1/sites');
    assert.equal(sites.status, 200, sites.text);
    fx.site = sites.json.items[0].id;
    const site = await admin.post('/api/v1/sites', { name: 'Walk Site ' + cap(uniq()), timezone: 'America/Chicago', address: '1 Walk St', phone: '312-555-0100' });
    assert.equal(site.status, 201, site.text);
    fx.siteTarget = site.json.id;
    const room = await admin.post('/api/v1/rooms', { site_id: fx.site, name: 'Walk Room ' + cap(uniq()), capacity: 12 });
    assert.equal(room.status, 201, room.text);
    fx.room = room.json.id;
    const staff = await admin.post('/api/v1/staff', {
      username: 'walk' + uniq(8), full_name: 'Walk Target', email: 'walk@example.org',
      roles: ['nurse'], site_ids: [fx.site], password: 'Walk-target-pass-1',
    });
    assert.equal(staff.status, 201, staff.text);
    fx.staff = staff.json.id;
    const client = await director.post('/api/v1/clients', clientBody());
    assert.equal(client.status, 201, client.text);
    fx.client = client.json.id;
    // Every demo clinical account is in the standing client's care (the care
    // relationship rule: api/care.test.mjs), and so is the walk's target
    // account, whom the walk takes off the care team.
    await careTeam(url, fx.client);
    // The walk records a demo alumni check-in (by id 1): its client too.
    const alum = Number(sqlite(srv.db, 'SELECT coalesce(max(client_id), 0) FROM alumni_checkin WHERE id = 1').trim());
    if (alum > 0) await careTeam(url, alum);
    const member = await director.post(`/api/v1/clients/${fx.client}/care-team`, { staff_id: fx.staff, role_in_care: 'walk' });
    assert.equal(member.status, 201, member.text);
    fx.contact = await newContact(director);
    // An inquiry as the public sends it; the acknowledgement carries no id,
    // so it is found on the board by its (unique) name.
    const name = 'Walk ' + cap(uniq(10));
    const sent = await new Api(url).post('/api/v1/public/inquiries', { kind: 'help', name, phone: '312-555-0104', urgency: 'today' });
    assert.equal(sent.status, 202, sent.text);
    const board = await sessions.admissions.get('/api/v1/inquiries?status=new&limit=200');
    assert.equal(board.status, 200, board.text);
    const mine = board.json.items.find((q) => q.name === name);
    assert.ok(mine, 'the public inquiry is on the board');
    fx.inquiry = mine.id;
    // A converted inquiry with a task of the admin's, so that the board, the
    // task list and the inquiry reads show a client (the audit check).
    fx.converted = await newInquiry();
    const conv = await director.post(`/api/v1/inquiries/${fx.converted}/convert`, { dob: '1981-03-04', sex: 'unknown', allow_duplicate: true });
    assert.equal(conv.status, 200, conv.text);

    // Staff ids by username (the demo accounts are named after their role).
    const all = await admin.get('/api/v1/staff?limit=200');
    assert.equal(all.status, 200, all.text);
    fx.staffId = Object.fromEntries(all.json.items.map((x) => [x.username, x.id]));
    const tracks = await admin.get(`/api/v1/tracks?site_id=${fx.site}`);
    assert.equal(tracks.status, 200, tracks.text);
    fx.track = tracks.json.items.find((t) => t.level_of_care === '2.1').id;
    // A standing open alert (refused resolutions must leave it open), a
    // standing task of the clinician's and a coverage for the insurance routes.
    fx.alert = await newAlert();
    fx.task = await newTask('clinician');
    const ct = await director.post(`/api/v1/inquiries/${fx.converted}/tasks`,
      { title: 'Walk converted follow-up', due_at: '2030-01-01T09:00Z', assigned_to: fx.staffId.admin });
    assert.equal(ct.status, 201, ct.text);
    const cov = await director.post(`/api/v1/clients/${fx.client}/coverages`, { payer: 'Walk Health', member_id: 'W' + uniq(6) });
    assert.equal(cov.status, 201, cov.text);
    fx.coverage = cov.json.id;
  });
  after(() => finish(srv));

  async function newContact(api = sessions.director) {
    const r = await api.post(`/api/v1/clients/${fx.client}/contacts`, { name: 'Walk Contact', relationship: 'friend', phone: '312-555-0102' });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }

  // A fresh open alert on the standing client: a PHQ-9 with item 9 above zero.
  async function newAlert() {
    const s = await sessions.clinician.post(`/api/v1/clients/${fx.client}/instruments`, { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] });
    assert.equal(s.status, 201, s.text);
    const r = await sessions.clinician.get(`/api/v1/clients/${fx.client}/alerts?open=true&limit=200`);
    assert.equal(r.status, 200, r.text);
    const a = r.json.items.find((x) => x.source_id === s.json.id);
    assert.ok(a, `an alert from screening ${s.json.id}`);
    return a.id;
  }

  // A follow-up task on the standing inquiry assigned to the demo account `username`.
  async function newTask(username) {
    const r = await sessions.director.post(`/api/v1/inquiries/${fx.inquiry}/tasks`,
      { title: 'Walk follow-up', due_at: '2030-01-01T09:00Z', assigned_to: fx.staffId[username] });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.assigned_to, fx.staffId[username]);
    return r.json.id;
  }

  // A fresh client with no episode, to be admitted.
  // In the care of every clinical account, as the standing client is: the
  // episode admitted for it carries records (a discharge summary, a plan)
  // that later routes of the walk reach by id.
  async function newClient() {
    const r = await sessions.director.post('/api/v1/clients', clientBody());
    assert.equal(r.status, 201, r.text);
    await careTeam(url, r.json.id);
    return r.json.id;
  }

  // A throwaway inquiry (phone intake) for a conversion that will succeed.
  // A shift on the roster, a day ahead of the last one made (no overlaps).
  let shiftDay = 0;
  function shiftBody() {
    shiftDay += 1;
    const start = new Date(Date.UTC(2030, 0, 1) + shiftDay * 86400000).toISOString().slice(0, 16) + 'Z';
    const end = new Date(Date.UTC(2030, 0, 1) + shiftDay * 86400000 + 8 * 3600000).toISOString().slice(0, 16) + 'Z';
    return { staff_id: fx.staffId.clinician, starts_at: start, ends_at: end };
  }
  async function newShift() {
    const r = await sessions.director.post(`/api/v1/sites/${fx.site}/duty`, shiftBody());
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }

  // A closure day of a site, a day after the last one made.
  let closureDay = 0;
  async function newClosure(site) {
    closureDay += 1;
    const date = new Date(Date.UTC(2031, 0, 1) + closureDay * 86400000).toISOString().slice(0, 10);
    const r = await sessions.director.post(`/api/v1/sites/${site}/closures`, { date, reason: 'Walk closure' });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }

  async function newInquiry() {
    const r = await sessions.director.post('/api/v1/inquiries', { kind: 'phone', name: 'Walk ' + cap(uniq(10)), phone: '312-555-0105' });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  }

  // The concrete path and body for one call of a route by role (null: no
  // session, or an account that must change its password).
  async function request(route, allowed, role = null) {
    let path = route.path;
    let idFor = path.startsWith('/api/v1/clients') ? fx.client : path.startsWith('/api/v1/staff') ? fx.staff
      : path.startsWith('/api/v1/sites') ? fx.siteTarget : path.startsWith('/api/v1/rooms') ? fx.room
        : path.startsWith('/api/v1/inquiries/') ? fx.inquiry : path.startsWith('/api/v1/alerts/') ? fx.alert
          : path.startsWith('/api/v1/tasks/') ? fx.task : path.startsWith('/api/v1/coverages/') ? fx.coverage : 1;
    const k0 = routeKey(route);
    if (k0 === 'POST /api/v1/inquiries/{id}/convert' && allowed) idFor = await newInquiry();
    // A merge closes the inquiry it takes: merge one fresh inquiry into another.
    let mergeFrom = fx.inquiry;
    if (k0 === 'POST /api/v1/inquiries/{id}/merge' && allowed) { idFor = await newInquiry(); mergeFrom = await newInquiry(); }
    if (k0 === 'POST /api/v1/clients/{id}/episodes' && allowed) idFor = await newClient();
    if (k0 === 'POST /api/v1/alerts/{id}/resolve' && allowed) idFor = await newAlert();
    if (k0 === 'POST /api/v1/tasks/{id}/done' && allowed && role) idFor = await newTask(role);
    if (k0.endsWith('/api/v1/sites/{id}/duty')) idFor = fx.site;
    // Reads of an inquiry read the converted one: they are about its client.
    if (route.method === 'GET' && route.path.startsWith('/api/v1/inquiries/{id}')) idFor = fx.converted;
    if (k0 === 'DELETE /api/v1/duty/{id}') idFor = allowed ? await newShift() : 1;
    let contact = fx.contact;
    if (route.method === 'DELETE' && route.path.includes('{contact_id}') && allowed) contact = await newContact();
    let closure = 1;
    if (route.method === 'DELETE' && route.path.includes('{closure_id}') && allowed) closure = await newClosure(idFor);
    path = path.replace('{id}', String(idFor)).replace('{contact_id}', String(contact)).replace('{coverage_id}', String(fx.coverage))
      .replace('{closure_id}', String(closure)).replace('{staff_id}', String(fx.staff))
      .replace('{client_id}', String(fx.client))
      .replace('{code}', 'phq9');
    const bodies = {
      'POST /api/v1/session': { username: 'clinician', password: DEMO_PASSWORD },
      'PUT /api/v1/me/password': {},
      'POST /api/v1/clients': clientBody(),
      'PATCH /api/v1/clients/{id}': { language: 'English' },
      'POST /api/v1/clients/{id}/contacts': { name: 'Walk Added', relationship: 'aunt', email: 'aunt@example.org' },
      'PATCH /api/v1/clients/{id}/contacts/{contact_id}': { notes: 'walked' },
      'POST /api/v1/staff': { username: 'walk' + uniq(8), full_name: 'Walk New', email: '', roles: ['billing'], site_ids: [fx.site], password: 'Walk-new-pass-123' },
      'PATCH /api/v1/staff/{id}': { full_name: 'Walk Target ' + cap(uniq(4)) },
      'POST /api/v1/staff/{id}/password': { password: 'Walk-reset-pass-' + uniq(4) },
      'POST /api/v1/sites': { name: 'Walk Site ' + cap(uniq()), timezone: 'America/New_York', address: '', phone: '' },
      'PATCH /api/v1/sites/{id}': { phone: '312-555-0199' },
      'POST /api/v1/rooms': { site_id: fx.site, name: 'Walk Room ' + cap(uniq()), capacity: 8 },
      'PATCH /api/v1/rooms/{id}': { capacity: 14 },
      'POST /api/v1/instruments/{code}/score': { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
      'POST /api/v1/clients/{id}/instruments': { code: 'phq9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
      'POST /api/v1/public/inquiries': { kind: 'help', name: 'Walk Public', phone: '312-555-0106' },
      'POST /api/v1/inquiries': { kind: 'phone', name: 'Walk Caller', phone: '312-555-0107' },
      'PATCH /api/v1/inquiries/{id}': { referral_source: 'walk' },
      'POST /api/v1/inquiries/{id}/convert': { dob: '1980-02-03', sex: 'unknown', allow_duplicate: true },
      'POST /api/v1/inquiries/{id}/contacts': { method: 'call', outcome: 'reached' },
      'POST /api/v1/inquiries/{id}/tasks': { title: 'x', due_at: '2030-01-01T09:00Z' },
      'POST /api/v1/inquiries/{id}/merge': { from_id: mergeFrom },
      'POST /api/v1/alerts/{id}/resolve': { response: 'Walk: assessed, safety plan made.' },
      'POST /api/v1/tasks/{id}/done': { response: 'Walk: called back.' },
      'PUT /api/v1/placement/table': { version: 0, edition: 'Walk edition', min_level: { d1: ['1', '1', '2.1', '3.7', '4'], d2: ['1', '1', '2.1', '3.7', '4'], d3: ['1', '1', '2.1', '2.5', '4'], d4: ['1', '1', '1', '2.1', '2.1'], d5: ['1', '1', '2.1', '2.5', '3.5'], d6: ['1', '1', '2.1', '2.5', '3.5'] }, flags: [] },
      'POST /api/v1/placement/table/restore': { version: 1 },
      'POST /api/v1/sites/{id}/duty': shiftBody(),
      'POST /api/v1/placement/recommend': { ratings: { d1: 0, d2: 1, d3: 2, d4: 0, d5: 2, d6: 1 } },
      'POST /api/v1/clients/{id}/placements': { ratings: { d1: 0, d2: 1, d3: 2, d4: 0, d5: 2, d6: 1 }, chosen_level: '2.1' },
      'POST /api/v1/clients/{id}/episodes': {
        level: '2.1', site_id: fx.site, track_id: fx.track, primary_clinician_id: fx.staffId.clinician,
        case_manager_id: fx.staffId.case_manager, privacy_notice_given: true,
      },
      'POST /api/v1/clients/{id}/coverages': { payer: 'Walk Health', member_id: 'W' + uniq(6), rank: 'secondary' },
      'PATCH /api/v1/clients/{id}/coverages/{coverage_id}': { plan: 'Walk Plan' },
      'POST /api/v1/coverages/{id}/benefit-checks': {
        iop_covered: true, deductible_cents: 50000, deductible_met_cents: 0, copay_per_day_cents: 2500,
        coinsurance_bp: 1000, oop_max_cents: 400000, oop_met_cents: 0,
      },
      'POST /api/v1/coverages/{id}/authorizations': {
        number: 'WALK-' + uniq(4), level: '2.1', days_authorized: 24, start_date: '2026-01-05', end_date: '2026-03-01',
      },
    };
    const k = routeKey(route);
    const body = k in bodies ? bodies[k] : (['POST', 'PUT', 'PATCH'].includes(route.method) ? {} : undefined);
    return { path, body };
  }

  // A copy of a role's session, so that a route answering Set-Cookie (login)
  // cannot swap the shared session's cookie.
  function as(role) {
    const a = new Api(url);
    if (role) { a.cookie = sessions[role].cookie; a.csrf = sessions[role].csrf; }
    return a;
  }

  // Nothing is walked from a hand list: the routes are the server's table
  // and the roles the role table's. Both are checked against their sources
  // here, so a route the CLI failed to print or a role no demo account has
  // cannot slip past the walk.
  test('the walk is derived from the tables: every route of routes.c, every role of the role table', () => {
    if (routesError) throw routesError;
    const src = readFileSync(join(ROOT, 'src/http/routes.c'), 'utf8');
    const declared = [...src.matchAll(/^\s*\[R_[A-Z0-9_]+\]\s*=\s*\{\s*M_([A-Z]+),/gm)].map((m) => m[1]).sort();
    assert.ok(declared.length > 0, 'routes found in src/http/routes.c');
    assert.deepEqual(routes.map((r) => r.method).sort(), declared,
      'iop routes --long prints every route of the table in src/http/routes.c, with its method');
    const held = new Set(Object.values(permissionTable()).flat());
    assert.deepEqual([...held].sort(), [...ROLES].sort(), 'the walk signs in as every role the role table names');
  });

  test('iop routes --long lists routes, each once, with a known permission', () => {
    if (routesError) throw routesError;
    const keys = routes.map(routeKey);
    assert.equal(new Set(keys).size, keys.length, 'each route once');
    for (const r of routes)
      assert.ok(r.perm === 'public' || ROLES.some((x) => roleAllows(x, r.perm)),
        `${routeKey(r)}: permission ${r.perm} is held by some role`);
    assert.deepEqual([...PUBLIC_ROUTES].filter((k) => routes.find((r) => routeKey(r) === k).perm !== 'public'), [],
      'a route flagged public has the permission word public');
    assert.deepEqual([...CHANGE_EXEMPT].sort(), ['DELETE /api/v1/session', 'GET /api/v1/me', 'PUT /api/v1/me/password']);
  });

  for (const route of routes) {
    const key = routeKey(route);
    // The permission docs/openapi.yaml documents, which must be the server's.
    const perm = spec().paths[route.path]?.[route.method.toLowerCase()]?.['x-permission'];
    test(`${key} (${perm ?? 'undocumented'}) answers each role by the role table`, async () => {
      assert.equal(perm, route.perm, `${key}: x-permission in docs/openapi.yaml and iop routes --long`);
      const failures = [];
      let audited = false;
      for (const role of [null, ...ROLES]) {
        const allowed = role && roleAllows(role, perm);
        // Signing out ends the session it is sent with: use a fresh one.
        const api = key === 'DELETE /api/v1/session' && role ? await signIn(url, role) : as(role);
        const { path, body } = await request(route, allowed || PUBLIC_ROUTES.has(key), role);
        const checkAudit = !audited && (allowed || PUBLIC_ROUTES.has(key));
        const mark = checkAudit ? lastAuditId(srv.db) : 0;
        const r = await api.req(route.method, path, body);
        const who = role || '(no session)';
        if (checkAudit) {
          // The first allowed call: its rows name exactly the clients it was about.
          audited = true;
          const rows = auditRowsSince(srv.db, mark);
          const named = [...new Set(rows.flatMap((x) => x.names))].sort((a, b) => a - b);
          const want = [...clientsAbout(srv.db, route, path, r)].sort((a, b) => a - b);
          auditChecks.push(`${key}\t${who}\t${r.status}\t${rows.map((x) => x.action).join(',')}\t${named.join(',')}`);
          if (named.join() !== want.join()) {
            const extra = named.filter((x) => !want.includes(x));
            const missing = want.filter((x) => !named.includes(x));
            failures.push(`${route.method} ${path} as ${who} (${r.status}): audit rows name clients [${named}], expected [${want}]`
              + (missing.length ? `; missing [${missing}]` : '') + (extra.length ? `; not about [${extra}]` : '')
              + `; rows: ${rows.map((x) => `${x.action} client ${x.client_id} about [${x.about ?? ''}]`).join(' | ') || 'none'}`);
          }
        }
        results.push(`${key}\t${who}\t${r.status}\t${r.json?.error?.code || ''}`);
        let ok;
        let want;
        if (PUBLIC_ROUTES.has(key)) { want = 'not 401/403'; ok = r.status !== 401 && r.status !== 403; }
        else if (!role) { want = '401 unauthenticated'; ok = r.status === 401 && r.json?.error?.code === 'unauthenticated'; }
        else if (!allowed) { want = '403 forbidden'; ok = r.status === 403 && r.json?.error?.code === 'forbidden'; }
        else { want = 'not 401/403'; ok = r.status !== 401 && r.status !== 403 && r.status < 500; }
        if (!ok) failures.push(`${route.method} ${path} as ${who}: expected ${want}, got ${r.status} ${r.text.slice(0, 200)}`);
        // Whatever the answer, docs/openapi.yaml must describe it.
        const doc = documentedResponse(route, r.status);
        if (!doc.documented) failures.push(`${route.method} ${path} as ${who}: status ${r.status} is not in docs/openapi.yaml`);
        else if (doc.schema) {
          const p = r.json === null ? ['body is not JSON'] : schemaProblems(doc.schema, r.json);
          if (p.length) failures.push(`${route.method} ${path} as ${who}: ${r.status} body does not match docs/openapi.yaml: ${p.slice(0, 5).join('; ')}`);
        } else if (r.text && !doc.types.includes((r.headers.get('content-type') || '').split(';')[0]))
          failures.push(`${route.method} ${path} as ${who}: ${r.status} has a body the spec does not document`);
      }
      assert.deepEqual(failures, []);
    });
  }

  test('every route was called with no session and as every role', () => {
    const seen = new Set(results.map((x) => x.split('\t').slice(0, 2).join('\t')));
    const missing = [];
    for (const route of routes)
      for (const who of ['(no session)', ...ROLES])
        if (!seen.has(`${routeKey(route)}\t${who}`)) missing.push(`${routeKey(route)} as ${who}`);
    assert.deepEqual(missing, []);
    assert.equal(seen.size, routes.length * (ROLES.length + 1));
  });

  test('refused calls left the standing alert open and the clinician\'s task undone', async () => {
    const a = await sessions.clinician.get(`/api/v1/clients/${fx.client}/alerts?open=true&limit=200`);
    assert.ok(a.json.items.some((x) => x.id === fx.alert), 'the standing alert is still open');
    const t = await sessions.clinician.get('/api/v1/tasks?limit=200');
    assert.ok(t.json.items.some((x) => x.id === fx.task && x.open), 'the standing task is still open');
  });

  test('refused deletes left the standing contact in place', async () => {
    const r = await sessions.director.get(`/api/v1/clients/${fx.client}/contacts?limit=200`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((c) => c.id === fx.contact), 'the contact used for refused deletes still exists');
  });

  test('the demo accounts the walk used are neither disabled nor locked', async () => {
    const r = await sessions.admin.get('/api/v1/staff?limit=200');
    for (const role of ROLES) {
      const s = r.json.items.find((x) => x.username === role);
      assert.ok(s && s.active && !s.locked, role);
    }
  });

  test('an account that must change its password gets 403 password_change_required everywhere but /me and sign-out', async () => {
    const admin = sessions.admin;
    const username = 'mustchange' + uniq(6);
    const c = await admin.post('/api/v1/staff', {
      username, full_name: 'Must Change', email: '', roles: [...ROLES], site_ids: [fx.site], password: 'Must-change-pass-1',
    });
    assert.equal(c.status, 201, c.text);
    const mc = new Api(url);
    const l = await mc.login(username, 'Must-change-pass-1');
    assert.equal(l.status, 200, l.text);
    assert.equal(l.json.user.must_change_password, true);
    const failures = [];
    for (const route of routes) {
      const key = routeKey(route);
      if (PUBLIC_ROUTES.has(key) || key === 'DELETE /api/v1/session') continue;
      const { path, body } = await request(route, true);
      const a = new Api(url);
      a.cookie = mc.cookie; a.csrf = mc.csrf;
      const r = await a.req(route.method, path, body);
      if (CHANGE_EXEMPT.has(key)) {
        if (r.status === 401 || r.status === 403) failures.push(`${key}: expected to be open, got ${r.status} ${r.text}`);
      } else if (r.status !== 403 || r.json?.error?.code !== 'password_change_required') {
        failures.push(`${key}: expected 403 password_change_required, got ${r.status} ${r.text.slice(0, 200)}`);
      }
    }
    const out = await mc.del('/api/v1/session');
    if (out.status !== 204) failures.push(`DELETE /api/v1/session: expected 204, got ${out.status} ${out.text}`);
    assert.deepEqual(failures, []);
  });

  after(() => {
    try { writeFileSync(join(outDir('security'), 'permissions.tsv'), 'route\tsubject\tstatus\tcode\n' + results.join('\n') + '\n'); } catch { /* report only */ }
    try { writeFileSync(join(outDir('security'), 'permissions-audit.tsv'), 'route\tsubject\tstatus\tactions\tclients\n' + auditChecks.join('\n') + '\n'); } catch { /* report only */ }
  });
});

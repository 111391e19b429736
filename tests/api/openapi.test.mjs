// docs/openapi.yaml: valid for two independent checkers, and equal to the
// server's own route table (`iop routes --long`): the same operations, each
// with the route's permission as x-permission (`public`, `none` or a name
// `iop permissions` prints), no session exactly where the route is public and
// the CSRF header exactly where a state-changing route checks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { lint, createConfig } from '@redocly/openapi-core';
import {
  ROOT, spec, specOperations, serverRoutes, permissionTable, publicRoutes, noCsrfRoutes, routeKey, iop,
} from './helpers.mjs';

const FILE = join(ROOT, 'docs/openapi.yaml');
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PERMS = new Set(['public', 'none', ...Object.keys(permissionTable())]);

const fmt = (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`;

test('swagger-parser validates docs/openapi.yaml', async () => {
  const api = await SwaggerParser.validate(FILE);
  assert.match(api.openapi, /^3\./);
});

test('redocly spec ruleset reports no problems', async () => {
  const problems = await lint({ ref: FILE, config: await createConfig({ extends: ['spec'] }) });
  assert.deepEqual(problems.map(fmt), []);
});

test('redocly recommended ruleset reports no errors', async () => {
  const problems = await lint({ ref: FILE, config: await createConfig({ extends: ['recommended'] }) });
  assert.deepEqual(problems.filter((p) => p.severity === 'error').map(fmt), []);
});

test('the documented components exist', () => {
  const names = Object.keys(spec().components.schemas);
  for (const n of ['Client', 'Address', 'Contact', 'Staff', 'Site', 'Room', 'Track', 'AuditEntry',
    'User', 'SessionReply', 'ErrorBody', 'ClientList', 'ContactList', 'AuditList', 'StaffList',
    'SiteList', 'RoomList', 'TrackList', 'Instrument', 'InstrumentItem', 'InstrumentSet', 'ScoreRequest',
    'ScoreResult', 'Screening', 'ScreeningList', 'Inquiry', 'InquiryInput', 'InquiryList', 'ProgramInfo', 'Ack',
    'Alert', 'AlertList', 'Task', 'TaskList', 'PlacementTable', 'PlacementInput', 'PlacementRecommendation',
    'PlacementCreate', 'Placement', 'PlacementList', 'EpisodeCreate', 'Episode', 'EpisodeList', 'CensusList',
    'CoverageCreate', 'Coverage', 'CoverageList', 'BenefitCheckCreate', 'BenefitCheck', 'Estimate',
    'BenefitCheckList', 'AuthorizationCreate', 'Authorization', 'AuthorizationList', 'PlacementTableInput',
    'PlacementTableRestore', 'DutyShift', 'DutyShiftCreate', 'DutyRoster', 'AlertTask'])
    assert.ok(names.includes(n), `components.schemas.${n}`);
  const cookie = spec().components.securitySchemes.sessionCookie;
  assert.deepEqual([cookie.type, cookie.in, cookie.name], ['apiKey', 'cookie', 'iop_session']);
});

test('every operation has a unique operationId, a summary, declared tags and a permission', () => {
  const ids = new Set();
  const tags = new Set((spec().tags || []).map((t) => t.name));
  for (const { method, path, op } of specOperations()) {
    const w = `${method} ${path}`;
    assert.match(op.operationId || '', /^[a-z][A-Za-z]+$/, `${w} operationId`);
    assert.ok(!ids.has(op.operationId), `${w} operationId ${op.operationId} is unique`);
    ids.add(op.operationId);
    assert.ok(op.summary, `${w} summary`);
    assert.ok(op.tags?.length && op.tags.every((t) => tags.has(t)), `${w} tags`);
    assert.ok(PERMS.has(op['x-permission']), `${w} x-permission`);
  }
});

test('every permission of the role table guards some route', () => {
  const used = new Set(serverRoutes().map((r) => r.perm));
  assert.deepEqual(Object.keys(permissionTable()).filter((p) => !used.has(p)), []);
});

test('only the routes the server marks public (login, the health check, the two public routes) are open without a session', () => {
  const root = spec().security;
  assert.deepEqual(root, [{ sessionCookie: [] }]);
  for (const { method, path, op } of specOperations()) {
    const open = Array.isArray(op.security) && op.security.length === 0;
    assert.equal(open, publicRoutes().has(`${method} ${path}`), `${method} ${path} security`);
    assert.equal(open, op['x-permission'] === 'public', `${method} ${path} open iff x-permission is public`);
    if (!open) {
      assert.ok(op.responses['401'], `${method} ${path} documents 401`);
      if (`${method} ${path}` !== 'GET /api/v1/me')
        assert.ok(op.responses['403'], `${method} ${path} documents 403`);
    }
  }
});

test('state-changing operations except login and the public inquiry form require the X-CSRF-Token header', () => {
  const csrf = spec().components.parameters.CsrfToken;
  assert.deepEqual([csrf.in, csrf.name, csrf.required], ['header', 'X-CSRF-Token', true]);
  for (const { method, path, op } of specOperations()) {
    const has = (op.parameters || []).some((p) => p.$ref === '#/components/parameters/CsrfToken');
    const want = STATE_CHANGING.has(method) && !noCsrfRoutes().has(`${method} ${path}`);
    assert.equal(has, want, `${method} ${path} X-CSRF-Token`);
  }
});

test('documented status codes: 404 on ids and codes, 400 and 413 on bodies, 409 on creates that can collide, 429 on login and the public form', () => {
  for (const { method, path, op, item } of specOperations()) {
    const w = `${method} ${path}`;
    const params = [...(item.parameters || []), ...(op.parameters || [])]
      .map((p) => (p.$ref ? spec().components.parameters[p.$ref.split('/').pop()] : p));
    for (const name of [...path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1])) {
      const p = params.find((x) => x.in === 'path' && x.name === name);
      // Ids are integers; {code} (an instrument) and {token} (a calendar
      // feed's link) are the string parameters.
      const type = name === 'code' || name === 'token' ? 'string' : 'integer';
      assert.ok(p && p.required && p.schema.type === type, `${w} path parameter ${name} is an ${type}`);
      assert.ok(op.responses['404'], `${w} documents 404`);
    }
    if (op.requestBody) {
      assert.ok(op.requestBody.content['application/json'], `${w} takes JSON`);
      assert.ok(op.responses['400'] && op.responses['413'], `${w} documents 400 and 413`);
    }
    for (const [code, r] of Object.entries(op.responses)) {
      if (!/^[45]|default/.test(code)) continue;
      const ref = r.$ref ? spec().components.responses[r.$ref.split('/').pop()] : r;
      assert.equal(ref.content['application/json'].schema.$ref, '#/components/schemas/ErrorBody', `${w} ${code} is an ErrorBody`);
    }
  }
  const ops = Object.fromEntries(specOperations().map((o) => [`${o.method} ${o.path}`, o.op]));
  assert.ok(ops['POST /api/v1/clients'].responses['409'], 'duplicate client 409');
  assert.ok(ops['POST /api/v1/staff'].responses['409'], 'username taken 409');
  assert.ok(ops['POST /api/v1/session'].responses['429'], 'login rate limit 429');
  assert.ok(ops['POST /api/v1/session'].responses['401'], 'login 401');
  assert.ok(ops['POST /api/v1/public/inquiries'].responses['429'], 'public form rate limit 429');
  assert.ok(ops['POST /api/v1/public/inquiries'].responses['403'], 'public form foreign Origin 403');
  assert.ok(ops['POST /api/v1/inquiries/{id}/convert'].responses['409'], 'convert duplicate/conflict 409');
});

test('list operations take limit and offset; clients take q and include_inactive; rooms and tracks take site_id; alerts, tasks and the census take their filters', () => {
  for (const { method, path, op } of specOperations()) {
    const res = op.responses['200']?.content?.['application/json']?.schema?.$ref || '';
    if (!res.endsWith('List')) continue;
    const names = (op.parameters || []).map((p) => p.$ref.split('/').pop());
    assert.ok(names.includes('Limit') && names.includes('Offset'), `${method} ${path} limit/offset`);
  }
  const names = (m, p) => spec().paths[p][m].parameters.map((x) => x.$ref.split('/').pop());
  assert.ok(names('get', '/api/v1/clients').includes('Query'));
  assert.ok(names('get', '/api/v1/clients').includes('IncludeInactive'));
  assert.ok(names('get', '/api/v1/rooms').includes('SiteId'));
  assert.ok(names('get', '/api/v1/tracks').includes('SiteId'));
  assert.ok(names('get', '/api/v1/inquiries').includes('InquiryStatus'));
  assert.ok(names('get', '/api/v1/inquiries').includes('InquiryClientId'));
  assert.ok(names('get', '/api/v1/clients/{id}/alerts').includes('OpenOnly'));
  assert.ok(names('get', '/api/v1/tasks').includes('IncludeDone'));
  for (const p of ['SiteId', 'CensusLevel', 'TrackId'])
    assert.ok(names('get', '/api/v1/census').includes(p), `census takes ${p}`);
  const limit = spec().components.parameters.Limit.schema;
  assert.deepEqual([limit.minimum, limit.maximum, limit.default], [1, 200, 50]);
});

test('the operations equal the server route table (iop routes --long)', () => {
  const server = serverRoutes().map(routeKey).sort();
  const documented = specOperations().map(routeKey).sort();
  const missing = server.filter((r) => !documented.includes(r));
  const extra = documented.filter((r) => !server.includes(r));
  assert.deepEqual({ undocumented: missing, notServed: extra }, { undocumented: [], notServed: [] });
  assert.equal(new Set(server).size, server.length, 'iop routes prints each route once');
});

test('x-permission equals the permission column of iop routes --long', () => {
  const server = Object.fromEntries(serverRoutes().map((r) => [routeKey(r), r.perm]));
  const diff = [];
  for (const o of specOperations()) {
    const k = routeKey(o);
    if (k in server && server[k] !== o.op['x-permission'])
      diff.push(`${k}: openapi ${o.op['x-permission']}, iop routes ${server[k]}`);
  }
  assert.deepEqual(diff, []);
});

test('iop routes and iop routes --long print the same table', () => {
  const r = iop(['routes']);
  assert.equal(r.status, 0, r.stderr);
  const short = r.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/).join(' '));
  const long = serverRoutes().map((x) => `${routeKey(x)} ${x.perm === 'public' || x.perm === 'none' ? '-' : x.perm}`);
  assert.deepEqual(short, long);
});

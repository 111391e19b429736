// Every action the code writes to the audit log has a name in words, served
// by GET /api/v1/audit/words: the list of actions is read from the code
// itself (the route table's AU(...) lines, the rows handlers and the frame
// write, operations' outcomes, the commands), not kept by hand.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, finish, ROOT, assertSchema } from './helpers.mjs';

// Lines that set an audit action, and the action codes on them.
const SETS_ACTION = /\bAU\(|\breq_audit(_as)?\(|\baction\s*=|cli_audit_row\(/;
const CODE = /"([a-z][a-z_]*\.[a-z_]+)"/g;

function actionsInCode() {
  const found = new Map();	// code -> first file:line
  for (const dir of ['src/http', 'src/ops', 'src/cli', 'src/store']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.c'))) {
      const lines = readFileSync(join(ROOT, dir, f), 'utf8').split('\n');
      lines.forEach((line, i) => {
        // A statement may run onto the next line ("AU(\n ..."), so look at both.
        const text = SETS_ACTION.test(line) ? line + (lines[i + 1] || '') : '';
        for (const m of text.matchAll(CODE)) if (!found.has(m[1])) found.set(m[1], `${dir}/${f}:${i + 1}`);
      });
    }
  }
  return found;
}

describe('the audit log in words', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await finish(srv); });

  test('every action written by a route, handler, operation or command has words', async () => {
    const inCode = actionsInCode();
    // The scan finds what it must: the route table and the other writers.
    for (const a of ['client.read', 'benefit_check.create', 'placement_table.update', 'session.login',
      'request.refused_more', 'client.deactivate', 'duty.end', 'staff.enable', 'demo.write',
      'audit.export', 'client.chart_opened'])
      assert.ok(inCode.has(a), `the scan found ${a}`);
    assert.ok(inCode.size > 50, `found ${inCode.size} actions`);

    const admin = await signIn(srv.url, 'admin');
    const r = await admin.get('/api/v1/audit/words');
    assert.equal(r.status, 200, r.text);
    assertSchema('AuditWords', r.json);
    const words = new Map(r.json.actions.map((a) => [a.code, a.words]));
    const missing = [...inCode].filter(([code]) => !words.has(code)).map(([c, at]) => `${c} (${at})`);
    assert.deepEqual(missing, [], 'actions with no words');
    for (const [code, w] of words) {
      assert.match(w, /^[A-Z]/, `${code}: words start with a capital`);
      assert.ok(!/[a-z]_[a-z]|\.[a-z]/.test(w), `${code}: "${w}" reads as words, not a code`);
    }
    assert.equal(words.get('benefit_check.create'), 'Checked benefits');
    // Every record type a route declares has words too.
    const types = new Map(r.json.record_types.map((t) => [t.code, t]));
    const router = readFileSync(join(ROOT, 'src/http/routes.c'), 'utf8');
    for (const m of router.matchAll(/AU\("[^"]+",\s*"([a-z_]*)"/g)) {
      if (m[1] === '') continue;
      assert.ok(types.has(m[1]), `record type ${m[1]} has words`);
      assert.ok(!types.get(m[1]).one.includes('_'));
    }
  });

  test('each row carries its action in words; the words need audit.read', async () => {
    const admin = await signIn(srv.url, 'admin');
    const r = await admin.get('/api/v1/audit?limit=5');
    assert.ok(r.json.items.every((x) => typeof x.action_words === 'string' && x.action_words.length > 0));
    assert.ok(r.json.items.some((x) => x.action === 'session.login' && x.action_words === 'Signed in'));
    const clin = await signIn(srv.url, 'clinician');
    assert.equal((await clin.get('/api/v1/audit/words')).status, 403);
    assert.equal((await new Api(srv.url).get('/api/v1/audit/words')).status, 401);
  });
});

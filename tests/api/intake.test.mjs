// Issue 11, defect 2: what a person did not say is "not asked" (null),
// never a refusal or a choice — from the public forms, the phone intake, the
// store, and the migration of the rows written before (migration 0013).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, Api } from '../lib/server.mjs';
import { signIn, uniq, cap, assertError, assertSchema, finish, sqlite, iop, ROOT } from './helpers.mjs';

// 400 invalid naming field.
function assertInvalid(res, field) {
  assertError(res, 400, 'invalid', field);
  assert.ok(field in (res.json.error.fields || {}), `names ${field}: ${res.text}`);
}

describe('not asked is not a refusal', () => {
  let srv;
  let anon;
  let adm;

  before(async () => {
    srv = await startServer({ env: { IOP_PUBLIC_RATE_PER_HOUR: '100000' } });
    anon = new Api(srv.url);
    adm = await signIn(srv.url, 'admissions');
  });
  after(() => finish(srv));

  const find = async (name) => {
    const r = await adm.get('/api/v1/inquiries?limit=200');
    const q = r.json.items.find((x) => x.name === name);
    assert.ok(q, `inquiry ${name} on the board`);
    return q;
  };

  test('the "Verify insurance" form asks neither consent nor urgency: all three are not asked', async () => {
    const name = `Vera ${cap(uniq(8))}`;
    const r = await anon.post('/api/v1/public/inquiries', {
      kind: 'insurance', name, phone: '312-555-0142', payer: 'Fictional Health', member_id: 'FH-' + uniq(6),
    });
    assert.equal(r.status, 202, r.text);
    const q = await find(name);
    assertSchema('Inquiry', q);
    assert.equal(q.ok_voicemail, null);
    assert.equal(q.ok_text, null);
    assert.equal(q.urgency, null);
    // Stored as NULL, not as 0 / 'exploring'.
    const [row] = sqlite(srv.db, `SELECT ok_voicemail, ok_text, urgency FROM inquiry WHERE id = ${q.id}`, { json: true });
    assert.deepEqual(row, { ok_voicemail: null, ok_text: null, urgency: null });
  });

  test('the help form: yes, no and a skipped question are three different answers', async () => {
    const name = `Hale ${cap(uniq(8))}`;
    const r = await anon.post('/api/v1/public/inquiries', { kind: 'help', name, phone: '312-555-0143', ok_voicemail: true, ok_text: false });
    assert.equal(r.status, 202, r.text);
    const q = await find(name);
    assert.deepEqual([q.ok_voicemail, q.ok_text, q.urgency], [true, false, null]);
    assertInvalid(await anon.post('/api/v1/public/inquiries', { kind: 'help', name, phone: '312-555-0143', ok_voicemail: 'maybe' }),
      'ok_voicemail');
  });

  test('a voicemail or text is refused until they were asked; the refusal says "not asked"; a recorded yes allows it', async () => {
    const r = await adm.post('/api/v1/inquiries', { kind: 'phone', name: `Pat ${cap(uniq(8))}`, phone: '312-555-0166' });
    assert.equal(r.status, 201, r.text);
    const q = r.json;
    assert.deepEqual([q.ok_voicemail, q.ok_text, q.urgency], [null, null, null]);
    const vm = await adm.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'voicemail', outcome: 'left_message' });
    assertError(vm, 409, 'conflict');
    assert.match(vm.json.error.message, /have not asked/);
    assert.doesNotMatch(vm.json.error.message, /asked not to/);
    const tx = await adm.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'text', outcome: 'sent' });
    assertError(tx, 409, 'conflict');
    assert.match(tx.json.error.message, /have not asked/);

    // Asked on a call: voicemail yes, texts no, this week.
    const p = await adm.patch(`/api/v1/inquiries/${q.id}`, { ok_voicemail: true, ok_text: false, urgency: 'this_week' });
    assert.equal(p.status, 200, p.text);
    assertSchema('Inquiry', p.json);
    assert.deepEqual([p.json.ok_voicemail, p.json.ok_text, p.json.urgency], [true, false, 'this_week']);
    assert.equal((await adm.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'voicemail', outcome: 'left_message' })).status, 201);
    const no = await adm.post(`/api/v1/inquiries/${q.id}/contacts`, { method: 'text', outcome: 'sent' });
    assertError(no, 409, 'conflict');
    assert.match(no.json.error.message, /asked not to/);
    // Null puts "not asked" back; a bad value is refused naming the field.
    const back = await adm.patch(`/api/v1/inquiries/${q.id}`, { urgency: null });
    assert.equal(back.json.urgency, null);
    assertInvalid(await adm.patch(`/api/v1/inquiries/${q.id}`, { urgency: '' }), 'urgency');
    assertInvalid(await adm.patch(`/api/v1/inquiries/${q.id}`, { ok_text: 1 }), 'ok_text');
  });

  test('the board orders a not-asked urgency with the least urgent, never above "today"', async () => {
    const r = await adm.get('/api/v1/inquiries?limit=200');
    const rank = (u) => ({ today: 0, this_week: 1 })[u] ?? 2;
    for (let i = 1; i < r.json.items.length; i++)
      assert.ok(rank(r.json.items[i - 1].urgency) <= rank(r.json.items[i].urgency), `ordered at ${i}`);
  });
});

describe('migration 0013: only what was not asked becomes not asked', () => {
  test('insurance-form rows lose their false consents and their urgency; help and phone rows keep theirs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iop-mig-'));
    const db = join(dir, 'old.db');
    try {
      // A database as the program before 0013 left it: every earlier
      // migration applied and recorded, with rows of each kind.
      const files = readdirSync(join(ROOT, 'sql/schema')).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
      const before = files.filter((f) => f < '0013');
      assert.ok(files.includes('0013_intake.sql'));
      let script = 'PRAGMA foreign_keys=ON;\n';
      before.forEach((f, i) => {
        script += readFileSync(join(ROOT, 'sql/schema', f), 'utf8') + ';\n';
        script += `INSERT INTO schema_migration (version, name, applied_at) VALUES (${i + 1}, '${f}', 0);\n`;
      });
      script = 'CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);\n' + script;
      const row = (kind, source, vm, tx, urg, name) => `INSERT INTO inquiry (kind, name, phone, ok_voicemail, ok_text, urgency, source, created_at, updated_at) VALUES ('${kind}', '${name}', '555-0100', ${vm}, ${tx}, '${urg}', '${source}', 1, 1);\n`;
      script += row('insurance', 'web', 0, 0, 'exploring', 'Ins Web');
      script += row('insurance', 'staff', 0, 1, 'exploring', 'Ins Staff');
      script += row('help', 'web', 0, 0, 'exploring', 'Help Web');
      script += row('phone', 'phone', 1, 0, 'today', 'Phone Call');
      execFileSync('sqlite3', [db], { input: script });
      const r = iop(['init', '--db', db], { IOP_ADMIN_PASSWORD: 'openiop-demo-admin' });
      assert.equal(r.status, 0, r.stderr);
      const got = sqlite(db, 'SELECT name, ok_voicemail, ok_text, urgency FROM inquiry ORDER BY id', { json: true });
      assert.deepEqual(got, [
        { name: 'Ins Web', ok_voicemail: null, ok_text: null, urgency: null },
        { name: 'Ins Staff', ok_voicemail: 0, ok_text: 1, urgency: null },
        { name: 'Help Web', ok_voicemail: 0, ok_text: 0, urgency: 'exploring' },
        { name: 'Phone Call', ok_voicemail: 1, ok_text: 0, urgency: 'today' },
      ]);
      assert.equal(sqlite(db, 'PRAGMA integrity_check').trim(), 'ok');
      assert.equal(sqlite(db, 'PRAGMA foreign_key_check').trim(), '');
      // The dropped NOT NULLs hold for a new connection: a screening may
      // belong to an inquiry alone.
      assert.match(sqlite(db, "SELECT sql FROM sqlite_schema WHERE name = 'screening'"), /client_id INTEGER REFERENCES/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Related persons in family work (issue 14, item 6): a family-education
// group's roster lists, beside each client, their related persons who may
// be contacted (and only those); another kind of group lists none; the
// family appointment shows each person's relationship, the kind when the
// client's own words are blank; migration 0035 reads the kind of the
// contacts written before it from their free text, none may be contacted.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { signIn, clientBody, finish, ROOT, iop, sqlite } from './helpers.mjs';

const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * 86400e3).toISOString().slice(0, 10);
const EVERY_DAY = (group_type) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '10:00', minutes: 90, group_type }));

describe('related persons in family work', () => {
  let srv, dir, adm, clin, desk, admin, today;
  const staff = {};

  const trackWith = async (name, groupType) => {
    const t = await dir.post('/api/v1/tracks', { site_id: 1, name, level_of_care: '2.1', blocks: EVERY_DAY(groupType) });
    assert.equal(t.status, 201, t.text);
    const g = await dir.post(`/api/v1/tracks/${t.json.id}/sessions/generate`, { from: today, to: plusDays(today, 2) });
    assert.equal(g.status, 200, g.text);
    const s = (await dir.get(`/api/v1/sessions?track_id=${t.json.id}&from=${today}&to=${plusDays(today, 2)}`)).json.items;
    return { track: t.json, session: s[s.length - 1] };
  };
  const admit = async (trackId) => {
    const c = await adm.post('/api/v1/clients', clientBody());
    assert.equal(c.status, 201, c.text);
    const e = await adm.post(`/api/v1/clients/${c.json.id}/episodes`, {
      level: '2.1', site_id: 1, track_id: trackId, primary_clinician_id: staff.clinician.id,
      privacy_notice_given: true, admitted_on: today,
    });
    assert.equal(e.status, 201, e.text);
    return c.json.id;
  };
  const person = async (clientId, body) => {
    const r = await clin.post(`/api/v1/clients/${clientId}/contacts`, { phone: '312-555-0160', ...body });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };

  before(async () => {
    srv = await startServer({ testClock: true });
    [dir, adm, clin, desk, admin] = await Promise.all(['director', 'admissions', 'clinician', 'front_desk', 'admin'].map((u) => signIn(srv.url, u)));
    for (const s of (await admin.get('/api/v1/staff?limit=200')).json.items) staff[s.username] = s;
    const now = await srv.advance(0);
    today = new Date(now - 6 * 3600e3).toISOString().slice(0, 10);
  });
  after(() => finish(srv));

  test('a family-education roster lists each client\'s related persons who may be contacted, and only those', async () => {
    const fam = await trackWith('Family education evening', 'family_education');
    const proc = await trackWith('Process evening', 'process_group');
    const x = await admit(fam.track.id);
    const mother = await person(x, { name: 'Lena Marsh', relationship: 'mother', may_contact: true });
    await person(x, { name: 'Owen Marsh', relationship: 'brother', may_contact: false });
    await person(x, { name: 'Ray Tillman', kind: 'probation_officer', organisation: 'Lake County Adult Probation', may_contact: true });
    const r = await desk.get(`/api/v1/sessions/${fam.session.id}`);
    assert.equal(r.status, 200, r.text);
    const row = r.json.roster.find((c) => c.client_id === x);
    assert.ok(row, r.text);
    assert.deepEqual(row.related_persons.map((p) => [p.name, p.kind, p.kind_label]),
      [['Lena Marsh', 'family', 'Family'], ['Ray Tillman', 'probation_officer', 'Probation officer']]);
    assert.equal(row.related_persons[0].contact_id, mother.id);
    assert.equal(row.related_persons[0].phone, '312-555-0160');
    // Another kind of group: no related persons on its roster.
    const y = await admit(proc.track.id);
    await person(y, { name: 'Ada Quist', relationship: 'partner', may_contact: true });
    const p = await desk.get(`/api/v1/sessions/${proc.session.id}`);
    assert.equal(p.status, 200, p.text);
    assert.ok(p.json.roster.length > 0);
    for (const c of p.json.roster) assert.equal(c.related_persons, undefined);
  });

  test('a family appointment names each related person by relationship, the kind when no words were given', async () => {
    const t = await trackWith('Family appts', 'process_group');
    const x = await admit(t.track.id);
    const sponsor = await person(x, { name: 'Sam Okafor', kind: 'sponsor' });
    const sister = await person(x, { name: 'Ivy Marsh', relationship: 'sister' });
    let start = Math.ceil((Date.now() + 26 * 3600e3) / 3600e3) * 3600e3;
    let r;
    for (let i = 0; i < 24; i++, start += 3600e3) {
      r = await desk.post(`/api/v1/clients/${x}/appointments`, {
        kind: 'family_therapy', site_id: 1, staff_id: staff.clinician.id, minutes: 50,
        starts_at: new Date(start).toISOString().slice(0, 16) + 'Z', related_persons: [sponsor.id, sister.id],
      });
      if (r.status !== 409) break;
    }
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json.related_persons.map((p) => [p.name, p.relationship]), [['Sam Okafor', 'sponsor'], ['Ivy Marsh', 'sister']]);
  });
});

describe('migration 0035: the contacts before it get a kind from their words, and "Do not contact"', () => {
  test('probation, sponsor, spouse, mother, boss, a guardian, the rest other', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iop-mig-'));
    const db = join(dir, 'old.db');
    try {
      const files = readdirSync(join(ROOT, 'sql/schema')).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
      assert.ok(files.includes('0035_related_persons.sql'));
      let script = 'CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);\nPRAGMA foreign_keys=ON;\n';
      files.filter((f) => f < '0035').forEach((f, i) => {
        script += readFileSync(join(ROOT, 'sql/schema', f), 'utf8') + ';\n';
        script += `INSERT INTO schema_migration (version, name, applied_at) VALUES (${i + 1}, '${f}', 0);\n`;
      });
      script += "INSERT INTO client (id, mrn, first_name, last_name, dob, sex, created_at, updated_at) VALUES (1, 'IOP-000001', 'Old', 'Record', '1980-01-01', 'male', 1, 1);\n";
      const words = [['Probation Officer', 0], ['AA sponsor', 0], ['Spouse', 0], ['mother', 0], ['boss', 0], ['aunt', 1], ['neighbour', 1], ['neighbour', 0], ['parole agent', 0], ['best friend', 0]];
      words.forEach(([w, g], i) => {
        script += `INSERT INTO contact (client_id, name, relationship, phone, guardian, created_at, updated_at) VALUES (1, 'Person ${i}', '${w}', '555-0100', ${g}, 1, 1);\n`;
      });
      execFileSync('sqlite3', [db], { input: script });
      const r = iop(['init', '--db', db], { IOP_ADMIN_PASSWORD: 'openiop-demo-admin' });
      assert.equal(r.status, 0, r.stderr);
      const got = sqlite(db, 'SELECT relationship, kind, may_contact, organisation FROM contact ORDER BY id', { json: true });
      assert.deepEqual(got.map((x) => [x.relationship, x.kind]), [
        ['Probation Officer', 'probation_officer'], ['AA sponsor', 'sponsor'], ['Spouse', 'partner'], ['mother', 'family'],
        ['boss', 'employer'], ['aunt', 'family'], ['neighbour', 'guardian'], ['neighbour', 'other'], ['parole agent', 'parole_officer'],
        ['best friend', 'friend']]);
      assert.ok(got.every((x) => x.may_contact === 0 && x.organisation === ''), 'nobody may be contacted until the client says so');
      assert.equal(sqlite(db, 'PRAGMA integrity_check').trim(), 'ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

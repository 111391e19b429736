// bench/sessions_generate.mjs — issue 12: generating a year of sessions for
// 10 sites × 4 tracks × 5 blocks a week.
//
//   node bench/sessions_generate.mjs            (uses build/iop; IOP_BIN to change)
//
// Starts a server on a fresh demo database (127.0.0.1:0), adds sites until
// there are 10 (in several time zones), 4 tracks on each with 5 blocks a
// week, then times POST /api/v1/tracks/{id}/sessions/generate for one year
// on each of the 40 tracks (one transaction each), and again (idempotent:
// nothing new). Prints the sessions made and the wall time of each pass.
import { performance } from 'node:perf_hooks';
import { startServer, Api, DEMO_PASSWORD } from '../tests/lib/server.mjs';

const ZONES = ['America/Chicago', 'America/New_York', 'America/Denver', 'America/Los_Angeles',
  'America/Phoenix', 'America/Anchorage', 'Pacific/Honolulu', 'America/Detroit', 'America/Boise',
  'America/Indiana/Indianapolis'];
const TYPES = ['process_group', 'relapse_prevention', 'skills_training', 'psychoeducation', 'recreation'];

const srv = await startServer();
try {
  const admin = new Api(srv.url);
  const ok = (r, what) => { if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`); return r.json; };
  ok(await admin.login('admin', DEMO_PASSWORD), 'login');
  const sites = ok(await admin.get('/api/v1/sites?limit=200'), 'sites').items.map((s) => s.id);
  for (let i = sites.length; i < 10; i++)
    sites.push(ok(await admin.post('/api/v1/sites', { name: `Bench site ${i + 1}`, timezone: ZONES[i], address: '', phone: '' }), 'site').id);
  const tracks = [];
  for (const site of sites.slice(0, 10)) {
    for (let k = 0; k < 4; k++) {
      const blocks = [1, 2, 3, 4, 5].map((wd, j) => ({
        weekday: wd, start: k < 2 ? '09:00' : '18:00', minutes: 180, group_type: TYPES[j],
        topic: `Topic ${j + 1}`, topics: j === 3 ? ['Sleep', 'Nutrition', 'Exercise', 'Stress'] : [],
      }));
      tracks.push(ok(await admin.post('/api/v1/tracks', { site_id: site, name: `Bench ${site}-${k}`, level_of_care: '2.1', blocks }), 'track').id);
    }
  }
  const pass = async () => {
    let created = 0;
    const t0 = performance.now();
    for (const id of tracks)
      created += ok(await admin.post(`/api/v1/tracks/${id}/sessions/generate`, { from: '2027-01-01', to: '2027-12-31' }), 'generate').created;
    return { created, ms: performance.now() - t0 };
  };
  const first = await pass();
  const again = await pass();
  console.log(`sites=10 tracks=${tracks.length} blocks/week=5 range=2027-01-01..2027-12-31`);
  console.log(`generate: ${first.created} sessions in ${first.ms.toFixed(1)} ms (${(first.ms / tracks.length).toFixed(2)} ms a track)`);
  console.log(`again (idempotent): ${again.created} new in ${again.ms.toFixed(1)} ms`);
} finally {
  await srv.stop();
}

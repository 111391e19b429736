// bench/lib.mjs — what the node benches share: the tests' date helpers,
// a pool of requests, admitting the bench clients and the timing of one
// GET (p50/p99/max in ms).
import { performance } from 'node:perf_hooks';

export { DAY, plusDays, localYmd } from '../tests/lib/dates.mjs';

// The answer's JSON, or a throw naming what failed.
export const ok = (r, what) => { if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`); return r.json; };

// Run fn over items, width at a time.
export async function pool(items, width, fn) {
  let next = 0;
  const out = new Array(items.length);
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i], i); }
  }));
  return out;
}

// GET path warm times unmeasured, then runs times one at a time.
export async function time(api, path, runs, warm) {
  const ms = [];
  for (let i = 0; i < warm; i++) ok(await api.get(path), path);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await api.get(path);
    ms.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
  }
  ms.sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  return { p50: q(0.5), p99: q(0.99), max: ms.at(-1) };
}

// Admit n fictitious clients (first names Bench0.., last names lastName0000..),
// 8 at a time, to the site's tracks in turn with clinician as primary
// clinician, admitted on admittedOn; their ids in order.
export function admitClients(adm, n, { lastName, site, tracks, clinician, admittedOn }) {
  return pool(Array.from({ length: n }, (_, i) => i), 8, async (i) => {
    const c = ok(await adm.post('/api/v1/clients', {
      first_name: `Bench${i}`, last_name: `${lastName}${String(i).padStart(4, '0')}`, dob: '1980-01-01', sex: 'female',
      preferred_name: '', gender_identity: '', phone: '(312) 555-0100', email: '',
      address: { line1: '1 Main St', line2: '', city: 'Chicago', state: 'IL', postal_code: '60601' }, language: 'English',
    }), 'client').id;
    ok(await adm.post(`/api/v1/clients/${c}/episodes`, {
      level: '2.1', site_id: site, track_id: tracks[i % tracks.length], primary_clinician_id: clinician,
      privacy_notice_given: true, admitted_on: admittedOn,
    }), 'admit');
    return c;
  });
}

// bench/lib.mjs — what the node benches share: the tests' date helpers,
// a pool of requests and the timing of one GET (p50/p99/max in ms).
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

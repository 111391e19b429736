// When a follow-up is due by default: the next working morning at the
// site, 9:00 on the first weekday (Monday to Friday) after today there, in
// the site's own time zone.  Not "24 hours from now": a call-back due at
// 2:26 AM helps nobody.  Public holidays are not known here.
//
// Pure (Intl only, no DOM), so it is unit-tested under node
// (tests/web/workday.test.mjs).

export const MORNING = '09:00';

const pad2 = (n) => String(n).padStart(2, '0');
const fmts = new Map();

// The wall clock at instant ms in zone tz: {y, m, d, hh, mm}.
function wall(ms, tz) {
  if (!fmts.has(tz)) {
    fmts.set(tz, new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }));
  }
  const p = {};
  for (const x of fmts.get(tz).formatToParts(new Date(ms))) p[x.type] = x.value;
  return { y: +p.year, m: +p.month, d: +p.day, hh: +p.hour % 24, mm: +p.minute };
}

// Minutes zone tz is ahead of UTC at instant ms.
function offsetMin(ms, tz) {
  const w = wall(ms, tz);
  return Math.round((Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm) - Math.floor(ms / 60000) * 60000) / 60000);
}

// The instant the clocks of tz show date (y, m, d) at hm "HH:MM".
function atWall(y, m, d, hm, tz) {
  const [hh, mm] = hm.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetMin(guess, tz) * 60000;
  return guess - offsetMin(first, tz) * 60000;
}

// A zone the browser knows, else the browser's own.
export function validZone(tz) {
  try { if (tz) { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return tz; } } catch { /* unknown zone */ }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

// The instant (ms) of the next working morning after instant nowMs at a
// site in zone tz: hm (default 9:00) on the first weekday after the site's
// today.
export function nextWorkingMorning(nowMs, tz, hm = MORNING) {
  const zone = validZone(tz);
  const today = wall(nowMs, zone);
  for (let n = 1; n <= 7; n++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + n));
    const wd = day.getUTCDay();
    if (wd === 0 || wd === 6) continue;
    return atWall(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hm, zone);
  }
  return nowMs + 86400000;	// not reached: a week always has a weekday
}

// The same instant as date "YYYY-MM-DD" and time "HH:MM" on the clocks of tz.
export function wallParts(ms, tz) {
  const w = wall(ms, validZone(tz));
  return { date: `${w.y}-${pad2(w.m)}-${pad2(w.d)}`, time: `${pad2(w.hh)}:${pad2(w.mm)}` };
}

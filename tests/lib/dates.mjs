// tests/lib/dates.mjs — the date helpers the browser tests and the benches
// share.  Dates are 'YYYY-MM-DD' text; the demo site's zone is
// America/Chicago (Riverside Recovery Center, site 1).

export const SITE_TZ = 'America/Chicago';
export const DAY = 86400e3;

// ymd n days on (or back, n < 0): counted at noon UTC, so no zone moves it.
export const plusDays = (ymd, n) => new Date(Date.parse(ymd + 'T12:00:00Z') + n * DAY).toISOString().slice(0, 10);

// The wall-clock date and time (24-hour 'HH:MM') of the instant ms in tz.
export function localDateTime(ms, tz = SITE_TZ) {
  const p = {};
  for (const x of new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(ms))) p[x.type] = x.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

// The local date of the instant ms in tz.
export const localYmd = (ms, tz = SITE_TZ) => localDateTime(ms, tz).date;

// Today in Chicago, by the machine's clock (not a test clock).
export const chicagoToday = () => localYmd(Date.now());

// The instant of a wall-clock date and time in Chicago (CST or CDT).
export function chicagoAt(ymd, hm) {
  for (const off of [6, 5]) {
    const ms = Date.parse(`${ymd}T${hm}:00Z`) + off * 3600e3;
    const l = localDateTime(ms);
    if (l.date === ymd && l.time === hm) return ms;
  }
  throw new Error(`no ${ymd} ${hm} in ${SITE_TZ}`);
}

// A track's blocks: one a day, Monday (1) to Sunday (7), at start for
// minutes; more adds fields (a topic).
export const everyDay = (start, minutes, more = {}) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, minutes, group_type: 'process_group', ...more }));

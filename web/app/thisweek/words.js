// Hours compliance in words (pure: no DOM; tested in tests/web/hours-words.test.mjs).
// A week's figures as GET /clients/{id}/hours and GET /hours give them
// become what a counsellor reads: "Can reach only 7 h of the 9 h required",
// "Only 2 days possible (3 needed)", "Tuesday: 2 h 15 attended".

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const utc = (ymd) => new Date(ymd + 'T12:00:00Z');

// Minutes as hours: 0 → "0 h", 45 → "45 min", 420 → "7 h", 135 → "2 h 15".
export function hm(minutes) {
  const m = Math.max(0, Math.round(minutes || 0));
  if (m === 0) return '0 h';
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  return r ? `${h} h ${String(r).padStart(2, '0')}` : `${h} h`;
}

export function weekdayName(ymd) { return WEEKDAYS[utc(ymd).getUTCDay()]; }

// "2026-11-30" + n days.
export function addDays(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

// "30 Nov – 6 Dec 2026" for the week from Monday ymd.
export function weekRange(monday) {
  const a = utc(monday);
  const b = utc(addDays(monday, 6));
  const left = `${a.getUTCDate()} ${MONTHS[a.getUTCMonth()]}${a.getUTCFullYear() !== b.getUTCFullYear() ? ' ' + a.getUTCFullYear() : ''}`;
  return `${left} – ${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${b.getUTCFullYear()}`;
}

// Why a week is flagged, one sentence a reason, in the order of the flags.
export function reasons(w) {
  const out = [];
  const flags = w.flags || [];
  if (flags.includes('below_weekly_minimum')) {
    if (!w.scheduled_minutes)
      out.push(`Nothing scheduled this week; ${hm(w.required_minutes)} required`);
    else if (w.possible_minutes <= w.attended_minutes)
      out.push(`Attended ${hm(w.attended_minutes)} of the ${hm(w.required_minutes)} required; no sessions left this week`);
    else
      out.push(`Can reach only ${hm(w.possible_minutes)} of the ${hm(w.required_minutes)} required`);
  }
  if (flags.includes('below_three_days')) {
    const n = w.possible_days ?? 0;
    out.push(n === 0 ? 'No days possible this week (3 needed)'
      : `Only ${n} ${n === 1 ? 'day' : 'days'} possible (3 needed)`);
  }
  if (flags.includes('short_day')) {
    for (const d of w.days || [])
      if (d.short_day) out.push(`${weekdayName(d.date)}: ${hm(d.attended_minutes)} attended (3 h make a program day)`);
  }
  return out;
}

// A flag as a short label, for a compact table.
const FLAG_WORDS = {
  below_weekly_minimum: 'Below the weekly minimum',
  below_three_days: 'Fewer than 3 days',
  short_day: 'A day under 3 h',
};
export function flagWords(f) { return FLAG_WORDS[f] || f; }

// "4 h 10 of 9 h" (attended of required); "4 h 10" when there is no minimum.
export function attendedOfRequired(w) {
  return w.required_minutes > 0 ? `${hm(w.attended_minutes)} of ${hm(w.required_minutes)}` : hm(w.attended_minutes);
}

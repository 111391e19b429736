// Display formats.  Dates from the API are YYYY-MM-DD (no time zone);
// instants are UTC ISO 8601 and are shown in the browser's local time.

const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const instantFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });

function parseDate(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  if (!m) return null;
  return { y: +m[1], m: +m[2], d: +m[3], date: new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) };
}

export function fmtDate(ymd) {
  const p = parseDate(ymd);
  return p ? dateFmt.format(p.date) : (ymd || '');
}

export function age(ymd, today = new Date()) {
  const p = parseDate(ymd);
  if (!p) return null;
  let a = today.getFullYear() - p.y;
  const beforeBirthday = today.getMonth() + 1 < p.m || (today.getMonth() + 1 === p.m && today.getDate() < p.d);
  if (beforeBirthday) a -= 1;
  return a;
}

export function fmtInstant(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : instantFmt.format(d);
}

const dateTimeFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
export function fmtDateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : dateTimeFmt.format(d);
}

export function clientName(c) {
  const base = `${c.last_name}, ${c.first_name}`;
  return c.preferred_name ? `${base} (${c.preferred_name})` : base;
}

export function cap(s) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : '';
}

export const ROLE_LABELS = {
  admin: 'Administrator',
  director: 'Program director',
  clinician: 'Clinician',
  case_manager: 'Case manager',
  prescriber: 'Prescriber',
  nurse: 'Nurse',
  admissions: 'Admissions',
  front_desk: 'Front desk',
  billing: 'Billing',
};
export const ROLES = Object.keys(ROLE_LABELS);

export function roleLabel(r) {
  return ROLE_LABELS[r] || r;
}

export function plural(n, one, many = one + 's') {
  return `${n} ${n === 1 ? one : many}`;
}

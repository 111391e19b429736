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

// An instant's local date and local time apart ("Mar 2, 2026" / "3:04:05 PM").
const localDateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const localTimeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
export function fmtLocalDate(iso) {
  const d = new Date(iso || '');
  return isNaN(d) ? (iso || '') : localDateFmt.format(d);
}
export function fmtLocalTime(iso) {
  const d = new Date(iso || '');
  return isNaN(d) ? '' : localTimeFmt.format(d);
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

// A client's record number (MRN): "IOP-" and the id padded to 6 digits.
export function mrnFor(id) {
  return 'IOP-' + String(id).padStart(6, '0');
}

// Read a record number as typed: "IOP-000042", "iop-42", "IOP 42" or "42".
// Returns the client id, or null when the text is not a record number.
export function parseMrn(text) {
  const m = /^(?:iop[-\s]?)?(\d{1,12})$/i.exec(String(text || '').trim());
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

// Audit log actions in words.  An action not listed here shows its code.
export const ACTION_LABELS = {
  'session.login': 'Signed in',
  'session.logout': 'Signed out',
  'session.login_failed': 'Sign-in failed',
  'session.login_refused': 'Sign-in refused (too many attempts)',
  'request.refused': 'Request refused',
  'audit.read': 'Read the audit log',
  'client.search': 'Searched clients',
  'client.read': 'Opened client record',
  'client.create': 'Added client',
  'client.update': 'Changed client details',
  'client.deactivate': 'Deactivated client',
  'client.reactivate': 'Reactivated client',
  'contact.list': 'Viewed contacts',
  'contact.create': 'Added contact',
  'contact.update': 'Changed contact',
  'contact.remove': 'Removed contact',
  'staff.create': 'Added staff account',
  'staff.update': 'Changed staff account',
  'staff.disable': 'Disabled staff account',
  'staff.enable': 'Enabled staff account',
  'staff.unlock': 'Unlocked staff account',
  'staff.password_reset': 'Reset a password',
  'staff.password_changed': 'Changed own password',
  'site.create': 'Added site',
  'site.update': 'Changed site',
  'room.create': 'Added room',
  'room.update': 'Changed room',
  'demo.write': 'Wrote the demo clinic',
};

export function actionLabel(action) {
  return ACTION_LABELS[action] || action || '';
}

// What an audit entry was about, in words ("Contact #5", "Staff account #3").
const RECORD_LABELS = {
  client: ['Client record', 'Client records'],
  contact: ['Contact', 'Contacts'],
  staff: ['Staff account', 'Staff accounts'],
  site: ['Site', 'Sites'],
  room: ['Room', 'Rooms'],
};
export function recordLabel(type, id) {
  if (!type) return '';
  const [one, many] = RECORD_LABELS[type] || [cap(type), cap(type)];
  if (!id) return many;
  return type === 'client' ? one : `${one} #${id}`;
}

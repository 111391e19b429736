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

export const pad2 = (n) => String(n).padStart(2, '0');

// A Date's local calendar day and wall-clock time, as date and time inputs
// take them: { date: 'YYYY-MM-DD', time: 'HH:MM' }.
export function localParts(d) {
  return { date: `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`, time: `${pad2(d.getHours())}:${pad2(d.getMinutes())}` };
}

// Today in the browser's time zone, as YYYY-MM-DD.
export function todayLocal() { return localParts(new Date()).date; }

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

// How long ago an instant was, in words: "just now", "12 min ago",
// "3 hours ago", "yesterday", "4 days ago"; older ones as a date.
export function ago(iso, now = Date.now()) {
  const t = new Date(iso || '').getTime();
  if (isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const hrs = Math.floor(m / 60);
  if (hrs < 24) return hrs === 1 ? '1 hour ago' : `${hrs} hours ago`;
  const d = Math.floor(hrs / 24);
  if (d === 1) return 'yesterday';
  if (d < 14) return `${d} days ago`;
  return fmtLocalDate(iso);
}

// A list of choices for a select or a radio group, from { value: label }.
export function choices(words) {
  return Object.entries(words).map(([value, label]) => ({ value, label }));
}

// A person's sex as recorded for insurance and clinical use, and the select
// that asks for it.
export const SEX_OPTIONS = [{ value: '', label: 'Choose…' }, ...choices({ female: 'Female', male: 'Male', intersex: 'Intersex', unknown: 'Unknown' })];

// ---- Admissions -------------------------------------------------------------

export const INQUIRY_STATUSES = choices({
  new: 'New', contacted: 'Contacted', screening_scheduled: 'Screening scheduled', screened: 'Screened',
  admitted: 'Admitted', referred: 'Referred elsewhere', closed: 'Closed',
});
export function statusLabel(s) {
  const x = INQUIRY_STATUSES.find((o) => o.value === s);
  return x ? x.label : cap(String(s || '').replace(/_/g, ' '));
}

export const URGENCY_LABELS = {
  today: 'Urgent: call today',
  this_week: 'Wants a call this week',
  exploring: 'Exploring options',
};
// Not asked (null): the form did not ask, or they did not say — never
// shown as "exploring".
export const URGENCY_NOT_ASKED = 'How soon: not asked yet';
export function urgencyLabel(u) { return u == null ? URGENCY_NOT_ASKED : URGENCY_LABELS[u] || cap(u); }
export function urgencyClass(u) { return u == null ? 'not_asked' : u; }

export const SUBSTANCES = choices({
  alcohol: 'Alcohol', opioids: 'Opioids (including fentanyl)',
  stimulants: 'Stimulants (methamphetamine, cocaine)', cannabis: 'Cannabis',
  benzodiazepines: 'Benzodiazepines', other: 'Something else',
});
export function substancesText(list) {
  if (!list || !list.length) return '';
  return list.map((v) => (v === 'other' ? 'something else' : v)).join(', ');
}

export const INSURANCE_RELATIONSHIPS = {
  self: 'Self (the plan holder)',
  spouse: 'Spouse or partner',
  child: 'Child',
  other: 'Other',
};

export function inquiryKindLabel(k) {
  return { help: 'Web form: get help', insurance: 'Web form: verify insurance', phone: 'Phone call' }[k] || cap(k || '');
}

// The contact preferences in words: yes (true), no (false), or not asked
// (null) — what a person did not say is never shown as a refusal.
export function voicemailText(q) {
  return q.ok_voicemail === true ? 'Voicemail OK' : q.ok_voicemail === false ? 'No voicemail' : 'Voicemail: not asked yet';
}
export function textMsgText(q) {
  return q.ok_text === true ? 'Texts OK' : q.ok_text === false ? 'No texts' : 'Texts: not asked yet';
}
export const VOICEMAIL_NOT_ASKED = 'Not asked yet — ask before leaving a voicemail';
export const TEXT_NOT_ASKED = 'Not asked yet — ask before sending a text';

// "For themselves" / "For someone else — caller Jo (mother)".
export function forWhomText(q) {
  if (q.for_whom !== 'other') return 'Calling for themselves';
  const rel = q.caller_relationship ? ` (${q.caller_relationship})` : '';
  return `For someone else — caller ${q.caller_name || 'not named'}${rel}`;
}

export function inquiryName(q) { return q.name || 'Name not given'; }

// ---- Screening instruments --------------------------------------------------

export const INSTRUMENT_SHORT = {
  phq9: 'PHQ-9', gad7: 'GAD-7', audit: 'AUDIT', auditc: 'AUDIT-C', dast10: 'DAST-10',
  cssrs_screener: 'C-SSRS screener', bam: 'BAM', ciwa_ar: 'CIWA-Ar', cows: 'COWS',
};
export function instrumentShort(code) { return INSTRUMENT_SHORT[code] || code; }

const BAM_SCALES = { use: 'use', risk: 'risk factors', protective: 'protective factors' };

// The scores in words: "total 12", or for BAM "use 3, risk 14, protective 9".
export function scoresText(code, scores) {
  const s = scores || {};
  if (code === 'bam') return ['use', 'risk', 'protective'].filter((k) => k in s).map((k) => `${k} ${s[k]}`).join(', ');
  if (code === 'cssrs_screener') return '';
  return 'total' in s ? `total ${s.total}` : Object.entries(s).map(([k, v]) => `${k} ${v}`).join(', ');
}

// The band in words: "moderate", "zone II", "positive", "high risk",
// for BAM "concern: use, risk factors" or "no area of concern".
export function bandText(code, band) {
  const b = String(band || '');
  if (code === 'audit') return b ? `zone ${b}` : '';
  if (code === 'cssrs_screener') return b === 'none' ? 'no risk identified' : `${b} risk`;
  if (code === 'bam') {
    const words = b.split(' ').filter((w) => w && w !== 'none');
    return words.length ? `concern: ${words.map((w) => BAM_SCALES[w] || w).join(', ')}` : 'no area of concern';
  }
  if (code === 'dast10' && b === 'none') return 'no problems reported';
  if (code === 'cows' && b === 'none') return 'no active withdrawal';
  return b;
}

// "PHQ-9 total 12: moderate", "C-SSRS screener: high risk".
export function resultText(code, scores, band) {
  const sc = scoresText(code, scores);
  const bd = bandText(code, band);
  return `${instrumentShort(code)}${sc ? ' ' + sc : ''}${bd ? ': ' + bd : ''}`;
}

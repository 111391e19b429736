// The server's field messages in the reader's words.  The API names the
// field and says what is wrong as a phrase that follows the field's name
// ("is required", "must be a valid email address"); next to a labelled
// field that reads as a bare "Is required".  Here such a phrase becomes
// what to do ("Enter a date", "Choose one"), by the kind of control, so
// every form says it the same way.  Other messages pass through unchanged.
//
// Pure (no DOM), so it is unit-tested under node (tests/web/wording.test.mjs).

// What to do about an empty field, by the kind of control.
const MISSING = {
  date: 'enter a date',
  time: 'enter a time',
  'datetime-local': 'enter a date and a time',
  email: 'enter an email address',
  tel: 'enter a phone number',
  number: 'enter a number',
  password: 'enter the password',
  select: 'choose one',
  choice: 'choose one',
  checkboxes: 'choose at least one',
  checkbox: 'tick this to go on',
};

const CHOOSE = new Set(['select', 'choice', 'checkboxes']);

// Kinds of control typed into, whose empty field is asked for by its label.
const TYPED = new Set(['text', 'date', 'time', 'email', 'tel', 'number', 'textarea', 'search']);

// "Member ID" → "member ID", "ZIP code" stays: a label as part of a sentence.
function inSentence(label) {
  const l = String(label || '').replace(/\s*\((required|optional)\)\s*$/i, '').trim();
  return /^[A-Z][a-z]/.test(l) ? l.charAt(0).toLowerCase() + l.slice(1) : l;
}

// msg: the server's phrase; kind: the control's type (text, date, select,
// choice for radio buttons, checkboxes for a group, ...); label: the
// field's label, when it has one.
export function readerMessage(msg, kind = 'text', label = '') {
  const s = String(msg ?? '').trim();
  if (/^is required\.?$/i.test(s)) {
    const l = inSentence(label);
    if (l && TYPED.has(kind)) return `enter the ${l}`;
    return MISSING[kind] || 'fill this in';
  }
  const verb = CHOOSE.has(kind) ? 'choose' : 'enter';
  let m = /^must be (a |an |one of |at least |at most )(.*)$/i.exec(s);
  if (m) return `${verb} ${m[1]}${m[2]}`;
  m = /^must be on or (after|before) (.*)$/i.exec(s);
  if (m) return `enter a date on or ${m[1]} ${m[2]}`;
  m = /^must be (\d+) characters or fewer$/i.exec(s);
  if (m) return `shorten this to ${m[1]} characters or fewer`;
  if (/^must not contain control characters$/i.test(s)) return 'remove the tabs or other control characters';
  return s;
}

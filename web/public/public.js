// Shared helpers for the public pages: building elements (text only, never
// HTML), reading the program (name, phone, sites, tracks), filling the
// admissions phone number in wherever a page asks for it, and the public
// inquiry forms (checks, the server's field errors, the acknowledgement).
// Nothing here stores anything in the browser or talks to another host.

// h('p.note', {id: 'x'}, 'text', child): attributes are set as attributes,
// `text` as textContent, on* as listeners.
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else if (k === 'class') el.className = [el.className, v].filter(Boolean).join(' ');
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// ---- the program --------------------------------------------------------

let programPromise = null;

// GET /api/v1/public/program, once per page (again after a failure).
export function loadProgram() {
  if (!programPromise) {
    programPromise = fetch('/api/v1/public/program', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(async (r) => {
        if (!r.ok) throw new Error(`program: HTTP ${r.status}`);
        return r.json();
      })
      .catch((e) => { programPromise = null; throw e; });
  }
  return programPromise;
}

// The admissions phone: the program's, else the first site's that has one.
export function programPhone(p) {
  if (!p) return '';
  if (p.program && p.program.phone) return p.program.phone;
  for (const s of p.sites || []) if (s.phone) return s.phone;
  return '';
}

export function telHref(phone) {
  return 'tel:' + String(phone).replace(/[^0-9+]/g, '');
}

export function phoneLink(phone) {
  return h('a.phone', { href: telHref(phone), text: phone });
}

let knownPhone = '';
export function currentPhone() { return knownPhone; }

// Fill the page chrome from the program: the brand name, and every
// [data-phone] slot (shown once a number is known; its [data-phone-line]
// ancestor is unhidden).  Returns the program, or null if it could not load.
export async function fillProgramChrome() {
  let p = null;
  try { p = await loadProgram(); } catch { return null; }
  const name = p && p.program && p.program.name;
  if (name) for (const el of document.querySelectorAll('[data-program-name]')) el.textContent = name;
  const email = p && p.program && p.program.email;
  if (email) {
    for (const slot of document.querySelectorAll('[data-email]')) {
      clear(slot).append(h('a', { href: 'mailto:' + email, text: email }));
      const line = slot.closest('[data-email-line]');
      if (line) line.hidden = false;
    }
  }
  knownPhone = programPhone(p);
  if (knownPhone) {
    for (const slot of document.querySelectorAll('[data-phone]')) {
      clear(slot).append(phoneLink(knownPhone));
      const line = slot.closest('[data-phone-line]');
      if (line) line.hidden = false;
    }
  }
  return p;
}

// ---- words ---------------------------------------------------------------

export const WEEKDAYS = [
  ['mon', 'Monday', 'Mon'], ['tue', 'Tuesday', 'Tue'], ['wed', 'Wednesday', 'Wed'],
  ['thu', 'Thursday', 'Thu'], ['fri', 'Friday', 'Fri'], ['sat', 'Saturday', 'Sat'], ['sun', 'Sunday', 'Sun'],
];

// "09:00" → "9:00 am", "18:30" → "6:30 pm", "12:00" → "12:00 pm".
export function clock(hhmm) {
  const m = /^(\d{1,2}):(\d{2})/.exec(String(hhmm || ''));
  if (!m) return String(hhmm || '');
  const hh = Number(m[1]);
  const suffix = hh >= 12 && hh < 24 ? 'pm' : 'am';
  const h12 = hh % 12 === 0 ? 12 : hh % 12;
  return `${h12}:${m[2]} ${suffix}`;
}

// ["a", "b", "c"] → "a, b and c"
export function listWords(words) {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

// "America/Chicago" → "Central Time" (where the browser knows the name).
export function zoneName(tz) {
  if (!tz) return '';
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longGeneric' }).formatToParts(new Date());
    const z = parts.find((x) => x.type === 'timeZoneName');
    return z ? z.value.replace(/ Time$/, ' time') : '';
  } catch {
    return '';
  }
}

export function hoursWords(n) {
  const x = Number(n);
  if (!Number.isFinite(x) || x <= 0) return '';
  const s = Number.isInteger(x) ? String(x) : x.toFixed(1).replace(/\.0$/, '');
  return `${s} ${x === 1 ? 'hour' : 'hours'} a week`;
}

// ---- checks that mirror the server's -----------------------------------

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f]/;

export const check = {
  // A one-line text field: required?, at most max characters.
  text(v, { required = false, max = 100, label = 'this' } = {}) {
    if (!v) return required ? `Please fill in ${label}.` : '';
    if (v.length > max) return `Please keep this to ${max} characters or fewer (now ${v.length}).`;
    if (CONTROL_ONE_LINE.test(v)) return 'Please remove the special characters.';
    return '';
  },
  longText(v, { max = 2000 } = {}) {
    if (!v) return '';
    if (v.length > max) return `Please keep this to ${max.toLocaleString('en-US')} characters or fewer (now ${v.length.toLocaleString('en-US')}).`;
    if (CONTROL.test(v)) return 'Please remove the special characters.';
    return '';
  },
  phone(v) {
    if (!v) return '';
    const digits = v.replace(/\D/g, '').length;
    if (!/^[0-9+().\- ]+$/.test(v) || digits < 7 || digits > 20) return 'Please enter a phone number, for example 555-123-4567.';
    return '';
  },
  email(v) {
    if (!v) return '';
    if (v.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) return 'Please enter an email address, for example name@example.com.';
    return '';
  },
  pastDate(v) {
    if (!v) return '';
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    const d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (!d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return 'Please enter a date, for example 1985-04-23.';
    const today = new Date();
    const todayStr = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    if (v >= todayStr) return 'Please enter a date in the past.';
    if (v < '1900-01-01') return 'Please enter a date after 1900.';
    return '';
  },
};

// ---- the inquiry forms ---------------------------------------------------

function sentence(msg) {
  const s = String(msg || '').trim();
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

// The server says an empty field "is required"; the person is told what to
// do instead (the staff app words it the same way, app/wording.js).
function missingWords(msg, wrap) {
  if (!/^is required\.?$/i.test(String(msg || '').trim())) return msg;
  const c = controlsOf(wrap)[0];
  if (c && (c.type === 'radio' || c.type === 'checkbox' || c.tagName === 'SELECT')) return 'please choose an answer';
  return `please fill in “${labelOf(wrap)}”`;
}

// A field wrapper is any element with data-field="<api name>" holding the
// inputs, a label or legend, and a .field-error paragraph.
function wrapperOf(form, name) {
  for (const el of form.querySelectorAll('[data-field]')) if (el.dataset.field === name) return el;
  return null;
}

function controlsOf(wrap) {
  return [...wrap.querySelectorAll('input, select, textarea')];
}

function labelOf(wrap) {
  if (wrap.dataset.label) return wrap.dataset.label;
  const l = wrap.querySelector('legend, label');
  return l ? l.textContent.replace(/\((optional|required)\)/g, '').trim() : wrap.dataset.field;
}

function setDescribedBy(input, id, on) {
  const ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
  else input.removeAttribute('aria-describedby');
}

// Handles one public form: client checks, POST, the server's answer.
//   form     the <form>
//   summary  the error summary element (outside or at the top of the form)
//   ack      where the acknowledgement goes after a 202
//   collect  () → the JSON body
//   validate (body) → {field: message}
//   reveal   (fieldName) → called before showing an error on a field that
//            may be inside a hidden part of the form
//   replace  elements removed with the form after a 202 (intro text etc.)
export function inquiryForm({ form, summary, ack, collect, validate, reveal, replace = [] }) {
  const submit = form.querySelector('button[type=submit]');
  const status = form.querySelector('.send-status');
  let busy = false;

  function clearErrors() {
    for (const wrap of form.querySelectorAll('[data-field]')) {
      const err = wrap.querySelector('.field-error');
      if (err) { err.textContent = ''; err.hidden = true; }
      wrap.classList.remove('has-error');
      for (const c of controlsOf(wrap)) {
        c.removeAttribute('aria-invalid');
        if (err) setDescribedBy(c, err.id, false);
      }
    }
    summary.hidden = true;
    summary.removeAttribute('role');
    clear(summary);
  }

  function showSummary(title, items) {
    summary.append(h('h2', { text: title }));
    if (items.length) summary.append(h('ul', items));
    summary.setAttribute('role', 'alert');
    summary.hidden = false;
  }

  function showErrors(fields) {
    clearErrors();
    const known = [];
    const unknown = [];
    for (const [name, msg] of Object.entries(fields)) {
      if (reveal) reveal(name);
      const wrap = wrapperOf(form, name);
      if (!wrap) { unknown.push(sentence(msg)); continue; }
      const err = wrap.querySelector('.field-error');
      err.textContent = sentence(missingWords(msg, wrap));
      err.hidden = false;
      wrap.classList.add('has-error');
      for (const c of controlsOf(wrap)) {
        if (c.type !== 'radio' && c.type !== 'checkbox') c.setAttribute('aria-invalid', 'true');
        setDescribedBy(c, err.id, true);
      }
      known.push(wrap);
    }
    known.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const n = known.length + unknown.length;
    const items = known.map((wrap) => {
      const first = controlsOf(wrap).find((c) => c.checked) || controlsOf(wrap)[0];
      const a = h('a', { href: '#' + first.id, text: `${labelOf(wrap)}: ${wrap.querySelector('.field-error').textContent}` });
      a.addEventListener('click', (e) => { e.preventDefault(); first.focus(); });
      return h('li', a);
    });
    for (const msg of unknown) items.push(h('li', { text: msg }));
    showSummary(n === 1 ? 'Please check 1 answer.' : `Please check ${n} answers.`, items);
    if (known.length) {
      const c = controlsOf(known[0]);
      (c.find((x) => x.checked) || c[0]).focus();
    } else {
      summary.focus();
    }
  }

  function showMessage(title, ...parts) {
    clearErrors();
    summary.append(h('h2', { text: title }));
    if (parts.length) summary.append(h('p', ...parts));
    summary.setAttribute('role', 'alert');
    summary.hidden = false;
    summary.focus();
  }

  function callUs(prefix) {
    const phone = currentPhone();
    return phone ? [prefix + ' call us at ', phoneLink(phone), '.'] : [prefix + ' call us.'];
  }

  function acknowledge(message) {
    // Nothing that was typed survives: the form leaves the DOM.
    form.reset();
    form.remove();
    summary.remove();
    for (const el of replace) el.remove();
    clear(ack);
    ack.append(
      h('h2', { id: 'ack-title', text: 'We received your request' }),
      h('p', { text: message || 'Someone from our admissions team will call you back soon.' }),
      h('p.ack-crisis', h('strong', 'If this is an emergency, call ', h('a', { href: 'tel:911', text: '911' }),
        ' or call or text ', h('a', { href: 'tel:988', text: '988' }), '.')),
      h('p', h('a', { href: '/', text: 'Back to our program' })),
    );
    ack.hidden = false;
    ack.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    const body = collect();
    const bad = validate(body);
    if (Object.keys(bad).length) { showErrors(bad); return; }
    clearErrors();
    busy = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    if (status) status.textContent = 'Sending…';
    let res = null;
    let json = null;
    try {
      res = await fetch('/api/v1/public/inquiries', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        cache: 'no-store',
        credentials: 'same-origin',
      });
      try { json = await res.json(); } catch { json = null; }
    } catch {
      res = null;
    }
    busy = false;
    submit.disabled = false;
    form.removeAttribute('aria-busy');
    if (status) status.textContent = '';

    if (res && res.status === 202) { acknowledge(json && json.message); return; }
    const err = (json && json.error) || {};
    if (res && res.status === 400 && err.fields && Object.keys(err.fields).length) { showErrors(err.fields); return; }
    if (res && res.status === 413) { showMessage('That was too long; please shorten your message.'); return; }
    if (res && res.status === 429) { showMessage('Too many requests from this connection; please call us.', ...callUs('Your request was not sent. We would be glad to talk: please')); return; }
    if (res && res.status === 400) { showMessage('Something in the form could not be read.', ...callUs('Please check your answers and try again, or')); return; }
    showMessage('Sorry, your request could not be sent.', ...callUs(res ? 'Please try again in a moment, or' : 'Please check your connection and try again, or'));
  });

  return { showErrors, clearErrors };
}

// Radio group value ('' when none chosen).
export function radioValue(form, name) {
  const r = form.querySelector(`input[type=radio][name="${name}"]:checked`);
  return r ? r.value : '';
}

export function val(form, name) {
  const el = form.elements.namedItem(name);
  return el && 'value' in el ? String(el.value).trim() : '';
}

// Insurance fields with the given name prefix ('' or 'insurance.'), as the
// API's object; empty strings left out.
export function collectInsurance(form, prefix) {
  const o = {};
  for (const k of ['payer', 'member_id', 'group_number', 'subscriber_name', 'subscriber_dob']) {
    const v = val(form, prefix + k);
    if (v) o[k] = v;
  }
  const rel = radioValue(form, prefix + 'relationship');
  if (rel) o.relationship = rel;
  return o;
}

export function checkInsurance(ins, prefix, bad) {
  const put = (k, msg) => { if (msg) bad[prefix + k] = msg; };
  put('payer', check.text(ins.payer, { required: true, max: 100, label: 'the name of the insurance company' }));
  put('member_id', check.text(ins.member_id, { required: true, max: 50, label: 'the member ID from the insurance card' }));
  put('group_number', check.text(ins.group_number, { max: 50 }));
  put('subscriber_name', check.text(ins.subscriber_name, { max: 100 }));
  put('subscriber_dob', check.pastDate(ins.subscriber_dob));
}

// Name and a way to call back: name required, phone and/or email.
export function checkContact(body, bad, nameLabel = 'your name') {
  const put = (k, msg) => { if (msg) bad[k] = msg; };
  put('name', check.text(body.name, { required: true, max: 100, label: nameLabel }));
  put('phone', check.phone(body.phone));
  put('email', check.email(body.email));
  if (!body.phone && !body.email) bad.phone = 'Please give a phone number or an email address, so we can reach you.';
}

// Form fields with a label, an optional hint and an error slot, wired with
// aria-describedby / aria-invalid; and Form, which collects fields, reads
// their values and shows the server's per-field messages next to each one
// with a summary at the top, in the reader's words (wording.js).
import { h, uid, clear } from '../dom.js';
import { readerMessage } from '../wording.js';

function sentence(msg) {
  const s = String(msg || '').trim();
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

// field({name, label, type, value, required, options, hint, autocomplete, ...})
// type: text | email | tel | date | number | password | search | select | textarea | checkbox
export function field(o) {
  const id = o.id || uid('f-' + o.name.replace(/[^a-z0-9]/gi, '-'));
  const errId = id + '-error';
  const hintId = o.hint ? id + '-hint' : null;
  const type = o.type || 'text';
  let input;
  if (type === 'select') {
    input = h('select', { id, name: o.name });
    for (const opt of o.options || []) {
      const op = h('option', { value: opt.value, text: opt.label });
      if (String(opt.value) === String(o.value ?? '')) op.selected = true;
      input.append(op);
    }
  } else if (type === 'textarea') {
    input = h('textarea', { id, name: o.name, rows: o.rows || 3 });
    input.value = o.value ?? '';
  } else {
    input = h('input', { id, name: o.name, type });
    if (type === 'checkbox') input.checked = !!o.value;
    else input.value = o.value ?? '';
  }
  for (const k of ['autocomplete', 'inputmode', 'maxlength', 'min', 'max', 'step', 'placeholder', 'pattern', 'spellcheck', 'autocapitalize', 'list']) {
    if (o[k] !== undefined) input.setAttribute(k, o[k]);
  }
  if (o.required) { input.setAttribute('aria-required', 'true'); }
  if (o.readOnly) input.readOnly = true;
  const describe = () => {
    const ids = [hintId, error.hidden ? null : errId].filter(Boolean);
    if (ids.length) input.setAttribute('aria-describedby', ids.join(' '));
    else input.removeAttribute('aria-describedby');
  };
  const error = h('p.field-error', { id: errId, hidden: true });
  const labelEl = h('label', { for: id }, o.label, o.required ? h('span.req', { text: ' (required)' }) : null);
  const hint = o.hint ? h('p.field-hint', { id: hintId, text: o.hint }) : null;
  const el = type === 'checkbox'
    ? h('div.field.field-check', input, h('div', labelEl, hint, error))
    : h('div.field', labelEl, hint, error, input);
  if (o.className) el.classList.add(...o.className.split(' '));
  describe();

  return {
    name: o.name,
    label: o.label,
    el,
    input,
    focus() { input.focus(); },
    get value() {
      if (type === 'checkbox') return input.checked;
      if (type === 'number') return input.value.trim() === '' ? null : Number(input.value);
      return o.noTrim ? input.value : input.value.trim();
    },
    set value(v) {
      if (type === 'checkbox') input.checked = !!v;
      else input.value = v ?? '';
    },
    setError(msg) {
      error.textContent = sentence(readerMessage(msg, type, o.label));
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      el.classList.add('has-error');
      describe();
    },
    clearError() {
      error.textContent = '';
      error.hidden = true;
      input.removeAttribute('aria-invalid');
      el.classList.remove('has-error');
      describe();
    },
  };
}

// A group of checkboxes whose value is the array of checked values.
// checkGroup({name, legend, options: [{value, label}], values: [...]})
export function checkGroup(o) {
  const id = uid('g-' + o.name);
  const errId = id + '-error';
  const error = h('p.field-error', { id: errId, hidden: true });
  const boxes = [];
  const list = h('div.check-grid');
  for (const opt of o.options) {
    const cid = `${id}-${String(opt.value).replace(/[^a-z0-9]/gi, '-')}`;
    const cb = h('input', { type: 'checkbox', id: cid, name: o.name, value: String(opt.value) });
    cb.checked = (o.values || []).map(String).includes(String(opt.value));
    cb.dataset.value = JSON.stringify(opt.value);
    boxes.push(cb);
    list.append(h('div.field-check', cb, h('label', { for: cid, text: opt.label })));
  }
  const el = h('fieldset.field.fieldset', { id }, h('legend', { text: o.legend }), o.hint ? h('p.field-hint', { text: o.hint }) : null, error, list);
  if (!o.options.length) list.append(h('p.muted', { text: o.emptyText || 'None available.' }));
  return {
    name: o.name,
    label: o.legend,
    el,
    input: boxes[0] || el,
    focus() { (boxes[0] || el).focus(); },
    get value() { return boxes.filter((b) => b.checked).map((b) => JSON.parse(b.dataset.value)); },
    set value(vals) { const s = (vals || []).map(String); for (const b of boxes) b.checked = s.includes(b.value); },
    setError(msg) {
      error.textContent = sentence(readerMessage(msg, 'checkboxes', o.legend));
      error.hidden = false;
      el.classList.add('has-error');
      for (const b of boxes) { b.setAttribute('aria-describedby', errId); b.setAttribute('aria-invalid', 'true'); }
    },
    clearError() {
      error.textContent = '';
      error.hidden = true;
      el.classList.remove('has-error');
      for (const b of boxes) { b.removeAttribute('aria-describedby'); b.removeAttribute('aria-invalid'); }
    },
  };
}

// A group of radio buttons (one answer), whose value is the chosen option's
// value (any JSON value: numbers, true/false) or undefined when none is
// chosen.  radioGroup({name, legend, options: [{value, label}], value,
// required, hint, className, onChange(value)})
export function radioGroup(o) {
  const id = o.id || uid('r-' + o.name.replace(/[^a-z0-9]/gi, '-'));
  const errId = id + '-error';
  const hintId = o.hint ? id + '-hint' : null;
  const error = h('p.field-error', { id: errId, hidden: true });
  const radios = [];
  const list = h('div.choices');
  o.options.forEach((opt, i) => {
    const rid = `${id}-${i}`;
    const r = h('input', { type: 'radio', id: rid, name: id, value: String(i) });
    r.dataset.value = JSON.stringify(opt.value);
    if (o.value !== undefined && JSON.stringify(o.value) === r.dataset.value) r.checked = true;
    if (o.onChange) r.addEventListener('change', () => o.onChange(JSON.parse(r.dataset.value)));
    radios.push(r);
    list.append(h('label.choice', { for: rid }, r, h('span', { text: opt.label })));
  });
  const legend = o.legendNode || h('legend', { text: o.legend }, o.required ? h('span.req', { text: ' (required)' }) : null);
  const el = h('fieldset.field.fieldset.radio-group', { id, role: 'radiogroup' }, legend,
    o.hint ? h('p.field-hint', { id: hintId, text: o.hint }) : null, error, list);
  if (o.required) el.setAttribute('aria-required', 'true');
  if (o.className) el.classList.add(...o.className.split(' '));
  const describe = () => {
    const ids = [hintId, error.hidden ? null : errId].filter(Boolean);
    for (const r of radios) {
      if (ids.length) r.setAttribute('aria-describedby', ids.join(' '));
      else r.removeAttribute('aria-describedby');
    }
  };
  describe();
  return {
    name: o.name,
    label: o.label || o.legend,
    el,
    input: radios[0] || el,
    radios,
    focus() { (radios.find((r) => r.checked) || radios[0] || el).focus(); },
    get value() {
      const r = radios.find((x) => x.checked);
      return r ? JSON.parse(r.dataset.value) : undefined;
    },
    set value(v) {
      const s = JSON.stringify(v);
      for (const r of radios) r.checked = v !== undefined && r.dataset.value === s;
    },
    setError(msg) {
      error.textContent = sentence(readerMessage(msg, 'choice', o.label || o.legend));
      error.hidden = false;
      el.classList.add('has-error');
      for (const r of radios) r.setAttribute('aria-invalid', 'true');
      describe();
    },
    clearError() {
      error.textContent = '';
      error.hidden = true;
      el.classList.remove('has-error');
      for (const r of radios) r.removeAttribute('aria-invalid');
      describe();
    },
  };
}

// Collects fields (in order), reads values into an object (dotted names
// such as "address.city" become nested objects) and shows errors.
export class Form {
  constructor() {
    this.fields = [];
    this.summary = h('div.error-summary', { tabindex: '-1', hidden: true });
  }

  add(f) { this.fields.push(f); return f.el; }

  get(name) { return this.fields.find((f) => f.name === name); }

  values() {
    const out = {};
    for (const f of this.fields) {
      const parts = f.name.split('.');
      let o = out;
      for (const p of parts.slice(0, -1)) o = (o[p] ||= {});
      o[parts[parts.length - 1]] = f.value;
    }
    return out;
  }

  clearErrors() {
    for (const f of this.fields) f.clearError();
    this.summary.hidden = true;
    this.summary.removeAttribute('role');
    clear(this.summary);
  }

  // Show {field: message} next to each field and in the summary; focus the
  // first bad field.  Messages for names not in the form go in the summary.
  showErrors(fields, message) {
    this.clearErrors();
    const entries = Object.entries(fields || {});
    const known = [];
    const unknown = [];
    for (const [name, msg] of entries) {
      const f = this.get(name);
      if (f) { f.setError(msg); known.push(f); } else unknown.push([name, msg]);
    }
    known.sort((a, b) => this.fields.indexOf(a) - this.fields.indexOf(b));
    const n = entries.length;
    const title = n ? (n === 1 ? 'Please correct 1 field.' : `Please correct ${n} fields.`) : (message || 'Something went wrong.');
    const list = h('ul');
    for (const f of known) {
      const a = h('a', { href: '#' + f.input.id, text: `${f.label}: ${lower(f.el.querySelector('.field-error').textContent)}` });
      a.addEventListener('click', (e) => { e.preventDefault(); f.focus(); });
      list.append(h('li', a));
    }
    for (const [name, msg] of unknown) list.append(h('li', { text: `${name}: ${msg}` }));
    this.summary.append(h('h2', { text: title }));
    if (list.children.length) this.summary.append(list);
    this.summary.setAttribute('role', 'alert');
    this.summary.hidden = false;
    if (known.length) known[0].focus();
    else this.summary.focus();
  }

  // Show a message that is not about a field (network, 403, 500...).
  showMessage(message) {
    this.clearErrors();
    this.summary.append(h('h2', { text: message }));
    this.summary.setAttribute('role', 'alert');
    this.summary.hidden = false;
    this.summary.focus();
  }
}

// A dialog's submit that stops with field messages when a check fails.
export function stopWithErrors(form, errs) {
  form.showErrors(errs);
  const e = new Error('invalid');
  e.handled = true;
  throw e;
}

function lower(s) { return s ? s.charAt(0).toLowerCase() + s.slice(1) : s; }

// Turn an error into messages on a Form: field errors next to fields,
// anything else as a message.  Returns true when handled.
export function showApiError(form, err) {
  if (err && err.fields && Object.keys(err.fields).length) form.showErrors(err.fields, err.message);
  else form.showMessage((err && err.message) || 'Something went wrong. Please try again.');
  return true;
}

// The "Get help" form: POST /api/v1/public/inquiries with kind "help".
// Insurance details are an optional second step, sent as a nested object.
// After the 202 the form is removed; nothing typed is shown again.
import {
  fillProgramChrome, inquiryForm, radioValue, val, collectInsurance,
  checkInsurance, checkContact, check,
} from './public.js';

const form = document.getElementById('help-form');
const callerFields = document.getElementById('caller-fields');
const nameLabel = document.getElementById('name-label');
const nameHint = document.getElementById('name-hint');
const nameInput = document.getElementById('name');
const callerName = document.getElementById('caller_name');
const callerRel = document.getElementById('caller_relationship');
const insToggle = document.getElementById('ins-toggle');
const insFields = document.getElementById('ins-fields');
const insRemove = document.getElementById('ins-remove');

function forOther() { return radioValue(form, 'for_whom') === 'other'; }

// "For someone else": ask for the caller too, and name the person who
// needs help "their name".
function syncWho() {
  const other = forOther();
  callerFields.hidden = !other;
  callerName.required = other;
  callerRel.required = other;
  nameLabel.textContent = other ? 'Their name' : 'Your name';
  nameHint.textContent = other ? 'The name of the person who needs help. A first name is fine.' : 'A first name is fine.';
  nameInput.setAttribute('autocomplete', other ? 'off' : 'name');
}

function insuranceOpen() { return !insFields.hidden; }

function openInsurance(focus) {
  insFields.hidden = false;
  insToggle.hidden = true;
  insToggle.setAttribute('aria-expanded', 'true');
  if (focus) document.getElementById('ins-payer').focus();
}

function closeInsurance() {
  for (const el of insFields.querySelectorAll('input')) {
    if (el.type === 'radio') el.checked = false;
    else el.value = '';
  }
  insFields.hidden = true;
  insToggle.hidden = false;
  insToggle.setAttribute('aria-expanded', 'false');
  insToggle.focus();
}

function collect() {
  const body = { kind: 'help' };
  body.for_whom = radioValue(form, 'for_whom') || 'self';
  body.name = val(form, 'name');
  if (body.for_whom === 'other') {
    body.caller_name = val(form, 'caller_name');
    body.caller_relationship = val(form, 'caller_relationship');
  }
  body.phone = val(form, 'phone');
  body.email = val(form, 'email');
  // Yes, no, or left out: a question they skipped is "not asked", never a no.
  for (const k of ['ok_voicemail', 'ok_text']) {
    const v = radioValue(form, k);
    if (v) body[k] = v === 'yes';
  }
  body.best_time = val(form, 'best_time');
  body.substances = [...form.querySelectorAll('input[name=substances]:checked')].map((c) => c.value);
  const urgency = radioValue(form, 'urgency');
  if (urgency) body.urgency = urgency;
  body.message = form.elements.namedItem('message').value.trim();
  if (insuranceOpen()) {
    const ins = collectInsurance(form, 'insurance.');
    if (Object.keys(ins).length) body.insurance = ins;
  }
  body.website = form.elements.namedItem('website').value;
  return body;
}

function validate(body) {
  const bad = {};
  const put = (k, msg) => { if (msg) bad[k] = msg; };
  if (body.for_whom === 'other') {
    put('caller_name', check.text(body.caller_name, { required: true, max: 100, label: 'your name' }));
    put('caller_relationship', check.text(body.caller_relationship, { required: true, max: 50, label: 'how you know them' }));
  }
  checkContact(body, bad, body.for_whom === 'other' ? 'their name' : 'your name');
  put('best_time', check.text(body.best_time, { max: 100 }));
  put('message', check.longText(body.message, { max: 2000 }));
  if (body.insurance) checkInsurance(body.insurance, 'insurance.', bad);
  return bad;
}

form.addEventListener('change', (e) => { if (e.target.name === 'for_whom') syncWho(); });
insToggle.addEventListener('click', () => openInsurance(true));
insRemove.addEventListener('click', closeInsurance);

inquiryForm({
  form,
  summary: document.getElementById('summary'),
  ack: document.getElementById('ack'),
  replace: [document.getElementById('intro')],
  collect,
  validate,
  reveal(name) {
    if (name.startsWith('insurance')) openInsurance(false);
    if (name.startsWith('caller_')) callerFields.hidden = false;
  },
});

syncWho();
fillProgramChrome();

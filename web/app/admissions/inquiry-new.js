// A phone inquiry, typed by the counsellor while on the call: the same
// questions as the public "Get help" form, insurance as an optional part.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { field, checkGroup, radioGroup, Form, showApiError } from '../components/field.js';
import { toast } from '../components/toast.js';
import { SUBSTANCES, INSURANCE_RELATIONSHIPS, inquiryName, todayLocal } from '../format.js';
import { navigate } from '../nav.js';
import { pageHeader } from '../components/page.js';

export async function render(ctx) {
  const f = new Form();
  const add = (o) => f.add(field(o));

  const forWhom = radioGroup({
    name: 'for_whom', legend: 'Who is the help for?', value: 'self',
    options: [{ value: 'self', label: 'The caller' }, { value: 'other', label: 'Someone else' }],
    onChange: () => showCaller(),
  });
  f.fields.push(forWhom);
  const callerBox = h('div.caller-box', h('div.form-grid',
    add({ name: 'caller_name', label: 'Caller’s name', required: true, maxlength: 100, autocomplete: 'off' }),
    add({ name: 'caller_relationship', label: 'Caller’s relationship to them', required: true, maxlength: 50, autocomplete: 'off', hint: 'For example: mother, partner, friend.' })),
    h('p.muted.small', { text: 'The phone and email below are the caller’s, for calling back. They go on the client record as the caller’s contact details.' }));
  function showCaller() {
    const other = forWhom.value === 'other';
    callerBox.hidden = !other;
    f.get('name').el.querySelector('label').firstChild.textContent = other ? 'Name of the person who needs help' : 'Name';
  }

  const subs = checkGroup({ name: 'substances', legend: 'Substances of concern', options: SUBSTANCES, hint: 'Tick all that were mentioned.' });
  f.fields.push(subs);
  const urgency = radioGroup({
    name: 'urgency', legend: 'How soon do they need help?',
    options: [
      { value: 'today', label: 'Today — urgent' },
      { value: 'this_week', label: 'This week' },
      { value: 'exploring', label: 'Just exploring' },
    ],
  });
  f.fields.push(urgency);
  // Yes, no, or not asked: an unticked box would have claimed a "no".
  const consent = (name, legend) => radioGroup({
    name, legend, value: null, className: 'inline',
    options: [{ value: true, label: 'Yes' }, { value: false, label: 'No' }, { value: null, label: 'Not asked' }],
  });
  const okVoicemail = consent('ok_voicemail', 'Is a voicemail OK?');
  const okText = consent('ok_text', 'Is a text message OK?');
  f.fields.push(okVoicemail, okText);

  const withIns = h('input', { type: 'checkbox', id: 'with-insurance' });
  const insBox = h('div.form-grid', { hidden: true },
    add({ name: 'insurance.payer', label: 'Insurance company', required: true, maxlength: 100, autocomplete: 'off' }),
    add({ name: 'insurance.member_id', label: 'Member ID', required: true, maxlength: 50, autocomplete: 'off' }),
    add({ name: 'insurance.group_number', label: 'Group number', maxlength: 50, autocomplete: 'off' }),
    add({ name: 'insurance.subscriber_name', label: 'Plan holder’s name', maxlength: 100, autocomplete: 'off' }),
    add({ name: 'insurance.subscriber_dob', label: 'Plan holder’s date of birth', type: 'date', min: '1900-01-01', max: todayLocal() }),
    add({ name: 'insurance.relationship', label: 'Relationship to the plan holder', type: 'select',
      options: [{ value: '', label: 'Choose…' }, ...Object.entries(INSURANCE_RELATIONSHIPS).map(([value, label]) => ({ value, label }))] }));
  withIns.addEventListener('change', () => { insBox.hidden = !withIns.checked; });

  const submit = h('button.btn.btn-primary', { type: 'submit', text: 'Save inquiry' });
  const form = h('form.card.client-form', { novalidate: true, 'aria-label': 'New phone inquiry' },
    f.summary,
    h('p.muted.required-note', { text: 'Fields marked (required) must be filled in. Give a phone number or an email (at least one).' }),
    forWhom.el,
    callerBox,
    h('div.form-grid',
      add({ name: 'name', label: 'Name', required: true, maxlength: 100, autocomplete: 'off' }),
      add({ name: 'phone', label: 'Phone', type: 'tel', maxlength: 30, autocomplete: 'off' }),
      add({ name: 'email', label: 'Email', type: 'email', maxlength: 254, autocomplete: 'off' }),
      add({ name: 'best_time', label: 'Best time to call', maxlength: 100, autocomplete: 'off', hint: 'For example: weekday mornings, after 5 pm.' })),
    h('div.form-grid', okVoicemail.el, okText.el),
    subs.el,
    urgency.el,
    h('div.form-grid',
      add({ name: 'referral_source', label: 'How did they hear about us?', maxlength: 100, autocomplete: 'off', hint: 'For example: their doctor, a court, a friend, a web search.' })),
    add({ name: 'message', label: 'Notes from the call', type: 'textarea', rows: 4, maxlength: 2000 }),
    h('fieldset.fieldset', h('legend', { text: 'Insurance (optional)' }),
      h('div.field-check', withIns, h('label', { for: 'with-insurance', text: 'The caller gave insurance details' })),
      insBox),
    h('div.form-actions', submit, h('a.btn.btn-secondary', { href: '#/admissions', text: 'Cancel' })));
  showCaller();

  ctx.main.append(pageHeader(ctx, 'New phone inquiry', { back: { href: '#/admissions', label: 'Admissions' } }), form);

  function body() {
    const v = f.values();
    const b = { kind: 'phone' };
    for (const k of ['name', 'phone', 'email', 'best_time', 'message', 'referral_source']) if (v[k]) b[k] = v[k];
    b.ok_voicemail = okVoicemail.value ?? null;
    b.ok_text = okText.value ?? null;
    b.for_whom = v.for_whom || 'self';
    if (b.for_whom === 'other') {
      b.caller_name = v.caller_name;
      b.caller_relationship = v.caller_relationship;
    }
    b.substances = v.substances;
    if (v.urgency) b.urgency = v.urgency;
    if (withIns.checked) {
      const ins = {};
      for (const [k, x] of Object.entries(v.insurance || {})) if (x) ins[k] = x;
      b.insurance = ins;
    }
    return b;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const q = await api.post(paths.inquiries, body());
      toast(`Inquiry saved: ${inquiryName(q)}.`);
      navigate(`#/admissions/${q.id}`);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      showApiError(f, err);
    }
  });
  forWhom.radios[0].focus();
  ctx.focusHandled = true;
}

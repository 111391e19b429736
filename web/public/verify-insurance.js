// The "Verify your insurance" form: POST /api/v1/public/inquiries with kind
// "insurance".  After the 202 the form is removed; nothing typed is shown
// again.
import {
  fillProgramChrome, inquiryForm, val, collectInsurance, checkInsurance, checkContact,
} from './public.js';

const form = document.getElementById('insurance-form');

function collect() {
  return {
    kind: 'insurance',
    ...collectInsurance(form, ''),
    name: val(form, 'name'),
    phone: val(form, 'phone'),
    email: val(form, 'email'),
    website: form.elements.namedItem('website').value,
  };
}

function validate(body) {
  const bad = {};
  checkInsurance(body, '', bad);
  checkContact(body, bad);
  return bad;
}

inquiryForm({
  form,
  summary: document.getElementById('summary'),
  ack: document.getElementById('ack'),
  replace: [document.getElementById('intro')],
  collect,
  validate,
});

fillProgramChrome();

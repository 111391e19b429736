// The chart's "Demographics": name, record number, date of birth and age,
// sex and gender identity, how to reach the client, language and status.
import { h } from '../dom.js';
import { fmtDate, age, cap } from '../format.js';

export function demographics(c) {
  const years = age(c.dob);
  const a = c.address || {};
  const cityLine = [a.city, [a.state, a.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const addressLines = [a.line1, a.line2, cityLine].filter(Boolean);
  const item = (label, value) => h('div.dl-item', h('dt', { text: label }), h('dd', value === '' || value === null || value === undefined || (Array.isArray(value) && !value.length) ? h('span.none', { text: 'Not recorded' }) : value));
  const details = h('dl.details',
    item('Name', `${c.first_name} ${c.last_name}`),
    item('Preferred name', c.preferred_name),
    item('MRN', c.mrn),
    item('Date of birth', c.dob ? `${fmtDate(c.dob)}${years !== null ? ` (age ${years})` : ''}` : ''),
    item('Sex', cap(c.sex)),
    item('Gender identity', c.gender_identity),
    item('Phone', c.phone ? h('a', { href: `tel:${c.phone.replace(/[^0-9+]/g, '')}`, text: c.phone }) : ''),
    item('Email', c.email ? h('a', { href: `mailto:${c.email}`, text: c.email }) : ''),
    item('Address', addressLines.length ? addressLines.map((l, i) => [i ? h('br') : null, l]) : ''),
    item('Preferred language', c.language),
    item('Status', c.active ? 'Active' : 'Inactive'));
  return h('section.card', { 'aria-labelledby': 'demo-title' }, h('h2', { id: 'demo-title', text: 'Demographics' }), details);
}

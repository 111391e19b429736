// "Is an IOP right for me?": a private, non-diagnostic self-check.  The
// answers never leave this page: nothing is stored or sent.  A "yes" to
// either danger question shows crisis resources at once, at the top, and
// the result is then the crisis help alone: no "an IOP could fit", no
// levels of care, nothing that reads as a treatment choice beside it.
import { h, clear, fillProgramChrome } from './public.js';

// The levels of care in plain words, as a visitor would know them: op
// (outpatient), iop (intensive outpatient), php (day treatment), res
// (residential or inpatient) and wm (withdrawal management).
const LEVELS = [
  { key: 'op', name: 'Outpatient',
    text: 'Counseling once or twice a week, usually less than 9 hours a week in all. You live at home and keep your usual routine.' },
  { key: 'iop', name: 'Intensive outpatient (IOP)',
    text: 'Groups and counseling 3 to 5 days a week, about 3 to 4 hours a day (9 to 19 hours a week). You live at home and carry on with work, school or family life.' },
  { key: 'php', name: 'Partial hospitalization (day treatment)',
    text: 'Treatment for most of the day, usually 5 days a week (20 hours a week or more). You go home in the evening.' },
  { key: 'res', name: 'Residential or inpatient treatment',
    text: 'You live at a treatment center for a while, with staff there day and night.' },
  { key: 'wm', name: 'Medically managed withdrawal (detox)',
    text: 'Doctors and nurses help you stop drinking or using safely when withdrawal could be dangerous, with care around the clock. Other care, such as an IOP, often follows.' },
];

const form = document.getElementById('check-form');
const alertBox = document.getElementById('danger-alert');
const result = document.getElementById('result');
const resultBody = document.getElementById('result-body');
const resultTitle = document.getElementById('result-title');
const resultMore = document.getElementById('result-more');
const levels = document.getElementById('levels');

function answer(name) {
  const r = form.querySelector(`input[name="${name}"]:checked`);
  return r ? r.value : '';
}

function dangerShown() { return alertBox.childElementCount > 0; }

function inDanger() { return answer('harm') === 'yes' || answer('danger') === 'yes'; }

// The crisis help, headed at level `heading` (h2 in the alert at the top,
// none in the result, whose own title says it).
function crisisContent(heading = 'h2') {
  const withdrawal = answer('danger') === 'yes';
  return [
    heading ? h(heading, { text: 'Please reach out for help now' }) : null,
    h('p', { text: 'You do not have to go through this alone. People are ready to help right now, any time of day or night.' }),
    h('ul',
      h('li', h('a.button', { href: 'tel:988', text: 'Call or text 988 — Suicide & Crisis Lifeline (free, 24 hours)' })),
      h('li', h('a.button', { href: 'tel:911', text: 'Call 911 if you are in immediate danger' })),
      h('li', h('strong', { text: 'Or go to the nearest emergency room.' }))),
    withdrawal
      ? h('p', { text: 'Stopping alcohol, sedatives such as benzodiazepines, or opioids can be dangerous. Seizures, hallucinations or confusion need medical care right away: call 911 or go to the nearest emergency room.' })
      : null,
    h('p', { text: 'If you can, stay with someone you trust, or ask someone to stay with you. When you are safe, we are here to talk about treatment.' }),
  ];
}

function updateDanger() {
  // A result on screen follows the answers: crisis help alone, or back.
  if (!result.hidden) renderResult();
  if (!inDanger()) { clear(alertBox); return; }
  // Rebuilt each time so the withdrawal advice follows the answers; the
  // alert role makes screen readers announce it at once.
  const first = !dangerShown();
  clear(alertBox).append(...crisisContent().filter(Boolean));
  if (first) alertBox.scrollIntoView({ block: 'start' });
}

function item(text) { return h('li', { text }); }

// The result of a danger answer: the crisis help alone.
function renderCrisisResult() {
  resultTitle.textContent = 'Your safety comes first';
  clear(resultBody).append(...crisisContent(null).filter(Boolean));
  clear(levels);
  resultMore.hidden = true;
}

function renderResult() {
  if (inDanger()) { renderCrisisResult(); return; }
  resultTitle.textContent = 'What your answers might mean';
  resultMore.hidden = false;
  const a = {};
  for (const n of ['harm', 'danger', 'round_the_clock', 'can_attend', 'supportive_home', 'responsibilities', 'stepping_down', 'long_term']) a[n] = answer(n);
  const answered = Object.values(a).some(Boolean);
  const suggest = new Set();
  const fits = [];
  const talk = [];

  if (a.can_attend === 'yes') fits.push('Coming a few days a week is what an IOP asks for.');
  if (a.supportive_home === 'yes') fits.push('A supportive place to live helps a lot while you are in an IOP.');
  if (a.responsibilities === 'yes') fits.push('An IOP is built around work, school and family: you go home every day.');
  if (a.stepping_down === 'yes') fits.push('Stepping down from a more intensive program is one of the most common reasons people join an IOP.');

  if (a.round_the_clock === 'yes') {
    talk.push('Round-the-clock care or medical help with withdrawal: detox or a residential stay can come first, and an IOP can follow.');
    suggest.add('wm').add('res');
  }
  if (a.can_attend === 'no') {
    talk.push('Finding the time: tell us what your week looks like. There may be a group time that works, and outpatient care asks for fewer hours.');
    suggest.add('op');
  }
  if (a.supportive_home === 'no') {
    talk.push('Where you live: if home is not a safe or sober place right now, a sober-living home or a residential program can help.');
    suggest.add('res');
  }
  if (a.long_term === 'yes') {
    talk.push('Heavy use over a long time, or starting again after outpatient care, is common and nothing to be ashamed of. More support at the start, such as day treatment, can help.');
    suggest.add('php');
  }
  if (a.round_the_clock !== 'yes') suggest.add('iop');

  let headline;
  if (!answered) headline = 'No questions were answered, and that is fine. Here are the different kinds of care, in plain words.';
  else if (a.round_the_clock === 'yes') headline = 'From your answers, a more intensive kind of care — such as medically managed withdrawal (detox) or a residential program — may be a safer place to start. Many people move on to an IOP afterwards.';
  else if (a.long_term === 'yes' || a.supportive_home === 'no') headline = 'From your answers, an IOP might fit, or more support at first might help. A conversation with our admissions team can help you find out.';
  else if (a.can_attend === 'no') headline = 'An IOP asks for a few hours, several days a week. If that is hard right now, outpatient care with fewer hours might fit better — or we may find a time that works.';
  else headline = 'From your answers, an intensive outpatient program (IOP) could be a good fit.';

  clear(resultBody);
  resultBody.append(h('p', { text: headline }));
  if (fits.length) resultBody.append(h('p', { text: 'What fits an IOP well:' }), h('ul', fits.map(item)));
  if (talk.length) resultBody.append(h('p', { text: 'Worth talking through with us:' }), h('ul', talk.map(item)));
  resultBody.append(h('p.note', { text: 'This is not a diagnosis. Only a conversation with a trained counselor can help decide what care is right.' }));

  clear(levels);
  for (const l of LEVELS) {
    const mark = answered && suggest.has(l.key);
    levels.append(
      h('dt', mark ? h('span.here', { text: l.name }) : l.name, mark ? ' — might fit, from your answers' : ''),
      h('dd', { text: l.text }));
  }
}

function showResult() {
  renderResult();
  result.hidden = false;
  result.focus();
  result.scrollIntoView({ block: 'start' });
}

form.addEventListener('change', (e) => {
  if (e.target.closest('[data-danger]')) updateDanger();
});
form.addEventListener('submit', (e) => e.preventDefault());
document.getElementById('show-result').addEventListener('click', showResult);
document.getElementById('start-over').addEventListener('click', () => {
  form.reset();
  clear(alertBox);
  clear(resultBody);
  clear(levels);
  result.hidden = true;
  document.getElementById('main').focus();
  window.scrollTo(0, 0);
});

fillProgramChrome();

// The call log and follow-up tasks of one inquiry: "Log a contact" (the
// voicemail/text preference is respected: those methods are disabled with the
// reason in words) and "Add a follow-up" (due time entered in local time,
// sent as UTC; by default the next working morning at the user's site,
// workday.js).
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { field, Form, showApiError } from '../components/field.js';
import { toast } from '../components/toast.js';
import { fmtDateTime, ago, localParts, choices } from '../format.js';
import { errorNote } from '../components/page.js';
import { refreshTaskCount } from '../tasks/count.js';
import { staffDirectory, staffName } from '../directory.js';
import { nextWorkingMorning } from '../workday.js';

const METHOD_WORDS = { call: 'Phone call', voicemail: 'Voicemail left', text: 'Text message', email: 'Email' };
const OUTCOME_WORDS = { reached: 'Reached them', no_answer: 'No answer', left_message: 'Left a message', sent: 'Sent' };
const METHODS = choices(METHOD_WORDS);
const OUTCOMES = choices(OUTCOME_WORDS);

// A local date and time from <input type=date> and <input type=time> as the
// API's UTC "YYYY-MM-DDTHH:MMZ".
export function localToUtc(date, time) {
  const d = new Date(`${date}T${time}`);
  if (isNaN(d)) return null;
  return d.toISOString().slice(0, 16) + 'Z';
}


// Appends the two sections to host; q is the inquiry; onChange(updated
// inquiry) is called when logging a contact may have moved its status.
export async function drawInquiryLog(host, q, { onStatusChange } = {}) {
  const logSection = h('section.card', { 'aria-labelledby': 'log-title', id: 'call-log' });
  const taskSection = h('section.card', { 'aria-labelledby': 'followups-title', id: 'follow-ups' });
  host.append(logSection, taskSection);
  await Promise.all([loadLog(logSection, q, onStatusChange), loadTasks(taskSection, q)]);
}

async function loadLog(section, q, onStatusChange) {
  let data;
  let dir = null;
  try {
    [data, dir] = await Promise.all([api.get(paths.inquiryContacts(q.id)), staffDirectory().catch(() => null)]);
  } catch (err) { data = { error: err }; }
  drawLog(section, q, data, onStatusChange, dir);
}

function drawLog(section, q, data, onStatusChange, dir) {
  clear(section);
  section.append(h('h2', { id: 'log-title', text: 'Call log' }));
  const f = new Form();
  const method = field({ name: 'method', label: 'How', type: 'select', options: METHODS, value: 'call' });
  const notes = [];
  for (const op of method.input.options) {
    // Only a yes allows it; "not asked" (null) is not a refusal, and says so.
    if (op.value === 'voicemail' && q.ok_voicemail === false) { op.disabled = true; op.textContent = 'Voicemail — not allowed: they asked for no voicemails'; }
    if (op.value === 'voicemail' && q.ok_voicemail == null) { op.disabled = true; op.textContent = 'Voicemail — not asked yet: ask them first'; }
    if (op.value === 'text' && q.ok_text === false) { op.disabled = true; op.textContent = 'Text message — not allowed: they asked for no texts'; }
    if (op.value === 'text' && q.ok_text == null) { op.disabled = true; op.textContent = 'Text message — not asked yet: ask them first'; }
  }
  if (q.ok_voicemail === false) notes.push('They asked us not to leave a voicemail.');
  if (q.ok_voicemail == null) notes.push('Voicemail: not asked yet — ask before leaving a voicemail.');
  if (q.ok_text === false) notes.push('They asked us not to send texts.');
  if (q.ok_text == null) notes.push('Texts: not asked yet — ask before sending a text.');
  // No outcome is assumed: "reached" moves a new inquiry on, so it is chosen.
  const outcome = field({ name: 'outcome', label: 'Outcome', type: 'select', options: [{ value: '', label: 'Choose what happened' }, ...OUTCOMES], value: '' });
  const note = field({ name: 'note', label: 'Note', type: 'textarea', rows: 2, maxlength: 2000 });
  const submit = h('button.btn.btn-primary', { type: 'submit', text: 'Log contact', id: 'log-contact' });
  const form = h('form.inline-form', { novalidate: true, 'aria-labelledby': 'log-form-title' },
    h('h3', { id: 'log-form-title', text: 'Log a contact' }),
    notes.length ? h('p.prefs-note', h('strong', { text: 'Contact preferences: ' }), notes.join(' ')) : null,
    f.summary,
    h('div.form-grid', f.add(method), f.add(outcome)), f.add(note),
    h('div.form-actions', submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    const v = f.values();
    if (!v.outcome) {
      submit.disabled = false;
      f.showErrors({ outcome: 'choose what happened: reached them, no answer, left a message or sent' }, 'Choose the outcome of the contact.');
      return;
    }
    const body = { method: v.method, outcome: v.outcome };
    if (v.note) body.note = v.note;
    try {
      await api.post(paths.inquiryContacts(q.id), body);
      toast('Contact logged.');
      if (q.status === 'new' && v.outcome === 'reached' && onStatusChange) { onStatusChange(); return; }
      await loadLog(section, q, onStatusChange);
      const first = section.querySelector('.log-list li');
      if (first) { first.setAttribute('tabindex', '-1'); first.focus(); }
    } catch (err) {
      submit.disabled = false;
      if (err.status !== 401) showApiError(f, err);
    }
  });
  section.append(form);

  if (data && data.error) { section.append(errorNote(data.error)); return; }
  const items = (data && data.items) || [];
  if (!items.length) { section.append(h('p.empty', { text: 'No contacts logged yet.' })); return; }
  const list = h('ol.log-list', { 'aria-label': 'Contacts, newest first' });
  for (const c of items) {
    list.append(h('li.log-item',
      h('p.log-head', h('strong', { text: `${METHOD_WORDS[c.method] || c.method}: ${OUTCOME_WORDS[c.outcome] || c.outcome}` }),
        ' — ', h('time', { datetime: c.at, title: fmtDateTime(c.at), text: fmtDateTime(c.at) }), ` by ${c.staff_id ? staffName(dir, c.staff_id) : c.staff || 'staff'}`),
      c.note ? h('p.log-note', { text: c.note }) : null));
  }
  section.append(list);
}

// The time zone of the site whose working morning a follow-up is due by
// default: the user's first site, else the program's first; null (the
// browser's zone) when there is none or it cannot be read.
let zoneAsk = null;
let zoneUser = null;
function siteZone() {
  if (!zoneAsk || zoneUser !== auth.user) {
    zoneUser = auth.user;
    zoneAsk = api.get(paths.sites, { limit: 200 }).then((d) => {
      const sites = (d.items || []).filter((s) => s.active);
      const ids = (auth.user && auth.user.site_ids) || [];
      const mine = ids.map((id) => sites.find((s) => s.id === id)).find(Boolean) || sites[0];
      return mine ? mine.timezone : null;
    }).catch(() => { zoneAsk = null; return null; });
  }
  return zoneAsk;
}

async function loadTasks(section, q) {
  let data;
  let tz = null;
  try { [data, tz] = await Promise.all([api.get(paths.inquiryTasks(q.id)), siteZone()]); } catch (err) { data = { error: err }; }
  drawTasks(section, q, data, tz);
}

function drawTasks(section, q, data, tz) {
  clear(section);
  section.append(h('h2', { id: 'followups-title', text: 'Follow-ups' }));
  const items = (data && data.items) || [];
  if (data && data.error) section.append(errorNote(data.error));
  else if (!items.length) section.append(h('p.empty', { text: 'No follow-ups planned.' }));
  else {
    const now = Date.now();
    const list = h('ul.task-list-simple');
    for (const t of items) {
      const overdue = t.open && new Date(t.due_at).getTime() < now;
      const status = !t.open ? badge('Done', 'ok') : overdue ? badge('OVERDUE', 'danger') : badge('Open', 'info');
      list.append(h(`li.followup${overdue ? '.is-overdue' : ''}`,
        h('p', status, ' ', h('strong', { text: t.title })),
        h('p.muted', overdue ? 'Was due ' : t.open ? 'Due ' : 'Was due ',
          h('time', { datetime: t.due_at, text: fmtDateTime(t.due_at) }), overdue && /ago/.test(ago(t.due_at)) ? ` (${ago(t.due_at)})` : '')));
    }
    section.append(list);
  }

  const f = new Form();
  const soon = localParts(new Date(nextWorkingMorning(Date.now(), tz)));
  const submit = h('button.btn.btn-secondary', { type: 'submit', text: 'Add follow-up', id: 'add-followup' });
  const form = h('form.inline-form', { novalidate: true, 'aria-labelledby': 'followup-form-title' },
    h('h3', { id: 'followup-form-title', text: 'Add a follow-up' }),
    f.summary,
    h('div.form-grid',
      f.add(field({ name: 'title', label: 'What to do', required: true, maxlength: 200, autocomplete: 'off', hint: 'For example: call back about insurance.' })),
      f.add(field({ name: 'due_date', label: 'Due date', type: 'date', required: true, value: soon.date })),
      f.add(field({ name: 'due_time', label: 'Due time', type: 'time', required: true, value: soon.time, hint: 'Your local time. Suggested: the next working morning.' }))),
    h('div.form-actions', submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = f.values();
    const errs = {};
    if (!v.title) errs.title = 'say what is to be done, for example: call back about insurance';
    const due = v.due_date && v.due_time ? localToUtc(v.due_date, v.due_time) : null;
    if (!due) errs.due_date = 'enter a date and time';
    if (Object.keys(errs).length) { f.showErrors(errs); return; }
    submit.disabled = true;
    try {
      await api.post(paths.inquiryTasks(q.id), { title: v.title, due_at: due });
      toast('Follow-up added.');
      refreshTaskCount();
      await loadTasks(section, q);
      const b = section.querySelector('#add-followup');
      if (b) b.focus();
    } catch (err) {
      submit.disabled = false;
      if (err.status !== 401) {
        if (err.fields && err.fields.due_at) { err.fields.due_date = err.fields.due_at; delete err.fields.due_at; }
        showApiError(f, err);
      }
    }
  });
  section.append(form);
}

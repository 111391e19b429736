// Record a screening for a client, or for an inquiry before there is a
// client record (/admissions/:id/screening/new: it is the inquiry's until
// conversion carries it to the client).  The form is generated from the
// instrument definitions (GET /instruments): each item a group of radio
// buttons with the answers' labels, yes/no items as two; the C-SSRS
// screener's questions 3–5 only when question 2 is yes; BAM item 7 as
// checkboxes.  Once every item is answered the server scores it without
// storing ("Score so far"); saving records it and returns to the chart.
// It sends the site where the screening is given (the user's one site, or
// the one chosen when they work at several): when a safety flag is raised
// for a client without a clinician of their own, the task goes to the
// clinician on duty there.  Then the page says who the task went to, and
// why, before going back to the chart.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear, debounce } from '../dom.js';
import { radioGroup, Form, showApiError } from '../components/field.js';
import { toast } from '../components/toast.js';
import { clientName, inquiryName, resultText, instrumentShort, plural, choices } from '../format.js';
import { navigate, replaceQuery } from '../nav.js';
import { pageHeader, linkButton } from '../components/page.js';
import { rememberedSite, rememberSite } from '../duty/duty.js';
import { refreshTaskCount } from '../tasks/count.js';

// BAM item 7: the drugs asked about, as the BAM lists them.
const BAM_DRUGS = choices({
  cannabis: 'Marijuana or cannabis', sedatives: 'Sedatives or tranquilisers',
  cocaine: 'Cocaine or crack', stimulants: 'Other stimulants',
  opioids: 'Opioids (heroin, fentanyl, pain pills)', inhalants: 'Inhalants',
  hallucinogens: 'Hallucinogens', other: 'Other drugs',
});

const SEX_CHOICES = choices({
  female: 'Female', male: 'Male', other: 'Another answer, or not known (the lower cut-off)',
});

export async function render(ctx) {
  return renderFor(ctx, 'client');
}

// Whom it is for: the client's chart, or the inquiry (no client record yet).
function subjectOf(kind, id, rec) {
  if (kind === 'inquiry') {
    const name = inquiryName(rec);
    return {
      back: `#/admissions/${id}`,
      backLabel: `Back to the inquiry: ${name}`,
      goLabel: 'Back to the inquiry',
      sub: () => h('p.page-sub', h('span', { text: name }), ' ', h('span.muted', { text: '(inquiry — no client record yet)' })),
      name,
      sex: '',
      here: `/admissions/${id}/screening/new`,
      post: paths.inquiryScreenings(id),
      where: 'on the inquiry',
    };
  }
  return {
    back: `#/clients/${id}`,
    backLabel: `Back to ${rec.first_name} ${rec.last_name}’s chart`,
    goLabel: `Go to ${rec.preferred_name || rec.first_name}’s chart`,
    sub: () => h('p.page-sub', h('span.mrn', { text: rec.mrn }), ' ', h('span', { text: clientName(rec) })),
    name: rec.preferred_name || rec.first_name,
    sex: rec.sex,
    here: `/clients/${id}/screening/new`,
    post: paths.clientScreenings(id),
    where: `on ${rec.preferred_name || rec.first_name}’s chart`,
  };
}

export async function renderFor(ctx, kind) {
  const id = ctx.params.id;
  const [rec, defs, sitesData] = await Promise.all([api.get(kind === 'inquiry' ? paths.inquiry(id) : paths.client(id)), api.get(paths.instruments),
    api.get(paths.sites, { limit: 200 }).catch((err) => { if (err.status === 401) throw err; return { items: [] }; })]);
  if (!ctx.isCurrent()) return;
  const subj = subjectOf(kind, id, rec);
  const list = defs.items || [];
  let def = list.find((d) => d.code === ctx.query.get('code')) || list.find((d) => d.code === 'phq9') || list[0];
  const chart = subj.back;

  ctx.main.append(pageHeader(ctx, 'Record a screening', { back: { href: chart, label: subj.backLabel }, sub: subj.sub() }));

  const picker = h('select', { id: 'instrument', name: 'code' },
    list.map((d) => h('option', { value: d.code, text: d.name, selected: d.code === def.code })));
  const pickerField = h('div.field.instrument-field', h('label', { for: 'instrument', text: 'Instrument' }), picker);
  // Where it is given: the user's own active sites.
  const mySites = (sitesData.items || []).filter((s) => s.active && (auth.user.site_ids || []).includes(s.id))
    .sort((a, b) => a.name.localeCompare(b.name));
  const startSite = mySites.find((s) => s.id === rememberedSite()) || mySites[0] || null;
  let siteSel = null;
  let siteField = null;
  if (mySites.length > 1) {
    siteSel = h('select', { id: 'screening-site', name: 'site_id', 'aria-describedby': 'screening-site-hint' },
      mySites.map((s) => h('option', { value: String(s.id), text: s.name, selected: s.id === startSite.id })));
    siteSel.addEventListener('change', () => rememberSite(Number(siteSel.value)));
    siteField = h('div.field.instrument-field', h('label', { for: 'screening-site', text: 'Site where it is given' }),
      h('p.field-hint', { id: 'screening-site-hint', text: 'If a safety flag is raised and the client has no clinician of their own, the task goes to the clinician on duty here.' }),
      siteSel);
  }
  const siteId = () => (siteSel ? Number(siteSel.value) : startSite ? startSite.id : 0);
  const sexBox = h('div');
  const items = h('div.items');
  const progress = h('p.score-progress', { id: 'score-progress' });
  const scoreLive = h('div.score-now', { id: 'score-now', role: 'status', 'aria-live': 'polite' });
  const submit = h('button.btn.btn-primary.btn-block', { type: 'submit', id: 'save-screening', text: 'Save screening' });
  const summaryHost = h('div');
  const form = h('form.screening-layout', { novalidate: true, id: 'screening-form', 'aria-label': 'Record a screening' },
    h('div.screening-main', summaryHost, h('div.card', pickerField, siteField, sexBox, h('p.muted.small', { id: 'answer-note', text: 'Answer every item; choose the answer the client gives.' })), items),
    h('aside.score-panel.card', { 'aria-labelledby': 'score-title' },
      h('h2', { id: 'score-title', text: 'Score so far' }), progress, scoreLive,
      h('div.form-actions.score-actions', submit, h('a.btn.btn-secondary.btn-block', { href: chart, text: 'Cancel' }))));
  ctx.main.append(form);

  let f;		// the Form of the current instrument
  let groups;	// item number -> field
  let sexGroup = null;
  const scoring = ctx.line();

  function build() {
    f = new Form();
    clear(summaryHost).append(f.summary);
    groups = new Map();
    clear(items);
    clear(sexBox);
    sexGroup = null;
    if (def.code === 'auditc') {
      const s = subj.sex === 'female' || subj.sex === 'male' ? subj.sex : 'other';
      sexGroup = radioGroup({ name: 'sex', legend: 'Sex, for the AUDIT-C cut-off', options: SEX_CHOICES, value: s, onChange: changed,
        hint: kind === 'inquiry' ? 'Ask the person. Women and anyone else screen positive at 3, men at 4.' : 'From the client record. Women and anyone else screen positive at 3, men at 4.' });
      f.fields.push(sexGroup);
      sexBox.append(sexGroup.el);
    }
    const card = h('div.card.items-card', h('h2', { text: def.name }), h('p.muted.small', { text: `Version: ${def.version}` }));
    for (const it of def.items) {
      const g = it.kind === 'list' ? listItem(it) : choiceItem(it);
      groups.set(it.number, g);
      f.fields.push(g);
      card.append(g.el);
    }
    items.append(card);
    ctx.setTitle(`Record a screening: ${instrumentShort(def.code)}`);
    gate();
    changed();
  }

  // The number people see: the item's, or for the C-SSRS its question
  // ("q6_past_3_months" is 6b, after 6a "lifetime").
  function shownNumber(it) {
    const m = /^q(\d+)(?:_(lifetime|past_3_months))?$/.exec(it.key || '');
    if (!m) return String(it.number);
    return m[1] + (m[2] === 'lifetime' ? 'a' : m[2] ? 'b' : '');
  }

  function legendFor(it) {
    return h('legend', h('span.item-num', { text: `${shownNumber(it)}.` }), ' ', h('span.item-text', { text: it.text }),
      it.optional ? h('span.req', { text: ' (asked when question 2 is yes)' }) : null);
  }

  function choiceItem(it) {
    return radioGroup({
      name: `item_${it.number}`,
      label: `Question ${shownNumber(it)}`,
      legendNode: legendFor(it),
      options: it.answers.map((a) => ({ value: a.value, label: it.kind === 'yes_no' ? a.label : `${a.label}` })),
      className: `item item-${it.kind}`,
      onChange: () => { gate(); changed(); },
    });
  }

  // BAM item 7: which drugs (a list), or none (null).  Not scored.
  function listItem(it) {
    const gid = `item-${it.number}`;
    const errId = gid + '-error';
    const error = h('p.field-error', { id: errId, hidden: true });
    const boxes = [];
    const grid = h('div.check-grid');
    const none = h('input', { type: 'checkbox', id: `${gid}-none`, value: 'none' });
    for (const d of BAM_DRUGS) {
      const cb = h('input', { type: 'checkbox', id: `${gid}-${d.value}`, value: d.value });
      cb.addEventListener('change', () => { if (cb.checked) none.checked = false; changed(); });
      boxes.push(cb);
      grid.append(h('div.field-check', cb, h('label', { for: cb.id, text: d.label })));
    }
    none.addEventListener('change', () => { if (none.checked) for (const b of boxes) b.checked = false; changed(); });
    grid.append(h('div.field-check', none, h('label', { for: none.id, text: 'None' })));
    const el = h('fieldset.field.fieldset.item.item-list', { id: gid }, legendFor(it),
      h('p.field-hint', { text: 'Tick every drug they used in the past 30 days, or None. Not scored.' }), error, grid);
    return {
      name: `item_${it.number}`,
      label: `Question ${shownNumber(it)}`,
      el,
      input: boxes[0],
      list: true,
      focus() { boxes[0].focus(); },
      get value() {
        const v = boxes.filter((b) => b.checked).map((b) => b.value);
        return v.length ? v : null;
      },
      setError(msg) {
        error.textContent = String(msg).charAt(0).toUpperCase() + String(msg).slice(1);
        error.hidden = false;
        el.classList.add('has-error');
        for (const b of [...boxes, none]) b.setAttribute('aria-describedby', errId);
      },
      clearError() {
        error.textContent = '';
        error.hidden = true;
        el.classList.remove('has-error');
        for (const b of [...boxes, none]) b.removeAttribute('aria-describedby');
      },
    };
  }

  // C-SSRS: the optional questions show only when the gate (question 2) is yes.
  function gateOpen() {
    const g = def.items.find((it) => it.key === 'q2');
    return !!(g && groups.get(g.number) && groups.get(g.number).value === true);
  }
  function asked(it) { return !it.optional || gateOpen(); }
  function gate() {
    for (const it of def.items) {
      if (!it.optional) continue;
      const g = groups.get(it.number);
      g.el.hidden = !gateOpen();
    }
  }

  function missing() {
    return def.items.filter((it) => asked(it) && it.kind !== 'list' && groups.get(it.number).value === undefined);
  }

  function answers() {
    if (def.object_answers) {
      const o = {};
      for (const it of def.items) {
        if (!asked(it)) continue;
        const v = groups.get(it.number).value;
        if (v !== undefined) o[it.key] = v;
      }
      return o;
    }
    return def.items.map((it) => {
      const v = groups.get(it.number).value;
      return v === undefined ? null : v;
    });
  }

  function body() {
    const b = { answers: answers() };
    if (sexGroup) b.sex = sexGroup.value;
    return b;
  }

  const scoreLater = debounce(async () => {
    const ticket = scoring();
    try {
      const r = await api.post(paths.instrumentScore(def.code), body());
      if (!ticket()) return;
      showScore(r);
    } catch (err) {
      if (!ticket() || err.status === 401) return;
      clear(scoreLive).append(h('p.muted', { text: err.fields ? 'Check the answers marked below.' : err.message }));
      if (err.fields) f.showErrors(err.fields, err.message);
    }
  }, 150);

  function showScore(r) {
    clear(scoreLive);
    scoreLive.append(h('p.score-result', { id: 'score-result', text: resultText(r.code, r.scores, r.band) }));
    for (const fl of r.flags || []) {
      scoreLive.append(h('div.notice.notice-error.score-flag', h('p', h('strong', { text: 'Safety flag: ' }), fl.message),
        h('p.small', { text: 'Saving raises a safety alert on the chart and a task for the clinician.' })));
    }
  }

  function changed() {
    const total = def.items.filter((it) => asked(it) && it.kind !== 'list').length;
    const left = missing().length;
    progress.textContent = left ? `Answered ${total - left} of ${total}. ${plural(left, 'item')} to go.` : `All ${total} answered.`;
    if (left) {
      scoring();	// an answer on its way is stale now
      scoreLater.cancel();
      if (scoreLive.textContent !== 'The score appears when every item is answered.') {
        clear(scoreLive).append(h('p.muted', { text: 'The score appears when every item is answered.' }));
      }
    } else {
      scoreLater();
    }
  }

  picker.addEventListener('change', () => {
    def = list.find((d) => d.code === picker.value) || def;
    replaceQuery(subj.here, { code: def.code });
    build();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const miss = missing();
    if (miss.length) {
      const errs = {};
      for (const it of miss) errs[`item_${it.number}`] = 'choose an answer';
      f.showErrors(errs);
      return;
    }
    submit.disabled = true;
    try {
      const sid = siteId();
      const rec = await api.post(subj.post, { code: def.code, ...body(), ...(sid ? { site_id: sid } : {}) });
      const words = resultText(rec.code, rec.scores, rec.band);
      if (rec.alert_task) {
        refreshTaskCount();
        showSaved(rec, words);
        return;
      }
      const w = rec.worsening_task;
      if (w) toast(`${words}. Saved. That is ${w.to - w.from} points worse than last time (${w.from}): a review task went to the client’s clinician.`, 'warn');
      else toast(rec.flags && rec.flags.length ? `${words}. Saved — a safety alert was raised.` : `${words}. Saved.`, rec.flags && rec.flags.length ? 'error' : 'ok');
      refreshTaskCount();
      navigate(chart);
    } catch (err) {
      submit.disabled = false;
      if (err.status === 401) return;
      showApiError(f, err);
    }
  });

  // Saved with a safety flag: say plainly who the safety task went to, and
  // why, before going back to the chart.
  function showSaved(rec, words) {
    const t = rec.alert_task;
    const mine = t.assigned_to && auth.user && t.assigned_to === auth.user.id;
    const name = subj.name;
    clear(ctx.main);
    ctx.main.append(pageHeader(ctx, 'Screening saved', { back: { href: chart, label: subj.backLabel }, sub: subj.sub() }));
    const who = !t.assigned_name
      ? h('p.task-went', { id: 'alert-task' }, h('strong', { text: 'Nobody received the safety task' }), ' — nobody was on duty and the site has no director. The alert waits on every clinician’s list of unclaimed alerts: tell a clinician now.')
      : h('p.task-went', { id: 'alert-task' }, 'A safety task went to ',
        h('strong', { text: mine ? `you (${t.assigned_name})` : t.assigned_name }), ` — ${t.why}.`);
    const panel = h('section.card.saved-panel', { 'aria-labelledby': 'saved-title' },
      h('h2', { id: 'saved-title', text: words }),
      h('div.notice.notice-error.saved-alert', { role: 'alert' },
        h('p', h('strong', { text: 'Safety alert raised. ' }), (rec.flags || []).map((fl) => fl.message).join(' ')),
        who,
        h('p', { text: mine
          ? `Assess ${name} now and document your response; the alert stays until you do.`
          : t.assigned_name
            ? `It is on their task list and ${subj.where} until a response is documented.`
            : `It stays ${subj.where} until a clinician claims it and documents a response.` }),
        h('p', h('strong', { text: 'In danger now? ' }),
          'Do not wait for the task: follow your emergency procedure — call 911 for immediate danger; the 988 Suicide & Crisis Lifeline is there for crisis support.')),
      h('div.form-actions',
        linkButton(chart, subj.goLabel, 'primary', { id: 'go-chart' }),
        mine ? linkButton('#/tasks', 'Open my tasks', 'secondary') : null));
    ctx.main.append(panel);
    ctx.setTitle('Screening saved: safety alert raised');
    document.getElementById('go-chart').focus();
    window.scrollTo(0, 0);
  }

  build();
  picker.focus();
  ctx.focusHandled = true;
}

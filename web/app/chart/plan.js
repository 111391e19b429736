// The chart's "Treatment plan": the version in force readable at a glance
// (problems → goals in the client's words → objectives → interventions),
// an inline editor for a draft (add a problem, goal, objective or
// intervention where it goes; interventions and staff from pickers), the
// clinician's signature, the client's signature on a shared screen
// (plan-sign.js), a new version from a signed one, earlier versions with
// who signed them when, and the review's due date or "overdue" badge.
// A signed version is never edited: the server refuses it (409) and this
// screen offers "Revise" instead.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { field, Form, showApiError } from '../components/field.js';
import { toast } from '../components/toast.js';
import { button, errorNote } from '../components/page.js';
import { staffDirectory } from '../directory.js';
import { fmtDate, fmtDateTime } from '../format.js';
import { openEpisode } from './episode.js';
import { clientSigns } from './plan-sign.js';

// The dimensions a problem is tied to (the placement's six).
export const DIMENSIONS = [
  [1, 'Intoxication and withdrawal'],
  [2, 'Biomedical conditions'],
  [3, 'Emotional, behavioural or cognitive conditions'],
  [4, 'Readiness to change'],
  [5, 'Relapse or continued use potential'],
  [6, 'Recovery environment'],
];
const OBJ_STATUS = [['open', 'Open'], ['met', 'Met'], ['revised', 'Revised'], ['discontinued', 'Discontinued']];

// The interventions come from the API, once.
let ivPromise = null;
function interventions() {
  if (!ivPromise) {
    ivPromise = api.get(paths.interventions).then((d) => d.items || []);
    ivPromise.catch(() => { ivPromise = null; });
  }
  return ivPromise;
}

export function loadPlans(clientId) {
  return api.get(paths.clientPlans(clientId));
}

const dimWords = (n) => (DIMENSIONS.find((d) => d[0] === n) || [0, `Dimension ${n}`])[1];
const fmtInstantDate = (iso) => (iso ? fmtDate(iso.slice(0, 10)) : '');

// "Review due Mar 4, 2026" or, past it, a danger badge in words.
export function reviewBadge(p) {
  if (p.status === 'draft' || !p.review_due_at) return null;
  if (p.review_overdue) return badge(`Review overdue since ${fmtInstantDate(p.review_due_at)}`, 'danger');
  if (p.superseded) return null;
  return badge(`Review due ${fmtInstantDate(p.review_due_at)}`, 'info');
}

function statusBadge(p) {
  if (p.status === 'draft') return badge('Draft — not signed', 'warn');
  if (p.status === 'clinician_signed') return badge('Signed by clinician — waiting for the client', 'info');
  return badge('Signed by clinician and client', 'ok');
}

// Who signed, when, in a line.
export function signersLine(p) {
  const parts = [];
  if (p.clinician_signature) parts.push(`Signed by ${p.clinician_signature.name} on ${fmtDateTime(p.clinician_signature.signed_at)}`);
  if (p.client_signature) {
    const w = p.client_signature.witness_name ? `, witnessed by ${p.client_signature.witness_name}` : '';
    parts.push(`by the client (“${p.client_signature.name}”) on ${fmtDateTime(p.client_signature.signed_at)}${w}`);
  }
  return parts.length ? `${parts.join('; ')}.` : `Drafted by ${p.created_by_name || 'staff'} on ${fmtDateTime(p.created_at)}; not signed yet.`;
}

// The version's content, readable: used in the chart and on the shared screen.
export function planView(p, { large = false } = {}) {
  const wrap = h(`div.plan-view${large ? '.plan-view-large' : ''}`);
  if (!p.problems.length) {
    wrap.append(h('p.muted', { text: 'No problems written yet.' }));
    return wrap;
  }
  const hx = large ? 'h2' : 'h3';
  p.problems.forEach((pr, i) => {
    const sec = h('section.plan-problem', { 'aria-label': `Problem ${i + 1}` },
      h(`${hx}.plan-problem-title`, { text: `Problem ${i + 1}: ${pr.statement}` }),
      h('p.plan-dim.muted', { text: `Dimension ${pr.dimension} · ${pr.dimension_name || dimWords(pr.dimension)}` }));
    for (const g of pr.goals) {
      const goal = h('div.plan-goal',
        h('p.plan-goal-text', h('span.plan-label', { text: 'Goal, in the client’s words: ' }), h('q', { text: g.text })));
      if (g.objectives.length) {
        const ol = h('ol.plan-objectives');
        for (const o of g.objectives) {
          const st = OBJ_STATUS.find((s) => s[0] === o.status);
          ol.append(h('li', { 'data-key': String(o.key) },
            h('span', { text: o.text }), ' ',
            h('span.muted', { text: `by ${fmtDate(o.target_date)}` }), ' ',
            o.status === 'open' ? null : badge(st ? st[1] : o.status, o.status === 'met' ? 'ok' : 'neutral')));
        }
        goal.append(h('p.plan-label', { text: 'Objectives' }), ol);
      }
      if (g.interventions.length) {
        const ul = h('ul.plan-interventions');
        for (const iv of g.interventions) ul.append(h('li', { text: `${iv.words} — ${iv.frequency} — ${iv.staff_name}` }));
        goal.append(h('p.plan-label', { text: 'Interventions' }), ul);
      }
      sec.append(goal);
    }
    wrap.append(sec);
  });
  return wrap;
}

// The chart section.  data: the chart's plans part (or {error}); care: the
// chart's episodes; opts.reload(focusId) reads the plans again and redraws.
// Returns a promise when the draft's editor is still being set up.
// The chart's banner for an overdue plan review (at the top of the chart,
// under the safety alerts): the version in force of the open episode's plan
// was due for review; a revision already drafted is said too.  null when
// nothing is overdue.  go() takes the reader to the plan.
export function planReviewBanner(data, care, go) {
  const ep = openEpisode(care || {});
  if (!ep || !data || data.error) return null;
  const versions = (data.items || []).filter((p) => p.episode_id === ep.id);
  const inForce = versions.find((p) => p.status !== 'draft');
  if (!inForce || !inForce.review_overdue) return null;
  const draft = versions[0] && versions[0].status === 'draft' ? versions[0] : null;
  return h('div.notice.notice-danger.plan-review-banner', { id: 'plan-review-banner', role: 'note' },
    h('p', h('strong', { text: `Treatment plan review overdue since ${fmtInstantDate(inForce.review_due_at)}. ` }),
      draft ? `Version ${draft.version} is drafted: finish it with the client and sign it. ` : 'Revise the plan with the client and sign the new version. ',
      button('Go to the plan', go, 'secondary', { class: 'btn-small' })));
}

export function drawPlan(section, c, data, care, opts) {
  clear(section);
  const canWrite = auth.can('plans.write') && c.active;
  const head = h('div.section-head', h('h2', { id: 'plan-title', text: 'Treatment plan' }));
  section.append(head);
  if (data === null) { section.append(h('p.muted', { text: 'Loading the treatment plan…' })); return; }
  if (data.error) { section.append(errorNote(data.error)); return; }
  const ep = openEpisode(care || {});
  const all = data.items || [];
  // This episode's versions (newest first); with no open episode, the last episode's.
  const epId = ep ? ep.id : (all[0] && all[0].episode_id);
  const versions = all.filter((p) => p.episode_id === epId);
  if (!versions.length) {
    if (ep && canWrite) {
      head.append(button('Start treatment plan', async (e) => {
        e.target.disabled = true;
        try {
          await api.post(paths.episodePlans(ep.id), {});
          toast('Draft plan started.');
          await opts.reload('plan-add-problem');
        } catch (err) { e.target.disabled = false; toast(err.message, 'error'); }
      }, 'primary', { id: 'start-plan' }));
    }
    section.append(h('p.muted', { text: ep ? 'No treatment plan for this episode yet.' : 'A treatment plan is written for an open episode of care.' }));
    return;
  }
  const latest = versions[0];
  const inForce = versions.find((p) => p.status !== 'draft') || null;
  head.append(h('span.plan-badges', statusBadge(latest), ' ', reviewBadge(inForce || latest)));

  if (latest.status === 'draft') {
    if (inForce) section.append(h('p.notice.notice-info', { text: `Version ${inForce.version} stays in force until version ${latest.version} is signed.` }));
    section.append(h('p.plan-meta.muted', { text: `Version ${latest.version}. ${signersLine(latest)}` }));
    if (canWrite) {
      const editorHost = h('div');
      section.append(editorHost);
      earlierVersions(section, versions, latest);
      return drawEditor(editorHost, latest, opts);
    }
    section.append(planView(latest));
  } else {
    section.append(h('p.plan-meta', { text: `Version ${latest.version}. ${signersLine(latest)}` }));
    if (inForce && inForce.review_overdue) {
      section.append(h('p.notice.notice-danger', { role: 'note' }, h('strong', { text: 'Review overdue. ' }),
        `This plan was due for review on ${fmtInstantDate(inForce.review_due_at)}. Revise it with the client and sign the new version.`));
    }
    section.append(planView(latest));
    const actions = h('div.plan-actions');
    if (canWrite && latest.status === 'clinician_signed') {
      actions.append(button('Client signs…', () => clientSigns(c, latest, opts), 'primary', { id: 'plan-client-sign' }));
    }
    if (canWrite && latest.is_latest) {
      actions.append(button('Revise (new version)', async (e) => {
        e.target.disabled = true;
        try {
          const v = await api.post(paths.planRevise(latest.id));
          toast(`Version ${v.version} drafted from version ${latest.version}.`);
          await opts.reload('plan-save');
        } catch (err) { e.target.disabled = false; toast(err.message, 'error'); }
      }, 'secondary', { id: 'plan-revise' }));
    }
    if (actions.children.length) section.append(actions);
  }
  earlierVersions(section, versions, latest);
  return null;
}

// The versions before the latest, each with who signed it when, opening to
// its content.
function earlierVersions(section, versions, latest) {
  const earlier = versions.filter((p) => p !== latest);
  if (earlier.length) {
    const list = h('ul.plan-versions');
    for (const p of earlier) {
      list.append(h('li', h('details', h('summary', h('strong', { text: `Version ${p.version}` }), ' ', statusBadge(p), ' ',
        h('span.muted', { text: signersLine(p) })), planView(p))));
    }
    section.append(h('h3.plan-earlier-title', { text: 'Earlier versions' }), list);
  }
}

// ---- the draft's editor -------------------------------------------------------

// The draft as the API takes it (keys kept, names and words dropped).
function toBody(model) {
  return {
    problems: model.map((pr) => ({
      dimension: Number(pr.dimension), statement: pr.statement,
      goals: pr.goals.map((g) => ({
        text: g.text,
        objectives: g.objectives.map((o) => ({ ...(o.key ? { key: o.key } : {}), text: o.text, target_date: o.target_date, status: o.status || 'open' })),
        interventions: g.interventions.map((iv) => ({ code: iv.code, frequency: iv.frequency, staff_id: Number(iv.staff_id) || null })),
      })),
    })),
  };
}

function inDays(n) {
  const d = new Date(Date.now() + n * 86400e3);
  return d.toISOString().slice(0, 10);
}

async function drawEditor(section, draft, opts) {
  const host = h('div.plan-editor', { id: 'plan-editor' });
  section.append(host);
  host.append(h('p.muted', { text: 'Loading the editor…' }));
  let ivs, dir;
  try {
    [ivs, dir] = await Promise.all([interventions(), staffDirectory()]);
  } catch (err) { clear(host).append(errorNote(err)); return; }
  const staff = dir.list.filter((s) => s.active !== false);
  const model = JSON.parse(JSON.stringify(draft.problems));
  let form;

  const render = (focusId) => {
    clear(host);
    form = new Form();
    host.append(form.summary);
    const bind = (f, obj, key) => { f.input.addEventListener('input', () => { obj[key] = f.input.value; }); f.input.addEventListener('change', () => { obj[key] = f.input.value; }); return form.add(f); };
    const remove = (label, arr, i, id) => h('button.btn.btn-link.plan-remove', { type: 'button', text: `Remove ${label}`, id, onclick: () => { arr.splice(i, 1); render('plan-add-problem'); } });
    model.forEach((pr, i) => {
      const at = `problems[${i}]`;
      const box = h('fieldset.plan-edit-problem', h('legend', { text: `Problem ${i + 1}` }));
      box.append(h('div.plan-edit-row',
          bind(field({ name: `${at}.statement`, label: 'Problem', type: 'textarea', rows: 2, value: pr.statement, required: true, id: `p${i}-statement` }), pr, 'statement'),
        bind(field({ name: `${at}.dimension`, label: 'Dimension', type: 'select', value: pr.dimension, options: DIMENSIONS.map(([v, l]) => ({ value: v, label: `${v} · ${l}` })), id: `p${i}-dim` }), pr, 'dimension')));
      pr.goals.forEach((g, j) => {
        const ag = `${at}.goals[${j}]`;
        const gbox = h('div.plan-edit-goal');
        gbox.append(bind(field({ name: `${ag}.text`, label: `Goal ${j + 1}, in the client’s own words`, type: 'textarea', rows: 2, value: g.text, required: true, id: `p${i}g${j}-text` }), g, 'text'));
        g.objectives.forEach((o, k) => {
          const ao = `${ag}.objectives[${k}]`;
          gbox.append(h('div.plan-edit-row.plan-edit-objective',
            bind(field({ name: `${ao}.text`, label: `Objective ${k + 1} (measurable)`, value: o.text, required: true, id: `p${i}g${j}o${k}-text` }), o, 'text'),
            bind(field({ name: `${ao}.target_date`, label: 'Target date', type: 'date', value: o.target_date, required: true, id: `p${i}g${j}o${k}-date` }), o, 'target_date'),
            bind(field({ name: `${ao}.status`, label: 'Status', type: 'select', value: o.status, options: OBJ_STATUS.map(([v, l]) => ({ value: v, label: l })), id: `p${i}g${j}o${k}-status` }), o, 'status'),
            remove(`objective ${k + 1}`, g.objectives, k, `p${i}g${j}o${k}-remove`)));
        });
        g.interventions.forEach((iv, k) => {
          const ai = `${ag}.interventions[${k}]`;
          gbox.append(h('div.plan-edit-row.plan-edit-intervention',
            bind(field({ name: `${ai}.code`, label: `Intervention ${k + 1}`, type: 'select', value: iv.code, options: [{ value: '', label: 'Choose…' }, ...ivs.map((x) => ({ value: x.code, label: x.label }))], id: `p${i}g${j}i${k}-code` }), iv, 'code'),
            bind(field({ name: `${ai}.frequency`, label: 'How often', value: iv.frequency, required: true, placeholder: 'e.g. 3 groups a week', id: `p${i}g${j}i${k}-freq` }), iv, 'frequency'),
            bind(field({ name: `${ai}.staff_id`, label: 'Responsible', type: 'select', value: iv.staff_id, options: [{ value: '', label: 'Choose…' }, ...staff.map((s) => ({ value: s.id, label: s.full_name }))], id: `p${i}g${j}i${k}-staff` }), iv, 'staff_id'),
            remove(`intervention ${k + 1}`, g.interventions, k, `p${i}g${j}i${k}-remove`)));
        });
        gbox.append(h('div.plan-add-row',
          button('Add objective', () => { g.objectives.push({ text: '', target_date: inDays(30), status: 'open' }); render(`p${i}g${j}o${g.objectives.length - 1}-text`); }, 'secondary', { id: `p${i}g${j}-add-objective` }),
          button('Add intervention', () => { g.interventions.push({ code: '', frequency: '', staff_id: draft.created_by || '' }); render(`p${i}g${j}i${g.interventions.length - 1}-code`); }, 'secondary', { id: `p${i}g${j}-add-intervention` }),
          remove(`goal ${j + 1}`, pr.goals, j, `p${i}g${j}-remove`)));
        box.append(gbox);
      });
      box.append(h('div.plan-add-row',
        button('Add goal', () => { pr.goals.push({ text: '', objectives: [], interventions: [] }); render(`p${i}g${pr.goals.length - 1}-text`); }, 'secondary', { id: `p${i}-add-goal` }),
        remove(`problem ${i + 1}`, model, i, `p${i}-remove`)));
      host.append(box);
    });
    host.append(h('div.plan-add-row',
      button('Add problem', () => { model.push({ dimension: 5, statement: '', goals: [{ text: '', objectives: [], interventions: [] }] }); render(`p${model.length - 1}-statement`); }, 'secondary', { id: 'plan-add-problem' })));
    host.append(h('div.plan-actions',
      button('Save draft', () => save(false), 'secondary', { id: 'plan-save' }),
      button('Sign as clinician', () => save(true), 'primary', { id: 'plan-sign' })));
    if (focusId) { const el = document.getElementById(focusId); if (el) el.focus(); }
  };

  const save = async (sign) => {
    const buttons = host.querySelectorAll('.plan-actions button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await api.patch(paths.plan(draft.id), toBody(model));
      if (sign) {
        const p = await api.post(paths.planSign(draft.id), {});
        toast(`Version ${p.version} signed. Review due ${fmtInstantDate(p.review_due_at)}.`);
        await opts.reload('plan-client-sign');
      } else {
        toast('Draft saved.');
        await opts.reload('plan-save');
      }
    } catch (err) {
      buttons.forEach((b) => { b.disabled = false; });
      if (err.status === 401) return;
      showApiError(form, err);
    }
  };
  render();
}

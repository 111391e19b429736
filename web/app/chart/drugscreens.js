// The chart's "Drug screens": a small strip chart (one column per screen,
// one row per substance that was ever positive or expected; no chart
// library) and the history as a table, newest first, with positives in
// bold and unexpected results said in words ("Unexpected: positive for
// cocaine, which is not prescribed"), not by colour alone.  A point-of-care
// cup is entered in a few clicks: pick the panel, every substance negative
// by default, tick the positives.  A lab screen is recorded pending and its
// results entered when they arrive; a correction keeps the earlier results.
// A screen recorded by mistake is marked "entered in error" with a reason:
// it stays in the table, struck through, but leaves the strip chart and the
// summary line.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog, openDialog } from '../components/dialog.js';
import { field, Form, checkGroup } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { fmtDateTime, fmtLocalDate, plural, localParts } from '../format.js';
import { errorNote, button } from '../components/page.js';
import { refreshTaskCount } from '../tasks/count.js';

const SVG = 'http://www.w3.org/2000/svg';

export async function loadDrugScreens(clientId) {
  try {
    return await api.get(paths.clientDrugScreens(clientId), { limit: 200 });
  } catch (err) {
    if (err.status === 401) throw err;
    return { error: err };
  }
}

let vocabPromise = null;
// The substances, panels and MAT medications (no client data; kept).
export function drugScreenVocabulary() {
  if (!vocabPromise) {
    vocabPromise = api.get(paths.drugScreenVocabulary);
    vocabPromise.catch(() => { vocabPromise = null; });
  }
  return vocabPromise;
}

// "Cocaine (COC)" for "cocaine".
export function substanceName(vocab, code) {
  const s = vocab && vocab.substances.find((x) => x.code === code);
  return s ? s.name : code;
}

function shortName(vocab, code) {
  return substanceName(vocab, code).replace(/\s*\(.*\)$/, '');
}

const positives = (s) => (s.results ? Object.keys(s.results).filter((k) => s.results[k] === 'positive') : []);

// drawDrugScreens(section, c, data, {vocab, reload})
export function drawDrugScreens(section, c, data, opts = {}) {
  clear(section);
  const vocab = opts.vocab;
  const head = h('div.section-head', h('h2', { id: 'drug-screens-title', text: 'Drug screens' }));
  if (auth.can('screening.write') && vocab) {
    head.append(h('div.btn-row',
      button('Record a cup', () => cupDialog(c, vocab, 'point_of_care', opts), 'secondary', { id: 'record-cup' }),
      button('Record a lab screen', () => cupDialog(c, vocab, 'lab', opts), 'secondary', { id: 'record-lab' })));
  }
  section.append(head);
  if (data && data.error) { section.append(errorNote(data.error)); return; }
  const rows = (data && data.items) || [];
  if (!rows.length) { section.append(h('p.empty', { text: 'No drug screens recorded.' })); return; }
  // A screen entered in error is no result of the client's: it is listed
  // (struck through) but counted nowhere.
  const counted = rows.filter((s) => !s.entered_in_error);
  const flagged = counted.filter((s) => s.flagged).length;
  if (flagged) {
    section.append(h('p.notice.notice-warn.drug-screen-summary', h('strong', { text: 'Unexpected results: ' }),
      `${plural(flagged, 'screen')} of ${counted.length} had a result that the prescriptions do not explain.`));
  }
  section.append(strip(counted, vocab));
  const canWrite = auth.can('screening.write') && vocab;
  const columns = [
    { label: 'Collected', render: (s) => h('time', { datetime: s.collected_at, text: fmtDateTime(s.collected_at) }), className: 'nowrap' },
    { label: 'Panel', render: (s) => h('span.stack', h('span.strong', { text: s.panel_name }),
      h('span.muted.small', { text: `${s.method === 'lab' ? 'Lab' : 'Point of care'}${s.observed ? ', observed' : ', not observed'}` })) },
    { label: 'Result', render: (s) => resultCell(s, vocab), className: 'wide-cell' },
    { label: 'Prescribed then', render: (s) => (s.status !== 'resulted' ? '' : s.expected.length ? s.expected.map((x) => shortName(vocab, x)).join(', ') : 'Nothing that shows on a screen') },
  ];
  if (canWrite) {
    columns.push({ label: 'Results', render: (s) => (s.entered_in_error ? '' : h('div.btn-row',
      button(s.status === 'pending' ? 'Enter results…' : 'Correct…',
        () => resultsDialog(c, s, vocab, opts.reload), 'secondary',
        { class: 'btn-small', 'data-screen': String(s.id), 'aria-label': `${s.status === 'pending' ? 'Enter the results' : 'Correct the results'} of the screen of ${fmtDateTime(s.collected_at)}` }),
      button('Entered in error…', () => errorDialog(s, opts.reload), 'secondary',
        { class: 'btn-small', 'aria-label': `Mark the screen of ${fmtDateTime(s.collected_at)} entered in error` }))) });
  }
  section.append(dataTable({
    caption: 'Drug screens, newest first',
    rows,
    columns,
    rowClass: (s) => (s.entered_in_error ? 'voided' : s.flagged ? 'flagged' : ''),
  }));
}

function resultCell(s, vocab) {
  if (s.entered_in_error) {
    // Kept readable, struck through, with who marked it, when and why.
    const pos = positives(s);
    const was = s.status === 'pending' ? 'No results' : pos.length ? `Positive: ${pos.map((x) => shortName(vocab, x)).join(', ')}` : 'All negative';
    return h('div.stack', h('span', badge('Entered in error', 'neutral')), h('s.struck', { text: was }),
      h('span.void-note', { text: `${s.error_reason} (${s.error_by_name ? `${s.error_by_name}, ` : ''}${fmtDateTime(s.error_at)}). Not counted in the chart above or in releases.` }));
  }
  if (s.status === 'pending') return h('span.stack', badge('Pending', 'info'), h('span.muted.small', { text: 'Waiting for the lab.' }));
  const pos = positives(s);
  const cell = h('div.stack');
  cell.append(pos.length
    ? h('span', h('span', { text: 'Positive: ' }), h('strong.positive', { text: pos.map((x) => shortName(vocab, x)).join(', ') }))
    : h('span', { text: 'All negative' }));
  const untested = s.results ? Object.keys(s.results).filter((k) => s.results[k] === 'not_tested') : [];
  if (untested.length) cell.append(h('span.muted.small', { text: `Not tested: ${untested.map((x) => shortName(vocab, x)).join(', ')}` }));
  for (const u of s.unexpected) cell.append(h('span.flag-words', badge('Unexpected', 'danger'), ' ', u.words));
  if (s.corrections) {
    cell.append(h('span.muted.small', { text: `Corrected ${plural(s.corrections, 'time')}; the earlier results are kept.` }),
      h('span', button('Earlier results…', () => historyDialog(s, vocab), 'quiet', { class: 'btn-small', 'aria-label': `Earlier results of the screen of ${fmtDateTime(s.collected_at)}` })));
  }
  return cell;
}

// The results corrections replaced, newest first, with who and when.
async function historyDialog(s, vocab) {
  let d;
  try {
    d = await api.get(paths.drugScreen(s.id));
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    return;
  }
  const list = h('ol.screen-history');
  for (const v of d.history || []) {
    const pos = v.results ? Object.keys(v.results).filter((k) => v.results[k] === 'positive') : [];
    list.append(h('li',
      h('p', h('strong', { text: `Entered ${fmtDateTime(v.resulted_at)}${v.resulted_by_name ? ` by ${v.resulted_by_name}` : ''}` }),
        `; replaced ${fmtDateTime(v.replaced_at)}${v.replaced_by_name ? ` by ${v.replaced_by_name}` : ''}.`),
      h('p', { text: pos.length ? `Positive: ${pos.map((x) => shortName(vocab, x)).join(', ')}.` : 'All negative.' }),
      v.unexpected.length ? h('p', badge('Was unexpected', 'neutral'), ' ', v.unexpected.map((x) => shortName(vocab, x)).join(', ')) : null));
  }
  openDialog({
    title: `Earlier results: screen of ${fmtDateTime(s.collected_at)}`,
    body: [h('p', { text: `Now: ${positives(d).length ? `positive for ${positives(d).map((x) => shortName(vocab, x)).join(', ')}` : 'all negative'}.` }), list],
    actions: [{ label: 'Close', kind: 'secondary', onClick: (dl) => dl.close(null) }],
  });
}

// One column per screen (oldest on the left), one row per substance that
// was ever positive or expected: a filled dot is positive, a ring negative,
// a dash not tested; an unexpected result has a square around it.  The
// table below says the same in words.
function strip(rows, vocab) {
  const screens = rows.filter((s) => s.status === 'resulted').slice().reverse();
  const subs = [];
  for (const s of screens) {
    for (const k of [...positives(s), ...s.expected]) if (!subs.includes(k)) subs.push(k);
  }
  if (!screens.length) return null;
  if (!subs.length) subs.push('all');
  const left = 130, top = 8, colW = 26, rowH = 22;
  const width = Math.max(left + screens.length * colW + 10, left + 240);
  const height = top + subs.length * rowH + 22;
  const svg = document.createElementNS(SVG, 'svg');
  const el = (tag, attrs, text) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const flagged = screens.filter((s) => s.flagged).length;
  const summary = `Drug screens over time: ${plural(screens.length, 'screen')} with results, ${flagged} with an unexpected result.`;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', summary);
  svg.setAttribute('class', 'screen-strip');
  svg.append(el('title', {}, summary));
  subs.forEach((code, r) => {
    const y = top + r * rowH + rowH / 2;
    svg.append(el('text', { x: left - 8, y: y + 4, 'text-anchor': 'end', class: 'strip-label' }, code === 'all' ? 'All substances' : shortName(vocab, code)));
    svg.append(el('line', { x1: left, x2: width - 10, y1: y, y2: y, class: 'strip-rule' }));
  });
  screens.forEach((s, i) => {
    const x = left + i * colW + colW / 2;
    const un = new Set(s.unexpected.map((u) => u.substance));
    subs.forEach((code, r) => {
      const y = top + r * rowH + rowH / 2;
      const res = code === 'all' ? (positives(s).length ? 'positive' : 'negative') : (s.results ? s.results[code] : undefined);
      const g = el('g', {});
      const words = res === undefined ? 'not on the panel' : res.replace('_', ' ');
      g.append(el('title', {}, `${fmtDateTime(s.collected_at)}: ${code === 'all' ? 'all substances' : shortName(vocab, code)} ${words}${un.has(code) ? ' (unexpected)' : ''}`));
      if (res === 'positive') g.append(el('circle', { cx: x, cy: y, r: 6, class: 'strip-pos' }));
      else if (res === 'negative') g.append(el('circle', { cx: x, cy: y, r: 5, class: 'strip-neg' }));
      else g.append(el('line', { x1: x - 4, x2: x + 4, y1: y, y2: y, class: 'strip-na' }));
      if (un.has(code)) g.append(el('rect', { x: x - 10, y: y - 10, width: 20, height: 20, class: 'strip-unexpected' }));
      svg.append(g);
    });
  });
  // The range of dates under the strip: the first at its left end, the last
  // at its right end (at the columns' places they overlapped).
  svg.append(el('text', { x: left, y: height - 4, 'text-anchor': 'start', class: 'strip-date' }, fmtLocalDate(screens[0].collected_at)));
  if (screens.length > 1) {
    svg.append(el('text', { x: width - 10, y: height - 4, 'text-anchor': 'end', class: 'strip-date' }, fmtLocalDate(screens[screens.length - 1].collected_at)));
  }
  return h('figure.screen-strip-figure', svg,
    h('figcaption.muted.small', { text: 'Filled dot: positive. Ring: negative. Dash: not tested. Square: unexpected (the prescriptions do not explain it).' }));
}

// "YYYY-MM-DDTHH:MM" in the browser's zone, for a datetime-local input.
function localNow() {
  const p = localParts(new Date());
  return `${p.date}T${p.time}`;
}

// The result boxes for a panel: every substance negative unless ticked
// positive (or ticked not tested, under "Some not tested?").
function resultBoxes(vocab, panelCode, was) {
  const panel = vocab.panels.find((p) => p.code === panelCode) || vocab.panels[0];
  const options = panel.substances.map((code) => ({ value: code, label: substanceName(vocab, code) }));
  const wasPos = was ? Object.keys(was).filter((k) => was[k] === 'positive') : [];
  const wasNt = was ? Object.keys(was).filter((k) => was[k] === 'not_tested') : [];
  const pos = checkGroup({ name: 'positive', legend: 'Positive for', hint: 'Everything not ticked is recorded negative.', options, values: wasPos });
  const nt = checkGroup({ name: 'not_tested', legend: 'Not tested (a strip that failed, or not on this cup)', options, values: wasNt });
  const details = h('details.not-tested', h('summary', { text: 'Some substances not tested?' }), nt.el);
  if (wasNt.length) details.open = true;
  return { panel, pos, nt, el: h('div.result-boxes', pos.el, details) };
}

function resultsOf(panel, v) {
  const out = {};
  for (const code of panel.substances) {
    out[code] = (v.not_tested || []).includes(code) ? 'not_tested' : (v.positive || []).includes(code) ? 'positive' : 'negative';
  }
  return out;
}

function savedToast(s) {
  if (s.flagged) {
    toast(`Drug screen saved. Unexpected: ${s.unexpected.map((u) => u.words).join('; ')}.${s.task_id ? ' A review task went to the client’s clinician.' : ''}`, 'warn');
    refreshTaskCount();
  } else {
    toast(s.status === 'pending' ? 'Lab screen recorded; enter the results when they arrive.' : 'Drug screen saved. No unexpected result.');
  }
}

// What the medication list says a screen today should find, in words.
function prescribedNow(vocab, meds) {
  const today = localParts(new Date()).date;
  const items = (meds && meds.items) || [];
  const exp = new Set();
  for (const m of items) {
    if (m.status !== 'active' || (m.start_date && m.start_date > today)) continue;
    for (const x of m.expected) exp.add(x);
  }
  if (!exp.size) return h('p.muted', { text: 'Nothing on the medication list shows on a screen: any positive will be flagged as unexpected.' });
  return h('p.notice.notice-info', h('strong', { text: 'Prescribed now: ' }), [...exp].map((x) => substanceName(vocab, x)).join(', '),
    '. Tick these when positive; a negative for one of them, or a positive for anything else, will be flagged as unexpected.');
}

async function cupDialog(c, vocab, method, opts) {
  const reload = opts.reload;
  const f = new Form();
  const panels = vocab.panels.filter((p) => p.method === method).concat(vocab.panels.filter((p) => p.method !== method));
  const panel = field({ name: 'panel', label: 'Panel', type: 'select', required: true, value: panels[0].code,
    options: panels.map((p) => ({ value: p.code, label: p.name })) });
  const when = field({ name: 'collected_at', label: 'Collected at', type: 'datetime-local', required: true, value: localNow() });
  const observed = field({ name: 'observed', label: 'Collection was observed', type: 'checkbox', value: true });
  const host = h('div.result-host');
  let boxes = null;
  const lab = method === 'lab';
  const withResults = lab ? field({ name: 'with_results', label: 'The results are here already', type: 'checkbox', value: false }) : null;
  const drawBoxes = () => {
    clear(host);
    f.fields = f.fields.filter((x) => x.name !== 'positive' && x.name !== 'not_tested');
    if (lab && !withResults.value) { boxes = null; host.append(h('p.muted', { text: 'The screen is recorded as pending; enter the results when the lab sends them.' })); return; }
    boxes = resultBoxes(vocab, panel.value);
    f.add(boxes.pos);
    f.add(boxes.nt);
    host.append(boxes.el);
  };
  panel.input.addEventListener('change', drawBoxes);
  if (withResults) withResults.input.addEventListener('change', drawBoxes);
  const content = [prescribedNow(vocab, opts.meds), h('div.form-grid', f.add(panel), f.add(when)), f.add(observed)];
  if (withResults) content.push(f.add(withResults));
  content.push(host);
  drawBoxes();
  const saved = await formDialog({
    title: `${lab ? 'Lab screen' : 'Point-of-care cup'} for ${c.first_name} ${c.last_name}`,
    form: f,
    className: 'dialog-wide',
    content,
    submitLabel: 'Save drug screen',
    onSubmit: (v) => {
      const at = new Date(v.collected_at);
      if (!v.collected_at || isNaN(at)) { f.showErrors({ collected_at: 'say when the specimen was collected' }); const e = new Error('x'); e.handled = true; throw e; }
      const body = { collected_at: at.toISOString().slice(0, 16) + 'Z', method, observed: v.observed, panel: v.panel };
      if (boxes) body.results = resultsOf(boxes.panel, v);
      return api.post(paths.clientDrugScreens(c.id), body);
    },
  });
  if (!saved || saved === true) return;
  savedToast(saved);
  if (reload) reload();
}

// Marks a screen recorded by mistake entered in error, with a reason.
async function errorDialog(s, reload) {
  const f = new Form();
  const reason = field({ name: 'reason', label: 'What was wrong?', type: 'textarea', rows: 3, required: true, maxlength: 500,
    hint: 'For example: the cup was another client’s. The screen stays in the table, struck through, with this reason.' });
  const saved = await formDialog({
    title: `Screen of ${fmtDateTime(s.collected_at)}: entered in error`,
    form: f,
    content: [h('p', { text: 'Only for a screen that should never have been recorded for this client. To fix a misread result, use Correct instead.' }), f.add(reason)],
    submitLabel: 'Mark entered in error',
    onSubmit: (v) => {
      if (!v.reason || !v.reason.trim()) { f.showErrors({ reason: 'say what was wrong with the screen' }); const e = new Error('x'); e.handled = true; throw e; }
      return api.post(paths.drugScreenError(s.id), { reason: v.reason });
    },
  });
  if (!saved || saved === true) return;
  toast('Screen marked entered in error; it stays in the table, struck through.');
  refreshTaskCount();
  if (reload) reload();
}

async function resultsDialog(c, s, vocab, reload) {
  const f = new Form();
  const boxes = resultBoxes(vocab, s.panel, s.results);
  f.add(boxes.pos);
  f.add(boxes.nt);
  const saved = await formDialog({
    title: `${s.status === 'pending' ? 'Results' : 'Correct the results'}: screen of ${fmtDateTime(s.collected_at)}`,
    form: f,
    className: 'dialog-wide',
    content: [
      s.status === 'resulted' ? h('p.muted', { text: 'The results entered before are kept in the screen’s history.' }) : null,
      boxes.el,
    ].filter(Boolean),
    submitLabel: 'Save results',
    onSubmit: (v) => api.put(paths.drugScreenResults(s.id), { results: resultsOf(boxes.panel, v) }),
  });
  if (!saved || saved === true) return;
  savedToast(saved);
  if (reload) reload();
}

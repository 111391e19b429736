// "Repeated measures" in the chart: the instruments given again through an
// episode (PHQ-9, GAD-7, BAM on the program's schedule), each with its
// last score, when it is next due (or since when it is due or overdue) and
// a link to record it, and its score history as a small line chart over
// the severity bands, with the same scores in a table below it.  The chart
// never relies on colour: the bands are named on the chart, every point
// carries its value, and the table says it all in words.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { dataTable } from '../components/table.js';
import { fmtDate, fmtDateTime, fmtLocalDate, cap } from '../format.js';
import { errorNote, linkButton } from '../components/page.js';

const SVG = 'http://www.w3.org/2000/svg';

export async function loadMeasures(clientId) {
  if (!auth.can('screening.read')) return null;
  try {
    return await api.get(paths.clientMeasures(clientId));
  } catch (err) {
    if (err.status === 401) throw err;
    return { error: err };
  }
}

export function drawMeasures(section, c, data) {
  clear(section);
  section.append(h('div.section-head', h('h2', { id: 'measures-title', text: 'Repeated measures' })));
  if (data && data.error) { section.append(errorNote(data.error)); return; }
  if (!data) return;
  const items = (data.items || []).filter((m) => m.every_days > 0 || m.history.length);
  section.append(h('p.muted', { text: data.episode
    ? `Given again through the episode (admitted ${fmtDate(data.episode.admitted_on)}) on the program’s schedule; the admission screening counts as the first.`
    : 'Not in an episode of care: nothing falls due. Scores recorded earlier are shown.' }));
  if (!items.length) {
    section.append(h('p.empty', { text: 'No repeated measures are scheduled by the program.' }));
    return;
  }
  const grid = h('div.measure-grid');
  for (const m of items) grid.append(panel(c, m));
  section.append(grid);
}

function dueLine(m) {
  const d = m.due;
  if (!d) return null;
  if (d.state === 'off') return h('p.measure-due', { text: 'Not repeated (the program’s setting).' });
  if (d.state === 'overdue') return h('p.measure-due', badge(`Overdue: due since ${fmtDate(d.due_on)}`, 'danger'));
  if (d.state === 'due') return h('p.measure-due', badge(`Due since ${fmtDate(d.due_on)}`, 'warn'));
  return h('p.measure-due', { text: `Next due ${fmtDate(d.due_on)} (every ${m.every_days} days).` });
}

function panel(c, m) {
  const titleId = `measure-${m.code}-title`;
  const last = m.last;
  const box = h(`div.measure-panel`, { id: `measure-${m.code}`, role: 'group', 'aria-labelledby': titleId },
    h('h3', { id: titleId, text: `${m.name} ${m.score_label}` }),
    h('p.measure-last', last
      ? [h('strong', { text: `Last: ${last.value}` }), ` ${last.band}, ${fmtLocalDate(last.administered_at)}`]
      : 'Not given yet.'),
    dueLine(m));
  if (auth.can('screening.write') && m.due && m.due.state !== 'off') {
    const urgent = m.due.state === 'due' || m.due.state === 'overdue';
    box.append(linkButton(`#/clients/${c.id}/screening/new?code=${encodeURIComponent(m.code)}`, `Record the ${m.name}`, urgent ? 'primary' : 'secondary', { 'data-record-measure': m.code }));
  }
  if (m.history.length) {
    box.append(lineChart(m));
    box.append(historyTable(m));
  }
  return box;
}

// The history as an SVG line chart: time across, the score up, the bands
// as labelled shaded strips (darker is more severe), each point labelled.
function lineChart(m) {
  const pts = m.history;
  const W = 360, H = 150, left = 26, right = 118, top = 8, bottom = 22;
  const plotW = W - left - right, plotH = H - top - bottom;
  const max = m.score_max;
  const t0 = Date.parse(pts[0].administered_at), t1 = Date.parse(pts[pts.length - 1].administered_at);
  const x = (t) => left + 12 + (t1 > t0 ? ((t - t0) / (t1 - t0)) * (plotW - 24) : (plotW - 24) / 2);
  const y = (v) => top + plotH - (v / max) * plotH;
  const el = (tag, attrs, text) => {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const first = pts[0], lastP = pts[pts.length - 1];
  const summary = pts.length === 1
    ? `${m.name} ${m.score_label}: ${first.value} (${first.band}) on ${fmtLocalDate(first.administered_at)}.`
    : `${m.name} ${m.score_label} over time: from ${first.value} (${first.band}) on ${fmtLocalDate(first.administered_at)} to ${lastP.value} (${lastP.band}) on ${fmtLocalDate(lastP.administered_at)}, ${pts.length} scores. The table below lists them.`;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': summary, class: 'measure-chart' });
  svg.append(el('title', {}, summary));
  const bands = m.bands || [];
  let lastTick = Infinity;
  bands.forEach((b, i) => {
    const hi = i + 1 < bands.length ? bands[i + 1].min : max + 1;
    const yTop = y(Math.min(hi - (i + 1 < bands.length ? 0 : 1), max)), yBot = y(b.min);
    const shade = bands.length > 1 ? i / (bands.length - 1) : 0;
    svg.append(el('rect', { x: left, y: yTop, width: plotW, height: Math.max(yBot - yTop, 1), class: `measure-band band-${Math.round(shade * 4)}` }));
    svg.append(el('text', { x: left + plotW + 4, y: (yTop + yBot) / 2 + 4, class: 'measure-band-label' }, b.name));
    // Each band's lowest score on the axis, where it does not crowd the
    // one below or the top.
    if (yBot - y(max) > 12 && lastTick - yBot >= 12) {
      svg.append(el('text', { x: left - 4, y: yBot + 4, 'text-anchor': 'end', class: 'measure-axis' }, String(b.min)));
      lastTick = yBot;
    }
  });
  svg.append(el('text', { x: left - 4, y: y(max) + 8, 'text-anchor': 'end', class: 'measure-axis' }, String(max)));
  svg.append(el('polyline', { points: pts.map((p) => `${x(Date.parse(p.administered_at))},${y(p.value)}`).join(' '), class: 'measure-line' }));
  for (const p of pts) {
    const cx = x(Date.parse(p.administered_at)), cy = y(p.value);
    const g = el('g', {});
    g.append(el('title', {}, `${fmtDateTime(p.administered_at)}: ${p.value} (${p.band})`));
    g.append(el('circle', { cx, cy, r: 4, class: 'measure-point' }));
    g.append(el('text', { x: cx, y: cy - 7, 'text-anchor': 'middle', class: 'measure-value' }, String(p.value)));
    svg.append(g);
  }
  svg.append(el('text', { x: left, y: H - 5, 'text-anchor': 'start', class: 'measure-axis' }, fmtLocalDate(first.administered_at)));
  if (pts.length > 1) svg.append(el('text', { x: left + plotW, y: H - 5, 'text-anchor': 'end', class: 'measure-axis' }, fmtLocalDate(lastP.administered_at)));
  return h('figure.measure-figure', svg);
}

function historyTable(m) {
  const rows = m.history.map((p, i) => ({ ...p, change: i === 0 ? null : p.value - m.history[i - 1].value })).reverse();
  const changeText = (d) => (d === null ? 'First' : d === 0 ? 'Same' : d > 0 ? `Up ${d}` : `Down ${-d}`);
  const table = dataTable({
      caption: `${m.name} ${m.score_label}, newest first`,
      rows,
      columns: [
        { label: 'Date', render: (p) => h('time', { datetime: p.administered_at, text: fmtLocalDate(p.administered_at) }), className: 'nowrap' },
        { label: cap(m.score_label), render: (p) => `${p.value} ${p.band}` },
        { label: 'Change', render: (p) => {
          const t = changeText(p.change);
          return p.change !== null && m.worsen_by > 0 && p.change >= m.worsen_by ? h('strong', { text: `${t}: worse` }) : t;
        } },
      ],
    });
  // A narrow panel may scroll the table sideways: reachable by keyboard.
  const wrap = table.classList && table.classList.contains('table-wrap') ? table : table.querySelector('.table-wrap');
  if (wrap) {
    wrap.setAttribute('tabindex', '0');
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', `${m.name} scores`);
  }
  return h('details.measure-table', h('summary', { text: `${m.name} scores as a table` }), table);
}

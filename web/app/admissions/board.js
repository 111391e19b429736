// The admissions board: inquiries by status, urgent ones first.  New
// inquiries appear without a reload: the board checks every
// 15 seconds (in the background, so it does not keep an idle session
// alive) by asking whether anything changed; when something did, the whole
// board is read again, arrivals are announced politely and counted in a
// badge.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { fmtDateTime, ago, INQUIRY_STATUSES, urgencyLabel, urgencyClass, substancesText, forWhomText, voicemailText, textMsgText, inquiryName, plural, mrnFor } from '../format.js';
import { replaceQuery } from '../nav.js';
import { staffDirectory, staffName } from '../directory.js';
import { pageHeader, linkButton, button, errorNote } from '../components/page.js';

export const POLL_MS = 15000;
const LIMIT = 50;		// cards per column
const OUTCOMES = new Set(['admitted', 'referred', 'closed']);

// What "latest" says, as one value to compare: the revision grows with
// every inquiry saved (two changes within one second included), the newest
// id with every arrival.  changed_at only when a server sends no revision.
const markOf = (m) => (m.revision === undefined || m.revision === null
  ? `${m.latest_id}|${m.changed_at}`
  : `${m.latest_id}|r${m.revision}`);

export async function render(ctx) {
  const wanted = ctx.query.get('status');
  const state = {
    selected: INQUIRY_STATUSES.some((s) => s.value === wanted) ? wanted : 'new',
    cols: new Map(),	// status -> {items, total}
    known: null,		// ids seen so far (null until the first load)
    fresh: new Set(),	// ids that arrived while the board was open
    dir: null,
    mark: null,		// the last "latest" answer seen
    loadedAt: null,
  };

  const newButton = linkButton('#/admissions/new', 'New phone inquiry', 'primary', { id: 'new-inquiry' });
  ctx.main.append(pageHeader(ctx, 'Admissions', {
    actions: [newButton],
    sub: h('p.page-sub', { text: 'Inquiries by status, the most urgent first. New ones appear here on their own.' }),
  }));

  // The bar: arrivals badge, last check, and (on phones) the status filter.
  const freshBadge = h('span.fresh-count', { id: 'fresh-count', hidden: true });
  const seenButton = button('Mark as seen', () => { state.fresh.clear(); draw(); }, 'quiet', { class: 'btn-small', id: 'mark-seen', hidden: true });
  const updated = h('p.board-updated', { id: 'board-updated' });
  const live = h('p.visually-hidden', { id: 'board-live', role: 'status', 'aria-live': 'polite' });
  const filter = h('select', { id: 'board-filter' });
  filter.addEventListener('change', () => { state.selected = filter.value; replaceQuery('/admissions', { status: filter.value === 'new' ? '' : filter.value }); markSelected(); });
  const filterField = h('div.field.board-filter', h('label', { for: 'board-filter', text: 'Show inquiries that are' }), filter);
  const bar = h('div.board-bar', h('div.board-news', freshBadge, seenButton, updated), filterField, live);
  const board = h('div.board', { id: 'board' });
  const problem = h('div.board-problem');
  ctx.main.append(bar, problem, board);

  function markSelected() {
    for (const col of board.querySelectorAll('.board-col')) col.classList.toggle('is-selected', col.dataset.status === state.selected);
  }

  async function loadAll(background) {
    const opts = { background };
    const [dir, ...lists] = await Promise.all([
      staffDirectory().catch(() => null),
      ...INQUIRY_STATUSES.map((s) => api.get(paths.inquiries, { status: s.value, limit: LIMIT }, opts)),
    ]);
    if (!ctx.isCurrent()) return;
    state.dir = dir;
    INQUIRY_STATUSES.forEach((s, i) => state.cols.set(s.value, lists[i]));
    const ids = new Set();
    for (const l of lists) for (const q of l.items) ids.add(q.id);
    if (state.known === null) state.known = ids;
    else { arrivals(state.cols.get('new').items); for (const id of ids) state.known.add(id); }
    state.loadedAt = new Date();
    draw();
  }

  // New since the last look: announce them, count them, show them.
  function arrivals(items) {
    const arrived = items.filter((q) => !state.known.has(q.id));
    if (!arrived.length) return false;
    for (const q of arrived) { state.known.add(q.id); state.fresh.add(q.id); }
    const urgent = arrived.filter((q) => q.urgency === 'today').length;
    live.textContent = arrived.length === 1
      ? `New inquiry: ${inquiryName(arrived[0])}, ${urgencyLabel(arrived[0].urgency).toLowerCase()}.`
      : `${plural(arrived.length, 'new inquiry', 'new inquiries')}${urgent ? `, ${urgent} urgent` : ''}.`;
    return true;
  }

  // Every 15 s: has anything changed?  The answer names no one (so it
  // writes no audit row); the board is read again only when it has.
  async function poll() {
    if (!ctx.isCurrent() || state.known === null) return;
    try {
      const mark = markOf(await api.get(paths.inquiriesLatest, {}, { background: true }));
      if (!ctx.isCurrent()) return;
      clear(problem);
      if (mark !== state.mark) {
        await loadAll(true);
        state.mark = mark;
      } else { state.loadedAt = new Date(); draw(); }
    } catch (err) {
      if (err.status === 401 || !ctx.isCurrent()) return;
      clear(problem).append(h('div.notice.notice-warn', h('p', { text: `Could not check for new inquiries (${err.message}). Trying again in 15 seconds.` })));
    }
  }

  // Redraw only when something changed; otherwise just age the times, so
  // a screen reader (or a mouse) on a card is not disturbed every 15 s.
  let drawn = '';
  function draw() {
    const sig = JSON.stringify([...state.cols.entries()]) + [...state.fresh].join(',') + (state.dir ? 'd' : '');
    updated.textContent = state.loadedAt ? `Checked ${state.loadedAt.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit', second: '2-digit' })}` : '';
    if (sig === drawn) {
      for (const t of board.querySelectorAll('time[datetime]')) {
        const words = ago(t.getAttribute('datetime'));
        if (t.textContent !== words) t.textContent = words;
      }
      return;
    }
    drawn = sig;
    // Keep the keyboard where it was across a redraw.
    const active = document.activeElement;
    const focusKey = active && board.contains(active) ? active.getAttribute('href') : null;

    const n = state.fresh.size;
    freshBadge.hidden = n === 0;
    seenButton.hidden = n === 0;
    freshBadge.textContent = n ? `${plural(n, 'new inquiry', 'new inquiries')} since you opened the board` : '';
    ctx.setTitle(n ? `(${n}) Admissions` : 'Admissions');

    clear(filter);
    for (const s of INQUIRY_STATUSES) {
      const c = state.cols.get(s.value);
      filter.append(h('option', { value: s.value, text: `${s.label} (${c ? c.total : 0})`, selected: s.value === state.selected }));
    }

    clear(board);
    for (const s of INQUIRY_STATUSES) board.append(column(s, state.cols.get(s.value) || { items: [], total: 0 }));
    markSelected();
    if (focusKey) {
      const again = [...board.querySelectorAll('a')].find((a) => a.getAttribute('href') === focusKey);
      if (again) again.focus({ preventScroll: true });
    }
  }

  function column(s, data) {
    const headId = `col-${s.value}`;
    const col = h(`section.board-col${OUTCOMES.has(s.value) ? '.col-outcome' : ''}`, { 'aria-labelledby': headId, dataset: { status: s.value } },
      h('h2.col-head', { id: headId }, h('span', { text: s.label }), ' ', h('span.col-count', { text: String(data.total) }, h('span.visually-hidden', { text: data.total === 1 ? ' inquiry' : ' inquiries' }))));
    if (!data.items.length) {
      col.append(h('p.col-empty', { text: s.value === 'new' ? 'No new inquiries.' : 'None.' }));
      return col;
    }
    const list = h('ul.cards');
    for (const q of data.items) list.append(h('li', card(q)));
    col.append(list);
    if (data.total > data.items.length) col.append(h('p.col-more.muted.small', { text: `Showing the first ${data.items.length} of ${data.total}.` }));
    return col;
  }

  function card(q) {
    // The server says (core inquiry_urgent): asked for today and still waiting.
    const urgent = q.urgent ?? (q.urgency === 'today' && !OUTCOMES.has(q.status));
    const fresh = state.fresh.has(q.id);
    const who = staffName(state.dir, q.assigned_to);
    const received = h('p.inq-line', h('span.inq-label', { text: 'Received ' }), h('time', { datetime: q.created_at, title: fmtDateTime(q.created_at), text: ago(q.created_at) }));
    const head = h('div.inq-card-head',
      h('h3.inq-name', h('a.card-link', { href: `#/admissions/${q.id}`, text: inquiryName(q) })),
      fresh ? badge('Just in', 'info') : null);
    // Outcome cards are short: what happened and when.
    if (OUTCOMES.has(q.status)) {
      const outcome = q.status === 'admitted' || q.client_id
        ? h('p.inq-line', h('span.inq-label', { text: 'Client record ' }), q.client_id ? mrnFor(q.client_id) : 'not linked')
        : q.status === 'referred' ? h('p.inq-line', h('span.inq-label', { text: 'Referred to ' }), q.referred_to)
          : h('p.inq-line', h('span.inq-label', { text: 'Reason: ' }), q.close_reason);
      return h('article.inq-card.is-outcome', { dataset: { id: q.id } }, head, outcome, received);
    }
    const insuranceOnly = q.kind === 'insurance';
    return h(`article.inq-card${urgent ? '.is-urgent' : ''}${fresh ? '.is-fresh' : ''}`, { dataset: { id: q.id } },
      head,
      // An open safety alert comes before anything else on the card.
      q.open_alerts ? h('p.inq-alert', { role: 'note' }, h('span.alert-icon', { 'aria-hidden': 'true', text: '!' }),
        q.open_alerts === 1 ? 'Open safety alert' : `${q.open_alerts} open safety alerts`) : null,
      h(`p.urgency.urgency-${urgencyClass(q.urgency)}`, { text: urgencyLabel(q.urgency) }),
      insuranceOnly ? h('p.inq-line', { text: 'Asked us to check their insurance' }) : h('p.inq-line', { text: forWhomText(q) }),
      insuranceOnly ? null : h('p.inq-line', h('span.inq-label', { text: 'Substances: ' }), substancesText(q.substances) || 'not said'),
      received,
      h('p.inq-line', who ? [h('span.inq-label', { text: 'Assigned to ' }), who] : h('span.unassigned', { text: 'Not assigned' })),
      h('p.inq-line.inq-prefs', `${voicemailText(q)} · ${textMsgText(q)}`),
      q.client_id ? h('p.inq-line', h('span.inq-label', { text: 'Client record ' }), mrnFor(q.client_id)) : null);
  }

  // A click anywhere on a card opens it (the name is the keyboard path).
  board.addEventListener('click', (e) => {
    const c = e.target.closest('.inq-card');
    if (!c || e.target.closest('a, button') || window.getSelection().toString()) return;
    const a = c.querySelector('a.card-link');
    if (a) a.click();
  });

  try {
    state.mark = markOf(await api.get(paths.inquiriesLatest));
    await loadAll(false);
  } catch (err) {
    if (err.status === 401 || !ctx.isCurrent()) return;
    board.append(errorNote(err));
  }
  const timer = setInterval(poll, POLL_MS);
  ctx.onCleanup(() => clearInterval(timer));
}

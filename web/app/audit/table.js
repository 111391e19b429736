// Shared by the audit log (#/audit) and a client's audit trail
// (#/clients/12/audit): the table of entries, and paging that holds still
// while the log grows underneath it.
import { h, clear } from '../dom.js';
import { dataTable, pager } from '../components/table.js';
import { fmtInstant, fmtLocalDate, fmtLocalTime, roleLabel, mrnFor, plural } from '../format.js';
import { replaceQuery } from '../nav.js';
import { button, errorNote } from '../components/page.js';
import { actionText, recordText } from './words.js';

export const AUDIT_LIMIT = 50;

// An instant's date and time apart, in zone (the browser's when none).
const zoneFmts = new Map();
function zoneFmt(zone) {
  if (!zoneFmts.has(zone)) {
    zoneFmts.set(zone, {
      date: new Intl.DateTimeFormat(undefined, { timeZone: zone, year: 'numeric', month: 'short', day: 'numeric' }),
      time: new Intl.DateTimeFormat(undefined, { timeZone: zone, hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    });
  }
  return zoneFmts.get(zone);
}
function dateIn(iso, zone) { return zone ? zoneFmt(zone).date.format(new Date(iso)) : fmtLocalDate(iso); }
function timeIn(iso, zone) { return zone ? zoneFmt(zone).time.format(new Date(iso)) : fmtLocalTime(iso); }

function who(a) {
  return a.role === 'console' ? 'Command line' : roleLabel(a.role);
}

// The link to a client's trail, shown as the record number.
export function clientTrailLink(clientId) {
  const mrn = mrnFor(clientId);
  return h('a.mrn-link', { href: `#/clients/${clientId}/audit`, text: mrn, 'aria-label': `${mrn} audit trail` });
}

// auditTable({caption, rows, withClient, words, zone}): withClient adds a
// Client column (the record number, linking to that client's trail); words
// is the log's vocabulary (words.js); zone the time zone times are shown in
// (the browser's when none).
export function auditTable({ caption, rows, withClient = false, empty = 'No audit entries yet.', words = null, zone = '' }) {
  const columns = [
    { label: 'Time', render: (a) => h('time', { datetime: a.at }, h('span.audit-date', { text: dateIn(a.at, zone) }), ' ', h('span.audit-time', { text: timeIn(a.at, zone) })), className: 'nowrap' },
    { label: 'User', render: (a) => (a.username || a.role ? [h('span.audit-user', { text: a.username || '—' }), ' ', h('span.audit-role', { text: who(a) })] : '') },
    // A row flagged for the director (an emergency declared) is marked.
    { label: 'Action', render: (a) => [a.flagged ? h('span.badge.badge-danger.audit-flag', { text: 'Flagged' }) : null, h('span.action', { text: actionText(words, a), 'data-action': a.action })], className: 'card-title action-cell' },
  ];
  if (withClient) columns.push({ label: 'Client', render: (a) => (a.client_id ? clientTrailLink(a.client_id) : ''), className: 'nowrap' });
  columns.push(
    { label: 'Record', render: (a) => recordText(words, a.record_type, a.record_id), className: 'nowrap' },
    { label: 'Address', render: (a) => a.address, className: 'nowrap' },
    { label: 'Detail', render: (a) => a.detail, className: 'detail-cell' },
  );
  // One card per entry on narrow screens; on wider ones the table may still
  // scroll sideways, so its box is a focusable, named region.
  const wrap = dataTable({ caption, collapse: true, empty, rows, columns });
  const cap = wrap.querySelector('caption');
  if (cap) {
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-labelledby', cap.id);
    wrap.setAttribute('tabindex', '0');
  }
  return wrap;
}

// A paged list of audit entries.
// auditList(ctx, {path, fetch(limit, offset, upto), caption, withClient,
// pagerLabel, query(), holdById, words, zone (or a function giving it),
// empty}) → {el, load(), reset()}.
// load() resolves once the first page is shown and rejects with the
// ApiError if that first page could not be read (later pages show their
// errors in place).  query() gives the view's other address parameters (its
// filters), kept beside the offset; reset() starts again from the top (new
// filters).
//
// Reading the log adds an entry to it (and others keep working), so a plain
// offset would slide: page 2 would repeat the end of page 1.  The list keeps
// to the log as it was when first shown, and "Show newest" starts again from
// the top.  With holdById the server is asked for entries up to the newest
// one first shown (?upto); otherwise the offset skips the entries written
// since.
export function auditList(ctx, { path, fetch, caption, withClient = false, pagerLabel = 'Audit pages', query = () => ({}), holdById = false, words = null, zone = '', empty }) {
  let offset = Math.max(0, parseInt(ctx.query.get('offset') || '0', 10) || 0);
  offset -= offset % AUDIT_LIMIT;
  let snap = null;	// {total, at, upto}: the log when first shown
  let seen = 0;		// the total in the last answer
  let first = true;

  const status = h('p.audit-status', { role: 'status' });
  const newest = button('Show newest', () => { snap = null; offset = 0; load(true); }, 'secondary', { class: 'btn-small' });
  const bar = h('div.audit-bar', status, newest);
  const results = h('div.results');
  const el = h('div.audit-list', bar, results);

  async function fetchPage() {
    if (!snap) {
      const data = await fetch(AUDIT_LIMIT, offset);
      snap = { total: data.total, at: new Date().toISOString(), upto: data.items.length ? data.items[0].id : 0 };
      seen = data.total;
      return data;
    }
    if (holdById) {
      if (snap.upto) return fetch(AUDIT_LIMIT, offset, snap.upto);
      const data = await fetch(AUDIT_LIMIT, offset);	// nothing was there: look again
      snap = { total: data.total, at: new Date().toISOString(), upto: data.items.length ? data.items[0].id : 0 };
      return data;
    }
    let data;
    for (let tries = 0; tries < 3; tries++) {
      // Entries newer than the snapshot: what the last answer counted, plus
      // the entry that recorded that read.
      const newer = seen + 1 - snap.total;
      data = await fetch(AUDIT_LIMIT, offset + newer);
      seen = data.total;
      if (data.total - snap.total === newer) break;
    }
    return data;
  }

  async function load(focus = false) {
    const wasFirst = first;
    first = false;
    replaceQuery(path, { ...query(), offset });
    results.setAttribute('aria-busy', 'true');
    let data;
    try {
      data = await fetchPage();
    } catch (err) {
      results.removeAttribute('aria-busy');
      if (wasFirst || err.status === 401) throw err;
      if (ctx.isCurrent()) clear(results).append(errorNote(err));
      return;
    }
    if (!ctx.isCurrent()) return;
    results.removeAttribute('aria-busy');
    const total = snap.total;
    if (total > 0 && offset >= total) {	// past the end (an old address)
      offset = Math.floor((total - 1) / AUDIT_LIMIT) * AUDIT_LIMIT;
      snap = null;
      await load(focus);
      return;
    }
    const filtered = Object.keys(query()).length > 0;
    status.textContent = `${plural(total, 'entry', 'entries')}${filtered ? ' matching the filters' : ''}, newest first, as of ${fmtInstant(snap.at)}.`;
    newest.hidden = total === 0;
    clear(results).append(
      auditTable({ caption, rows: data.items, withClient, words, zone: typeof zone === 'function' ? zone() : zone, empty: filtered ? 'No entries match these filters.' : empty }),
      pager({ total, limit: AUDIT_LIMIT, offset, label: pagerLabel, onPage: (o) => { offset = o; load(true); } }),
    );
    if (focus) {
      const t = results.querySelector('.table-wrap') || results.querySelector('.empty');
      if (t) t.focus();
    }
  }

  // New filters: from the top, with a new snapshot.
  function reset() { snap = null; offset = 0; first = false; return load(); }

  return { el, load, reset };
}

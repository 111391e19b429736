// The whole audit log, for review by administrators and directors:
// sign-ins, refusals, every read and change, newest first; filters by staff
// member, client, dates and action (kept in the address), the filtered log
// as a CSV file, and a box that opens one client's trail by record number.
// Dates and times are the clinic's: its sites' time zone.
import { api, apiHref } from '../api.js';
import { paths } from '../paths.js';
import { h, uid } from '../dom.js';
import { field } from '../components/field.js';
import { parseMrn, mrnFor, pad2 } from '../format.js';
import { pageHeader, button } from '../components/page.js';
import { navigate } from '../nav.js';
import { staffDirectory } from '../directory.js';
import { wallTime, zoned } from '../duty/duty.js';
import { auditList } from './table.js';
import { auditWords, actionGroups } from './words.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// "America/Chicago" → "Central Time" (short) or "Central Time (America/Chicago)".
function zoneWords(tz, short = false) {
  try {
    const p = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longGeneric' }).formatToParts(new Date());
    const z = p.find((x) => x.type === 'timeZoneName');
    if (!z || z.value === tz) return tz;
    return short ? z.value : `${z.value} (${tz})`;
  } catch {
    return tz;
  }
}

// The clinic's time zones: its active sites', the reader's own first when
// it is one of them, then the most used.
function clinicZones(sites) {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const n = new Map();
  for (const s of sites) if (s.active !== false && s.timezone) n.set(s.timezone, (n.get(s.timezone) || 0) + 1);
  const zones = [...n].sort((a, b) => (b[0] === own) - (a[0] === own) || b[1] - a[1]).map(([z]) => z);
  return zones.length ? zones : [own];
}

// The day after YYYY-MM-DD.
function nextDay(ymd) {
  const [y, m, d] = ymd.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

// The instant a day starts in zone tz, as the API takes it ("...T05:00Z").
function dayStart(ymd, tz) {
  const w = wallTime(ymd, '00:00', tz);
  return w ? new Date(w.ms).toISOString().slice(0, 16) + 'Z' : null;
}

export async function render(ctx) {
  const q = ctx.query;
  const [words, dir, sites] = await Promise.all([
    auditWords(),
    staffDirectory().catch((err) => { if (err.status === 401) throw err; return { list: [] }; }),
    api.get(paths.sites, { limit: 200 }).catch((err) => { if (err.status === 401) throw err; return { items: [] }; }),
  ]);
  if (!ctx.isCurrent()) return;
  const zones = clinicZones(sites.items || []);

  // The filters as the address holds them (a reload keeps them).
  const given = (k, ok) => { const v = q.get(k) || ''; return ok(v) ? v : ''; };
  const want = {
    staff: given('staff', (v) => /^[1-9]\d{0,11}$/.test(v)),
    client: given('client', (v) => /^[1-9]\d{0,11}$/.test(v)),
    from: given('from', (v) => DATE.test(v)),
    to: given('to', (v) => DATE.test(v)),
    action: given('action', (v) => words.byAction.has(v)),
    tz: zones.includes(q.get('tz')) ? q.get('tz') : zones[0],
  };
  let applied = { ...want };

  // ---- the filter form ----
  // Staff by name; the username only where two share a name.
  const nameOf = (s) => s.full_name || s.username;
  const names = new Map();
  for (const s of dir.list) names.set(nameOf(s), (names.get(nameOf(s)) || 0) + 1);
  const staffSel = field({
    name: 'staff', label: 'Staff member', type: 'select', value: want.staff,
    options: [{ value: '', label: 'Anyone' }, ...[...dir.list]
      .sort((a, b) => nameOf(a).localeCompare(nameOf(b)))
      .map((s) => ({ value: String(s.id), label: `${nameOf(s)}${names.get(nameOf(s)) > 1 ? ` (${s.username})` : ''}${s.active === false ? ' (disabled)' : ''}` }))],
  });
  const clientBox = field({
    name: 'client', label: 'Client', value: want.client ? mrnFor(want.client) : '',
    placeholder: 'e.g. IOP-000042', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', maxlength: 20,
  });
  const fromBox = field({ name: 'from', label: 'From', type: 'date', value: want.from });
  const toBox = field({ name: 'to', label: 'To (inclusive)', type: 'date', value: want.to });
  const actionSel = field({ name: 'action', label: 'Action', type: 'select', value: want.action, options: [{ value: '', label: 'Any action' }] });
  for (const g of actionGroups(words)) {
    const og = h('optgroup', { label: g.group });
    for (const a of g.actions) og.append(h('option', { value: a.code, text: a.words, selected: a.code === want.action }));
    actionSel.input.append(og);
  }
  const zoneSel = zones.length > 1
    ? field({ name: 'tz', label: 'Time zone', type: 'select', value: want.tz, options: zones.map((z) => ({ value: z, label: zoneWords(z, true) })) })
    : null;
  const zoneNote = h('p.field-hint.audit-zone', { id: uid('audit-zone') });
  const fields = [staffSel, clientBox, fromBox, toBox, actionSel];
  for (const f of [...fields, zoneSel].filter(Boolean)) f.el.querySelector('.field-error').setAttribute('role', 'alert');

  const exportLink = h('a.btn.btn-secondary', { id: 'audit-export' }, 'Download CSV');
  const filterId = uid('audit-filters');
  const form = h('form.audit-filters', { role: 'search', 'aria-labelledby': filterId, novalidate: true },
    h('div.audit-filter-grid', fields.map((f) => f.el), zoneSel ? zoneSel.el : null),
    zoneNote,
    h('div.audit-filter-actions',
      h('button.btn.btn-primary', { type: 'submit', text: 'Apply filters' }),
      button('Clear filters', () => clearFilters(), 'secondary', { id: 'audit-clear' }),
      // Emergencies declared to open a client's record: flagged for review.
      button('Flagged: emergency access', () => { actionSel.value = 'client.emergency_access'; form.requestSubmit(); }, 'secondary', { id: 'audit-flagged' }),
      exportLink));

  // The filter as the API takes it, or null after showing what to correct.
  function read() {
    for (const f of [...fields, zoneSel].filter(Boolean)) f.clearError();
    const v = { staff: staffSel.value, client: '', from: fromBox.value, to: toBox.value, action: actionSel.value, tz: zoneSel ? zoneSel.value : zones[0] };
    let bad = null;
    const fail = (f, msg) => { f.setError(msg); if (!bad) bad = f; };
    if (clientBox.value !== '') {
      const id = parseMrn(clientBox.value);
      if (id === null) fail(clientBox, `“${clientBox.value}” is not a record number. Enter it as IOP-000042 or 42, or leave it empty for every client.`);
      else v.client = String(id);
    }
    if (v.from && !DATE.test(v.from)) fail(fromBox, 'Enter the first day to show, for example 2026-12-01.');
    if (v.to && !DATE.test(v.to)) fail(toBox, 'Enter the last day to show, for example 2026-12-06.');
    if (!bad && v.from && v.to && v.to < v.from) fail(toBox, 'The last day is before the first day. Choose a later “To” date or an earlier “From” date.');
    if (bad) { bad.focus(); return null; }
    return v;
  }

  // The API's query for filter v.
  function apiQuery(v) {
    return {
      staff: v.staff || undefined, client: v.client || undefined, action: v.action || undefined,
      from: v.from ? dayStart(v.from, v.tz) : undefined,
      to: v.to ? dayStart(nextDay(v.to), v.tz) : undefined,
    };
  }
  // The address's query for filter v (the time zone only when dates use it).
  function addressQuery(v) {
    const o = {};
    for (const k of ['staff', 'client', 'from', 'to', 'action']) if (v[k]) o[k] = v[k];
    if ((v.from || v.to) && zones.length > 1) o.tz = v.tz;
    return o;
  }

  function showExport(v) {
    exportLink.href = apiHref(paths.auditExport, apiQuery(v));
    const today = zoned(Date.now(), v.tz).ymd;
    exportLink.setAttribute('download', `audit-log-${today}.csv`);
    exportLink.textContent = Object.keys(addressQuery(v)).length ? 'Download these entries (CSV)' : 'Download the whole log (CSV)';
    zoneNote.textContent = `Dates are days in ${zoneWords(v.tz)}, the clinic’s time zone; times below are shown in it too. The CSV file gives times in UTC. Downloading is recorded.`;
  }

  const list = auditList(ctx, {
    path: '/audit',
    fetch: (limit, offset, upto) => api.get(paths.audit, { limit, offset, upto, ...apiQuery(applied) }),
    query: () => addressQuery(applied),
    holdById: true,
    caption: 'Audit log',
    withClient: true,
    pagerLabel: 'Audit log pages',
    words,
    zone: () => applied.tz,
  });

  // The server's word on a filter, next to its field.
  function showServerError(err) {
    const byName = { staff: staffSel, client: clientBox, from: fromBox, to: toBox, action: actionSel };
    let shown = false;
    for (const [k, msg] of Object.entries(err.fields || {})) {
      if (byName[k]) { byName[k].setError(`${byName[k].label}: ${msg}`); shown = true; }
    }
    return shown;
  }

  async function apply(v) {
    applied = v;
    showExport(v);
    try {
      await list.reset();
    } catch (err) {
      if (err.status === 401 || !showServerError(err)) throw err;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = read();
    if (v) apply(v);
  });
  function clearFilters() {
    staffSel.value = ''; clientBox.value = ''; fromBox.value = ''; toBox.value = ''; actionSel.value = '';
    for (const f of fields) f.clearError();
    apply({ staff: '', client: '', from: '', to: '', action: '', tz: zoneSel ? zoneSel.value : zones[0] });
  }

  showExport(applied);
  await list.load();
  if (!ctx.isCurrent()) return;

  // ---- a client's trail by record number ----
  const findId = uid('find-trail');
  const rec = field({
    name: 'record', label: 'Record number', hint: 'For example IOP-000042, or just 42.',
    autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', maxlength: 20,
  });
  rec.el.querySelector('.field-error').setAttribute('role', 'alert');
  const find = h('form.find-trail', { role: 'search', 'aria-labelledby': findId, novalidate: true },
    rec.el, h('button.btn.btn-primary', { type: 'submit', text: 'Show trail' }));
  find.addEventListener('submit', (e) => {
    e.preventDefault();
    const raw = rec.value;
    const id = parseMrn(raw);
    rec.clearError();
    if (id === null) {
      rec.setError(raw === ''
        ? 'Enter a record number, for example IOP-000042.'
        : `“${raw}” is not a record number. Enter it as IOP-000042 or 42.`);
      rec.focus();
      return;
    }
    navigate(`#/clients/${id}/audit`);
  });

  ctx.main.append(
    pageHeader(ctx, 'Audit log'),
    h('p.muted', { text: 'Everything the system recorded — sign-ins, refused requests, every read and change — newest first. Opening this log is itself recorded.' }),
    h('div.card.find-card',
      h('h2', { id: findId, text: 'Find a client’s trail' }),
      find),
    h('section.card.audit-filter-card', { 'aria-labelledby': filterId },
      h('h2', { id: filterId, text: 'Filter entries' }),
      form),
    h('section.audit-section', { 'aria-labelledby': 'audit-entries-heading' },
      h('h2', { id: 'audit-entries-heading', text: 'Entries' }),
      list.el),
  );
}

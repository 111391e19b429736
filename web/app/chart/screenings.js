// The "Screenings" of a chart or of an inquiry (before a client record): the
// latest instruments recorded, their scores, results and safety flags.  A
// screening entered in error is voided with a reason: it stays in the list,
// struck through, with the reason, who voided it and when, and counts in no
// score; its open safety alerts are closed as "screening voided".
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { fmtDateTime, cap, instrumentShort, scoresText, bandText, plural } from '../format.js';
import { staffName } from '../directory.js';
import { errorNote, linkButton, button } from '../components/page.js';
import { refreshTaskCount } from '../tasks/count.js';

const SCREENINGS_SHOWN = 20;

export async function loadScreenings(clientId, path = paths.clientScreenings(clientId)) {
  if (!auth.can('screening.read')) return null;
  try {
    return await api.get(path, { limit: SCREENINGS_SHOWN });
  } catch (err) {
    if (err.status === 401) throw err;
    return { error: err };
  }
}

// Struck through when voided (the words stay readable; "Voided" says it).
function struck(s, text) {
  return s.voided ? h('s.struck', { text }) : text;
}

// drawScreenings(section, c, data, dir, {newHref, reload, empty})
//   c: the client (or {id} of the inquiry when newHref says where to record)
//   reload(): read the list again after a void
export function drawScreenings(section, c, data, dir, opts = {}) {
  clear(section);
  const head = h('div.section-head', h('h2', { id: 'screenings-title', text: 'Screenings' }));
  const newHref = opts.newHref || `#/clients/${c.id}/screening/new?code=phq9`;
  if (auth.can('screening.write')) head.append(linkButton(newHref, 'Record a screening', 'secondary', { id: 'record-screening' }));
  section.append(head);
  if (data && data.error) { section.append(errorNote(data.error)); return; }
  const rows = (data && data.items) || [];
  if (!rows.length) {
    section.append(h('p.empty', { text: opts.empty || 'No screenings recorded.' }));
    return;
  }
  const canVoid = auth.can('screening.write') && opts.reload;
  const columns = [
    { label: 'Date', render: (s) => h('time', { datetime: s.administered_at, text: fmtDateTime(s.administered_at) }), className: 'nowrap' },
    { label: 'Instrument', render: (s) => h('span.stack', h('span.strong', struck(s, instrumentShort(s.code))),
      s.voided ? h('span', badge('Voided', 'neutral')) : null), className: 'card-title' },
    { label: 'Score', render: (s) => struck(s, cap(scoresText(s.code, s.scores))), className: 'nowrap' },
    { label: 'Result', render: (s) => (s.voided
      ? h('span.stack', struck(s, cap(bandText(s.code, s.band))),
        h('span.void-note', { text: `Voided ${fmtDateTime(s.voided.at)} by ${staffName(dir, s.voided.by_id) || s.voided.by}: ${s.voided.reason}` }))
      : cap(bandText(s.code, s.band))) },
    { label: 'Flags', render: (s) => ((s.flags || []).length
      ? h('div.stack', s.flags.map((fl) => h('span.flag-words', s.voided ? badge('Flag (voided)', 'neutral') : badge('Safety flag', 'danger'), ' ', struck(s, fl.message))))
      : 'None'), className: 'wide-cell' },
    { label: 'Recorded by', render: (s) => staffName(dir, s.administered_by_id) || s.administered_by },
  ];
  if (canVoid) {
    columns.push({ label: 'Correct', render: (s) => (s.voided ? ''
      : button('Void…', () => voidDialog(s, opts.reload), 'secondary', { 'aria-label': `Void the ${instrumentShort(s.code)} of ${fmtDateTime(s.administered_at)}`, 'data-void': String(s.id) })) });
  }
  section.append(dataTable({
    caption: 'Screenings, newest first',
    rows,
    columns,
    rowClass: (s) => (s.voided ? 'voided' : (s.flags || []).length ? 'flagged' : ''),
  }));
  if (data.total > rows.length) section.append(h('p.muted.small', { text: `Showing the latest ${rows.length} of ${plural(data.total, 'screening')}.` }));
}

// Void a screening entered in error: a reason is required; it is kept.
async function voidDialog(s, reload) {
  const f = new Form();
  const reason = field({ name: 'reason', label: 'Why is it void?', type: 'textarea', rows: 3, required: true, maxlength: 500,
    hint: 'For example: entered on the wrong person, or entered twice. The screening stays on record, struck through, with this reason.' });
  f.add(reason);
  const flagged = (s.flags || []).length > 0;
  const saved = await formDialog({
    title: `Void the ${instrumentShort(s.code)} of ${fmtDateTime(s.administered_at)}`,
    form: f,
    submitLabel: 'Void screening',
    content: [
      h('p', { text: 'Only for a screening entered in error. It will no longer count in scores, and nothing else of it changes.' }),
      flagged ? h('p.notice.notice-warn', { text: 'Its open safety alerts will be closed as “screening voided”. They stay in the alert history.' }) : null,
      reason.el,
    ].filter(Boolean),
    onSubmit: async (v) => {
      if (!String(v.reason || '').trim()) {
        f.showErrors({ reason: 'say why this screening is void' });
        const e = new Error('reason');
        e.handled = true;
        throw e;
      }
      return api.post(paths.screeningVoid(s.id), { reason: v.reason });
    },
  });
  if (!saved || saved === true) return;
  if (saved.alerts_closed) refreshTaskCount();
  toast(saved.alerts_closed ? `Screening voided; ${plural(saved.alerts_closed, 'open alert')} closed.` : 'Screening voided.');
  reload();
}

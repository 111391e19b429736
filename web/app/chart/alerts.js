// The chart's safety alerts: the banner of open alerts, in words, cleared
// only by documenting a response (or claimed first when one waits unclaimed);
// and the alert history, every alert with its response, who responded and
// when.  A reader without screening.read (the front desk) is told only that
// a clinician must see the client.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { formDialog } from '../components/dialog.js';
import { field, Form, stopWithErrors } from '../components/field.js';
import { toast } from '../components/toast.js';
import { fmtDateTime, ago } from '../format.js';
import { errorNote } from '../components/page.js';
import { refreshTaskCount } from '../tasks/count.js';

const HISTORY_SHOWN = 50;

// Every alert of a client, open and resolved (newest first); a missing
// route or a refusal shows nothing rather than breaking the chart.
export async function loadAlerts(clientId) {
  try {
    const d = await api.get(paths.clientAlerts(clientId), { limit: HISTORY_SHOWN });
    return d.items || [];
  } catch (err) {
    if (err.status === 401) throw err;
    return { error: err };
  }
}

export const KIND_WORDS = {
  suicide_risk: 'Suicide risk',
  immediate_evaluation: 'Immediate safety evaluation needed',
};
export const kindWords = (k) => KIND_WORDS[k] || 'Safety alert';

// The banner: one entry per open alert, each with "Document response" (and
// "Claim" while it waits unclaimed); then the history of resolved ones, in
// historyHost when given.
// host is emptied and refilled; after a response it says so and keeps focus.
export function drawAlerts(host, c, alerts, { after, isCurrent = () => true, resolvedNote = false, historyHost = null } = {}) {
  clear(host);
  if (historyHost) clear(historyHost);
  if (alerts && alerts.error) {
    if (alerts.error.status !== 404) host.append(errorNote(alerts.error));
    return;
  }
  const all = alerts || [];
  const open = all.filter((a) => a.open);
  const redraw = async (note) => {
    const fresh = await loadAlerts(c.id);
    if (!isCurrent()) return;
    drawAlerts(host, c, fresh, { after, isCurrent, resolvedNote: note, historyHost });
    if (after) after();
  };
  if (open.length && open.every((a) => a.restricted)) {
    // The front desk: that an alert exists, not what it says.
    host.append(h('div.alert-banner', { role: 'alert', id: 'safety-alerts', 'aria-labelledby': 'safety-title' },
      h('h2', { id: 'safety-title' }, h('span.alert-icon', { 'aria-hidden': 'true', text: '!' }), 'A clinician must see this client'),
      h('p.alert-meta', { text: 'There is an open safety alert. Please let a clinician know when this client arrives; they will see the details on the chart.' })));
    return;
  }
  if (!open.length && resolvedNote) {
    host.append(h('div.notice.notice-ok', { tabindex: '-1', id: 'alerts-clear' },
      h('p', h('strong', { text: 'Response documented. ' }), 'There are no open safety alerts for this client. The response is kept in the alert history below.')));
  }
  if (open.length) host.append(banner(c, open, { redraw }));
  const done = all.filter((a) => !a.open && !a.restricted);
  if (done.length) (historyHost || host).append(history(done));
  const note = document.getElementById('alerts-clear');
  if (note) note.focus();
}

function banner(c, open, { redraw }) {
  const canRespond = auth.can('alerts.respond');
  const box = h('div.alert-banner', { role: 'alert', id: 'safety-alerts', 'aria-labelledby': 'safety-title' },
    h('h2', { id: 'safety-title' }, h('span.alert-icon', { 'aria-hidden': 'true', text: '!' }),
      open.length === 1 ? 'Safety alert: a response is needed' : `${open.length} safety alerts: responses are needed`));
  const list = h('ul.alert-list');
  for (const a of open) {
    const who = a.unclaimed
      ? ` Nobody was on duty: it waits to be claimed by a clinician${a.site_name ? ` at ${a.site_name}` : ''}${a.assigned_name ? ` (with ${a.assigned_name}, the director, meanwhile)` : ''}.`
      : (a.assigned_name ? ` ${a.assigned_name} is to respond.` : '');
    const li = h('li.alert-item',
      h('div.alert-text',
        h('p.alert-msg', h('strong', { text: `${kindWords(a.kind)}: ` }), a.message),
        h('p.alert-meta', 'Raised ', h('time', { datetime: a.raised_at, title: fmtDateTime(a.raised_at), text: ago(a.raised_at) }),
          a.source_type === 'screening' ? ' by a screening' : '', '. It stays until a response is documented.', who)));
    if (canRespond) {
      const actions = h('div.alert-actions');
      if (a.unclaimed) {
        actions.append(h('button.btn.btn-secondary', {
          type: 'button', text: 'Claim', id: `claim-${a.id}`,
          'aria-label': `Claim the safety alert: ${kindWords(a.kind)}`,
          onclick: () => claim(a, redraw),
        }), ' ');
      }
      actions.append(h('button.btn.btn-danger', {
        type: 'button', text: 'Document response', id: `respond-${a.id}`,
        'aria-label': `Document response to the safety alert: ${kindWords(a.kind)}`,
        onclick: () => respond(c, a, redraw),
      }));
      li.append(actions);
    }
    list.append(li);
  }
  box.append(list);
  if (!canRespond) box.append(h('p.alert-meta', { text: 'A clinician must document a response to clear this alert.' }));
  return box;
}

// Resolved alerts, newest first: what was flagged, the response, who and when.
function history(done) {
  const section = h('section.card.alert-history', { 'aria-labelledby': 'alert-history-title', id: 'alert-history' },
    h('h2', { id: 'alert-history-title', text: 'Safety alert history' }),
    h('p.muted', { text: 'Every safety alert on this chart, with the response that resolved it.' }));
  const list = h('ol.history-list');
  for (const a of done) {
    list.append(h('li.history-item', { id: `alert-${a.id}` },
      h('p.history-title', h('strong', { text: kindWords(a.kind) }), ' — ', a.message),
      h('p.muted.small', 'Raised ', h('time', { datetime: a.raised_at, text: fmtDateTime(a.raised_at) }),
        a.source_type === 'screening' ? ' by a screening' : '',
        a.claimed_by_name ? `; claimed by ${a.claimed_by_name}` : ''),
      h('div.history-response',
        h('p.history-who', 'Response by ', h('strong', { text: a.resolved_by_name || 'a former staff member' }), ', ',
          h('time', { datetime: a.resolved_at, text: fmtDateTime(a.resolved_at) }), ':'),
        h('p.history-text', { text: a.response }))));
  }
  section.append(list);
  return section;
}

async function claim(a, redraw) {
  try {
    await api.post(paths.alertClaim(a.id), {});
  } catch (err) {
    if (err.status !== 401) toast(err.message, 'error');
    if (err.status === 409) await redraw(false);
    return;
  }
  toast('Claimed. The safety alert and its task are yours now.');
  refreshTaskCount();
  await redraw(false);
  const b = document.getElementById(`respond-${a.id}`);
  if (b) b.focus();
}

async function respond(c, a, redraw) {
  const f = new Form();
  const done = await formDialog({
    title: 'Document the response to this safety alert',
    form: f,
    className: 'dialog-wide',
    content: [
      h('div.notice.notice-error', h('p', h('strong', { text: 'Safety alert: ' }), a.message)),
      h('p', { text: `For ${c.first_name} ${c.last_name} (${c.mrn}). Say what was done: the assessment, its outcome and the plan. The alert and its task close when this is saved; the response stays in the chart's alert history.` }),
      f.add(field({ name: 'response', label: 'Response', type: 'textarea', rows: 6, required: true, maxlength: 2000,
        hint: 'For example: safety assessment completed, no current plan or intent; safety plan reviewed; follow-up on Thursday.' })),
    ],
    submitLabel: 'Save response',
    onSubmit: (v) => {
      if (!v.response) stopWithErrors(f, { response: 'write what was done: the assessment, its outcome and the plan' });
      return api.post(paths.alertResolve(a.id), { response: v.response });
    },
  });
  if (!done) return;
  toast('Response documented. The safety alert is resolved.');
  refreshTaskCount();
  await redraw(true);
}

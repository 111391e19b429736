// The chart's safety-alert banner: open alerts, in words, cleared only by
// documenting a response.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { formDialog } from '../components/dialog.js';
import { field, Form, stopWithErrors } from '../components/field.js';
import { toast } from '../components/toast.js';
import { fmtDateTime, ago } from '../format.js';
import { errorNote } from '../components/page.js';
import { refreshTaskCount } from '../tasks/count.js';

// Open alerts for a client; a missing route or a refusal shows nothing
// rather than breaking the chart.
export async function loadAlerts(clientId) {
  try {
    const d = await api.get(paths.clientAlerts(clientId), { open: 'true' });
    return (d.items || []).filter((a) => a.open);
  } catch (err) {
    if (err.status === 401) throw err;
    return { error: err };
  }
}

export const KIND_WORDS = {
  suicide_risk: 'Suicide risk',
  immediate_evaluation: 'Immediate safety evaluation needed',
};

// The banner: one entry per open alert, each with "Document response".
// host is emptied and refilled; after a response it says so and keeps focus.
export function drawAlerts(host, c, alerts, { after, isCurrent = () => true, resolvedNote = false } = {}) {
  clear(host);
  if (alerts && alerts.error) {
    if (alerts.error.status !== 404) host.append(errorNote(alerts.error));
    return;
  }
  if (!alerts || !alerts.length) {
    if (resolvedNote) {
      const note = h('div.notice.notice-ok', { tabindex: '-1', id: 'alerts-clear' },
        h('p', h('strong', { text: 'Response documented. ' }), 'There are no open safety alerts for this client.'));
      host.append(note);
      note.focus();
    }
    return;
  }
  const canRespond = auth.can('screening.write');
  const banner = h('div.alert-banner', { role: 'alert', id: 'safety-alerts', 'aria-labelledby': 'safety-title' },
    h('h2', { id: 'safety-title' }, h('span.alert-icon', { 'aria-hidden': 'true', text: '!' }),
      alerts.length === 1 ? 'Safety alert: a response is needed' : `${alerts.length} safety alerts: responses are needed`));
  const list = h('ul.alert-list');
  for (const a of alerts) {
    const li = h('li.alert-item',
      h('div.alert-text',
        h('p.alert-msg', h('strong', { text: `${KIND_WORDS[a.kind] || 'Safety alert'}: ` }), a.message),
        h('p.alert-meta', 'Raised ', h('time', { datetime: a.raised_at, title: fmtDateTime(a.raised_at), text: ago(a.raised_at) }),
          a.source_type === 'screening' ? ' by a screening' : '', '. It stays until a response is documented.')));
    if (canRespond) {
      li.append(h('div.alert-actions', h('button.btn.btn-danger', {
        type: 'button', text: 'Document response', id: `respond-${a.id}`,
        'aria-label': `Document response to the safety alert: ${KIND_WORDS[a.kind] || a.kind}`,
        onclick: () => respond(host, c, a, { after, isCurrent }),
      })));
    }
    list.append(li);
  }
  banner.append(list);
  if (!canRespond) banner.append(h('p.alert-meta', { text: 'A clinician must document a response to clear this alert.' }));
  host.append(banner);
}

async function respond(host, c, a, { after, isCurrent }) {
  const f = new Form();
  const done = await formDialog({
    title: 'Document the response to this safety alert',
    form: f,
    className: 'dialog-wide',
    content: [
      h('div.notice.notice-error', h('p', h('strong', { text: 'Safety alert: ' }), a.message)),
      h('p', { text: `For ${c.first_name} ${c.last_name} (${c.mrn}). Say what was done: the assessment, its outcome and the plan. The alert and its task close when this is saved.` }),
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
  const alerts = await loadAlerts(c.id);
  if (!isCurrent()) return;
  drawAlerts(host, c, alerts, { after, isCurrent, resolvedNote: true });
  if (after) after();
}

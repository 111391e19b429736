// "Unclaimed safety alerts": alerts raised while nobody was on duty, each
// with the site's director meanwhile, waiting for a clinician to claim
// them.  Shown on every clinician's home (the client list) until claimed;
// "Claim" makes the alert and its task the claimer's.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { toast } from '../components/toast.js';
import { fmtDateTime, ago, clientName } from '../format.js';
import { refreshTaskCount } from './count.js';
import { kindWords } from '../chart/alerts.js';

// Who an alert is about: the client, or (raised by a screening on an
// inquiry not yet converted) the person who called, with no chart yet.
function whom(a) {
  if (a.client) return h('a', { href: `#/clients/${a.client.id}`, text: `${clientName(a.client)} (${a.client.mrn})` });
  return h('span', { text: 'someone on an inquiry (no chart yet; the task names them)' });
}

// Draws into host (emptied first); nothing at all when there is none to
// claim or the reader cannot claim.  onClaim runs after a claim (the tasks
// page reloads its list).
export async function drawUnclaimed(host, isCurrent = () => true, onClaim = null) {
  if (!auth.can('screening.write')) return;
  let d;
  try {
    d = await api.get(paths.alertsUnclaimed, { limit: 50 });
  } catch (err) {
    if (err.status === 401) throw err;
    return;
  }
  if (!isCurrent()) return;
  clear(host);
  const items = d.items || [];
  if (!items.length) return;
  const card = h('section.card.unclaimed-card', { 'aria-labelledby': 'unclaimed-title', id: 'unclaimed-alerts' },
    h('h2', { id: 'unclaimed-title', text: items.length === 1 ? 'An unclaimed safety alert' : `${items.length} unclaimed safety alerts` }),
    h('p.muted', { text: 'Raised while nobody was on duty. Claim one to take it on: its task becomes yours, and it leaves this list for everyone.' }));
  const list = h('ul.unclaimed-list');
  for (const a of items) {
    list.append(h('li.unclaimed-item', { id: `unclaimed-${a.id}` },
      h('div',
        h('p', h('strong', { text: `${kindWords(a.kind)}: ` }), whom(a)),
        h('p.muted.small', 'Raised ', h('time', { datetime: a.raised_at, title: fmtDateTime(a.raised_at), text: ago(a.raised_at) }),
          a.site_name ? ` at ${a.site_name}` : '',
          a.assigned_name ? `; with ${a.assigned_name} (director) until claimed` : '; nobody has it until claimed')),
      h('button.btn.btn-danger', {
        type: 'button', text: 'Claim', id: `claim-unclaimed-${a.id}`,
        'aria-label': a.client ? `Claim the safety alert for ${clientName(a.client)}` : 'Claim the safety alert on an inquiry',
        onclick: async () => {
          try {
            await api.post(paths.alertClaim(a.id), {});
            toast(a.client ? `Claimed: the safety alert for ${clientName(a.client)} is yours. Document the response from the chart or your tasks.`
              : 'Claimed: the safety alert is yours. Document the response from your tasks.');
            refreshTaskCount();
            if (onClaim) onClaim();
          } catch (err) {
            if (err.status === 401) return;
            toast(err.message, 'error');
          }
          await drawUnclaimed(host, isCurrent, onClaim);
          const next = host.querySelector('button') || host.closest('main');
          if (next) { if (!next.hasAttribute('tabindex') && next.tagName !== 'BUTTON') next.setAttribute('tabindex', '-1'); next.focus(); }
        },
      })));
  }
  card.append(list);
  host.append(card);
}

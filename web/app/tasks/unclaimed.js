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

// Draws into host (emptied first); nothing at all when there is none to
// claim or the reader cannot claim.
export async function drawUnclaimed(host, isCurrent = () => true) {
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
        h('p', h('strong', { text: `${kindWords(a.kind)}: ` }), h('a', { href: `#/clients/${a.client.id}`, text: `${clientName(a.client)} (${a.client.mrn})` })),
        h('p.muted.small', 'Raised ', h('time', { datetime: a.raised_at, title: fmtDateTime(a.raised_at), text: ago(a.raised_at) }),
          a.site_name ? ` at ${a.site_name}` : '',
          a.assigned_name ? `; with ${a.assigned_name} (director) until claimed` : '; nobody has it until claimed')),
      h('button.btn.btn-danger', {
        type: 'button', text: 'Claim', id: `claim-unclaimed-${a.id}`,
        'aria-label': `Claim the safety alert for ${clientName(a.client)}`,
        onclick: async () => {
          try {
            await api.post(paths.alertClaim(a.id), {});
            toast(`Claimed: the safety alert for ${clientName(a.client)} is yours. Document the response from the chart or your tasks.`);
            refreshTaskCount();
          } catch (err) {
            if (err.status === 401) return;
            toast(err.message, 'error');
          }
          await drawUnclaimed(host, isCurrent);
          const next = host.querySelector('button') || host.closest('main');
          if (next) { if (!next.hasAttribute('tabindex') && next.tagName !== 'BUTTON') next.setAttribute('tabindex', '-1'); next.focus(); }
        },
      })));
  }
  card.append(list);
  host.append(card);
}

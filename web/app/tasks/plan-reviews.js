// "Treatment plan reviews": on My tasks, the plans in force of my clients
// (I am their primary clinician or signed the plan) whose review is
// overdue or falls due within a week, the most overdue first.  Each links
// to the client's chart, where "Revise" starts the review.  Nothing is
// drawn when there are none or the reader does not write plans.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { fmtDate, clientName } from '../format.js';

export async function drawPlanReviews(host, isCurrent = () => true) {
  if (!auth.can('plans.write')) return;
  let d;
  try {
    d = await api.get(paths.planReviews, { days: 7 });
  } catch (err) {
    if (err.status === 401) throw err;
    return;
  }
  if (!isCurrent()) return;
  clear(host);
  const items = d.items || [];
  if (!items.length) return;
  const overdue = items.filter((x) => x.overdue).length;
  const soon = items.length - overdue;
  const counts = [overdue ? `${overdue} overdue` : '', soon ? `${soon} due this week` : ''].filter(Boolean).join(', ');
  const list = h('ul.plan-review-list');
  for (const x of items) {
    const due = fmtDate(x.review_due_at.slice(0, 10));
    list.append(h('li.plan-review-item', { id: `plan-review-${x.plan_id}` },
      h('a', { href: `#/clients/${x.client_id}`, text: `${clientName(x.client)} (${x.client.mrn})` }), ' ',
      x.overdue ? badge(`Review overdue since ${due}`, 'danger') : badge(`Review due ${due}`, 'warn'),
      h('span.muted', { text: ` · plan version ${x.version}` })));
  }
  host.append(h('section.card.plan-reviews-card', { 'aria-labelledby': 'plan-reviews-title', id: 'plan-reviews' },
    h('h2', { id: 'plan-reviews-title', text: 'Treatment plan reviews' }),
    h('p', h('strong', { text: `${counts}.` }), ' ', h('span.muted', { text: 'Open the chart, revise the plan with the client and sign the new version.' })),
    list));
}

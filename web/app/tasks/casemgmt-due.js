// "Case management due": on My tasks, my clients' referrals whose follow-up
// is today or past and their court dates within a week (GET
// /case-management/due?mine=true), the soonest first, each linked to the
// client's Case management section.  Nothing is drawn when none is due.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { fmtDate, clientName, plural } from '../format.js';
import { casemgmtVocabulary, label } from '../casemgmt/vocab.js';

function whenBadge(x) {
  if (x.kind === 'court_date') {
    const words = x.days === 0 ? 'Court today' : x.days === 1 ? 'Court tomorrow' : `Court in ${x.days} days`;
    return badge(words, x.days <= 1 ? 'danger' : 'warn');
  }
  return x.days < 0 ? badge(`Follow-up overdue since ${fmtDate(x.date)}`, 'danger') : badge('Follow-up due today', 'warn');
}

export async function drawCasemgmtDue(host, isCurrent = () => true) {
  let d, vocab;
  // Case management is the clinical record's (screening.read).
  if (!auth.can('screening.read')) return;
  try {
    [d, vocab] = await Promise.all([api.get(paths.casemgmtDue, { mine: 'true' }), casemgmtVocabulary().catch(() => null)]);
  } catch (err) {
    if (err.status === 401) throw err;
    return;
  }
  if (!isCurrent()) return;
  clear(host);
  const items = d.items || [];
  if (!items.length) return;
  const courts = items.filter((x) => x.kind === 'court_date').length;
  const follow = items.length - courts;
  const counts = [follow ? plural(follow, 'referral follow-up') : '', courts ? plural(courts, 'court date') : ''].filter(Boolean).join(', ');
  const list = h('ul.casemgmt-due-list');
  for (const x of items) {
    const who = `${clientName(x.client)} (${x.client.mrn})`;
    const what = x.kind === 'court_date'
      ? `${fmtDate(x.date)}: ${x.title}${x.detail ? ` (${x.detail})` : ''}`
      : `Referral to ${x.title} for ${label(vocab && vocab.domains, x.detail).toLowerCase()}: ${x.status === 'made' ? 'has it been accepted?' : 'is it done?'}`;
    list.append(h('li.casemgmt-due-item', { id: `cm-due-${x.kind}-${x.id}` },
      h('a', { href: `#/clients/${x.client_id}`, text: who }),
      whenBadge(x),
      h('span', { text: what })));
  }
  host.append(h('section.card.casemgmt-due-card', { 'aria-labelledby': 'casemgmt-due-title', id: 'casemgmt-due' },
    h('h2', { id: 'casemgmt-due-title', text: 'Case management due' }),
    h('p', h('strong', { text: `${counts}.` }), ' ', h('span.muted', { text: 'Open the client’s chart: Case management has the referral and the court date.' })),
    list));
}

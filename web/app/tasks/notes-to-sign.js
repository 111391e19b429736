// "Notes to sign": on My tasks, my draft notes older than 24 hours and the
// notes waiting for my co-signature; for the director also everyone's
// drafts older than 72 hours, with whose they are.  Each opens the note.
// Nothing is drawn when there are none or the reader writes no notes.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { fmtDateTime, clientName, ago } from '../format.js';

const KIND = {
  group: 'Group note', individual: 'Individual session note', family: 'Family session note',
  medication_management: 'Medication management note', case_management: 'Case management note',
};

function what(x) {
  const base = KIND[x.kind] || 'Note';
  if (x.kind === 'group') {
    const topic = x.topic || (x.group_type || '').replace(/_/g, ' ');
    return `${base}: ${[x.track_name, topic].filter(Boolean).join(', ')}`;
  }
  return x.client ? `${base}: ${clientName(x.client)}` : base;
}

function list(items, withAuthor) {
  const ul = h('ul.plan-review-list');
  for (const x of items) {
    ul.append(h('li.plan-review-item', { id: `note-task-${x.note_id}` },
      h('a', { href: `#/notes/${x.note_id}?from=tasks`, text: what(x) }), ' ',
      x.reason === 'cosign' ? badge('Co-sign', 'warn') : badge(`Unsigned, started ${ago(x.created_at)}`, 'danger'),
      h('span.muted', { text: ` · session ${fmtDateTime(x.starts_at)}${withAuthor ? ` · ${x.author.name}` : ''}` })));
  }
  return ul;
}

export async function drawNotesToSign(host, isCurrent = () => true) {
  if (!auth.can('notes.write')) return;
  const director = auth.user && (auth.user.roles || []).includes('director');
  let mine, all = null;
  try {
    [mine, all] = await Promise.all([
      api.get(paths.noteWorklist),
      director ? api.get(paths.noteWorklist, { all: 'true' }) : null,
    ]);
  } catch (err) {
    if (err.status === 401) throw err;
    return;
  }
  if (!isCurrent()) return;
  clear(host);
  const items = (mine && mine.items) || [];
  const others = ((all && all.items) || []).filter((x) => !items.some((y) => y.note_id === x.note_id));
  if (!items.length && !others.length) return;
  const unsigned = items.filter((x) => x.reason === 'unsigned').length;
  const cosign = items.length - unsigned;
  const counts = [unsigned ? `${unsigned} of mine unsigned over 24 hours` : '', cosign ? `${cosign} to co-sign` : '',
    others.length ? `${others.length} of the team's unsigned over 72 hours` : ''].filter(Boolean).join(', ');
  host.append(h('section.card.plan-reviews-card', { 'aria-labelledby': 'notes-to-sign-title', id: 'notes-to-sign' },
    h('h2', { id: 'notes-to-sign-title', text: 'Notes to sign' }),
    h('p', h('strong', { text: `${counts}.` }), ' ', h('span.muted', { text: 'A day is billed only when its notes are signed.' })),
    items.length ? list(items, false) : null,
    others.length ? [h('h3', { text: 'The team’s, over 72 hours' }), list(others, true)] : null));
}

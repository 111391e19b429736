// The chart's "Notes": the client's group and appointment notes, newest
// first, each with its state (draft, signed, waiting for a co-signature)
// and whether an objective is linked; each opens the note (#/notes/:id).
// A group note shows only this client's part: the list never names
// another client.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { errorNote } from '../components/page.js';
import { fmtDate } from '../format.js';

const KIND = {
  group: 'Group', individual: 'Individual session', family: 'Family session',
  medication_management: 'Medication management', case_management: 'Case management',
};

export function drawNotes(ctx, c, data) {
  const section = h('section.card', { 'aria-labelledby': 'notes-title', id: 'notes' });
  ctx.main.append(section);
  const fill = (d) => {
    clear(section);
    section.append(h('h2', { id: 'notes-title', text: 'Notes' }));
    if (d && d.error) { section.append(errorNote(d.error)); return; }
    const items = (d && d.items) || [];
    if (!items.length) { section.append(h('p.empty', { text: 'No notes yet. Write one from a held group (Today) or a held appointment (above).' })); return; }
    const ul = h('ul.notes-list');
    for (const n of items) {
      const p = n.parts[0];
      const what = n.kind === 'group' ? `Group: ${n.shared.topic || n.track_name || 'session'}` : KIND[n.kind] || n.kind;
      const state = n.status === 'draft' ? badge('Draft', 'warn') : n.awaits_cosignature ? badge('Waiting for co-signature', 'warn') : badge('Signed', 'ok');
      ul.append(h('li', { dataset: { note: n.id } },
        h('a', { href: `#/notes/${n.id}`, text: `${fmtDate((n.date || n.starts_at).slice(0, 10))} · ${what}` }), ' ', state,
        p && p.minutes ? h('span.small.muted', { text: ` ${p.minutes} min` }) : null,
        p && !p.objectives.length ? h('span', ' ', badge('No objective linked', 'neutral')) : null));
    }
    section.append(ul);
  };
  if (data) fill(data);
  else api.get(paths.clientNotes(c.id)).then(fill, (err) => { if (err.status !== 401) fill({ error: err }); });
}

// The first-run checklist: what a fresh install still lacks before the
// clinic can take clients in, from GET /api/v1/setup (counted in the
// database, so every administrator sees the same).  Each line that is not
// done links to the screen that does it; when all are done the list folds
// into one line, "Set-up complete", that opens to show it again.
import { api, orError } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';
import { plural } from '../format.js';

// key → what it is, what to do, where, and how a done line reads.
const STEPS = {
  program: {
    what: 'Program name and public details',
    todo: 'Give the program its name and the line the public pages show under it.',
    href: '#/admin/program', action: 'Enter the program details',
    done: () => 'Saved.',
  },
  site: {
    what: 'A site',
    todo: 'Add the place where the program meets, with its time zone.',
    href: '#/admin/sites', action: 'Add a site',
    done: (n) => `${plural(n, 'site')} in use.`,
  },
  room: {
    what: 'A room',
    todo: 'Add a group room at a site.',
    href: '#/admin/rooms', action: 'Add a room',
    done: (n) => `${plural(n, 'room')} in use.`,
  },
  track: {
    what: 'A track',
    todo: 'Add a group time (days, start and end, level of care) so the public page lists it and clients can be admitted to it.',
    href: '#/admin/tracks', action: 'Add a track',
    done: (n) => `${plural(n, 'track')} in use.`,
  },
  clinician: {
    what: 'A clinician',
    todo: 'Add an account for a clinician, who gets safety alerts and runs groups.',
    href: '#/admin/staff', action: 'Add a clinician',
    done: (n) => `${plural(n, 'clinician')}.`,
  },
  admissions: {
    what: 'Admissions staff',
    todo: 'Add an account for the admissions team, who answer the public forms.',
    href: '#/admin/staff', action: 'Add admissions staff',
    done: (n) => `${plural(n, 'person', 'people')} in admissions.`,
  },
  director: {
    what: 'A director at each site',
    todo: 'Add a program director who works at each site: when nobody is on duty, a safety alert goes to them until a clinician claims it.',
    href: '#/admin/staff', action: 'Add a director',
    done: () => 'Every site has a director.',
  },
};

function stepLine(s, actions) {
  const d = STEPS[s.key];
  if (!d) return null;
  const act = actions[s.key]
    ? h('button.btn.btn-secondary.btn-small', { type: 'button', text: d.action, onclick: actions[s.key] })
    : h('a.btn.btn-secondary.btn-small', { href: d.href, text: d.action });
  return h(`li.setup-step.${s.done ? 'is-done' : 'is-todo'}`, { 'data-step': s.key },
    h('span.setup-mark', { 'aria-hidden': 'true', text: s.done ? '✓' : '•' }),
    h('div.setup-text',
      h('p.setup-what', h('strong', { text: d.what }), h('span.visually-hidden', { text: s.done ? ' — done.' : ' — not yet done.' })),
      s.done ? h('p.setup-note', { text: d.done(s.count) }) : h('p.setup-note', { text: d.todo })),
    s.done ? h('span.badge.badge-ok', { text: 'Done' }) : act);
}

// The checklist as a section; null (nothing drawn) when it cannot be read.
// actions: key → function, for a step the screen showing it does itself
// (a button instead of a link to the screen).
export async function setupChecklist(ctx, actions = {}) {
  const r = await orError(api.get(paths.setup));
  if (!ctx.isCurrent() || r.error) return null;
  const left = r.steps.filter((s) => !s.done).length;
  const list = h('ol.setup-steps', r.steps.map((s) => stepLine(s, actions)));
  if (r.complete) {
    return h('section.card.setup-card.setup-complete', { id: 'setup-checklist', 'aria-labelledby': 'setup-title' },
      h('details',
        h('summary', h('span', { id: 'setup-title', class: 'setup-title', text: 'Set-up complete' }),
          h('span.muted', { text: ' — the program, a site, a room, a track, staff and a director at each site are in place.' })),
        list));
  }
  return h('section.card.setup-card', { id: 'setup-checklist', 'aria-labelledby': 'setup-title' },
    h('h2', { id: 'setup-title', text: 'Setting up the program' }),
    h('p', { id: 'setup-left', text: `${left} of ${r.steps.length} still to do before the program is ready for clients.` }),
    list);
}

// Calendar feeds: a link a calendar app (Google, Outlook, Apple) subscribes
// to, showing one schedule — mine, a client's, a room's or a track's.  The
// link is shown once, when made (the server keeps only a fingerprint of it);
// a lost link is revoked and a new one made.  feedPanel() is the section the
// account page, the chart and the room and track screens share; render() is
// the account page's "My calendar".
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear, uid } from '../dom.js';
import { confirmDialog, openDialog } from '../components/dialog.js';
import { toast } from '../components/toast.js';
import { pageHeader, button, errorNote } from '../components/page.js';
import { fmtDateTime } from '../format.js';

const KIND_WORDS = { client: 'Client', staff: 'Staff member', room: 'Room', track: 'Track' };

// The link as a calendar app needs it: this server's origin before the path.
export const feedLink = (url) => location.origin + url;

// A made link, to copy now.
function madeLink(url) {
  const id = uid('feed-url');
  const input = h('input.feed-url', { id, type: 'text', readOnly: true, value: feedLink(url), 'aria-describedby': id + '-hint' });
  const copy = button('Copy link', async () => {
    input.select();
    try { await navigator.clipboard.writeText(input.value); toast('Link copied.'); } catch { document.execCommand('copy'); }
  }, 'primary', { class: 'btn-small' });
  input.addEventListener('focus', () => input.select());
  return h('div.feed-made.notice.notice-ok', { role: 'status' },
    h('label', { for: id, text: 'Your new calendar link' }),
    h('div.feed-url-row', input, copy),
    h('p.hint', { id: id + '-hint', text: 'Copy it now and paste it into your calendar app as a subscription ("From URL" or "Subscribe to calendar"). It is shown only this once.' }));
}

// A section: the feeds I made of one subject, a button to make one, and a
// Revoke button on each.  warning: a sentence shown above the button.
export function feedPanel({ kind, id, title = 'Calendar feed', intro, warning, headingLevel = 'h2', onChange }) {
  const list = h('div.feed-list');
  const made = h('div');
  const makeBtn = button('Make a calendar link', make, 'secondary', { id: `feed-make-${kind}-${id}` });
  const el = h('section.card.feed-panel', { 'aria-label': title },
    h(headingLevel, { text: title }),
    intro ? h('p', { text: intro }) : null,
    warning ? h('p.notice.notice-warn', { text: warning }) : null,
    made, list, h('div.form-actions', makeBtn));

  async function load() {
    try {
      const r = await api.get(paths.feeds, { kind, id, limit: 200 });
      clear(list);
      if (!r.items.length) {
        list.append(h('p.muted', { text: 'No calendar link yet.' }));
        return;
      }
      list.append(h('ul.feed-items', r.items.map((f) => h('li',
        h('span', { text: `Link made ${fmtDateTime(f.created_at)}` }), ' ',
        button('Revoke', () => revoke(f), 'danger', { class: 'btn-small', 'aria-label': `Revoke the link made ${fmtDateTime(f.created_at)}` })))));
    } catch (err) {
      clear(list).append(errorNote(err));
    }
  }
  async function make() {
    makeBtn.disabled = true;
    try {
      const f = await api.post(paths.feeds, { kind, id });
      clear(made).append(madeLink(f.url));
      await load();
      if (onChange) onChange();
      made.querySelector('input').focus();
    } catch (err) {
      clear(made).append(errorNote(err));
    } finally {
      makeBtn.disabled = false;
    }
  }
  async function revoke(f) {
    const ok = await confirmDialog({ title: 'Revoke this calendar link?', message: 'Calendars subscribed with it stop updating and the link stops working at once. You can make a new one.', confirmLabel: 'Revoke link', danger: true });
    if (!ok) return;
    try {
      await api.del(paths.feed(f.id));
      clear(made);
      toast('Calendar link revoked.');
      await load();
      if (onChange) onChange();
    } catch (err) {
      clear(list).append(errorNote(err));
    }
  }
  load();
  el.reload = load;
  return el;
}

// A room's or track's feed, in a dialog from its row (admin screens).
export function feedDialog({ kind, id, name }) {
  const panel = feedPanel({
    kind, id, title: `${name}: calendar link`, headingLevel: 'h3',
    intro: `The groups${kind === 'room' ? ' and appointments' : ''} of this ${kind}, for a calendar app. No client is named in it.`,
  });
  openDialog({ title: `Calendar feed: ${name}`, body: [panel], actions: [{ label: 'Close', onClick: (dlg) => dlg.close(null) }] });
}

// The account page: my own schedule's feed, and every link I made.
export async function render(ctx) {
  const all = h('div');
  const mine = feedPanel({
    kind: 'staff', id: auth.user.id, title: 'My schedule',
    intro: 'The groups you facilitate and your appointments, in your calendar app. Clients appear by first name and initial only.',
    onChange: () => loadAll(),
  });
  async function loadAll() {
    const r = await api.get(paths.feeds, { limit: 200 });
    if (!ctx.isCurrent()) return;
    clear(all);
    if (!r.items.length) { all.append(h('p.muted', { text: 'You have made no calendar links.' })); return; }
    all.append(h('ul.feed-items.feed-all', r.items.map((f) => h('li',
      h('span', h('span.strong', { text: `${KIND_WORDS[f.kind] || f.kind}: ${f.label}` }),
        h('br'), h('span.muted', { text: `Made ${fmtDateTime(f.created_at)}` })),
      button('Revoke', async () => {
        const ok = await confirmDialog({ title: 'Revoke this calendar link?', message: `Calendars subscribed to "${f.label}" with it stop updating at once.`, confirmLabel: 'Revoke link', danger: true });
        if (!ok) return;
        await api.del(paths.feed(f.id));
        toast('Calendar link revoked.');
        await loadAll();
        mine.reload();
      }, 'danger', { class: 'btn-small', 'aria-label': `Revoke the link to ${f.label}` })))));
  }
  ctx.main.append(h('div.narrow', pageHeader(ctx, 'My calendar'),
    mine,
    h('section.card', h('h2', { text: 'All my calendar links' }),
      h('p', { text: 'Links you made for yourself, clients, rooms and tracks. Revoke any you no longer use.' }), all),
    h('p', h('a', { href: '#/password', text: 'Change password' }))));
  await loadAll();
}

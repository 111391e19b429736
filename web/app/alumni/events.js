// Alumni events: the list (latest dates first, with how many said yes and
// how many came), "Add an event" (site, date, start time, topic), and one
// event's page: each alumnus invited with their answer and whether they
// came, changed in place, and a picker of alumni to add (only clients
// discharged from the program are offered).
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { formDialog } from '../components/dialog.js';
import { field, Form } from '../components/field.js';
import { dataTable } from '../components/table.js';
import { pageHeader, errorNote, button } from '../components/page.js';
import { toast } from '../components/toast.js';
import { fmtDate, plural, clientName } from '../format.js';
import { navigate } from '../nav.js';
import { RSVP } from './words.js';

export async function drawEvents(ctx, host) {
  let d, sites;
  try {
    [d, sites] = await Promise.all([api.get(paths.alumniEvents, { limit: 100 }), api.get(paths.sites, { limit: 200 })]);
  } catch (err) {
    if (err.status !== 401 && ctx.isCurrent()) host.append(errorNote(err));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(host);
  const items = d.items || [];
  if (auth.can('clients.write')) {
    host.append(h('div.toolbar', button('Add an event…', () => addEvent(sites.items || []), 'primary', { id: 'add-event' })));
  }
  host.append(h('p.result-status', { role: 'status', text: `${plural(d.total, 'event')}.` }));
  host.append(dataTable({
    caption: 'Alumni events',
    rows: items,
    empty: 'No alumni event yet.',
    columns: [
      { label: 'Event', className: 'card-title', render: (e) => h('a', { href: `#/alumni/events/${e.id}`, text: e.topic }) },
      { label: 'When', render: (e) => `${fmtDate(e.date)}, ${e.start_time}` },
      { label: 'Site', render: (e) => e.site_name },
      { label: 'Answers', render: (e) => `${e.rsvps.yes} coming, ${e.rsvps.maybe} maybe, ${e.rsvps.no} not coming` },
      { label: 'Came', render: (e) => String(e.attended) },
    ],
  }));
}

async function addEvent(sites) {
  const f = new Form();
  const saved = await formDialog({
    title: 'Add an alumni event',
    form: f,
    content: [
      f.add(field({ name: 'topic', label: 'Topic', required: true, maxlength: 200, hint: 'What it is, as alumni will read it: “Summer picnic”, “Relapse prevention refresher”.' })),
      f.add(field({ name: 'site_id', label: 'Site', type: 'select', required: true,
        options: [{ value: '', label: 'Choose…' }, ...sites.map((s) => ({ value: String(s.id), label: s.name }))] })),
      f.add(field({ name: 'date', label: 'Date', type: 'date', required: true })),
      f.add(field({ name: 'start_time', label: 'Starts at', type: 'time', required: true, hint: 'The site’s local time.' })),
    ],
    submitLabel: 'Add the event',
    onSubmit: (v) => api.post(paths.alumniEvents, { ...v, site_id: v.site_id ? Number(v.site_id) : undefined }),
  });
  if (!saved) return;
  toast('Event added. Now add the alumni who are invited.');
  navigate(`#/alumni/events/${saved.id}`);
}

// #/alumni/events/:id
export async function render(ctx) {
  const id = ctx.params.id;
  const back = { href: '#/alumni?tab=events', label: 'Alumni events' };
  let ev;
  try {
    ev = await api.get(paths.alumniEvent(id));
  } catch (err) {
    if (err.status === 401 || !ctx.isCurrent()) return;
    ctx.main.append(pageHeader(ctx, 'Alumni event', { back }), errorNote(err));
    return;
  }
  if (!ctx.isCurrent()) return;
  ctx.main.append(pageHeader(ctx, ev.topic, { back, sub: h('p.page-sub', { text: `${fmtDate(ev.date)} at ${ev.start_time}, ${ev.site_name}` }) }));
  const host = h('section.card', { 'aria-labelledby': 'attendees-title' });
  ctx.main.append(host);
  const canWrite = auth.can('clients.write');

  const put = async (clientId, body) => {
    try {
      await api.put(paths.alumniRsvp(ev.id, clientId), body);
      toast('Saved.');
    } catch (err) {
      if (err.status !== 401) toast(err.message, 'error');
    }
  };

  const drawList = () => {
    clear(host);
    host.append(h('h2', { id: 'attendees-title', text: 'Alumni invited' }));
    const rows = ev.attendees || [];
    host.append(dataTable({
      caption: 'Alumni invited',
      rows,
      empty: 'Nobody is on the list yet.',
      columns: [
        { label: 'Alumnus', className: 'card-title', render: (a) => h('span.stack', h('a', { href: `#/clients/${a.client_id}`, text: clientName(a.client) }), h('span.mrn', { text: a.client.mrn })) },
        { label: 'Answer', render: (a) => {
          if (!canWrite) return a.rsvp ? RSVP[a.rsvp] : 'No answer yet';
          const sel = h('select', { id: `rsvp-${a.client_id}`, 'aria-label': `Answer of ${clientName(a.client)}` },
            h('option', { value: '', text: 'No answer yet', disabled: true, selected: !a.rsvp }),
            Object.entries(RSVP).map(([value, text]) => h('option', { value, text, selected: a.rsvp === value })));
          sel.addEventListener('change', () => put(a.client_id, { rsvp: sel.value }));
          return sel;
        } },
        { label: 'Came', render: (a) => {
          if (!canWrite) return a.attended === null ? 'Not recorded' : a.attended ? 'Came' : 'Did not come';
          const cb = h('input', { type: 'checkbox', id: `came-${a.client_id}`, checked: a.attended === true });
          cb.addEventListener('change', () => put(a.client_id, { attended: cb.checked }));
          return h('span.field-check', cb, h('label', { for: `came-${a.client_id}`, text: 'Came' }));
        } },
      ],
    }));
    if (canWrite) host.append(adder());
  };

  // The picker offers alumni only (the alumni list), less those invited.
  const adder = () => {
    const wrap = h('form.toolbar.alumni-add', { novalidate: true });
    const sel = h('select', { id: 'add-alumnus' }, h('option', { value: '', text: 'Loading alumni…' }));
    const answer = h('select', { id: 'add-answer' }, Object.entries(RSVP).map(([value, text]) => h('option', { value, text })));
    const add = h('button.btn.btn-primary', { type: 'submit', text: 'Add to the list', id: 'add-alumnus-btn' });
    wrap.append(h('div.inline-field', h('label', { for: 'add-alumnus', text: 'Alumnus' }), sel),
      h('div.inline-field', h('label', { for: 'add-answer', text: 'Answer' }), answer), add);
    api.get(paths.alumni, { limit: 200 }).then((d) => {
      const have = new Set((ev.attendees || []).map((a) => a.client_id));
      const list = (d.items || []).filter((a) => !have.has(a.client_id));
      clear(sel).append(h('option', { value: '', text: list.length ? 'Choose an alumnus…' : 'Every alumnus is on the list' }),
        list.map((a) => h('option', { value: String(a.client_id), text: `${clientName(a.client)} (${a.client.mrn})` })));
    }).catch(() => { clear(sel).append(h('option', { value: '', text: 'The alumni list could not be read' })); });
    wrap.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!sel.value) { toast('Choose an alumnus first.', 'error'); sel.focus(); return; }
      add.disabled = true;
      try {
        await api.put(paths.alumniRsvp(ev.id, sel.value), { rsvp: answer.value });
        ev = await api.get(paths.alumniEvent(ev.id));
        if (!ctx.isCurrent()) return;
        toast('Added.');
        drawList();
        const again = document.getElementById('add-alumnus');
        if (again) again.focus();
      } catch (err) {
        add.disabled = false;
        if (err.status !== 401) toast(err.message, 'error');
      }
    });
    return wrap;
  };
  drawList();
}

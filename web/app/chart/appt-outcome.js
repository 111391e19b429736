// An appointment's outcome — attended (minutes), no-show, late cancellation —
// shown and recorded, for the chart's appointments and the Today screen.
// The server takes it once the appointment has started
// (PUT /appointments/{id}/attendance, clients.write); before that this says
// when it can be recorded instead of offering buttons that would fail.
// "Attended" asks for the minutes, the whole length filled in, so Enter
// saves it; "No-show" and "Late cancel" save at once.  A recorded outcome
// can be changed ("Change"); the server keeps the earlier one, listed here.
import { api, auth } from '../api.js';
import { paths } from '../paths.js';
import { h, clear } from '../dom.js';
import { badge } from '../components/badge.js';
import { errorNote } from '../components/page.js';

const WORDS = { attended: 'Attended', no_show: 'No-show', late_cancellation: 'Late cancellation' };

// "Attended · 40 of 50 min", "No-show"; '' when none is recorded.
export function outcomeWords(a) {
  if (!a.attendance) return '';
  if (a.attendance === 'attended') {
    return a.attended_minutes < a.minutes ? `Attended · ${a.attended_minutes} of ${a.minutes} min` : `Attended · ${a.attended_minutes} min`;
  }
  return WORDS[a.attendance] || a.attendance;
}

export function outcomeBadge(a) {
  const w = outcomeWords(a);
  return w ? badge(w, a.attendance === 'attended' ? 'ok' : 'warn') : null;
}

const fmtDay = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

// One line per earlier outcome: "Earlier: No-show, recorded by Omar Haddad; changed by Dana Reyes, Dec 7, 2026, 10:05 AM.".
function historyLines(a) {
  return (a.attendance_history || []).map((x) => {
    const was = x.attendance === 'attended' ? `Attended ${x.attended_minutes} min` : WORDS[x.attendance] || x.attendance;
    return h('p.appt-history.muted.small', { text: `Earlier: ${was}, recorded by ${x.recorded_by || 'staff'}; changed by ${x.changed_by || 'staff'}, ${fmtDay(x.changed_at)}.` });
  });
}

// The outcome block of appointment a: its state, and the buttons when the
// user may record it.  opts.fmtTime(ms) writes a time; opts.onSaved(a2,
// words) is called after a save (the caller redraws); opts.idPrefix keeps
// element ids unique on the page.
export function outcomeBlock(a, opts = {}) {
  const now = Date.now();
  const started = Date.parse(a.starts_at) <= now;
  const canRecord = auth.can('clients.write');
  const pre = `${opts.idPrefix || 'appt'}-${a.id}`;
  const box = h('div.appt-outcome', { id: `${pre}-outcome`, dataset: { outcome: a.attendance || '' } });
  const err = h('div.appt-outcome-error');
  const what = opts.label || a.kind_words || 'appointment';

  const save = async (body, words) => {
    clear(err);
    let saved;
    try {
      saved = await api.put(paths.appointmentAttendance(a.id), body);
    } catch (e) {
      if (e.status === 401) return;
      err.append(errorNote({ message: `Not saved: ${e.message}` }));
      return;
    }
    if (opts.onSaved) await opts.onSaved(saved, words);
  };

  const buttons = (changing) => {
    const row = h('div.appt-outcome-actions', { role: 'group', 'aria-label': `Outcome: ${what}` });
    const minutesBox = h('span.appt-minutes');
    const attended = h('button.btn.btn-secondary.btn-small', {
      type: 'button', id: `${pre}-attended`, text: 'Attended', 'aria-expanded': 'false',
      'aria-label': `Attended: ${what}`,
      onclick: (ev) => {
        ev.currentTarget.setAttribute('aria-expanded', 'true');
        const id = `${pre}-minutes`;
        const start = a.attendance === 'attended' ? a.attended_minutes : a.minutes;
        const input = h('input', { id, type: 'number', min: '1', max: String(a.minutes), value: String(start), inputmode: 'numeric' });
        const go = () => {
          const n = Number(input.value);
          if (!Number.isInteger(n) || n < 1 || n > a.minutes) {
            clear(err).append(errorNote({ message: `Minutes attended must be a whole number from 1 to ${a.minutes}.` }));
            input.focus();
            return;
          }
          save({ attendance: 'attended', attended_minutes: n }, `Attended, ${n} minutes.`);
        };
        input.addEventListener('keydown', (k) => { if (k.key === 'Enter') { k.preventDefault(); go(); } });
        clear(minutesBox).append(h('label', { for: id, text: `Minutes attended (of ${a.minutes})` }), input,
          h('button.btn.btn-primary.btn-small', { type: 'button', id: `${pre}-save`, text: 'Save', 'aria-label': `Save minutes attended: ${what}`, onclick: go }));
        input.focus();
        input.select();
      },
    });
    row.append(attended,
      h('button.btn.btn-secondary.btn-small', { type: 'button', id: `${pre}-noshow`, text: 'No-show', 'aria-label': `No-show: ${what}`,
        onclick: () => save({ attendance: 'no_show' }, 'Recorded as a no-show.') }),
      h('button.btn.btn-secondary.btn-small', { type: 'button', id: `${pre}-latecancel`, text: 'Late cancel', 'aria-label': `Late cancellation: ${what}`,
        onclick: () => save({ attendance: 'late_cancellation' }, 'Recorded as a late cancellation.') }));
    if (changing) {
      row.append(h('button.btn.btn-quiet.btn-small', { type: 'button', id: `${pre}-keep`, text: 'Keep as it is',
        onclick: () => { draw(false); const b = document.getElementById(`${pre}-change`); if (b) b.focus(); } }));
    }
    row.append(minutesBox);
    return row;
  };

  function draw(changing) {
    clear(box);
    const state = outcomeBadge(a);
    if (a.status === 'cancelled') {
      // The cancellation says it all; a late one carries the outcome.
      if (state) box.append(h('p.appt-outcome-state', state));
      box.append(...historyLines(a), err);
      return;
    }
    if (state) {
      box.append(h('p.appt-outcome-state', h('span', { text: 'Outcome: ' }), state,
        a.attendance_recorded_by ? h('span.small.muted', { text: ` recorded by ${a.attendance_recorded_by}` }) : null));
      if (canRecord && !changing) {
        box.lastChild.append(' ', h('button.btn.btn-quiet.btn-small', { type: 'button', id: `${pre}-change`, text: 'Change',
          'aria-label': `Change the outcome: ${what}`, onclick: () => { draw(true); const b = document.getElementById(`${pre}-attended`); if (b) b.focus(); } }));
      }
    } else if (!started) {
      if (canRecord && opts.fmtTime) box.append(h('p.small.muted', { text: `Outcome: can be recorded from ${opts.fmtTime(Date.parse(a.starts_at))}, when it starts.` }));
    } else if (!canRecord) {
      box.append(h('p.small.muted', { text: 'Outcome: not recorded yet.' }));
    } else {
      box.append(h('p.appt-outcome-state', h('span', { text: 'Outcome: ' }), badge('Not recorded', 'neutral')));
    }
    if (canRecord && started && (!a.attendance || changing)) box.append(buttons(changing));
    box.append(...historyLines(a), err);
  }
  draw(false);
  return box;
}

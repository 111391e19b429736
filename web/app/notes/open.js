// Opening a note from where the work happened: a held session (Today's
// roster, the Schedule's session dialog) or an appointment (the chart).
// The server makes the note once and answers the same one after; the
// screen is #/notes/{id}.
import { api } from '../api.js';
import { paths } from '../paths.js';
import { h } from '../dom.js';

export async function openSessionNote(sessionId) {
  const n = await api.post(paths.sessionNote(sessionId), {});
  location.hash = `#/notes/${n.id}`;
}

export async function openAppointmentNote(apptId) {
  const n = await api.post(paths.appointmentNote(apptId), {});
  location.hash = `#/notes/${n.id}`;
}

// A button for a held session: "Write the group note".  onError(err) says
// what went wrong where the button is.
export function groupNoteButton(sessionId, label, onError, extra = {}) {
  return h('button.btn.btn-secondary.btn-small', {
    type: 'button', id: `group-note-${sessionId}`, text: 'Write the group note',
    'aria-label': `Write the group note: ${label}`, ...extra,
    onclick: async (e) => {
      e.currentTarget.disabled = true;
      const btn = e.currentTarget;
      try { await openSessionNote(sessionId); } catch (err) {
        btn.disabled = false;
        if (err.status !== 401 && onError) onError(err);
      }
    },
  });
}

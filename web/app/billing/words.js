// Billable days in words (pure: no DOM).  A day as GET
// /clients/{id}/billable-days gives it becomes what a biller or a
// counsellor reads: "Under 3 hours: 2 h 30 attended (3 h needed)", and for
// each session that stops the day, what is wrong with its note.
import { hm } from '../thisweek/words.js';

export const REASONS = ['under_three_hours', 'note_unsigned', 'note_missing', 'no_objective_linked', 'plan_unsigned', 'plan_review_overdue'];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// "Wed 9 Dec 2026".
export function dayText(ymd) {
  const d = new Date(ymd + 'T12:00:00Z');
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

// A reason of a day in words.
export function reasonText(reason, day) {
  switch (reason) {
    case 'under_three_hours': return `Under 3 hours: ${hm(day.minutes)} attended (${hm(day.min_minutes)} needed)`;
    case 'note_unsigned': return 'A note is not signed (or waits for a co-signature)';
    case 'note_missing': return 'A session has no note for this client';
    case 'no_objective_linked': return 'A note links no treatment-plan objective';
    case 'plan_unsigned': return 'No treatment plan signed by the clinician by this day';
    case 'plan_review_overdue': return day.plan && day.plan.review_due_on
      ? `Treatment plan review overdue (was due ${dayText(day.plan.review_due_on)})`
      : 'Treatment plan review overdue';
    default: return reason;
  }
}

// Short names for the totals: "Under 3 hours: 4".
export const REASON_SHORT = {
  under_three_hours: 'Under 3 hours', note_unsigned: 'Note not signed', note_missing: 'Note missing',
  no_objective_linked: 'No objective linked', plan_unsigned: 'No signed plan', plan_review_overdue: 'Plan review overdue',
};

const KIND = {
  group: 'Group', individual_therapy: 'Individual therapy', family_therapy: 'Family therapy',
  medication_management: 'Medication management',
};

// A counted session: "Group · Relapse prevention" / "Individual therapy".
export function sessionText(s) {
  const kind = KIND[s.kind] || s.kind;
  return s.title ? `${kind} · ${s.title}` : kind;
}

// What is wrong with a session's note ('' when it counts).
export function noteProblem(s) {
  switch (s.note_state) {
    case 'missing': return 'no note written';
    case 'draft': return 'note not signed';
    case 'awaits_cosignature': return 'waiting for the supervisor’s co-signature';
    case 'no_times': return 'note has no start and end times';
    case 'no_objective': return 'no plan objective linked';
    default: return '';
  }
}

// The day's state in one line: "Billable · H0015" or "Not billable".
export function stateText(day) {
  if (day.billable) return `Billable · ${day.code}`;
  if (!day.per_diem) return `No per-diem for level ${day.level || '—'}`;
  return 'Not billable';
}

export { hm };

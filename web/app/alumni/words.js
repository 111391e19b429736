// The alumni program's words: check-in outcomes and statuses, recovery
// statuses and RSVPs, as the screens say them.
export const RECOVERY = {
  in_recovery: 'In recovery',
  using: 'Using again',
  in_treatment_elsewhere: 'In treatment elsewhere',
  unknown: 'Did not say / not known',
};

export const CHECKIN_STATUS = {
  open: ['Not called yet', 'neutral'],
  attempted: ['Tried, not reached', 'warn'],
  reached: ['Reached', 'ok'],
  not_reached: ['Not reached (3 tries)', 'danger'],
};

export const RSVP = { yes: 'Coming', maybe: 'Maybe', no: 'Not coming' };

export function dayLabel(day) {
  return day === 365 ? '1-year check-in' : `${day}-day check-in`;
}

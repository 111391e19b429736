// Hours compliance in words (web/app/thisweek/words.js): minutes as hours,
// the reasons a week is flagged, the week's range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hm, reasons, weekRange, weekdayName, attendedOfRequired, flagWords } from '../../web/app/thisweek/words.js';

const days = (mon, list) => list.map((x, i) => ({
  date: new Date(Date.parse(mon + 'T12:00:00Z') + i * 86400e3).toISOString().slice(0, 10),
  attended_minutes: x[0], scheduled_minutes: x[1], short_day: !!x[2],
}));

test('minutes as hours', () => {
  assert.equal(hm(0), '0 h');
  assert.equal(hm(45), '45 min');
  assert.equal(hm(420), '7 h');
  assert.equal(hm(135), '2 h 15');
  assert.equal(hm(545), '9 h 05');
});

test('the reasons, in words a counsellor reads', () => {
  const w = {
    required_minutes: 540, attended_minutes: 135, possible_minutes: 420, possible_days: 2, scheduled_minutes: 540,
    flags: ['below_weekly_minimum', 'below_three_days', 'short_day'],
    days: days('2026-12-07', [[0, 180], [135, 180, true], [0, 0], [0, 180], [0, 0], [0, 0], [0, 0]]),
  };
  assert.deepEqual(reasons(w), [
    'Can reach only 7 h of the 9 h required',
    'Only 2 days possible (3 needed)',
    'Tuesday: 2 h 15 attended (3 h make a program day)',
  ]);
  // The week over: what was attended.
  assert.deepEqual(reasons({ ...w, possible_minutes: 135, possible_days: 1, flags: ['below_weekly_minimum', 'below_three_days'] }),
    ['Attended 2 h 15 of the 9 h required; no sessions left this week', 'Only 1 day possible (3 needed)']);
  assert.deepEqual(reasons({ ...w, flags: [] }), []);
  // Nothing on the roster at all (no track, or admitted after the week's sessions).
  assert.deepEqual(reasons({ ...w, scheduled_minutes: 0, attended_minutes: 0, possible_minutes: 0, possible_days: 0,
    flags: ['below_weekly_minimum', 'below_three_days'] }),
  ['Nothing scheduled this week; 9 h required', 'No days possible this week (3 needed)']);
});

test('the week, its days and the compact figures', () => {
  assert.equal(weekRange('2026-11-30'), '30 Nov – 6 Dec 2026');
  assert.equal(weekRange('2026-12-28'), '28 Dec 2026 – 3 Jan 2027');
  assert.equal(weekdayName('2026-12-08'), 'Tuesday');
  assert.equal(attendedOfRequired({ attended_minutes: 250, required_minutes: 540 }), '4 h 10 of 9 h');
  assert.equal(attendedOfRequired({ attended_minutes: 250, required_minutes: 0 }), '4 h 10');
  assert.equal(flagWords('below_three_days'), 'Fewer than 3 days');
});

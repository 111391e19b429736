// Billable days in words (web/app/billing/words.js): every reason a day is
// refused, what is wrong with each session's note, and the day's state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REASONS, REASON_SHORT, reasonText, noteProblem, sessionText, stateText, dayText } from '../../web/app/billing/words.js';

const day = (over = {}) => ({
  date: '2026-12-09', billable: false, code: 'H0015', per_diem: true, level: '2.1', minutes: 150, min_minutes: 180,
  reasons: [], plan: { version: 1, clinician_signed_on: '2026-11-01', review_due_on: '2026-12-01', client_signed: false }, sessions: [], ...over,
});

test('every reason has words, and a short name for the totals', () => {
  for (const r of REASONS) {
    assert.notEqual(reasonText(r, day()), r, r);
    assert.ok(REASON_SHORT[r], r);
  }
  assert.equal(reasonText('under_three_hours', day()), 'Under 3 hours: 2 h 30 attended (3 h needed)');
  assert.equal(reasonText('plan_review_overdue', day()), 'Treatment plan review overdue (was due Tue 1 Dec 2026)');
  assert.equal(reasonText('plan_review_overdue', day({ plan: null })), 'Treatment plan review overdue');
});

test("each session's note problem, and none for a note that counts", () => {
  assert.equal(noteProblem({ note_state: 'signed' }), '');
  assert.equal(noteProblem({ note_state: 'missing' }), 'no note written');
  assert.equal(noteProblem({ note_state: 'draft' }), 'note not signed');
  assert.equal(noteProblem({ note_state: 'awaits_cosignature' }), 'waiting for the supervisor’s co-signature');
  assert.equal(noteProblem({ note_state: 'no_times' }), 'note has no start and end times');
  assert.equal(noteProblem({ note_state: 'no_objective' }), 'no plan objective linked');
  assert.equal(sessionText({ kind: 'group', title: 'Relapse prevention' }), 'Group · Relapse prevention');
  assert.equal(sessionText({ kind: 'individual_therapy', title: '' }), 'Individual therapy');
});

test("the day's state", () => {
  assert.equal(stateText(day({ billable: true })), 'Billable · H0015');
  assert.equal(stateText(day()), 'Not billable');
  assert.equal(stateText(day({ per_diem: false, code: null, level: '1' })), 'No per-diem for level 1');
  assert.equal(dayText('2026-12-09'), 'Wed 9 Dec 2026');
});

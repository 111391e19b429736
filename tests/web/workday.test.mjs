// The default due time of a follow-up (web/app/workday.js): 9:00 on the
// next weekday at the site, in the site's time zone, whatever the hour the
// follow-up is added and whatever zone the browser is in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextWorkingMorning, wallParts, validZone } from '../../web/app/workday.js';

const CHI = 'America/Chicago';
const NY = 'America/New_York';
const at = (iso) => Date.parse(iso);
const iso = (ms) => new Date(ms).toISOString();

test('a follow-up added at 2:26 AM on a Tuesday is due at 9:00 on Wednesday, not 24 hours later', () => {
  // Tuesday 2026-12-08 02:26 in Chicago (UTC-6).
  const due = nextWorkingMorning(at('2026-12-08T08:26:00Z'), CHI);
  assert.equal(iso(due), '2026-12-09T15:00:00.000Z');
  assert.deepEqual(wallParts(due, CHI), { date: '2026-12-09', time: '09:00' });
});

test('in the afternoon, the next morning; on Friday and at the weekend, Monday', () => {
  assert.deepEqual(wallParts(nextWorkingMorning(at('2026-12-08T21:30:00Z'), CHI), CHI), { date: '2026-12-09', time: '09:00' });
  for (const now of ['2026-12-11T16:00:00Z', '2026-12-12T16:00:00Z', '2026-12-13T23:00:00Z'])
    assert.deepEqual(wallParts(nextWorkingMorning(at(now), CHI), CHI), { date: '2026-12-14', time: '09:00' }, now);
});

test('the site\'s day and zone decide, not UTC\'s or the browser\'s', () => {
  // Friday 23:30 in Chicago is already Saturday in UTC: still Monday 9:00 Chicago.
  const due = nextWorkingMorning(at('2026-12-12T05:30:00Z'), CHI);
  assert.deepEqual(wallParts(due, CHI), { date: '2026-12-14', time: '09:00' });
  // The same instant for a New York site: its own 9:00, an hour earlier.
  assert.equal(nextWorkingMorning(at('2026-12-12T05:30:00Z'), NY), due - 3600000);
});

test('across a change of clocks the morning is still 9:00 on the wall', () => {
  // Friday 2027-03-12; the clocks go forward on Sunday 2027-03-14.
  const due = nextWorkingMorning(at('2027-03-12T20:00:00Z'), CHI);
  assert.equal(iso(due), '2027-03-15T14:00:00.000Z', '9:00 CDT (UTC-5)');
  const back = nextWorkingMorning(at('2026-10-30T20:00:00Z'), CHI);
  assert.equal(iso(back), '2026-11-02T15:00:00.000Z', '9:00 CST (UTC-6) after the clocks go back');
});

test('an unknown zone falls back to the browser\'s', () => {
  assert.equal(validZone('Not/AZone'), Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  assert.equal(validZone(CHI), CHI);
  assert.ok(Number.isFinite(nextWorkingMorning(Date.now(), 'Not/AZone')));
});

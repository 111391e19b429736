// The server's field messages as the staff app shows them
// (web/app/wording.js): what to do, in the reader's words, never a bare
// "Is required" or a list of codes for an empty choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readerMessage } from '../../web/app/wording.js';

test('an empty field asks for what its label names', () => {
  assert.equal(readerMessage('is required', 'text', 'First name'), 'enter the first name');
  assert.equal(readerMessage('is required', 'date', 'Date of birth'), 'enter the date of birth');
  assert.equal(readerMessage('is required', 'text', 'Member ID'), 'enter the member ID');
  assert.equal(readerMessage('is required', 'text', 'ZIP / postal code'), 'enter the ZIP / postal code');
  assert.equal(readerMessage('is required', 'select', 'Sex'), 'choose one');
});

test('an empty field says what to put in it, by the kind of control', () => {
  assert.equal(readerMessage('is required'), 'fill this in');
  assert.equal(readerMessage('is required', 'date'), 'enter a date');
  assert.equal(readerMessage('is required', 'tel'), 'enter a phone number');
  assert.equal(readerMessage('is required', 'select'), 'choose one');
  assert.equal(readerMessage('is required', 'choice'), 'choose one');
  assert.equal(readerMessage('is required', 'checkbox'), 'tick this to go on');
});

test('"must be ..." becomes enter or choose', () => {
  assert.equal(readerMessage('must be a valid email address', 'email'), 'enter a valid email address');
  assert.equal(readerMessage('must be a date in the past', 'date'), 'enter a date in the past');
  assert.equal(readerMessage('must be a phone number with 7 to 20 digits', 'tel'), 'enter a phone number with 7 to 20 digits');
  assert.equal(readerMessage('must be one of female, male, intersex, unknown', 'select'), 'choose one of female, male, intersex, unknown');
  assert.equal(readerMessage('must be at least 12 characters', 'password'), 'enter at least 12 characters');
  assert.equal(readerMessage('must be on or after 1900-01-01', 'date'), 'enter a date on or after 1900-01-01');
  assert.equal(readerMessage('must be 100 characters or fewer'), 'shorten this to 100 characters or fewer');
});

test('a message that says what to do already is left alone', () => {
  for (const m of ['enter a phone number or an email address so we can reach you', 'must be after the start',
    'This client already has an open episode of care; discharge or transfer it first.'])
    assert.equal(readerMessage(m), m);
  assert.equal(readerMessage(undefined), '');
});

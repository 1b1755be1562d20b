import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n';
import { browserTimeZone } from '../../time-zone';
import { phoneCheckNote, publicTimeZone } from './public-times';

/** Names the key and its parameters, so a test reads which sentence and what went in. */
const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

describe('publicTimeZone', () => {
  it.each([
    { case: 'the server’s zone', zone: 'Asia/Shanghai', shown: 'Asia/Shanghai' },
    { case: 'no zone yet: the browser’s', zone: null, shown: browserTimeZone() },
    { case: 'a zone this browser does not know: the browser’s', zone: 'Mars/Olympus_Mons', shown: browserTimeZone() },
  ])('$case', ({ zone, shown }) => {
    expect(publicTimeZone(zone)).toBe(shown);
  });
});

describe('phoneCheckNote', () => {
  const open = { verified: false, phoneCheckLocked: false, phoneCheckLockedUntil: null };
  it.each([
    { case: 'verified: nothing to say', result: { ...open, verified: true }, phoneGiven: true, zone: 'Asia/Shanghai', note: null },
    { case: 'no digits given', result: open, phoneGiven: false, zone: 'Asia/Shanghai', note: 'track.verifyHint' },
    { case: 'digits checked and wrong', result: open, phoneGiven: true, zone: 'Asia/Shanghai', note: 'track.notVerified' },
    {
      case: 'locked: when to try again, on the company’s clock, rounded up to the minute',
      result: { ...open, phoneCheckLocked: true, phoneCheckLockedUntil: '2026-03-01T04:52:30Z' },
      phoneGiven: true,
      zone: 'Asia/Shanghai',
      note: 'track.phoneCheckLocked {"time":"12:53"}',
    },
    {
      case: 'locked, the same instant for a company on UTC',
      result: { ...open, phoneCheckLocked: true, phoneCheckLockedUntil: '2026-03-01T04:52:30Z' },
      phoneGiven: true,
      zone: 'UTC',
      note: 'track.phoneCheckLocked {"time":"04:53"}',
    },
    {
      case: 'locked to the minute: not rounded further',
      result: { ...open, phoneCheckLocked: true, phoneCheckLockedUntil: '2026-03-01T15:59:00Z' },
      phoneGiven: true,
      zone: 'Asia/Shanghai',
      note: 'track.phoneCheckLocked {"time":"23:59"}',
    },
    {
      case: 'locked without an end time: an hour at most',
      result: { ...open, phoneCheckLocked: true },
      phoneGiven: true,
      zone: 'Asia/Shanghai',
      note: 'track.phoneCheckLockedHour',
    },
  ])('$case', ({ result, phoneGiven, zone, note }) => {
    expect(phoneCheckNote(t, result, phoneGiven, zone)).toBe(note);
  });
});

import Type from 'typebox';
import { MAX_PUBLIC_WAYBILLS, PUBLIC_WAYBILL_INPUT_MAX } from '../../domain/limits.js';
import { Nullable } from '../../http/schemas.js';
import { ParcelStory, Party } from '../shipments/schemas.js';

export const TrackQuery = Type.Object(
  {
    waybillNos: Type.Array(Type.String({ maxLength: PUBLIC_WAYBILL_INPUT_MAX }), {
      minItems: 1,
      maxItems: MAX_PUBLIC_WAYBILLS,
      description:
        'waybill numbers as typed: trimmed and upper-cased, a repeat asked once. One that is not a waybill number ' +
        '(6–32 letters, digits or dashes) does not refuse the lookup: its result says `invalid`',
    }),
    phoneLast4: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: "last 4 digits of the sender's or recipient's phone" })),
  },
  { additionalProperties: false },
);

export const TrackResult = Type.Object({
  waybillNo: Type.String(),
  found: Type.Boolean(),
  invalid: Type.Boolean({ description: 'not a waybill number at all (6–32 letters, digits or dashes); never looked up, so `found` is false' }),
  status: Nullable(Type.String()),
  statusLabel: Nullable(Type.String()),
  promisedAt: Nullable(Type.String({ format: 'date-time', description: 'the promised delivery time, kept or missed: the story says which' })),
  story: Nullable(ParcelStory),
  events: Type.Array(
    Type.Object({
      time: Type.String({ format: 'date-time' }),
      text: Type.String({ description: "the scan in the reader's language: the carrier's own words in Chinese, our words for its status in English" }),
      site: Nullable(Type.String()),
      carrierText: Nullable(
        Type.String({ description: "in English, the carrier's own words (Chinese), which may hold what the status does not say, such as a locker's pickup code; null in Chinese, where `text` is them" }),
      ),
    }),
  ),
  verified: Type.Boolean(),
  phoneCheckLocked: Type.Boolean({
    description:
      'digits were given but not checked: this waybill had too many wrong guesses within the hour (known or unknown ' +
      'waybill alike; never for an `invalid` one). `verified` is false whatever the digits',
  }),
  phoneCheckLockedUntil: Nullable(Type.String({ format: 'date-time', description: 'while `phoneCheckLocked`, when the check opens again' })),
  sender: Nullable(Party),
  recipient: Nullable(Party),
});

export const TrackResponse = Type.Object({
  timeZone: Type.String({ description: "the company's IANA time zone (e.g. Asia/Shanghai): the story's text is written in it, and a page shows every time in it" }),
  results: Type.Array(TrackResult),
});

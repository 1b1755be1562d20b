import Type from 'typebox';
import { WAYBILL_PATTERN } from '../../domain/limits.js';
import { Nullable } from '../../http/schemas.js';
import { EVENT_REJECTION_CODES } from './rejections.js';

export const MAX_EVENTS_PER_BATCH = 5000;

const WaybillNo = Type.String({ pattern: WAYBILL_PATTERN, description: '运单号, 6–32 letters, digits or dashes' });

export const ScanEvent = Type.Object(
  {
    waybillNo: WaybillNo,
    eventTime: Type.String({ format: 'date-time', description: 'ISO 8601 with offset' }),
    status: Type.String({ maxLength: 32, description: 'canonical status, e.g. in_transit' }),
    subStatus: Type.String({ maxLength: 32, description: 'canonical sub-status, e.g. arrived' }),
    site: Type.Optional(Nullable(Type.String({ maxLength: 128 }))),
    areaCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6}$' }))),
    courier: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    text: Type.String({ minLength: 1, maxLength: 1000, description: 'the scan as a person reads it' }),
    eventId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 128, description: "the scanner's own id" }))),
  },
  { additionalProperties: false },
);

export const EventBatch = Type.Object(
  { events: Type.Array(ScanEvent, { minItems: 1, maxItems: MAX_EVENTS_PER_BATCH }) },
  { additionalProperties: false },
);

export const IngestResult = Type.Object({
  received: Type.Integer(),
  stored: Type.Integer({ description: 'new events stored' }),
  duplicates: Type.Integer({ description: 'events already stored before (skipped)' }),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer({ description: "the event's position in `events`" }),
      code: Type.Enum(EVENT_REJECTION_CODES, { description: 'Stable machine-readable reason' }),
      reason: Type.String({ description: "The reason for a person, in the caller's language (Accept-Language)" }),
    }),
    { description: 'events not stored, by their index in the request; the rest of the batch is stored' },
  ),
  shipmentsUpdated: Type.Integer(),
  exceptionsRaised: Type.Integer(),
});

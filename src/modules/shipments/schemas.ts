import Type from 'typebox';
import { WAYBILL_PATTERN } from '../../domain/limits.js';
import { STORY_CODES } from '../../domain/tracking/story.js';
import { Nullable, PageQuery, Text } from '../../http/schemas.js';

const Code = (level: string) => Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6}$', description: `GB/T 2260 ${level} code` })));
export const WaybillNo = Type.String({ pattern: WAYBILL_PATTERN, description: '运单号' });

const PartyInput = Type.Object(
  {
    name: Text({ maxLength: 64 }),
    phone: Type.String({ pattern: '^[0-9+ -]{5,20}$' }),
    address: Text({ minLength: 2, maxLength: 256, description: 'address text; region codes are parsed from it when not given' }),
    provinceCode: Code('province'),
    cityCode: Code('city'),
    districtCode: Code('district'),
  },
  { additionalProperties: false },
);

export const ShipmentInput = Type.Object(
  {
    waybillNo: WaybillNo,
    sender: PartyInput,
    recipient: PartyInput,
    product: Type.Optional(Type.Enum(['standard', 'express', 'same_day', 'economy', 'international'])),
    weightG: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
    declaredValueFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_000_000_000 })),
    insured: Type.Optional(Type.Boolean()),
    insuranceFeeFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    freightFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    paymentTerm: Type.Optional(Type.Enum(['sender_pays', 'collect', 'monthly'])),
    monthlyAccount: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 32 }))),
  },
  { additionalProperties: false },
);

export const ShipmentBatch = Type.Object(
  { shipments: Type.Array(ShipmentInput, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

/** Why a shipment of a batch is listed in `rejected` (service.ts says each in zh-CN and en-US). */
export const REGISTRATION_REMARK_CODES = [
  /** not registered: a field holds a NUL or a lone surrogate (domain/text.ts) */
  'SHIPMENT_TEXT_INVALID',
  /** registered, but no time limit until the region is known */
  'SHIPMENT_SENDER_REGION_UNKNOWN',
  'SHIPMENT_RECIPIENT_REGION_UNKNOWN',
] as const;

export const RegisterResult = Type.Object({
  registered: Type.Integer(),
  rejected: Type.Array(
    Type.Object({
      index: Type.Integer({ description: "the shipment's position in `shipments`" }),
      code: Type.Enum(REGISTRATION_REMARK_CODES, {
        description: 'SHIPMENT_TEXT_INVALID: not registered; SHIPMENT_SENDER_REGION_UNKNOWN, SHIPMENT_RECIPIENT_REGION_UNKNOWN: registered without a time limit',
      }),
      reason: Type.String({ description: "for a person, in the caller's language (Accept-Language)" }),
    }),
  ),
});

export const Party = Type.Object({
  name: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  region: Nullable(Type.String()),
});

const Time = Nullable(Type.String({ format: 'date-time' }));

/** One story per parcel (domain/tracking/story.ts): the same code and words on every surface. */
export const ParcelStory = Type.Object(
  {
    code: Type.Enum([...STORY_CODES], { description: 'where the parcel stands: a stable code' }),
    title: Type.String({ description: "the story in a few words, in the caller's language (彻底延误（按丢失处理）)" }),
    text: Type.String({ description: "what happened and what happens next, times in the company's zone" }),
    since: Time,
    expectedBy: Nullable(Type.String({ format: 'date-time', description: 'still expected by: only a future promise of a parcel on its way' })),
    lateSince: Nullable(Type.String({ format: 'date-time', description: 'the promised time a parcel still out there has missed' })),
    completeDelayAt: Nullable(Type.String({ format: 'date-time', description: 'the complete-delay limit a lost parcel passed' })),
    signedAt: Nullable(Type.String({ format: 'date-time', description: 'when it was signed for (签收时间)' })),
    caseOpen: Type.Boolean({ description: 'an open ticket names the waybill: an agent will contact the customer' }),
  },
  { description: 'one story per parcel: the SMS, the public pages, the exception ticket and the staff page tell this one' },
);

export const ShipmentSummary = Type.Object({
  id: Type.String(),
  waybillNo: Type.String(),
  status: Type.String(),
  subStatus: Type.String(),
  routeClass: Nullable(Type.String()),
  product: Type.String(),
  sender: Party,
  recipient: Party,
  pickedUpAt: Time,
  promisedAt: Time,
  lastEventTime: Time,
  lastEventText: Nullable(Type.String()),
  lastSite: Nullable(Type.String()),
  openExceptions: Type.Array(Type.String()),
});

export const TrackingEvent = Type.Object({
  time: Type.String({ format: 'date-time' }),
  status: Type.String(),
  subStatus: Type.String(),
  site: Nullable(Type.String()),
  areaCode: Nullable(Type.String()),
  courier: Nullable(Type.String()),
  text: Type.String(),
  source: Type.String(),
});

export const ShipmentException = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  raisedAt: Type.String({ format: 'date-time' }),
  clearedAt: Time,
  site: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const Notification = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  template: Type.String(),
  locale: Type.String(),
  recipient: Type.String(),
  body: Type.String(),
  status: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Time,
});

export const ShipmentDetail = Type.Intersect([
  ShipmentSummary,
  Type.Object({
    weightG: Nullable(Type.Integer()),
    declaredValueFen: Nullable(Type.Integer()),
    insured: Type.Boolean(),
    insuranceFeeFen: Nullable(Type.Integer()),
    freightFen: Nullable(Type.Integer()),
    paymentTerm: Nullable(Type.String()),
    monthlyAccount: Nullable(Type.String()),
    completeDelayAt: Time,
    deliveredAt: Time,
    policyVersion: Nullable(Type.Integer()),
    feedNotice: Nullable(
      Type.Object(
        {
          feed: Type.String({ description: 'kuaidi100' }),
          status: Type.String({ description: "the feed's monitoring state: abort" }),
          message: Type.String({ description: "the feed's words, e.g. 3天查询无记录" }),
          carrier: Type.String(),
          carrierCorrectedFrom: Nullable(Type.String()),
          at: Type.String({ format: 'date-time' }),
        },
        { description: 'the carrier feed stopped monitoring this number (快递100 abort): re-subscribe or check the number and carrier' },
      ),
    ),
    canRevealPersonalData: Type.Boolean(),
    story: ParcelStory,
    events: Type.Array(TrackingEvent),
    exceptions: Type.Array(ShipmentException),
    notifications: Type.Array(Notification),
  }),
]);

export const ShipmentSearch = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 64, description: 'waybill number or phone number (exact), or a name: exact, or for a Chinese name its start (张 finds 张三)' })), ...PageQuery },
  { additionalProperties: false },
);
export const ShipmentPage = Type.Object({ items: Type.Array(ShipmentSummary), total: Type.Integer() });
export const WaybillParams = Type.Object({ waybillNo: WaybillNo }, { additionalProperties: false });
export const Revealed = Type.Object({ sender: Party, recipient: Party });

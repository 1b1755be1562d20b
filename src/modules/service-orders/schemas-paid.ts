/** Paid service's API shapes (TypeBox, in OpenAPI): quotations, acceptance, invoice, and the customer's page. Money in integer fen. */
import Type from 'typebox';
import { QUOTE_LIMITS, QUOTE_STATES } from '../../domain/service-orders/quotation.js';
import { LINE_KINDS, TAX_CATEGORIES } from '../../domain/service-orders/vat.js';
import { Nullable, Text, Uuid, Version } from '../../http/schemas.js';

const LocalDate = (description: string) => Type.String({ format: 'date', pattern: '^(19|2[0-9])[0-9]{2}-', description });
const Fen = (description: string) => Type.Integer({ minimum: 0, maximum: QUOTE_LIMITS.maxUnitPriceFen, description });

export const QuotationParams = Type.Object({ id: Uuid, quotationId: Uuid }, { additionalProperties: false });

export const QuoteLineInput = Type.Object(
  {
    kind: Type.Enum([...LINE_KINDS], { description: 'labour 人工费, parts 配件费, call_out 上门费, other 其他费用' }),
    description: Text({ maxLength: QUOTE_LIMITS.descriptionMax, description: '说明, e.g. 更换锁芯' }),
    quantity: Type.Number({ exclusiveMinimum: 0, maximum: QUOTE_LIMITS.maxQuantity, description: 'up to three decimals (1.5 hours)' }),
    unit: Text({ maxLength: 10, description: '件, 次, 小时' }),
    unitPriceFen: Fen('unit price before tax (不含税单价), fen'),
    taxCategory: Type.Enum([...TAX_CATEGORIES], { description: 'the VAT category: goods / repair 13 %, installation / transport 9 %, services 6 %' }),
  },
  { additionalProperties: false },
);

export const QuotationInput = Type.Object(
  {
    validUntil: LocalDate('the last local day the customer may confirm it'),
    needsHeadquartersPrice: Type.Optional(Type.Boolean({ description: '向总部询报价: a supervisor approves before it is sent' })),
    note: Type.Optional(Type.String({ maxLength: 500, description: 'internal note, never shown to the customer' })),
    lines: Type.Array(QuoteLineInput, { maxItems: QUOTE_LIMITS.maxLines, description: 'at least one line (QUOTE_NO_LINES)' }),
  },
  { additionalProperties: false },
);

export const QuotationEdit = Type.Object({ version: Version(), ...QuotationInput.properties }, { additionalProperties: false });

export const QuotationMove = Type.Object(
  {
    version: Version(),
    action: Type.Enum(['request_approval', 'approve', 'reject', 'send', 'revise', 'cancel'], { description: 'the desk’s steps; send answers with the customer’s link, shown once' }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const PhoneAnswer = Type.Object(
  { version: Version(), answer: Type.Enum(['confirm', 'decline']), note: Type.Optional(Type.String({ maxLength: 500, description: 'what the customer said; a decline’s reason' })) },
  { additionalProperties: false },
);

export const AcceptanceInput = Type.Object(
  {
    version: Version(),
    channel: Type.Enum(['on_site', 'phone'], { description: 'signed on site (现场签字) or told on the phone' }),
    acceptedBy: Text({ maxLength: 50, description: 'the customer’s name as signed or given' }),
    acceptedAt: Type.Optional(Type.String({ format: 'date-time', pattern: '^(19|2[0-9])[0-9]{2}-', description: 'default now; after the quotation was confirmed, not in the future' })),
    remarks: Type.Optional(Type.String({ maxLength: 500, description: '验收意见' })),
  },
  { additionalProperties: false },
);

export const VersionOnly = Type.Object({ version: Version() }, { additionalProperties: false });

const Line = Type.Object({
  position: Type.Integer(),
  kind: Type.String(),
  description: Type.String(),
  quantity: Type.Number(),
  unit: Type.String(),
  unitPriceFen: Type.Integer(),
  taxCategory: Type.String(),
  rateBp: Type.Integer({ description: 'basis points: 1300 = 13 %' }),
  amountFen: Type.Integer(),
  taxFen: Type.Integer(),
  grossFen: Type.Integer(),
});

const Platform = Type.Object({
  connected: Type.Boolean(),
  code: Type.String(),
  notice: Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() }),
});

const QuotationView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  state: Type.Enum([...QUOTE_STATES]),
  expired: Type.Boolean({ description: 'sent and past its last valid day: it can no longer be confirmed' }),
  validUntil: Type.String(),
  needsHeadquartersPrice: Type.Boolean(),
  note: Type.String(),
  lines: Type.Array(Line),
  totals: Type.Object({
    netFen: Type.Integer(),
    taxFen: Type.Integer(),
    grossFen: Type.Integer(),
    byRate: Type.Array(Type.Object({ rateBp: Type.Integer(), netFen: Type.Integer(), taxFen: Type.Integer() })),
    grossInWords: Type.String({ description: '价税合计（大写）' }),
  }),
  approval: Nullable(Type.Object({ requestedBy: Nullable(Type.String()), requestedAt: Type.String(), approvedBy: Nullable(Type.String()), approvedAt: Nullable(Type.String()) })),
  sentAt: Nullable(Type.String()),
  answer: Nullable(Type.Object({ answer: Type.Enum(['confirmed', 'declined']), channel: Type.String(), at: Type.String(), recordedBy: Nullable(Type.String()), reason: Nullable(Type.String()) })),
  acceptance: Nullable(Type.Object({ acceptedBy: Type.String(), at: Type.String(), channel: Type.String(), remarks: Nullable(Type.String()), recordedBy: Nullable(Type.String()) })),
  invoice: Nullable(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      issuedAt: Type.String(),
      netFen: Type.Integer(),
      taxFen: Type.Integer(),
      grossFen: Type.Integer(),
      platformStatus: Type.Enum(['pending', 'recorded', 'issued'], { description: 'recorded: kept in this system only, not issued on the tax platform' }),
      platformInvoiceNo: Nullable(Type.String()),
    }),
  ),
  allowed: Type.Array(Type.String(), { description: 'what the caller may do now: edit, the desk’s moves, answer_phone, accept, invoice, new_link' }),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
});

export const QuotationList = Type.Object({ platform: Platform, canCreate: Type.Boolean(), quotations: Type.Array(QuotationView) });

export const QuotationWritten = Type.Object({ id: Type.String(), number: Type.String(), state: Type.String(), version: Type.Integer() });

export const QuotationMoved = Type.Object({
  state: Type.Enum([...QUOTE_STATES]),
  version: Type.Integer(),
  link: Type.Optional(Type.Object({ token: Type.String(), path: Type.String({ description: 'the customer’s page; shown once, pass it on (SMS, WeChat)' }) })),
});

export const InvoiceWritten = Type.Object({
  state: Type.Literal('invoiced'),
  version: Type.Integer(),
  invoice: Type.Object({ id: Type.String(), number: Type.String(), grossFen: Type.Integer(), platformStatus: Type.String(), platformInvoiceNo: Nullable(Type.String()) }),
  platform: Platform,
});

// ---------------------------------------------------------------- the customer's page

export const QuoteLinkParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{32,64}$', description: 'the quotation’s link' }) }, { additionalProperties: false });
const PhoneLast4 = Type.String({ pattern: '^[0-9]{4}$', description: 'the last 4 digits of the customer’s phone' });

export const PublicQuoteCheck = Type.Object({ phoneLast4: PhoneLast4 }, { additionalProperties: false });
export const PublicQuoteAnswer = Type.Object(
  { phoneLast4: PhoneLast4, answer: Type.Enum(['confirm', 'decline']), reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const PublicVisitAcceptance = Type.Object(
  { phoneLast4: PhoneLast4, name: Text({ maxLength: 50, description: 'your name, as you would sign' }), remarks: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const PublicQuotation = Type.Object({
  number: Type.String(),
  notificationNo: Type.String(),
  subject: Type.String(),
  state: Type.Enum([...QUOTE_STATES]),
  expired: Type.Boolean(),
  validUntil: Type.String(),
  lines: Type.Array(
    Type.Object({
      position: Type.Integer(),
      kind: Type.String(),
      description: Type.String(),
      quantity: Type.Number(),
      unit: Type.String(),
      unitPriceFen: Type.Integer(),
      amountFen: Type.Integer(),
      rateBp: Type.Integer(),
      taxFen: Type.Integer(),
    }),
  ),
  totals: Type.Object({ netFen: Type.Integer(), taxFen: Type.Integer(), grossFen: Type.Integer(), grossInWords: Type.String() }),
  answeredAt: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
  canAnswer: Type.Boolean(),
  canAccept: Type.Boolean(),
  hotline: Nullable(Type.String()),
  timeZone: Type.String(),
});

export const PublicQuoteChanged = Type.Object({ state: Type.Enum([...QUOTE_STATES]) });


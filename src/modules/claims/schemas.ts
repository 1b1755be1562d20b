/** The claims API's shapes (TypeBox, in OpenAPI). Money is whole fen. */
import Type from 'typebox';
import { CLAIM_STATES, CLAIM_TYPES, EVIDENCE_ITEMS, MAX_AMOUNT_FEN } from '../../domain/claims/index.js';
import { WAYBILL_PATTERN } from '../../domain/limits.js';
import { Int32, Nullable, Text, Uuid, Version } from '../../http/schemas.js';

/** What a claim's page may offer the caller now (can.ts decides). */
export const CLAIM_CAN = [
  'attach_evidence',
  'review_evidence',
  'request_evidence',
  'override',
  'approve',
  'reject',
  'settle',
  'reverse',
  'responsibility',
  'chargeback',
] as const;
export type ClaimCan = (typeof CLAIM_CAN)[number];

const Fen = (description: string, minimum = 0) => Type.Integer({ minimum, maximum: MAX_AMOUNT_FEN, description });
const Reason = (description: string) => Text({ maxLength: 2000, description });

export const ClaimParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const EvidenceParams = Type.Object({ id: Uuid, evidenceId: Uuid }, { additionalProperties: false });
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the request’s key: a repeated request with it is answered, never paid again' })),
});

export const ClaimOpen = Type.Object(
  {
    waybillNo: Type.String({ pattern: WAYBILL_PATTERN, description: '运单号, one of the ticket’s waybills' }),
    type: Type.Enum([...CLAIM_TYPES]),
    claimantSide: Type.Enum(['sender', 'recipient']),
    claimedFen: Fen('the amount claimed', 1),
    description: Text({ maxLength: 4000 }),
    damagedShareBp: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'the share of the value lost, in basis points' })),
    assessedValueFen: Type.Optional(Fen('the contents’ value as the evidence shows it')),
    weightAtDeliveryGrams: Type.Optional(Int32({ minimum: 0 })),
    perishable: Type.Optional(Type.Boolean()),
    timeCritical: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Changed = Type.Object({ version: Type.Integer(), state: Type.Optional(Type.String()) });
export const Created = Type.Object({ id: Type.String(), version: Type.Integer() });

export const EvidenceAttach = Type.Object({ item: Type.Enum([...EVIDENCE_ITEMS]), attachmentId: Uuid }, { additionalProperties: false });
export const EvidenceReviewBody = Type.Object(
  { review: Type.Enum(['accepted', 'rejected']), reason: Type.Optional(Reason('why it is rejected (the customer is asked again)')) },
  { additionalProperties: false },
);
export const EvidenceRequest = Type.Object({ message: Reason('what the customer is asked to send'), version: Version() }, { additionalProperties: false });
export const OverrideBody = Type.Object({ amountFen: Fen('the amount instead of the proposal'), reason: Reason('why'), version: Version() }, { additionalProperties: false });
export const ApproveBody = Type.Object({ reason: Type.Optional(Reason('a note')), version: Version() }, { additionalProperties: false });
export const RejectBody = Type.Object({ reason: Reason('told to the customer with how to dispute and appeal'), version: Version() }, { additionalProperties: false });
export const SettleBody = Type.Object(
  {
    reference: Type.Optional(Text({ maxLength: 200, description: 'the payout’s bank / WeChat / Alipay reference (寄付, and 到付 beyond the freight to collect)' })),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'or the Idempotency-Key header' })),
  },
  { additionalProperties: false },
);
export const ReverseBody = Type.Object(
  { entryId: Uuid, reason: Reason('why the entry is reversed'), idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);
export const ResponsibilityBody = Type.Object({ station: Text({ maxLength: 200 }), reason: Reason('why this station'), version: Version() }, { additionalProperties: false });
export const ChargebackBody = Type.Object(
  { amountFen: Fen('charged back to the responsible station', 1), reason: Reason('the chargeback’s reference'), idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);

export const LedgerEntry = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  direction: Type.String(),
  amountFen: Type.Integer(),
  reference: Type.String(),
  station: Nullable(Type.String()),
  reversesEntryId: Nullable(Type.String()),
  createdAt: Type.String(),
});
export const LedgerResult = Type.Object({ replayed: Type.Boolean({ description: 'true: an earlier request with this key already did it; these are its entries' }), entries: Type.Array(LedgerEntry) });

/** One of a claim's clocks (domain/claims/clocks.ts) on the SLA clock machine. */
export const ClaimClock = Type.Object({
  kind: Type.Enum(['answer', 'payment', 'complaint_ceiling'], { description: 'answer: 1 working day from complete evidence; payment: 7 days from approval; complaint_ceiling: 7 days from filing (statutory)' }),
  basis: Type.Enum(['calendar', 'business']),
  targetMinutes: Type.Integer(),
  status: Type.Enum(['running', 'warning', 'breached', 'paused', 'met', 'missed']),
  startedAt: Type.String(),
  dueAt: Nullable(Type.String({ description: 'null while paused or stopped' })),
  warnedAt: Nullable(Type.String()),
  breachedAt: Nullable(Type.String()),
  pausedAt: Nullable(Type.String()),
  stoppedAt: Nullable(Type.String()),
  usedMinutes: Type.Number(),
});

export const ClaimSummary = Type.Object({
  id: Type.String(),
  waybillNo: Type.String(),
  ticketId: Type.String(),
  type: Type.String(),
  state: Type.String(),
  claimedFen: Type.Integer(),
  proposedFen: Type.Integer(),
  overrideFen: Nullable(Type.Integer()),
  approvedFen: Nullable(Type.Integer()),
  claimantSide: Type.String({ description: 'sender or recipient' }),
  claimant: Nullable(Type.String({ description: 'the claimant’s name on the parcel, masked' })),
  requiredLevel: Type.String(),
  station: Nullable(Type.String()),
  createdAt: Type.String(),
  version: Type.Integer(),
});

export const ClaimDetail = Type.Intersect([
  ClaimSummary,
  Type.Object({
    description: Type.String(),
    facts: Type.Record(Type.String(), Type.Unknown()),
    policyVersion: Type.Integer(),
    proposal: Type.Object({
      totalFen: Type.Integer(),
      treatedAsLoss: Type.Boolean(),
      lines: Type.Array(Type.Object({ code: Type.String(), amountFen: Type.Integer(), source: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()), text: Type.String() })),
    }),
    override: Nullable(Type.Object({ amountFen: Type.Integer(), reason: Type.String(), by: Nullable(Type.String()) })),
    decision: Nullable(Type.Object({ by: Nullable(Type.String()), at: Type.String(), reason: Nullable(Type.String()), approvedFen: Nullable(Type.Integer()) })),
    evidenceRequestedAt: Nullable(Type.String()),
    checklist: Type.Array(Type.Object({ item: Type.String(), required: Type.Boolean(), source: Type.String() })),
    evidenceMissing: Type.Array(Type.Object({ item: Type.String(), why: Type.String() })),
    evidence: Type.Array(
      Type.Object({
        id: Type.String(),
        item: Type.String(),
        attachmentId: Type.String(),
        review: Type.String(),
        reviewReason: Nullable(Type.String()),
        reviewedBy: Nullable(Type.String()),
        reviewedAt: Nullable(Type.String()),
        createdAt: Type.String(),
      }),
    ),
    responsibility: Type.Object({
      proposedStation: Nullable(Type.String()),
      proposedBasis: Nullable(Type.String()),
      station: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      by: Nullable(Type.String()),
      at: Nullable(Type.String()),
    }),
    ledger: Type.Array(LedgerEntry),
    can: Type.Array(Type.Enum([...CLAIM_CAN]), { description: 'what the caller may do to it now; the console shows only these buttons' }),
    clocks: Type.Array(ClaimClock, { description: 'the claim’s clocks (complaint ceiling, answer, payment) as far as they have started' }),
  }),
]);

export const ClaimClockAlert = Type.Object({
  claimId: Type.String(),
  waybillNo: Type.String(),
  ticketId: Type.String(),
  type: Type.String(),
  state: Type.String(),
  clock: ClaimClock,
});
export const ClaimClockBoard = Type.Object({
  breached: Type.Array(ClaimClockAlert),
  atRisk: Type.Array(ClaimClockAlert),
  counts: Type.Object({ breached: Type.Integer(), atRisk: Type.Integer() }),
});

export const ClaimList = Type.Object(
  {
    state: Type.Optional(Type.Enum([...CLAIM_STATES])),
    type: Type.Optional(Type.Enum([...CLAIM_TYPES])),
    minFen: Type.Optional(Fen('claimed at least')),
    maxFen: Type.Optional(Fen('claimed at most')),
    station: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    olderThanDays: Type.Optional(Int32({ minimum: 0, maximum: 3650 })),
    waybill: Type.Optional(Type.String({ pattern: WAYBILL_PATTERN, description: 'exact waybill' })),
    page: Type.Optional(Int32({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Int32({ minimum: 1, maximum: 100 })),
    before: Type.Optional(Type.String({ format: 'uuid', description: 'keyset paging: the id of the last claim of the page read; the next page starts after it (page is then not used)' })),
  },
  { additionalProperties: false },
);

/** The approval inbox a page at a time, oldest first (a page of 200 cost the server four times a page of 50). */
export const INBOX_PAGE_SIZE = 50;
export const ClaimInboxQuery = Type.Object(
  {
    pageSize: Type.Optional(Int32({ minimum: 1, maximum: 200, description: `claims per page (default ${INBOX_PAGE_SIZE})` })),
    after: Type.Optional(Type.String({ format: 'uuid', description: 'keyset paging: the id of the last claim of the page read; the next page starts after it' })),
  },
  { additionalProperties: false },
);

export const ChargebackQuery = Type.Object(
  { month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, the company’s time zone' }), station: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);
export const ChargebackList = Type.Object({
  month: Type.String(),
  stations: Type.Array(
    Type.Object({
      station: Type.String(),
      totalFen: Type.Integer(),
      entries: Type.Array(
        Type.Object({ id: Type.String(), claimId: Type.String(), waybillNo: Type.String(), type: Type.String(), kind: Type.String(), amountFen: Type.Integer(), reference: Type.String(), createdBy: Nullable(Type.String({ description: 'who entered it (display name)' })), createdAt: Type.String() }),
      ),
    }),
  ),
});

// The customer's side (routes-public.ts): after the phone check, then the ticket's secret link.
const PhoneLast4 = Type.String({ pattern: '^[0-9]{4}$', description: 'the last 4 digits of the sender’s or the recipient’s phone' });
const LinkToken = Type.String({ pattern: '^[A-Za-z0-9_-]{32,64}$', description: 'the ticket’s secret link' });

export const PublicClaimOpen = Type.Object(
  {
    waybillNo: Type.String({ pattern: WAYBILL_PATTERN }),
    phoneLast4: PhoneLast4,
    side: Type.Optional(Type.Enum(['sender', 'recipient'], { description: 'which party files, when the digits are both the sender’s and the recipient’s' })),
    type: Type.Enum([...CLAIM_TYPES]),
    claimedYuan: Type.String({ minLength: 1, maxLength: 20, description: 'the amount claimed in yuan as typed, up to two decimals (stored in fen)' }),
    description: Text({ maxLength: 2000, description: 'what happened' }),
  },
  { additionalProperties: false },
);
export const PublicClaimOpened = Type.Object({
  ticketNumber: Type.String(),
  token: Type.String({ description: 'the secret link to follow the claim and its ticket; keep it' }),
  joined: Type.Boolean({ description: 'the claim went to the customer’s claim case about this parcel that is still open (its number)' }),
  claimId: Type.String(),
  state: Type.String(),
});
export const PublicClaimLookup = Type.Object({ waybillNo: Type.String({ pattern: WAYBILL_PATTERN }), phoneLast4: PhoneLast4 }, { additionalProperties: false });
export const PublicClaimLookupResult = Type.Object({
  timeZone: Type.String(),
  claims: Type.Array(Type.Object({ id: Type.String(), type: Type.String(), state: Type.String(), claimedFen: Type.Integer(), createdAt: Type.String(), token: Type.String() })),
});
export const PublicLinkParams = Type.Object({ token: LinkToken }, { additionalProperties: false });
export const PublicClaimParams = Type.Object({ token: LinkToken, claimId: Uuid }, { additionalProperties: false });
export const PublicEvidenceQuery = Type.Object({ item: Type.Enum([...EVIDENCE_ITEMS]) }, { additionalProperties: false });
export const PublicDisputeBody = Type.Object({ reason: Reason('why the customer does not accept the offer or the rejection') }, { additionalProperties: false });
export const PublicChanged = Type.Object({ state: Type.String(), version: Type.Integer() });
export const PublicEvidenceAdded = Type.Object({
  attachment: Type.Object({ id: Type.String(), fileName: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer(), byCustomer: Type.Boolean(), createdAt: Type.String() }),
  evidenceId: Type.String(),
  item: Type.String(),
  version: Type.Integer(),
});

/** A claim as its customer reads it: no internal notes, station, chargeback, reviewer or decider. */
export const PublicClaim = Type.Object({
  id: Type.String(),
  waybillNo: Type.String(),
  type: Type.String(),
  state: Type.String(),
  claimantSide: Type.String(),
  openedBy: Type.Enum(['customer', 'staff', 'system']),
  claimedFen: Type.Integer(),
  description: Type.String(),
  createdAt: Type.String(),
  version: Type.Integer(),
  checklist: Type.Array(
    Type.Object({
      item: Type.String(),
      required: Type.Boolean(),
      uploads: Type.Array(Type.Object({ id: Type.String(), fileName: Type.String(), review: Type.String(), reviewReason: Nullable(Type.String()), at: Type.String() })),
    }),
  ),
  evidenceMissing: Type.Array(Type.Object({ item: Type.String(), why: Type.String() })),
  acceptsEvidence: Type.Boolean(),
  offer: Nullable(
    Type.Object({
      approvedFen: Type.Integer(),
      payment: Type.Array(Type.Object({ kind: Type.String({ description: 'payout, deduction (from the freight to collect) or credit_note (月结)' }), amountFen: Type.Integer() })),
      payWithinDays: Type.Integer(),
      acceptedAt: Nullable(Type.String()),
    }),
  ),
  rejection: Nullable(Type.Object({ reason: Type.String(), notice: Type.String({ description: 'the reason, the dispute and the appeal to the postal regulator (12305), in the caller’s language' }) })),
  dispute: Nullable(Type.Object({ reason: Type.String(), at: Type.String() })),
  paid: Type.Array(Type.Object({ kind: Type.String(), amountFen: Type.Integer(), at: Type.String() })),
  canAccept: Type.Boolean(),
  canDispute: Type.Boolean(),
});
export const PublicClaims = Type.Object({ ticketNumber: Type.String(), timeZone: Type.String({ description: 'the company’s time zone, the one the page shows times in' }), claims: Type.Array(PublicClaim) });

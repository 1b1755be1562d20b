import Type from 'typebox';
import {
  BULK_ASSIGN_MAX,
  CUSTOMER_NAME_MAX,
  DEPARTMENT_TEXT_MAX,
  DUTY_CAPACITY_MAX,
  PAGE_SIZE_MAX,
  PUBLIC_TEXT_MAX,
  PUBLIC_TEXT_MIN,
  RATING_REASON_MAX,
  TICKET_NOTE_MAX,
  TICKET_REASON_MAX,
  TICKET_REASON_MIN,
  TICKET_SEARCH_MAX,
  TICKET_SUBJECT_MAX,
  TICKET_TEXT_MAX,
  WAYBILL_PATTERN,
} from '../../domain/limits.js';
import { ROLES } from '../../domain/roles.js';
import { CHANNELS, TICKET_STATUSES } from '../../domain/tickets/lifecycle.js';
import { SEARCH_MATCHES } from '../../domain/tickets/search.js';
import { RELEASE_STATUSES } from '../../domain/phrases/release.js';
import { Nullable, Text, Uuid, Version as VersionOf } from '../../http/schemas.js';

export const TICKET_KIND_VALUES = ['query', 'complaint', 'claim', 'suggestion', 'service_request', 'exception'] as const;
export const PRIORITY_VALUES = ['low', 'normal', 'high', 'urgent'] as const;

const Time = Type.String({ format: 'date-time' });
const MaybeTime = Nullable(Time);
const Waybill = Type.String({ pattern: WAYBILL_PATTERN, description: '运单号' });
const Phone = Type.String({ pattern: '^[0-9+ -]{5,20}$', description: 'phone number; stored as digits, searched exactly' });
const Version = VersionOf();
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' });

export const TicketKind = Type.Enum([...TICKET_KIND_VALUES]);
export const Priority = Type.Enum([...PRIORITY_VALUES]);
export const Status = Type.Enum([...TICKET_STATUSES]);
export const Channel = Type.Enum([...CHANNELS.filter((c) => c !== 'system')]);

export const TicketParams = Type.Object({ id: Uuid }, { additionalProperties: false });

const CustomerInput = {
  customerName: Type.Optional(Text({ maxLength: CUSTOMER_NAME_MAX })),
  customerPhone: Type.Optional(Phone),
};

export const TicketCreate = Type.Object(
  {
    kind: TicketKind,
    subject: Text({ maxLength: TICKET_SUBJECT_MAX }),
    description: Type.Optional(Text({ maxLength: TICKET_TEXT_MAX })),
    channel: Channel,
    priority: Type.Optional(Priority),
    waybillNos: Type.Optional(Type.Array(Waybill, { maxItems: 20, uniqueItems: true })),
    ...CustomerInput,
    categoryCode: Type.Optional(Code),
    confidential: Type.Optional(Type.Boolean()),
    /** an answer given on the spot (phone, walk-in): recorded as the first public reply, checked for forbidden phrases */
    answer: Type.Optional(Text({ maxLength: TICKET_TEXT_MAX })),
    acknowledgeWarnings: Type.Optional(Type.Boolean()),
    followUp: Type.Optional(
      Type.Object(
        {
          ticketId: Uuid,
          as: Type.Enum(['join', 'separate'], {
            description: 'join: the contact goes on that case (its owner keeps it); separate: a new ticket beside it, linked, for its owner',
          }),
        },
        {
          additionalProperties: false,
          description: 'the answer to 409 TICKET_OPEN_CASE: what to do with the open case of this customer or waybill (首问负责制)',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const TicketCreated = Type.Object({
  id: Type.String({ description: 'the new ticket, or the case the contact joined' }),
  number: Type.String(),
  version: Type.Integer(),
  outcome: Type.Enum(['created', 'joined', 'linked'], { description: 'a new ticket; the contact joined an open case; a new ticket beside an open case' }),
  ownerName: Nullable(Type.String({ description: 'who owns it now' })),
});

export const OpenCase = Type.Object({
  id: Type.String(),
  number: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  subject: Type.String(),
  ownerName: Nullable(Type.String()),
  teamName: Nullable(Type.String()),
  waybillNos: Type.Array(Type.String()),
  suggestion: Nullable(Type.Enum(['join', 'link'], { description: 'what the rule would do with this case: join it, or open a ticket beside it' })),
});

export const OpenCasesQuery = Type.Object(
  {
    waybillNos: Type.Optional(Type.String({ maxLength: 20 * 41, description: 'waybill numbers, comma-separated' })),
    customerPhone: Type.Optional(Phone),
    kind: Type.Optional(TicketKind),
    confidential: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const OpenCases = Type.Object({
  plan: Type.Enum(['join', 'link', 'new'], { description: 'join an open case, open a ticket beside one, or a new ticket as usual' }),
  cases: Type.Array(OpenCase),
});

export const ContactRecorded = Type.Object({
  id: Type.String(),
  ticketId: Nullable(Type.String({ description: 'the ticket the contact is on: the one named, or the open case it joined' })),
  ticketNumber: Nullable(Type.String()),
  joined: Type.Boolean({ description: 'no ticket was named and the contact joined the customer’s open case' }),
});

export const ContactCreate = Type.Object(
  {
    channel: Channel,
    ...CustomerInput,
    waybillNos: Type.Optional(Type.Array(Waybill, { maxItems: 20, uniqueItems: true })),
    question: Text({ maxLength: TICKET_TEXT_MAX }),
    answer: Type.Optional(Text({ maxLength: TICKET_TEXT_MAX })),
    /** attach the contact to an existing ticket (the customer calls again about it) */
    ticketId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const Contact = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  customerName: Nullable(Type.String()),
  customerPhone: Nullable(Type.String({ description: 'masked' })),
  waybillNos: Type.Array(Type.String()),
  question: Type.String(),
  answer: Type.String(),
  agentName: Nullable(Type.String()),
  ticketId: Nullable(Type.String()),
  ticketNumber: Nullable(Type.String()),
  createdAt: Time,
});

export const ClockView = Type.Object({
  kind: Type.String(),
  basis: Type.String(),
  targetMinutes: Type.Integer(),
  status: Type.Enum(['running', 'warning', 'breached', 'paused', 'met', 'missed']),
  startedAt: Time,
  dueAt: MaybeTime,
  warnedAt: MaybeTime,
  breachedAt: MaybeTime,
  stoppedAt: MaybeTime,
  usedMinutes: Type.Number(),
});

export const TicketSummary = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'ticket number shown to people, e.g. 100123' }),
  kind: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  subject: Type.String(),
  channel: Type.String(),
  customerName: Nullable(Type.String()),
  customerPhone: Nullable(Type.String({ description: 'masked' })),
  waybillNos: Type.Array(Type.String()),
  teamId: Nullable(Type.String()),
  teamName: Nullable(Type.String()),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  confidential: Type.Boolean(),
  dueAt: Nullable(Time, ),
  breached: Type.Boolean({ description: 'a running clock is past due' }),
  createdAt: Time,
  updatedAt: Time,
  /** A search result says how it matched (domain/tickets/search.ts): the order of the results. */
  match: Type.Optional(
    Type.Enum([...SEARCH_MATCHES], {
      description:
        'search only, best first: exact (ticket, waybill or phone number), name (full), phone_suffix (last 4 digits), name_part (surname, start of the name, given name), text',
    }),
  ),
  followUpAt: Nullable(
    Type.String({
      format: 'date-time',
      description: 'a follow-up joined this case (or a ticket was routed to its owner beside it) and the owner has not opened it since (首问负责制)',
    }),
  ),
  version: Type.Integer({ description: 'the version a command on it (or a bulk move) names' }),
});

export const TicketPage = Type.Object({
  items: Type.Array(TicketSummary),
  /** opaque cursor for the next page (keyset paging; no offset scans at a million tickets) */
  nextCursor: Nullable(Type.String()),
});

export const TicketList = Type.Object(
  {
    view: Type.Optional(
      Type.Enum(['mine', 'team', 'open', 'unassigned', 'breached', 'at_risk', 'search'], {
        description:
          'mine: my open tickets by urgency; team: my team’s open tickets; open: every open ticket (supervisors); unassigned; breached / at_risk: the SLA board; search: needs q',
      }),
    ),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: TICKET_SEARCH_MAX, description: 'ticket no. (with or without #), waybill no., phone or its last 4 digits, customer name, surname or given name, or Chinese words; best match first' })),
    status: Type.Optional(Status),
    kind: Type.Optional(TicketKind),
    teamId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Text the system wrote, as data to word in the reader's language (presenter.ts SystemText). */
const SystemText = Type.Union(
  [
    Type.Object({ key: Type.Enum(['exceptionFound', 'exceptionRaisedPriority']), exceptionKind: Type.String(), site: Nullable(Type.String()) }),
    Type.Object({ key: Type.Enum(['ticketClosed', 'callbackUnsatisfied']) }),
    Type.Object({ key: Type.Literal('mergedInto'), number: Type.String() }),
    Type.Null(),
  ],
  { description: 'text the system wrote (the body, stored in Chinese) as data to word in the reader’s language' },
);

export const TimelineEntry = Type.Object({
  id: Type.String(),
  at: Time,
  actorKind: Type.Enum(['staff', 'customer', 'system'], {
    description: 'who wrote it: a member of staff, the customer, or the system (routing, clocks, the exception job); name it in the reader’s language',
  }),
  actorName: Type.String({ description: 'staff: their name; customer: their name, masked; system: empty' }),
  kind: Type.String({
    description:
      'created, contact, reply, note, customer_reply, status, priority, transfer, take, escalate, department_request, department_reply, merged, clock_warning, clock_breach, exception, notification, resolved, closed, reopened, callback_scheduled, callback_attempt, callback_done, callback_cancelled, rating, attachment, edit, phrase_release_requested, phrase_release_approved, phrase_release_declined (staff only)',
  }),
  visibility: Type.Enum(['public', 'internal']),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  body: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  systemText: SystemText,
});

export const DepartmentRequest = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  ticketNumber: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  question: Type.String(),
  askedByName: Nullable(Type.String()),
  askedAt: Time,
  dueAt: MaybeTime,
  reply: Nullable(Type.String()),
  repliedByName: Nullable(Type.String()),
  repliedAt: MaybeTime,
});

export const Callback = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  ticketNumber: Type.String(),
  subject: Type.String(),
  customerName: Nullable(Type.String()),
  customerPhone: Nullable(Type.String({ description: 'masked' })),
  scheduledFor: Time,
  assigneeName: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  note: Nullable(Type.String()),
  doneAt: MaybeTime,
  attempts: Type.Integer({
    minimum: 0,
    description: 'calls recorded on this callback; 联系不上 (unreachable) keeps it pending, scheduledFor moved to the next callback window, until the last attempt',
  }),
  lastAttemptAt: MaybeTime,
  lastAttemptByName: Nullable(Type.String()),
  lastAttemptNote: Nullable(Type.String()),
  /** the caller may see this ticket's customer unmasked (POST /api/tickets/{id}/customer/reveal) */
  canRevealCustomer: Type.Boolean(),
  /** the caller may record this callback (POST /api/callbacks/{id}/complete): its assignee, the ticket's owner, a supervisor */
  canRecord: Type.Boolean(),
});

export const Attachment = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  byCustomer: Type.Boolean(),
  createdAt: Time,
});

export const Notice = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  recipient: Type.String({ description: 'masked' }),
  body: Type.String(),
  status: Type.String(),
  createdAt: Time,
  sentAt: MaybeTime,
});

export const ShipmentBrief = Type.Object({
  waybillNo: Type.String(),
  known: Type.Boolean(),
  status: Nullable(Type.String()),
  subStatus: Nullable(Type.String()),
  promisedAt: MaybeTime,
  lastEventText: Nullable(Type.String()),
  lastEventTime: MaybeTime,
});

/** A blocked reply held for a supervisor's release (domain/phrases/release.ts), a 质检 record. */
export const PhraseRelease = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  ticketNumber: Type.String(),
  ticketSubject: Type.String(),
  status: Type.Enum([...RELEASE_STATUSES], { description: 'pending: held, not sent; approved: sent as written; declined: not sent, with a reason' }),
  /** the reply as the agent wrote it */
  body: Type.String(),
  phrases: Type.Array(Type.Object({ phrase: Type.String(), category: Type.String(), excerpt: Type.String() }), { description: 'what the guard matched' }),
  note: Nullable(Type.String({ description: 'why the agent believes it a false block' })),
  requestedById: Type.String(),
  requestedByName: Type.String(),
  requestedAt: Time,
  decidedByName: Nullable(Type.String()),
  decidedAt: MaybeTime,
  declineReason: Nullable(Type.String()),
  /** the caller may approve or decline it now: a supervisor, not the one who asked, while it waits */
  canDecide: Type.Boolean(),
});

export const PhraseReleaseList = Type.Object(
  {
    status: Type.Optional(Type.Enum(['pending', 'approved', 'declined', 'all'], { default: 'pending' })),
    mine: Type.Optional(Type.Boolean({ description: 'only my own requests (supervisors see everyone’s otherwise; others always only their own)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX, default: 50 })),
  },
  { additionalProperties: false },
);

export const PhraseReleaseCreate = Type.Object(
  {
    body: Text({ maxLength: TICKET_TEXT_MAX, description: 'the public reply the guard blocked, as written' }),
    note: Type.Optional(Type.String({ maxLength: TICKET_REASON_MAX, description: 'why it is a false block' })),
  },
  { additionalProperties: false },
);

export const PhraseReleaseCreated = Type.Object({ id: Type.String(), version: Type.Integer({ description: 'the ticket’s new version' }) });

export const PhraseReleaseDecline = Type.Object({ reason: Text({ maxLength: TICKET_REASON_MAX, minLength: TICKET_REASON_MIN }) }, { additionalProperties: false });

export const PhraseReleaseDecided = Type.Object({
  status: Type.Enum(['approved', 'declined']),
  version: Type.Integer({ description: 'the ticket’s new version' }),
});

export const TicketDetail = Type.Object({
  ...TicketSummary.properties,
  description: Type.String(),
  categoryCode: Nullable(Type.String()),
  causeCode: Nullable(Type.String()),
  customerId: Nullable(Type.String()),
  customerTier: Type.String(),
  mergedIntoId: Nullable(Type.String()),
  firstResponseAt: MaybeTime,
  resolvedAt: MaybeTime,
  closedAt: MaybeTime,
  closeReason: Nullable(Type.String()),
  rating: Nullable(Type.Integer()),
  ratingReason: Nullable(Type.String()),
  version: Type.Integer(),
  clocks: Type.Array(ClockView),
  shipments: Type.Array(ShipmentBrief),
  timeline: Type.Array(TimelineEntry),
  departmentRequests: Type.Array(DepartmentRequest),
  callbacks: Type.Array(Callback),
  attachments: Type.Array(Attachment),
  notifications: Type.Array(Notice),
  /** earlier contacts and tickets about the same waybills or customer: nobody explains twice */
  related: Type.Object({ tickets: Type.Array(TicketSummary), contacts: Type.Array(Contact) }),
  /** what the caller may do now; the console shows only these buttons */
  can: Type.Array(Type.String()),
  /** the caller may see the customer unmasked (POST /api/tickets/{id}/customer/reveal, audited) */
  canRevealCustomer: Type.Boolean(),
  /** blocked replies held for a supervisor's release, newest first (staff only) */
  phraseReleases: Type.Array(PhraseRelease),
});

/** A ticket's customer unmasked (docs/product.md §5): the number to dial and the name to say. */
export const RevealedCustomer = Type.Object({
  customerName: Nullable(Type.String()),
  customerPhone: Nullable(Type.String()),
});

export const Reply = Type.Object(
  {
    body: Text({ maxLength: TICKET_TEXT_MAX }),
    visibility: Type.Enum(['public', 'internal'], { description: 'public: to the customer; internal: a note for colleagues' }),
    version: Version,
    seenEventId: Type.Optional(
      Type.String({
        pattern: '^[0-9]{1,18}$',
        description:
          'the newest timeline entry you had on screen: written from a stale version, the reply still goes out when everything after this entry only relabelled the ticket (priority, an edit, a clock warning or breach); a message, status change or transfer since gives 409 CONFLICT_STALE_VERSION',
      }),
    ),
    /** in "warn" mode, send even though forbidden phrases were found (each hit is recorded) */
    acknowledgeWarnings: Type.Optional(Type.Boolean()),
    /** the standard phrase the reply started from, for quality checks */
    templateKey: Type.Optional(Type.String({ maxLength: 64 })),
    /** after a public reply, wait for the customer (pauses the resolution clock) */
    waitForCustomer: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const StatusChange = Type.Object(
  { status: Type.Enum(['open', 'pending_customer']), version: Version, note: Type.Optional(Text({ maxLength: TICKET_NOTE_MAX })) },
  { additionalProperties: false },
);

export const Transfer = Type.Object(
  {
    toUserId: Type.Optional(Uuid),
    toTeamId: Type.Optional(Uuid),
    reason: Text({ maxLength: TICKET_REASON_MAX, minLength: TICKET_REASON_MIN }),
    version: Version,
  },
  { additionalProperties: false },
);

export const BulkAssign = Type.Object(
  {
    items: Type.Array(Type.Object({ id: Uuid, version: Version }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: BULK_ASSIGN_MAX,
      description: 'the tickets to move, each with the version the supervisor read; moved in this order',
    }),
    toUserId: Type.Optional(Uuid),
    toTeamId: Type.Optional(Uuid),
    reason: Text({ maxLength: TICKET_REASON_MAX, minLength: TICKET_REASON_MIN }),
    overCapacity: Type.Optional(Type.Boolean({ description: 'move to the person even past their capacity (recorded on each timeline)' })),
  },
  { additionalProperties: false },
);

export const BulkAssignResult = Type.Object({
  moved: Type.Integer(),
  refused: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      outcome: Type.Enum(['moved', 'refused']),
      number: Nullable(Type.String({ description: 'moved: the ticket’s number (a refused one is not named: it may be a ticket the caller may not read)' })),
      version: Nullable(Type.Integer({ description: 'moved: the ticket’s new version' })),
      ownerName: Nullable(Type.String()),
      teamName: Nullable(Type.String()),
      code: Nullable(Type.String({ description: 'refused: the error code it would have had alone (TICKET_NOT_FOUND, FORBIDDEN, CONFLICT_STALE_VERSION, AGENT_AT_CAPACITY …)' })),
      message: Nullable(Type.String()),
    }),
  ),
});

export const Escalate = Type.Object({ reason: Text({ maxLength: TICKET_REASON_MAX, minLength: TICKET_REASON_MIN }), version: Version }, { additionalProperties: false });

export const AskDepartment = Type.Object(
  { departmentId: Uuid, question: Text({ maxLength: DEPARTMENT_TEXT_MAX, minLength: TICKET_REASON_MIN }), version: Version },
  { additionalProperties: false },
);

export const DepartmentReply = Type.Object({ reply: Text({ maxLength: DEPARTMENT_TEXT_MAX, minLength: TICKET_REASON_MIN }) }, { additionalProperties: false });

export const Resolve = Type.Object(
  {
    /** the public answer that resolves it; optional when the last reply already said so */
    reply: Type.Optional(Text({ maxLength: TICKET_TEXT_MAX })),
    causeCode: Type.Optional(Code),
    version: Version,
    acknowledgeWarnings: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Close = Type.Object(
  { reason: Type.Optional(Text({ maxLength: TICKET_REASON_MAX, minLength: TICKET_REASON_MIN })), version: Version },
  { additionalProperties: false },
);

export const Reopen = Type.Object({ reason: Text({ maxLength: TICKET_REASON_MAX, minLength: TICKET_REASON_MIN }), version: Version }, { additionalProperties: false });

export const Merge = Type.Object(
  { intoTicketId: Uuid, version: Version },
  { additionalProperties: false },
);

export const TicketEdit = Type.Object(
  {
    priority: Type.Optional(Priority),
    categoryCode: Type.Optional(Nullable(Code)),
    causeCode: Type.Optional(Nullable(Code)),
    confidential: Type.Optional(Type.Boolean()),
    subject: Type.Optional(Text({ maxLength: TICKET_SUBJECT_MAX })),
    waybillNos: Type.Optional(Type.Array(Waybill, { maxItems: 20, uniqueItems: true })),
    version: Version,
  },
  { additionalProperties: false },
);

export const CallbackComplete = Type.Object(
  {
    outcome: Type.Enum(['satisfied', 'unsatisfied', 'unreachable']),
    note: Type.Optional(Text({ maxLength: TICKET_NOTE_MAX })),
  },
  { additionalProperties: false },
);

export const CallbackCompleted = Type.Object({
  ticketId: Type.String(),
  attempts: Type.Integer({ minimum: 1, description: 'calls recorded on the callback, this one included' }),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time', description: 'unreachable before the last attempt: when the customer is to be called again; null once the callback is done' })),
  outcome: Nullable(
    Type.Enum(['satisfied', 'unsatisfied', 'unreachable'], {
      description: 'what the callback was settled as: satisfied or unreachable (the last unanswered attempt) closed the ticket, unsatisfied reopened it; null while it stays pending',
    }),
  ),
});

export const CallbackList = Type.Object(
  { due: Type.Optional(Type.Boolean({ description: 'only callbacks not done yet' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX })) },
  { additionalProperties: false },
);

export const DutyView = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  departmentId: Nullable(Type.String()),
  onDuty: Type.Boolean(),
  capacity: Type.Integer(),
  openTickets: Type.Integer(),
});

export const DutyUpdate = Type.Object(
  { onDuty: Type.Boolean(), capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: DUTY_CAPACITY_MAX })) },
  { additionalProperties: false },
);

export const Board = Type.Object({
  breached: Type.Array(TicketSummary),
  atRisk: Type.Array(TicketSummary),
  counts: Type.Object({
    open: Type.Integer(),
    unassigned: Type.Integer(),
    breached: Type.Integer(),
    atRisk: Type.Integer(),
    pendingDepartment: Type.Integer(),
    callbacksPending: Type.Integer({ description: 'callbacks not made yet (what /api/callbacks lists by default)' }),
    callbacksDue: Type.Integer({ description: 'of those, the ones whose scheduled time has come' }),
  }),
  byTeam: Type.Array(Type.Object({ teamId: Nullable(Type.String()), teamName: Nullable(Type.String()), open: Type.Integer(), breached: Type.Integer() })),
});

// Customer self-service (public pages, after the phone check).
export const PublicTicketCreate = Type.Object(
  {
    waybillNo: Waybill,
    phoneLast4: Type.String({ pattern: '^[0-9]{4}$' }),
    kind: Type.Enum(['query', 'complaint']),
    text: Text({ maxLength: PUBLIC_TEXT_MAX, minLength: PUBLIC_TEXT_MIN }),
    contactName: Type.Optional(Text({ maxLength: CUSTOMER_NAME_MAX })),
  },
  { additionalProperties: false },
);

export const PublicTicketCreated = Type.Object({
  number: Type.String(),
  /** the secret that lets this customer follow the ticket; keep the link */
  token: Type.String(),
  joined: Type.Boolean({ description: 'the message went to the customer’s case about this waybill that is still being handled (its number), not a new ticket' }),
});

export const PublicLookup = Type.Object(
  { waybillNo: Waybill, phoneLast4: Type.String({ pattern: '^[0-9]{4}$' }) },
  { additionalProperties: false },
);

/** Who wrote an entry, as the customer's pages say it: the customer, our staff (by role only) or the system. */
export const PublicAuthor = Type.Enum(['customer', 'staff', 'system'], {
  description: 'who wrote it: the customer, a member of staff (named by role only) or the system (e.g. an exception notice)',
});

export const PublicLookupResult = Type.Object({
  timeZone: Type.String({ description: "the company's IANA time zone (e.g. Asia/Shanghai), to show the times in" }),
  tickets: Type.Array(
    Type.Object({
      number: Type.String(),
      kind: Type.String(),
      status: Type.String(),
      subject: Type.String(),
      createdAt: Time,
      openedBy: PublicAuthor,
      token: Type.String({ description: 'a fresh secret link for this ticket' }),
    }),
  ),
});

export const PublicTokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{32,64}$' }) }, { additionalProperties: false });

export const PublicTicket = Type.Object({
  number: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  subject: Type.String(),
  waybillNos: Type.Array(Type.String()),
  createdAt: Time,
  /** who opened the ticket: the customer (submitted), staff (registered a contact) or the system (an exception) */
  openedBy: PublicAuthor,
  resolvedAt: MaybeTime,
  timeZone: Type.String({ description: "the company's IANA time zone (e.g. Asia/Shanghai), to show the times in" }),
  messages: Type.Array(
    Type.Object({
      at: Time,
      from: PublicAuthor,
      staffRole: Nullable(Type.Enum([...ROLES], { description: "the staff author's role (never their name); null for the customer and the system" })),
      body: Type.String(),
      systemText: SystemText,
    }),
  ),
  /** the files the customer sent through this link (staff attachments stay inside; there is no public download) */
  attachments: Type.Array(Type.Object({ fileName: Type.String(), at: Time })),
  canReply: Type.Boolean(),
  canRate: Type.Boolean(),
  rating: Nullable(Type.Integer()),
  ratingReason: Nullable(Type.String()),
});

export const PublicReply = Type.Object({ body: Text({ maxLength: PUBLIC_TEXT_MAX }) }, { additionalProperties: false });

export const PublicRating = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    /** required for a rating of 1–2 (docs/product.md §5: CSAT with a reason on bad ratings) */
    reason: Type.Optional(Text({ maxLength: RATING_REASON_MAX })),
  },
  { additionalProperties: false },
);

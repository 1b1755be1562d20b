/** Request and response shapes of the customers module (also its OpenAPI). */
import Type from 'typebox';
import { CUSTOMER_NAME_MAX, EMAIL_MAX, PAGE_SIZE_MAX } from '../../domain/limits.js';
import {
  ADDRESS_KINDS,
  ADDRESS_MAX,
  BUSINESS_STATUSES,
  CALLBACK_WINDOWS_MAX,
  COMPANY_NATURES,
  CONTACT_PHONES_MAX,
  CREDIT_LIMIT_FEN_MAX,
  CREDIT_RATINGS,
  CUSTOMER_KINDS,
  CUSTOMER_NOTE_MAX,
  CUSTOMER_SEARCH_MAX,
  CUSTOMER_TEXT_MAX,
  HEADCOUNT_MAX,
  MONTHLY_ACCOUNT_PATTERN,
} from '../../domain/customers/profile.js';
import { Nullable, Text, Uuid, Version as VersionOf } from '../../http/schemas.js';

const Version = VersionOf();
const Phone = Type.String({ pattern: '^[0-9+ -]{5,20}$', description: 'phone number; stored as digits, found exactly' });
const Region = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 code' });
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, company time zone' });
const OptionalText = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));

export const CustomerIdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ContactParams = Type.Object({ id: Uuid, contactId: Uuid }, { additionalProperties: false });
export const AddressParams = Type.Object({ id: Uuid, addressId: Uuid }, { additionalProperties: false });
export const VersionQuery = Type.Object({ version: Version }, { additionalProperties: false });

const ProfileFields = {
  name: Text({ maxLength: CUSTOMER_NAME_MAX, description: 'a person’s name or the company’s registered name' }),
  kind: Type.Enum([...CUSTOMER_KINDS]),
  phone: Type.Optional(Nullable(Phone)),
  creditCode: Type.Optional(Nullable(Type.String({ maxLength: 40, description: '统一社会信用代码 (GB 32100-2015), check character verified' }))),
  industry: OptionalText(CUSTOMER_TEXT_MAX),
  companyNature: Type.Optional(Nullable(Type.Enum([...COMPANY_NATURES]))),
  headcount: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: HEADCOUNT_MAX }))),
  coverageArea: OptionalText(CUSTOMER_TEXT_MAX),
  businessStatus: Type.Optional(Nullable(Type.Enum([...BUSINESS_STATUSES]))),
  creditRating: Type.Optional(Nullable(Type.Enum([...CREDIT_RATINGS]))),
  creditLimitFen: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: CREDIT_LIMIT_FEN_MAX, description: 'fen (分)' }))),
  note: Type.Optional(Type.String({ maxLength: CUSTOMER_NOTE_MAX })),
  accountManagerId: Type.Optional(Nullable(Uuid)),
};

const CallbackWindow = Type.Object({ from: Time, to: Time }, { additionalProperties: false });

export const ContactInput = Type.Object(
  {
    name: Text({ maxLength: CUSTOMER_NAME_MAX }),
    role: Type.Optional(Type.String({ maxLength: CUSTOMER_NAME_MAX, description: 'e.g. 发货负责人, 财务' })),
    phones: Type.Optional(Type.Array(Phone, { maxItems: CONTACT_PHONES_MAX })),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: EMAIL_MAX }))),
    wechat: OptionalText(64),
    callbackWindows: Type.Optional(Type.Array(CallbackWindow, { maxItems: CALLBACK_WINDOWS_MAX, description: 'when they may be called back; none: the company’s callback hours' })),
    note: Type.Optional(Type.String({ maxLength: CUSTOMER_NOTE_MAX })),
  },
  { additionalProperties: false },
);

export const AddressInput = Type.Object(
  {
    kind: Type.Enum([...ADDRESS_KINDS]),
    address: Text({ maxLength: ADDRESS_MAX, description: 'as written; the region is read from it when no codes are given' }),
    provinceCode: Type.Optional(Region),
    cityCode: Type.Optional(Nullable(Region)),
    districtCode: Type.Optional(Nullable(Region)),
    contactName: OptionalText(CUSTOMER_NAME_MAX),
    contactPhone: Type.Optional(Nullable(Phone)),
  },
  { additionalProperties: false },
);

const MonthlyAccountNo = Type.String({ pattern: MONTHLY_ACCOUNT_PATTERN, description: '月结账号; stored in capitals' });

export const CustomerCreate = Type.Object(
  {
    ...ProfileFields,
    contacts: Type.Optional(Type.Array(ContactInput, { maxItems: 20 })),
    addresses: Type.Optional(Type.Array(AddressInput, { maxItems: 20 })),
    monthlyAccounts: Type.Optional(Type.Array(MonthlyAccountNo, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

export const CustomerEdit = Type.Object(
  {
    version: Version,
    name: Type.Optional(ProfileFields.name),
    kind: Type.Optional(ProfileFields.kind),
    phone: ProfileFields.phone,
    creditCode: ProfileFields.creditCode,
    industry: ProfileFields.industry,
    companyNature: ProfileFields.companyNature,
    headcount: ProfileFields.headcount,
    coverageArea: ProfileFields.coverageArea,
    businessStatus: ProfileFields.businessStatus,
    creditRating: ProfileFields.creditRating,
    creditLimitFen: ProfileFields.creditLimitFen,
    note: ProfileFields.note,
    accountManagerId: ProfileFields.accountManagerId,
  },
  { additionalProperties: false },
);

export const ContactChange = Type.Object({ version: Version, contact: ContactInput }, { additionalProperties: false });
export const AddressChange = Type.Object({ version: Version, address: AddressInput }, { additionalProperties: false });
export const AccountAdd = Type.Object({ version: Version, accountNo: MonthlyAccountNo }, { additionalProperties: false });
export const MergeRequest = Type.Object(
  {
    version: Version,
    otherId: Type.String({ format: 'uuid', description: 'the duplicate; it is merged into this customer and stays as a pointer to it' }),
    otherVersion: Version,
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const CustomerSearch = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: CUSTOMER_SEARCH_MAX, description: 'name (exact, beginning or words), phone (exact), 月结账号 or credit code' })),
    mine: Type.Optional(Type.Boolean({ description: 'only the accounts the caller manages' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX, default: 20 })),
  },
  { additionalProperties: false },
);

export const ShipmentsQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ maxLength: 80, description: 'the cursor of the previous page (nextCursor)' })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_SIZE_MAX, default: 20 })),
  },
  { additionalProperties: false },
);

export const TaskQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')], { default: 'open' })) },
  { additionalProperties: false },
);
export const TaskComplete = Type.Object({ note: Text({ maxLength: 500 }) }, { additionalProperties: false });

// Responses ------------------------------------------------------------------------------------

const Actions = Type.Object({
  edit: Type.Boolean(),
  reveal: Type.Boolean(),
  merge: Type.Boolean(),
  assign: Type.Boolean({ description: 'may name the account manager' }),
  pinTier: Type.Boolean({ description: 'may set the tier by hand (pin it) and unpin it' }),
});

export const CustomerSummary = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'a person’s name masked; a company’s as registered' }),
  kind: Type.String(),
  tier: Type.String(),
  phone: Nullable(Type.String({ description: 'masked' })),
  creditCode: Nullable(Type.String()),
  monthlyAccounts: Type.Array(Type.String()),
  accountManager: Nullable(Type.Object({ id: Type.String(), displayName: Type.String() })),
  matchedBy: Type.Optional(Type.String({ description: 'name, phone, contact_phone, account, credit_code' })),
  createdAt: Type.String(),
});

export const CustomerPage = Type.Object({ items: Type.Array(CustomerSummary), page: Type.Integer(), hasMore: Type.Boolean() });

export const Profile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  tier: Type.String(),
  phone: Nullable(Type.String()),
  creditCode: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  companyNature: Nullable(Type.String()),
  headcount: Nullable(Type.Integer()),
  coverageArea: Nullable(Type.String()),
  businessStatus: Nullable(Type.String()),
  creditRating: Nullable(Type.String()),
  creditLimitFen: Nullable(Type.Integer()),
  note: Type.String(),
  accountManager: Nullable(Type.Object({ id: Type.String(), displayName: Type.String() })),
  monthlySettled: Type.Boolean({ description: 'has a 月结 account' }),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Contact = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.String(),
  phones: Type.Array(Type.String()),
  email: Nullable(Type.String()),
  wechat: Nullable(Type.String()),
  callbackWindows: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
  note: Type.String(),
});

const AddressFields = {
  kind: Type.String(),
  address: Type.String({ description: 'masked: the region and ****' }),
  region: Nullable(Type.String()),
  provinceCode: Type.String(),
  cityCode: Nullable(Type.String()),
  districtCode: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
};

const AddressVersion = Type.Object({
  version: Type.Integer(),
  change: Type.String(),
  ...AddressFields,
  at: Type.String(),
  by: Type.String(),
});

const Address = Type.Object({
  id: Type.String(),
  ...AddressFields,
  version: Type.Integer(),
  removed: Type.Boolean(),
  history: Type.Array(AddressVersion, { description: 'every version, newest first' }),
});

const ShipmentLine = Type.Object({
  id: Type.String(),
  waybillNo: Type.String(),
  status: Type.String(),
  subStatus: Type.String(),
  linkedBy: Type.String({ description: 'account, sender_phone or recipient_phone' }),
  monthlyAccount: Nullable(Type.String()),
  paymentTerm: Nullable(Type.String()),
  freightFen: Nullable(Type.Integer()),
  sender: Type.Object({ name: Nullable(Type.String()), region: Nullable(Type.String()) }),
  recipient: Type.Object({ name: Nullable(Type.String()), region: Nullable(Type.String()) }),
  pickedUpAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const ShipmentsPage = Type.Object({ items: Type.Array(ShipmentLine), nextCursor: Nullable(Type.String()) });

const TicketLine = Type.Object({
  id: Type.String(),
  number: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  subject: Type.String(),
  createdAt: Type.String(),
});

const ContactRecord = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  question: Type.String(),
  ticketId: Nullable(Type.String()),
  at: Type.String(),
});

const CallbackLine = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  ticketNumber: Type.String(),
  scheduledFor: Type.String(),
  outcome: Nullable(Type.String()),
  doneAt: Nullable(Type.String()),
});

const PlannedCallbackLine = Type.Object({
  id: Type.String(),
  dueDate: Type.String({ description: 'YYYY-MM-DD in the company time zone' }),
  dueAt: Type.String(),
  cadence: Type.String({ description: 'monthly, quarterly, retry or rescheduled' }),
  status: Type.String({ description: 'open or done' }),
  outcome: Nullable(Type.String()),
  satisfaction: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  doneAt: Nullable(Type.String()),
});

export const Task = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  customerName: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  assignee: Nullable(Type.Object({ id: Type.String(), displayName: Type.String() })),
  assigneeRole: Nullable(Type.String()),
  detail: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  doneAt: Nullable(Type.String()),
  doneNote: Nullable(Type.String()),
});
export const TaskList = Type.Object({ items: Type.Array(Task) });

const TimelineEntry = Type.Object({
  id: Type.String(),
  at: Type.String(),
  kind: Type.String({ description: 'created, edited, contact_*, address_*, account_added, merged, merged_into, task_*, revealed' }),
  actor: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

const Claims = Type.Object({
  available: Type.Literal(true),
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid', description: 'the claim: /claims/:id' }),
      waybillNo: Type.String(),
      ticketId: Type.String({ format: 'uuid' }),
      type: Type.String(),
      state: Type.String(),
      claimedFen: Type.Integer(),
      approvedFen: Type.Union([Type.Integer(), Type.Null()]),
      settledFen: Type.Integer({ description: 'paid, deducted or credited to the customer, net of reversals' }),
      openedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  more: Type.Boolean({ description: 'more claims than listed (the newest 200 are listed and totalled)' }),
  totals: Type.Object({ count: Type.Integer(), claimedFen: Type.Integer(), approvedFen: Type.Integer(), settledFen: Type.Integer() }),
});

const Localized = Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() });

const Surveys = Type.Union([
  Type.Object({ available: Type.Literal(false), reason: Type.String({ description: 'not_permitted: the reader does not read survey results (surveys.read)' }) }),
  Type.Object({
    available: Type.Literal(true),
    items: Type.Array(
      Type.Object({
        invitationId: Type.String(),
        campaignId: Type.String(),
        title: Type.String(),
        sentAt: Nullable(Type.String()),
        closesAt: Nullable(Type.String()),
        status: Type.Union([Type.Literal('answered'), Type.Literal('open'), Type.Literal('closed')], { description: 'closed: the link ran out unanswered' }),
        answeredAt: Nullable(Type.String()),
        tier: Type.String({ description: 'the tier when asked' }),
        accountManager: Nullable(Type.String({ description: 'the account manager when asked' })),
        scores: Type.Array(
          Type.Object({
            questionId: Type.String(),
            kind: Type.Union([Type.Literal('nps'), Type.Literal('csat'), Type.Literal('ces')]),
            text: Localized,
            value: Nullable(Type.Integer()),
          }),
        ),
      }),
      { description: 'the invitations sent to this customer, newest first (at most 50), as far as the reader reads survey results' },
    ),
  }),
]);

const Habits = Type.Union([
  Type.Object({ available: Type.Literal(false), reason: Type.String({ description: 'not_computed_yet: the daily job has not run for this customer' }) }),
  Type.Object({
    available: Type.Literal(true),
    computedAt: Type.String(),
    from: Type.String({ description: 'the period folded, local dates inclusive' }),
    to: Type.String(),
    habits: Type.Record(Type.String(), Type.Unknown(), { description: 'ShippingHabits (domain/customers/habits.ts)' }),
    regionNames: Type.Record(Type.String(), Type.String(), { description: 'names of the GB/T 2260 codes listed in the habits' }),
  }),
]);

export const TierPinRequest = Type.Object(
  {
    version: Version,
    tier: Type.Union([Type.Literal('standard'), Type.Literal('key')]),
    reason: Type.String({ maxLength: 500, description: 'why the tier is set by hand (a contract, a strategic account); required' }),
    until: Type.Optional(Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'the last day the pin holds (company zone, inclusive); none: until unpinned' }))),
  },
  { additionalProperties: false },
);

const TierPin = Type.Object({
  tier: Type.String(),
  reason: Type.String(),
  until: Nullable(Type.String({ description: 'the last day it holds, YYYY-MM-DD; null until unpinned' })),
  pinnedBy: Type.String(),
  pinnedAt: Type.String(),
});

const Standing = Type.Object({
  /** the tier set by hand, if any: the tier rule leaves it until its last day */
  pin: Nullable(TierPin),
  rfm: Nullable(
    Type.Object({
      recencyDays: Type.Integer(),
      frequency: Type.Integer(),
      monetaryFen: Type.Integer(),
      r: Type.Integer(),
      f: Type.Integer(),
      m: Type.Integer(),
      segment: Type.String(),
      segmentLabel: Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() }),
      computedAt: Type.String(),
    }),
  ),
  tier: Nullable(
    Type.Object({
      reason: Type.Record(Type.String(), Type.Unknown()),
      text: Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() }),
      policyVersion: Type.Integer(),
      computedAt: Type.String(),
    }),
  ),
});

export const Requirements = Type.Object({
  packagingRequirements: Type.String({ maxLength: 2000 }),
  choiceFactors: Type.Array(Type.Union([Type.Literal('price'), Type.Literal('speed'), Type.Literal('safety')]), {
    maxItems: 3,
    uniqueItems: true,
    description: 'what the customer chooses a carrier by, most important first',
  }),
});

export const RequirementsEdit = Type.Object({ version: Version, ...Requirements.properties }, { additionalProperties: false });

export const CustomerView = Type.Object({
  profile: Profile,
  /** set when the id asked for was merged into this customer */
  redirectedFrom: Nullable(Type.String()),
  actions: Actions,
  contacts: Type.Array(Contact),
  addresses: Type.Array(Address),
  monthlyAccounts: Type.Array(Type.Object({ accountNo: Type.String(), openedAt: Type.String() })),
  shipments: ShipmentsPage,
  tickets: Type.Array(TicketLine),
  contactRecords: Type.Array(ContactRecord),
  callbacks: Type.Array(CallbackLine),
  /** a key account's planned callbacks (回访计划): the open one and the last done ones */
  plannedCallbacks: Type.Array(PlannedCallbackLine),
  tasks: Type.Array(Task),
  timeline: Type.Array(TimelineEntry),
  claims: Claims,
  surveys: Surveys,
  habits: Habits,
  standing: Standing,
  requirements: Requirements,
});

export const Revealed = Type.Object({
  name: Type.String(),
  phone: Nullable(Type.String()),
  contacts: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), phones: Type.Array(Type.String()), email: Nullable(Type.String()), wechat: Nullable(Type.String()) })),
  addresses: Type.Array(Type.Object({ id: Type.String(), address: Type.String(), contactName: Nullable(Type.String()), contactPhone: Nullable(Type.String()) })),
});

export const Saved = Type.Object({ id: Type.String(), version: Type.Integer() });

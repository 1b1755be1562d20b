/** The service-orders API's shapes (TypeBox, in OpenAPI). Instants are ISO date-times, dates 'YYYY-MM-DD' local. */
import Type from 'typebox';
import { CATALOG_CODE_PATTERN, CODE_GROUP_PATTERN, NOTIFICATION_NUMBER_PATTERN, NOTIFICATION_TYPES, SYSTEM_ACTIONS, SYSTEM_STATUSES } from '../../domain/service-orders/index.js';
import { Nullable, PageQuery, Text, Uuid, Version } from '../../http/schemas.js';

// Years 1900–2999: every date a notification can mean, and none the database cannot store.
const LocalDate = (description: string) => Type.String({ format: 'date', pattern: '^(19|2[0-9])[0-9]{2}-', description });
const Instant = (description: string) => Type.String({ format: 'date-time', pattern: '^(19|2[0-9])[0-9]{2}-', description });
const Short = (max: number, description: string) => Text({ maxLength: max, description });
const OptionalShort = (max: number, description: string) => Type.Optional(Nullable(Short(max, description)));

export const CodeRef = Type.Object(
  {
    group: Type.String({ pattern: CODE_GROUP_PATTERN, description: 'the code group, e.g. SV-REPAIR' }),
    code: Type.String({ pattern: CATALOG_CODE_PATTERN, description: 'the code within the group, e.g. 0001' }),
  },
  { additionalProperties: false },
);

export const ItemInput = Type.Object(
  {
    productType: OptionalShort(40, '产品类型: main class / detail, e.g. 06'),
    colourCode: OptionalShort(40, '产品色码: main / secondary colour, e.g. A'),
    material: OptionalShort(80, '物料: the product model (material number)'),
    quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
    reason: CodeRef,
    damage: Type.Optional(Nullable(CodeRef)),
    reasonText: Type.Optional(Type.String({ maxLength: 500, description: '原因正文, e.g. the OEM vendor' })),
  },
  { additionalProperties: false },
);

export const NewAddress = Type.Object(
  {
    address: Text({ maxLength: 300, description: 'a new service address of the ship-to customer (its region is read from the text)' }),
    contactName: Type.Optional(Text({ maxLength: 60 })),
    contactPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
  },
  { additionalProperties: false },
);

const SalesArea = {
  salesOrg: OptionalShort(20, '销售组织: the branch the request arose at, e.g. F011'),
  distributionChannel: OptionalShort(20, '分销渠道, e.g. 10 direct'),
  division: OptionalShort(20, '产品组, e.g. 02 furniture service'),
  salesOffice: OptionalShort(20, '销售办事处: the service centre, e.g. 4002'),
  salesGroup: OptionalShort(20, '销售组: the contact office (optional)'),
};

export const NotificationCreate = Type.Object(
  {
    type: Type.Enum([...NOTIFICATION_TYPES], { description: 'Z1 客户服务 (after full payment) or Z2 交货异常 (before it)' }),
    referenceNumber: Type.Optional(Type.String({ pattern: NOTIFICATION_NUMBER_PATTERN, description: '参照: an earlier notification' })),
    ticketId: Type.Optional(Uuid),
    shortText: Short(40, '通知单描述: the request in a few words'),
    longText: Type.Optional(Type.String({ maxLength: 20_000, description: '长文本: the full description' })),
    urgent: Type.Optional(Type.Boolean({ description: '紧急: straight into process, skipping the planning queue' })),
    soldToId: Uuid,
    shipToId: Type.Optional(Uuid),
    responsibleUserId: Type.Optional(Nullable(Uuid)),
    reporterName: Short(60, '报告者: who reported or handles the request'),
    originalDocumentNo: OptionalShort(40, 'Z1: the branch sales order; Z2: headquarters’ delivery number'),
    originalDocumentDate: Type.Optional(Nullable(LocalDate('the date of that order or delivery'))),
    requiredStart: Type.Optional(Instant('需要的起始: Z1 when the customer wants the service; Z2 the original expected end of assembly. Default now')),
    expectedEnd: Type.Optional(Instant('预期的终止: default by type (Z1 next working day, Z2 seven days)')),
    mainWorkCenterId: Uuid,
    processingWorkCenterId: Type.Optional(Nullable(Uuid)),
    ...SalesArea,
    serviceAddressId: Type.Optional(Nullable(Uuid)),
    newServiceAddress: Type.Optional(NewAddress),
    items: Type.Array(ItemInput, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

export const NotificationChange = Type.Object(
  {
    version: Version(),
    shortText: Type.Optional(Short(40, '通知单描述')),
    longText: Type.Optional(Type.String({ maxLength: 20_000 })),
    urgent: Type.Optional(Type.Boolean()),
    shipToId: Type.Optional(Uuid),
    responsibleUserId: Type.Optional(Nullable(Uuid)),
    reporterName: Type.Optional(Short(60, '报告者')),
    originalDocumentNo: OptionalShort(40, 'the original order or delivery number'),
    originalDocumentDate: Type.Optional(Nullable(LocalDate('its date'))),
    requiredStart: Type.Optional(Instant('需要的起始')),
    expectedEnd: Type.Optional(Instant('预期的终止')),
    mainWorkCenterId: Type.Optional(Uuid),
    processingWorkCenterId: Type.Optional(Nullable(Uuid)),
    ...SalesArea,
    serviceAddressId: Type.Optional(Nullable(Uuid)),
    newServiceAddress: Type.Optional(NewAddress),
    items: Type.Optional(Type.Array(ItemInput, { maxItems: 50, description: 'replaces every item' })),
  },
  { additionalProperties: false },
);

export const StatusMove = Type.Object(
  {
    version: Version(),
    action: Type.Enum(['set_status', ...SYSTEM_ACTIONS], { description: 'set_status (a user status of the profile) or a system action' }),
    status: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{2,4}$', description: 'set_status: the user status, e.g. KCJS' })),
    cause: Type.Optional(CodeRef),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const NotificationList = Type.Object(
  {
    systemStatus: Type.Optional(Type.Array(Type.Enum([...SYSTEM_STATUSES]), { maxItems: 4, description: 'e.g. outstanding and in_process (未结、正在处理)' })),
    userStatus: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{2,4}$' })),
    type: Type.Optional(Type.Enum([...NOTIFICATION_TYPES])),
    number: Type.Optional(Type.String({ pattern: NOTIFICATION_NUMBER_PATTERN })),
    urgent: Type.Optional(Type.Boolean()),
    startFrom: Type.Optional(LocalDate('required start on or after this local date')),
    startTo: Type.Optional(LocalDate('required start on or before this local date')),
    createdFrom: Type.Optional(LocalDate('created on or after this local date')),
    createdTo: Type.Optional(LocalDate('created on or before this local date')),
    workCenterId: Type.Optional(Uuid),
    partnerId: Type.Optional(Uuid),
    reasonGroup: Type.Optional(Type.String({ pattern: CODE_GROUP_PATTERN })),
    reasonCode: Type.Optional(Type.String({ pattern: CATALOG_CODE_PATTERN })),
    ticketId: Type.Optional(Uuid),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Named = Type.Object({ id: Type.String(), name: Type.String() });
const Status = Type.Object({ code: Type.String(), label: Type.String() });

export const NotificationSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  type: Type.String(),
  shortText: Type.String(),
  urgent: Type.Boolean(),
  userStatus: Status,
  systemStatus: Status,
  soldTo: Named,
  shipTo: Named,
  mainWorkCenter: Type.Object({ id: Type.String(), code: Type.String() }),
  responsible: Nullable(Named),
  requiredStart: Type.String(),
  expectedEnd: Type.String(),
  createdAt: Type.String(),
  version: Type.Integer(),
});

export const NotificationPage = Type.Object({
  total: Type.Integer({ description: 'matches counted, at most 1,000 (IW59’s maximum number of hits)' }),
  totalCapped: Type.Boolean({ description: 'true when more match than `total`: narrow the selection to see how many' }),
  items: Type.Array(NotificationSummary),
});

const WorkCenterRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });
const CodeView = Type.Object({ group: Type.String(), code: Type.String(), label: Type.String() });

export const NotificationDetail = Type.Object({
  id: Type.String(),
  number: Type.String(),
  type: Type.String(),
  typeLabel: Type.String(),
  reference: Nullable(Type.Object({ id: Type.String(), number: Type.String() })),
  ticketId: Nullable(Type.String()),
  shortText: Type.String(),
  longText: Type.String(),
  urgent: Type.Boolean(),
  userStatus: Status,
  systemStatus: Status,
  soldTo: Named,
  shipTo: Named,
  responsible: Nullable(Named),
  reporterName: Type.String(),
  originalDocumentNo: Nullable(Type.String()),
  originalDocumentDate: Nullable(Type.String()),
  requiredStart: Type.String(),
  expectedEnd: Type.String(),
  mainWorkCenter: WorkCenterRef,
  processingWorkCenter: Nullable(WorkCenterRef),
  salesOrg: Nullable(Type.String()),
  distributionChannel: Nullable(Type.String()),
  division: Nullable(Type.String()),
  salesOffice: Nullable(Type.String()),
  salesGroup: Nullable(Type.String()),
  serviceAddress: Nullable(Type.Object({ id: Type.String(), address: Type.String(), contactName: Nullable(Type.String()) })),
  cause: Nullable(CodeView),
  completedAt: Nullable(Type.String()),
  items: Type.Array(
    Type.Object({
      position: Type.Integer(),
      productType: Nullable(Type.String()),
      colourCode: Nullable(Type.String()),
      material: Nullable(Type.String()),
      quantity: Type.Integer(),
      reason: CodeView,
      damage: Nullable(CodeView),
      reasonText: Type.String(),
    }),
  ),
  history: Type.Array(
    Type.Object({
      kind: Type.String(),
      fromUserStatus: Nullable(Type.String()),
      toUserStatus: Nullable(Type.String()),
      fromSystemStatus: Nullable(Type.String()),
      toSystemStatus: Nullable(Type.String()),
      cause: Nullable(Type.String()),
      note: Nullable(Type.String()),
      documentNo: Nullable(Type.String({ description: 'quote, acceptance, invoice: the quotation’s or invoice’s number' })),
      fromState: Nullable(Type.String({ description: 'quote, acceptance, invoice: the quotation’s state before' })),
      toState: Nullable(Type.String({ description: 'and after' })),
      actorName: Type.String(),
      at: Type.String(),
    }),
  ),
  allowed: Type.Object(
    { statuses: Type.Array(Status), system: Type.Array(Type.String()), change: Type.Boolean() },
    { description: 'what the caller may do now: the status bar’s buttons, and whether the notification may be changed' },
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});

export const Created = Type.Object({ id: Type.String(), number: Type.String(), version: Type.Integer() });
export const Moved = Type.Object({ userStatus: Type.String(), systemStatus: Type.String(), version: Type.Integer() });
export const Changed = Type.Object({ version: Type.Integer() });

export const WorkCenterCreate = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9-]{2,12}$', description: 'e.g. S4002' }),
    name: Text({ maxLength: 60 }),
    departmentId: Type.Optional(Nullable(Uuid)),
    workingHours: Type.Optional(
      Nullable(
        Type.Array(Type.Object({ start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), end: Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' }) }, { additionalProperties: false }), {
          minItems: 1,
          maxItems: 4,
          description: 'the work center’s own hours; null: the company calendar’s',
        }),
      ),
    ),
    staffIds: Type.Optional(Type.Array(Uuid, { maxItems: 200, uniqueItems: true })),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200, description: 'the work center’s mailbox: notifications e-mailed to it, escalations' }))),
    salesOffice: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z0-9-]{1,10}$', description: 'the sales office (销售办公室) it answers for: a Z2 past its end is escalated to it' }))),
  },
  { additionalProperties: false },
);

export const WorkCenterView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  department: Nullable(Named),
  workingHours: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
  ownHours: Type.Boolean({ description: 'false: the company calendar’s hours' }),
  active: Type.Boolean(),
  staff: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
  email: Nullable(Type.String()),
  salesOffice: Nullable(Type.String()),
  version: Type.Integer(),
});

export const CatalogsView = Type.Array(
  Type.Object({ catalog: Type.String(), group: Type.String(), label: Type.String(), codes: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })) }),
);

export const ProfilesView = Type.Array(
  Type.Object({
    type: Type.String(),
    typeLabel: Type.String(),
    profile: Type.String(),
    initial: Type.String(),
    expectedEnd: Type.Object({ days: Type.Integer(), basis: Type.String() }),
    statuses: Type.Array(
      Type.Object({
        code: Type.String(),
        number: Type.Integer(),
        label: Type.String(),
        next: Type.Array(Type.String()),
        lowest: Nullable(Type.Integer()),
        highest: Nullable(Type.Integer()),
        setBy: Type.Array(Type.String()),
        mayComplete: Type.Boolean(),
      }),
    ),
    completeBy: Type.Array(Type.String()),
    reopenBy: Type.Array(Type.String()),
  }),
);

/** The IW59 list's columns a user may choose (the keys of NotificationSummary that show as columns). */
export const LIST_COLUMNS = ['number', 'type', 'shortText', 'userStatus', 'systemStatus', 'soldTo', 'shipTo', 'mainWorkCenter', 'responsible', 'requiredStart', 'expectedEnd', 'createdAt'] as const;

export const ViewCreate = Type.Object(
  {
    name: Text({ maxLength: 60 }),
    filters: Type.Omit(NotificationList, ['page', 'pageSize']),
    columns: Type.Array(Type.Enum([...LIST_COLUMNS]), { minItems: 1, maxItems: LIST_COLUMNS.length, uniqueItems: true, description: 'the list’s columns in the order shown' }),
  },
  { additionalProperties: false },
);
export const SavedView = Type.Object({ id: Type.String(), name: Type.String(), filters: Type.Record(Type.String(), Type.Unknown()), columns: Type.Array(Type.String()), createdAt: Type.String() });


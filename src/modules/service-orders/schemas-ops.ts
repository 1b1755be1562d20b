/** The shapes of the service-orders operations API (clocks, work plan, e-mail, administration): TypeBox, in OpenAPI. */
import Type from 'typebox';
import { CATALOG_CODE_PATTERN, CODE_GROUP_PATTERN } from '../../domain/service-orders/index.js';
import { Nullable, Text, Uuid, Version } from '../../http/schemas.js';

const ClockStatus = Type.Union(['running', 'warning', 'breached', 'paused', 'met', 'missed'].map((s) => Type.Literal(s)));

export const ServiceClockView = Type.Object({
  kind: Type.Union([Type.Literal('required_start'), Type.Literal('expected_end')]),
  status: ClockStatus,
  startedAt: Type.String({ description: 'the notification’s creation: the clock counts from it' }),
  dueDate: Type.String({ description: 'the date the clock is pinned to (required start or expected end)' }),
  warnedAt: Nullable(Type.String()),
  breachedAt: Nullable(Type.String()),
  stoppedAt: Nullable(Type.String()),
  escalatedAt: Nullable(Type.String({ description: 'a Z2 past its end: when it was escalated to its sales office' })),
});

const ServiceClockAlert = Type.Object({
  notificationId: Type.String(),
  number: Type.String(),
  type: Type.Union([Type.Literal('Z1'), Type.Literal('Z2')]),
  shortText: Type.String(),
  workCenter: Type.String({ description: 'the main work center’s code' }),
  clock: ServiceClockView,
});

export const ServiceClockBoard = Type.Object({
  breached: Type.Array(ServiceClockAlert),
  atRisk: Type.Array(ServiceClockAlert),
  counts: Type.Object({ breached: Type.Integer(), atRisk: Type.Integer() }),
});


export const WorkPlanQuery = Type.Object(
  {
    workCenterId: Type.String({ format: 'uuid' }),
    date: Type.String({ format: 'date', pattern: '^(19|2[0-9])[0-9]{2}-', description: 'a local date; for a week, any day of it (Monday to Sunday)' }),
    span: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'day' })),
  },
  { additionalProperties: false },
);

const Cell = Type.String();
export const WorkPlanView = Type.Object({
  workCenterId: Type.String(),
  model: Type.Object({
    title: Type.String(),
    carrier: Type.String(),
    workCenterCode: Type.String(),
    workCenter: Type.String(),
    period: Type.String(),
    generatedAt: Type.String(),
    columns: Type.Array(Type.Object({ key: Type.String(), title: Type.String(), width: Type.Number() })),
    days: Type.Array(
      Type.Object({
        date: Type.String(),
        heading: Type.String(),
        rows: Type.Array(
          Type.Object({ seq: Cell, time: Cell, notificationNo: Cell, type: Cell, customer: Cell, address: Cell, content: Cell, status: Cell, engineer: Cell, done: Cell }),
        ),
        urgent: Type.Array(Type.Boolean()),
      }),
    ),
    totals: Type.Object({ visits: Type.Integer(), urgent: Type.Integer(), z1: Type.Integer(), z2: Type.Integer(), unassigned: Type.Integer() }),
    summary: Type.String(),
    notes: Type.Array(Type.String()),
  }),
});

export const EmailBody = Type.Object(
  {
    workCenterId: Type.String({ format: 'uuid', description: 'the work center (department) whose mailbox receives it' }),
    note: Type.Optional(Text({ maxLength: 500, description: 'the sender’s words to the department' })),
    attachWorkPlan: Type.Optional(Type.Boolean({ description: 'attach the main work center’s plan of the notification’s day as a PDF' })),
  },
  { additionalProperties: false },
);

export const EmailQueued = Type.Object({ outboxId: Type.String(), recipient: Type.String(), subject: Type.String(), attachments: Type.Array(Type.String()) });

const Catalog = Type.Union([Type.Literal('reason'), Type.Literal('damage'), Type.Literal('cause')]);
const Label = (description: string) => Text({ maxLength: 60, minLength: 1, description });

export const AdminCatalogs = Type.Array(
  Type.Object({
    catalog: Catalog,
    group: Type.String(),
    labelZh: Type.String(),
    labelEn: Type.String(),
    codes: Type.Array(Type.Object({ code: Type.String(), labelZh: Type.String(), labelEn: Type.String(), active: Type.Boolean() })),
  }),
);

export const CodeGroupCreate = Type.Object(
  { catalog: Catalog, group: Type.String({ pattern: CODE_GROUP_PATTERN, description: 'e.g. SV-REPAIR' }), labelZh: Label('中文名称'), labelEn: Label('English name') },
  { additionalProperties: false },
);
export const Labels = Type.Object({ labelZh: Label('中文名称'), labelEn: Label('English name') }, { additionalProperties: false });
export const CodeCreate = Type.Object(
  { code: Type.String({ pattern: CATALOG_CODE_PATTERN, description: 'four digits, e.g. 0005' }), labelZh: Label('中文名称'), labelEn: Label('English name') },
  { additionalProperties: false },
);
export const CodeChange = Type.Object(
  { labelZh: Type.Optional(Label('中文名称')), labelEn: Type.Optional(Label('English name')), active: Type.Optional(Type.Boolean({ description: 'false retires the code: no longer offered or accepted' })) },
  { additionalProperties: false },
);
export const GroupParams = Type.Object({ catalog: Catalog, group: Type.String({ pattern: CODE_GROUP_PATTERN }) }, { additionalProperties: false });
export const CodeParams = Type.Object({ catalog: Catalog, group: Type.String({ pattern: CODE_GROUP_PATTERN }), code: Type.String({ pattern: CATALOG_CODE_PATTERN }) }, { additionalProperties: false });
export const CatalogRef = Type.Object({ catalog: Type.String(), group: Type.String(), code: Type.Optional(Type.String()) });

const Hours = Type.Array(
  Type.Object({ start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), end: Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' }) }, { additionalProperties: false }),
  { minItems: 1, maxItems: 4 },
);
export const WorkCenterChange = Type.Object(
  {
    version: Version(),
    name: Type.Optional(Text({ maxLength: 60, minLength: 1 })),
    departmentId: Type.Optional(Nullable(Uuid)),
    workingHours: Type.Optional(Nullable(Hours)),
    staffIds: Type.Optional(Type.Array(Uuid, { maxItems: 200, uniqueItems: true })),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    salesOffice: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z0-9-]{1,10}$' }))),
    active: Type.Optional(Type.Boolean({ description: 'false: takes no new notifications' })),
  },
  { additionalProperties: false },
);

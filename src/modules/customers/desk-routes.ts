/** The account managers' desk and planned callbacks (回访) (docs/product.md §5; docs/architecture.md). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.js';
import { CustomerIdParams } from './schemas.js';
import { assignAccounts, callbackPlan, dueCallbacks, logCallbackOutcome, myAccounts, overdueCallbacks, planAccountCallbacks } from './service.js';

const tags = ['customers'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Manager = Nullable(Type.Object({ id: Type.String(), displayName: Type.String() }));
const NextCallback = Type.Object({ id: Type.String(), dueDate: Type.String(), dueAt: Type.String() });

const Account = Type.Object({
  id: Type.String(),
  name: Type.String(),
  tier: Type.String(),
  kind: Type.String(),
  version: Type.Integer(),
  accountManager: Manager,
  parcels30: Type.Integer(),
  parcels90: Type.Integer(),
  complaints30: Type.Integer(),
  complaints90: Type.Integer(),
  complaintsPer1000_30: Nullable(Type.Number()),
  complaintsPer1000_90: Nullable(Type.Number()),
  delivered30: Type.Integer(),
  deliveredPrev30: Type.Integer(),
  onTimeRate30: Nullable(Type.Number()),
  onTimeRatePrev30: Nullable(Type.Number()),
  openTickets: Type.Integer(),
  openComplaints: Type.Integer(),
  lastContactAt: Nullable(Type.String()),
  daysSinceContact: Nullable(Type.Integer()),
  nextCallback: Nullable(NextCallback),
  daysToNextCallback: Nullable(Type.Integer()),
  daysOverdue: Nullable(Type.Integer()),
  score: Type.Integer({ description: 'attention score, higher first (domain/customers/attention.ts)' }),
});

const Callback = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  dueDate: Type.String(),
  dueAt: Type.String(),
  cadence: Type.String(),
  status: Type.String(),
  outcome: Nullable(Type.String()),
  satisfaction: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  doneAt: Nullable(Type.String()),
});
const ListedCallback = Type.Object({ ...Callback.properties, customerName: Type.String(), accountManager: Manager, daysOverdue: Type.Integer() });
const CallbackList = Type.Object({ items: Type.Array(ListedCallback) });

export const deskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db, reference: app.reference };

  app.get(
    '/api/account-desk/accounts',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: "An account manager's accounts with their health, what needs attention first; those who keep every record see every manager's (or one's, or the unassigned enterprises)",
        querystring: Type.Object({ accountManagerId: Type.Optional(Uuid), unassigned: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Account), total: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => myAccounts(deps, request.context(), request.query),
  );

  app.post(
    '/api/account-desk/assign',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Name the account manager of one or many customers (null: none); on each timeline, audited',
        body: Type.Object({ customerIds: Type.Array(Uuid, { minItems: 1, maxItems: 200 }), accountManagerId: Nullable(Uuid) }, { additionalProperties: false }),
        response: { 200: Type.Object({ changed: Type.Integer(), unchanged: Type.Integer() }), ...errorResponses, 404: Type.Ref('ErrorResponse'), 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => assignAccounts(deps, request.context(), request.body),
  );

  app.get(
    '/api/customers/:id/callback-plan',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "The customer's planned callbacks: the open one, the next three if each is done on time, the history",
        params: CustomerIdParams,
        response: {
          200: Type.Object({
            customerId: Type.String(),
            keyAccount: Type.Boolean(),
            relationshipStart: Type.String(),
            open: Nullable(Callback),
            following: Type.Array(Type.Object({ dueDate: Type.String(), dueAt: Type.String(), cadence: Type.String() })),
            history: Type.Array(Callback),
            mayLog: Type.Boolean(),
          }),
          ...errorResponses,
          404: Type.Ref('ErrorResponse'),
        },
      },
    },
    async (request) => callbackPlan(deps, request.context(), request.params.id),
  );

  app.get(
    '/api/account-callbacks',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: "Open planned callbacks due within `days` (default 7): one's own accounts', everyone's for those who keep every record",
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })) }, { additionalProperties: false }),
        response: { 200: CallbackList, ...errorResponses },
      },
    },
    async (request) => dueCallbacks(deps, request.context(), request.query.days ?? 7),
  );

  app.get(
    '/api/account-callbacks/overdue',
    {
      config: { permission: 'tickets.supervise' },
      schema: { tags, summary: "Overdue planned callbacks with account manager and days overdue, the oldest first (the supervisors' board)", response: { 200: CallbackList, ...errorResponses } },
    },
    async () => overdueCallbacks(deps),
  );

  app.post(
    '/api/account-callbacks/:id/outcome',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: "Log a planned callback's outcome; the next one is planned (reached: by the rule; not reached: next business day; rescheduled: the date given)",
        params: IdParams,
        body: Type.Object(
          {
            outcome: Type.Union([Type.Literal('reached'), Type.Literal('not_reached'), Type.Literal('rescheduled')]),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            satisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
            rescheduleTo: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), outcome: Type.String(), next: Type.Object({ id: Type.String(), dueDate: Type.String(), dueAt: Type.String(), cadence: Type.String() }) }),
          ...errorResponses,
          404: Type.Ref('ErrorResponse'),
          409: Type.Ref('ErrorResponse'),
        },
      },
    },
    async (request) => logCallbackOutcome(deps, request.context(), request.params.id, request.body),
  );

  app.post(
    '/api/account-callbacks/plan',
    {
      config: { permission: 'customers.manage' },
      schema: { tags, summary: 'Run the planning job now: every key account without an open planned callback gets its next one (idempotent)', response: { 200: Type.Object({ planned: Type.Integer() }), ...errorResponses } },
    },
    async () => planAccountCallbacks(deps),
  );
};

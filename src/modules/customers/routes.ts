import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.js';
import {
  AccountAdd,
  AddressChange,
  AddressParams,
  ContactChange,
  ContactParams,
  CustomerCreate,
  CustomerEdit,
  CustomerIdParams,
  CustomerPage,
  CustomerSearch,
  CustomerView,
  MergeRequest,
  Revealed,
  RequirementsEdit,
  Saved,
  ShipmentsPage,
  ShipmentsQuery,
  TaskComplete,
  TaskList,
  TaskQuery,
  TierPinRequest,
  VersionQuery,
} from './schemas.js';
import {
  addAddress,
  addContact,
  addMonthlyAccount,
  changeAddress,
  changeContact,
  createCustomer,
  customerShipments,
  customerView,
  editCustomer,
  finishTask,
  listAccountManagers,
  listTasks,
  mergeCustomers,
  removeAddress,
  removeContact,
  revealCustomerRecord,
  searchCustomers,
  setRequirements,
  pinTier,
  unpinTier,
} from './service.js';

const notFound = { 404: Type.Ref('ErrorResponse') };
const conflict = { 409: Type.Ref('ErrorResponse') };
const tags = ['customers'];

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { db: app.db };

  app.get(
    '/api/customers',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'Find customers by name, phone (exact), monthly account or credit code; without a query the newest (personal data masked)',
        querystring: CustomerSearch,
        response: { 200: CustomerPage, ...errorResponses },
      },
    },
    async (request) => searchCustomers(deps, request.context(), request.query),
  );

  app.get(
    '/api/customers/account-managers',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'The active account managers, to name one on a customer',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() })) }), ...errorResponses },
      },
    },
    async () => listAccountManagers(deps),
  );

  app.post(
    '/api/customers',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: 'Create a customer with its contacts, addresses and monthly accounts',
        description: 'A bad credit code is 400 CUSTOMER_CREDIT_CODE_INVALID; a phone, code or account another customer holds is 409.',
        body: CustomerCreate,
        response: { 201: Saved, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => reply.code(201).send(await createCustomer(deps, request.context(), request.body)),
  );

  app.get(
    '/api/customers/:id',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: 'The customer view (客户360) in one call; a merged record answers with the customer it was merged into',
        params: CustomerIdParams,
        response: { 200: CustomerView, ...errorResponses, ...notFound },
      },
    },
    async (request) => customerView(deps, request.context(), request.params.id),
  );

  app.get(
    '/api/customers/:id/shipments',
    {
      config: { permission: 'customers.read' },
      schema: {
        tags,
        summary: "The customer's shipments (by monthly account and phone), newest first, a page after the cursor",
        params: CustomerIdParams,
        querystring: ShipmentsQuery,
        response: { 200: ShipmentsPage, ...errorResponses, ...notFound },
      },
    },
    async (request) => customerShipments(deps, request.context(), request.params.id, request.query),
  );

  app.patch(
    '/api/customers/:id',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: "Change a customer's profile (the fields sent), at the version read",
        params: CustomerIdParams,
        body: CustomerEdit,
        response: { 200: Saved, ...errorResponses, ...notFound, ...conflict },
      },
    },
    async (request) => editCustomer(deps, request.context(), request.params.id, request.body),
  );

  app.put(
    '/api/customers/:id/requirements',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: "The account manager's record of the customer's packaging requirements and choice factors, at the version read",
        params: CustomerIdParams,
        body: RequirementsEdit,
        response: { 200: Saved, ...errorResponses, ...notFound, ...conflict },
      },
    },
    async (request) => setRequirements(deps, request.context(), request.params.id, request.body),
  );

  app.put(
    '/api/customers/:id/tier-pin',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: "Set the customer's tier by hand (pin it) with a reason and optionally a last day: the tier rule leaves it until then; audited, on the timeline",
        params: CustomerIdParams,
        body: TierPinRequest,
        response: { 200: Saved, ...errorResponses, ...notFound, ...conflict },
      },
    },
    async (request) => pinTier({ db: app.db, timeZone: app.config.timeZone }, request.context(), request.params.id, request.body),
  );

  app.delete(
    '/api/customers/:id/tier-pin',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: "End the customer's pinned tier: the tier rule decides it again at its next run; audited, on the timeline",
        params: CustomerIdParams,
        querystring: VersionQuery,
        response: { 200: Saved, ...errorResponses, ...notFound, ...conflict },
      },
    },
    async (request) => unpinTier({ db: app.db, timeZone: app.config.timeZone }, request.context(), request.params.id, request.query.version),
  );

  app.post(
    '/api/customers/:id/reveal',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: "The customer's personal data unmasked, for whoever keeps the record (audited)",
        params: CustomerIdParams,
        response: { 200: Revealed, ...errorResponses, ...notFound },
      },
    },
    async (request) => revealCustomerRecord(deps, request.context(), request.params.id),
  );

  app.post(
    '/api/customers/:id/contacts',
    {
      config: { permission: 'customers.edit' },
      schema: { tags, summary: 'Add a contact person', params: CustomerIdParams, body: ContactChange, response: { 200: Saved, ...errorResponses, ...notFound, ...conflict } },
    },
    async (request) => addContact(deps, request.context(), request.params.id, request.body.version, request.body.contact),
  );

  app.put(
    '/api/customers/:id/contacts/:contactId',
    {
      config: { permission: 'customers.edit' },
      schema: { tags, summary: 'Change a contact person', params: ContactParams, body: ContactChange, response: { 200: Saved, ...errorResponses, ...notFound, ...conflict } },
    },
    async (request) => changeContact(deps, request.context(), request.params.id, request.params.contactId, request.body.version, request.body.contact),
  );

  app.delete(
    '/api/customers/:id/contacts/:contactId',
    {
      config: { permission: 'customers.edit' },
      schema: { tags, summary: 'Remove a contact person', params: ContactParams, querystring: VersionQuery, response: { 200: Saved, ...errorResponses, ...notFound, ...conflict } },
    },
    async (request) => removeContact(deps, request.context(), request.params.id, request.params.contactId, request.query.version),
  );

  app.post(
    '/api/customers/:id/addresses',
    {
      config: { permission: 'customers.edit' },
      schema: { tags, summary: 'Add an address (its GB/T 2260 region read from the text when no codes are given)', params: CustomerIdParams, body: AddressChange, response: { 200: Saved, ...errorResponses, ...notFound, ...conflict } },
    },
    async (request) => addAddress(deps, request.context(), request.params.id, request.body.version, request.body.address),
  );

  app.put(
    '/api/customers/:id/addresses/:addressId',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: 'Change an address: the old version stays in its history; a 月结 customer whose billing or pickup address moves gets a settlement task',
        params: AddressParams,
        body: AddressChange,
        response: { 200: Saved, ...errorResponses, ...notFound, ...conflict },
      },
    },
    async (request) => changeAddress(deps, request.context(), request.params.id, request.params.addressId, request.body.version, request.body.address),
  );

  app.delete(
    '/api/customers/:id/addresses/:addressId',
    {
      config: { permission: 'customers.edit' },
      schema: { tags, summary: 'Remove an address (its history stays readable)', params: AddressParams, querystring: VersionQuery, response: { 200: Saved, ...errorResponses, ...notFound, ...conflict } },
    },
    async (request) => removeAddress(deps, request.context(), request.params.id, request.params.addressId, request.query.version),
  );

  app.post(
    '/api/customers/:id/monthly-accounts',
    {
      config: { permission: 'customers.edit' },
      schema: { tags, summary: 'Give the customer a monthly account (月结账号)', params: CustomerIdParams, body: AccountAdd, response: { 200: Saved, ...errorResponses, ...notFound, ...conflict } },
    },
    async (request) => addMonthlyAccount(deps, request.context(), request.params.id, request.body.version, request.body.accountNo),
  );

  app.post(
    '/api/customers/:id/merge',
    {
      config: { permission: 'customers.manage' },
      schema: {
        tags,
        summary: 'Merge a duplicate record into this customer: everything re-linked, audited, on both timelines',
        params: CustomerIdParams,
        body: MergeRequest,
        response: { 200: Saved, ...errorResponses, ...notFound, ...conflict },
      },
    },
    async (request) => mergeCustomers(deps, request.context(), request.params.id, request.body),
  );

  app.get(
    '/api/customer-tasks',
    {
      config: { permission: 'customers.edit' },
      schema: { tags, summary: "Customer tasks: one's own, or everyone's for those who keep every record", querystring: TaskQuery, response: { 200: TaskList, ...errorResponses } },
    },
    async (request) => listTasks(deps, request.context(), request.query.status ?? 'open'),
  );

  app.post(
    '/api/customer-tasks/:id/complete',
    {
      config: { permission: 'customers.edit' },
      schema: {
        tags,
        summary: 'Mark a customer task done, saying what was done',
        params: IdParams,
        body: TaskComplete,
        response: { 200: Type.Object({ id: Type.String(), status: Type.Literal('done') }), ...errorResponses, ...notFound, ...conflict },
      },
    },
    async (request) => finishTask(deps, request.context(), request.params.id, request.body.note),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.js';
import { localeFrom } from '../../http/locale.js';
import { userOf } from '../tickets/service.js';
import { serviceOrderAdminRoutes } from './routes-admin.js';
import { serviceOrderClockRoutes } from './routes-clocks.js';
import { serviceOrderPlanRoutes } from './routes-plan.js';
import { paidServiceRoutes } from './routes-paid.js';
import * as S from './schemas.js';
import {
  changeNotification,
  createNotification,
  createWorkCenter,
  listCatalogs,
  listProfiles,
  listServiceOrders,
  listViews,
  listWorkCenters,
  moveStatus,
  notificationDetail,
  removeView,
  saveView,
  updateView,
  type ServiceOrderDeps,
} from './service.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

export const serviceOrderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): ServiceOrderDeps => ({ db: app.db, reference: app.reference, timeZone: app.config.timeZone });
  const read = { permission: 'serviceOrders.read' } as const;
  const work = { permission: 'serviceOrders.work' } as const;
  const configure = { permission: 'policies.manage' } as const;
  const tags = ['service-orders'];
  const actor = (request: { context(): { actor: Parameters<typeof userOf>[0] } }) => userOf(request.context().actor);
  const locale = (request: { headers: { 'accept-language'?: string | undefined } }) => localeFrom(request.headers['accept-language']);
  await app.register(serviceOrderClockRoutes);
  await app.register(serviceOrderPlanRoutes);
  await app.register(serviceOrderAdminRoutes);
  await app.register(paidServiceRoutes);

  app.post(
    '/api/service-orders',
    {
      config: work,
      schema: {
        tags,
        summary: 'IW51: create a service notification (服务通知单) of type Z1 or Z2, numbered from the type’s range; from a ticket, it shows on the ticket',
        body: S.NotificationCreate,
        response: { 201: S.Created, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createNotification(deps(), actor(request), request.body)),
  );

  app.get(
    '/api/service-orders',
    {
      config: read,
      schema: { tags, summary: 'IW59: the notifications list — status, type, dates, work center, partner, item reason; paged', querystring: S.NotificationList, response: { 200: S.NotificationPage, ...errorResponses } },
    },
    async (request) => listServiceOrders(deps(), actor(request), request.query, locale(request)),
  );

  app.get(
    '/api/service-orders/profiles',
    { config: read, schema: { tags, summary: 'The notification types and their user-status profiles (data: numbers, ranges, who may set each)', response: { 200: S.ProfilesView, ...errorResponses } } },
    async (request) => listProfiles(actor(request), locale(request)),
  );

  app.get(
    '/api/service-orders/catalogs',
    { config: read, schema: { tags, summary: 'The reason, damage and cause catalogs: code groups and their codes', response: { 200: S.CatalogsView, ...errorResponses } } },
    async (request) => listCatalogs(deps(), actor(request), locale(request)),
  );

  app.get(
    '/api/service-orders/work-centers',
    { config: read, schema: { tags, summary: 'Work centers (工作中心) with their department, staff and working hours', response: { 200: Type.Array(S.WorkCenterView), ...errorResponses } } },
    async (request) => listWorkCenters(deps(), actor(request)),
  );

  app.post(
    '/api/service-orders/work-centers',
    {
      config: configure,
      schema: { tags, summary: 'Add a work center with its staff and, if not the company’s, its own working hours', body: S.WorkCenterCreate, response: { 201: S.WorkCenterView, ...errorResponses, ...err(404, 409) } },
    },
    async (request, reply) => reply.status(201).send(await createWorkCenter(deps(), actor(request), request.body)),
  );

  app.get(
    '/api/service-orders/views',
    { config: read, schema: { tags, summary: 'My saved views of the list: filters and chosen columns', response: { 200: Type.Array(S.SavedView), ...errorResponses } } },
    async (request) => listViews(deps(), actor(request)),
  );

  app.post(
    '/api/service-orders/views',
    { config: read, schema: { tags, summary: 'Save the list’s filters and columns under a name', body: S.ViewCreate, response: { 201: Type.Object({ id: Type.String() }), ...errorResponses, ...err(409) } } },
    async (request, reply) => reply.status(201).send(await saveView(deps(), actor(request), request.body)),
  );

  app.put(
    '/api/service-orders/views/:id',
    { config: read, schema: { tags, summary: 'Replace one of my saved views: its name, filters and columns', params: IdParams, body: S.ViewCreate, response: { 200: Type.Object({ id: Type.String() }), ...errorResponses, ...err(404, 409) } } },
    async (request) => updateView(deps(), actor(request), request.params.id, request.body),
  );

  app.delete(
    '/api/service-orders/views/:id',
    { config: read, schema: { tags, summary: 'Delete one of my saved views', params: IdParams, response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses, ...err(404) } } },
    async (request) => {
      await removeView(deps(), actor(request), request.params.id);
      return { deleted: true };
    },
  );

  app.get(
    '/api/service-orders/:id',
    { config: read, schema: { tags, summary: 'Display a notification: fields, items, status history, and the statuses the caller may set next', params: IdParams, response: { 200: S.NotificationDetail, ...errorResponses, ...err(404) } } },
    async (request) => notificationDetail(deps(), actor(request), request.params.id, locale(request)),
  );

  app.patch(
    '/api/service-orders/:id',
    {
      config: work,
      schema: { tags, summary: 'IW52: change a notification that is not completed (items, when sent, replace the list)', params: IdParams, body: S.NotificationChange, response: { 200: S.Changed, ...errorResponses, ...err(404, 409) } },
    },
    async (request) => changeNotification(deps(), actor(request), request.params.id, request.body),
  );

  app.post(
    '/api/service-orders/:id/status',
    {
      config: work,
      schema: {
        tags,
        summary: 'Move the status: set a user status of the profile, put in process, postpone, complete (with a cause) or reopen; a refusal names the allowed moves',
        params: IdParams,
        body: S.StatusMove,
        response: { 200: S.Moved, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request) => moveStatus(deps(), actor(request), request.params.id, request.body),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.js';
import { userOf } from '../tickets/service.js';
import { WorkCenterView } from './schemas.js';
import * as S from './schemas-ops.js';
import { addCode, addCodeGroup, adminCatalogs, changeCode, changeWorkCenter, relabelCodeGroup, type ServiceOrderDeps } from './service.js';

/** Keeping the catalogs and the work centers (policies.manage: managers and admins); the status profiles are read-only data (GET …/profiles). */
export const serviceOrderAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): ServiceOrderDeps => ({ db: app.db, reference: app.reference, timeZone: app.config.timeZone });
  const tags = ['service-orders'];
  const config = { permission: 'policies.manage' } as const;
  const actor = (request: { context(): { actor: Parameters<typeof userOf>[0] } }) => userOf(request.context().actor);
  const e = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));

  app.get(
    '/api/service-orders/admin/catalogs',
    { config, schema: { tags, summary: 'Every catalog group with every code, retired ones too, in both languages', response: { 200: S.AdminCatalogs, ...errorResponses } } },
    async (request) => adminCatalogs(deps(), actor(request)),
  );

  app.post(
    '/api/service-orders/admin/catalogs',
    { config, schema: { tags, summary: 'Add a code group to the reason, damage or cause catalog', body: S.CodeGroupCreate, response: { 201: S.CatalogRef, ...errorResponses, ...e(409) } } },
    async (request, reply) => reply.status(201).send(await addCodeGroup(deps(), actor(request), request.body)),
  );

  app.put(
    '/api/service-orders/admin/catalogs/:catalog/:group',
    { config, schema: { tags, summary: 'Rename a code group', params: S.GroupParams, body: S.Labels, response: { 200: S.CatalogRef, ...errorResponses, ...e(404) } } },
    async (request) => relabelCodeGroup(deps(), actor(request), request.params.catalog, request.params.group, request.body),
  );

  app.post(
    '/api/service-orders/admin/catalogs/:catalog/:group/codes',
    { config, schema: { tags, summary: 'Add a code to a group', params: S.GroupParams, body: S.CodeCreate, response: { 201: S.CatalogRef, ...errorResponses, ...e(404, 409) } } },
    async (request, reply) => reply.status(201).send(await addCode(deps(), actor(request), request.params.catalog, request.params.group, request.body)),
  );

  app.patch(
    '/api/service-orders/admin/catalogs/:catalog/:group/codes/:code',
    { config, schema: { tags, summary: 'Rename a code, or retire it (inactive: no longer offered or accepted; what named it still shows it)', params: S.CodeParams, body: S.CodeChange, response: { 200: S.CatalogRef, ...errorResponses, ...e(404) } } },
    async (request) => changeCode(deps(), actor(request), request.params.catalog, request.params.group, request.params.code, request.body),
  );

  app.patch(
    '/api/service-orders/work-centers/:id',
    {
      config,
      schema: { tags, summary: 'Change a work center: name, department, staff, own hours, mailbox, sales office, active — at the version read', params: IdParams, body: S.WorkCenterChange, response: { 200: WorkCenterView, ...errorResponses, ...e(404, 409) } },
    },
    async (request) => changeWorkCenter(deps(), actor(request), request.params.id, request.body),
  );
};

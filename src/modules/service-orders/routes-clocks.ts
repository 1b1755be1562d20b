import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.js';
import { userOf } from '../tickets/service.js';
import * as S from './schemas-ops.js';
import { notificationClocks, serviceClockBoard, type ServiceOrderDeps } from './service.js';

/** A notification's clocks and the supervisor's board of them (docs/product.md §4). */
export const serviceOrderClockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): ServiceOrderDeps => ({ db: app.db, reference: app.reference, timeZone: app.config.timeZone });
  const tags = ['service-orders'];
  const actor = (request: { context(): { actor: Parameters<typeof userOf>[0] } }) => userOf(request.context().actor);

  app.get(
    '/api/service-orders/clock-board',
    {
      config: { permission: 'tickets.supervise' },
      schema: { tags, summary: 'The service notifications on the supervisor’s board: required starts and expected ends breached or past their warning', response: { 200: S.ServiceClockBoard, ...errorResponses } },
    },
    async (request) => serviceClockBoard(deps(), actor(request)),
  );

  app.get(
    '/api/service-orders/:id/clocks',
    {
      config: { permission: 'serviceOrders.read' },
      schema: { tags, summary: 'A notification’s clocks: the required start (until work begins) and the expected end (until completed)', params: IdParams, response: { 200: Type.Array(S.ServiceClockView), ...errorResponses, 404: Type.Ref('ErrorResponse') } },
    },
    async (request) => notificationClocks(deps(), actor(request), request.params.id),
  );
};

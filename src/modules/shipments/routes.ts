import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, pageWindow } from '../../http/schemas.js';
import { RegisterResult, Revealed, ShipmentBatch, ShipmentDetail, ShipmentPage, ShipmentSearch, WaybillParams } from './schemas.js';
import { findShipments, registerShipments, revealParties, shipmentDetail } from './service.js';

const notFound = { 404: Type.Ref('ErrorResponse') };

export const shipmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/shipments',
    {
      config: { permission: 'shipments.register', textCheck: 'per-item' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['shipments'],
        summary: 'Register up to 1,000 shipments (order systems, API key)',
        description:
          'A request whose shape is wrong is refused whole (400). A shipment carrying text that cannot be stored (NUL, a lone ' +
          'surrogate) is listed in `rejected` by its index (`SHIPMENT_TEXT_INVALID`) and not registered; one whose region ' +
          'cannot be found is registered and listed as a remark (`SHIPMENT_*_REGION_UNKNOWN`). Reasons are in the language ' +
          'of Accept-Language.',
        body: ShipmentBatch,
        response: { 200: RegisterResult, ...errorResponses },
      },
    },
    async (request) => registerShipments(app.db, app.tracking, request.body.shipments, request.locale),
  );

  app.get(
    '/api/shipments',
    {
      config: { permission: 'shipments.read' },
      schema: {
        tags: ['shipments'],
        summary: 'Find shipments by exact waybill number, phone number or name (personal data masked)',
        querystring: ShipmentSearch,
        response: { 200: ShipmentPage, ...errorResponses },
      },
    },
    async (request) => findShipments(app.db, { q: request.query.q, ...pageWindow(request.query) }),
  );

  app.get(
    '/api/shipments/:waybillNo',
    {
      config: { permission: 'shipments.read' },
      schema: {
        tags: ['shipments'],
        summary: 'A shipment with its timeline, exceptions and notifications',
        params: WaybillParams,
        response: { 200: ShipmentDetail, ...errorResponses, ...notFound },
      },
    },
    async (request) => shipmentDetail(app.db, request.context(), request.params.waybillNo, request.locale, app.config.timeZone),
  );

  app.post(
    '/api/shipments/:waybillNo/reveal',
    {
      config: { permission: 'shipments.revealPersonalData' },
      schema: {
        tags: ['shipments'],
        summary: 'Unmasked sender and recipient (audited)',
        params: WaybillParams,
        response: { 200: Revealed, ...errorResponses, ...notFound },
      },
    },
    async (request) => revealParties(app.db, request.context(), request.params.waybillNo),
  );
};

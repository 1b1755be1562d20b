import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, pageWindow } from '../../http/schemas.js';
import { AuditActions, AuditPage, AuditQuery } from './schemas.js';
import { auditActions, searchAudit } from './service.js';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request) => {
      const { action, actorId, from, to } = request.query;
      return searchAudit(app.db, {
        action,
        actorId,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
        ...pageWindow(request.query),
      });
    },
  );

  app.get(
    '/api/audit/actions',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Actions that occur in the log, for the filter',
        response: { 200: AuditActions, ...errorResponses },
      },
    },
    async () => ({ items: await auditActions(app.db) }),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams } from '../../http/schemas.js';
import { ApiKey, ApiKeyList, CreateApiKeyBody, CreatedApiKey } from './schemas.js';
import { apiKeys, createApiKey, revokeKey } from './service.js';

export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/api-keys',
    {
      config: { permission: 'apiKeys.manage' },
      schema: { tags: ['api-keys'], summary: 'List API keys', response: { 200: ApiKeyList, ...errorResponses } },
    },
    async () => apiKeys(app.db),
  );

  app.post(
    '/api/api-keys',
    {
      config: { permission: 'apiKeys.manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Issue an API key (the secret is returned once)',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiKey(app.db, request.context(), request.body)),
  );

  app.delete(
    '/api/api-keys/:id',
    {
      config: { permission: 'apiKeys.manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key',
        params: IdParams,
        response: { 200: ApiKey, ...errorResponses, 404: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => {
      const key = await revokeKey(app.db, request.context(), request.params.id);
      app.identities.forgetApiKey(request.params.id);
      return key;
    },
  );
};

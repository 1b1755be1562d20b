import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams, pageWindow } from '../../http/schemas.js';
import {
  CreateUserBody,
  DepartmentList,
  ResetPasswordBody,
  UpdateUserBody,
  User,
  UserListQuery,
  UserPage,
} from './schemas.js';
import { createUser, departments, getUser, listUsers, resetPassword, unlockUser, updateUser } from './service.js';

const notFound = { 404: Type.Ref('ErrorResponse') };

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/users',
    {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: 'List users', querystring: UserListQuery, response: { 200: UserPage, ...errorResponses } },
    },
    async (request) => listUsers(app.db, { q: request.query.q, role: request.query.role, ...pageWindow(request.query) }),
  );

  app.get(
    '/api/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: User, ...errorResponses, ...notFound } },
    },
    async (request) => getUser(app.db, request.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: CreateUserBody,
        response: { 201: User, ...errorResponses, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(app.db, request.context(), request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Change a user (optimistic: send the version you read)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses, ...notFound, 409: Type.Ref('ErrorResponse') },
      },
    },
    async (request) => {
      const user = await updateUser(app.db, request.context(), request.params.id, request.body);
      app.identities.forgetUser(request.params.id); // name, role, team or access may have changed
      return user;
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: "Reset a user's password; ends their sessions",
        params: IdParams,
        body: ResetPasswordBody,
        response: { 204: Type.Null(), ...errorResponses, ...notFound },
      },
    },
    async (request, reply) => {
      await resetPassword(app.db, request.context(), request.params.id, request.body.password);
      app.identities.forgetUser(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Lift a sign-in lock',
        params: IdParams,
        response: { 200: User, ...errorResponses, ...notFound },
      },
    },
    async (request) => unlockUser(app.db, request.context(), request.params.id),
  );

  app.get(
    '/api/departments',
    {
      config: { permission: 'departments.read' },
      schema: { tags: ['users'], summary: 'Departments and teams', response: { 200: DepartmentList, ...errorResponses } },
    },
    async () => departments(app.db),
  );
};

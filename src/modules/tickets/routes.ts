import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type, { type TSchema } from 'typebox';
import { errorMessage } from '../../http/messages.js';
import { errorResponses, IdParams } from '../../http/schemas.js';
import { listCallbacks, departmentInbox, duty, listReleases, listTickets, supervisorBoard, ticketDetail } from './queries.js';
import * as S from './schemas.js';
import {
  answerDepartmentRequest,
  askDepartment,
  bulkAssign,
  changeStatus,
  closeTicket,
  completeCallback,
  createTicket,
  decideRelease,
  editTicket,
  escalate,
  lookupPublicTickets,
  merge,
  openCasesFor,
  openPublicTicket,
  publicReply,
  publicTicket,
  rateTicket,
  recordContact,
  reopen,
  reply,
  requestRelease,
  resolve,
  revealCustomer,
  setDuty,
  transfer,
  type TicketDeps,
  userOf,
} from './service.js';

const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('ErrorResponse')]));
const Changed = Type.Object({ version: Type.Integer({ description: 'the ticket’s new version' }) });

export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): TicketDeps => ({ db: app.db, reference: app.reference });
  const work = { permission: 'tickets.work' } as const;
  const tags = ['tickets'];

  app.post(
    '/api/tickets',
    {
      config: work,
      schema: {
        tags,
        summary: 'Open a ticket from a contact; the caller owns it (首问负责制). An open case of the customer or waybill: 409 TICKET_OPEN_CASE, then followUp joins it or opens beside it',
        body: S.TicketCreate,
        response: { 201: S.TicketCreated, ...errorResponses, ...err(404, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await createTicket(deps(), userOf(request.context().actor), request.body)),
  );

  app.get(
    '/api/tickets/open-cases',
    {
      config: work,
      schema: {
        tags,
        summary: 'The open cases a new contact about these waybills or this phone would join or be linked to (the new-ticket form asks as the agent types)',
        querystring: S.OpenCasesQuery,
        response: { 200: S.OpenCases, ...errorResponses },
      },
    },
    async (request) => openCasesFor(deps(), userOf(request.context().actor), request.query),
  );

  app.get(
    '/api/tickets',
    {
      config: work,
      schema: {
        tags,
        summary: 'Queues in clock-urgency order (mine, team, open, unassigned, breached, at risk) and search',
        querystring: S.TicketList,
        response: { 200: S.TicketPage, ...errorResponses },
      },
    },
    async (request) => listTickets(deps(), userOf(request.context().actor), request.query),
  );

  app.get(
    '/api/tickets/board',
    {
      config: { permission: 'tickets.supervise' },
      schema: { tags, summary: 'Supervisor board: clocks breached and about to breach', response: { 200: S.Board, ...errorResponses } },
    },
    async (request) => supervisorBoard(deps(), userOf(request.context().actor)),
  );

  app.get(
    '/api/tickets/:id',
    {
      config: { permission: 'console.use' },
      schema: {
        tags,
        summary: 'A ticket with its clocks, shipments, conversation, timeline and earlier contacts',
        params: S.TicketParams,
        response: { 200: S.TicketDetail, ...errorResponses, ...err(404) },
      },
    },
    async (request) => ticketDetail(deps(), userOf(request.context().actor), request.params.id),
  );

  app.post(
    '/api/tickets/:id/customer/reveal',
    {
      config: work,
      schema: {
        tags,
        summary: 'The customer’s unmasked name and phone, for the owner, a pending callback’s assignee and roles that see personal data (audited)',
        params: S.TicketParams,
        response: { 200: S.RevealedCustomer, ...errorResponses, ...err(404) },
      },
    },
    async (request) => revealCustomer(deps(), request.context(), request.params.id),
  );

  // A ticket command: the ticket's id in the path, the version the caller read in the body, the new
  // version back. The schema is built per route, so the TypeBox provider types each handler's body.
  const command = <B extends TSchema>(summary: string, body: B) => ({
    config: work,
    schema: { tags, summary, params: S.TicketParams, body, response: { 200: Changed, ...errorResponses, ...err(404, 409, 422) } },
  });
  const actorOf = (request: { context(): { actor: Parameters<typeof userOf>[0] } }) => userOf(request.context().actor);

  app.post('/api/tickets/:id/replies', command('Public reply (checked against the forbidden phrases) or internal note', S.Reply), async (request) =>
    reply(deps(), actorOf(request), request.params.id, request.body),
  );
  app.post('/api/tickets/:id/status', command('Wait for the customer (pauses the resolution clock) or back to open', S.StatusChange), async (request) =>
    changeStatus(deps(), actorOf(request), request.params.id, request.body),
  );
  app.post('/api/tickets/:id/transfer', command('Transfer ownership to a person or a team, with a reason', S.Transfer), async (request) =>
    transfer(deps(), actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/tickets/bulk/assign',
    {
      config: { permission: 'tickets.supervise' },
      schema: {
        tags,
        summary: 'Move several tickets to a person or a team in one step; each ticket is moved or refused with its own code',
        body: S.BulkAssign,
        response: { 200: S.BulkAssignResult, ...errorResponses },
      },
    },
    async (request) => {
      const items = await bulkAssign(deps(), actorOf(request), request.body);
      return {
        moved: items.filter((i) => i.outcome === 'moved').length,
        refused: items.filter((i) => i.outcome === 'refused').length,
        items: items.map((i) =>
          i.outcome === 'moved'
            ? { ...i, code: null, message: null }
            : { id: i.id, outcome: i.outcome, number: null, version: null, ownerName: null, teamName: null, code: i.code, message: errorMessage(i.code, request.locale, i.params) },
        ),
      };
    },
  );
  app.post('/api/tickets/:id/escalate', command('Raise the priority one step; clocks follow the new targets', S.Escalate), async (request) =>
    escalate(deps(), actorOf(request), request.params.id, request.body),
  );
  app.post('/api/tickets/:id/department-requests', command('Ask a department (相应部门); the ticket waits for its reply', S.AskDepartment), async (request) =>
    askDepartment(deps(), actorOf(request), request.params.id, request.body),
  );
  app.post('/api/tickets/:id/resolve', command('Resolve with an answer; a complaint gets its callback scheduled', S.Resolve), async (request) =>
    resolve(deps(), actorOf(request), request.params.id, request.body),
  );
  app.post('/api/tickets/:id/close', command('Close; a complaint needs its callback outcome or a reason', S.Close), async (request) =>
    closeTicket(deps(), actorOf(request), request.params.id, request.body),
  );
  app.post('/api/tickets/:id/reopen', command('Reopen a resolved ticket', S.Reopen), async (request) => reopen(deps(), actorOf(request), request.params.id, request.body));
  app.post('/api/tickets/:id/merge', command('Merge this duplicate into another open ticket', S.Merge), async (request) => merge(deps(), actorOf(request), request.params.id, request.body));
  app.post('/api/tickets/:id/edit', command('Change priority, category, cause, confidentiality, subject or waybills', S.TicketEdit), async (request) =>
    editTicket(deps(), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/contacts',
    {
      config: work,
      schema: {
        tags,
        summary: 'Record a contact, on the ticket named or else on the customer’s open case (首问负责制)',
        body: S.ContactCreate,
        response: { 201: S.ContactRecorded, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await recordContact(deps(), userOf(request.context().actor), request.body)),
  );

  app.get(
    '/api/department-requests',
    {
      config: { permission: 'console.use' },
      schema: {
        tags,
        summary: 'What tickets ask of my department',
        querystring: Type.Object({ open: Type.Optional(Type.Boolean({ default: true })) }, { additionalProperties: false }),
        response: { 200: Type.Array(S.DepartmentRequest), ...errorResponses },
      },
    },
    async (request) => departmentInbox(deps(), userOf(request.context().actor), request.query.open ?? true),
  );

  app.post(
    '/api/department-requests/:id/reply',
    {
      config: { permission: 'console.use' },
      schema: { tags, summary: '相应部门回复: answer without taking the ticket', params: IdParams, body: S.DepartmentReply, response: { 200: Type.Object({ ticketId: Type.String() }), ...errorResponses, ...err(404, 409) } },
    },
    async (request) => answerDepartmentRequest(deps(), userOf(request.context().actor), request.params.id, request.body),
  );

  app.post(
    '/api/tickets/:id/phrase-releases',
    {
      config: work,
      schema: {
        tags,
        summary: 'Ask a supervisor to release a public reply the phrase guard blocked (held, not sent; one waits per ticket)',
        params: S.TicketParams,
        body: S.PhraseReleaseCreate,
        response: { 201: S.PhraseReleaseCreated, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await requestRelease(deps(), userOf(request.context().actor), request.params.id, request.body)),
  );

  app.get(
    '/api/phrase-releases',
    {
      config: work,
      schema: {
        tags,
        summary: 'Held replies: a supervisor sees everyone’s (waiting ones oldest first), others their own; decided ones are the quality-check record',
        querystring: S.PhraseReleaseList,
        response: { 200: Type.Array(S.PhraseRelease), ...errorResponses },
      },
    },
    async (request) => listReleases(deps(), userOf(request.context().actor), request.query),
  );

  app.post(
    '/api/phrase-releases/:id/approve',
    {
      config: { permission: 'tickets.supervise' },
      schema: {
        tags,
        summary: 'Approve a held reply: it is sent to the customer as written, in its writer’s name (not by the one who asked)',
        params: IdParams,
        response: { 200: S.PhraseReleaseDecided, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request) => decideRelease(deps(), userOf(request.context().actor), request.params.id, { decision: 'approve' }),
  );

  app.post(
    '/api/phrase-releases/:id/decline',
    {
      config: { permission: 'tickets.supervise' },
      schema: {
        tags,
        summary: 'Decline a held reply with a reason the agent reads on the ticket; it is not sent',
        params: IdParams,
        body: S.PhraseReleaseDecline,
        response: { 200: S.PhraseReleaseDecided, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request) => decideRelease(deps(), userOf(request.context().actor), request.params.id, { decision: 'decline', reason: request.body.reason }),
  );

  app.get(
    '/api/callbacks',
    {
      config: work,
      schema: { tags, summary: 'Callbacks (回访) by scheduled time', querystring: S.CallbackList, response: { 200: Type.Array(S.Callback), ...errorResponses } },
    },
    async (request) => listCallbacks(deps(), userOf(request.context().actor), request.query),
  );

  app.post(
    '/api/callbacks/:id/complete',
    {
      config: work,
      schema: {
        tags,
        summary: 'Record the callback outcome; satisfied closes, unsatisfied reopens, unreachable tries again in the next callback window until the last attempt closes',
        params: IdParams,
        body: S.CallbackComplete,
        response: { 200: S.CallbackCompleted, ...errorResponses, ...err(404, 409) },
      },
    },
    async (request) => completeCallback(deps(), userOf(request.context().actor), request.params.id, request.body),
  );

  app.get(
    '/api/duty',
    { config: work, schema: { tags, summary: 'Who is on duty, with capacity and open tickets', response: { 200: Type.Array(S.DutyView), ...errorResponses } } },
    async (request) => duty(deps(), userOf(request.context().actor)),
  );

  app.put(
    '/api/duty/:id',
    {
      config: work,
      schema: { tags, summary: 'Go on or off duty (yourself; supervisors for anyone)', params: IdParams, body: S.DutyUpdate, response: { 204: Type.Null(), ...errorResponses, ...err(404) } },
    },
    async (request, reply) => {
      await setDuty(deps(), userOf(request.context().actor), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  // Customer self-service: public, rate-limited, after the phone check.
  const publicTags = ['public'];
  const limited = { public: true, rateLimit: { max: app.config.publicTrackRateLimitPerMinute, timeWindow: '1 minute' } } as const;

  app.post(
    '/api/public/tickets',
    {
      config: limited,
      schema: {
        tags: publicTags,
        security: [],
        summary: 'A customer opens a query or complaint about a waybill (last 4 phone digits required)',
        body: S.PublicTicketCreate,
        response: { 201: S.PublicTicketCreated, 400: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 429: Type.Ref('ErrorResponse') },
      },
    },
    async (request, reply) => reply.status(201).send(await openPublicTicket(deps(), app.phoneChecks.forClient(request.ip), request.body)),
  );

  app.post(
    '/api/public/tickets/lookup',
    {
      config: limited,
      schema: {
        tags: publicTags,
        security: [],
        summary: 'My tickets about a waybill (last 4 phone digits required), each with a fresh link',
        body: S.PublicLookup,
        response: { 200: S.PublicLookupResult, ...err(400, 403, 429) },
      },
    },
    async (request) => lookupPublicTickets(deps(), app.phoneChecks.forClient(request.ip), request.body),
  );

  app.get(
    '/api/public/tickets/:token',
    {
      config: limited,
      schema: { tags: publicTags,
        security: [], summary: 'Follow a ticket with its secret link', params: S.PublicTokenParams, response: { 200: S.PublicTicket, ...err(400, 404, 429) } },
    },
    async (request) => publicTicket(deps(), request.params.token),
  );

  app.post(
    '/api/public/tickets/:token/replies',
    {
      config: limited,
      schema: { tags: publicTags,
        security: [], summary: 'The customer replies', params: S.PublicTokenParams, body: S.PublicReply, response: { 204: Type.Null(), ...err(400, 404, 409, 429) } },
    },
    async (request, reply) => {
      await publicReply(deps(), request.params.token, request.body.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/public/tickets/:token/rating',
    {
      config: limited,
      schema: { tags: publicTags,
        security: [], summary: 'Rate a resolved ticket 1–5 (a reason is required below 3)', params: S.PublicTokenParams, body: S.PublicRating, response: { 204: Type.Null(), ...err(400, 404, 409, 429) } },
    },
    async (request, reply) => {
      await rateTicket(deps(), request.params.token, request.body);
      return reply.status(204).send(null);
    },
  );
};

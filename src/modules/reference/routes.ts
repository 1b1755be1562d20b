import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses, IdParams, pageWindow } from '../../http/schemas.js';
import {
  AdminForbiddenPhrase,
  AdminForbiddenPhraseList,
  AdminStandardPhrase,
  AdminStandardPhraseList,
  AdminTicketCode,
  AdminTicketCodeList,
  CalendarDay,
  CalendarDayBody,
  CalendarDayList,
  CalendarDayQuery,
  CalendarSettings,
  ChangeSlaPolicyBody,
  CodeParams,
  CreateForbiddenPhraseBody,
  CreateStandardPhraseBody,
  CreateTicketCodeBody,
  DateParams,
  PhraseCheckBody,
  PhraseCheckResult,
  PhraseGuardSetting,
  PhraseHitPage,
  PhraseHitQuery,
  SlaPolicyVersionParams,
  SlaPolicyVersionView,
  SlaPolicyView,
  StandardPhraseList,
  TicketCodeList,
  UpdateForbiddenPhraseBody,
  UpdateStandardPhraseBody,
  UpdateTicketCodeBody,
} from './schemas.js';
import * as service from './service.js';

const ref = Type.Ref('ErrorResponse');
const notFound = { 404: ref };
const conflict = { 409: ref };

/**
 * Reference data: what agents read while they work (ticket codes, standard phrases, the live
 * forbidden-phrase check), what supervisors read for quality checks (phrase hits), and what admins
 * and managers edit (policies.manage).
 */
export const referenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ---- For every console user ----

  app.get(
    '/api/reference/ticket-codes',
    {
      config: { permission: 'console.use' },
      schema: {
        tags: ['reference'],
        summary: 'Active ticket categories and cause codes, in picker order',
        response: { 200: TicketCodeList, ...errorResponses },
      },
    },
    async () => service.activeTicketCodes(app.db),
  );

  app.get(
    '/api/phrases/standard',
    {
      config: { permission: 'console.use' },
      schema: {
        tags: ['reference'],
        summary: 'Standard phrases (规范用语) for the reply box, by situation',
        response: { 200: StandardPhraseList, ...errorResponses },
      },
    },
    async () => service.activeStandardPhrases(app.db),
  );

  app.post(
    '/api/phrases/check',
    {
      config: { permission: 'console.use' },
      schema: {
        tags: ['reference'],
        summary: 'Check a reply for forbidden phrases (服务忌语) while it is typed; records nothing',
        body: PhraseCheckBody,
        response: { 200: PhraseCheckResult, ...errorResponses },
      },
    },
    async (request) => service.checkReply(app.db, app.reference, request.body.text),
  );

  // ---- Quality checks (质检) ----

  app.get(
    '/api/quality/phrase-hits',
    {
      config: { permission: 'quality.read' },
      schema: {
        tags: ['quality'],
        summary: 'Forbidden phrases found in replies, newest first (blocked or sent with a warning)',
        querystring: PhraseHitQuery,
        response: { 200: PhraseHitPage, ...errorResponses },
      },
    },
    async (request) => service.phraseHits(app.db, { userId: request.query.userId, ...pageWindow(request.query) }),
  );

  // ---- Ticket codes (admin) ----

  app.get(
    '/api/admin/ticket-codes',
    {
      config: { permission: 'policies.manage' },
      schema: { tags: ['admin'], summary: 'Every ticket code, inactive ones included', response: { 200: AdminTicketCodeList, ...errorResponses } },
    },
    async () => service.allTicketCodes(app.db),
  );

  app.post(
    '/api/admin/ticket-codes',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Add a ticket category or cause code',
        body: CreateTicketCodeBody,
        response: { 201: AdminTicketCode, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createTicketCode(app.db, request.context(), request.body)),
  );

  app.patch(
    '/api/admin/ticket-codes/:code',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Rename, reorder or (de)activate a code; codes are never deleted, tickets keep them',
        params: CodeParams,
        body: UpdateTicketCodeBody,
        response: { 200: AdminTicketCode, ...errorResponses, ...notFound },
      },
    },
    async (request) => service.updateTicketCode(app.db, request.context(), request.params.code, request.body),
  );

  // ---- Standard phrases (admin) ----

  app.get(
    '/api/admin/phrases/standard',
    {
      config: { permission: 'policies.manage' },
      schema: { tags: ['admin'], summary: 'Every standard phrase, inactive ones included', response: { 200: AdminStandardPhraseList, ...errorResponses } },
    },
    async () => service.allStandardPhrases(app.db),
  );

  app.post(
    '/api/admin/phrases/standard',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Add a standard phrase; its text must be a valid template without forbidden phrases',
        body: CreateStandardPhraseBody,
        response: { 201: AdminStandardPhrase, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createStandardPhrase(app.db, app.reference, request.context(), request.body)),
  );

  app.patch(
    '/api/admin/phrases/standard/:id',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Change or (de)activate a standard phrase',
        params: IdParams,
        body: UpdateStandardPhraseBody,
        response: { 200: AdminStandardPhrase, ...errorResponses, ...notFound },
      },
    },
    async (request) => service.updateStandardPhrase(app.db, app.reference, request.context(), request.params.id, request.body),
  );

  // ---- Forbidden phrases and the guard (admin) ----

  app.get(
    '/api/admin/phrases/forbidden',
    {
      config: { permission: 'policies.manage' },
      schema: { tags: ['admin'], summary: 'Every forbidden phrase, inactive ones included', response: { 200: AdminForbiddenPhraseList, ...errorResponses } },
    },
    async () => service.allForbiddenPhrases(app.db),
  );

  app.post(
    '/api/admin/phrases/forbidden',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Add a forbidden phrase; the same phrase in another spelling (spaces, punctuation, width) is a duplicate',
        body: CreateForbiddenPhraseBody,
        response: { 201: AdminForbiddenPhrase, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createForbiddenPhrase(app.db, app.reference, request.context(), request.body)),
  );

  app.patch(
    '/api/admin/phrases/forbidden/:id',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Change or (de)activate a forbidden phrase',
        params: IdParams,
        body: UpdateForbiddenPhraseBody,
        response: { 200: AdminForbiddenPhrase, ...errorResponses, ...notFound, ...conflict },
      },
    },
    async (request) => service.updateForbiddenPhrase(app.db, app.reference, request.context(), request.params.id, request.body),
  );

  app.get(
    '/api/admin/phrase-guard',
    {
      config: { permission: 'policies.manage' },
      schema: { tags: ['admin'], summary: 'What happens to a reply with a forbidden phrase', response: { 200: PhraseGuardSetting, ...errorResponses } },
    },
    async () => service.phraseGuardSetting(app.db, app.reference),
  );

  app.put(
    '/api/admin/phrase-guard',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'block: such a reply is not sent; warn: it is sent and the hit recorded',
        body: PhraseGuardSetting,
        response: { 200: PhraseGuardSetting, ...errorResponses },
      },
    },
    async (request) => service.setPhraseGuardMode(app.db, app.reference, request.context(), request.body.mode),
  );

  // ---- Business calendar (admin) ----

  app.get(
    '/api/admin/calendar',
    {
      config: { permission: 'policies.manage' },
      schema: { tags: ['admin'], summary: 'Time zone, working hours and callback hours', response: { 200: CalendarSettings, ...errorResponses } },
    },
    async () => service.calendarSettings(app.db, app.reference),
  );

  app.put(
    '/api/admin/calendar',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Change time zone, working hours or callback hours; SLA clocks use them from now on',
        body: CalendarSettings,
        response: { 200: CalendarSettings, ...errorResponses },
      },
    },
    async (request) => service.setCalendarSettings(app.db, app.reference, request.context(), request.body),
  );

  app.get(
    '/api/admin/calendar/days',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Holidays (法定节假日) and worked weekend days (调休上班), by date',
        querystring: CalendarDayQuery,
        response: { 200: CalendarDayList, ...errorResponses },
      },
    },
    async (request) => service.calendarDays(app.db, request.query.year),
  );

  app.put(
    '/api/admin/calendar/days/:date',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Mark a date as a holiday or a worked weekend day (adds or replaces)',
        params: DateParams,
        body: CalendarDayBody,
        response: { 200: CalendarDay, ...errorResponses },
      },
    },
    async (request) => service.putCalendarDay(app.db, app.reference, request.context(), request.params.date, request.body),
  );

  app.delete(
    '/api/admin/calendar/days/:date',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Make a date an ordinary day of the week again',
        params: DateParams,
        response: { 204: Type.Null(), ...errorResponses, ...notFound },
      },
    },
    async (request, reply) => {
      await service.deleteCalendarDay(app.db, app.reference, request.context(), request.params.date);
      return reply.status(204).send(null);
    },
  );

  // ---- SLA policy (admin) ----

  app.get(
    '/api/admin/sla-policy',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'The SLA policy in force (工单时限), each target with its source, and the list of versions',
        response: { 200: SlaPolicyView, ...errorResponses },
      },
    },
    async () => service.slaPolicyView(app.db),
  );

  app.get(
    '/api/admin/sla-policy/:version',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'One version of the SLA policy, as it was saved',
        params: SlaPolicyVersionParams,
        response: { 200: SlaPolicyVersionView, ...errorResponses, ...notFound },
      },
    },
    async (request) => service.slaPolicyVersion(app.db, request.params.version),
  );

  app.put(
    '/api/admin/sla-policy',
    {
      config: { permission: 'policies.manage' },
      schema: {
        tags: ['admin'],
        summary: 'Save the policy as a new version (old versions are never changed); a note says why',
        body: ChangeSlaPolicyBody,
        response: { 200: SlaPolicyView, ...errorResponses, ...conflict },
      },
    },
    async (request) => service.changeSlaPolicy(app.db, app.reference, request.context(), request.body),
  );
};

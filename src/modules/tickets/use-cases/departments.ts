import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { addClockMinutes } from '../../../domain/sla/calendar.js';
import { stopClock } from '../../../domain/sla/clock.js';
import { departmentRequestFor, ticketFor, type UserActor } from '../access.js';
import { changeClocks, clocksOf, refreshTicketDue, startTicketClock } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { answerDepartmentRequestRow, departmentById, hasUnansweredRequests, insertDepartmentRequest, touchTicket } from '../repository.js';
import { loadSettings } from '../settings.js';
import { addEvent, who } from '../timeline.js';
import { setStatus, takeIfUnowned } from './steps.js';

/** 相应部门: ask a department; the ticket waits for it and the department's reply clock runs. */
export async function askDepartment(deps: TicketDeps, actor: UserActor, id: string, input: { departmentId: string; question: string; version: number }) {
  const s = await loadSettings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const row = await ticketFor(trx, actor, id, 'askDepartment', input.version);
    const department = await departmentById(trx, input.departmentId);
    if (!department) throw new AppError('DEPARTMENT_NOT_FOUND');
    await takeIfUnowned(trx, row, actor);
    const target = s.policy.departmentReply;
    await insertDepartmentRequest(trx, {
      ticketId: id,
      departmentId: department.id,
      question: input.question,
      askedBy: actor.id,
      askedAt: now,
      dueAt: addClockMinutes(now, target.minutes, s.calendar, target.basis),
    });
    await addEvent(trx, id, who(actor), { kind: 'department_request', to: department.name, body: input.question });
    await startTicketClock(trx, { ticketId: id, kind: 'department_reply', target, at: now, policyVersion: s.policyVersion, warnRatio: s.policy.warnRatio, calendar: s.calendar });
    if (row.status !== 'pending_department') await setStatus(trx, row, 'pending_department', who(actor), s, now);
    await refreshTicketDue(trx, id);
    return { version: await touchTicket(trx, id) };
  });
}

/** A department answers what it was asked, without taking the ticket (相应部门回复). */
export async function answerDepartmentRequest(deps: TicketDeps, actor: UserActor, requestId: string, input: { reply: string }) {
  const s = await loadSettings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const { ticket: row, request } = await departmentRequestFor(trx, actor, requestId);
    if (request.replied_at) throw new AppError('DEPARTMENT_REQUEST_ANSWERED');
    await answerDepartmentRequestRow(trx, requestId, { reply: input.reply, by: actor.id, at: now });
    await addEvent(trx, row.id, who(actor), { kind: 'department_reply', body: input.reply, detail: { requestId } });
    if (!(await hasUnansweredRequests(trx, row.id))) {
      await changeClocks(trx, await clocksOf(trx, row.id), ['department_reply'], (c) => stopClock(c, now, s.calendar), s.policy.warnRatio, s.calendar);
      if (row.status === 'pending_department') await setStatus(trx, row, 'open', who(actor), s, now);
      await refreshTicketDue(trx, row.id);
    }
    await touchTicket(trx, row.id);
    return { ticketId: row.id };
  });
}

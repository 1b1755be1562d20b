/**
 * The demo company's quality checks (质检), so the quality page is not empty on first start:
 * agent01 answers two of the exception tickets they own (one from a standard phrase), this week is
 * sampled for 客服呼叫中心 as the weekly job samples a week, and supervisor01 scores two of the
 * sampled tickets (one with a bonus item) and opens a calibration on a third — the rest wait to be
 * reviewed. Written through the modules' use cases; runs once, after the demo tickets.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Role } from '../domain/roles.js';
import { createCalibration, sampleWeek, submitReview, type QualityDeps } from '../modules/quality/service.js';
import type { ReferenceData } from '../modules/reference/cache.js';
import { reply, type UserActor } from '../modules/tickets/service.js';

const ANSWERS = [
  { body: '您的心情我非常理解，我们会立即核实您快件的情况，并在今天下班前给您答复。', templateKey: 'complaint.2' },
  { body: '您好，我们已登记您的快件情况并通知网点核实，核实结果出来后第一时间联系您，请保持电话畅通。' },
];

export async function seedDemoQuality(db: Kysely<DB>, reference: ReferenceData, timeZone: string, now = new Date()): Promise<{ sampled: number; reviewed: number }> {
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'department_id']).where('username', 'in', ['agent01', 'supervisor01']).execute();
  const as = (username: string): UserActor => {
    const u = users.find((x) => x.username === username)!;
    return { kind: 'user', id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, departmentId: u.department_id, sessionId: 'demo-seed' };
  };
  const agent = as('agent01');
  const supervisor = as('supervisor01');

  const owned = await db
    .selectFrom('tickets')
    .select(['id', 'version'])
    .where('owner_id', '=', agent.id)
    .where('kind', '=', 'exception')
    .where('status', 'in', ['new', 'open'])
    .orderBy('number')
    .limit(ANSWERS.length)
    .execute();
  for (const [i, ticket] of owned.entries()) {
    const answer = ANSWERS[i]!;
    await reply({ db, reference }, agent, ticket.id, { body: answer.body, visibility: 'public', version: ticket.version, ...(answer.templateKey ? { templateKey: answer.templateKey } : {}) });
  }

  const deps: QualityDeps = { db, timeZone };
  const sample = await sampleWeek(deps, { teamId: agent.departmentId ?? undefined }, { actor: null, now });
  const mine = sample.created.filter((a) => a.reviewer.id === supervisor.id);
  const base = { greeting: 100, courtesy: 90, accuracy: 90, ownership: 80, communication: 80, no_forbidden_phrases: 100, privacy: 100 };
  const reviews = [
    { scores: base, bonus: ['proactive'], comment: '开场规范，解释清楚并主动告知后续进展；安抚可以再多一句。' },
    { scores: { ...base, accuracy: 70, communication: 60 }, bonus: [], comment: '时效说明不够准确，应先核实网点反馈再答复客户。' },
  ];
  let reviewed = 0;
  for (const [i, review] of reviews.entries()) {
    const assignment = mine[i];
    if (!assignment) break;
    await submitReview(deps, supervisor, assignment.id, review);
    reviewed += 1;
  }
  const third = mine[reviews.length];
  if (third) await createCalibration(deps, supervisor, { ticketId: third.ticket.id, title: `本周校准 #${third.ticket.number}` });
  return { sampled: sample.created.length, reviewed };
}

/**
 * The quality module's queries (质检): Kysely only, no rules. Weeks are company-zone weeks given
 * as UTC instants by the service; `week` is read as text ('YYYY-MM-DD'), never as a Date.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Scorecard } from '../../domain/quality/scorecard.js';
import type { SamplingSettings, Stratum } from '../../domain/quality/sampling.js';

type Db = Kysely<DB> | Transaction<DB>;

export const SAMPLING_SETTING = 'qualitySampling';

export async function latestScorecard(db: Db) {
  return db.selectFrom('quality_scorecards').select(['version', 'scorecard', 'note', 'created_by', 'created_at']).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
}

export async function scorecardVersion(db: Db, version: number) {
  return db.selectFrom('quality_scorecards').select(['version', 'scorecard']).where('version', '=', version).executeTakeFirst();
}

/** Locks the scorecard table so two changes number their versions one after the other. */
export async function insertScorecard(trx: Transaction<DB>, card: Scorecard, note: string, by: string): Promise<number> {
  await sql`lock table quality_scorecards in exclusive mode`.execute(trx);
  const { max } = await trx.selectFrom('quality_scorecards').select((eb) => eb.fn.max('version').as('max')).executeTakeFirstOrThrow();
  const version = Number(max ?? 0) + 1;
  await trx.insertInto('quality_scorecards').values({ version, scorecard: JSON.stringify(card), note, created_by: by }).execute();
  return version;
}

export async function samplingSettings(db: Db): Promise<unknown> {
  return (await db.selectFrom('settings').select('value').where('key', '=', SAMPLING_SETTING).executeTakeFirst())?.value;
}

export async function saveSamplingSettings(trx: Transaction<DB>, settings: SamplingSettings, by: string): Promise<void> {
  const value = JSON.stringify(settings);
  await trx
    .insertInto('settings')
    .values({ key: SAMPLING_SETTING, value, updated_by: by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: by, updated_at: new Date() }))
    .execute();
}

/** One week's sampling at a time: the weekly job and a supervisor's run never top up the same agent at once. */
export async function lockWeek(trx: Transaction<DB>, week: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`quality-sample:${week}`}))`.execute(trx);
}

/** Active agents, with their team (department), in username order. */
export async function agentsToSample(db: Db, filter: { teamId?: string | undefined; agentId?: string | undefined }) {
  let query = db.selectFrom('users').select(['id', 'username', 'display_name', 'department_id']).where('role', '=', 'agent').where('active', '=', true);
  if (filter.teamId) query = query.where('department_id', '=', filter.teamId);
  if (filter.agentId) query = query.where('id', '=', filter.agentId);
  return query.orderBy('username').execute();
}

/** The active people who review quality: supervisors, the team's first (username order). */
export async function reviewersOf(db: Db, teamId: string | null) {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'department_id'])
    .where('role', '=', 'supervisor')
    .where('active', '=', true)
    .orderBy('username')
    .execute();
  const team = rows.filter((r) => teamId !== null && r.department_id === teamId).map((r) => r.id);
  return team.length ? team : rows.map((r) => r.id);
}

/**
 * The tickets an agent worked in [from, to): those they replied on or resolved, with the strata
 * that over-represent them (a complaint, a claim ticket or one with a claim, a forbidden-phrase hit
 * of theirs on it that week).
 */
export async function workedTickets(db: Db, agentId: string, from: Date, to: Date): Promise<{ ticketId: string; strata: Stratum[] }[]> {
  const rows = await db
    .selectFrom('tickets as t')
    .select([
      't.id',
      't.kind',
      (eb) => eb.exists(eb.selectFrom('claims as c').select('c.id').whereRef('c.ticket_id', '=', 't.id')).as('has_claim'),
      (eb) =>
        eb
          .exists(eb.selectFrom('phrase_hits as h').select('h.id').whereRef('h.ticket_id', '=', 't.id').where('h.user_id', '=', agentId).where('h.at', '>=', from).where('h.at', '<', to))
          .as('has_hit'),
    ])
    .where('t.id', 'in', (eb) =>
      eb
        .selectFrom('ticket_events as e')
        .select('e.ticket_id')
        .where('e.actor_id', '=', agentId)
        .where('e.kind', 'in', ['reply', 'resolved'])
        .where('e.at', '>=', from)
        .where('e.at', '<', to),
    )
    .execute();
  return rows.map((r) => ({
    ticketId: r.id,
    strata: [
      ...(r.has_hit ? (['phrase_hit'] as const) : []),
      ...(r.kind === 'complaint' ? (['complaint'] as const) : []),
      ...(r.kind === 'claim' || r.has_claim ? (['claim'] as const) : []),
    ],
  }));
}

export async function weekAssignmentsOf(db: Db, week: string, agentId: string) {
  return db.selectFrom('quality_assignments').select(['ticket_id', 'reviewer_id']).where('week', '=', week).where('agent_id', '=', agentId).execute();
}

export async function insertAssignments(
  trx: Transaction<DB>,
  rows: { week: string; agent_id: string; team_id: string | null; ticket_id: string; reviewer_id: string; strata: string[]; reason: string; source: 'weekly' | 'on_demand'; seed: string; created_by: string | null }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await trx
    .insertInto('quality_assignments')
    .values(rows)
    .onConflict((oc) => oc.columns(['week', 'agent_id', 'ticket_id']).doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

function assignmentsQuery(db: Db) {
  return db
    .selectFrom('quality_assignments as a')
    .innerJoin('tickets as t', 't.id', 'a.ticket_id')
    .innerJoin('users as ag', 'ag.id', 'a.agent_id')
    .innerJoin('users as rv', 'rv.id', 'a.reviewer_id')
    .leftJoin('departments as d', 'd.id', 'a.team_id')
    .leftJoin('quality_reviews as r', 'r.assignment_id', 'a.id')
    .select([
      'a.id',
      sql<string>`a.week::text`.as('week'),
      'a.agent_id',
      'ag.display_name as agent_name',
      'a.team_id',
      'd.name as team_name',
      'a.ticket_id',
      sql<string>`t.number::text`.as('ticket_number'),
      't.subject as ticket_subject',
      't.kind as ticket_kind',
      'a.reviewer_id',
      'rv.display_name as reviewer_name',
      'a.strata',
      'a.reason',
      'a.source',
      'a.created_at',
      'r.id as review_id',
      'r.score_tenths',
      'r.critical_failed',
      'r.status as review_status',
    ]);
}

export type AssignmentRow = Awaited<ReturnType<typeof readAssignment>> & object;

export async function readAssignment(db: Db, id: string) {
  return assignmentsQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export async function lockAssignment(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('quality_assignments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listAssignments(
  db: Db,
  filter: { week?: string | undefined; reviewerId?: string | undefined; agentId?: string | undefined; teamId?: string | undefined; reviewed?: boolean | undefined; ids?: string[] | undefined; limit: number; offset: number },
) {
  let query = assignmentsQuery(db);
  if (filter.ids) query = query.where('a.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.week) query = query.where('a.week', '=', filter.week);
  if (filter.reviewerId) query = query.where('a.reviewer_id', '=', filter.reviewerId);
  if (filter.agentId) query = query.where('a.agent_id', '=', filter.agentId);
  if (filter.teamId) query = query.where('a.team_id', '=', filter.teamId);
  if (filter.reviewed === true) query = query.where('r.id', 'is not', null);
  if (filter.reviewed === false) query = query.where('r.id', 'is', null);
  const [items, total] = await Promise.all([
    query.orderBy('a.week', 'desc').orderBy('ag.username').orderBy('t.number').limit(filter.limit).offset(filter.offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

function reviewsQuery(db: Db) {
  return db
    .selectFrom('quality_reviews as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('users as rv', 'rv.id', 'r.reviewer_id')
    .leftJoin('users as ag', 'ag.id', 'r.agent_id')
    .leftJoin('users as dc', 'dc.id', 'r.decided_by')
    .leftJoin('quality_assignments as a', 'a.id', 'r.assignment_id')
    .select([
      'r.id',
      'r.assignment_id',
      'r.calibration_id',
      sql<string | null>`a.week::text`.as('week'),
      'r.ticket_id',
      sql<string>`t.number::text`.as('ticket_number'),
      't.subject as ticket_subject',
      't.kind as ticket_kind',
      'r.agent_id',
      'ag.display_name as agent_name',
      'r.reviewer_id',
      'rv.display_name as reviewer_name',
      'r.scorecard_version',
      'r.scores',
      'r.bonus',
      'r.comment',
      'r.score_tenths',
      'r.critical_failed',
      'r.original_score_tenths',
      'r.status',
      'r.submitted_at',
      'r.dispute_reason',
      'r.disputed_at',
      'r.decided_by',
      'dc.display_name as decided_by_name',
      'r.decided_at',
      'r.decision_note',
      'r.version',
    ]);
}

export type ReviewRow = NonNullable<Awaited<ReturnType<typeof readReview>>>;

export async function readReview(db: Db, id: string) {
  return reviewsQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export async function lockReview(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('quality_reviews').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listReviews(
  db: Db,
  filter: { agentId?: string | undefined; reviewerId?: string | undefined; status?: string | undefined; calibrations: boolean; from?: Date | undefined; to?: Date | undefined; limit: number; offset: number },
) {
  let query = reviewsQuery(db).where(filter.calibrations ? 'r.calibration_id' : 'r.assignment_id', 'is not', null);
  if (filter.agentId) query = query.where('r.agent_id', '=', filter.agentId);
  if (filter.reviewerId) query = query.where('r.reviewer_id', '=', filter.reviewerId);
  if (filter.status) query = query.where('r.status', '=', filter.status as 'submitted');
  if (filter.from) query = query.where('r.submitted_at', '>=', filter.from);
  if (filter.to) query = query.where('r.submitted_at', '<', filter.to);
  const [items, total] = await Promise.all([
    query.orderBy('r.submitted_at', 'desc').orderBy('r.id').limit(filter.limit).offset(filter.offset).execute(),
    query
      .clearSelect()
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.avg<string | null>('r.score_tenths').as('avg')])
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), averageTenths: total.avg === null ? null : Number(total.avg) };
}

export async function insertReview(
  trx: Transaction<DB>,
  row: {
    assignment_id: string | null;
    calibration_id: string | null;
    ticket_id: string;
    agent_id: string | null;
    reviewer_id: string;
    scorecard_version: number;
    scores: Record<string, number>;
    bonus: string[];
    comment: string;
    score_tenths: number;
    critical_failed: boolean;
  },
): Promise<string> {
  const inserted = await trx
    .insertInto('quality_reviews')
    .values({ ...row, scores: JSON.stringify(row.scores), bonus: JSON.stringify(row.bonus) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function reviewOfAssignment(db: Db, assignmentId: string) {
  return db.selectFrom('quality_reviews').select('id').where('assignment_id', '=', assignmentId).executeTakeFirst();
}

export async function markDisputed(trx: Transaction<DB>, id: string, reason: string, at: Date): Promise<number> {
  const row = await trx
    .updateTable('quality_reviews')
    .set((eb) => ({ status: 'disputed', dispute_reason: reason, disputed_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function recordDecision(
  trx: Transaction<DB>,
  id: string,
  decision: { status: 'upheld' | 'revised'; by: string; at: Date; note: string; revised?: { scores: Record<string, number>; bonus: string[]; scoreTenths: number; criticalFailed: boolean; originalScoreTenths: number } },
): Promise<number> {
  const row = await trx
    .updateTable('quality_reviews')
    .set((eb) => ({
      status: decision.status,
      decided_by: decision.by,
      decided_at: decision.at,
      decision_note: decision.note,
      version: eb('version', '+', 1),
      ...(decision.revised
        ? {
            scores: JSON.stringify(decision.revised.scores),
            bonus: JSON.stringify(decision.revised.bonus),
            score_tenths: decision.revised.scoreTenths,
            critical_failed: decision.revised.criticalFailed,
            original_score_tenths: decision.revised.originalScoreTenths,
          }
        : {}),
    }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function ticketBrief(db: Db, ticketId: string) {
  return db.selectFrom('tickets').select(['id', 'owner_id', sql<string>`number::text`.as('number'), 'subject']).where('id', '=', ticketId).executeTakeFirst();
}

export async function insertCalibration(trx: Transaction<DB>, row: { ticket_id: string; agent_id: string | null; title: string; scorecard_version: number; created_by: string }): Promise<string> {
  return (await trx.insertInto('quality_calibrations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

function calibrationsQuery(db: Db) {
  return db
    .selectFrom('quality_calibrations as c')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .innerJoin('users as cb', 'cb.id', 'c.created_by')
    .leftJoin('users as ag', 'ag.id', 'c.agent_id')
    .select([
      'c.id',
      'c.ticket_id',
      sql<string>`t.number::text`.as('ticket_number'),
      't.subject as ticket_subject',
      'c.agent_id',
      'ag.display_name as agent_name',
      'c.title',
      'c.scorecard_version',
      'c.created_by',
      'cb.display_name as created_by_name',
      'c.created_at',
      (eb) => eb.selectFrom('quality_reviews as r').select((x) => x.fn.countAll<string>().as('n')).whereRef('r.calibration_id', '=', 'c.id').as('reviews'),
    ]);
}

export async function readCalibration(db: Db, id: string) {
  return calibrationsQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export async function lockCalibration(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('quality_calibrations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listCalibrations(db: Db, window: { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    calibrationsQuery(db).orderBy('c.created_at', 'desc').orderBy('c.id').limit(window.limit).offset(window.offset).execute(),
    db.selectFrom('quality_calibrations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function calibrationReviews(db: Db, calibrationId: string) {
  return reviewsQuery(db).where('r.calibration_id', '=', calibrationId).orderBy('r.submitted_at').orderBy('r.id').execute();
}

export async function calibrationReviewOf(db: Db, calibrationId: string, reviewerId: string) {
  return db.selectFrom('quality_reviews').select('id').where('calibration_id', '=', calibrationId).where('reviewer_id', '=', reviewerId).executeTakeFirst();
}

/** Per agent, the counted (not calibration) reviews submitted in [from, to). */
export async function reviewTotals(db: Db, from: Date, to: Date, teamId?: string) {
  let query = db
    .selectFrom('quality_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.agent_id')
    .innerJoin('quality_assignments as a', 'a.id', 'r.assignment_id')
    .select([
      'r.agent_id',
      'u.display_name as agent_name',
      'u.department_id as team_id',
      (eb) => eb.fn.countAll<string>().as('reviews'),
      (eb) => eb.fn.sum<string>('r.score_tenths').as('score_sum'),
      sql<string>`count(*) filter (where r.critical_failed)`.as('critical_fails'),
      sql<string>`count(*) filter (where r.dispute_reason is not null)`.as('disputes'),
      sql<string>`count(*) filter (where r.status = 'revised')`.as('revised'),
    ])
    .where('r.submitted_at', '>=', from)
    .where('r.submitted_at', '<', to)
    .groupBy(['r.agent_id', 'u.display_name', 'u.department_id']);
  if (teamId) query = query.where('u.department_id', '=', teamId);
  return query.execute();
}

/** Per person, their public replies in [from, to) and how many started from a standard phrase (规范用语). */
export async function replyTotals(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('ticket_events as e')
    .select([
      'e.actor_id',
      (eb) => eb.fn.countAll<string>().as('replies'),
      sql<string>`count(*) filter (where e.detail ->> 'templateKey' is not null)`.as('templated'),
    ])
    .where('e.kind', '=', 'reply')
    .where('e.actor_id', 'is not', null)
    .where('e.at', '>=', from)
    .where('e.at', '<', to)
    .groupBy('e.actor_id')
    .execute();
}

/** Per person, the forbidden-phrase hits in [from, to): all, and those that stopped the reply. */
export async function phraseHitTotals(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('phrase_hits as h')
    .select(['h.user_id', (eb) => eb.fn.countAll<string>().as('hits'), sql<string>`count(*) filter (where h.blocked)`.as('blocked')])
    .where('h.user_id', 'is not', null)
    .where('h.at', '>=', from)
    .where('h.at', '<', to)
    .groupBy('h.user_id')
    .execute();
}

export async function agentsOf(db: Db, teamId?: string) {
  let query = db
    .selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.display_name', 'u.department_id', 'd.name as team_name'])
    .where('u.role', '=', 'agent');
  if (teamId) query = query.where('u.department_id', '=', teamId);
  return query.orderBy('u.username').execute();
}

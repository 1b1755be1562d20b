/**
 * The quality checks' use cases (质检, docs/product.md §6): sampling each agent's week for their
 * team's reviewers, scoring a sampled ticket against the scorecard, the agent's dispute and its
 * decision, calibration sessions, and the quality signals per agent. Each command asks `access.ts`
 * first, then the domain (domain/quality), then writes, in one transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { AppError } from '../../domain/errors.js';
import {
  DEFAULT_SAMPLING,
  drawSample,
  isMonday,
  mondayOf,
  reviewerFor,
  samplingProblems,
  calibrationSpread,
  type SamplingSettings,
} from '../../domain/quality/sampling.js';
import { points, scorecardProblems, scoreReview, scoresRefusal, type ReviewScores, type Scorecard } from '../../domain/quality/scorecard.js';
import { fromWallClock, localDateOf } from '../../domain/time-limits/working-days.js';
import type { UserActor } from '../tickets/service.js';
import { assignmentToReview, calibrationToScore, requireQualityRead, requireReviewer, requireReviewsReader, reviewCan, reviewFor, reviewsScope, reviewToRead } from './access.js';
import { presentAssignment, presentReview } from './presenter.js';
import * as repo from './repository.js';

export interface QualityDeps {
  db: Kysely<DB>;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** [from, to) of a company-zone week starting on `monday`. */
function weekRange(monday: string, timeZone: string): { from: Date; to: Date } {
  const wall = Date.parse(`${monday}T00:00:00Z`);
  return { from: fromWallClock(wall, timeZone), to: fromWallClock(wall + 7 * DAY_MS, timeZone) };
}

/** [from, to) of the company-zone days `from` … `to` (inclusive), at most 366 days. */
function periodRange(from: string, to: string, timeZone: string): { from: Date; to: Date } {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a || b - a > 365 * DAY_MS) throw new AppError('QUALITY_PERIOD_INVALID');
  return { from: fromWallClock(a, timeZone), to: fromWallClock(b + DAY_MS, timeZone) };
}

function scoreRefusalError(card: Scorecard, version: number, given: ReviewScores): AppError | null {
  const refusal = scoresRefusal(card, given);
  return refusal ? new AppError(refusal.code, { key: refusal.key, version }) : null;
}

// ---------------------------------------------------------------- scorecard and settings

export async function currentScorecard(deps: QualityDeps, actor: UserActor) {
  requireReviewsReader(actor);
  const row = await repo.latestScorecard(deps.db);
  return { version: row.version, scorecard: row.scorecard, note: row.note, createdAt: row.created_at.toISOString() };
}

export async function scorecardAt(deps: QualityDeps, actor: UserActor, version: number) {
  requireReviewsReader(actor);
  const row = await repo.scorecardVersion(deps.db, version);
  if (!row) throw new AppError('NOT_FOUND');
  return { version: row.version, scorecard: row.scorecard };
}

/** A new scorecard version (policies.manage); reviews keep the version they were scored under. */
export async function changeScorecard(deps: QualityDeps, actor: UserActor, input: { scorecard: Scorecard; note: string }) {
  const problems = scorecardProblems(input.scorecard);
  if (problems.length) throw new AppError('QUALITY_SCORECARD_INVALID', { detail: problems.join('; ') });
  const version = await inTransaction(deps.db, (trx) => repo.insertScorecard(trx, input.scorecard, input.note, actor.username));
  return { version };
}

export async function loadSampling(db: Kysely<DB>): Promise<SamplingSettings> {
  const stored = (await repo.samplingSettings(db)) as SamplingSettings | undefined;
  return stored && samplingProblems(stored).length === 0 ? stored : DEFAULT_SAMPLING;
}

export async function samplingSettings(deps: QualityDeps, actor: UserActor) {
  requireReviewer(actor);
  return loadSampling(deps.db);
}

export async function changeSampling(deps: QualityDeps, actor: UserActor, settings: SamplingSettings) {
  const problems = samplingProblems(settings);
  if (problems.length) throw new AppError('QUALITY_SAMPLING_INVALID', { detail: problems.join('; ') });
  await inTransaction(deps.db, (trx) => repo.saveSamplingSettings(trx, settings, actor.username));
  return settings;
}

// ---------------------------------------------------------------- sampling

export interface SampleRequest {
  /** the Monday of the week; default: this week (so far) */
  week?: string | undefined;
  teamId?: string | undefined;
  agentId?: string | undefined;
  /** default: the week itself, so a run repeated adds nothing new */
  seed?: string | undefined;
}

/**
 * Samples a week (质检抽样): for each active agent (of the team, or the one named), up to the
 * settings' number of tickets they replied on or resolved that week, drawn by domain/quality/
 * sampling.ts, each assigned to a reviewer of the agent's team (its supervisors in turn; without
 * one, any supervisor). An agent already sampled that week is topped up to the number, never
 * sampled again; their earlier reviewer keeps the week. Run by the weekly job for the week just
 * ended and by a supervisor on demand.
 */
export async function sampleWeek(deps: QualityDeps, request: SampleRequest, by: { actor: UserActor | null; now: Date }) {
  const thisWeek = mondayOf(localDateOf(by.now, deps.timeZone));
  const week = request.week ?? thisWeek;
  if (!isMonday(week) || week > thisWeek) throw new AppError('QUALITY_WEEK_INVALID');
  const settings = await loadSampling(deps.db);
  const { from, to } = weekRange(week, deps.timeZone);
  const seed = request.seed ?? week;
  const ids = await inTransaction(deps.db, async (trx) => {
    await repo.lockWeek(trx, week);
    const agents = await repo.agentsToSample(trx, { teamId: request.teamId, agentId: request.agentId });
    const created: string[] = [];
    const teamIndex = new Map<string | null, number>();
    for (const agent of agents) {
      const index = teamIndex.get(agent.department_id) ?? 0;
      teamIndex.set(agent.department_id, index + 1);
      const existing = await repo.weekAssignmentsOf(trx, week, agent.id);
      const places = settings.perAgent - existing.length;
      if (places <= 0) continue;
      const candidates = await repo.workedTickets(trx, agent.id, from, to);
      const drawn = drawSample(candidates, { places, weights: settings.weights, seed: `${seed}:${agent.id}`, exclude: new Set(existing.map((e) => e.ticket_id)) });
      if (drawn.length === 0) continue;
      const reviewer = existing[0]?.reviewer_id ?? reviewerFor(index, await repo.reviewersOf(trx, agent.department_id));
      if (!reviewer) continue;
      created.push(
        ...(await repo.insertAssignments(
          trx,
          drawn.map((d) => ({
            week,
            agent_id: agent.id,
            team_id: agent.department_id,
            ticket_id: d.ticketId,
            reviewer_id: reviewer,
            strata: d.strata,
            reason: d.reason,
            source: by.actor ? 'on_demand' : 'weekly',
            seed,
            created_by: by.actor?.id ?? null,
          })),
        )),
      );
    }
    return created;
  });
  const { items } = await repo.listAssignments(deps.db, { ids, limit: ids.length || 1, offset: 0 });
  return { week, perAgent: settings.perAgent, created: items.map(presentAssignment) };
}

/** The weekly job: the week that ended (run on Monday, it samples the Monday before). */
export async function runWeeklySampling(deps: QualityDeps, now: Date) {
  const thisWeek = mondayOf(localDateOf(now, deps.timeZone));
  const lastWeek = new Date(Date.parse(`${thisWeek}T00:00:00Z`) - 7 * DAY_MS).toISOString().slice(0, 10);
  const result = await sampleWeek(deps, { week: lastWeek }, { actor: null, now });
  return { week: result.week, created: result.created.length };
}

/** A supervisor's on-demand sample. */
export async function sampleOnDemand(deps: QualityDeps, actor: UserActor, request: SampleRequest) {
  requireReviewer(actor);
  return sampleWeek(deps, request, { actor, now: new Date() });
}

export async function listAssignments(
  deps: QualityDeps,
  actor: UserActor,
  query: { week?: string | undefined; mine?: boolean | undefined; agentId?: string | undefined; teamId?: string | undefined; reviewed?: boolean | undefined; limit: number; offset: number },
) {
  requireReviewer(actor);
  const { items, total } = await repo.listAssignments(deps.db, { ...query, reviewerId: query.mine === false ? undefined : actor.id });
  return { items: items.map(presentAssignment), total };
}

export async function assignmentDetail(deps: QualityDeps, actor: UserActor, id: string) {
  requireReviewer(actor);
  const row = await repo.readAssignment(deps.db, id);
  if (!row) throw new AppError('QUALITY_ASSIGNMENT_NOT_FOUND');
  const review = row.review_id ? await repo.readReview(deps.db, row.review_id) : undefined;
  return { ...presentAssignment(row), mayReview: row.reviewer_id === actor.id && !row.review_id, reviewDetail: review ? presentReview(review) : null };
}

// ---------------------------------------------------------------- reviews

export interface ReviewInput {
  scores: Record<string, number>;
  bonus: string[];
  comment?: string | undefined;
}

/** The assigned reviewer scores a sampled ticket against the current scorecard, once. */
export async function submitReview(deps: QualityDeps, actor: UserActor, assignmentId: string, input: ReviewInput) {
  const id = await inTransaction(deps.db, async (trx) => {
    const assignment = await assignmentToReview(trx, actor, assignmentId);
    if (await repo.reviewOfAssignment(trx, assignment.id)) throw new AppError('QUALITY_REVIEW_SUBMITTED');
    const card = await repo.latestScorecard(trx);
    const given = { scores: input.scores, bonus: input.bonus };
    const refusal = scoreRefusalError(card.scorecard, card.version, given);
    if (refusal) throw refusal;
    const result = scoreReview(card.scorecard, given);
    return repo.insertReview(trx, {
      assignment_id: assignment.id,
      calibration_id: null,
      ticket_id: assignment.ticket_id,
      agent_id: assignment.agent_id,
      reviewer_id: actor.id,
      scorecard_version: card.version,
      scores: input.scores,
      bonus: input.bonus,
      comment: input.comment ?? '',
      score_tenths: result.scoreTenths,
      critical_failed: result.criticalFailed,
    });
  });
  return reviewDetail(deps, actor, id);
}

export async function reviewDetail(deps: QualityDeps, actor: UserActor, id: string) {
  const row = await reviewToRead(deps.db, actor, id);
  const card = await repo.scorecardVersion(deps.db, row.scorecard_version);
  return { ...presentReview(row), scorecard: card!.scorecard, can: reviewCan(actor, row) };
}

export async function listReviews(
  deps: QualityDeps,
  actor: UserActor,
  query: { agentId?: string | undefined; status?: string | undefined; calibrations?: boolean | undefined; from?: string | undefined; to?: string | undefined; limit: number; offset: number },
) {
  requireReviewsReader(actor);
  const scope = reviewsScope(actor);
  const period = query.from && query.to ? periodRange(query.from, query.to, deps.timeZone) : undefined;
  const { items, total, averageTenths } = await repo.listReviews(deps.db, {
    agentId: scope.agentId ?? query.agentId,
    status: query.status,
    calibrations: scope.calibrationsAllowed && query.calibrations === true,
    from: period?.from,
    to: period?.to,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: items.map(presentReview), total, averageScore: averageTenths === null ? null : Math.round(averageTenths) / 10 };
}

/** The agent disputes their own review once, with a reason; it goes back to the reviewers. */
export async function disputeReview(deps: QualityDeps, actor: UserActor, id: string, input: { reason: string }) {
  await inTransaction(deps.db, async (trx) => {
    await reviewFor(trx, actor, id, 'dispute');
    await repo.markDisputed(trx, id, input.reason, new Date());
  });
  return reviewDetail(deps, actor, id);
}

/**
 * The reviewer or another reviewer decides a dispute: upheld as scored, or revised with new scores
 * under the review's own scorecard version (the score before is kept).
 */
export async function decideDispute(
  deps: QualityDeps,
  actor: UserActor,
  id: string,
  input: { outcome: 'uphold' | 'revise'; note: string; version: number; scores?: Record<string, number> | undefined; bonus?: string[] | undefined },
) {
  await inTransaction(deps.db, async (trx) => {
    const row = await reviewFor(trx, actor, id, 'decide');
    if (row.version !== input.version) throw new AppError('CONFLICT_STALE_VERSION');
    const at = new Date();
    if (input.outcome === 'uphold') {
      await repo.recordDecision(trx, id, { status: 'upheld', by: actor.id, at, note: input.note });
      return;
    }
    if (!input.scores) throw new AppError('QUALITY_SCORES_INCOMPLETE', { key: '*', version: row.scorecard_version });
    const card = (await repo.scorecardVersion(trx, row.scorecard_version))!;
    const given = { scores: input.scores, bonus: input.bonus ?? [] };
    const refusal = scoreRefusalError(card.scorecard, card.version, given);
    if (refusal) throw refusal;
    const result = scoreReview(card.scorecard, given);
    await repo.recordDecision(trx, id, {
      status: 'revised',
      by: actor.id,
      at,
      note: input.note,
      revised: { ...given, scoreTenths: result.scoreTenths, criticalFailed: result.criticalFailed, originalScoreTenths: row.score_tenths },
    });
  });
  return reviewDetail(deps, actor, id);
}

// ---------------------------------------------------------------- calibration

/** A calibration session (校准) on a ticket: reviewers score it separately, then compare. */
export async function createCalibration(deps: QualityDeps, actor: UserActor, input: { ticketId: string; title: string }) {
  requireReviewer(actor);
  const id = await inTransaction(deps.db, async (trx) => {
    const ticket = await repo.ticketBrief(trx, input.ticketId);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND');
    const card = await repo.latestScorecard(trx);
    return repo.insertCalibration(trx, { ticket_id: ticket.id, agent_id: ticket.owner_id, title: input.title, scorecard_version: card.version, created_by: actor.id });
  });
  return calibrationDetail(deps, actor, id);
}

export async function listCalibrations(deps: QualityDeps, actor: UserActor, window: { limit: number; offset: number }) {
  requireReviewer(actor);
  const { items, total } = await repo.listCalibrations(deps.db, window);
  return { items: items.map(presentCalibration), total };
}

function presentCalibration(row: NonNullable<Awaited<ReturnType<typeof repo.readCalibration>>>) {
  return {
    id: row.id,
    title: row.title,
    ticket: { id: row.ticket_id, number: row.ticket_number, subject: row.ticket_subject },
    agent: row.agent_id ? { id: row.agent_id, name: row.agent_name ?? '' } : null,
    scorecardVersion: row.scorecard_version,
    createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    reviewCount: Number(row.reviews ?? 0),
  };
}

/**
 * A calibration with its scorecard; the reviewers' scores and their spread are shown to a reviewer
 * once they have submitted their own (so nobody anchors on the others').
 */
export async function calibrationDetail(deps: QualityDeps, actor: UserActor, id: string) {
  requireReviewer(actor);
  const row = await repo.readCalibration(deps.db, id);
  if (!row) throw new AppError('QUALITY_CALIBRATION_NOT_FOUND');
  const [reviews, card] = await Promise.all([repo.calibrationReviews(deps.db, id), repo.scorecardVersion(deps.db, row.scorecard_version)]);
  const submitted = reviews.some((r) => r.reviewer_id === actor.id);
  const spread = calibrationSpread(reviews.map((r) => r.score_tenths));
  return {
    ...presentCalibration(row),
    scorecard: card!.scorecard,
    submitted,
    reviews: submitted ? reviews.map(presentReview) : [],
    spread: submitted && spread ? { min: points(spread.min), max: points(spread.max), spread: points(spread.spread), mean: points(spread.mean), stdDev: points(spread.stdDev) } : null,
  };
}

/** A reviewer's score in a calibration: once each, under the session's scorecard version; never counted for the agent. */
export async function submitCalibrationReview(deps: QualityDeps, actor: UserActor, id: string, input: ReviewInput) {
  await inTransaction(deps.db, async (trx) => {
    const calibration = await calibrationToScore(trx, actor, id);
    if (await repo.calibrationReviewOf(trx, id, actor.id)) throw new AppError('QUALITY_REVIEW_SUBMITTED');
    const card = (await repo.scorecardVersion(trx, calibration.scorecard_version))!;
    const given = { scores: input.scores, bonus: input.bonus };
    const refusal = scoreRefusalError(card.scorecard, card.version, given);
    if (refusal) throw refusal;
    const result = scoreReview(card.scorecard, given);
    await repo.insertReview(trx, {
      assignment_id: null,
      calibration_id: id,
      ticket_id: calibration.ticket_id,
      agent_id: calibration.agent_id,
      reviewer_id: actor.id,
      scorecard_version: card.version,
      scores: input.scores,
      bonus: input.bonus,
      comment: input.comment ?? '',
      score_tenths: result.scoreTenths,
      critical_failed: result.criticalFailed,
    });
  });
  return calibrationDetail(deps, actor, id);
}

// ---------------------------------------------------------------- signals and summary

export interface QualitySummaryRow {
  agentId: string;
  agentName: string;
  teamId: string | null;
  /** counted reviews submitted in the period (calibration scores are not counted) */
  reviews: number;
  /** their average score in points (one decimal), null with no review */
  averageScore: number | null;
  /** reviews failed on a red line (scored 0) */
  criticalFails: number;
  /** reviews the agent disputed (whatever the decision) */
  disputes: number;
}

/**
 * Per agent, the counted quality reviews submitted on the company days `from` … `to` (inclusive,
 * 'YYYY-MM-DD'): how many, their average score, red-line fails and disputes. For the supervision
 * reports (服务监督报告 "QA results"); agents without a review in the period are left out.
 */
export async function qualitySummary(db: Kysely<DB>, query: { from: string; to: string; teamId?: string; timeZone?: string }): Promise<QualitySummaryRow[]> {
  const { from, to } = periodRange(query.from, query.to, query.timeZone ?? 'Asia/Shanghai');
  const rows = await repo.reviewTotals(db, from, to, query.teamId);
  return rows
    .map((r) => ({
      agentId: r.agent_id!,
      agentName: r.agent_name,
      teamId: r.team_id,
      reviews: Number(r.reviews),
      averageScore: Number(r.reviews) ? Math.round(Number(r.score_sum) / Number(r.reviews)) / 10 : null,
      criticalFails: Number(r.critical_fails),
      disputes: Number(r.disputes),
    }))
    .sort((a, b) => a.agentName.localeCompare(b.agentName, 'zh-CN') || a.agentId.localeCompare(b.agentId));
}

/**
 * The quality page's signals per agent for a period: forbidden-phrase hits (and how many stopped
 * the reply), public replies and the share that started from a standard phrase (规范用语), with the
 * review summary beside them.
 */
export async function qualitySignals(deps: QualityDeps, actor: UserActor, query: { from: string; to: string; teamId?: string | undefined }) {
  requireQualityRead(actor);
  const { from, to } = periodRange(query.from, query.to, deps.timeZone);
  const [agents, replies, hits, summary] = await Promise.all([
    repo.agentsOf(deps.db, query.teamId),
    repo.replyTotals(deps.db, from, to),
    repo.phraseHitTotals(deps.db, from, to),
    qualitySummary(deps.db, { from: query.from, to: query.to, timeZone: deps.timeZone, ...(query.teamId ? { teamId: query.teamId } : {}) }),
  ]);
  const replyBy = new Map(replies.map((r) => [r.actor_id, r]));
  const hitBy = new Map(hits.map((h) => [h.user_id, h]));
  const reviewBy = new Map(summary.map((s) => [s.agentId, s]));
  return {
    from: query.from,
    to: query.to,
    agents: agents.map((a) => {
      const r = replyBy.get(a.id);
      const h = hitBy.get(a.id);
      const s = reviewBy.get(a.id);
      const replyCount = Number(r?.replies ?? 0);
      const templated = Number(r?.templated ?? 0);
      return {
        agent: { id: a.id, name: a.display_name },
        team: a.department_id ? { id: a.department_id, name: a.team_name ?? '' } : null,
        replies: replyCount,
        standardPhraseReplies: templated,
        standardPhraseRate: replyCount ? Math.round((templated / replyCount) * 1000) / 10 : null,
        phraseHits: Number(h?.hits ?? 0),
        blockedHits: Number(h?.blocked ?? 0),
        reviews: s?.reviews ?? 0,
        averageScore: s?.averageScore ?? null,
        criticalFails: s?.criticalFails ?? 0,
        disputes: s?.disputes ?? 0,
      };
    }),
  };
}

/**
 * The QA (质检) section of a supervision report, from the quality checks' own summary
 * (modules/quality `qualitySummary`: counted reviews submitted in the period, calibration never
 * counted). A period without a submitted review says so; it is never shown as a score of 0.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { qualitySummary } from '../quality/service.js';

export type QaSection =
  | { available: false }
  | {
      available: true;
      reviews: number;
      /** the average review score, 0–100 */
      averageScore: number | null;
      /** reviews failed by a critical category */
      criticalFails: number;
      disputes: number;
      /** the agents with the lowest average, worst first */
      lowest: { agent: string; reviews: number; averageScore: number }[];
    };

/** How many agents the report names as lowest. */
const LOWEST = 5;

/** The QA results of a period (days YYYY-MM-DD inclusive, company zone), for a team or the company. */
export async function supervisionQaResults(db: Kysely<DB>, query: { from: string; to: string; teamId: string | null; timeZone: string }): Promise<QaSection> {
  const agents = await qualitySummary(db, { from: query.from, to: query.to, timeZone: query.timeZone, ...(query.teamId ? { teamId: query.teamId } : {}) });
  const reviews = agents.reduce((sum, a) => sum + a.reviews, 0);
  if (reviews === 0) return { available: true, reviews: 0, averageScore: null, criticalFails: 0, disputes: 0, lowest: [] };
  // Each agent's average weighed by their reviews: the company's average of reviews, not of agents.
  const weighted = agents.reduce((sum, a) => sum + (a.averageScore ?? 0) * a.reviews, 0);
  const scored = agents.filter((a): a is typeof a & { averageScore: number } => a.averageScore !== null);
  return {
    available: true,
    reviews,
    averageScore: Math.round((weighted / reviews) * 10) / 10,
    criticalFails: agents.reduce((sum, a) => sum + a.criticalFails, 0),
    disputes: agents.reduce((sum, a) => sum + a.disputes, 0),
    lowest: scored
      .sort((a, b) => a.averageScore - b.averageScore || a.agentName.localeCompare(b.agentName, 'zh-CN'))
      .slice(0, LOWEST)
      .map((a) => ({ agent: a.agentName, reviews: a.reviews, averageScore: a.averageScore })),
  };
}

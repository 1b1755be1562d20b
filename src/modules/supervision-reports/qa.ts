/**
 * The QA (质检) section of a supervision report. The quality-check work (scorecards, sampled
 * reviews, calibration) is built in modules/quality by another piece of work, with
 * `qualitySummary(db, { from, to, teamId? })`; until it is wired here, this one function says the
 * results are not available yet — never a made-up score. Wire it by calling `qualitySummary`
 * here and mapping its result to `QaSection`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

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

/** The QA results of a period (days YYYY-MM-DD, company zone), for a team or the company. */
export async function supervisionQaResults(_db: Kysely<DB>, _query: { from: string; to: string; teamId: string | null }): Promise<QaSection> {
  return { available: false };
}

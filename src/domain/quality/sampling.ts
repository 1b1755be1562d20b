/**
 * Which tickets are sampled for a quality review (质检抽样, docs/product.md §6). Each week every
 * agent's worked tickets are a population; a few of them (`perAgent`, 5 by default) are drawn, and
 * the ones that most need a second look are over-represented:
 *
 * 1. Every stratum that has a ticket gets a place first, while places remain: a forbidden-phrase
 *    hit (服务忌语), then a complaint (投诉), then a claim (理赔) — unless a ticket already chosen
 *    carries that flag.
 * 2. The other places are a weighted draw without replacement (Efraimidis–Spirakis: each ticket's
 *    key is u^(1/w), the largest keys win), the weight of a ticket being its heaviest flag's weight
 *    (1 for an ordinary ticket).
 *
 * `u` comes from a hash of the seed and the ticket id, so the same seed and population always give
 * the same sample (a supervisor's re-run adds nothing; a test can name the outcome), and a ticket's
 * chance does not depend on the order the database returns rows in.
 */

export const STRATA = ['phrase_hit', 'complaint', 'claim'] as const;
export type Stratum = (typeof STRATA)[number];

export interface SamplingSettings {
  /** tickets drawn per agent and week */
  perAgent: number;
  /** how much likelier a ticket of each stratum is than an ordinary one */
  weights: Record<Stratum, number>;
}

export const DEFAULT_SAMPLING: SamplingSettings = { perAgent: 5, weights: { phrase_hit: 4, complaint: 3, claim: 3 } };
export const PER_AGENT_MAX = 50;
export const WEIGHT_MAX = 20;

export interface Candidate {
  ticketId: string;
  strata: readonly Stratum[];
}

export interface Drawn {
  ticketId: string;
  strata: Stratum[];
  /** why it was drawn: its stratum's guaranteed place, or the weighted draw */
  reason: Stratum | 'draw';
}

/** What is wrong with sampling settings an admin wants to save; [] when they are fine. */
export function samplingProblems(settings: SamplingSettings): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(settings.perAgent) || settings.perAgent < 1 || settings.perAgent > PER_AGENT_MAX) problems.push(`perAgent must be a whole number 1–${PER_AGENT_MAX}`);
  for (const s of STRATA) {
    const w = settings.weights[s];
    if (!Number.isInteger(w) || w < 1 || w > WEIGHT_MAX) problems.push(`weight of ${s} must be a whole number 1–${WEIGHT_MAX}`);
  }
  return problems;
}

/**
 * Draws up to `places` tickets from `candidates` (one agent's week), never one of `exclude` (those
 * already sampled). Deterministic in `seed`; the result is in the order drawn.
 */
export function drawSample(candidates: readonly Candidate[], options: { places: number; weights: Record<Stratum, number>; seed: string; exclude?: ReadonlySet<string> }): Drawn[] {
  const pool = candidates
    .filter((c) => !options.exclude?.has(c.ticketId))
    .map((c) => ({ ...c, key: drawKey(options.seed, c.ticketId, weightOf(c, options.weights)) }))
    // best key first; ties (never in practice) by ticket id, so the order is total
    .sort((a, b) => b.key - a.key || (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0));
  const chosen: Drawn[] = [];
  const taken = new Set<string>();
  const take = (c: (typeof pool)[number], reason: Drawn['reason']) => {
    chosen.push({ ticketId: c.ticketId, strata: [...c.strata], reason });
    taken.add(c.ticketId);
  };
  for (const stratum of STRATA) {
    if (chosen.length >= options.places) break;
    if (chosen.some((d) => d.strata.includes(stratum))) continue;
    const first = pool.find((c) => !taken.has(c.ticketId) && c.strata.includes(stratum));
    if (first) take(first, stratum);
  }
  for (const c of pool) {
    if (chosen.length >= options.places) break;
    if (!taken.has(c.ticketId)) take(c, 'draw');
  }
  return chosen;
}

function weightOf(c: Candidate, weights: Record<Stratum, number>): number {
  return c.strata.reduce((w, s) => Math.max(w, weights[s]), 1);
}

/** Efraimidis–Spirakis key in log form: ln(u) / w (larger is better; u in (0, 1)). */
function drawKey(seed: string, ticketId: string, weight: number): number {
  return Math.log(uniform(`${seed}\u0000${ticketId}`)) / weight;
}

/** A number in (0, 1) from a string: cyrb53 (two 32-bit lanes mixed per character and at the end). */
export function uniform(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const bits53 = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return (bits53 + 0.5) / 9007199254740992;
}

/** The Monday (week start, docs/product.md §6) of a local date 'YYYY-MM-DD'. */
export function mondayOf(localDate: string): string {
  const day = Date.parse(`${localDate}T00:00:00Z`);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(day - weekday * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a 'YYYY-MM-DD' is a real date and a Monday. */
export function isMonday(localDate: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate)) return false;
  const day = Date.parse(`${localDate}T00:00:00Z`);
  return Number.isFinite(day) && new Date(day).toISOString().slice(0, 10) === localDate && new Date(day).getUTCDay() === 1;
}

/** The reviewer of an agent's weekly sample: the team's reviewers in turn, by the agent's place in the list. */
export function reviewerFor<T>(agentIndex: number, reviewers: readonly T[]): T | undefined {
  return reviewers.length ? reviewers[agentIndex % reviewers.length] : undefined;
}

/**
 * How far calibration reviewers of one ticket lie apart: lowest, highest, the spread between them
 * and the population standard deviation, in tenths; null with no review.
 */
export function calibrationSpread(scoresTenths: readonly number[]): { min: number; max: number; spread: number; mean: number; stdDev: number } | null {
  if (scoresTenths.length === 0) return null;
  const min = Math.min(...scoresTenths);
  const max = Math.max(...scoresTenths);
  const mean = scoresTenths.reduce((s, x) => s + x, 0) / scoresTenths.length;
  const variance = scoresTenths.reduce((s, x) => s + (x - mean) ** 2, 0) / scoresTenths.length;
  return { min, max, spread: max - min, mean: Math.round(mean), stdDev: Math.round(Math.sqrt(variance)) };
}

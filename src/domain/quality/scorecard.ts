/**
 * Quality-check scorecards (质检评分表, docs/product.md §6) and how a review is scored. A scorecard
 * is data, kept as numbered versions: categories with weights that sum to 100, some of them
 * critical (红线: a fail sets the whole review to 0), and bonus items (加分项) whose sum is capped.
 * A review keeps the version it was scored under, so a later scorecard never rescores it.
 *
 * The score of a review, in tenths of a point (an integer, so no float ever rounds twice):
 *   weighted = Σ category score (0–100) × weight ÷ 100        (a number of points out of 100)
 *   total    = min(maxScore, weighted + min(Σ bonus points, bonusCap))
 *   a critical category scored 0 (failed) → total 0, bonus and all
 * rounded half up to one decimal.
 */

export type Locale = 'zh-CN' | 'en-US';
export type Label = Record<Locale, string>;

export interface ScorecardCategory {
  key: string;
  label: Label;
  /** share of the score, whole percent; the weights of a scorecard sum to 100 */
  weight: number;
  /** 红线: scored pass (100) or fail (0), and a fail sets the whole review to 0 */
  critical?: boolean;
}

export interface ScorecardBonus {
  key: string;
  label: Label;
  /** points added when awarded */
  points: number;
}

export interface Scorecard {
  categories: ScorecardCategory[];
  bonus: ScorecardBonus[];
  /** the most the bonus items together may add */
  bonusCap: number;
  /** the most a review may score, bonus included */
  maxScore: number;
  /** a review at or above passes (合格) */
  passMark: number;
}

/** What a reviewer gives: every category's score (0–100; a critical one 0 or 100) and the bonus items awarded. */
export interface ReviewScores {
  scores: Record<string, number>;
  bonus: string[];
}

export interface ReviewResult {
  /** tenths of a point: 875 is 87.5 */
  scoreTenths: number;
  /** the weighted categories alone, in tenths */
  weightedTenths: number;
  /** the bonus points counted, after the cap */
  bonusPoints: number;
  criticalFailed: boolean;
  /** the critical categories failed, in the scorecard's order */
  failedCritical: string[];
  passed: boolean;
}

export const SCORE_MIN = 0;
export const SCORE_MAX = 100;
const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** What is wrong with a scorecard an admin wants to save; [] when it is fine. */
export function scorecardProblems(card: Scorecard): string[] {
  const problems: string[] = [];
  if (card.categories.length === 0) problems.push('no categories');
  const keys = new Set<string>();
  for (const item of [...card.categories, ...card.bonus]) {
    if (!KEY.test(item.key)) problems.push(`key ${JSON.stringify(item.key)} must be lower-case letters, digits and _`);
    if (keys.has(item.key)) problems.push(`key ${item.key} is used twice`);
    keys.add(item.key);
    if (!item.label['zh-CN'].trim() || !item.label['en-US'].trim()) problems.push(`${item.key} needs a zh-CN and an en-US label`);
  }
  for (const c of card.categories) {
    if (!Number.isInteger(c.weight) || c.weight < 0 || c.weight > 100) problems.push(`${c.key}: weight must be a whole number 0–100`);
  }
  const sum = card.categories.reduce((s, c) => s + c.weight, 0);
  if (sum !== 100) problems.push(`the weights sum to ${sum}, not 100`);
  for (const b of card.bonus) {
    if (!Number.isInteger(b.points) || b.points < 1 || b.points > 100) problems.push(`${b.key}: points must be a whole number 1–100`);
  }
  if (!Number.isInteger(card.bonusCap) || card.bonusCap < 0 || card.bonusCap > 100) problems.push('bonusCap must be a whole number 0–100');
  if (!Number.isInteger(card.maxScore) || card.maxScore < 100 || card.maxScore > 200) problems.push('maxScore must be a whole number 100–200');
  if (!Number.isInteger(card.passMark) || card.passMark < 0 || card.passMark > card.maxScore) problems.push('passMark must be a whole number 0–maxScore');
  return problems;
}

/** Refusals of a review's scores, each a stable code with what it is about. */
export type ScoreRefusal =
  | { code: 'QUALITY_SCORE_OUT_OF_RANGE'; key: string }
  | { code: 'QUALITY_SCORES_INCOMPLETE'; key: string }
  | { code: 'QUALITY_SCORE_ITEM_UNKNOWN'; key: string };

/** Why these scores cannot be given under this scorecard, or null. */
export function scoresRefusal(card: Scorecard, given: ReviewScores): ScoreRefusal | null {
  const categories = new Map(card.categories.map((c) => [c.key, c]));
  for (const key of Object.keys(given.scores)) if (!categories.has(key)) return { code: 'QUALITY_SCORE_ITEM_UNKNOWN', key };
  const bonusKeys = new Set(card.bonus.map((b) => b.key));
  const seen = new Set<string>();
  for (const key of given.bonus) {
    if (!bonusKeys.has(key) || seen.has(key)) return { code: 'QUALITY_SCORE_ITEM_UNKNOWN', key };
    seen.add(key);
  }
  for (const c of card.categories) {
    const score = given.scores[c.key];
    if (score === undefined) return { code: 'QUALITY_SCORES_INCOMPLETE', key: c.key };
    if (!Number.isInteger(score) || score < SCORE_MIN || score > SCORE_MAX) return { code: 'QUALITY_SCORE_OUT_OF_RANGE', key: c.key };
    if (c.critical && score !== SCORE_MIN && score !== SCORE_MAX) return { code: 'QUALITY_SCORE_OUT_OF_RANGE', key: c.key };
  }
  return null;
}

/** The score of a review; the scores must have passed `scoresRefusal`. */
export function scoreReview(card: Scorecard, given: ReviewScores): ReviewResult {
  // hundredths of a point: Σ score × weight, weights in percent
  let weightedHundredths = 0;
  const failedCritical: string[] = [];
  for (const c of card.categories) {
    const score = given.scores[c.key] ?? 0;
    weightedHundredths += score * c.weight;
    if (c.critical && score === SCORE_MIN) failedCritical.push(c.key);
  }
  const awarded = new Set(given.bonus);
  const bonusSum = card.bonus.filter((b) => awarded.has(b.key)).reduce((s, b) => s + b.points, 0);
  const bonusPoints = Math.min(bonusSum, card.bonusCap);
  const criticalFailed = failedCritical.length > 0;
  const totalHundredths = criticalFailed ? 0 : Math.min(card.maxScore * 100, weightedHundredths + bonusPoints * 100);
  const scoreTenths = roundHalfUpTenths(totalHundredths);
  return {
    scoreTenths,
    weightedTenths: roundHalfUpTenths(weightedHundredths),
    bonusPoints: criticalFailed ? 0 : bonusPoints,
    criticalFailed,
    failedCritical,
    passed: !criticalFailed && scoreTenths >= card.passMark * 10,
  };
}

function roundHalfUpTenths(hundredths: number): number {
  return Math.floor((hundredths + 5) / 10);
}

/** Tenths of a point as the number people read (87.5). */
export function points(tenths: number): number {
  return tenths / 10;
}

/**
 * The first scorecard (v1), after the call-centre quality forms common in China's express
 * industry: 服务规范 (greeting, courtesy, 规范用语), 业务处理 (accuracy, 首问负责 follow-through),
 * 沟通技巧, and the red lines of the 客服用语规范 and personal-data protection.
 */
export const DEFAULT_SCORECARD: Scorecard = {
  categories: [
    { key: 'greeting', weight: 10, label: { 'zh-CN': '开场与结束语规范', 'en-US': 'Greeting and closing' } },
    { key: 'courtesy', weight: 15, label: { 'zh-CN': '服务态度与礼貌用语', 'en-US': 'Attitude and courtesy' } },
    { key: 'accuracy', weight: 30, label: { 'zh-CN': '业务解答准确', 'en-US': 'Accurate answer' } },
    { key: 'ownership', weight: 25, label: { 'zh-CN': '首问负责与跟进', 'en-US': 'Ownership and follow-up' } },
    { key: 'communication', weight: 20, label: { 'zh-CN': '沟通技巧与安抚', 'en-US': 'Communication and reassurance' } },
    { key: 'no_forbidden_phrases', weight: 0, critical: true, label: { 'zh-CN': '红线：未使用服务忌语', 'en-US': 'Red line: no forbidden phrases' } },
    { key: 'privacy', weight: 0, critical: true, label: { 'zh-CN': '红线：未泄露客户信息', 'en-US': 'Red line: no personal data disclosed' } },
  ],
  bonus: [
    { key: 'retention', points: 5, label: { 'zh-CN': '主动化解投诉、挽回客户', 'en-US': 'Defused the complaint and kept the customer' } },
    { key: 'praise', points: 5, label: { 'zh-CN': '获得客户表扬', 'en-US': 'Praised by the customer' } },
    { key: 'proactive', points: 3, label: { 'zh-CN': '主动告知后续进展', 'en-US': 'Told the customer what comes next unasked' } },
  ],
  bonusCap: 10,
  maxScore: 100,
  passMark: 80,
};

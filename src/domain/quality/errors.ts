/**
 * The quality checks' refusals (质检): their HTTP status and what they say, in both languages.
 * domain/errors.ts and http/messages.ts take them from here, so the module's codes are named once.
 */

export const QUALITY_ERRORS = {
  QUALITY_SCORE_OUT_OF_RANGE: {
    status: 400,
    'zh-CN': '评分项 {key} 的分数超出范围：每项为 0–100 的整数，红线项只能为 0（不通过）或 100（通过）。',
    'en-US': 'The score of {key} is out of range: each item is a whole number 0-100, a red line only 0 (failed) or 100 (passed).',
  },
  QUALITY_SCORES_INCOMPLETE: {
    status: 400,
    'zh-CN': '评分项 {key} 尚未评分：每一项都需要评分。',
    'en-US': 'The item {key} has no score: every item needs one.',
  },
  QUALITY_SCORE_ITEM_UNKNOWN: {
    status: 400,
    'zh-CN': '评分表（第 {version} 版）中没有评分项 {key}，或加分项重复。',
    'en-US': 'The scorecard (version {version}) has no item {key}, or a bonus item is given twice.',
  },
  QUALITY_SCORECARD_INVALID: {
    status: 400,
    'zh-CN': '评分表不正确：{detail}',
    'en-US': 'The scorecard is not valid: {detail}',
  },
  QUALITY_SAMPLING_INVALID: {
    status: 400,
    'zh-CN': '抽样设置不正确：{detail}',
    'en-US': 'The sampling settings are not valid: {detail}',
  },
  QUALITY_WEEK_INVALID: {
    status: 400,
    'zh-CN': '抽样周须为某周的星期一（YYYY-MM-DD），且不能晚于本周。',
    'en-US': 'The sample week must be a Monday (YYYY-MM-DD), not after this week.',
  },
  QUALITY_PERIOD_INVALID: {
    status: 400,
    'zh-CN': '统计期间不正确：开始日期须不晚于结束日期，且不超过 366 天。',
    'en-US': 'The period is not valid: it must start no later than it ends and span at most 366 days.',
  },
  QUALITY_REVIEW_NOT_ASSIGNED: {
    status: 403,
    'zh-CN': '该工单的质检未分配给您，只有被分配的质检员可以评分。',
    'en-US': 'The quality review of this ticket is not assigned to you; only the assigned reviewer may score it.',
  },
  QUALITY_DISPUTE_NOT_OWN: {
    status: 403,
    'zh-CN': '只有被质检的客服本人可以对质检结果提出申诉。',
    'en-US': 'Only the agent who was reviewed may dispute a review.',
  },
  QUALITY_DECISION_OWN: {
    status: 403,
    'zh-CN': '不能裁决对自己的质检申诉。',
    'en-US': 'You cannot decide a dispute of a review of your own work.',
  },
  QUALITY_ASSIGNMENT_NOT_FOUND: {
    status: 404,
    'zh-CN': '找不到该质检任务。',
    'en-US': 'The quality review assignment was not found.',
  },
  QUALITY_REVIEW_NOT_FOUND: {
    status: 404,
    'zh-CN': '找不到该质检记录。',
    'en-US': 'The quality review was not found.',
  },
  QUALITY_CALIBRATION_NOT_FOUND: {
    status: 404,
    'zh-CN': '找不到该校准会话。',
    'en-US': 'The calibration session was not found.',
  },
  QUALITY_REVIEW_SUBMITTED: {
    status: 409,
    'zh-CN': '该质检已提交，不能重复提交。',
    'en-US': 'This review has already been submitted; it cannot be submitted twice.',
  },
  QUALITY_DISPUTE_TWICE: {
    status: 409,
    'zh-CN': '该质检结果已申诉过，每条质检只能申诉一次。',
    'en-US': 'This review has already been disputed; a review may be disputed once.',
  },
  QUALITY_DISPUTE_NOT_OPEN: {
    status: 409,
    'zh-CN': '该质检没有待裁决的申诉。',
    'en-US': 'This review has no dispute waiting for a decision.',
  },
  QUALITY_CALIBRATION_NOT_DISPUTABLE: {
    status: 409,
    'zh-CN': '校准评分不计入客服成绩，不能申诉。',
    'en-US': 'A calibration score does not count toward the score of the agent and cannot be disputed.',
  },
} as const;

export type QualityErrorCode = keyof typeof QUALITY_ERRORS;

export function qualityErrorStatuses(): { [K in QualityErrorCode]: (typeof QUALITY_ERRORS)[K]['status'] } {
  return Object.fromEntries(Object.entries(QUALITY_ERRORS).map(([code, e]) => [code, e.status])) as never;
}

/**
 * The KPI registry (服务质量考核指标): one definition per KPI — what it divides by what, over which
 * daily facts, in which unit, which way is better, and the rule or commitment it follows. The
 * rollup (modules/kpis) stores the facts per day and slice; every number a manager reads is a
 * KPI's formula applied to sums of facts, so any period or slice is a sum and never an average
 * of averages (docs/product.md §6).
 */

/** Additive daily facts: counts, sums of minutes, sums of fen. Nothing here is a ratio. */
export const FACTS = [
  /** parcels picked up (收寄) that day — the volume the regulator's rates are per */
  'parcels.picked_up',
  /** parcels signed for that day that had a promised time */
  'parcels.delivered_promised',
  /** …of them, signed for no later than the promise of the policy version they were promised under */
  'parcels.delivered_on_time',
  /** damage exceptions raised that day (破损) */
  'parcels.damaged',
  /** loss exceptions raised that day (丢失, a complete delay counts as lost) */
  'parcels.lost',
  /** complaints (投诉) opened that day */
  'complaints.opened',
  /** first-response clocks stopped that day, and their minutes on the clock's basis */
  'first_response.count',
  'first_response.minutes',
  /** resolution clocks stopped that day, and their minutes on the clock's basis */
  'resolution.count',
  'resolution.minutes',
  /** SLA clocks of any kind stopped that day, and those stopped before their breach */
  'sla.ended',
  'sla.met',
  /** tickets resolved that day, and those resolved with at most one agent reply and no transfer */
  'fcr.resolved',
  'fcr.first_contact',
  /** callbacks (回访) scheduled for that day (cancelled ones left out), and those that reached the customer */
  'callbacks.due',
  'callbacks.done',
  /** after-resolution ratings given that day, and those of 4 or 5 */
  'csat.ratings',
  'csat.satisfied',
  /** claims decided that day, the minutes from opening to decision, and the fen approved */
  'claims.decided',
  'claims.cycle_minutes',
  'claims.approved_fen',
  /** chargebacks to stations booked that day net of reversals: how many and how many fen */
  'chargebacks.count',
  'chargebacks.fen',
] as const;
export type FactName = (typeof FACTS)[number];

/** The slices a fact row carries; '' in a slice means "none" (a parcel has no agent). */
export const DIMENSIONS = ['agent', 'team', 'department', 'station', 'province', 'city', 'customer', 'tier', 'clock'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Which slices each family of facts is kept by (the rollup fills exactly these). */
const PARCEL_DIMS = ['province', 'city', 'customer'] as const satisfies readonly Dimension[];
const EXCEPTION_DIMS = ['station', 'province', 'city', 'customer'] as const satisfies readonly Dimension[];
const TICKET_DIMS = ['agent', 'team', 'department', 'customer', 'tier'] as const satisfies readonly Dimension[];
const CLAIM_DIMS = ['station', 'customer'] as const satisfies readonly Dimension[];

export const FACT_DIMENSIONS: Record<FactName, readonly Dimension[]> = {
  'parcels.picked_up': PARCEL_DIMS,
  'parcels.delivered_promised': [...PARCEL_DIMS, 'station'],
  'parcels.delivered_on_time': [...PARCEL_DIMS, 'station'],
  'parcels.damaged': EXCEPTION_DIMS,
  'parcels.lost': EXCEPTION_DIMS,
  'complaints.opened': [...TICKET_DIMS],
  'first_response.count': TICKET_DIMS,
  'first_response.minutes': TICKET_DIMS,
  'resolution.count': TICKET_DIMS,
  'resolution.minutes': TICKET_DIMS,
  'sla.ended': [...TICKET_DIMS, 'clock'],
  'sla.met': [...TICKET_DIMS, 'clock'],
  'fcr.resolved': TICKET_DIMS,
  'fcr.first_contact': TICKET_DIMS,
  'callbacks.due': TICKET_DIMS,
  'callbacks.done': TICKET_DIMS,
  'csat.ratings': TICKET_DIMS,
  'csat.satisfied': TICKET_DIMS,
  'claims.decided': CLAIM_DIMS,
  'claims.cycle_minutes': CLAIM_DIMS,
  'claims.approved_fen': CLAIM_DIMS,
  'chargebacks.count': ['station'],
  'chargebacks.fen': ['station'],
};

export type KpiUnit = 'percent' | 'per_million' | 'minutes' | 'fen' | 'fen_per_10k' | 'score' | 'count';

export interface FactTerm {
  fact: FactName;
  /** -1 subtracts (NPS: promoters − detractors) */
  sign?: 1 | -1;
}

export interface KpiFormula {
  numerator: readonly FactTerm[];
  /** null: the KPI is the numerator's sum itself (chargebacks) */
  denominator: readonly FactTerm[] | null;
  /** the result is scale × numerator ÷ denominator (100 for a percentage, 1,000,000 per million parcels) */
  scale: number;
}

export interface KpiDefinition {
  id: string;
  name: { 'zh-CN': string; 'en-US': string };
  formula: KpiFormula;
  unit: KpiUnit;
  direction: 'higher_is_better' | 'lower_is_better';
  /** the regulation or company commitment the KPI follows, as the sources' short names (domain/sources.ts style) */
  source: { 'zh-CN': string; 'en-US': string };
  /** minutes counted on the SLA clock's basis (working hours and holidays of the company calendar where the policy says business) */
  businessTime: boolean;
  /** false while the part of the system that produces its facts is not built: shown as not available, never as 0 */
  available: boolean;
}

const GBT27917 = { 'zh-CN': '《快递服务》GB/T 27917', 'en-US': 'Express service, GB/T 27917' };
const COMMITMENT = { 'zh-CN': '公司服务承诺（客服手册）', 'en-US': 'Company service commitment (customer-service handbook)' };

const ratio = (numerator: FactName, denominator: FactName, scale = 100): KpiFormula => ({
  numerator: [{ fact: numerator }],
  denominator: [{ fact: denominator }],
  scale,
});

export const KPIS: readonly KpiDefinition[] = [
  {
    id: 'on_time_delivery_rate',
    name: { 'zh-CN': '准时投递率', 'en-US': 'On-time delivery rate' },
    formula: ratio('parcels.delivered_on_time', 'parcels.delivered_promised'),
    unit: 'percent',
    direction: 'higher_is_better',
    source: GBT27917,
    businessTime: false,
    available: true,
  },
  {
    id: 'damage_rate',
    name: { 'zh-CN': '破损率', 'en-US': 'Damage rate' },
    formula: ratio('parcels.damaged', 'parcels.picked_up'),
    unit: 'percent',
    direction: 'lower_is_better',
    source: GBT27917,
    businessTime: false,
    available: true,
  },
  {
    id: 'loss_rate',
    name: { 'zh-CN': '丢失率', 'en-US': 'Loss rate' },
    formula: ratio('parcels.lost', 'parcels.picked_up'),
    unit: 'percent',
    direction: 'lower_is_better',
    source: GBT27917,
    businessTime: false,
    available: true,
  },
  {
    id: 'complaints_per_million',
    name: { 'zh-CN': '百万件投诉率', 'en-US': 'Complaints per million parcels' },
    formula: ratio('complaints.opened', 'parcels.picked_up', 1_000_000),
    unit: 'per_million',
    direction: 'lower_is_better',
    source: { 'zh-CN': '国家邮政局快递服务申诉率（每百万件快件）', 'en-US': 'State Post Bureau complaint rate (per million parcels)' },
    businessTime: false,
    available: true,
  },
  {
    id: 'first_response_time',
    name: { 'zh-CN': '首次响应时长', 'en-US': 'First response time' },
    formula: ratio('first_response.minutes', 'first_response.count', 1),
    unit: 'minutes',
    direction: 'lower_is_better',
    source: COMMITMENT,
    businessTime: true,
    available: true,
  },
  {
    id: 'resolution_time',
    name: { 'zh-CN': '处理时长', 'en-US': 'Resolution time' },
    formula: ratio('resolution.minutes', 'resolution.count', 1),
    unit: 'minutes',
    direction: 'lower_is_better',
    source: { 'zh-CN': '公司服务承诺（客服手册）；《快递暂行条例》', 'en-US': 'Company service commitment; Interim Regulations on Express Delivery' },
    businessTime: true,
    available: true,
  },
  {
    id: 'sla_attainment',
    name: { 'zh-CN': '时限达成率', 'en-US': 'SLA attainment' },
    formula: ratio('sla.met', 'sla.ended'),
    unit: 'percent',
    direction: 'higher_is_better',
    source: COMMITMENT,
    businessTime: true,
    available: true,
  },
  {
    id: 'first_contact_resolution',
    name: { 'zh-CN': '一次解决率', 'en-US': 'First-contact resolution' },
    formula: ratio('fcr.first_contact', 'fcr.resolved'),
    unit: 'percent',
    direction: 'higher_is_better',
    source: COMMITMENT,
    businessTime: false,
    available: true,
  },
  {
    id: 'callback_completion',
    name: { 'zh-CN': '回访完成率', 'en-US': 'Callback completion' },
    formula: ratio('callbacks.done', 'callbacks.due'),
    unit: 'percent',
    direction: 'higher_is_better',
    source: COMMITMENT,
    businessTime: false,
    available: true,
  },
  {
    id: 'csat',
    name: { 'zh-CN': '满意度（4–5分占比）', 'en-US': 'CSAT (share of 4–5)' },
    formula: ratio('csat.satisfied', 'csat.ratings'),
    unit: 'percent',
    direction: 'higher_is_better',
    source: COMMITMENT,
    businessTime: false,
    available: true,
  },
  {
    id: 'nps',
    name: { 'zh-CN': '净推荐值（NPS）', 'en-US': 'Net Promoter Score (NPS)' },
    // The survey answers are not rolled up into daily facts yet: not available, never 0.
    formula: { numerator: [], denominator: [], scale: 100 },
    unit: 'score',
    direction: 'higher_is_better',
    source: COMMITMENT,
    businessTime: false,
    available: false,
  },
  {
    id: 'claim_amount_per_10k',
    name: { 'zh-CN': '万件赔付金额', 'en-US': 'Claim amount per 10,000 parcels' },
    formula: ratio('claims.approved_fen', 'parcels.picked_up', 10_000),
    unit: 'fen_per_10k',
    direction: 'lower_is_better',
    source: { 'zh-CN': '《快递暂行条例》；公司服务承诺（客服手册）', 'en-US': 'Interim Regulations on Express Delivery; company service commitment' },
    businessTime: false,
    available: true,
  },
  {
    id: 'claim_cycle_time',
    name: { 'zh-CN': '理赔周期', 'en-US': 'Claim cycle time' },
    formula: ratio('claims.cycle_minutes', 'claims.decided', 1),
    unit: 'minutes',
    direction: 'lower_is_better',
    source: COMMITMENT,
    businessTime: false,
    available: true,
  },
  {
    id: 'chargebacks_by_station',
    name: { 'zh-CN': '网点追偿金额', 'en-US': 'Chargebacks by station' },
    formula: { numerator: [{ fact: 'chargebacks.fen' }], denominator: null, scale: 1 },
    unit: 'fen',
    direction: 'lower_is_better',
    source: COMMITMENT,
    businessTime: false,
    available: true,
  },
  {
    id: 'service_order_on_time',
    name: { 'zh-CN': '服务单按时完成率', 'en-US': 'Service orders completed on time' },
    // After-sales service orders are not built yet: not available, never 0.
    formula: { numerator: [], denominator: [], scale: 100 },
    unit: 'percent',
    direction: 'higher_is_better',
    source: COMMITMENT,
    businessTime: false,
    available: false,
  },
];

export function kpiById(id: string): KpiDefinition | undefined {
  return KPIS.find((k) => k.id === id);
}

/** Every fact a KPI's formula reads. */
export function factsOf(kpi: KpiDefinition): FactName[] {
  const terms = [...kpi.formula.numerator, ...(kpi.formula.denominator ?? [])];
  return [...new Set(terms.map((t) => t.fact))];
}

/** The slices a KPI can be cut by: those every one of its facts is kept by. */
export function dimensionsOf(kpi: KpiDefinition): Dimension[] {
  const facts = factsOf(kpi);
  if (facts.length === 0) return [];
  return DIMENSIONS.filter((d) => facts.every((f) => FACT_DIMENSIONS[f].includes(d)));
}

/**
 * The KPI's value from sums of its facts over a period and slice: null when it is not defined
 * (nothing to divide by), never a made-up 0.
 */
export function kpiValue(kpi: KpiDefinition, sums: Partial<Record<FactName, number>>): number | null {
  if (!kpi.available) return null;
  const total = (terms: readonly FactTerm[]) => terms.reduce((s, t) => s + (t.sign ?? 1) * (sums[t.fact] ?? 0), 0);
  const numerator = total(kpi.formula.numerator);
  if (kpi.formula.denominator === null) return numerator * kpi.formula.scale;
  const denominator = total(kpi.formula.denominator);
  if (denominator === 0) return null;
  return (kpi.formula.scale * numerator) / denominator;
}

/**
 * Value-added tax on paid after-sales service (有费服务), as data: each tax category with its rate
 * in basis points and where the rate comes from. A quotation line names its category; the kind of
 * line (labour, parts, call-out fee, other) only proposes one (`DEFAULT_TAX_CATEGORY`), since which
 * category a service falls in is the finance department's call, not the desk's.
 *
 * The rates: 《中华人民共和国增值税暂行条例》 (国务院令第 538 号, revised by 第 691 号) Art. 2 set
 * 17 % / 11 % / 6 %; 财政部 税务总局 海关总署公告 2019 年第 39 号《关于深化增值税改革有关政策的公告》
 * lowered 16 % to 13 % and 10 % to 9 % from 1 April 2019. 《中华人民共和国增值税法》 (in force since
 * 1 January 2026, Art. 10) replaced the interim regulations and kept the same three rates:
 * 13 % for goods and for processing, repair and replacement services (加工修理修配服务), 9 % for
 * transport and construction services (安装 is a construction service), 6 % for other services.
 * A small-scale taxpayer (小规模纳税人) charges a levy rate instead; a company that is one sets its
 * own categories here.
 */

export const TAX_CATEGORIES = ['goods', 'repair', 'installation', 'transport', 'services'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export interface TaxRate {
  /** basis points: 1300 = 13 % */
  rateBp: number;
  label: { zh: string; en: string };
  source: string;
}

const LAW = '《中华人民共和国增值税法》第十条（2026 年 1 月 1 日起施行；此前为《中华人民共和国增值税暂行条例》第二条及财政部 税务总局 海关总署公告 2019 年第 39 号）';

export const VAT_RATES: Readonly<Record<TaxCategory, TaxRate>> = {
  goods: { rateBp: 1300, label: { zh: '销售货物（配件）', en: 'Goods (parts)' }, source: `${LAW}：销售货物 13%` },
  repair: { rateBp: 1300, label: { zh: '修理修配服务', en: 'Repair services' }, source: `${LAW}：加工修理修配服务 13%` },
  installation: { rateBp: 900, label: { zh: '安装服务（建筑服务）', en: 'Installation (construction services)' }, source: `${LAW}：建筑服务 9%` },
  transport: { rateBp: 900, label: { zh: '交通运输服务', en: 'Transport services' }, source: `${LAW}：交通运输服务 9%` },
  services: { rateBp: 600, label: { zh: '其他服务（现代服务、生活服务）', en: 'Other services' }, source: `${LAW}：销售服务 6%` },
};

export const LINE_KINDS = ['labour', 'parts', 'call_out', 'other'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const LINE_KIND_LABELS: Readonly<Record<LineKind, { zh: string; en: string }>> = {
  labour: { zh: '人工费', en: 'Labour' },
  parts: { zh: '配件费', en: 'Parts' },
  call_out: { zh: '上门费', en: 'Call-out fee' },
  other: { zh: '其他费用', en: 'Other' },
};

/**
 * The category a new line of a kind starts with (公司默认值; the agent may choose another): parts
 * are goods; labour and the call-out fee of a repair visit are repair services; anything else
 * other services. Assembly or installation labour is chosen as `installation` by hand.
 */
export const DEFAULT_TAX_CATEGORY: Readonly<Record<LineKind, TaxCategory>> = {
  labour: 'repair',
  parts: 'goods',
  call_out: 'repair',
  other: 'services',
};

/**
 * Tax of one line: amount × rate, rounded half up to the fen (四舍五入, the rule Chinese invoices
 * print amounts by). Integer arithmetic only: no floating-point 0.1 + 0.2 in money.
 */
export function lineTaxFen(amountFen: number, rateBp: number): number {
  return roundHalfUpDiv(amountFen * rateBp, 10_000);
}

/** n / d rounded half up (away from zero at .5), for n ≥ 0 and d > 0 integers. */
export function roundHalfUpDiv(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

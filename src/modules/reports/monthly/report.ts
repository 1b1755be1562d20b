/**
 * The monthly statistics report (月度统计分析表, docs/product.md §5): what a customer reads about
 * their month with us. This is its data, already aggregated — a month of a customer with 100,000
 * parcels is still 31 days, a few dozen destinations and a handful of kinds — so rendering costs
 * the same whatever the volume. The PDF (`pdf.ts`) and the XLSX (`xlsx.ts`) are made from it and
 * nothing else; whoever gathers it (a job on the 1st of the month, or on demand) owns the queries.
 *
 * Money is integer fen, weights integer grams, dates 'YYYY-MM-DD' local to the company's zone.
 * Each row carries the label the customer reads (ticket causes are data admins edit, so the
 * gatherer resolves labels, not the renderer).
 */

export interface LabelledCount {
  /** a stable code (exception kind, ticket kind, cause code, GB/T 2260 code) */
  key: string;
  /** what the customer reads, in Chinese */
  label: string;
  count: number;
}

export interface DailyVolume {
  date: string;
  shipments: number;
  weightG: number;
  freightFen: number;
}

export interface DailyOnTime {
  date: string;
  /** parcels signed for that day */
  delivered: number;
  /** of them, signed for by their promised time (时效) */
  onTime: number;
}

export interface Destination {
  /** GB/T 2260 province code, or 'other' for the rest folded together */
  key: string;
  label: string;
  shipments: number;
  /** of them delivered, and delivered on time: the destination's own on-time rate */
  delivered: number;
  onTime: number;
}

/**
 * The month's claims as the customer reads them: those opened in the month or paid in it. Claimed
 * and approved are the claims' own amounts; paid is what the ledger paid out or credited to the
 * account (payouts and credit notes, net of their reversals) in the month. Nothing internal: no
 * notes, no station at fault, no chargebacks.
 */
export interface ClaimsSection {
  count: number;
  claimedFen: number;
  approvedFen: number;
  paidFen: number;
  byType: (LabelledCount & { claimedFen: number; approvedFen: number; paidFen: number })[];
  items: { waybillNo: string; type: string; state: string; openedOn: string; claimedFen: number; approvedFen: number | null; paidFen: number }[];
}

export interface MonthlyReportData {
  /** the carrier, as the header reads */
  carrier: { name: string; hotline: string | null };
  customer: {
    name: string;
    /** 月结账号 or customer number */
    account: string;
    accountManager: { name: string; phone: string | null } | null;
  };
  period: {
    /** 'YYYY-MM' */
    month: string;
    from: string;
    to: string;
    timeZone: string;
  };
  /** report number, e.g. YB-202611-000123 */
  reportNo: string;
  generatedAt: Date;
  volume: {
    byDay: DailyVolume[];
    /** the month before, for the change; null when there is none to compare */
    previousMonthShipments: number | null;
  };
  /** provinces, most parcels first */
  destinations: Destination[];
  onTime: { byDay: DailyOnTime[] };
  exceptions: LabelledCount[];
  claims: ClaimsSection;
  tickets: { byKind: LabelledCount[]; byCause: LabelledCount[] };
  /** CSAT: the share of 4–5 (after-resolution ratings and survey answers to CSAT questions together) */
  csat: {
    responses: number;
    satisfied: number;
    /** of the responses, answers to the CSAT questions (1–5) of satisfaction surveys */
    surveyAnswers: number;
    /** of the responses, ratings given to tickets after their resolution */
    ticketRatings: number;
  };
}

export interface MonthlyTotals {
  shipments: number;
  weightG: number;
  freightFen: number;
  delivered: number;
  onTime: number;
  /** onTime / delivered, null when nothing was delivered */
  onTimeRate: number | null;
  exceptions: number;
  /** exceptions / shipments, null without shipments */
  exceptionRate: number | null;
  tickets: number;
  /** complaints per 10,000 parcels, null without shipments */
  complaintsPer10k: number | null;
  csatShare: number | null;
  /** change of shipments against the month before, null when it cannot be said */
  shipmentsChange: number | null;
}

/** The totals both renderers print, worked out once, so the PDF and the XLSX cannot disagree. */
export function monthlyTotals(data: MonthlyReportData): MonthlyTotals {
  const sum = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);
  const shipments = sum(data.volume.byDay, (d) => d.shipments);
  const delivered = sum(data.onTime.byDay, (d) => d.delivered);
  const onTime = sum(data.onTime.byDay, (d) => d.onTime);
  const exceptions = sum(data.exceptions, (e) => e.count);
  const complaints = sum(
    data.tickets.byKind.filter((k) => k.key === 'complaint'),
    (k) => k.count,
  );
  const previous = data.volume.previousMonthShipments;
  return {
    shipments,
    weightG: sum(data.volume.byDay, (d) => d.weightG),
    freightFen: sum(data.volume.byDay, (d) => d.freightFen),
    delivered,
    onTime,
    onTimeRate: delivered === 0 ? null : onTime / delivered,
    exceptions,
    exceptionRate: shipments === 0 ? null : exceptions / shipments,
    tickets: sum(data.tickets.byKind, (k) => k.count),
    complaintsPer10k: shipments === 0 ? null : (complaints * 10_000) / shipments,
    csatShare: data.csat.responses === 0 ? null : data.csat.satisfied / data.csat.responses,
    shipmentsChange: previous === null || previous === 0 ? null : (shipments - previous) / previous,
  };
}

/** '2026-11' → '2026年11月' */
export function monthTitle(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

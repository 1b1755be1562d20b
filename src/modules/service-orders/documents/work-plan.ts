/**
 * The work plan (工作计划表) of one work center for a day or a week: what the responsible centre's
 * assistant prints each day for the service staff to plan their site visits (售后服务流程,
 * 客户服务类型确认: 列示客户服务通知单并打印出责任中心服务的工作计划表). Made from plain data
 * (`WorkPlanInput`) that the service-orders module gathers; nothing here reads the database.
 *
 * `workPlanModel` turns the input into the page everybody prints — the console's print page
 * (`renderWorkPlanHtml`), the PDF (`work-plan-pdf.ts`) and the workbook (`work-plan-xlsx.ts`) —
 * so the three show the same rows in the same order with the same totals.
 */
import { localDateOf, wallClock } from '../../../domain/time-limits/working-days.js';

/** One site visit of the plan: a service notification as the plan prints it. */
export interface WorkPlanVisit {
  /** the notification's number (12 digits, like SAP's) */
  notificationNo: string;
  type: 'Z1' | 'Z2';
  /** 紧急: goes straight to on-site service */
  urgent: boolean;
  /** the agreed local time window (HH:MM), null when none was agreed */
  startTime: string | null;
  endTime: string | null;
  /** the customer as the caller may show them (the phone masked unless the reader may see it) */
  customer: { name: string; phone: string | null };
  /** the service address, one line */
  address: string;
  /** the notification's short text (e.g. 活动柜锁坏) */
  shortText: string;
  /** the items in a few words (e.g. 活动柜 ×1，原因：锁坏), null when none */
  items: string | null;
  /** the user status, e.g. { code: 'TZJL', label: '通知记录' } */
  status: { code: string; label: string };
  /** who goes, null when not yet assigned */
  engineer: string | null;
}

export interface WorkPlanInput {
  /** the company name printed in the header */
  carrier: { name: string };
  workCenter: { code: string; name: string; department: string | null };
  /** one entry per local day of the plan, in order (a day plan has one, a week plan seven) */
  days: { date: string; visits: WorkPlanVisit[] }[];
  generatedAt: Date;
  timeZone: string;
}

export interface WorkPlanColumn {
  key: keyof WorkPlanRow;
  title: string;
  /** relative width (the PDF scales these to the page, the workbook to characters) */
  width: number;
}

/** A row as printed: every cell text, ready for any format. */
export interface WorkPlanRow {
  seq: string;
  time: string;
  notificationNo: string;
  type: string;
  customer: string;
  address: string;
  content: string;
  status: string;
  engineer: string;
  /** left empty: the engineer writes the outcome and the customer signs on paper */
  done: string;
}

export interface WorkPlanDay {
  date: string;
  /** 12月8日（周二） */
  heading: string;
  rows: WorkPlanRow[];
  /** for the PDF: which visits are urgent, by row index */
  urgent: boolean[];
}

export interface WorkPlanModel {
  title: string;
  carrier: string;
  workCenterCode: string;
  /** HZ01 杭州西湖服务中心（售后服务部） */
  workCenter: string;
  /** 2026年12月8日（周二） or 2026年12月7日（周一）至12月13日（周日） */
  period: string;
  generatedAt: string;
  columns: WorkPlanColumn[];
  days: WorkPlanDay[];
  totals: { visits: number; urgent: number; z1: number; z2: number; unassigned: number };
  /** 共 12 项：客户服务（Z1）9 项，交货异常（Z2）3 项；紧急 2 项；未指派 1 项 */
  summary: string;
  notes: string[];
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export const WORK_PLAN_COLUMNS: WorkPlanColumn[] = [
  { key: 'seq', title: '序号', width: 4 },
  { key: 'time', title: '时间', width: 8 },
  { key: 'notificationNo', title: '通知单号', width: 11 },
  { key: 'type', title: '类型', width: 7 },
  { key: 'customer', title: '客户 / 电话', width: 12 },
  { key: 'address', title: '服务地址', width: 21 },
  { key: 'content', title: '服务内容', width: 20 },
  { key: 'status', title: '状态', width: 8 },
  { key: 'engineer', title: '服务人员', width: 7 },
  { key: 'done', title: '完成情况 / 客户签字', width: 12 },
];

/** 2026-12-08 → 12月8日（周二）; with the year when `withYear`. */
export function dayHeading(date: string, withYear = false): string {
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
  const day = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（${weekday}）`;
  return withYear ? `${date.slice(0, 4)}年${day}` : day;
}

function timeWindow(visit: WorkPlanVisit): string {
  if (visit.startTime && visit.endTime) return `${visit.startTime}–${visit.endTime}`;
  if (visit.startTime) return `${visit.startTime} 起`;
  if (visit.endTime) return `${visit.endTime} 前`;
  return '待约';
}

/** Visits of a day: urgent first (they skip the queue), then by agreed start (unagreed last), then by number. */
function planOrder(a: WorkPlanVisit, b: WorkPlanVisit): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  const at = a.startTime ?? '99:99';
  const bt = b.startTime ?? '99:99';
  if (at !== bt) return at < bt ? -1 : 1;
  return a.notificationNo < b.notificationNo ? -1 : a.notificationNo > b.notificationNo ? 1 : 0;
}

export function workPlanModel(input: WorkPlanInput): WorkPlanModel {
  const totals = { visits: 0, urgent: 0, z1: 0, z2: 0, unassigned: 0 };
  const days: WorkPlanDay[] = input.days.map((day) => {
    const visits = [...day.visits].sort(planOrder);
    for (const v of visits) {
      totals.visits++;
      if (v.urgent) totals.urgent++;
      if (v.type === 'Z1') totals.z1++;
      else totals.z2++;
      if (!v.engineer) totals.unassigned++;
    }
    return {
      date: day.date,
      heading: dayHeading(day.date),
      urgent: visits.map((v) => v.urgent),
      rows: visits.map((v, i) => ({
        seq: String(i + 1),
        time: timeWindow(v),
        notificationNo: v.notificationNo,
        type: `${v.type}${v.urgent ? ' 紧急' : ''}\n${v.type === 'Z1' ? '客户服务' : '交货异常'}`,
        customer: v.customer.phone ? `${v.customer.name}\n${v.customer.phone}` : v.customer.name,
        address: v.address,
        content: v.items ? `${v.shortText}\n${v.items}` : v.shortText,
        status: `${v.status.code}\n${v.status.label}`,
        engineer: v.engineer ?? '未指派',
        done: '',
      })),
    };
  });
  const first = input.days[0]?.date;
  const last = input.days[input.days.length - 1]?.date;
  const period = !first || !last ? '' : first === last ? dayHeading(first, true) : `${dayHeading(first, true)}至${dayHeading(last, last.slice(0, 4) !== first.slice(0, 4))}`;
  const kinds = [totals.z1 > 0 ? `客户服务（Z1）${totals.z1} 项` : null, totals.z2 > 0 ? `交货异常（Z2）${totals.z2} 项` : null].filter((p): p is string => p !== null);
  const summary = `共 ${totals.visits} 项${kinds.length > 0 ? `：${kinds.join('，')}` : ''}${totals.urgent > 0 ? `；紧急 ${totals.urgent} 项` : ''}${totals.unassigned > 0 ? `；未指派 ${totals.unassigned} 项` : ''}`;
  const zone = input.timeZone === 'Asia/Shanghai' ? '北京时间' : input.timeZone;
  return {
    title: '工作计划表',
    carrier: input.carrier.name,
    workCenterCode: input.workCenter.code,
    workCenter: `${input.workCenter.code} ${input.workCenter.name}${input.workCenter.department ? `（${input.workCenter.department}）` : ''}`,
    period,
    generatedAt: `${formatWall(input.generatedAt, input.timeZone)}（${zone}）`,
    columns: WORK_PLAN_COLUMNS,
    days,
    totals,
    summary,
    notes: [
      '紧急通知单排在当天最前，直接安排上门服务；其余按约定时间排序，未约定时间的排在最后。',
      '上门前请先电话联系客户确认时间；现场需报价的，报价经客户确认后方可施工。',
      '完成后请填写完成情况并请客户签字确认，交回责任中心助理更新通知单状态。',
    ],
  };
}

/** '2026-12-07 09:05' in the zone. */
export function formatWall(instant: Date, timeZone: string): string {
  const wall = new Date(wallClock(instant, timeZone));
  return `${localDateOf(instant, timeZone)} ${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- the print page

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const cell = (text: string): string => escape(text).replace(/\n/g, '<br>');

/**
 * A complete, self-contained HTML page to print (A4 landscape): the header, one table per day whose
 * header row repeats on every printed page, rows that never split across pages. Every text is
 * escaped; no script, no external file.
 */
export function renderWorkPlanHtml(model: WorkPlanModel): string {
  const total = model.columns.reduce((s, c) => s + c.width, 0);
  const colgroup = model.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(2)}%">`).join('');
  const head = `<thead><tr>${model.columns.map((c) => `<th>${escape(c.title)}</th>`).join('')}</tr></thead>`;
  const days = model.days
    .map((day) => {
      const title = `<h2>${escape(day.heading)}<span>${day.rows.length} 项</span></h2>`;
      if (day.rows.length === 0) return `<section class="day">${title}<p class="empty">当天无安排。</p></section>`;
      const body = day.rows.map((row, i) => `<tr${day.urgent[i] ? ' class="urgent"' : ''}>${model.columns.map((c) => `<td class="c-${c.key}">${cell(row[c.key])}</td>`).join('')}</tr>`).join('\n');
      return `<section class="day">${title}<table><colgroup>${colgroup}</colgroup>${head}<tbody>${body}</tbody></table></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(`${model.title} ${model.workCenter} ${model.period}`)}</title>
<style>
@page { size: A4 landscape; margin: 12mm 10mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2933; font-size: 9.5pt; margin: 0; }
header { border-bottom: 2px solid #0b4f8a; padding-bottom: 6px; margin-bottom: 8px; }
header .carrier { color: #0b4f8a; font-weight: 700; }
header h1 { font-size: 18pt; margin: 2px 0; }
header .meta { color: #6b7785; }
.summary { margin: 6px 0 10px; font-weight: 700; }
h2 { font-size: 11pt; margin: 10px 0 4px; break-after: avoid; }
h2 span { font-weight: 400; color: #6b7785; margin-left: 8px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
th { background: #0b4f8a; color: #fff; font-weight: 700; text-align: left; }
th, td { border: 1px solid #c9d1da; padding: 3px 4px; vertical-align: top; overflow-wrap: anywhere; }
td.c-time, td.c-notificationNo { white-space: nowrap; }
@media screen { body { margin: 16px; } }
tr { break-inside: avoid; }
tr.urgent td:first-child { border-left: 4px solid #e8772e; }
tr.urgent td:nth-child(4) { color: #c2410c; font-weight: 700; }
p.empty { color: #6b7785; margin: 2px 0 8px 10px; }
footer { margin-top: 10px; color: #6b7785; font-size: 8.5pt; }
</style>
</head>
<body>
<header>
<div class="carrier">${escape(model.carrier)}</div>
<h1>${escape(model.title)}</h1>
<div class="meta">工作中心：${escape(model.workCenter)}\u3000日期：${escape(model.period)}\u3000打印时间：${escape(model.generatedAt)}</div>
</header>
<div class="summary">${escape(model.summary)}</div>
${days}
<footer><ol>${model.notes.map((n) => `<li>${escape(n)}</li>`).join('')}</ol></footer>
</body>
</html>
`;
}

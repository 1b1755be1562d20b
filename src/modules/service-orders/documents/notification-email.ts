/**
 * E-mailing a service notification to a department (售后服务流程 例4: Email 服务通知单至相应服务
 * 部门): the subject, a plain-text body with the notification's fields in Chinese, and optionally
 * the work plan as files. Pure: the module gathers the notification as plain data, calls this,
 * and puts the result in the outbox with `queueEmail` (`notifications/outbox.ts`) in the
 * transaction of the change; the dispatcher sends it after the commit, through SMTP when
 * configured, else it is recorded.
 *
 * Personal data: the builder prints what it is given. The caller passes the customer's phone
 * masked unless the sender may reveal it and the department needs it to call the customer.
 */
import { formatWall, type WorkPlanModel } from './work-plan.js';

export interface NotificationEmailItem {
  productType: string | null;
  colourCode: string | null;
  material: string | null;
  quantity: number | null;
  reason: { code: string; label: string } | null;
  /** e.g. the OEM vendor (厂商) */
  reasonText: string | null;
}

export interface NotificationEmailInput {
  notification: {
    number: string;
    type: 'Z1' | 'Z2';
    urgent: boolean;
    shortText: string;
    longText: string | null;
    status: { code: string; label: string };
    soldTo: { name: string; phone: string | null };
    shipTo: { name: string; phone: string | null } | null;
    serviceAddress: string | null;
    originalOrder: { number: string; date: string | null } | null;
    requiredStart: Date | null;
    expectedEnd: Date | null;
    mainWorkCenter: { code: string; name: string } | null;
    responsiblePerson: string | null;
    items: NotificationEmailItem[];
  };
  department: { name: string; email: string };
  sender: { name: string };
  /** the sender's own words to the department, if any */
  note: string | null;
  carrier: { name: string };
  timeZone: string;
  /** the work plan to attach, as rendered (`work-plan-pdf.ts`, `work-plan-xlsx.ts`) */
  workPlan: { model: WorkPlanModel; pdf: Buffer | null; xlsx: Buffer | null } | null;
}

export interface NotificationEmail {
  recipient: string;
  locale: 'zh-CN';
  /** what the console shows the message as */
  template: 'service-order.department';
  subject: string;
  body: string;
  attachments: { fileName: string; contentType: string; content: Buffer }[];
}

const TYPE_LABELS = { Z1: '客户服务', Z2: '交货异常' } as const;
const PDF_TYPE = 'application/pdf';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Builds the department's e-mail of a notification; the same input always gives the same message. */
export function notificationEmail(input: NotificationEmailInput): NotificationEmail {
  const n = input.notification;
  const type = `${n.type} ${TYPE_LABELS[n.type]}${n.urgent ? '（紧急）' : ''}`;
  const subject = `${n.urgent ? '【紧急】' : ''}服务通知单 ${n.number}：${oneLine(n.shortText)}（${n.type} ${TYPE_LABELS[n.type]}）`;
  const party = (p: { name: string; phone: string | null }) => (p.phone ? `${p.name} ${p.phone}` : p.name);
  const fields: [string, string | null][] = [
    ['通知单号', n.number],
    ['类型', type],
    ['状态', `${n.status.code} ${n.status.label}`],
    ['简述', oneLine(n.shortText)],
    ['售达方', party(n.soldTo)],
    ['送达方', n.shipTo ? party(n.shipTo) : null],
    ['服务地址', n.serviceAddress],
    ['原销售订单 / 交货单', n.originalOrder ? `${n.originalOrder.number}${n.originalOrder.date ? `（${n.originalOrder.date}）` : ''}` : null],
    ['要求开始', n.requiredStart ? formatWall(n.requiredStart, input.timeZone) : null],
    ['预计结束', n.expectedEnd ? formatWall(n.expectedEnd, input.timeZone) : null],
    ['主工作中心', n.mainWorkCenter ? `${n.mainWorkCenter.code} ${n.mainWorkCenter.name}` : null],
    ['负责人', n.responsiblePerson],
  ];
  const attachments = workPlanFiles(input.workPlan);
  const zone = input.timeZone === 'Asia/Shanghai' ? '北京时间' : input.timeZone;
  const lines = [
    `${input.department.name}：`,
    '',
    `您好！${input.sender.name}发来服务通知单 ${n.number}，请协助处理。`,
    ...(input.note && input.note.trim() ? ['', `留言：${input.note.trim()}`] : []),
    '',
    ...fields.filter((f): f is [string, string] => f[1] !== null && f[1] !== '').map(([label, value]) => `${label}：${value}`),
    ...(n.longText && n.longText.trim() ? ['', '详细描述：', n.longText.trim()] : []),
    ...(n.items.length > 0 ? ['', '项目：', ...n.items.map((item, i) => `${i + 1}. ${itemText(item)}`)] : []),
    ...(attachments.length > 0 ? ['', `附件：${attachments.map((a) => a.fileName).join('、')}`] : []),
    '',
    `时间均为${zone}。`,
    `${input.carrier.name}售后服务`,
  ];
  return { recipient: input.department.email, locale: 'zh-CN', template: 'service-order.department', subject, body: lines.join('\n'), attachments };
}

function itemText(item: NotificationEmailItem): string {
  const parts = [
    item.productType,
    item.colourCode ? `颜色 ${item.colourCode}` : null,
    item.material ? `物料 ${item.material}` : null,
    item.quantity !== null ? `数量 ${item.quantity}` : null,
    item.reason ? `原因 ${item.reason.code} ${item.reason.label}` : null,
    item.reasonText ? `说明：${item.reasonText}` : null,
  ].filter((p): p is string => p !== null && p !== '');
  return parts.length > 0 ? parts.join('，') : '（未填写）';
}

/** A subject is one line: a line break in a short text would end the header. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** 工作计划表-HZ01-2026-12-07.pdf, or …-2026-12-07至2026-12-13.pdf for a week. */
function workPlanFiles(plan: NotificationEmailInput['workPlan']): NotificationEmail['attachments'] {
  if (!plan) return [];
  const first = plan.model.days[0]?.date ?? '';
  const last = plan.model.days[plan.model.days.length - 1]?.date ?? first;
  const code = plan.model.workCenterCode.replace(/[\\/:*?"<>|\s]/g, '_');
  const stem = `工作计划表-${code}-${first === last ? first : `${first}至${last}`}`;
  const files: NotificationEmail['attachments'] = [];
  if (plan.pdf) files.push({ fileName: `${stem}.pdf`, contentType: PDF_TYPE, content: plan.pdf });
  if (plan.xlsx) files.push({ fileName: `${stem}.xlsx`, contentType: XLSX_TYPE, content: plan.xlsx });
  return files;
}

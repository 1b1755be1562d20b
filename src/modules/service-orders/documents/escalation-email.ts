/**
 * The e-mail that escalates a Z2 (交货异常) past its expected end to its sales office (售后服务流程:
 * 交货异常回复营业). Pure: the service-order-clocks job gathers the facts and queues the result.
 * It names the notification, the date it passed and the office; no customer data.
 */
import { formatWall } from './work-plan.js';

export interface EscalationEmailInput {
  recipient: string;
  notification: { number: string; shortText: string; expectedEnd: Date; salesOffice: string | null };
  office: { code: string; name: string } | null;
  timeZone: string;
  carrier: { name: string };
}

export function escalationEmail(input: EscalationEmailInput) {
  const n = input.notification;
  const shortText = n.shortText.replace(/\s+/g, ' ').trim();
  const zone = input.timeZone === 'Asia/Shanghai' ? '北京时间' : input.timeZone;
  const lines = [
    `${input.office ? `${input.office.code} ${input.office.name}` : '销售办公室'}：`,
    '',
    `交货异常通知单 ${n.number}（${shortText}）已超过预计结束时间 ${formatWall(n.expectedEnd, input.timeZone)}，仍未完成，现升级至销售办公室${n.salesOffice ? ` ${n.salesOffice}` : ''}，请尽快跟进处理。`,
    '',
    `时间为${zone}。`,
    `${input.carrier.name}售后服务`,
  ];
  return {
    recipient: input.recipient,
    locale: 'zh-CN' as const,
    template: 'service-order.escalation',
    subject: `【升级】交货异常通知单 ${n.number} 已超过预计结束时间`,
    body: lines.join('\n'),
  };
}

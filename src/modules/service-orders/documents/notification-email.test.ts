import { describe, expect, it } from 'vitest';
import { notificationEmailFixture, workPlanFixture } from '../../../../test/support/service-documents.js';
import { asciiPunctuationBesideChinese } from '../../../domain/text.js';
import { notificationEmail } from './notification-email.js';
import { workPlanModel } from './work-plan.js';

describe('the e-mail of a notification to a department', () => {
  it('has a Chinese subject naming the notification, urgent first', () => {
    const email = notificationEmail(notificationEmailFixture());
    expect(email.recipient).toBe('logistics-east@example.cn');
    expect(email.subject).toBe('【紧急】服务通知单 100000000042：活动柜锁坏，无法打开（Z1 客户服务）');
    const calm = notificationEmailFixture();
    calm.notification.urgent = false;
    calm.notification.shortText = '衣柜门板\n安装不平';
    expect(notificationEmail(calm).subject).toBe('服务通知单 100000000042：衣柜门板 安装不平（Z1 客户服务）');
  });

  it('writes the fields it has, in the company zone, and leaves out those it has not', () => {
    const email = notificationEmail(notificationEmailFixture());
    expect(email.body).toBe(
      [
        '华东区物流部：',
        '',
        '您好！杭州西湖服务中心 李助理发来服务通知单 100000000042，请协助处理。',
        '',
        '留言：主管已批准，请安排人员配合上门。',
        '',
        '通知单号：100000000042',
        '类型：Z1 客户服务（紧急）',
        '状态：KCJS 勘察结束',
        '简述：活动柜锁坏，无法打开',
        '售达方：王女士 138****5678',
        '送达方：王女士（收货）',
        '服务地址：浙江省杭州市西湖区文三路 90 号东部软件园 2 号楼 5 层 501 室',
        '原销售订单 / 交货单：4500012345（2026-10-18）',
        '要求开始：2026-12-08 09:00',
        '预计结束：2026-12-10 18:00',
        '主工作中心：HZ01 杭州西湖服务中心',
        '负责人：赵师傅',
        '',
        '详细描述：',
        '客户来电：活动柜中间抽屉的锁芯转不动，钥匙无法拔出。\n客户希望本周内上门，工作日 18:00 后或周末均可。',
        '',
        '项目：',
        '1. 活动柜，颜色 C03，物料 HD-CAB-0210，数量 1，原因 R01 锁具损坏，说明：代工厂商宏达家具',
        '2. （未填写）',
        '',
        '时间均为北京时间。',
        '捷达速运售后服务',
      ].join('\n'),
    );
    expect(asciiPunctuationBesideChinese(email.subject)).toEqual([]);
    expect(asciiPunctuationBesideChinese(email.body)).toEqual([]);
    expect(email.attachments).toEqual([]);

    const bare = notificationEmailFixture();
    Object.assign(bare.notification, { shipTo: null, serviceAddress: null, originalOrder: null, requiredStart: null, expectedEnd: null, mainWorkCenter: null, responsiblePerson: null, longText: null, items: [] });
    bare.note = '  ';
    const body = notificationEmail(bare).body;
    for (const label of ['送达方', '服务地址', '原销售订单', '要求开始', '预计结束', '主工作中心', '负责人', '详细描述', '项目', '留言']) expect(body).not.toContain(label);
  });

  it('attaches the work plan when given, named by work center and dates', () => {
    const model = workPlanModel(workPlanFixture({ days: 7, perDay: 2 }));
    const email = notificationEmail(notificationEmailFixture({ model, pdf: Buffer.from('%PDF-'), xlsx: Buffer.from('PK') }));
    expect(email.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['工作计划表-HZ01-2026-12-07至2026-12-13.pdf', 'application/pdf'],
      ['工作计划表-HZ01-2026-12-07至2026-12-13.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(email.body).toContain('附件：工作计划表-HZ01-2026-12-07至2026-12-13.pdf、工作计划表-HZ01-2026-12-07至2026-12-13.xlsx');
    const day = workPlanModel(workPlanFixture({ days: 1 }));
    expect(notificationEmail(notificationEmailFixture({ model: day, pdf: Buffer.from('%PDF-'), xlsx: null })).attachments.map((a) => a.fileName)).toEqual(['工作计划表-HZ01-2026-12-07.pdf']);
  });
});

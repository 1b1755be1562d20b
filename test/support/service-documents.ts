/**
 * Plain data for the after-sales documents' tests: a work center's work plan for a day or a week
 * (deterministic: the same visits every run) and an invoiced paid-service visit.
 */
import { issueServiceInvoice, type ServiceInvoice } from '../../src/domain/service-orders/quotation.js';
import type { NotificationEmailInput } from '../../src/modules/service-orders/documents/notification-email.js';
import type { WorkPlanInput, WorkPlanVisit } from '../../src/modules/service-orders/documents/work-plan.js';

const CUSTOMERS = [
  ['王女士', '138****5678'],
  ['李先生', '139****1024'],
  ['张女士', '137****8800'],
  ['陈先生', '186****3131'],
  ['刘女士', null],
] as const;

const ADDRESSES = [
  '浙江省杭州市西湖区文三路 90 号东部软件园 2 号楼 5 层 501 室',
  '浙江省杭州市拱墅区湖州街 51 号',
  '浙江省杭州市滨江区江南大道 3850 号创新大厦 A 座 1203 室（请从北门进，电梯到 12 层右转）',
  '浙江省杭州市余杭区五常街道文一西路 969 号',
];

const WORK = [
  ['活动柜锁坏，无法打开', '活动柜 ×1，原因：锁芯损坏（厂商：宏达家具）'],
  ['沙发送货时外包装破损，扶手有划痕', '三人位沙发 ×1，颜色 C03，原因：运输破损'],
  ['衣柜门板安装不平，需上门调整', null],
  ['餐桌少配件，客户要求补发并安装', '餐桌 ×1，缺桌腿螺丝 8 颗'],
  ['床头板异响', '双人床 ×1，原因：连接件松动'],
] as const;

const STATUSES = [
  { code: 'TZJL', label: '通知记录' },
  { code: 'KCJS', label: '勘察结束' },
  { code: 'ZGPZ', label: '主管批准' },
  { code: 'HFYY', label: '回复营业' },
];

export function visit(n: number): WorkPlanVisit {
  const [name, phone] = CUSTOMERS[n % CUSTOMERS.length]!;
  const [shortText, items] = WORK[n % WORK.length]!;
  const hour = 9 + (n % 8);
  return {
    notificationNo: String(100_000_000_000 + n * 7),
    type: n % 4 === 3 ? 'Z2' : 'Z1',
    urgent: n % 9 === 4,
    startTime: n % 6 === 5 ? null : `${String(hour).padStart(2, '0')}:00`,
    endTime: n % 6 === 5 ? null : `${String(hour + 1).padStart(2, '0')}:30`,
    customer: { name, phone },
    address: ADDRESSES[n % ADDRESSES.length]!,
    shortText,
    items,
    status: STATUSES[n % STATUSES.length]!,
    engineer: n % 7 === 6 ? null : ['赵师傅', '钱师傅', '孙师傅'][n % 3]!,
  };
}

/** A plan of `days` days from 2026-12-07 (a Monday) with `perDay` visits each (a function for uneven days). */
export function workPlanFixture(options: { days?: number; perDay?: number | ((day: number) => number) } = {}): WorkPlanInput {
  const dayCount = options.days ?? 1;
  const perDay = options.perDay ?? 5;
  let n = 0;
  return {
    carrier: { name: '捷达速运' },
    workCenter: { code: 'HZ01', name: '杭州西湖服务中心', department: '售后服务部' },
    days: Array.from({ length: dayCount }, (_, d) => {
      const count = typeof perDay === 'function' ? perDay(d) : perDay;
      return { date: `2026-12-${String(7 + d).padStart(2, '0')}`, visits: Array.from({ length: count }, () => visit(n++)) };
    }),
    generatedAt: new Date('2026-12-07T00:30:00Z'),
    timeZone: 'Asia/Shanghai',
  };
}

/** An accepted visit's invoice: labour, a part, the call-out fee and a disposal fee. */
export function serviceInvoiceFixture(): ServiceInvoice {
  const issued = issueServiceInvoice({
    quote: {
      number: 'BJ202612-000007',
      notificationNo: '100000000042',
      state: 'accepted',
      lines: [
        { kind: 'labour', description: '更换活动柜锁芯并调试', quantity: 1.5, unit: '小时', unitPriceFen: 8_000, taxCategory: 'repair' },
        { kind: 'parts', description: '锁芯（宏达家具原厂配件，型号 HD-L22）', quantity: 2, unit: '件', unitPriceFen: 3_550, taxCategory: 'goods' },
        { kind: 'call_out', description: '上门费', quantity: 1, unit: '次', unitPriceFen: 5_000, taxCategory: 'repair' },
        { kind: 'other', description: '旧件清运', quantity: 1, unit: '次', unitPriceFen: 2_999, taxCategory: 'services' },
      ],
    },
    acceptance: { acceptedAt: new Date('2026-12-10T08:20:00Z'), acceptedBy: '王女士', channel: 'on_site', remarks: '锁已更换，开关正常' },
    number: 'FW202612-000042',
    issuedAt: new Date('2026-12-10T09:00:00Z'),
    buyer: { name: '王女士', taxId: null, address: '浙江省杭州市西湖区文三路 90 号东部软件园 2 号楼 5 层 501 室', phone: '138****5678' },
    seller: { name: '捷达速运杭州西湖服务中心', taxId: '91330106MA2H000000' },
  });
  if (!issued.ok) throw new Error(`fixture invoice refused: ${issued.code}`);
  return issued.invoice;
}

/** A Z1 notification e-mailed to the logistics department, optionally with a work plan attached. */
export function notificationEmailFixture(workPlan: NotificationEmailInput['workPlan'] = null): NotificationEmailInput {
  return {
    notification: {
      number: '100000000042',
      type: 'Z1',
      urgent: true,
      shortText: '活动柜锁坏，无法打开',
      longText: '客户来电：活动柜中间抽屉的锁芯转不动，钥匙无法拔出。\n客户希望本周内上门，工作日 18:00 后或周末均可。',
      status: { code: 'KCJS', label: '勘察结束' },
      soldTo: { name: '王女士', phone: '138****5678' },
      shipTo: { name: '王女士（收货）', phone: null },
      serviceAddress: '浙江省杭州市西湖区文三路 90 号东部软件园 2 号楼 5 层 501 室',
      originalOrder: { number: '4500012345', date: '2026-10-18' },
      requiredStart: new Date('2026-12-08T01:00:00Z'),
      expectedEnd: new Date('2026-12-10T10:00:00Z'),
      mainWorkCenter: { code: 'HZ01', name: '杭州西湖服务中心' },
      responsiblePerson: '赵师傅',
      items: [
        { productType: '活动柜', colourCode: 'C03', material: 'HD-CAB-0210', quantity: 1, reason: { code: 'R01', label: '锁具损坏' }, reasonText: '代工厂商宏达家具' },
        { productType: null, colourCode: null, material: null, quantity: null, reason: null, reasonText: null },
      ],
    },
    department: { name: '华东区物流部', email: 'logistics-east@example.cn' },
    sender: { name: '杭州西湖服务中心 李助理' },
    note: '主管已批准，请安排人员配合上门。',
    carrier: { name: '捷达速运' },
    timeZone: 'Asia/Shanghai',
    workPlan,
  };
}

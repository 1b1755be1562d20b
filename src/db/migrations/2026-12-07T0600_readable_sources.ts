/**
 * The default rules cited internal planning files ("种子文档 001", "seed 002 §三", "PRODUCT.md §7");
 * they now cite the real documents (客服手册, 公司服务承诺, 客服用语规范, GB/T 27917, YZ/T 0128-2007,
 * 《快递暂行条例》 …, docs/product.md). Stored policy versions are history and stay as they are: the
 * SLA policy and the time-limit policy get a new version by the system with the same numbers, each
 * default source (and the default a change line was appended to) in its new wording. Phrases and
 * calendar days are plain rows: a row whose source is still exactly an old default takes the new
 * one; an admin's own wording is left alone. Both generations of the old defaults are listed (the
 * English ones of the first databases, the Chinese ones since). Literal text: a migration does not
 * import domain code.
 */
import { type Kysely, sql } from 'kysely';

const NOTE = '只改了依据的写法：改为引用真实出处，数值未变';
const SYSTEM = 'system';

const SLA: readonly (readonly [old: string, now: string])[] = [
  ["PRODUCT.md §7: answer a query about a parcel not found online in 30 min (seed 001; YZ/T 0128-2007 §5.3.3)", "公司服务承诺「查询1次30分」；YZ/T 0128-2007《快递服务》 §5.3.3"],
  ["company default (no seed or standard gives a figure): a query is closed within a day", "公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §7: complaint first response 1 hour (seed 001 \"投诉1时回\")", "公司服务承诺「投诉1时回」"],
  ["PRODUCT.md §7: complaint handled and customer told within 7 days (《快递暂行条例》, statutory ceiling)", "《快递暂行条例》第二十八条（2025 年修订后为第二十九条），法定上限 7 天"],
  ["company default (no seed or standard gives a figure): 30 min, tighter than seed 001 \"投诉1时回\"", "公司默认值（大客户与紧急投诉从严）；公司服务承诺「投诉1时回」"],
  ["company default (no seed or standard gives a figure): 3 days, inside the statutory 7 days (《快递暂行条例》)", "公司默认值（大客户与紧急投诉从严）；《快递暂行条例》第二十八条（2025 年修订后为第二十九条），法定上限 7 天"],
  ["PRODUCT.md §7: claim reply within 1 day (seed 001)", "公司服务承诺「理赔回复1日回」"],
  ["PRODUCT.md §7: compensation paid within 7 days (seed 001)", "公司服务承诺「赔偿支付7日内」"],
  ["company default (no seed or standard gives a figure): acknowledged within one working day", "公司默认值（手册、承诺与标准均未给出数字）"],
  ["company default (no seed or standard gives a figure): 30 min, as for a query (seed 001; YZ/T 0128-2007 §5.3.3)", "公司默认值（与查询相同）；公司服务承诺「查询1次30分」；YZ/T 0128-2007《快递服务》 §5.3.3"],
  ["company default (no seed or standard gives a figure): a pickup, re-delivery or address change is arranged within a day", "公司默认值（手册、承诺与标准均未给出数字）"],
  ["company default (no seed or standard gives a figure): 1 hour, as for a complaint (seed 001 \"投诉1时回\") — an ignored exception becomes one", "公司默认值（与投诉相同：异常无人处理就会变成投诉）；公司服务承诺「投诉1时回」"],
  ["company default (no seed or standard gives a figure): an exception is settled within a day", "公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §7: needs another department: 1 hour (seed 002)", "客服用语规范 §三 回复时限「需反馈至相关部门协调解决的，1 小时内」"],
  ["网上查不到的快件，电话查询 30 分钟内答复（种子文档 001；邮政行业标准《快递服务》YZ/T 0128-2007 §5.3.3）", "公司服务承诺「查询1次30分」；YZ/T 0128-2007《快递服务》 §5.3.3"],
  ["公司默认值（种子文档和标准均未给出数字）：查询 1 天内办结", "公司默认值（手册、承诺与标准均未给出数字）"],
  ["投诉 1 小时内首次响应（种子文档 001「投诉1时回」）", "公司服务承诺「投诉1时回」"],
  ["投诉 7 天内处理完毕并告知客户（《快递暂行条例》，法定上限）", "《快递暂行条例》第二十八条（2025 年修订后为第二十九条），法定上限 7 天"],
  ["公司默认值（种子文档和标准均未给出数字）：30 分钟，严于种子文档 001「投诉1时回」", "公司默认值（大客户与紧急投诉从严）；公司服务承诺「投诉1时回」"],
  ["公司默认值（种子文档和标准均未给出数字）：3 天，在《快递暂行条例》法定的 7 天之内", "公司默认值（大客户与紧急投诉从严）；《快递暂行条例》第二十八条（2025 年修订后为第二十九条），法定上限 7 天"],
  ["理赔 1 天内答复（种子文档 001）", "公司服务承诺「理赔回复1日回」"],
  ["赔款 7 天内支付（种子文档 001）", "公司服务承诺「赔偿支付7日内」"],
  ["公司默认值（种子文档和标准均未给出数字）：1 个工作日内确认收到", "公司默认值（手册、承诺与标准均未给出数字）"],
  ["公司默认值（种子文档和标准均未给出数字）：30 分钟，与查询相同（种子文档 001；邮政行业标准《快递服务》YZ/T 0128-2007 §5.3.3）", "公司默认值（与查询相同）；公司服务承诺「查询1次30分」；YZ/T 0128-2007《快递服务》 §5.3.3"],
  ["公司默认值（种子文档和标准均未给出数字）：上门取件、再次派送或更改地址 1 天内安排", "公司默认值（手册、承诺与标准均未给出数字）"],
  ["公司默认值（种子文档和标准均未给出数字）：1 小时，与投诉相同（种子文档 001「投诉1时回」）——异常无人处理就会变成投诉", "公司默认值（与投诉相同：异常无人处理就会变成投诉）；公司服务承诺「投诉1时回」"],
  ["公司默认值（种子文档和标准均未给出数字）：异常 1 天内处理完毕", "公司默认值（手册、承诺与标准均未给出数字）"],
  ["需要其他部门处理的，1 小时内回复（种子文档 002）", "客服用语规范 §三 回复时限「需反馈至相关部门协调解决的，1 小时内」"],
];

const TIME_LIMITS: readonly (readonly [old: string, now: string])[] = [
  ["PRODUCT.md §7: 同城 24 h (seed 001 \"同1 异3\"; GB/T 27917 (2011 ed.))", "公司服务承诺「同1，异3」；GB/T 27917《快递服务》"],
  ["PRODUCT.md §7: 国内异地 72 h (seed 001 \"同1 异3\"; GB/T 27917 (2011 ed.))", "公司服务承诺「同1，异3」；GB/T 27917《快递服务》"],
  ["PRODUCT.md §7: 港澳台 6 working days (GB/T 27917 (2011 ed.))", "GB/T 27917《快递服务》"],
  ["PRODUCT.md §7: 国际, Asia 6 working days (GB/T 27917 (2011 ed.))", "GB/T 27917《快递服务》"],
  ["PRODUCT.md §7: 国际, North America 6 working days (GB/T 27917 (2011 ed.))", "GB/T 27917《快递服务》"],
  ["PRODUCT.md §7: 国际, Europe 8 working days (GB/T 27917 (2011 ed.))", "GB/T 27917《快递服务》"],
  ["PRODUCT.md §7: 国际, Oceania 9 working days (GB/T 27917 (2011 ed.))", "GB/T 27917《快递服务》"],
  ["PRODUCT.md §7: 国际, other destinations 7 working days (seed 001 \"国际 7\")", "公司服务承诺「国际7」"],
  ["PRODUCT.md §7: 彻底延误 同城 3 days after the promised time (seed 001; GB/T 27917 domestic)", "公司服务承诺「彻底延误：同3，异7，国际10」；GB/T 27917《快递服务》（国内快件）"],
  ["PRODUCT.md §7: 彻底延误 异地 7 days after the promised time (seed 001; GB/T 27917 domestic)", "公司服务承诺「彻底延误：同3，异7，国际10」；GB/T 27917《快递服务》（国内快件）"],
  ["PRODUCT.md §7 names no 港澳台 figure: uses 国际 10 days after the promised time (seed 001)", "公司默认值（标准未单列港澳台，按国际件）；公司服务承诺「彻底延误：同3，异7，国际10」"],
  ["PRODUCT.md §7: 彻底延误 国际 10 days after the promised time (seed 001)", "公司服务承诺「彻底延误：同3，异7，国际10」"],
  ["PRODUCT.md §1 \"stalled (no scan for N hours)\": picked up, no further scan for 48 h (ParcelDesk default, no seed or standard gives a figure)", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §1 \"stalled (no scan for N hours)\": in transit, no scan for 48 h (ParcelDesk default, no seed or standard gives a figure)", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §1 \"stalled (no scan for N hours)\": in customs, no scan for 120 h (ParcelDesk default, no seed or standard gives a figure)", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §1 \"stalled (no scan for N hours)\": out for delivery, no scan for 24 h (ParcelDesk default, no seed or standard gives a figure)", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §1 \"stalled (no scan for N hours)\": failed attempt, no redelivery scan for 24 h (ParcelDesk default, no seed or standard gives a figure)", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §1 \"stalled (no scan for N hours)\": returning to sender, no scan for 48 h (ParcelDesk default, no seed or standard gives a figure)", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §1 \"held at locker/station (驿站)\": not collected after 72 h (ParcelDesk default, no seed or standard gives a figure)", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §1 \"attempt failed\" → undeliverable after 3 failed attempts (ParcelDesk default, no seed or standard gives a figure)", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["PRODUCT.md §7: shipment data queryable 1 year from pickup (seed 001; YZ/T 0128-2007 §5.3.4)", "公司服务承诺「处理有效期，收寄之时限1年」；YZ/T 0128-2007《快递服务》 §5.3.4"],
  ["同城 24 小时（种子文档 001「同1 异3」；《快递服务》国家标准 GB/T 27917（2011 年版））", "公司服务承诺「同1，异3」；GB/T 27917《快递服务》"],
  ["国内异地 72 小时（种子文档 001「同1 异3」；《快递服务》国家标准 GB/T 27917（2011 年版））", "公司服务承诺「同1，异3」；GB/T 27917《快递服务》"],
  ["港澳台 6 个工作日（《快递服务》国家标准 GB/T 27917（2011 年版））", "GB/T 27917《快递服务》"],
  ["国际·亚洲 6 个工作日（《快递服务》国家标准 GB/T 27917（2011 年版））", "GB/T 27917《快递服务》"],
  ["国际·北美洲 6 个工作日（《快递服务》国家标准 GB/T 27917（2011 年版））", "GB/T 27917《快递服务》"],
  ["国际·欧洲 8 个工作日（《快递服务》国家标准 GB/T 27917（2011 年版））", "GB/T 27917《快递服务》"],
  ["国际·大洋洲 9 个工作日（《快递服务》国家标准 GB/T 27917（2011 年版））", "GB/T 27917《快递服务》"],
  ["国际·其他地区 7 个工作日（种子文档 001「国际 7」）", "公司服务承诺「国际7」"],
  ["彻底延误：同城超过承诺时限 3 天（种子文档 001；GB/T 27917 国内件）", "公司服务承诺「彻底延误：同3，异7，国际10」；GB/T 27917《快递服务》（国内快件）"],
  ["彻底延误：异地超过承诺时限 7 天（种子文档 001；GB/T 27917 国内件）", "公司服务承诺「彻底延误：同3，异7，国际10」；GB/T 27917《快递服务》（国内快件）"],
  ["彻底延误：PRODUCT.md §7 未单列港澳台，按国际件超过承诺时限 10 天（种子文档 001）", "公司默认值（标准未单列港澳台，按国际件）；公司服务承诺「彻底延误：同3，异7，国际10」"],
  ["彻底延误：国际超过承诺时限 10 天（种子文档 001）", "公司服务承诺「彻底延误：同3，异7，国际10」"],
  ["已揽收后 48 小时无后续扫描（PRODUCT.md §1「停滞：N 小时无扫描」；公司默认值，种子文档和标准均未给出数字）", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["运输途中 48 小时无扫描（PRODUCT.md §1「停滞：N 小时无扫描」；公司默认值，种子文档和标准均未给出数字）", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["清关中 120 小时无扫描（PRODUCT.md §1「停滞：N 小时无扫描」；公司默认值，种子文档和标准均未给出数字）", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["派送中 24 小时无扫描（PRODUCT.md §1「停滞：N 小时无扫描」；公司默认值，种子文档和标准均未给出数字）", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["派送失败后 24 小时无再派扫描（PRODUCT.md §1「停滞：N 小时无扫描」；公司默认值，种子文档和标准均未给出数字）", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["退回寄件人途中 48 小时无扫描（PRODUCT.md §1「停滞：N 小时无扫描」；公司默认值，种子文档和标准均未给出数字）", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["在快递柜/驿站 72 小时未取件（PRODUCT.md §1「驿站/快递柜滞留」；公司默认值，种子文档和标准均未给出数字）", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["派送失败 3 次即为无法派送（PRODUCT.md §1「派送失败」；公司默认值，种子文档和标准均未给出数字）", "客服手册 §2.3.3 快递追踪：异常情况及时处理；公司默认值（手册、承诺与标准均未给出数字）"],
  ["运单数据自收寄起 1 年内可查询（种子文档 001；邮政行业标准《快递服务》YZ/T 0128-2007 §5.3.4）", "公司服务承诺「处理有效期，收寄之时限1年」；YZ/T 0128-2007《快递服务》 §5.3.4"],
];

const STANDARD: readonly (readonly [old: string, now: string])[] = [
  ["seed 002 §三 接听来电", "客服用语规范 §三 接听来电"],
  ["seed 002 §二 细心(准确称呼客户); §三 多使用十字用语", "客服用语规范 §二 细心（准确称呼客户）；客服用语规范 §三 多使用十字用语"],
  ["seed 002 §三 多使用十字用语", "客服用语规范 §三 多使用十字用语"],
  ["seed 002 §三 新客户", "客服用语规范 §三 新客户"],
  ["seed 002 §三 客户抱怨或投诉", "客服用语规范 §三 客户抱怨或投诉"],
  ["seed 002 §三 客户抱怨或投诉(您的心情我非常理解)", "客服用语规范 §三 客户抱怨或投诉"],
  ["seed 002 §三 客户对运费产生质疑 1", "客服用语规范 §三 客户对运费产生质疑"],
  ["seed 002 §三 客户担心送货单价格泄露", "客服用语规范 §三 客户担心送货单价格泄露"],
  ["seed 002 §三 遇到客户查询问题", "客服用语规范 §三 遇到客户查询问题"],
  ["seed 002 §三 遇到客户查询问题(若客户同意)", "客服用语规范 §三 遇到客户查询问题"],
  ["seed 002 §三 遇到客户查询问题(若客户不愿意等待)", "客服用语规范 §三 遇到客户查询问题"],
  ["seed 002 §三 向客户道歉时", "客服用语规范 §三 向客户道歉时"],
  ["seed 002 §三 遇客户致歉", "客服用语规范 §三 遇客户致歉"],
  ["seed 002 §三 遇客户致谢", "客服用语规范 §三 遇客户致谢"],
  ["seed 002 §三 遇客户致谢; 多使用十字用语", "客服用语规范 §三 遇客户致谢；客服用语规范 §三 多使用十字用语"],
  ["seed 002 §三 遇客户表扬", "客服用语规范 §三 遇客户表扬"],
  ["seed 002 §三 遇客户表扬; 遇客户提建议", "客服用语规范 §三 遇客户表扬；客服用语规范 §三 遇客户提建议"],
  ["seed 002 §三 没听清楚或不明白客户意思时", "客服用语规范 §三 没听清楚或不明白客户意思时"],
  ["seed 002 §三 遇到客户地方口音重听不懂处理 1", "客服用语规范 §三 遇到客户地方口音重听不懂"],
  ["seed 002 §三 遇客户声音小，杂音大或无声电话", "客服用语规范 §三 遇客户声音小、杂音大或无声电话"],
  ["seed 002 §三 遇客户提出不符合公司规定的事时", "客服用语规范 §三 遇客户提出不符合公司规定的事时"],
  ["seed 002 §三 催货的客户 2", "客服用语规范 §三 催货的客户"],
  ["seed 002 §三 遇客户提建议", "客服用语规范 §三 遇客户提建议"],
  ["seed 002 §三 客户对产品质疑; 欢迎客户提出整改建议", "客服用语规范 §三 客户对产品质疑"],
  ["seed 002 §三 节假日来电(给您拜年了)", "客服用语规范 §三 节假日来电"],
  ["seed 002 §三 节假日来电(祝您节日愉快)", "客服用语规范 §三 节假日来电"],
  ["seed 002 §三 遇客户要求，但上级无法立即接听时", "客服用语规范 §三 遇客户要求，但上级无法立即接听时"],
  ["PRODUCT.md §2 回访确认; seed 002 §三 解答完毕后确认客户是否明了", "客服手册 §7.2 投诉处理流程：回访确认；客服用语规范 §三 解答完毕后，确认客户是否明了时"],
  ["seed 002 §三 解答完毕后，确认客户是否明了时", "客服用语规范 §三 解答完毕后，确认客户是否明了时"],
];

const FORBIDDEN: readonly (readonly [old: string, now: string])[] = [
  ["seed 002 §五 1 直呼客户", "客服用语规范 §五 1 直呼客户"],
  ["seed 002 §五 2 反问、质问客户", "客服用语规范 §五 2 反问、质问客户"],
  ["seed 002 §五 3 推诿、搪塞客户", "客服用语规范 §五 3 推诿、搪塞客户"],
  ["seed 002 §五 4 厌烦、训斥客户", "客服用语规范 §五 4 厌烦、训斥客户"],
  ["seed 002 §六 4 不对客户说“不”", "客服用语规范 §六 4 不对客户说“不”"],
  ["公司补充：seed 002 §五 3 推诿、搪塞客户的常见说法（非种子原文）", "公司补充：客服用语规范 §五 3 推诿、搪塞客户的常见说法"],
  ["公司补充（非规范原文）：《物流部客户服务规范》§五 2 反问、质问客户的常见说法", "公司补充：客服用语规范 §五 2 反问、质问客户的常见说法"],
  ["公司补充（非规范原文）：《物流部客户服务规范》§五 4 厌烦、训斥客户的常见说法", "公司补充：客服用语规范 §五 4 厌烦、训斥客户的常见说法"],
];

const CALENDAR: readonly (readonly [old: string, now: string])[] = [
  ["《全国年节及纪念日放假办法》: 元旦 (1月1日) is a statutory rest day. The State Council arrangement (国务院办公厅关于2027年部分节假日安排的通知) is not yet published: an admin must enter the 2027 holidays and 调休 working days when it is.", "《全国年节及纪念日放假办法》第二条：元旦（1月1日）"],
];

/** The new wording of a source, or undefined when it is not (and does not begin with) an old default. */
function reworded(source: unknown, table: ReadonlyMap<string, string>): string | undefined {
  if (typeof source !== 'string') return undefined;
  const whole = table.get(source);
  if (whole !== undefined) return whole;
  // A changed number keeps its source and appends "；v2：…" to it.
  for (const [old, now] of table) if (source.startsWith(`${old}；`)) return `${now}${source.slice(old.length)}`;
  return undefined;
}

/** A copy of a policy (any JSON) with every `source` reworded; `changed` says whether one was. */
function rewordAll(value: unknown, table: ReadonlyMap<string, string>): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const result = rewordAll(item, table);
      changed ||= result.changed;
      return result.value;
    });
    return { value: items, changed };
  }
  if (value === null || typeof value !== 'object') return { value, changed: false };
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const now = key === 'source' ? reworded(inner, table) : undefined;
    if (now !== undefined) {
      copy[key] = now;
      changed = true;
    } else {
      const result = rewordAll(inner, table);
      copy[key] = result.value;
      changed ||= result.changed;
    }
  }
  return { value: copy, changed };
}

const asObject = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

async function newVersion(db: Kysely<any>, table: 'sla_policies' | 'time_limit_policies', column: 'policy' | 'rules', pairs: typeof SLA): Promise<void> {
  const latest = await db.selectFrom(table).select(['version', column]).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!latest) return; // a new database: the seed writes version 1 with the new sources
  const { value, changed } = rewordAll(asObject(latest[column]), new Map(pairs));
  if (!changed) return;
  await db
    .insertInto(table)
    .values({ version: Number(latest.version) + 1, [column]: JSON.stringify(value), note: NOTE, created_by: SYSTEM })
    .execute();
}

async function rewordRows(db: Kysely<any>, table: 'standard_phrases' | 'forbidden_phrases' | 'calendar_days', pairs: typeof SLA): Promise<void> {
  for (const [old, now] of pairs) await sql`update ${sql.table(table)} set source = ${now} where source = ${old}`.execute(db);
}

/** Old default → its new wording, by table (tests build an old database from it). */
export const REWORDED = { SLA, TIME_LIMITS, STANDARD, FORBIDDEN, CALENDAR } as const;

export async function up(db: Kysely<any>): Promise<void> {
  await newVersion(db, 'sla_policies', 'policy', SLA);
  await newVersion(db, 'time_limit_policies', 'rules', TIME_LIMITS);
  await rewordRows(db, 'standard_phrases', STANDARD);
  await rewordRows(db, 'forbidden_phrases', FORBIDDEN);
  await rewordRows(db, 'calendar_days', CALENDAR);
}

export async function down(_db: Kysely<any>): Promise<void> {}

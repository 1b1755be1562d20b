/**
 * Where a rule comes from, as a manager reads it (docs/product.md, the table of sources). A rule's
 * source is stored as text — the admin reads it, edits it and a change appends a line to it — in
 * Chinese, the form the company's own documents use: one or more citations joined by "；". The
 * defaults are built from the citations below, each known in zh-CN and en-US, so `sourceText`
 * renders a stored source in the reader's language: a known citation in its English form, a
 * known document's name at the start of a citation in English with the rest as written, and
 * anything else (an admin's own words) as it was typed. Pure: the console imports it.
 */

export type SourceLocale = 'zh-CN' | 'en-US';

export interface Bilingual {
  zh: string;
  en: string;
}

/** The documents the rules come from, by the short names of docs/product.md. */
export const SOURCE_DOCUMENTS = {
  handbook: { zh: '客服手册', en: 'Customer-service handbook' },
  commitment: { zh: '公司服务承诺', en: 'Company service commitments' },
  serviceCode: { zh: '客服用语规范', en: 'Customer-service language code' },
  departmentRules: { zh: '客服部门制度', en: 'Customer-service department rules' },
  afterSales: { zh: '售后服务流程', en: 'After-sales service process' },
  gbt27917: { zh: 'GB/T 27917《快递服务》', en: 'GB/T 27917 Express Service (national standard)' },
  yzt0128: { zh: 'YZ/T 0128-2007《快递服务》', en: 'YZ/T 0128-2007 Express Service (postal industry standard)' },
  regulations: { zh: '《快递暂行条例》', en: 'Interim Regulations on Express Delivery' },
  holidayMeasures: { zh: '《全国年节及纪念日放假办法》', en: 'Measures on National Holidays and Commemorative Days' },
  gbt2260: { zh: 'GB/T 2260《中华人民共和国行政区划代码》', en: 'GB/T 2260 Codes for the administrative divisions of the PRC' },
  // Claims and compensation (docs/product.md §3, §7)
  civilCode: { zh: '《中华人民共和国民法典》', en: 'Civil Code of the PRC' },
  postalLaw: { zh: '《中华人民共和国邮政法》', en: 'Postal Law of the PRC' },
  carrierTerms: { zh: '公司快递服务协议（运单契约条款）', en: 'Company express service terms (the waybill contract)' },
  internalControl: { zh: '《企业内部控制基本规范》', en: 'Basic Standard for Enterprise Internal Control' },
  companyDefault: { zh: '公司默认值', en: 'Company default' },
  companyAddition: { zh: '公司补充', en: 'Company addition' },
} as const satisfies Record<string, Bilingual>;

const D = SOURCE_DOCUMENTS;
const at = (doc: Bilingual, zh: string, en: string): Bilingual => ({ zh: `${doc.zh}${zh}`, en: `${doc.en}${en}` });

/** 《物流部客户服务规范》 part two: §三 standard phrases, §五 forbidden phrases, §六 prohibited conduct. */
const code = (zh: string, en: string) => at(D.serviceCode, zh, en);

/** Every citation the defaults use. */
export const CITATIONS = {
  // 公司服务承诺, its "时效数码": 同1，异3，国际7; 同3，异7，国际10; 查询1次30分，赔偿支付7日内; 投诉1时回，理赔回复1日回; 收寄之时限1年
  commitment: D.commitment,
  sameCityOneOtherThree: at(D.commitment, '「同1，异3」', ' ("same city 1 day, elsewhere 3 days")'),
  internationalSeven: at(D.commitment, '「国际7」', ' ("international 7 days")'),
  completeDelay: at(D.commitment, '「彻底延误：同3，异7，国际10」', ' ("complete delay: same city 3, elsewhere 7, international 10 days")'),
  queryThirty: at(D.commitment, '「查询1次30分」', ' ("a query answered in 30 minutes")'),
  compensationSeven: at(D.commitment, '「赔偿支付7日内」', ' ("compensation paid within 7 days")'),
  complaintOneHour: at(D.commitment, '「投诉1时回」', ' ("a complaint answered within 1 hour")'),
  claimOneDay: at(D.commitment, '「理赔回复1日回」', ' ("a claim answered within 1 day")'),
  retentionOneYear: at(D.commitment, '「处理有效期，收寄之时限1年」', ' ("valid for 1 year from pickup")'),
  gbt27917: D.gbt27917,
  gbt27917Domestic: at(D.gbt27917, '（国内快件）', ' (domestic parcels)'),
  yzt0128Query: at(D.yzt0128, ' §5.3.3', ' §5.3.3'),
  yzt0128Retention: at(D.yzt0128, ' §5.3.4', ' §5.3.4'),
  complaintStatutory: at(D.regulations, '第二十八条（2025 年修订后为第二十九条），法定上限 7 天', ', Art. 28 (Art. 29 since the 2025 revision): a statutory limit of 7 days'),
  companyDefault: at(D.companyDefault, '（手册、承诺与标准均未给出数字）', ' (no handbook, commitment or standard gives a number)'),
  tighterForKeyAndUrgent: at(D.companyDefault, '（大客户与紧急投诉从严）', ' (stricter for key accounts and urgent complaints)'),
  sameAsQuery: at(D.companyDefault, '（与查询相同）', ' (the same as a query)'),
  sameAsComplaint: at(D.companyDefault, '（与投诉相同：异常无人处理就会变成投诉）', ' (the same as a complaint: an exception left alone becomes one)'),
  internationalUnlisted: at(D.companyDefault, '（标准未单列港澳台，按国际件）', ' (the standard does not list Hong Kong, Macao and Taiwan: as international)'),
  stalled: at(D.handbook, ' §2.3.3 快递追踪：异常情况及时处理', ' §2.3.3 tracking: exceptions handled promptly'),
  departmentReply: code(' §三 回复时限「需反馈至相关部门协调解决的，1 小时内」', ' §3 reply times ("1 hour when another department must help")'),

  // Claims and compensation (docs/product.md §3, §7): what is paid, who approves, what evidence
  claimValidity: at(D.commitment, '「处理有效期，收寄之时限1年」：理赔自收寄之日起 1 年内受理', ' ("valid for 1 year from pickup"): claims accepted within 1 year of pickup'),
  yzt0128Claims: at(D.yzt0128, ' §5.3.4（自收寄之日起 1 年内受理查询与索赔）', ' §5.3.4 (queries and claims accepted for 1 year from pickup)'),
  compensationByInsurance: at(D.regulations, '第二十七条（2019 年文本）：保价快件按约定的保价规则赔偿，未保价快件依民事法律赔偿', ', Art. 27 (2019 text): insured parcels by the agreed insured-value rules, uninsured ones under civil law'),
  delayFreightWaived: at(D.gbt27917, '（赔偿：延误的，免除本次服务费用，不含保价等附加费用）', ' (compensation: a delay waives this shipment\'s service charge, not the insurance fee or other extras)'),
  delayDestroysValue: at(D.gbt27917, '（赔偿：延误导致内件直接价值丧失的，按丢失或损毁赔偿）', ' (compensation: a delay that destroys the contents\' value is compensated as a loss or damage)'),
  lossFreightRefunded: at(D.gbt27917, '（赔偿：丢失的，免除本次服务费用，不含保价等附加费用）', ' (compensation: a loss waives this shipment\'s service charge, not the insurance fee or other extras)'),
  partialInProportion: at(D.gbt27917, '（赔偿：部分损毁或内件短少，按价值丧失的比例赔偿）', ' (compensation: partial damage or short contents in proportion to the value lost)'),
  insuredValueCeiling: at(D.carrierTerms, '：保价快件最高按保价金额赔偿', ': an insured parcel is compensated up to its insured value'),
  uninsuredActualLoss: at(D.civilCode, '第八百三十二条、第八百三十三条：承运人按实际损失赔偿', ', Arts. 832–833: the carrier compensates the actual loss'),
  expressUnderCivilLaw: at(D.postalLaw, '第五十九条：快件的损失赔偿适用民事法律', ', Art. 59: compensation for express parcels follows civil law'),
  uninsuredCapSeven: at(D.carrierTerms, '：未保价快件按实际损失赔偿，最高不超过运费的 7 倍', ': an uninsured parcel is compensated for its actual loss, at most 7 times the freight'),
  monthlyCapNine: at(D.companyDefault, '（月结协议客户从优：未保价快件最高不超过运费的 9 倍）', ' (better for monthly-account customers: uninsured parcels at most 9 times the freight)'),
  notAboveClaimed: at(D.companyDefault, '（赔偿不超过客户索赔的金额）', ' (never more than the customer claimed)'),
  wrongDeliveryAsLoss: at(D.companyDefault, '（错派、冒领未交到收件人手中的，按丢失处理）', ' (a parcel delivered to the wrong person or taken by an impostor is handled as lost)'),
  approvalTiers: at(D.companyDefault, '（理赔审批权限：客服 500 元以内，主管 5,000 元以内，以上由经理审批）', ' (claim approval limits: agents up to 500 yuan, supervisors up to 5,000 yuan, managers above)'),
  supervisorDecision: at(D.afterSales, '：主管批准 / 主管不批准（ZGPZ / BPZ）', ': supervisor approved / not approved (ZGPZ / BPZ)'),
  overrideOneUp: at(D.companyDefault, '（改动系统建议的赔偿额，须由高一级审批）', ' (changing the proposed amount needs the next level up)'),
  segregationOfDuties: at(D.internalControl, '第二十九条：不相容职务分离，经办人不得审批本人经办的事项', ', Art. 29: incompatible duties kept apart, nobody approves what they handled'),
  freightCollectDeduction: code(' §三 客户对运费产生质疑：到付运费出现破损可从运费中扣款', ' §3 a customer doubts the freight: damage on a freight-collect parcel is deducted from the freight'),
  monthlyCreditNote: code(' §三 客户对运费产生质疑：月结客户待冲账', ' §3 a customer doubts the freight: a monthly account gets a credit note'),
  damageSlipSigned: code(' §三 客户对运费产生质疑：破损明细在送货单上写清，请司机签字证明', ' §3 a customer doubts the freight: damage written on the delivery slip and signed by the driver'),
  damagePhotos: code(' §三 客户对运费产生质疑：严重破损须拍照', ' §3 a customer doubts the freight: serious damage is photographed'),
  frozenSlipSigned: code(' §三 受冻问题：在送货单上备注受冻产品名称与数量，司机现场签字确认', ' §3 frozen goods: name and quantity noted on the delivery slip, signed by the driver on the spot'),
  shortSlipSigned: code(' §三 产品混淆或数量短缺：在送货单上备注出入明细，司机现场签字确认', ' §3 mixed or short contents: the difference noted on the delivery slip, signed by the driver on the spot'),
  shortWeight: at(D.companyDefault, '（内件短少以签收时称重与收寄重量比对）', ' (short contents: the weight at delivery compared with the weight at pickup)'),
  purchaseProof: at(D.companyDefault, '（价值较高的物品须提供购买凭证，以核定实际损失）', ' (valuable items need a proof of purchase to establish the actual loss)'),
  purchaseProofThreshold: at(D.companyDefault, '（超过 1,000 元须提供购买凭证）', ' (a proof of purchase above 1,000 yuan)'),
  responsibleFromScans: at(D.handbook, ' §6.3 包裹异常处理：按扫描记录查明责任网点', ' §6.3 parcel exceptions: the station at fault found from the scan trail'),

  // 客服用语规范 §三 规范常用语, by the situation headings of its table
  phraseCalls: code(' §三 接听来电', ' §3 answering a call'),
  phraseTenWords: code(' §三 多使用十字用语', ' §3 use the ten polite words'),
  phraseAddressing: code(' §二 细心（准确称呼客户）', ' §2 attentive (address the customer correctly)'),
  phraseNewCustomer: code(' §三 新客户', ' §3 a new customer'),
  phraseComplaint: code(' §三 客户抱怨或投诉', ' §3 a customer complains'),
  phraseFreightDoubt: code(' §三 客户对运费产生质疑', ' §3 a customer doubts the freight'),
  phrasePriceLeak: code(' §三 客户担心送货单价格泄露', ' §3 a customer fears their prices leak'),
  phraseQuery: code(' §三 遇到客户查询问题', ' §3 a customer asks to look something up'),
  phraseApology: code(' §三 向客户道歉时', ' §3 apologising to a customer'),
  phraseCustomerApologises: code(' §三 遇客户致歉', ' §3 a customer apologises'),
  phraseThanks: code(' §三 遇客户致谢', ' §3 a customer thanks us'),
  phrasePraise: code(' §三 遇客户表扬', ' §3 a customer praises us'),
  phraseSuggestion: code(' §三 遇客户提建议', ' §3 a customer makes a suggestion'),
  phraseUnclear: code(' §三 没听清楚或不明白客户意思时', ' §3 the customer was not understood'),
  phraseAccent: code(' §三 遇到客户地方口音重听不懂', ' §3 a strong accent'),
  phraseNoise: code(' §三 遇客户声音小、杂音大或无声电话', ' §3 a faint, noisy or silent call'),
  phraseAgainstPolicy: code(' §三 遇客户提出不符合公司规定的事时', ' §3 a request against company rules'),
  phraseChasing: code(' §三 催货的客户', ' §3 a customer chasing a delivery'),
  phraseProductDoubt: code(' §三 客户对产品质疑', ' §3 a customer doubts the product'),
  phraseHoliday: code(' §三 节假日来电', ' §3 calls on holidays'),
  phraseSupervisorBusy: code(' §三 遇客户要求，但上级无法立即接听时', ' §3 a customer asks for a supervisor who is busy'),
  phraseConfirmUnderstood: code(' §三 解答完毕后，确认客户是否明了时', ' §3 checking the customer understood the answer'),
  callbackConfirm: at(D.handbook, ' §7.2 投诉处理流程：回访确认', ' §7.2 complaint handling: callback to confirm'),

  // 客服用语规范 §五 客户服务忌语, §六 禁止行为
  forbiddenAddressing: code(' §五 1 直呼客户', ' §5.1 addressing the customer bluntly'),
  forbiddenQuestioning: code(' §五 2 反问、质问客户', ' §5.2 questioning or interrogating the customer'),
  forbiddenShirking: code(' §五 3 推诿、搪塞客户', ' §5.3 shirking or putting the customer off'),
  forbiddenImpatience: code(' §五 4 厌烦、训斥客户', ' §5.4 impatience with or scolding the customer'),
  forbiddenNo: code(' §六 4 不对客户说“不”', ' §6.4 never say a bare "no" to a customer'),
  additionShirking: at(D.companyAddition, '：客服用语规范 §五 3 推诿、搪塞客户的常见说法', ': common spoken forms of language code §5.3 (shirking)'),
  additionQuestioning: at(D.companyAddition, '：客服用语规范 §五 2 反问、质问客户的常见说法', ': common spoken forms of language code §5.2 (questioning)'),
  additionImpatience: at(D.companyAddition, '：客服用语规范 §五 4 厌烦、训斥客户的常见说法', ': common spoken forms of language code §5.4 (impatience)'),

  // 售后服务流程: 大客户服务制度 and 客户回访制度 (docs/product.md §5, §7)
  keyCustomerThreshold: at(D.afterSales, '（大客户服务制度：平均月销售额在 2000 元以上）', ' (key-customer system: average monthly sales of 2,000 yuan or more)'),
  keyCustomerWindow: at(D.companyDefault, '（平均取最近 3 个整月）', ' (the average of the last 3 whole months)'),
  accountCallbacks: at(D.afterSales, '（客户回访制度：一年内每月回访一次，一年以上每季回访一次）', ' (callback rules: monthly in the first year, quarterly after)'),

  newYearStatutory: at(D.holidayMeasures, '第二条：元旦（1月1日）', ", Art. 2: New Year's Day (1 January)"),
} as const satisfies Record<string, Bilingual>;

/** A source as stored: its citations in Chinese, joined by "；". */
export function source(...citations: Bilingual[]): string {
  return citations.map((c) => c.zh).join('；');
}

const KNOWN = new Map<string, string>(Object.values(CITATIONS).map((c) => [c.zh, c.en]));
const DOCUMENTS_LONGEST_FIRST = Object.values(SOURCE_DOCUMENTS).sort((a, b) => b.zh.length - a.zh.length);

/** 国务院办公厅关于2026年部分节假日安排的通知: the State Council's yearly holiday notice. */
const HOLIDAY_NOTICE = /^国务院办公厅关于(\d{4})年部分节假日安排的通知$/;
/** Lines a change appends (modules/time-limits, the console's SLA editor): "v3：…", "v3 新增". */
const CHANGE_LINE = /^v(\d+)：(.*)$/s;
const ADDED_LINE = /^v(\d+) 新增$/;

/** One citation in English: known, or a known document's name followed by the rest as written. */
function citationInEnglish(part: string): string {
  const known = KNOWN.get(part);
  if (known !== undefined) return known;
  const notice = HOLIDAY_NOTICE.exec(part);
  if (notice) return `State Council General Office notice on the ${notice[1]} public holiday arrangements`;
  const added = ADDED_LINE.exec(part);
  if (added) return `added in v${added[1]}`;
  const change = CHANGE_LINE.exec(part);
  if (change) return `v${change[1]}: ${change[2]}`;
  const doc = DOCUMENTS_LONGEST_FIRST.find((d) => part.startsWith(d.zh));
  if (doc) return `${doc.en}${part.slice(doc.zh.length)}`;
  return part;
}

/** A stored source in the reader's language; an admin's own words stay as they were typed. */
export function sourceText(stored: string, locale: SourceLocale): string {
  if (locale === 'zh-CN') return stored;
  return stored
    .split('；')
    .map((part) => citationInEnglish(part.trim()))
    .join('; ');
}

/**
 * Version notes the system writes (shown as 修改说明). Version 1 from the defaults; and the
 * version migration 2026-12-07T0600 added when only the wording of the sources changed (the
 * migration holds the same text as a literal: migrations do not import domain code).
 */
export const SYSTEM_NOTES = {
  defaults: { zh: '系统默认值（依据公司服务承诺、GB/T 27917、YZ/T 0128-2007 与《快递暂行条例》）', en: 'System defaults (per the company service commitments, GB/T 27917, YZ/T 0128-2007 and the Interim Regulations on Express Delivery)' },
  sourcesReworded: { zh: '只改了依据的写法：改为引用真实出处，数值未变', en: 'Only the wording of the sources changed: they now cite the real documents; no number changed' },
  claimsDefaults: {
    zh: '系统默认值（依据公司服务承诺、公司快递服务协议、YZ/T 0128-2007 与《中华人民共和国邮政法》，每条规则注明出处）',
    en: 'System defaults (per the company service commitments, the company express service terms, YZ/T 0128-2007 and the Postal Law of the PRC; each rule names its source)',
  },
} as const satisfies Record<string, Bilingual>;

/** Notes older databases stored for version 1 of the time-limit policy. */
export const OLD_DEFAULT_NOTES: readonly string[] = ['docs/product.md §7 defaults', '系统默认（依据 docs/product.md §7）'];
/** The note older databases stored for version 1 of the claims policy. */
export const OLD_CLAIMS_DEFAULT_NOTES: readonly string[] = ['Defaults of docs/product.md §3 and §7'];

/** A version's note in the reader's language when the system wrote it; a person's note as written. */
export function systemNoteText(note: string, locale: SourceLocale): string | undefined {
  const inLocale = (text: Bilingual) => (locale === 'zh-CN' ? text.zh : text.en);
  if (note === SYSTEM_NOTES.defaults.zh || OLD_DEFAULT_NOTES.includes(note)) return inLocale(SYSTEM_NOTES.defaults);
  if (note === SYSTEM_NOTES.sourcesReworded.zh) return inLocale(SYSTEM_NOTES.sourcesReworded);
  if (note === SYSTEM_NOTES.claimsDefaults.zh || OLD_CLAIMS_DEFAULT_NOTES.includes(note)) return inLocale(SYSTEM_NOTES.claimsDefaults);
  return undefined;
}

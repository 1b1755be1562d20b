/**
 * Ticket texts for bench/tickets.ts: subjects and sentences an express carrier's service desk
 * writes, grouped by category, and the recipe that turns them into a few thousand ticket
 * "templates" (kind, category, subject, description). Word frequencies follow from the weights:
 * 破损 and 延误 are common, 转运中心 medium, 冷链 rare, 挤压 appears only inside one longer sentence,
 * and MARKER_SENTENCE (with 发霉) appears in no template — the benchmark gives it to one ticket.
 */

export type BenchKind = 'query' | 'complaint' | 'claim' | 'suggestion' | 'service_request' | 'exception';

interface Topic {
  subjects: string[];
  /** [sentence, weight] */
  sentences: Array<[string, number]>;
}

/** Keys are the category codes of the reference data (modules/reference/seed.ts). */
const TOPICS: Record<string, Topic> = {
  where_is_it: {
    subjects: ['查询快件物流进度', '催件:快件几天没有动静', '物流信息一直不更新', '包裹显示已发出但查不到轨迹', '快件什么时候能到', '帮忙查一下包裹到哪里了'],
    sentences: [
      ['客户来电询问快件目前的位置。', 3],
      ['物流信息显示快件一直停在转运中心，已经两天没有更新。', 2],
      ['客户说寄给家人的生日礼物很着急，希望尽快派送。', 1],
      ['快件显示已到达杭州转运中心，之后没有任何记录。', 1],
      ['客户要求提供快件当前所在网点的联系电话。', 1],
      ['查询后发现快件在分拨中心等待装车。', 1],
      ['客户表示商家已经发货三天，但是物流信息只有揽收记录。', 2],
      ['客户多次致电催促，情绪比较着急。', 1],
    ],
  },
  delay: {
    subjects: ['快件延误未按时送达', '承诺次日达但延误了三天', '物流延误影响使用', '快件延误，客户要求说明原因', '加急件没有按时送到'],
    sentences: [
      ['快件比承诺时效延误了两天还没有送到。', 3],
      ['客户反映快件严重延误，要求给出明确的送达时间。', 2],
      ['因天气原因部分线路延误，客户表示理解但希望尽快送达。', 1],
      ['物流信息显示在上海转运中心滞留，导致延误。', 1],
      ['客户称合同文件没能按时交付，损失较大。', 1],
      ['客户要求退还加急服务费。', 1],
      ['航班取消造成延误，已向客户解释。', 1],
    ],
  },
  damage: {
    subjects: ['快件破损', '收到的包裹外包装破损', '物品破损要求赔偿', '易碎品运输途中破损', '签收后发现内件损坏'],
    sentences: [
      ['客户收到快件时发现外包装破损严重，里面的杯子碎了。', 3],
      ['快件在转运中心破损了，内件有明显摔痕。', 2],
      ['分拣过程中被挤压变形，纸箱凹陷，电饭煲外壳开裂。', 1],
      ['客户签收时没有当面验货，回家后才发现手机屏幕碎裂。', 1],
      ['外箱有水渍，里面的书本受潮。', 1],
      ['冷链生鲜到货时已经化冻，海鲜有异味。', 0.03],
      ['客户提供了开箱视频和照片。', 1],
      ['包装只用了一层塑料袋，玻璃制品摔碎了。', 1],
    ],
  },
  loss: {
    subjects: ['快件丢失', '包裹少件', '签收后发现内件缺少', '显示已签收但本人没有收到'],
    sentences: [
      ['物流显示已签收，但客户本人没有收到快件。', 3],
      ['客户称一共寄了三件，只收到两件。', 2],
      ['快件在派送网点找不到了，网点表示正在排查。', 1],
      ['打开包裹后发现少了一双运动鞋。', 1],
      ['快递柜显示已投递，但柜子里是空的。', 1],
    ],
  },
  delivery_service: {
    subjects: ['快递员未送货上门', '派件员态度差', '未经同意放驿站', '虚假签收投诉'],
    sentences: [
      ['快递员未经同意把快件放在驿站，也没有电话通知。', 3],
      ['客户投诉快递员没有送货上门，要求自己下楼取件。', 2],
      ['派件员电话里态度恶劣，挂断了客户电话。', 1],
      ['系统显示已签收，但客户一直在家没有人敲门。', 1],
      ['快递员要求客户到小区门口自取。', 1],
    ],
  },
  pickup_service: {
    subjects: ['预约上门取件没人来', '收件员迟到', '揽收后未及时发出'],
    sentences: [
      ['客户预约了上午十点上门取件，等到下午也没有人来。', 2],
      ['收件员到了以后说超重，要加收费用。', 1],
      ['揽收后快件在营业部放了两天才发出。', 1],
    ],
  },
  freight_dispute: {
    subjects: ['运费多收', '到付运费争议', '计费重量有误'],
    sentences: [
      ['到付运费多收了十二元，客户要求退还差价。', 2],
      ['客户认为计费重量与实际重量不符。', 2],
      ['保价费没有提前说明，客户不认可。', 1],
    ],
  },
  claim_progress: {
    subjects: ['理赔进度查询', '理赔款还没有到账', '申请理赔需要什么材料'],
    sentences: [
      ['客户提交理赔申请已经五天，询问处理进度。', 2],
      ['理赔金额与客户的期望相差较大。', 1],
      ['客户询问理赔需要提供哪些凭证。', 1],
      ['客户已上传购物发票和破损照片。', 1],
    ],
  },
  address_change: {
    subjects: ['修改收件地址', '申请改派', '收件人电话填错'],
    sentences: [
      ['客户下单时地址写错了，需要改到浦东新区张江路。', 2],
      ['收件人临时出差，申请改派到公司地址。', 1],
      ['寄件人填错了收件人电话，快递员联系不上。', 1],
    ],
  },
  pickup_request: {
    subjects: ['预约上门取件', '大件上门取件', '企业客户批量寄件'],
    sentences: [
      ['客户需要明天上午上门取件，物品是两箱书。', 2],
      ['公司有二十个包裹需要寄出，请安排收件员。', 1],
    ],
  },
  packaging: {
    subjects: ['包装不牢固', '要求提供加固包装'],
    sentences: [
      ['客户建议易碎品使用泡沫箱包装。', 1],
      ['包装过于简单，运输途中容易破损。', 1],
    ],
  },
  suggestion: {
    subjects: ['关于派送时间的建议', '建议增加夜间派送', '小程序使用建议'],
    sentences: [
      ['希望可以增加周末派送服务。', 1],
      ['建议小程序能够显示快递员的实时位置。', 1],
      ['建议在转运中心增加人手，减少高峰期积压。', 1],
    ],
  },
};

/** What the exception job writes (modules/tickets/jobs.ts), without the waybill number. */
const EXCEPTION_TEXTS: Array<[string, string, string, number]> = [
  ['delay', '快件延误', '系统发现异常:快件延误(上海转运中心)', 4],
  ['where_is_it', '快件停滞无更新', '系统发现异常:快件停滞无更新(杭州转运中心)', 2],
  ['damage', '快件破损', '系统发现异常:快件破损(苏州转运中心)', 1.5],
  ['loss', '彻底延误(按丢失处理)', '系统发现异常:彻底延误(按丢失处理)', 0.5],
  ['delivery_service', '收件人拒收', '系统发现异常:收件人拒收(杭州西湖营业部)', 1],
  ['delivery_service', '无法派送', '系统发现异常:无法派送(上海浦东营业部)', 1],
];

const GENERAL: Array<[string, number]> = [
  ['客户希望今天之内给予答复。', 2],
  ['已安抚客户情绪，承诺尽快跟进。', 2],
  ['客户是老客户，每个月都有大量寄件。', 1],
  ['请相关网点尽快核实并回复。', 2],
  ['客户留了备用联系电话。', 1],
];

const KIND_WEIGHTS: Array<[BenchKind, number]> = [
  ['query', 45],
  ['complaint', 25],
  ['claim', 8],
  ['service_request', 12],
  ['suggestion', 2],
  ['exception', 8],
];

const KIND_TOPICS: Record<Exclude<BenchKind, 'exception'>, Array<[string, number]>> = {
  query: [['where_is_it', 50], ['delay', 15], ['address_change', 15], ['freight_dispute', 10], ['claim_progress', 5], ['pickup_request', 5]],
  complaint: [['delay', 25], ['damage', 20], ['delivery_service', 25], ['pickup_service', 10], ['loss', 10], ['freight_dispute', 10]],
  claim: [['damage', 45], ['loss', 35], ['claim_progress', 20]],
  service_request: [['pickup_request', 45], ['address_change', 55]],
  suggestion: [['suggestion', 70], ['packaging', 30]],
};

/** In no template: the benchmark puts it on one ticket and searches a word inside it (发霉). */
export const MARKER_SENTENCE = '客户反映快件在武汉转运中心被雨水浸泡，纸箱已经发霉，要求赔偿。';
export const MARKER_WORD = '发霉';

export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁'];
export const GIVEN_NAMES = [
  '伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞',
  '平', '刚', '桂英', '建华', '文', '华', '红', '玉兰', '建国', '志强', '海燕', '晓东', '婷婷', '丹', '宇', '浩', '欣怡', '子涵', '俊杰', '雪',
];

/** A small deterministic PRNG (mulberry32), so every run builds the same texts. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: Array<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = random() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

export interface TicketTemplate {
  kind: BenchKind;
  category: string;
  subject: string;
  description: string;
}

/** `count` templates; a ticket picks one uniformly, so a word's share of tickets is its share of templates. */
export function buildTemplates(count: number, seed = 20261122): TicketTemplate[] {
  const random = prng(seed);
  const templates: TicketTemplate[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(random, KIND_WEIGHTS);
    if (kind === 'exception') {
      const [category, subject, description] = pick(random, EXCEPTION_TEXTS.map(([c, s, d, w]) => [[c, s, d], w] as [string[], number]));
      templates.push({ kind, category: category!, subject: subject!, description: description! });
      continue;
    }
    const category = pick(random, KIND_TOPICS[kind]);
    const topic = TOPICS[category]!;
    const subject = topic.subjects[Math.floor(random() * topic.subjects.length)]!;
    const sentences: string[] = [];
    const n = 1 + Math.floor(random() * 3);
    for (let k = 0; k < n; k++) {
      const s = pick(random, topic.sentences);
      if (!sentences.includes(s)) sentences.push(s);
    }
    if (random() < 0.3) sentences.push(pick(random, GENERAL));
    templates.push({ kind, category, subject, description: sentences.join('') });
  }
  return templates;
}

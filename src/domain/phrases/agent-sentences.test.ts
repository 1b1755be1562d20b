/**
 * The guard against what agents really type: polite sentences a service centre sends every day
 * must pass, and rude ones — the forbidden phrases of the company's phrase code (服务忌语) and the
 * ways they are commonly said — must be caught. A false block teaches agents to ignore the guard;
 * a miss lets a rude sentence reach a customer. Both counts are printed with the run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FORBIDDEN_PHRASES, STANDARD_PHRASES } from './catalog.js';
import { findForbiddenPhrases } from './guard.js';

const POLITE: readonly string[] = [
  // confirming and informing
  '对，没错，您的快件已经签收了',
  '对的，没错，签收人是您的同事王先生。',
  '我不清楚的地方会再核实，稍后给您回电。',
  '我不知道的情况我会马上向网点核实。',
  '您好，请问有什么可以帮您？',
  '请问还有什么需要帮您的吗？',
  '请问您的运单号是多少？',
  '请问您贵姓？',
  '李女士您好，您的快件目前在杭州转运中心。',
  '您的快件预计明天下午送达。',
  '快件已到达驿站，请凭取件码领取。',
  '快件因天气原因有延误，我们正在加急处理。',
  '这不可能是您的责任，我们会全额处理。',
  '您说得对，没错的话明天就能到。',
  '我查不到您说的单号，麻烦您再核对一下。',
  '我这边查不到物流更新，已经联系网点核实。',
  '领导不在线时，值班主管也可以为您审批。',
  '宠物喂养用品可以正常寄递。',
  '网点已经下班了，明天上午派送员会联系您。',
  '派送员明天再打电话给您确认时间。',
  '如果您着急，我可以帮您申请优先派送。',
  '不好意思让您久等了。',
  '非常抱歉给您带来不便。',
  '感谢您的耐心等待。',
  '请您稍等，我帮您查询一下。',
  '我已经为您登记，处理结果会短信通知您。',
  '您反映的问题我已经记录，一小时内给您答复。',
  '我们会在七天内处理完毕并告知您结果。',
  '您的投诉已经转给运营部，他们会在今天内回复。',
  '请您拍一张外包装破损的照片上传，方便我们理赔。',
  '保价快件按保价金额赔偿，请您放心。',
  '没有保价的快件按实际损失赔偿。',
  '您的理赔申请已受理，预计七个工作日内到账。',
  '不好意思，这个要求超出了我们的服务范围，我帮您问问有没有其他办法。',
  '按照规定，违禁品不能寄递，请您理解。',
  '我明白您的心情，我们一定尽快处理。',
  '对于给您造成的损失，我们深表歉意。',
  '请问您方便接听电话的时间是什么时候？',
  '我们会在上午九点到十二点之间给您回访。',
  '您看这样处理可以吗？',
  '如果还有问题，欢迎随时联系我们。',
  '祝您节日快乐！',
  '谢谢您的表扬，我们会继续努力。',
  '您的建议很好，我已经转达给相关部门。',
  '您的快件已被退回，原因是收件人拒收。',
  '我们联系不上收件人，请问有其他联系方式吗？',
  '不行的话我再帮您联系网点负责人。',
  '这个问题不归网点处理，我已经转给理赔部门跟进。',
  '我来负责跟进您的问题，直到解决为止。',
  '快件在运输途中受潮，我们会按规定赔偿。',
  '您好，您的电话有点听不清，麻烦您再说一遍好吗？',
  '抱歉，刚才没有听清楚，请您再说一遍。',
  '您的快件需要您本人签收，请携带身份证。',
  '收件地址已经按您的要求修改好了。',
  '改派申请已提交，明天由新的派送员配送。',
  '关于您说的情况，我马上核实。',
  '您放心，我们不会泄露您的个人信息。',
  '系统显示快件已签收，如果您没有收到，我们立即为您调查。',
  '好的，没问题，我这就帮您办理。',
  '什么时候方便给您送过去呢？',
  '怎样寄件最划算，我给您介绍一下。',
  '请问您是寄件人还是收件人？',
  '今天的快件会在下午六点前送达。',
  '我们的客服热线全天二十四小时服务。',
  '对不起，我们的失误给您添麻烦了。',
  '我不清楚的细节已经请网点主管补充说明。',
];

const RUDE: readonly string[] = [
  // 直呼客户
  '喂，你好',
  '喂喂喂',
  '喂喂，听得到吗',
  '嘿，说话啊',
  // 反问、质问
  '什么？',
  '干嘛？',
  '你怎么这样',
  '你有完没完',
  '我怎么知道',
  '谁告诉你的？',
  '你到底想怎么样？',
  '你问我，我问谁？',
  '你有没有搞错啊',
  '你到底知不知道单号',
  '请你听清楚好吗',
  '刚才跟你说过了，怎么还问',
  '你到底要不要查',
  '你要不要听我说',
  '我已经跟你说了很多遍，你还不明白吗？',
  '我不是跟你说得很清楚了吗',
  '你听不懂吗',
  '你是听不懂吗？',
  '说了多少遍了，是明天到',
  '你自己不会看吗，短信上都写着',
  '单号在面单上，不会自己查吗',
  // 推诿、搪塞
  '没这回事',
  '你自己先查清楚再打来',
  '我不清楚',
  '这个我不清楚。',
  '我不知道，你问网点吧',
  '我没法查',
  '我也没办法',
  '我也没办法的。',
  '我查不到，你拨网点电话去查',
  '这不关我的事',
  '这不关我们的事',
  '这不是我的错',
  '领导不在',
  '领导没空',
  '这不归我们管，你自己去问驿站',
  '跟我没关系',
  '找别人去',
  '我管不了',
  // 厌烦、训斥
  '不可能！',
  '对，没错！',
  '对，没错。',
  '不行就是不行',
  '我就这种态度',
  '有什么了不起',
  '不想用就别用',
  '大声点，我听不清',
  '你小声一点行不行',
  '你怎么这么啰嗦',
  '那你可以投诉我啊',
  '你要投诉就投诉吧',
  '急什么急',
  '急什么，明天就到了',
  '催什么催',
  '烦不烦啊',
  '下班了，明天再打',
  '我要下班了，你明天再问',
  '爱寄不寄',
  '随便你！',
  '别烦我',
  // 说"不"
  '不！',
  '不行。',
];

const guard = (text: string) => findForbiddenPhrases(text, FORBIDDEN_PHRASES);
const falseBlocks: string[] = [];
const misses: string[] = [];

describe('the phrase guard on real agent sentences', () => {
  it('the table is large enough to mean something', () => {
    expect(POLITE.length + RUDE.length).toBeGreaterThanOrEqual(100);
  });

  it.each(POLITE)('passes: %s', (text) => {
    const hits = guard(text).map((h) => text.slice(h.start, h.end));
    if (hits.length > 0) falseBlocks.push(text);
    expect(hits).toEqual([]);
  });

  it.each(STANDARD_PHRASES.map((p) => [p.key, p.text] as const))('passes the standard phrase %s', (_key, text) => {
    const hits = guard(text).map((h) => text.slice(h.start, h.end));
    if (hits.length > 0) falseBlocks.push(text);
    expect(hits).toEqual([]);
  });

  it.each(RUDE)('catches: %s', (text) => {
    const caught = guard(text).length > 0;
    if (!caught) misses.push(text);
    expect(caught).toBe(true);
  });

  afterAll(() => {
    const polite = POLITE.length + STANDARD_PHRASES.length;
    console.log(
      `phrase guard: ${polite} polite sentences (${STANDARD_PHRASES.length} of them standard phrases), ` +
        `${falseBlocks.length} blocked by mistake; ${RUDE.length} rude sentences, ${misses.length} missed`,
    );
  });
});

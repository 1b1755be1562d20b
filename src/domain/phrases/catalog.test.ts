import { describe, expect, it } from 'vitest';
import {
  FORBIDDEN_CATEGORIES,
  FORBIDDEN_PHRASES,
  PHRASE_SITUATIONS,
  STANDARD_PHRASES,
} from './catalog.js';
import { findForbiddenPhrases, normalizePhrase } from './guard.js';
import { renderTemplate, validateTemplate } from './template.js';

const sample = {
  customerName: '张先生',
  waybillNo: 'SF1234567890',
  date: '3月5日18:00',
  agentName: '小李',
  minutes: '5',
};

describe('STANDARD_PHRASES', () => {
  it('has unique keys of the form <situation>.<n>', () => {
    const keys = STANDARD_PHRASES.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const phrase of STANDARD_PHRASES) expect(phrase.key).toMatch(new RegExp(`^${phrase.situation}\\.\\d+$`));
  });

  it.each(PHRASE_SITUATIONS.map((situation) => ({ situation })))('covers $situation with at least 2 phrases', ({ situation }) => {
    expect(STANDARD_PHRASES.filter((p) => p.situation === situation).length).toBeGreaterThanOrEqual(2);
  });

  it.each(STANDARD_PHRASES)('$key is a valid template with a title and a source', (phrase) => {
    expect(validateTemplate(phrase.text)).toEqual([]);
    expect(phrase.title.trim()).not.toBe('');
    expect(phrase.source).toMatch(/^(客服用语规范|客服手册)/);
  });

  it.each(STANDARD_PHRASES)('$key contains no forbidden phrase, raw or rendered', (phrase) => {
    expect(findForbiddenPhrases(phrase.text, FORBIDDEN_PHRASES)).toEqual([]);
    const rendered = renderTemplate(phrase.text, sample);
    expect(rendered.missing).toEqual([]);
    expect(findForbiddenPhrases(rendered.text, FORBIDDEN_PHRASES)).toEqual([]);
  });

  it.each([
    { placeholder: '{agentName}', situation: 'greeting' },
    { placeholder: '{minutes}', situation: 'waiting' },
    { placeholder: '{waybillNo}', situation: 'apology' },
    { placeholder: '{customerName}', situation: 'holiday' },
    { placeholder: '{date}', situation: 'callback' },
  ])('uses $placeholder in a $situation phrase', ({ placeholder, situation }) => {
    expect(STANDARD_PHRASES.some((p) => p.situation === situation && p.text.includes(placeholder))).toBe(true);
  });
});

describe('FORBIDDEN_PHRASES', () => {
  it.each(FORBIDDEN_CATEGORIES.map((category) => ({ category })))('has entries in $category', ({ category }) => {
    expect(FORBIDDEN_PHRASES.some((p) => p.category === category)).toBe(true);
  });

  it('has no empty, duplicate or punctuation-terminated entries', () => {
    const normal = FORBIDDEN_PHRASES.map((p) => normalizePhrase(p.phrase));
    expect(normal).not.toContain('');
    expect(new Set(normal).size).toBe(normal.length);
    for (const { phrase } of FORBIDDEN_PHRASES) expect(phrase).not.toMatch(/[\p{P}\s]$/u);
  });

  it('leaves out the bare 你 of the seed (it would fire on every sentence)', () => {
    expect(FORBIDDEN_PHRASES.map((p) => normalizePhrase(p.phrase))).not.toContain('你');
  });

  it.each([
    { case: 'split at ！', whole: '我不清楚！我不知道！', parts: ['我不清楚', '我不知道'] },
    { case: 'split at ？', whole: '你不是要查吗？你到底要不要查？', parts: ['你不是要查吗', '你到底要不要查'] },
    { case: 'kept whole across a comma', whole: '你问我，我问谁？', parts: ['你问我，我问谁'] },
    { case: 'phone number placeholder split', whole: '我查不到，你拨***电话去查！', parts: ['我查不到', '电话去查'] },
  ])('seed sentence $case', ({ parts }) => {
    const phrases = FORBIDDEN_PHRASES.map((p) => p.phrase);
    for (const part of parts) expect(phrases).toContain(part);
  });

  // Each entry, as an agent might type it, must be found exactly where it stands.
  const wrappers = [
    (p: string) => `${p}！`,
    (p: string) => `关于您的快件，${p}。`,
    (p: string) => `好的\n${p}?\n请稍后再联系`,
  ];
  it.each(FORBIDDEN_PHRASES.flatMap((entry) => wrappers.map((wrap) => ({ ...entry, text: wrap(entry.phrase) }))))(
    '$category: finds $phrase in $text',
    ({ phrase, category, text }) => {
      const start = text.indexOf(phrase);
      expect(findForbiddenPhrases(text, FORBIDDEN_PHRASES)).toContainEqual({
        phrase,
        category,
        start,
        end: start + phrase.length,
      });
    },
  );

  it.each([
    { text: '你到底想怎么样?', phrase: '你到底想怎么样' },
    { text: '刚才跟你说过了 怎么还问', phrase: '刚才跟你说过了，怎么还问' },
    { text: '我查不到,你拨95338电话去查!', phrase: '我查不到' },
    { text: '我查不到,你拨95338电话去查!', phrase: '电话去查' },
    { text: '领导不在！明天再说吧', phrase: '领导不在' },
    { text: '不，这个我们做不了', phrase: '不' },
    { text: '喂，张先生在吗', phrase: '喂' },
    { text: '你的电话怎么回事？一会儿大，一会儿小的', phrase: '你的电话怎么回事，一会儿大，一会儿小的' },
  ])('finds $phrase in a realistic sentence: $text', ({ text, phrase }) => {
    expect(findForbiddenPhrases(text, FORBIDDEN_PHRASES).map((h) => h.phrase)).toContain(phrase);
  });
});

/**
 * The false-positive guard: ordinary, polite replies an express agent writes every day. Many of
 * them contain a forbidden phrase's characters in an innocent position (什么, 怎样, 不可能, 喂养,
 * 我知道, 不清楚, 查不到, 领导不在线, 电话, 没错…). None may be flagged.
 */
const INNOCENT_REPLIES = [
  '您好，您的快件SF1234567890已到达上海转运中心，预计明天送达。',
  '请问还有什么可以帮您？',
  '我们马上为您查询。',
  '请问还有什么需要帮您的吗？',
  '您好，我是客服小李，请问有什么能帮您？',
  '这不可能是您的责任，我们会按规定为您处理。',
  '您的快件已经派送成功，感谢您的耐心等待。',
  '很抱歉给您带来不便，我们已经联系派送员尽快为您重新派送。',
  '好的，请您稍等，我们正在为您核实。',
  '您反馈的问题我们已经记录，会在24小时内给您回复。',
  '请您提供一下收件人手机号码的后四位，方便我们核实身份。',
  '您好，快件因地址不详暂时无法派送，请问方便提供详细地址吗？',
  '不客气，这是我们应该做的。',
  '如果您对处理结果不满意，可以随时联系我们，我们会继续跟进。',
  '快件在运输途中出现破损，请您拍照留存，我们为您登记理赔。',
  '关于怎样申请理赔，我们已将办理流程发送到您的邮箱。',
  '请问您什么时间方便收件？',
  '不用担心，您的快件目前状态正常。',
  '为您查询到，快件已于今天上午由前台代收。',
  '非常理解您的心情，我们一定尽快给您一个答复。',
  '我们已经催促网点优先派送，请您保持电话畅通。',
  '这个问题需要和网点确认一下，确认后第一时间回复您。',
  '没关系，请您不要介意。',
  '根据您的描述，这件快递可能在中转时被误分拣了，我们正在追回。',
  '对不起，让您久等了，您的快件已经找到。',
  '运费已经按照实际重量重新计算，多收的部分会原路退回。',
  '您说得对，这次确实是我们的失误，非常抱歉。',
  '好的，没问题，我们这就为您安排上门取件。',
  '宠物喂养用品可以正常寄递，请注意做好包装。',
  '请问您需要寄什么物品？我们好为您推荐合适的包装。',
  '不好意思，刚才的信息有误，以下是正确的运单号。',
  '如果您不方便收件，我们可以为您暂存三天。',
  '我知道您很着急，我们已经加急处理。',
  '如果您还有不清楚的地方，欢迎随时咨询。',
  '系统暂时查不到该运单的轨迹，我们已提交网点核查。',
  '您也可以拨打客服电话95338查询物流进度。',
  '值班主管会在领导不在线时处理您的工单。',
  '核对无误，没错，收件地址就是您提供的这个。',
  '派送员反馈电话无人接听，请问您今天什么时候方便？',
  '您的投诉我们已经受理，处理进度会通过短信通知您。',
  '为了您的账户安全，请不要向他人透露验证码。',
  '系统显示已签收，请问是否由家人代收了呢？',
  '谢谢您的理解与支持，再见！',
  '您好！\n您的快件 SF 1234 5678 90 已在派送中。\n派送员：王师傅，电话 138-0000-0000。',
  '这是我们的责任，不是您的错，我们会全额赔付。',
];

describe('innocent replies', () => {
  it('has a realistic table of at least 25 replies', () => {
    expect(INNOCENT_REPLIES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(INNOCENT_REPLIES)('no hit: %s', (reply) => {
    expect(findForbiddenPhrases(reply, FORBIDDEN_PHRASES)).toEqual([]);
  });
});

/**
 * The default phrase lists agents work with (docs/product.md §2 "Replies"): standard phrases by
 * situation (规范用语) and forbidden phrases (服务忌语). Both become database rows an admin edits;
 * this file is only the content a fresh installation starts from.
 *
 * Source: 客服用语规范 (《物流部客户服务规范》, a logistics department's code). Its §三 table is
 * jumbled in the copy we have; the phrases below are reconstructed situation by situation and
 * adapted for an express carrier's written replies (chat, ticket, e-mail): "请来个电话 / 先不要挂机" become written forms,
 * paint-specific content (生产计划, 运费补贴, 受冻…) is dropped, "X总 / XX" become placeholders.
 */

import { CITATIONS, source } from '../sources.js';

export const PHRASE_SITUATIONS = [
  'greeting',
  'new_customer',
  'complaint',
  'waiting',
  'apology',
  'thanks',
  'praise',
  'unclear',
  'against_policy',
  'suggestion',
  'holiday',
  'callback',
] as const;
export type PhraseSituation = (typeof PHRASE_SITUATIONS)[number];

export interface StandardPhrase {
  /** stable, `<situation>.<n>`, e.g. 'complaint.1' */
  key: string;
  situation: PhraseSituation;
  /** short zh label shown in the phrase picker */
  title: string;
  /** zh-CN with placeholders (template.ts PLACEHOLDERS) */
  text: string;
  source: string;
}

const C = CITATIONS;

export const STANDARD_PHRASES: StandardPhrase[] = [
  // 问候 — 客服用语规范: "您好,物流部,我是XX,请问有什么能帮您?"; 十字用语: 请、您好、谢谢、对不起、再见
  {
    key: 'greeting.1',
    situation: 'greeting',
    title: '首次回复',
    text: '您好，我是{agentName}，请问有什么能帮您？',
    source: source(C.phraseCalls),
  },
  {
    key: 'greeting.2',
    situation: 'greeting',
    title: '称呼老客户',
    text: '{customerName}您好，我是客服{agentName}，很高兴为您服务。',
    source: source(C.phraseAddressing, C.phraseTenWords),
  },
  {
    key: 'greeting.3',
    situation: 'greeting',
    title: '结束语',
    text: '感谢您的咨询，祝您生活愉快，再见！',
    source: source(C.phraseTenWords),
  },

  // 新客户
  {
    key: 'new_customer.1',
    situation: 'new_customer',
    title: '欢迎新客户',
    text: '感谢您成为我们的客户，我们将竭诚为您提供优质而高效的服务。',
    source: source(C.phraseNewCustomer),
  },
  {
    key: 'new_customer.2',
    situation: 'new_customer',
    title: '结识新客户',
    text: '很高兴认识您，我们又多了一位朋友，以后有需要我们协助的，请随时联系我们。',
    source: source(C.phraseNewCustomer),
  },

  // 客户抱怨或投诉
  {
    key: 'complaint.1',
    situation: 'complaint',
    title: '了解具体情况',
    text: '非常感谢您给我们提出的宝贵建议，为了不断提升我们的服务质量以满足广大客户需求，请您告诉我当时的具体情况好吗？这样也方便我们改进。',
    source: source(C.phraseComplaint),
  },
  {
    key: 'complaint.2',
    situation: 'complaint',
    title: '安抚并约定答复',
    text: '您的心情我非常理解，我们会立即核实运单{waybillNo}的情况，并在{date}前给您答复。',
    source: source(C.phraseComplaint),
  },
  {
    key: 'complaint.3',
    situation: 'complaint',
    title: '维护客户权益',
    text: '请您放心，对于客户的权益我们是非常注重的，我们会一直跟进，直到问题解决为止。',
    source: source(C.phraseFreightDoubt),
  },
  {
    key: 'complaint.4',
    situation: 'complaint',
    title: '担心信息泄露',
    text: '您的担忧我非常理解，今后我们将按您的要求做好运单信息的保密工作。',
    source: source(C.phrasePriceLeak),
  },

  // 查询需要等待 — 回复时限: 可直接处理 10 分钟内, 需转部门 1 小时内
  {
    key: 'waiting.1',
    situation: 'waiting',
    title: '征询是否等待',
    text: '对不起，由于查询需要{minutes}分钟的时间，您是愿意等待，还是我们查完后再给您回复呢？',
    source: source(C.phraseQuery),
  },
  {
    key: 'waiting.2',
    situation: 'waiting',
    title: '客户同意等待',
    text: '好的，请您稍等，我们正在为您查询。',
    source: source(C.phraseQuery),
  },
  {
    key: 'waiting.3',
    situation: 'waiting',
    title: '客户不愿等待',
    text: '好的，请您留下联系电话，我们查询后将尽快给您回复。',
    source: source(C.phraseQuery),
  },

  // 道歉 — the agent apologises, or the customer does (遇客户致歉)
  {
    key: 'apology.1',
    situation: 'apology',
    title: '向客户道歉',
    text: '对不起，给您带来的不便，敬请谅解！',
    source: source(C.phraseApology),
  },
  {
    key: 'apology.2',
    situation: 'apology',
    title: '快件延误道歉',
    text: '非常抱歉，您的快件{waybillNo}未能按时送达，给您带来的不便，敬请谅解！我们会尽快为您跟进处理。',
    source: source(C.phraseApology),
  },
  {
    key: 'apology.3',
    situation: 'apology',
    title: '客户致歉时',
    text: '没关系，请您不要介意。',
    source: source(C.phraseCustomerApologises),
  },

  // 致谢
  {
    key: 'thanks.1',
    situation: 'thanks',
    title: '客户致谢时',
    text: '不用谢，这是我们应该做的。',
    source: source(C.phraseThanks),
  },
  {
    key: 'thanks.2',
    situation: 'thanks',
    title: '感谢客户支持',
    text: '不客气，很高兴能帮到您，谢谢您的支持。',
    source: source(C.phraseThanks, C.phraseTenWords),
  },

  // 表扬
  {
    key: 'praise.1',
    situation: 'praise',
    title: '客户表扬时',
    text: '{customerName}，谢谢您对我们工作的认可，再次感谢您的支持！',
    source: source(C.phrasePraise),
  },
  {
    key: 'praise.2',
    situation: 'praise',
    title: '表扬后承诺',
    text: '谢谢您的鼓励，我们会继续努力，愿我们的服务让您满意。',
    source: source(C.phrasePraise, C.phraseSuggestion),
  },

  // 没看明白客户的意思 (客服用语规范: 没听清楚, 口音重, 声音小/杂音大 → written: unclear message, voice, photo)
  {
    key: 'unclear.1',
    situation: 'unclear',
    title: '请客户再描述',
    text: '很抱歉，我没有完全理解您的意思，麻烦您再描述一遍，可以吗？',
    source: source(C.phraseUnclear),
  },
  {
    key: 'unclear.2',
    situation: 'unclear',
    title: '复述确认',
    text: '为确保理解无误，我把您反馈的问题复述一遍，请您看看是否正确。',
    source: source(C.phraseAccent),
  },
  {
    key: 'unclear.3',
    situation: 'unclear',
    title: '语音或图片不清',
    text: '对不起，您发来的语音或图片不够清晰，请您用文字再描述一下好吗？',
    source: source(C.phraseNoise),
  },

  // 客户提出不符合公司规定的要求 — §六4: never a bare "不"; explain, record, pass it on
  {
    key: 'against_policy.1',
    situation: 'against_policy',
    title: '不符合公司规定',
    text: '很抱歉，这不符合公司的规定，恐怕我不能帮助您，我会将您的要求及时向公司反馈。',
    source: source(C.phraseAgainstPolicy),
  },
  {
    key: 'against_policy.2',
    situation: 'against_policy',
    title: '说明规则',
    text: '您的心情我非常理解，但是为了让每位客户的快件都能及时处理，我们还是需要按照先后顺序来安排，希望您能理解。',
    source: source(C.phraseChasing),
  },

  // 客户提建议
  {
    key: 'suggestion.1',
    situation: 'suggestion',
    title: '感谢建议',
    text: '感谢您的宝贵意见，我们会不断地改进，愿我们的服务让您满意。',
    source: source(C.phraseSuggestion),
  },
  {
    key: 'suggestion.2',
    situation: 'suggestion',
    title: '记录并转告',
    text: '欢迎您提出改进建议，我们会将您的意见记录下来并转告相关部门。',
    source: source(C.phraseProductDoubt),
  },

  // 节假日
  {
    key: 'holiday.1',
    situation: 'holiday',
    title: '春节拜年',
    text: '{customerName}您好，给您拜年了！感谢您一直以来的支持，祝您新春快乐、万事如意！',
    source: source(C.phraseHoliday),
  },
  {
    key: 'holiday.2',
    situation: 'holiday',
    title: '节日问候',
    text: '{customerName}您好，祝您节日愉快！感谢您一直以来对我们的支持。',
    source: source(C.phraseHoliday),
  },

  // 回复与回访 — 回复时限 (客服用语规范 §三); 回访确认 (docs/product.md §2 complaint steps)
  {
    key: 'callback.1',
    situation: 'callback',
    title: '主管暂时无法处理',
    text: '对不起，我们主管正在处理其他客户的问题，可能需要较长的时间，我们会在{date}前给您回复，好吗？',
    source: source(C.phraseSupervisorBusy),
  },
  {
    key: 'callback.2',
    situation: 'callback',
    title: '回访确认',
    text: '{customerName}您好，我是{agentName}。关于运单{waybillNo}的问题已经处理完毕，请问您对处理结果是否满意？',
    source: source(C.callbackConfirm, C.phraseConfirmUnderstood),
  },
  {
    key: 'callback.3',
    situation: 'callback',
    title: '确认客户是否明白',
    text: '请问我刚才的解释您是否明白？如有疑问，请随时告诉我们。',
    source: source(C.phraseConfirmUnderstood),
  },
];

export const FORBIDDEN_CATEGORIES = ['addressing', 'questioning', 'shirking', 'impatience', 'other'] as const; // 直呼客户, 反问/质问, 推诿/搪塞, 厌烦/训斥, 其他
export type ForbiddenCategory = (typeof FORBIDDEN_CATEGORIES)[number];

/**
 * 'contains': the phrase anywhere in the reply.
 * 'standalone': the phrase makes up a whole clause (bounded by the start/end of the text or clause
 * punctuation), for short words that are innocent inside normal sentences ("什么" in
 * "请问还有什么需要帮您的吗?"); said several times over it still counts (喂喂喂). A phrase of
 * several clauses ("对，没错") counts when it ends its sentence ("对，没错！"), not when the agent goes
 * on in the same sentence ("对，没错，您的快件已经签收了").
 * Either way, a phrase followed by 的 and more of its clause is a description, not the phrase
 * said ("我不清楚的地方会再核实").
 */
export type MatchMode = 'contains' | 'standalone';

export interface ForbiddenPhrase {
  /** as shown to admins; compared after normalizePhrase (guard.ts) */
  phrase: string;
  category: ForbiddenCategory;
  match: MatchMode;
  source: string;
}

function entries(
  category: ForbiddenCategory,
  source: string,
  list: readonly (readonly [phrase: string, match: MatchMode])[],
): ForbiddenPhrase[] {
  return list.map(([phrase, match]) => ({ phrase, category, match, source }));
}

/**
 * Every phrase of 客服用语规范 §五, one entry per sentence ("我不清楚!我不知道!" → two), trailing
 * punctuation dropped (the guard ignores punctuation anyway).
 */
export const FORBIDDEN_PHRASES: ForbiddenPhrase[] = [
  // The code also lists a bare "你" here (addressing the customer as 你 instead of 您). It is left
  // out on purpose: as 'contains' a one-character entry fires on every sentence that mentions 你
  // (a quoted customer message, "你好"), so agents would learn to ignore the guard; as
  // 'standalone' it would almost never fire. The rude 你-sentences are listed below in full.
  ...entries('addressing', source(C.forbiddenAddressing), [
    ['喂', 'standalone'],
    ['嘿', 'standalone'],
  ]),
  ...entries('questioning', source(C.forbiddenQuestioning), [
    ['干嘛', 'standalone'],
    ['什么', 'standalone'],
    ['怎样', 'standalone'],
    ['你怎么这样', 'contains'],
    ['你有完没完', 'contains'],
    ['我怎么知道', 'contains'],
    ['谁告诉你的', 'contains'],
    ['我态度怎样', 'contains'],
    ['怎么还不挂机', 'contains'],
    ['你到底想怎么样', 'contains'],
    ['你问我，我问谁', 'contains'],
    ['你有没有搞错啊', 'contains'],
    ['你到底知不知道', 'contains'],
    ['请你听清楚好吗', 'contains'],
    ['说话这么快给谁听啊', 'contains'],
    ['刚才跟你说过了，怎么还问', 'contains'],
    ['别人跟你说的，别人怎么知道', 'contains'],
    ['你不是要查吗', 'contains'],
    ['你到底要不要查', 'contains'],
    ['你要不要听我说', 'contains'],
    ['你听不听我说', 'contains'],
    ['你是无理取闹呢', 'contains'],
    ['我已经跟你说了很多遍，你还不明白吗', 'contains'],
    ['我不是跟你说得很清楚了吗', 'contains'],
    ['我不是已经跟你解释很多次了', 'contains'],
  ]),
  ...entries('shirking', source(C.forbiddenShirking), [
    ['没这回事', 'contains'],
    ['你自己先查清楚', 'contains'],
    ['我不清楚', 'contains'],
    ['我不知道', 'contains'],
    ['我没法查', 'contains'],
    ['我也没办法', 'contains'],
    ['是你自己说的，不是我说的', 'contains'],
    // 客服用语规范: "我查不到,你拨***电话去查!" — *** stands for a phone number, which a fixed phrase
    // cannot match, so the sentence is split at the number: "我查不到" as its own clause is
    // the brush-off ("我查不到您说的单号" is merely a report); "电话去查" is the redirect.
    ['我查不到', 'standalone'],
    ['电话去查', 'contains'],
    ['这不关我的事', 'contains'],
    ['这不是我的错', 'contains'],
    ['我没办法听明白你的意思，恕我愚昧', 'contains'],
    ['我们是有时间的，不能跟客户讲太久', 'contains'],
    // "领导不在" also starts innocent clauses ("领导不在线时…"), so only the bare clause counts
    ['领导不在', 'standalone'],
    ['领导没空', 'contains'],
    ['领导的电话号码当然不能告诉你', 'contains'],
  ]),
  ...entries('impatience', source(C.forbiddenImpatience), [
    ['不可能', 'standalone'],
    ['对，没错', 'standalone'],
    ['不行就是不行', 'contains'],
    ['我就这种态度', 'contains'],
    ['有什么了不起', 'contains'],
    ['不想用就别用', 'contains'],
    ['大声点，我听不清', 'contains'],
    ['你小声一点行不行', 'contains'],
    ['我态度哪里不好，你说', 'contains'],
    ['叫你旁边的人别说话', 'contains'],
    ['你怎么这样说话', 'contains'],
    ['你怎么这么啰嗦', 'contains'],
    ['我现在对你所说的语言也非常憎恶', 'contains'],
    ['那你可以投诉我啊', 'contains'],
    ['你要投诉就投诉吧', 'contains'],
    ['你的电话怎么回事，一会儿大，一会儿小的', 'contains'],
  ]),
  // Not the code's text: the ways agents actually say its 推诿 (shirking) brush-offs, added by the
  // company so "这不归我们管，你自己去问驿站" does not pass (the guard already folds 我们 into 我).
  ...entries('shirking', source(C.additionShirking), [
    ['不归我管', 'contains'],
    ['你自己去问', 'contains'],
    ['你自己去查', 'contains'],
    ['你自己去找', 'contains'],
    ['跟我没关系', 'contains'],
    ['与我无关', 'contains'],
    ['这不是我负责的', 'contains'],
    ['找别人去', 'contains'],
    ['我管不了', 'contains'],
  ]),
  // Not the code's text either: the common spoken forms of §五 2 (反问/质问) and 4 (厌烦/训斥) that its
  // sentences do not cover word for word.
  ...entries('questioning', source(C.additionQuestioning), [
    ['听不懂吗', 'contains'],
    ['听不明白吗', 'contains'],
    ['听不懂人话', 'contains'],
    ['你没长耳朵', 'contains'],
    ['你识不识字', 'contains'],
    ['你自己不会看吗', 'contains'],
    ['不会自己查吗', 'contains'],
    ['说了多少遍了', 'contains'],
  ]),
  ...entries('impatience', source(C.additionImpatience), [
    ['急什么急', 'contains'],
    ['急什么', 'standalone'],
    ['催什么催', 'contains'],
    ['烦不烦', 'contains'],
    ['吵什么吵', 'contains'],
    ['下班了，明天再打', 'contains'],
    ['我要下班了', 'contains'],
    ['爱寄不寄', 'contains'],
    ['爱投诉就投诉', 'contains'],
    ['随便你', 'standalone'],
    ['没空跟你说', 'contains'],
    ['别烦我', 'contains'],
  ]),
  // §四 (禁忌) is mostly behaviour (interrupting, hanging up, yawning) that no text check can
  // see; its 口头禅/语气助词 (喽、嘛) are too common in friendly Chinese to block. §六4 "遇到难题无法
  // 第一手解决时,不对客户说'不'" is checkable when the refusal stands alone as a clause.
  ...entries('other', source(C.forbiddenNo), [
    ['不', 'standalone'],
    ['不行', 'standalone'],
  ]),
];

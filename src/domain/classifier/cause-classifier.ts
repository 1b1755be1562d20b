/**
 * Suggesting a complaint's cause code (原因代码, docs/product.md §6) from its free text: a
 * multinomial naive Bayes over the text's words, trained on resolved complaints whose cause was
 * given, or keyword rules where there are too few of them to learn from. Pure: the words come from
 * a segmenter the caller passes (jieba in modules/classifier), the samples from the database.
 *
 * The agent always decides; a suggestion only saves a search through the code list.
 */

/** A resolved complaint with its cause: the training and held-out data. */
export interface LabelledText {
  id: string;
  words: readonly string[];
  code: string;
}

/** The stored model (JSON in complaint_classifier_models.model). */
export interface NaiveBayesModel {
  kind: 'naive_bayes';
  /** per cause code: how many training complaints had it, and how many word occurrences they had (within the vocabulary) */
  classes: Record<string, { docs: number; words: number }>;
  /** word → cause code → occurrences; only the `vocabularySize` most frequent words are kept */
  counts: Record<string, Record<string, number>>;
  vocabulary: number;
  documents: number;
}

export interface Suggestion {
  code: string;
  /** the model's posterior probability, or the rule's fixed confidence */
  score: number;
}

export interface SuggestionResult {
  method: 'naive_bayes' | 'rules' | 'none';
  /** best first; at most three */
  ranked: Suggestion[];
}

/** Below this many labelled complaints, or this many per code on average, the rules are used instead of a model. */
export const MIN_TRAINING_SAMPLES = 60;
export const MIN_SAMPLES_PER_CODE = 5;
/** Words kept in the model: the most frequent, so a year of complaints stays a small row. */
export const VOCABULARY_SIZE = 20_000;

/** Words that say nothing about a cause (the particles, pronouns and courtesy of a complaint). */
const STOP_WORDS = new Set(
  '的 了 是 我 你 他 她 它 我们 你们 在 有 和 就 都 也 还 又 很 吗 呢 吧 啊 呀 么 这 那 这个 那个 一个 个 把 被 给 让 到 说 对 与 及 或 但 请 请问 您 您好 你好 谢谢 麻烦 一下 一直 已经 什么 怎么 为什么 没有 不 没'.split(' '),
);

/** The words worth counting: letters (Chinese or not), no stop words, no bare numbers (waybill numbers, dates). */
export function meaningfulWords(words: readonly string[]): string[] {
  return words.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0 && /\p{L}/u.test(w) && !STOP_WORDS.has(w));
}

/** Trains a multinomial naive Bayes on labelled texts' meaningful words (counts only; smoothing is applied when classifying). */
export function trainNaiveBayes(samples: readonly LabelledText[], vocabularySize = VOCABULARY_SIZE): NaiveBayesModel {
  const texts = samples.map((s) => ({ code: s.code, words: meaningfulWords(s.words) }));
  const frequency = new Map<string, number>();
  for (const s of texts) for (const w of s.words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const kept = new Set(
    [...frequency.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, vocabularySize)
      .map(([w]) => w),
  );
  const classes: NaiveBayesModel['classes'] = {};
  const counts: NaiveBayesModel['counts'] = {};
  for (const s of texts) {
    const c = (classes[s.code] ??= { docs: 0, words: 0 });
    c.docs++;
    for (const w of s.words) {
      if (!kept.has(w)) continue;
      c.words++;
      const row = (counts[w] ??= {});
      row[s.code] = (row[s.code] ?? 0) + 1;
    }
  }
  return { kind: 'naive_bayes', classes, counts, vocabulary: kept.size, documents: samples.length };
}

/**
 * The codes ranked by posterior probability for the words (Laplace smoothing; words the model never
 * saw are ignored). Empty when the model knows no class.
 */
export function classify(model: NaiveBayesModel, words: readonly string[], allowed?: ReadonlySet<string>): Suggestion[] {
  const codes = Object.keys(model.classes).filter((c) => !allowed || allowed.has(c));
  if (codes.length === 0) return [];
  const known = words.filter((w) => model.counts[w] !== undefined);
  const v = Math.max(1, model.vocabulary);
  const logs = codes.map((code) => {
    const c = model.classes[code]!;
    let log = Math.log(c.docs / model.documents);
    for (const w of known) log += Math.log(((model.counts[w]![code] ?? 0) + 1) / (c.words + v));
    return { code, log };
  });
  const top = Math.max(...logs.map((l) => l.log));
  const total = logs.reduce((s, l) => s + Math.exp(l.log - top), 0);
  return logs
    .map((l) => ({ code: l.code, score: Math.exp(l.log - top) / total }))
    .sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
}

/**
 * Keyword rules for when there is no model: the words a customer uses for each default cause
 * (公司服务承诺（客服手册）'s complaint categories). First rule that matches wins; none: no suggestion.
 */
export const CAUSE_RULES: readonly { code: string; keywords: readonly string[] }[] = [
  { code: 'weather_force_majeure', keywords: ['暴雨', '台风', '大雪', '暴雪', '冰冻', '洪水', '地震', '疫情', '管控', '封路', '天气'] },
  { code: 'wrong_address', keywords: ['地址错', '地址写错', '地址不对', '地址有误', '门牌号', '填错', '写错'] },
  { code: 'improper_packaging', keywords: ['包装', '纸箱', '泡沫', '缓冲', '没包好', '封箱', '胶带'] },
  { code: 'station_handling', keywords: ['破损', '压坏', '摔坏', '碎了', '变形', '暴力分拣', '扔', '网点', '分拣'] },
  { code: 'courier', keywords: ['快递员', '派送员', '小哥', '态度', '不送上门', '放门口', '没打电话', '未打电话', '虚假签收', '代签', '骂'] },
  { code: 'transit_delay', keywords: ['延误', '太慢', '很慢', '没到', '未到', '迟迟', '几天', '超时', '耽误', '不动', '停滞', '中转'] },
  { code: 'system', keywords: ['系统', 'app', '小程序', '查不到', '页面', '物流信息不更新', '短信'] },
  { code: 'customer', keywords: ['拒收', '不在家', '联系不上收件人', '本人原因'] },
  { code: 'third_party', keywords: ['第三方', '合作方', '驿站', '快递柜', '代收点'] },
];

/** The rules' suggestion for a text (matched on the text itself, so a phrase jieba splits still counts). */
export function suggestByRules(text: string, allowed?: ReadonlySet<string>): Suggestion[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  for (const rule of CAUSE_RULES) {
    if (allowed && !allowed.has(rule.code)) continue;
    if (rule.keywords.some((k) => normalized.includes(k))) return [{ code: rule.code, score: 0.5 }];
  }
  return [];
}

/** Whether the labelled data is enough to learn from. */
export function enoughToTrain(samples: number, codes: number): boolean {
  return samples >= MIN_TRAINING_SAMPLES && codes > 0 && samples / codes >= MIN_SAMPLES_PER_CODE;
}

/**
 * The suggestion for a complaint: the model's when there is one and it knows any word of the
 * text, else the rules'; at most three codes, only active ones (`allowed`).
 */
export function suggestCause(model: NaiveBayesModel | null, text: string, words: readonly string[], allowed?: ReadonlySet<string>): SuggestionResult {
  if (model) {
    const meaningful = meaningfulWords(words);
    if (meaningful.some((w) => model.counts[w] !== undefined)) {
      const ranked = classify(model, meaningful, allowed).slice(0, 3);
      if (ranked.length > 0) return { method: 'naive_bayes', ranked };
    }
  }
  const ruled = suggestByRules(text, allowed);
  return ruled.length > 0 ? { method: 'rules', ranked: ruled } : { method: 'none', ranked: [] };
}

/**
 * Held-out split by a stable hash of the id: the same complaint always lands on the same side,
 * so accuracy is comparable between trainings. `share` of the samples are held out.
 */
export function isHeldOut(id: string, share = 0.2): boolean {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) / 4294967296 < share;
}

/** The share of held-out complaints whose top suggestion is their cause (null: none held out). */
export function accuracyOn(model: NaiveBayesModel | null, heldOut: readonly (LabelledText & { text: string })[]): number | null {
  if (heldOut.length === 0) return null;
  let right = 0;
  for (const s of heldOut) if (suggestCause(model, s.text, s.words).ranked[0]?.code === s.code) right++;
  return right / heldOut.length;
}

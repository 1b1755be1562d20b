/**
 * Forbidden-phrase guard (服务忌语, 客服用语规范 §五, §六1 "严禁使用服务忌语"): finds the phrases of an
 * admin-edited list in an agent's reply, so the console can highlight them and the server can stop
 * the reply (docs/product.md §2).
 *
 * Agents type in many ways, so text and phrases are compared in a normal form: NFKC (full-width ↔
 * half-width), Latin lower-cased, and whitespace, punctuation, symbols and invisible characters
 * dropped ("没 这 回 事" and "没这回事。" both read 没这回事). A personal pronoun's plural 们 is
 * dropped too (我们 → 我, 你们 → 你): the seed lists a brush-off once, and an agent says it for the
 * team as often as for herself ("这不关我们的事" is "这不关我的事"). Every normalized character
 * remembers which original characters it came from, so hits are reported as offsets into the
 * original text.
 */
import type { ForbiddenCategory, ForbiddenPhrase } from './catalog.js';

export type GuardPhrase = Pick<ForbiddenPhrase, 'phrase' | 'category' | 'match'>;

export interface PhraseHit {
  phrase: string;
  category: ForbiddenCategory;
  /** UTF-16 offset into the original text, first matched character */
  start: number;
  /** UTF-16 offset into the original text, exclusive */
  end: number;
}

export type GuardMode = 'block' | 'warn';

export interface CompiledGuard {
  find(text: string): PhraseHit[];
}

/** A text in normal form, one entry per UTF-16 unit, with where each unit came from. */
interface NormalizedText {
  units: number[];
  /** original offset of the character (group) each unit came from */
  origStart: number[];
  origEnd: number[];
  /**
   * clauseBoundary[k]: a clause starts at unit k (text start, or clause punctuation was dropped
   * between units k-1 and k). Length units.length + 1; the last entry is the text end.
   */
  clauseBoundary: boolean[];
  /** sentenceBoundary[k]: as clauseBoundary, for sentence ends only (。！？ . ! ? line breaks). */
  sentenceBoundary: boolean[];
}

/**
 * Clause punctuation after NFKC: full-width ，！？；：． become ASCII, … becomes "...", ｡ becomes 。
 * ("喂,你好" and "喂，你好" both have a clause "喂").
 */
const CLAUSE_PUNCTUATION = new Set([...',.!?;:。、\n\r\u2028\u2029'].map((c) => c.charCodeAt(0)));
const SENTENCE_PUNCTUATION = new Set([...'.!?。\n\r\u2028\u2029'].map((c) => c.charCodeAt(0)));

/** Dropped from the normal form: punctuation, symbols, separators, control/format, marks. */
const IGNORABLE = /^[\p{P}\p{S}\p{Z}\p{C}\p{M}]$/u;
const MARK = /^\p{M}$/u;

/** 们, and the pronouns whose plural it makes (我 你 您 他 她 它 咱): folded away in the normal form. */
const PLURAL = 0x4eec;
const PRONOUNS = new Set([...'我你您他她它咱'].map((c) => c.charCodeAt(0)));

function isMarkAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  // fast exits: ASCII, Latin-1, CJK unified ideographs contain no combining marks
  if (c < 0x300 || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return MARK.test(String.fromCodePoint(text.codePointAt(i) ?? c));
}

function normalizeText(text: string): NormalizedText {
  const units: number[] = [];
  const origStart: number[] = [];
  const origEnd: number[] = [];
  const clauseBoundary: boolean[] = [];
  const sentenceBoundary: boolean[] = [];
  let boundaryPending = true;
  let sentencePending = true;
  const punctuation = (c: number): void => {
    boundaryPending = true;
    if (SENTENCE_PUNCTUATION.has(c)) sentencePending = true;
  };

  const push = (unit: number, start: number, end: number): void => {
    units.push(unit);
    origStart.push(start);
    origEnd.push(end);
    clauseBoundary.push(boundaryPending);
    sentenceBoundary.push(sentencePending);
    boundaryPending = false;
    sentencePending = false;
  };

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && !isMarkAt(text, i + 1)) {
      // ASCII: identity under NFKC
      if (c >= 0x41 && c <= 0x5a) push(c + 0x20, i, i + 1);
      else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) push(c, i, i + 1);
      else if (CLAUSE_PUNCTUATION.has(c)) punctuation(c);
      i += 1;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff && !isMarkAt(text, i + 1)) {
      // CJK unified ideographs: identity under NFKC; 们 after a pronoun joins the pronoun
      const last = units.length - 1;
      if (c === PLURAL && last >= 0 && PRONOUNS.has(units[last]!) && !boundaryPending) origEnd[last] = i + 1;
      else push(c, i, i + 1);
      i += 1;
      continue;
    }
    // Everything else: normalize the character together with its combining marks, so that
    // "e\u0301" and "é" agree.
    let j = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1);
    while (isMarkAt(text, j)) j += (text.codePointAt(j) ?? 0) > 0xffff ? 2 : 1;
    const normalized = text.slice(i, j).normalize('NFKC').toLowerCase();
    for (const ch of normalized) {
      const cp = ch.codePointAt(0) ?? 0;
      if (CLAUSE_PUNCTUATION.has(cp)) punctuation(cp);
      else if (!IGNORABLE.test(ch)) for (let u = 0; u < ch.length; u += 1) push(ch.charCodeAt(u), i, j);
    }
    i = j;
  }
  clauseBoundary.push(true);
  sentenceBoundary.push(true);
  return { units, origStart, origEnd, clauseBoundary, sentenceBoundary };
}

/**
 * The form a phrase is stored and compared in: NFKC, Latin lower-case, no whitespace, no
 * punctuation or symbols. Returns '' when nothing is left (such a phrase can never match; admin
 * forms should reject it).
 */
export function normalizePhrase(phrase: string): string {
  return String.fromCharCode(...normalizeText(phrase).units);
}

/** 的 */
const DE = 0x7684;

/**
 * A phrase followed by 的 and more words of the same clause describes something rather than
 * saying it: "我不清楚的地方会再核实" (the points I am not sure of) is no "我不清楚！". A 的 that ends
 * the clause ("我也没办法的。") is only emphasis, and the phrase still counts.
 */
function isModifier(text: NormalizedText, last: number): boolean {
  return text.units[last + 1] === DE && !text.clauseBoundary[last + 1] && last + 2 < text.units.length && !text.clauseBoundary[last + 2];
}

interface Pattern {
  entry: GuardPhrase;
  length: number;
  standalone: boolean;
  /** position in the list: earlier entries win ties */
  order: number;
}

/** Aho–Corasick automaton over normalized UTF-16 units: one pass over the text for all phrases. */
class Automaton {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  private readonly output: Pattern[][] = [[]];

  constructor(patterns: readonly { units: string; pattern: Pattern }[]) {
    for (const { units, pattern } of patterns) {
      let state = 0;
      for (let k = 0; k < units.length; k += 1) {
        const unit = units.charCodeAt(k);
        let to = this.next[state]?.get(unit);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.output.push([]);
          this.next[state]?.set(unit, to);
        }
        state = to;
      }
      this.output[state]?.push(pattern);
    }
    // breadth-first: failure links, and outputs merged along them
    const queue: number[] = [...(this.next[0]?.values() ?? [])];
    for (let q = 0; q < queue.length; q += 1) {
      const state = queue[q] ?? 0;
      for (const [unit, to] of this.next[state] ?? []) {
        let f = this.fail[state] ?? 0;
        while (f !== 0 && !this.next[f]?.has(unit)) f = this.fail[f] ?? 0;
        const target = this.next[f]?.get(unit);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        this.output[to] = [...(this.output[to] ?? []), ...(this.output[this.fail[to] ?? 0] ?? [])];
        queue.push(to);
      }
    }
  }

  /** calls onMatch(pattern, lastUnitIndex) for every occurrence */
  scan(units: readonly number[], onMatch: (pattern: Pattern, last: number) => void): void {
    let state = 0;
    for (let k = 0; k < units.length; k += 1) {
      const unit = units[k] ?? 0;
      let to = this.next[state]?.get(unit);
      while (to === undefined && state !== 0) {
        state = this.fail[state] ?? 0;
        to = this.next[state]?.get(unit);
      }
      state = to ?? 0;
      for (const pattern of this.output[state] ?? []) onMatch(pattern, k);
    }
  }
}

interface Candidate {
  pattern: Pattern;
  start: number;
  end: number;
}

/**
 * Builds the matcher for one phrase list; reuse it for every reply checked against that list.
 * Phrases that normalize to nothing are skipped; a phrase listed twice (after normalization,
 * same match mode) keeps its first entry.
 */
export function compileGuard(phrases: readonly GuardPhrase[]): CompiledGuard {
  const seen = new Set<string>();
  const patterns: { units: string; pattern: Pattern }[] = [];
  phrases.forEach((entry, order) => {
    const units = normalizePhrase(entry.phrase);
    const key = `${entry.match}:${units}`;
    if (units === '' || seen.has(key)) return;
    seen.add(key);
    patterns.push({ units, pattern: { entry, length: units.length, standalone: entry.match === 'standalone', order } });
  });
  const automaton = new Automaton(patterns);

  return {
    find(text: string): PhraseHit[] {
      if (patterns.length === 0 || text === '') return [];
      const normalized = normalizeText(text);
      const { units, clauseBoundary, origStart, origEnd } = normalized;
      const candidates: Candidate[] = [];
      /** where each standalone phrase occurs, by `${order}:${first unit}` → last unit */
      const standalone = new Map<string, { pattern: Pattern; first: number; last: number }>();
      automaton.scan(units, (pattern, last) => {
        const first = last - pattern.length + 1;
        if (pattern.standalone) standalone.set(`${pattern.order}:${first}`, { pattern, first, last });
        else if (!isModifier(normalized, last)) candidates.push({ pattern, start: origStart[first] ?? 0, end: origEnd[last] ?? 0 });
      });
      for (const { pattern, first, last } of standalone.values()) {
        if (!clauseBoundary[first]) continue;
        // The same word said again and again is still that word alone: 喂喂喂 is 喂.
        let end = last;
        for (let next = standalone.get(`${pattern.order}:${end + 1}`); next && !clauseBoundary[end + 1]; next = standalone.get(`${pattern.order}:${end + 1}`)) {
          end = next.last;
        }
        if (!clauseBoundary[end + 1]) continue;
        // A phrase of several clauses (对，没错) is curt when it ends the sentence; an agent who
        // goes on in the same sentence ("对，没错，您的快件已经签收了") is confirming.
        const spansClauses = clauseBoundary.slice(first + 1, end + 1).includes(true);
        if (spansClauses && !normalized.sentenceBoundary[end + 1]) continue;
        candidates.push({ pattern, start: origStart[first] ?? 0, end: origEnd[end] ?? 0 });
      }
      if (candidates.length === 0) return [];

      // overlapping hits: the longest phrase wins, then the earlier one, then the earlier entry
      candidates.sort(
        (a, b) => b.pattern.length - a.pattern.length || a.start - b.start || a.pattern.order - b.pattern.order,
      );
      const taken = new Uint8Array(text.length);
      const kept: Candidate[] = [];
      for (const candidate of candidates) {
        if (taken.subarray(candidate.start, candidate.end).includes(1)) continue;
        taken.fill(1, candidate.start, candidate.end);
        kept.push(candidate);
      }
      kept.sort((a, b) => a.start - b.start);
      return kept.map(({ pattern, start, end }) => ({
        phrase: pattern.entry.phrase,
        category: pattern.entry.category,
        start,
        end,
      }));
    },
  };
}

/**
 * Compiled matchers by list. Keyed by the array itself: callers treat a loaded phrase list as
 * immutable and load a new array when an admin edits it.
 */
const compiled = new WeakMap<readonly GuardPhrase[], CompiledGuard>();

/** Forbidden phrases in `text`, sorted by start; of overlapping hits only the longest is kept. */
export function findForbiddenPhrases(text: string, phrases: readonly GuardPhrase[]): PhraseHit[] {
  let guard = compiled.get(phrases);
  if (!guard) {
    guard = compileGuard(phrases);
    compiled.set(phrases, guard);
  }
  return guard.find(text);
}

/**
 * The send check (客服用语规范 §六1): in 'block' mode a reply with any hit may not be sent; in 'warn'
 * mode it may, and the hits are shown to the agent.
 */
export function guardReply(
  text: string,
  phrases: readonly GuardPhrase[],
  mode: GuardMode,
): { hits: PhraseHit[]; allowed: boolean } {
  const hits = findForbiddenPhrases(text, phrases);
  return { hits, allowed: mode === 'warn' || hits.length === 0 };
}

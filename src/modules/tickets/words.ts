/**
 * Chinese words for ticket search (docs/product.md §2: search finds a ticket by "Chinese words of its
 * text"). PostgreSQL's parsers do not split Chinese, so jieba does it here and the database indexes
 * the words with the 'simple' configuration (no stemming, no stop words): the same on PGlite and on
 * PostgreSQL, and a word inside a sentence ("破损" in "快件在转运中心破损了") is found.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;

function segmenter(): Jieba {
  // Loading the dictionary takes ~0.3 s; do it once, on first use.
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

// Letters (any script), digits; everything else (punctuation, spaces, symbols) separates words.
const WORD = /[\p{L}\p{N}]/u;

function keep(word: string): boolean {
  return WORD.test(word);
}

/**
 * The words to index for a text: jieba's search mode also emits the shorter words inside long
 * ones ("转运中心" → 转运, 中心, 转运中心), so a query with either finds it.
 */
export function indexWords(text: string): string {
  if (!text) return '';
  return segmenter()
    .cutForSearch(text.normalize('NFKC').toLowerCase(), true)
    .filter(keep)
    .join(' ');
}

/** The words of a query, every one required. */
export function queryWords(query: string): string[] {
  const words = segmenter().cut(query.normalize('NFKC').toLowerCase(), true).filter(keep);
  return [...new Set(words)];
}

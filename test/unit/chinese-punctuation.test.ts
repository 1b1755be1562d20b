/**
 * Chinese text a person reads is written with full-width ：，；（）！？ between its words
 * (`快件停滞无更新：PD…`, `彻底延误（按丢失处理）`), not ASCII. Checked here: the error messages,
 * the customer notices, the tracking labels and delay notice, the feed rejection reasons, and every
 * string the server's user-facing code writes (ticket titles and timeline texts, demo data). The
 * console's dictionaries are checked in web/src/i18n/punctuation.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { renderStoryNotice } from '../../src/domain/notifications/templates.js';
import { asciiPunctuationBesideChinese } from '../../src/domain/text.js';
import { STATUS_LABELS } from '../../src/domain/tracking/labels.js';
import { STORY_CODES, type ParcelStory } from '../../src/domain/tracking/story.js';
import { ERROR_MESSAGES } from '../../src/http/messages.js';
import { REJECTION_CODES, rejectionReason } from '../../src/modules/tracking/rejections.js';

const texts: [string, string][] = [
  ...Object.entries(ERROR_MESSAGES).map(([code, m]): [string, string] => [`error ${code}`, m['zh-CN']]),
  ...STORY_CODES.flatMap((code) =>
    [true, false].flatMap((caseOpen) =>
      [true, false].flatMap((claimOpen) =>
        [new Date('2026-11-20T01:00:00Z'), null].map((at): [string, string] => [
          `notice ${code}${caseOpen ? ', case open' : ''}${claimOpen ? ', claim open' : ''}${at ? '' : ', times unknown'}`,
          renderStoryNotice('PD1000000018', storyOf(code, caseOpen, at, claimOpen), 'zh-CN', 'Asia/Shanghai', 'https://kf.example.com/claim?waybill=PD1000000018'),
        ]),
      ),
    ),
  ),
  ...Object.entries(STATUS_LABELS).map(([status, label]): [string, string] => [`status ${status}`, label['zh-CN']]),
  ...REJECTION_CODES.map((code): [string, string] => [`rejection ${code}`, rejectionReason({ index: 0, code }, 'zh-CN')]),
];

function storyOf(code: ParcelStory['code'], caseOpen: boolean, at: Date | null, claimOpen = false): ParcelStory {
  return { code, status: 'in_transit', since: at, expectedBy: at, lateSince: at, completeDelayAt: at, signedAt: at, site: at ? '浦东驿站' : null, caseOpen, claimOpen };
}

describe('Chinese text uses full-width punctuation', () => {
  it.each(texts)('%s', (_name, text) => {
    expect(asciiPunctuationBesideChinese(text), text).toEqual([]);
  });
});

/**
 * The code that writes what users read: ticket titles, descriptions and timeline entries, shipment
 * and feed remarks, the demo data and the simulated tracking texts. routes.ts and schemas.ts (and their routes-x.ts, schemas-x.ts) hold
 * the API's English documentation, where a Chinese term in brackets — "Callbacks (回访)" — is right;
 * src/cli talks English to an operator and reads the import files' Chinese column names (重量(克)),
 * which are a file format, not prose.
 */
const SOURCES = ['src/modules', 'src/domain', 'src/jobs', 'src/http', 'src/demo', 'src/simulator'];
const ENGLISH_DOCS = /\/(routes|schemas)(-[a-z]+)?\.ts$/;

/** Strings that must keep an ASCII mark beside Chinese, and why. */
const ALLOWED = new Set<string>([
  // domain/phrases/guard.ts: the marks, ASCII and Chinese, where the phrase guard splits clauses — code, not text
  ',.!?;:。、\n\r\u2028\u2029',
  '.!?。\n\r\u2028\u2029',
  // domain/sla/policy.ts: an English policy problem that cites the regulation by its Chinese title
  ' minutes, 《快递暂行条例》)',
]);

function sourceFiles(): string[] {
  return SOURCES.flatMap((entry) =>
    entry.endsWith('.ts')
      ? [entry]
      : readdirSync(entry, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
          .map((f) => path.posix.join(entry, f.split(path.sep).join('/'))),
  ).filter((f) => !ENGLISH_DOCS.test(f));
}

/** Each string literal and each fixed part of a template literal, with its line; comments are not text. */
function literals(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the strings the server writes for people use full-width punctuation in Chinese', () => {
  it.each(sourceFiles())('%s', (file) => {
    const wrong = literals(file)
      .filter((l) => !ALLOWED.has(l.text) && asciiPunctuationBesideChinese(l.text).length > 0)
      .map((l) => `${file}:${l.line} ${l.text}`);
    expect(wrong).toEqual([]);
  });
});

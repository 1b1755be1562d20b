/**
 * What text the system accepts from outside, decided once: any Unicode text except NUL (U+0000,
 * which PostgreSQL cannot store in text) and unpaired UTF-16 surrogates (half a character, not
 * Unicode at all). The HTTP edge refuses a request carrying such a string; the tracking feeds
 * refuse only the event that carries it.
 */

// Without the `u` flag a regular expression sees UTF-16 code units, so it can find a high
// surrogate not followed by a low one and a low one not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNACCEPTABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isAcceptableText(text: string): boolean {
  return !UNACCEPTABLE.test(text);
}

/**
 * The path (`items.3.text`, `` for the value itself) of the first string in `value` — a key or a
 * value, at any depth — that is not acceptable text; `null` when all are. Walks without recursion,
 * so a deeply nested body cannot overflow the stack.
 */
export function findUnacceptableText(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (!isAcceptableText(current)) return path;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: join(path, String(i)) });
    } else if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (!isAcceptableText(key)) return join(path, key.replace(UNACCEPTABLE_ALL, '�'));
        stack.push({ value: (current as Record<string, unknown>)[key], path: join(path, key) });
      }
    }
  }
  return null;
}

const UNACCEPTABLE_ALL = new RegExp(UNACCEPTABLE.source, 'g');

function join(path: string, part: string): string {
  return path === '' ? part : `${path}.${part}`;
}

/** A Chinese character or a full-width mark (CJK symbols and punctuation, full-width forms). */
const CHINESE = '[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef]';
const ASCII_BESIDE_CHINESE = new RegExp(`${CHINESE}[:,;()!?]|[:,;()!?]${CHINESE}`, 'gu');

/**
 * The ASCII marks `: , ; ( ) ! ?` that touch a Chinese character (`停滞:PD…`, `延误(按丢失处理)`),
 * each with its neighbour, as found: Chinese text is written with full-width ：，；（）！？ between
 * its words. ASCII that touches no Chinese character is left alone — times (09:00), numbers
 * (1.5 s), waybill numbers, URLs, `{name}` placeholders and Latin-only phrases.
 */
export function asciiPunctuationBesideChinese(text: string): string[] {
  return [...text.matchAll(ASCII_BESIDE_CHINESE)].map((m) => m[0]);
}

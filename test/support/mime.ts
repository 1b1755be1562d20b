/**
 * Just enough of MIME (RFC 2045–2047, 2231) to read back what nodemailer sends, for the e-mail
 * tests: headers (unfolded, encoded words decoded), one level of multipart, base64 and
 * quoted-printable bodies, and file names in either encoding. Not a general mail parser.
 */

export interface MimePart {
  headers: Map<string, string>;
  contentType: string;
  params: Map<string, string>;
  body: Buffer;
}

export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  text: string;
  attachments: { fileName: string; contentType: string; content: Buffer }[];
}

export function parseMail(raw: Buffer): ParsedMail {
  const top = parsePart(raw);
  const parts = top.contentType.startsWith('multipart/') ? splitMultipart(top) : [top];
  // A multipart/alternative inside (text + html) would be one more level; nodemailer sends text only here.
  const text = parts.find((p) => p.contentType === 'text/plain' && !isAttachment(p));
  return {
    headers: top.headers,
    subject: decodeWords(top.headers.get('subject') ?? ''),
    text: text ? text.body.toString('utf8') : '',
    attachments: parts.filter(isAttachment).map((p) => ({ fileName: fileNameOf(p), contentType: p.contentType, content: p.body })),
  };
}

function isAttachment(part: MimePart): boolean {
  return /^attachment/i.test(part.headers.get('content-disposition') ?? '');
}

function parsePart(raw: Buffer): MimePart {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const bodyText = split < 0 ? '' : text.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const [type = 'text/plain', ...rest] = (headers.get('content-type') ?? 'text/plain').split(';');
  const params = parameters(rest.join(';'));
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(bodyText.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintable(bodyText)
        : Buffer.from(bodyText.replace(/\r\n$/, ''), 'latin1');
  return { headers, contentType: type.trim().toLowerCase(), params, body };
}

function splitMultipart(part: MimePart): MimePart[] {
  const boundary = part.params.get('boundary');
  if (!boundary) throw new Error('multipart without a boundary');
  const text = part.body.toString('latin1');
  const pieces = text.split(`--${boundary}`);
  // pieces[0] is the preamble; the last starts with '--' (the closing delimiter)
  return pieces
    .slice(1)
    .filter((p) => !p.startsWith('--'))
    .map((p) => parsePart(Buffer.from(p.replace(/^\r\n/, '').replace(/\r\n$/, ''), 'latin1')));
}

/** key=value parameters, RFC 2231 continuations (name*0*=…) joined and decoded. */
function parameters(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const extended = new Map<string, { index: number; value: string; encoded: boolean }[]>();
  for (const piece of text.split(';')) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    const value = piece.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    const star = /^([^*]+)\*(?:(\d+)\*?|)$/.exec(key);
    const encoded = key.endsWith('*');
    if (star) {
      const list = extended.get(star[1]!) ?? [];
      list.push({ index: Number(star[2] ?? 0), value, encoded });
      extended.set(star[1]!, list);
    } else {
      params.set(key, value);
    }
  }
  for (const [key, list] of extended) {
    const joined = list
      .sort((a, b) => a.index - b.index)
      .map((p) => (p.encoded ? p.value : encodeURIComponent(p.value)))
      .join('');
    params.set(key, decodeURIComponent(joined.replace(/^[^']*'[^']*'/, '')));
  }
  return params;
}

function fileNameOf(part: MimePart): string {
  const disposition = parameters((part.headers.get('content-disposition') ?? '').split(';').slice(1).join(';'));
  return decodeWords(disposition.get('filename') ?? part.params.get('name') ?? '');
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), adjacent ones joined. */
function decodeWords(text: string): string {
  return text.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)(\s+(?==\?))?/g, '$1').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, data: string) => {
    const bytes = kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : quotedPrintable(data.replace(/_/g, ' '));
    return bytes.toString('utf8');
  });
}

function quotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(soft.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

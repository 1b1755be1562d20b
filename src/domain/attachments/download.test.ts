import { describe, expect, it } from 'vitest';
import { asciiFileName, contentDisposition, downloadHeaders, encodeRfc5987 } from './download.js';

describe('Content-Disposition', () => {
  it.each([
    {
      type: 'image/png' as const,
      name: '破损照片.png',
      expected: `inline; filename="attachment.png"; filename*=UTF-8''%E7%A0%B4%E6%8D%9F%E7%85%A7%E7%89%87.png`,
    },
    {
      type: 'application/pdf' as const,
      name: '签收单 SF123.pdf',
      expected: `attachment; filename="___ SF123.pdf"; filename*=UTF-8''%E7%AD%BE%E6%94%B6%E5%8D%95%20SF123.pdf`,
    },
    { type: 'image/heic' as const, name: 'IMG_0001.HEIC', expected: `attachment; filename="IMG_0001.HEIC"; filename*=UTF-8''IMG_0001.HEIC` },
    { type: 'image/jpeg' as const, name: `it's (1)*.jpg`, expected: `inline; filename="it's (1)*.jpg"; filename*=UTF-8''it%27s%20%281%29%2A.jpg` },
  ])('$type $name', ({ type, name, expected }) => {
    expect(contentDisposition(type, name)).toBe(expected);
  });

  it('never lets a quote, backslash or line break into the plain filename', () => {
    expect(asciiFileName('a"b\\c\r\nd.png')).toBe('a_b_c__d.png');
    expect(asciiFileName('%22.pdf')).toBe('_22.pdf');
  });

  it('encodes what RFC 5987 does not allow bare', () => {
    expect(encodeRfc5987("a b'c(d)*e")).toBe('a%20b%27c%28d%29%2Ae');
  });
});

describe('downloadHeaders', () => {
  it('names the sniffed type, forbids sniffing and scripts, and is never cached publicly', () => {
    expect(downloadHeaders('application/pdf', 'slip.pdf', 1234)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': '1234',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    });
  });
});

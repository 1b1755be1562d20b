import { describe, expect, it } from 'vitest';
import { ATTACHMENT_FILE_NAME_MAX } from '../limits.js';
import { isInlineImage, safeFileName, sniffMediaType, storedFileName, type AttachmentMediaType } from './sniff.js';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
/** An ISO-BMFF `ftyp` box: major brand, minor version 0, compatible brands; then some payload. */
const ftyp = (major: string, ...compatible: string[]) =>
  bytes(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], compatible.join(''), u32(8), 'meta');

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], u32(13), 'IHDR', u32(1), u32(1), [8, 6, 0, 0, 0]);

describe('sniffMediaType: the bytes decide', () => {
  it.each<{ name: string; input: Uint8Array; expected: AttachmentMediaType | null }>([
    { name: 'JPEG (JFIF)', input: bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'), expected: 'image/jpeg' },
    { name: 'JPEG (Exif, phone camera)', input: bytes([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10], 'Exif'), expected: 'image/jpeg' },
    { name: 'JPEG (raw DQT)', input: bytes([0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43]), expected: 'image/jpeg' },
    { name: 'PNG', input: PNG, expected: 'image/png' },
    { name: 'WebP lossy', input: bytes('RIFF', u32(100), 'WEBP', 'VP8 ', u32(10)), expected: 'image/webp' },
    { name: 'WebP lossless', input: bytes('RIFF', u32(100), 'WEBP', 'VP8L', u32(10)), expected: 'image/webp' },
    { name: 'WebP extended', input: bytes('RIFF', u32(100), 'WEBP', 'VP8X', u32(10)), expected: 'image/webp' },
    { name: 'PDF 1.7', input: bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), expected: 'application/pdf' },
    { name: 'PDF 2.0', input: bytes('%PDF-2.0\n'), expected: 'application/pdf' },
    { name: 'HEIC from an iPhone (heic, mif1)', input: ftyp('heic', 'mif1', 'heic'), expected: 'image/heic' },
    { name: 'HEIC burst (hevc)', input: ftyp('hevc', 'msf1', 'hevc'), expected: 'image/heic' },
    { name: 'HEIF, major mif1 with a heic brand', input: ftyp('mif1', 'mif1', 'heic'), expected: 'image/heic' },
    { name: 'HEIF, generic', input: ftyp('mif1', 'mif1'), expected: 'image/heif' },
    { name: 'AVIF (same container, not accepted)', input: ftyp('avif', 'mif1', 'miaf'), expected: null },
    { name: 'AVIF under a mif1 major brand', input: ftyp('mif1', 'mif1', 'avif'), expected: null },
    { name: 'MP4 video', input: ftyp('isom', 'isom', 'iso2', 'mp41'), expected: null },
    { name: 'QuickTime video', input: ftyp('qt  ', 'qt  '), expected: null },
    { name: 'ftyp box larger than the file', input: bytes(u32(4000), 'ftyp', 'heic', [0, 0, 0, 0]), expected: null },
    { name: 'GIF (not accepted)', input: bytes('GIF89a', [1, 0, 1, 0]), expected: null },
    { name: 'HTML', input: bytes('<!doctype html><script>alert(1)</script>'), expected: null },
    { name: 'SVG', input: bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), expected: null },
    { name: 'PDF behind leading junk (polyglot)', input: bytes('<html>%PDF-1.4\n'), expected: null },
    { name: 'RIFF that is not WebP (WAV)', input: bytes('RIFF', u32(100), 'WAVE', 'fmt '), expected: null },
    { name: 'PNG signature without IHDR', input: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), expected: null },
    { name: 'Windows executable', input: bytes('MZ', [0x90, 0, 3, 0]), expected: null },
    { name: 'ZIP', input: bytes('PK', [3, 4, 20, 0]), expected: null },
    { name: 'three bytes of JPEG only', input: bytes([0xff, 0xd8, 0xff]), expected: null },
    { name: 'empty', input: new Uint8Array(), expected: null },
  ])('$name → $expected', ({ input, expected }) => {
    expect(sniffMediaType(input)).toBe(expected);
  });

  it('reads a Buffer as well as a Uint8Array', () => {
    expect(sniffMediaType(Buffer.from(PNG))).toBe('image/png');
  });

  it('shows only browser-native images inline', () => {
    expect(isInlineImage('image/png')).toBe(true);
    expect(isInlineImage('image/jpeg')).toBe(true);
    expect(isInlineImage('image/webp')).toBe(true);
    expect(isInlineImage('image/heic')).toBe(false);
    expect(isInlineImage('application/pdf')).toBe(false);
  });
});

describe('safeFileName', () => {
  it.each([
    { input: '破损照片.jpg', expected: '破损照片.jpg' },
    { input: '签收单 2026-11-22.pdf', expected: '签收单 2026-11-22.pdf' },
    { input: 'C:\\Users\\王\\Desktop\\破损.png', expected: '破损.png' },
    { input: '../../etc/passwd', expected: 'passwd' },
    { input: '/var/data/attachments/x.png', expected: 'x.png' },
    { input: '..', expected: 'attachment' },
    { input: '.htaccess', expected: 'htaccess' },
    { input: 'photo.jpg...  ', expected: 'photo.jpg' },
    { input: 'a\u0000b\u0007c\r\n.png', expected: 'abc.png' },
    { input: 'invoice\u202Egnp.exe', expected: 'invoicegnp.exe' },
    { input: 'zero\u200Bwidth.png', expected: 'zerowidth.png' },
    { input: 'a<b>c:d"e|f?g*h.pdf', expected: 'a_b_c_d_e_f_g_h.pdf' },
    { input: 'many   \t spaces.png', expected: 'many spaces.png' },
    { input: 'CON.png', expected: '_CON.png' },
    { input: 'lpt1', expected: '_lpt1' },
    { input: '', expected: 'attachment' },
    { input: '\u0000\u0001', expected: 'attachment' },
    { input: 'e\u0301.png', expected: 'é.png' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('cuts long names to the limit in characters, keeping the extension and whole Chinese characters', () => {
    const long = `${'快递破损照片'.repeat(40)}.jpeg`;
    const safe = safeFileName(long);
    expect(Array.from(safe)).toHaveLength(ATTACHMENT_FILE_NAME_MAX);
    expect(safe.endsWith('片.jpeg') || safe.endsWith('.jpeg')).toBe(true);
    expect(safe.startsWith('快递破损照片')).toBe(true);
    expect(safeFileName('a'.repeat(300))).toBe('a'.repeat(ATTACHMENT_FILE_NAME_MAX));
  });

  it('keeps astral characters whole when cutting', () => {
    const safe = safeFileName(`${'📦'.repeat(200)}.png`, 10);
    expect(safe).toBe(`${'📦'.repeat(6)}.png`);
  });
});

describe('storedFileName: the extension matches the bytes', () => {
  it.each<{ declared: string | undefined; type: AttachmentMediaType; expected: string }>([
    { declared: '破损.jpg', type: 'image/jpeg', expected: '破损.jpg' },
    { declared: '破损.JPEG', type: 'image/jpeg', expected: '破损.JPEG' },
    { declared: 'photo.exe', type: 'image/jpeg', expected: 'photo.exe.jpg' },
    { declared: 'slip.png', type: 'application/pdf', expected: 'slip.png.pdf' },
    { declared: 'IMG_0001.HEIC', type: 'image/heic', expected: 'IMG_0001.HEIC' },
    { declared: 'scan', type: 'image/png', expected: 'scan.png' },
    { declared: '', type: 'image/webp', expected: 'attachment.webp' },
    { declared: undefined, type: 'application/pdf', expected: 'attachment.pdf' },
  ])('$declared as $type → $expected', ({ declared, type, expected }) => {
    expect(storedFileName(declared, type)).toBe(expected);
  });

  it('a name at the limit still gets its extension', () => {
    const name = storedFileName('长'.repeat(ATTACHMENT_FILE_NAME_MAX), 'image/png');
    expect(name.endsWith('.png')).toBe(true);
    expect(Array.from(name)).toHaveLength(ATTACHMENT_FILE_NAME_MAX);
  });
});

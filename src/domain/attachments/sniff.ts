/**
 * What an uploaded file really is, read from its first bytes (magic numbers), and the name it is
 * kept under. The declared Content-Type and the file name are the uploader's claims and decide
 * nothing: an HTML page renamed `破损.png` and sent as `image/png` is still an HTML page.
 * Pure: bytes and strings in, answers out.
 */
import { ATTACHMENT_FILE_NAME_MAX, ATTACHMENT_MEDIA_TYPES } from '../limits.js';

export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

function hasText(bytes: Uint8Array, offset: number, text: string): boolean {
  if (bytes.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

function textAt(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function uint32At(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) >>> 0) + (bytes[offset + 1]! << 16) + (bytes[offset + 2]! << 8) + bytes[offset + 3]!;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** ISO-BMFF brands of HEIF images coded with HEVC (what iPhones and most Android phones write). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
/** Generic HEIF brands: an image (mif1) or an image sequence (msf1), codec unnamed. */
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
/** AVIF uses the same container; it is not on the list, so its brands disqualify. */
const AVIF_BRANDS = new Set(['avif', 'avis']);

/**
 * HEIC/HEIF: the file opens with an `ftyp` box whose major or compatible brands name HEIF. Video
 * files (mp4, mov, 3gp) and AVIF share the container and are refused by their brands.
 */
function sniffHeif(bytes: Uint8Array): AttachmentMediaType | null {
  if (bytes.length < 16 || !hasText(bytes, 4, 'ftyp')) return null;
  const boxSize = uint32At(bytes, 0);
  if (boxSize < 16 || boxSize > bytes.length || boxSize % 4 !== 0 || boxSize > 4096) return null;
  const major = textAt(bytes, 8, 4);
  const compatible: string[] = [];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) compatible.push(textAt(bytes, offset, 4));
  if (HEIC_BRANDS.has(major)) return 'image/heic';
  if (!HEIF_BRANDS.has(major)) return null;
  if (compatible.some((b) => AVIF_BRANDS.has(b))) return null;
  return compatible.some((b) => HEIC_BRANDS.has(b)) ? 'image/heic' : 'image/heif';
}

/**
 * The media type of `bytes` if it is one ParcelDesk accepts (JPEG, PNG, WebP, HEIC/HEIF, PDF),
 * else null. Only the content counts.
 */
export function sniffMediaType(bytes: Uint8Array): AttachmentMediaType | null {
  // JPEG: SOI marker FF D8, then the next marker (APPn, DQT, SOF…) starts with FF.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3]! >= 0xc0 && bytes[3] !== 0xff) {
    return 'image/jpeg';
  }
  // PNG: the 8-byte signature, and the first chunk is always IHDR.
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b) && hasText(bytes, 12, 'IHDR')) return 'image/png';
  // WebP: a RIFF container of form WEBP whose first chunk is VP8 (lossy), VP8L (lossless) or VP8X.
  if (hasText(bytes, 0, 'RIFF') && hasText(bytes, 8, 'WEBP') && ['VP8 ', 'VP8L', 'VP8X'].some((c) => hasText(bytes, 12, c))) {
    return 'image/webp';
  }
  // PDF: the header %PDF-1.x / %PDF-2.x at the very start (no leading junk: that is how polyglots hide).
  if (hasText(bytes, 0, '%PDF-') && (bytes[5] === 0x31 || bytes[5] === 0x32) && bytes[6] === 0x2e) return 'application/pdf';
  return sniffHeif(bytes);
}

export function isAttachmentMediaType(value: string): value is AttachmentMediaType {
  return (ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(value);
}

/** Images every browser shows on its own; only these may be shown inline. HEIC is not one. */
export function isInlineImage(mediaType: AttachmentMediaType): boolean {
  return mediaType === 'image/jpeg' || mediaType === 'image/png' || mediaType === 'image/webp';
}

const EXTENSIONS: Record<AttachmentMediaType, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
  'image/heif': ['heif', 'heic'],
  'application/pdf': ['pdf'],
};

const FALLBACK_NAME = 'attachment';
/** Device names Windows will not save a file under, whatever the extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;
/** Longest part after the last dot still treated as an extension when a long name is cut. */
const EXTENSION_MAX = 10;

/**
 * A file name safe to store and to offer for download: the last path segment only, no control,
 * format (bidi override, zero-width) or separator characters, no characters Windows forbids, no
 * leading or trailing dots, at most `max` characters (keeping the extension). Chinese and other
 * scripts stay as they are. Empty leftovers become "attachment".
 */
export function safeFileName(name: string, max: number = ATTACHMENT_FILE_NAME_MAX): string {
  const lastSegment = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let cleaned = lastSegment
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (WINDOWS_DEVICE.test(cleaned)) cleaned = `_${cleaned}`;
  const chars = Array.from(cleaned);
  if (chars.length > max) {
    const dot = cleaned.lastIndexOf('.');
    const extension = dot > 0 ? cleaned.slice(dot) : '';
    const keep = extension.length > 1 && Array.from(extension).length <= EXTENSION_MAX + 1 && !extension.includes(' ') ? extension : '';
    const stem = Array.from(keep ? cleaned.slice(0, dot) : cleaned)
      .slice(0, max - Array.from(keep).length)
      .join('')
      .replace(/[.\s]+$/u, '');
    cleaned = `${stem}${keep}`;
  }
  return cleaned || FALLBACK_NAME;
}

/**
 * The name an attachment is kept and offered under: `safeFileName`, with an extension that
 * matches what the bytes are. `photo.exe` holding a JPEG becomes `photo.exe.jpg`, so no system
 * ever opens it as something else.
 */
export function storedFileName(declared: string | undefined, mediaType: AttachmentMediaType): string {
  const safe = safeFileName(declared ?? '');
  const extension = /\.([^.]+)$/.exec(safe)?.[1]?.toLowerCase();
  const accepted = EXTENSIONS[mediaType];
  if (extension && accepted.includes(extension)) return safe;
  return safeFileName(`${safe}.${accepted[0]!}`);
}

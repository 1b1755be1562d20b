/**
 * The headers an attachment is served with. Uploaded bytes are the customer's or an agent's, not
 * ours: the browser is told exactly what they are (no sniffing), to save rather than open them
 * (images excepted), and to run nothing if it opens them anyway. Pure.
 */
import { isInlineImage, type AttachmentMediaType } from './sniff.js';

/** RFC 5987 `value-chars`: UTF-8, percent-encoded, only attr-char left bare. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The plain `filename=` for clients that do not read `filename*`: printable ASCII without quotes
 * or backslashes; a name with nothing readable left becomes `attachment.<ext>`.
 */
export function asciiFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const extension = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const plain = stem.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `${/[A-Za-z0-9]/.test(plain) ? plain : 'attachment'}${extension}`;
}

/** RFC 6266 Content-Disposition: inline only for images a browser shows itself. */
export function contentDisposition(mediaType: AttachmentMediaType, fileName: string): string {
  const kind = isInlineImage(mediaType) ? 'inline' : 'attachment';
  return `${kind}; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

export function downloadHeaders(mediaType: AttachmentMediaType, fileName: string, sizeBytes: number): Record<string, string> {
  return {
    'content-type': mediaType,
    'content-length': String(sizeBytes),
    'content-disposition': contentDisposition(mediaType, fileName),
    'x-content-type-options': 'nosniff',
    // Opened in a tab, the file gets no scripts, no plugins, no forms, no same-origin access.
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  };
}

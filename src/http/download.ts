/**
 * A document we made (report, work plan, invoice, export) sent as a download: its type, its
 * length, saved under its name in any browser (RFC 6266 with the RFC 5987 UTF-8 name beside a
 * plain ASCII one), never sniffed, never cached by a shared cache.
 */
import type { FastifyReply } from 'fastify';
import { asciiFileName, encodeRfc5987 } from '../domain/attachments/download.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Download {
  fileName: string;
  /** the plain name for clients that do not read `filename*`; made from `fileName` when left out */
  asciiFileName?: string;
  contentType: string;
  content: Buffer;
}

export function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  return reply
    .headers({
      'content-type': file.contentType,
      'content-length': String(file.content.length),
      'content-disposition': `attachment; filename="${file.asciiFileName ?? asciiFileName(file.fileName)}"; filename*=UTF-8''${encodeRfc5987(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    })
    .send(file.content);
}

/**
 * Text of the ticket attachments in English. Typed against attachments.zh-CN.ts: a key missing
 * here, or one it does not have, fails the type check.
 */
import type attachmentsZhCN from './attachments.zh-CN';

const attachmentsEnUS: { readonly [K in keyof typeof attachmentsZhCN]: string } = {
  'attachments.title': 'Attachments',
  'attachments.titleCount': 'Attachments ({count})',
  'attachments.upload': 'Upload a file',
  'attachments.hint': 'JPEG, PNG, WebP or HEIC images or PDF, up to {max} each; the type is read from the content.',
  'attachments.empty': 'No attachments',
  'attachments.uploaded': 'Uploaded “{name}”.',
  'attachments.tooLarge': '“{name}” is larger than {max}; please make it smaller and upload again.',
  'attachments.byCustomer': 'From the customer',
  'attachments.open': 'Open',
  'attachments.download': 'Download',
  'attachments.thumbnailAlt': 'Attached image: {name}',
};

export default attachmentsEnUS;

/**
 * Text of the ticket attachments (附件: damage photos, signed delivery slips), in Simplified
 * Chinese — the source of these keys. Spread into zh-CN.ts; attachments.en-US.ts is typed against it.
 */
const attachmentsZhCN = {
  'attachments.title': '附件',
  'attachments.titleCount': '附件（{count}）',
  'attachments.upload': '上传附件',
  'attachments.hint': '支持 JPEG、PNG、WebP、HEIC 图片或 PDF，单个不超过 {max}；文件类型按内容识别。',
  'attachments.empty': '暂无附件',
  'attachments.uploaded': '已上传“{name}”。',
  'attachments.tooLarge': '“{name}”超过 {max}，请压缩后再上传。',
  'attachments.byCustomer': '客户上传',
  'attachments.open': '查看',
  'attachments.download': '下载',
  'attachments.thumbnailAlt': '附件图片：{name}',
} as const;

export default attachmentsZhCN;

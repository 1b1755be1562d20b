/**
 * Text of the API keys page (系统管理 → API 密钥: keys for scanners, order systems and other
 * machine clients), in Simplified Chinese — the source of these keys. Spread into zh-CN.ts;
 * apiKeys.en-US.ts is typed against it.
 */
const apiKeysZhCN = {
  'nav.apiKeys': 'API 密钥',
  'capability.apiKeys': '为扫描枪、下单系统等对接程序签发 API 密钥，查看最近使用时间，随时吊销。',
  'role.integration': '系统对接',

  'apiKeys.title': 'API 密钥',
  'apiKeys.subtitle': '对接程序（扫描枪、下单系统等）用 API 密钥调用接口。密钥只在签发时显示一次。',
  'apiKeys.issue': '签发密钥',
  'apiKeys.showRevoked': '显示已吊销',
  'apiKeys.col.name': '名称',
  'apiKeys.col.prefix': '密钥前缀',
  'apiKeys.col.role': '角色',
  'apiKeys.col.createdAt': '签发时间',
  'apiKeys.col.lastUsedAt': '最近使用',
  'apiKeys.col.status': '状态',
  'apiKeys.neverUsed': '从未使用',
  'apiKeys.status.active': '有效',
  'apiKeys.status.revoked': '已于 {at} 吊销',
  'apiKeys.empty': '还没有 API 密钥',
  'apiKeys.emptyActive': '没有有效的 API 密钥；已吊销的密钥可打开“显示已吊销”查看',
  'apiKeys.revoke': '吊销',
  'apiKeys.revokeConfirm': '确定吊销密钥「{name}」吗？',
  'apiKeys.revokeHint': '吊销后，使用此密钥的程序将立即无法调用接口，且不能恢复。',
  'apiKeys.revoked': '已吊销密钥「{name}」。',
  'apiKeys.issueTitle': '签发 API 密钥',
  'apiKeys.field.name': '名称',
  'apiKeys.field.role': '角色',
  'apiKeys.placeholder.name': '例如：浦东转运中心扫描枪',
  'apiKeys.hint.name': '说明谁在使用这把密钥，便于日后识别和吊销。',
  'apiKeys.hint.integration': '系统对接：只能上报轨迹和登记快件，适合扫描枪和下单系统。',
  'apiKeys.hint.staffRole': '使用此密钥的程序将拥有「{role}」的全部权限，请仅在确有需要时选择。',
  'apiKeys.v.nameRequired': '请输入名称',
  'apiKeys.v.nameLength': '名称最多 {max} 个字符',
  'apiKeys.v.roleRequired': '请选择角色',
  'apiKeys.secretTitle': '已签发密钥「{name}」',
  'apiKeys.secretWarning': '请立即复制并妥善保存：关闭此窗口后将无法再次查看此密钥。',
  'apiKeys.secretWarningDetail': '系统只保存密钥的摘要。如果遗失，只能吊销后重新签发。',
  'apiKeys.copy': '复制密钥',
  'apiKeys.copied': '已复制到剪贴板。',
  'apiKeys.copyFailed': '无法自动复制，请手动选中密钥复制。',
  'apiKeys.usageTitle': '使用方法',
  'apiKeys.usageHeader': '在每个请求的请求头中带上：',
  'apiKeys.usageEndpoints': '可调用的接口：',
  'apiKeys.usage.events': '上报轨迹（扫描枪，每批最多 5,000 条）',
  'apiKeys.usage.shipments': '登记快件（下单系统，每批最多 1,000 件）',
  'apiKeys.usageFeeds':
    '快递100 推送（POST /api/feeds/kuaidi100）和 AfterShip 回调（POST /api/feeds/aftership）不使用 API 密钥，而是按各自的签名验证（KUAIDI100_SALT、AFTERSHIP_SECRET）。',
  'apiKeys.usageDocs': '完整说明见接口文档 /docs。',
  'apiKeys.secretDone': '我已保存密钥',
} as const;

export default apiKeysZhCN;

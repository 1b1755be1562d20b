/** Text of a monthly account's statement on the customer page, in Simplified Chinese — the source of these keys. */
const statementZhCN = {
  'statement.tab': '月结对账单',
  'statement.account': '月结账号',
  'statement.month': '月份',
  'statement.hint': '该月结账号当月因理赔冲账的金额，以及冲账的冲正；金额以元计，冲正单列一行。',
  'statement.col.at': '日期',
  'statement.col.kind': '类别',
  'statement.col.waybill': '运单号',
  'statement.col.claim': '理赔',
  'statement.col.amount': '冲账金额（元）',
  'statement.col.reference': '摘要',
  'statement.kind.credit_note': '理赔冲账',
  'statement.kind.reversal': '冲正',
  'statement.total': '本月冲账合计：{amount} 元',
  'statement.none': '该月没有理赔冲账。',
  'statement.openClaim': '查看理赔',
};

export default statementZhCN;

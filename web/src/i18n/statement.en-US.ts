/** Text of a monthly account's statement on the customer page, in English. */
import type statementZhCN from './statement.zh-CN';

const statementEnUS: Record<keyof typeof statementZhCN, string> = {
  'statement.tab': 'Monthly statement',
  'statement.account': 'Monthly account',
  'statement.month': 'Month',
  'statement.hint': 'Credit notes the account received from settled claims in the month, and their reversals, each on its own line; amounts in yuan.',
  'statement.col.at': 'Date',
  'statement.col.kind': 'Entry',
  'statement.col.waybill': 'Waybill',
  'statement.col.claim': 'Claim',
  'statement.col.amount': 'Credit (yuan)',
  'statement.col.reference': 'Reference',
  'statement.kind.credit_note': 'Claim credit note',
  'statement.kind.reversal': 'Reversal',
  'statement.total': 'Credited this month: {amount} yuan',
  'statement.none': 'No claim credit notes this month.',
  'statement.openClaim': 'Open claim',
};

export default statementEnUS;

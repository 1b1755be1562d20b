/** Text of the claims' clocks on the supervisor's board, in English. */
import type claimClocksZhCN from './claimClocks.zh-CN';

const claimClocksEnUS: Record<keyof typeof claimClocksZhCN, string> = {
  'claimClocks.title': 'Claim deadlines',
  'claimClocks.hint': 'Claim answer (1 working day after complete evidence), payment (within 7 days of approval) and the statutory complaint limit (7 days from filing); paused while the customer is asked for more evidence.',
  'claimClocks.breached': 'Past due ({n})',
  'claimClocks.atRisk': 'Due soon ({n})',
  'claimClocks.none': 'No claim is past due or due soon.',
  'claimClocks.col.due': 'Due',
  'claimClocks.col.waybill': 'Waybill',
  'claimClocks.col.clock': 'Deadline',
  'claimClocks.col.type': 'Claim type',
  'claimClocks.col.status': 'Status',
  'claimClocks.clock.answer': 'Claim answer',
  'claimClocks.clock.payment': 'Payment',
  'claimClocks.clock.complaint_ceiling': 'Statutory complaint limit',
  'claimClocks.status.breached': 'Past due',
  'claimClocks.status.warning': 'Due soon',
  'claimClocks.status.paused': 'Paused (awaiting customer evidence)',
  'claimClocks.breachedAt': 'Past due since {at}',
  'claimClocks.type.delay': 'Delay',
  'claimClocks.type.loss': 'Loss',
  'claimClocks.type.damage': 'Damage',
  'claimClocks.type.short_contents': 'Short contents',
  'claimClocks.type.frozen_spoiled': 'Frozen / spoiled',
  'claimClocks.type.wrong_delivery': 'Wrong delivery',
};

export default claimClocksEnUS;

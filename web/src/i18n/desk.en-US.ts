/** Text of the account managers' desk, in English; typed against desk.zh-CN.ts. */
import type deskZhCN from './desk.zh-CN';

const deskEnUS: { readonly [K in keyof typeof deskZhCN]: string } = {
  'desk.overdue.title': 'Overdue planned callbacks to key accounts',
  'desk.overdue.col.customer': 'Customer',
  'desk.overdue.col.manager': 'Account manager',
  'desk.overdue.col.due': 'Due',
  'desk.overdue.col.late': 'Overdue',
  'desk.overdue.days': '{n} days',
  'desk.overdue.noManager': 'None named',
  'desk.overdue.none': 'No planned callback is overdue.',
};

export default deskEnUS;

/** Text of the account managers' desk (planned callbacks to key accounts), in Simplified Chinese — the source of these keys. */
const deskZhCN = {
  'desk.overdue.title': '逾期的大客户计划回访',
  'desk.overdue.col.customer': '客户',
  'desk.overdue.col.manager': '客户经理',
  'desk.overdue.col.due': '应回访日期',
  'desk.overdue.col.late': '逾期',
  'desk.overdue.days': '{n} 天',
  'desk.overdue.noManager': '未指定',
  'desk.overdue.none': '没有逾期的计划回访。',
} as const;

export default deskZhCN;

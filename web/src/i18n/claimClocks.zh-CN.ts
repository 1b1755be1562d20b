/** Text of the claims' clocks on the supervisor's board, in Simplified Chinese — the source of these keys. */
const claimClocksZhCN = {
  'claimClocks.title': '理赔时限',
  'claimClocks.hint': '理赔答复（材料齐全后 1 个工作日）、赔付（批准后 7 日内）与投诉处理法定上限（受理后 7 日）；向客户补充材料期间计时暂停。',
  'claimClocks.breached': '已超时（{n}）',
  'claimClocks.atRisk': '即将超时（{n}）',
  'claimClocks.none': '没有超时或即将超时的理赔。',
  'claimClocks.col.due': '截止',
  'claimClocks.col.waybill': '运单号',
  'claimClocks.col.clock': '时限',
  'claimClocks.col.type': '理赔类型',
  'claimClocks.col.status': '状态',
  'claimClocks.clock.answer': '理赔答复',
  'claimClocks.clock.payment': '赔付',
  'claimClocks.clock.complaint_ceiling': '投诉处理法定上限',
  'claimClocks.status.breached': '已超时',
  'claimClocks.status.warning': '即将超时',
  'claimClocks.status.paused': '暂停（待客户补充材料）',
  'claimClocks.breachedAt': '超时于 {at}',
  'claimClocks.type.delay': '延误',
  'claimClocks.type.loss': '丢失',
  'claimClocks.type.damage': '破损',
  'claimClocks.type.short_contents': '短少',
  'claimClocks.type.frozen_spoiled': '受冻/变质',
  'claimClocks.type.wrong_delivery': '错派/冒领',
};

export default claimClocksZhCN;

/**
 * How every code of the claims core reads, in zh-CN and en-US (the server's messages, the console
 * and the customer pages read the same words): claim types, states, actions, evidence, proposal
 * lines, settlement kinds, approval levels, responsibility bases and every refusal code. Chinese
 * with full-width punctuation. Pure: the console imports it.
 */
import type { ApprovalLevel, ApprovalRefusalCode, OverrideRefusalCode } from './approval.js';
import type { ClaimAction, ClaimMoveRefusalCode, ClaimState } from './claim-state.js';
import type { EvidenceReview } from './evidence.js';
import type { ClaimsPolicyProblemCode, ClaimType, EvidenceItem, EvidenceNeed, PaymentTerm } from './policy.js';
import type { ProposalLine, ProposalLineCode, ProposalRefusalCode } from './proposal.js';
import type { ResponsibilityBasis } from './responsibility.js';
import type { LedgerKind, LedgerRefusalCode } from './settlement.js';

export type ClaimLocale = 'zh-CN' | 'en-US';
export type ClaimLabel = Record<ClaimLocale, string>;

const l = (zh: string, en: string): ClaimLabel => ({ 'zh-CN': zh, 'en-US': en });

export const CLAIM_TYPE_LABELS: Record<ClaimType, ClaimLabel> = {
  delay: l('延误', 'Delay'),
  loss: l('丢失', 'Loss'),
  damage: l('破损', 'Damage'),
  short_contents: l('内件短少', 'Short contents'),
  frozen_spoiled: l('受冻、变质', 'Frozen or spoiled'),
  wrong_delivery: l('错派、冒领', 'Wrong delivery or taken by someone else'),
};

export const PAYMENT_TERM_LABELS: Record<PaymentTerm, ClaimLabel> = {
  sender_pays: l('寄付', 'Sender pays'),
  collect: l('到付', 'Freight collect'),
  monthly: l('月结', 'Monthly account'),
};

export const CLAIM_STATE_LABELS: Record<ClaimState, ClaimLabel> = {
  opened: l('已受理', 'Opened'),
  awaiting_evidence: l('待补充材料', 'Awaiting evidence'),
  evidence_complete: l('材料齐全', 'Evidence complete'),
  proposed: l('待审批', 'Proposed, awaiting approval'),
  approved: l('已批准', 'Approved'),
  rejected: l('不予赔偿', 'Rejected'),
  disputed: l('客户有异议，主管复核中', 'Disputed, with a supervisor'),
  settled: l('已赔付', 'Settled'),
  closed: l('已结案', 'Closed'),
};

export const CLAIM_ACTION_LABELS: Record<ClaimAction, ClaimLabel> = {
  request_evidence: l('请客户补充材料', 'Ask the customer for evidence'),
  complete_evidence: l('确认材料齐全', 'Confirm the evidence is complete'),
  propose: l('提出赔偿建议', 'Propose compensation'),
  approve: l('批准', 'Approve'),
  reject: l('不批准', 'Reject'),
  accept: l('客户接受赔偿方案', 'The customer accepts the offer'),
  dispute: l('客户提出异议', 'The customer disputes it'),
  settle: l('赔付', 'Settle'),
  close: l('结案', 'Close'),
  withdraw: l('撤销理赔', 'Withdraw the claim'),
};

export const EVIDENCE_ITEM_LABELS: Record<EvidenceItem, ClaimLabel> = {
  outer_packaging_photo: l('外包装照片', 'Photo of the outer packaging'),
  item_photo: l('物品照片', 'Photo of the item'),
  signed_delivery_slip: l('快递员签字确认的签收单（注明异常）', 'Delivery slip with the problem noted and signed by the courier'),
  weight_at_delivery: l('签收时称重记录', 'Weight at delivery'),
  purchase_proof: l('购买凭证（发票或订单截图）', 'Proof of purchase (invoice or order)'),
  contents_list: l('内件清单', 'List of contents'),
  time_critical_declaration: l('寄件时声明的时限要求', 'The deadline declared at sending'),
};

export const EVIDENCE_NEED_LABELS: Record<EvidenceNeed, ClaimLabel> = {
  required: l('必须提供', 'Required'),
  optional: l('可选', 'Optional'),
  required_above_threshold: l('超过限额时必须提供', 'Required above the threshold'),
};

export const EVIDENCE_REVIEW_LABELS: Record<EvidenceReview, ClaimLabel> = {
  pending: l('待审核', 'Waiting for review'),
  accepted: l('已通过', 'Accepted'),
  rejected: l('未通过', 'Rejected'),
};

export const PROPOSAL_LINE_LABELS: Record<ProposalLineCode, ClaimLabel> = {
  DELAY_NOT_ESTABLISHED: l('未超过承诺时限，不构成延误', 'Not past the promised time: no delay'),
  DELAY_FREIGHT_WAIVED: l('延误：免除本次运费', 'Delay: this shipment’s freight waived'),
  DELAY_TREATED_AS_LOSS: l('延误使内件价值丧失，按丢失赔偿', 'The delay destroyed the value: compensated as a loss'),
  WRONG_DELIVERY_AS_LOSS: l('错派、冒领，按丢失赔偿', 'Wrong delivery: compensated as a loss'),
  INSURED_VALUE: l('按保价金额赔偿', 'The insured value'),
  INSURED_VALUE_SHARE: l('按保价金额的损失比例赔偿', 'The insured value in proportion to the loss'),
  ACTUAL_LOSS: l('未保价：按实际损失赔偿', 'Uninsured: the actual loss'),
  ACTUAL_LOSS_SHARE: l('未保价：按实际损失的比例赔偿', 'Uninsured: the actual loss in proportion'),
  UNINSURED_CAP: l('未保价赔偿以运费倍数为上限', 'Uninsured: capped at a multiple of the freight'),
  FREIGHT_REFUNDED: l('退还本次运费', 'This shipment’s freight refunded'),
  INSURANCE_FEE_NOT_REFUNDED: l('保价费不退', 'The insurance fee is not refunded'),
  CAPPED_AT_CLAIMED: l('不超过客户索赔金额', 'Not more than the amount claimed'),
};

export const LEDGER_KIND_LABELS: Record<LedgerKind, ClaimLabel> = {
  payout: l('赔付打款', 'Payout'),
  deduction: l('从到付运费中扣减', 'Deducted from the freight to collect'),
  credit_note: l('月结冲账', 'Credit note on the monthly account'),
  chargeback: l('向责任网点追偿', 'Charged back to the station at fault'),
  reversal: l('冲正', 'Reversal'),
};

export const APPROVAL_LEVEL_LABELS: Record<ApprovalLevel, ClaimLabel> = {
  agent: l('客服专员', 'Agent'),
  supervisor: l('主管', 'Supervisor'),
  manager: l('经理', 'Manager'),
};

export const RESPONSIBILITY_BASIS_LABELS: Record<ResponsibilityBasis, ClaimLabel> = {
  damage_scan: l('破损扫描网点', 'Where it was scanned damaged'),
  refusal_scan: l('拒收扫描网点', 'Where it was refused'),
  delivery_scan: l('派送网点', 'The delivering station'),
  last_scan: l('最后扫描网点', 'The last station that scanned it'),
  longest_stay: l('停留最久的网点', 'Where it waited longest'),
};

type RefusalCode = ProposalRefusalCode | ApprovalRefusalCode | OverrideRefusalCode | LedgerRefusalCode | ClaimMoveRefusalCode | 'CLAIM_DUPLICATE_OPEN' | 'CLAIM_ALREADY_COMPENSATED' | 'RESPONSIBILITY_NO_SITE';

export const CLAIM_REFUSAL_LABELS: Record<RefusalCode, ClaimLabel> = {
  CLAIM_OUT_OF_VALIDITY: l('已超过理赔受理期限（自收寄之日起 1 年）', 'Past the period claims are accepted in (1 year from pickup)'),
  CLAIM_NOT_PICKED_UP: l('快件尚未揽收，不能申请理赔', 'The parcel was never picked up: there is nothing to claim'),
  CLAIM_FACTS_INVALID: l('理赔信息不完整或金额有误', 'The claim’s facts are incomplete or an amount is wrong'),
  APPROVAL_AMOUNT_INVALID: l('审批金额有误', 'The amount to approve is not valid'),
  APPROVAL_ROLE_CANNOT_DECIDE: l('您的角色不能审批理赔', 'Your role does not decide claims'),
  APPROVAL_OWN_CLAIM: l('不能审批自己经办或申请的理赔', 'You cannot decide a claim you opened, overrode or filed'),
  APPROVAL_LEVEL_TOO_LOW: l('该金额超出您的审批权限，须由上一级审批', 'The amount is above your approval limit: the next level decides'),
  APPROVAL_REASON_REQUIRED: l('不批准须填写原因', 'A rejection needs a reason'),
  OVERRIDE_REASON_REQUIRED: l('修改赔偿金额须填写原因', 'Changing the proposed amount needs a reason'),
  OVERRIDE_AMOUNT_INVALID: l('修改后的金额有误', 'The changed amount is not valid'),
  OVERRIDE_ABOVE_CLAIMED: l('赔偿金额不能超过客户索赔金额', 'The amount cannot exceed what was claimed'),
  OVERRIDE_SAME_AS_PROPOSAL: l('金额与系统建议相同，无须修改', 'The amount is the proposal’s: nothing to change'),
  SETTLEMENT_NOT_APPROVED: l('理赔尚未批准，不能赔付', 'The claim is not approved: it cannot be settled'),
  SETTLEMENT_AMOUNT_INVALID: l('赔付金额有误', 'The settlement amount is not valid'),
  SETTLEMENT_ALREADY_SETTLED: l('该理赔已赔付', 'The claim is already settled'),
  SETTLEMENT_EXCEEDS_APPROVED: l('赔付金额超过批准金额', 'The settlement exceeds the approved amount'),
  SETTLEMENT_REFERENCE_REQUIRED: l('须填写付款凭证号或原因', 'A payment reference or a reason is needed'),
  CHARGEBACK_STATION_REQUIRED: l('须指明追偿的责任网点', 'Name the station to charge back'),
  CHARGEBACK_EXCEEDS_COMPENSATION: l('追偿金额不能超过赔偿金额', 'A chargeback cannot exceed the compensation'),
  LEDGER_ENTRY_NOT_FOUND: l('找不到要冲正的记录', 'The entry to reverse was not found'),
  LEDGER_ENTRY_ALREADY_REVERSED: l('该记录已冲正', 'The entry is already reversed'),
  LEDGER_REVERSAL_OF_REVERSAL: l('冲正记录不能再冲正', 'A reversal cannot be reversed'),
  IDEMPOTENCY_KEY_REUSED: l('该请求编号已用于另一笔操作', 'This request key was already used for another operation'),
  CLAIM_DUPLICATE_OPEN: l('该快件已有同类理赔在处理中', 'A claim of this type is already open on this parcel'),
  CLAIM_ALREADY_COMPENSATED: l('该快件的同类理赔已赔付', 'A claim of this type on this parcel was already compensated'),
  CLAIM_CLOSED: l('理赔已结案', 'The claim is closed'),
  CLAIM_ALREADY_SETTLED: l('理赔已赔付，不能再更改', 'The claim is settled and can no longer change'),
  CLAIM_EVIDENCE_INCOMPLETE: l('必需的理赔材料尚未齐全', 'Required evidence is still missing'),
  CLAIM_NOT_PROPOSED: l('尚未提出赔偿建议', 'No compensation has been proposed yet'),
  CLAIM_NOT_APPROVED: l('理赔尚未批准', 'The claim is not approved'),
  CLAIM_TRANSITION_INVALID: l('理赔当前状态下不能进行此操作', 'This cannot be done in the claim’s current state'),
  CLAIM_OFFER_ALREADY_ACCEPTED: l('您已接受该赔偿方案', 'The offer was already accepted'),
  RESPONSIBILITY_NO_SITE: l('扫描记录中没有网点，请人工判定责任', 'No station in the scan trail: decide the responsibility by hand'),
};

export const CLAIMS_POLICY_PROBLEM_LABELS: Record<ClaimsPolicyProblemCode, ClaimLabel> = {
  not_an_object: l('规则格式不正确', 'The rules are not an object'),
  missing: l('缺少该规则', 'The rule is missing'),
  unknown_rule: l('未知的规则', 'Unknown rule'),
  not_a_number: l('须为数字', 'Must be a number'),
  not_an_integer: l('须为整数', 'Must be a whole number'),
  out_of_range: l('超出允许范围', 'Out of the allowed range'),
  wrong_unit: l('单位不正确', 'Wrong unit'),
  missing_source: l('须注明依据', 'Must say where it comes from'),
  tiers_out_of_order: l('主管审批限额不能低于客服专员', 'A supervisor’s limit cannot be below an agent’s'),
  unknown_evidence_item: l('未知的材料', 'Unknown evidence item'),
  unknown_evidence_need: l('须为必须、可选或超过限额时必须', 'Must be required, optional or required above the threshold'),
  duplicate_evidence_item: l('材料重复列出', 'The item is listed twice'),
};

/** Fen as yuan with two decimals and thousands separators: 1234567 → 12,345.67. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Where an uninsured claim's actual loss was taken from (proposal.ts). */
const BASIS_WORDS: Record<string, ClaimLabel> = {
  assessed: l('核定价值', 'assessed value'),
  declared: l('声明价值', 'declared value'),
  claimed: l('索赔金额', 'amount claimed'),
};

/** A proposal line as one sentence: its label, then the numbers it was computed from. */
export function describeProposalLine(line: ProposalLine, locale: ClaimLocale): string {
  const label = PROPOSAL_LINE_LABELS[line.code][locale];
  const zh = locale === 'zh-CN';
  const d = line.detail;
  const yuan = (key: string) => (zh ? `${formatYuan(Number(d[key]))} 元` : `${formatYuan(Number(d[key]))} yuan`);
  const percent = typeof d.shareBp === 'number' ? `${(d.shareBp / 100).toFixed(2).replace(/\.?0+$/, '')}%` : null;
  let facts: string | null;
  switch (line.code) {
    case 'INSURED_VALUE':
    case 'INSURED_VALUE_SHARE':
      facts = percent ? (zh ? `保价 ${yuan('insuredValueFen')} × ${percent}` : `insured ${yuan('insuredValueFen')} × ${percent}`) : zh ? `保价 ${yuan('insuredValueFen')}` : `insured ${yuan('insuredValueFen')}`;
      break;
    case 'ACTUAL_LOSS':
    case 'ACTUAL_LOSS_SHARE':
    {
      const basis = BASIS_WORDS[String(d.basis)]?.[locale] ?? '';
      facts = `${basis} ${yuan('valueFen')}${percent ? ` × ${percent}` : ''}`.trim();
      break;
    }
    case 'UNINSURED_CAP':
      facts = zh ? `运费 ${yuan('freightFen')} × ${d.multiple} = ${yuan('capFen')}` : `freight ${yuan('freightFen')} × ${d.multiple} = ${yuan('capFen')}`;
      break;
    case 'DELAY_FREIGHT_WAIVED':
    case 'FREIGHT_REFUNDED':
      facts = zh ? `运费 ${yuan('freightFen')}` : `freight ${yuan('freightFen')}`;
      break;
    case 'INSURANCE_FEE_NOT_REFUNDED':
      facts = zh ? `保价费 ${yuan('insuranceFeeFen')}` : `insurance fee ${yuan('insuranceFeeFen')}`;
      break;
    case 'CAPPED_AT_CLAIMED':
      facts = zh ? `索赔 ${yuan('claimedFen')}，计算所得 ${yuan('computedFen')}` : `claimed ${yuan('claimedFen')}, computed ${yuan('computedFen')}`;
      break;
    default:
      facts = null;
  }
  return facts === null ? label : zh ? `${label}（${facts}）` : `${label} (${facts})`;
}

/**
 * What the customer is told when a claim is rejected: the reason, how to dispute it (a supervisor
 * reviews it), and the appeal (申诉) to the postal regulator that the law gives them when the
 * company does not answer a complaint within 7 days or they remain dissatisfied (《快递暂行条例》;
 * the regulator's 12305 line). The reason is the supervisor's own words, without a final stop.
 */
export function rejectionNotice(reason: string, locale: ClaimLocale): string {
  const why = reason.trim().replace(/[。.！!]+$/u, '');
  return locale === 'zh-CN'
    ? `很抱歉，您的理赔申请未获批准，原因：${why}。如对结果有异议，您可以对本次理赔提出异议，由主管复核；如自投诉之日起 7 日内未得到答复，或对处理结果仍不满意，可以向邮政管理部门申诉（电话 12305）。`
    : `We are sorry: your claim was not approved. Reason: ${why}. If you disagree, you can dispute this claim and a supervisor will review it; if your complaint is not answered within 7 days, or you remain dissatisfied, you can appeal to the postal regulator (phone 12305).`;
}

import { describe, expect, it } from 'vitest';
import { followUpPlan, type CaseFacts, type FollowUpContact } from './follow-up.js';

const W1 = 'PD100000000001';
const W2 = 'PD100000000002';
const P = '13800001234';
const Q = '13900005678';

function kase(over: Partial<CaseFacts> & { id: string }): CaseFacts {
  return {
    kind: 'exception',
    status: 'open',
    merged: false,
    confidential: false,
    customerPhone: P,
    waybillNos: [W1],
    createdAt: new Date('2026-12-07T06:00:00Z'),
    number: 100001,
    ...over,
  };
}

const complaint: FollowUpContact = { kind: 'complaint', confidential: false, waybillNos: [W1], customerPhone: P };

describe('followUpPlan', () => {
  it.each<{ case: string; contact?: Partial<FollowUpContact>; cases: CaseFacts[]; plan: ReturnType<typeof followUpPlan> }>([
    { case: 'a complaint about a waybill with an open exception case joins it', cases: [kase({ id: 'a' })], plan: { action: 'join', caseId: 'a' } },
    { case: 'a resolved case is joined (the fix does not stand)', cases: [kase({ id: 'a', status: 'resolved' })], plan: { action: 'join', caseId: 'a' } },
    { case: 'a case waiting for the customer is joined', cases: [kase({ id: 'a', status: 'pending_customer' })], plan: { action: 'join', caseId: 'a' } },
    { case: 'a closed case is not', cases: [kase({ id: 'a', status: 'closed' })], plan: { action: 'new' } },
    { case: 'a merged case is not', cases: [kase({ id: 'a', status: 'closed', merged: true })], plan: { action: 'new' } },
    { case: 'the same customer’s case about another waybill is not', cases: [kase({ id: 'a', waybillNos: [W2] })], plan: { action: 'new' } },
    { case: 'no case at all', cases: [], plan: { action: 'new' } },
    {
      case: 'another customer’s case about the same parcel is linked, never joined',
      cases: [kase({ id: 'a', customerPhone: Q })],
      plan: { action: 'link', caseId: 'a', reason: 'other_customer' },
    },
    { case: 'a case without a phone on the same waybill is the customer’s', cases: [kase({ id: 'a', customerPhone: null })], plan: { action: 'join', caseId: 'a' } },
    {
      case: 'a claim beside a delay case: a new ticket, linked',
      contact: { kind: 'claim' },
      cases: [kase({ id: 'a' })],
      plan: { action: 'link', caseId: 'a', reason: 'kind' },
    },
    { case: 'a second claim on the same parcel joins the claim', contact: { kind: 'claim' }, cases: [kase({ id: 'a', kind: 'claim' })], plan: { action: 'join', caseId: 'a' } },
    {
      case: 'a query beside an open claim: linked',
      contact: { kind: 'query' },
      cases: [kase({ id: 'a', kind: 'claim' })],
      plan: { action: 'link', caseId: 'a', reason: 'kind' },
    },
    {
      case: 'a confidential contact beside a case the desk reads: linked',
      contact: { confidential: true },
      cases: [kase({ id: 'a' })],
      plan: { action: 'link', caseId: 'a', reason: 'confidential' },
    },
    { case: 'an ordinary contact about a confidential case joins it', cases: [kase({ id: 'a', confidential: true })], plan: { action: 'join', caseId: 'a' } },
    { case: 'a logged contact joins whatever case of the customer it concerns', contact: { kind: null }, cases: [kase({ id: 'a', kind: 'claim' })], plan: { action: 'join', caseId: 'a' } },
    {
      case: 'no waybill named: the same customer’s case by phone',
      contact: { waybillNos: [] },
      cases: [kase({ id: 'a', waybillNos: [W2] })],
      plan: { action: 'join', caseId: 'a' },
    },
    { case: 'no waybill named: another phone is nobody’s business', contact: { waybillNos: [] }, cases: [kase({ id: 'a', customerPhone: Q })], plan: { action: 'new' } },
    { case: 'no waybill and no phone: nothing to go on', contact: { waybillNos: [], customerPhone: null }, cases: [kase({ id: 'a' })], plan: { action: 'new' } },
    {
      case: 'several cases: the oldest (taken first) wins',
      cases: [kase({ id: 'young', createdAt: new Date('2026-12-07T07:00:00Z'), number: 100009 }), kase({ id: 'old', number: 100003 })],
      plan: { action: 'join', caseId: 'old' },
    },
    {
      case: 'the customer’s joinable case before an older one that would only be linked',
      cases: [kase({ id: 'claim', kind: 'claim', number: 100001 }), kase({ id: 'delay', number: 100002, createdAt: new Date('2026-12-07T06:30:00Z') })],
      plan: { action: 'join', caseId: 'delay' },
    },
    {
      case: 'the customer’s own case before another customer’s older one',
      cases: [kase({ id: 'theirs', customerPhone: Q, number: 100001 }), kase({ id: 'mine', number: 100002, createdAt: new Date('2026-12-07T06:30:00Z') })],
      plan: { action: 'join', caseId: 'mine' },
    },
  ])('$case', ({ contact, cases, plan }) => {
    expect(followUpPlan({ ...complaint, ...contact }, cases)).toEqual(plan);
  });
});

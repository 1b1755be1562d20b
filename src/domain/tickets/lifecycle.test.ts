import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  callbackOutcomeRefusal,
  callbackRecordRefusal,
  canMove,
  customerRevealGround,
  mayCloseWithoutReason,
  resolveNeedsCause,
  TICKET_STATUSES,
  type ActorFacts,
  type CallbackFacts,
  type TicketFacts,
  type TicketStatus,
} from './lifecycle.js';

describe('status moves', () => {
  // docs/product.md §2: register → handle (with departments) → resolve → callback → close.
  const allowed: Record<TicketStatus, TicketStatus[]> = {
    new: ['open', 'pending_customer', 'pending_department', 'resolved'],
    open: ['pending_customer', 'pending_department', 'resolved'],
    pending_customer: ['open', 'pending_department', 'resolved'],
    pending_department: ['open', 'pending_customer', 'resolved'],
    resolved: ['open', 'closed'],
    closed: [],
  };
  const cases = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => ({ from, to, ok: allowed[from].includes(to) })));
  it.each(cases)('$from → $to: $ok', ({ from, to, ok }) => {
    expect(canMove(from, to)).toBe(ok);
  });
});

const OWNER = 'u-owner';
const TEAM = 'd-call';
const base: TicketFacts = { status: 'open', ownerId: OWNER, teamId: TEAM, confidential: false, mergedInto: false, askedDepartmentIds: [] };
const person = (over: Partial<ActorFacts>): ActorFacts => ({
  id: 'u-x',
  departmentId: 'd-other',
  works: true,
  supervises: false,
  readsConfidential: false,
  ...over,
});

const owner = person({ id: OWNER, departmentId: TEAM });
const teammate = person({ departmentId: TEAM });
const otherTeamAgent = person({});
const supervisor = person({ supervises: true, readsConfidential: true });
const askedDepartment = person({ departmentId: 'd-ops', works: false });
const unaskedDepartment = person({ departmentId: 'd-fin', works: false });

describe('who may do what (首问负责制)', () => {
  const cases: { who: string; actor: ActorFacts; ticket: Partial<TicketFacts>; can: string[]; cannot: string[] }[] = [
    { who: 'owner', actor: owner, ticket: {}, can: ['read', 'reply', 'resolve', 'transfer', 'escalate', 'askDepartment', 'merge', 'edit', 'note'], cannot: ['take', 'close'] },
    { who: 'teammate of an owned ticket', actor: teammate, ticket: {}, can: ['read', 'note'], cannot: ['reply', 'resolve', 'transfer'] },
    { who: 'agent of another team', actor: otherTeamAgent, ticket: {}, can: ['read', 'note'], cannot: ['reply', 'take'] },
    { who: 'agent of another team, confidential', actor: otherTeamAgent, ticket: { confidential: true }, can: [], cannot: ['read', 'note'] },
    { who: 'teammate, confidential', actor: teammate, ticket: { confidential: true }, can: ['read'], cannot: ['reply'] },
    { who: 'supervisor, confidential', actor: supervisor, ticket: { confidential: true }, can: ['read', 'reply', 'transfer', 'resolve'], cannot: ['take'] },
    { who: 'first taker of an unowned ticket', actor: otherTeamAgent, ticket: { ownerId: null, status: 'new' }, can: ['take', 'reply', 'resolve'], cannot: [] },
    { who: 'department that was asked', actor: askedDepartment, ticket: { confidential: true, askedDepartmentIds: ['d-ops'] }, can: ['read'], cannot: ['note', 'reply'] },
    { who: 'department not asked', actor: unaskedDepartment, ticket: { askedDepartmentIds: ['d-ops'] }, can: [], cannot: ['read'] },
    { who: 'owner of a resolved ticket', actor: owner, ticket: { status: 'resolved' }, can: ['close', 'reply'], cannot: ['resolve', 'askDepartment'] },
    { who: 'owner of a closed ticket', actor: owner, ticket: { status: 'closed' }, can: ['read', 'note'], cannot: ['reply', 'close', 'transfer'] },
    { who: 'owner of a merged ticket', actor: owner, ticket: { mergedInto: true, status: 'closed' }, can: ['read'], cannot: ['reply', 'merge'] },
  ];
  it.each(cases)('$who', ({ actor, ticket, can, cannot }) => {
    const actions = allowedActions({ ...base, ...ticket }, actor);
    for (const a of can) expect(actions.has(a as never), `may ${a}`).toBe(true);
    for (const a of cannot) expect(actions.has(a as never), `may not ${a}`).toBe(false);
  });
});

describe('who may see the customer unmasked (docs/product.md §5)', () => {
  const ASSIGNEE = 'u-callback';
  const callbackAssignee = person({ id: ASSIGNEE });
  const cases: { who: string; actor: ActorFacts; ticket?: Partial<TicketFacts>; callbacks?: string[]; reveals?: boolean; ground: string | null }[] = [
    { who: 'owner', actor: owner, ground: 'owner' },
    { who: 'owner of a confidential ticket', actor: owner, ticket: { confidential: true }, ground: 'owner' },
    { who: 'assignee of a callback not made yet', actor: callbackAssignee, callbacks: [ASSIGNEE], ground: 'callback_assignee' },
    { who: 'assignee whose callback is done (not pending any more)', actor: callbackAssignee, callbacks: [], ground: null },
    { who: 'callback assignee who may not read the confidential ticket', actor: callbackAssignee, ticket: { confidential: true }, callbacks: [ASSIGNEE], ground: null },
    { who: 'teammate without the personal-data permission', actor: teammate, ground: null },
    { who: 'agent of another team', actor: otherTeamAgent, ground: null },
    { who: 'role that sees personal data', actor: otherTeamAgent, reveals: true, ground: 'personal_data_role' },
    { who: 'role that sees personal data, confidential ticket of another team', actor: otherTeamAgent, ticket: { confidential: true }, reveals: true, ground: null },
    { who: 'supervisor, confidential', actor: supervisor, ticket: { confidential: true }, reveals: true, ground: 'personal_data_role' },
    { who: 'department that was asked', actor: askedDepartment, ticket: { askedDepartmentIds: ['d-ops'] }, ground: null },
  ];
  it.each(cases)('$who → $ground', ({ actor, ticket, callbacks, reveals, ground }) => {
    const facts = { ...base, ...ticket };
    const allowed = allowedActions(facts, actor);
    expect(
      customerRevealGround(allowed, { ownerId: facts.ownerId, pendingCallbackAssigneeIds: callbacks ?? [] }, { id: actor.id, revealsPersonalData: reveals ?? false }),
    ).toBe(ground);
  });
});

describe('callback outcomes (回访)', () => {
  const pending = { done: false, outcome: null };
  const cases: { callback: CallbackFacts; status: TicketStatus; refusal: ReturnType<typeof callbackOutcomeRefusal> }[] = [
    { callback: pending, status: 'resolved', refusal: null },
    { callback: pending, status: 'closed', refusal: 'ticket_not_resolved' },
    { callback: pending, status: 'open', refusal: 'ticket_not_resolved' },
    { callback: { done: true, outcome: 'satisfied' }, status: 'closed', refusal: 'done' },
    { callback: { done: true, outcome: 'cancelled' }, status: 'closed', refusal: 'cancelled' },
    { callback: { done: true, outcome: 'cancelled' }, status: 'open', refusal: 'cancelled' },
  ];
  it.each(cases)('$callback.outcome / $status → $refusal', ({ callback, status, refusal }) => {
    expect(callbackOutcomeRefusal(callback, status)).toBe(refusal);
  });

  const closeCases: { kind: string; latest: CallbackFacts | undefined; ok: boolean }[] = [
    { kind: 'query', latest: undefined, ok: true },
    { kind: 'complaint', latest: undefined, ok: false },
    { kind: 'complaint', latest: pending, ok: false },
    { kind: 'complaint', latest: { done: true, outcome: 'cancelled' }, ok: false },
    { kind: 'complaint', latest: { done: true, outcome: 'satisfied' }, ok: true },
    { kind: 'complaint', latest: { done: true, outcome: 'unreachable' }, ok: true },
  ];
  it.each(closeCases)('close a $kind without a reason, latest callback $latest.outcome: $ok', ({ kind, latest, ok }) => {
    expect(mayCloseWithoutReason(kind, latest)).toBe(ok);
  });
});

describe('resolveNeedsCause', () => {
  it.each([
    { kind: 'complaint', given: false, onTicket: false, needs: true },
    { kind: 'complaint', given: true, onTicket: false, needs: false },
    { kind: 'complaint', given: false, onTicket: true, needs: false },
    { kind: 'query', given: false, onTicket: false, needs: false },
    { kind: 'claim', given: false, onTicket: false, needs: false },
    { kind: 'exception', given: false, onTicket: false, needs: false },
  ])('$kind, cause given $given, on the ticket $onTicket → needs one: $needs', ({ kind, given, onTicket, needs }) => {
    expect(resolveNeedsCause(kind, given, onTicket)).toBe(needs);
  });
});

describe('who records a callback (回访)', () => {
  const read = new Set(['read', 'note'] as const);
  const none = new Set<never>();
  const owned = { ownerId: OWNER, assigneeId: 'u-assignee' };
  const cases: { name: string; allowed: ReadonlySet<'read' | 'note'>; actor: Partial<ActorFacts>; refusal: ReturnType<typeof callbackRecordRefusal> }[] = [
    { name: 'the ticket’s owner', allowed: read, actor: { id: OWNER }, refusal: null },
    { name: 'the callback’s assignee', allowed: read, actor: { id: 'u-assignee' }, refusal: null },
    { name: 'a supervisor', allowed: read, actor: { supervises: true }, refusal: null },
    { name: 'another agent who reads the ticket', allowed: read, actor: {}, refusal: 'forbidden' },
    { name: 'department staff who were asked', allowed: new Set(['read'] as const), actor: { works: false }, refusal: 'forbidden' },
    { name: 'someone who may not read the ticket', allowed: none, actor: { supervises: true }, refusal: 'hidden' },
  ];
  it.each(cases)('$name: $refusal', ({ allowed, actor, refusal }) => {
    expect(callbackRecordRefusal(allowed, owned, person(actor))).toBe(refusal);
  });
});

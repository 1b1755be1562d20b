import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedQuoteActions,
  checkAcceptance,
  checkValidity,
  issueServiceInvoice,
  moveQuote,
  priceLines,
  QUOTE_ACTIONS,
  QUOTE_STATES,
  quotationNumber,
  serviceInvoiceNumber,
  yuan,
  type QuoteAction,
  type QuoteActor,
  type QuoteFacts,
  type QuoteLineInput,
  type QuoteState,
  type VisitAcceptance,
} from './quotation.js';
import { DEFAULT_TAX_CATEGORY, LINE_KINDS, lineTaxFen, TAX_CATEGORIES, VAT_RATES } from './vat.js';

const line = (over: Partial<QuoteLineInput> = {}): QuoteLineInput => ({ kind: 'labour', description: '更换活动柜锁', quantity: 1, unit: '次', unitPriceFen: 10_000, taxCategory: 'repair', ...over });

describe('VAT rates as data', () => {
  it.each([
    ['goods', 1300],
    ['repair', 1300],
    ['installation', 900],
    ['transport', 900],
    ['services', 600],
  ] as const)('%s is %i bp and cites the VAT law', (category, rateBp) => {
    expect(VAT_RATES[category].rateBp).toBe(rateBp);
    expect(VAT_RATES[category].source).toContain('《中华人民共和国增值税法》第十条');
    expect(VAT_RATES[category].source).toContain('2019 年第 39 号');
  });

  it('proposes a category per line kind: parts are goods, labour and call-out are repair, other is services', () => {
    expect(DEFAULT_TAX_CATEGORY).toEqual({ labour: 'repair', parts: 'goods', call_out: 'repair', other: 'services' });
  });

  it.each([
    // amount fen, rate bp, tax fen — half up at exactly .5 fen, never banker's rounding
    [0, 600, 0],
    [25, 600, 2], // 1.5 → 2
    [75, 600, 5], // 4.5 → 5
    [8, 1300, 1], // 1.04 → 1
    [50, 900, 5], // 4.5 → 5
    [150, 1300, 20], // 19.5 → 20
    [149, 1300, 19], // 19.37 → 19
    [10_000, 1300, 1300],
    [100_000_000_000, 1300, 13_000_000_000],
  ])('tax of %i fen at %i bp is %i fen (round half up)', (amount, rate, tax) => {
    expect(lineTaxFen(amount, rate)).toBe(tax);
  });
});

describe('priceLines: quantity × unit price, tax per line, totals are sums of rounded lines', () => {
  it.each<[string, QuoteLineInput[], { net: number; tax: number; gross: number }]>([
    ['one repair visit', [line()], { net: 10_000, tax: 1_300, gross: 11_300 }],
    [
      'labour, parts, call-out and other at their rates',
      [
        line({ kind: 'labour', quantity: 1.5, unitPriceFen: 8_000, taxCategory: 'repair' }), // 12,000 + 1,560
        line({ kind: 'parts', description: '锁芯', quantity: 2, unit: '件', unitPriceFen: 3_550, taxCategory: 'goods' }), // 7,100 + 923
        line({ kind: 'call_out', description: '上门费', unitPriceFen: 5_000, taxCategory: 'repair' }), // 5,000 + 650
        line({ kind: 'other', description: '旧件清运', unitPriceFen: 2_999, taxCategory: 'services' }), // 2,999 + 179.94 → 180
      ],
      { net: 27_099, tax: 3_313, gross: 30_412 },
    ],
    [
      // the rejected rule would tax the total once: 75 × 6 % = 4.5 → 5 fen; per line it is 2 + 2 + 2
      'three small lines where per-line tax differs from tax on the total',
      [line({ unitPriceFen: 25, taxCategory: 'services' }), line({ unitPriceFen: 25, taxCategory: 'services' }), line({ unitPriceFen: 25, taxCategory: 'services' })],
      { net: 75, tax: 6, gross: 81 },
    ],
    ['a free part costs nothing and is taxed nothing', [line({ kind: 'parts', unitPriceFen: 0, taxCategory: 'goods' })], { net: 0, tax: 0, gross: 0 }],
    ['a fractional quantity rounds the amount half up: 0.333 × 10.00 yuan = 3.33', [line({ quantity: 0.333, unitPriceFen: 1_000 })], { net: 333, tax: 43, gross: 376 }],
    ['0.005 of a fen rounds up: 0.001 × 5 fen', [line({ quantity: 0.001, unitPriceFen: 500 })], { net: 1, tax: 0, gross: 1 }],
  ])('%s', (_name, inputs, expected) => {
    const priced = priceLines(inputs);
    expect(priced.ok).toBe(true);
    if (!priced.ok) return;
    expect({ net: priced.totals.netFen, tax: priced.totals.taxFen, gross: priced.totals.grossFen }).toEqual(expected);
    // the totals are exactly the sums of what each line prints
    expect(priced.lines.reduce((s, l) => s + l.taxFen, 0)).toBe(priced.totals.taxFen);
    expect(priced.lines.reduce((s, l) => s + l.grossFen, 0)).toBe(priced.totals.grossFen);
  });

  it('groups tax by rate, each group the sum of its rounded lines', () => {
    const priced = priceLines([line({ unitPriceFen: 25, taxCategory: 'services' }), line({ unitPriceFen: 25, taxCategory: 'services' }), line({ unitPriceFen: 150 })]);
    expect(priced.ok && priced.totals.byRate).toEqual([
      { rateBp: 1300, netFen: 150, taxFen: 20 },
      { rateBp: 600, netFen: 50, taxFen: 4 },
    ]);
  });

  it.each<[string, QuoteLineInput[], object]>([
    ['no lines', [], { code: 'QUOTE_NO_LINES' }],
    ['a negative unit price', [line(), line({ unitPriceFen: -100 })], { code: 'QUOTE_LINE_INVALID', line: 1, field: 'unitPriceFen' }],
    ['a price in fractions of a fen', [line({ unitPriceFen: 99.5 })], { code: 'QUOTE_LINE_INVALID', line: 0, field: 'unitPriceFen' }],
    ['a price above one million yuan', [line({ unitPriceFen: 100_000_001 })], { code: 'QUOTE_LINE_INVALID', line: 0, field: 'unitPriceFen' }],
    ['a zero quantity', [line({ quantity: 0 })], { code: 'QUOTE_LINE_INVALID', line: 0, field: 'quantity' }],
    ['a negative quantity', [line({ quantity: -1 })], { code: 'QUOTE_LINE_INVALID', line: 0, field: 'quantity' }],
    ['four decimals of quantity', [line({ quantity: 1.0005 })], { code: 'QUOTE_LINE_INVALID', line: 0, field: 'quantity' }],
    ['an infinite quantity', [line({ quantity: Infinity })], { code: 'QUOTE_LINE_INVALID', line: 0, field: 'quantity' }],
    ['an unknown tax category', [line({ taxCategory: 'luxury' as never })], { code: 'QUOTE_LINE_INVALID', line: 0, field: 'taxCategory' }],
    ['an unknown line kind', [line({ kind: 'tip' as never })], { code: 'QUOTE_LINE_INVALID', line: 0, field: 'kind' }],
    ['an empty description', [line({ description: '  ' })], { code: 'QUOTE_LINE_INVALID', line: 0, field: 'description' }],
    ['101 lines', Array.from({ length: 101 }, () => line()), { code: 'QUOTE_TOO_LARGE' }],
  ])('refuses %s', (_name, inputs, refusal) => {
    expect(priceLines(inputs)).toEqual({ ok: false, ...refusal });
  });

  it('keeps the largest quote exact (100 lines at the limits stay below 2^53 fen)', () => {
    const priced = priceLines(Array.from({ length: 100 }, () => line({ quantity: 9_999.999, unitPriceFen: 100_000_000 })));
    expect(priced.ok).toBe(true);
    if (!priced.ok) return;
    expect(priced.lines[0]!.amountFen).toBe(999_999_900_000);
    expect(Number.isSafeInteger(priced.totals.grossFen)).toBe(true);
    expect(priced.totals.grossFen).toBe(100 * (999_999_900_000 + 129_999_987_000));
  });
});

describe('validity', () => {
  it.each([
    ['2026-12-08', '2026-12-08', true],
    ['2026-12-08', '2026-12-22', true],
    ['2026-12-08', '2026-12-07', false],
    ['2026-12-08', '2026-13-01', false],
    ['2026-12-08', 'next week', false],
  ])('written %s, valid until %s: %s', (writtenOn, validUntil, ok) => {
    expect(checkValidity(writtenOn, validUntil).ok).toBe(ok);
  });
});

const desk: QuoteActor = { kind: 'staff', userId: 'u-assistant', mayApprove: false };
const supervisor: QuoteActor = { kind: 'staff', userId: 'u-supervisor', mayApprove: true };
const customer: QuoteActor = { kind: 'customer' };
const clock: QuoteActor = { kind: 'clock' };

const facts = (state: QuoteState, over: Partial<QuoteFacts> = {}): QuoteFacts => ({
  state,
  lineCount: 2,
  needsHeadquartersPrice: false,
  approvalRequestedBy: 'u-assistant',
  validUntil: '2026-12-20',
  today: '2026-12-08',
  ...over,
});

describe('moveQuote: the quotation states', () => {
  it.each<[string, QuoteFacts, QuoteAction, QuoteActor, 'self_service' | 'phone' | undefined, QuoteState | string]>([
    // the plain path
    ['the desk sends a draft', facts('draft'), 'send', desk, undefined, 'sent'],
    ['the customer confirms on the self-service page', facts('sent'), 'confirm', customer, 'self_service', 'confirmed'],
    ['an agent records a confirmation by phone', facts('sent'), 'confirm', desk, 'phone', 'confirmed'],
    ['the customer declines', facts('sent'), 'decline', customer, 'self_service', 'declined'],
    ['an agent records a decline by phone', facts('sent'), 'decline', desk, 'phone', 'declined'],
    ['the customer accepts the visit (验收确认)', facts('confirmed'), 'accept', customer, 'self_service', 'accepted'],
    ['the desk records the acceptance signed on site', facts('confirmed'), 'accept', desk, undefined, 'accepted'],
    ['the desk invoices an accepted visit', facts('accepted'), 'invoice', desk, undefined, 'invoiced'],
    ['the clock expires a sent quote past its day', facts('sent', { today: '2026-12-21' }), 'expire', clock, undefined, 'expired'],
    ['the last valid day is still valid', facts('sent', { today: '2026-12-20' }), 'confirm', customer, 'self_service', 'confirmed'],
    // headquarters' price (向总部询报价) and the supervisor
    ['the desk asks for approval', facts('draft', { needsHeadquartersPrice: true }), 'request_approval', desk, undefined, 'awaiting_approval'],
    ['a supervisor approves', facts('awaiting_approval', { needsHeadquartersPrice: true }), 'approve', supervisor, undefined, 'approved'],
    ['a supervisor rejects: back to the draft', facts('awaiting_approval', { needsHeadquartersPrice: true }), 'reject', supervisor, undefined, 'draft'],
    ['the approved quote is sent', facts('approved', { needsHeadquartersPrice: true }), 'send', desk, undefined, 'sent'],
    ['revising an approved quote needs approval again', facts('approved', { needsHeadquartersPrice: true }), 'revise', desk, undefined, 'draft'],
    ['a sent quote is revised', facts('sent'), 'revise', desk, undefined, 'draft'],
    ['a draft is cancelled', facts('draft'), 'cancel', desk, undefined, 'cancelled'],
    // refusals
    ['a quote without lines is not sent', facts('draft', { lineCount: 0 }), 'send', desk, undefined, 'QUOTE_NO_LINES'],
    ['a quote without lines is not sent for approval', facts('draft', { lineCount: 0 }), 'request_approval', desk, undefined, 'QUOTE_NO_LINES'],
    ['a quote needing HQ price is not sent before approval', facts('draft', { needsHeadquartersPrice: true }), 'send', desk, undefined, 'QUOTE_NEEDS_APPROVAL'],
    ['a quote past its day is not sent', facts('draft', { today: '2026-12-21' }), 'send', desk, undefined, 'QUOTE_EXPIRED'],
    ['confirming a quote past its day, not yet marked', facts('sent', { today: '2026-12-21' }), 'confirm', customer, 'self_service', 'QUOTE_EXPIRED'],
    ['confirming an expired quote', facts('expired', { today: '2026-12-21' }), 'confirm', customer, 'self_service', 'QUOTE_EXPIRED'],
    ['confirming by phone a quote past its day', facts('sent', { today: '2026-12-21' }), 'confirm', desk, 'phone', 'QUOTE_EXPIRED'],
    ['the clock does not expire a quote still valid', facts('sent'), 'expire', clock, undefined, 'QUOTE_TRANSITION_INVALID'],
    ['invoicing a confirmed visit not yet accepted', facts('confirmed'), 'invoice', desk, undefined, 'INVOICE_BEFORE_ACCEPTANCE'],
    ['invoicing a sent quote', facts('sent'), 'invoice', desk, undefined, 'INVOICE_BEFORE_ACCEPTANCE'],
    ['invoicing twice', facts('invoiced'), 'invoice', desk, undefined, 'INVOICE_ALREADY_ISSUED'],
    ['accepting before the quote is confirmed', facts('sent'), 'accept', desk, undefined, 'QUOTE_TRANSITION_INVALID'],
    ['an assistant approves', facts('awaiting_approval'), 'approve', desk, undefined, 'QUOTE_APPROVAL_FORBIDDEN'],
    ['an assistant rejects', facts('awaiting_approval'), 'reject', desk, undefined, 'QUOTE_APPROVAL_FORBIDDEN'],
    ['a supervisor approves their own request', facts('awaiting_approval', { approvalRequestedBy: 'u-supervisor' }), 'approve', supervisor, undefined, 'QUOTE_APPROVAL_FORBIDDEN'],
    ['the customer approves', facts('awaiting_approval'), 'approve', customer, 'self_service', 'QUOTE_ACTOR_FORBIDDEN'],
    ['the customer sends', facts('draft'), 'send', customer, 'self_service', 'QUOTE_ACTOR_FORBIDDEN'],
    ['the customer invoices', facts('accepted'), 'invoice', customer, 'self_service', 'QUOTE_ACTOR_FORBIDDEN'],
    ['the customer answers on the phone channel (only an agent records that)', facts('sent'), 'confirm', customer, 'phone', 'QUOTE_ACTOR_FORBIDDEN'],
    ['an agent confirms without saying it was by phone', facts('sent'), 'confirm', desk, undefined, 'QUOTE_ACTOR_FORBIDDEN'],
    ['an agent confirms as if on the self-service page', facts('sent'), 'confirm', desk, 'self_service', 'QUOTE_ACTOR_FORBIDDEN'],
    ['the desk expires by hand', facts('sent', { today: '2026-12-21' }), 'expire', desk, undefined, 'QUOTE_ACTOR_FORBIDDEN'],
    ['the clock confirms', facts('sent'), 'confirm', clock, undefined, 'QUOTE_ACTOR_FORBIDDEN'],
    ['a declined quote is not confirmed', facts('declined'), 'confirm', customer, 'self_service', 'QUOTE_ALREADY_ANSWERED'],
    ['answering twice: a confirmed quote is not confirmed again', facts('confirmed'), 'confirm', customer, 'self_service', 'QUOTE_ALREADY_ANSWERED'],
    ['answering twice: a confirmed quote is not declined by phone', facts('confirmed'), 'decline', desk, 'phone', 'QUOTE_ALREADY_ANSWERED'],
    ['a confirmed quote is not revised', facts('confirmed'), 'revise', desk, undefined, 'QUOTE_TRANSITION_INVALID'],
    ['a cancelled quote is not sent', facts('cancelled'), 'send', desk, undefined, 'QUOTE_TRANSITION_INVALID'],
  ])('%s', (_name, f, action, actor, channel, expected) => {
    const move = moveQuote(f, action, actor, channel);
    if ((QUOTE_STATES as readonly string[]).includes(expected)) expect(move).toEqual({ kind: 'moved', to: expected });
    else expect(move).toEqual({ kind: 'refused', code: expected, allowed: allowedQuoteActions(f.state) });
  });

  it('names the allowed actions of every state', () => {
    expect(Object.fromEntries(QUOTE_STATES.map((s) => [s, allowedQuoteActions(s)]))).toEqual({
      draft: ['request_approval', 'send', 'cancel'],
      awaiting_approval: ['approve', 'reject', 'cancel'],
      approved: ['send', 'revise', 'cancel'],
      sent: ['revise', 'confirm', 'decline', 'expire', 'cancel'],
      confirmed: ['accept'],
      declined: [],
      expired: [],
      accepted: ['invoice'],
      invoiced: [],
      cancelled: [],
    });
  });

  it('refuses every action a state does not list, whoever asks, and never moves out of a final state', () => {
    for (const state of QUOTE_STATES) {
      for (const action of QUOTE_ACTIONS) {
        if (allowedQuoteActions(state).includes(action)) continue;
        for (const actor of [desk, supervisor, customer, clock]) {
          expect(moveQuote(facts(state), action, actor, actor === customer ? 'self_service' : 'phone').kind, `${state} ${action}`).toBe('refused');
        }
      }
    }
  });
});

describe('the service invoice (服务销售发票)', () => {
  const acceptance: VisitAcceptance = { acceptedAt: new Date('2026-12-10T08:00:00Z'), acceptedBy: '王女士', channel: 'on_site', remarks: '锁已更换，使用正常' };
  const request = (state: QuoteState, accepted: VisitAcceptance | null = acceptance) => ({
    quote: { number: 'BJ202612-000007', notificationNo: '100000000042', state, lines: [line(), line({ kind: 'parts' as const, description: '锁芯', unitPriceFen: 3_550, taxCategory: 'goods' as const })] },
    acceptance: accepted,
    number: serviceInvoiceNumber('2026-12-10', 42),
    issuedAt: new Date('2026-12-10T09:00:00Z'),
    buyer: { name: '王女士', taxId: null, address: '杭州市西湖区文三路 90 号', phone: '138****5678' },
    seller: { name: '捷达速运杭州服务中心', taxId: '91330100MA2XXXXXX1' },
  });

  it('is written from an accepted visit with the quote’s lines, tax and total', () => {
    const issued = issueServiceInvoice(request('accepted'));
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    expect(issued.invoice.number).toBe('FW202612-000042');
    expect(issued.invoice.lines.map((l) => [l.amountFen, l.taxFen])).toEqual([
      [10_000, 1_300],
      [3_550, 462],
    ]);
    expect(issued.invoice.totals).toMatchObject({ netFen: 13_550, taxFen: 1_762, grossFen: 15_312 });
    expect(yuan(issued.invoice.totals.grossFen)).toBe('153.12');
    expect(issued.invoice.acceptance.acceptedBy).toBe('王女士');
  });

  it.each<[QuoteState, VisitAcceptance | null, string]>([
    ['confirmed', null, 'INVOICE_BEFORE_ACCEPTANCE'],
    ['sent', null, 'INVOICE_BEFORE_ACCEPTANCE'],
    ['accepted', null, 'INVOICE_BEFORE_ACCEPTANCE'],
    ['invoiced', acceptance, 'INVOICE_ALREADY_ISSUED'],
  ])('refuses a quote %s (acceptance %o): %s', (state, accepted, code) => {
    expect(issueServiceInvoice(request(state, accepted))).toEqual({ ok: false, code });
  });

  it('numbers quotations and invoices by local month', () => {
    expect(quotationNumber('2026-12-08', 7)).toBe('BJ202612-000007');
    expect(serviceInvoiceNumber('2027-01-01', 1)).toBe('FW202701-000001');
  });

  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [15_312, '153.12'],
    [123_456_789, '1,234,567.89'],
  ])('yuan(%i) = %s', (fen, text) => {
    expect(yuan(fen)).toBe(text);
  });
});

describe('checkAcceptance (验收确认)', () => {
  const confirmedAt = new Date('2026-12-08T02:00:00Z');
  const now = new Date('2026-12-10T09:00:00Z');
  const ok: VisitAcceptance = { acceptedAt: new Date('2026-12-10T08:20:00Z'), acceptedBy: '王女士', channel: 'on_site', remarks: '锁已更换，开关正常' };
  it.each<[string, Partial<VisitAcceptance>, string | null]>([
    ['signed on site after the work', {}, null],
    ['taken on the phone, no remarks', { channel: 'phone', remarks: null }, null],
    ['at the very moment of confirmation', { acceptedAt: confirmedAt }, null],
    ['nobody named', { acceptedBy: '  ' }, 'acceptedBy'],
    ['a name of 51 characters', { acceptedBy: '王'.repeat(51) }, 'acceptedBy'],
    ['before the quote was confirmed', { acceptedAt: new Date('2026-12-08T01:59:59Z') }, 'acceptedAt'],
    ['in the future', { acceptedAt: new Date('2026-12-10T09:00:01Z') }, 'acceptedAt'],
    ['an invalid date', { acceptedAt: new Date('nonsense') }, 'acceptedAt'],
    ['an unknown channel', { channel: 'fax' as never }, 'channel'],
    ['remarks of 501 characters', { remarks: '好'.repeat(501) }, 'remarks'],
  ])('%s', (_name, over, field) => {
    const result = checkAcceptance(confirmedAt, { ...ok, ...over }, now);
    expect(result).toEqual(field === null ? { ok: true } : { ok: false, code: 'ACCEPTANCE_INVALID', field });
  });
});

describe('priceLines, any quote', () => {
  const anyLine = fc.record({
    kind: fc.constantFrom(...LINE_KINDS),
    description: fc.constant('项目'),
    quantity: fc.integer({ min: 1, max: 9_999_999 }).map((milli) => milli / 1000),
    unit: fc.constant('件'),
    unitPriceFen: fc.integer({ min: 0, max: 100_000_000 }),
    taxCategory: fc.constantFrom(...TAX_CATEGORIES),
  });

  it('rounds each line within half a fen of the exact value, and the totals are exactly the sums of the lines', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { minLength: 1, maxLength: 100 }), (inputs) => {
        const priced = priceLines(inputs);
        if (!priced.ok) return false;
        for (const line of priced.lines) {
          const exactAmount = (Math.round(line.quantity * 1000) * line.unitPriceFen) / 1000;
          expect(Math.abs(line.amountFen - exactAmount)).toBeLessThanOrEqual(0.5);
          expect(Math.abs(line.taxFen - (line.amountFen * line.rateBp) / 10_000)).toBeLessThanOrEqual(0.5);
          expect(line.grossFen).toBe(line.amountFen + line.taxFen);
        }
        expect(priced.totals.netFen).toBe(priced.lines.reduce((s, l) => s + l.amountFen, 0));
        expect(priced.totals.taxFen).toBe(priced.lines.reduce((s, l) => s + l.taxFen, 0));
        expect(priced.totals.byRate.reduce((s, g) => s + g.taxFen, 0)).toBe(priced.totals.taxFen);
        expect(Number.isSafeInteger(priced.totals.grossFen)).toBe(true);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

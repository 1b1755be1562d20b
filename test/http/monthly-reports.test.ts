/**
 * Monthly statistics reports from the database (docs/product.md §5, issue 17 §7): a customer's
 * seeded month is gathered, rendered, stored and listed; the PDF's text (through pdf.js) and the
 * workbook's cells carry the totals counted from the seeded rows; the downloads name the file in
 * Chinese (RFC 5987); the job on the 1st run twice keeps one report per key account and month and
 * queues one e-mail with both files; and who may not generate or read is refused, changing nothing.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/jobs/scheduler.js';
import { currentClaimsPolicy } from '../../src/modules/claims/policy.js';
import { runScheduledMonthlyReports } from '../../src/modules/reports/monthly/service.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';
import { pdfText } from '../support/documents.js';

let t: TestApp;
let agent: Session;
let supervisor: Session;
let kam: Session;
let kam2: Session;
let customerId: string;

const MONTH = '2026-10';
const TZ = 'Asia/Shanghai';

async function summaryOf(bytes: Buffer): Promise<Map<string, ExcelJS.CellValue>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const values = new Map<string, ExcelJS.CellValue>();
  book.getWorksheet('概况')!.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
  return values;
}

/** Shanghai wall-clock 'YYYY-MM-DDTHH:MM' → the instant. */
const local = (wall: string) => new Date(`${wall}:00+08:00`);

/** What the seeded rows give, counted here, not by the code under test. */
const expected = { shipments: 0, freightFen: 0, delivered: 0, onTime: 0, previous: 0, exceptions: 0, tickets: 0, complaints: 0, rated: 0, satisfied: 0, surveyAnswers: 0, surveySatisfied: 0 };

/** October's claims of the customer, in yuan, as the report should list them (filled by beforeAll). */
const claimsExpected: { waybillNo: string; type: string; state: string; openedOn: string; claimed: number; approved: number; paid: number }[] = [];
let otherClaimWaybill = '';

const send = (session: Session | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session?.headers() ?? {}, ...(payload && { payload }) });

beforeAll(async () => {
  t = await createTestApp();
  [agent, supervisor, kam] = await Promise.all([t.signIn('agent01'), t.signIn('supervisor01'), t.signIn('kam01')]);
  const admin = await t.signIn('admin');
  const created = await send(admin, 'POST', '/api/users', { username: 'kam02', displayName: '周明', password: 'Spring-Festival-2026', role: 'account_manager' });
  expect(created.statusCode, created.body).toBe(201);
  kam2 = await t.signIn('kam02', 'Spring-Festival-2026');

  const res = await send(supervisor, 'POST', '/api/customers', {
    kind: 'enterprise',
    name: '杭州云帆电子商务有限公司',
    accountManagerId: kam.userId,
    contacts: [{ name: '林小雨', role: '发货负责人', phones: ['13900002222'], email: 'lin@yunfan.example' }],
    monthlyAccounts: ['RPT-0001'],
  });
  expect(res.statusCode, res.body).toBe(201);
  customerId = res.json().id;

  const db = t.database.db;
  const provinces = ['440000', '310000', '330000', '110000'];
  const rows = [];
  // 62 parcels over October (Shanghai days), a few by the contact's phone without the account.
  for (let i = 0; i < 62; i++) {
    const day = 1 + (i % 31);
    const created = local(`2026-10-${String(day).padStart(2, '0')}T${i % 2 ? '00:30' : '23:30'}`);
    const delivered = i % 3 === 0 ? null : new Date(created.getTime() + 36 * 3_600_000);
    const promised = new Date(created.getTime() + (i % 4 === 0 ? 24 : 48) * 3_600_000);
    rows.push({
      waybill_no: `RPT${String(i).padStart(9, '0')}`,
      registered: true,
      monthly_account: i % 10 === 9 ? null : 'RPT-0001',
      sender_phone: i % 10 === 9 ? '13900002222' : null,
      recipient_province: provinces[i % provinces.length]!,
      freight_fen: 1_200 + i,
      created_at: created,
      promised_at: promised,
      delivered_at: delivered,
    });
    expected.shipments++;
    expected.freightFen += 1_200 + i;
  }
  // Delivered in October, created in September: counts for on time, not for volume.
  rows.push({ waybill_no: 'RPTSEP000001', registered: true, monthly_account: 'RPT-0001', created_at: local('2026-09-30T10:00'), promised_at: local('2026-10-02T18:00'), delivered_at: local('2026-10-01T12:00'), freight_fen: 999 });
  expected.previous = 1;
  // November (Shanghai) though still October in UTC: not in the month.
  rows.push({ waybill_no: 'RPTNOV000001', registered: true, monthly_account: 'RPT-0001', created_at: local('2026-11-01T00:10'), freight_fen: 777 });
  // Someone else's parcel.
  rows.push({ waybill_no: 'RPTOTH000001', registered: true, monthly_account: 'OTHER-1', created_at: local('2026-10-05T10:00'), freight_fen: 555 });
  const inserted = await db.insertInto('shipments').values(rows).returning(['id', 'waybill_no', 'created_at', 'delivered_at', 'promised_at']).execute();
  for (const s of inserted) {
    if (s.delivered_at && s.promised_at && s.delivered_at >= local('2026-10-01T00:00') && s.delivered_at < local('2026-11-01T00:00') && s.waybill_no !== 'RPTOTH000001') {
      expected.delivered++;
      if (s.delivered_at <= s.promised_at) expected.onTime++;
    }
  }
  const exceptionRows = inserted
    .filter((s) => s.waybill_no.startsWith('RPT0'))
    .slice(0, 7)
    .map((s, i) => ({ shipment_id: s.id, waybill_no: s.waybill_no, kind: i < 5 ? 'delayed' : 'damaged', raised_at: new Date(s.created_at.getTime() + 3_600_000), detail: '{}' }));
  await db.insertInto('shipment_exceptions').values(exceptionRows).execute();
  expected.exceptions = exceptionRows.length;
  const ticket = (kind: string, cause: string | null, rating: number | null, at: string) => ({
    kind,
    subject: `${kind} 测试`,
    channel: 'phone',
    customer_id: customerId,
    cause_code: cause,
    rating,
    rated_at: rating ? local(at) : null,
    created_at: local(at),
  });
  await db
    .insertInto('tickets')
    .values([
      ticket('complaint', 'transit_delay', 2, '2026-10-03T10:00'),
      ticket('complaint', 'courier', 5, '2026-10-12T10:00'),
      ticket('query', null, 4, '2026-10-20T10:00'),
      ticket('query', null, null, '2026-10-21T10:00'),
    ])
    .execute();
  Object.assign(expected, { tickets: 4, complaints: 2, rated: 3, satisfied: 2 });

  // Satisfaction surveys: the answers to CSAT questions (1–5) given in October count beside the
  // ratings; NPS and text questions, answers of another month and another customer's do not.
  const [questionnaire] = await db
    .insertInto('survey_questionnaires')
    .values({
      title: '满意度调查',
      questions: JSON.stringify([
        { id: 'nps', kind: 'nps', required: true, text: { 'zh-CN': '推荐', 'en-US': 'Recommend' } },
        { id: 'overall', kind: 'csat', required: true, text: { 'zh-CN': '总体', 'en-US': 'Overall' } },
        { id: 'courier', kind: 'csat', required: false, text: { 'zh-CN': '快递员', 'en-US': 'Courier' } },
        { id: 'comment', kind: 'text', required: false, text: { 'zh-CN': '意见', 'en-US': 'Comment' } },
      ]),
    })
    .returning('id')
    .execute();
  const other = await send(supervisor, 'POST', '/api/customers', { kind: 'individual', name: '赵六', phone: '13722223333' });
  expect(other.statusCode, other.body).toBe(201);
  const invitations: [string, Record<string, unknown>, string][] = [
    [customerId, { nps: 9, overall: 5, courier: 3, comment: '还行' }, '2026-10-15T10:00'],
    [customerId, { nps: 2, overall: 4 }, '2026-10-25T10:00'],
    [customerId, { nps: 10, overall: 1, courier: 1 }, '2026-11-01T00:30'],
    [customerId, { nps: 10, overall: 2, courier: 2 }, '2026-09-30T23:30'],
    [other.json().id, { nps: 10, overall: 5, courier: 5 }, '2026-10-15T10:00'],
  ];
  for (const [i, [customer, answers, at]] of invitations.entries()) {
    const [campaign] = await db
      .insertInto('survey_campaigns')
      .values({ title: `调查 ${i}`, questionnaire_id: questionnaire!.id, audience: JSON.stringify({ customerIds: [customer] }), open_days: 30, sent_at: local('2026-09-01T10:00') })
      .returning('id')
      .execute();
    await db
      .insertInto('survey_invitations')
      .values({ campaign_id: campaign!.id, customer_id: customer, token_hash: `rpt-token-${i}`, tier: 'key', account_manager_id: null, segment: null, answers: JSON.stringify(answers), answered_at: local(at) })
      .execute();
  }
  // Claims on the customer's parcels (linked by its monthly account): October's are those opened in
  // October or paid in it; paid is October's payouts and credit notes net of their reversals — a
  // payout in November, a chargeback and another account's claim do not count.
  const policy = await currentClaimsPolicy(db);
  const own = await db.selectFrom('shipments').select(['id', 'waybill_no']).where('monthly_account', '=', 'RPT-0001').orderBy('waybill_no').limit(3).execute();
  const others = await db.selectFrom('shipments').select(['id', 'waybill_no']).where('monthly_account', '=', 'OTHER-1').limit(1).execute();
  const [claimTicket] = await db.insertInto('tickets').values({ kind: 'claim', subject: '理赔 测试', channel: 'phone', created_at: local('2026-09-15T10:00') }).returning('id').execute();
  const claim = async (ship: { id: string; waybill_no: string }, type: string, state: string, claimedFen: number, approvedFen: number | null, at: string) =>
    (
      await db
        .insertInto('claims')
        .values({
          shipment_id: ship.id,
          waybill_no: ship.waybill_no,
          ticket_id: claimTicket!.id,
          type,
          claimant_side: 'sender',
          claimed_fen: claimedFen,
          description: '内部备注：客户情绪激动',
          facts: '{}',
          state,
          policy_version: policy.version,
          proposal: '{}',
          proposed_fen: approvedFen ?? claimedFen,
          required_level: 'agent',
          approved_fen: approvedFen,
          responsible_station: '杭州西湖营业部',
          created_at: local(at),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const entry = (claimId: string, key: string, kind: string, direction: string, amountFen: number, at: string, reverses: string | null = null, station: string | null = null) =>
    db
      .insertInto('claim_ledger')
      .values({ claim_id: claimId, entry_key: key, idempotency_key: key, kind, direction, amount_fen: amountFen, reference: key, station, reverses_entry_id: reverses, created_at: local(at) })
      .returning('id')
      .executeTakeFirstOrThrow();
  const delay = await claim(own[0]!, 'delay', 'settled', 15_000, 10_000, '2026-09-20T10:00');
  const wrong = await entry(delay, 'rpt-pay-1', 'payout', 'out', 10_000, '2026-10-03T10:00');
  await entry(delay, 'rpt-rev-1', 'reversal', 'in', 10_000, '2026-10-04T10:00', wrong.id);
  await entry(delay, 'rpt-pay-2', 'payout', 'out', 8_000, '2026-10-05T10:00');
  const damage = await claim(own[1]!, 'damage', 'settled', 50_000, 40_000, '2026-10-05T10:00');
  await entry(damage, 'rpt-credit-1', 'credit_note', 'out', 40_000, '2026-10-20T10:00');
  await entry(damage, 'rpt-chargeback-1', 'chargeback', 'in', 5_000, '2026-10-21T10:00', null, '杭州西湖营业部');
  const loss = await claim(own[2]!, 'loss', 'approved', 80_000, 60_000, '2026-10-10T10:00');
  await entry(loss, 'rpt-pay-3', 'payout', 'out', 60_000, '2026-11-02T10:00');
  await claim(others[0]!, 'damage', 'opened', 99_000, null, '2026-10-12T10:00');
  claimsExpected.push(
    { waybillNo: own[0]!.waybill_no, type: '延误', state: '已赔付', openedOn: '2026-09-20', claimed: 150, approved: 100, paid: 80 },
    { waybillNo: own[1]!.waybill_no, type: '破损', state: '已赔付', openedOn: '2026-10-05', claimed: 500, approved: 400, paid: 400 },
    { waybillNo: own[2]!.waybill_no, type: '丢失', state: '已批准', openedOn: '2026-10-10', claimed: 800, approved: 600, paid: 0 },
  );
  otherClaimWaybill = others[0]!.waybill_no;

  // Counted by hand from the rows above: October's answers of this customer to the CSAT questions.
  Object.assign(expected, { surveyAnswers: 3, surveySatisfied: 2 });
}, 120_000);
afterAll(() => t.close());

let reportId: string;

describe('a report generated on demand from the database', () => {
  it('is made by the account manager, listed on the customer, and its PDF reads back in Chinese with the seeded totals', async () => {
    const res = await send(kam, 'POST', `/api/customers/${customerId}/reports`, { month: MONTH });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ month: MONTH, trigger: 'demand', generatedBy: '陈静', shipments: expected.shipments, emailedTo: null });
    reportId = res.json().id;
    const list = await send(kam, 'GET', `/api/customers/${customerId}/reports`);
    expect(list.json().items).toEqual([expect.objectContaining({ id: reportId, month: MONTH, shipments: expected.shipments })]);

    const pdf = await send(kam, 'GET', `/api/customers/${customerId}/reports/${reportId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const stem = encodeURIComponent('杭州云帆电子商务有限公司-2026年10月-月度统计分析表');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="monthly-report-2026-10.pdf"; filename*=UTF-8''${stem}.pdf`);
    const text = await pdfText(pdf.rawPayload);
    for (const phrase of ['月度统计分析表', '2026年10月', '杭州云帆电子商务有限公司', '每日发件量', '延误', '破损', '投诉', '中转延误', '六、理赔情况', '本月已赔付（元）']) expect(text).toContain(phrase);
    // The claims: by type, the totals (claimed 1,450.00, approved 1,100.00, paid in October 480.00), and each claim's line.
    expect(text).toContain('合计 3 1,450.00 1,100.00 480.00');
    for (const c of claimsExpected) expect(text).toContain(`${c.waybillNo} ${c.type} ${c.state} ${c.openedOn} ${c.claimed.toFixed(2)} ${c.approved.toFixed(2)} ${c.paid.toFixed(2)}`);
    // For the customer: no internal note, no station at fault, no chargeback, not another account's claim.
    for (const hidden of ['内部备注', '杭州西湖营业部', '追偿', otherClaimWaybill]) expect(text).not.toContain(hidden);
    expect(text).toContain(`${expected.shipments} 件`);
    expect(text).toContain(`签收 ${expected.delivered} 件，准时 ${expected.onTime} 件`);
    const responses = expected.rated + expected.surveyAnswers;
    const satisfied = expected.satisfied + expected.surveySatisfied;
    expect(text).toContain(`${((satisfied / responses) * 100).toFixed(1)}%${responses} 份评价`);
    expect(text).toContain(
      `本月共收到 ${responses} 份评价（满意度调查的满意度题回答 ${expected.surveyAnswers} 份，工单解决后的评分 ${expected.rated} 份），其中“满意”和“非常满意”`,
    );
  }, 60_000);

  it('has the same figures in the workbook', async () => {
    const xlsx = await send(supervisor, 'GET', `/api/customers/${customerId}/reports/${reportId}/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('杭州云帆电子商务有限公司-2026年10月-月度统计分析表')}.xlsx`);
    const s = await summaryOf(xlsx.rawPayload);
    expect(s.get('发件量（件）')).toBe(expected.shipments);
    expect(s.get('上月发件量（件）')).toBe(expected.previous);
    expect(s.get('运费合计（元）')).toBeCloseTo(expected.freightFen / 100, 2);
    expect(s.get('签收件数')).toBe(expected.delivered);
    expect(s.get('准时签收件数')).toBe(expected.onTime);
    expect(s.get('异常件数')).toBe(expected.exceptions);
    expect(s.get('工单数')).toBe(expected.tickets);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const byType = book.getWorksheet('理赔')!;
    expect(byType.getRow(byType.rowCount).values).toEqual([undefined, '合计', 3, 1450, 1100, 480]);
    const list = book.getWorksheet('理赔明细')!;
    expect(list.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1))).toEqual(claimsExpected.map((c) => [c.waybillNo, c.type, c.state, c.openedOn, c.claimed, c.approved, c.paid]));
    expect(s.get('评价数')).toBe(expected.rated + expected.surveyAnswers);
    expect(s.get('其中：满意度调查回答')).toBe(expected.surveyAnswers);
    expect(s.get('其中：工单解决后评分')).toBe(expected.rated);
    expect(s.get('满意度（4–5 分占比）')).toBeCloseTo((expected.satisfied + expected.surveySatisfied) / (expected.rated + expected.surveyAnswers), 6);
    expect(s.get('客户账号')).toBe('RPT-0001');
  }, 60_000);

  it('replaces the month when made again and e-mails it with both files on request', async () => {
    const res = await send(supervisor, 'POST', `/api/customers/${customerId}/reports`, { month: MONTH, email: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().emailedTo).toBe('lin@yunfan.example');
    const count = await t.database.db.selectFrom('monthly_reports').select((eb) => eb.fn.countAll<string>().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const mail = await t.database.db.selectFrom('notifications').selectAll().where('template', '=', 'report.monthly').executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ channel: 'email', recipient: 'lin@yunfan.example', subject: '杭州云帆电子商务有限公司 2026年10月月度统计分析表' });
    const files = await t.database.db.selectFrom('notification_attachments').select(['file_name', 'content_type']).where('notification_id', '=', mail.id).orderBy('position').execute();
    expect(files).toEqual([
      { file_name: '杭州云帆电子商务有限公司-2026年10月-月度统计分析表.pdf', content_type: 'application/pdf' },
      { file_name: '杭州云帆电子商务有限公司-2026年10月-月度统计分析表.xlsx', content_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    ]);
  }, 60_000);
});

describe('who may not', () => {
  it('refuses an agent and another account manager, a month not over, an unknown report, and changes nothing', async () => {
    const before = await t.database.db.selectFrom('monthly_reports').select(['id', 'generated_at']).execute();
    for (const session of [agent, kam2]) {
      expect((await send(session, 'POST', `/api/customers/${customerId}/reports`, { month: MONTH })).statusCode).toBe(403);
      expect((await send(session, 'GET', `/api/customers/${customerId}/reports`)).statusCode).toBe(403);
      expect((await send(session, 'GET', `/api/customers/${customerId}/reports/${before[0]!.id}/pdf`)).statusCode).toBe(403);
    }
    const future = await send(kam, 'POST', `/api/customers/${customerId}/reports`, { month: '2999-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('REPORT_MONTH_INVALID');
    expect((await send(kam, 'POST', `/api/customers/${customerId}/reports`, { month: '2026-13' })).statusCode).toBe(400);
    const unknown = await send(kam, 'GET', `/api/customers/${customerId}/reports/00000000-0000-4000-8000-000000000000/pdf`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('REPORT_NOT_FOUND');
    expect((await send(kam, 'GET', `/api/customers/${customerId}/reports/${before[0]!.id}/doc`)).statusCode).toBe(400);
    expect(await t.database.db.selectFrom('monthly_reports').select(['id', 'generated_at']).execute()).toEqual(before);
  });
});

describe('the job on the 1st', () => {
  it('makes last month once per key account, run twice, and queues one e-mail each', async () => {
    const db = t.database.db;
    await db.deleteFrom('notifications').execute();
    const key = await send(supervisor, 'POST', '/api/customers', { kind: 'enterprise', name: '宁波海曙贸易有限公司', monthlyAccounts: ['RPT-0002'] });
    expect(key.statusCode, key.body).toBe(201);
    // A big customer by the tier rule, without an account manager yet.
    await db.updateTable('customers').set({ tier: 'key' }).where('id', '=', key.json().id).execute();
    const plain = await send(supervisor, 'POST', '/api/customers', { kind: 'individual', name: '王五', phone: '13711112222' });
    expect(plain.statusCode, plain.body).toBe(201);
    const now = local('2026-11-01T02:00');
    const first = await runScheduledMonthlyReports({ db, timeZone: TZ }, now);
    const second = await runScheduledMonthlyReports({ db, timeZone: TZ }, now);
    // The first customer already has October (made on demand): only the key account is new.
    expect(first).toMatchObject({ month: MONTH, made: 1, emailed: 0 });
    expect(second).toMatchObject({ month: MONTH, made: 0 });
    const reports = await db.selectFrom('monthly_reports').select(['customer_id', 'trigger']).where('month', '=', MONTH).orderBy('customer_id').execute();
    expect(reports.map((r) => r.customer_id).sort()).toEqual([customerId, key.json().id].sort());
    expect(reports.find((r) => r.customer_id === key.json().id)?.trigger).toBe('schedule');
    expect(reports.some((r) => r.customer_id === plain.json().id)).toBe(false);

    // A month nobody has made yet: every key account with an address gets one e-mail, once.
    const november = local('2026-12-01T02:00');
    await runScheduledMonthlyReports({ db, timeZone: TZ }, november);
    await runScheduledMonthlyReports({ db, timeZone: TZ }, november);
    const novemberReports = await db.selectFrom('monthly_reports').select('customer_id').where('month', '=', '2026-11').execute();
    expect(novemberReports).toHaveLength(2);
    const mails = await db.selectFrom('notifications').select(['recipient', 'id']).where('template', '=', 'report.monthly').execute();
    expect(mails.map((m) => m.recipient)).toEqual(['lin@yunfan.example']);
    const files = await db.selectFrom('notification_attachments').select('content_type').where('notification_id', '=', mails[0]!.id).execute();
    expect(files.map((f) => f.content_type).sort()).toEqual(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  }, 120_000);

  it('is one of the scheduled jobs', () => {
    expect(Object.keys(jobHandlers({ database: t.database, tracking: t.app.tracking, reference: t.app.reference, adapters: new Map(), log: t.app.log }))).toContain('monthly-reports');
  });
});

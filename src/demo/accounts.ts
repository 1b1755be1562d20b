/**
 * The demo company's key accounts, so kam01's desk is not empty on first start: enterprise
 * customers with valid unified social credit codes, contacts with callback windows, pickup and
 * billing addresses, a monthly account each and three months of shipments (what the desk's health reads) — parties, addresses and
 * destinations from the simulator's generators, written straight to the tables (the traffic demo
 * already shows the ingestion path; this keeps the first start fast). kam01 keeps five of them, one
 * enterprise waits for an account manager; every key account has its planned callback (回访), one
 * of them overdue and one due this week. Runs once, right after the demo company is created.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { creditCodeCheckCharacter } from '../domain/customers/credit-code.js';
import { fromWallClock, wallClock } from '../domain/time-limits/working-days.js';
import { indexWords } from '../modules/tickets/service.js';
import { rebuildCustomerDerived } from '../modules/customers/derive.js';
import { insertAddress, insertContact, insertCustomer, insertMonthlyAccount, planAccountCallbacks, slotOn } from '../modules/customers/service.js';
import type { ReferenceData } from '../modules/reference/cache.js';
import { mobileNumber, personName } from '../simulator/people.js';
import { addressIn, pickPlace, placeIn, type Place } from '../simulator/places.js';
import { createRandom } from '../simulator/random.js';

const DAY = 86_400_000;

interface DemoAccount {
  name: string;
  city: string;
  industry: string;
  /** days since the relationship began */
  age: number;
  /** parcels a month */
  monthly: number;
  /** share delivered on time, the last 30 days (the months before: 0.97) */
  onTime: number;
  key: boolean;
  kam: boolean;
}

const ACCOUNTS: DemoAccount[] = [
  { name: '上海云帆电子商务有限公司', city: '310000', industry: '电子商务', age: 420, monthly: 60, onTime: 0.95, key: true, kam: true },
  { name: '上海恒达服饰有限公司', city: '310000', industry: '服饰', age: 200, monthly: 45, onTime: 0.82, key: true, kam: true },
  { name: '杭州锦程贸易有限公司', city: '330100', industry: '贸易', age: 45, monthly: 30, onTime: 0.97, key: true, kam: true },
  { name: '苏州德信电子科技有限公司', city: '320500', industry: '电子科技', age: 300, monthly: 40, onTime: 0.9, key: true, kam: true },
  { name: '上海宏远食品有限公司', city: '310000', industry: '食品', age: 90, monthly: 12, onTime: 0.96, key: false, kam: true },
  { name: '南京嘉禾家居用品有限公司', city: '320100', industry: '家居用品', age: 60, monthly: 20, onTime: 0.97, key: true, kam: false },
];

const localDate = (ms: number, zone: string) => new Date(wallClock(new Date(ms), zone)).toISOString().slice(0, 10);

export async function seedDemoAccounts(db: Kysely<DB>, reference: ReferenceData, now = new Date()): Promise<{ customers: number; shipments: number; keyAccountIds: string[] }> {
  const calendar = await reference.calendar(db);
  const zone = calendar.timeZone;
  const random = createRandom(2026_12);
  const kam = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'kam01').executeTakeFirstOrThrow();
  const manager = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'manager01').executeTakeFirstOrThrow();
  const by = { id: manager.id, name: manager.display_name };
  let shipments = 0;
  const ids: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (const [i, a] of ACCOUNTS.entries()) {
      const first17 = `91${a.city}${random.digits(9)}`; // 法人和其他组织 · 企业, the registering region, the organisation code
      const creditCode = first17 + creditCodeCheckCharacter(first17);
      const start = new Date(now.getTime() - a.age * DAY);
      const row = await insertCustomer(
        trx,
        {
          name: a.name,
          kind: 'enterprise',
          credit_code: creditCode,
          industry: a.industry,
          company_nature: 'private',
          headcount: random.int(40, 800),
          coverage_area: '华东',
          business_status: 'operating',
          credit_rating: random.pick(['AAA', 'AA', 'A'] as const),
          credit_limit_fen: random.int(5, 50) * 1_000_000,
          account_manager_id: a.kam ? kam.id : null,
          created_by: manager.id,
        },
        indexWords(a.name),
      );
      ids.push(row.id);
      await trx.updateTable('customers').set({ tier: a.key ? 'key' : 'standard', created_at: start } as never).where('id', '=', row.id).execute();
      const place: Place = placeIn(random, a.city);
      const contact = personName(random);
      const phone = mobileNumber(random);
      await insertContact(trx, row.id, {
        name: contact.name,
        role: '发货负责人',
        phones: [phone],
        email: null,
        wechat: null,
        callback_windows: i % 2 === 0 ? [{ from: '10:00', to: '11:30' }] : [{ from: '14:00', to: '17:00' }],
        note: '',
      });
      const pickup = addressIn(random, place, 'business');
      const region = { province: place.provinceCode, city: place.cityCode, district: place.districtCode };
      await insertAddress(trx, row.id, { kind: 'pickup', address: pickup.text, ...region, contact_name: contact.name, contact_phone: phone }, by);
      await insertAddress(trx, row.id, { kind: 'billing', address: addressIn(random, place, 'office').text, ...region, contact_name: null, contact_phone: null }, by);
      const accountNo = `${a.city.slice(0, 3)}${String(8_000_000 + i).padStart(7, '0')}`;
      await insertMonthlyAccount(trx, row.id, accountNo, manager.id);
      const rows = [];
      const days = Math.min(a.age, 100); // the desk's health reads 90 days: more would only slow the first start
      const count = Math.round((a.monthly * days) / 30);
      for (let n = 0; n < count; n++) {
        const created = now.getTime() - random.between(0.2, days) * DAY;
        const to = pickPlace(random, { spread: true }) ?? place;
        const recipient = personName(random);
        const promised = created + (to.provinceCode === place.provinceCode ? 1 : 3) * DAY;
        const onTime = random.chance(now.getTime() - created < 30 * DAY ? a.onTime : 0.97);
        const delivered = onTime ? promised - random.between(0.1, 0.8) * DAY : promised + random.between(0.2, 2) * DAY;
        const done = delivered < now.getTime();
        rows.push({
          waybill_no: `KA${String(i + 1).padStart(2, '0')}${String(n).padStart(8, '0')}`,
          sender_name: a.name,
          sender_phone: phone,
          sender_address: pickup.text,
          sender_province: place.provinceCode,
          sender_city: place.cityCode,
          sender_district: place.districtCode,
          recipient_name: recipient.name,
          recipient_phone: mobileNumber(random),
          recipient_address: addressIn(random, to, 'home').text,
          recipient_province: to.provinceCode,
          recipient_city: to.cityCode,
          recipient_district: to.districtCode,
          weight_g: random.int(200, 8000),
          freight_fen: random.int(800, 3000),
          payment_term: 'monthly',
          monthly_account: accountNo,
          registered: true,
          created_at: new Date(created),
          picked_up_at: new Date(created + 2 * 3600_000),
          promised_at: new Date(promised),
          delivered_at: done ? new Date(delivered) : null,
          status: done ? 'delivered' : 'in_transit',
          sub_status: done ? 'delivered' : 'in_transit',
          terminal: done,
        });
      }
      for (let k = 0; k < rows.length; k += 500) await trx.insertInto('shipments').values(rows.slice(k, k + 500) as never).execute();
      shipments += rows.length;
    }
    // One overdue planned callback (恒达, four days late) and one due this week (锦程, in two days).
    for (const [index, offset] of [[1, -4], [2, 2]] as const) {
      const date = localDate(now.getTime() + offset * DAY, zone);
      const dueAt = offset < 0 ? fromWallClock(Date.parse(`${date}T14:00:00Z`), zone) : slotOn(date, [{ start: '10:00', end: '11:30' }], calendar);
      await trx.insertInto('account_callbacks').values({ customer_id: ids[index]!, due_date: localDate(dueAt.getTime(), zone), due_at: dueAt, cadence: 'monthly' }).execute();
    }
  });
  await planAccountCallbacks({ db, reference });
  // Every key account of the demo (these and the survey's) is one by contract, set by hand — a
  // tier pin, as a manager sets one — so the tier rule does not move it whatever its demo volume.
  await sql`
    insert into customer_tier_pins (customer_id, tier, reason, until, pinned_by, pinned_by_name, pinned_at)
    select id, 'key', '年度大客户服务协议（演示数据）', null, ${manager.id}, ${manager.display_name}, created_at
    from customers where tier = 'key' and merged_into_id is null
    on conflict (customer_id) do nothing`.execute(db);
  // Habits, RFM and tiers as the nightly jobs would have left them, so the customer pages show them at once.
  await rebuildCustomerDerived(db, now, zone);
  return { customers: ACCOUNTS.length, shipments, keyAccountIds: ids.filter((_, i) => ACCOUNTS[i]!.key) };
}

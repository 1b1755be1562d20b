/**
 * One customer per phone (issue 14 §12). Ticket creation found-or-inserted the customer by phone
 * with nothing to stop two creations at once from inserting the same phone twice. Existing
 * duplicates are merged into the oldest row of each phone: every foreign key that points at
 * customers is repointed to it, it keeps the richest data of the group (a real name rather than the
 * last-4 placeholder, the key tier, enterprise, an account manager), one audit entry per merge
 * names the rows merged, and the duplicates go. Then the phone is unique (several rows without a
 * phone stay allowed). Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create temporary table customer_merges as
    select id as duplicate_id, keeper_id from (
      select c.id, first_value(c.id) over (partition by c.phone order by c.created_at, c.id) as keeper_id
      from customers c where c.phone is not null
    ) g where id <> keeper_id`.execute(db);

  await sql`
    with members as (
      select keeper_id, duplicate_id as id from customer_merges
      union select distinct keeper_id, keeper_id from customer_merges
    ), richest as (
      select m.keeper_id,
        (array_agg(c.name order by c.created_at, c.id) filter (where c.name <> '' and c.name <> right(c.phone, 4)))[1] as name,
        bool_or(c.tier = 'key') as key_tier,
        bool_or(c.kind = 'enterprise') as enterprise,
        (array_agg(c.account_manager_id order by c.created_at, c.id) filter (where c.account_manager_id is not null))[1] as account_manager_id
      from members m join customers c on c.id = m.id
      group by m.keeper_id
    )
    update customers k set
      name = coalesce(r.name, k.name),
      tier = case when r.key_tier then 'key' else k.tier end,
      kind = case when r.enterprise then 'enterprise' else k.kind end,
      account_manager_id = coalesce(k.account_manager_id, r.account_manager_id),
      updated_at = now()
    from richest r where k.id = r.keeper_id`.execute(db);

  // Every foreign key to customers, whichever tables hold one by now.
  await sql`
    do $$
    declare fk record;
    begin
      for fk in
        select cl.relname as tbl, a.attname as col
        from pg_constraint con
        join pg_class cl on cl.oid = con.conrelid
        join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
        where con.contype = 'f' and con.confrelid = 'customers'::regclass
      loop
        execute format('update %I t set %I = m.keeper_id from customer_merges m where t.%I = m.duplicate_id', fk.tbl, fk.col, fk.col);
      end loop;
    end $$`.execute(db);

  await sql`
    insert into audit_log (actor_id, actor_name, action, subject_type, subject_id, detail)
    select null, 'system', 'customer.merge', 'customer', keeper_id::text,
      jsonb_build_object('mergedIds', jsonb_agg(duplicate_id::text order by duplicate_id), 'reason', 'same phone')
    from customer_merges group by keeper_id`.execute(db);

  await sql`delete from customers where id in (select duplicate_id from customer_merges)`.execute(db);
  await sql`drop table customer_merges`.execute(db);
  await sql`drop index if exists customers_phone`.execute(db);
  await sql`alter table customers add constraint customers_phone_key unique (phone)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table customers drop constraint customers_phone_key`.execute(db);
  await sql`create index customers_phone on customers (phone)`.execute(db);
}

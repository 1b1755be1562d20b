/**
 * Open exception tickets on an existing database take the title of their parcel's story (issue 15
 * §1): before, a ticket kept the title of the exception that opened it (快件停滞无更新：PD…) when a
 * worse one joined it (a loss). Each open ticket the exception job opened, still titled as the
 * system wrote it, takes the title of the most serious open exception linked to it, with a system
 * `edit` entry on its timeline and the new title's words for search — what the job now does as
 * exceptions join (domain/tracking/story.ts). A title a person wrote is left alone. The titles and
 * their search words are literals: frozen once shipped, whatever the code says later.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    with titles(kind, title, words, rank) as (
      values ('lost', '彻底延误（按丢失处理）', '彻底 延误 按 丢失 处理', 1),
             ('damaged', '快件破损', '快件 破损', 2),
             ('refused', '收件人拒收', '收件 收件人 拒收', 3),
             ('returned', '快件退回中', '快件 退回 中', 4),
             ('undeliverable', '无法派送', '无法 派送', 5),
             ('stalled', '快件停滞无更新', '快件 停滞 无 更新', 6),
             ('not_collected', '驿站/快递柜未取件', '驿站 快递 柜未 取件', 7),
             ('delayed', '快件延误', '快件 延误', 8)
    ), written(title, rank) as (
      -- what the system wrote, including the return's earlier title
      select title, rank from titles union all values ('快件退回', 4)
    ), current as (
      select t.id, t.subject, t.exception_waybill_no as waybill_no, w.rank
      from tickets t join written w on t.subject = w.title || '：' || t.exception_waybill_no
      where t.exception_waybill_no is not null and t.status in ('new', 'open', 'pending_customer', 'pending_department')
    ), worst as (
      select c.id, c.subject, c.waybill_no, min(x.rank) as rank
      from current c
      join shipment_exceptions e on e.ticket_id = c.id and e.cleared_at is null
      join titles x on x.kind = e.kind
      group by c.id, c.subject, c.waybill_no, c.rank
      having min(x.rank) < c.rank
    ), changed as (
      update tickets t
      set subject = n.title || '：' || w.waybill_no, search = t.search || to_tsvector('simple', n.words),
        version = t.version + 1, updated_at = now()
      from worst w join titles n on n.rank = w.rank
      where t.id = w.id
      returning t.id, w.subject as old_subject, t.subject as new_subject
    )
    insert into ticket_events (ticket_id, actor_name, kind, visibility, from_value, to_value, detail)
    select id, '系统', 'edit', 'internal', old_subject, new_subject, '{"field": "subject", "reason": "exception"}'::jsonb
    from changed`.execute(db);
}

export async function down(): Promise<void> {
  // The titles stay: the timeline says what they were.
}

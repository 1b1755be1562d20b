/**
 * Existing installations get the company's common spoken forms of the rude questions and the
 * impatient answers (听不懂吗, 急什么急, 下班了，明天再打 …) that new installations seed with the
 * rest of the phrase list. Nothing is inserted into an empty list (the seed fills it after the
 * migrations), and a phrase an admin already has (same normal form) is left as it is.
 */
import { type Kysely, sql } from 'kysely';

const Q = '公司补充（非规范原文）：《物流部客户服务规范》§五 2 反问、质问客户的常见说法';
const I = '公司补充（非规范原文）：《物流部客户服务规范》§五 4 厌烦、训斥客户的常见说法';

const ROWS: readonly (readonly [phrase: string, normalized: string, category: string, match: string, source: string])[] = [
  ['听不懂吗', '听不懂吗', 'questioning', 'contains', Q],
  ['听不明白吗', '听不明白吗', 'questioning', 'contains', Q],
  ['听不懂人话', '听不懂人话', 'questioning', 'contains', Q],
  ['你没长耳朵', '你没长耳朵', 'questioning', 'contains', Q],
  ['你识不识字', '你识不识字', 'questioning', 'contains', Q],
  ['你自己不会看吗', '你自己不会看吗', 'questioning', 'contains', Q],
  ['不会自己查吗', '不会自己查吗', 'questioning', 'contains', Q],
  ['说了多少遍了', '说了多少遍了', 'questioning', 'contains', Q],
  ['急什么急', '急什么急', 'impatience', 'contains', I],
  ['急什么', '急什么', 'impatience', 'standalone', I],
  ['催什么催', '催什么催', 'impatience', 'contains', I],
  ['烦不烦', '烦不烦', 'impatience', 'contains', I],
  ['吵什么吵', '吵什么吵', 'impatience', 'contains', I],
  ['下班了，明天再打', '下班了明天再打', 'impatience', 'contains', I],
  ['我要下班了', '我要下班了', 'impatience', 'contains', I],
  ['爱寄不寄', '爱寄不寄', 'impatience', 'contains', I],
  ['爱投诉就投诉', '爱投诉就投诉', 'impatience', 'contains', I],
  ['随便你', '随便你', 'impatience', 'standalone', I],
  ['没空跟你说', '没空跟你说', 'impatience', 'contains', I],
  ['别烦我', '别烦我', 'impatience', 'contains', I],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [phrase, normalized, category, match, source] of ROWS) {
    await sql`
      insert into forbidden_phrases (phrase, normalized, category, match, source)
      select ${phrase}, ${normalized}, ${category}, ${match}, ${source}
      where exists (select 1 from forbidden_phrases)
      on conflict (normalized) do nothing`.execute(db);
  }
}

export async function down(_db: Kysely<any>): Promise<void> {}
